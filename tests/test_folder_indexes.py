"""Every folder a link or a printed QR code reaches has an index page: a visitor who shortens an address
(``/p/LC-0001/`` → ``/p/``, ``/data/products.json`` → ``/data/``) lands on a page of the site.

The sample data (products/) is built once for the module as of 2026-11-28, as `make html` does. Pages
are read with html.parser; the links followed are every ``<a href>`` on every page that stays on the
site, and the paths printed in QR codes (``/P/<ID>``).
"""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from test_site_build import HOST, REPO, SITE, html_files, page, run_build

from ocop.site.folder_pages import size_text

SAMPLE = REPO / "products"
DATA_FILES = ("data/products.json", "data/products.csv", "data/status.json", "data/revocations.xml",
              "feeds/san-pham-moi.atom.xml", "en/feeds/new-products.atom.xml")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("folder-indexes")
    result = run_build(SAMPLE, root / "output", root / "cache")
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return root / "output"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def site_path(page_file: str, href: str) -> str | None:
    """The path inside the site that a link of ``page_file`` leads to, or None when it leaves the site."""
    address = urlsplit(urljoin(f"{SITE}/{page_file}", href))
    if address.scheme not in ("http", "https") or address.hostname != HOST:
        return None
    return address.path.lstrip("/")


def folders_above(path: str):
    """Every folder from the root down to the one that holds ``path`` ("" is the root), and ``path``
    itself when it names a folder."""
    parts = path.split("/")
    return ["/".join(parts[:i]) + "/" if i else "" for i in range(len(parts))]


def reached_folders(site: Path) -> dict:
    """{folder: one page (or QR door) that leads below it}."""
    reached = {"": "(the site)", "en/": "(the site)"}
    for name in html_files(site):
        parser = Links()
        parser.feed((site / name).read_text(encoding="utf-8"))
        for href in parser.hrefs:
            target = site_path(name, href)
            if target is not None:
                for folder in folders_above(target):
                    reached.setdefault(folder, name)
    for door in sorted(site.glob("P/*.html")):  # what QR codes hold: QR_BASE/P/<ID>
        reached.setdefault("P/", f"the QR code {door.stem}")
    return reached


def test_every_folder_a_link_reaches_has_an_index_page(site):
    reached = reached_folders(site)
    assert {"p/", "en/p/", "data/", "P/"} <= set(reached), "the walk sees the folders it must check"
    missing = {folder: source for folder, source in reached.items() if not (site / folder / "index.html").is_file()}
    assert not missing, "folders reached without an index.html:\n" + "\n".join(
        f"  /{folder} (linked below from {source})" for folder, source in sorted(missing.items()))


def refresh_target(node, name: str) -> str:
    """Where a door's meta refresh leads, as a path in the site."""
    meta = node.find("meta", **{"http-equiv": "refresh"})
    assert meta is not None, f"{name} is not a door"
    delay, url = meta.attrs["content"].split(";", 1)
    assert delay.strip() == "0"
    return site_path(name, url.strip().removeprefix("url="))


@pytest.mark.parametrize("door, lang, target", [
    ("p/index.html", "vi", "san-pham/"),
    ("en/p/index.html", "en", "en/san-pham/"),
    ("P/index.html", "vi", "san-pham/"),
    ("feeds/index.html", "vi", "data/"),
    ("en/feeds/index.html", "en", "en/data/"),
])
def test_folders_of_pages_lead_to_the_catalogue_or_the_open_data(site, door, lang, target):
    node = page(site, door)
    assert refresh_target(node, door) == target
    assert node.find("meta", name="robots").attrs["content"] == "noindex"
    assert node.find("html").attrs["lang"] == lang
    link = node.find("a")
    assert site_path(door, link.attrs["href"]).split("#")[0] == target
    assert (site / target / "index.html").is_file()


def test_the_folder_doors_are_not_in_the_sitemap(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE}/data/</loc>" in sitemap and f"<loc>{SITE}/en/data/</loc>" in sitemap
    for door in ("p/", "en/p/", "P/", "feeds/", "en/feeds/"):
        assert f"<loc>{SITE}/{door}</loc>" not in sitemap


@pytest.mark.parametrize("lang, prefix, words", [
    ("vi", "", ("Dữ liệu mở", "dung lượng", "Luồng tin (Atom)")),
    ("en", "en/", ("Open data", "size", "Feeds (Atom)")),
])
def test_the_open_data_page_names_each_file_with_its_size(site, lang, prefix, words):
    name = f"{prefix}data/index.html"
    node = page(site, name)
    assert node.find("html").attrs["lang"] == lang
    assert node.find("h1").text() == words[0]
    items = {site_path(name, li.find("a").attrs["href"]): li.text() for li in node.iter("li")
             if li.find("a") is not None and "open-data" in li.parent.classes()}
    assert sorted(items) == sorted(DATA_FILES), "each file once, and only files that exist"
    for path, text in items.items():
        size = size_text((site / path).stat().st_size, lang)
        assert f"{words[1]} {size}" in text, (path, text)
        assert text.split("): ", 1)[1], f"{path}: one line saying what it holds"
    assert node.find("h2", id="feeds").text() == words[2]
    assert node.find("p", cls="licence") is None, "the sample dataset has no LICENSE file"


def test_the_open_data_page_says_what_products_json_holds(site):
    vi = page(site, "data/index.html").text()
    en = page(site, "en/data/index.html").text()
    assert ("products.json (JSON, dung lượng " in vi and "Mọi sản phẩm đã công bố: tên, bộ sản phẩm, đơn vị, "
            "chủ thể, điểm, số sao, trạng thái, giấy chứng nhận và địa chỉ trang." in vi)
    assert "A feed of products revoked, no longer made, or whose certificate expired." in en
    assert size_text(8150, "vi") == "8,2 KB" and size_text(8150, "en") == "8.2 KB"
    assert size_text(950, "vi") == "950 B" and size_text(2_400_000, "en") == "2.4 MB"


def test_a_dataset_with_a_licence_shows_its_words(tmp_path):
    import shutil

    from test_site_build import FIXTURE_PRODUCTS
    products = tmp_path / "products"
    shutil.copytree(FIXTURE_PRODUCTS, products)
    (products / "LICENSE").write_text("\nCC BY 4.0 — Creative Commons Attribution 4.0\n\nFull text…\n",
                                      encoding="utf-8")
    result = run_build(products, tmp_path / "output", tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (page(tmp_path / "output", "data/index.html").find("p", cls="licence").text()
            == "Giấy phép của bộ dữ liệu: CC BY 4.0 — Creative Commons Attribution 4.0")
    assert (page(tmp_path / "output", "en/data/index.html").find("p", cls="licence").text()
            == "Licence of the dataset: CC BY 4.0 — Creative Commons Attribution 4.0")


def test_the_english_news_folder_lists_every_english_item(site):
    node = page(site, "en/tin-tuc/index.html")
    assert node.find("html").attrs["lang"] == "en" and node.find("h1").text() == "News"
    listed = {site_path("en/tin-tuc/index.html", a.attrs["href"]) for a in node.find("ul", cls="articles").iter("a")
              if a.attrs.get("lang") == "en"}
    english = {f"en/tin-tuc/{folder.name}/" for folder in (site / "en" / "tin-tuc").iterdir() if folder.is_dir()}
    assert english and listed == english
