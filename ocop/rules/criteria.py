"""The scoring sheets of Decision 26/2026 and what they say about a council's marks.

A sheet lists, per criterion, the options a council may choose and the star
whose minimum each option is ("***", "****", "*****"). From the option points
recorded in an evaluation's ``criteria:`` we check every value, add up the
part totals, and find the highest star whose minimums are all met (marks are
cumulative: a 3-star minimum also binds 4 and 5 stars).
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources

SHEET_RULES = "qd26-2026"  # the only rule set whose sheets are in the data
LOWEST_STAR = 3


@dataclass(frozen=True)
class Criterion:
    code: str
    part: str
    title: str
    points: tuple  # the option points, in sheet order
    minimum_points: dict  # star -> lowest points that meet that star's minimum (cumulative)


@dataclass
class SheetResult:
    part_totals: dict = field(default_factory=dict)  # "A" -> Decimal
    highest_star_met: int | None = None
    unknown: list = field(default_factory=list)  # criterion codes not on the sheet
    not_an_option: list = field(default_factory=list)  # (code, value, allowed points)
    missing: list = field(default_factory=list)  # codes of the sheet with no value
    unreadable: list = field(default_factory=list)  # codes whose value failed conversion (reported already)

    @property
    def complete(self):
        return not (self.unknown or self.not_an_option or self.missing or self.unreadable)


@dataclass(frozen=True)
class Sheet:
    product_set: int
    criteria: dict  # code -> Criterion, leaves only

    def example_codes(self):
        return ", ".join(list(self.criteria)[:3])

    def evaluate(self, points_by_code: dict) -> SheetResult:
        result = SheetResult()
        for code, value in points_by_code.items():
            criterion = self.criteria.get(code)
            if criterion is None:
                result.unknown.append(code)
            elif value is None:
                result.unreadable.append(code)
            elif value not in criterion.points:
                result.not_an_option.append((code, value, criterion.points))
        result.missing = [code for code in self.criteria if code not in points_by_code]
        if not result.complete:
            return result
        totals = {}
        for code, criterion in self.criteria.items():
            totals[criterion.part] = totals.get(criterion.part, Decimal(0)) + Decimal(points_by_code[code])
        result.part_totals = totals
        result.highest_star_met = self._highest_star_met(points_by_code)
        return result

    def _highest_star_met(self, points_by_code):
        met = LOWEST_STAR - 1
        for star in (3, 4, 5):
            if all(points_by_code[code] >= c.minimum_points.get(star, 0) for code, c in self.criteria.items()):
                met = star
            else:
                break
        return met


def _minimum_points(options):
    marked = [(o["min_for_star"], o["points"]) for o in options if o["min_for_star"] is not None]
    return {star: max(points for mark, points in marked if mark <= star)
            for star in (3, 4, 5) if any(mark <= star for mark, _ in marked)}


@cache
def _sheets():
    text = resources.files("ocop").joinpath("data/criteria-qd26-2026.json").read_text(encoding="utf-8")
    sheets = {}
    for sheet in json.loads(text)["sheets"]:
        criteria = {}
        for part in sheet["parts"]:
            for c in part["criteria"]:
                if c["leaf"]:
                    criteria[c["code"]] = Criterion(c["code"], part["part"], c["title"],
                                                    tuple(o["points"] for o in c["options"]),
                                                    _minimum_points(c["options"]))
        sheets[sheet["no"]] = Sheet(sheet["no"], criteria)
    return sheets


def sheet_for(rules_code: str, product_set: int) -> Sheet | None:
    if rules_code != SHEET_RULES:
        return None
    return _sheets().get(product_set)


def criterion_codes() -> list:
    """Every leaf criterion code of any sheet, in numeric order ("1.1", "1.2", … "5.3"): what a
    scoring's ``criteria:`` may hold, whichever product set it is for (the admin form offers them all)."""
    codes = {code for sheet in _sheets().values() for code in sheet.criteria}
    return sorted(codes, key=lambda code: tuple(int(part) if part.isdigit() else part for part in code.split(".")))
