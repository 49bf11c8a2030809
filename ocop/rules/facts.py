"""What the public is told about a product on a given day, decided in one place.

The site, the open data and the feeds all present these facts; none of them
computes a status, a star or a unit on its own.
"""

from dataclasses import dataclass
from datetime import date

from ..places.units import Unit, UnitRegistry
from .certificates import ProductStatus, status_on
from .product_sets import ProductSet, product_set
from .ranking import Rank, rank
from .records import Evaluation, Product


@dataclass(frozen=True)
class ProductFacts:
    product: Product
    status: ProductStatus
    product_set: ProductSet | None
    unit_on_certificate: Unit | None
    unit_today: Unit | None
    certificate_evaluation: Evaluation | None  # the scoring the current certificate followed, if recorded
    certificate_rank: Rank | None  # its rank
    # {"vi", "en"}: the unit on the certificate with the district and province it lay in, and what
    # it is part of today (None while it still exists): "Xã Thuận Hà, huyện Đắk Song, tỉnh Đắk Nông"
    # and "xã Thuận Hạnh, tỉnh Lâm Đồng".
    unit_place: dict | None = None
    unit_now: dict | None = None

    @property
    def id(self) -> str:
        return self.product.id

    @property
    def listed_unit(self) -> Unit | None:
        """The unit a product is listed and grouped under: the one its certificate's unit is part of
        today, else that unit itself."""
        return self.unit_today or self.unit_on_certificate

    @property
    def published(self) -> bool:
        """A candidate (no certificate yet on that day) is never published."""
        return self.status.current is not None

    @property
    def stars(self) -> int | None:
        return self.status.current.stars if self.status.current else None

    @property
    def score(self):
        return self.certificate_rank.score if self.certificate_rank else None

    @property
    def unit_changed(self) -> bool:
        return bool(self.unit_on_certificate and self.unit_today and self.unit_on_certificate != self.unit_today)


def product_facts(product: Product, units: UnitRegistry, today: date) -> ProductFacts:
    status = status_on(product, today)
    evaluation = product.latest_evaluation(on_or_before=status.current.date) if status.current else None
    certificate_rank = rank(evaluation, product.product_set) if evaluation else None
    unit = units.get(product.unit, product.unit_day(today)) if product.unit else None
    return ProductFacts(
        product=product,
        status=status,
        product_set=product_set(product.product_set) if product.product_set else None,
        unit_on_certificate=unit,
        unit_today=units.current(unit, today) if unit else None,
        certificate_evaluation=evaluation,
        certificate_rank=certificate_rank,
        unit_place={lang: units.where_text(unit, lang) for lang in LANGS} if unit else None,
        unit_now=_unit_now(units, unit, today),
    )


LANGS = ("vi", "en")


def _unit_now(units: UnitRegistry, unit: Unit | None, today: date) -> dict | None:
    if unit is None or unit.exists_on(today):
        return None
    texts = {lang: units.today_text(unit, today, lang) for lang in LANGS}
    return texts if texts["vi"] else None


def published_facts(dataset) -> list[ProductFacts]:
    """Facts of every product that may be published on the dataset's day, sorted by id."""
    facts = (product_facts(p, dataset.units, dataset.today) for p in dataset.good_products())
    return [f for f in facts if f.published]
