"""The officers' lists, as plain data: one row per record, ready for text or JSON."""

from datetime import date
from decimal import ROUND_DOWN, Decimal

from ..rules.certificates import status_on
from ..rules.ranking import rank


def score_text(score: Decimal | None) -> str:
    """Two decimals, cut not rounded: 69.999 shows 69.99, never a misleading 70.00."""
    return "—" if score is None else str(score.quantize(Decimal("0.01"), rounding=ROUND_DOWN))


def rank_rows(products) -> list[dict]:
    """Per record, the rank of its latest evaluation; unknown (None) when it has none."""
    rows = []
    for product in products:
        evaluation = product.latest_evaluation()
        ranked = rank(evaluation, product.product_set) if evaluation else None
        if ranked is None:
            rows.append({"id": product.id, "rules": None, "council": None, "date": None, "score": None,
                         "band": None, "stars": None, "minimums_checked": False, "certifiable": None,
                         "forward_to": None})
        else:
            rows.append(ranked.as_dict(product.id))
    return rows


def expiry_rows(products, today: date) -> list[dict]:
    """Per record, its current certificate, expiry and status on ``today``."""
    rows = []
    for product in products:
        status = status_on(product, today)
        current = status.current
        rows.append({
            "id": product.id,
            "decision": current.decision if current else None,
            "date": current.date.isoformat() if current else None,
            "expires": status.expires.isoformat() if status.expires else None,
            "days_left": status.days_left_to_count,
            "status": status.status,
        })
    return rows


def by_days_left(row):
    """Soonest first; records without a certificate last."""
    return (row["days_left"] is None, row["days_left"] if row["days_left"] is not None else 0, row["id"])
