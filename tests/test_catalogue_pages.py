"""The catalogue's lists in pages, on a generated dataset big enough to need them.

121 products (every third one revoked, a few with a photo, one with an old id) are built once with
Pelican, as `make html` does; then the lists are read as files (html.parser) and in Chromium,
with and without JavaScript: pages of 50 cards, a pager that works without the script, current
products first, small lazy photos, index pages of groups, stars and units, a light home page, and
the finder's results in pages of 50.
"""

import functools
import gzip
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import GOOD_RECORD, SAMPLE_UNITS, SCRATCH_DATASET, write_photo
from test_site_build import parse_html

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-28"
COUNT = 121  # 3 pages of 50: 50, 50, 21
LIST_BUDGET = 30 * 1024  # bytes, gzip, without photos: the page, its stylesheet and its script
REVOCATION = """revocation:
  decision: 45/QĐ-UBND
  date: 2026-03-01
  ground: b
  reason:
    vi: Không duy trì tiêu chuẩn sau kiểm tra.
"""
WITH_PHOTO = {"LC-1002", "LC-1005"}
ALIAS = ("LC-0900", "LC-1004")  # an old id, and the product that carries it now


def product_id(n):
    return f"LC-{1000 + n}"


def revoked(n):
    return n % 3 == 0


def record(n):
    text = GOOD_RECORD.replace("id: LC-0001", f"id: {product_id(n)}")
    # Names that sort in another order than the ids: a list is ordered by name.
    text = text.replace("vi: Chè Shan tuyết cổ thụ San Thàng", f"vi: Chè Shan tuyết mẻ {COUNT + 1 - n:03d}")
    if product_id(n) == ALIAS[1]:
        text = text.replace("product_set: 11\n", f"product_set: 11\naliases:\n  - {ALIAS[0]}\n")
    if product_id(n) in WITH_PHOTO:
        text += "images:\n  - file: %s/hop.jpg\n    alt:\n      vi: Hộp chè\n" % product_id(n)
    if revoked(n):
        text += REVOCATION
    return text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("catalogue-pages")
    products = root / "products"
    (products / "media").mkdir(parents=True)
    (products / "units.yaml").write_bytes(SAMPLE_UNITS.read_bytes())
    (products / "dataset.yaml").write_text(SCRATCH_DATASET, encoding="utf-8")
    for n in range(1, COUNT + 1):
        (products / f"{product_id(n)}.yaml").write_text(record(n), encoding="utf-8")
    for pid in WITH_PHOTO:
        write_photo(products, f"{pid}/hop.jpg", size=(400, 300))
    output = root / "output"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_")}
    env.update(OCOP_PRODUCTS=str(products), OCOP_TODAY=TODAY, OCOP_SITEURL="", OCOP_CACHE_DIR=str(root / "cache"))
    pelican = Path(sys.executable).with_name("pelican")
    done = subprocess.run([str(pelican), "content", "-o", str(output), "-s", "pelicanconf.py"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"build failed:\n{done.stdout}\n{done.stderr}"
    return output


def read(output, relative):
    path = output / relative
    assert path.is_file(), f"missing {relative}"
    return parse_html(path.read_text(encoding="utf-8"))


def cards(root):
    """(id, status word) of each card of the server-rendered list, in order."""
    found = []
    listing = root.find("ul", id="cards")
    for li in listing.iter("li"):
        link = next(a for a in li.iter("a"))
        found.append((re.search(r"p/([^/]+)/$", link.attrs["href"]).group(1), li.find("span", cls="bw").text()))
    return found


def links(root, relative):
    base = "http://site/" + relative.removesuffix("index.html")
    return {urljoin(base, a.attrs["href"]).removeprefix("http://site/") for a in root.iter("a") if "href" in a.attrs}


def rel_link(root, tag, rel, relative):
    base = "http://site/" + relative.removesuffix("index.html")
    found = [n for n in root.iter(tag) if rel in n.attrs.get("rel", "").split()]
    return [urljoin(base, n.attrs["href"]).removeprefix("http://site/") for n in found]


# --- Pages of 50, current first --------------------------------------------------------------


def test_every_product_is_listed_once_in_pages_of_fifty_current_first(built):
    pages = ["san-pham/index.html", "san-pham/2/index.html", "san-pham/3/index.html"]
    listed = [card for relative in pages for card in cards(read(built, relative))]
    assert [len(cards(read(built, relative))) for relative in pages] == [50, 50, 21]
    assert not (built / "san-pham" / "4").exists()
    ids = [pid for pid, _ in listed]
    assert sorted(ids) == sorted(product_id(n) for n in range(1, COUNT + 1))
    words = [word for _, word in listed]
    assert words == ["Còn hiệu lực"] * (COUNT - COUNT // 3) + ["Đã bị thu hồi"] * (COUNT // 3)
    # Within each part, by name: "mẻ 001" (the last id) first.
    assert ids[0] == product_id(COUNT) and ids[-1] == product_id(3)


def test_the_pager_links_pages_with_rel_prev_and_next_and_says_which_page(built):
    relative = "san-pham/2/index.html"
    root = read(built, relative)
    assert rel_link(root, "a", "prev", relative) == ["san-pham/"]
    assert rel_link(root, "a", "next", relative) == ["san-pham/3/"]
    assert rel_link(root, "link", "prev", relative) == ["san-pham/"]
    assert rel_link(root, "link", "next", relative) == ["san-pham/3/"]
    assert rel_link(root, "link", "alternate", relative) == ["en/san-pham/2/"]  # the same page in English
    pager = root.find("nav", cls="pager")
    assert "trang 2/3" in pager.text()
    assert {"san-pham/", "san-pham/3/"} <= links(pager, relative)
    assert root.find("title").text().startswith("Tất cả sản phẩm OCOP – trang 2/3")
    last = read(built, "san-pham/3/index.html")
    assert rel_link(last, "a", "next", "san-pham/3/index.html") == []


def test_the_lists_per_status_and_unit_are_paged_too(built):
    inactive = cards(read(built, "san-pham/het-hieu-luc/index.html"))
    assert len(inactive) == COUNT // 3 and {word for _, word in inactive} == {"Đã bị thu hồi"}
    unit = "san-pham/don-vi/phuong-tan-phong/"  # San Thàng is part of Phường Tân Phong today
    assert [len(cards(read(built, unit + p + "index.html"))) for p in ("", "2/", "3/")] == [50, 50, 21]
    assert [len(cards(read(built, f"en/{unit}{p}index.html"))) for p in ("", "2/", "3/")] == [50, 50, 21]


def test_index_pages_give_the_groups_stars_and_units_with_their_counts(built):
    for relative, name in [("san-pham/nhom/index.html", "Thực phẩm"), ("san-pham/sao/index.html", "3 sao"),
                           ("san-pham/don-vi/index.html", "Phường Tân Phong")]:
        root = read(built, relative)
        items = [li.text() for li in root.find("ul", cls="index").iter("li")]
        assert items == [f"{name} ({COUNT})"], (relative, items)
    units = read(built, "san-pham/don-vi/index.html")
    assert "Tỉnh Lai Châu" in [h.text() for h in units.iter("h2")]  # grouped by province


# --- The home page stays small -------------------------------------------------------------------


def test_the_home_page_holds_the_first_fifty_and_links_to_the_rest(built):
    root = read(built, "index.html")
    assert len(cards(root)) == 50
    linked = links(root, "index.html")
    assert {"san-pham/", "san-pham/2/", "san-pham/het-hieu-luc/", "san-pham/nhom/", "san-pham/sao/",
            "san-pham/don-vi/"} <= linked
    assert not any(re.fullmatch(r"san-pham/don-vi/[^/]+/", link) for link in linked)  # units: on their page
    assert root.find("select", cls=None, name="unit").text() == "Tất cả"  # filled from the index


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def test_every_list_page_fits_the_budget_without_photos(built):
    pages = [p.relative_to(built).as_posix() for p in built.rglob("index.html")
             if p.relative_to(built).as_posix().split("/")[0] in ("san-pham", "en", "index.html")
             and "/p/" not in "/" + p.relative_to(built).as_posix()]
    assert "index.html" in pages and "en/san-pham/2/index.html" in pages
    for relative in pages:
        root = read(built, relative)
        total = _gzip_size((built / relative).read_bytes())
        assets = [n.attrs["href"] for n in root.iter("link") if "stylesheet" in n.attrs.get("rel", "").split()]
        assets += [n.attrs["src"] for n in root.iter("script") if n.attrs.get("src")]
        base = "http://site/" + relative.removesuffix("index.html")
        for url in assets:
            total += _gzip_size((built / urljoin(base, url).removeprefix("http://site/")).read_bytes())
        assert total <= LIST_BUDGET, f"{relative}: {total} bytes gzip"


# --- Small lazy photos ------------------------------------------------------------------------------


def test_cards_carry_a_small_lazy_photo_when_the_product_has_one(built):
    pictures = {}
    for relative in ("san-pham/index.html", "san-pham/2/index.html", "san-pham/3/index.html"):
        for li in read(built, relative).find("ul", id="cards").iter("li"):
            pid = re.search(r"p/([^/]+)/$", next(li.iter("a")).attrs["href"]).group(1)
            if li.find("picture"):
                pictures[pid] = li.find("picture")
    assert set(pictures) == WITH_PHOTO
    for pid, picture in pictures.items():
        source, img = picture.find("source"), picture.find("img")
        assert source.attrs["type"] == "image/webp" and source.attrs["srcset"].endswith(f"p/{pid}/hop-160.webp")
        assert img.attrs["src"].endswith(f"p/{pid}/hop-160.jpg")
        assert (img.attrs["loading"], img.attrs["decoding"], img.attrs["alt"]) == ("lazy", "async", "")
        assert img.attrs["width"] == img.attrs["height"] == "80"
        assert (built / "p" / pid / "hop-160.webp").stat().st_size < 10_000


def test_the_product_page_does_not_offer_the_card_photo(built):
    page_text = (built / "p" / "LC-1002" / "index.html").read_text(encoding="utf-8")
    assert "hop-320.webp" in page_text and "hop-160" not in page_text


# --- The finder's index ---------------------------------------------------------------------------------


def test_the_index_knows_every_product_and_the_old_ids(built):
    meta = json.loads((built / "data/search/vi/meta.json").read_text(encoding="utf-8"))
    assert meta["n"] == COUNT and len(meta["st"]) == COUNT and meta["st"].count("r") == COUNT // 3
    ids = json.loads((built / "data/search/i/lc-09.json").read_text(encoding="utf-8"))
    assert ids["v"] == meta["v"] and ids["w"]["lc-0900"][0] == ALIAS[1]


# --- In the browser ----------------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def served(built):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_without_javascript_the_pages_of_a_list_are_read_with_the_pager(served, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(served)
    assert page.locator("#cards li").count() == 50
    page.get_by_role("link", name="Trang sau →").first.click()
    page.wait_for_url(f"{served}san-pham/2/")
    assert "trang 2/3" in page.locator(".pager").first.inner_text()
    page.get_by_role("link", name="3", exact=True).click()
    page.wait_for_url(f"{served}san-pham/3/")
    assert page.locator("#cards li").count() == 21
    assert page.locator("#cards li").last.inner_text().count("Đã bị thu hồi") == 1


def test_the_finder_shows_its_results_in_pages_of_fifty(served, new_context):
    page = new_context().new_page()
    page.goto(f"{served}?q=ch%C3%A8")
    page.wait_for_function("document.querySelectorAll('#rcards li').length > 0")
    assert page.locator("#rcount").inner_text() == f"Tìm thấy {COUNT} sản phẩm · trang 1/3"
    assert page.locator("#rcards li").count() == 50
    page.get_by_role("button", name="Trang sau →").click()
    page.wait_for_function("/page=2/.test(location.search)")
    assert page.locator("#rcount").inner_text().endswith("trang 2/3")
    page.get_by_role("button", name="Trang sau →").click()
    page.wait_for_function("/page=3/.test(location.search)")
    assert page.locator("#rcards li").count() == 21
    assert "Đã bị thu hồi" in page.locator("#rcards li").last.inner_text()
    page.get_by_label("Tìm sản phẩm").fill("lc-0900")
    page.get_by_label("Tìm sản phẩm").press("Enter")
    page.wait_for_url(f"{served}p/{ALIAS[1]}/")  # an old id leads to the product that carries it now
