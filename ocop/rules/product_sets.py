"""The 26 OCOP product sets and their 6 groups (ocop-rules.md §6), read from data."""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..common.text import fold, nfc


@dataclass(frozen=True)
class ProductGroup:
    code: str  # I … VI
    vi: str
    en: str


@dataclass(frozen=True)
class ProductSet:
    number: int
    group: ProductGroup
    subgroup_vi: str
    vi: str
    en: str
    # The words a product's name starts with when the set is clear from them (a proposal to confirm).
    name_starts: tuple = ()


@cache
def _load():
    # Project data shipped with the package, not officers' records: plain safe_load is right here.
    text = resources.files("ocop").joinpath("data/product-sets.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    groups = {g["code"]: ProductGroup(g["code"], g["vi"], g["en"]) for g in data["groups"]}
    sets = {s["number"]: ProductSet(s["number"], groups[s["group"]], s["subgroup"], s["vi"], s["en"],
                                    tuple(s.get("name_starts") or ())) for s in data["sets"]}
    return groups, sets


def product_groups() -> dict[str, ProductGroup]:
    return _load()[0]


def product_sets() -> dict[int, ProductSet]:
    return _load()[1]


def product_set(number: int) -> ProductSet | None:
    return product_sets().get(number)


def set_named(text: str) -> int | None:
    """The set whose Vietnamese name the text is, folded and without its punctuation:
    "Chè tươi, chè chế biến" and "CHE TUOI CHE CHE BIEN" → 11."""
    key = _name_key(text)
    return _by_name().get(key) if key else None


def set_from_name(name: str) -> tuple[int, str] | None:
    """The set a product's name clearly says by its first words (``name_starts`` in the data), and
    those words as written: "Chè Shan tuyết cổ thụ" → (11, "Chè"). A proposal for an officer to
    confirm, not a decision; None when no listed words start the name."""
    return name_start(name, _start_words())


@cache
def _by_name() -> dict:
    return {_name_key(s.vi): number for number, s in product_sets().items()}


def _name_key(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


@cache
def _start_words() -> tuple:
    return tuple((words, number) for number, s in product_sets().items() for words in s.name_starts)


# -- the first words of a name ------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def name_start(name, table) -> tuple[object, str] | None:
    """``table``: (words, value) pairs. The value of the longest words the name starts with, and
    those words as written in the name; None when none fits, or when the longest that fit have the
    value None (words listed only so that a shorter start does not take them: "Hội An", a city, is
    not "Hội", an association).

    Words are compared whole ("Trà" does not start "Tràng An"), ignoring case and the punctuation
    between them ("HTX.", "Cty.TNHH"). When the name carries Vietnamese marks they are compared with
    their marks: folded, "Chế phẩm" would start with "chè", "Giỏ tre" with "giò" and "Hồ Văn A" with
    "hộ". A name typed without any marks ("CHE SHAN TUYET") is compared folded, and there the same
    letters may be another word: the price of reading such a name at all."""
    if not isinstance(name, str):
        return None
    text = nfc(name)
    spans = [m.span() for m in _WORD.finditer(text)]
    key = _marked_key if _has_marks(text) else fold
    words = [key(text[start:end]) for start, end in spans]
    best = None
    for written, value in table:
        wanted = [key(w) for w in _WORD.findall(nfc(written))]
        if wanted and words[:len(wanted)] == wanted and (best is None or len(wanted) > best[0]):
            best = (len(wanted), value)
    if best is None or best[1] is None:
        return None
    count, value = best
    return value, text[spans[0][0]:spans[count - 1][1]]


def _has_marks(text: str) -> bool:
    return fold(text) != " ".join(text.lower().split())


def _marked_key(word: str) -> str:
    return word.lower()
