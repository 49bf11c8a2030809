"""Reading an officer's spreadsheet into cells (ocop/importing/table.py): what the officer sees in
Excel is what the importer gets — merged cells on every row they cover, dates as dates, Vietnamese
text in one normal form — and every file that cannot be read is one TableError with a catalogue
code, never a traceback or a hang.

Workbooks are built with openpyxl in each test; limits are monkeypatched small rather than
written out in full, so the file stays a few seconds.
"""

import codecs
import datetime
import io
import os
import threading
import time
import unicodedata
import zipfile
from string import Formatter

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.importing import table
from ocop.importing.table import Cell, Table, TableError, column_letter, read_table
from ocop.reading.problems import CATALOGUE

OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def values(result: Table):
    return [[cell.value for cell in row] for row in result.rows]


def save(workbook, path):
    workbook.save(path)
    return path


def raised(path, **options) -> TableError:
    with pytest.raises(TableError) as caught:
        read_table(path, **options)
    assert_well_formed(caught.value)
    return caught.value


def assert_well_formed(error: TableError):
    """A catalogue code whose every placeholder (message and fix, both languages) is filled."""
    assert error.code in CATALOGUE
    template = CATALOGUE[error.code]
    texts = (template.vi, template.en, template.fix_vi, template.fix_en)
    wanted = {name for text in texts for _, name, _, _ in Formatter().parse(text) if name}
    assert wanted <= set(error.params), (error.code, wanted - set(error.params))
    for text in texts:
        text.format(**error.params)


def annex(path, title="DANH SÁCH SẢN PHẨM OCOP NĂM 2024"):
    """A ministry-style annex: a title merged across A1:H1, the header on row 2, a decision
    number merged down B3:B5 over three products, a certification date in column H."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet["A1"] = title
    sheet.merge_cells("A1:H1")
    header = ["STT", "Quyết định", "Tên sản phẩm", "Chủ thể", "Xã", "Sao", "Bộ", "Ngày cấp"]
    for column, text in enumerate(header, start=1):
        sheet.cell(2, column, text)
    sheet["B3"] = "148/QĐ-UBND"
    sheet.merge_cells("B3:B5")
    products = ["Chè Shan tuyết", "Mật ong bạc hà", "Gạo tẻ Séng Cù"]
    for offset, name in enumerate(products):
        row = 3 + offset
        sheet.cell(row, 1, offset + 1)
        sheet.cell(row, 3, name)
        sheet.cell(row, 6, 3)
        sheet.cell(row, 8, datetime.date(2024, 6, 28))
    return save(workbook, path)


# -- workbooks: what the officer sees ---------------------------------------------------------------

def test_a_title_merged_across_the_top_is_read_in_every_cell_it_covers(tmp_path):
    result = read_table(annex(tmp_path / "annex.xlsx"))
    assert result.name == "Sheet1"
    assert values(result)[0] == ["DANH SÁCH SẢN PHẨM OCOP NĂM 2024"] * 8
    assert values(result)[1] == ["STT", "Quyết định", "Tên sản phẩm", "Chủ thể", "Xã", "Sao", "Bộ", "Ngày cấp"]


def test_a_decision_number_merged_down_is_read_on_each_product_row(tmp_path):
    rows = values(read_table(annex(tmp_path / "annex.xlsx")))
    assert [row[1] for row in rows[2:]] == ["148/QĐ-UBND"] * 3
    assert [row[2] for row in rows[2:]] == ["Chè Shan tuyết", "Mật ong bạc hà", "Gạo tẻ Séng Cù"]


def test_a_header_merged_over_two_rows_is_read_on_both(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"], sheet["C1"] = "Tên sản phẩm", "Chứng nhận", None
    sheet["B2"], sheet["C2"] = "Số QĐ", "Ngày"
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:C1")
    assert values(read_table(save(workbook, tmp_path / "h.xlsx"))) == [
        ["Tên sản phẩm", "Chứng nhận", "Chứng nhận"],
        ["Tên sản phẩm", "Số QĐ", "Ngày"],
    ]


def test_a_merged_range_reaching_past_the_data_adds_no_row_or_column(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "Tên", "QĐ"
    sheet["A2"], sheet["B2"] = "Chè", "148/QĐ"
    sheet.merge_cells("B2:B9")  # merged further down than the list goes
    sheet.merge_cells("A1:A1")
    assert values(read_table(save(workbook, tmp_path / "m.xlsx"))) == [["Tên", "QĐ"], ["Chè", "148/QĐ"]]


def test_cells_know_where_the_officer_sees_them(tmp_path):
    result = read_table(annex(tmp_path / "annex.xlsx"))
    assert result.rows[4][7] == Cell(datetime.datetime(2024, 6, 28), 5, "H")
    assert [cell.column for cell in result.rows[0]] == list("ABCDEFGH")
    assert [row[0].row for row in result.rows] == [1, 2, 3, 4, 5]


def test_a_date_cell_is_read_as_a_datetime_and_numbers_stay_numbers(tmp_path):
    rows = values(read_table(annex(tmp_path / "annex.xlsx")))
    assert rows[2][7] == datetime.datetime(2024, 6, 28, 0, 0)
    assert (rows[2][0], rows[2][5]) == (1, 3)
    assert isinstance(rows[2][5], int)


def test_text_is_nfc_stripped_with_its_line_breaks_kept_and_blank_cells_are_none(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = unicodedata.normalize("NFD", "  Chè Shan tuyết cổ thụ\n")
    sheet["B1"] = " \t\u00a0 "
    sheet["C1"] = "Bản Lùng Thàng,\nxã San Thàng"
    sheet["D1"] = True
    sheet["E1"] = 70.75
    rows = values(read_table(save(workbook, tmp_path / "t.xlsx")))
    assert rows == [["Chè Shan tuyết cổ thụ", None, "Bản Lùng Thàng,\nxã San Thàng", True, 70.75]]
    assert unicodedata.is_normalized("NFC", rows[0][0])


def rewrite_part(path, part, change):
    """The workbook at ``path`` with one part's bytes changed, as Excel would have written them."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def test_a_formula_is_never_evaluated_only_the_value_excel_cached_is_read(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Điểm", "=1+1", "=2+2", "x"])
    path = save(workbook, tmp_path / "f.xlsx")
    # Excel caches each formula's last value; openpyxl writes none, so give B1 one.
    rewrite_part(path, "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>70</v>"))
    assert values(read_table(path)) == [["Điểm", 70, None, "x"]]


def test_rows_are_as_wide_as_the_widest_and_empty_trailing_rows_and_columns_are_dropped(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B2"] = "Tên"
    sheet["D3"] = "Xã"
    sheet["Z40"].number_format = "0.00"  # formatted but empty: Excel writes such cells
    sheet["F9"] = "   "
    result = read_table(save(workbook, tmp_path / "w.xlsx"))
    assert values(result) == [[None] * 4, [None, "Tên", None, None], [None, None, None, "Xã"]]
    assert [cell.column for cell in result.rows[1]] == ["A", "B", "C", "D"]


def test_a_formatted_cell_far_right_on_every_row_does_not_widen_the_table(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in range(1, 301):
        sheet.cell(row, 1, f"Sản phẩm {row}")
        sheet.cell(row, 16_384).number_format = "@"  # column XFD, the last Excel has
    path = save(workbook, tmp_path / "xfd.xlsx")
    started = time.perf_counter()
    result = read_table(path)
    assert time.perf_counter() - started < 1.0
    assert (len(result.rows), len(result.rows[0]), result.rows[-1][0].value) == (300, 1, "Sản phẩm 300")


def test_a_sheet_declaring_a_smaller_size_than_it_has_is_read_in_full(tmp_path):
    workbook = openpyxl.Workbook()
    for row in range(1, 6):
        workbook.active.append([f"Sản phẩm {row}", row])
    path = save(workbook, tmp_path / "dimension.xlsx")
    rewrite_part(path, "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace(b'<dimension ref="A1:B5"', b'<dimension ref="A1:A1"'))
    assert values(read_table(path))[-1] == ["Sản phẩm 5", 5]


def test_the_first_visible_sheet_is_read_unless_one_is_named(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Dữ liệu ẩn"
    workbook.active["A1"] = "hidden"
    workbook.active.sheet_state = "hidden"
    workbook.create_sheet("Sheet1")["A1"] = "first"
    workbook.create_sheet("Phụ lục")["A1"] = "annex"
    path = save(workbook, tmp_path / "s.xlsx")
    assert (read_table(path).name, values(read_table(path))) == ("Sheet1", [["first"]])
    assert values(read_table(path, sheet="Phụ lục")) == [["annex"]]
    assert read_table(path, sheet=unicodedata.normalize("NFD", "PHỤ LỤC")).name == "Phụ lục"
    assert values(read_table(path, sheet="Dữ liệu ẩn")) == [["hidden"]]


def test_a_sheet_name_not_in_the_file_lists_the_sheets_it_has(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.create_sheet("Phụ lục")
    error = raised(save(workbook, tmp_path / "s.xlsx"), sheet="Danh sách")
    assert (error.code, error.params) == ("SP407", {"value": "Danh sách", "sheets": "'Sheet1', 'Phụ lục'"})


def test_an_xlsm_or_an_upper_case_extension_is_read_as_a_workbook(tmp_path):
    path = annex(tmp_path / "annex.xlsx")
    assert values(read_table(path.rename(tmp_path / "annex.xlsm")))[1][2] == "Tên sản phẩm"
    assert values(read_table((tmp_path / "annex.xlsm").rename(tmp_path / "ANNEX.XLSX")))[1][2] == "Tên sản phẩm"


def test_a_thousand_rows_of_twelve_columns_read_well_under_a_second(tmp_path):
    workbook = openpyxl.Workbook(write_only=True)  # the quicker to write
    sheet = workbook.create_sheet()
    for row in range(1000):
        sheet.append([f"Sản phẩm {row}", row, 70.5, datetime.date(2024, 1, 1)] * 3)
    path = save(workbook, tmp_path / "big.xlsx")
    started = time.perf_counter()
    result = read_table(path)
    assert time.perf_counter() - started < 1.0
    assert (len(result.rows), len(result.rows[0])) == (1000, 12)


# -- text tables ----------------------------------------------------------------------------------

CSV_TEXT = "Tên sản phẩm,Chủ thể,Sao\nChè Shan tuyết,HTX San Thàng,4\n"
CSV_ROWS = [["Tên sản phẩm", "Chủ thể", "Sao"], ["Chè Shan tuyết", "HTX San Thàng", "4"]]


@pytest.mark.parametrize("encoded", [
    CSV_TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + CSV_TEXT.encode("utf-8"),  # Excel's "CSV UTF-8"
    CSV_TEXT.replace(",", "\t").encode("utf-16"),  # Excel's "Unicode text": BOM, tab-separated
    codecs.BOM_UTF16_BE + CSV_TEXT.encode("utf-16-be"),
    CSV_TEXT.replace(",", ";").encode("utf-8"),  # a locale whose list separator is ;
    CSV_TEXT.replace("\n", "\r\n").encode("utf-8"),
], ids=["utf-8", "utf-8-bom", "utf-16-le-tab", "utf-16-be", "semicolon", "crlf"])
def test_csv_in_the_encodings_and_separators_excel_writes(tmp_path, encoded):
    path = tmp_path / "list.csv"
    path.write_bytes(encoded)
    result = read_table(path)
    assert (result.name, values(result)) == (None, CSV_ROWS)
    assert [cell.column for cell in result.rows[0]] == ["A", "B", "C"]


def test_excels_unicode_text_saved_as_txt(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(CSV_TEXT.replace(",", "\t").encode("utf-16"))
    assert values(read_table(path)) == CSV_ROWS


def test_a_semicolon_file_with_commas_in_its_text_is_split_on_the_semicolons(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Tên;Mô tả;Sao\nChè;Chè xanh, chè đen;4\nMật ong;Ngọt, thơm, sánh;3\n", encoding="utf-8")
    assert values(read_table(path))[1:] == [["Chè", "Chè xanh, chè đen", "4"], ["Mật ong", "Ngọt, thơm, sánh", "3"]]


def test_a_quoted_field_over_two_lines_and_row_numbers_are_the_lines_records_start_on(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text('Tên,Địa chỉ\n"Chè","Bản Lùng Thàng,\r\nxã San Thàng"\n\nMật ong,"Sìn Hồ"\n', encoding="utf-8")
    result = read_table(path)
    assert values(result) == [["Tên", "Địa chỉ"], ["Chè", "Bản Lùng Thàng,\nxã San Thàng"], [None, None],
                              ["Mật ong", "Sìn Hồ"]]
    assert [row[0].row for row in result.rows] == [1, 2, 4, 5]


def test_csv_rows_are_padded_to_the_widest_and_text_is_nfc(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(unicodedata.normalize("NFD", "Tên,Xã,,\nChè Đoàn Kết, ,x\n,,\n\n"), encoding="utf-8")
    assert values(read_table(path)) == [["Tên", "Xã", None], ["Chè Đoàn Kết", None, "x"]]


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
def test_a_windows_code_page_csv_names_the_first_byte_that_is_not_utf8(tmp_path, encoding):
    path = tmp_path / "list.csv"
    path.write_bytes("STT,Ten\n1,Chè\n".encode(encoding))
    error = raised(path)
    assert (error.code, error.params) == ("SP406", {"byte": "0xe8", "position": 12})  # after "STT,Ten\n1,Ch"


def test_a_csv_holding_nul_characters_is_not_read(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("Ten,Xa\n".encode("utf-16-le"))  # UTF-16 without its BOM
    error = raised(path)
    assert (error.code, error.params["reason_en"]) == ("SP401", "the file holds NUL characters, so it is not CSV text")


# -- files that are not a readable spreadsheet ---------------------------------------------------------

def test_an_old_xls_file_is_refused_with_its_own_code(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(OLE2_MAGIC + bytes(504))
    assert raised(path).code == "SP402"


def test_an_ole2_file_named_xlsx_is_a_password_protected_workbook(tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(OLE2_MAGIC + bytes(504) + "EncryptionInfo".encode("utf-16-le"))
    assert (raised(path).code, raised(path).params) == ("SP403", {})
    path.write_bytes(OLE2_MAGIC + bytes(504))
    assert raised(path).code == "SP403"


def test_an_old_xls_renamed_xlsx_is_told_by_its_workbook_stream(tmp_path):
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(OLE2_MAGIC + bytes(504) + "Workbook".encode("utf-16-le"))
    assert raised(path).code == "SP402"


NOT_A_WORKBOOK = {"reason_vi": "không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc không phải bảng tính)",
                  "reason_en": "not a valid Excel .xlsx file (damaged, or not a spreadsheet)"}


def test_random_bytes_named_xlsx_are_not_a_workbook(tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    error = raised(path)
    assert (error.code, error.params) == ("SP401", NOT_A_WORKBOOK)


def test_a_zip_that_is_not_a_workbook_is_not_read(tmp_path):
    path = tmp_path / "list.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    error = raised(path)
    assert (error.code, error.params) == ("SP401", NOT_A_WORKBOOK)


def test_a_workbook_with_a_damaged_sheet_is_not_read(tmp_path):
    source = zipfile.ZipFile(annex(tmp_path / "annex.xlsx"))
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            archive.writestr(name, data[: len(data) // 2] if name.startswith("xl/worksheets/") else data)
    assert (raised(path).code, raised(path).params) == ("SP401", NOT_A_WORKBOOK)


@pytest.mark.parametrize("name", ["list.ods", "list.pdf", "list.docx"])
def test_another_kind_of_file_names_its_extension_and_what_is_read(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.7")
    error = raised(path)
    extension = name[name.index("."):]
    assert (error.code, error.params) == ("SP401", {
        "reason_vi": f"không đọc tệp đuôi '{extension}' (chỉ nhận .xlsx hoặc .csv)",
        "reason_en": f"files ending in '{extension}' are not read (only .xlsx and .csv are)"})


def test_a_missing_file(tmp_path):
    error = raised(tmp_path / "nowhere.xlsx")
    assert (error.code, error.params) == ("SP401", {"reason_vi": "không có tệp này", "reason_en": "no such file"})


def test_a_folder_is_not_a_regular_file(tmp_path):
    (tmp_path / "folder.csv").mkdir()
    error = raised(tmp_path / "folder.csv")
    assert error.params == {"reason_vi": "không phải tệp thường", "reason_en": "not a regular file"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    outcome = []
    reader = threading.Thread(target=lambda: outcome.append(raised(path)), daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive(), "read_table blocked on a FIFO"
    assert (outcome[0].code, outcome[0].params["reason_en"]) == ("SP401", "not a regular file")


def test_a_symlink_is_refused(tmp_path):
    target = tmp_path / "real.csv"
    target.write_text(CSV_TEXT, encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(target)
    error = raised(tmp_path / "link.csv")
    assert error.params == {"reason_vi": "là liên kết tượng trưng (symlink)", "reason_en": "is a symbolic link"}


def test_a_file_the_officer_may_not_read(tmp_path, monkeypatch):
    path = tmp_path / "secret.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    # Refused as the system refuses it (a chmod would not stop root, who runs CI).
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(table.os, "open", refuse)
    assert raised(path).params["reason_en"] == "permission denied"


# -- sizes ------------------------------------------------------------------------------------------

def test_a_file_over_20_mb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.xlsx"
    with open(path, "wb") as file:
        file.truncate(int(31.2 * table.MEGABYTE))  # sparse: no 31 MB written
    error = raised(path)
    assert (error.code, error.params) == ("SP404", {"size_vi": "31,2 MB", "size_en": "31.2 MB",
                                                    "limit_vi": "20 MB", "limit_en": "20 MB",
                                                    "rows_vi": "20.000", "rows_en": "20,000"})


def test_a_file_one_byte_over_the_limit_does_not_read_as_the_limit(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as file:
        file.truncate(table.MAX_BYTES + 1)
    assert (raised(path).params["size_en"], raised(path).params["size_vi"]) == ("20.1 MB", "20,1 MB")


def test_a_zip_bomb_is_refused_by_its_unpacked_size(tmp_path, monkeypatch):
    monkeypatch.setattr(table, "MAX_UNPACKED", 1 * table.MEGABYTE)
    path = annex(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", bytes(3 * table.MEGABYTE))
    assert path.stat().st_size < 100_000
    error = raised(path)
    assert (error.code, error.params["size_en"], error.params["limit_vi"]) == ("SP404", "3.1 MB", "1 MB")


def test_a_sheet_over_the_row_limit_is_refused_with_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(table, "MAX_ROWS", 50)
    workbook = openpyxl.Workbook()
    for number in range(1, 61):
        workbook.active.append([f"Sản phẩm {number}", number])
    error = raised(save(workbook, tmp_path / "long.xlsx"))
    assert (error.code, error.params) == ("SP404", {"size_vi": "60 dòng", "size_en": "60 rows",
                                                    "limit_vi": "50 dòng", "limit_en": "50 rows",
                                                    "rows_vi": "50", "rows_en": "50"})


def test_row_counts_are_written_as_each_language_writes_them(monkeypatch):
    assert table._count(25_000, "dòng", "rows") == ("25.000 dòng", "25,000 rows")


def test_formatted_empty_rows_past_the_limit_do_not_count(tmp_path, monkeypatch):
    monkeypatch.setattr(table, "MAX_ROWS", 50)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for number in range(1, 51):
        sheet.append([f"Sản phẩm {number}"])
    for row in range(51, 400):
        sheet.cell(row, 1).number_format = "@"  # formatted down the column, as officers do
    sheet.cell(399, 1).value = "   "
    assert len(read_table(save(workbook, tmp_path / "formatted.xlsx")).rows) == 50


def test_a_sheet_over_the_column_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(table, "MAX_COLUMNS", 5)
    workbook = openpyxl.Workbook()
    workbook.active.append(list("ABCDEFG"))
    error = raised(save(workbook, tmp_path / "wide.xlsx"))
    assert (error.code, error.params["size_vi"], error.params["limit_en"]) == ("SP404", "7 cột", "5 columns")


def test_a_value_far_past_the_column_limit_is_not_dropped_but_refused(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Tên sản phẩm"
    workbook.active["ZZ2"] = "ghi chú"  # column 702, nothing in between
    error = raised(save(workbook, tmp_path / "far.xlsx"))
    assert (error.code, error.params["size_vi"], error.params["size_en"]) == ("SP404", "702 cột", "702 columns")


def test_a_csv_over_the_row_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(table, "MAX_ROWS", 50)
    path = tmp_path / "long.csv"
    path.write_text("".join(f"Sản phẩm {number},x\n" for number in range(70)) + "\n\n", encoding="utf-8")
    assert (raised(path).code, raised(path).params["size_en"]) == ("SP404", "70 rows")


# -- empty files --------------------------------------------------------------------------------------

def test_an_empty_workbook_names_the_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.active["C3"] = "  "
    error = raised(save(workbook, tmp_path / "empty.xlsx"))
    assert (error.code, error.params) == ("SP405", {"where_vi": " (trang tính 'Sheet1')",
                                                    "where_en": " (sheet 'Sheet1')"})


@pytest.mark.parametrize("content", [b"", codecs.BOM_UTF8, b",,,\r\n\r\n  ,\t\n", "".encode("utf-16")])
def test_an_empty_csv(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    error = raised(path)
    assert (error.code, error.params) == ("SP405", {"where_vi": "", "where_en": ""})


# -- the interface ------------------------------------------------------------------------------------

def test_column_letters_as_excel_names_them():
    assert [column_letter(index) for index in (1, 2, 26, 27, 28, 52, 100)] == ["A", "B", "Z", "AA", "AB", "AZ", "CV"]


def test_a_table_error_keeps_its_code_and_params_and_says_what_is_wrong():
    error = TableError("SP407", value="X", sheets="'Sheet1'")
    assert (error.code, error.params) == ("SP407", {"value": "X", "sheets": "'Sheet1'"})
    assert str(error) == "SP407: There is no sheet 'X'; the file has: 'Sheet1'."


# -- any input: a Table or a TableError, nothing else ---------------------------------------------------

PROPERTY = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def assert_table_or_table_error(path):
    try:
        result = read_table(path)
    except TableError as error:
        assert_well_formed(error)
        return
    assert isinstance(result, Table) and result.rows
    widths = {len(row) for row in result.rows}
    assert len(widths) == 1
    assert any(cell.value is not None for cell in result.rows[-1])
    for row in result.rows:
        for cell in row:
            assert cell.value != ""
            assert isinstance(cell.value, (str, int, float, datetime.date, bool, type(None)))


@PROPERTY
@given(data=st.binary(max_size=2000), extension=st.sampled_from([".csv", ".tsv", ".xlsx"]))
def test_any_bytes_give_a_table_or_a_table_error(tmp_path, data, extension):
    path = tmp_path / f"any{extension}"
    path.write_bytes(data)
    assert_table_or_table_error(path)


@PROPERTY
@given(text=st.lists(st.sampled_from(list(',;\t"\r\n x\u00a0é\u0301') + ["Chè", "ạ"]), max_size=150).map("".join))
def test_any_csv_like_text_gives_a_table_or_a_table_error(tmp_path, text):
    path = tmp_path / "any.csv"
    path.write_bytes(text.encode("utf-8"))
    assert_table_or_table_error(path)


def _annex_parts():
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "DANH SÁCH"
    sheet.merge_cells("A1:C1")
    sheet.append(["Tên", "Ngày", "Sao"])
    sheet.append(["Chè", datetime.date(2024, 6, 28), 4])
    workbook.save(buffer)
    archive = zipfile.ZipFile(buffer)
    return {name: archive.read(name) for name in archive.namelist()}


ANNEX_PARTS = _annex_parts()


@settings(PROPERTY, max_examples=50)
@given(part=st.sampled_from(sorted(ANNEX_PARTS)), edits=st.lists(
    st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=4), st.integers(0, 4)), min_size=1, max_size=4))
def test_a_workbook_with_any_part_damaged_gives_a_table_or_a_table_error(tmp_path, part, edits):
    # The damage is made inside the XML and the zip written afresh, so it reaches openpyxl's
    # parsers instead of stopping at the zip's checksums.
    data = bytearray(ANNEX_PARTS[part])
    for where, inserted, removed in edits:
        at = int(where * len(data))
        data[at:at + removed] = inserted
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in ANNEX_PARTS.items():
            archive.writestr(name, bytes(data) if name == part else content)
    assert_table_or_table_error(path)
