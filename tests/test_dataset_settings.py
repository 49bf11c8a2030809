"""Another district or province uses the tool by bringing its own units and id prefix."""

from conftest import GOOD_RECORD, TODAY, TODAY_ARG, write_record

from ocop.reading.dataset import load_dataset
from ocop.rules.facts import product_facts

TAM_DUONG_UNITS = """\
area: {vi: huyện Tam Đường, en: Tam Duong district}
units:
  - code: binh-lu
    name: {vi: Xã Bình Lư, en: Binh Lu commune}
    kind: xa
    gso_code: "03418"
    until: 2025-06-30
    successor: xa-binh-lu
  - code: xa-binh-lu
    name: {vi: Xã Bình Lư (mới), en: Binh Lu commune (new)}
    kind: xa
    from: 2025-07-01
"""


def tam_duong_record(record_id="TD-0001", unit="binh-lu"):
    return GOOD_RECORD.replace("id: LC-0001", f"id: {record_id}").replace("unit: san-thang", f"unit: {unit}")


def test_a_dataset_brings_its_own_units(products):
    (products / "units.yaml").write_text(TAM_DUONG_UNITS, encoding="utf-8")
    write_record(products, "TD-0001", tam_duong_record())
    dataset = load_dataset(products, TODAY)
    assert dataset.problems == []
    facts = product_facts(dataset.products[0], dataset.units, TODAY)
    assert facts.unit_on_certificate.name_vi == "Xã Bình Lư"
    assert facts.unit_today.name_vi == "Xã Bình Lư (mới)"


def test_a_dataset_without_the_sample_units_file_does_not_know_its_short_codes(products, run_ocop):
    (products / "units.yaml").write_text(TAM_DUONG_UNITS, encoding="utf-8")
    write_record(products, "TD-0001", tam_duong_record(unit="san-thang"))
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert result.status == 1
    assert "products/TD-0001.yaml:7:7: lỗi SP210 [unit]" in result.out
    # The country's unit of that name is offered instead, by its GSO code.
    assert "Cách sửa: có phải: '03409' (Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu, …–30/06/2025)" in result.out


def test_without_a_units_file_the_countrys_units_apply(products):
    (products / "units.yaml").unlink()
    write_record(products, "LC-0001", GOOD_RECORD.replace("unit: san-thang", 'unit: "03409"'))
    dataset = load_dataset(products, TODAY)
    assert [p.code for p in dataset.errors] == []
    assert "san-thang" not in dataset.units.codes() and "03409" in dataset.units.codes()


def test_an_own_unit_with_the_code_of_a_national_one_overrides_it(products):
    (products / "units.yaml").write_text(
        'units:\n  - code: "03409"\n    name: {vi: Xã San Thàng (cũ), en: San Thang (old)}\n    kind: xa\n'
        "    until: 2025-06-30\n", encoding="utf-8")
    write_record(products, "LC-0001", GOOD_RECORD.replace("unit: san-thang", 'unit: "03409"'))
    dataset = load_dataset(products, TODAY)
    facts = product_facts(dataset.products[0], dataset.units, TODAY)
    assert facts.unit_place["vi"] == "Xã San Thàng (cũ), thành phố Lai Châu, tỉnh Lai Châu"
    assert facts.unit_today.name_vi == "Phường Tân Phong"  # its successor from the country's data


def test_the_id_prefix_of_the_dataset_is_enforced(products, run_ocop):
    (products / "dataset.yaml").write_text("id_prefix: TD\n", encoding="utf-8")
    write_record(products, "LC-0001", GOOD_RECORD)
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert result.status == 1
    assert ("products/LC-0001.yaml:1:5: lỗi SP203 [id]\n"
            "  Mã 'LC-0001' không bắt đầu bằng tiền tố 'TD-' của bộ dữ liệu. / "
            "Id 'LC-0001' does not start with the dataset's prefix 'TD-'.\n"
            "  Cách sửa: dùng mã dạng TD-0001. / Fix: use an id like TD-0001.") in result.out


def test_a_broken_units_file_is_reported_with_its_location(products, run_ocop):
    (products / "units.yaml").write_text("units:\n  - code: binh-lu\n    kind: huyenn\n", encoding="utf-8")
    result = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert result.status == 1
    assert "products/units.yaml:3:11: lỗi SP106 [units[0].kind]" in result.out
    assert "products/units.yaml:2:5: lỗi SP101 [units[0]]" in result.out
