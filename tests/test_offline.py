"""Works offline: the service worker (sw.js at the site root, ocop.site.offline) keeps the shell and
the pages already visited, shows them with no signal with the status computed on the phone's date,
replaces them when the site is updated, and never goes back to an older status from a stale mirror.

In Debian's Chromium. The sample is built twice into a temporary folder, as of 28/11/2026 and as of
05/12/2026 with LC-0001 revoked on 01/12/2026, and served by one server whose folder a test switches
from one build to the other: a site updated under the phone, or a mirror that still has the old one.
"""

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browser_support import REPO, VALID_PRODUCT, QuietHandler, local_time, status_text

# The finder's results, read as tests/test_finder.py reads them (the finder writes the query into the
# address once it has drawn its results).
RESULT_IDS = """() => !document.getElementById('results').hidden
    && !/…/.test(document.getElementById('rcount').textContent)
    && [...document.querySelectorAll('#rcards li > a')].map(a => a.getAttribute('href').split('/').at(-2))"""

OLDER_DAY = "2026-11-28"
NEWER_DAY = "2026-12-05"
REVOCATION = """
revocation:
  decision: 999/QĐ-UBND
  date: 2026-12-01
  ground: b
  reason:
    vi: Không duy trì tiêu chuẩn sau kiểm tra.
    en: Standards not kept after inspection.
"""
PRODUCT = f"p/{VALID_PRODUCT}/"
NEVER_VISITED = "p/LC-0002/"
VALID_WORDS = "Còn hiệu lực"  # LC-0001 on both build days (expires 28/06/2027)
EXPIRED_WORDS = "Đã hết hạn"
REVOKED_WORDS = "Đã bị thu hồi"
SHELL_CACHES = "caches.keys().then(names => names.filter(n => n.startsWith('ocop-shell-')))"


def build(products, output, day, cache, extra=None):
    pelican = Path(sys.executable).with_name("pelican")
    env = dict(os.environ, OCOP_PRODUCTS=str(products), OCOP_TODAY=day, OCOP_CACHE_DIR=str(cache), OCOP_SITEURL="")
    command = [str(pelican), "content", "-o", str(output), "-s", "pelicanconf.py"]
    if extra:
        command += ["-e", " ".join(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"pelican failed:\n{done.stdout}\n{done.stderr}"
    return output


class NoStoreHandler(QuietHandler):
    """The browser's HTTP cache must not answer for the server: each test sees what is served now."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class SwitchableSite:
    """One address on 127.0.0.1 serving one of several built folders, switched by ``serve(name)``."""

    def __init__(self, folders):
        self.folders = folders
        self.current = None
        site = self

        class Handler(NoStoreHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(site.folders[site.current]), **kwargs)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, name="offline-site", daemon=True)
        self.thread.start()

    def serve(self, name):
        self.current = name
        return self

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("offline")
    revoked = root / "products-revoked"
    shutil.copytree(REPO / "products", revoked)
    record = revoked / f"{VALID_PRODUCT}.yaml"
    record.write_text(record.read_text(encoding="utf-8").rstrip("\n") + "\n" + REVOCATION, encoding="utf-8")
    cache = root / "cache"
    folders = {"older": build(REPO / "products", root / "older", OLDER_DAY, cache)}
    # The first build made the photos and QR codes; the other two find them cached, side by side.
    with ThreadPoolExecutor() as pool:
        newer = pool.submit(build, revoked, root / "newer", NEWER_DAY, cache)
        small = pool.submit(build, REPO / "products", root / "small", OLDER_DAY, cache, {"OCOP_OFFLINE_MAX_PAGES": 2})
        folders.update(newer=newer.result(), small=small.result())
    site = SwitchableSite(folders)
    try:
        yield site
    finally:
        site.close()


def controlled_page(new_context, site):
    """A phone that has opened the home page with a signal, once the worker controls it (the shell
    is saved by then: a worker only takes control once installed)."""
    context = new_context(service_workers="allow")
    page = context.new_page()
    page.goto(site.url)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=10_000)
    return context, page


def wait_for_shell(page, day):
    """Wait until the worker of the build of ``day`` has taken over (its shell cache alone is left)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        names = page.evaluate(SHELL_CACHES)
        if len(names) == 1 and names[0].startswith(f"ocop-shell-{day}-"):
            return names[0]
        page.wait_for_timeout(100)
    pytest.fail(f"the worker of {day} did not take over: shell caches {names}")


def result_ids(page):
    return page.wait_for_function(RESULT_IDS, timeout=10_000).json_value()


def status_date(page):
    return page.locator('meta[name="ocop-status-date"]').get_attribute("content")


def test_a_visited_product_page_opens_without_a_signal(sites, new_context):
    sites.serve("older")
    context, page = controlled_page(new_context, sites)
    page.goto(sites.url + PRODUCT)
    assert VALID_WORDS in status_text(page)

    # Open data is not the worker's to answer: its fetch tells whether the network is there. (Not
    # navigator.onLine: some Chromium builds keep it true under Playwright's offline emulation.)
    open_data = f"fetch('{sites.url}data/products.json', {{cache: 'no-store'}}).then(r => r.status, () => 'no network')"
    assert page.evaluate(open_data) == 200

    context.set_offline(True)
    page.reload()
    assert VALID_WORDS in status_text(page)
    assert page.evaluate(open_data) == "no network"

    # The QR code's door P/<ID> leads to the saved page, with or without its final slash.
    for door in (f"P/{VALID_PRODUCT}", f"P/{VALID_PRODUCT}/"):
        page.goto(sites.url + door)
        page.wait_for_url(sites.url + PRODUCT)
        assert VALID_WORDS in status_text(page)

    # A product never opened: the "no connection" page, with a link to the pages that were saved.
    page.goto(sites.url + NEVER_VISITED)
    assert page.locator("h1").inner_text() == "Không có mạng / No connection"
    assert page.url == sites.url + NEVER_VISITED
    # Shown at that address, its links and stylesheet still lead to the site's root.
    assert page.get_by_role("link", name="Danh mục sản phẩm OCOP").evaluate("a => a.href") == sites.url
    assert page.evaluate("document.styleSheets[0].href") == sites.url + "theme/css/site.css"
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
    saved = page.locator("#saved a")
    saved.first.wait_for()
    assert saved.evaluate_all("links => links.map(a => a.href)") == [sites.url + PRODUCT]
    saved.first.click()
    page.wait_for_url(sites.url + PRODUCT)
    assert VALID_WORDS in status_text(page)

    # The home pages are part of the shell, saved at install.
    for home in ("", "en/"):
        page.goto(sites.url + home)
        assert page.locator(f'#cards a[href$="{PRODUCT}"]').count() == 1

    # The status is the phone's: a month after expiry (28/06/2027) the saved page says expired, at
    # its address and through the QR code's door P/<ID>. (The clock is the whole context's: last.)
    page.clock.set_fixed_time(local_time(2027, 7, 28))
    for address in (PRODUCT, f"P/{VALID_PRODUCT}/"):
        page.goto(sites.url + address)
        page.wait_for_url(sites.url + PRODUCT)
        assert EXPIRED_WORDS in status_text(page)
        assert "28/07/2027" in status_text(page)


def test_an_updated_site_replaces_the_saved_page_at_the_next_visit(sites, new_context):
    sites.serve("older")
    context, page = controlled_page(new_context, sites)
    first_shell = wait_for_shell(page, OLDER_DAY)
    page.goto(sites.url + PRODUCT)
    assert VALID_WORDS in status_text(page)

    sites.serve("newer")  # the site is rebuilt with LC-0001 revoked
    page.reload()
    assert REVOKED_WORDS in status_text(page)
    # The new build's worker takes over without waiting for the tab to close, and drops the old shell.
    assert wait_for_shell(page, NEWER_DAY) != first_shell

    context.set_offline(True)
    page.reload()
    assert REVOKED_WORDS in status_text(page)
    page.goto(sites.url)
    assert status_date(page) == NEWER_DAY


def test_a_stale_mirror_never_brings_back_an_older_status(sites, new_context):
    sites.serve("older")
    context, page = controlled_page(new_context, sites)
    page.goto(sites.url + PRODUCT)
    sites.serve("newer")
    page.reload()
    assert REVOKED_WORDS in status_text(page)
    wait_for_shell(page, NEWER_DAY)  # the home page of 05/12 is saved with the new build's shell

    sites.serve("older")  # a CDN or mirror that still has the build of 28/11
    served = context.request.get(sites.url + PRODUCT).text()
    assert f'content="{OLDER_DAY}"' in served and REVOKED_WORDS not in served
    page.reload()
    assert REVOKED_WORDS in status_text(page)
    assert status_date(page) == NEWER_DAY
    # The mirror's worker installs too (its bytes differ); it keeps the newer home page it found saved.
    wait_for_shell(page, OLDER_DAY)
    page.goto(sites.url)
    assert status_date(page) == NEWER_DAY
    context.set_offline(True)
    page.goto(sites.url + PRODUCT)
    assert REVOKED_WORDS in status_text(page)


def test_a_search_made_with_a_signal_works_again_without_one(sites, new_context):
    sites.serve("older")
    context, page = controlled_page(new_context, sites)
    finder = page.get_by_label("Tìm sản phẩm")
    finder.fill("doan ket")
    finder.press("Enter")
    page.wait_for_url("**/?q=doan+ket")
    found = result_ids(page)
    assert {"LC-0002", "LC-0009"} <= set(found)
    # The finder's index files were saved as the page fetched them: the same search, offline.
    context.set_offline(True)
    page.reload()
    assert result_ids(page) == found


def test_the_saved_pages_are_capped_the_oldest_going_first(sites, new_context):
    sites.serve("small")  # a build whose worker keeps 2 pages
    context, page = controlled_page(new_context, sites)
    for product in ("p/LC-0001/", "p/LC-0002/", "p/LC-0003/"):
        page.goto(sites.url + product)
    context.set_offline(True)
    page.goto(sites.url + "p/LC-0001/")
    assert page.locator("h1").inner_text() == "Không có mạng / No connection"
    for product in ("p/LC-0002/", "p/LC-0003/"):
        page.goto(sites.url + product)
        assert page.locator("#st").count() == 1, product


def test_no_request_leaves_the_site(sites, new_context):
    sites.serve("older")
    context, page = controlled_page(new_context, sites)
    page.goto(sites.url + PRODUCT)
    page.goto(sites.url + f"P/{VALID_PRODUCT}")
    page.wait_for_url(sites.url + PRODUCT)
    context.set_offline(True)
    page.goto(sites.url + NEVER_VISITED)
    page.locator("#saved a").first.wait_for()
    outside = [url for url in context.requests if not url.startswith((sites.url, "data:"))]
    assert outside == []
    # The worker's own requests too: it fetched its shell from the site.
    # The log holds the worker's own requests too: the page never asks for the offline page.
    assert sites.url + "offline.html" in context.requests


# --- What the build writes ---------------------------------------------------------------------


def worker_build(folder):
    text = (folder / "sw.js").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("const BUILD = "))
    return json.loads(line.removeprefix("const BUILD = ").removesuffix(";"))


def test_the_worker_is_served_from_the_root_with_the_build_filled_in(sites):
    older, newer = worker_build(sites.folders["older"]), worker_build(sites.folders["newer"])
    assert older["statusDate"] == OLDER_DAY and older["shellCache"] == f"ocop-shell-{older['version']}"
    assert newer["version"].startswith(NEWER_DAY + "-") and newer["version"] != older["version"]
    assert worker_build(sites.folders["small"])["maxPages"] == 2 and older["maxPages"] == 200
    # Everything the shell names is part of the site: a missing file would make the install fail.
    for path in older["assets"] + older["pages"]:
        assert (sites.folders["older"] / (path or "index.html")).is_file() or \
            (sites.folders["older"] / path / "index.html").is_file(), path
    assert "theme/css/site.css" in older["assets"] and "theme/js/catalogue.js" in older["assets"]
    # Every page registers it, from a script whose address gives the root, relative links or not.
    for page in ("index.html", "p/LC-0001/index.html", "en/p/LC-0001/index.html"):
        html = (sites.folders["older"] / page).read_text(encoding="utf-8")
        prefix = "../" * page.count("/") or "./"
        assert f'<script src="{prefix}theme/js/offline.js" defer></script>' in html, page
        assert f'<meta name="ocop-status-date" content="{OLDER_DAY}">' in html, page


def test_a_changed_stylesheet_is_a_new_worker():
    from datetime import date

    from ocop.site.offline import build_version, worker_script

    day = date(2026, 11, 28)
    assets = {"theme/css/site.css": b"body{}", "theme/js/offline.js": b"x"}
    first = build_version(day, "source", assets)
    assert build_version(day, "source", dict(assets)) == first  # the same input, the same bytes
    assert build_version(day, "source", {**assets, "theme/css/site.css": b"body{color:red}"}) != first
    assert build_version(date(2026, 11, 29), "source", assets) != first
    assert build_version(day, "source 2", assets) != first
    with pytest.raises(ValueError):
        worker_script("const BUILD = {};", {})
