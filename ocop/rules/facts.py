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

    @property
    def id(self) -> str:
        return self.product.id

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
    return ProductFacts(
        product=product,
        status=status,
        product_set=product_set(product.product_set) if product.product_set else None,
        unit_on_certificate=units.get(product.unit),
        unit_today=units.current(product.unit, today),
        certificate_evaluation=evaluation,
        certificate_rank=certificate_rank,
    )


def published_facts(dataset) -> list[ProductFacts]:
    """Facts of every product that may be published on the dataset's day, sorted by id."""
    facts = (product_facts(p, dataset.units, dataset.today) for p in dataset.good_products())
    return [f for f in facts if f.published]
