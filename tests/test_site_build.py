"""End to end: build a small fixture site with Pelican, then check what its users notice.

The site is built once per module, as a subprocess, exactly as `make html` does
(`pelican content -o … -s pelicanconf.py` from the repository root, settings
passed through the environment), from the records in
tests/fixtures/site/products/ as of 2026-11-28:

  LC-0101  valid (certified 2025-06-20, expires 2028-06-20), with a photo
  LC-0102  expiring (expires 2027-01-15: 48 days left)
  LC-0103  expired (expired 2026-06-02), 4 stars
  LC-0104  revoked (318/QĐ-UBND of 2026-03-10)
  LC-0105  candidate (no certificate): never published anywhere
  LC-0106  valid, hostile text in every field, and no English text at all

Pages are read with html.parser (a tiny tree below), never with regular
expressions, so the checks see what a browser sees.
"""

import csv
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
FIXTURE_PRODUCTS = REPO / "tests" / "fixtures" / "site" / "products"
SITE = "https://ocop.example.vn"
HOST = "ocop.example.vn"
TODAY = "2026-11-28"

PUBLISHED = ("LC-0101", "LC-0102", "LC-0103", "LC-0104", "LC-0106")
CANDIDATE = "LC-0105"
CANDIDATE_NAME = "Hạt dổi ứng viên"
STATUS = {"LC-0101": "valid", "LC-0102": "expiring", "LC-0103": "expired", "LC-0104": "revoked",
          "LC-0106": "valid"}
# The first day of each status (valid: the certificate; expiring: 180 days before expiry; expired: the day
# after its last day; revoked: the decision).
STATUS_SINCE = {"LC-0101": "2025-06-20", "LC-0102": "2026-07-19", "LC-0103": "2026-06-03", "LC-0104": "2026-03-10",
                "LC-0106": "2025-12-05"}
STARS = {"LC-0101": 3, "LC-0102": 3, "LC-0103": 4, "LC-0104": 3, "LC-0106": 3}
CERTIFICATE = {  # decision date, expiry, issuer, as the records say
    "LC-0101": ("2025-06-20", "2028-06-20", "UBND thành phố Lai Châu"),
    "LC-0102": ("2024-01-15", "2027-01-15", "UBND thành phố Lai Châu"),
    "LC-0103": ("2023-06-02", "2026-06-02", "UBND tỉnh Lai Châu"),
    "LC-0104": ("2024-09-26", "2027-09-26", "UBND thành phố Lai Châu"),
    "LC-0106": ("2025-12-05", "2028-12-05", "UBND tỉnh Lai Châu </script><!--"),
}
HOSTILE = "LC-0106"
HOSTILE_NAME = '<script>alert("x")</script> & "quotes" \'apos\''
HOSTILE_PRODUCER = 'Công ty </script><script>alert("producer")</script> & Co'

# dataset.yaml of the fixture: who publishes it (the English name of the office is hostile text).
OFFICE_EN = 'Test Office <script>alert("office")</script> & Co'
REPORT_LINE = {"vi": "Báo sản phẩm/nhãn giả hoặc sai", "en": "Report a fake or wrong product/label"}
NO_MARK_VI = "không còn được sử dụng nhãn OCOP"
NO_MARK_EN = "may no longer carry the OCOP mark"
PAGE_BUDGET = 14 * 1024  # bytes, gzip: what fits in the first round trips of a slow mobile link

BUILD_TIMEOUT = 120


# -- building ----------------------------------------------------------------------


def _pelican() -> str:
    beside = Path(sys.executable).with_name("pelican")
    return str(beside if beside.exists() else REPO / ".venv" / "bin" / "pelican")


def run_build(products: Path, output: Path, cache: Path, hash_seed: str = "1"):
    """`make html` for the fixture, as a subprocess from the repository root."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_")}
    env.update(OCOP_PRODUCTS=str(products), OCOP_TODAY=TODAY, OCOP_SITEURL=SITE, OCOP_CACHE_DIR=str(cache),
               # Two builds with different hash seeds: any output that follows set order differs.
               PYTHONHASHSEED=hash_seed)
    return subprocess.run([_pelican(), "content", "-o", str(output), "-s", "pelicanconf.py"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT)


@pytest.fixture(scope="module")
def build_root(tmp_path_factory):
    return tmp_path_factory.mktemp("site-build")


@pytest.fixture(scope="module")
def site(build_root) -> Path:
    output = build_root / "output"
    result = run_build(FIXTURE_PRODUCTS, output, build_root / "cache")
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def second_site(site, build_root) -> Path:
    """The same input and day, built again into another folder (the cache is shared)."""
    output = build_root / "output-again"
    result = run_build(FIXTURE_PRODUCTS, output, build_root / "cache", hash_seed="2")
    assert result.returncode == 0, f"second build failed:\n{result.stdout}\n{result.stderr}"
    return output


# -- reading HTML ------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attr_list = list(attrs)  # every attribute as written, duplicates included
        self.attrs = {k: (v if v is not None else "") for k, v in attrs}
        self.parent = parent
        self.children = []

    def iter(self, tag=None):
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw_text() for c in self.children)

    def text(self) -> str:
        return " ".join(self.raw_text().split())

    def classes(self):
        return self.attrs.get("class", "").split()

    def find(self, tag=None, cls=None, **attrs):
        for node in self.iter(tag):
            if cls is not None and cls not in node.classes():
                continue
            if all(node.attrs.get(k) == v for k, v in attrs.items()):
                return node
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


_parsed = {}


def page(output: Path, relative: str) -> Node:
    path = output / relative
    assert path.is_file(), f"missing page {relative}"
    if path not in _parsed:
        _parsed[path] = parse_html(path.read_text(encoding="utf-8"))
    return _parsed[path]


def html_files(output: Path):
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))


def page_url(relative: str) -> str:
    """The public address of an output file: p/X/index.html → https://ocop.example.vn/p/X/."""
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return f"{SITE}/{relative}"


def product_page(lang, product_id):
    return f"{'en/' if lang == 'en' else ''}p/{product_id}/index.html"


def srcset_urls(value: str):
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def requested_urls(root: Node):
    """(tag, attribute, url) of everything a browser fetches while showing the page."""
    for node in root.iter():
        for name in ("src", "poster") + (("data",) if node.tag == "object" else ()):
            if node.attrs.get(name):
                yield node.tag, name, node.attrs[name]
        if node.attrs.get("srcset"):
            for url in srcset_urls(node.attrs["srcset"]):
                yield node.tag, "srcset", url
        if node.tag == "link":
            rel = set(node.attrs.get("rel", "").lower().split())
            if rel & {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}:
                yield node.tag, "href", node.attrs.get("href", "")


def output_file(output: Path, absolute_url: str) -> Path:
    path = urlsplit(absolute_url).path.lstrip("/")
    target = output / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def json_ld(root: Node) -> dict:
    scripts = [s for s in root.iter("script") if s.attrs.get("type") == "application/ld+json"]
    assert len(scripts) == 1, "one JSON-LD block per product page"
    return json.loads(scripts[0].raw_text())


def status_section(root: Node) -> Node:
    section = root.find("section", id="st")
    assert section is not None, "no status section"
    return section


# -- pages exist ---------------------------------------------------------------------


def test_every_published_product_has_a_page_in_both_languages(site):
    for product_id in PUBLISHED:
        for lang in ("vi", "en"):
            assert (site / product_page(lang, product_id)).is_file(), product_page(lang, product_id)


def test_home_lists_and_404_exist(site):
    for lang_prefix in ("", "en/"):
        assert (site / f"{lang_prefix}index.html").is_file()
        assert (site / f"{lang_prefix}san-pham/het-hieu-luc/index.html").is_file()
        for facet in ("nhom", "sao", "don-vi"):
            pages = list((site / f"{lang_prefix}san-pham/{facet}").glob("*/index.html"))
            assert pages, f"no list under {lang_prefix}san-pham/{facet}/"
    not_found = page(site, "404.html").text()
    assert "Không tìm thấy trang" in not_found and "Page not found" in not_found


def test_every_product_is_reachable_from_the_home_page_and_its_lists(site):
    for lang in ("vi", "en"):
        prefix = "en/" if lang == "en" else ""
        home = page(site, f"{prefix}index.html")
        linked = {urljoin(page_url(f"{prefix}index.html"), a.attrs["href"]) for a in home.iter("a") if "href" in a.attrs}
        for product_id in PUBLISHED:
            assert f"{SITE}/{prefix}p/{product_id}/" in linked, (lang, product_id)

    def products_on(relative):
        root = page(site, relative)
        hrefs = {urljoin(page_url(relative), a.attrs["href"]) for a in root.iter("a") if "href" in a.attrs}
        return {pid for pid in PUBLISHED + (CANDIDATE,) if f"{SITE}/p/{pid}/" in hrefs}

    inactive = products_on("san-pham/het-hieu-luc/index.html")
    assert {"LC-0103", "LC-0104"} <= inactive
    assert not inactive & {"LC-0101", "LC-0102", "LC-0106"}
    for product_id in ("LC-0101", "LC-0102", "LC-0106"):
        stars = f"san-pham/sao/{STARS[product_id]}/index.html"
        assert product_id in products_on(stars), (product_id, stars)
        for facet in ("nhom", "don-vi"):
            lists = [p.relative_to(site).as_posix() for p in (site / "san-pham" / facet).glob("*/index.html")]
            assert any(product_id in products_on(rel) for rel in lists), (product_id, facet)


def test_the_candidate_is_published_nowhere(site):
    assert not (site / "p" / CANDIDATE).exists()
    assert not (site / "en" / "p" / CANDIDATE).exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".txt", ".js"}:
            text = path.read_text(encoding="utf-8")
            assert CANDIDATE not in text, path.relative_to(site)
            assert CANDIDATE_NAME not in text, path.relative_to(site)


# -- open data, feeds, sitemap -----------------------------------------------------------


def test_products_json_has_the_shape_of_the_contract(site):
    data = json.loads((site / "data" / "products.json").read_text(encoding="utf-8"))
    assert list(data) == ["status_date", "publisher", "products"]
    assert data["status_date"] == TODAY
    assert [p["id"] for p in data["products"]] == list(PUBLISHED)
    for entry in data["products"]:
        pid = entry["id"]
        assert set(entry) == {"id", "name", "product_set", "unit", "producer", "score", "stars", "status",
                              "certificate", "url"}, pid
        assert set(entry["name"]) == {"vi", "en"}
        assert set(entry["producer"]) == {"name", "kind"}
        assert set(entry["certificate"]) == {"decision", "date", "issuer", "level", "expires"}
        assert entry["status"] == STATUS[pid]
        assert entry["stars"] == STARS[pid]
        assert (entry["certificate"]["date"], entry["certificate"]["expires"], entry["certificate"]["issuer"]) \
            == CERTIFICATE[pid]
        assert entry["url"] == f"{SITE}/p/{pid}/"
    assert data["products"][0] == {
        "id": "LC-0101",
        "name": {"vi": "Chè Shan tuyết thử nghiệm", "en": "Test Shan Tuyet tea"},
        "product_set": 11,
        "unit": "san-thang",
        "producer": {"name": "Hợp tác xã Chè Thử Nghiệm", "kind": "cooperative"},
        "score": 70.75,
        "stars": 3,
        "status": "valid",
        "certificate": {"decision": "101/QĐ-UBND", "date": "2025-06-20", "issuer": "UBND thành phố Lai Châu",
                        "level": "district", "expires": "2028-06-20"},
        "url": "https://ocop.example.vn/p/LC-0101/",
    }
    hostile = data["products"][-1]
    assert hostile["name"]["vi"] == HOSTILE_NAME  # data keeps the text as written; escaping is the page's job
    assert hostile["name"]["en"] in (None, "")
    assert hostile["producer"]["name"] == HOSTILE_PRODUCER


def test_products_json_says_who_publishes_the_data(site):
    data = json.loads((site / "data" / "products.json").read_text(encoding="utf-8"))
    assert data["publisher"] == {
        "locality": {"vi": "thành phố Lai Châu", "en": "Lai Chau city"},
        "province": {"code": "12", "name": {"vi": "Tỉnh Lai Châu", "en": "Lai Chau province"}},
        "office": {"name": {"vi": "Phòng Kinh tế thử nghiệm", "en": OFFICE_EN}, "address": "Số 1 đường Thử Nghiệm",
                   "phone": "0213 3000 001", "email": "phongthu@example.vn",
                   "report": {"phone": "0213 3000 002", "email": "baocao@example.vn"}},
        "sample": True,
    }


def test_products_csv_has_the_same_products(site):
    text = (site / "data" / "products.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in rows] == list(PUBLISHED)
    assert {r["id"]: r["status"] for r in rows} == STATUS
    assert {r["id"]: r["url"] for r in rows} == {pid: f"{SITE}/p/{pid}/" for pid in PUBLISHED}
    assert rows[-1]["name_vi"] == HOSTILE_NAME


def test_atom_feeds_parse_and_link_published_products(site):
    feeds = sorted(site.glob("**/feeds/*.xml"))
    assert {f.relative_to(site).parent.as_posix() for f in feeds} >= {"feeds", "en/feeds"}
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in feeds:
        root = ET.fromstring(feed.read_bytes())
        assert root.tag == f"{atom}feed", feed
        entries = root.findall(f"{atom}entry")
        assert entries, feed
        links = {e.find(f"{atom}link").get("href") for e in entries}
        allowed = {f"{SITE}{prefix}/p/{pid}/" for pid in PUBLISHED for prefix in ("", "/en")}
        assert links <= allowed, feed
        assert any(l.endswith("/p/LC-0101/") for l in links), feed
        titles = [e.find(f"{atom}title").text for e in entries]
        assert any(HOSTILE_NAME in t for t in titles), "the hostile name round-trips through the XML"


def test_sitemap_lists_every_page_and_not_the_candidate(site):
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [loc.text for loc in root.iter(f"{ns}loc")]
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(f"{SITE}/") for loc in locs)
    assert f"{SITE}/" in locs and f"{SITE}/en/" in locs
    for pid in PUBLISHED:
        assert f"{SITE}/p/{pid}/" in locs and f"{SITE}/en/p/{pid}/" in locs, pid
    assert not [loc for loc in locs if CANDIDATE in loc]


# -- the product page: what a shopper reads ---------------------------------------------


def test_valid_product_page(site):
    root = page(site, product_page("vi", "LC-0101"))
    section = status_section(root)
    text = section.text()
    assert section.attrs["data-state"] == "valid"
    assert "còn hiệu lực" in text.lower()
    assert "20/06/2028" in text
    assert "Trạng thái này từ ngày 20/06/2025" in text  # the certificate's day: true on every later day too
    assert NO_MARK_VI not in text
    assert root.find("h1").text() == "Chè Shan tuyết thử nghiệm"
    assert "OCOP 3 sao" in root.find("p", cls="stars").text()


def test_expiring_product_page_says_until_when_and_the_phone_counts_the_days(site):
    """The page says the last day of the term, not the days left: it stays the same every day until
    the certificate expires (the phone's script counts the days, tests/test_browser.py)."""
    root = page(site, product_page("vi", "LC-0102"))
    section = status_section(root)
    text = section.text()
    assert section.attrs["data-state"] == "expiring"
    assert "sắp hết hạn" in text.lower()
    assert "Có giá trị đến hết ngày 15/01/2027" in text and "Còn" not in text
    assert "Trạng thái này từ ngày 19/07/2026" in text  # 180 days before expiry: the window opened
    assert NO_MARK_VI not in text
    (template,) = [t for t in root.iter("template") if t.attrs.get("id") == "st-expiring"]
    assert "Có giá trị đến hết ngày 15/01/2027 — Còn {d} ngày" in template.text()
    en = status_section(page(site, product_page("en", "LC-0102"))).text()
    assert "Expiring soon" in en and "Valid through 2027-01-15" in en and "days left" not in en
    assert "This status since 2026-07-19" in en


def test_expired_product_page_says_the_mark_may_no_longer_be_used(site):
    root = page(site, product_page("vi", "LC-0103"))
    section = status_section(root)
    text = section.text()
    assert section.attrs["data-state"] == "expired"
    assert "đã hết hạn" in text.lower()
    assert "02/06/2026" in text
    assert NO_MARK_VI in text
    assert "Trạng thái này từ ngày 03/06/2026" in text  # the day after the last day of its term
    stars = root.find("p", cls="stars")
    # The stars are history now: greyed and struck (stars-past), in the past tense, with no current claim.
    assert "stars-past" in stars.classes() and stars.find("s").text() == "★★★★☆"
    assert stars.text() == "★★★★☆ OCOP – từng đạt 4 sao"
    en = status_section(page(site, product_page("en", "LC-0103"))).text()
    assert "Expired" in en and NO_MARK_EN in en


def test_revoked_product_page_gives_decision_date_and_reason(site):
    section = status_section(page(site, product_page("vi", "LC-0104")))
    text = section.text()
    assert section.attrs["data-state"] == "revoked"
    assert "đã bị thu hồi" in text.lower()
    assert "318/QĐ-UBND" in text and "10/03/2026" in text
    assert "Hộ sản xuất đã ngừng may và bán bộ trang phục." in text
    assert NO_MARK_VI in text
    assert "Trạng thái này từ ngày 10/03/2026" in text  # the revocation's day
    en = status_section(page(site, product_page("en", "LC-0104"))).text()
    assert "Revoked" in en and "318/QĐ-UBND" in en and "2026-03-10" in en
    assert "The household stopped making and selling the costume." in en and NO_MARK_EN in en


@pytest.mark.parametrize("product_id", PUBLISHED)
def test_every_product_page_shows_its_stars_and_the_day_its_status_began(site, product_id):
    for lang in ("vi", "en"):
        root = page(site, product_page(lang, product_id))
        html = root.find("html")
        assert html.attrs.get("lang") == lang
        stars = root.find("p", cls="stars")
        row = "★" * STARS[product_id] + "☆" * (5 - STARS[product_id])
        stars_text = f"{STARS[product_id]} {'sao' if lang == 'vi' else 'stars'}"
        if STATUS[product_id] in ("valid", "expiring"):
            assert stars.text() == f"{row} OCOP {stars_text}" and "stars-past" not in stars.classes()
        else:
            was = "từng đạt" if lang == "vi" else "was rated"
            assert stars.text() == f"{row} OCOP – {was} {stars_text}"
            assert "stars-past" in stars.classes() and stars.find("s").text() == row
        day = STATUS_SINCE[product_id]
        since = f"Trạng thái này từ ngày {day[8:]}/{day[5:7]}/{day[:4]}" if lang == "vi" else f"This status since {day}"
        assert since in status_section(root).text()
        assert "28/11/2026" not in root.find("main").text() and "2026-11-28" not in root.find("main").text(), \
            "no page of a product says the day it was built: it would change every day"


def test_english_page_uses_english_text_when_there_is_some(site):
    root = page(site, product_page("en", "LC-0101"))
    h1 = root.find("h1")
    assert h1.text() == "Test Shan Tuyet tea"
    assert "lang" not in h1.attrs
    assert "Hand-picked from ancient Shan Tuyet tea trees." in root.find("div", cls="prose").text()


def test_english_page_falls_back_to_vietnamese_marked_lang_vi(site):
    root = page(site, product_page("en", HOSTILE))
    assert root.find("html").attrs["lang"] == "en"
    h1 = root.find("h1")
    assert h1.text() == HOSTILE_NAME
    assert h1.attrs.get("lang") == "vi"
    prose = [d for d in root.iter("div") if "prose" in d.classes()]
    assert prose and all(d.attrs.get("lang") == "vi" for d in prose)
    assert "Mô tả" in prose[0].text()
    for img in root.find("picture").iter("img"):
        assert img.attrs.get("lang") == "vi"
    home = page(site, "en/index.html")
    cards = [a for a in home.iter("a") if a.attrs.get("href", "").endswith(f"p/{HOSTILE}/")]
    assert cards and all(a.attrs.get("lang") == "vi" and a.text() == HOSTILE_NAME for a in cards)


# -- who publishes: dataset.yaml -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("product_id", PUBLISHED)
def test_every_product_page_says_where_to_report_a_problem(site, product_id, lang):
    root = page(site, product_page(lang, product_id))
    (line,) = [p for p in root.iter("p") if "report" in p.classes()]
    assert line.text() == f"{REPORT_LINE[lang]}: 0213 3000 002 · baocao@example.vn"
    tel, mailto = [a.attrs["href"] for a in line.iter("a")]
    assert tel == "tel:02133000002"
    # The e-mail a phone's mail app opens: to the office, naming the product and its page, asking what and where.
    address = urlsplit(mailto)
    assert (address.scheme, address.path) == ("mailto", "baocao@example.vn")
    fields = parse_qs(address.query, strict_parsing=True)
    assert set(fields) == {"subject", "body"}
    url = f"{SITE}/{'en/' if lang == 'en' else ''}p/{product_id}/"
    if lang == "vi":
        assert fields["subject"] == [f"Báo cáo sản phẩm OCOP {product_id}"]
        assert fields["body"] == [f"Mã sản phẩm: {product_id}\r\nTrang: {url}\r\n\r\n"
                                  "Tôi đã thấy (nhãn, bao bì, số sao, giá bán…):\r\n\r\n"
                                  "Ở đâu (cửa hàng, chợ, trang web) và ngày nào:\r\n"]
    else:
        assert fields["subject"] == [f"Report on OCOP product {product_id}"]
        assert fields["body"] == [f"Product id: {product_id}\r\nPage: {url}\r\n\r\n"
                                  "What I saw (label, package, stars, price…):\r\n\r\n"
                                  "Where (shop, market, website) and when:\r\n"]


@pytest.mark.parametrize("relative, lang", [("index.html", "vi"), ("en/index.html", "en"), ("gioi-thieu/index.html", "vi"),
                                            ("p/LC-0104/index.html", "vi"), ("en/p/LC-0101/index.html", "en"),
                                            ("404.html", "vi")])
def test_every_footer_says_where_to_report_a_fake_or_wrong_label(site, relative, lang):
    (line,) = [p for p in page(site, relative).find("footer").iter("p") if "report-fake" in p.classes()]
    assert line.text() == f"{REPORT_LINE[lang]}: 0213 3000 002 · baocao@example.vn"
    assert [a.attrs["href"] for a in line.iter("a")] == ["tel:02133000002", "mailto:baocao@example.vn"]


@pytest.mark.parametrize("relative, lang", [("index.html", "vi"), ("en/index.html", "en"), ("gioi-thieu/index.html", "vi"),
                                            ("en/p/LC-0101/index.html", "en"), ("404.html", "vi")])
def test_the_site_is_named_after_the_dataset_and_its_footer_gives_the_office(site, relative, lang):
    root = page(site, relative)
    name = "Sản phẩm OCOP thành phố Lai Châu" if lang == "vi" else "OCOP products of Lai Chau city"
    assert root.find("title").text().endswith(name)
    assert root.find("a", cls="site-name").text() == name
    footer = root.find("footer").text()
    assert ("Phòng Kinh tế thử nghiệm" if lang == "vi" else OFFICE_EN) in footer
    assert "Số 1 đường Thử Nghiệm" in footer and "0213 3000 001" in footer and "phongthu@example.vn" in footer
    hrefs = [a.attrs.get("href") for a in root.find("footer").iter("a")]
    assert {"tel:02133000001", "mailto:phongthu@example.vn", "tel:02133000002", "mailto:baocao@example.vn"} <= set(hrefs)
    banner = root.find("p", cls="sample")
    assert banner is not None and "Dữ liệu minh họa / Sample data" in banner.text()


def test_the_catalogue_introduces_the_dataset_locality(site):
    assert page(site, "index.html").find("p", cls="lead").text().startswith(
        "Sản phẩm của thành phố Lai Châu được công nhận theo Chương trình Mỗi xã một sản phẩm (OCOP), cùng tình trạng "
        "giấy chứng nhận đến ngày 28/11/2026.")
    assert page(site, "en/index.html").find("p", cls="lead").text().startswith(
        "Products of Lai Chau city recognised under the OCOP programme (One Commune One Product), with the status "
        "of their certificates on 2026-11-28.")


def test_generic_pages_name_the_dataset_locality_and_office(site):
    about = page(site, "gioi-thieu/index.html").find("article").text()
    assert "của thành phố Lai Châu, do Phòng Kinh tế thử nghiệm công bố." in about
    assert "{locality}" not in about and "{office}" not in about
    english = page(site, "en/gioi-thieu/index.html").find("article").text()
    assert f"of Lai Chau city, published by {OFFICE_EN}." in english


def test_feeds_are_titled_after_the_dataset(site):
    atom = "{http://www.w3.org/2005/Atom}"
    titles = {path: ET.fromstring((site / path).read_bytes()).findtext(f"{atom}title")
              for path in ("feeds/san-pham-moi.atom.xml", "en/feeds/new-products.atom.xml", "data/revocations.xml")}
    assert titles == {
        "feeds/san-pham-moi.atom.xml": "Sản phẩm OCOP thành phố Lai Châu — Sản phẩm OCOP mới được công nhận",
        "en/feeds/new-products.atom.xml": "OCOP products of Lai Chau city — Newly certified OCOP products",
        "data/revocations.xml": "Sản phẩm OCOP thành phố Lai Châu — Thu hồi, ngừng sản xuất, hết hạn",
    }


# -- escaping: hostile text stays text ---------------------------------------------------


def _html_and_xml_files(output: Path):
    return [p for p in sorted(output.rglob("*")) if p.is_file() and p.suffix in {".html", ".xml", ".svg", ".js",
                                                                                 ".css"}]


def test_no_unescaped_script_anywhere(site):
    for path in _html_and_xml_files(site):
        assert "<script>alert" not in path.read_text(encoding="utf-8"), path.relative_to(site)


def test_hostile_text_is_shown_as_text(site):
    root = page(site, product_page("vi", HOSTILE))
    assert root.find("h1").text() == HOSTILE_NAME
    assert root.find("title").text().startswith(HOSTILE_NAME)
    producer = [s.text() for s in root.iter("strong")]
    assert HOSTILE_PRODUCER in producer
    description = root.find("div", cls="prose").text()
    assert "<img src=x onerror=alert(1)>" in description  # raw HTML is shown as the text it is
    assert "link" in description


@pytest.mark.parametrize("relative", ["p/LC-0106/index.html", "en/p/LC-0106/index.html", "index.html",
                                      "en/index.html", "san-pham/sao/3/index.html", "san-pham/index.html",
                                      # the hostile producer's page, and the points of sale it names
                                      "nha-san-xuat/cong-ty-script-script-alert-producer-script-co/index.html",
                                      "en/nha-san-xuat/index.html", "noi-ban/index.html",
                                      "noi-ban/phuong-tan-phong/index.html"])
def test_hostile_pages_have_no_handler_no_script_url_no_foreign_script(site, relative):
    root = page(site, relative)
    for node in root.iter():
        for name, value in node.attr_list:
            assert not name.lower().startswith("on"), f"{relative}: <{node.tag} {name}=…>"
            if name.lower() in {"href", "src", "action", "formaction", "xlink:href"} and value:
                assert not value.strip().lower().startswith(("javascript:", "vbscript:", "data:text")), \
                    f"{relative}: <{node.tag} {name}={value!r}>"
        assert node.tag not in {"iframe", "object", "embed", "base"}, f"{relative}: <{node.tag}>"
    for script in root.iter("script"):
        kind = script.attrs.get("type", "")
        if kind == "application/ld+json":
            json.loads(script.raw_text())
        else:
            assert "alert" not in script.raw_text(), relative


def test_every_page_requests_only_its_own_host_and_existing_files(site):
    for relative in html_files(site):
        root = page(site, relative)
        for tag, attribute, url in requested_urls(root):
            if url.startswith("data:"):
                continue
            absolute = urljoin(page_url(relative), url)
            parts = urlsplit(absolute)
            assert (parts.scheme, parts.netloc) == ("https", HOST), f"{relative}: <{tag} {attribute}={url!r}>"
            assert output_file(site, absolute).is_file(), f"{relative}: <{tag} {attribute}={url!r}> is missing"
    css = (site / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "//" not in css.replace("/*", "").replace("*/", "")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("product_id", PUBLISHED)
def test_json_ld_certification(site, product_id, lang):
    root = page(site, product_page(lang, product_id))
    data = json_ld(root)
    assert data["@type"] == "Product"
    assert data["url"] == f"{SITE}/{'en/' if lang == 'en' else ''}p/{product_id}/"
    certification = data["hasCertification"]
    issued, expires, issuer = CERTIFICATE[product_id]
    assert certification["@type"] == "Certification"
    assert certification["validFrom"] == issued
    assert certification["issuedBy"]["name"] == issuer
    active = STATUS[product_id] in ("valid", "expiring")
    assert certification["certificationStatus"] == \
        f"https://schema.org/Certification{'Active' if active else 'Inactive'}"
    if active:
        assert certification["certificationRating"] == {"@type": "Rating", "ratingValue": STARS[product_id],
                                                        "bestRating": 5, "worstRating": 3}
        assert certification["name"] == f"OCOP {STARS[product_id]}★"
        assert certification["expires"] == expires
    else:
        _assert_no_current_rating(data, product_id)
        # An expired certificate ran its term to that day; a revoked one ended with its decision.
        assert certification.get("expires") == (expires if STATUS[product_id] == "expired" else None)
    if product_id == HOSTILE:
        assert data["name"] == HOSTILE_NAME
        assert data["manufacturer"]["name"] == HOSTILE_PRODUCER


def _assert_no_current_rating(data: dict, where: str):
    """What a reader of schema.org takes for a held rating: none, anywhere in the block."""
    certification = data["hasCertification"]
    assert certification["name"] == "OCOP", where
    assert certification["certificationStatus"] == "https://schema.org/CertificationInactive", where
    text = json.dumps(data, ensure_ascii=False)
    for claim in ("certificationRating", "ratingValue", "aggregateRating", "reviewRating", "★"):
        assert claim not in text, f"{where}: {claim} in {text}"


# -- honest about status: no current star where the mark may not be carried -----------------

SITE_NAME = {"vi": "Sản phẩm OCOP thành phố Lai Châu", "en": "OCOP products of Lai Chau city"}
NAME = {"LC-0101": ("Chè Shan tuyết thử nghiệm", "Test Shan Tuyet tea"),
        "LC-0102": ("Mật ong bạc hà sắp hết hạn", "Expiring mint honey"),
        "LC-0103": ("Rượu ngô đã hết hạn", "Expired corn liquor"),
        "LC-0104": ("Trang phục thêu tay đã thu hồi", "Revoked embroidered costume")}
STATUS_TITLE = {"expired": ("OCOP: Đã hết hạn", "OCOP: Expired"), "revoked": ("OCOP: Đã bị thu hồi", "OCOP: Revoked"),
                "withdrawn": ("OCOP: Ngừng sản xuất", "OCOP: No longer made")}
STAR_CLAIM = r"\d\s*(sao|stars?)\b|★"


def _og_title(root: Node) -> str:
    (meta,) = [m for m in root.iter("meta") if m.attrs.get("property") == "og:title"]
    return meta.attrs["content"]


def _qr_downloads(root: Node):
    return [a for a in root.iter("a") if "download" in a.attrs]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("product_id", sorted(NAME))
def test_the_tab_title_and_link_preview_claim_stars_only_while_the_mark_may_be_carried(site, product_id, lang):
    root = page(site, product_page(lang, product_id))
    name = NAME[product_id][lang == "en"]
    title, og_title = root.find("title").text(), _og_title(root)
    status = STATUS[product_id]
    if status in ("valid", "expiring"):
        stars = f"{STARS[product_id]} {'sao' if lang == 'vi' else 'stars'}"
        assert title == f"{name} – {stars} OCOP – {SITE_NAME[lang]}"
        assert og_title == f"{name} – OCOP {stars}"
    else:
        said = STATUS_TITLE[status][lang == "en"]
        assert (title, og_title) == (f"{name} – {said} – {SITE_NAME[lang]}", f"{name} – {said}")
        assert not re.search(STAR_CLAIM, title + og_title)


@pytest.mark.parametrize("product_id", PUBLISHED)
def test_the_qr_code_is_offered_for_printing_only_while_the_mark_may_be_carried(site, product_id):
    for lang in ("vi", "en"):
        root = page(site, product_page(lang, product_id))
        downloads = _qr_downloads(root)
        assert root.find("p", cls="qr").find("img") is not None  # the code of the page is still shown
        if STATUS[product_id] in ("valid", "expiring"):
            assert [(a.attrs["download"], a.text()) for a in downloads] == [
                (f"{product_id}-qr.png", "Tải mã QR để in (PNG 600 dpi)" if lang == "vi"
                 else "Download the QR code for printing (PNG, 600 dpi)")]
        else:
            assert downloads == [], (product_id, lang)
            assert "qr.png" not in (site / product_page(lang, product_id)).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def withdrawn_site(build_root, tmp_path_factory) -> Path:
    """The fixture with LC-0104 withdrawn (no longer made, replaced by LC-0101) instead of revoked."""
    products = tmp_path_factory.mktemp("withdrawn") / "products"
    shutil.copytree(FIXTURE_PRODUCTS, products)
    record = products / "LC-0104.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[:text.index("revocation:")] + (
        "withdrawn:\n  date: 2026-09-01\n  reason:\n    vi: Hộ sản xuất thôi may bộ trang phục này.\n"
        "  replaced_by: LC-0101\n"), encoding="utf-8")
    output = build_root / "output-withdrawn"
    result = run_build(products, output, build_root / "cache")
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_withdrawn_product_claims_no_current_star(withdrawn_site, lang):
    relative = product_page(lang, "LC-0104")
    root = parse_html((withdrawn_site / relative).read_text(encoding="utf-8"))
    assert status_section(root).attrs["data-state"] == "withdrawn"
    name = NAME["LC-0104"][lang == "en"]
    said = STATUS_TITLE["withdrawn"][lang == "en"]
    assert root.find("title").text() == f"{name} – {said} – {SITE_NAME[lang]}"
    assert _og_title(root) == f"{name} – {said}"
    assert not re.search(STAR_CLAIM, root.find("title").text() + _og_title(root))
    stars = root.find("p", cls="stars")
    assert "stars-past" in stars.classes()
    assert stars.text() == f"★★★☆☆ OCOP – {'từng đạt 3 sao' if lang == 'vi' else 'was rated 3 stars'}"
    data = json_ld(root)
    _assert_no_current_rating(data, relative)
    assert "expires" not in data["hasCertification"]
    assert _qr_downloads(root) == []


# -- QR codes ----------------------------------------------------------------------------


def _decode_qr(path: Path) -> list:
    import zxingcpp

    with Image.open(path) as image:
        return [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]


@pytest.mark.parametrize("product_id", PUBLISHED)
def test_qr_code_decodes_to_the_short_upper_case_address(site, product_id):
    """QR_BASE/P/<ID>: upper case, so the whole code is in the compact alphanumeric mode."""
    folder = site / "p" / product_id
    assert _decode_qr(folder / "qr.png") == [f"{SITE.upper()}/P/{product_id}"]
    svg = ET.fromstring((folder / "qr.svg").read_bytes())
    assert svg.tag.endswith("svg")


@pytest.mark.parametrize("product_id", PUBLISHED)
def test_every_printed_code_is_q_or_h_with_a_quiet_zone_and_the_smallest_version(site, product_id):
    """Decoders forgive too much: the level is read from the symbol, the geometry measured on the pixels."""
    import zxingcpp

    from ocop.outputs.qr import module_pixels, qr_matrix

    with Image.open(site / "p" / product_id / "qr.png") as image:
        pixels = image.convert("L")
        (result,) = zxingcpp.read_barcodes(pixels)
        width, height = pixels.size
        dark = [(x, y) for y in range(height) for x in range(width) if pixels.getpixel((x, y)) < 128]
    assert result.ec_level in ("Q", "H")
    version, level, modules = qr_matrix(result.text)
    assert (int(result.extra["Version"]), result.ec_level) == (version, level)
    assert version == min(v for v in range(1, 41) if _fits(result.text, v))  # the smallest that holds it
    module = module_pixels()
    assert width == height == (17 + 4 * version + 8) * module  # 4-module quiet zone on each side
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    assert (min(xs), min(ys)) == (4 * module, 4 * module)
    assert (width - 1 - max(xs), height - 1 - max(ys)) == (4 * module, 4 * module)


def _fits(payload, version):
    import qrcode
    from qrcode.exceptions import DataOverflowError

    code = qrcode.QRCode(version=version, error_correction=qrcode.constants.ERROR_CORRECT_Q)
    code.add_data(payload.encode("utf-8"))
    try:
        code.make(fit=False)
    except DataOverflowError:
        return False
    return True


@pytest.mark.parametrize("product_id", PUBLISHED)
def test_the_printed_address_leads_to_the_product_page(site, product_id):
    """On a case-sensitive static host /P/<ID> is served from P/<ID>.html or P/<ID>/index.html;
    both lead to p/<ID>/ by a meta refresh (no JavaScript needed), with a canonical link."""
    for door, up in ((site / "P" / f"{product_id}.html", "../"), (site / "P" / product_id / "index.html", "../../")):
        text = door.read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url={up}p/{product_id}/">' in text
        assert f'<link rel="canonical" href="{SITE}/p/{product_id}/">' in text
        assert (door.parent / up / "p" / product_id / "index.html").resolve().is_file()


def test_qr_image_alt_names_the_address_the_code_holds(site):
    """A screen reader user is told where the QR code leads: the address it really encodes."""
    encoded = _decode_qr(site / "p" / "LC-0101" / "qr.png")[0]
    for lang in ("vi", "en"):
        relative = product_page(lang, "LC-0101")
        root = page(site, relative)
        qr_images = [img for img in root.iter("img") if img.attrs.get("src", "").endswith("qr.svg")]
        assert len(qr_images) == 1
        alt = qr_images[0].attrs.get("alt", "")
        assert encoded in alt, f"{relative}: alt {alt!r} does not name {encoded}"


# -- photos --------------------------------------------------------------------------------


def test_photo_variants_exist_in_webp_and_jpeg(site):
    folder = site / "p" / "LC-0101"
    formats = {}
    for path in folder.iterdir():
        if path.suffix in {".webp", ".jpg"}:
            with Image.open(path) as image:
                formats.setdefault(image.format, []).append(image.size)
                assert not image.info.get("exif"), path.name
    assert formats.get("WEBP") and formats.get("JPEG"), formats


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_photo_img_has_alt_size_and_lazy_loading(site, lang):
    relative = product_page(lang, "LC-0101")
    root = page(site, relative)
    picture = root.find("picture")
    assert picture is not None
    sources = [s for s in picture.iter("source") if s.attrs.get("type") == "image/webp"]
    assert sources and srcset_urls(sources[0].attrs["srcset"])
    img = picture.find("img")
    assert img.attrs.get("alt") == ("Hộp chè 200 g" if lang == "vi" else "200 g box of tea")
    assert img.attrs.get("loading") == "lazy"
    fallback = output_file(site, urljoin(page_url(relative), img.attrs["src"]))
    with Image.open(fallback) as image:
        assert (int(img.attrs["width"]), int(img.attrs["height"])) == image.size
    for img in root.iter("img"):  # every image of the page, the QR code included
        assert "alt" in img.attrs and img.attrs.get("width") and img.attrs.get("height"), img.attrs
        assert img.attrs.get("loading") == "lazy", img.attrs


# -- budget -----------------------------------------------------------------------------


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("product_id", PUBLISHED)
def test_product_page_fits_the_budget(site, product_id, lang):
    """The HTML (inline script included) and every stylesheet and script it loads, gzip-compressed."""
    relative = product_page(lang, product_id)
    root = page(site, relative)
    total = _gzip_size((site / relative).read_bytes())
    blocking = [n.attrs["href"] for n in root.iter("link") if "stylesheet" in n.attrs.get("rel", "").split()]
    blocking += [n.attrs["src"] for n in root.iter("script") if n.attrs.get("src")]
    for url in blocking:
        asset = output_file(site, urljoin(page_url(relative), url))
        assert asset.is_file(), f"{relative}: {url} is not part of the site"
        total += _gzip_size(asset.read_bytes())
    assert total <= PAGE_BUDGET, f"{relative}: {total} bytes gzip > {PAGE_BUDGET}"


# -- determinism ----------------------------------------------------------------------------


def test_a_second_build_is_byte_identical(site, second_site):
    first = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(second_site).as_posix() for p in second_site.rglob("*") if p.is_file()}
    assert first == second
    differing = [rel for rel in sorted(first) if (site / rel).read_bytes() != (second_site / rel).read_bytes()]
    if differing:
        first_bytes, second_bytes = (site / differing[0]).read_bytes(), (second_site / differing[0]).read_bytes()
        at = next((i for i, (a, b) in enumerate(zip(first_bytes, second_bytes)) if a != b),
                  min(len(first_bytes), len(second_bytes)))
        pytest.fail(f"files differ between two builds of the same input: {differing}; "
                    f"{differing[0]} first differs at byte {at}: {first_bytes[max(0, at - 60):at + 60]!r} "
                    f"vs {second_bytes[max(0, at - 60):at + 60]!r}")


# -- a broken record stops the build ----------------------------------------------------------


def test_a_broken_record_fails_the_build_with_the_bilingual_problem(tmp_path):
    products = tmp_path / "products"
    shutil.copytree(FIXTURE_PRODUCTS, products)
    record = products / "LC-0101.yaml"
    lines = record.read_text(encoding="utf-8").split("\n")
    line = lines.index("    date: 2025-06-20") + 1  # the certificate's date
    column = lines[line - 1].index("2025") + 1
    lines[line - 1] = "    date: 2025-02-30"
    record.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(products, tmp_path / "output", tmp_path / "cache")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out
    assert f"LC-0101.yaml:{line}:{column}: lỗi SP102" in out
    assert "Ngày '2025-02-30' không hợp lệ" in out
    assert "Date '2025-02-30' is not a valid date" in out
    written = tmp_path / "output"
    assert not (written / "p").exists() and not (written / "data").exists(), \
        "a refused build writes no half site"


def test_the_unit_on_the_certificate_says_where_it_lay_and_what_it_is_part_of_today(site):
    facts = {dt.text(): dd.text() for dt, dd in _facts_pairs(page(site, product_page("vi", "LC-0103")))}
    assert facts["Đơn vị trên giấy chứng nhận"] == ("Phường Quyết Tiến, thành phố Lai Châu, tỉnh Lai Châu"
                                                    " (nay thuộc phường Đoàn Kết, tỉnh Lai Châu)")
    english = {dt.text(): dd.text() for dt, dd in _facts_pairs(page(site, product_page("en", "LC-0103")))}
    assert english["Unit on the certificate"] == ("Quyet Tien ward, Lai Chau city, Lai Chau province"
                                                  " (now part of Doan Ket ward, Lai Chau province)")


def _facts_pairs(root):
    terms, details = list(root.iter("dt")), list(root.iter("dd"))
    return zip(terms, details)
