"""Skip the products whose pages would come out the same as last time.

A rebuild with no change should not re-render thousands of pages. For each
product we keep a fingerprint of what its files are made from — its record,
its photos, what of its facts may move from one day to the next (``day_facts``:
its status, not the day), and everything the whole build shares (the settings
the pages print, the menu, the dataset's units and publisher, the templates,
the libraries that render them and the plugin's own code) — beside the QR
cache, with the SHA-256 of every file the product wrote, and the day its page
first came out as it is (the day the offline worker compares, ``page_day``).
The daily build so re-renders only the products whose status moved that day. A
product is skipped only when its fingerprint is unchanged and each of its
files is still there with the bytes it was written with (read back and
hashed, unless its inode, size and modification time are those it had when
the memory was saved, as git trusts its index): a page left by a build that
failed half-way, was stopped, or was cut off by a full disk is rebuilt, never
trusted. The memory is saved only once a build has completed
(``save``, called when Pelican has written everything): a build that stops
keeps the previous one.

The lists (catalogue, producers, points of sale) are remembered page by page the same way: by a
digest of what the page is rendered from (``page_inputs``: the cards, pager and words it is given,
or for a producer's page the fingerprints of its products), the SHA-256 of the file and its day. A
list none of whose products moved is not rendered again.
"""

import hashlib
import json
import os
import platform
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..common.files import file_sha256, write_atomic
from ..rules.certificates import EXPIRING
from ..reading.record_cache import code_digest

# Settings a product page prints or depends on; a change of any rebuilds every page. The site's name,
# its publisher and the sample banner come from dataset.yaml: the publisher is part of the fingerprint.
# The Jinja settings change how every template renders.
PAGE_SETTINGS = ("SITENAME", "SITEURL", "OCOP_QR_BASE", "RELATIVE_URLS", "THEME_STATIC_DIR", "DEFAULT_LANG",
                 "TRANSLATION_FEED_ATOM", "FEED_DOMAIN", "JINJA_ENVIRONMENT", "JINJA_FILTERS", "JINJA_GLOBALS",
                 "JINJA_TESTS")
# The libraries whose output is in the files: templates (Jinja2, MarkupSafe, Pelican's context),
# descriptions (Markdown), QR codes (qrcode, Pillow) and photos (Pillow).
PAGE_LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "qrcode", "pillow")
# The dataset's files every page reads beside its own record: units.yaml gives the unit names and the
# place a unit lay in (on every product page), dataset.yaml the publisher.
DATASET_FILES = ("units.yaml", "dataset.yaml")


def _digest(*parts) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def library_versions() -> tuple:
    """(name, version) of Python and of each library in PAGE_LIBRARIES; looked up once per process."""
    versions = [("python", platform.python_version())]  # Jinja compiles the templates to its bytecode
    for name in PAGE_LIBRARIES:
        try:
            versions.append((name, version(name)))
        except PackageNotFoundError:
            versions.append((name, None))
    return tuple(versions)


def day_facts(facts, links=None) -> tuple:
    """What a product's pages show that can change from one day to the next while its record stays the
    same: its status, and the last day of its term, which a page names; the certificates in force by
    then (one dated later comes into force on its day); the unit it is listed under, where that lay and
    what became of it; ``links``, its producer's and points of sale's pages. Never the day itself, nor
    the days left: the pages of a product whose status holds are the same every day."""
    status = facts.status
    last_day = status.status == EXPIRING and status.days_left == 0
    return (status.status, last_day, status.current, status.superseded, status.expires, facts.unit_on_certificate,
            facts.unit_today, facts.unit_place, facts.unit_now, links)


def build_fingerprint(settings, menus, theme_dir: Path, publisher=None, dataset_folder: Path = None,
                      extra=()) -> str:
    """What every page shares: the settings, the dataset's publisher (dataset.yaml: name,
    office, report contact, logo, sample) and units (units.yaml), the menu, the templates, the
    libraries that render them, this package's code (and its data: the country's units, the product
    sets), and ``extra`` (what else the caller knows every page depends on)."""
    sources = sorted(Path(theme_dir).rglob("*.html"))  # and the ocop package's code and data: code_digest
    dataset = []
    for name in DATASET_FILES if dataset_folder is not None else ():
        path = Path(dataset_folder) / name
        dataset.append((name, path.read_bytes() if path.is_file() else None))
    return _digest([(k, settings.get(k)) for k in PAGE_SETTINGS], repr(publisher),
                   json.dumps(menus, sort_keys=True), list(library_versions()), list(extra), *dataset,
                   code_digest().hex(),
                   *((str(p), p.read_bytes()) for p in sources if p.is_file()))


def page_inputs(*parts) -> str | None:
    """A digest of what a page is rendered from (dicts, lists, text, numbers, dates: the views the
    templates print), or None when a part is something else (such a page is always rendered). JSON,
    not pickle: its bytes depend on the values only, never on which objects happen to be shared."""
    try:
        text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=_plain)
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _plain(value):
    if isinstance(value, (date, Decimal)):
        return f"{type(value).__name__}:{value}"
    raise TypeError(type(value).__name__)


class UnchangedPages:
    """The memory of one site folder: per product, its fingerprint and the files it wrote."""

    def __init__(self, cache_dir: Path, output_dir: Path, build: str):
        # One memory per site folder: the one the site is served from, even when the build writes
        # into a fresh folder beside it and swaps it in at the end (ocop.site.build).
        name = _digest(Path(output_dir).resolve())[:16]
        self.path = Path(cache_dir) / "pages" / f"{name}.json"
        self.build = build
        self.before, self.pages_before, self.lists_before = {}, {}, {}
        self.stored = None  # the memory as read, when it is this build's: save() need not write it again
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored.get("build") == build:
                self.stored = stored
                self.before = {key: value for key, value in stored.get("products", {}).items()
                               if isinstance(value, dict) and isinstance(value.get("files"), dict)}
                self.pages_before = {key: value for key, value in stored.get("pages", {}).items()
                                     if isinstance(value, dict) and isinstance(value.get("sha256"), str)}
                lists = stored.get("lists")
                if isinstance(lists, dict) and isinstance(lists.get("files"), dict) and isinstance(
                        lists.get("public"), list):
                    self.lists_before = lists
        except (OSError, ValueError, AttributeError):
            pass  # no memory yet, or a damaged one: build everything
        self.now, self.pages_now, self.lists_now = {}, {}, {}

    @staticmethod
    def fingerprint(product, media_dir: Path, facts_of_the_day=(), source_digest: bytes | None = None) -> str:
        """Of the record's bytes, its photos (name, size, time) and ``facts_of_the_day`` (day_facts).
        ``source_digest``: a digest of the bytes the record was read from (``Dataset.digests``), in
        place of reading them again; the bytes are read when it is not known."""
        photos = []
        for image in product.images:
            try:
                stat = (Path(media_dir) / image.file).stat()
                photos.append((image.file, stat.st_size, stat.st_mtime_ns))
            except OSError:
                photos.append((image.file, None, None))
        source = source_digest if source_digest is not None else Path(product.source).read_bytes()
        return _digest(source, photos, repr(facts_of_the_day))

    def unchanged(self, product_id: str, fingerprint: str, folder: Path) -> dict | None:
        """The product's files ({path in the site: SHA-256}) when its fingerprint is the one of the last
        completed build and each file is in ``folder`` with the bytes it was written with; else None:
        rebuild it. A file is read back unless its inode, size and modification time are those it had
        then (as git trusts its index): a file replaced since, by a build that stopped half-way or by
        hand, is a new file."""
        entry = self.before.get(product_id)
        if entry is None or entry.get("fingerprint") != fingerprint or not entry["files"]:
            return None
        stamps = _held(folder, entry)
        if stamps is None:
            return None
        self.now[product_id] = dict(entry, stamps=stamps)
        return dict(entry["files"])

    def page_day(self, product_id: str, fingerprint: str, today: date) -> date:
        """The day the product's pages came out as they are: the day of the build that first rendered
        this fingerprint, else ``today``. Pages print it for the offline worker, which never shows a
        copy older than the one it has; a page rendered again with no change (its file was lost, or
        the site is built afresh each day with this memory kept) comes out byte for byte the same."""
        return _since(self.before.get(product_id), "fingerprint", fingerprint, today)

    def written(self, product_id: str, fingerprint: str, files: dict, since: date) -> None:
        """Remember what a rebuilt product wrote ({path in the site: SHA-256 of its bytes}) and the day
        its pages came out so (``page_day``)."""
        self.now[product_id] = {"fingerprint": fingerprint, "files": dict(sorted(files.items())),
                                "since": since.isoformat()}

    # -- lists: one page each ---------------------------------------------------------------

    def page_kept(self, path: str, inputs: str, folder: Path) -> str | None:
        """The SHA-256 of the list page ``path`` when it was rendered from these ``inputs`` by the last
        completed build and its file is in ``folder`` with those bytes: it need not be rendered again."""
        entry = self.pages_before.get(path)
        if entry is None or entry.get("inputs") != inputs:
            return None
        stamp = _holding(os.path.join(folder, path), entry["sha256"], entry.get("stamp"))  # a string, as _held
        if stamp is None:
            return None
        self.pages_now[path] = dict(entry, stamp=stamp)
        return entry["sha256"]

    def lists_kept(self, inputs: str, folder: Path) -> tuple[list, list] | None:
        """(every file of the lists and open data, the public pages among them) when the last completed
        build made them from these ``inputs`` and each is in ``folder`` as it was written; else None."""
        entry = self.lists_before
        if not entry or entry.get("inputs") != inputs:
            return None
        stamps = _held(folder, entry)
        if stamps is None:
            return None
        self.lists_now = dict(entry, stamps=stamps)
        self.pages_now.update(self.pages_before)  # every list page is as it was
        return list(entry["files"]), list(entry["public"])

    def lists_written(self, inputs: str, files: dict, public: list) -> None:
        """Remember the files of the lists and open data ({path: SHA-256}), and their public pages."""
        self.lists_now = {"inputs": inputs, "files": dict(sorted(files.items())), "public": list(public)}

    def list_day(self, path: str, inputs: str, today: date) -> date:
        """The day the list page came out as it is (as ``page_day``), else ``today``."""
        return _since(self.pages_before.get(path), "inputs", inputs, today)

    def page_written(self, path: str, inputs: str, sha256: str, since: date) -> None:
        self.pages_now[path] = {"inputs": inputs, "sha256": sha256, "since": since.isoformat()}

    def stamps(self) -> dict:
        """{path in the site: stamp} of every file this memory vouches for, once ``save`` has stamped
        those written by this build."""
        stamps = {}
        for entry in self.now.values():
            stamps.update(entry.get("stamps", {}))
        stamps.update(self.lists_now.get("stamps", {}))
        stamps.update((path, entry.get("stamp")) for path, entry in self.pages_now.items())
        return stamps

    def save(self, folder: Path) -> None:
        """Keep the memory of the build that has just completed in ``folder``: the inode, size and
        time of each file it wrote are taken now (those it kept were checked already)."""
        folder = Path(folder)
        for entry in self.now.values():
            _stamp_written(entry, folder)
        if self.lists_now:
            _stamp_written(self.lists_now, folder)
        for path, entry in self.pages_now.items():
            if "stamp" not in entry:
                entry["stamp"] = stamp_of(folder / path)
        data = {"build": self.build, "products": dict(sorted(self.now.items())),
                "pages": dict(sorted(self.pages_now.items())), "lists": self.lists_now}
        if data == self.stored:
            return  # a rebuild that changed nothing: the file holds this memory already
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # No indent: json's C encoder (the memory of 20,000 products is read by this class only).
        write_atomic(self.path, json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))


def stamp_of(path: str | Path) -> list | None:
    """[inode, size, modification time in ns] of a file, None when it is not there."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _stamp_written(entry: dict, folder: Path) -> None:
    """Stamp the files of ``entry`` that were written by this build (the kept ones have theirs)."""
    stamps = entry.setdefault("stamps", {})
    base = os.fspath(folder)
    for name in entry["files"]:
        if name not in stamps:
            stamps[name] = stamp_of(os.path.join(base, name))


def _since(entry, key: str, value: str, today: date) -> date:
    """The day an entry of the memory says its pages came out, when they are still made from
    ``value`` (its ``key``: fingerprint or inputs); else ``today``."""
    if entry is not None and entry.get(key) == value:
        try:
            return date.fromisoformat(entry.get("since"))
        except (TypeError, ValueError):
            pass  # a memory of an older build, or a damaged one
    return today


def _held(folder: Path, entry: dict) -> dict | None:
    """{path: stamp} of the files of ``entry`` ({"files": {path: SHA-256}, "stamps": {path: stamp}})
    when each is in ``folder`` with the bytes it was written with; else None."""
    # Plain strings, not Path objects: some 30,000 files are checked in a rebuild of 5,000 products,
    # and pathlib's joins cost more than the stat calls themselves.
    base = os.fspath(folder)
    known = entry.get("stamps") if isinstance(entry.get("stamps"), dict) else {}
    stamps = {}
    for name, digest in entry["files"].items():
        stamps[name] = _holding(os.path.join(base, name), digest, known.get(name))
        if stamps[name] is None:
            return None
    return stamps


def _holding(path: str | Path, digest: str, stamp) -> list | None:
    """The file's stamp when it holds the bytes whose SHA-256 is ``digest``, else None. Its bytes are
    read only when the stamp is not ``stamp``, the one it had when the memory was saved."""
    now = stamp_of(path)
    if now is None:
        return None
    if stamp is not None and now == stamp:
        return now
    return now if file_sha256(path) == digest else None
