"""The catalogue's lists and the finder's index, written by the Pelican plugin.

Every list is server-rendered in pages of ``PAGE_SIZE`` cards, so that the home page and each
list page stay small at any number of products and read without JavaScript: page 1 at
``<list>/``, page n at ``<list>/<n>/``. The home page is the first page of ``san-pham/`` (every
published product), with the lead and the finder; its units are listed on ``san-pham/don-vi/``,
grouped by province. Within a list, the products that may carry the mark come first, then the
others, each card saying its status.

The finder does not read the lists: it fetches a compact index (ocop.outputs.search_index) on
first use.
"""

import os
from collections import defaultdict

from ..common.text import fold
from ..outputs.photos import photo_stems
from ..outputs.search_index import search_files
from .publisher_view import catalogue_lead
from .unchanged import page_inputs
from .views import LANGS, card_view, date_text, lang_prefix
from .words import STATUS, WORDS

PAGE_SIZE = 50
CARD_PHOTO_WIDTH = 160  # px of the photo file; shown at 80 CSS px, sharp on a 2× screen
UNITS_PER_INDEX_PAGE = 400  # the index of units at national scale (3,321 communes): whole provinces a page

# What every list page of a language is given alike: digested once, not once per page.
SHARED = ("t", "status_words", "facets", "options")


def write_catalogue(generator):
    """Write every list page, the group/star/unit index pages and the finder's index."""
    photos = card_photos(generator.output, generator.facts)
    for lang in LANGS:
        _ListWriter(generator, lang, photos).write()
    units = generator.dataset.units
    for path, data in search_files(generator.facts, LANGS, photos,
                                   units.province_of if units else None).items():
        generator._write_bytes(path, data)


def card_photos(output, facts) -> dict:
    """{product id: its first photo's smallest variant, without extension ("hop-che-160")}, from the
    files the build has put in ``p/<ID>/`` (written now, or kept from the last build)."""
    found = {}
    for f in facts:
        images = f.product.images
        if not images:
            continue
        stem = photo_stems([image.file for image in images])[0]
        folder = os.path.join(output, "p", f.id)
        if os.path.exists(os.path.join(folder, f"{stem}-{CARD_PHOTO_WIDTH}.webp")):
            found[f.id] = f"{stem}-{CARD_PHOTO_WIDTH}"
            continue
        # A photo narrower than CARD_PHOTO_WIDTH was kept at its own width.
        widths = []
        for name in os.listdir(folder) if os.path.isdir(folder) else ():
            head, _, tail = name.rpartition("-")
            if head == stem and tail.endswith(".webp") and tail[:-5].isdigit():
                widths.append(int(tail[:-5]))
        if widths:
            found[f.id] = f"{stem}-{min(widths)}"
    return found


def list_order(cards):
    """Current products first, then the others; each part by folded name, then id."""
    return sorted(cards, key=lambda c: (not c["current"], fold(c["name"] or ""), c["id"]))


def pages_of(items, size=PAGE_SIZE):
    """The items in pages of ``size``; an empty list still has its (empty) first page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def page_path(base: str, number: int) -> str:
    return base if number == 1 else f"{base}{number}/"


def pager(base: str, number: int, count: int, lang: str) -> dict:
    """Links of page ``number`` of ``count``: previous, next, and the numbers near it."""
    near = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    numbers, last = [], 0
    for n in near:
        if n - last > 1:
            numbers.append(None)  # a gap: "…"
        numbers.append({"n": n, "path": page_path(base, n), "current": n == number})
        last = n
    return {"number": number, "count": count, "numbers": numbers if count > 1 else [],
            "prev": page_path(base, number - 1) if number > 1 else None,
            "next": page_path(base, number + 1) if number < count else None,
            "label": WORDS[lang]["page_of"].format(n=number, count=count)}


class _ListWriter:
    def __init__(self, generator, lang, photos):
        self.g = generator
        self.lang = lang
        self.prefix = lang_prefix(lang)
        self.other = lang_prefix("en" if lang == "vi" else "vi")
        self.words = WORDS[lang]
        self.template = generator.get_template("catalogue")
        self.index_template = generator.get_template("catalogue_index")
        self.cards = list_order([card_view(f, lang, _photo(f, photos)) for f in generator.facts])
        self.card_digests = {}  # id of a card of self.cards → the digest of what it shows

    def write(self):
        words, cards = self.words, self.cards
        groups, stars, units = defaultdict(list), defaultdict(list), defaultdict(list)
        for card in cards:
            if card["group"]:  # a record with no product set yet (SP309) has no group page
                groups[(card["group"], card["group_name"])].append(card)
            if card["stars"]:
                stars[card["stars"]].append(card)
            if card["unit"]:
                units[(card["unit"], card["unit_name"])].append(card)
        group_list = sorted(groups.items(), key=lambda kv: kv[0][0])
        star_list = sorted(stars.items(), reverse=True)
        self.common = dict(page_lang=self.lang, t=words, status_words=STATUS,
                           # Only what the facets print (a name, a count): a page's inputs, which decide
                           # whether it is rendered again, change only when what it shows changes.
                           facets={"groups": [(key, len(items)) for key, items in group_list],
                                   "stars": [(n, items[0]["stars_text"], len(items)) for n, items in star_list]},
                           options={"stars": [n for n, _ in star_list], "groups": [key for key, _ in group_list]})
        self._list("san-pham/", cards, words["all_products"], home=True)
        self._list("san-pham/het-hieu-luc/", [c for c in cards if not c["current"]], words["show_inactive"])
        for (code, name), items in groups.items():
            self._list(f"san-pham/nhom/{code}/", items, f"{words['filter_group']}: {name}")
        for number, items in stars.items():
            self._list(f"san-pham/sao/{number}/", items, f"OCOP {items[0]['stars_text']}")
        for (code, name), items in units.items():
            self._list(f"san-pham/don-vi/{code}/", items, f"{words['filter_unit']}: {name}")
        self._index("san-pham/nhom/", words["by_group"],
                    [{"title": None, "links": [self._link(f"san-pham/nhom/{code}/", name, items)
                                               for (code, name), items in group_list]}])
        self._index("san-pham/sao/", words["by_stars"],
                    [{"title": None, "links": [self._link(f"san-pham/sao/{n}/", items[0]["stars_text"], items)
                                               for n, items in star_list]}])
        self._unit_index(units)

    def _link(self, path, name, items):
        # What the index prints, nothing more: the page is rendered again only when that changes.
        return {"path": self.prefix + path, "name": name, "count": len(items)}

    def _render(self, path, template, title, made_from=None, later=None, **values):
        self.g._render(f"{self.prefix}{path}index.html", template, title=title, shared=SHARED,
                       made_from=made_from, later=later, alternate_path=f"{self.other}{path}", **self.common,
                       **values)

    def _list(self, base, items, title, home=False):
        pages = pages_of(items)
        current_total = sum(1 for c in items if c["current"])  # once per list, not once per page
        for number, cards in enumerate(pages, start=1):
            links = pager(self.prefix + base, number, len(pages), self.lang)
            page_title = title if number == 1 else f"{title} – {links['label']}"
            # A card is in several lists (all, its group, its stars, its unit): each is digested once,
            # and a page is remembered by its cards' digests rather than by encoding them again.
            digests = [self._card_digest(card) for card in cards]
            by_digest = None not in digests
            self._render(page_path(base, number), self.template, page_title,
                         made_from=digests if by_digest else None,
                         later=(lambda cards=cards: {"cards": cards}) if by_digest else None,
                         home=False, total=len(items), current_total=current_total, pager=links,
                         **({} if by_digest else {"cards": cards}))
            if home and number == 1:
                # The home page: the first page of every product, with the lead and the finder. It says
                # the day (the lead) and lists the news: rendered on every build.
                lead = catalogue_lead(self.g.publisher, self.lang, date_text(self.g.today, self.lang))
                self.g._render(f"{self.prefix}index.html", self.template, title=self.words["catalogue"],
                               alternate_path=self.other, cards=cards, home=True, total=len(items),
                               current_total=current_total, pager=links, lead=lead,
                               articles_for_home=self.g._articles(self.lang), **self.common)

    def _card_digest(self, card) -> str | None:
        # Kept by the card's id while this writer holds the cards (not by the generator, which would
        # keep every card alive for the rest of the build).
        digest = self.card_digests.get(id(card))
        if digest is None:
            digest = self.card_digests[id(card)] = page_inputs(card)
        return digest

    def _index(self, base, title, sections, pages=None):
        self._render(base, self.index_template, title, sections=sections, pager=pages)

    def _unit_index(self, units):
        """The units with products, grouped by the province they lie in, whole provinces a page."""
        registry = self.g.dataset.units
        by_province = defaultdict(list)
        for (code, name), items in units.items():
            unit = registry.get(code) if registry else None
            province = registry.province_of(unit) if unit else None
            province_name = (province.name_vi if self.lang == "vi" else province.name_en) if province else ""
            by_province[province_name].append(self._link(f"san-pham/don-vi/{code}/", name, items))
        sections = [{"title": name or None, "links": sorted(links, key=lambda l: fold(l["name"] or ""))}
                    for name, links in sorted(by_province.items(), key=lambda kv: fold(kv[0]))]
        pages, size = [[]], 0
        for section in sections:
            if size and size + len(section["links"]) > UNITS_PER_INDEX_PAGE:
                pages.append([])
                size = 0
            pages[-1].append(section)
            size += len(section["links"])
        base = "san-pham/don-vi/"
        for number, page in enumerate(pages, start=1):
            links = pager(self.prefix + base, number, len(pages), self.lang)
            title = self.words["by_unit"] if number == 1 else f"{self.words['by_unit']} – {links['label']}"
            self._render(page_path(base, number), self.index_template, title, sections=page, pager=links)


def _photo(facts, photos):
    name = photos.get(facts.id)
    if not name:
        return None
    base = f"p/{facts.id}/{name}"
    return {"webp": base + ".webp", "jpeg": base + ".jpg"}
