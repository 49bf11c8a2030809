"""The catalogue's finder in a real browser (Debian's Chromium, driven by Playwright).

The finder fetches a compact index (data/search/, ocop.outputs.search_index) on first use and
searches every published product, whatever its status: a shopper checking a suspicious package
must find a revoked product by its name or its id, and see that it is revoked. Names rank before
other text, current products before the others; the filters stay in the address. Without
JavaScript, the lists read as server-rendered pages.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import REVOKED_PRODUCT, VALID_PRODUCT, local_time, open_at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.common.text import fold
from ocop.outputs.search_index import words

STATUS_WORDS = ("Còn hiệu lực", "Sắp hết hạn", "Đã hết hạn", "Đã bị thu hồi", "Ngừng sản xuất")
CURRENT_WORDS = ("Còn hiệu lực", "Sắp hết hạn")


def result_ids(page):
    """Ids of the finder's results, in order."""
    hrefs = page.locator("#rcards li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [re.search(r"p/([^/]+)/$", href).group(1) for href in hrefs]


def result_texts(page):
    return page.locator("#rcards li").all_inner_texts()


def list_ids(page):
    hrefs = page.locator("#cards li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [re.search(r"p/([^/]+)/$", href).group(1) for href in hrefs]


def wait_for_results(page, **expected):
    """Until the results for these fields are shown (the finder writes them into the address when it
    has drawn them)."""
    page.wait_for_function(
        """expected => { const p = new URLSearchParams(location.search);
            return Object.entries(expected).every(([k, v]) => (p.get(k) || '') === v)
                && !document.getElementById('results').hidden
                && !/…/.test(document.getElementById('rcount').textContent); }""", arg=expected)


def search(page, text):
    box = page.get_by_label("Tìm sản phẩm")
    box.fill("")
    box.press_sequentially(text)
    wait_for_results(page, q=text)


def shown_count(page):
    text = page.locator("#rcount").inner_text()
    found = re.match(r"Tìm thấy (\d+) sản phẩm", text)
    return int(found.group(1)) if found else 0


@pytest.fixture
def catalogue(site, new_context):
    page = open_at(new_context, site, local_time(2026, 11, 28))
    page.get_by_label("Tìm sản phẩm").wait_for()  # the finder appears once its script has run
    return page


def open_filters(page):
    """The filters are folded under a summary line, so the list stays on a phone's first screen."""
    page.get_by_text("Lọc theo số sao, nhóm, đơn vị, trạng thái").click()


# --- Words: folded, accent-aware ---------------------------------------------------------------


def test_search_folds_accents_and_d(catalogue):
    search(catalogue, "doan ket")
    shown = result_ids(catalogue)
    assert {"LC-0002", "LC-0009"} <= set(shown)  # Phường Đoàn Kết; LC-0009 was certified in xã Đoàn Kết
    assert VALID_PRODUCT not in shown  # San Thàng, today Phường Tân Phong
    for card in result_texts(catalogue):
        assert "Đoàn Kết" in card, card
    assert shown_count(catalogue) == len(shown)


def test_search_with_accents_is_exact(catalogue):
    search(catalogue, "chè")
    shown = result_ids(catalogue)
    assert VALID_PRODUCT in shown and "LC-0009" in shown  # "Chè …", and set "Chè tươi, chè chế biến"
    assert "LC-0002" not in shown  # macadamia, set "Chế biến từ rau, củ, quả, hạt": chế is not chè


def test_search_without_accents_finds_che(catalogue):
    search(catalogue, "che")
    shown = result_ids(catalogue)
    assert VALID_PRODUCT in shown  # Chè Shan tuyết cổ thụ San Thàng
    assert "LC-0009" in shown  # Bạch trà Shan tuyết: product set "Chè tươi, chè chế biến"
    assert "LC-0006" not in shown  # community tourism: no "che" anywhere


# --- Everything findable: a revoked product, by name and by id --------------------------------------


def test_a_revoked_product_is_found_by_its_name_and_says_it_is_revoked(catalogue):
    search(catalogue, "trang phục Hà Nhì")
    shown = result_ids(catalogue)
    assert shown[0] == REVOKED_PRODUCT, shown
    card = result_texts(catalogue)[0]
    assert "Đã bị thu hồi" in card and "Bộ trang phục nữ Hà Nhì thêu tay" in card, card


def test_an_exact_id_in_any_case_jumps_to_the_product(catalogue, site):
    search(catalogue, "lc-0007")
    assert result_ids(catalogue)[0] == REVOKED_PRODUCT  # shown first while typing
    catalogue.get_by_label("Tìm sản phẩm").press("Enter")
    catalogue.wait_for_url(f"{site}p/{REVOKED_PRODUCT}/")
    assert "Đã bị thu hồi" in catalogue.locator("#st").inner_text()


def test_an_id_typed_on_the_not_found_page_opens_the_product(site, new_context):
    """A shopper whose printed address was mistyped lands on 404.html and types the id from the label."""
    page = open_at(new_context, f"{site}404.html", local_time(2026, 11, 28))
    box = page.locator("#q")  # labelled in both languages: the asked page's language is unknown
    box.fill("Lc-0007")
    box.press("Enter")
    page.wait_for_url(f"{site}p/{REVOKED_PRODUCT}/")
    assert "Đã bị thu hồi" in page.locator("#st").inner_text()


def test_a_shared_link_to_an_id_only_shows_it_first(site, new_context):
    page = open_at(new_context, f"{site}?q=lc-0007", local_time(2026, 11, 28))
    wait_for_results(page, q="lc-0007")
    assert page.url == f"{site}?q=lc-0007"
    assert result_ids(page)[0] == REVOKED_PRODUCT


def test_every_result_says_its_status(catalogue):
    open_filters(catalogue)
    catalogue.get_by_label("Số sao").select_option(label="3 ★")
    wait_for_results(catalogue, stars="3")
    cards = result_texts(catalogue)
    assert cards
    for card in cards:
        assert sum(word in card for word in STATUS_WORDS) == 1, card


# --- Ranking ------------------------------------------------------------------------------------


def test_names_rank_before_other_text(catalogue):
    search(catalogue, "mật ong")
    cards = result_texts(catalogue)
    names = [card.splitlines()[0] for card in cards]
    assert names[0] == "Mật ong hoa rừng Đông Phong", names
    in_name = [("mật ong" in name.lower()) for name in names]
    # Every name with "mật ong" comes before any product found only through other text (the
    # buffalo jerky's product set, "Mật ong, sản phẩm từ mật ong" … or its producer).
    assert in_name == sorted(in_name, reverse=True), names
    assert not all(in_name), "nothing was found through other text: the test checks nothing"


def test_current_products_come_first_then_the_others_marked(catalogue):
    open_filters(catalogue)
    catalogue.get_by_label("Số sao").select_option(label="3 ★")
    wait_for_results(catalogue, stars="3")
    cards = result_texts(catalogue)
    current = [any(word in card for word in CURRENT_WORDS) for card in cards]
    assert True in current and False in current, cards  # both kinds, so that the order means something
    assert current == sorted(current, reverse=True), cards


# --- Filters, in the address ----------------------------------------------------------------------


def test_filters_go_into_the_address_and_come_back(catalogue):
    open_filters(catalogue)
    catalogue.get_by_label("Số sao").select_option(label="5 ★")
    wait_for_results(catalogue, stars="5")
    assert "stars=5" in catalogue.url
    catalogue.goto(catalogue.url)
    wait_for_results(catalogue, stars="5")
    assert catalogue.get_by_label("Số sao").input_value() == "5"
    assert result_ids(catalogue) == ["LC-0009"]


def test_stars_filter(catalogue):
    open_filters(catalogue)
    catalogue.get_by_label("Số sao").select_option(label="5 ★")
    wait_for_results(catalogue, stars="5")
    assert result_ids(catalogue) == ["LC-0009"]
    for card in result_texts(catalogue):
        assert "5 sao" in card
    assert shown_count(catalogue) == 1


def test_status_filter_shows_expired_and_revoked(catalogue):
    open_filters(catalogue)
    catalogue.get_by_label("Trạng thái").select_option(label="Sản phẩm đã hết hạn hoặc bị thu hồi")
    wait_for_results(catalogue, status="inactive")
    shown = result_ids(catalogue)
    assert REVOKED_PRODUCT in shown
    assert VALID_PRODUCT not in shown
    assert "Đã bị thu hồi" in result_texts(catalogue)[shown.index(REVOKED_PRODUCT)]
    for card in result_texts(catalogue):  # only what may no longer carry the mark
        assert "Còn hiệu lực" not in card and "Sắp hết hạn" not in card, card
    assert shown_count(catalogue) == len(shown)


def test_the_unit_filter_is_filled_from_the_index(catalogue):
    open_filters(catalogue)
    units = catalogue.get_by_label("Đơn vị")
    units.focus()
    catalogue.wait_for_function("document.querySelectorAll('select[name=unit] option').length > 1")
    units.select_option(label="Phường Đoàn Kết")
    wait_for_results(catalogue, unit="phuong-doan-ket")
    cards = result_texts(catalogue)
    assert cards and all("Phường Đoàn Kết" in card for card in cards), cards


def test_query_in_the_address_fills_the_search(site, new_context):
    page = open_at(new_context, f"{site}?q=doan%20ket", local_time(2026, 11, 28))
    wait_for_results(page, q="doan ket")
    assert page.get_by_label("Tìm sản phẩm").input_value() == "doan ket"
    shown = result_ids(page)
    assert "LC-0002" in shown and VALID_PRODUCT not in shown


def test_every_filter_in_the_address_is_restored(site, new_context):
    address = f"{site}?q=che&stars=3&group=thuc-pham&unit=phuong-tan-phong&status=current"
    page = open_at(new_context, address, local_time(2026, 11, 28))
    wait_for_results(page, q="che", stars="3", group="thuc-pham", unit="phuong-tan-phong", status="current")
    assert {name: page.locator(f"[name={name}]").input_value() for name in ("q", "stars", "group", "unit", "status")} \
        == {"q": "che", "stars": "3", "group": "thuc-pham", "unit": "phuong-tan-phong", "status": "current"}
    assert page.get_by_label("Đơn vị").locator("option:checked").inner_text() == "Phường Tân Phong"
    cards = result_texts(page)
    assert VALID_PRODUCT in result_ids(page)
    for card in cards:
        assert "3 sao" in card and "Phường Tân Phong" in card and "Thực phẩm" in card, card
        assert any(word in card for word in CURRENT_WORDS), card
    assert parse_qs(urlsplit(page.url).query)["unit"] == ["phuong-tan-phong"]


def test_the_status_follows_the_phone_date_in_the_results(site, new_context):
    # LC-0001 expires after 28/06/2027: on the phone's 01/07/2027 it is expired, though built valid.
    page = open_at(new_context, f"{site}?q=san%20thang", local_time(2027, 7, 1))
    wait_for_results(page, q="san thang")
    card = result_texts(page)[result_ids(page).index(VALID_PRODUCT)]
    assert "Đã hết hạn" in card, card
    listed = page.locator("#cards li", has=page.locator(f"a[href$='p/{VALID_PRODUCT}/']")).text_content()
    assert "Đã hết hạn" in listed  # the server-rendered card too


def test_the_index_is_fetched_on_first_use_only(site, new_context):
    # Without the offline worker: once it controls the page, each fetch is logged twice (the page's,
    # then the worker's own), depending on how soon it took over (tests/test_offline.py covers it).
    context = new_context(service_workers="block")
    page = context.new_page()
    page.clock.set_fixed_time(local_time(2026, 11, 28))
    page.goto(site)
    page.wait_for_load_state("networkidle")
    assert not [url for url in context.requests if "/data/search/" in url]
    # The page has loaded already: "networkidle" would not wait for a fetch started now.
    with page.expect_response(lambda response: "/data/search/" in response.url):
        page.get_by_label("Tìm sản phẩm").focus()
    page.wait_for_timeout(300)  # room for any further file the focus might (wrongly) fetch
    assert [url for url in context.requests if "/data/search/" in url] == [f"{site}data/search/vi/meta.json"]


# --- Without JavaScript --------------------------------------------------------------------------------


def test_without_javascript_the_lists_show_every_product_with_its_status(site, new_context):
    page = open_at(new_context, site, java_script_enabled=False)
    assert not page.get_by_label("Tìm sản phẩm").is_visible()  # the finder needs its script
    shown = list_ids(page)
    assert VALID_PRODUCT in shown and REVOKED_PRODUCT in shown
    cards = page.locator("#cards li").all_inner_texts()
    assert "Đã bị thu hồi" in cards[shown.index(REVOKED_PRODUCT)]
    current = [any(word in card for word in CURRENT_WORDS) for card in cards]
    assert current == sorted(current, reverse=True)  # current first, then the others
    page.get_by_role("link", name="Theo đơn vị hành chính").click()
    page.get_by_role("link", name="Phường Đoàn Kết").click()
    assert page.locator("h1").inner_text() == "Đơn vị: Phường Đoàn Kết"
    assert "LC-0002" in list_ids(page)


# --- The browser's text agrees with the build's -----------------------------------------------------------

TRICKY = ["Đoàn Kết", "ĐẶC SẢN", "Chè Shan tuyết cổ thụ", "Mật ong bạc hà", "Nậm Loỏng", "Ư ơ ứ ừ ử ữ ự",
          "Thịt trâu gác bếp", "Hà Nhì", "Cư M'gar", "Ia H'Drai", "Huế  \t mộng mơ", "Ỷ Lan", "ǅ ǆ", "Ω", "Ａ１",
          "café", "nghiêng  ", "Văn Miếu - Quốc Tử Giám", "ST25", "xã Đắk R'Lấp", "Quỳnh Nhai", "gạo\u00a0nếp",
          "e\u0301", "ȳ", "À-la-carte", "Bình Định", "Ðoàn"]
VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
LETTERS = VIETNAMESE + VIETNAMESE.upper() + "0123456789 -'.,/\t"


@pytest.fixture
def finder_text(catalogue):
    catalogue.wait_for_function("window.ocopFinderText")
    return lambda texts: catalogue.evaluate(
        "texts => texts.map(t => [ocopFinderText.fold(t), ocopFinderText.words(t)])", texts)


def test_the_browser_folds_and_splits_tricky_names_as_the_build_does(finder_text):
    got = finder_text(TRICKY)
    assert [tuple(g) for g in got] == [(fold(text), words(text)) for text in TRICKY]


# One page serves every example: the fixture only reads the script's functions.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=LETTERS, max_size=30), min_size=20, max_size=20))
def test_the_browser_folds_vietnamese_as_the_build_does(finder_text, texts):
    assert [tuple(g) for g in finder_text(texts)] == [(fold(text), words(text)) for text in texts]


@pytest.mark.parametrize("query, word, found", [
    ("chè", "chè", True), ("chè", "chế", False), ("che", "chế", True), ("chế", "chè", False),
    ("mât", "mật", True), ("mật", "mât", False), ("đoan", "đoàn", True), ("doan", "đoàn", True),
    ("đoàn", "doàn", False), ("ket", "kết", True), ("mat", "mật", True), ("mạt", "mật", True), ("mạt", "mát", False),
])
def test_a_letter_typed_with_its_marks_must_carry_them(catalogue, query, word, found):
    catalogue.wait_for_function("window.ocopFinderText")
    assert catalogue.evaluate("([q, w]) => ocopFinderText.begins(q, ocopFinderText.fold(q), w)", [query, word]) is found
