"""Who signed a recognition decision: the People's Committee named in a certificate's ``issuer``.

Officers write the issuer as printed on the decision: "UBND huyện Đức Trọng", "Ủy ban nhân dân
tỉnh Lâm Đồng", "UBND thành phố Bảo Lộc", "UBND thị xã Gia Nghĩa", or a ministry ("Bộ Nông
nghiệp và Phát triển nông thôn"). Reading it against the unit data tells whether that committee
existed on the decision's date, where it was, and which level it is: the checks warn, since the
text is free and the record's ``level`` is what the rules use.
"""

import re
from dataclasses import dataclass
from datetime import date

from ..common.text import fold
from .units import DISTRICT, PROVINCE, UNIT_KINDS, UnitRegistry

# Folded kind words after "UBND", longest first ("thanh pho" before a bare "thanh"), with the
# kinds of unit each may name: "thành phố" is a district-level city or a centrally governed one.
_KIND_WORDS = (
    ("thanh pho", ("thanh-pho", "thanh-pho-tw")),
    ("thi xa", ("thi-xa",)),
    ("huyen", ("huyen",)),
    ("quan", ("quan",)),
    ("tinh", ("tinh",)),
    ("tp.", ("thanh-pho", "thanh-pho-tw")),
    ("tp", ("thanh-pho", "thanh-pho-tw")),
)
_COMMITTEE = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+(?P<rest>.+)$")
_MINISTRY = re.compile(r"^(?:bo|bo nong nghiep)\b")


@dataclass(frozen=True)
class IssuerReading:
    """What an issuer text says. ``level`` is the level of body it names (district, province,
    central) or None when the text is not recognised; ``units`` the units of that kind and name
    that existed on the day (usually one), ``others`` those of that name at other times."""
    level: str | None
    kind: str = ""  # the kind of unit its words name: "huyen", "tinh", "thanh-pho"…
    name: str = ""  # the name after the kind word, as written
    units: tuple = ()
    others: tuple = ()


def read_issuer(text: str, day: date, units: UnitRegistry) -> IssuerReading:
    folded = fold(text or "")
    if _MINISTRY.match(folded):
        return IssuerReading("central")
    match = _COMMITTEE.match(folded)
    if not match:
        return IssuerReading(None)
    rest = match["rest"]
    for word, kinds in _KIND_WORDS:
        if rest.startswith(word + " ") or (word.endswith(".") and rest.startswith(word)):
            name = rest[len(word):].strip()
            break
    else:
        return IssuerReading(None)
    named = units.named(kinds, name)
    on_day = tuple(u for u in named if u.exists_on(day))
    others = tuple(u for u in named if not u.exists_on(day))
    levels = {UNIT_KINDS[u.kind][0] for u in (on_day or others)}
    if len(levels) == 1:
        level = levels.pop()
    else:  # "thành phố X" unknown, or both a city of a province and a province-level city
        level = PROVINCE if word == "tinh" else DISTRICT if word in ("huyen", "quan", "thi xa") else None
    return IssuerReading(level, kinds[0], _original_name(text, name), on_day, others)


def _original_name(text: str, folded_name: str) -> str:
    """The name as the officer wrote it (with diacritics), for messages: the last words of the text."""
    words = text.split()
    count = len(folded_name.split())
    return " ".join(words[-count:]) if count else ""
