"""Convert a composed record to typed values with the declared schema.

Every scalar arrives as the string the officer typed; here it becomes a date,
a ``Decimal``, an integer or checked text — or a located problem saying what
was expected, what was found and how to fix it. Conversion never stops at the
first problem: every field of the file is looked at.
"""

import difflib
import re
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from ..common.text import fold
from .problems import Problem
from .schema import PRODUCT_ID_PATTERN, Field
from .yamltree import Document, path_text

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DAY_FIRST_DATE = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$")
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
INTEGER = re.compile(r"^[+-]?\d+$")
PRODUCT_ID = re.compile(PRODUCT_ID_PATTERN)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
PHONE = re.compile(r"^(0\d{9,10}|\+84\d{9,10}|1[89]00\d{4,6})$")
# Raw HTML: a tag or comment, but not a Markdown autolink such as <https://…>.
RAW_HTML = re.compile(r"<(?!https?://|mailto:)(/?[A-Za-z][A-Za-z0-9-]*\b[^>]*|!--.*?--)>", re.S)

_KIND_WORDS = {  # kind -> (Vietnamese, English) description of what is expected
    "mapping": ("một nhóm trường dạng 'tên: giá trị'", "a group of 'key: value' fields"),
    "list": ("một danh sách, mỗi mục bắt đầu bằng '- '", "a list, each item starting with '- '"),
    "localized_text": ("một nhóm 'vi:' (và 'en:' nếu có)", "a group with 'vi:' (and optionally 'en:')"),
    "localized_markdown": ("một nhóm 'vi:' (và 'en:' nếu có)", "a group with 'vi:' (and optionally 'en:')"),
    "points_by_code": ("một nhóm 'mã tiêu chí: điểm'", "a group of 'criterion: points'"),
}
_SCALAR_WORDS = ("một giá trị đơn (chữ hoặc số)", "a single value (text or number)")

LANGUAGE_FIELDS = {
    "localized_text": (Field("vi", "text", "tiếng Việt", "Vietnamese", True, "…"),
                       Field("en", "text", "tiếng Anh", "English", False, "…")),
    "localized_markdown": (Field("vi", "markdown", "tiếng Việt", "Vietnamese", True, "…"),
                           Field("en", "markdown", "tiếng Anh", "English", False, "…")),
}


def _found_words(value):
    if isinstance(value, dict):
        return "một nhóm trường", "a group of fields"
    if isinstance(value, list):
        return "một danh sách", "a list"
    return f"giá trị '{value}'", f"the value '{value}'"


class Converter:
    """Converts one document; collects problems in ``self.problems``."""

    def __init__(self, document: Document, file: str):
        self.document = document
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, code, path, params=None, at_key=False):
        line, column = (self.document.key_marks.get(tuple(path)) if at_key else None) or self.document.mark(path)
        self.problems.append(Problem(code, self.file, line, column, path_text(path), params or {}))

    # -- structure ---------------------------------------------------------

    def mapping(self, value, fields, path=()):
        """Convert a mapping; returns a dict holding every declared key (None when absent or bad)."""
        by_key = {f.key: f for f in fields}
        result = {f.key: None for f in fields}
        if not isinstance(value, dict):
            self._wrong_kind(value, "mapping", path, fields)
            return result
        for key, item in value.items():
            if key not in by_key:
                self._unknown_key(key, by_key, path)
        for f in fields:
            item_path = path + (f.key,)
            if f.key not in value or value[f.key] is None:
                if f.required:
                    code = "SP111" if f.key in value else "SP101"
                    self.problem(code, item_path if f.key in value else path,
                                 {"key": f.key, "label_vi": f.label_vi, "label_en": f.label_en, "example": f.example},
                                 at_key=f.key in value)
                continue
            result[f.key] = self.value(value[f.key], f, item_path)
        return result

    def value(self, value, f: Field, path):
        if f.kind == "mapping":
            return self.mapping(value, f.fields, path)
        if f.kind in LANGUAGE_FIELDS:
            return self.mapping(value, LANGUAGE_FIELDS[f.kind], path) if self._is(value, dict, f, path) else None
        if f.kind == "list":
            if not self._is(value, list, f, path):
                return None
            return [self.value(item, f.item, path + (index,)) for index, item in enumerate(value)]
        if f.kind == "points_by_code":
            if not self._is(value, dict, f, path):
                return None
            return self._points_by_code(value, f, path)
        if isinstance(value, (dict, list)):
            self._wrong_kind(value, f.kind, path, (), f.example)
            return None
        if not value.strip():
            self.problem("SP111", path, {"key": f.key or path_text(path)})
            return None
        if f.kind not in ("text", "markdown"):
            value = value.strip()  # "11 " typed inside quotes is still 11
        return getattr(self, "_" + f.kind)(value, f, path)

    def _points_by_code(self, value, f, path):
        number = Field(f.key, "number", f.label_vi, f.label_en, low=f.low, example="3")
        points = {}
        for code, item in value.items():
            if item is None:
                self.problem("SP111", path + (code,), {"key": code})
            else:
                points[code] = self.value(item, number, path + (code,))
        return points

    def _is(self, value, python_type, f, path):
        if isinstance(value, python_type):
            return True
        self._wrong_kind(value, f.kind, path, (), f.example)
        return False

    def _wrong_kind(self, value, kind, path, fields=(), example=""):
        expected_vi, expected_en = _KIND_WORDS.get(kind, _SCALAR_WORDS)
        found_vi, found_en = _found_words(value)
        if not example and fields:
            example = ", ".join(f"{f.key}: {f.example}" for f in fields if f.required)
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        self.problem("SP103", path, {"key": key, "expected_vi": expected_vi, "expected_en": expected_en,
                                     "found_vi": found_vi, "found_en": found_en, "example": example})

    def _unknown_key(self, key, by_key, path):
        close = difflib.get_close_matches(str(key), list(by_key), n=1, cutoff=0.6)
        hint_vi = f" Có phải là '{close[0]}'?" if close else ""
        hint_en = f" Did you mean '{close[0]}'?" if close else ""
        if str(key).isdigit():  # "{A: 31,5}" splits at the decimal comma into A: 31 and 5:
            hint_vi = " Nếu đây là phần thập phân của số phía trước, dùng dấu chấm: 31.5 chứ không phải 31,5."
            hint_en = " If this is the decimal part of the number before it, use a point: 31.5, not 31,5."
        self.problem("SP100", path + (key,), {"key": key, "hint_vi": hint_vi, "hint_en": hint_en,
                                              "allowed": ", ".join(by_key)}, at_key=True)

    # -- scalars -----------------------------------------------------------

    def _text(self, value, f, path):
        text = value.strip()
        if not text:
            self.problem("SP111", path, {"key": f.key})
            return None
        return text

    def _markdown(self, value, f, path):
        text = self._text(value, f, path)
        if text:
            html = RAW_HTML.search(text)
            if html:
                self.problem("SP303", path, {"value": html.group(0)[:40]})
        return text

    def _date(self, value, f, path):
        if DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        hint_vi = hint_en = ""
        day_first = DAY_FIRST_DATE.match(value)
        if day_first:  # 28/06/2024, as dates are written in Vietnam
            try:
                meant = date(int(day_first["y"]), int(day_first["m"]), int(day_first["d"])).isoformat()
                hint_vi = f" Có vẻ đây là ngày/tháng/năm: viết {meant}."
                hint_en = f" It looks like day/month/year: write {meant}."
            except ValueError:
                pass
        self.problem("SP102", path, {"value": value, "hint_vi": hint_vi, "hint_en": hint_en})
        return None

    def _number(self, value, f, path):
        if not NUMBER.match(value):
            self.problem("SP104", path, {"value": value})
            return None
        return self._in_range(Decimal(value), f, path)

    def _integer(self, value, f, path):
        if not INTEGER.match(value):
            self.problem("SP105", path, {"value": value, "example": f.example})
            return None
        return self._in_range(int(value), f, path)

    def _in_range(self, number, f, path):
        too_low = f.low is not None and number < f.low
        too_high = f.high is not None and number > f.high
        if too_low or too_high:
            self.problem("SP112", path, {"value": number, "key": f.key or path_text(path),
                                         "low": f.low, "high": f.high if f.high is not None else "…"})
            return None
        return number

    def _choice(self, value, f, path):
        if value in f.choices:
            return value
        meant = next((choice for choice, words in (f.choice_words or {}).items()
                      if fold(value) in {fold(w) for w in words}), None)
        hint_vi = f" Có phải là '{meant}'?" if meant else ""
        hint_en = f" Did you mean '{meant}'?" if meant else ""
        self.problem("SP106", path, {"value": value, "key": f.key, "allowed": ", ".join(f.choices),
                                     "hint_vi": hint_vi, "hint_en": hint_en})
        return None

    def _product_id(self, value, f, path):
        if PRODUCT_ID.match(value):
            return value
        self.problem("SP107", path, {"value": value})
        return None

    def _url(self, value, f, path):
        try:
            parts = urlsplit(value) if " " not in value else None
            hostname = parts.hostname if parts else None
        except ValueError:  # e.g. "https://[example.vn": an unclosed IPv6 bracket
            parts, hostname = None, None
        if parts and parts.scheme in ("http", "https") and "." in (hostname or ""):
            return value
        self.problem("SP108", path, {"value": value})
        return None

    def _email(self, value, f, path):
        if EMAIL.match(value):
            return value
        self.problem("SP109", path, {"value": value})
        return None

    def _phone(self, value, f, path):
        if PHONE.match(PHONE_SEPARATORS.sub("", value)):
            return value
        self.problem("SP110", path, {"value": value})
        return None
