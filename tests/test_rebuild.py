"""A rebuild skips products whose pages would come out the same, and only those."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_site_build import FIXTURE_PRODUCTS, REPO, SITE, _pelican

PAGE = Path("p") / "LC-0101" / "index.html"
OTHER = Path("p") / "LC-0102" / "index.html"


def build(products, output, cache, today="2026-11-28"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_")}
    env.update(OCOP_PRODUCTS=str(products), OCOP_TODAY=today, OCOP_SITEURL=SITE, OCOP_CACHE_DIR=str(cache))
    result = subprocess.run([_pelican(), "content", "-o", str(output), "-s", "pelicanconf.py"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def built(tmp_path):
    products = tmp_path / "products"
    shutil.copytree(FIXTURE_PRODUCTS, products)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(products, output, cache)
    return products, output, cache


def stamp(path):
    return path.stat().st_mtime_ns


def test_an_edited_record_is_rebuilt_and_the_others_are_left_alone(built):
    products, output, cache = built
    before_other = stamp(output / OTHER)
    record = products / "LC-0101.yaml"
    text = record.read_text(encoding="utf-8")
    assert "Chè" in text
    record.write_text(text.replace("Chè", "Trà", 1), encoding="utf-8")
    build(products, output, cache)
    assert "Trà" in (output / PAGE).read_text(encoding="utf-8")
    assert stamp(output / OTHER) == before_other  # unchanged product: not even rewritten
    # The lists that show its Vietnamese name, its producer's page among them, show the new one too.
    for page in ("san-pham/index.html", "nha-san-xuat/hop-tac-xa-che-thu-nghiem/index.html"):
        assert "Trà" in (output / page).read_text(encoding="utf-8"), page


def _product_files(output):
    """{path: (mtime, bytes)} of every file of the products' own folders, in both languages."""
    return {path.relative_to(output).as_posix(): (stamp(path), path.read_bytes())
            for folder in (output / "p", output / "en" / "p", output / "P") for path in folder.rglob("*")
            if path.is_file()}


LISTS = ("san-pham/", "nha-san-xuat/", "noi-ban/")  # and the same in en/


def _list_pages(output):
    """{path: (mtime, bytes)} of the lists, the producers' and the points of sale's pages and the home
    pages (Pelican writes its own pages, the programme's and the news, on every build)."""
    pages = {}
    for path in output.rglob("*.html"):
        name = path.relative_to(output).as_posix()
        if name.removeprefix("en/").startswith(LISTS) or name in ("index.html", "en/index.html"):
            pages[name] = (stamp(path), path.read_bytes())
    return pages


@pytest.fixture(scope="module")
def across_the_expiry(tmp_path_factory):
    """The daily build on 15/01/2027, when LC-0102 is on the last day of its term, then on 16/01/2027,
    when it has expired; no record changed. (output, {snapshot: (before, after)})."""
    folder = tmp_path_factory.mktemp("expiry")
    products = folder / "products"
    shutil.copytree(FIXTURE_PRODUCTS, products)
    output, cache = folder / "output", folder / "cache"
    build(products, output, cache, today="2027-01-15")
    before = {"products": _product_files(output), "lists": _list_pages(output)}
    build(products, output, cache, today="2027-01-16")
    return output, {kind: (files, snapshot(output)) for (kind, files), snapshot in
                    zip(before.items(), (_product_files, _list_pages))}


def test_the_next_day_rewrites_only_the_pages_whose_status_moved(across_the_expiry):
    """Every product but LC-0102 keeps its status, and its files are not rewritten (same bytes, same
    modification time), so rsync, a CDN and the phones' saved copies see nothing new."""
    output, snapshots = across_the_expiry
    before, after = snapshots["products"]
    assert set(after) == set(before)
    rewritten = sorted(path for path in after if after[path][0] != before[path][0])
    assert rewritten == ["en/p/LC-0102/index.html", "p/LC-0102/index.html"]
    assert all(after[path][1] == before[path][1] for path in after if path not in rewritten)
    page = (output / OTHER).read_text(encoding="utf-8")
    assert 'data-state="expired"' in page and "Trạng thái này từ ngày 16/01/2027" in page
    # The day the offline worker compares: the day each page came out as it is.
    assert '<meta name="ocop-status-date" content="2027-01-16">' in page
    assert '<meta name="ocop-status-date" content="2027-01-15">' in (output / PAGE).read_text(encoding="utf-8")


def test_the_next_day_renders_again_only_the_lists_that_hold_a_product_whose_status_moved(across_the_expiry):
    """The lists are remembered page by page: on 16/01/2027 only those that show LC-0102 (its card now
    says expired) and the home pages (they say the day) are written again; every other list keeps its
    bytes, its modification time and the day it came out."""
    output, snapshots = across_the_expiry
    before, after = snapshots["lists"]
    assert set(after) == set(before)
    rewritten = {path for path in after if after[path][0] != before[path][0]}
    homes = {"index.html", "en/index.html"}
    assert homes <= rewritten
    for path in rewritten - homes:  # only a page that shows something new is written again
        assert _without_day(after[path][1]) != _without_day(before[path][1]), path
        assert b'<meta name="ocop-status-date" content="2027-01-16">' in after[path][1], path
    # The lists that show LC-0102's card (now among the inactive ones); not the indexes, whose counts hold.
    assert {"san-pham/index.html", "san-pham/het-hieu-luc/index.html", "en/san-pham/index.html"} <= rewritten
    assert "san-pham/sao/index.html" not in rewritten
    kept = [path for path in after if path not in rewritten]
    assert "nha-san-xuat/index.html" in kept and len(kept) > 10, sorted(rewritten)
    for path in kept:
        assert after[path][1] == before[path][1]
        if b'name="ocop-status-date"' in after[path][1]:
            assert b'<meta name="ocop-status-date" content="2027-01-15">' in after[path][1], path


def _without_day(page: bytes) -> bytes:
    return re.sub(rb'<meta name="ocop-status-date" content="[0-9-]+">', b"", page)


def test_a_rebuild_with_no_change_writes_no_page(built):
    """The same records, the same day: every file of the plugin is left as it was (not one page, code,
    photo or data file written again). Pelican copies the theme and writes its own pages each time."""
    products, output, cache = built
    before = _files(output)
    build(products, output, cache)
    after = _files(output)
    assert set(after) == set(before)
    assert sorted(name for name in after if after[name] != before[name] and not _pelicans(name)) == []


def test_the_sitemap_is_kept_while_its_pages_are_the_same_and_follows_them_when_they_change(built):
    products, output, cache = built
    sitemap = output / "sitemap.xml"
    gone = f"<loc>{SITE}/p/LC-0104/</loc>"
    assert gone in sitemap.read_text(encoding="utf-8")
    before = stamp(sitemap)
    build(products, output, cache)
    assert stamp(sitemap) == before
    (products / "LC-0104.yaml").unlink()
    build(products, output, cache)
    text = sitemap.read_text(encoding="utf-8")
    assert gone not in text and f"<loc>{SITE}/p/LC-0101/</loc>" in text


def test_the_memory_is_written_again_only_when_it_changed(built):
    """A rebuild that changes nothing leaves the memory of unchanged pages as it was (not even its
    time); one that rebuilds a product writes it anew, and the build after that trusts it."""
    products, output, cache = built
    (memory,) = (cache / "pages").iterdir()
    before = memory.stat()
    build(products, output, cache)
    assert (memory.stat().st_ino, memory.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    record = products / "LC-0101.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Chè", "Trà", 1), encoding="utf-8")
    build(products, output, cache)
    assert memory.stat().st_ino != before.st_ino  # written whole, under a new inode
    page = stamp(output / PAGE)
    build(products, output, cache)
    assert stamp(output / PAGE) == page  # the new memory vouches for the new page


def _files(output):
    return {path.relative_to(output).as_posix(): stamp(path) for path in output.rglob("*") if path.is_file()}


def _pelicans(name: str) -> bool:
    """A file Pelican itself writes: the theme's static files, the programme's pages and the news."""
    ours = name.removeprefix("en/").startswith(LISTS + ("p/", "P/", "data/", "feeds/")) or name in (
        "index.html", "en/index.html", "sitemap.xml", "404.html")
    return name.startswith("theme/") or (name.endswith((".html", ".xml")) and not ours)


def test_a_site_built_afresh_with_its_memory_gives_the_same_pages(built):
    """A deploy that builds into an empty folder each day, keeping only the cache (.cache/ocop: a
    first run of deploy.yml, or one whose cache kept no output), still gives every unchanged page
    byte for byte as before, its day included."""
    products, output, cache = built
    pages = {page: (output / page).read_bytes() for page in (PAGE, OTHER)}
    shutil.rmtree(output)
    build(products, output, cache, today="2026-11-29")
    for page, before in pages.items():
        assert (output / page).read_bytes() == before
        assert '<meta name="ocop-status-date" content="2026-11-28">' in (output / page).read_text(encoding="utf-8")


def test_a_page_removed_from_the_output_is_written_again(built):
    products, output, cache = built
    (output / PAGE).unlink()
    build(products, output, cache)
    assert (output / PAGE).is_file()


def test_a_list_page_removed_or_altered_is_written_again(built):
    """The same day, the same records: the lists are taken as they are only when every file is still
    the one written (its inode, size and time, else its bytes)."""
    products, output, cache = built
    removed, altered = output / "san-pham" / "sao" / "index.html", output / "en" / "nha-san-xuat" / "index.html"
    expected = {path: path.read_bytes() for path in (removed, altered)}
    removed.unlink()
    altered.write_bytes(expected[altered].replace(b"<h1>", b"<h1>X", 1))
    build(products, output, cache)
    for path, data in expected.items():
        assert path.read_bytes() == data


def test_a_change_of_dataset_yaml_rebuilds_every_page(built):
    """Every page prints the publisher (name, office, report contact): a new dataset.yaml is a new page."""
    products, output, cache = built
    settings = products / "dataset.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("0213 3000 002", "0213 3000 009"),
                        encoding="utf-8")
    build(products, output, cache)
    for page in (PAGE, OTHER):
        text = (output / page).read_text(encoding="utf-8")
        assert 'href="tel:02133000009"' in text and "0213 3000 002" not in text
