"""What a build keeps of the git history it read, so that the next build reads only what is new.

The history check (``history.py``) reads the whole history of the products folder on every build:
``git log`` of every commit that touched it, with the blob of each version. That grows with the
years, not with the records: a province whose officers commit every day has thousands of commits
after a few years, and then the two readings a build makes (the current branch for deleted
records, every branch for the ids never to give again) take seconds of a daily build that renders
little else. What git has answered for a commit never changes, so the build keeps it:

- the versions of the branch's record files up to the commit it built (its HEAD). The next build
  reads only the commits since then, when the old HEAD is an ancestor of the new one and every new
  commit is dated after every old one (then ``git log`` of the whole history lists the new commits
  first, in the same order, so the outcome is the one a full reading gives); else it reads it all;
- the ids of every branch and tag, with the commits they pointed to: the next build reads only the
  commits none of them held, when every commit they held is still held (else it reads it all);
- whether each blob it read was published, and under which id (a blob is its bytes).

Each is one file per products folder in the build's cache folder, written whole or not at all, and
tied to the code that wrote it (``record_cache.code_digest``): another version of the code reads
the history afresh. A shallow clone or a repository with replaced commits (``git replace``, grafts)
is never kept: its history can change under the same commit ids. The files are the build machine's
own (pickle), like the record cache: restore them only from where builds of the same repository
saved them. A file that cannot be read is ignored and written anew.
"""

import hashlib
from pathlib import Path

from .record_cache import code_digest, read_kept, write_kept

FORMAT = b"ocop-history-1"  # change it when what is kept changes shape


class HistoryMemo:
    """What one kind of reading (``kind``: "branch", "everywhere") kept for one products folder.

    Every value kept is a fact about commit or blob ids (the versions up to a commit, the ids of a
    set of tips, a blob's published id), true for good: what this build remembers is saved over
    what the last one kept, and a value this build did not look at stays as it was."""

    def __init__(self, cache_dir, folder, kind: str):
        where = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]
        self.path = Path(cache_dir) / f"history-{kind}-{where}.pickle"
        self._kept = None  # read on first use: a build that never asks pays nothing
        self._new = {}

    def kept(self) -> dict:
        """What the last build kept ({} when nothing, or nothing this code can trust)."""
        if self._kept is None:
            self._kept = self._read()
        return self._kept

    def _read(self) -> dict:
        kept = read_kept(self.path, FORMAT)
        return kept if kept.get("code") == code_digest() else {}

    def remember(self, **values):
        self._new.update(values)

    def save(self):
        """Write what was remembered over what was kept, unless it is all the same already; a full
        or read-only cache folder only costs the next build a full reading."""
        kept = self.kept()
        if all(kept.get(name) == value for name, value in self._new.items()):
            return
        self._kept = {**kept, **self._new, "code": code_digest()}
        self._new = {}
        try:
            write_kept(self.path, FORMAT, self._kept)
        except OSError:
            pass
