"""The public site in a real browser: Debian's Chromium, headless, driven by Playwright.

What a shopper sees after scanning a QR code, read as they would read it: the
status box of a product page under the phone's own date (the page re-checks
the certificate against it), the page without JavaScript, the catalogue's
finder, the phone-sized layout, and that nothing is fetched from another host.

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
    assert "Trạng thái tính đến ngày 28/11/2026" in text
    assert "máy của bạn" not in text  # the phone-date line comes only from the script

    # The catalogue still lists the current products; the finder, which needs the script, stays hidden.
    page.goto(site)
    assert not page.get_by_label("Tìm sản phẩm").is_visible()
    assert VALID_PRODUCT in visible_products(page)
    assert REVOKED_PRODUCT not in visible_products(page)


# --- The catalogue's finder ------------------------------------------------------------


def visible_products(page):
    """Ids of the product cards on screen, in order."""
    hrefs = page.locator("#cards li:visible > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [re.search(r"p/([^/]+)/$", href).group(1) for href in hrefs]


def visible_cards_text(page):
    return page.locator("#cards li:visible").all_inner_texts()


def assert_count_matches(page):
    shown = len(visible_products(page))
    assert page.locator("#count").inner_text() == f"{shown} sản phẩm"
    assert page.locator("#none").is_visible() == (shown == 0)


@pytest.fixture
def catalogue(site, new_context):
    page = open_at(new_context, site, local_time(2026, 11, 28))
    page.get_by_label("Tìm sản phẩm").wait_for()  # the finder appears once its script has run
    return page


def test_search_folds_accents_and_d(catalogue):
    catalogue.get_by_label("Tìm sản phẩm").press_sequentially("doan ket")
    shown = visible_products(catalogue)
    assert {"LC-0002", "LC-0009"} <= set(shown)  # Phường Đoàn Kết; LC-0009 was certified in xã Đoàn Kết
    assert VALID_PRODUCT not in shown  # San Thàng, today Phường Tân Phong
    for card in visible_cards_text(catalogue):
        assert "Đoàn Kết" in card, card
    assert_count_matches(catalogue)


def test_search_with_accents_is_exact(catalogue):
    catalogue.get_by_label("Tìm sản phẩm").press_sequentially("chè")
    shown = visible_products(catalogue)
    assert VALID_PRODUCT in shown and "LC-0009" in shown  # "Chè …", and set "Chè tươi, chè chế biến"
    assert "LC-0002" not in shown  # macadamia, set "Chế biến từ rau, củ, quả, hạt": chế is not chè
    assert_count_matches(catalogue)


def test_filters_go_into_the_address_and_come_back(catalogue):
    open_filters(catalogue)
    catalogue.get_by_label("Số sao").select_option(label="5 ★")
    assert "stars=5" in catalogue.url
    catalogue.goto(catalogue.url)
    catalogue.get_by_label("Tìm sản phẩm").wait_for()
    assert visible_products(catalogue) == ["LC-0009"]


def test_search_without_accents_finds_che(catalogue):
    catalogue.get_by_label("Tìm sản phẩm").press_sequentially("che")
    shown = visible_products(catalogue)
    assert VALID_PRODUCT in shown  # Chè Shan tuyết cổ thụ San Thàng
    assert "LC-0009" in shown  # Bạch trà Shan tuyết: product set "Chè tươi, chè chế biến"
    assert "LC-0006" not in shown  # community tourism: no "che" anywhere
    assert_count_matches(catalogue)


def open_filters(page):
    """The filters are folded under a summary line, so the list stays on a phone's first screen."""
    page.get_by_text("Lọc theo số sao, nhóm, đơn vị, trạng thái").click()


def test_stars_filter(catalogue):
    open_filters(catalogue)
    catalogue.get_by_label("Số sao").select_option(label="5 ★")
    shown = visible_products(catalogue)
    assert shown == ["LC-0009"]
    for card in visible_cards_text(catalogue):
        assert "5 sao" in card
    assert_count_matches(catalogue)


def test_status_filter_shows_expired_and_revoked(catalogue):
    assert REVOKED_PRODUCT not in visible_products(catalogue)  # hidden until asked for
    open_filters(catalogue)
    catalogue.get_by_label("Trạng thái").select_option(label="Sản phẩm đã hết hạn hoặc bị thu hồi")
    shown = visible_products(catalogue)
    assert REVOKED_PRODUCT in shown
    assert VALID_PRODUCT not in shown
    assert "Đã bị thu hồi" in visible_cards_text(catalogue)[shown.index(REVOKED_PRODUCT)]
    for card in visible_cards_text(catalogue):  # only what may no longer carry the mark
        assert "Còn hiệu lực" not in card and "Sắp hết hạn" not in card, card
    assert_count_matches(catalogue)


def test_query_in_the_address_fills_the_search(site, new_context):
    page = open_at(new_context, f"{site}?q=doan%20ket", local_time(2026, 11, 28))
    box = page.get_by_label("Tìm sản phẩm")
    assert box.input_value() == "doan ket"
    shown = visible_products(page)
    assert "LC-0002" in shown and VALID_PRODUCT not in shown


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
