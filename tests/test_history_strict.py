"""When the git history cannot prove that no published record was deleted, `ocop validate` says so.

The check is only as good as the history it sees (ocop/reading/history.py). Besides a shallow
clone (tests/test_history.py), two more ways to see less than the whole story:

- an orphan branch or a squashed history: the branch begins with a commit without parent that
  already holds published records, while the repository holds another history of the folder;
- git refusing the repository ("dubious ownership": the checkout belongs to another user).

Each is SP305 with its reason: a warning by default, an error with ``--strict`` and with
``--strict-history`` (what the deploy workflow runs: other warnings, such as an expiring
certificate, must not stop the daily build).
"""

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import GOOD_RECORD, write_record
from test_history import CANDIDATE, VALIDATE, commit, git, record, repository  # noqa: F401 - a fixture

import ocop.cli
import ocop.reading.history
from ocop.reading.dataset import NO_HISTORY_NOTE
from ocop.reading.history import (
    DUBIOUS_OWNERSHIP,
    GIT_FAILED,
    ORPHAN_HISTORY,
    HistoryCheck,
    check_deleted_records,
    classify_git_failure,
    ids_in_git_history,
)

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"

ORPHAN_WARNING = (
    "products/: cảnh báo SP305\n"
    "  Không kiểm tra được lịch sử git (nhánh này bắt đầu bằng một commit không có commit cha mà đã chứa hồ sơ đã"
    " công bố, còn '{ref}' giữ một lịch sử khác của thư mục (nhánh orphan hoặc lịch sử bị gộp): các commit cũ hơn"
    " không được đọc; nếu đó là lịch sử cũ của bộ dữ liệu này, đặt nhánh trở lại trên nó, giữ nguyên các tệp:"
    " git reset --soft {ref}, rồi git commit): hồ sơ đã công bố bị xoá có thể không được phát hiện."
    " / Could not check the git history (this branch begins with a commit without parent that already holds"
    " published records, while '{ref}' holds another history of the folder (an orphan branch or a squashed"
    " history): the older commits are not read; if that is this dataset's older history, put the branch back on"
    " it, keeping the files as they are: git reset --soft {ref}, then git commit): a deleted published record may"
    " go undetected.\n")


def squash_onto_an_orphan_branch(root, branch="squashed"):
    """What "squash the history" does: one commit without parent holding today's files."""
    git(root, "checkout", "-q", "--orphan", branch)
    git(root, "commit", "-q", "-m", "squashed history")


# -- an orphan branch, a squashed history --------------------------------------------------------

def test_an_orphan_branch_beginning_with_published_records_warns(repository, run_ocop):
    (repository / "products" / "LC-0042.yaml").unlink()
    commit(repository, "LC-0042 deleted")
    assert "SP250" in run_ocop(*VALIDATE).out  # on main, the deletion is found
    squash_onto_an_orphan_branch(repository)

    result = run_ocop(*VALIDATE)
    assert result.status == 0  # a warning by default
    assert result.out.startswith(ORPHAN_WARNING.format(ref="main") + "  Cách sửa: ")
    assert result.out.endswith("\n\n2 hồ sơ, 0 lỗi, 1 cảnh báo. / 2 records, 0 errors, 1 warning.\n")
    assert "SP250" not in result.out  # what the warning is about: the deletion is not seen from here
    assert run_ocop(*VALIDATE, "--strict").status == 1
    assert run_ocop(*VALIDATE, "--strict-history").status == 1
    check = check_deleted_records(repository / "products")
    assert (check.complete, check.reason, check.detail) == (False, ORPHAN_HISTORY, "main")


def test_the_fix_the_warning_gives_brings_the_deletion_to_light(repository, run_ocop):
    """The squash also deleted a published record: unseen from the orphan branch; seen once the
    branch is put back on its older history (git reset --soft, then a commit)."""
    git(repository, "checkout", "-q", "--orphan", "squashed")
    git(repository, "rm", "-qf", "products/LC-0042.yaml")
    git(repository, "commit", "-q", "-m", "squashed history, LC-0042 gone")
    result = run_ocop(*VALIDATE)
    assert "SP305" in result.out and "SP250" not in result.out
    git(repository, "reset", "-q", "--soft", "main")
    git(repository, "commit", "-q", "-m", "today's records, on the whole history")
    result = run_ocop(*VALIDATE)
    assert "SP305" not in result.out
    assert result.status == 1 and "products/LC-0042.yaml: lỗi SP250" in result.out


def test_a_history_squashed_before_a_push_is_seen_beside_the_remote(repository, tmp_path, monkeypatch, run_ocop):
    """An officer's clone: main squashed and renamed, origin/main still holds the history."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", repository.as_uri(), str(clone))
    squash_onto_an_orphan_branch(clone, "fresh")
    git(clone, "branch", "-q", "-D", "main")
    git(clone, "branch", "-q", "-m", "main")
    monkeypatch.chdir(clone)
    result = run_ocop(*VALIDATE)
    assert result.out.startswith(ORPHAN_WARNING.format(ref="origin/main"))


def test_a_first_commit_holding_certified_records_alone_is_a_new_dataset(repository, run_ocop):
    """The sample's own history begins so (an imported list): with nothing beside it, there is no
    older history to miss — and none the check could see anyway."""
    assert check_deleted_records(repository / "products") == HistoryCheck(True)
    assert run_ocop(*VALIDATE, "--strict-history").status == 0


def test_an_orphan_branch_without_the_folder_is_not_an_older_history(repository, run_ocop):
    """A gh-pages branch is unrelated to main too, but never held the records."""
    git(repository, "checkout", "-q", "--orphan", "gh-pages")
    git(repository, "rm", "-rfq", ".")
    (repository / "index.html").write_text("<p>site</p>\n", encoding="utf-8")
    git(repository, "add", "index.html")
    git(repository, "commit", "-q", "-m", "site")
    git(repository, "checkout", "-q", "main")
    assert check_deleted_records(repository / "products") == HistoryCheck(True)
    assert run_ocop(*VALIDATE, "--strict-history").status == 0


def test_an_orphan_branch_beginning_with_candidates_only_is_a_new_start(repository, run_ocop):
    """Nothing published in its first commit: nothing of it can have been published before."""
    git(repository, "checkout", "-q", "--orphan", "fresh")
    git(repository, "rm", "-rfq", "products")
    write_record(repository / "products", "LC-0050", record("LC-0050", CANDIDATE))
    commit(repository, "a new start")
    assert check_deleted_records(repository / "products").complete


def test_a_branch_made_from_main_is_not_unrelated(repository, run_ocop):
    git(repository, "checkout", "-q", "-b", "draft")
    write_record(repository / "products", "LC-0060", record("LC-0060"))
    commit(repository, "draft record")
    git(repository, "checkout", "-q", "main")
    assert check_deleted_records(repository / "products") == HistoryCheck(True)
    git(repository, "checkout", "-q", "draft")
    assert check_deleted_records(repository / "products") == HistoryCheck(True)


# -- git refusing the repository ------------------------------------------------------------------

# git 2.39's own words (stderr, exit status 128), as a container's checkout gets them.
DUBIOUS_STDERR = (b"fatal: detected dubious ownership in repository at '/srv/ocop'\n"
                  b"To add an exception for this directory, call:\n\n"
                  b"\tgit config --global --add safe.directory /srv/ocop\n")
DUBIOUS_REASON = (
    "Không kiểm tra được lịch sử git (git từ chối đọc kho '/srv/ocop' vì kho thuộc người dùng khác"
    " (\"dubious ownership\"); nếu tin kho này, chạy: git config --global --add safe.directory '/srv/ocop'):"
    " hồ sơ đã công bố bị xoá có thể không được phát hiện. / Could not check the git history (git refuses to"
    " read the repository '/srv/ocop', which belongs to another user (\"dubious ownership\"); if you trust it,"
    " run: git config --global --add safe.directory '/srv/ocop'): a deleted published record may go undetected.")


@pytest.mark.parametrize("message, expected", [
    ("detected dubious ownership in repository at '/srv/ocop'", (DUBIOUS_OWNERSHIP, "/srv/ocop")),
    ("detected dubious ownership in repository at '/home/cán bộ/ocop data'",
     (DUBIOUS_OWNERSHIP, "/home/cán bộ/ocop data")),
    ("not a git repository (or any of the parent directories): .git",
     (GIT_FAILED, "not a git repository (or any of the parent directories): .git")),
    ("git not found", (GIT_FAILED, "git not found")),
])
def test_gits_refusal_is_told_apart_from_other_failures(message, expected):
    assert classify_git_failure(message) == expected


def test_dubious_ownership_from_gits_stderr_is_a_clear_sp305(repository, monkeypatch, run_ocop):
    def refusing_git(command, *args, **kwargs):
        return subprocess.CompletedProcess(command, 128, b"", DUBIOUS_STDERR)

    monkeypatch.setattr(ocop.reading.history.subprocess, "run", refusing_git)
    assert check_deleted_records(repository / "products") == HistoryCheck(False, DUBIOUS_OWNERSHIP, "/srv/ocop")
    result = run_ocop(*VALIDATE)
    assert result.status == 0
    assert result.out.startswith("products/: cảnh báo SP305\n  " + DUBIOUS_REASON + "\n")
    assert run_ocop(*VALIDATE, "--strict-history").status == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give the repository to another user")
def test_a_repository_owned_by_another_user_is_refused_by_git_and_said_so(repository, tmp_path, monkeypatch,
                                                                           run_ocop):
    """The real refusal: the work tree belongs to another user, and no safe.directory says it is trusted."""
    empty = tmp_path / "empty.gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for path in [repository, *repository.rglob("*")]:
        os.lchown(path, 54321, 54321)
    check = check_deleted_records(repository / "products")
    assert (check.complete, check.reason, check.detail) == (False, DUBIOUS_OWNERSHIP, str(repository))
    result = run_ocop(*VALIDATE)
    assert "dubious ownership" in result.out and f"safe.directory '{repository}'" in result.out
    assert ids_in_git_history(repository / "products") == (set(), False)


# -- strictness ---------------------------------------------------------------------------------

def test_strict_history_leaves_other_warnings_warnings(repository, run_ocop):
    """An expired certificate (SP301) is shown on the site; it must not stop the daily deploy."""
    later = ("validate", "--products", "products", "--today", "2028-01-01")
    assert "SP301" in run_ocop(*later).out
    assert run_ocop(*later, "--strict").status == 1
    assert run_ocop(*later, "--strict-history").status == 0


def test_strict_history_fails_a_folder_outside_git_and_says_why(products, run_ocop, capsys):
    write_record(products, "LC-0001", GOOD_RECORD)
    assert run_ocop(*VALIDATE).status == 0
    assert run_ocop(*VALIDATE, "--strict").status == 0  # no record is at fault
    capsys.readouterr()
    status = ocop.cli.main([*VALIDATE, "--strict-history", "--format", "github"])
    out, err = capsys.readouterr()
    assert status == 1
    assert NO_HISTORY_NOTE in err
    assert out.splitlines()[-1].startswith("::error title=--strict-history::Không kiểm tra được hồ sơ đã công bố")
    assert ocop.cli.main([*VALIDATE, "--strict-history", "--format", "json"]) == 1
    assert NO_HISTORY_NOTE in capsys.readouterr().err


def test_a_shallow_clone_fails_strict_history(repository, tmp_path, monkeypatch, run_ocop):
    write_record(repository / "products", "LC-0050", record("LC-0050", CANDIDATE).replace("Chè", "Trà", 1))
    commit(repository, "a later change")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repository.as_uri(), str(clone))
    monkeypatch.chdir(clone)
    assert run_ocop(*VALIDATE).status == 0
    assert run_ocop(*VALIDATE, "--strict-history").status == 1


def validate_commands(name):
    doc = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return [step["run"] for job in doc["jobs"].values() for step in job.get("steps", [])
            if "ocop validate" in step.get("run", "")]


def test_the_deploy_refuses_a_history_that_cannot_be_checked_and_pull_requests_only_warn():
    deploy, pull_request = validate_commands("deploy.yml"), validate_commands("pr.yml")
    assert deploy and all("--strict-history" in command for command in deploy)
    # --strict would stop the daily build on every expiring certificate, leaving stale statuses online.
    assert not any("--strict " in command + " " for command in deploy)
    assert pull_request and not any("--strict" in command for command in pull_request)

