"""The commune an officer's text names: "xã Thuận Hà, huyện Đắk Song", "P.Phan Thiết", "Thuận Hà".

Spreadsheets name a product's unit in words, not by code: a whole address ("Thôn 3, xã Thuận
Hà, huyện Đắk Song"), a commune with its district, or only a name in a Xã/Phường
column, with or without diacritics, abbreviated ("TT.", "TP."). Reading it against the unit data
on the day of the decision gives the one commune, ward, township or special zone it names, or the
several it may name (a "Phường 1" without its district), or the nearest units when none fits.

A name is read with a day, as a code is (``ocop.places.units``): the periods before and after
01/07/2025 reuse names too, and a post-reform name on a day before the reform names nothing.
"""

import re
import weakref
from dataclasses import dataclass
from datetime import date

from ..common.text import fold, nfc
from .units import COMMUNE, DISTRICT, PROVINCE, UNIT_KINDS, Unit, UnitRegistry, bare_name

COMMUNE_KINDS = tuple(kind for kind, (level, _, _) in UNIT_KINDS.items() if level == COMMUNE)
PLACE_KINDS = tuple(kind for kind, (level, _, _) in UNIT_KINDS.items() if level in (DISTRICT, PROVINCE))
_CITY = ("thanh-pho", "thanh-pho-tw")  # "thành phố X": a city of a province, or a province-level city

# Folded kind words a part may start with, longest first ("thi xa" before "xa", "tt." before "t."),
# the kinds each names, and the word as written in Vietnamese ("" for an abbreviation, which
# cannot be a name's first word). A word is followed by a space; an abbreviation ending in a full
# stop may run into the name ("P.Tân Phong").
_KIND_WORDS = (
    ("thanh pho", _CITY, "thành phố"),
    ("thi tran", ("thi-tran",), "thị trấn"),
    ("dac khu", ("dac-khu",), "đặc khu"),
    ("thi xa", ("thi-xa",), "thị xã"),
    ("phuong", ("phuong",), "phường"),
    ("huyen", ("huyen",), "huyện"),
    ("quan", ("quan",), "quận"),
    ("tinh", ("tinh",), "tỉnh"),
    ("xa", ("xa",), "xã"),
    ("tt.", ("thi-tran",), ""),
    ("tx.", ("thi-xa",), ""),
    ("tp.", _CITY, ""),
    ("tt", ("thi-tran",), ""),
    ("tp", _CITY, ""),
    ("x.", ("xa",), ""),
    ("p.", ("phuong",), ""),
    ("h.", ("huyen",), ""),
    ("q.", ("quan",), ""),
    ("t.", ("tinh",), ""),
)
# Parts are separated by commas, semicolons and a dash between spaces; "Bà Rịa - Vũng Tàu" and
# "Lâm Viên - Đà Lạt" are names with such a dash, joined again when the joined text is a name.
_SEPARATOR = re.compile(r"(\s*[,;]\s*|\s+[-–]\s+)")
_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")  # "phường 01" is "Phường 1"
_DASH = re.compile(r"\s*-\s*")  # the data writes "Lâm Viên - Đà Lạt"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})  # "Ea H’leo" is "Ea H'leo"
_SUGGESTED = 3


@dataclass(frozen=True)
class UnitReading:
    """What a unit text names on a day. ``unit``: the one commune-level unit it names (None: none
    or several fit); ``candidates``: the several that fit, sorted by where they lie; ``suggestions``:
    when none fits, the nearest units (up to 3), those existing on the day first; ``named``: the part
    of the text that named the commune, as written, for messages."""
    unit: Unit | None
    candidates: tuple = ()
    suggestions: tuple = ()
    named: str = ""


@dataclass(frozen=True)
class _Part:
    """One comma part of a text: as written, and its readings, each (kinds, folded name), the most
    likely first. ``kinds`` None is a bare name, read against whichever level is looked for."""
    written: str
    level: str | None  # the level of its kind word (None: no kind word)
    sure: bool  # the kind word is written as such ("Phường", "P."), not a name's first word ("Phương")
    readings: tuple


def read_unit(text: str, day: date, units: UnitRegistry, province: Unit | None = None,
              within: str = "") -> UnitReading:
    """The commune, ward, township or special zone ``text`` names on ``day``: among the units of
    ``province`` (a province since 01/07/2025; before it, the provinces merged into it) or of the
    whole country, lying in what the text's other parts and ``within`` (a "Huyện" or "Tỉnh" column)
    name."""
    text = text if isinstance(text, str) else ""
    by_code = _by_code(text.strip(), day, units, province)
    if by_code is not None:
        return UnitReading(by_code, named=text.strip())
    parts = _parts(text, units)
    choices = _commune_choices(parts)
    if not choices:
        return UnitReading(None)
    outer = [r for r in (_place_readings(part, bare=True) for part in _parts(within or "", units)) if r]
    for index, kinds, name in choices:
        hard, soft = _places(parts, index)
        found = _fitting(units, kinds, name, day, province, hard + outer, soft)
        if len(found) == 1:
            return UnitReading(found[0], named=parts[index].written)
        if found:
            return UnitReading(None, candidates=tuple(found), named=parts[index].written)
    index, kinds, name = _to_suggest_from(choices, units, province)
    return UnitReading(None, suggestions=_suggestions(units, kinds, name, day, province),
                       named=parts[index].written)


# -- a code -------------------------------------------------------------------------------------

def _by_code(text: str, day: date, units: UnitRegistry, province: Unit | None) -> Unit | None:
    """The commune-level unit of the code ``text`` on ``day``, or None. A spreadsheet cell that held
    "03409" as a number lost its leading zero: four digits are read as the five-digit GSO code."""
    code = text if text in units.by_code or not (text.isdigit() and len(text) == 4) else text.zfill(5)
    unit = units.get(code, day) if code in units.by_code else None
    if unit is None or unit.level != COMMUNE or not unit.exists_on(day) or not _within_province(units, unit, province):
        return None
    # A GSO code of a place the dataset gives its own code: the own code, which its records write.
    same = [u for c in units.own_codes for u in units.by_code.get(c, ()) if u.exists_on(day) and _same_place(u, unit)]
    return same[0] if same and unit.code not in units.own_codes else unit


# -- the parts of a text ------------------------------------------------------------------------

def _parts(text: str, units: UnitRegistry) -> list:
    pieces = _SEPARATOR.split(text)
    written, separators = pieces[0::2], pieces[1::2]
    parts, index = [], 0
    while index < len(written):
        part = _part(written[index])
        # A dash inside a name: join the two sides when together they name a unit.
        while index + 1 < len(written) and separators[index].strip() in ("-", "–"):
            joined = _part(f"{part.written} - {written[index + 1].strip()}")
            if not any(units.named(kinds or tuple(UNIT_KINDS), name) for kinds, name in joined.readings):
                break
            part, index = joined, index + 1
        if part.readings:
            parts.append(part)
        index += 1
    return parts


def _part(written: str) -> _Part:
    written = " ".join(written.split()).removesuffix(".").strip()
    folded = _name(written)
    if not folded:
        return _Part(written, None, False, ())
    for word, kinds, vietnamese in _KIND_WORDS:
        if folded.startswith(word + " ") or (word.endswith(".") and folded.startswith(word) and folded != word):
            name = _name(folded[len(word):])
            if not name:
                continue
            level = UNIT_KINDS[kinds[0]][0]
            if not vietnamese:
                return _Part(written, level, True, ((kinds, name),))
            start = nfc(written)[:len(vietnamese)].lower()
            if start == vietnamese:
                return _Part(written, level, True, ((kinds, name),))
            # "Phương Trung", "Tịnh Hà", "Quan Sơn": a name whose first word folds to a kind word.
            # Without diacritics ("XA SAN THANG") the kind word is the likelier reading; with other
            # diacritics than the kind word's, the name is.
            readings = ((kinds, name), (None, folded)) if start.isascii() else ((None, folded), (kinds, name))
            return _Part(written, level, False, readings)
    return _Part(written, None, False, ((None, folded),))


def _name(text: str) -> str:
    """A folded name as the data writes it: single spaces, no trailing full stop, " - " between the
    halves of a double name, numbers without leading zeros."""
    folded = fold(text.translate(_APOSTROPHES)).strip().removesuffix(".").strip()
    return _LEADING_ZEROS.sub("", _DASH.sub(" - ", folded)).strip() if folded else ""


def _commune_choices(parts: list) -> list:
    """(part index, kinds, name) to try in turn as the commune: the last part with a commune kind
    word (one written as such before one that may be a name's first word); without one, each part
    as a bare name of a commune, the first part first (a Xã/Phường column holds the name alone)."""
    for sure in (True, False):
        marked = [i for i, p in enumerate(parts) if p.level == COMMUNE and p.sure == sure]
        if marked:
            index = marked[-1]
            return [(index, kinds or COMMUNE_KINDS, name) for kinds, name in parts[index].readings]
    return [(i, COMMUNE_KINDS, name) for i, p in enumerate(parts) for kinds, name in p.readings if kinds is None]


def _places(parts: list, commune: int) -> tuple:
    """(hard, soft): the places the other parts say the commune lies in. Hard: the parts with a
    district or province kind word, wherever they stand. Soft: the bare names after the commune
    ("Phường 1, Bảo Lộc"); a bare part may also be a village or a street, so it only narrows."""
    hard = [r for r in (_place_readings(p) for i, p in enumerate(parts) if i != commune) if r]
    soft = [((PLACE_KINDS, name),) for part in parts[commune + 1:] if part.level not in (DISTRICT, PROVINCE)
            for kinds, name in part.readings if kinds is None]
    return hard, soft


def _place_readings(part: _Part, bare: bool = False) -> tuple:
    """The readings of a part naming what the commune lies in: a part with a district or province
    kind word; with ``bare`` (the ``within`` column) also a name alone. () for any other part (a
    village, a street): it does not narrow."""
    if part.level not in (DISTRICT, PROVINCE) and not bare:
        return ()
    return tuple((kinds or PLACE_KINDS, name) for kinds, name in part.readings
                 if kinds is None or UNIT_KINDS[kinds[0]][0] != COMMUNE)


# -- the units that fit -------------------------------------------------------------------------

def _fitting(units: UnitRegistry, kinds, name: str, day: date, province, hard: list, soft: list) -> list:
    """The units of ``kinds`` and ``name`` on ``day`` in ``province`` lying in each place of
    ``hard``, one per place, sorted by where they lie. A ``soft`` place (a later part without a kind
    word, "Phường 1, Bảo Lộc") only narrows several units, and never to none."""
    found = [u for u in units.named(kinds, name) if u.exists_on(day) and _within_province(units, u, province)]
    if hard and found:
        strictly = [u for u in found if all(_lies_in(units, u, place) for place in hard)]
        found = strictly or [u for u in found if all(_lies_in(units, u, place, loosely=True) for place in hard)]
    found = _one_per_place(units, found)
    for place in soft:
        narrowed = [u for u in found if _lies_in(units, u, place)] if len(found) > 1 else []
        found = narrowed or found
    return sorted(found, key=units.where_text)


def _within_province(units: UnitRegistry, unit: Unit, province: Unit | None) -> bool:
    return province is None or units.in_province(unit, province) is not False


def _lies_in(units: UnitRegistry, unit: Unit, place: tuple, loosely: bool = False) -> bool:
    """Whether ``unit`` lies in a unit of one of ``place``'s readings (kinds, name). ``loosely``, for
    a text that mixes the periods, also: a commune of today in a district it took communes from
    ("Phường 1 Bảo Lộc, thành phố Bảo Lộc" in 2026), and a unit in a province merged into the one
    named or formed from it ("xã Thuận Hà, tỉnh Lâm Đồng" in 2024)."""
    ancestors = units.ancestors(unit)
    for kinds, name in place:
        if any(a.kind in kinds and bare_name(a) == name for a in ancestors):
            return True
        if loosely and (_in_province_loosely(units, unit, kinds, name)
                        or _in_former_district(units, unit, ancestors, kinds, name)):
            return True
    return False


def _in_province_loosely(units: UnitRegistry, unit: Unit, kinds, name: str) -> bool:
    """A unit of before in a province merged into the one named, or one of today in a province
    formed from the one named."""
    own = units.province_of(unit)
    if own is None:
        return False
    following = units.province_successors
    return any(p.key == following.get(own.key) or following.get(p.key) == own.key
               for p in units.named([k for k in kinds if UNIT_KINDS[k][0] == PROVINCE], name))


def _in_former_district(units: UnitRegistry, unit: Unit, ancestors: list, kinds, name: str) -> bool:
    """A unit with no district (since 01/07/2025) that took in a commune of the district named."""
    if any(a.level == DISTRICT for a in ancestors) or not any(UNIT_KINDS[k][0] == DISTRICT for k in kinds):
        return False
    place = ((kinds, name),)
    return any(_lies_in(units, before, place) for before in _predecessors(units).get(unit.key, ()))


_PREDECESSORS = weakref.WeakKeyDictionary()


def _predecessors(units: UnitRegistry) -> dict:
    """{key: the units that became it}, once per registry (a scan of its 14,000 units)."""
    if units not in _PREDECESSORS:
        index = {}
        for unit in units.by_key.values():
            for key in unit.successors:
                index.setdefault(key, []).append(unit)
        _PREDECESSORS[units] = index
    return _PREDECESSORS[units]


def _one_per_place(units: UnitRegistry, found: list) -> list:
    """A dataset's own unit and the country's unit it is tied to (same GSO code, same period) are
    one place: keep one, the own unit, whose code the dataset's records write."""
    kept = []
    for unit in found:
        twin = next((i for i, other in enumerate(kept) if _same_place(other, unit)), None)
        if twin is None:
            kept.append(unit)
        elif unit.code in units.own_codes and kept[twin].code not in units.own_codes:
            kept[twin] = unit
    return kept


def _same_place(a: Unit, b: Unit) -> bool:
    if a.key == b.key:
        return True
    overlap = (a.end is None or b.start is None or b.start <= a.end) and \
        (b.end is None or a.start is None or a.start <= b.end)
    return overlap and (a.gso_code or a.code) == (b.gso_code or b.code)


# -- none fits ----------------------------------------------------------------------------------

def _to_suggest_from(choices: list, units: UnitRegistry, province) -> tuple:
    """The choice to suggest from: the first that names a unit at some time (so a name of the other
    period is shown), else the first."""
    for index, kinds, name in choices:
        if any(_within_province(units, u, province) for u in units.named(kinds, name)):
            return index, kinds, name
    return choices[0]


def _suggestions(units: UnitRegistry, kinds, name: str, day: date, province) -> tuple:
    """Up to 3 commune-level units nearest to the name, those existing on ``day`` first. A unit of
    that very name in the other period is always among them (the message says it did not exist
    then), after what it became or was formed from on ``day``: "xã Thuận Hà" in 2026 suggests xã
    Thuận Hạnh first."""
    query = f"{UNIT_KINDS[kinds[0]][1]} {name}" if len(kinds) == 1 else name
    other_period = _one_per_place(units, [u for u in units.named(kinds, name)
                                          if not u.exists_on(day) and _within_province(units, u, province)])
    related = [u for unit in other_period for u in _on_the_day(units, unit, day)
               if _within_province(units, u, province)]
    near = [u for u in units.suggestions(query, province, limit=_SUGGESTED * 3) if u.level == COMMUNE]
    ordered = _one_per_place(units, sorted(related + near + other_period, key=lambda u: not u.exists_on(day)))
    chosen = ordered[:_SUGGESTED]
    if other_period and not any(_same_place(u, other_period[0]) for u in chosen):
        chosen = chosen[:_SUGGESTED - 1] + [other_period[0]]
    return tuple(chosen)


def _on_the_day(units: UnitRegistry, unit: Unit, day: date) -> list:
    """The units existing on ``day`` that ``unit`` became (it ended before) or was formed from (it
    began after)."""
    if unit.start and day < unit.start:
        return [u for u in _predecessors(units).get(unit.key, ()) if u.exists_on(day)]
    return [u for u in units.current_all(unit, day) if u is not unit]
