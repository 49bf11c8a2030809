"""A records folder is read on every processor (ocop.common.parallel): the reading must be exactly the
one made in a single process — the same products, the same problems at the same lines and columns in
the same order, the checks across records included — whatever a child does, and no child may be left
behind."""

import os
import shutil
import time
from datetime import date

import pytest
from conftest import SAMPLE_UNITS
from test_record_cache import reading

from ocop.common import parallel
from ocop.reading import dataset as datasets
from ocop.reading.dataset import load_dataset

TODAY = date(2026, 11, 28)
SAMPLE_PRODUCTS = SAMPLE_UNITS.parent


@pytest.fixture
def forks(monkeypatch):
    """Split even a small folder over three processes, on any machine; the pids of the children made."""
    made = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(parallel, "SMALLEST_RUN", 1)
    monkeypatch.setattr(parallel, "processors", lambda: 3)
    monkeypatch.setattr(parallel.os, "fork", fork)
    return made


def assert_all_reaped(pids):
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@pytest.fixture
def mixed_folder(tmp_path):
    """The sample records (one withdrawn), with broken and misnamed files among them."""
    folder = tmp_path / "products"
    shutil.copytree(SAMPLE_PRODUCTS, folder)
    (folder / "LC-0090.yaml").write_text("id: LC-0090\nname: [unclosed\n", encoding="utf-8")
    (folder / "LC-0091.yaml").write_text((folder / "LC-0001.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    withdrawn = (folder / "LC-0015.yaml").read_text(encoding="utf-8")
    (folder / "LC-0092.yml").write_text(withdrawn.replace("id: LC-0015", "id: LC-0092"), encoding="utf-8")
    # Replaced by a record that is not there: found across records, at a line of the kept document.
    (folder / "LC-0093.yaml").write_text(withdrawn.replace("id: LC-0015", "id: LC-0093").replace(
        "replaced_by: LC-0002", "replaced_by: LC-0999"), encoding="utf-8")
    (folder / "ghi-chu.txt").write_text("ghi chú\n", encoding="utf-8")
    (folder / "cu").mkdir()
    return folder


@pytest.mark.parametrize("check_history", [True, False])
def test_a_folder_read_on_three_processes_is_the_folder_read_in_one(mixed_folder, forks, monkeypatch,
                                                                    check_history):
    together = load_dataset(mixed_folder, TODAY, check_history=check_history)
    assert len(forks) == 2  # two children, this process the third
    monkeypatch.setattr(parallel, "processors", lambda: 1)
    alone = load_dataset(mixed_folder, TODAY, check_history=check_history)
    assert len(forks) == 2
    assert reading(together) == reading(alone)
    codes = {p.code for p in alone.problems}
    assert {"SP003", "SP202", "SP008", "SP009"} <= codes  # the broken files are in the comparison
    [replaced] = [(p.file.rpartition("/")[2], p.line, p.path) for p in alone.problems if p.code == "SP240"]
    assert replaced == ("LC-0093.yaml", 52, "withdrawn.replaced_by")
    assert_all_reaped(forks)


def test_a_folder_read_on_three_processes_keeps_every_reading_in_the_cache(mixed_folder, forks, tmp_path,
                                                                           monkeypatch):
    read_afresh = []
    real = datasets._record_from_text
    monkeypatch.setattr(datasets, "_record_from_text",
                        lambda *a, **k: read_afresh.append(a[1].rpartition("/")[2]) or real(*a, **k))

    def warm_reading(cache):
        cold = load_dataset(mixed_folder, TODAY, cache_dir=cache)
        read_afresh.clear()
        warm = load_dataset(mixed_folder, TODAY, cache_dir=cache)
        assert reading(warm) == reading(cold)
        return reading(warm), list(read_afresh)

    together = warm_reading(tmp_path / "cache-together")
    assert len(forks) == 2  # the warm reading is made here: a cache that holds readings sends nothing back
    monkeypatch.setattr(parallel, "processors", lambda: 1)
    alone = warm_reading(tmp_path / "cache-alone")
    assert together == alone
    assert alone[1] == ["LC-0090.yaml"]  # only the broken record, which has no reading to keep


def test_a_reading_taken_from_the_cache_does_not_write_the_cache_again(mixed_folder, tmp_path):
    cache = tmp_path / "cache"
    load_dataset(mixed_folder, TODAY, cache_dir=cache)
    [kept] = cache.iterdir()
    written = kept.stat().st_ino, kept.stat().st_mtime_ns
    load_dataset(mixed_folder, TODAY, cache_dir=cache)
    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) == written


def test_a_child_that_fails_leaves_its_run_to_the_parent(forks, monkeypatch):
    parent = os.getpid()

    def square(number):
        if os.getpid() != parent and number == 7:
            os._exit(3)  # a child killed half-way (out of memory, say)
        return number * number

    assert parallel.map_in_processes(square, list(range(12))) == [n * n for n in range(12)]
    assert len(forks) == 2
    assert_all_reaped(forks)


def test_a_result_a_child_cannot_send_is_made_by_the_parent(forks):
    parent = os.getpid()

    def result(number):
        return (lambda: number) if os.getpid() != parent else number  # a lambda cannot be pickled

    assert parallel.map_in_processes(result, list(range(9)), keep=lambda r: r) == list(range(9))
    assert_all_reaped(forks)


def test_a_failure_in_the_parent_stops_the_children(forks):
    parent = os.getpid()

    def slow_or_failing(number):
        if os.getpid() == parent:
            raise ValueError("stopped")
        os.system("sleep 30")  # a child still at work when the parent stops
        return number

    with pytest.raises(ValueError, match="stopped"):
        parallel.map_in_processes(slow_or_failing, list(range(9)))
    assert len(forks) == 2
    assert_all_reaped(forks)


def test_the_batches_are_shared_and_come_back_in_order(forks):
    parent = os.getpid()

    def made_by(number):
        time.sleep(0.002)  # each process takes batches while the others work
        return os.getpid(), number

    results = parallel.map_in_processes(made_by, list(range(120)))
    assert [number for _, number in results] == list(range(120))
    makers = {pid for pid, _ in results}
    assert parent in makers and makers - {parent} and makers <= {parent, *forks}
    assert_all_reaped(forks)


def test_what_a_child_sent_before_it_failed_is_kept_the_rest_done_by_the_parent(forks):
    parent = os.getpid()
    made_here = []

    def made_by(number):
        if os.getpid() != parent and number >= 60:
            os._exit(3)  # every child stops at its first batch past the middle
        if os.getpid() == parent:
            made_here.append(number)
        time.sleep(0.002)
        return os.getpid(), number

    results = parallel.map_in_processes(made_by, list(range(120)))
    assert [number for _, number in results] == list(range(120))
    from_children = [number for pid, number in results if pid != parent]
    assert from_children and max(from_children) < 60  # the children's whole batches, kept
    assert not set(from_children) & set(made_here)  # and not made again
    assert set(range(60, 120)) <= set(made_here)
    assert_all_reaped(forks)


def test_no_more_batches_than_their_pipe_holds(forks, monkeypatch):
    counts = []
    real = parallel._Claims

    def claims(count):
        counts.append(count)
        return real(count)

    monkeypatch.setattr(parallel, "MOST_BATCHES", 7)
    monkeypatch.setattr(parallel, "_Claims", claims)
    assert parallel.map_in_processes(str, list(range(1000))) == [str(n) for n in range(1000)]
    assert counts and counts[0] <= 7
    assert_all_reaped(forks)


def test_few_items_or_one_processor_fork_nothing(monkeypatch):
    made = []
    monkeypatch.setattr(parallel.os, "fork", lambda: made.append(1))
    monkeypatch.setattr(parallel, "processors", lambda: 4)
    assert parallel.map_in_processes(str, list(range(parallel.SMALLEST_RUN * 2 - 1))) == [
        str(n) for n in range(parallel.SMALLEST_RUN * 2 - 1)]
    monkeypatch.setattr(parallel, "processors", lambda: 1)
    assert parallel.map_in_processes(str, list(range(5000))) == [str(n) for n in range(5000)]
    assert made == []
