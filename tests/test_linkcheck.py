"""Every link of the built site leads somewhere (ocop.outputs.linkcheck).

The sample site (products/ as of 2026-11-28) is built once for the module,
exactly as `make html` does, and must have no broken link at all. Small
hand-made output folders then show what counts as broken and what is not
checked.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocop.outputs.linkcheck import BrokenLink, check_links, srcset_urls

REPO = Path(__file__).resolve().parent.parent
SITE = "https://ocop.example.vn"
BUILD_TIMEOUT = 120


def _pelican() -> str:
    beside = Path(sys.executable).with_name("pelican")
    return str(beside if beside.exists() else REPO / ".venv" / "bin" / "pelican")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sample-site")
    env = {name: value for name, value in os.environ.items() if not name.startswith("OCOP_")}
    env.update(OCOP_PRODUCTS="products", OCOP_TODAY="2026-11-28", OCOP_SITEURL=SITE,
               OCOP_CACHE_DIR=str(tmp / "cache"))
    result = subprocess.run([_pelican(), "content", "-o", str(tmp / "out"), "-s", "pelicanconf.py"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    assert result.returncode == 0, result.stderr
    return tmp / "out"


def test_the_sample_site_has_no_broken_link(sample_site):
    broken = check_links(sample_site, SITE)
    assert not broken, (f"{len(broken)} broken link(s); the first: {broken[0].page} → {broken[0].link}: "
                        f"{broken[0].reason}")


def test_the_sample_site_is_really_checked(sample_site, tmp_path):
    """A photo and a QR door taken away from a copy of the build are found."""
    import shutil

    copy = tmp_path / "out"
    shutil.copytree(sample_site, copy)
    (copy / "p" / "LC-0001" / "hop-che-640.webp").unlink()
    shutil.rmtree(copy / "P" / "LC-0002")
    broken = check_links(copy, SITE)
    assert {(b.page, b.link) for b in broken} >= {
        ("p/LC-0001/index.html", "../../p/LC-0001/hop-che-640.webp"),
        ("data/products.json", "P/LC-0002/"),
        ("data/status.json", "P/LC-0002/"),
    }
    assert {b.link for b in broken} <= {"../../p/LC-0001/hop-che-640.webp", "../../../p/LC-0001/hop-che-640.webp",
                                        "P/LC-0002/"}


# -- a tiny hand-made site ------------------------------------------------------------------------

def make_site(root: Path, files: dict) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


PRODUCT_PAGE = """<!DOCTYPE html>
<html lang="vi"><head>
<link rel="stylesheet" href="../../theme/site.css">
<link rel="canonical" href="https://ocop.example.vn/p/LC-0001/">
<meta property="og:image" content="https://ocop.example.vn/p/LC-0001/hop-640.jpg">
</head><body>
<a href="../../">Trang chủ</a> <a href="../LC-0009/">Sản phẩm khác</a>
<picture>
  <source type="image/webp" srcset="hop-320.webp 320w, hop-640.webp 640w">
  <img src="hop-640.jpg" srcset="hop-320.jpg 320w, hop-640.jpg 640w" alt="Hộp chè">
</picture>
<img src="anh-thieu.jpg" alt="">
<a href="mailto:htx@example.vn">thư</a> <a href="tel:0912345678">gọi</a> <a href="#mua">mua</a>
<a href="https://example.vn/che">cửa hàng</a> <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
</body></html>
"""


def test_exactly_the_broken_link_the_missing_image_and_the_missing_srcset_entry(tmp_path):
    site = make_site(tmp_path, {
        "index.html": '<a href="p/LC-0001/">LC-0001</a>',
        "theme/site.css": "",
        "p/LC-0001/index.html": PRODUCT_PAGE,
        **{f"p/LC-0001/{name}": "" for name in ("hop-320.webp", "hop-640.webp", "hop-640.jpg")},  # no hop-320.jpg
    })
    assert check_links(site, SITE) == [
        BrokenLink("p/LC-0001/index.html", "../LC-0009/",
                   "không có trang / no page: p/LC-0009/ (thiếu / missing p/LC-0009/index.html)"),
        BrokenLink("p/LC-0001/index.html", "anh-thieu.jpg", "không có tệp / no such file: p/LC-0001/anh-thieu.jpg"),
        BrokenLink("p/LC-0001/index.html", "hop-320.jpg", "không có tệp / no such file: p/LC-0001/hop-320.jpg"),
    ]


def test_a_folder_link_needs_an_index_html(tmp_path):
    site = make_site(tmp_path, {
        "index.html": '<a href="tin-tuc/">tin</a> <a href="gioi-thieu">giới thiệu</a> <a href="anh">ảnh</a>',
        "tin-tuc/ban-tin.html": "", "gioi-thieu/index.html": "", "anh/a.jpg": "",
    })
    assert [(b.link, b.reason) for b in check_links(site)] == [
        ("anh", "không có trang / no page: anh/ (thiếu / missing anh/index.html)"),
        ("tin-tuc/", "không có trang / no page: tin-tuc/ (thiếu / missing tin-tuc/index.html)"),
    ]


def test_absolute_links_to_the_site_are_internal_and_must_stay_under_its_address(tmp_path):
    site = make_site(tmp_path, {
        "index.html": ('<a href="https://ocop.example.vn/ocop/p/LC-0001/">ok</a>'
                       '<a href="https://ocop.example.vn/ocop/p/LC-0002/">thiếu</a>'
                       '<a href="/ocop/">gốc</a> <a href="/">ngoài</a>'
                       '<a href="http://ocop.example.vn/ocop/khong-co/">http: another site</a>'
                       '<a href="//cdn.example.vn/x.js">another host</a>'),
        "p/LC-0001/index.html": "",
    })
    assert [(b.link, b.reason) for b in check_links(site, "https://ocop.example.vn/ocop")] == [
        ("/", "ngoài địa chỉ của trang https://ocop.example.vn/ocop/ / outside the site's address "
              "https://ocop.example.vn/ocop/: /"),
        ("https://ocop.example.vn/ocop/p/LC-0002/",
         "không có trang / no page: p/LC-0002/ (thiếu / missing p/LC-0002/index.html)"),
    ]


def test_doors_redirects_base_and_shared_addresses_are_followed(tmp_path):
    site = make_site(tmp_path, {
        "P/LC-0001/index.html": '<meta http-equiv="refresh" content="0; url=../../p/LC-0001/">',
        "P/LC-0002.html": "<meta http-equiv='refresh' content=\"0;URL='../p/LC-0002/'\">",
        "p/LC-0001/index.html": ('<base href="/p/">'
                                 '<meta property="og:url" content="https://ocop.example.vn/p/LC-0001/">'
                                 '<a href="LC-0001/">same page, through the base</a>'),
    })
    assert [(b.page, b.link) for b in check_links(site, SITE)] == [("P/LC-0002.html", "../p/LC-0002/")]


def test_the_open_data_lists_pages_and_the_doors_of_qr_codes(tmp_path):
    data = {"status_date": "2026-11-28", "products": [
        {"id": "LC-0001", "url": "https://ocop.example.vn/p/LC-0001/", "decision": "1234/QĐ-UBND"},
        {"id": "LC-0002", "url": "https://ocop.example.vn/p/LC-0002/"},
    ]}
    site = make_site(tmp_path, {
        "data/status.json": json.dumps(data),
        "data/products.csv": "id,url\nLC-0001,https://ocop.example.vn/p/LC-0001/\nLC-0003,p/LC-0003/\n",
        "p/LC-0001/index.html": "", "P/LC-0001/index.html": "", "p/LC-0002/index.html": "",
        "sitemap.xml": ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                        '<url><loc>https://ocop.example.vn/p/LC-0001/</loc></url>'
                        '<url><loc>https://ocop.example.vn/p/LC-0004/</loc></url></urlset>'),
    })
    assert [(b.page, b.link) for b in check_links(site, SITE)] == [
        ("data/products.csv", "p/LC-0003/"),
        ("data/status.json", "P/LC-0002/"),
        ("sitemap.xml", "https://ocop.example.vn/p/LC-0004/"),
    ]


def test_names_are_compared_exactly_and_percent_escapes_decoded(tmp_path):
    site = make_site(tmp_path, {
        "index.html": '<img src="anh/Hop%20che.jpg" alt=""> <img src="anh/hop.JPG" alt="">',
        "anh/Hop che.jpg": "", "anh/hop.jpg": "",
    })
    assert [b.link for b in check_links(site)] == ["anh/hop.JPG"]


@pytest.mark.parametrize("srcset, urls", [
    ("a.jpg 320w, b.jpg 640w", ["a.jpg", "b.jpg"]),
    ("a.jpg", ["a.jpg"]),
    ("a.jpg 1x,b.jpg 2x", ["a.jpg", "b.jpg"]),
    ("a,1.jpg 320w, b.jpg", ["a,1.jpg", "b.jpg"]),
    ("a.jpg, b.jpg 2x", ["a.jpg", "b.jpg"]),
    ("  ", []),
])
def test_srcset_entries(srcset, urls):
    assert srcset_urls(srcset) == urls
