"""A build keeps what it read of the git history (ocop/reading/history_memo.py) and reads only the
commits since: the answers are always those of a full reading, and a full reading is what it falls
back to whenever the kept part could be wrong.

Each test makes a git repository in tmp_path with ``products/`` at its top, with commit dates set
by the test, and compares the memo's answers with a fresh reading after every change.
"""

import os
import random
import subprocess

import pytest
from conftest import GOOD_RECORD, TODAY, write_record

import ocop.reading.history as history
import ocop.reading.history_memo as history_memo
from ocop.reading.dataset import load_dataset
from ocop.reading.history import check_deleted_records, ids_in_git_history
from ocop.reading.history_memo import HistoryMemo

GIT = ("git", "-c", "user.name=Cán bộ", "-c", "user.email=canbo@example.vn", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null", "-c", "gc.auto=0")
HOOK_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES")
CANDIDATE = GOOD_RECORD.split("certificates:\n")[0]
START = 1_750_000_000  # 2025-06-15: the first commit's date


def record(record_id, text=GOOD_RECORD, extra=""):
    return text.replace("id: LC-0001", f"id: {record_id}") + extra


class Repository:
    """A repository whose commits are dated by the test: one hour apart unless told otherwise."""

    def __init__(self, root):
        self.root, self.products, self.clock = root, root / "products", START
        self.git("init", "-q")

    def git(self, *args, at=None) -> str:
        env = dict(os.environ)
        if at is not None:
            env.update(GIT_AUTHOR_DATE=f"@{at} +0700", GIT_COMMITTER_DATE=f"@{at} +0700")
        done = subprocess.run([*GIT, *args], cwd=self.root, check=True, capture_output=True, text=True, env=env)
        return done.stdout.strip()

    def commit(self, message, after=3600):
        """Commit everything in products/, ``after`` seconds after the last commit (0: the same second,
        negative: a clock set back)."""
        self.clock += after
        self.git("add", "-A", "products")
        self.git("commit", "-q", "--allow-empty", "-m", message, at=self.clock)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repository(products, monkeypatch):
    for name in HOOK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    repo = Repository(products.parent)
    write_record(products, "LC-0001", GOOD_RECORD)
    write_record(products, "LC-0002", record("LC-0002"))
    write_record(products, "LC-0003", record("LC-0003", CANDIDATE))
    repo.commit("three records")
    return repo


@pytest.fixture
def git_calls(monkeypatch):
    """The git commands the history check runs (their arguments after the fixed settings)."""
    calls = []
    real = history._git

    def recording(folder, *args, **kwargs):
        calls.append(args)
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(history, "_git", recording)
    return calls


def candidates_now(products):
    return sorted(path.name for path in products.glob("LC-*.yaml") if "certificates:" not in path.read_text())


def answers(products, cache=None):
    """(deleted-records check, ids of every branch), with a memo in ``cache`` or read afresh."""
    branch = HistoryMemo(cache, products, "branch") if cache else None
    everywhere = HistoryMemo(cache, products, "everywhere") if cache else None
    return (check_deleted_records(products, (), candidates_now(products), memo=branch),
            ids_in_git_history(products, memo=everywhere))


def full_readings(calls):
    """The `git log --raw` commands that read the branch's whole history, not a range since a commit."""
    return [call for call in calls if call[0] == "log" and "--raw" in call and not any(".." in a for a in call)]


# -- the answers are those of a full reading ---------------------------------------------------------

def change(repo: Repository, rng: random.Random, number: int) -> tuple[str, bool]:
    """One random change an officer (or a careless one) makes; returns its name and whether the
    next build may read only the commits since the last (a commit after the others, nothing
    rewritten)."""
    products = repo.products
    files = sorted(products.glob("LC-*.yaml"))
    kind = rng.choice(["edit", "edit", "add", "delete", "uncertify", "same second", "clock back",
                       "old branch merged", "rewrite", "tag", "branch deleted", "deleted uncommitted"])
    new_id = f"LC-{100 + number:04d}"
    if kind == "edit" and files:
        path = rng.choice(files)
        path.write_text(path.read_text(encoding="utf-8") + f"# {number}\n", encoding="utf-8")
        repo.commit(kind)
    elif kind == "add" or not files:
        write_record(products, new_id, record(new_id, rng.choice([GOOD_RECORD, CANDIDATE])))
        repo.commit(kind)
        kind = "add"
    elif kind == "delete":
        rng.choice(files).unlink()
        repo.commit(kind)
    elif kind == "uncertify":
        path = rng.choice(files)
        path.write_text(record(path.stem, CANDIDATE), encoding="utf-8")
        repo.commit(kind)
    elif kind == "same second":
        write_record(products, new_id, record(new_id))
        repo.commit(kind, after=0)
    elif kind == "clock back":
        rng.choice(files).unlink()
        repo.commit(kind, after=-7200)
        repo.clock += 7200  # the next commit is again after all others
    elif kind == "old branch merged":
        # Commits dated before the last build's, merged after it: git log lists them among the old.
        repo.git("checkout", "-q", "-b", f"side-{number}", "HEAD~1" if len(repo.git("log", "--format=%H").split()) > 1
                 else "HEAD")
        write_record(products, new_id, record(new_id))
        repo.commit("on a side branch", after=-86400)
        repo.clock += 86400
        repo.git("checkout", "-q", "main")
        repo.clock += 3600
        repo.git("merge", "-q", "--no-ff", "-m", "merged", f"side-{number}", at=repo.clock)
    elif kind == "rewrite":
        repo.git("reset", "-q", "--hard", "HEAD~1") if len(repo.git("log", "--format=%H").split()) > 1 else None
        write_record(products, new_id, record(new_id))
        repo.commit(kind)
    elif kind == "tag":
        repo.git("tag", f"v{number}")
    elif kind == "branch deleted":
        repo.git("checkout", "-q", "-b", f"gone-{number}")
        write_record(products, new_id, record(new_id))
        repo.commit("an id on a branch")
        repo.git("checkout", "-q", "main")
        write_record(products, f"LC-{900 + number:04d}", record(f"LC-{900 + number:04d}"))
        repo.commit("on main")
        repo.git("branch", "-q", "-D", f"gone-{number}")  # its commit and its id are in no history now
    elif kind == "deleted uncommitted":
        rng.choice(files).unlink()
    else:
        kind = "edit"
        repo.commit("nothing")
    return kind, kind in {"edit", "add", "delete", "uncertify", "tag", "deleted uncommitted"}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_any_change_the_kept_history_answers_as_a_full_reading(repository, tmp_path, git_calls, seed):
    rng = random.Random(seed)
    cache = tmp_path / "cache"
    assert answers(repository.products, cache) == answers(repository.products)
    for number in range(12):
        kind, forward = change(repository, rng, number)
        git_calls.clear()
        kept = answers(repository.products, cache)
        used = list(git_calls)
        assert kept == answers(repository.products), kind
        if forward:  # only the commits since the last build were read
            assert full_readings(used) == [], "\n".join([kind, *map(repr, used)])


def test_a_branch_dated_before_the_last_build_and_merged_after_it_makes_the_next_build_read_it_all(
        repository, tmp_path, git_calls):
    """git log lists commits by date: the side branch's certified version comes after main's older
    one, so main's is the last published version to restore. Its commits placed before the kept
    ones would make the side branch's the one to restore from."""
    products, cache = repository.products, tmp_path / "cache"
    repository.git("checkout", "-q", "-b", "side")
    write_record(products, "LC-0002", record("LC-0002", extra="# kept on the side branch\n"))
    # A record the merge brings: the merge differs from both its parents, and git log reads both.
    write_record(products, "LC-0004", record("LC-0004"))
    side = repository.commit("LC-0002 and LC-0004 on a side branch")
    repository.git("checkout", "-q", "main")
    write_record(products, "LC-0002", record("LC-0002", CANDIDATE))
    uncertified = repository.commit("LC-0002: certificates removed")
    answers(products, cache)  # the last build: main, before the merge
    repository.clock += 3600
    repository.git("merge", "-q", "--no-ff", "-X", "ours", "-m", "side merged", "side", at=repository.clock)
    (products / "LC-0002.yaml").unlink()
    repository.commit("LC-0002 deleted")
    git_calls.clear()
    kept = answers(products, cache)
    assert kept == answers(products)
    assert [(d.id, d.restore_from) for d in kept[0].deleted] == [("LC-0002", f"{uncertified[:12]}^")]
    assert side != uncertified and len(full_readings(git_calls)) == 2  # the memo's reading, then the fresh one


def test_a_published_record_deleted_after_the_last_build_is_found_reading_only_the_new_commit(
        repository, tmp_path, git_calls):
    cache = tmp_path / "cache"
    assert load_dataset(repository.products, TODAY, cache_dir=cache).history.deleted == ()
    (repository.products / "LC-0002.yaml").unlink()
    deleting = repository.commit("LC-0002 deleted")
    git_calls.clear()
    dataset = load_dataset(repository.products, TODAY, cache_dir=cache)
    assert [(d.id, d.restore_from) for d in dataset.history.deleted] == [("LC-0002", f"{deleting[:12]}^")]
    assert [p.code for p in dataset.errors] == ["SP250"]
    assert full_readings(git_calls) == []
    # The blob of the deleted version was read once; the next build takes its verdict from the memo.
    assert sum(call[:2] == ("cat-file", "--batch") for call in git_calls) == 1
    git_calls.clear()
    again = load_dataset(repository.products, TODAY, cache_dir=cache)
    assert again.history == dataset.history
    assert [call[0] for call in git_calls if call[0] in {"log", "cat-file"}] == []


def test_the_next_build_with_no_new_commit_runs_no_git_log(repository, tmp_path, git_calls):
    cache = tmp_path / "cache"
    first = answers(repository.products, cache)
    git_calls.clear()
    assert answers(repository.products, cache) == first
    assert [call for call in git_calls if call[0] in {"log", "cat-file"}] == []


def test_a_shallow_clone_keeps_nothing(repository, tmp_path):
    for number in (4, 5):
        write_record(repository.products, f"LC-000{number}", record(f"LC-000{number}"))
        repository.commit(f"LC-000{number}")
    clone = tmp_path / "clone"
    subprocess.run([*GIT, "clone", "-q", "--depth", "1", f"file://{repository.root}", str(clone)], check=True,
                   capture_output=True)
    cache = tmp_path / "cache"
    assert answers(clone / "products", cache) == answers(clone / "products")
    assert answers(clone / "products", cache)[0].reason == history.SHALLOW
    assert not list(cache.glob("history-branch-*")) and not list(cache.glob("history-everywhere-*"))


def test_replaced_commits_keep_nothing(repository, tmp_path):
    first = repository.git("rev-parse", "HEAD")
    write_record(repository.products, "LC-0004", record("LC-0004"))
    repository.commit("LC-0004")
    repository.git("replace", "--graft", "HEAD")  # HEAD now has no parent: another history, same id
    cache = tmp_path / "cache"
    assert answers(repository.products, cache) == answers(repository.products)
    assert not cache.exists() or not list(cache.iterdir())
    assert first  # the commit the graft hid


@pytest.mark.parametrize("damage", [b"", b"ocop-history-1 not a pickle", b"\x80\x04garbage"])
def test_a_damaged_memo_is_read_afresh_and_written_anew(repository, tmp_path, damage):
    cache = tmp_path / "cache"
    expected = answers(repository.products)
    answers(repository.products, cache)
    for path in cache.glob("history-*"):
        path.write_bytes(damage)
    (repository.products / "LC-0002.yaml").unlink()
    repository.commit("LC-0002 deleted")
    expected = answers(repository.products)
    assert answers(repository.products, cache) == expected
    assert answers(repository.products, cache) == expected  # from the memo written anew
    assert all(path.read_bytes().startswith(history_memo.FORMAT) for path in cache.glob("history-*"))


def test_a_memo_from_other_code_is_not_trusted(repository, tmp_path, monkeypatch, git_calls):
    cache = tmp_path / "cache"
    answers(repository.products, cache)
    monkeypatch.setattr(history_memo, "code_digest", lambda: b"another version of the code")
    git_calls.clear()
    assert answers(repository.products, cache) == answers(repository.products)
    assert len(full_readings(git_calls)) == 2  # the memo's reading and the fresh one


def test_a_read_only_cache_folder_costs_only_time(repository, tmp_path):
    cache = tmp_path / "cache"
    cache.write_text("a file where the folder should be", encoding="utf-8")
    assert answers(repository.products, cache) == answers(repository.products)
