"""`ocop import`: an officer's annex, as ministries and provinces type them, becomes records.

The annexes are invented and built here with openpyxl: a title merged across the top, a blank line,
the header, a row of column numbers, a decision number merged down over two products, dates as
date cells and as text, units before and after 01/07/2025, and one bad row of each kind. Every
test runs the command as an officer would and reads what it printed and wrote.
"""

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import SCRATCH_DATASET, TODAY, TODAY_ARG
from test_new_and_schema import clean_git_env  # noqa: F401 - a fixture: git in a temporary repository

from ocop.reading.dataset import load_dataset

HEADER = ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Xã/Phường", "Hạng sao", "Số quyết định",
          "Ngày quyết định", "Cơ quan ban hành", "Ghi chú"]
TITLE = "DANH SÁCH SẢN PHẨM ĐẠT CHỨNG NHẬN OCOP THÀNH PHỐ LAI CHÂU"
GOOD_ROWS = [
    [1, "Chè Shan tuyết San Thàng", "HTX Chè San Thàng", "Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu",
     "San Thàng", "3 sao", "1234/QĐ-UBND", datetime(2024, 6, 28), "UBND thành phố Lai Châu", None],
    [2, "Miến dong Tân Phong", "Cơ sở sản xuất miến Hùng Thắm", "Tổ 5, phường Tân Phong", "phường Tân Phong",
     "★★★", None, "28/6/2024", "UBND thành phố Lai Châu", "cùng quyết định"],
    [3, "Mật ong bạc hà Đoàn Kết", "Công ty TNHH Ong Đoàn Kết", "Số 8 đường Lê Duẩn", "phường Đoàn Kết", "4*",
     "2156/QĐ-UBND", "2026-06-30", "UBND tỉnh Lai Châu", None],
]
BAD_ROWS = [
    [4, "Rượu ngô Sùng Phài", "Tổ hợp tác rượu Sùng Phài", "Bản Sùng Phài", "xã Sùng Phài", 3, "99/QĐ-UBND",
     "31/02/2024", "UBND thành phố Lai Châu", None],
    [5, "Gạo nếp Tả Làn Than", "HTX Tả Làn Than", "Bản Tả Làn Than", "xã San Thàng", "2 sao", "99/QĐ-UBND",
     "20/5/2024", "UBND thành phố Lai Châu", None],
    [6, "Chè xanh Bản Cư", "HTX Bản Cư", "Bản Cư", "xã Không Có", 3, "99/QĐ-UBND", "20/5/2024",
     "UBND thành phố Lai Châu", None],
    [7, "Thịt trâu gác bếp", None, "Bản Gia Khâu", "xã Nậm Loỏng", 3, "99/QĐ-UBND", "20/5/2024",
     "UBND thành phố Lai Châu", None],
]
TOTAL_ROW = [None, None, "Tổng cộng: 3 sản phẩm", None, None, None, None, None, None, None]


def annex(path, rows=GOOD_ROWS, header=HEADER, sheet="Phụ lục"):
    """A workbook as a province sends it: title (A1, merged), blank row, header (row 3), column numbers
    (row 4), then ``rows`` from row 5; the decision of the first row merged down over the second."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append([])
    ws.append(header)
    ws.append([f"({n})" for n in range(1, len(header) + 1)])
    for row in rows:
        ws.append(row)
    if len(rows) > 1 and len(rows[1]) > 6 and rows[1][6] is None:
        ws.merge_cells("G5:G6")
    book.save(path)
    return path


@pytest.fixture
def products(products):
    """The scratch folder as a dataset of Lai Châu province: units are read within it."""
    (products / "dataset.yaml").write_text(SCRATCH_DATASET + 'province: "12"\n', encoding="utf-8")
    return products


@pytest.fixture
def sheet(tmp_path):
    return annex(tmp_path / "phu-luc.xlsx")


def run_import(run_ocop, *argv):
    return run_ocop("import", *argv, "--products", "products", "--today", TODAY_ARG)


def record(products, record_id):
    return (products / f"{record_id}.yaml").read_text(encoding="utf-8")


def test_an_annex_becomes_records_that_validate(products, run_ocop, sheet):
    result = run_import(run_ocop, sheet)
    assert result.status == 0, result.out
    assert sorted(p.name for p in products.glob("*.yaml")) == [
        "LC-0001.yaml", "LC-0002.yaml", "LC-0003.yaml", "dataset.yaml", "units.yaml"]
    first = record(products, "LC-0001")
    for line in ("id: LC-0001", "  vi: Chè Shan tuyết San Thàng", "product_set: 11", "unit: san-thang",
                 "  name: HTX Chè San Thàng", "  kind: cooperative",
                 "  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu",
                 "  - decision: 1234/QĐ-UBND", "    date: 2024-06-28", "    issuer: UBND thành phố Lai Châu",
                 "    level: district", "    stars: 3"):
        assert any(text.startswith(line) for text in first.splitlines()), line
    second = record(products, "LC-0002")
    # The decision merged down over two rows, the date typed as text, the stars as ★★★, an old ward.
    assert "  - decision: 1234/QĐ-UBND" in second and "    date: 2024-06-28" in second
    assert "unit: tan-phong" in second and "    stars: 3" in second and "  kind: household" in second
    third = record(products, "LC-0003")
    # A 2026 decision names a ward of today.
    assert "unit: phuong-doan-ket" in third and "    level: province" in third and "  kind: enterprise" in third
    assert "    stars: 4" in third and "product_set: 4" in third
    validate = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert " lỗi SP" not in validate.out, validate.out
    assert "0 lỗi" in validate.out


def test_what_was_guessed_is_said_and_marked(products, run_ocop, sheet):
    result = run_import(run_ocop, sheet)
    assert "Loại chủ thể suy từ tên / Producer kind inferred from the name:\n" \
           "  dòng/row 5: 'HTX' → cooperative\n" \
           "  dòng/row 6: 'Cơ sở' → household\n" \
           "  dòng/row 7: 'Công ty' → enterprise\n" in result.out
    assert "phu-luc.xlsx:Phụ lục:5:B: cảnh báo SP425 [Tên sản phẩm]" in result.out
    assert "to_confirm:\n  # bộ sản phẩm đề xuất" in record(products, "LC-0001")
    validate = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert "products/LC-0001.yaml:" in validate.out and "cảnh báo SP310 [to_confirm.product_set]" in validate.out


def test_the_unknown_column_is_named_not_dropped(products, run_ocop, sheet):
    result = run_import(run_ocop, sheet)
    assert ("phu-luc.xlsx:Phụ lục:3:J: cảnh báo SP420 [Ghi chú]\n"
            "  Cột 'Ghi chú' không khớp trường nào nên không được nhập.") in result.out


def test_bad_rows_are_located_and_not_written_the_good_ones_are(products, run_ocop, tmp_path):
    path = annex(tmp_path / "phu-luc.xlsx", GOOD_ROWS + BAD_ROWS + [TOTAL_ROW])
    result = run_import(run_ocop, path)
    assert result.status == 1
    out = result.out
    assert "phu-luc.xlsx:Phụ lục:8:H: lỗi SP411 [Ngày quyết định]\n  Không hiểu ngày '31/02/2024'." in out
    assert "phu-luc.xlsx:Phụ lục:9:F: lỗi SP412 [Hạng sao]\n  Không hiểu hạng sao '2 sao'" in out
    assert "phu-luc.xlsx:Phụ lục:10:E: lỗi SP413 [Xã/Phường]\n  Không tìm thấy đơn vị hành chính 'xã Không Có'" in out
    assert "phu-luc.xlsx:Phụ lục:11:C: lỗi SP410 [Chủ thể]\n  Dòng này thiếu tên chủ thể (cột 'Chủ thể')." in out
    assert "phu-luc.xlsx:Phụ lục:12:B: cảnh báo SP421 [Tên sản phẩm]" in out
    assert sorted(p.stem for p in products.glob("LC-*.yaml")) == ["LC-0001", "LC-0002", "LC-0003"]
    assert "đã nhập 3 hồ sơ mới, cập nhật 0; 0 dòng đã có; 0 dòng khác hồ sơ chưa ghi; 4 dòng lỗi không ghi; " \
           "2 dòng bỏ qua." in out


def test_importing_the_same_file_again_changes_nothing(products, run_ocop, sheet):
    run_import(run_ocop, sheet)
    before = {p.name: p.read_bytes() for p in products.glob("*.yaml")}
    again = run_import(run_ocop, sheet)
    assert again.status == 0
    assert {p.name: p.read_bytes() for p in products.glob("*.yaml")} == before
    assert again.out.count("SP422") == 3
    assert ("phu-luc.xlsx:Phụ lục:5: cảnh báo SP422\n"
            "  Dòng này trùng LC-0001 (cùng quyết định, tên sản phẩm và chủ thể) nên không nhập lại.") in again.out


def test_a_row_that_differs_is_reported_then_applied_with_update(products, run_ocop, tmp_path):
    run_import(run_ocop, annex(tmp_path / "a.xlsx"))
    first = record(products, "LC-0001")
    rows = [list(row) for row in GOOD_ROWS]
    rows[0][3] = "Bản Lùng Thàng mới, xã San Thàng"
    rows[0][7] = datetime(2024, 6, 27)  # the date typed wrong in the first list
    changed = annex(tmp_path / "b.xlsx", rows)
    result = run_import(run_ocop, changed)
    assert result.status == 1
    assert ("b.xlsx:Phụ lục:5:D: cảnh báo SP423 [Địa chỉ]\n"
            "  LC-0001: 'producer.address' trong hồ sơ là 'Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu', "
            "trong danh sách là 'Bản Lùng Thàng mới, xã San Thàng'.") in result.out
    assert "b.xlsx:Phụ lục:5:H: cảnh báo SP423 [Ngày quyết định]" in result.out
    assert record(products, "LC-0001") == first, "never overwritten without --update"

    updated = run_import(run_ocop, changed, "--update")
    assert updated.status == 0, updated.out
    after = record(products, "LC-0001")
    assert "  address: Bản Lùng Thàng mới, xã San Thàng\n" in after
    assert "    date: 2024-06-27  # ngày quyết định" in after
    # Only those two lines changed; every comment stays.
    old_lines, new_lines = first.splitlines(), after.splitlines()
    assert len(old_lines) == len(new_lines)
    assert [(a, b) for a, b in zip(old_lines, new_lines) if a != b] == [
        ("  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu", "  address: Bản Lùng Thàng mới, xã San Thàng"),
        ("    date: 2024-06-28  # ngày quyết định, bắt buộc / decision date",
         "    date: 2024-06-27  # ngày quyết định, bắt buộc / decision date")]
    assert "Đã ghi thay đổi / Written changes:\n" in updated.out


def test_a_new_decision_for_a_known_product_is_added_to_its_record(products, run_ocop, tmp_path):
    run_import(run_ocop, annex(tmp_path / "a.xlsx"))
    rerated = [[1, "Chè Shan tuyết San Thàng", "HTX Chè San Thàng",
                "Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu", "phường Tân Phong", 4, "77/QĐ-UBND",
                "15/06/2027", "UBND tỉnh Lai Châu", None]]
    path = annex(tmp_path / "c.xlsx", rerated)
    result = run_ocop("import", path, "--products", "products", "--today", "2027-07-01")
    assert result.status == 1
    assert "  LC-0001: 'certificates' trong hồ sơ là '—', trong danh sách là '77/QĐ-UBND (15/06/2027, 4★)'." \
           in result.out
    result = run_ocop("import", path, "--products", "products", "--today", "2027-07-01", "--update")
    assert result.status == 0, result.out
    text = record(products, "LC-0001")
    assert text.index("1234/QĐ-UBND") < text.index("77/QĐ-UBND")
    # The unit is the one the newest certificate names: the ward of today.
    assert "unit: phuong-tan-phong" in text
    assert sorted(p.stem for p in products.glob("LC-*.yaml")) == ["LC-0001", "LC-0002", "LC-0003"]


def test_dry_run_prints_and_writes_nothing(products, run_ocop, sheet):
    result = run_import(run_ocop, sheet, "--dry-run")
    assert result.status == 0
    assert list(products.glob("LC-*.yaml")) == []
    assert "--- products/LC-0001.yaml ---\n" in result.out and "Sẽ ghi hồ sơ mới / Would write new records:" in result.out


def test_an_annex_of_one_decision_takes_the_decision_from_the_options(products, run_ocop, tmp_path):
    header = ["TT", "TÊN SẢN PHẨM", "TÊN CHỦ THỂ", "ĐỊA CHỈ"]
    rows = [[1, "Chè Shan tuyết San Thàng", "HTX Chè San Thàng", "xã San Thàng, thành phố Lai Châu"],
            [2, "Miến dong", "Hộ kinh doanh Lò Văn Hùng", "phường Tân Phong, thành phố Lai Châu"]]
    path = annex(tmp_path / "qd.xlsx", rows, header)
    result = run_import(run_ocop, path, "--decision", "1234/QĐ-UBND", "--date", "28/06/2024",
                        "--issuer", "UBND thành phố Lai Châu", "--stars", "3")
    assert result.status == 0, result.out
    second = record(products, "LC-0002")
    assert "unit: tan-phong" in second and "  - decision: 1234/QĐ-UBND" in second and "level: district" in second


@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t")],
                         ids=["utf-8", "utf-8-bom-semicolon", "utf-16-excel-unicode-text"])
def test_a_csv_in_each_encoding_excel_writes(products, run_ocop, tmp_path, encoding, delimiter):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER[:9])
    for row in GOOD_ROWS:
        writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, datetime) else ("" if v is None else v)
                         for v in row[:9]])
    path = tmp_path / "danh-sach.csv"
    text = buffer.getvalue().replace(",,", ",1234/QĐ-UBND,", 1) if delimiter == "," else buffer.getvalue()
    path.write_bytes(text.encode(encoding))
    result = run_import(run_ocop, path, "--decision", "1234/QĐ-UBND")
    assert result.status == 0, result.out
    assert "unit: tan-phong" in record(products, "LC-0002")
    assert "  vi: Mật ong bạc hà Đoàn Kết" in record(products, "LC-0003")


def test_a_unit_name_that_fits_many_units_lists_them(products, run_ocop, tmp_path):
    (products / "dataset.yaml").write_text(SCRATCH_DATASET, encoding="utf-8")  # the whole country
    rows = [[1, "Trà hoa vàng", "HTX Hoa Vàng", "Phường 1", "Phường 1", 3, "5/QĐ-UBND", "20/05/2024",
             "UBND tỉnh Lâm Đồng", None]]
    result = run_import(run_ocop, annex(tmp_path / "x.xlsx", rows))
    assert result.status == 1
    assert "x.xlsx:Phụ lục:5:E: lỗi SP414 [Xã/Phường]\n  'Phường 1' ứng với nhiều đơn vị vào ngày 20/05/2024: " \
           in result.out


@pytest.mark.parametrize("name,content,code", [
    ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "SP402"),
    ("mat-khau.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "SP403"),
    ("hong.xlsx", b"PK\x03\x04 not really a zip", "SP401"),
    ("rong.csv", b"", "SP405"),
    ("cp1258.csv", "Tên sản phẩm,Chủ thể\nChè,HTX\n".encode("cp1258", errors="replace"), "SP406"),
], ids=["old-xls", "password", "corrupt", "empty", "not-utf8"])
def test_a_file_that_cannot_be_imported_says_why_and_changes_nothing(products, run_ocop, tmp_path, name, content,
                                                                       code):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_import(run_ocop, path)
    assert result.status == 2
    assert f"{name}: lỗi {code}\n" in result.out and "Traceback" not in result.out + result.err
    assert result.out.endswith("Không nhập gì. / Nothing imported.\n")
    assert list(products.glob("LC-*.yaml")) == []


def test_a_sheet_without_a_header_row_is_refused(products, run_ocop, tmp_path):
    path = annex(tmp_path / "y.xlsx", [[1, 2, 3]], header=["a", "b", "c"])
    result = run_import(run_ocop, path)
    assert result.status == 2 and "y.xlsx:Phụ lục: lỗi SP408" in result.out


def test_map_names_a_column_the_wordings_do_not_know(products, run_ocop, tmp_path):
    header = ["STT", "Tên SP đạt chuẩn", "Chủ thể", "Địa chỉ", "Xã/Phường", "Hạng sao", "Số quyết định",
              "Ngày quyết định", "Cơ quan ban hành", "Ghi chú"]
    path = annex(tmp_path / "m.xlsx", GOOD_ROWS[:1], header)
    assert run_import(run_ocop, path).status == 2  # no name column: no header row
    result = run_import(run_ocop, path, "--map", "Tên SP đạt chuẩn=name")
    assert result.status == 0, result.out
    assert (products / "LC-0001.yaml").exists()
    bad = run_import(run_ocop, path, "--map", "Tên SP đạt chuẩn=ten")
    assert bad.status == 2 and "'ten' không phải trường nhập được" in bad.err


def test_two_hundred_rows_import_and_build_a_site(products, run_ocop, tmp_path):
    from test_site_build import run_build

    rows = [[n, f"Chè Shan tuyết số {n}", f"HTX Chè {n}", f"Bản {n}, xã San Thàng", "xã San Thàng", 3 + n % 3,
             f"{n}/QĐ-UBND", datetime(2024, 6, 28), "UBND tỉnh Lai Châu" if n % 3 == 2 else "Bộ Nông nghiệp",
             None] for n in range(1, 201)]
    for row in rows:
        row[8] = {3: "UBND thành phố Lai Châu", 4: "UBND tỉnh Lai Châu", 5: "Bộ Nông nghiệp và Phát triển nông thôn"}[
            row[5]]
    rows[-1][1] = "Đông trùng hạ thảo"  # a name that tells no product set: the record has none (SP426)
    result = run_import(run_ocop, annex(tmp_path / "lon.xlsx", rows))
    assert result.status == 0, result.out[:3000]
    assert len(list(products.glob("LC-*.yaml"))) == 200
    output = tmp_path / "site"
    build = run_build(products, output, tmp_path / "cache")
    assert build.returncode == 0, build.stdout + build.stderr
    pages = sorted(p.parent.name for p in (output / "p").glob("LC-*/index.html"))
    assert pages == [f"LC-{n:04d}" for n in range(1, 201)]
    page = (output / "p" / "LC-0199" / "index.html").read_text(encoding="utf-8")
    assert "Chè Shan tuyết số 199" in page and "HTX Chè 199" in page
    unsorted = (output / "p" / "LC-0200" / "index.html").read_text(encoding="utf-8")
    assert "Đông trùng hạ thảo" in unsorted and "None" not in unsorted
    assert "Bộ sản phẩm" not in unsorted, "no product set: the line is left out, not printed empty"
    # No group page of an empty name for a record without a set: every group folder has a named group.
    groups = [folder.name for folder in (output / "san-pham" / "nhom").iterdir() if folder.is_dir()]
    assert groups and all(groups), groups
    assert not (output / "san-pham" / "nhom" / "None").exists()
    # A list carries no description: the page leaves the section out rather than invent one.
    assert "<h2>Giới thiệu</h2>" not in page
    # Every product's list, in pages of 50 (san-pham/, san-pham/2/ …).
    catalogue = "".join(page.read_text(encoding="utf-8") for page in [output / "san-pham" / "index.html"]
                        + sorted((output / "san-pham").glob("[0-9]*/index.html")))
    assert "Đông trùng hạ thảo" in catalogue and " · </span>" not in catalogue
    shutil.rmtree(output)


def test_a_header_in_two_rows_is_read_with_the_row_under_it(products, run_ocop, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["STT", "Tên sản phẩm", "Chủ thể OCOP", None, "Xã/Phường", "Hạng sao", "Quyết định công nhận", None,
               "Cơ quan ban hành"])
    ws.append([None, None, "Tên", "Địa chỉ", None, None, "Số", "Ngày", None])
    for column in ("A", "B", "E", "F", "I"):
        ws.merge_cells(f"{column}1:{column}2")
    ws.merge_cells("C1:D1")
    ws.merge_cells("G1:H1")
    ws.append([1, "Chè Shan tuyết San Thàng", "HTX Chè San Thàng", "Bản Lùng Thàng", "xã San Thàng", 3,
               "1234/QĐ-UBND", "28/06/2024", "UBND thành phố Lai Châu"])
    path = tmp_path / "hai-dong.xlsx"
    book.save(path)
    result = run_import(run_ocop, path)
    assert result.status == 0, result.out
    text = record(products, "LC-0001")
    assert "  name: HTX Chè San Thàng" in text and "  address: Bản Lùng Thàng" in text
    assert "  - decision: 1234/QĐ-UBND" in text and "    date: 2024-06-28" in text


# -- a property: whatever the cells hold, a row is written clean or reported, never lost ----------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạếềệỏốồổộởờợúùủụứừửữựýAĐHQ0123456789 ,./-:*★()",
                max_size=24)
CELLS = {
    "Tên sản phẩm": st.one_of(st.sampled_from(["Chè Shan tuyết", "Miến dong", "Mật ong", ""]), _TEXT),
    "Chủ thể": st.one_of(st.sampled_from(["HTX Chè", "Công ty TNHH A", "Lò Văn Hùng", ""]), _TEXT),
    "Xã/Phường": st.one_of(st.sampled_from(["xã San Thàng", "phường Tân Phong", "Phường 1", "San Thàng", ""]), _TEXT),
    "Hạng sao": st.one_of(st.sampled_from(["3", "4 sao", "★★★★★", "2", ""]), _TEXT),
    "Số quyết định": st.one_of(st.sampled_from(["1234/QĐ-UBND", "1/QĐ-UBND ngày 28/6/2024", ""]), _TEXT),
    "Ngày quyết định": st.one_of(st.sampled_from(["28/06/2024", "2026-06-30", "31/02/2024", "45471", ""]), _TEXT),
    "Cơ quan ban hành": st.one_of(st.sampled_from(["UBND thành phố Lai Châu", "UBND tỉnh Lai Châu", "Bộ Nông nghiệp",
                                                   "Sở X", ""]), _TEXT),
    "Điện thoại": st.one_of(st.sampled_from(["0912.345.678", "912345678", "12", ""]), _TEXT),
    "Bộ sản phẩm": st.one_of(st.sampled_from(["11", "Chè tươi, chè chế biến", "27", ""]), _TEXT),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries(CELLS), min_size=1, max_size=4))
def test_any_row_is_written_clean_or_reported_never_lost(products, rows):
    import csv
    import io
    import tempfile

    from ocop.importing.plan import plan_import, write_plan
    from ocop.reading.dataset import load_dataset
    from conftest import TODAY

    with tempfile.TemporaryDirectory(dir=products.parent) as scratch:
        folder = Path(scratch) / "products"
        shutil.copytree(products, folder)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["Địa chỉ", *CELLS])
        writer.writeheader()
        for row in rows:
            writer.writerow({"Địa chỉ": "Bản Lùng Thàng", **row})
        path = Path(scratch) / "danh-sach.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        plan = plan_import(path, load_dataset(folder, TODAY, check_history=False))
        if plan.file_error is not None:  # e.g. every row blank: no data under the header
            assert plan.file_error.code in {"SP405", "SP408"}
            return
        write_plan(plan)
        written = {r.path.name for r in plan.new}
        errors = [p for p in load_dataset(folder, TODAY, check_history=False).errors
                  if Path(p.file).name in written]
        assert errors == [], "an imported row that passed its checks must validate"
        accounted = len(plan.new) + len(plan.failed) + len(plan.same) + len(plan.differing) + len(plan.skipped)
        # Every row has its address, so none is blank: each is accounted for.
        assert accounted == len(rows), "every row is written, refused, matched or reported as skipped"
        for row_number in plan.failed:
            assert any(p.line == row_number and p.is_error for p in plan.problems), "a refused row says why"


def test_a_mapping_file_a_phone_column_and_the_json_report(products, run_ocop, tmp_path):
    import json

    header = ["STT", "Sản phẩm đăng ký", "Chủ thể", "Địa chỉ", "Xã/Phường", "Hạng sao", "Số quyết định",
              "Ngày quyết định", "Cơ quan ban hành", "SĐT"]
    rows = [[1, "Chè Shan tuyết San Thàng", "HTX Chè San Thàng", "Bản Lùng Thàng", "xã San Thàng", 3,
             "1234/QĐ-UBND", "28/06/2024", "UBND thành phố Lai Châu", "0912.345.678"]]
    path = annex(tmp_path / "sdt.xlsx", rows, header)
    mapping = tmp_path / "cot.yaml"
    mapping.write_text("Sản phẩm đăng ký: name\n", encoding="utf-8")
    result = run_import(run_ocop, path, "--map-file", mapping, "--format", "json")
    assert result.status == 0, result.out
    report = json.loads(result.out)
    assert [(r["row"], r["id"], r["path"]) for r in report["new"]] == [(5, "LC-0001", "products/LC-0001.yaml")]
    assert report["inferred_kinds"] == [{"row": 5, "kind": "cooperative", "words": "HTX"}]
    assert [p["code"] for p in report["problems"]] == ["SP425"]
    assert '  phone: "0912 345 678"' in record(products, "LC-0001")


def test_help_lists_the_columns_recognised(run_ocop):
    result = run_ocop("import", "--help")
    assert result.status == 0
    assert "name: Tên sản phẩm, Sản phẩm" in " ".join(result.out.split())


def test_update_adds_a_value_the_record_lacked_under_its_group(products, run_ocop, tmp_path):
    run_import(run_ocop, annex(tmp_path / "a.xlsx"))
    header = HEADER[:9] + ["Điện thoại"]
    rows = [list(GOOD_ROWS[0][:9]) + ["0912345678"]]
    result = run_import(run_ocop, annex(tmp_path / "sdt.xlsx", rows, header), "--update")
    assert result.status == 0, result.out
    text = record(products, "LC-0001")
    assert ('  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu\n'
            '  phone: "0912 345 678"\n') in text
    assert "producer.phone: — → 0912 345 678" in result.out
    validate = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert " lỗi SP" not in validate.out


def test_a_mapping_file_naming_a_header_twice_is_refused(products, run_ocop, sheet, tmp_path):
    mapping = tmp_path / "cot.yaml"
    mapping.write_text("Ghi chú: name\nGhi chú: producer\n", encoding="utf-8")
    result = run_import(run_ocop, sheet, "--map-file", mapping)
    assert result.status == 2 and "dòng 2: Trường 'Ghi chú' xuất hiện hai lần" in result.err
    assert list(products.glob("LC-*.yaml")) == []


# -- dossiers: --registered, a list of registered products (ocop/cli/import_sheet.py, its [D]) --------

REGISTRATION_HEADER = ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Xã/Phường", "Bộ sản phẩm", "Điện thoại",
                       "Số quyết định"]  # the decision column of a template, left empty: no decision
REGISTRATION_ROWS = [
    [1, "Miến dong Tân Phong", "Hợp tác xã Miến dong Tân Phong", "Tổ 5, phường Tân Phong", "phường Tân Phong", 6,
     "0912345678", ""],
    [2, "Mật ong bạc hà Đoàn Kết", "Công ty TNHH Ong Đoàn Kết", "Số 8 đường Lê Duẩn", "phường Đoàn Kết", 4, "", ""],
]


def registration_list(path, rows=REGISTRATION_ROWS, header=REGISTRATION_HEADER):
    """A commune's list of the products registered for a round, as a CSV: no decision yet."""
    import csv

    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("typed", ["28/06/2026", "2026-06-28"])
def test_a_registration_list_becomes_candidates_with_their_first_dossier(products, run_ocop, tmp_path,
                                                                         clean_git_env, typed):
    from test_new_and_schema import FIRST_DOSSIER_LINES, git

    from ocop.rules.certificates import status_on

    git(products.parent, "init", "-q")
    result = run_import(run_ocop, registration_list(tmp_path / "dang-ky.csv"), "--registered", typed)
    assert result.status == 0, result.out + result.err
    assert "dang-ky.csv: đã nhập 2 hồ sơ mới, cập nhật 0; 0 dòng đã có;" in result.out
    data = load_dataset(products, TODAY)
    assert [(p.id, p.certificates, [(d.kind, d.registered, d.returned, d.assessed, d.forwarded, d.scored, d.decided,
                                      d.withdrawn) for d in p.dossiers]) for p in data.products] == [
        (record_id, [], [("first", date(2026, 6, 28), (), None, None, None, None, None)])
        for record_id in ("LC-0001", "LC-0002")]
    assert {status_on(p, TODAY).status for p in data.products} == {"candidate"}
    first = record(products, "LC-0001")
    assert FIRST_DOSSIER_LINES in first and "\ncertificates:" not in first
    assert "unit: phuong-tan-phong" in first and '  phone: "0912 345 678"' in first
    assert "# Sản phẩm mới đăng ký, chưa có quyết định công nhận: hồ sơ ứng viên" in first
    assert "unit: phuong-doan-ket" in record(products, "LC-0002")
    validate = run_ocop("validate", "--products", "products", "--today", TODAY_ARG)
    assert validate.status == 0 and "2 hồ sơ, 0 lỗi, 0 cảnh báo." in validate.out, validate.out
    git(products.parent, "add", "-A")
    git(products.parent, "commit", "-q", "-m", "dang ky")
    checked = run_ocop("format", "--products", "products", "--check")
    assert checked.status == 0, checked.out + checked.err


def test_a_registration_is_read_on_its_day_and_written_with_the_unit_of_today(products, run_ocop, tmp_path):
    rows = [[1, "Chè Shan tuyết San Thàng", "HTX Chè San Thàng", "Bản Lùng Thàng", "xã San Thàng", 11, "", ""],
            [2, "Miến dong Tân Phong", "HTX Miến dong", "Tổ 5", "phường Tân Phong", 6, "", ""]]
    result = run_import(run_ocop, registration_list(tmp_path / "2025.csv", rows), "--registered", "02/06/2025")
    assert result.status == 0, result.out
    # Both were communes of 02/06/2025, merged into phường Tân Phong on 01/07/2025: a candidate's unit is today's.
    assert [(p.unit, p.dossiers[0].registered) for p in load_dataset(products, TODAY).products] == [
        ("phuong-tan-phong", date(2025, 6, 2))] * 2
    assert "0 lỗi" in run_ocop("validate", "--products", "products", "--today", TODAY_ARG).out


def test_a_bad_row_of_a_registration_list_is_located_the_others_written(products, run_ocop, tmp_path):
    rows = REGISTRATION_ROWS + [[3, "Rượu ngô", "", "Bản Sùng Phài", "xã Không Có", 3, "", ""]]
    result = run_import(run_ocop, registration_list(tmp_path / "dang-ky.csv", rows), "--registered", "28/06/2026")
    assert result.status == 1
    assert "dang-ky.csv:4:C: lỗi SP410 [Chủ thể]\n  Dòng này thiếu tên chủ thể (cột 'Chủ thể')." in result.out
    assert ("dang-ky.csv:4:E: lỗi SP413 [Xã/Phường]\n  Không tìm thấy đơn vị hành chính 'xã Không Có' vào ngày "
            "28/06/2026.") in result.out
    assert "? Ghi đơn vị có vào ngày tiếp nhận. / Fix: did you mean: " in result.out
    assert "Name the unit as it was on the registration date." in result.out
    assert "SP410 [Số quyết định]" not in result.out and "[Ngày quyết định]" not in result.out
    assert sorted(p.stem for p in products.glob("LC-*.yaml")) == ["LC-0001", "LC-0002"]


def test_dry_run_of_a_registration_list_writes_nothing(products, run_ocop, tmp_path):
    result = run_import(run_ocop, registration_list(tmp_path / "dang-ky.csv"), "--registered", "28/06/2026",
                        "--dry-run")
    assert result.status == 0
    assert "--- products/LC-0001.yaml ---\n" in result.out and "    registered: 2026-06-28  #" in result.out
    assert list(products.glob("LC-*.yaml")) == []


def test_a_registered_product_already_there_is_skipped_and_gets_no_second_dossier(products, run_ocop, tmp_path):
    path = registration_list(tmp_path / "dang-ky.csv")
    run_import(run_ocop, path, "--registered", "28/06/2026")
    before = {p.name: p.read_bytes() for p in products.glob("*.yaml")}
    for options in ((), ("--update",)):
        again = run_import(run_ocop, path, "--registered", "02/07/2026", *options)
        assert again.status == 0, again.out
        assert ("dang-ky.csv:2: cảnh báo SP422\n  Dòng này trùng LC-0001 (cùng tên sản phẩm và chủ thể) nên không "
                "nhập lại.") in again.out
        assert {p.name: p.read_bytes() for p in products.glob("*.yaml")} == before


def test_a_certified_product_in_a_registration_list_keeps_its_record(products, run_ocop, sheet, tmp_path):
    run_import(run_ocop, sheet)
    before = record(products, "LC-0002")
    # Miến dong Tân Phong, certified in 2024 in the old ward, registers again: neither its certificate's unit
    # nor its dossiers are the list's to change.
    rows = [[1, "Miến dong Tân Phong", "Cơ sở sản xuất miến Hùng Thắm", "Tổ 5, phường Tân Phong", "phường Tân Phong",
             6, "", ""]]
    result = run_import(run_ocop, registration_list(tmp_path / "lai.csv", rows), "--registered", "28/06/2026",
                        "--update")
    assert result.status == 0, result.out
    assert "Dòng này trùng LC-0002 (cùng tên sản phẩm và chủ thể) nên không nhập lại." in result.out
    assert record(products, "LC-0002") == before
    assert sorted(p.stem for p in products.glob("LC-*.yaml")) == ["LC-0001", "LC-0002", "LC-0003"]


WHY_NO_DECISION_VI = (
    "--registered nhập danh sách sản phẩm đăng ký, mỗi dòng thành hồ sơ ứng viên chưa có quyết định; hồ sơ đăng ký "
    "của sản phẩm đã được công nhận phải có quyết định sau lần hội đồng chấm điểm, điều danh sách không có")
WHY_NO_DECISION_EN = (
    "--registered imports a list of registered products, each row a candidate with no decision yet; the dossier of "
    "a recognised product would have to be decided after a council's scoring, which the list does not hold")


@pytest.mark.parametrize("options, named", [
    (("--decision", "1234/QĐ-UBND"), "--decision"),
    (("--date", "28/06/2024", "--issuer", "UBND thành phố Lai Châu", "--stars", "3"), "--date, --issuer, --stars"),
    (("--level", "district"), "--level"),
], ids=["decision", "date-issuer-stars", "level"])
def test_registered_with_a_decision_option_is_refused(products, run_ocop, tmp_path, options, named):
    result = run_import(run_ocop, registration_list(tmp_path / "dang-ky.csv"), "--registered", "28/06/2026", *options)
    assert (result.status, result.out) == (2, "")
    assert result.err == (
        f"Lỗi cách dùng / Usage error: --registered: không dùng cùng {named}: {WHY_NO_DECISION_VI}. Danh sách đăng "
        "ký: chỉ dùng --registered; danh sách quyết định công nhận: bỏ --registered. / cannot go with "
        f"{named}: {WHY_NO_DECISION_EN}. For a registration list give --registered alone; for a list of recognition "
        "decisions leave --registered out.\n"
        "Xem / See: ocop import --help\n")
    assert list(products.glob("LC-*.yaml")) == []


def test_registered_with_a_list_of_decisions_is_refused_and_nothing_is_imported(products, run_ocop, sheet):
    result = run_import(run_ocop, sheet, "--registered", "02/05/2024", "--dry-run")
    assert (result.status, result.out) == (2, "")
    assert result.err == (
        "Lỗi cách dùng / Usage error: --registered: phu-luc.xlsx:Phụ lục:5:F ghi '3 sao' trong cột 'Hạng sao', một "
        f"cột của quyết định công nhận: {WHY_NO_DECISION_VI}. Danh sách quyết định công nhận: nhập không có "
        "--registered; danh sách đăng ký: xoá cột đó. Không nhập gì. / --registered: phu-luc.xlsx:Phụ lục:5:F reads "
        f"'3 sao' in the column 'Hạng sao', a column of the recognition decision: {WHY_NO_DECISION_EN}. For a list "
        "of recognition decisions import without --registered; for a registration list delete that column. "
        "Nothing imported.\n"
        "Xem / See: ocop import --help\n")
    assert list(products.glob("LC-*.yaml")) == []


@pytest.mark.parametrize("typed, vi, en", [
    ("31/02/2026", "không hiểu ngày '31/02/2026': viết NGÀY/THÁNG/NĂM hoặc NĂM-THÁNG-NGÀY, ví dụ 28/11/2026 hoặc "
                   "2026-11-28",
     "'31/02/2026' is not a date: write DD/MM/YYYY or YYYY-MM-DD, e.g. 28/11/2026 or 2026-11-28"),
    ("2026-11-29", "ngày tiếp nhận 29/11/2026 ở sau hôm nay (28/11/2026): ghi ngày xã, phường đã nhận hồ sơ, muộn "
                   "nhất là hôm nay",
     "the registration date 29/11/2026 is after today (28/11/2026): give the day the commune received the dossier, "
     "today at the latest"),
    ("02/05/2017", "ngày tiếp nhận 02/05/2017 ở trước khi Chương trình OCOP bắt đầu (07/05/2018): kiểm tra năm trên "
                   "giấy tờ",
     "the registration date 02/05/2017 is before the OCOP programme began (07/05/2018): check the year on the "
     "documents"),
], ids=["not-a-date", "after-today", "before-the-programme"])
def test_a_bad_registration_date_is_a_bilingual_usage_error(products, run_ocop, tmp_path, typed, vi, en):
    result = run_import(run_ocop, registration_list(tmp_path / "dang-ky.csv"), "--registered", typed)
    assert (result.status, result.out) == (2, "")
    assert result.err == (f"Lỗi cách dùng / Usage error: --registered: {vi}. / {en}.\n"
                          "Xem / See: ocop import --help\n")
    assert list(products.glob("LC-*.yaml")) == []


def test_help_tells_registered(run_ocop):
    text = " ".join(run_ocop("import", "--help").out.split())
    assert "ocop import dang-ky-dot-1-2026.csv --registered 28/06/2026" in text
    assert "không sau --today" in text and "not after --today" in text


def test_a_registration_date_column_is_named_not_read(products, run_ocop, tmp_path):
    header = HEADER[:9] + ["Ngày tiếp nhận"]
    rows = [list(row[:9]) + ["02/05/2024"] for row in GOOD_ROWS]
    result = run_import(run_ocop, annex(tmp_path / "tiep-nhan.xlsx", rows, header))
    assert result.status == 0, result.out
    assert ("tiep-nhan.xlsx:Phụ lục:3:J: cảnh báo SP420 [Ngày tiếp nhận]\n"
            "  Cột 'Ngày tiếp nhận' không khớp trường nào nên không được nhập.") in result.out
    data = load_dataset(products, TODAY)
    assert [(p.id, p.dossiers) for p in data.products] == [("LC-0001", []), ("LC-0002", []), ("LC-0003", [])]
    mapped = run_import(run_ocop, annex(tmp_path / "map.xlsx", rows, header), "--map", "Ngày tiếp nhận=registered")
    assert mapped.status == 2
    assert "--map: 'registered' không phải trường nhập được" in mapped.err


def test_update_leaves_the_dossiers_of_a_record_as_they_are(products, run_ocop, tmp_path):
    run_import(run_ocop, annex(tmp_path / "a.xlsx"))
    path = products / "LC-0001.yaml"
    upgrade = "dossiers:\n  - kind: upgrade\n    registered: 2026-11-02\n"
    path.write_text(record(products, "LC-0001") + upgrade, encoding="utf-8")
    rows = [list(row) for row in GOOD_ROWS]
    rows[0][3] = "Bản Lùng Thàng mới, xã San Thàng"
    result = run_import(run_ocop, annex(tmp_path / "b.xlsx", rows), "--update")
    assert result.status == 0, result.out
    text = record(products, "LC-0001")
    assert "  address: Bản Lùng Thàng mới, xã San Thàng\n" in text and text.endswith(upgrade)
    assert text.count("\ndossiers:") == 1 and "dossiers" not in result.out
    product = next(p for p in load_dataset(products, TODAY).products if p.id == "LC-0001")
    assert [(d.kind, d.registered) for d in product.dossiers] == [("upgrade", date(2026, 11, 2))]
