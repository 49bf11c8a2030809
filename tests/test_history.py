"""An id once published stays answerable for ever: a deleted record file is found in the git history.

Each test makes a small git repository in tmp_path (``products/`` at its top,
as in the project), commits records, deletes or changes some, and runs
``ocop validate`` (in-process) or the Pelican build (a subprocess) on it.
Published means: some committed version of the file had a certificate.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD_RECORD, TODAY, TODAY_ARG, write_record

import ocop.cli
import ocop.reading.history
from ocop.reading.dataset import load_dataset
from ocop.reading.history import (
    GIT_FAILED,
    NO_REPOSITORY,
    SHALLOW,
    check_deleted_records,
    ids_in_git_history,
)

REPO = Path(__file__).resolve().parent.parent
VALIDATE = ("validate", "--products", "products", "--today", TODAY_ARG)
GIT = ("git", "-c", "user.name=Cán bộ", "-c", "user.email=canbo@example.vn", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null")
# What a git hook would set; the tests' own git must find the tests' repository.
HOOK_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES")

CANDIDATE = GOOD_RECORD.split("certificates:\n")[0]  # never certified: never published
WITHDRAWN = "withdrawn:\n  date: 2026-09-01\n  reason: {vi: Chủ thể ngừng sản xuất sản phẩm này.}\n"


def record(record_id, text=GOOD_RECORD, extra=""):
    return text.replace("id: LC-0001", f"id: {record_id}") + extra


def git(folder, *args) -> str:
    result = subprocess.run([*GIT, *args], cwd=folder, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def commit(root, message="records"):
    git(root, "add", "-A", "products")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def repository(products, monkeypatch):
    """A git work tree at tmp_path holding ``products/``; the cwd is tmp_path (paths print as
    ``products/LC-0001.yaml``). First commit: LC-0001 and LC-0042, both certified, and LC-0050,
    a candidate."""
    for name in HOOK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    root = products.parent
    git(root, "init", "-q")
    write_record(products, "LC-0001", GOOD_RECORD)
    write_record(products, "LC-0042", record("LC-0042"))
    write_record(products, "LC-0050", record("LC-0050", CANDIDATE))
    commit(root, "three records")
    return root


def fix_and_message(deleting_commit):
    restore = f"{deleting_commit[:12]}^"
    return (
        'products/LC-0042.yaml: lỗi SP250\n'
        '  Hồ sơ LC-0042 đã công bố nhưng tệp products/LC-0042.yaml bị xoá (lịch sử git có phiên bản mang giấy'
        ' chứng nhận): mã QR in trên bao bì sẽ dẫn tới trang không còn.'
        ' / Record LC-0042 was published but its file products/LC-0042.yaml was deleted (the git history holds'
        ' a version with a certificate): QR codes printed on packages would lead to a page that is gone.\n'
        f"  Cách sửa: khôi phục tệp (git checkout {restore} -- products/LC-0042.yaml) và ghi 'withdrawn:'"
        " (ngày, lý do) thay vì xoá; mã LC-0042 không bao giờ dùng lại."
        f" / Fix: restore the file (git checkout {restore} -- products/LC-0042.yaml) and mark it 'withdrawn:'"
        " (date, reason) instead of deleting it; the id LC-0042 is never used again.\n")


SUMMARY_CLEAN = "2 hồ sơ, 0 lỗi, 0 cảnh báo. / 2 records, 0 errors, 0 warnings.\n"


# -- a published record deleted -----------------------------------------------------------------

def test_deleting_a_certified_record_is_refused_with_the_commit_to_restore_it_from(repository, run_ocop):
    (repository / "products" / "LC-0042.yaml").unlink()
    deleting = commit(repository, "LC-0042 deleted")
    result = run_ocop(*VALIDATE)
    assert result.status == 1
    assert result.out == fix_and_message(deleting) + "\n" + (
        "2 hồ sơ, 1 lỗi, 0 cảnh báo. / 2 records, 1 error, 0 warnings.\n")
    assert result.err == ""


def test_the_fix_restores_the_last_published_version(repository, run_ocop):
    """Running the command the fix gives, then marking the record withdrawn, is clean again."""
    (repository / "products" / "LC-0042.yaml").unlink()
    deleting = commit(repository, "LC-0042 deleted")
    git(repository, "checkout", f"{deleting}^", "--", "products/LC-0042.yaml")
    assert (repository / "products" / "LC-0042.yaml").read_text(encoding="utf-8") == record("LC-0042")
    write_record(repository / "products", "LC-0042", record("LC-0042", extra=WITHDRAWN))
    commit(repository, "LC-0042 withdrawn")
    result = run_ocop(*VALIDATE, "--strict")
    assert result.status == 0
    assert result.out == "3 hồ sơ, 0 lỗi, 0 cảnh báo. / 3 records, 0 errors, 0 warnings.\n"


def test_a_deletion_not_yet_committed_is_found_before_the_commit(repository, run_ocop):
    first = git(repository, "rev-parse", "HEAD")
    (repository / "products" / "LC-0042.yaml").unlink()
    result = run_ocop(*VALIDATE)
    assert result.status == 1
    # The version to restore is the committed one: in the commit that wrote it, not in its parent.
    assert f"git checkout {first[:12]} -- products/LC-0042.yaml" in result.out


def test_certificates_removed_before_the_deletion_do_not_hide_it(repository, run_ocop):
    """A candidate is not published: the fix must bring back the version that had the certificate."""
    write_record(repository / "products", "LC-0042", record("LC-0042", CANDIDATE))
    commit(repository, "certificates removed")
    (repository / "products" / "LC-0042.yaml").unlink()
    commit(repository, "LC-0042 deleted")
    result = run_ocop(*VALIDATE)
    assert result.status == 1
    revision = re.search(r"git checkout (\S+) -- products/LC-0042\.yaml", result.out)[1]
    git(repository, "checkout", revision, "--", "products/LC-0042.yaml")
    assert (repository / "products" / "LC-0042.yaml").read_text(encoding="utf-8") == record("LC-0042")


def test_the_build_refuses_with_the_message_and_no_traceback(repository, tmp_path):
    (repository / "products" / "LC-0042.yaml").unlink()
    deleting = commit(repository, "LC-0042 deleted")
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("OCOP_") and name not in HOOK_VARIABLES}
    env.update(OCOP_PRODUCTS=str(repository / "products"), OCOP_TODAY=TODAY_ARG, OCOP_CACHE_DIR=str(tmp_path / "cache"))
    result = subprocess.run([_pelican(), "content", "-o", str(tmp_path / "out"), "-s", "pelicanconf.py"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    shown = os.path.relpath(repository / "products" / "LC-0042.yaml", REPO)
    assert fix_and_message(deleting).replace("products/LC-0042.yaml", shown) in result.stderr
    assert "Không dựng trang: 1 lỗi trong hồ sơ" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out" / "p").exists()


def _pelican() -> str:
    beside = Path(sys.executable).with_name("pelican")
    return str(beside if beside.exists() else REPO / ".venv" / "bin" / "pelican")


# -- what is not a published record deleted ------------------------------------------------------

def test_deleting_a_candidate_is_fine(repository, run_ocop):
    (repository / "products" / "LC-0050.yaml").unlink()
    commit(repository, "candidate dropped")
    result = run_ocop(*VALIDATE, "--strict")
    assert (result.status, result.out) == (0, SUMMARY_CLEAN)


def test_the_record_restored_as_withdrawn_is_fine(repository, run_ocop):
    (repository / "products" / "LC-0042.yaml").unlink()
    commit(repository, "LC-0042 deleted")
    write_record(repository / "products", "LC-0042", record("LC-0042", extra=WITHDRAWN))
    commit(repository, "LC-0042 back, withdrawn")
    result = run_ocop(*VALIDATE, "--strict")
    assert result.status == 0 and "SP250" not in result.out


def test_an_id_kept_as_another_records_alias_is_answered(repository, run_ocop):
    (repository / "products" / "LC-0042.yaml").unlink()
    write_record(repository / "products", "LC-0001", GOOD_RECORD + "aliases:\n  - LC-0042\n")
    commit(repository, "LC-0042 merged into LC-0001")
    result = run_ocop(*VALIDATE, "--strict")
    assert (result.status, result.out) == (0, SUMMARY_CLEAN)


def test_a_record_under_another_file_name_with_the_same_id_is_not_deleted(repository):
    """LC-0042.yaml renamed LC-0042.yml: the wrong extension is its own error (SP008), not a deletion."""
    products = repository / "products"
    (products / "LC-0042.yaml").rename(products / "LC-0042.yml")
    commit(repository, "renamed")
    codes = [p.code for p in load_dataset(products, TODAY).problems]
    assert codes == ["SP008"]
    # and, told directly, the history reader keeps any id still answered for
    (products / "LC-0042.yml").unlink()
    assert check_deleted_records(products, answered_ids={"LC-0042"}).deleted == ()
    assert [d.id for d in check_deleted_records(products, answered_ids=set()).deleted] == ["LC-0042"]


def test_a_record_deleted_on_an_unmerged_branch_is_not_this_branchs_concern(repository, run_ocop):
    git(repository, "checkout", "-q", "-b", "draft")
    write_record(repository / "products", "LC-0060", record("LC-0060"))
    commit(repository, "draft record")
    git(repository, "checkout", "-q", "main")
    assert (run_ocop(*VALIDATE, "--strict").status, "LC-0060" in ids_in_git_history(repository / "products")[0]) \
        == (0, True)  # still never given again by `ocop new`


def test_a_repository_without_commits_has_nothing_deleted(products, monkeypatch, run_ocop):
    for name in HOOK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    git(products.parent, "init", "-q")
    write_record(products, "LC-0001", GOOD_RECORD)
    assert check_deleted_records(products) == ocop.reading.history.HistoryCheck(True)
    assert run_ocop(*VALIDATE, "--strict").status == 0


def test_check_history_false_reads_no_git(repository, monkeypatch):
    (repository / "products" / "LC-0042.yaml").unlink()
    monkeypatch.setattr(ocop.reading.history.subprocess, "run", _refuse)
    dataset = load_dataset(repository / "products", TODAY, check_history=False)
    assert dataset.history is None and dataset.problems == []


def _refuse(*args, **kwargs):
    raise AssertionError("git must not run")


# -- where the history cannot be read ----------------------------------------------------------------

def test_a_folder_outside_git_says_it_could_not_check(products, capsys):
    """A downloaded copy without .git: no record is at fault (no warning, --strict passes), but the
    officer is told the deleted-record check could not be made (README, choice 15)."""
    write_record(products, "LC-0001", GOOD_RECORD)
    capsys.readouterr()
    status = ocop.cli.main([*VALIDATE, "--strict"])
    out, err = capsys.readouterr()
    assert (status, out) == (0, "1 hồ sơ, 0 lỗi, 0 cảnh báo. / 1 record, 0 errors, 0 warnings.\n")
    assert err == ("Không kiểm tra được hồ sơ đã công bố bị xoá: thư mục không nằm trong kho git (không có lịch sử)."
                   " / Could not check for deleted published records: the folder is not in a git repository"
                   " (no history).\n")
    assert load_dataset(products, TODAY).history == ocop.reading.history.HistoryCheck(False, NO_REPOSITORY)


SHALLOW_WARNING = (
    "products/: cảnh báo SP305\n"
    "  Không kiểm tra được lịch sử git (bản sao nông, thiếu các commit cũ): hồ sơ đã công bố bị xoá có thể"
    " không được phát hiện. / Could not check the git history (a shallow clone, without the older commits):"
    " a deleted published record may go undetected.\n")


def test_a_shallow_clone_warns(repository, tmp_path, monkeypatch, run_ocop):
    (repository / "products" / "LC-0042.yaml").unlink()
    commit(repository, "LC-0042 deleted")
    write_record(repository / "products", "LC-0050", record("LC-0050", CANDIDATE).replace("Chè", "Trà", 1))
    commit(repository, "a later change")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repository.as_uri(), str(clone))
    monkeypatch.chdir(clone)
    result = run_ocop(*VALIDATE)
    assert result.status == 0
    assert result.out.startswith(SHALLOW_WARNING)
    assert "SP250" not in result.out  # the deletion is older than the one commit the clone holds
    assert run_ocop(*VALIDATE, "--strict").status == 1
    assert check_deleted_records(clone / "products").reason == SHALLOW


def test_a_shallow_clone_still_finds_a_deletion_it_holds(repository, tmp_path, monkeypatch, run_ocop):
    (repository / "products" / "LC-0042.yaml").unlink()
    deleting = commit(repository, "LC-0042 deleted")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", repository.as_uri(), str(clone))
    monkeypatch.chdir(clone)
    result = run_ocop(*VALIDATE)
    assert result.status == 1
    assert result.out.startswith(SHALLOW_WARNING)
    assert fix_and_message(deleting) in result.out


def test_git_missing_in_a_repository_warns(repository, monkeypatch, run_ocop):
    monkeypatch.setenv("PATH", str(repository / "no-programs-here"))
    result = run_ocop(*VALIDATE)
    assert result.status == 0
    assert result.out.startswith("products/: cảnh báo SP305\n"
                                 "  Không kiểm tra được lịch sử git (git không chạy được: git not found):")
    assert check_deleted_records(repository / "products").reason == GIT_FAILED


def test_git_refusing_the_repository_warns_with_gits_reason(repository, monkeypatch):
    """E.g. "dubious ownership" in a container: git's own words name the cause."""
    (repository / ".git" / "HEAD").write_text("garbage\n", encoding="utf-8")
    check = check_deleted_records(repository / "products")
    assert (check.complete, check.reason) == (False, GIT_FAILED)
    assert check.detail  # git's first "fatal:" line, as git said it


def test_a_git_hook_environment_still_reads_the_folders_own_repository(repository, monkeypatch, run_ocop):
    """Inside a pre-commit hook git sets GIT_DIR=.git, relative to the top of the work tree."""
    (repository / "products" / "LC-0042.yaml").unlink()
    commit(repository, "LC-0042 deleted")
    monkeypatch.setenv("GIT_DIR", ".git")
    assert run_ocop(*VALIDATE).status == 1


# -- cost: a few git commands for the whole folder, never one per file --------------------------------

def test_git_runs_a_few_times_for_the_whole_folder(repository, monkeypatch):
    products = repository / "products"
    for number in range(2, 40):
        write_record(products, f"LC-{number:04d}", record(f"LC-{number:04d}"))
    commit(repository, "many records")
    for number in range(2, 40, 2):
        (products / f"LC-{number:04d}.yaml").unlink()
    commit(repository, "half of them deleted")
    calls = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        calls.append(next(part for part in command[1:] if not part.startswith("-") and "=" not in part))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(ocop.reading.history.subprocess, "run", counting_run)
    check = check_deleted_records(products)
    assert len(check.deleted) == 19
    # for-each-ref: the history begins in a parentless commit holding records, so the repository is
    # asked once for another, unrelated history of the folder (tests/test_history_strict.py);
    # cat-file --batch reads every old version at once.
    assert calls == ["rev-parse", "log", "for-each-ref", "cat-file"]
