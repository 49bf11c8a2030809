"""The columns of an officers' list, and the header row that names them.

Lists of OCOP products come from recognition decisions and their annexes, typed by many hands: the
same column is "Tên sản phẩm", "TÊN SẢN PHẨM (1)", "Ten san pham" or "Sản phẩm OCOP". A header is
read folded (no diacritics, đ as d, any case), without notes in brackets and end punctuation, and
matched against the usual wordings below, which the README and the officers' guide list from here.
A header matching nothing is named in the output (SP420), never dropped in silence; ``--map``
covers the rest.
"""

import re
from dataclasses import dataclass

from ..common.text import fold


@dataclass(frozen=True)
class Column:
    field: str  # what the column holds; also the word ``--map "Header=field"`` uses
    label_vi: str
    label_en: str
    wordings: tuple  # the usual headers, as officers write them


COLUMNS = (
    Column("number", "số thứ tự", "row number", ("STT", "TT", "Số TT", "Số thứ tự")),
    Column("code", "mã sản phẩm", "product code",
           ("Mã sản phẩm", "Mã SP", "Mã số sản phẩm", "Mã OCOP", "Mã sản phẩm OCOP", "Mã số")),
    Column("name", "tên sản phẩm", "product name",
           ("Tên sản phẩm", "Sản phẩm", "Tên SP", "Tên sản phẩm OCOP", "Sản phẩm OCOP", "Tên sản phẩm đạt OCOP",
            "Tên sản phẩm được công nhận")),
    Column("producer", "tên chủ thể", "producer",
           ("Chủ thể", "Tên chủ thể", "Chủ thể sản xuất", "Chủ thể OCOP", "Tên chủ thể OCOP", "Chủ thể sản phẩm",
            "Đơn vị sản xuất", "Cơ sở sản xuất", "Tổ chức, cá nhân", "Tên tổ chức, cá nhân", "Chủ sở hữu",
            "Đơn vị, chủ thể")),
    Column("address", "địa chỉ chủ thể", "producer's address",
           ("Địa chỉ", "Địa chỉ chủ thể", "Địa chỉ sản xuất", "Địa chỉ liên hệ", "Địa chỉ trụ sở")),
    Column("unit", "xã, phường", "commune or ward",
           ("Xã/Phường", "Xã, phường", "Xã, phường, thị trấn", "Xã/Phường/Thị trấn", "Xã/Phường/Đặc khu",
            "Xã, phường, đặc khu", "Xã", "Phường", "Đơn vị hành chính", "Địa bàn", "Đơn vị hành chính cấp xã")),
    Column("district", "huyện", "district",
           ("Huyện", "Quận/Huyện", "Quận, huyện", "Huyện/Thị xã/Thành phố", "Huyện, thị xã, thành phố",
            "Huyện/TX/TP", "Địa phương")),
    Column("phone", "điện thoại", "phone", ("Điện thoại", "Số điện thoại", "SĐT", "ĐT", "Điện thoại liên hệ")),
    Column("stars", "hạng sao", "stars",
           ("Hạng sao", "Số sao", "Xếp hạng", "Hạng", "Kết quả xếp hạng", "Kết quả đánh giá", "Hạng sao OCOP",
            "Số sao đạt được", "Sao", "Xếp hạng sao")),
    Column("decision", "số quyết định", "decision number",
           ("Số quyết định", "Quyết định", "Số QĐ", "Quyết định công nhận", "Số quyết định công nhận",
            "Số, ngày quyết định", "Số và ngày quyết định", "Số, ngày QĐ", "QĐ công nhận",
            # "Số" under a "Quyết định" header merged over two columns (the row under it is read too)
            "Quyết định số", "Quyết định công nhận số", "QĐ công nhận số")),
    Column("date", "ngày quyết định", "decision date",
           ("Ngày quyết định", "Ngày QĐ", "Ngày công nhận", "Ngày ban hành", "Ngày cấp", "Ngày ký",
            "Quyết định ngày", "Quyết định công nhận ngày", "QĐ công nhận ngày", "Quyết định công nhận ngày ban hành")),
    Column("issuer", "cơ quan ban hành", "issuing body",
           ("Cơ quan ban hành", "Cơ quan công nhận", "Đơn vị ban hành", "Cơ quan cấp", "Cơ quan ra quyết định")),
    Column("level", "cấp công nhận", "certifying level", ("Cấp công nhận", "Cấp", "Cấp đánh giá, công nhận")),
    Column("product_set", "bộ sản phẩm", "product set", ("Bộ sản phẩm", "Bộ SP", "Bộ", "Số bộ sản phẩm")),
)
BY_FIELD = {column.field: column for column in COLUMNS}
FIELDS = tuple(BY_FIELD)
# How far down a sheet the header row may be: ministries put a title, a date and a blank line above it.
HEADER_SEARCH_ROWS = 20

_NOTE_IN_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")
_EDGE_PUNCTUATION = re.compile(r"^[\s.:;,*\-–]+|[\s.:;,*\-–\d]+$")


def header_key(text) -> str:
    """A header as it is matched: "TÊN SẢN PHẨM (1):" → "ten san pham"."""
    if text is None:
        return ""
    folded = fold(_NOTE_IN_BRACKETS.sub(" ", str(text)))
    return " ".join(_EDGE_PUNCTUATION.sub("", folded).split())


_WORDINGS = {header_key(wording): column.field for column in COLUMNS for wording in column.wordings}


class MapError(ValueError):
    """A ``--map`` that cannot be used; ``args`` hold (message_vi, message_en)."""


def parse_map(entries) -> dict:
    """``--map "Tên SP=name"`` entries → {header key: field}."""
    mapping = {}
    for entry in entries or ():
        header, sep, field = str(entry).rpartition("=")
        field = field.strip()
        if not sep or not header_key(header):
            raise MapError(f"'{entry}' cần dạng \"Tên cột=trường\"", f"'{entry}' must read \"Column=field\"")
        if field not in BY_FIELD:
            raise MapError(f"'{field}' không phải trường nhập được; chọn: {', '.join(FIELDS)}",
                           f"'{field}' is not a field that can be imported; one of: {', '.join(FIELDS)}")
        mapping[header_key(header)] = field
    return mapping


def field_of(header, mapping=None):
    """The field a header names: ``--map`` first, then the usual wordings; None when it names none."""
    key = header_key(header)
    if not key:
        return None
    if mapping and key in mapping:
        return mapping[key]
    return _WORDINGS.get(key)


@dataclass(frozen=True)
class Header:
    row: int  # the (last) header row
    fields: dict  # column letter -> field
    titles: dict  # column letter -> the header as written, for messages
    unknown: tuple  # (column letter, header as written) of headers that name no field


def find_header(rows, mapping=None) -> Header | None:
    """The header: the first row, among the first ``HEADER_SEARCH_ROWS``, naming the product name and at
    least one other column. A header in two rows ("Chủ thể" merged over "Tên" and "Địa chỉ") is read
    with the row under it, whose more precise words win where it has them."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = _fields_of(row, mapping)
        if "name" not in found.values() or len(set(found.values())) < 2:
            continue
        below = rows[index + 1] if index + 1 < len(rows) else ()
        return _header(row, below if _is_sub_header(row, below, mapping) else (), mapping)
    return None


def _is_sub_header(row, below, mapping) -> bool:
    """The row under a header is part of it when it names a field, and has text only under headers
    merged over several columns (the same title side by side) or repeats the header above it (a
    header merged down over both rows)."""
    titles = [cell.value for cell in row]
    names_a_field = False
    for position, cell in enumerate(below):
        if cell.value is None or cell.value == titles[position]:
            continue
        same_left = position > 0 and titles[position - 1] == titles[position]
        same_right = position + 1 < len(titles) and titles[position + 1] == titles[position]
        if not (same_left or same_right):
            return False
        names_a_field = names_a_field or field_of(cell.value, mapping) is not None
    return names_a_field


def _fields_of(row, mapping) -> dict:
    found = {}
    for cell in row:
        field = field_of(cell.value, mapping) if isinstance(cell.value, str) else None
        if field and field not in found.values():
            found[cell.column] = field
    return found


def _header(row, below, mapping) -> Header:
    fields, titles, unknown = {}, {}, []
    under = {cell.column: cell.value for cell in below}
    for cell in row:
        top, sub = cell.value, under.get(cell.column)
        if top is None and sub is None:
            continue
        field = None
        for text in (sub, f"{top} {sub}" if sub is not None else None, top):
            candidate = field_of(text, mapping) if text is not None else None
            if candidate and candidate not in fields.values():
                field = candidate
                break
        title = " ".join(str(t) for t in (top, sub) if t is not None and t != "") if sub != top else str(top)
        title = " ".join(title.split())
        titles[cell.column] = title
        if field:
            fields[cell.column] = field
        else:
            unknown.append((cell.column, title))
    return Header(below[0].row if below else row[0].row, fields, titles, tuple(unknown))
