"""The public site in a real browser: Debian's Chromium, headless, driven by Playwright.

What a shopper sees after scanning a QR code, read as they would read it: the
status box of a product page under the phone's own date (the page re-checks
the certificate against it), the page without JavaScript, the
phone-sized layout, and that nothing is fetched from another host (the catalogue's
finder: tests/test_finder.py).

The sample site is built once, as of TODAY, and served from 127.0.0.1. The
browser is Debian's `chromium` (`.ci/run` installs it); Playwright only drives
it: `playwright install` downloads a browser build of its own and is never run.
"""

import re
from urllib.parse import urlsplit

import pytest
from browser_support import PHONE, REVOKED_PRODUCT, VALID_PRODUCT, local_time, open_at, status_text

# --- Product page: the certificate status follows the phone's date ------------------


@pytest.mark.parametrize("lang, moment, says, state", [
    # The day of the build: the same as the build-time status.
    ("vi", local_time(2026, 11, 28), ["Còn hiệu lực", "28/06/2027"], "valid"),
    # The last minute of the last valid day: still usable, and said plainly.
    ("vi", local_time(2027, 6, 28, 23, 59), ["Sắp hết hạn", "Hôm nay là ngày cuối cùng còn hiệu lực"], "expiring"),
    # One minute later, the certificate has run out.
    ("vi", local_time(2027, 6, 29, 0, 1),
     ["Đã hết hạn", "không còn được sử dụng nhãn OCOP", "theo ngày trên máy của bạn: 29/06/2027"], "expired"),
    ("en", local_time(2027, 6, 29, 0, 1),
     ["Expired", "may no longer carry the OCOP mark", "your device's date: 2027-06-29"], "expired"),
])
def test_status_follows_the_phone_date(site, new_context, lang, moment, says, state):
    prefix = "en/" if lang == "en" else ""
    page = open_at(new_context, f"{site}{prefix}p/{VALID_PRODUCT}/", moment)
    text = status_text(page)
    for words in says:
        assert words in text, text
    assert page.locator("#st").get_attribute("data-state") == state
    if state != "expired":
        assert "OCOP" not in text  # no "may no longer carry the OCOP mark" while it may
    if state == "expiring":
        assert not re.search(r"Còn -?[1-9]", text), text


@pytest.mark.parametrize("moment", [local_time(2025, 1, 1), local_time(2026, 11, 28), local_time(2031, 1, 1)],
                         ids=["before-revocation", "build-day", "years-later"])
def test_revoked_product_stays_revoked_whatever_the_clock(site, new_context, moment):
    page = open_at(new_context, f"{site}p/{REVOKED_PRODUCT}/", moment)
    text = status_text(page)
    assert "Đã bị thu hồi" in text
    assert "318/QĐ-UBND" in text
    assert "không còn được sử dụng nhãn OCOP" in text
    assert "Còn hiệu lực" not in text and "Sắp hết hạn" not in text


def test_without_javascript_the_build_time_status_shows(site, new_context):
    page = open_at(new_context, f"{site}p/{VALID_PRODUCT}/", java_script_enabled=False)
    text = status_text(page)
    assert "Còn hiệu lực" in text
    assert "Có giá trị đến hết ngày 28/06/2027" in text and "Trạng thái này từ ngày 28/06/2024" in text
    assert "máy của bạn" not in text  # the phone-date line comes only from the script
    # The lists without JavaScript: tests/test_finder.py.


# The catalogue's finder and its lists: tests/test_finder.py.


# --- What the page loads, and how it looks on a phone -------------------------------------


def test_no_request_leaves_the_machine(site, new_context):
    context = new_context()
    page = context.new_page()
    for path in ["", "en/", f"p/{VALID_PRODUCT}/", f"en/p/{VALID_PRODUCT}/", f"p/{REVOKED_PRODUCT}/",
                 "san-pham/het-hieu-luc/"]:
        page.goto(site + path)
        # Down to the bottom, so that lazy photos and the QR code load too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
    urls = context.requests
    assert any(url.endswith(".css") for url in urls) and any("/qr.svg" in url for url in urls), urls
    assert any(re.search(r"\.(webp|jpe?g)$", url) for url in urls), "no photo was loaded: nothing was checked"
    elsewhere = [url for url in urls if urlsplit(url).scheme not in ("data", "blob")
                 and urlsplit(url).hostname != "127.0.0.1"]
    assert elsewhere == []


def test_phone_screenshot(site, new_context, tmp_path):
    page = open_at(new_context, f"{site}p/{VALID_PRODUCT}/", local_time(2026, 11, 28))
    # At a glance, without scrolling: the name, the stars and the status.
    for selector in ["h1", ".stars", "#st"]:
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], selector
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    page.screenshot(path=tmp_path / "LC-0001-phone.png")
    # The whole page, once the lazy photo and QR code have loaded (a full-page shot alone does not load them).
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=tmp_path / "LC-0001-phone-full.png", full_page=True)
    assert (tmp_path / "LC-0001-phone.png").stat().st_size > 10_000
