"""A rebuild skips products whose pages would come out the same, and only those."""

import os
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


def _product_files(output):
    """{path: (mtime, bytes)} of every file of the products' own folders, in both languages."""
    return {path.relative_to(output).as_posix(): (stamp(path), path.read_bytes())
            for folder in (output / "p", output / "en" / "p", output / "P") for path in folder.rglob("*")
            if path.is_file()}


def test_the_next_day_rewrites_only_the_pages_whose_status_moved(tmp_path):
    """The daily build. On 15/01/2027 LC-0102 is on the last day of its term; on 16/01/2027 it has
    expired. Every other product keeps its status, and its files are not rewritten (same bytes, same
    modification time), so rsync, a CDN and the phones' saved copies see nothing new."""
    products = tmp_path / "products"
    shutil.copytree(FIXTURE_PRODUCTS, products)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(products, output, cache, today="2027-01-15")
    before = _product_files(output)
    build(products, output, cache, today="2027-01-16")
    after = _product_files(output)
    assert set(after) == set(before)
    rewritten = sorted(path for path in after if after[path][0] != before[path][0])
    assert rewritten == ["en/p/LC-0102/index.html", "p/LC-0102/index.html"]
    assert all(after[path][1] == before[path][1] for path in after if path not in rewritten)
    page = (output / OTHER).read_text(encoding="utf-8")
    assert 'data-state="expired"' in page and "Trạng thái này từ ngày 16/01/2027" in page
    # The day the offline worker compares: the day each page came out as it is.
    assert '<meta name="ocop-status-date" content="2027-01-16">' in page
    assert '<meta name="ocop-status-date" content="2027-01-15">' in (output / PAGE).read_text(encoding="utf-8")


def test_a_site_built_afresh_with_its_memory_gives_the_same_pages(built):
    """A deploy that builds into an empty folder each day, keeping only the cache (.cache/ocop, as
    deploy.yml does), still gives every unchanged page byte for byte as before, its day included."""
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
