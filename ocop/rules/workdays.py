"""Working days, for the deadlines the OCOP rules count in them (ocop-rules.md §4: the commune has
15 working days to assess a dossier).

A working day is a Monday to Friday that is not a public holiday, or a Saturday or Sunday the
government has swapped into a working day. The public holidays come from the maintained
``holidays`` package (``holidays.VN``: Bộ luật Lao động 2019 Điều 112, the lunar Tết and Giỗ Tổ
Hùng Vương, the day off in lieu of a holiday on a weekend, and the swaps it knows).
``ocop/data/days-off.yaml`` is read on top of it: the days off and swapped working days the
government announces each year, each with its document, so that a missing or late swap in the
package is one line of our own data to add. A day off listed there is not a working day and a
working day listed there is one, whatever the package says.

Decisions where the law is silent [D]:

- A term of N working days that begins with an event (a dossier received, returned, forwarded)
  starts counting on the next day, as the Civil Code counts a term in days (Bộ luật Dân sự 2015
  Điều 147: the first day is not counted): 15 working days from a dossier received on Monday
  02/03/2026 end on Monday 23/03/2026. The day of the event never counts, even when it is a working
  day; an event on a Saturday or a holiday starts the count on the next working day all the same.
- The calendar is the state administration's (Saturday and Sunday off, the swaps announced for
  civil servants), the one a commune's office keeps; no province has a calendar of its own.
- For a year whose days off are not announced yet (2027, as of 12/2026) the package's statutory
  estimate is used; a deadline in that year may move when the announcement comes and is added to
  the file.
- Dates are counted from 2000 to 2099 only; a date outside that range is refused with a message
  (the package's lunar calendar ends in 2100, and OCOP began in 2018).

Each year's calendar is worked out once and kept (a report asks for thousands of deadlines);
nothing here asks the clock for today or reads the network.
"""

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

import yaml

FIRST_YEAR, LAST_YEAR = 2000, 2099
DAYS_OFF_FILE = "data/days-off.yaml"
SATURDAY = 5


# -- the questions ---------------------------------------------------------------------------------

def is_working_day(day: date) -> bool:
    return day.toordinal() in _year(day.year).working


def working_day_deadline(start: date, days: int) -> date:
    """The last day of a term of ``days`` working days that begins with an event on ``start``:
    the count starts the next day ([D], Civil Code 2015 Art. 147). 15 working days from Wednesday
    22/01/2025 skip Tết Ất Tỵ (27–31/01) and end on Wednesday 19/02/2025."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"Thời hạn phải là số ngày làm việc từ 1 trở lên, không phải {days!r}. / "
                         f"A term must be 1 working day or more, not {days!r}.")
    year = start.year
    ordinals = _year(year).ordinals
    first = bisect_right(ordinals, start.toordinal())  # the first working day after start
    left = days
    while first + left > len(ordinals):  # the term runs into the next year
        left -= len(ordinals) - first
        year += 1
        ordinals, first = _year(year).ordinals, 0
    return date.fromordinal(ordinals[first + left - 1])


def working_days_between(start: date, end: date) -> int:
    """The working days after ``start`` up to and including ``end`` (0 when ``end`` is not after
    ``start``): how many working days a step took, counted as ``working_day_deadline`` counts."""
    if end <= start:
        return 0
    after, through = start.toordinal(), end.toordinal()
    count = 0
    for year in range(start.year, end.year + 1):
        ordinals = _year(year).ordinals
        count += bisect_right(ordinals, through) - bisect_right(ordinals, after)
    return count


def last_working_day_on_or_before(day: date) -> date:
    """``day`` when it is a working day, else the working day before it: 30/04/2026 (a holiday) →
    Wednesday 29/04/2026; Sunday 04/01/2026 → Wednesday 31/12/2025."""
    year = day.year
    ordinals = _year(year).ordinals
    index = bisect_right(ordinals, day.toordinal())
    if index == 0:  # the first days of January, before the year's first working day
        ordinals = _year(year - 1).ordinals
        index = len(ordinals)
    return date.fromordinal(ordinals[index - 1])


# -- the calendar of one year ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Year:
    ordinals: tuple  # the year's working days, as date ordinals, in order
    working: frozenset  # the same, for a quick "is it one?"


def _vietnam_holidays(year: int):
    # Imported when a term is first counted, not with the module: the site build imports the rules
    # but counts no working days, and the package's hundred countries cost it some 50 ms per build.
    import holidays

    return holidays.VN(years=year)


@cache
def _year(year: int) -> _Year:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"Không có lịch ngày làm việc cho năm {year}: chỉ từ {FIRST_YEAR} đến "
                         f"{LAST_YEAR}. Cách sửa: kiểm tra lại ngày tháng. / No working-day calendar "
                         f"for {year}: only {FIRST_YEAR} to {LAST_YEAR}. Fix: check the date.")
    package = _vietnam_holidays(year)
    announced = days_off_file()
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    worked_weekend = {d.toordinal() for d in package.weekend_workdays if d.year == year}
    holiday = {d.toordinal() for d in package}

    def works(n: int) -> bool:
        if n in announced.working_days:  # our file first: it overrules the package both ways
            return True
        if n in announced.days_off:
            return False
        if date.fromordinal(n).weekday() >= SATURDAY:
            return n in worked_weekend
        return n not in holiday

    ordinals = tuple(n for n in range(first, last + 1) if works(n))
    return _Year(ordinals, frozenset(ordinals))


# -- ocop/data/days-off.yaml -------------------------------------------------------------------------

class DaysOffFileError(ValueError):
    """A wrong entry in the days-off file: the project's own data, so a clear stop, not a problem
    report."""


@dataclass(frozen=True)
class Announcement:
    occasion: str
    document: str
    signed: date
    issuer: str
    url: str | None
    days_off: tuple
    working_days: tuple


@dataclass(frozen=True)
class DaysOff:
    announcements: tuple
    days_off: frozenset  # date ordinals, every announcement's
    working_days: frozenset


@cache
def days_off_file() -> DaysOff:
    """The shipped file, read and checked once."""
    text = resources.files("ocop").joinpath(DAYS_OFF_FILE).read_text(encoding="utf-8")
    return read_days_off(text, f"ocop/{DAYS_OFF_FILE}")


_REQUIRED = ("occasion", "document", "signed", "issuer")
_KEYS = set(_REQUIRED) | {"url", "days_off", "working_days"}
_WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def read_days_off(text: str, name: str = "days-off.yaml") -> DaysOff:
    """The announcements of a days-off file's text, checked: every entry has its source and only
    days that change something (a day off on a weekday, a working day that would not be one without
    it), no day twice. The first wrong entry raises ``DaysOffFileError`` naming it."""
    try:
        data = yaml.load(text, Loader=_NoDuplicateKeysLoader)
    except DaysOffFileError as exc:
        raise DaysOffFileError(f"{name}:{exc}") from None
    except yaml.YAMLError as exc:
        raise DaysOffFileError(f"{name}: không đọc được YAML. / not readable as YAML.\n{exc}") from None
    if not isinstance(data, dict) or set(data) != {"announcements"} or not isinstance(data["announcements"], list):
        raise DaysOffFileError(f"{name}: tệp phải có đúng một khóa 'announcements' là một danh sách. / "
                               "the file must hold exactly one key, 'announcements', a list.")
    announcements, seen = [], {}
    for index, entry in enumerate(data["announcements"]):
        announcement = _announcement(entry, f"{name}: announcements[{index}]")
        for where, days in (("days_off", announcement.days_off), ("working_days", announcement.working_days)):
            for position, day in enumerate(days):
                place = f"{name}: announcements[{index}].{where}[{position}]"
                if day in seen:
                    raise DaysOffFileError(f"{place}: ngày {_shown(day)} đã có ở {seen[day]}. Cách sửa: "
                                           f"chỉ ghi mỗi ngày một lần. / {day.isoformat()} is listed "
                                           f"already, at {seen[day]}. Fix: list each day once.")
                seen[day] = f"announcements[{index}].{where}[{position}]"
                _check_effect(day, where, place)
        announcements.append(announcement)
    return DaysOff(tuple(announcements),
                   frozenset(d.toordinal() for a in announcements for d in a.days_off),
                   frozenset(d.toordinal() for a in announcements for d in a.working_days))


def _announcement(entry, place: str) -> Announcement:
    if not isinstance(entry, dict):
        raise DaysOffFileError(f"{place}: mỗi mục phải là một bảng khóa: giá trị. / each entry must be a "
                               "mapping of keys to values.")
    unknown = sorted(str(k) for k in entry if k not in _KEYS)
    if unknown:
        raise DaysOffFileError(f"{place}: khóa lạ {', '.join(unknown)}; chỉ dùng {', '.join(sorted(_KEYS))}. / "
                               f"unknown key {', '.join(unknown)}; use only {', '.join(sorted(_KEYS))}.")
    missing = [k for k in _REQUIRED if entry.get(k) in (None, "")]
    if missing:
        raise DaysOffFileError(f"{place}: thiếu {', '.join(missing)}: mỗi mục phải ghi văn bản công bố nó "
                               f"(số, ngày ký, cơ quan ban hành). / {', '.join(missing)} missing: each entry "
                               "must name the document that announced it (number, date signed, issuer).")
    for key in ("occasion", "document", "issuer", "url"):
        value = entry.get(key)
        if value is not None and not (isinstance(value, str) and unicodedata.is_normalized("NFC", value)):
            raise DaysOffFileError(f"{place}.{key}: phải là chữ (Unicode NFC), không phải {value!r}. / "
                                   f"must be text (Unicode NFC), not {value!r}.")
    url = entry.get("url")
    if url is not None and not url.startswith("https://"):
        raise DaysOffFileError(f"{place}.url: địa chỉ phải bắt đầu bằng https://, không phải {url!r}. / "
                               f"the address must start with https://, not {url!r}.")
    signed = _a_date(entry["signed"], f"{place}.signed")
    days_off = _dates(entry.get("days_off"), f"{place}.days_off")
    working_days = _dates(entry.get("working_days"), f"{place}.working_days")
    if not days_off and not working_days:
        raise DaysOffFileError(f"{place}: không có ngày nào (days_off, working_days). / no days listed "
                               "(days_off, working_days).")
    return Announcement(entry["occasion"], entry["document"], signed, entry["issuer"], url, days_off, working_days)


def _dates(value, place: str) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise DaysOffFileError(f"{place}: phải là danh sách ngày, ví dụ [2026-01-02]. / must be a list "
                               "of dates, e.g. [2026-01-02].")
    return tuple(_a_date(v, f"{place}[{i}]") for i, v in enumerate(value))


def _a_date(value, place: str) -> date:
    # YAML reads 2026-01-02 as a date; "2026-1-2", 2026-13-01 or a quoted date stay text.
    if type(value) is not date:
        raise DaysOffFileError(f"{place}: {value!r} không phải ngày. Cách sửa: viết NĂM-THÁNG-NGÀY, ví dụ "
                               f"2026-01-02, không có dấu nháy. / {value!r} is not a date. Fix: write "
                               "YYYY-MM-DD, e.g. 2026-01-02, unquoted.")
    return value


def _check_effect(day: date, where: str, place: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DaysOffFileError(f"{place}: {_shown(day)} ngoài lịch ({FIRST_YEAR}–{LAST_YEAR}). / "
                               f"{day.isoformat()} is outside the calendar ({FIRST_YEAR}–{LAST_YEAR}).")
    weekend = day.weekday() >= SATURDAY
    if where == "days_off" and weekend:
        raise DaysOffFileError(f"{place}: {_shown(day)} vốn là ngày nghỉ hằng tuần. Cách sửa: ghi ngày "
                               f"làm việc được nghỉ thay. / {day.isoformat()} is a {_WEEKDAYS_EN[day.weekday()]}, "
                               "a day off already. Fix: list the weekday given off instead.")
    # A weekday may be listed as worked only to overrule the package, which counts it a holiday.
    if where == "working_days" and not weekend and day not in _vietnam_holidays(day.year):
        raise DaysOffFileError(f"{place}: {_shown(day)} vốn là ngày làm việc. Cách sửa: ghi ngày thứ Bảy "
                               f"hoặc Chủ nhật làm bù. / {day.isoformat()} is a working day already. Fix: "
                               "list the Saturday or Sunday worked instead.")


def _shown(day: date) -> str:
    return f"{_WEEKDAYS_VI[day.weekday()]} {day:%d/%m/%Y}"


class _NoDuplicateKeysLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading, as for the other files of ocop/data, that also refuses a key written twice in
    one mapping (PyYAML would keep the last silently: a second `days_off:` would hide the first)."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=True) for key, _ in node.value]
        for key in keys:
            if keys.count(key) > 1:
                raise DaysOffFileError(f"{node.start_mark.line + 1}: khóa '{key}' ghi hai lần. / the key "
                                       f"'{key}' is written twice.")
        return super().construct_mapping(node, deep)

    def construct_impossible_date_as_text(self, node):
        # 2026-13-02 looks like a date to YAML, which then fails without saying where: kept as text,
        # it is reported by its entry like any other value that is not a date.
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_NoDuplicateKeysLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                       _NoDuplicateKeysLoader.construct_impossible_date_as_text)
