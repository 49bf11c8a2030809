"""The OCOP rule sets in force over time (ocop-rules.md §1, §4).

Each rule set is data: when it applies, the part maxima, which level may
certify each star, and which councils score. Everything else (banding,
forwarding, authority checks) reads these tables, so a new decision is a new
entry here, not new code.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RuleSet:
    code: str
    instrument_vi: str
    instrument_en: str
    applies_from: date  # first day of force
    default_until: date | None  # last day it is the default for a date
    valid_until: date | None  # last day a record may name it explicitly (transition periods)
    part_max: dict  # {"A": 40, "B": 25, "C": 35}
    certifier: dict  # stars -> level that certifies
    councils: tuple  # levels whose councils score

    def in_force_on(self, day: date) -> bool:
        return self.applies_from <= day and (self.valid_until is None or day <= self.valid_until)

    def period_text(self) -> str:
        start = self.applies_from.strftime("%d/%m/%Y")
        end = self.valid_until.strftime("%d/%m/%Y") if self.valid_until else "…"
        return f"{start}–{end}"


_PROVINCE_34_CENTRAL_5 = {3: "province", 4: "province", 5: "central"}

RULE_SETS = (
    RuleSet("qd1048-2019", "Quyết định 1048/QĐ-TTg (2019), sửa đổi bởi 781/QĐ-TTg (2020)",
            "Decision 1048/QD-TTg (2019) as amended by 781/QD-TTg (2020)",
            date(2019, 8, 21), date(2023, 2, 23), date(2023, 2, 23),
            {"A": 35, "B": 25, "C": 40}, _PROVINCE_34_CENTRAL_5, ("district", "province", "central")),
    RuleSet("qd148-2023", "Quyết định 148/QĐ-TTg (24/02/2023)", "Decision 148/QD-TTg (24/02/2023)",
            date(2023, 2, 24), date(2025, 7, 5), date(2025, 7, 5),
            {"A": 40, "B": 25, "C": 35}, {3: "district", 4: "province", 5: "central"},
            ("district", "province", "central")),
    # 1489/2025 abolished the district level; 148+1489 stay usable for dossiers
    # filed before 22/05/2026 until they lapse on 21/07/2026 (26/2026 Điều 12).
    RuleSet("qd148-1489-2025", "Quyết định 148/QĐ-TTg sửa đổi bởi 1489/QĐ-TTg (06/07/2025)",
            "Decision 148/QD-TTg as amended by 1489/QD-TTg (06/07/2025)",
            date(2025, 7, 6), date(2026, 5, 21), date(2026, 7, 21),
            {"A": 40, "B": 25, "C": 35}, _PROVINCE_34_CENTRAL_5, ("province", "central")),
    RuleSet("qd26-2026", "Quyết định 26/2026/QĐ-TTg (22/05/2026)", "Decision 26/2026/QD-TTg (22/05/2026)",
            date(2026, 5, 22), None, None,
            {"A": 40, "B": 25, "C": 35}, _PROVINCE_34_CENTRAL_5, ("province", "central")),
)

RULE_SET_CODES = tuple(r.code for r in RULE_SETS)
BY_CODE = {r.code: r for r in RULE_SETS}
LEVEL_ORDER = ("district", "province", "central")


def rule_set_for(day: date) -> RuleSet:
    """The default rule set for an act dated ``day`` (the date table of ocop-rules.md §1).

    Acts before the first rule set known here fall under the oldest one.
    """
    for rule_set in RULE_SETS:
        if rule_set.default_until is None or day <= rule_set.default_until:
            return rule_set
    return RULE_SETS[-1]  # pragma: no cover - the last one has no end


def resolve(explicit_code: str | None, day: date) -> RuleSet:
    return BY_CODE[explicit_code] if explicit_code else rule_set_for(day)


def certifying_level(rule_set: RuleSet, stars: int) -> str | None:
    return rule_set.certifier.get(stars)


def next_level(level: str) -> str | None:
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None
