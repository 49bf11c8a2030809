"""Two officers run ``ocop new`` on one folder at the same moment: each gets its own id and file.

Both read the folder, both plan the same next id; the file is created with mode "x", so one of
them finds it taken and plans the next id (the record's text holds its id, so it is written
again). First real processes started together, then the same race made certain in-process.
"""

import os
import subprocess
import sys
import time

import pytest
from conftest import GOOD_RECORD, TODAY, TODAY_ARG, write_record

import ocop.reading.new_record
from ocop.reading.dataset import load_dataset

# What a git hook would set; the processes must not see the project's own repository.
HOOK_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES")
NEW = ("new", "--products", "products", "--today", TODAY_ARG, "--name", "Miến dong Tân Phong", "--product-set", "6",
       "--unit", "phuong-tan-phong")
# Each process imports everything, then waits for the go file: they all call main() within a few
# milliseconds of each other, read the same folder and plan the same id.
WAIT_THEN_RUN = """\
import sys, time, pathlib
import ocop.cli
go = pathlib.Path(sys.argv[1])
pathlib.Path(sys.argv[2]).touch()
deadline = time.monotonic() + 60
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.001)
sys.exit(ocop.cli.main(sys.argv[3:]))
"""
PROCESSES = 4  # each takes about a second of CPU (imports, reading the folder twice)


def record_with_id(record_id):
    return GOOD_RECORD.replace("id: LC-0001", f"id: {record_id}")


def test_officers_running_ocop_new_at_once_each_get_their_own_id(products, tmp_path):
    write_record(products, "LC-0001", record_with_id("LC-0001"))
    env = {name: value for name, value in os.environ.items() if name not in HOOK_VARIABLES}
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{n}" for n in range(PROCESSES)]
    started = [subprocess.Popen([sys.executable, "-c", WAIT_THEN_RUN, str(go), str(ready[n]), *NEW], cwd=tmp_path,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n in range(PROCESSES)]
    try:
        deadline = time.monotonic() + 60
        while not all(path.exists() for path in ready) and time.monotonic() < deadline:
            time.sleep(0.01)
        go.touch()
        results = [(process.wait(timeout=120), *process.communicate()) for process in started]
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
    for status, out, err in results:
        assert status == 0, err
        assert "Traceback" not in err and "File exists" not in err
    printed = sorted(out for _, out, _ in results)
    expected = [f"LC-{number:04d}" for number in range(2, 2 + PROCESSES)]
    # Distinct ids, and no gap: each took the next one never used.
    assert printed == [f"products/{record_id}.yaml\n" for record_id in expected]
    assert sorted(path.stem for path in products.glob("LC-*.yaml")) == ["LC-0001", *expected]
    data = load_dataset(products, TODAY)
    assert data.errors == []  # no duplicate id (SP202), no half-written file
    assert {p.id for p in data.products} == {"LC-0001", *expected}
    for record_id in expected:  # each file holds its own id
        assert f"\nid: {record_id}\n" in (products / f"{record_id}.yaml").read_text(encoding="utf-8")


# -- the same race, made certain ---------------------------------------------------------------

def another_officer_takes(monkeypatch, products, times):
    """Between the planning and the writing of the record, another `ocop new` creates the file
    planned — ``times`` times in a row. Returns the ids it took."""
    real = ocop.reading.new_record.plan_new_record
    taken = []

    def plan_then_lose_the_race(*args, **kwargs):
        plan = real(*args, **kwargs)
        if len(taken) < times:
            write_record(products, plan.id, record_with_id(plan.id))
            taken.append(plan.id)
        return plan

    monkeypatch.setattr(ocop.reading.new_record, "plan_new_record", plan_then_lose_the_race)
    return taken


def run_new(run_ocop, *options):
    return run_ocop(*NEW, *options)


def test_the_id_taken_just_before_the_write_is_skipped(products, run_ocop, monkeypatch):
    write_record(products, "LC-0001", record_with_id("LC-0001"))
    taken = another_officer_takes(monkeypatch, products, times=1)
    result = run_new(run_ocop)
    assert taken == ["LC-0002"]
    assert (result.status, result.out) == (0, "products/LC-0003.yaml\n"), result.err
    assert "File exists" not in result.err
    # the other officer's record is untouched; ours holds its own id
    assert (products / "LC-0002.yaml").read_text(encoding="utf-8") == record_with_id("LC-0002")
    assert "\nid: LC-0003\n" in (products / "LC-0003.yaml").read_text(encoding="utf-8")
    assert run_ocop("validate", "--today", TODAY_ARG).status == 0


def test_several_ids_taken_in_a_row_are_all_skipped(products, run_ocop, monkeypatch):
    taken = another_officer_takes(monkeypatch, products, times=3)
    result = run_new(run_ocop, "--format", "json")
    assert taken == ["LC-0001", "LC-0002", "LC-0003"]
    assert result.status == 0
    assert '"id": "LC-0004"' in result.out and '"path": "products/LC-0004.yaml"' in result.out


def test_an_id_always_taken_gives_up_with_a_bilingual_message(products, run_ocop, monkeypatch):
    attempts = ocop.reading.new_record.CREATE_ATTEMPTS
    taken = another_officer_takes(monkeypatch, products, times=attempts)
    result = run_new(run_ocop)
    assert len(taken) == attempts
    assert result.status == 2 and result.out == ""
    assert f"Không tạo được hồ sơ mới: {attempts} lần liền" in result.err
    assert f"Could not create the new record: {attempts} times in a row" in result.err
    assert sorted(path.stem for path in products.glob("LC-*.yaml")) == taken  # nothing of ours left behind


def test_a_file_that_cannot_be_written_is_removed(products, run_ocop, monkeypatch):
    """A record half written (disk full) would hold the id and fail validation: it is removed."""
    import ocop.cli.new

    monkeypatch.setattr(ocop.cli.new, "open", _failing_open, raising=False)
    result = run_new(run_ocop)
    assert result.status == 2
    assert "No space left on device" in result.err and "Không ghi được 'products/LC-0001.yaml'" in result.err
    assert list(products.glob("LC-*.yaml")) == []


class _FullDisk:
    """A file opened for writing on a full disk: created, but every write fails."""

    def __init__(self, path, mode, **kwargs):
        self.file = open(path, mode, **kwargs)  # noqa: SIM115 - closed in __exit__

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()

    def write(self, text):
        raise OSError(28, "No space left on device")


def _failing_open(path, mode="r", **kwargs):
    return _FullDisk(path, mode, **kwargs)


@pytest.fixture(autouse=True)
def _no_hook_git(monkeypatch):
    for name in HOOK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
