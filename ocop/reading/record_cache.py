"""What a build keeps of each record it has read: the day-free part of its reading.

A site build reads every record every day, yet a record's text rarely changes from one day to the
next. Reading and checking it (parse, convert, the checks that depend on the record alone) is the
same on any day, for the same text, the same dataset settings and the same code: the build keeps
that outcome — the Product, its problems, the dates to compare with today and the places of the
values the daily checks point to — keyed by a SHA-256 of all of them together. The next build reads
each file's bytes, and for a text it has seen runs only the checks of the day (``RecordChecker.
run_daily``: dates after today, the certificate's status, a candidate's unit, the photos on disk).
So a record never passes on a stale verdict: another byte, another setting, another version of
the code, and the key is another.

The cache is one file per products folder in the build's cache folder (beside the QR codes),
written whole or not at all, and holding only the records the folder has now. It is the build
machine's own (pickle): restore it only from where the builds of the same repository saved it,
never from a download. A file that cannot be read (truncated, from another Python) is set aside: the
records are read again, and the file written anew.
"""

import hashlib
import pickle
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..common.files import write_atomic

FORMAT = b"ocop-records-1"  # change it when an entry's shape changes


@dataclass(frozen=True)
class Entry:
    """The day-free reading of one record's text."""

    product: object  # rules.records.Product
    problems: tuple  # of reading.problems.Problem: parse, convert and run_fixed's, in their order
    dated: tuple  # (day, path) of each date it gives (RecordChecker.dated)
    marks: dict  # path -> (line, column): where run_daily's problems may point (RecordChecker.daily_paths)


@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """The SHA-256 of the package's own code and data (every file under ocop/) and of the Python
    that reads it: a new version of either reads every record again."""
    digest = hashlib.sha256(FORMAT + sys.version.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


class RecordCache:
    """The kept readings of one products folder, under ``settings`` (the bytes of what the checks read
    besides the record: dataset.yaml, units.yaml)."""

    def __init__(self, cache_dir, folder: Path, settings: bytes):
        where = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]
        self.path = Path(cache_dir) / f"records-{where}.pickle"
        self.context = hashlib.sha256(code_digest() + hashlib.sha256(settings).digest()).digest()
        self.kept = self._read()
        self.now = {}  # key -> Entry: those of the records read now, saved in place of the old ones
        self.added = False

    def _read(self) -> dict:
        return read_kept(self.path, FORMAT)

    def key(self, shown: str, data: bytes) -> bytes:
        return hashlib.sha256(self.context + shown.encode("utf-8", "surrogateescape") + b"\0" + data).digest()

    def get(self, key: bytes) -> Entry | None:
        entry = self.kept.get(key)
        if entry is not None:
            self.now[key] = entry
        return entry

    def put(self, key: bytes, entry: Entry):
        self.now[key] = entry
        self.added = True

    def save(self):
        """Write the readings of the records read now, when any is new or any old one is gone."""
        if not self.added and len(self.now) == len(self.kept):
            return
        write_kept(self.path, FORMAT, self.now)


def read_kept(path: Path, header: bytes) -> dict:
    """The dict a build kept in ``path`` after ``header`` (``write_kept``); {} when there is none this
    code can read: no file, another format, half a file, another Python, classes changed since."""
    try:
        with open(path, "rb") as file:
            if file.read(len(header)) != header:
                return {}
            kept = pickle.load(file)
    except FileNotFoundError:
        return {}
    except Exception:  # noqa: BLE001 - truncated, from another Python, changed classes: read anew
        return {}
    return kept if isinstance(kept, dict) else {}


def write_kept(path: Path, header: bytes, kept: dict) -> None:
    """Keep ``kept`` in ``path`` for the next build, whole or not at all (OSError when it cannot)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, header + pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
