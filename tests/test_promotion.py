"""A catalogue that promotes: a page per producer, an index of producers, and the points of sale.

Three levels: the grouping (ocop.site.producers, ocop.site.sales) on the sample records, without
Pelican; the sample site and a scratch site built with Pelican, read as a shopper reads them; and
the index pages at national scale (20,000 products), rendered with the theme's templates, against
the budget of a list page.
"""

import dataclasses
import random
import shutil
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import pytest
from conftest import GOOD_RECORD, SAMPLE_UNITS, SCRATCH_DATASET, TODAY, write_record
from test_site_build import SITE, _gzip_size, _parsed, page, page_url, parse_html, run_build

from ocop.reading.dataset import load_dataset
from ocop.rules.facts import published_facts
from ocop.rules.records import Producer as RecordProducer
from ocop.rules.records import SalesPoint
from ocop.site import promotion as promotion_module
from ocop.site.producers import base_slug, group_producers, moved_slugs
from ocop.site.promotion import LIST_BUDGET, Promotion
from ocop.site.sales import sales_groups, sales_path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "products"
# The sample's candidates: a producer with no certified product, and a product of Đỉnh Mây not yet certified.
CANDIDATES = {"LC-0008": "Tẩn Láo Sử", "LC-0013": "Dầu mắc ca ép lạnh Đỉnh Mây"}
DINH_MAY = "Công ty TNHH Nông sản Đỉnh Mây"
DINH_MAY_PAGE = "nha-san-xuat/cong-ty-tnhh-nong-san-dinh-may/index.html"
OCOP_SHOP = "Cửa hàng giới thiệu sản phẩm OCOP thành phố Lai Châu"


@pytest.fixture(scope="module")
def sample_facts():
    return published_facts(load_dataset(SAMPLE, TODAY))


# -- the grouping, without Pelican ----------------------------------------------------------------


def test_one_producer_of_several_records_is_one_producer(sample_facts):
    producers = {p.name: p for p in group_producers(sample_facts)}
    dinh_may = producers[DINH_MAY]
    # LC-0002 (phường Đoàn Kết, "tỉnh Lai Châu") and LC-0015 (the old phường Đoàn Kết, "thành phố Lai
    # Châu", withdrawn): one producer of today's unit; LC-0013, its candidate, is not published.
    assert [f.id for f in dinh_may.facts] == ["LC-0002", "LC-0015"]
    assert dinh_may.slug == "cong-ty-tnhh-nong-san-dinh-may"
    assert dinh_may.address == "Tổ dân phố số 9, phường Đoàn Kết, tỉnh Lai Châu"  # the current product's
    assert dinh_may.unit.code == "phuong-doan-ket"
    assert "Hộ kinh doanh Tẩn Láo Sử" not in producers  # LC-0008: a candidate only
    assert len(producers) == 12


@pytest.fixture(scope="module")
def scratch_facts(tmp_path_factory):
    """Build facts from records written into a scratch dataset: (id, producer, unit, date, address)."""
    root = tmp_path_factory.mktemp("promotion-facts")

    def make(*records):
        folder = root / f"set{len(list(root.iterdir()))}"
        folder.mkdir()
        shutil.copyfile(SAMPLE_UNITS, folder / "units.yaml")
        (folder / "dataset.yaml").write_text(SCRATCH_DATASET, encoding="utf-8")
        for product_id, producer, unit, certified, address in records:
            write_record(folder, product_id, scratch_record(product_id, producer, unit, certified, address))
        return published_facts(load_dataset(folder, TODAY, check_history=False))

    return make


def scratch_record(product_id, producer, unit, certified="2024-06-28", address=None, sales=None):
    text = GOOD_RECORD.replace("id: LC-0001", f"id: {product_id}")
    text = text.replace("  name: Hợp tác xã Chè San Thàng", f"  name: {producer}")
    text = text.replace("unit: san-thang", f"unit: {unit}")
    text = text.replace("    date: 2024-06-28", f"    date: {certified}")
    if address:
        text = text.replace("  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu", f"  address: {address}")
    if sales is not None:
        start, end = text.index("sales:\n"), text.index("evaluations:\n")
        text = text[:start] + sales + text[end:]
    return text


def test_same_named_producers_of_two_units_get_two_stable_slugs(scratch_facts):
    name = "Hợp tác xã Chè San Thàng"
    # LC-0002 and LC-0001: one producer (san-thang and tan-phong are both phường Tân Phong today),
    # whatever the address says; LC-0003 in sung-phai (now phường Đoàn Kết) is another one.
    records = [("LC-0001", name, "san-thang", "2024-06-28", None),
               ("LC-0002", "Hợp tác xã chè San Thàng", "tan-phong", "2025-01-10", "Tổ 5, phường Tân Phong"),
               ("LC-0003", name, "sung-phai", "2024-09-01", None)]
    producers = group_producers(scratch_facts(*records))
    by_unit = {p.unit.code: p for p in producers}
    assert [f.id for f in by_unit["phuong-tan-phong"].facts] == ["LC-0002", "LC-0001"]  # newest first
    assert [f.id for f in by_unit["phuong-doan-ket"].facts] == ["LC-0003"]
    # The producer certified first keeps the plain slug; the other gets its unit's name.
    assert by_unit["phuong-tan-phong"].slug == "hop-tac-xa-che-san-thang"
    assert by_unit["phuong-doan-ket"].slug == "hop-tac-xa-che-san-thang-phuong-doan-ket"
    assert moved_slugs(producers) == [(["hop tac xa che san thang", "phuong-doan-ket"],
                                       "hop-tac-xa-che-san-thang-phuong-doan-ket")]
    # The newest record's contact is shown: LC-0002's address.
    assert by_unit["phuong-tan-phong"].address == "Tổ 5, phường Tân Phong"
    # The same records read in another order (other ids) give the same slugs.
    again = group_producers(scratch_facts(("LC-0009", name, "sung-phai", "2024-09-01", None),
                                          ("LC-0008", name, "san-thang", "2024-06-28", None)))
    assert {p.unit.code: p.slug for p in again} == {"phuong-tan-phong": "hop-tac-xa-che-san-thang",
                                                    "phuong-doan-ket": "hop-tac-xa-che-san-thang-phuong-doan-ket"}


def test_a_slug_never_reads_as_a_page_number_and_is_never_empty():
    assert base_slug("Hợp tác xã Đoàn Kết") == "hop-tac-xa-doan-ket"
    assert base_slug("2") == "chu-the-2"
    assert base_slug("— ★ —") == "chu-the"


def test_points_of_sale_are_grouped_by_the_unit_of_their_products_and_online(sample_facts):
    groups = {g.code: g for g in sales_groups(sample_facts)}
    assert list(groups) == ["phuong-doan-ket", "phuong-tan-phong", "truc-tuyen"]
    tan_phong = {point.name: [f.id for f in sold] for point, sold in groups["phuong-tan-phong"].points}
    # The city's OCOP shop, named by three records of three old units, is one point of today's unit.
    assert tan_phong[OCOP_SHOP] == ["LC-0001", "LC-0004", "LC-0010"]
    online = groups["truc-tuyen"].points
    assert all(point.url and not point.address for point, _ in online)
    assert {point.url for point, _ in online} >= {"https://example.vn/che-san-thang",
                                                   "https://example.vn/trau-gac-bep"}
    everywhere = {f.id for g in groups.values() for _, sold in g.points for f in sold}
    assert "LC-0007" not in everywhere  # it names no point of sale
    assert not everywhere & set(CANDIDATES)


def test_a_product_page_sends_the_shopper_to_its_unit_or_to_the_online_shops(sample_facts):
    by_id = {f.id: f for f in sample_facts}
    assert sales_path(by_id["LC-0001"]) == "noi-ban/phuong-tan-phong/"
    assert sales_path(by_id["LC-0007"]) is None
    only_online = dataclasses.replace(by_id["LC-0001"], product=dataclasses.replace(
        by_id["LC-0001"].product, sales=[SalesPoint(name="Gian hàng", url="https://example.vn/x")]))
    assert sales_path(only_online) == "noi-ban/truc-tuyen/"


# -- the sample site, built with Pelican --------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("promotion-site")
    result = run_build(SAMPLE, root / "output", root / "cache")
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return root / "output"


def _links(output, relative):
    root = page(output, relative)
    return {urljoin(page_url(relative), a.attrs["href"]): a.text() for a in root.iter("a") if "href" in a.attrs}


def _facts_of(root):
    dl = root.find("dl", cls="facts")
    terms = [n.text() for n in dl.iter("dt")]
    values = [n for n in dl.iter("dd")]
    return dict(zip(terms, values))


def test_a_producer_page_gives_its_contact_its_products_and_where_to_buy(sample_site):
    root = page(sample_site, DINH_MAY_PAGE)
    assert root.find("h1").text() == DINH_MAY
    assert root.find("title").text().startswith(f"{DINH_MAY} – Nhà sản xuất")
    assert root.find("p", cls="producer-kind").text() == "Doanh nghiệp · Phường Đoàn Kết"
    facts = _facts_of(root)
    assert facts["Địa chỉ"].text() == "Tổ dân phố số 9, phường Đoàn Kết, tỉnh Lai Châu"
    assert facts["Điện thoại"].find("a").attrs["href"] == "tel:0983214507"
    assert facts["Thư điện tử"].find("a").attrs["href"] == "mailto:dinhmay@example.vn"
    assert facts["Trang web"].find("a").attrs["href"] == "https://example.vn/dinh-may"
    cards = [li for li in root.find("ul", cls="cards").children if getattr(li, "tag", None) == "li"]
    # Every status, the current one first, each marked with its badge.
    assert [(li.find("a").text(), li.find("span", cls="badge").text()) for li in cards] == [
        ("Hạt mắc ca sấy nứt vỏ Đỉnh Mây", "✔ Còn hiệu lực"), ("Mắc ca rang muối Đỉnh Mây", "■ Ngừng sản xuất")]
    points = root.find("ul", cls="sale-points")
    assert [s.text() for s in points.iter("strong")] == ["Cửa hàng giới thiệu sản phẩm OCOP phường Đoàn Kết",
                                                        "Gian hàng trực tuyến Đỉnh Mây"]
    links = _links(sample_site, DINH_MAY_PAGE)
    assert f"{SITE}/p/LC-0002/" in links and f"{SITE}/p/LC-0015/" in links
    assert "https://example.vn/dinh-may/mac-ca" in links


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_product_page_links_to_its_producer_and_its_points_of_sale(sample_site, lang):
    prefix = "en/" if lang == "en" else ""
    links = _links(sample_site, f"{prefix}p/LC-0002/index.html")
    producer = f"{SITE}/{prefix}nha-san-xuat/cong-ty-tnhh-nong-san-dinh-may/"
    assert links[producer] == DINH_MAY
    more = f"{SITE}/{prefix}noi-ban/phuong-doan-ket/"
    assert links[more] == ("Other points of sale" if lang == "en" else "Các nơi bán khác")
    for url in (producer, more):
        assert (sample_site / url.removeprefix(f"{SITE}/") / "index.html").is_file(), url
    # The withdrawn LC-0015 is on the same producer's page.
    assert _links(sample_site, f"{prefix}p/LC-0015/index.html")[producer] == DINH_MAY


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_header_links_to_the_producers_and_the_points_of_sale(sample_site, lang):
    prefix = "en/" if lang == "en" else ""
    for relative in (f"{prefix}index.html", f"{prefix}p/LC-0001/index.html", f"{prefix}noi-ban/index.html"):
        nav = page(sample_site, relative).find("nav")
        menu = {urljoin(page_url(relative), a.attrs["href"]): a.text() for a in nav.iter("a")}
        assert menu[f"{SITE}/{prefix}nha-san-xuat/"] == ("Producers" if lang == "en" else "Nhà sản xuất")
        assert menu[f"{SITE}/{prefix}noi-ban/"] == ("Points of sale" if lang == "en" else "Nơi bán")
    current = page(sample_site, f"{prefix}noi-ban/index.html").find("nav").find("a", **{"aria-current": "page"})
    assert current.text() == ("Points of sale" if lang == "en" else "Nơi bán")


def test_the_producers_index_lists_every_producer_by_unit(sample_site):
    root = page(sample_site, "nha-san-xuat/index.html")
    headings = [h.text() for h in root.iter("h2")]
    assert headings == ["Phường Đoàn Kết", "Phường Tân Phong"]
    lists = [ul for ul in root.iter("ul") if "producers" in ul.classes()]
    doan_ket = [a.text() for a in lists[0].iter("a")]
    assert doan_ket == sorted(doan_ket, key=lambda n: n.lower().replace("đ", "d"))  # folded order
    assert DINH_MAY in doan_ket
    names = doan_ket + [a.text() for a in lists[1].iter("a")]
    assert len(names) == 12 and "Hộ kinh doanh Tẩn Láo Sử" not in names
    links = _links(sample_site, "nha-san-xuat/index.html")
    for url in links:
        if url.startswith(f"{SITE}/nha-san-xuat/") and url != f"{SITE}/nha-san-xuat/" and "#" not in url:
            assert (sample_site / url.removeprefix(f"{SITE}/") / "index.html").is_file(), url
    dinh_may = next(li for li in lists[0].iter("li") if DINH_MAY in li.text())
    assert dinh_may.find("span", cls="meta").text() == "Doanh nghiệp · 2 sản phẩm"


def test_the_points_of_sale_are_grouped_by_unit_then_online(sample_site):
    root = page(sample_site, "noi-ban/index.html")
    assert [h.text() for h in root.iter("h2")] == ["Phường Đoàn Kết", "Phường Tân Phong", "Bán trực tuyến"]
    summary = [li.text() for li in root.find("ul", cls="sale-units").iter("li")]
    assert summary == ["Phường Đoàn Kết (5 nơi bán)", "Phường Tân Phong (3 nơi bán)", "Bán trực tuyến (7 nơi bán)"]
    unit = page(sample_site, "noi-ban/phuong-tan-phong/index.html")
    assert unit.find("h1").text() == "Nơi bán: Phường Tân Phong"
    shop = next(li for li in unit.find("ul", cls="sale-points").children
                if getattr(li, "tag", None) == "li" and li.find("strong").text() == OCOP_SHOP)
    sold = [(li.find("a").text(), li.find("span", cls="badge").text()) for li in shop.find("ul", cls="sold").iter("li")]
    assert sold == [("Chè Shan tuyết cổ thụ San Thàng", "✔ Còn hiệu lực"),
                    ("Mật ong hoa rừng Đông Phong", "⚠ Sắp hết hạn"),
                    ("Thịt trâu gác bếp Tân Phong", "✔ Còn hiệu lực")]
    assert "Phường Tân Phong" in shop.text()  # its address
    online = page(sample_site, "noi-ban/truc-tuyen/index.html")
    assert online.find("h1").text() == "Nơi bán: Bán trực tuyến"
    hrefs = _links(sample_site, "noi-ban/truc-tuyen/index.html")
    assert hrefs["https://example.vn/che-san-thang"] == "https://example.vn/che-san-thang"
    assert f"{SITE}/p/LC-0001/" in hrefs


def test_english_versions(sample_site):
    root = page(sample_site, "en/noi-ban/index.html")
    assert root.find("html").attrs["lang"] == "en"
    assert root.find("h1").text() == "Points of sale"
    assert [h.text() for h in root.iter("h2")] == ["Doan Ket ward", "Tan Phong ward", "Online"]
    assert "Doan Ket ward (5 points of sale)" in [li.text() for li in root.iter("li")]
    producer = page(sample_site, "en/" + DINH_MAY_PAGE)
    assert producer.find("p", cls="producer-kind").text() == "Enterprise · Doan Ket ward"
    assert [h.text() for h in producer.iter("h2")] == ["OCOP products", "Where to buy"]
    assert "✔ Valid" in producer.find("ul", cls="cards").text()
    index = page(sample_site, "en/nha-san-xuat/index.html")
    assert index.find("h1").text() == "Producers"
    assert "Enterprise · 2 products" in index.text() and "Cooperative · 1 product" in index.text()
    assert _links(sample_site, "en/nha-san-xuat/index.html")[f"{SITE}/nha-san-xuat/"] == "Tiếng Việt"


def _promotion_pages(output):
    return sorted(p.relative_to(output).as_posix() for folder in ("nha-san-xuat", "noi-ban", "en/nha-san-xuat",
                                                                   "en/noi-ban")
                  for p in (output / folder).rglob("index.html"))


def test_promotion_pages_are_light_and_publish_no_candidate(sample_site):
    pages = _promotion_pages(sample_site)
    assert len(pages) == 2 * (12 + 1 + 3 + 1)  # producers, their index, three groups, the points' index
    for relative in pages:
        data = (sample_site / relative).read_bytes()
        size = _gzip_size(data) + _gzip_size((sample_site / "theme/css/site.css").read_bytes())
        assert size <= LIST_BUDGET, f"{relative}: {size} bytes gzip with its stylesheet"
        text = data.decode("utf-8")
        for candidate, name in CANDIDATES.items():
            assert candidate not in text and name not in text, (relative, candidate)


def test_the_sitemap_has_the_promotion_pages(sample_site):
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    for relative in _promotion_pages(sample_site):
        assert f"<loc>{SITE}/{relative.removesuffix('index.html')}</loc>" in sitemap, relative


# -- a scratch site: one producer in two records, two producers of one name -------------------------


def _build(products, root, name):
    result = run_build(products, root / "output", root / "cache")
    assert result.returncode == 0, f"build {name} failed:\n{result.stdout}\n{result.stderr}"
    return root / "output"


def _write_scratch(folder, records):
    folder.mkdir(exist_ok=True)
    shutil.copyfile(SAMPLE_UNITS, folder / "units.yaml")
    (folder / "dataset.yaml").write_text(SCRATCH_DATASET, encoding="utf-8")
    for record_id, text in records.items():
        write_record(folder, record_id, text)


def test_a_scratch_site_puts_one_producer_on_one_page_and_two_same_named_on_two(tmp_path):
    name = "Hợp tác xã Chè San Thàng"
    products = tmp_path / "products"
    online_only = "sales:\n  - name: Gian hàng trực tuyến\n    url: https://example.vn/che-san-thang\n"
    _write_scratch(products, {
        "LC-0001": scratch_record("LC-0001", name, "san-thang"),
        "LC-0002": scratch_record("LC-0002", name, "tan-phong", "2025-01-10", "Tổ 5, phường Tân Phong",
                                  sales=online_only),
    })
    output = _build(products, tmp_path, "one producer")
    one = page(output, "nha-san-xuat/hop-tac-xa-che-san-thang/index.html")
    assert {a.text() for a in one.find("ul", cls="cards").iter("a")} == {"Chè Shan tuyết cổ thụ San Thàng"}
    assert len(list(one.find("ul", cls="cards").iter("li"))) == 2
    assert _facts_of(one)["Địa chỉ"].text() == "Tổ 5, phường Tân Phong"  # the newest record's
    # Its points of sale: the union of its products', once each.
    assert [s.text() for s in one.find("ul", cls="sale-points").iter("strong")] == [OCOP_SHOP, "Gian hàng trực tuyến"]
    online = next(li for li in one.find("ul", cls="sale-points").children
                  if getattr(li, "tag", None) == "li" and "Gian hàng" in li.text())
    assert len(list(online.find("ul", cls="sold").iter("li"))) == 2
    assert _links(output, "p/LC-0002/index.html")[f"{SITE}/noi-ban/truc-tuyen/"] == "Các nơi bán khác"

    # A producer of the same name, certified earlier, in another unit: it keeps the plain address
    # from now on, and the page of LC-0001, whose record did not change, links to the moved page.
    write_record(products, "LC-0003", scratch_record("LC-0003", name, "sung-phai", "2023-05-02",
                                                     "Bản Nậm Loỏng, xã Sùng Phài"))
    output = _build(products, tmp_path, "two producers")
    _parsed.clear()  # the same paths hold new pages
    moved = f"{SITE}/nha-san-xuat/hop-tac-xa-che-san-thang-phuong-tan-phong/"
    for product_id in ("LC-0001", "LC-0002"):
        assert _links(output, f"p/{product_id}/index.html")[moved] == name, product_id
    assert _links(output, "p/LC-0003/index.html")[f"{SITE}/nha-san-xuat/hop-tac-xa-che-san-thang/"] == name
    older = page(output, "nha-san-xuat/hop-tac-xa-che-san-thang/index.html")
    assert _facts_of(older)["Địa chỉ"].text() == "Bản Nậm Loỏng, xã Sùng Phài"
    index = page(output, "nha-san-xuat/index.html")
    assert [h.text() for h in index.iter("h2")] == ["Phường Đoàn Kết", "Phường Tân Phong"]
    assert [a.text() for a in index.iter("a") if "nha-san-xuat/hop-tac" in a.attrs.get("href", "")] == [name, name]


# -- national scale: the index pages stay light -------------------------------------------------------


class PageWriter:
    """What write_promotion_pages needs of the generator: its templates and ``_render``."""

    def __init__(self, output, promotion):
        loader = jinja2.FileSystemLoader(str(REPO / "theme" / "templates"))
        self.env = jinja2.Environment(loader=loader, autoescape=True, extensions=["jinja2.ext.do"])
        self.output = Path(output)
        self.promotion = promotion
        self.sizes = {}

    def get_template(self, name):
        return self.env.get_template(f"{name}.html")

    def _render(self, name, template, **values):
        data = template.render(SITEURL="", THEME_STATIC_DIR="theme", output_file=name, pages=[1],
                               ocop_menu=[], **values).encode("utf-8")
        path = self.output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.sizes[name] = _gzip_size(data)


SYLLABLES = ("Tân", "Lập", "Thượng", "Ngàn", "Đoàn", "Kết", "Sùng", "Phài", "Nậm", "Loỏng", "Hồ", "Thàng", "Mường",
             "Khoa", "Bình", "Lư", "Tả", "Lèng", "Dào", "San", "Giàng", "Ma", "Quai", "Pa", "Tần", "Hua", "Bum",
             "Phong", "Thổ", "Sìn", "Hồ", "Chăn", "Nưa", "Khổng", "Lào", "Mù", "Cả", "Vàng", "Pheo", "Nùng")


def _words(rng, n):
    return " ".join(rng.choice(SYLLABLES) for _ in range(n))


def national(sample_facts, products=20_000, producers=12_000, units=3_321):
    """20,000 products of 12,000 producers in 3,321 communes, with long names that vary as real ones
    do, each with a shop of its producer and an online shop, one in ten also in the province's shop."""
    rng = random.Random(11)
    template = next(f for f in sample_facts if f.id == "LC-0001")
    unit = template.unit_today
    communes = [dataclasses.replace(unit, code=f"{i:05d}", key=f"{i:05d}", name_vi=f"Xã {_words(rng, 2)} {i}",
                                    name_en=f"{_words(rng, 2)} {i} commune") for i in range(units)]
    makers = [RecordProducer(name=f"Hợp tác xã Nông nghiệp và Dịch vụ {_words(rng, 6)} {j}", kind="cooperative",
                             address=f"Bản {_words(rng, 2)}") for j in range(producers)]
    facts = []
    for i in range(products):
        j = i % producers
        commune = communes[j % units]
        sales = [SalesPoint(name=f"Cửa hàng đặc sản {_words(rng, 3)} {j}", address=makers[j].address),
                 SalesPoint(name="Gian hàng trực tuyến", url=f"https://example.vn/gian-hang/{i}")]
        if i % 10 == 0:
            sales.append(SalesPoint(name="Trung tâm giới thiệu sản phẩm OCOP của tỉnh", address="Phường Tân Phong"))
        name = dataclasses.replace(template.product.name, vi=f"{_words(rng, 5)} {i}", en=f"{_words(rng, 5)} {i}")
        product = dataclasses.replace(template.product, id=f"XX-{i:05d}", name=name, producer=makers[j], sales=sales)
        facts.append(dataclasses.replace(template, product=product, unit_today=commune, unit_on_certificate=commune))
    return facts


def test_at_national_scale_every_list_page_is_within_the_budget(sample_facts, tmp_path):
    promotion = Promotion(national(sample_facts))
    assert len(promotion.producers) == 12_000
    writer = PageWriter(tmp_path, promotion)
    templates = {name: writer.get_template(name) for name in ("producer", "producers", "sales")}
    for lang in ("vi", "en"):
        render = promotion_module._renderer(writer, templates, lang)
        index = list(promotion_module.producer_index_plans(promotion, lang))
        assert len(index) == -(-12_000 // promotion_module.PRODUCERS_PER_PAGE)
        assert [path for path, _, _ in index[:2]] == ["nha-san-xuat/", "nha-san-xuat/2/"]
        for plan in index:
            render(*plan)
        views = promotion_module.sales_views(promotion, lang)
        # The online shops, then a few units: one unit with many points is paged like the online shops.
        groups = list(promotion_module.sales_group_plans(promotion, views[-1:] + views[:5], lang))
        online_pages = [path for path, _, _ in groups if path.startswith("noi-ban/truc-tuyen/")]
        assert online_pages[:2] == ["noi-ban/truc-tuyen/", "noi-ban/truc-tuyen/2/"]
        for plan in groups:
            render(*plan)
        # The province's shop sells in some 2,000 communes: each of their pages names ten and counts the rest.
        shop = [name for name in writer.sizes if name.startswith(f"{'en/' if lang == 'en' else ''}noi-ban/0")
                and "Trung tâm giới thiệu" in (tmp_path / name).read_text(encoding="utf-8")]
        assert shop, "no unit page with the province's shop"
        others = parse_html((tmp_path / shop[0]).read_text(encoding="utf-8")).find("p", cls="meta")
        assert len(list(others.iter("a"))) == promotion_module.OTHER_UNITS_SHOWN
        assert others.text().endswith(" other units" if lang == "en" else " đơn vị khác")
        promotion_module.write_sales_index(writer, render, views, lang)
        prefix = "en/" if lang == "en" else ""
        # 3,321 units with their points do not fit on one page: the index lists the units and their counts.
        first = parse_html((tmp_path / f"{prefix}noi-ban/index.html").read_text(encoding="utf-8"))
        assert first.find("ul", cls="sale-units") is not None and first.find("ul", cls="sale-points") is None
        assert (tmp_path / f"{prefix}noi-ban/6/index.html").is_file()
    too_heavy = {name: size for name, size in writer.sizes.items() if size > LIST_BUDGET}
    assert not too_heavy, too_heavy
    print({kind: max(size for name, size in writer.sizes.items() if kind in name)
           for kind in ("nha-san-xuat", "noi-ban/truc-tuyen", "noi-ban/0", "noi-ban/index", "noi-ban/2/")})
