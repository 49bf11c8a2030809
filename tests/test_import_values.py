"""The cells of an officer's list, read the way officers write them (ocop/importing/values.py), and
the two guesses from names: the producer's kind and the product's set."""

import math
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.common.text import fold
from ocop.importing.values import (
    level_from_issuer,
    read_date,
    read_level,
    read_phone,
    read_product_set,
    read_stars,
    split_decision,
)
from ocop.places.country import national_units
from ocop.reading.convert import PHONE, PHONE_SEPARATORS
from ocop.rules.producers import KIND_NAME_WORDS, PRODUCER_KINDS, kind_from_name
from ocop.rules.product_sets import product_sets, set_from_name

JUNE_28 = date(2024, 6, 28)


# -- dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", [
    "28/06/2024", "28/6/2024", "28-06-2024", "28.06.2024", "2024-06-28", "ngày 28/6/2024", "Ngày: 28/06/2024",
    "ngày 28 tháng 6 năm 2024", "28 tháng 06 năm 2024", "NGAY 28 THANG 6 NAM 2024", "28/06/2024 00:00:00",
    45471, 45471.0, 45471.75, "45471", datetime(2024, 6, 28, 14, 30), JUNE_28,
])
def test_each_form_of_a_date_reads_as_the_day(cell):
    assert read_date(cell) == JUNE_28


def test_a_date_is_day_first():
    assert read_date("8/6/2024") == date(2024, 6, 8)
    assert read_date("06/08/2024") == date(2024, 8, 6)


@pytest.mark.parametrize("cell, expected", [
    ("29/02/2024", date(2024, 2, 29)), ("29/02/2023", None), ("31/04/2024", None), ("31/02/2024", None),
    ("0/6/2024", None), ("28/13/2024", None), ("2024-02-30", None),
    ("28/06/24", None), ("28/6/24", None),  # a two-digit year is ambiguous
    ("06/28/2024", None),  # month first is not read, even when the 28 cannot be a month
    ("2024-W26-5", None), ("28/06", None), ("", None), ("ngày", None), ("hôm nay", None),
    (19999, None), (80001, None), (2024, None), (10**400, None), (True, None), (None, None), (math.nan, None), (math.inf, None),
])
def test_a_date_that_is_not_one_is_none(cell, expected):
    assert read_date(cell) == expected


def test_an_excel_day_count_starts_at_30_december_1899():
    assert read_date(20000) == date(1954, 10, 3)
    assert read_date(45658) == date(2025, 1, 1)


# -- stars ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, stars", [
    (3, 3), (4, 4), (5, 5), (3.0, 3), ("3", 3), ("3 sao", 3), ("4 SAO", 4), ("3*", 3), ("3 *", 3), ("3★", 3),
    ("5 ★", 5), ("★★★", 3), ("★★★★", 4), ("★ ★ ★ ★ ★", 5), ("hạng 3 sao", 3), ("Hạng 4 sao", 4),
    ("Ba sao", 3), ("bốn sao", 4), ("năm sao", 5), ("NAM SAO", 5),
])
def test_each_form_of_stars(cell, stars):
    assert read_stars(cell) == stars


@pytest.mark.parametrize("cell", [
    2, 6, 0, -3, 3.5, 4.2, "2", "6 sao", "2 sao", "3.5", "☆☆☆", "★★", "★★★★★★", "ba", "sao", "3 sao OCOP",
    "", True, None, math.nan, JUNE_28,
])
def test_stars_that_are_not_three_four_or_five_are_none(cell):
    assert read_stars(cell) is None


# -- levels -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, level", [
    ("district", "district"), ("province", "province"), ("central", "central"), ("huyện", "district"),
    ("Cấp huyện", "district"), ("UBND huyện", "district"), ("thị xã", "district"), ("Tỉnh", "province"),
    ("cấp tỉnh", "province"), ("CAP TINH", "province"), ("trung ương", "central"), ("TW", "central"),
    ("Cấp TW", "central"),
])
def test_a_level_from_its_words(cell, level):
    assert read_level(cell) == level


@pytest.mark.parametrize("cell", ["xã", "quốc gia", "tỉnh Lai Châu", "", 1, None, True])
def test_words_that_are_no_level_are_none(cell):
    assert read_level(cell) is None


@pytest.fixture(scope="module")
def units():
    return national_units()


@pytest.mark.parametrize("issuer, level", [
    ("UBND tỉnh Lai Châu", "province"), ("Ủy ban nhân dân tỉnh Lai Châu", "province"),
    ("UBND huyện Tam Đường", "district"),
    ("UBND thành phố Lai Châu", "district"),  # a city of the province in 2024, not a province-level city
    ("UBND thành phố Hà Nội", "province"),
    ("Bộ Nông nghiệp và Phát triển nông thôn", "central"),
    ("Sở Nông nghiệp", None), ("Hội đồng", None), ("", None),
])
def test_a_level_from_the_issuer_on_the_decision_day(units, issuer, level):
    assert level_from_issuer(issuer, date(2024, 6, 28), units) == level


def test_a_level_from_an_issuer_needs_text_and_a_day(units):
    assert level_from_issuer(None, JUNE_28, units) is None
    assert level_from_issuer("UBND tỉnh Lai Châu", None, units) is None
    assert level_from_issuer("UBND tỉnh Lai Châu", datetime(2024, 6, 28), units) == "province"


# -- decisions --------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, expected", [
    ("1234/QĐ-UBND", ("1234/QĐ-UBND", None)),
    ("Số 1234/QĐ-UBND ngày 28/6/2024", ("1234/QĐ-UBND", JUNE_28)),
    ("1234/QĐ-UBND, ngày 28/06/2024", ("1234/QĐ-UBND", JUNE_28)),
    ("QĐ số 1234/QĐ-UBND ngày 28 tháng 6 năm 2024", ("1234/QĐ-UBND", JUNE_28)),
    ("Quyết định số: 1234/QĐ-UBND\nngày 28/6/2024 của UBND huyện Tam Đường", ("1234/QĐ-UBND", JUNE_28)),
    ("1234/QĐ-UBND (28/6/2024)", ("1234/QĐ-UBND", JUNE_28)),
    ("1234/QĐ-UBND 28.06.2024", ("1234/QĐ-UBND", JUNE_28)),
    ("12/2024/QĐ-UBND", ("12/2024/QĐ-UBND", None)),  # a year in the number is not a date
    ("1234/QĐ-UBND ngày 31/02/2024", ("1234/QĐ-UBND", None)),  # the number kept, the bad date not read
    ("1234/QĐ-UBND ngày 28/6/24", ("1234/QĐ-UBND", None)),
    ("số 56/QĐ-UBND.", ("56/QĐ-UBND.", None)),  # kept as written otherwise
    ("ngày 28/6/2024", (None, JUNE_28)),
    ("Sơn La 12", ("Sơn La 12", None)),  # "số" is dropped only before the number
    (1234, ("1234", None)), (1234.0, ("1234", None)), (12.5, (None, None)),
    (JUNE_28, (None, JUNE_28)), (None, (None, None)), (True, (None, None)), ("", (None, None)),
])
def test_a_decision_splits_into_its_number_and_its_date(cell, expected):
    assert split_decision(cell) == expected


def test_a_decision_number_is_nfc():
    decomposed = "So\u0302\u0301 1234/QĐ-UBND, nga\u0300y 28/6/2024"  # "Số", "ngày" with combining marks
    assert split_decision(decomposed) == ("1234/QĐ-UBND", JUNE_28)


# -- product sets -----------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, number", [
    (11, 11), (11.0, 11), ("11", 11), ("Bộ 11", 11), ("bộ số 11", 11), ("Bộ sản phẩm số 26", 26), ("1", 1),
    ("Chè tươi, chè chế biến", 11), ("CHE TUOI CHE CHE BIEN", 11), ("Rượu trắng", 14),
    ("11 - Chè tươi, chè chế biến", 11),
])
def test_a_product_set_by_number_or_name(cell, number):
    assert read_product_set(cell) == number


@pytest.mark.parametrize("cell", [0, 27, -1, 11.5, "27", "Bộ 0", "11 - Rượu trắng", "chè", "", True, None])
def test_a_set_that_is_not_one_of_the_26_is_none(cell):
    assert read_product_set(cell) is None


# -- phones -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, phone", [
    ("0912 345 678", "0912 345 678"), ("0912.345.678", "0912 345 678"), ("0912-345-678", "0912 345 678"),
    ("0912345678", "0912 345 678"), ("(0912) 345 678", "0912 345 678"),
    (912345678, "0912 345 678"), (912345678.0, "0912 345 678"), ("912345678", "0912 345 678"),  # lost its 0
    ("+84 912 345 678", "0912 345 678"), ("84912345678", "0912 345 678"), ("+84 (0) 912 345 678", "0912 345 678"),
    ("0213 3123 456", "0213 3123 456"), ("02133123456", "0213 3123 456"), (2133123456, "0213 3123 456"),
    ("024.3825.1234", "024 3825 1234"),
    ("0912 34 56 78", "0912 34 56 78"),  # the officer's own grouping, already valid, is kept
])
def test_a_phone_as_officers_write_it(cell, phone):
    assert read_phone(cell) == phone
    assert PHONE.match(PHONE_SEPARATORS.sub("", phone))  # what the record validator accepts


@pytest.mark.parametrize("cell", [
    "0912345678 / 0987654321", "0912345678; 0987654321", "0912 345 678 - 0987 654 321", "0912 345 678\n0987 654 321",
    "0912 345 678 (anh Nam)", "091234567", "09123456789", "0012345678", "+1 212 555 1234", "1900 1234",
    "", 0, -912345678, True, None, JUNE_28,
])
def test_what_is_not_one_phone_is_none(cell):
    assert read_phone(cell) is None


# -- the producer's kind from its name --------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("HTX Chè San Thàng", ("cooperative", "HTX")),
    ("Hợp tác xã Nông nghiệp Tân Phong", ("cooperative", "Hợp tác xã")),
    ("HOP TAC XA CHE SAN THANG", ("cooperative", "HOP TAC XA")),
    ("Công ty TNHH Chè Tam Đường", ("enterprise", "Công ty")),
    ("Cty.TNHH Hoàng Long", ("enterprise", "Cty")),
    ("Doanh nghiệp tư nhân Minh Anh", ("enterprise", "Doanh nghiệp")),
    ("Cơ sở sản xuất miến Việt Cường", ("household", "Cơ sở")),
    ("Hộ kinh doanh Lò Văn Minh", ("household", "Hộ kinh doanh")),
    ("Tổ hợp tác trồng chè Bản Lướt", ("cooperative_group", "Tổ hợp tác")),
    ("Trang trại Hoa Đào", ("farm", "Trang trại")),
    ("Hiệp hội Du lịch cộng đồng Sin Suối Hồ", ("tourism_org", "Hiệp hội")),
    ("Ban quản lý Khu du lịch cộng đồng Sin Suối Hồ", ("tourism_org", "Ban quản lý")),
])
def test_the_kind_a_producer_name_says(name, expected):
    assert kind_from_name(name) == expected


@pytest.mark.parametrize("name", [
    "Nguyễn Văn A", "Hồ Văn Nam",  # "Hồ" is a family name, not "Hộ"
    "Hội An Silk",  # a city, not an association
    "Hộine", "Trung tâm Giống cây trồng", "", None, 12,
])
def test_a_name_that_does_not_say_the_kind_is_none(name):
    assert kind_from_name(name) is None


def test_the_kind_words_name_kinds_that_exist_and_no_word_names_two():
    assert set(KIND_NAME_WORDS) <= set(PRODUCER_KINDS)
    folded = [fold(word) for words in KIND_NAME_WORDS.values() for word in words]
    assert len(folded) == len(set(folded))


# -- the product's set from its name ----------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("Chè Shan tuyết cổ thụ San Thàng", (11, "Chè")),
    ("Trà hoa vàng Tam Đảo", (12, "Trà")),
    ("Trà xanh Tân Cương", (11, "Trà xanh")),  # the longest words win
    ("Rượu vang sim", (15, "Rượu vang")),
    ("Rượu ngô Bản Phố", (14, "Rượu")),
    ("Mật ong bạc hà", (4, "Mật ong")),
    ("Miến dong Tân Phong", (6, "Miến")),
    ("Chè dây Cao Bằng", (12, "Chè dây")),
    ("Cà phê Arabica Cầu Đất", (13, "Cà phê")),
    ("Nước mắm Phú Quốc", (9, "Nước mắm")),
    ("Gạo Séng Cù", (3, "Gạo")),
    ("Homestay Sin Suối Hồ", (26, "Homestay")),
    ("CHE SHAN TUYET", (11, "CHE")),  # typed without marks: folded
    ("tra xanh", (11, "tra xanh")),
])
def test_the_set_a_product_name_says(name, expected):
    assert set_from_name(name) == expected


@pytest.mark.parametrize("name", [
    "Đông trùng hạ thảo", "Chế phẩm sinh học",  # not "Chè"
    "Giỏ tre đan",  # not "Giò"
    "Tràng An",  # words whole: not "Trà"
    "Vải thiều Thanh Hà", "Hoa quả sấy", "", None, 11,
])
def test_a_name_that_does_not_clearly_say_its_set_is_none(name):
    assert set_from_name(name) is None


def test_no_start_words_are_claimed_by_two_sets():
    claimed = {}
    for number, product in product_sets().items():
        for words in product.name_starts:
            assert claimed.setdefault(fold(words), number) == number, words


# -- never raising ----------------------------------------------------------------------------------

CELLS = st.one_of(st.none(), st.booleans(), st.text(), st.integers(), st.floats(),
                  st.datetimes(), st.dates(),
                  st.from_regex(r"(ngày |Số |QĐ số )?\d{1,6}[/.\- ]\d{1,4}([/.\-]\d{1,5})?( sao| ★)?", fullmatch=True),
                  st.text(alphabet="0123456789 .-+()/★☆*sao", max_size=20))
PROPERTY = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize("cell", [10**400, -10**400, 1e308, -0.0, "9" * 5000, "3" * 5000 + " sao", "\x00", "\n"])
def test_a_huge_or_odd_cell_is_read_as_nothing(cell):
    assert (read_date(cell), read_stars(cell), read_level(cell), read_product_set(cell), read_phone(cell),
            split_decision(cell)[1]) == (None,) * 6


@PROPERTY
@given(CELLS)
def test_every_reader_gives_its_type_or_none_and_never_raises(cell):
    assert read_date(cell) is None or isinstance(read_date(cell), date)
    assert read_stars(cell) in (None, 3, 4, 5)
    assert read_level(cell) in (None, "district", "province", "central")
    assert read_product_set(cell) is None or 1 <= read_product_set(cell) <= 26
    phone = read_phone(cell)
    assert phone is None or PHONE.match(PHONE_SEPARATORS.sub("", phone))
    number, day = split_decision(cell)
    assert number is None or (isinstance(number, str) and number)
    assert day is None or isinstance(day, date)


@PROPERTY
@given(st.one_of(st.none(), st.integers(), st.text(), st.text(alphabet="HộiTrà ChèCôngtyHTX.,", max_size=20)))
def test_the_name_guesses_give_a_known_value_or_none_and_never_raise(name):
    kind = kind_from_name(name)
    assert kind is None or (kind[0] in PRODUCER_KINDS and isinstance(kind[1], str) and kind[1])
    found = set_from_name(name)
    assert found is None or (found[0] in product_sets() and found[1])


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.text(),
                 st.from_regex(r"(UBND|Ủy ban nhân dân|Bộ) (tỉnh|huyện|thành phố|tp\.|thị xã)? ?\w{0,12}", fullmatch=True)),
       st.one_of(st.none(), st.dates()))
def test_a_level_from_any_issuer_text_is_a_level_or_none(units, issuer, day):
    assert level_from_issuer(issuer, day, units) in (None, "district", "province", "central")
