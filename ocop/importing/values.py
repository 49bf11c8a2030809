"""The cells of an officer's list read the way officers write them: dates, stars, levels, decisions,
product sets and phones.

A cell arrives as the spreadsheet reader gives it (``table.Cell.value``): text (NFC, stripped), an
int, a float, a datetime or date, a bool, or None. Each reader returns the value, or None when it
cannot read it, and never raises: the caller says what it found and where, in the officer's words.
Nothing here guesses between two readings: a two-digit year, two phones in a cell or 3.5 stars are
None, for the officer to write again.
"""

import math
import re
from datetime import date, datetime, timedelta

from ..common.dates import parse_iso
from ..common.text import fold, nfc
from ..places.issuers import read_issuer
from ..reading.convert import DATE, DAY_FIRST_DATE, PHONE, PHONE_SEPARATORS
from ..reading.schema import LEVEL_WORDS, LEVELS
from ..rules.product_sets import product_set, set_named

# -- dates ------------------------------------------------------------------------------------------

# Excel counts days from 30/12/1899 (its day 60 is the 29/02/1900 that never was, so this origin is
# right for every day after February 1900). A CSV saved from Excel may carry the count instead of
# the date; 20000-80000 is 1954-2119, far from any year or decision number a date column holds.
_EXCEL_DAY_ZERO = date(1899, 12, 30)
_EXCEL_SERIALS = range(20000, 80001)
_SERIAL_TEXT = re.compile(r"^\d{5}(\.\d+)?$")
# "ngày 28/6/2024", "28 tháng 6 năm 2024" (folded); a time after the day, as a CSV may write a
# datetime cell ("28/06/2024 00:00:00"), is dropped.
_DAY_WORD = re.compile(r"^ngay\s*:?\s*")
_WORDS_DATE = re.compile(r"^(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s*(?:,\s*)?nam\s+(?P<y>\d{4})$")
_TIME = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def read_date(value) -> date | None:
    """28/06/2024, 28/6/2024, 28-06-2024, 28.06.2024, 2024-06-28, "ngày 28 tháng 6 năm 2024", a date
    cell, or an Excel day count → the date. Day first always, as dates are written in Vietnam."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        return _excel_day(value)
    if not isinstance(value, str):
        return None
    text = _TIME.sub("", _DAY_WORD.sub("", fold(value))).rstrip(".")
    if _SERIAL_TEXT.match(text):
        return _excel_day(float(text))
    found = DAY_FIRST_DATE.match(text) or _WORDS_DATE.match(text)
    if found:
        return _day(found["y"], found["m"], found["d"])
    if DATE.match(text):  # the record's own form; not any ISO text ("2024-W26-5" is a week day)
        try:
            return parse_iso(text)
        except ValueError:
            return None
    return None


def _day(year, month, day) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # 31/02, 29/02 of a common year
        return None


def _excel_day(number) -> date | None:
    if isinstance(number, float) and not math.isfinite(number):
        return None
    if int(number) not in _EXCEL_SERIALS:
        return None
    # A fraction is the time of day of a datetime cell.
    return _EXCEL_DAY_ZERO + timedelta(days=int(number))


# -- stars ------------------------------------------------------------------------------------------

STARS = range(3, 6)  # OCOP certifies 3, 4 and 5 stars; 1-2 are not certified, 6 does not exist
_STAR_WORDS = {"ba": 3, "bon": 4, "nam": 5}  # folded: "Ba sao", "bốn sao", "năm sao"
# Folded: "3", "3 sao", "3*", "3 ★", "hạng 3 sao", "Ba sao"; a number word only with "sao" after it
# (a bare "năm" is as much "year" as "five").
_STARS_TEXT = re.compile(r"^(?:hang\s+)?(?:(?P<n>\d{1,3})\s*(?:sao|\*|★)?|(?P<word>ba|bon|nam)\s+sao)$")
_STAR_SIGNS = re.compile(r"^(?:★\s*)+$")  # only filled stars: ☆ is an empty star, not a star


def read_stars(value) -> int | None:
    """3, 3.0, "3 sao", "3*", "★★★", "hạng 4 sao", "năm sao" → 3, 4 or 5; anything else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, int):
        return value if value in STARS else None
    if not isinstance(value, str):
        return None
    text = fold(value)
    if _STAR_SIGNS.match(text):
        count = text.count("★")
    else:
        found = _STARS_TEXT.match(text)
        if not found:
            return None
        count = _STAR_WORDS[found["word"]] if found["word"] else int(found["n"])
    return count if count in STARS else None


# -- levels -----------------------------------------------------------------------------------------

# Beyond the schema's LEVEL_WORDS (the words the record validator hints with), what a level column
# also says: "TW" for trung ương, and the district-level bodies "quận" and "thị xã".
_MORE_LEVEL_WORDS = {"district": ("quận", "cấp quận", "thị xã", "cấp thị xã"),
                     "central": ("tw", "cấp tw")}


def _level_words() -> dict:
    words = {level: level for level in LEVELS}
    for table in (LEVEL_WORDS, _MORE_LEVEL_WORDS):
        for level, level_words in table.items():
            words.update((fold(word), level) for word in level_words)
    return words


_LEVEL_OF_WORDS = _level_words()


def read_level(value) -> str | None:
    """A level column's words: "district", "cấp huyện", "Tỉnh", "trung ương", "TW" → the level."""
    if not isinstance(value, str):
        return None
    return _LEVEL_OF_WORDS.get(fold(value))


def level_from_issuer(issuer, day, units) -> str | None:
    """The level of the body that signed, from the issuer as written, on the decision's day:
    "UBND tỉnh Lâm Đồng" → province, "UBND thành phố Bảo Lộc" (a city of the province) → district,
    "Bộ Nông nghiệp…" → central; None when the text names no body the unit data knows the level of."""
    if not isinstance(issuer, str) or not isinstance(day, date):
        return None
    if isinstance(day, datetime):
        day = day.date()
    return read_issuer(issuer, day, units).level


# -- decisions --------------------------------------------------------------------------------------

# "Số 1234/QĐ-UBND", "QĐ số 1234/…", "Quyết định số: 1234/…", "Quyết định 1234/…" (with or without
# marks): the words before the number, dropped only when a digit follows them.
_DECISION_WORDS = re.compile(r"^(?:(?:q[đd]|quy[ếe]t\s+[đd][ịi]nh)(?:\s*s[ốo])?|s[ốo])\s*[:.]?\s*(?=\d)", re.I)
# Where the date starts: "ngày …" after the number, or a bare day-first date at its end; and the
# date itself, at the start of what follows "ngày" ("… ngày 28/6/2024 của UBND huyện …").
_DATE_WORD = re.compile(r"[\s,;(–-]*\bng[àa]y\b", re.I)
_DATE_AFTER_WORD = re.compile(r"^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d+"
                              r"|\d{1,2}\s+th[áa]ng\s+\d{1,2}\s*,?\s*n[ăa]m\s+\d+)", re.I)
_TRAILING_DATE = re.compile(r"[\s,;(–-]+\(?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\)?$")
_NUMBER_END = " \t\n,;:(–-"
_LONGEST_NUMBER = 10 ** 12


def split_decision(value) -> tuple[str | None, date | None]:
    """A decision cell → (its number as written, the date written with it): "Số 1234/QĐ-UBND ngày
    28/6/2024" → ("1234/QĐ-UBND", 28/06/2024). A date that cannot be read is None, the number kept."""
    if isinstance(value, bool) or value is None:
        return None, None
    if isinstance(value, float):
        value = int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, int):  # a number cell; no decision is numbered past a few thousand
        return (str(value), None) if 0 < value < _LONGEST_NUMBER else (None, None)
    if isinstance(value, date):  # a decision column holding only the day
        return None, read_date(value)
    if not isinstance(value, str):
        return None, None
    text = nfc(value).strip()
    day = None
    found = _DATE_WORD.search(text)
    if found:
        written = _DATE_AFTER_WORD.match(text[found.end():])
        day = read_date(written[1]) if written else None
        text = text[:found.start()]
    else:
        found = _TRAILING_DATE.search(text)
        if found:
            day = read_date(found[1])
            text = text[:found.start()]
    number = _DECISION_WORDS.sub("", text.strip()).strip(_NUMBER_END)
    return (number or None), day


# -- product sets -----------------------------------------------------------------------------------

# Folded: "11", "Bộ 11", "bộ số 11", "Bộ sản phẩm số 11", and a number with its set's name after it
# ("11 - Chè tươi, chè chế biến"), which must then be that set's name.
_SET_TEXT = re.compile(r"^(?:bo\s+(?:san\s+pham\s+)?(?:so\s+)?)?(?P<n>\d{1,2})(?:\s*[-:.,–]\s*(?P<name>.*))?$")


def read_product_set(value) -> int | None:
    """11, "11", "Bộ 11", "bộ số 11" or the set's name ("Chè tươi, chè chế biến") → 11; 1-26 only."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, int):
        return value if product_set(value) else None
    if not isinstance(value, str):
        return None
    found = _SET_TEXT.match(fold(value))
    if not found:
        return set_named(value)
    number = int(found["n"])
    if product_set(number) is None:
        return None
    if found["name"] and set_named(found["name"]) != number:
        return None  # "11 - Rượu trắng": the number and the name disagree
    return number


# -- phones -----------------------------------------------------------------------------------------

# After the leading 0: a mobile has 9 digits and starts 3, 5, 7, 8 or 9; a landline has 10 and
# starts 2 (02xx since 2017). A number cell has lost its leading 0 ("912345678").
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")
_TWO_DIGIT_AREAS = ("024", "028")  # Hà Nội and Hồ Chí Minh City: 024 3825 1234
_SPACED = re.compile(r"^0\d*(?: \d+)+$")


def read_phone(value) -> str | None:
    """A phone as officers write it → the text the record validator accepts, grouped as phones are
    written in Vietnam: "0912.345.678", 912345678 (a number cell), "+84 912 345 678" → "0912 345
    678"; a landline "02133123456" → "0213 3123 456". Text already spaced by the officer is kept as
    written. Two numbers in one cell, or anything else, is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, int):
        text = str(value) if 0 < value < 10 ** 12 else ""  # more digits than a phone has: not one
    elif isinstance(value, str):
        text = " ".join(value.split())
    else:
        return None
    digits = PHONE_SEPARATORS.sub("", text)
    if not re.fullmatch(r"\+?\d+", digits):
        return None  # letters, "/" or ";" between two numbers, an extension…
    digits = _domestic(digits)
    if not (_MOBILE.match(digits) or _LANDLINE.match(digits)) or not PHONE.match(digits):
        return None
    if _SPACED.match(text) and PHONE_SEPARATORS.sub("", text) == digits:
        return text  # the officer's own grouping
    return _grouped(digits)


def _domestic(digits: str) -> str:
    """+84 912 345 678, 84912345678, +84 (0) 912…, 912345678 → 0912345678."""
    if digits.startswith("+84"):
        digits = digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = digits[2:]
    elif digits.startswith("+"):
        return digits  # another country's number: not read
    if not digits.startswith("0"):
        digits = "0" + digits
    return digits


def _grouped(digits: str) -> str:
    if _MOBILE.match(digits):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if digits.startswith(_TWO_DIGIT_AREAS):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return f"{digits[:4]} {digits[4:8]} {digits[8:]}"
