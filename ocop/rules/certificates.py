"""Certificate validity and a product's status on a given day (ocop-rules.md §5).

A certificate is valid for 36 months from the decision date, through the
corresponding day inclusive; when that day does not exist the term ends on
the last day of the month (2024-02-29 → 2027-02-28). The newest certificate
is current; older ones are superseded. Revocation comes first, then a
withdrawal (the product is no longer made), then expiry.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .records import Certificate, Product

VALIDITY_MONTHS = 36
EXPIRING_DAYS = 180  # the re-rating window opens 180 days before expiry
RERATING_DUE_FROM_DAYS = 120  # the dossier is due between 180 and 120 days before expiry

VALID, EXPIRING, EXPIRED, REVOKED, CANDIDATE = "valid", "expiring", "expired", "revoked", "candidate"
WITHDRAWN = "withdrawn"  # the producer stopped making it (or it was merged into another product)
STATUSES = (VALID, EXPIRING, EXPIRED, REVOKED, WITHDRAWN, CANDIDATE)
MAY_CARRY_OCOP_MARK = (VALID, EXPIRING)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expires_on(issued: date) -> date:
    return add_months(issued, VALIDITY_MONTHS)


@dataclass(frozen=True)
class ProductStatus:
    status: str
    today: date
    current: Certificate | None = None  # the newest certificate on or before today
    superseded: tuple = ()  # older certificates, newest first
    expires: date | None = None
    days_left: int | None = None  # negative once expired

    @property
    def may_carry_mark(self) -> bool:
        return self.status in MAY_CARRY_OCOP_MARK

    @property
    def days_left_to_count(self) -> int | None:
        """Days left as lists show them: none for a revoked or withdrawn certificate, whose term
        no longer matters, nor for a candidate."""
        return self.days_left if self.status in (VALID, EXPIRING, EXPIRED) else None


def current_certificate(product: Product, today: date):
    """(current, superseded): certificates dated after ``today`` do not exist yet on that day."""
    issued = sorted((c for c in product.certificates if c.date and c.date <= today),
                    key=lambda c: (c.date, c.index), reverse=True)
    return (issued[0], tuple(issued[1:])) if issued else (None, ())


def status_on(product: Product, today: date) -> ProductStatus:
    current, superseded = current_certificate(product, today)
    if current is None:
        return ProductStatus(CANDIDATE, today)
    expires = expires_on(current.date)
    days_left = (expires - today).days
    revoked = product.revocation is not None and product.revocation.date is not None \
        and current.date <= product.revocation.date <= today
    withdrawn = product.withdrawn is not None and product.withdrawn.date is not None \
        and product.withdrawn.date <= today
    if revoked:
        status = REVOKED
    elif withdrawn:
        status = WITHDRAWN
    elif days_left < 0:
        status = EXPIRED
    elif days_left <= EXPIRING_DAYS:
        status = EXPIRING
    else:
        status = VALID
    return ProductStatus(status, today, current, superseded, expires, days_left)


def status_since(product: Product, status: ProductStatus) -> date | None:
    """The first day of ``status``: a page can say "since" this day, a date that stays true until the
    status moves (a status "as of today" would make every page change every day). None for a
    candidate."""
    if status.current is None:
        return None
    if status.status == REVOKED:
        return product.revocation.date
    if status.status == WITHDRAWN:
        return product.withdrawn.date
    if status.status == EXPIRED:
        return status.expires + timedelta(days=1)
    if status.status == EXPIRING:
        return status.expires - timedelta(days=EXPIRING_DAYS)  # the first day with days_left ≤ EXPIRING_DAYS
    return status.current.date
