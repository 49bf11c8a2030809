"""Administrative units: the unit named on a certificate, where it lay, and the unit it is part of today.

Units are data: the country's units ship with the package (``ocop.places.country``), and a
dataset's own ``units.yaml`` adds units or overrides them, so any province, commune or the whole
country uses the tool without touching the code.

Before 01/07/2025 a commune lay in a district of one of 63 provinces; from that day there is no
district level, and 3,321 communes, wards and special zones lie in 34 provinces. The two periods
reuse GSO codes (a new ward may carry the code of an old ward merged into it), so a code is read
together with a day: the unit of that code that existed on it.
"""

import heapq
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..common.text import fold

PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"

# kind: (level, Vietnamese word, English word). The Vietnamese name of a unit starts with its
# kind ("Xã San Thàng"); the English name is the name without diacritics plus the English word.
UNIT_KINDS = {
    "tinh": (PROVINCE, "tỉnh", "province"),
    "thanh-pho-tw": (PROVINCE, "thành phố", "city"),
    "thanh-pho": (DISTRICT, "thành phố", "city"),
    "thi-xa": (DISTRICT, "thị xã", "town"),
    "quan": (DISTRICT, "quận", "urban district"),
    "huyen": (DISTRICT, "huyện", "district"),
    "phuong": (COMMUNE, "phường", "ward"),
    "xa": (COMMUNE, "xã", "commune"),
    "thi-tran": (COMMUNE, "thị trấn", "township"),
    "dac-khu": (COMMUNE, "đặc khu", "special zone"),
}
UNIT_KIND_WORDS = {kind: (vi, en) for kind, (_, vi, en) in UNIT_KINDS.items()}


def english_name(name_vi: str, kind: str) -> str:
    """"Xã Thuận Hà" -> "Thuan Ha commune": the name without its kind word and diacritics, then
    the kind in English (no official English form exists for most units)."""
    word = UNIT_KINDS[kind][1]
    bare = name_vi[len(word) + 1:] if name_vi.lower().startswith(word + " ") else name_vi
    return f"{_ascii_title(bare)} {UNIT_KINDS[kind][2]}"


class _AsciiLetters(dict):
    """A str.translate table, filled on first sight of each letter: Vietnamese letters to ASCII
    with their case ("Đắk" -> "Dak"). Much faster than decomposing every name (14,000 at start)."""

    def __missing__(self, code):
        letter = chr(code)
        plain = "D" if letter == "Đ" else "d" if letter == "đ" else "".join(
            c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))
        self[code] = plain
        return plain


_ASCII = _AsciiLetters()


def _ascii_title(text: str) -> str:
    return text.translate(_ASCII)


@dataclass(frozen=True)
class Unit:
    code: str  # what a record writes: the GSO code for the country's units, or a dataset's own code
    name_vi: str  # with its kind: "Xã San Thàng", "Tỉnh Lâm Đồng"
    name_en: str
    kind: str
    gso_code: str | None = None
    start: date | None = None  # in force from (None: long before any record)
    end: date | None = None  # in force until, inclusive (None: still in force)
    successors: tuple = ()  # keys of the units it became; for a split commune several, the main one first
    parent: str | None = None  # key of the district or province it lay in
    key: str = ""  # unique in a registry (codes repeat across periods); the code when empty

    def __post_init__(self):
        if not self.key:
            object.__setattr__(self, "key", self.code)

    @property
    def level(self) -> str:
        return UNIT_KINDS.get(self.kind, (COMMUNE,))[0]

    @property
    def successor(self) -> str | None:
        return self.successors[0] if self.successors else None

    def exists_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def period_text(self) -> str:
        start = self.start.strftime("%d/%m/%Y") if self.start else "…"
        end = self.end.strftime("%d/%m/%Y") if self.end else "…"
        return f"{start}–{end}"

    def name_in_sentence(self, lang: str = "vi") -> str:
        """The name after a comma: "huyện Đắk Song", not "Huyện Đắk Song"."""
        if lang != "vi":
            return self.name_en
        word = UNIT_KINDS.get(self.kind, (None, ""))[1]
        if word and self.name_vi.lower().startswith(word + " "):
            return word + self.name_vi[len(word):]
        return self.name_vi


class UnitRegistry:
    def __init__(self, units, area_vi="", area_en="", province_successors=None):
        self.by_key = {}
        self.by_code = {}
        for unit in units:
            self.by_key[unit.key] = unit
            self.by_code.setdefault(unit.code, []).append(unit)
        self.area_vi = area_vi
        self.area_en = area_en or area_vi
        # Old province key -> the key of the province it is part of since 01/07/2025.
        self.province_successors = dict(province_successors or {})
        self.own_codes = set()  # the codes a dataset's units.yaml brought (see merged)
        self._by_name = None
        self._forms, self._suggested = {}, {}  # caches of suggestions()
        self._today_texts = {}  # cache of today_text(): (unit key, day, language) → (unit, text)
        self._provinces = {}  # cache of province_of(): (unit key, its parent's) → its province

    @property
    def units(self):
        """{code: unit}, the newest unit of each code (kept for callers that list a dataset's units)."""
        return {code: self.get(code) for code in self.by_code}

    def __len__(self):
        return len(self.by_key)

    def get(self, code, on: date | None = None) -> Unit | None:
        """The unit a record's ``code`` names: the one that existed ``on`` that day, else the one
        nearest to it in time (whose period then says why it does not fit); without a day, the newest."""
        candidates = self.by_code.get(code)
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        if on is not None:
            for unit in candidates:
                if unit.exists_on(on):
                    return unit
            return min(candidates, key=lambda u: _distance(u, on))
        return max(candidates, key=lambda u: (u.end or date.max, u.start or date.min))

    def by_key_or_none(self, key) -> Unit | None:
        return self.by_key.get(key)

    def codes(self):
        return list(self.by_code)

    def existing_on(self, day: date):
        return [unit for unit in self.by_key.values() if unit.exists_on(day)]

    def parent(self, unit: Unit) -> Unit | None:
        return self.by_key.get(unit.parent) if unit.parent else None

    def ancestors(self, unit: Unit) -> list:
        """The district and province a unit lay in (nearest first), as far as the data knows."""
        found, seen = [], {unit.key}
        parent = self.parent(unit)
        while parent is not None and parent.key not in seen:
            found.append(parent)
            seen.add(parent.key)
            parent = self.parent(parent)
        return found

    def province_of(self, unit: Unit) -> Unit | None:
        if unit.level == PROVINCE:
            return unit
        # Asked for each record's unit and issuer, thousands of times for the same few hundred units.
        key = (unit.key, unit.parent)
        if key not in self._provinces:
            self._provinces[key] = next((u for u in self.ancestors(unit) if u.level == PROVINCE), None)
        return self._provinces[key]

    def current_all(self, code_or_unit, today: date) -> list:
        """Every unit that ``code_or_unit`` is part of on ``today``: itself while it exists, else its
        successors (several for a split commune, the main one first); a district abolished with no
        successor leads to its province's."""
        unit = code_or_unit if isinstance(code_or_unit, Unit) else self.get(code_or_unit)
        if unit is None:
            return []
        found, seen = [], set()

        def follow(u):
            if u.key in seen:
                return
            seen.add(u.key)
            if u.exists_on(today):
                found.append(u)
                return
            successors = [self.by_key[k] for k in u.successors if k in self.by_key]
            if not successors:
                province = self.province_of(u)
                following = self.by_key.get(self.province_successors.get(province.key)) if province else None
                successors = [following] if following and following is not u else []
            for successor in successors:
                follow(successor)

        follow(unit)
        return found

    def current(self, code_or_unit, today: date) -> Unit | None:
        """The unit that ``code_or_unit`` belongs to on ``today`` (for a split commune, the main one)."""
        found = self.current_all(code_or_unit, today)
        if found:
            return found[0]
        return code_or_unit if isinstance(code_or_unit, Unit) else self.get(code_or_unit)

    def in_province(self, unit: Unit, province: Unit) -> bool | None:
        """Whether ``unit`` lies in ``province`` (a province since 01/07/2025) as it was when the unit
        existed: before that day, in one of the provinces merged into it. None: the data does not say
        (a dataset's own unit with no parent)."""
        own = self.province_of(unit)
        if own is None:
            return None
        if own.key == province.key:
            return True
        return self.province_successors.get(own.key) == province.key

    def where_text(self, unit: Unit, lang: str = "vi") -> str:
        """"Xã Thuận Hà, huyện Đắk Song, tỉnh Đắk Nông": the unit and what it lay in."""
        names = [unit.name_vi if lang == "vi" else unit.name_en]
        names += [parent.name_in_sentence(lang) for parent in self.ancestors(unit)]
        return ", ".join(names)

    def today_text(self, unit: Unit, today: date, lang: str = "vi") -> str | None:
        """"xã Thuận Hạnh, tỉnh Lâm Đồng": what the unit is part of today, None while it still exists.
        A split commune names every part: "phường A và phường B, tỉnh C"."""
        # Worked out once per unit, day and language: thousands of products name the same few old units.
        memo_key = (unit.key, today, lang)
        known = self._today_texts.get(memo_key)
        if known is not None and known[0] is unit:
            return known[1]
        text = self._today_text(unit, today, lang)
        self._today_texts[memo_key] = (unit, text)
        return text

    def _today_text(self, unit: Unit, today: date, lang: str) -> str | None:
        if unit.exists_on(today):
            return None
        parts = self.current_all(unit, today)
        if not parts:
            return None
        joiner = " và " if lang == "vi" else " and "
        names = joiner.join(p.name_in_sentence(lang) for p in parts)
        provinces = []
        for part in parts:
            province = self.province_of(part)
            if province and province not in provinces and province not in parts:
                provinces.append(province)
        return ", ".join([names] + [p.name_in_sentence(lang) for p in provinces])

    def named(self, kinds, folded_name: str) -> list:
        """Units of one of ``kinds`` whose name, folded and without its kind word, is ``folded_name``."""
        if self._by_name is None:
            index = {}
            for unit in self.by_key.values():
                index.setdefault((unit.kind, bare_name(unit)), []).append(unit)
            self._by_name = index
        return [unit for kind in kinds for unit in self._by_name.get((kind, folded_name), [])]

    # -- did you mean -------------------------------------------------------

    def suggestions(self, text: str, province: Unit | None = None, limit: int = 3) -> list:
        """Up to ``limit`` units whose code or name is nearest to ``text`` (folded: no diacritics,
        đ read as d), among the units of ``province`` (as ``in_province`` reads it) or of the whole
        country. Exact folded matches first, then near spellings. Answers are kept per text, and the
        spellings per province, so a folder full of the same typo costs one search."""
        import difflib

        query = fold(text).strip()[:100]
        if not query:
            return []
        key = (query, province.key if province else None, limit)
        if key in self._suggested:
            return self._suggested[key]
        forms, trigrams = self._forms_within(province)
        chosen = []

        def add(units):
            for unit in units:
                if unit not in chosen and len(chosen) < limit:
                    chosen.append(unit)

        add(forms.get(query, []))
        if query.isdigit():  # a GSO code that lost its leading zeros (3409 for "03409")
            for width in (5, 3, 2):
                add(forms.get(query.zfill(width), []) if len(query) < width else [])
        if len(chosen) < limit:
            # Near spellings: the spellings sharing the most trigrams with the query, then difflib's
            # ratio on those few (difflib over all 30,000 spellings of the country takes 80 ms).
            shared = Counter()
            for gram in _trigrams(query):
                shared.update(trigrams.get(gram, ()))
            # Ties in a fixed order (by spelling): the same typo gets the same answer in every run.
            near = heapq.nsmallest(60, shared, key=lambda form: (-shared[form], form))
            for form in difflib.get_close_matches(query, near, n=limit * 3, cutoff=0.6):
                add(forms[form])
        self._suggested[key] = chosen
        return chosen

    def _forms_within(self, province):
        key = province.key if province else None
        if key not in self._forms:
            forms = {}
            for unit in self.by_key.values():
                if province is None or self.in_province(unit, province) is not False:
                    for form in _forms(unit):
                        forms.setdefault(form, []).append(unit)
            trigrams = {}
            for form in forms:
                for gram in _trigrams(form):
                    trigrams.setdefault(gram, []).append(form)
            self._forms[key] = forms, trigrams
        return self._forms[key]

    def merged(self, own_units, area_vi="", area_en=""):
        """This registry with a dataset's own units added; an own unit whose code is one of the
        country's, in the same period, replaces it. An own unit that gives a ``gso_code`` of the
        country's data lies where that unit lay (its district and province)."""
        units = dict(self.by_key)
        own_by_code = {}
        for own in own_units:
            replaced = self._same_place(own.code, own)
            linked = replaced or (self._same_place(own.gso_code, own) if own.gso_code else None)
            parent = own.parent or (linked.parent if linked else None)
            key = replaced.key if replaced else own.code
            own_by_code[own.code] = key
            units[key] = Unit(own.code, own.name_vi, own.name_en, own.kind, own.gso_code or (linked and linked.gso_code),
                              own.start, own.end, own.successors or (linked.successors if linked and replaced else ()),
                              parent, key)
        registry = UnitRegistry([], area_vi or self.area_vi, area_en or self.area_en, self.province_successors)
        registry.own_codes = self.own_codes | set(own_by_code)
        # An own unit's successor is written as a code: resolve it to the unit of that code that
        # existed the day after the own unit ended.
        for key, unit in units.items():
            if unit.code in own_by_code and unit.successors:
                after = date.fromordinal(unit.end.toordinal() + 1) if unit.end else None
                resolved = []
                for code in unit.successors:
                    target = own_by_code.get(code) or (self._key_on(code, after))
                    resolved.append(target or code)
                unit = Unit(unit.code, unit.name_vi, unit.name_en, unit.kind, unit.gso_code, unit.start, unit.end,
                            tuple(resolved), unit.parent, unit.key)
            registry.by_key[key] = unit
            registry.by_code.setdefault(unit.code, []).append(unit)
        return registry

    def _key_on(self, code, day):
        unit = self.get(code, day)
        return unit.key if unit else None

    def _same_place(self, code, own: Unit) -> Unit | None:
        """The country's unit of ``code`` whose period overlaps ``own``'s."""
        for unit in self.by_code.get(code, []):
            if (own.end is None or unit.start is None or unit.start <= own.end) and \
                    (own.start is None or unit.end is None or own.start <= unit.end):
                return unit
        return None


def bare_name(unit: Unit) -> str:
    """The name folded, without its kind word: "Huyện Đắk Song" -> "dak song"."""
    name = fold(unit.name_vi)
    word = fold(UNIT_KINDS.get(unit.kind, (None, ""))[1])
    return name[len(word) + 1:] if word and name.startswith(word + " ") else name


def _trigrams(text: str) -> set:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _forms(unit: Unit):
    """The folded spellings a unit answers to: its code, its name, its name without the kind word."""
    name = fold(unit.name_vi)
    word = fold(UNIT_KINDS.get(unit.kind, (None, ""))[1])
    forms = {fold(unit.code), name}
    if word and name.startswith(word + " "):
        forms.add(name[len(word) + 1:])
    return forms


def _distance(unit: Unit, day: date) -> int:
    if unit.start and day < unit.start:
        return (unit.start - day).days
    if unit.end and day > unit.end:
        return (day - unit.end).days
    return 0
