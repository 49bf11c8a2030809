"""The browser tests' shared pieces: the sample site built once and served on 127.0.0.1, Debian's
Chromium driven headless by Playwright, and phone-like contexts that log every request.

The browser is Debian's `chromium` (`.ci/run` installs it); Playwright only drives it:
`playwright install` downloads a browser build of its own and is never run. conftest.py imports
the fixtures, so every test module can ask for ``site``, ``browser`` and ``new_context``.
"""

import functools
import http.server
import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import TODAY  # conftest imports this module at its end, once TODAY is set
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("OCOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    # No calls home (updates, sync, field trials): the machine has no outside network,
    # and the request log below must see only what the page asks for.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The phones we care about are in Vietnam: their local day decides the status.
TIMEZONE = "Asia/Ho_Chi_Minh"
PHONE = {"width": 412, "height": 900}

# LC-0001 is certified on 28/06/2024: valid through 28/06/2027 (36 months).
VALID_PRODUCT = "LC-0001"
# LC-0007 was revoked on 10/03/2026 (decision 318/QĐ-UBND).
REVOKED_PRODUCT = "LC-0007"


def local_time(year, month, day, hour=12, minute=0):
    """A moment on the phone's clock, in Vietnam's time zone."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(TIMEZONE))


# --- The site, built once and served on 127.0.0.1 ---------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # one line per request would drown pytest's output
        pass


def build_site(products, output: Path, cache: Path, timeout=180):
    """Build the site of ``products`` into ``output`` as of TODAY, with relative links, as `make html`
    does; the venv's pelican, the one `make test` installed beside this Python."""
    pelican = Path(sys.executable).with_name("pelican")
    env = dict(os.environ, OCOP_PRODUCTS=str(products), OCOP_TODAY=TODAY.isoformat(), OCOP_CACHE_DIR=str(cache),
               OCOP_SITEURL="")
    build = subprocess.run([str(pelican), "content", "-o", str(output), "-s", "pelicanconf.py"],
                           cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    assert build.returncode == 0, f"pelican failed:\n{build.stdout}\n{build.stderr}"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Base URL (ending in /) of the sample site, built as of TODAY and served from a thread."""
    root = tmp_path_factory.mktemp("site")
    output = root / "output"
    build_site("products", output, root / "cache")

    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: any free port
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- The browser --------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} not found: apt-get install chromium (or set OCOP_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)  # .ci/run installs it: a skip there would hide a broken install step
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Make browser contexts set like a phone in Vietnam; each one logs every request it makes
    in ``context.requests``. Closed at the end of the test."""
    contexts = []

    def make(**options):
        settings = dict(timezone_id=TIMEZONE, locale="vi-VN", viewport=PHONE)
        settings.update(options)
        context = browser.new_context(**settings)
        context.requests = []
        context.on("request", lambda request: context.requests.append(request.url))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def open_at(new_context, url, moment=None, **options):
    """Open ``url`` in a fresh context whose clock is stopped at ``moment`` (None: the real clock)."""
    page = new_context(**options).new_page()
    if moment is not None:
        page.clock.set_fixed_time(moment)
    page.goto(url)
    return page


def status_text(page):
    """The status box as a user reads it: visible text only."""
    return page.locator("#st").inner_text()
