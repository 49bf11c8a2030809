"""A unit written as a name in an officer's spreadsheet is read into the commune it names on the day
of the decision: one unit, several to choose from, or the nearest ones when none fits."""

import random
import time
from datetime import date

import pytest
from conftest import SAMPLE_UNITS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.places.country import find_province, national_units
from ocop.places.unit_names import UnitReading, read_unit
from ocop.places.units import UNIT_KINDS
from ocop.reading.dataset import read_settings

BEFORE, AFTER = date(2024, 3, 1), date(2025, 9, 1)
DECIDED = date(2024, 6, 28)  # the sample's certificate of xã San Thàng


@pytest.fixture(scope="module")
def country():
    return national_units()


@pytest.fixture(scope="module")
def sample():
    """The sample's registry as the dataset loader builds it: the country's units merged with
    products/units.yaml (own codes such as san-thang, tied by gso_code to the country's units)."""
    problems = []
    units, _ = read_settings(SAMPLE_UNITS.parent, problems)
    assert "san-thang" in units.own_codes and not [p for p in problems if p.code == "SP016"]
    return units


@pytest.fixture(scope="module")
def lai_chau():
    return find_province("Lai Châu")


@pytest.fixture(scope="module")
def lam_dong():
    return find_province("Lâm Đồng")


# -- one unit -----------------------------------------------------------------------------------

def test_a_commune_and_its_district_before_the_reform(country):
    reading = read_unit("xã Thuận Hà, huyện Đắk Song", BEFORE, country)
    assert reading.unit.key == "24722@2025"
    assert country.where_text(reading.unit) == "Xã Thuận Hà, huyện Đắk Song, tỉnh Đắk Nông"
    assert (reading.candidates, reading.suggestions, reading.named) == ((), (), "xã Thuận Hà")


def test_a_ward_of_today(country, lam_dong):
    reading = read_unit("phường Phan Thiết", AFTER, country)
    assert (reading.unit.code, reading.unit.start) == ("22945", date(2025, 7, 1))
    assert country.province_of(reading.unit) == lam_dong
    assert read_unit("phường Phan Thiết", AFTER, country, lam_dong).unit == reading.unit


def test_spaces_case_diacritics_and_a_trailing_full_stop_do_not_matter(country):
    for text in ("  xã   Thuận Hà ,  huyện  Đắk Song. ", "XA THUAN HA, HUYEN DAK SONG", "Xã Thuận Hà; H. Đắk Song",
                 "xã Thuận Hà - huyện Đắk Song - tỉnh Đắk Nông.", "X.Thuận Hà, H.Đắk Song, T.Đắk Nông"):
        assert read_unit(text, BEFORE, country).unit.key == "24722@2025", text


def test_thanh_pho_is_a_city_of_a_province_or_a_province_level_city(country):
    assert read_unit("phường Cống Vị, quận Ba Đình, thành phố Hà Nội", BEFORE, country).unit.key == "00007@2025"
    assert read_unit("phường Cống Vị, TP. Hà Nội", BEFORE, country).unit.key == "00007@2025"
    assert read_unit("Tt. Tam Đường", BEFORE, country).unit.name_vi == "Thị trấn Tam Đường"
    assert read_unit("TT Tam Đường", BEFORE, country).unit.name_vi == "Thị trấn Tam Đường"


def test_a_name_whose_first_word_folds_to_a_kind_word(country):
    """"Phương" is not "phường", nor "Tịnh" "tỉnh": without a kind word, the whole text is the name."""
    assert read_unit("Phương Trung", BEFORE, country).unit.name_vi == "Xã Phương Trung"
    assert read_unit("Tịnh Hà", BEFORE, country).unit.name_vi == "Thị trấn Tịnh Hà"


def test_a_name_with_a_dash_is_one_part(country):
    assert read_unit("Phường Lâm Viên - Đà Lạt", AFTER, country).unit.code == "24778"
    reading = read_unit("xã Long Sơn, thành phố Vũng Tàu, tỉnh Bà Rịa - Vũng Tàu", BEFORE, country)
    assert country.where_text(reading.unit) == "Xã Long Sơn, thành phố Vũng Tàu, tỉnh Bà Rịa - Vũng Tàu"


def test_the_within_column_narrows_like_a_part_of_the_text(country):
    assert read_unit("Thuận Hà", BEFORE, country, within="huyện Đắk Song").unit.key == "24722@2025"
    assert read_unit("Thuận Hà", BEFORE, country, within="Đắk Song").unit.key == "24722@2025"
    assert read_unit("Thuận Hà", BEFORE, country, within="Đắk Nông").unit.key == "24722@2025"
    wrong = read_unit("Thuận Hà", BEFORE, country, within="huyện Đắk Mil")
    assert wrong.unit is None and "24722@2025" in [u.key for u in wrong.suggestions]


def test_a_text_mixing_the_periods_is_read_loosely_when_nothing_fits_strictly(country):
    """An address written with a district that no longer exists, or with today's province for a
    commune of before: the commune that took communes of that district, the province it merged into."""
    assert read_unit("phường Tân Phong, thành phố Lai Châu", AFTER, country).unit.code == "03408"
    assert read_unit("xã Thuận Hà, tỉnh Lâm Đồng", BEFORE, country).unit.key == "24722@2025"


# -- several ------------------------------------------------------------------------------------

def test_phuong_1_without_its_district_is_several_wards(country):
    reading = read_unit("Phường 1", date(2024, 1, 1), country)
    assert reading.unit is None and len(reading.candidates) > 10 and reading.suggestions == ()
    assert {u.name_vi for u in reading.candidates} == {"Phường 1"}
    assert all(u.exists_on(date(2024, 1, 1)) for u in reading.candidates)
    where = [country.where_text(u) for u in reading.candidates]
    assert where == sorted(where) and "Phường 1, thành phố Bảo Lộc, tỉnh Lâm Đồng" in where


def test_phuong_1_with_its_city_is_one_ward(country):
    expected = "24823@2025"
    day = date(2024, 1, 1)
    assert read_unit("Phường 1", day, country, within="thành phố Bảo Lộc").unit.key == expected
    for text in ("Phường 1, thành phố Bảo Lộc", "phường 01, TP. Bảo Lộc", "P.1, thành phố Bảo Lộc", "P. 01, Bảo Lộc"):
        reading = read_unit(text, day, country)
        assert (reading.unit.key, reading.candidates) == (expected, ()), text


# -- the sample's own codes ----------------------------------------------------------------------

def test_an_address_of_the_sample_is_its_own_code_not_the_gso_one(sample, lai_chau):
    reading = read_unit("Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu", DECIDED, sample, lai_chau)
    assert (reading.unit.code, reading.candidates, reading.named) == ("san-thang", (), "xã San Thàng")
    assert sample.by_code["03409"]  # the country's unit is there too, and is the same place


@pytest.mark.parametrize("text", ["San Thàng", "XA SAN THANG", "xa san thang", "Xã San Thàng.", "X. San Thàng"])
def test_the_commune_alone_in_a_column(sample, lai_chau, text):
    assert read_unit(text, DECIDED, sample, lai_chau).unit.code == "san-thang"
    assert read_unit(text, DECIDED, sample).unit.code == "san-thang"  # a dataset of the whole country


@pytest.mark.parametrize("text", ["P.Tân Phong", "p. tân phong", "Phường Tân Phong", "P.TAN PHONG"])
def test_an_abbreviated_ward(sample, lai_chau, text):
    assert read_unit(text, DECIDED, sample, lai_chau).unit.code == "tan-phong"
    assert read_unit(text, AFTER, sample, lai_chau).unit.code == "phuong-tan-phong"


def test_a_typo_suggests_the_commune_once(sample, lai_chau):
    reading = read_unit("xã San Thàn", DECIDED, sample, lai_chau)
    assert (reading.unit, reading.candidates, reading.named) == (None, (), "xã San Thàn")
    assert reading.suggestions[0].code == "san-thang"
    assert "03409" not in [u.code for u in reading.suggestions]  # the same place is suggested once
    assert 1 <= len(reading.suggestions) <= 3


def test_a_name_outside_the_datasets_province_is_not_read(sample, lai_chau):
    reading = read_unit("xã Thuận Hà, huyện Đắk Song", BEFORE, sample, lai_chau)
    assert (reading.unit, reading.candidates) == (None, ())
    assert all(sample.in_province(u, lai_chau) is not False for u in reading.suggestions)
    assert read_unit("xã Thuận Hà, huyện Đắk Song", BEFORE, sample).unit.key == "24722@2025"


# -- the other period ---------------------------------------------------------------------------

def test_a_name_of_before_after_the_reform_suggests_it_and_what_it_became(country):
    reading = read_unit("xã Thuận Hà, huyện Đắk Song", AFTER, country)
    assert (reading.unit, reading.candidates, reading.named) == (None, (), "xã Thuận Hà")
    keys = [u.key for u in reading.suggestions]
    assert "24722@2025" in keys
    assert reading.suggestions[0].name_vi == "Xã Thuận Hạnh"  # what it became, which exists on the day
    _existing_first(reading.suggestions, AFTER)


def test_a_name_of_today_before_the_reform_suggests_it(country, lam_dong):
    reading = read_unit("phường Phan Thiết", BEFORE, country, lam_dong)
    assert (reading.unit, reading.candidates) == (None, ())
    assert "22945" in [u.key for u in reading.suggestions]
    _existing_first(reading.suggestions, BEFORE)


def _existing_first(suggestions, day):
    existing = [u.exists_on(day) for u in suggestions]
    assert existing == sorted(existing, reverse=True)


# -- a code -------------------------------------------------------------------------------------

def test_a_gso_code_is_read_with_its_day(country):
    """Codes repeat across the periods: 24722 was xã Thuận Hà, and is xã Thuận Hạnh since 01/07/2025."""
    assert read_unit("24722", BEFORE, country).unit.name_vi == "Xã Thuận Hà"
    assert read_unit(" 24722 ", AFTER, country).unit.name_vi == "Xã Thuận Hạnh"
    assert read_unit("03409", DECIDED, country).unit.key == "03409@2025"
    assert read_unit("3409", DECIDED, country).unit.key == "03409@2025"  # a number cell lost its zero
    assert read_unit("105", DECIDED, country).unit is None  # thành phố Lai Châu: not a commune


def test_a_code_in_the_sample(sample, lai_chau):
    assert read_unit("san-thang", DECIDED, sample, lai_chau).unit.code == "san-thang"
    assert read_unit("03409", DECIDED, sample, lai_chau).unit.code == "san-thang"  # the same place
    gone = read_unit("san-thang", AFTER, sample, lai_chau)  # it ended on 30/06/2025
    assert gone.unit is None and "san-thang" in [u.code for u in gone.suggestions]


# -- nothing ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   ", ",;", "huyện Đắk Song", "tỉnh Lâm Đồng"])
def test_a_text_naming_no_commune(country, text):
    reading = read_unit(text, BEFORE, country)
    assert (reading.unit, reading.candidates) == (None, ())


# -- cost and robustness ------------------------------------------------------------------------

def test_a_thousand_different_texts_take_well_under_a_second(country):
    rng = random.Random(20251)
    communes = sorted((u for u in country.by_key.values() if u.level == "commune"), key=lambda u: u.key)
    texts = []
    for unit in rng.sample(communes, 1000):
        bare = unit.name_vi[len(UNIT_KINDS[unit.kind][1]) + 1:]
        where = country.where_text(unit).split(", ")
        text = rng.choice([", ".join(where[:2]), where[0], bare, bare.upper()])
        texts.append((text, BEFORE if unit.end else AFTER, unit))
    read_unit(*texts[0][:2], country)  # the registry's name index is built once per process
    started = time.perf_counter()
    readings = [read_unit(text, day, country) for text, day, _ in texts]
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, elapsed
    for (text, _, unit), reading in zip(texts, readings):
        assert reading.unit == unit or unit in reading.candidates, text


PIECES = ["xã ", "Phường ", "P.", "TT ", "huyện ", "thành phố ", "TP.", "tỉnh ", "Lai Châu", "San Thàng", "1",
          "01", "Bà Rịa - Vũng Tàu", ", ", "; ", " - ", ".", "  ", "Đ", "’", "-", "0", "thị xã "]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=8).map("".join),
       st.dates(date(2020, 1, 1), date(2027, 12, 31)), st.sampled_from(["", "huyện Đắk Song", "Lai Châu", "-"]))
def test_any_text_gives_a_reading_and_never_raises(sample, lai_chau, text, day, within):
    reading = read_unit(text, day, sample, lai_chau, within)
    assert isinstance(reading, UnitReading)
    assert reading.unit is None or (reading.unit.exists_on(day) and reading.unit.level == "commune")
    assert not (reading.unit and (reading.candidates or reading.suggestions))
    assert len(reading.candidates) != 1 and len(reading.suggestions) <= 3
