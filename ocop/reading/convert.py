"""Convert a composed record to typed values with the declared schema.

Every scalar arrives as the string the officer typed; here it becomes a date,
a ``Decimal``, an integer or checked text — or a located problem saying what
was expected, what was found and how to fix it. Conversion never stops at the
first problem: every field of the file is looked at.
"""

import difflib
import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import cache
from urllib.parse import urlsplit

from ..common.text import fold
from .problems import Problem, shown
from .schema import PRODUCT_ID_PATTERN, Field
from .yamltree import Document, path_text

# re.ASCII: Python's \d is any script's digit ('١١', '３'), which int() and Decimal() take too; a
# record's numbers are 0-9, as the editors' JSON Schema (ECMA-262, where \d is 0-9) has them.
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
DAY_FIRST_DATE = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$")
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$", re.ASCII)
INTEGER = re.compile(r"^[+-]?\d+$", re.ASCII)
# Longer numbers are refused before int() or Decimal() sees them: no real one comes near, and a
# 5,000-digit one would make int() raise (Python's limit on digits) or cost time for nothing.
INTEGER_MAX_LENGTH = 20
NUMBER_MAX_LENGTH = 30
PRODUCT_ID = re.compile(PRODUCT_ID_PATTERN)
# The editors' pattern (products/schema.json), looser than the loader's check below: the editor
# never flags what the loader accepts.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
# What the loader accepts: a conservative addr-spec. The local part is dot-separated atoms of
# letters, digits and !#$%&'*+/=?^_`{|}~- (no quoted local part: no quotes, spaces, < > or "),
# the domain a host name. An address is put in mailto: links, so nothing may close an attribute.
EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
# A host name: dot-separated labels of letters (any script, for Vietnamese domain names), digits and
# inner hyphens, at most 63 characters each; the last (the top-level domain) not all digits.
HOST_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")
# Never in a web address the site links to: they close or break an HTML attribute or a Markdown link.
URL_FORBIDDEN = re.compile(r"[\s<>\"'`{}|\\^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
PHONE = re.compile(r"^(0\d{9,10}|\+84\d{9,10}|1[89]00\d{4,6})$", re.ASCII)
# Raw HTML: a tag or comment, but not a Markdown autolink such as <https://…>. Written so that a
# search takes linear time on a hostile text ('<a<a<a…', '<!--<!--…'): a tag stops at the next '<',
# its name is matched possessively, and a comment ends before the next '<!--'.
RAW_HTML = re.compile(r"<(?!https?://|mailto:)(/?[A-Za-z][A-Za-z0-9-]*+\b[^<>]*|!--(?:(?!<!--).)*?--)>", re.S)
# Characters a text never holds, found in a value after YAML's escapes ("\e", "\x0b", "\u202e") are
# read: C0 and C1 controls and DEL (terminal escapes; XML 1.0, hence the Atom feed, has no place for
# them), bidi embeddings, overrides and isolates (the text shown in another order than it is stored,
# as in "Trojan source"), a BOM inside the text, lone surrogates and the non-characters U+FFFE and
# U+FFFF (not UTF-8, not XML). A Markdown text may hold tabs and new lines. The marks LRM and RLM
# (U+200E, U+200F) are allowed: they only set the direction of the characters beside them, open
# nothing that could reach beyond the value, and a name in Arabic or Hebrew script may need them.
_NEVER_IN_TEXT = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff"
CONTROL_IN_TEXT = re.compile(f"[\t\n{_NEVER_IN_TEXT}]")
CONTROL_IN_MARKDOWN = re.compile(f"[{_NEVER_IN_TEXT}]")
# The kinds checked for them (SP114): free text, and a phone or web address, whose own check would
# let one through (a phone's separators include \v and \f) or refuse it without saying why (a number
# copied from a chat comes wrapped in invisible U+202A … U+202C). A date, number, choice, id or e-mail
# is made of a fixed set of characters: its own check refuses them, and the message shows them escaped.
HIDDEN_CHARACTER_KINDS = ("text", "markdown", "phone", "url")
# Unknown keys get a "did you mean" for the first few only: a file of thousands of unknown keys
# (within the key limit) must not spend seconds on spelling.
SUGGESTED_KEYS = 50
_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "TAB", 0x0A: "LINE FEED",
                  0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE",
                  0x7F: "DELETE", 0x85: "NEXT LINE", 0x9B: "CONTROL SEQUENCE INTRODUCER"}

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
    return f"giá trị '{shown(value)}'", f"the value '{shown(value)}'"


def _character_name(char: str) -> str:
    """The Unicode name of a character a message points at; controls have none in ``unicodedata``."""
    return _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "CONTROL")


def is_host_name(host) -> bool:
    """A host name of at least two labels (example.vn), the last not all digits: no IP address, no 'localhost'."""
    labels = (host or "").split(".")
    return (len(host or "") <= 253 and len(labels) >= 2 and not labels[-1].isdigit()
            and all(HOST_LABEL.fullmatch(label) for label in labels))


def is_web_address(value: str) -> bool:
    """An http(s) address to a host name, with nothing that could break the link it becomes."""
    if URL_FORBIDDEN.search(value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError when the port is not a number from 0 to 65535
    except ValueError:  # e.g. "https://[example.vn": an unclosed IPv6 bracket
        return False
    # No user name before the host: "https://bank.vn@example.com" leads to example.com.
    return parts.scheme in ("http", "https") and "@" not in parts.netloc and is_host_name(parts.hostname)


def is_email(value: str) -> bool:
    local, at, domain = value.rpartition("@")
    return (bool(at) and len(value) <= 254 and len(local) <= 64 and bool(EMAIL_LOCAL.fullmatch(local))
            and is_host_name(domain))


# A record looks up the same few tuples of fields hundreds of times: each tuple's key index (and
# its dict of absent values) is built once, and kept with the tuple (an id alone could be reused).
_FIELD_TABLES = {}
_FIELD_TABLES_MAX = 1_000  # the schema has a few dozen; a caller making tuples on the fly cannot grow it without end


def _field_table(fields):
    """({key: field}, {key: None}) of a tuple of fields; neither may be changed by the caller."""
    entry = _FIELD_TABLES.get(id(fields))
    if entry is None or entry[0] is not fields:
        if len(_FIELD_TABLES) >= _FIELD_TABLES_MAX:
            _FIELD_TABLES.clear()
        entry = (fields, {f.key: f for f in fields}, dict.fromkeys(f.key for f in fields))
        _FIELD_TABLES[id(fields)] = entry
    return entry[1], entry[2]


# The kinds whose value holds other values, and the method reading each; any other kind is a
# scalar, read by ``_<kind>`` (``_date``, ``_phone``…).
_STRUCTURED_KINDS = {"mapping": "_mapping_field", "localized_text": "_localized_field",
                     "localized_markdown": "_localized_field", "list": "_list_field",
                     "points_by_code": "_points_field"}
_FREE_TEXT_KINDS = frozenset(("text", "markdown"))  # kept as typed, spaces and all
_CHECKED_FOR_HIDDEN = frozenset(HIDDEN_CHARACTER_KINDS)


class _Readers(dict):
    """kind -> the function of a converter class that reads a value of that kind, each looked up on
    the class once (a subclass's own readers are still the ones used), not once per value."""

    def __init__(self, converter_class):
        super().__init__()
        self.converter_class = converter_class

    def __missing__(self, kind):
        reader = self[kind] = getattr(self.converter_class, _STRUCTURED_KINDS.get(kind) or "_" + kind)
        return reader


@cache
def _readers(converter_class) -> _Readers:
    return _Readers(converter_class)


class Converter:
    """Converts one document; collects problems in ``self.problems``."""

    def __init__(self, document: Document, file: str):
        self.document = document
        self.file = file
        self.problems: list[Problem] = []
        self.suggested = 0  # unknown keys given a "did you mean" so far (SUGGESTED_KEYS)
        self._readers = _readers(type(self))

    def problem(self, code, path, params=None, at_key=False):
        line, column = (self.document.key_mark(path) if at_key else None) or self.document.mark(path)
        self.problems.append(Problem(code, self.file, line, column, path_text(path), params or {}))

    # -- structure ---------------------------------------------------------

    def mapping(self, value, fields, path=()):
        """Convert a mapping; returns a dict holding every declared key (None when absent or bad)."""
        by_key, absent = _field_table(fields)
        result = absent.copy()
        if not isinstance(value, dict):
            self._wrong_kind(value, "mapping", path, fields)
            return result
        for key in value:
            if key not in by_key:
                self._unknown_key(key, by_key, path)
        for f in fields:
            key = f.key
            item = value.get(key)
            if item is None:  # absent, or written without a value
                if f.required:
                    given = key in value
                    self.problem("SP111" if given else "SP101", path + (key,) if given else path,
                                 {"key": key, "label_vi": f.label_vi, "label_en": f.label_en, "example": f.example},
                                 at_key=given)
                continue
            result[key] = self.value(item, f, path + (key,))
        return result

    def value(self, value, f: Field, path):
        kind = f.kind
        if kind in _STRUCTURED_KINDS:
            return self._readers[kind](self, value, f, path)
        if isinstance(value, (dict, list)):
            self._wrong_kind(value, kind, path, (), f.example)
            return None
        stripped = value.strip()
        if not stripped:
            self.problem("SP111", path, {"key": f.key or path_text(path)})
            return None
        if kind not in _FREE_TEXT_KINDS:
            value = stripped  # "11 " typed inside quotes is still 11
        if kind in _CHECKED_FOR_HIDDEN and self._control_character(value, f, path):
            return None
        return self._readers[kind](self, value, f, path)

    def _mapping_field(self, value, f, path):
        return self.mapping(value, f.fields, path)

    def _localized_field(self, value, f, path):
        return self.mapping(value, LANGUAGE_FIELDS[f.kind], path) if self._is(value, dict, f, path) else None

    def _list_field(self, value, f, path):
        if not self._is(value, list, f, path):
            return None
        return [self.value(item, f.item, path + (index,)) for index, item in enumerate(value)]

    def _points_field(self, value, f, path):
        if not self._is(value, dict, f, path):
            return None
        return self._points_by_code(value, f, path)

    def _control_character(self, value, f, path):
        """SP114 for the first control character of ``value``; True when there is one."""
        pattern = CONTROL_IN_MARKDOWN if f.kind == "markdown" else CONTROL_IN_TEXT
        inner = value.strip()  # the spaces and new lines around a text are dropped, not kept
        found = pattern.search(inner)
        if not found:
            return False
        char = found.group()
        self.problem("SP114", path, {"char": f"U+{ord(char):04X}", "name": _character_name(char),
                                     "position": len(value) - len(value.lstrip()) + found.start() + 1})
        return True

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
        close = None
        if self.suggested < SUGGESTED_KEYS and len(str(key)) <= 64:  # no name is longer; spelling costs time
            self.suggested += 1
            close = difflib.get_close_matches(str(key), list(by_key), n=1, cutoff=0.6)
        hint_vi = f" Có phải là '{close[0]}'?" if close else ""
        hint_en = f" Did you mean '{close[0]}'?" if close else ""
        if str(key).isdigit():  # "{A: 31,5}" splits at the decimal comma into A: 31 and 5:
            hint_vi = " Nếu đây là phần thập phân của số phía trước, dùng dấu chấm: 31.5 chứ không phải 31,5."
            hint_en = " If this is the decimal part of the number before it, use a point: 31.5, not 31,5."
        self.problem("SP100", path + (key,), {"key": shown(key), "hint_vi": hint_vi, "hint_en": hint_en,
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
        self.problem("SP102", path, {"value": shown(value), "hint_vi": hint_vi, "hint_en": hint_en})
        return None

    def _number(self, value, f, path):
        if not NUMBER.match(value):
            self.problem("SP104", path, {"value": shown(value)})
            return None
        if len(value) > NUMBER_MAX_LENGTH:
            return self._too_long(value, "SP104", f, path)
        return self._in_range(Decimal(value), f, path)

    def _integer(self, value, f, path):
        if not INTEGER.match(value):
            self.problem("SP105", path, {"value": shown(value), "example": f.example})
            return None
        if len(value) > INTEGER_MAX_LENGTH:
            return self._too_long(value, "SP105", f, path)
        return self._in_range(int(value), f, path)

    def _too_long(self, value, code, f, path):
        """A number of more digits than any real one: out of range where the field has a highest
        value (product_set: 1–26), else not a number as records write them."""
        if f.high is not None:
            self.problem("SP112", path, {"value": shown(value), "key": f.key or path_text(path),
                                         "low": f.low, "high": f.high})
        else:
            self.problem(code, path, {"value": shown(value), "example": f.example})
        return None

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
        self.problem("SP106", path, {"value": shown(value), "key": f.key, "allowed": ", ".join(f.choices),
                                     "hint_vi": hint_vi, "hint_en": hint_en})
        return None

    def _product_id(self, value, f, path):
        if PRODUCT_ID.match(value):
            return value
        self.problem("SP107", path, {"value": shown(value)})
        return None

    def _url(self, value, f, path):
        if is_web_address(value):
            return value
        self.problem("SP108", path, {"value": shown(value)})
        return None

    def _email(self, value, f, path):
        if is_email(value):
            return value
        self.problem("SP109", path, {"value": shown(value)})
        return None

    def _phone(self, value, f, path):
        if PHONE.match(PHONE_SEPARATORS.sub("", value)):
            return value
        self.problem("SP110", path, {"value": shown(value)})
        return None
