"""The country's units shipped as data, read with a day; a dataset's province limits what a record
may name; a misspelled unit gets named suggestions; issuers are read against the unit data."""

from datetime import date

import pytest
from conftest import GOOD_RECORD, TODAY, TODAY_ARG, write_record

from ocop.places.country import closest_provinces, find_province, national_units, provinces, provinces_before
from ocop.places.issuers import read_issuer
from ocop.reading.dataset import load_dataset
from ocop.rules.facts import product_facts

BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


@pytest.fixture(scope="module")
def country():
    return national_units()


# -- the data ----------------------------------------------------------------------------------

def test_the_counts_of_both_periods(country):
    def count(level, current):
        return sum(1 for u in country.by_key.values() if u.level == level and (u.end is None) == current)

    assert (count("province", True), count("commune", True)) == (34, 3321)
    assert (count("province", False), count("district", False)) == (63, 696)
    # The communes as they stood on 30/06/2025 (the package's figure; "about 10,600" counted in 2019).
    assert count("commune", False) == 10035
    assert count("district", True) == 0  # no district level since 01/07/2025


def test_lai_chau_city_became_two_wards(country):
    """NQ 1670/NQ-UBTVQH15: the five wards and two communes of thành phố Lai Châu, with communes of
    Tam Đường and Phong Thổ, form phường Tân Phong and phường Đoàn Kết."""
    city = country.get("105", BEFORE)
    assert country.where_text(city) == "Thành phố Lai Châu, tỉnh Lai Châu"
    became = {}
    for unit in country.by_key.values():
        if unit.parent == city.key:
            became[unit.name_vi] = [country.by_key[k].name_vi for k in unit.successors]
    assert became == {
        "Phường Quyết Thắng": ["Phường Đoàn Kết"], "Phường Tân Phong": ["Phường Tân Phong"],
        "Phường Quyết Tiến": ["Phường Đoàn Kết"], "Phường Đoàn Kết": ["Phường Đoàn Kết"],
        "Xã Sùng Phài": ["Phường Đoàn Kết"], "Phường Đông Phong": ["Phường Tân Phong"],
        "Xã San Thàng": ["Phường Tân Phong"],
    }
    tan_phong = country.get("03408", AFTER)
    parts = sorted(country.where_text(u) for u in country.by_key.values() if tan_phong.key in u.successors)
    assert parts == ["Phường Tân Phong, thành phố Lai Châu, tỉnh Lai Châu",
                     "Phường Đông Phong, thành phố Lai Châu, tỉnh Lai Châu",
                     "Xã Bản Giang, huyện Tam Đường, tỉnh Lai Châu",
                     "Xã Nùng Nàng, huyện Tam Đường, tỉnh Lai Châu",
                     "Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu"]


def test_a_code_is_read_with_its_day_as_the_periods_reuse_codes(country):
    assert country.get("03408", BEFORE).name_vi == "Phường Đông Phong"
    assert country.get("03408", AFTER).name_vi == "Phường Tân Phong"
    assert country.get("03408", AFTER).period_text() == "01/07/2025–…"


def test_a_split_commune_names_each_of_its_successors(country):
    cong_vi = country.get("00007", BEFORE)
    assert country.where_text(cong_vi) == "Phường Cống Vị, quận Ba Đình, thành phố Hà Nội"
    assert [u.name_vi for u in country.current_all(cong_vi, TODAY)] == ["Phường Ngọc Hà", "Phường Giảng Võ"]
    assert country.today_text(cong_vi, TODAY) == "phường Ngọc Hà và phường Giảng Võ, thành phố Hà Nội"
    assert country.today_text(cong_vi, TODAY, "en") == "Ngoc Ha ward and Giang Vo ward, Ha Noi city"


def test_what_a_unit_became_is_told_for_the_day_asked(country):
    """Asked again and again (each product page of an old unit asks), the answer stays that of its day."""
    cong_vi = country.get("00007", BEFORE)
    assert country.today_text(cong_vi, TODAY) == "phường Ngọc Hà và phường Giảng Võ, thành phố Hà Nội"
    assert country.today_text(cong_vi, BEFORE) is None  # it still existed then
    assert country.today_text(cong_vi, TODAY) == "phường Ngọc Hà và phường Giảng Võ, thành phố Hà Nội"
    assert country.today_text(cong_vi, TODAY, "en") == "Ngoc Ha ward and Giang Vo ward, Ha Noi city"


def test_a_province_merged_into_another(country):
    lam_dong = find_province("Lâm Đồng")
    assert [p.name_vi for p in provinces_before(lam_dong)] == ["Tỉnh Bình Thuận", "Tỉnh Đắk Nông", "Tỉnh Lâm Đồng"]
    thuan_ha = country.get("24722", BEFORE)
    assert country.where_text(thuan_ha) == "Xã Thuận Hà, huyện Đắk Song, tỉnh Đắk Nông"
    assert country.today_text(thuan_ha, TODAY) == "xã Thuận Hạnh, tỉnh Lâm Đồng"
    assert country.in_province(thuan_ha, lam_dong) is True
    assert country.in_province(thuan_ha, find_province("Lai Châu")) is False


def test_english_forms_where_none_exists(country):
    assert country.get("24722", BEFORE).name_en == "Thuan Ha commune"
    assert find_province("48").name_en == "Da Nang city"
    assert country.get("105", BEFORE).name_en == "Lai Chau city"


@pytest.mark.parametrize("text, name", [
    ("68", "Tỉnh Lâm Đồng"), ("Lâm Đồng", "Tỉnh Lâm Đồng"), ("tinh lam dong", "Tỉnh Lâm Đồng"),
    ("1", "Thành phố Hà Nội"), ("TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"), ("ca mau", "Tỉnh Cà Mau"),
    ("Đắk Lắk", "Tỉnh Đắk Lắk"), ("daklak", "Tỉnh Đắk Lắk"),
])
def test_a_province_by_code_or_name(text, name):
    assert find_province(text).name_vi == name


def test_a_province_that_is_no_more_is_not_one_of_the_34():
    assert find_province("Đắk Nông") is None
    assert len(provinces()) == 34
    assert [p.name_vi for p in closest_provinces("Lam Dog")][:1] == ["Tỉnh Lâm Đồng"]


# -- records: codes, did-you-mean, the dataset's province ----------------------------------------

def _record(unit, issuer="UBND thành phố Lai Châu", level="district", day="2024-06-28"):
    return (GOOD_RECORD.replace("unit: san-thang", f'unit: "{unit}"')
            .replace("issuer: UBND thành phố Lai Châu", f"issuer: {issuer}")
            .replace("level: district", f"level: {level}").replace("date: 2024-06-28", f"date: {day}"))


def _province_dataset(products, province):
    (products / "units.yaml").unlink()  # the country's GSO codes only
    (products / "dataset.yaml").write_text(_dataset_yaml(province), encoding="utf-8")


def _dataset_yaml(province):
    return (f"locality: {{vi: tỉnh {province}, en: {province} province}}\n"
            f"province: {province}\n"
            "office:\n"
            "  name: {vi: Sở Nông nghiệp và Môi trường, en: Department of Agriculture and Environment}\n"
            "  address: Số 1, đường Trần Phú\n"
            '  phone: "0263 3822 000"\n'
            "  email: ocop@example.vn\n"
            '  report: {phone: "0263 3822 000", email: ocop@example.vn}\n'
            "sample: false\n")


def test_a_record_names_its_unit_by_gso_code_and_the_page_says_where_it_lay(products):
    write_record(products, "LC-0001", _record("03409"))
    dataset = load_dataset(products, TODAY)
    assert [p.code for p in dataset.errors] == []
    facts = product_facts(dataset.products[0], dataset.units, TODAY)
    assert facts.unit_place["vi"] == "Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu"
    assert facts.unit_now == {"vi": "phường Tân Phong, tỉnh Lai Châu", "en": "Tan Phong ward, Lai Chau province"}
    assert facts.unit_today.code == "03408"


def test_the_sample_codes_keep_working_and_lie_where_their_gso_code_lay(products):
    write_record(products, "LC-0001", GOOD_RECORD)
    dataset = load_dataset(products, TODAY)
    facts = product_facts(dataset.products[0], dataset.units, TODAY)
    assert facts.unit_on_certificate.code == "san-thang" and facts.unit_today.code == "phuong-tan-phong"
    assert facts.unit_place["vi"] == "Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu"
    assert facts.unit_now["vi"] == "phường Tân Phong, tỉnh Lai Châu"


def test_a_misspelled_unit_gets_three_named_suggestions(products, run_ocop):
    write_record(products, "LC-0001", _record("san-thnag"))
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert result.status == 1
    assert ("products/LC-0001.yaml:7:7: lỗi SP210 [unit]\n"
            "  Đơn vị hành chính 'san-thnag' không có trong danh sách. / Administrative unit 'san-thnag' is not in"
            " the list.\n"
            "  Cách sửa: có phải: 'san-thang' (Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu, …–30/06/2025);"
            " '03409' (Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu, …–30/06/2025);") in result.out


def test_a_unit_written_as_its_name_without_diacritics_is_found(products, run_ocop):
    _province_dataset(products, "Lâm Đồng")
    write_record(products, "LC-0001", _record("xa thuan ha", issuer="UBND huyện Đắk Song"))
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    # The exact folded match first, then near spellings, from the province's units only.
    assert ("  Cách sửa: có phải: '24722' (Xã Thuận Hà, huyện Đắk Song, tỉnh Đắk Nông, …–30/06/2025);"
            " '23071' (Xã Thuận Hòa, huyện Hàm Thuận Bắc, tỉnh Bình Thuận, …–30/06/2025);"
            " '24724' (Xã Thuận Hạnh, huyện Đắk Song, tỉnh Đắk Nông, …–30/06/2025)?"
            " / Fix: did you mean: '24722' (Thuan Ha commune, Dak Song district, Dak Nong province,"
            " …–30/06/2025);") in result.out


def test_a_2024_certificate_of_dak_nong_is_at_home_in_lam_dong(products):
    _province_dataset(products, "Lâm Đồng")
    write_record(products, "LC-0001", _record("24722", issuer="UBND huyện Đắk Song"))
    dataset = load_dataset(products, TODAY)
    assert [p.code for p in dataset.problems if p.code.startswith("SP2") or p.code in ("SP306", "SP307")] == []
    facts = product_facts(dataset.products[0], dataset.units, TODAY)
    assert facts.unit_now["vi"] == "xã Thuận Hạnh, tỉnh Lâm Đồng"


def test_a_unit_outside_the_province_names_where_it_is(products, run_ocop):
    _province_dataset(products, "Lâm Đồng")
    write_record(products, "LC-0001", _record("03409"))
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert ("products/LC-0001.yaml:7:7: lỗi SP204 [unit]\n"
            "  Đơn vị '03409' (Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu) nằm ngoài tỉnh Lâm Đồng của bộ dữ"
            " liệu. / Unit '03409' (San Thang commune, Lai Chau city, Lai Chau province) lies outside the"
            " dataset's Lam Dong province.\n"
            "  Cách sửa: ghi mã của một đơn vị thuộc tỉnh Lâm Đồng (trước 01/07/2025: thuộc tỉnh Bình Thuận,"
            " tỉnh Đắk Nông, tỉnh Lâm Đồng), hoặc kiểm tra 'province' trong dataset.yaml.") in result.out


def test_a_unit_that_did_not_exist_on_the_day_says_what_did(products, run_ocop):
    write_record(products, "LC-0001", _record("03403", day="2025-08-01", level="province", issuer="UBND tỉnh Lai Châu"))
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert ("lỗi SP211 [unit]\n"
            "  Đơn vị '03403' (Xã Sùng Phài, thành phố Lai Châu, tỉnh Lai Châu) không tồn tại vào ngày 01/08/2025"
            " (…–30/06/2025).") in result.out
    assert "Cách sửa: ghi đơn vị có hiệu lực vào ngày đó: '03388' (Phường Đoàn Kết)." in result.out


# -- issuers that existed -----------------------------------------------------------------------

@pytest.mark.parametrize("day, level, codes", [
    ("2025-06-30", "district", []),  # the district's last day: a committee still signed
    ("2025-07-01", "district", ["SP205", "SP306"]),  # no district body from the first day of the reform
    ("2025-07-05", "district", ["SP205", "SP306"]),  # ... although qd148-2023 still named it until 05/07
    ("2025-07-06", "district", ["SP231", "SP306"]),  # from 06/07 the rule set itself refuses it
])
def test_a_district_certificate_needs_a_district_body_on_its_date(products, day, level, codes):
    record = _record("san-thang", issuer="UBND thành phố Lai Châu", level=level, day=day)
    record = record.replace("date: 2024-06-20", "date: 2025-06-20")
    write_record(products, "LC-0001", record)
    found = sorted(p.code for p in load_dataset(products, TODAY).problems if p.path.startswith("certificates"))
    assert found == sorted(codes)


def test_the_issuer_of_dak_nong_in_july_2025_is_a_warning_that_says_what_was_found(products, run_ocop):
    _province_dataset(products, "Lâm Đồng")
    record = _record("24722", issuer="UBND huyện Đức Trọng", day="2025-07-03")
    write_record(products, "LC-0001", record.replace("date: 2024-06-20", "date: 2025-06-20"))
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert ("cảnh báo SP306 [certificates[0].issuer]\n"
            "  Cơ quan ban hành 'UBND huyện Đức Trọng': không có huyện Đức Trọng vào ngày 03/07/2025 (có: Huyện"
            " Đức Trọng, tỉnh Lâm Đồng …–30/06/2025). / Issuer 'UBND huyện Đức Trọng': there was no district"
            " Đức Trọng on 03/07/2025 (found: Duc Trong district, Lam Dong province …–30/06/2025).") in result.out
    assert "lỗi SP205 [certificates[0].level]" in result.out


def test_an_issuer_outside_the_province_and_of_another_level_are_warnings(products, run_ocop):
    _province_dataset(products, "Lâm Đồng")
    write_record(products, "LC-0001", _record("24722", issuer="UBND tỉnh Lai Châu"))
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert ("cảnh báo SP308 [certificates[0].issuer]\n"
            "  Cơ quan ban hành 'UBND tỉnh Lai Châu' là cấp tỉnh, nhưng 'level' ghi 'district'. / Issuer 'UBND tỉnh"
            " Lai Châu' is a province-level body, but 'level' says 'district'.") in result.out
    assert ("cảnh báo SP307 [certificates[0].issuer]\n"
            "  Cơ quan ban hành 'UBND tỉnh Lai Châu': Tỉnh Lai Châu nằm ngoài tỉnh Lâm Đồng (trước 01/07/2025: tỉnh"
            " Bình Thuận, tỉnh Đắk Nông, tỉnh Lâm Đồng).") in result.out


@pytest.mark.parametrize("text, day, level, names", [
    ("UBND huyện Đắk Song", BEFORE, "district", ["Huyện Đắk Song"]),
    ("Ủy ban nhân dân tỉnh Lâm Đồng", AFTER, "province", ["Tỉnh Lâm Đồng"]),
    ("UBND thành phố Lai Châu", BEFORE, "district", ["Thành phố Lai Châu"]),
    ("UBND TP. Hồ Chí Minh", AFTER, "province", ["Thành phố Hồ Chí Minh"]),
    ("UBND thị xã Gia Nghĩa", BEFORE, "district", []),  # a city since 2019: no such town (SP306)
    ("Bộ Nông nghiệp và Phát triển nông thôn", BEFORE, "central", []),
    ("Sở Công Thương", BEFORE, None, []),
])
def test_issuer_texts_as_officers_write_them(country, text, day, level, names):
    reading = read_issuer(text, day, country)
    assert (reading.level, [u.name_vi for u in reading.units]) == (level, names)


def test_a_gso_code_that_lost_its_leading_zero_is_suggested_first(products, run_ocop):
    write_record(products, "LC-0001", _record("3409"))
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert ("  Cách sửa: có phải: '03409' (Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu, …–30/06/2025);"
            in result.out)
