"""The pages that promote: a page per producer, an index of producers, and the points of sale.

The grouping is in ocop.site.producers and ocop.site.sales (plain functions); this module turns it
into what the templates print, in each language, and writes the pages through the generator.

Light at any number of products: the producers' index is cut into pages of PRODUCERS_PER_PAGE
(nha-san-xuat/, nha-san-xuat/2/, …); the points of sale have a page per unit (noi-ban/<unit>/) and an
index, noi-ban/, which lists every point itself while that stays within the budget of a list page,
and only the units with their counts beyond it (measured on the page as written).
"""

import gzip
from itertools import chain

from ..common.text import fold, tel_number
from ..rules.producers import PRODUCER_KINDS
from .catalogue import list_order, page_path, pager
from .producers import PRODUCERS_FOLDER, group_producers, moved_slugs, producer_of
from .sales import SALES_FOLDER, sale_points, sales_groups, sales_path, unit_code
from .views import LANGS, card_view, lang_prefix
from .words import WORDS

LIST_BUDGET = 30 * 1024  # bytes, gzip, without photos: a list page
# Measured at 20,000 products (tests/test_promotion.py, long names that vary): a page of 250 producers
# is some 9.5 KB gzip, 600 units of the points' index 7.5 KB, 200 lines of points of sale 11.5 KB;
# each leaves room for longer names under LIST_BUDGET.
PRODUCERS_PER_PAGE = 250
UNITS_PER_PAGE = 600
POINT_LINES_PER_PAGE = 200  # a point of sale, or a product it sells: some 100 bytes gzip each
OTHER_UNITS_SHOWN = 10


class Promotion:
    """What the promotion pages show, worked out once per build from the published facts (never a
    candidate); ``links`` is what a product page links to: {id: {"producer": path, "sales": path}}."""

    def __init__(self, facts_list):
        self.facts = list(facts_list)
        self.producers = group_producers(self.facts)
        self.groups = sales_groups(self.facts)
        by_product = producer_of(self.producers)
        self.links = {f.id: {"producer": by_product[f.id].path, "sales": sales_path(f)} for f in self.facts}
        self._cards, self._units = {}, {}

    def moved_slugs(self):
        return moved_slugs(self.producers)

    def units_of(self, point, lang):
        """The units whose products a point of sale sells, by folded name (once per point: the
        province's shop is on the page of each of them)."""
        key = (point.key, lang)
        if key not in self._units:
            units = {u.key: u for u in (f.listed_unit for f in point.facts) if u is not None}
            self._units[key] = sorted(({"key": u.key, "name": _unit_name(u, lang),
                                        "path": f"{SALES_FOLDER}/{unit_code(u)}/"} for u in units.values()),
                                      key=lambda u: fold(u["name"]))
        return self._units[key]

    def card(self, facts, lang):
        key = (facts.id, lang)
        if key not in self._cards:
            self._cards[key] = card_view(facts, lang)
        return self._cards[key]


def _unit_name(unit, lang):
    if unit is None:
        return WORDS[lang]["unit_unknown"]
    return unit.name_vi if lang == "vi" else unit.name_en


def count_text(n: int, lang: str, key: str) -> str:
    """'{n} sản phẩm' / '{n} products', '1 product' (Vietnamese nouns do not change with the number)."""
    text = WORDS[lang][key].format(n=n)
    return text[:-1] if lang == "en" and n == 1 and text.endswith("s") else text


def point_view(promotion, point, sold, lang, other_units=()):
    """One point of sale: its contact and what it sells (``sold``: facts), current products first."""
    return {"name": point.name, "address": point.address, "phone": point.phone, "tel": tel_number(point.phone),
            "url": point.url, "products": list_order(promotion.card(f, lang) for f in sold),
            "other_units": list(other_units)}


def producer_view(promotion, producer, lang) -> dict:
    kind = PRODUCER_KINDS.get(producer.kind)
    points = sale_points(producer.facts)
    return {
        "name": producer.name, "path": producer.path,
        "kind": (kind[0] if lang == "vi" else kind[1]) if kind else producer.kind,
        "unit_name": _unit_name(producer.unit, lang) if producer.unit else None,
        "address": producer.address, "phone": producer.phone, "tel": tel_number(producer.phone),
        "email": producer.email, "website": producer.website,
        "cards": list_order(promotion.card(f, lang) for f in producer.facts),
        "sales": [point_view(promotion, p, p.facts, lang) for p in points],
    }


def producer_pages(promotion, lang) -> list:
    """The producers' index, page by page: [(path, [(unit name, [entry…])…])]."""
    pages = []
    producers = promotion.producers
    for start in range(0, max(len(producers), 1), PRODUCERS_PER_PAGE):
        groups = []
        for producer in producers[start:start + PRODUCERS_PER_PAGE]:
            name = _unit_name(producer.unit, lang)
            if not groups or groups[-1][0] != name:
                groups.append((name, []))
            kind = PRODUCER_KINDS.get(producer.kind)
            groups[-1][1].append({"name": producer.name, "path": producer.path,
                                  "kind": (kind[0] if lang == "vi" else kind[1]) if kind else producer.kind,
                                  "count": count_text(len(producer.facts), lang, "count")})
        number = start // PRODUCERS_PER_PAGE + 1
        pages.append((page_path(f"{PRODUCERS_FOLDER}/", number), groups))
    return pages


def _pager(paths, number, lang):
    """The catalogue's pager (previous, next, numbers) over these pages, the first at ``paths[0]``."""
    return pager(lang_prefix(lang) + paths[0], number, len(paths), lang)


def group_view(promotion, group, lang) -> dict:
    """A unit's points of sale (or the online shops), each with what it sells of that unit and the
    other units whose products it sells too (linked to their pages)."""
    points = []
    for point, sold in sorted(group.points, key=lambda ps: ps[0].key[1:]):
        others = [] if group.online else [u for u in promotion.units_of(point, lang) if u["key"] != group.unit.key]
        view = point_view(promotion, point, sold, lang, others[:OTHER_UNITS_SHOWN])
        # The province's shop sells products of hundreds of communes: on each of their pages it names
        # a few of the others and counts the rest.
        view["more_units"] = count_text(len(others) - OTHER_UNITS_SHOWN, lang, "more_units") \
            if len(others) > OTHER_UNITS_SHOWN else ""
        points.append(view)
    name = WORDS[lang]["online_shops"] if group.online else _unit_name(group.unit, lang)
    return {"code": group.code, "name": name, "path": group.path, "points": points,
            "count": count_text(len(points), lang, "points_count")}


# -- pages ------------------------------------------------------------------------------------
# Each page is planned as (path without the language prefix, template name, values); the writer
# renders the plans, a test renders some of them at national scale.


def producer_page_plans(promotion, lang):
    for producer in promotion.producers:
        yield producer.path, "producer", producer_values(promotion, producer, lang)


def producer_values(promotion, producer, lang) -> dict:
    return {"producer": producer_view(promotion, producer, lang), "title": producer.name}


def producer_made_from(producer, fingerprint_of) -> list | None:
    """What a producer's page is worked out from: the fingerprint of each of its products (record,
    photos, day facts), in the page's order; its points of sale are those of these records. None when
    one is not known: the page is then remembered by its values."""
    made_from = [fingerprint_of.get(f.id) for f in producer.facts]
    return None if None in made_from else made_from


def producer_index_plans(promotion, lang):
    pages = producer_pages(promotion, lang)
    paths = [path for path, _ in pages]
    total = count_text(len(promotion.producers), lang, "producers_count")
    for number, (path, groups) in enumerate(pages, 1):
        yield path, "producers", {"groups": groups, "pager": _pager(paths, number, lang),
                                  "title": WORDS[lang]["producers"], "total": total}


def _chunks_by_lines(points, lines):
    """Points of sale cut into pages of about ``lines`` lines (a point and each product it sells);
    a point is never cut in two."""
    pages, current, size = [], [], 0
    for point in points:
        weight = 1 + len(point["products"])
        if current and size + weight > lines:
            pages.append(current)
            current, size = [], 0
        current.append(point)
        size += weight
    return pages + [current] if current or not pages else pages


def sales_group_plans(promotion, views, lang):
    """A page per unit and one for the online shops, in pages of about POINT_LINES_PER_PAGE lines."""
    title = WORDS[lang]["sales_points"]
    for view in views:
        chunks = _chunks_by_lines(view["points"], POINT_LINES_PER_PAGE)
        paths = [page_path(view["path"], n + 1) for n in range(len(chunks))]
        for number, (path, points) in enumerate(zip(paths, chunks), 1):
            yield path, "sales", {"groups": [dict(view, points=points)], "summary": [],
                                  "pager": _pager(paths, number, lang), "title": f"{title}: {view['name']}"}


def sales_views(promotion, lang):
    return [group_view(promotion, group, lang) for group in promotion.groups]


def write_promotion_pages(generator):
    """Write every producer page, the producers' index and the points of sale, in both languages,
    through the generator's ``_render`` (each page is public: it goes into the sitemap)."""
    promotion = generator.promotion
    templates = {name: generator.get_template(name) for name in ("producer", "producers", "sales")}
    fingerprint_of = getattr(generator, "fingerprint_of", {})
    for lang in LANGS:
        render = _renderer(generator, templates, lang)
        # A producer's page is worked out (its view, its cards) only when one of its products moved.
        for producer in promotion.producers:
            made_from = producer_made_from(producer, fingerprint_of)
            if made_from is None:
                render(producer.path, "producer", producer_values(promotion, producer, lang))
            else:
                render(producer.path, "producer", {}, made_from=made_from,
                       later=lambda producer=producer: producer_values(promotion, producer, lang))
        views = sales_views(promotion, lang)
        for plan in chain(producer_index_plans(promotion, lang), sales_group_plans(promotion, views, lang)):
            render(*plan)
        write_sales_index(generator, render, views, lang)


def _renderer(generator, templates, lang):
    prefix, other = lang_prefix(lang), lang_prefix("en" if lang == "vi" else "vi")

    def render(path, template, values, made_from=None, later=None):
        generator._render(f"{prefix}{path}index.html", templates[template], page_lang=lang, t=WORDS[lang],
                          shared=("t",), made_from=made_from, later=later, prefix=prefix,
                          alternate_path=f"{other}{path}", **values)
        return f"{prefix}{path}index.html"

    return render


def write_sales_index(generator, render, views, lang):
    """noi-ban/: every point when the page stays within the budget, else the units with their counts,
    UNITS_PER_PAGE to a page. Whether it fits is measured on the page as written; a list far too long
    to fit is not rendered whole to find out."""
    title = WORDS[lang]["sales_points"]
    summary = [{"name": v["name"], "path": v["path"], "count": v["count"]} for v in views]
    lines = sum(1 + len(point["products"]) for view in views for point in view["points"])
    if lines <= 3 * POINT_LINES_PER_PAGE:
        written = render(f"{SALES_FOLDER}/", "sales", {"groups": views, "summary": summary, "pager": None,
                                                     "title": title})
        if gzip_size((generator.output / written).read_bytes()) <= LIST_BUDGET:
            return
    paths = [page_path(f"{SALES_FOLDER}/", n + 1) for n in range(max(1, -(-len(summary) // UNITS_PER_PAGE)))]
    for number, path in enumerate(paths, 1):
        render(path, "sales", {"groups": [], "summary": summary[(number - 1) * UNITS_PER_PAGE:number * UNITS_PER_PAGE],
                               "pager": _pager(paths, number, lang), "title": title})


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))
