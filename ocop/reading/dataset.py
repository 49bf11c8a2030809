"""Load a products folder: every record, the dataset's settings, and all their problems.

This is the one entrance used by the command line, the site and the tests.
It never raises on bad records (each becomes a located problem), only
``DatasetError`` when the folder itself cannot be used.
"""

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..common.collector import fewer_collections
from ..common.files import NotARegularFile, read_regular_file, shown_path, shown_path_in
from ..common.parallel import map_in_processes
from ..places.country import national_units
from ..places.units import Unit, UnitRegistry, english_name
from ..rules.records import Product, product_from_converted
from .checks import RecordChecker, check_across_records
from .convert import Converter
from .folder import (  # noqa: F401 - also read from here
    CONTENT_DIR_NAME,
    DATASET_FILE_NAME,
    KNOWN_DIRS,
    KNOWN_OTHER_FILES,
    MEDIA_DIR_NAME,
    RECORD_NAME,
    UNITS_FILE_NAME,
    special_file,
)
from .history import (
    DUBIOUS_OWNERSHIP,
    GIT_FAILED,
    NO_REPOSITORY,
    ORPHAN_HISTORY,
    SHALLOW,
    HistoryCheck,
    check_deleted_records,
)
from .problems import Problem, shown as shown_value
from .publisher import (
    NO_PUBLISHER,
    Publisher,
    SettingsConverter,
    missing_settings_problem,
    publisher_from_settings,
)
from .history_memo import HistoryMemo
from .record_cache import Entry as CacheEntry, RecordCache
from .schema import DATASET_FILE, PRODUCT, UNITS_FILE
from .yamltree import RECORD_LIMITS, UNITS_LIMITS, Document, Limits, decode, path_text, read_document, size_problem


class DatasetError(Exception):
    """The products folder cannot be used at all (missing, unreadable)."""

    def __init__(self, message_vi, message_en):
        super().__init__(f"{message_vi} / {message_en}")
        self.message_vi = message_vi
        self.message_en = message_en


@dataclass
class Dataset:
    folder: Path
    today: date
    products: list = field(default_factory=list)  # every record that could be read, good or bad
    problems: list = field(default_factory=list)
    units: UnitRegistry | None = None
    id_prefix: str | None = None
    history: HistoryCheck | None = None  # None when the history was not asked for
    publisher: Publisher = NO_PUBLISHER  # who publishes it: dataset.yaml (ocop/reading/publisher.py)
    # record file (as shown) → a SHA-256 of the bytes it was read from, when read with a cache: what
    # the site's memory of unchanged pages compares, without reading every record a second time.
    digests: dict = field(default_factory=dict)

    @property
    def errors(self):
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self):
        return [p for p in self.problems if not p.is_error]

    def files_with_errors(self):
        return {p.file for p in self.errors}

    def good_products(self):
        """Records without errors, sorted by id: the ones reports and the site may use."""
        bad = self.files_with_errors()
        return sorted((p for p in self.products if p.source not in bad and p.id), key=lambda p: p.id)


def _read_text(path, shown: str, problems: list, limits: Limits = RECORD_LIMITS):
    """The text of a record (or of units.yaml, dataset.yaml); None, its problem added, when it cannot be used."""
    data, problem = _read_bytes(path, shown, limits)
    if problem:
        problems.append(problem)
        return None
    return _decoded(data, shown, problems)


def _read_bytes(path, shown: str, limits: Limits):
    """(bytes, None), or (None, problem). Only a regular file is opened, and at most ``limits.bytes`` + 1
    bytes are read: a FIFO would hang the validator, a link to /dev/zero fill the memory, a link to
    another file on the machine print it in a message (SP018, SP017). ``path``: a Path or a str (a
    folder's entry; made a Path only for a problem)."""
    try:
        data, size = read_regular_file(path, limits.bytes)
    except NotARegularFile as exc:
        path = Path(path)
        return None, _not_regular(path, shown, special_file(path, exc.mode, path.parent))
    except OSError as exc:
        return None, Problem("SP001", shown, params={"reason_vi": f"lỗi hệ thống ({exc.strerror or exc})",
                                                     "reason": exc.strerror or str(exc)})
    too_big = size_problem(data, shown, size, limits)
    return (None, too_big) if too_big else (data, None)


def _not_regular(path: Path, shown: str, kind) -> Problem:
    return Problem("SP018", shown, params={"name": path.name, "kind_vi": kind[0], "kind_en": kind[1]})


def _read_mapping(path: Path, shown: str, fields, problems: list, converter_class=Converter):
    limits = UNITS_LIMITS if Path(path).name == UNITS_FILE_NAME else RECORD_LIMITS  # a unit list may be long
    text = _read_text(path, shown, problems, limits)
    if text is None:
        return None
    return _mapping_from_text(text, shown, fields, problems, converter_class, limits)


def _mapping_from_text(text: str, shown: str, fields, problems: list, converter_class=Converter,
                       limits: Limits = RECORD_LIMITS):
    document, found = read_document(text, shown, limits)
    problems.extend(found)
    if document is None:
        return None
    converter = converter_class(document, shown)
    if not isinstance(document.value, dict):
        is_list = isinstance(document.value, list)
        # Cut short (and escaped when printed): the value may be a whole file that is not a record.
        value = shown_value(document.value)
        problems.append(Problem("SP006", shown, 1, 1, params={
            "found_vi": "một danh sách" if is_list else f"giá trị '{value}'",
            "found_en": "a list" if is_list else f"the value '{value}'"}))
        return None
    data = converter.mapping(document.value, fields)
    problems.extend(converter.problems)
    return data, document


def default_units() -> UnitRegistry:
    """The country's units, before and after 01/07/2025 (``ocop.places.country``)."""
    return national_units()


@lru_cache(maxsize=32)
def _with_own_units(own: tuple, area_vi: str, area_en: str) -> UnitRegistry:
    """The country's units with a dataset's own, merged once per distinct units.yaml in a process
    (a merge copies 14,000 units; the site build and the tests load the same folder many times)."""
    return national_units().merged(own, area_vi, area_en)


def own_units(data) -> list:
    """The units of a dataset's ``units.yaml``, converted with ``schema.UNITS_FILE``; bad entries are
    skipped (already reported)."""
    units = []
    for item in data.get("units") or []:
        if not item or not item.get("code") or not item.get("name") or not item.get("kind"):
            continue
        name = item["name"]
        units.append(Unit(item["code"], name["vi"], name.get("en") or english_name(name["vi"], item["kind"]),
                          item["kind"], item.get("gso_code"), item.get("from"), item.get("until"),
                          (item["successor"],) if item.get("successor") else ()))
    return units


def load_dataset(folder, today: date, check_images: bool = True, check_history: bool = True,
                 cache_dir=None) -> Dataset:
    """Read every record of ``folder`` as of ``today`` and find all their problems.

    ``check_history``: read the folder's git history for published records whose file was deleted
    (SP250); a caller that has just checked it, or only wants one record's problems, may skip it.
    ``cache_dir``: keep there the day-free reading of each record's text, and take it from there
    for a text read before (``record_cache``): the same products and problems, read faster."""
    with fewer_collections():  # the records are millions of objects that all live on
        return _load_dataset(Path(folder), today, check_images, check_history, cache_dir)


def _load_dataset(folder: Path, today: date, check_images: bool, check_history: bool, cache_dir) -> Dataset:
    if not folder.is_dir():
        raise DatasetError(f"Không thấy thư mục hồ sơ '{folder}'", f"Records folder '{folder}' not found")
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise DatasetError(f"Không đọc được thư mục '{folder}': {exc.strerror}",
                           f"Cannot read folder '{folder}': {exc.strerror}") from exc
    dataset = Dataset(folder, today)
    dataset.units, dataset.publisher = read_settings(folder, dataset.problems)
    dataset.id_prefix = dataset.publisher.id_prefix
    cache = RecordCache(cache_dir, folder, _settings_bytes(folder)) if cache_dir else None
    # The logo (dataset.yaml) may sit beside the records or in a folder of its own.
    logo_entry = dataset.publisher.logo.split("/")[0] if dataset.publisher.logo else None
    # First what the folder holds, in order: a problem of a name, or a record to read.
    steps = []
    shown_folder = shown_path(folder)
    for entry in entries:
        shown = shown_path_in(shown_folder, entry.name)
        if entry.name.startswith(".") or entry.name in KNOWN_OTHER_FILES or entry.name == logo_entry:
            continue
        if entry.is_dir():
            if entry.name not in KNOWN_DIRS:
                steps.append(Problem("SP009", shown + "/", params={"name": entry.name + "/"}))
            continue
        match = RECORD_NAME.match(entry.name)
        if not match:
            steps.append(Problem("SP009", shown, params={"name": entry.name}))
            continue
        if match["ext"] != "yaml":
            steps.append(Problem("SP008", shown, params={
                "ext": "." + match["ext"], "expected": match["id"] + ".yaml"}))
        steps.append((entry.path, shown, match["id"]))
    readings = iter(_read_records([step for step in steps if not isinstance(step, Problem)], dataset,
                                  check_images, cache))
    seen_ids = {}
    documents = {}  # file -> composed document of records with withdrawn:/aliases: (checked across records)
    for step in steps:
        if isinstance(step, Problem):
            dataset.problems.append(step)
            continue
        shown = step[1]
        product, document, problems, cache_entry, digest = next(readings)
        dataset.problems.extend(problems)
        if digest is not None:
            dataset.digests[shown] = digest
        if cache_entry is not None:
            cache.put(*cache_entry)
        if document is not None and (product.withdrawn or product.aliases):
            documents[shown] = document  # kept only where a check across records may need to point into it
        dataset.products.append(product)
        if product.id in seen_ids:
            id_mark = document.mark(("id",)) if document else (None, None)
            dataset.problems.append(Problem("SP202", shown, *id_mark, "id",
                                            {"value": product.id, "other": seen_ids[product.id]}))
        elif product.id:
            seen_ids[product.id] = shown
    if cache is not None:
        try:
            cache.save()
        except OSError:
            pass  # a full or read-only cache folder: the next reading only takes longer

    def report(product, code, path_parts, **params):
        document = documents.get(product.source)
        line, column = document.mark(path_parts) if document else (None, None)
        dataset.problems.append(Problem(code, product.source, line, column, path_text(path_parts), params))

    check_across_records(dataset.products, report)
    if check_history:
        # With a cache folder, what the last build read of the history is kept there: only the
        # commits since are read (history_memo).
        memo = HistoryMemo(cache_dir, folder, "branch") if cache_dir else None
        dataset.history = check_deleted_records(folder, answered_ids(dataset.products), [
            _file_name(p) for p in dataset.products if p.id and not p.certificates], memo=memo)
        dataset.problems.extend(history_problems(dataset.history, folder))
    dataset.problems.sort(key=Problem.sort_key)
    return dataset


def history_note(dataset) -> str | None:
    """What to say when a folder outside any git repository could not be checked for deleted
    published records. Not a problem of the records (a downloaded copy has no history to
    read), but the officer must know the check was not made."""
    if dataset.history is None or dataset.history.reason != NO_REPOSITORY:
        return None
    return NO_HISTORY_NOTE


NO_HISTORY_NOTE = ("Không kiểm tra được hồ sơ đã công bố bị xoá: thư mục không nằm trong kho git (không có lịch sử)."
                   " / Could not check for deleted published records: the folder is not in a git repository"
                   " (no history).")


def answered_ids(products) -> set:
    """Every id the folder still answers for: each record's file name and ``id:``, and its ``aliases:``."""
    ids = set()
    for product in products:
        match = RECORD_NAME.match(_file_name(product))
        if match:
            ids.add(match["id"])
        if product.id:
            ids.add(product.id)
        ids.update(product.aliases)
    return ids


def _file_name(product) -> str:
    """The file name of a record read from a folder: its ``source`` is a shown path, '/'-separated
    (``shown_path``), so no Path need be made for each of thousands."""
    return product.source.rpartition("/")[2]


# Why the history could not be read, in the officer's words (SP305).
_HISTORY_REASONS = {
    SHALLOW: ("bản sao nông, thiếu các commit cũ", "a shallow clone, without the older commits"),
    GIT_FAILED: ("git không chạy được: {detail}", "git could not run: {detail}"),
    DUBIOUS_OWNERSHIP: ("git từ chối đọc kho '{detail}' vì kho thuộc người dùng khác (\"dubious ownership\"); nếu tin "
                        "kho này, chạy: git config --global --add safe.directory '{detail}'",
                        "git refuses to read the repository '{detail}', which belongs to another user (\"dubious "
                        "ownership\"); if you trust it, run: git config --global --add safe.directory '{detail}'"),
    ORPHAN_HISTORY: ("nhánh này bắt đầu bằng một commit không có commit cha mà đã chứa hồ sơ đã công bố, còn "
                     "'{detail}' giữ một lịch sử khác của thư mục (nhánh orphan hoặc lịch sử bị gộp): các commit cũ "
                     "hơn không được đọc; nếu đó là lịch sử cũ của bộ dữ liệu này, đặt nhánh trở lại trên nó, giữ nguyên "
                     "các tệp: git reset --soft {detail}, rồi git commit",
                     "this branch begins with a commit without parent that already holds published records, while "
                     "'{detail}' holds another history of the folder (an orphan branch or a squashed history): the "
                     "older commits are not read; if that is this dataset's older history, put the branch back on it, "
                     "keeping the files as they are: git reset --soft {detail}, then git commit"),
}


def history_problems(history, folder: Path) -> list:
    """SP250 for each deleted published record; one SP305 when the history could not be read in full.

    A folder outside any git work tree (a copy without .git, a test's scratch folder) has no history
    to read and gets no warning: the check runs where the records are kept, in the repository and
    its CI (README, "Rules and the choices")."""
    problems = [Problem("SP250", shown_path(folder / deleted.file_name), params={
        "value": deleted.id, "file": shown_path(folder / deleted.file_name), "restore_from": deleted.restore_from})
        for deleted in history.deleted]
    problems += [Problem("SP251", shown_path(folder / emptied.file_name), params={
        "value": emptied.id, "file": shown_path(folder / emptied.file_name), "restore_from": emptied.restore_from})
        for emptied in history.uncertified]
    if not history.complete and history.reason != NO_REPOSITORY:
        reason_vi, reason_en = (text.format(detail=history.detail) for text in _HISTORY_REASONS[history.reason])
        problems.append(Problem("SP305", shown_path(folder) + "/", params={"reason_vi": reason_vi,
                                                                          "reason_en": reason_en}))
    return problems


def dataset_settings(folder: Path, problems: list):
    """(units, id prefix) of a products folder: its units.yaml and dataset.yaml, or the defaults."""
    units, publisher = read_settings(folder, problems)
    return units, publisher.id_prefix


def read_settings(folder: Path, problems: list):
    """(units, publisher) of a products folder: its units.yaml and dataset.yaml, or the defaults
    (without dataset.yaml, a warning, SP011, and generic words on the pages)."""
    units = default_units()
    units_path = folder / UNITS_FILE_NAME
    if units_path.is_file():
        read = _read_mapping(units_path, shown_path(units_path), UNITS_FILE, problems)
        if read:
            area = read[0].get("area") or {}
            units = _with_own_units(tuple(own_units(read[0])), area.get("vi") or "", area.get("en") or "")
            problems.extend(_unknown_references(read[0], units, read[1], shown_path(units_path)))
    return units, read_publisher(folder, problems)


def _unknown_references(data, units: UnitRegistry, document, shown: str) -> list:
    """SP016 for each ``gso_code`` or ``successor`` of units.yaml that names no unit: the unit would
    otherwise lie nowhere, or lead nowhere after its last day, without a word."""
    problems = []
    for index, item in enumerate(data.get("units") or []):
        for key in ("gso_code", "successor"):
            value = (item or {}).get(key)
            if not value or units.by_code.get(value):
                continue
            line, column = document.mark(("units", index, key))
            problems.append(Problem("SP016", shown, line, column, f"units[{index}].{key}", {
                "key": key, "code": item.get("code") or "?", "value": value}))
    return problems


def read_publisher(folder: Path, problems: list) -> Publisher:
    """Who publishes the dataset, from its dataset.yaml (ocop/reading/publisher.py); without the file,
    a warning (SP011) and generic words on the pages."""
    settings_path = Path(folder) / DATASET_FILE_NAME
    shown = shown_path(settings_path)
    if not settings_path.is_file():
        problems.append(missing_settings_problem(shown_path(Path(folder)), shown))
        return NO_PUBLISHER
    read = _read_mapping(settings_path, shown, DATASET_FILE, problems, SettingsConverter)
    if not read:
        return NO_PUBLISHER
    unfilled = {p.path for p in problems if p.code == "SP015" and p.file == shown}
    return publisher_from_settings(*read, Path(folder), shown, problems, unfilled)


def dataset_province(dataset) -> Unit | None:
    """The province a dataset publishes for (dataset.yaml's ``province``); None for the whole country."""
    publisher = getattr(dataset, "publisher", None)
    return getattr(publisher, "province", None)


def _read_records(jobs: list, dataset: Dataset, check_images: bool, cache) -> list:
    """(product, document, its problems, its new cache entry or None, the digest of its bytes or None)
    of each (path, shown, file id), in order. Read on every processor (``map_in_processes``) unless the cache holds readings already:
    then most records are taken from it, faster than a child could send them back."""

    def read(job):
        start, cached = len(dataset.problems), len(cache.now) if cache is not None else 0
        product, document, digest = _load_record(*job, dataset, check_images, cache)
        problems = dataset.problems[start:]
        del dataset.problems[start:]  # put back in the folder's order by load_dataset
        # A record read anew adds its entry last (dicts keep their order); a child sends it back with it.
        # One taken from the cache is not new: put again, it would make the cache be written again.
        entry = next(reversed(cache.now.items())) if cache is not None and len(cache.now) > cached else None
        if entry is not None and entry[0] in cache.kept:
            entry = None
        return product, document, problems, entry, digest

    if cache is not None and cache.kept:
        return [_kept(read(job)) for job in jobs]
    return map_in_processes(read, jobs, keep=_kept)


def _kept(reading):
    """What is kept of a reading until every record is read (and what a child sends back): the composed
    document only where a check across records may point into it (``withdrawn:``, ``aliases:``), else
    the place of the id alone (SP202, an id given twice). A document holds the place of every value,
    many times the record's size: 5,000 of them held would add some 50 MiB to the build's peak. One
    taken from the cache is read again only where a problem points, and is kept as it is."""
    product, document, problems, entry, digest = reading
    if isinstance(document, Document) and not (product.withdrawn or product.aliases):
        document = _IdPlace(document.mark(("id",)))
    return product, document, problems, entry, digest


class _IdPlace:
    """The place of a record's ``id:``, all load_dataset needs of a document it does not keep."""

    def __init__(self, id_mark):
        self.id_mark = id_mark

    def mark(self, path):
        return self.id_mark if tuple(path) == ("id",) else (None, None)


def _load_record(path, shown: str, file_id: str, dataset: Dataset, check_images: bool, cache=None):
    """(product, its composed document, the cache's key of its bytes or None); an unreadable file is
    still a record, one with errors. The key is a SHA-256 of the bytes (and of what the reading depends
    on besides them): the same key, the same bytes."""
    if cache is None:
        text = _read_text(path, shown, dataset.problems)
        return *_record_from_text(text, shown, file_id, dataset, dataset.problems, check_images), None
    data, problem = _read_bytes(path, shown, RECORD_LIMITS)
    if problem:
        dataset.problems.append(problem)
        return Product(id=None, source=shown), None, None
    key = cache.key(shown, data)
    kept = cache.get(key)
    if kept is not None:
        return *_record_from_cache(kept, data, shown, file_id, dataset, check_images), key
    start = len(dataset.problems)

    def keep(product, checker, document):
        cache.put(key, CacheEntry(product, tuple(dataset.problems[start:]), tuple(checker.dated),
                                  {path: document.mark(path) for path in checker.daily_paths()}))

    text = _decoded(data, shown, dataset.problems)
    return *_record_from_text(text, shown, file_id, dataset, dataset.problems, check_images, keep), key


def _record_from_cache(kept, data: bytes, shown: str, file_id: str, dataset: Dataset, check_images: bool):
    """A record whose text was read before: its kept product and problems, and the checks of the day."""
    problems = dataset.problems
    problems.extend(kept.problems)
    document = _DocumentReadAgain(data, shown)

    def report(code, path_parts, at_key=False, **params):
        path = tuple(path_parts)
        mark = (document.key_mark(path) if at_key else None) or kept.marks.get(path) or document.mark(path)
        problems.append(Problem(code, shown, *mark, path_text(path), params))

    checker = _checker(kept.product, report, dataset, file_id, None, check_images)
    checker.dated = list(kept.dated)
    checker.run_daily()
    return kept.product, document


class _DocumentReadAgain:
    """The document of a record taken from the cache, read again from its bytes only when a problem
    must point somewhere the cache kept no place for (a check across records, say)."""

    def __init__(self, data: bytes, shown: str):
        self._data, self._shown, self._document = data, shown, None

    def _read(self):
        if self._document is None:
            text, _ = decode(self._data)
            self._document = read_document(text, self._shown)[0]
        return self._document

    def mark(self, path):
        return self._read().mark(path)

    def key_mark(self, path):
        return self._read().key_mark(path)


def _decoded(data: bytes, shown: str, problems: list):
    """The text of a record's bytes; None, its problem added (SP001), when they are not UTF-8."""
    text, error = decode(data)
    if error:
        line, reason = error
        problems.append(Problem("SP001", shown, line, None, params=reason))
    return text


def _settings_bytes(folder: Path) -> bytes:
    """What the checks of a record read besides it: the digests of dataset.yaml and units.yaml (a
    file that cannot be read counts as its reason: the reading reports it)."""
    parts = []
    for name in (DATASET_FILE_NAME, UNITS_FILE_NAME):
        try:
            data = read_regular_file(folder / name, UNITS_LIMITS.bytes)[0]
        except (OSError, NotARegularFile) as exc:
            data = f"<{type(exc).__name__}>".encode()
        parts.append(hashlib.sha256(data).digest())
    return b"".join(parts)


def check_record_text(text: str, shown: str, file_id: str, dataset: Dataset) -> tuple:
    """(product, problems) of one record given as text, not (yet) a file: its problems as `ocop
    validate` would report them in ``dataset`` (photos not looked at). `ocop import` checks each
    record this way before it writes it."""
    problems = []
    product, _ = _record_from_text(text, shown, file_id, dataset, problems, check_images=False)
    return product, sorted(problems, key=Problem.sort_key)


@lru_cache(maxsize=32)
def _media_dir(folder: Path) -> Path:
    """The photos' folder of a records folder, made once rather than once per record."""
    return folder / MEDIA_DIR_NAME


def _record_from_text(text, shown: str, file_id: str, dataset: Dataset, problems: list, check_images: bool,
                      keep=None):
    """(product, document) of a record's text, its problems added to ``problems``. ``keep(product,
    checker, document)`` is called once the day-free checks have run, before those of the day."""
    read = None if text is None else _mapping_from_text(text, shown, PRODUCT, problems)
    if read is None:
        return Product(id=None, source=shown), None
    data, document = read
    product = product_from_converted(data, shown)

    def report(code, path_parts, at_key=False, **params):
        mark = document.key_mark(path_parts) if at_key else None
        line, column = mark or document.mark(path_parts)
        problems.append(Problem(code, shown, line, column, path_text(path_parts), params))

    checker = _checker(product, report, dataset, file_id, document.value, check_images)
    checker.run_fixed()
    if keep is not None:
        keep(product, checker, document)
    checker.run_daily()
    return product, document


def _checker(product, report, dataset: Dataset, file_id: str, raw, check_images: bool) -> RecordChecker:
    checker = RecordChecker(product, report, dataset.units, _media_dir(dataset.folder), dataset.today,
                            file_id, dataset.id_prefix, raw, province=dataset_province(dataset))
    if not check_images:
        checker.check_images = lambda: None
    return checker
