"""The producers of the published products, each once, with a page address that does not move.

A record names its producer (``producer: {name, kind, address, …}``) but carries no producer id, so
the records of one producer are recognised here. A producer is its folded name within today's unit
(``fold(name)``, ``unit_today or unit_on_certificate``):

- not the address: the same cooperative writes its address differently from record to record, and
  a record written before 01/07/2025 still names the district that a newer one no longer names
  (LC-0002 and LC-0015 of the sample); an address would split one producer in two.
- today's unit, not the unit on the certificate: a producer certified in a commune in 2024 and again,
  in 2026, in the ward that commune became is one producer.
- folded: "Hợp tác xã chè San Thàng" and "Hợp tác xã Chè San Thàng" are the same name typed twice.

Two producers of the same name in two units are two producers, with two pages. The page's slug is
the slug of the name; when that slug is taken, the unit's name is added, then a number. Who keeps the
plain slug is decided by seniority (the earliest certificate, then the unit), so a page keeps its
address when a newer producer of the same name appears elsewhere: a slug depends only on the
producer's own name and unit and on older producers of the same name, never on the order of files.
"""

from dataclasses import dataclass, field

from ..common.text import fold, slug
from ..rules.facts import ProductFacts

PRODUCERS_FOLDER = "nha-san-xuat"
# A producer's slug never reads as a page number of the index (nha-san-xuat/2/): a name that folds
# to digits only, or to nothing, is prefixed.
_PREFIX = "chu-the"


@dataclass
class Producer:
    """One producer, as the records of its published products describe it."""

    key: tuple  # (folded name, key of today's unit or "")
    unit: object  # today's unit (ocop.places.units.Unit) or None
    facts: list = field(default_factory=list)  # its published products, the newest record first
    slug: str = ""
    base_slug: str = ""  # what its name alone gives; the slug differs only on a clash

    @property
    def path(self) -> str:
        return f"{PRODUCERS_FOLDER}/{self.slug}/"

    def _first(self, attribute):
        """A contact field from the newest record that has it (see _newest_first)."""
        for facts in self.facts:
            value = getattr(facts.product.producer, attribute)
            if value:
                return value
        return None

    @property
    def name(self) -> str:
        return self._first("name")

    @property
    def kind(self):
        return self._first("kind")

    @property
    def address(self):
        return self._first("address")

    @property
    def phone(self):
        return self._first("phone")

    @property
    def email(self):
        return self._first("email")

    @property
    def website(self):
        return self._first("website")

    @property
    def since(self):
        """The day of its earliest certificate: who keeps the plain slug on a clash."""
        days = [c.date for f in self.facts for c in f.product.certificates if c.date]
        return min(days) if days else None


def producer_key(facts: ProductFacts) -> tuple:
    unit = facts.listed_unit
    return fold(facts.product.producer.name or ""), unit.key if unit else ""


def _newest_first(facts: ProductFacts):
    """Contacts are read from a product that may carry the mark before one that no longer may (a
    withdrawn product's record is not kept up to date), then from the newest certificate."""
    current = facts.status.current
    return (not facts.status.may_carry_mark, -(current.date.toordinal() if current and current.date else 0),
            facts.id)


def base_slug(name: str) -> str:
    text = slug(name or "")
    if not text:
        return _PREFIX
    return f"{_PREFIX}-{text}" if text.isdigit() else text


def _unit_part(unit) -> str:
    return slug(unit.name_vi) if unit is not None else ""


def group_producers(facts_list) -> list:
    """Every producer of ``facts_list`` (published facts: never a candidate), each with its slug,
    in the order of their index: today's unit by folded name, then the producer's folded name."""
    by_key = {}
    for facts in facts_list:
        key = producer_key(facts)
        producer = by_key.get(key)
        if producer is None:
            producer = by_key[key] = Producer(key=key, unit=facts.listed_unit)
        producer.facts.append(facts)
    producers = list(by_key.values())
    for producer in producers:
        producer.facts.sort(key=_newest_first)
    _assign_slugs(producers)
    return sorted(producers, key=index_order)


def index_order(producer: Producer):
    unit = producer.unit
    return (unit is None, fold(unit.name_vi) if unit else "", producer.key[0], producer.slug)


def _assign_slugs(producers):
    by_seniority = sorted(producers, key=lambda p: (p.since is None, p.since or 0, p.key[1], p.key[0]))
    taken = set()
    for producer in by_seniority:
        producer.base_slug = base = base_slug(producer.name)
        with_unit = "-".join(filter(None, [base, _unit_part(producer.unit)]))
        candidates = [base, with_unit]
        number = 2
        while all(c in taken for c in candidates):
            candidates.append(f"{with_unit}-{number}")
            number += 1
        producer.slug = next(c for c in candidates if c not in taken)
        taken.add(producer.slug)


def moved_slugs(producers) -> list:
    """The producers whose slug is not the one their name alone gives, as (key, slug). A product page
    is skipped when its own record is unchanged (ocop.site.unchanged): this list, in the build's
    fingerprint, renders them all again when a clash appears or goes away."""
    return sorted((list(p.key), p.slug) for p in producers if p.slug != p.base_slug)


def producer_of(producers) -> dict:
    """{product id: its Producer}."""
    return {facts.id: producer for producer in producers for facts in producer.facts}
