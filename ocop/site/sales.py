"""Where to buy: the records' ``sales:``, each point of sale once, grouped the way a shopper looks.

A point of sale has no unit of its own (a record gives a name and a free-text address), so it is
filed under the unit of the products sold there (today's unit, ``unit_today or unit_on_certificate``):
a shop selling products of two units is listed under both, each time with that unit's products. A
point with a web address and no street address is a shop on the internet: it is filed once, in the
group of online shops, whatever the units of its products.

The same point written in several records is one point: by its folded name and address (a shop),
or its folded name and web address (an online shop). Its phone and web address are the first ones a
record gives.
"""

from dataclasses import dataclass, field

from ..common.text import fold, slug

SALES_FOLDER = "noi-ban"
ONLINE = "truc-tuyen"  # noi-ban/truc-tuyen/: online shops; unit codes are GSO digits or unit slugs


@dataclass
class SalePoint:
    key: tuple
    name: str
    address: str | None
    url: str | None
    phone: str | None
    facts: list = field(default_factory=list)  # every published product sold there, by id

    @property
    def online(self) -> bool:
        return is_online(self)


@dataclass
class SalesGroup:
    """The points of sale of one unit (``unit`` None: the online shops), each with the products of
    that unit it sells."""

    code: str
    unit: object
    points: list  # [(SalePoint, [facts of this group sold there])]

    @property
    def path(self) -> str:
        return f"{SALES_FOLDER}/{self.code}/"

    @property
    def online(self) -> bool:
        return self.unit is None


def is_online(sale) -> bool:
    return bool(sale.url) and not sale.address


def _url_key(url: str | None) -> str:
    return (url or "").strip().rstrip("/")


def point_key(sale) -> tuple:
    if sale.address:
        return "shop", fold(sale.name or ""), fold(sale.address)
    return "web", fold(sale.name or ""), _url_key(sale.url)


def sale_points(facts_list) -> list:
    """Every point of sale of ``facts_list`` (published facts), once, by folded name then address."""
    points = {}
    for facts in facts_list:
        for sale in facts.product.sales:
            key = point_key(sale)
            point = points.get(key)
            if point is None:
                point = points[key] = SalePoint(key=key, name=sale.name, address=sale.address, url=sale.url,
                                                phone=sale.phone)
            point.url = point.url or sale.url
            point.phone = point.phone or sale.phone
            if not point.facts or point.facts[-1].id != facts.id:  # a record naming the same shop twice
                point.facts.append(facts)
    return sorted(points.values(), key=lambda p: p.key[1:])


def unit_code(unit) -> str:
    return slug(unit.code) or unit.key


def sales_groups(facts_list) -> list:
    """The units' groups by folded unit name, then the online shops' group (when there is one)."""
    by_unit, online = {}, []
    for point in sale_points(facts_list):
        if point.online:
            online.append((point, list(point.facts)))
            continue
        for facts in point.facts:
            unit = facts.listed_unit
            if unit is None:
                continue  # every record names its unit (SP schema); a unit unknown today has no page
            group = by_unit.setdefault(unit.key, (unit, {}))
            group[1].setdefault(point.key, (point, []))[1].append(facts)
    groups = [SalesGroup(code=unit_code(unit), unit=unit, points=list(points.values()))
              for unit, points in sorted(by_unit.values(), key=lambda g: (fold(g[0].name_vi), g[0].key))]
    if online:
        groups.append(SalesGroup(code=ONLINE, unit=None, points=online))
    return groups


def sales_path(facts) -> str | None:
    """Where a product page sends a shopper for more places to buy: its unit's page when one of its
    points is a shop, the online shops' page when all are online, None when it names none."""
    sales = facts.product.sales
    unit = facts.listed_unit
    if unit is not None and any(not is_online(sale) for sale in sales):
        return f"{SALES_FOLDER}/{unit_code(unit)}/"
    if any(is_online(sale) for sale in sales):
        return f"{SALES_FOLDER}/{ONLINE}/"
    return None
