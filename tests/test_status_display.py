"""A product that may no longer carry the OCOP mark, as a shopper sees it in Chromium: its stars are
history (grey, struck through, "từng đạt 3 sao"), the tab title claims no star, and the QR code is
not offered for printing. A page built while the certificate was valid does the same by itself once
the phone's date passes the expiry. And every product page says where to report a fake or wrong
label, with an e-mail that names the product.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import REVOKED_PRODUCT, VALID_PRODUCT, local_time, open_at, status_text

EXPIRED_PRODUCT = "LC-0011"  # expired before the build day
WITHDRAWN_PRODUCT = "LC-0015"  # no longer made since 01/09/2026
STAR_CLAIM = re.compile(r"\d\s*(sao|stars?)\b|★")
GOLD = "rgb(183, 121, 31)"
REPORT_EMAIL = "baocao-ocop@example.vn"  # products/dataset.yaml office.report


def star_row_style(page):
    return page.locator("#stars .star-row").evaluate(
        "e => { const s = getComputedStyle(e); return [s.color, s.textDecorationLine]; }")


def assert_stars_are_history(page, lang="vi"):
    stars = page.locator("#stars").inner_text()
    assert ("OCOP – từng đạt 3 sao" if lang == "vi" else "OCOP – was rated 3 stars") in stars, stars
    color, decoration = star_row_style(page)
    red, green, blue = map(int, re.findall(r"\d+", color)[:3])
    assert red == green == blue and color != GOLD, f"stars not greyed: {color}"
    assert "line-through" in decoration, decoration
    assert not STAR_CLAIM.search(page.title()), page.title()
    assert page.locator("a[download]").count() == 0, "the QR code is still offered for printing"
    assert page.locator(".qr img").count() == 1  # the page's own code stays, for sharing


def assert_stars_are_current(page):
    assert "OCOP 3 sao" in page.locator("#stars").inner_text()
    assert "từng đạt" not in page.locator("#stars").inner_text()
    assert star_row_style(page)[0] == GOLD
    assert "3 sao OCOP" in page.title()
    assert page.get_by_role("link", name="Tải mã QR để in (PNG 600 dpi)").is_visible()


@pytest.mark.parametrize("product_id, says", [
    (REVOKED_PRODUCT, "Đã bị thu hồi"),
    (EXPIRED_PRODUCT, "Đã hết hạn"),
    (WITHDRAWN_PRODUCT, "Ngừng sản xuất"),
])
def test_a_product_that_may_not_carry_the_mark_shows_its_stars_as_history(site, new_context, product_id, says):
    page = open_at(new_context, f"{site}p/{product_id}/", local_time(2026, 11, 28))
    assert says in status_text(page)
    assert_stars_are_history(page)
    assert page.title().startswith(page.locator("h1").inner_text() + f" – OCOP: {says} – ")


def test_the_english_revoked_page_says_was_rated(site, new_context):
    page = open_at(new_context, f"{site}en/p/{REVOKED_PRODUCT}/", local_time(2026, 11, 28))
    assert_stars_are_history(page, "en")
    assert " – OCOP: Revoked – " in page.title()


def test_a_revoked_page_stays_honest_whatever_the_clock(site, new_context):
    page = open_at(new_context, f"{site}p/{REVOKED_PRODUCT}/", local_time(2025, 1, 1))  # before the revocation
    assert "Đã bị thu hồi" in status_text(page)
    assert_stars_are_history(page)


def test_the_last_valid_day_still_shows_the_stars(site, new_context):
    page = open_at(new_context, f"{site}p/{VALID_PRODUCT}/", local_time(2027, 6, 28, 23, 59))
    assert "Hôm nay là ngày cuối cùng còn hiệu lực" in status_text(page)
    assert_stars_are_current(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_past_expiry_on_the_phone_the_valid_page_turns_its_stars_to_history(site, new_context, lang):
    prefix = "en/" if lang == "en" else ""
    page = open_at(new_context, f"{site}{prefix}p/{VALID_PRODUCT}/", local_time(2027, 6, 29, 0, 1))
    assert page.locator("#st").get_attribute("data-state") == "expired"
    assert_stars_are_history(page, lang)
    name = page.locator("h1").inner_text()
    said = "OCOP: Đã hết hạn" if lang == "vi" else "OCOP: Expired"
    site_name = "Sản phẩm OCOP thành phố Lai Châu" if lang == "vi" else "OCOP products of Lai Chau city"
    assert page.title() == f"{name} – {said} – {site_name}"


def test_on_the_build_day_the_valid_page_shows_its_stars(site, new_context):
    assert_stars_are_current(open_at(new_context, f"{site}p/{VALID_PRODUCT}/", local_time(2026, 11, 28)))


# --- Report a fake or wrong product/label ----------------------------------------------------


@pytest.mark.parametrize("product_id", [VALID_PRODUCT, REVOKED_PRODUCT])
def test_the_report_link_writes_to_the_office_naming_the_product(site, new_context, product_id):
    page = open_at(new_context, f"{site}p/{product_id}/", local_time(2026, 11, 28))
    line = page.locator("main p.report")
    assert line.inner_text().startswith("Báo sản phẩm/nhãn giả hoặc sai: 0213 3123 457 · ")
    href = line.get_by_role("link", name=REPORT_EMAIL).get_attribute("href")
    address = urlsplit(href)
    assert (address.scheme, address.path) == ("mailto", REPORT_EMAIL)
    fields = parse_qs(address.query, strict_parsing=True)
    assert fields["subject"] == [f"Báo cáo sản phẩm OCOP {product_id}"]
    (body,) = fields["body"]
    assert f"Mã sản phẩm: {product_id}\r\n" in body
    assert re.search(rf"Trang: https?://\S+/p/{product_id}/\r\n", body), body
    assert "Tôi đã thấy" in body and "Ở đâu" in body
    assert line.get_by_role("link", name="0213 3123 457").get_attribute("href") == "tel:02133123457"


def test_the_report_line_is_visible_on_a_320_px_phone(site, new_context):
    page = open_at(new_context, f"{site}p/{VALID_PRODUCT}/", local_time(2026, 11, 28),
                   viewport={"width": 320, "height": 640})
    for line in (page.locator("main p.report"), page.locator("footer p.report-fake")):
        line.scroll_into_view_if_needed()
        assert line.is_visible()
        assert "Báo sản phẩm/nhãn giả hoặc sai" in line.inner_text()
        box = line.get_by_role("link", name=REPORT_EMAIL).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, box
