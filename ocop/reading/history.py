"""What the git history of a products folder says about its records.

An id once published stays answerable for ever: a QR code printed with it
lives for years. Two questions need the history, which the folder itself no
longer shows:

- every id that ever had a record file, on any branch (``ocop new`` never
  gives such an id again);
- which published records had their file deleted: records absent now whose
  file, in some version committed to the current branch's history, had a
  certificate (a product with a certificate is on the public site).

Both read git in a few commands for the whole folder (a probe, one ``git
log``, and one ``git cat-file --batch`` only when files are missing), never
one per file. A build passes a ``HistoryMemo`` (``history_memo.py``): what the
last build read is kept, and only the commits since then are read. Nothing
here prints or asks for today's date.

The check is only as good as the history it sees. When that history cannot
prove that no published record was deleted, the answer says so (complete is
False, with the reason): git missing or refusing the repository ("dubious
ownership"), a shallow clone, or a branch whose history begins with published
records while the repository holds another, unrelated history of the folder
(an orphan branch, a squashed history: the older commits are not read). A
folder outside any git work tree simply has no history.
"""

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .folder import KNOWN_OTHER_FILES, RECORD_NAME
from .yamltree import decode, read_document

_GIT_TIMEOUT_SECONDS = 60
_ZERO_BLOB = "0" * 40
# Fixed settings, so that an officer's git configuration cannot change what is read: paths
# unquoted (UTF-8 names) and from the top of the work tree, no colours, no signature lines in
# the log, no --follow from log.follow, and the files a root commit adds listed like any other
# change (log.showRoot=false would hide them, and with them the records the history begins with).
# core.deltaBaseCacheLimit: git's cache of unpacked objects is 96 MiB by default, and `git log` of a
# long history of a 5,000-record folder fills it (its trees): 116 MB resident beside the build at
# 3,000 commits, 25 MB with 8 MiB, in the same time (measured with /usr/bin/time on that history).
_GIT_SETTINGS = ("-c", "core.quotepath=off", "-c", "diff.relative=false", "-c", "color.ui=false",
                 "-c", "log.showsignature=false", "-c", "log.follow=false", "-c", "log.showroot=true",
                 "-c", "core.deltaBaseCacheLimit=8m")
_REPOSITORY_VARIABLES = {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX"}

# Why the history could not be read (``HistoryCheck.reason``).
NO_REPOSITORY = "no-repository"  # no .git in the folder or above it: there is no history to read
GIT_FAILED = "git-failed"  # a repository, but git is missing or fails here (detail: git's message)
DUBIOUS_OWNERSHIP = "dubious-ownership"  # git refuses a repository another user owns (detail: its path)
SHALLOW = "shallow"  # a shallow clone: the older commits are not there
# The branch's history begins with a parentless commit already holding published records, and
# another history of the folder, unrelated to the branch, is in the repository (detail: a ref
# holding it): an orphan branch or a squashed history, whose older commits are not read.
ORPHAN_HISTORY = "orphan-history"

# git's words when it refuses a repository owned by another user (git 2.35.2 and later):
# "fatal: detected dubious ownership in repository at '/path'".
_DUBIOUS_OWNERSHIP = re.compile(r"dubious ownership in repository at '(?P<path>.*)'")


@dataclass(frozen=True)
class DeletedRecord:
    """A published record whose file is gone."""

    id: str  # the id its published version carried (its page was p/<id>/)
    file_name: str  # its file in the folder, e.g. "LC-0042.yaml"
    restore_from: str  # a revision holding its last published version, e.g. "1a2b3c4d5e6f^"


@dataclass(frozen=True)
class HistoryCheck:
    complete: bool  # the history was read in full
    reason: str | None = None  # NO_REPOSITORY, GIT_FAILED, DUBIOUS_OWNERSHIP, SHALLOW or ORPHAN_HISTORY
    detail: str = ""  # git's own message (GIT_FAILED), the repository (DUBIOUS_OWNERSHIP), a ref (ORPHAN_HISTORY)
    deleted: tuple = field(default=())  # DeletedRecord, by file name
    uncertified: tuple = field(default=())  # DeletedRecord: file kept, but its certificates removed


@dataclass(frozen=True)
class _Repository:
    """Where ``folder`` sits in its work tree; ``prefix`` is the folder's path from the top, with '/'."""

    prefix: str
    shallow: bool
    grafts: Path  # .git/info/grafts, where git would find it (replaced parents, if it is there)


def ids_in_git_history(folder, memo=None) -> tuple[set, bool]:
    """Every record id that ever had a file directly in ``folder``, on any branch or tag.

    Returns ``(ids, complete)``; ``complete`` is False when the history could not be read in full:
    git missing, ``folder`` not in a git work tree, or a shallow clone (old commits absent).
    ``memo``: a ``HistoryMemo`` of what the last build read; then only newer commits are read."""
    folder = Path(folder)
    repository = _repository(folder)
    if not isinstance(repository, _Repository):
        return set(), False
    if memo is not None and _keepable(folder, repository):
        ids = _ids_since_kept(folder, repository.prefix, memo)
        if ids is not None:
            return ids, True
    # --no-renames: with rename detection a renamed file would show its new name only.
    names = _git(folder, "log", "--all", "--format=", "--name-only", "--no-renames", "-z", "--", ".")
    if names.failed:
        return set(), False
    return _ids_in(names.text, repository.prefix), not repository.shallow


def _ids_in(names: str, prefix: str) -> set:
    """The record ids of ``git log --name-only -z`` output."""
    return {record_id for name in names.split("\0") if (record_id := _record_id(name, prefix)) is not None}


def _ids_since_kept(folder: Path, prefix: str, memo):
    """``ids_in_git_history``'s ids, from what ``memo`` kept and the commits none of the kept tips
    held; None when git cannot tell (then the caller reads it all, as without a memo).

    The ids of a set of commits are the union of those of its parts, so the kept ids stay true as
    long as every commit the kept tips held is still held by some branch, tag or HEAD; a branch
    deleted or rewritten since then makes this read everything again."""
    # Every ref's object and HEAD: what `git log --all` starts from. A repository without any
    # commit fails here (no HEAD), and the caller's own reading says what that means.
    found = _git(folder, "rev-parse", "--all", "HEAD")
    if found.failed:
        return None
    tips = sorted(set(found.text.split()))
    kept = memo.kept()
    if kept.get("prefix") != prefix or not isinstance(kept.get("ids"), set):
        kept = {}
    if kept and kept["tips"] == tips:
        return set(kept["ids"])
    arguments = "".join(f"{tip}\n" for tip in tips)
    if kept:
        # The kept tips' commits that none of today's holds: none, or the kept ids may be too many.
        unheld = _git(folder, "rev-list", "--count", "--stdin", input_data="".join(
            [*(f"{tip}\n" for tip in kept["tips"]), *(f"^{tip}\n" for tip in tips)]).encode())
        if unheld.failed or unheld.text.strip() != "0":
            kept = {}  # a commit no ref holds any more (a branch deleted, a push --force): read it all
        else:
            arguments += "".join(f"^{tip}\n" for tip in kept["tips"])
    names = _git(folder, "log", "--format=", "--name-only", "--no-renames", "-z", "--stdin", "--", ".",
                 input_data=arguments.encode())
    if names.failed:
        return None
    ids = _ids_in(names.text, prefix) | (kept["ids"] if kept else set())
    memo.remember(prefix=prefix, tips=tips, ids=ids)
    memo.save()
    return set(ids)


def _keepable(folder: Path, repository: _Repository) -> bool:
    """Whether what git says of a commit id is fixed for good here: not in a shallow clone (a fetch
    adds the older commits under the same ids), nor where parents are replaced (grafts, ``git
    replace``: the same commit id then has another history)."""
    if repository.shallow or repository.grafts.exists():
        return False
    replaced = _git(folder, "for-each-ref", "--count=1", "--format=%(refname)", "refs/replace/")
    return not replaced.failed and not replaced.text.strip()


def _files_in(folder: Path) -> set:
    """The names of the regular files in ``folder`` (a link counts as what it points to, as
    ``Path.is_file`` has it)."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_file()}
    except OSError:
        return set()


def check_deleted_records(folder, answered_ids=(), without_certificates=(), memo=None) -> HistoryCheck:
    """Published records of ``folder`` whose file was deleted, from the history of the current branch.

    A file counts as deleted when it is absent from the folder now (deleted and committed, or only
    deleted in the work tree). It counts as published when some committed version of it had a
    non-empty ``certificates:`` list. ``answered_ids`` are the ids the folder still answers for —
    every record's file name and ``id:``, and their ``aliases:`` — so a record kept under another
    file name, or whose id is now an old id of another record, is not reported.

    ``without_certificates`` names the record files that have no certificate now: one of them
    that had one in a committed version was published, and its page would be taken down just
    the same (reported in ``uncertified``).

    ``memo``: a ``HistoryMemo`` of what the last build read (the versions up to its HEAD, whether
    each blob read was published): only the commits since then, and the blobs not read before, are
    read; the answer is the one a full reading gives."""
    folder = Path(folder)
    repository = _repository(folder)
    if not isinstance(repository, _Repository):
        return repository
    if memo is not None and not _keepable(folder, repository):
        memo = None
    log = _record_versions(folder, repository.prefix, memo)
    if isinstance(log, HistoryCheck):
        return log
    versions, roots = log
    files_now = _files_in(folder)  # one listing, not a stat per name ever committed
    missing = {name: entries for name, entries in versions.items()
               if not (name in files_now if "/" not in name else (folder / name).is_file())}
    without_certificates = set(without_certificates)
    emptied = {name: entries for name, entries in versions.items() if name in without_certificates}
    # A shallow clone lacks the older commits: what it holds is still read (a recent deletion is
    # found), but the answer says it is incomplete.
    complete, reason, detail = (False, SHALLOW, "") if repository.shallow else (True, None, "")
    # The versions a parentless commit of this branch already holds: its history begins with them.
    # In a shallow clone the oldest commit held looks parentless too, and SHALLOW says it all.
    first = {} if repository.shallow else {
        blob: revision for entries in versions.values() for revision, blob, _ in entries if revision in roots}
    unrelated = _unrelated_history(folder, {roots[revision] for revision in first.values()}) if first else None
    if isinstance(unrelated, HistoryCheck):
        return unrelated
    blobs = {blob for entries in [*missing.values(), *emptied.values()] for _, blob, _ in entries}
    if unrelated:
        blobs |= set(first)
    published = _published_blobs(folder, blobs, memo)
    if published is None:
        return HistoryCheck(False, GIT_FAILED, "git cat-file")
    if not blobs:
        return HistoryCheck(complete, reason, detail)
    if unrelated and any(published.get(blob) for blob in first):
        # A fresh dataset may well begin with certified records (an imported list): that alone
        # proves nothing. With another history of the folder beside it, this branch was cut from
        # it, and what was published and deleted before the cut is not read here.
        complete, reason, detail = False, ORPHAN_HISTORY, unrelated
    answered = set(answered_ids)
    deleted, reported = [], set()
    for name, entries in sorted(missing.items()):
        certified = [(published[blob], revision) for revision, blob, _ in entries if published.get(blob)]
        if not certified:
            continue
        restore_from = certified[0][1]  # entries are newest first: the last published version
        for record_id in dict.fromkeys(record_id for record_id, _ in certified):
            if record_id not in answered and record_id not in reported:  # LC-1.yaml and LC-1.yml: once
                reported.add(record_id)
                deleted.append(DeletedRecord(record_id, name, restore_from))
    uncertified = []
    for name, entries in sorted(emptied.items()):
        certified = [(published[blob], revision) for revision, blob, _ in entries if published.get(blob)]
        if certified:
            uncertified.append(DeletedRecord(certified[0][0], name, certified[0][1]))
    return HistoryCheck(complete, reason, detail, deleted=tuple(deleted), uncertified=tuple(uncertified))


def _unrelated_history(folder: Path, roots):
    """A ref (its short name) whose commits touch ``folder`` and share no ancestor with the branch's
    ``roots``, the parentless commits its folder history begins in; None when there is none, or the
    ``HistoryCheck`` saying why git could not tell.

    Two commands, and only for a branch whose record history begins in a parentless commit: the
    refs (branches, tags, remote-tracking branches) containing none of those roots — a ref made
    from this branch contains them, an orphan branch or the history before a squash does not —
    then the first of their commits outside this branch that touches the folder: a gh-pages
    branch, unrelated too, never touches the records."""
    refs = _git(folder, "for-each-ref", "--format=%(refname)%00%(symref)",
                *(f"--no-contains={root}" for root in sorted(roots)), "refs/heads", "refs/tags", "refs/remotes")
    if refs.failed:
        return _failed(refs.message)
    # Not a symbolic ref (origin/HEAD): the warning names the branch it points to.
    names = [name for line in refs.text.split("\n") for name, _, target in [line.partition("\0")]
             if name and not target]
    if not names:
        return None
    # Revisions on stdin: a repository may hold more refs than a command line does.
    touching = _git(folder, "log", "-n1", "--source", "--format=%S", "--stdin", "--", ".",
                    input_data="".join(f"{name}\n" for name in [*names, "^HEAD"]).encode())
    if touching.failed:
        return _failed(touching.message)
    ref = touching.text.strip()
    for prefix in ("refs/heads/", "refs/remotes/", "refs/tags/"):
        ref = ref.removeprefix(prefix)
    return ref or None


# -- reading git ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _GitResult:
    failed: bool
    text: str = ""
    data: bytes = b""
    message: str = ""  # the first line git wrote on stderr, or why it could not run


def _git(folder: Path, *args, input_data: bytes | None = None) -> _GitResult:
    """Run git in ``folder``; its output as text (UTF-8) and as bytes. Never raises."""
    # In a git hook (`ocop validate` run before a commit) git sets GIT_DIR, often relative to the
    # top of the work tree: from inside the folder it would point nowhere. Let git find the
    # folder's own repository instead.
    env = {name: value for name, value in os.environ.items() if name not in _REPOSITORY_VARIABLES}
    try:
        result = subprocess.run(["git", *_GIT_SETTINGS, *args], cwd=folder, input=input_data, capture_output=True,
                                timeout=_GIT_TIMEOUT_SECONDS, check=False, env=env)
    except FileNotFoundError:
        return _GitResult(True, message="git not found")
    except (OSError, subprocess.SubprocessError) as exc:
        return _GitResult(True, message=str(exc))
    stderr = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
    # "fatal: detected dubious ownership…" names the cause; the hints that follow do not.
    message = next((line for line in stderr if line.startswith(("fatal:", "error:"))), stderr[0] if stderr else "")
    return _GitResult(result.returncode != 0, result.stdout.decode("utf-8", errors="replace"), result.stdout,
                      message.removeprefix("fatal: ").removeprefix("error: "))


def folder_in_repository(folder) -> str | None:
    """The folder's path from the top of its git work tree ("products", "" for the top itself, with
    '/'), or None outside a work tree: where a tool that works on the whole repository (the admin
    page's git backend) finds the records."""
    found = _repository(Path(folder))
    return found.prefix.rstrip("/") if isinstance(found, _Repository) else None


# For the commands that read git themselves (`ocop format`): the same settings, environment and timeout.
run_git = _git


def history_state(folder) -> str:
    """What the readings of this module depend on besides the files in ``folder``: the commit HEAD
    is at, every branch and tag (and replaced commit) with the commit it points to, whether the
    clone is shallow and how far (.git/shallow), the grafts. The same text while none of these
    changes; a build whose inputs are all the same may keep the site it made (ocop.site.no_change).
    Two git commands, whatever the length of the history."""
    folder = Path(folder)
    repository = _repository(folder)
    if not isinstance(repository, _Repository):
        return repr(repository)  # no repository, or why git cannot read it
    refs = _git(folder, "show-ref", "--head")  # HEAD first, then refs/* (heads, tags, remotes, replace)
    git_folder = repository.grafts.parent.parent  # git-path info/grafts: <git folder>/info/grafts
    files = []
    for path in (repository.grafts, git_folder / "shallow"):
        try:
            stat = path.stat()
            files.append((path.name, stat.st_size, stat.st_mtime_ns, stat.st_ino))
        except OSError:
            files.append((path.name, None))
    return repr((repository.prefix, repository.shallow, files, refs.failed, refs.message, refs.text))


def classify_git_failure(message: str) -> tuple[str, str]:
    """(reason, detail) of a ``HistoryCheck`` for git's message when it failed: DUBIOUS_OWNERSHIP
    and the repository's path when git refuses a repository owned by another user (a container,
    a shared folder: the fix is git's safe.directory, not anything in the records), else
    GIT_FAILED and git's own words."""
    match = _DUBIOUS_OWNERSHIP.search(message or "")
    if match:
        return DUBIOUS_OWNERSHIP, match["path"]
    return GIT_FAILED, message


def _failed(message: str) -> HistoryCheck:
    return HistoryCheck(False, *classify_git_failure(message))


def _has_dot_git(folder: Path) -> bool:
    """A .git folder (or, in a worktree or submodule, a .git file) in ``folder`` or above it."""
    return any((place / ".git").exists() for place in (folder.resolve(), *folder.resolve().parents))


def _repository(folder: Path):
    """A ``_Repository``, or the ``HistoryCheck`` saying why there is none to read."""
    if not _has_dot_git(folder):
        # Checked first, without git: most folders outside a repository cost no process at all.
        return HistoryCheck(False, NO_REPOSITORY)
    probe = _git(folder, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix",
                 "--git-path", "info/grafts")
    lines = probe.text.split("\n")
    if probe.failed or len(lines) < 4 or lines[0] != "true":
        return _failed(probe.message or "not inside a git work tree")
    return _Repository(prefix=lines[2], shallow=lines[1] == "true", grafts=folder / lines[3])


def _record_id(path: str, prefix: str):
    """The id of a record file path (from the top of the work tree) directly in the folder, else None."""
    path = path.strip("\n")
    if not path.startswith(prefix) or "/" in path[len(prefix):]:
        return None
    name = path[len(prefix):]
    match = RECORD_NAME.match(name)
    return match["id"] if match and name not in KNOWN_OTHER_FILES else None


def _published_blobs(folder: Path, blobs, memo) -> dict | None:
    """{blob: the id it was published under, or None} for each blob git holds (``_published_id``),
    those ``memo`` knows taken from it; None when git fails. The memo then keeps these, and no
    other: the blobs of the files missing now."""
    known = memo.kept().get("published", {}) if memo is not None else {}
    published = {blob: known[blob] for blob in blobs if blob in known}
    unread = blobs - published.keys()
    if unread:
        texts = _read_blobs(folder, unread)
        if texts is None:
            return None
        published.update((blob, _published_id(text)) for blob, text in texts.items())
    if memo is not None:
        memo.remember(published=published)
        memo.save()
    return published


def _record_versions(folder: Path, prefix: str, memo=None):
    """Every committed version of every record file in the history of HEAD: ({file name: [(revision
    holding it, blob, status)]}, newest first, and {revision: full hash} of the parentless commits
    among them); or the ``HistoryCheck`` saying why it cannot be read.

    One ``git log --raw`` names, for each commit touching a record, the blob before and after: the
    version after commit C is in C, the one before it in C^. Merge commits show no changes: a version
    in one was made by a commit on one of its branches (only a hand-edited conflict is not seen).
    git's usual history simplification applies: a merged branch whose changes to the folder were all
    undone before the merge is not read (its versions never reached the branch that is built).
    "-- .", the whole folder, then photos left out here: pathspecs naming the record files alone
    made git slower (1.6 s instead of 0.9 s for 5,000 records and 544 commits).

    With ``memo``, what the last build read up to its HEAD is taken from it (``_versions_since_kept``)."""
    if memo is not None:
        kept = _versions_since_kept(folder, prefix, memo)
        if kept is not None:
            return kept
    log = _git(folder, *_VERSIONS_LOG, "HEAD", "--", ".")
    if log.failed:
        if _git(folder, "rev-parse", "-q", "--verify", "HEAD").failed:
            return {}, {}  # a new repository without any commit: nothing was ever published from it
        return _failed(log.message)
    return _parse_versions(log.text, prefix)


# %P: the commit's own parents (not rewritten by the path limit, as --parents would): none for a
# root commit.
_VERSIONS_LOG = ("log", "--format=%x00commit %H %P", "--raw", "--no-renames", "--no-abbrev", "-z")


def _versions_since_kept(folder: Path, prefix: str, memo):
    """``_record_versions``' answer from what ``memo`` kept and the commits since; None when git
    cannot tell (the caller then reads as without a memo).

    The kept versions are those of the last build's HEAD. When that commit is an ancestor of HEAD
    and every commit since is dated after every commit it held, ``git log HEAD`` (newest date
    first) would list the commits since before all the others, in the order ``git log
    <old>..HEAD`` lists them: so those, then the kept ones, are what a full reading gives. Else
    (a history rewritten, a merged branch with older dates, clocks set wrong) everything is read."""
    head = _git(folder, "rev-parse", "-q", "--verify", "HEAD^{commit}")
    if head.failed:
        return None
    head = head.text.strip()
    kept = memo.kept()
    if kept.get("prefix") != prefix or not isinstance(kept.get("versions"), dict):
        kept = {}
    if kept.get("head") == head:
        return kept["versions"], kept["roots"]
    versions, roots, newest = {}, {}, None
    if kept and not _git(folder, "merge-base", "--is-ancestor", kept["head"], head).failed:
        dates = _git(folder, "log", "--format=%ct", f"{kept['head']}..{head}")
        since = [int(day) for day in dates.text.split()] if not dates.failed else []
        if since and min(since) > kept["newest"]:
            log = _git(folder, *_VERSIONS_LOG, f"{kept['head']}..{head}", "--", ".")
            if log.failed:
                return None
            versions, roots = _parse_versions(log.text, prefix)
            for name, entries in kept["versions"].items():  # after the new ones, as git log lists them
                versions[name] = versions[name] + entries if name in versions else entries
            roots.update(kept["roots"])
            newest = max(kept["newest"], *since)
    if newest is None:  # read it all
        log = _git(folder, *_VERSIONS_LOG, head, "--", ".")
        dates = _git(folder, "log", "--format=%ct", head)
        if log.failed or dates.failed:
            return None
        versions, roots = _parse_versions(log.text, prefix)
        newest = max(int(day) for day in dates.text.split())
    memo.remember(prefix=prefix, head=head, newest=newest, versions=versions, roots=roots)
    return versions, roots


def _parse_versions(text: str, prefix: str):
    """({file name: [(revision, blob, status)]}, {revision: full hash} of the root commits) of the
    output of ``_VERSIONS_LOG``, in its order."""
    versions, roots = {}, {}
    commit, meta = None, None
    for token in text.split("\0"):
        token = token.lstrip("\n")
        if token.startswith("commit "):
            full, *parents = token[len("commit "):].split()
            commit = full[:12]
            if not parents:
                roots[commit] = full
        elif token.startswith(":"):
            meta = token
        elif meta is not None:
            # meta = ":<old mode> <new mode> <old blob> <new blob> <status>", then the path
            _, _, old_blob, new_blob, status = meta.split(" ")
            meta = None
            if _record_id(token, prefix) is None:
                continue
            entries = versions.setdefault(token[len(prefix):], [])
            if new_blob != _ZERO_BLOB:
                entries.append((commit, new_blob, status))
            if old_blob != _ZERO_BLOB:
                entries.append((commit + "^", old_blob, status))
    return versions, roots


def _read_blobs(folder: Path, blobs) -> dict | None:
    """{blob: text} for every blob, read with one ``git cat-file --batch``; None when git fails."""
    order = sorted(blobs)
    result = _git(folder, "cat-file", "--batch", input_data="".join(f"{blob}\n" for blob in order).encode())
    if result.failed:
        return None
    texts, data, at = {}, result.data, 0
    for blob in order:
        end = data.index(b"\n", at)
        header = data[at:end].decode("ascii", errors="replace").split(" ")
        at = end + 1
        if len(header) != 3:  # "<blob> missing"
            continue
        size = int(header[2])
        text, error = decode(data[at:at + size])
        texts[blob] = None if error else text
        at += size + 1  # the content, then a newline
    return texts


def _published_id(text):
    """The id a version of a record was published under: its ``id:`` when it has a certificate, else None.

    Read with the project's strict reader (no implicit typing); a version that cannot be read, or
    whose id is missing, was not on the site."""
    if not text:
        return None
    document, _ = read_document(text, "")
    value = document.value if document else None
    if not isinstance(value, dict):
        return None
    certificates, record_id = value.get("certificates"), value.get("id")
    if isinstance(certificates, list) and certificates and isinstance(record_id, str) and record_id.strip():
        return record_id.strip()
    return None
