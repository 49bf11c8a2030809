"""Star rank of a council's scoring (ocop-rules.md §2–4).

star = min(band of the score, highest star whose minimums are met). The
minimums come from the scoring sheet when the evaluation carries one, else
from the council's recorded ``minimums_met``, else they are not checked and
the rank says so.
"""

from dataclasses import dataclass
from decimal import Decimal

from . import criteria as criteria_sheets
from .records import Evaluation
from .rulesets import LEVEL_ORDER, RuleSet, certifying_level, next_level, resolve

BANDS = ((Decimal(90), 5), (Decimal(70), 4), (Decimal(50), 3), (Decimal(30), 2))
LOWEST_RECOGNISED_STAR = 3  # 1★ and 2★ get no decision and no certificate


def band(score: Decimal) -> int:
    """5★ 90–100, 4★ 70–<90, 3★ 50–<70, 2★ 30–<50, 1★ below 30; the exact score, never rounded."""
    for lower, stars in BANDS:
        if score >= lower:
            return stars
    return 1


@dataclass(frozen=True)
class Rank:
    rules: str
    council: str | None
    date: object
    score: Decimal
    band: int
    stars: int
    minimums_checked: bool
    minimums_source: str | None  # "criteria" | "council" | None
    certifiable: bool
    certifier: str | None  # the level that may certify ``stars`` under ``rules``
    forward_to: str | None

    def as_dict(self, product_id=None) -> dict:
        data = {"id": product_id} if product_id is not None else {}
        data.update({
            "rules": self.rules, "council": self.council, "date": self.date.isoformat(),
            "score": float(self.score), "band": self.band, "stars": self.stars,
            "minimums_checked": self.minimums_checked, "certifiable": self.certifiable,
            "forward_to": self.forward_to,
        })
        return data


def minimums_star(evaluation: Evaluation, product_set: int | None, rule_set: RuleSet):
    """(highest star whose minimums are met, source) or (None, None) when unknown."""
    if evaluation.criteria is not None and product_set is not None:
        sheet = criteria_sheets.sheet_for(rule_set.code, product_set)
        if sheet is not None:
            result = sheet.evaluate(evaluation.criteria)
            if result.complete:
                return result.highest_star_met, "criteria"
    if evaluation.minimums_met is not None:
        return evaluation.minimums_met, "council"
    return None, None


def forward_to(rule_set: RuleSet, council: str | None, stars: int) -> str | None:
    """Send the dossier one level up when this council's level may not certify the star."""
    certifier = certifying_level(rule_set, stars)
    if council not in LEVEL_ORDER or certifier is None:
        return None
    if LEVEL_ORDER.index(certifier) > LEVEL_ORDER.index(council):
        return next_level(council)
    return None


def rank(evaluation: Evaluation, product_set: int | None) -> Rank | None:
    """The rank of one evaluation, or None when its date or scores are unusable."""
    score = evaluation.score
    if evaluation.date is None or score is None:
        return None
    rule_set = resolve(evaluation.rules, evaluation.date)
    score_band = band(score)
    met, source = minimums_star(evaluation, product_set, rule_set)
    stars = min(score_band, met) if met is not None else score_band
    certifiable = stars >= LOWEST_RECOGNISED_STAR
    return Rank(
        rules=rule_set.code, council=evaluation.council, date=evaluation.date, score=score, band=score_band,
        stars=stars, minimums_checked=met is not None, minimums_source=source, certifiable=certifiable,
        certifier=certifying_level(rule_set, stars) if certifiable else None,
        forward_to=forward_to(rule_set, evaluation.council, stars) if certifiable else None,
    )
