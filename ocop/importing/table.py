"""An officer's spreadsheet read safely into a grid of cells: .xlsx (or .xlsm) and .csv.

Officers import the lists the ministries and provinces publish (the annex of a decision, typed
in Excel and forwarded by e-mail or Zalo) or lists of their own. Whatever the file holds,
``read_table`` returns a ``Table`` or raises ``TableError`` with a code of the problem
catalogue (SP401–SP407): never a traceback, never a hang (a FIFO is never opened), never
gigabytes of memory (sizes are checked before any cell is made).

Each cell keeps the place the officer sees it at in Excel (row number, column letter), so a
problem can be pointed at. A merged cell's value is given to every cell of its range, as the
officer reads it: a decision number merged down over five products belongs to all five.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import errno
import io
import math
import os
import re
import stat
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.xml.constants import SHEET_MAIN_NS

from ..common.files import FileOverLimit, NotARegularFile, read_regular_file
from ..common.text import nfc
from ..reading.problems import CATALOGUE

MEGABYTE = 1024 * 1024  # as Windows Explorer counts the size it shows the officer
MAX_BYTES = 20 * MEGABYTE
MAX_UNPACKED = 200 * MEGABYTE
MAX_ROWS = 20_000
MAX_COLUMNS = 100

WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm")
TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")

# The last row Excel has: a row number beyond it is not a real sheet, and reading up to it bounds
# the work a crafted file (<row r="999999999">) can ask for.
_EXCEL_LAST_ROW = 1_048_576
_NOT_A_WORKBOOK = ("không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc không phải bảng tính)",
                   "not a valid Excel .xlsx file (damaged, or not a spreadsheet)")


class TableError(Exception):
    """A file that cannot be imported at all. ``code`` is a code of ocop.reading.problems.CATALOGUE
    (SP401–SP407), ``params`` fill its message."""

    def __init__(self, code: str, **params):
        super().__init__(f"{code}: {CATALOGUE[code].en.format(**params)}")
        self.code = code
        self.params = params


# slots: a full sheet is up to 2 million cells, and a slotted cell is a third of the memory.
@dataclass(frozen=True, slots=True)
class Cell:
    value: object  # str (NFC, stripped, never ""), int, float, datetime.datetime, datetime.date, bool or None
    row: int  # 1-based, as the officer sees it in Excel; for a CSV the line its record starts on
    column: str  # as Excel shows it: "A", "B", …, "AA"


@dataclass(frozen=True)
class Table:
    name: str | None  # the sheet's name; None for a CSV
    rows: tuple  # tuples of Cell, all as wide as the widest used row; empty trailing rows and columns dropped


def read_table(path, sheet: str | None = None) -> Table:
    """The cells of ``path``: the sheet named ``sheet`` of a workbook (the first visible one when
    None), or the records of a CSV (``sheet`` does not apply). Raises ``TableError``."""
    path = Path(path)
    _check_regular_file(path)
    extension = path.suffix.lower()
    if extension == ".xls":
        raise TableError("SP402")
    if extension not in WORKBOOK_EXTENSIONS + TEXT_EXTENSIONS:
        raise _unknown_extension(extension)
    data = _read_bytes(path)
    if extension in TEXT_EXTENSIONS:
        return _read_text_table(data)
    return _read_workbook(data, sheet)


def column_letter(index: int) -> str:
    """1 → "A", 27 → "AA", as Excel names its columns."""
    return get_column_letter(index)


# -- the file itself --------------------------------------------------------------------------

def _check_regular_file(path: Path) -> None:
    # lstat, not stat: opening a FIFO would block until someone writes to it, and a symlink
    # could lead anywhere on the officer's disk.
    try:
        info = os.lstat(path)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        raise _os_error(error) from None
    if stat.S_ISLNK(info.st_mode):
        raise _symlink()
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular()


def _read_bytes(path: Path) -> bytes:
    try:
        data, size = read_regular_file(path, MAX_BYTES, refuse_over=True)
    except NotARegularFile as error:  # swapped in since the check
        raise (_symlink() if stat.S_ISLNK(error.mode) else _not_regular()) from None
    except FileOverLimit as error:
        raise _too_big(_megabytes(error.size), _megabytes(MAX_BYTES)) from None
    except OSError as error:
        raise _os_error(error) from None
    if size > MAX_BYTES:  # grew since the fstat
        raise _too_big(_megabytes(size), _megabytes(MAX_BYTES))
    return data


def _os_error(error: Exception) -> TableError:
    number = getattr(error, "errno", None)
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return _unreadable("không có tệp này", "no such file")
    if number == errno.ELOOP:  # O_NOFOLLOW met a symlink put there after the check
        return _symlink()
    if isinstance(error, PermissionError):
        return _unreadable("không có quyền đọc tệp", "permission denied")
    if isinstance(error, ValueError):
        return _unreadable("tên tệp không hợp lệ", "the file name is not valid")
    reason = error.strerror or str(error)
    return _unreadable(f"lỗi hệ thống ({reason})", reason[:1].lower() + reason[1:])


def _unreadable(reason_vi: str, reason_en: str) -> TableError:
    return TableError("SP401", reason_vi=reason_vi, reason_en=reason_en)


def _symlink() -> TableError:
    return _unreadable("là liên kết tượng trưng (symlink)", "is a symbolic link")


def _not_regular() -> TableError:
    return _unreadable("không phải tệp thường", "not a regular file")


def _unknown_extension(extension: str) -> TableError:
    if not extension:
        return _unreadable("tên tệp không có đuôi (chỉ nhận .xlsx hoặc .csv)",
                           "the file name has no extension (only .xlsx and .csv are read)")
    return _unreadable(f"không đọc tệp đuôi '{extension}' (chỉ nhận .xlsx hoặc .csv)",
                       f"files ending in '{extension}' are not read (only .xlsx and .csv are)")


# -- sizes, as the officer reads them -----------------------------------------------------------

_VI_DIGITS = str.maketrans(",.", ".,")  # 20,000.5 in English is 20.000,5 in Vietnamese


def _too_big(size: tuple, limit: tuple) -> TableError:
    (size_vi, size_en), (limit_vi, limit_en) = size, limit
    return TableError("SP404", size_vi=size_vi, size_en=size_en, limit_vi=limit_vi, limit_en=limit_en,
                      rows_vi=f"{MAX_ROWS:,}".replace(",", "."), rows_en=f"{MAX_ROWS:,}")


def _megabytes(size: int) -> tuple:
    # Rounded up to a tenth: a file just over the limit never reads as the limit itself.
    tenths = math.ceil(size * 10 / MEGABYTE)
    number = f"{tenths // 10:,}" if tenths % 10 == 0 else f"{tenths / 10:,.1f}"
    return f"{number.translate(_VI_DIGITS)} MB", f"{number} MB"


def _count(number: int, word_vi: str, word_en: str) -> tuple:
    return f"{number:,}".translate(_VI_DIGITS) + f" {word_vi}", f"{number:,} {word_en}"


# -- from rows of values to a table -------------------------------------------------------------

_KEPT_AS_THEY_ARE = (bool, int, float, datetime.date)  # datetime.datetime is a date too


def _clean(value):
    if value is None or isinstance(value, _KEPT_AS_THEY_ARE):
        return value
    # A time of day or a duration (rare in a product list) becomes text, so every value is of a
    # type the importer knows.
    text = value if isinstance(value, str) else str(value)
    # Excel breaks a line in a cell with \n, a Windows CSV with \r\n: one form for the importer.
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return text or None


def _collect(rows) -> tuple:
    """From ``(row number, raw values)`` in order: the cleaned values of the rows up to the last
    used one (at most MAX_ROWS, each at most MAX_COLUMNS wide), how many rows are used and how
    wide the widest is. Rows past the limit are still looked at, only to tell the officer by how
    much the file is over it."""
    kept, height, width = [], 0, 0
    for position, (number, raw) in enumerate(rows, start=1):
        values = [_clean(value) for value in _without_trailing_none(raw)]
        while values and values[-1] is None:
            values.pop()
        if values:
            height = position
            width = max(width, len(values))
        if position <= MAX_ROWS:
            kept.append((number, values[:MAX_COLUMNS]))
    return kept[:height], height, width


def _without_trailing_none(raw):
    # Before cleaning: a sheet's rows come padded to one width, mostly with None, and the rows
    # missing from a sheet come all None (counted at C speed: a sheet may skip a million rows).
    if raw.count(None) == len(raw):
        return ()
    end = len(raw)
    while end and raw[end - 1] is None:
        end -= 1
    return raw[:end]


def _check_size(height: int, width: int, where: tuple) -> None:
    if height > MAX_ROWS:
        raise _too_big(_count(height, "dòng", "rows"), _count(MAX_ROWS, "dòng", "rows"))
    if width > MAX_COLUMNS:
        raise _too_big(_count(width, "cột", "columns"), _count(MAX_COLUMNS, "cột", "columns"))
    if height == 0:
        where_vi, where_en = where
        raise TableError("SP405", where_vi=where_vi, where_en=where_en)


def _padded(kept: list, width: int) -> list:
    return [(number, values + [None] * (width - len(values))) for number, values in kept]


def _table(name, grid: list, width: int) -> Table:
    letters = [column_letter(index) for index in range(1, width + 1)]
    rows = tuple(tuple(Cell(value, number, letter) for value, letter in zip(values, letters))
                 for number, values in grid)
    return Table(name, rows)


# -- workbooks (.xlsx, .xlsm) ----------------------------------------------------------------

# Streams named (in UTF-16) in an OLE2 file's directory: an Excel 97-2003 workbook has a
# "Workbook" stream, a password-protected .xlsx an "EncryptionInfo" one.
_OLD_WORKBOOK_STREAM = "Workbook".encode("utf-16-le")
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


def _read_workbook(data: bytes, sheet: str | None) -> Table:
    if data.startswith(OLE2_MAGIC):
        # Encrypted workbooks are OLE2 files; so is an old .xls renamed .xlsx, told by its streams.
        old = _OLD_WORKBOOK_STREAM in data and _ENCRYPTION_STREAM not in data
        raise TableError("SP402" if old else "SP403")
    try:
        # openpyxl warns (unsupported extensions, no default style) on stderr: the core prints nothing.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read_xlsx(data, sheet)
    except TableError:
        raise
    except Exception:  # zipfile, openpyxl and the XML parser raise a dozen kinds (KeyError, ValueError,
        # BadZipFile, ParseError, …): to the officer all mean the file is not a workbook.
        raise _unreadable(*_NOT_A_WORKBOOK) from None


def _read_xlsx(data: bytes, sheet: str | None) -> Table:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        _check_unpacked_size(archive)
        # read_only: the cells are streamed, never all held as openpyxl objects; data_only: the
        # values Excel cached for formulas, which are never evaluated.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            worksheet = _choose_sheet(workbook, sheet)
            # openpyxl keeps the sheet's part name in _worksheet_path (since openpyxl 2; read-only
            # mode has no public way to it, nor to the merged ranges the outline reads).
            outline = _outline(archive, worksheet._worksheet_path)
            kept, height, width = _collect(_sheet_rows(worksheet))
            if outline.widest > MAX_COLUMNS + 1:  # past the columns _sheet_rows reads
                width = max(width, outline.widest)
            _check_size(height, width, (f" (trang tính '{worksheet.title}')", f" (sheet '{worksheet.title}')"))
            grid = _padded(kept, width)
            _spread_merged(grid, outline.merged)
            return _table(worksheet.title, grid, width)
        finally:
            workbook.close()


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    # The declared sizes are what counts: zipfile stops an entry at its declared size (and fails
    # its checksum), so a zip bomb lying about its sizes cannot unpack more than it declares.
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        raise _too_big(_megabytes(unpacked), _megabytes(MAX_UNPACKED))


def _choose_sheet(workbook, name: str | None):
    sheets = workbook.worksheets  # chart sheets hold no cells and are left out
    if name is None:
        visible = [sheet for sheet in sheets if sheet.sheet_state == "visible"]
        if not (visible or sheets):
            raise TableError("SP405", where_vi="", where_en="")
        return (visible or sheets)[0]
    # Excel's sheet names are unique regardless of case, so a name typed in another case (or
    # with its accents composed differently by the terminal) can only mean one sheet.
    exact = [sheet for sheet in sheets if sheet.title == name]
    loose = [sheet for sheet in sheets if _folded_name(sheet.title) == _folded_name(name)]
    if exact or loose:
        return (exact or loose)[0]
    raise TableError("SP407", value=name, sheets=", ".join(f"'{sheet.title}'" for sheet in sheets))


def _folded_name(name: str) -> str:
    return nfc(name).strip().casefold()


def _sheet_rows(worksheet):
    """``(row number, values)`` of each row, at most MAX_COLUMNS + 1 values wide."""
    # Explicit bounds, so neither the <dimension> the sheet declares (a hint other programs get
    # wrong) nor a cell far right (XFD: openpyxl pads every row to the widest) decides how much
    # is read. Rows missing from the XML come as None-filled rows, so position = row number.
    rows = worksheet.iter_rows(max_row=_EXCEL_LAST_ROW, max_col=MAX_COLUMNS + 1, values_only=True)
    return enumerate(rows, start=1)


_ROW, _CELL, _MERGE_CELL = (f"{{{SHEET_MAIN_NS}}}{name}" for name in ("row", "c", "mergeCell"))
_VALUES = {f"{{{SHEET_MAIN_NS}}}v", f"{{{SHEET_MAIN_NS}}}is"}


class _SheetOutline:
    """An XML parser target that builds no tree (constant memory for a sheet of any size) and
    keeps two things: the merged ranges, and the rightmost column of a cell holding a value
    (counted even when the value turns out blank: telling would mean reading every string)."""

    def __init__(self):
        self.merged = []
        self.widest = 0
        self._column = 0

    def start(self, tag, attributes):
        if tag == _CELL:
            # A cell without a reference is the one after the previous, as openpyxl reads it.
            reference = attributes.get("r")
            self._column = _column_of(reference) if reference else self._column + 1
        elif tag in _VALUES:
            self.widest = max(self.widest, self._column)
        elif tag == _ROW:
            self._column = 0
        elif tag == _MERGE_CELL:
            self.merged.append(attributes.get("ref"))

    def close(self):
        return self


def _column_of(reference: str) -> int:
    return column_index_from_string(reference.rstrip("0123456789"))  # "AB12" → 28


def _outline(archive: zipfile.ZipFile, member: str) -> _SheetOutline:
    parser = ElementTree.XMLParser(target=_SheetOutline())
    with archive.open(member) as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            parser.feed(chunk)
    return parser.close()


def _spread_merged(grid: list, refs: list) -> None:
    """Every cell of a merged range gets its top-left cell's value, inside the used area only: a
    range reaching past the last used row or column adds no row or column of its own."""
    height, width = len(grid), len(grid[0][1]) if grid else 0
    for ref in refs:
        try:
            first_column, first_row, last_column, last_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue  # one damaged reference spoils one range, not the file
        # Whole rows or columns ("A:A", "3:3") leave the other bounds open.
        first_column, first_row = first_column or 1, first_row or 1
        last_column, last_row = min(last_column or width, width), min(last_row or height, height)
        if first_row > last_row or first_column > last_column:
            continue
        value = grid[first_row - 1][1][first_column - 1]
        for _number, values in grid[first_row - 1:last_row]:
            values[first_column - 1:last_column] = [value] * (last_column - first_column + 1)


# -- text tables (.csv, .tsv, .txt) ------------------------------------------------------------

# Excel's "CSV UTF-8" starts with a UTF-8 BOM, its "Unicode text" with a UTF-16 one.
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_DELIMITERS = (",", ";", "\t")  # in order of preference when the count cannot tell
_SNIFF_CHARS = 64 * 1024
_SNIFF_LINES = 20
_QUOTED = re.compile(r'"[^"]*"')  # a doubled "" inside a field is two such runs back to back


def _read_text_table(data: bytes) -> Table:
    text = _decode(data)
    if "\x00" in text:
        raise _unreadable("tệp chứa ký tự NUL, không phải văn bản CSV",
                          "the file holds NUL characters, so it is not CSV text")
    kept, height, width = _collect(_records(text, _sniff_delimiter(text)))
    _check_size(height, width, ("", ""))
    return _table(None, _padded(kept, width), width)


def _decode(data: bytes) -> str:
    bom, encoding = next(((bom, name) for bom, name in _BOMS if data.startswith(bom)), (b"", "utf-8"))
    try:
        return data[len(bom):].decode(encoding)
    except UnicodeDecodeError as error:
        position = len(bom) + error.start  # in the file, BOM included, as a hex editor shows it
        raise TableError("SP406", byte=f"0x{data[position]:02x}", position=position) from None


def _sniff_delimiter(text: str) -> str:
    """The delimiter found the same number of times on the most lines (quoted text left out):
    Excel pads every record to the full width, while a comma in an unquoted description of a
    semicolon-separated file comes and goes."""
    lines = [line for line in _QUOTED.sub("", text[:_SNIFF_CHARS]).splitlines() if line.strip()]
    scores = {delimiter: _regularity([line.count(delimiter) for line in lines[:_SNIFF_LINES]])
              for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=scores.__getitem__)
    return best if scores[best] > (0, 0) else ","


def _regularity(counts: list) -> tuple:
    """(how many lines share the commonest non-zero count, that count)."""
    used = [count for count in counts if count]
    if not used:
        return (0, 0)
    count, lines = Counter(used).most_common(1)[0]
    return (lines, count)


def _records(text: str, delimiter: str):
    """``(line the record starts on, fields)`` for each CSV record; a quoted field may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for fields in reader:
            yield start, fields
            start = reader.line_num + 1
    except csv.Error as error:  # e.g. a field longer than the csv module's limit
        raise _unreadable(f"lỗi cú pháp CSV ở dòng {reader.line_num} ({error})",
                          f"CSV syntax error on line {reader.line_num} ({error})") from None
