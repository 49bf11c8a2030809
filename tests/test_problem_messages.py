"""What an officer sees: one story per problem code, the exact bilingual message and its place.

Each story is a products folder with one thing wrong — usually GOOD_RECORD
with one line changed — and the three-line block that
``ocop validate --products products --today 2026-11-28`` must print for it:
file:line:column, severity word, code, field path, the message in Vietnamese
then English, and how to fix it. A code of ``ocop.reading.problems.CATALOGUE`` with
no story here fails ``test_every_code_has_a_story``.
"""

import dataclasses
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import GOOD_RECORD, SAMPLE_UNITS, SCRATCH_DATASET, TODAY_ARG, write_photo, write_record

from ocop.reading.problems import CATALOGUE, ERROR
from ocop.rules.criteria import sheet_for

VALIDATE = ("validate", "--products", "products", "--today", TODAY_ARG)
HEADER = re.compile(r"^(?P<where>\S+): (?P<word>lỗi|cảnh báo) (?P<code>SP\d{3})\b", re.M)


# Where things stand in GOOD_RECORD (conftest.py): 1 id, 3-5 name, 7 unit,
# 8-14 producer (10 kind, 12 phone, 13 email, 14 website), 16 description.vi,
# 21-24 sales, 26-32 evaluations[0] (30 rules, 31 scores), 34-38
# certificates[0] (35 date, 36 issuer, 37 level, 38 stars). Text appended to
# it starts on line 39.


def changed(old, new, record=None):
    """GOOD_RECORD (or ``record``) with the one text ``old`` replaced by ``new``."""
    record = GOOD_RECORD if record is None else record
    assert record.count(old) == 1, f"{old!r} must occur exactly once in the record"
    return record.replace(old, new)


# -- a record scored on the Decision 26/2026 sheet -----------------------------------
# Product set 11 (tea), scored by the province council on 20/06/2026: part
# totals A 32, B 20, C 28 = 80 points, band 4★; every 4★ minimum is met but
# not the 5★ one of criterion 1.5 (2 points, 5★ needs 3), so it ranks 4★,
# which the province certifies under qd26-2026. Lines: 30 scores, 31
# minimums_met, 32 "criteria:", 33-64 one criterion each, 65-70 certificates[0].
SHEET_POINTS = {
    "1.1": 3, "1.2": 1, "1.3": 1, "1.4": 1, "1.5": 2, "1.6": 3, "1.7": 1,
    "2.1": 3, "2.2": 3, "2.3": 3, "2.4": 1,
    "3.1": 2, "3.2": 1, "3.3": 2, "3.4": 2, "3.5": 3,
    "4.1": 5, "4.2": 3, "4.3": 2,
    "5.1": 5, "5.2": 0, "5.3": 5,
    "6.1.1": 2, "6.1.2": 2, "6.2.1": 1, "6.2.2": 3, "6.2.3": 1,
    "7": 5, "8": 5, "9": 5, "10": 2, "11": 2,
}
SHEET_CODES = list(sheet_for("qd26-2026", 11).criteria)  # sheet order
SHEET_RECORD = GOOD_RECORD.split("evaluations:\n")[0].replace("unit: san-thang", "unit: phuong-tan-phong") + (
    "evaluations:\n"
    "  - date: 2026-06-20\n"
    "    council: province\n"
    "    round: 2026-1\n"
    "    kind: first\n"
    "    scores: {A: 32, B: 20, C: 28}\n"
    "    minimums_met: 4\n"
    "    criteria:\n"
    + "".join(f"      {code}: {SHEET_POINTS[code]}\n" for code in SHEET_CODES)
    + "certificates:\n"
    "  - decision: 2156/QĐ-UBND\n"
    "    date: 2026-06-30\n"
    "    issuer: UBND tỉnh Lai Châu\n"
    "    level: province\n"
    "    stars: 4\n"
)

PHOTO = "images:\n  - file: LC-0001/hop-che.jpg\n    alt: {vi: Hộp chè 200 g}\n"

WITHDRAWN = """\
withdrawn:
  date: 2026-09-01
  reason: {vi: Chủ thể ngừng sản xuất sản phẩm này.}
"""

REVOCATION = """\
revocation:
  decision: 45/QĐ-UBND
  date: {date}
  ground: b
  reason:
    vi: Không duy trì tiêu chuẩn sau kiểm tra.
"""

# A dossier that led to GOOD_RECORD's evaluation and certificate, clean as it is. Appended to
# GOOD_RECORD: 39 "dossiers:", 41 registered, 43-45 returned[0] (45 resubmitted), 46-49 assessed
# (47 its date), 50 forwarded, 51 scored, 52 decided.
DOSSIER = """\
dossiers:
  - kind: first
    registered: 2024-03-02
    returned:
      - date: 2024-03-09
        missing: Thiếu phiếu kết quả kiểm nghiệm
        resubmitted: 2024-03-20
    assessed:
      date: 2024-03-24
      report: 15/BC-UBND
      local_contents: {origin: met, labour: met, idea: met, identity: met}
    forwarded: {date: 2024-03-26, to: Phòng Kinh tế thành phố}
    scored: {date: 2024-06-20}
    decided: {date: 2024-06-28, certificate: 1234/QĐ-UBND}
"""
DOSSIER_ASSESSED = ("    assessed:\n      date: 2024-03-24\n      report: 15/BC-UBND\n"
                    "      local_contents: {origin: met, labour: met, idea: met, identity: met}\n")
DOSSIER_ORDER_FIX = (
    "  Cách sửa: các bước theo thứ tự tiếp nhận, trả lại rồi nộp lại, xã đánh giá, chuyển, chấm điểm, quyết định;"
    " rút hồ sơ là bước sau cùng: kiểm tra hai ngày trên văn bản gốc."
    " / Fix: the steps go registered, returned then resubmitted, assessed, forwarded, scored, decided; a withdrawal"
    " comes last: check both dates against the documents.")
DECISION_OUTCOME_FIX = (
    "  Cách sửa: ghi 'certificate: SỐ/QĐ-UBND' khi sản phẩm được công nhận, hoặc 'not_recognised: LÝ DO' khi"
    " không; xoá trường kia. / Fix: write 'certificate: NUMBER/QĐ-UBND' when the product was recognised, or"
    " 'not_recognised: REASON' when it was not; delete the other.")
DECISION_CERTIFICATE_FIX = (
    "  Cách sửa: ghi số quyết định đúng như trong 'certificates' và 'decided.date' đúng ngày ký quyết định, hoặc"
    " thêm giấy chứng nhận đó vào 'certificates'. / Fix: write the decision number as 'certificates' has it and"
    " its signing day as 'decided.date', or add that certificate under 'certificates'.")


@dataclass
class Story:
    code: str
    name: str  # the pytest id: what the officer did
    files: dict  # path under products/ -> text (str) or raw bytes
    expected: str  # the whole block ocop.cli.format_problem prints
    also: tuple = ()  # other codes the same mistake unavoidably raises
    history: tuple = ()  # commits made before ``files`` are written (see commit_history)
    shallow: bool = False  # validate a one-commit-deep clone of that history
    command: tuple = ()  # another command than ``ocop validate`` (`ocop import` stories); runs in products/..
    status: int | None = None  # its exit status, when not 1 for an error and 0 for a warning

    @property
    def param(self):
        return pytest.param(self, id=f"{self.code}-{self.name}")


def record(text):
    return {"LC-0001.yaml": text}


LAM_DONG_DATASET = """\
locality: {vi: tỉnh Lâm Đồng, en: Lam Dong province}
province: Lâm Đồng
office:
  name: {vi: Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng, en: Lam Dong Department of Agriculture and Environment}
  address: Số 1 đường Trần Phú
  phone: "0263 3822 000"
  email: ocop@example.vn
  report: {phone: "0263 3822 000", email: ocop@example.vn}
sample: false
"""


def DATASET_WITH(lines):  # noqa: N802 - reads as a constant in the stories
    """A dataset.yaml whose first line names the locality and whose next lines are ``lines``."""
    return "locality: {vi: tỉnh Lâm Đồng, en: Lam Dong province}\n" + lines


PROVINCE_FIX = ("  Cách sửa: ghi mã GSO của tỉnh trong ngoặc kép (ví dụ \"68\") hoặc tên tỉnh (ví dụ Lâm Đồng); nếu bộ"
                " dữ liệu là của cả nước, xoá dòng 'province'. / Fix: write the province's GSO code in quotes (e.g."
                " \"68\") or its name (e.g. Lâm Đồng); for a dataset of the whole country, delete the 'province'"
                " line.")
LOGO_FIX = ("  Cách sửa: đặt một ảnh PNG, JPEG, WebP hoặc SVG trong products/ và ghi đường dẫn tính từ thư mục đó,"
            " ví dụ logo: logo.png; hoặc xoá dòng 'logo'. / Fix: put a PNG, JPEG, WebP or SVG image in products/"
            " and write its path from that folder, e.g. logo: logo.png; or delete the 'logo' line.")


def in_lam_dong(text):
    """A record in the dataset of tỉnh Lâm Đồng (since 01/07/2025 it includes the former Đắk Nông and Bình Thuận)."""
    return {"dataset.yaml": LAM_DONG_DATASET, "LC-0001.yaml": text}


# -- `ocop import` stories: a list, as an officer exports it, with one thing wrong -------------------

SHEET_HEADER = "Tên sản phẩm,Chủ thể,Địa chỉ,Xã/Phường,Bộ sản phẩm,Hạng sao,Số quyết định,Ngày quyết định,Cơ quan ban hành\n"
# GOOD_RECORD's product, as a list gives it: importing it into an empty folder raises no problem.
SHEET_ROW = ('Chè Shan tuyết cổ thụ San Thàng,Hợp tác xã Chè San Thàng,"Bản Lùng Thàng, xã San Thàng, thành phố Lai'
             ' Châu",xã San Thàng,11,3,1234/QĐ-UBND,28/06/2024,UBND thành phố Lai Châu\n')
IMPORT = ("import", "danh-sach.csv", "--products", "products", "--today", TODAY_ARG)


def sheet(text=SHEET_HEADER + SHEET_ROW, name="danh-sach.csv", **more):
    """The list beside the products folder (the command runs in its parent), and any other files."""
    return {f"../{name}": text, **more}


def sheet_row(old, new):
    assert SHEET_ROW.count(old) == 1, f"{old!r} must occur exactly once in the row"
    return SHEET_HEADER + SHEET_ROW.replace(old, new)


def workbook_bytes(rows, title="Phụ lục"):
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


LAI_CHAU = {"dataset.yaml": SCRATCH_DATASET + 'province: "12"\n'}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504

IMPORT_STORIES = [
    Story("SP401", "a-damaged-workbook", sheet(b"PK\x03\x04 half a file", "danh-sach.xlsx"), "",
          command=("import", "danh-sach.xlsx") + IMPORT[2:], status=2),
    Story("SP402", "an-excel-97-file", sheet(OLE_MAGIC, "danh-sach.xls"), "",
          command=("import", "danh-sach.xls") + IMPORT[2:], status=2),
    Story("SP403", "a-workbook-with-a-password", sheet(OLE_MAGIC, "danh-sach.xlsx"), "",
          command=("import", "danh-sach.xlsx") + IMPORT[2:], status=2),
    Story("SP404", "a-file-of-21-megabytes", sheet(SHEET_HEADER.encode() + b" " * (21 * 1024 * 1024)), "",
          command=IMPORT, status=2),
    Story("SP405", "an-empty-file", sheet(""), "", command=IMPORT, status=2),
    Story("SP406", "a-csv-saved-in-windows-1258", sheet((SHEET_HEADER + SHEET_ROW).encode("cp1258", "replace")), "",
          command=IMPORT, status=2),
    Story("SP407", "a-sheet-name-mistyped", sheet(workbook_bytes([SHEET_HEADER.strip().split(",")]), "danh-sach.xlsx"),
          "", command=("import", "danh-sach.xlsx", "--sheet", "Phu luc 2") + IMPORT[2:], status=2),
    Story("SP408", "no-header-row", sheet("Sản phẩm chè,HTX\nChè,HTX Chè\n"), "", command=IMPORT, status=2),
    Story("SP410", "no-producer-in-the-row", sheet(sheet_row("Hợp tác xã Chè San Thàng", "")), "", command=IMPORT),
    Story("SP411", "a-date-that-does-not-exist", sheet(sheet_row("28/06/2024", "31/06/2024")), "", command=IMPORT),
    Story("SP412", "two-stars", sheet(sheet_row(",3,", ",2 sao,")), "", command=IMPORT),
    Story("SP413", "a-commune-misspelt", sheet(sheet_row(",xã San Thàng,", ",xã San Thànhh,"), **LAI_CHAU), "",
          command=IMPORT),
    Story("SP414", "phuong-1-without-its-city", sheet(sheet_row(",xã San Thàng,", ",Phường 1,").replace(
        "UBND thành phố Lai Châu", "UBND tỉnh Lâm Đồng"), **{"dataset.yaml": LAM_DONG_DATASET}), "", command=IMPORT),
    Story("SP415", "an-issuer-that-says-no-level", sheet(sheet_row("UBND thành phố Lai Châu", "Sở Nông nghiệp")), "",
          command=IMPORT),
    Story("SP416", "a-product-set-by-a-name-of-no-set", sheet(sheet_row(",11,", ",Đồ uống,")), "", command=IMPORT),
    Story("SP420", "a-notes-column", sheet((SHEET_HEADER.strip() + ",Ghi chú\n") + SHEET_ROW.strip() + ",mới\n"), "",
          command=IMPORT),
    Story("SP421", "a-total-row-under-the-products", sheet(SHEET_HEADER + SHEET_ROW + ",Tổng cộng: 1 sản phẩm,,,,,,,\n"),
          "", command=IMPORT),
    Story("SP422", "the-same-list-imported-twice", sheet(**record(GOOD_RECORD)), "", command=IMPORT),
    Story("SP423", "the-decision-date-differs", sheet(sheet_row("28/06/2024", "27/06/2024"), **record(GOOD_RECORD)), "",
          command=IMPORT, status=1),
    Story("SP424", "a-producer-named-as-a-person", sheet(sheet_row("Hợp tác xã Chè San Thàng", "Lò Văn Hùng")), "",
          command=IMPORT),
    Story("SP425", "a-list-without-product-sets", sheet(SHEET_HEADER.replace("Bộ sản phẩm,", "") +
                                                        SHEET_ROW.replace(",11,", ",")), "", command=IMPORT),
    Story("SP426", "a-name-that-tells-no-set", sheet(SHEET_HEADER.replace("Bộ sản phẩm,", "") + SHEET_ROW.replace(
        ",11,", ",").replace("Chè Shan tuyết cổ thụ San Thàng", "Đông trùng hạ thảo")), "", command=IMPORT),
]


# What each `ocop import` story prints: the block of its code, word for word.
IMPORTED = {
    'SP401': (
        "danh-sach.xlsx: lỗi SP401\n"
        "  Không đọc được tệp bảng tính: không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc không phải bảng tính). / The spreadsheet cannot be read: not a valid Excel .xlsx file (damaged, or not a spreadsheet).\n"
        "  Cách sửa: mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx (Excel Workbook) hoặc .csv (CSV UTF-8). / Fix: open it in Excel or LibreOffice and save it again as .xlsx (Excel Workbook) or .csv (CSV UTF-8)."
    ),
    'SP402': (
        "danh-sach.xls: lỗi SP402\n"
        "  Tệp ở dạng Excel 97-2003 (.xls) cũ, công cụ không đọc dạng này. / The file is in the old Excel 97-2003 (.xls) format, which is not read.\n"
        "  Cách sửa: mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) dạng Excel Workbook (.xlsx), rồi nhập tệp .xlsx. / Fix: open it in Excel or LibreOffice, Save As Excel Workbook (.xlsx), and import the .xlsx file."
    ),
    'SP403': (
        "danh-sach.xlsx: lỗi SP403\n"
        "  Tệp được đặt mật khẩu (mã hoá) nên không đọc được. / The file is password-protected (encrypted), so it cannot be read.\n"
        "  Cách sửa: mở tệp bằng Excel, bỏ mật khẩu (File > Info > Protect Workbook > Encrypt with Password, xoá mật khẩu), lưu lại rồi nhập. / Fix: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save and import."
    ),
    'SP404': (
        "danh-sach.csv: lỗi SP404\n"
        "  Tệp quá lớn: 21,1 MB, giới hạn 20 MB. / The file is too big: 21.1 MB, the limit is 20 MB.\n"
        "  Cách sửa: chia danh sách thành nhiều tệp nhỏ hơn (mỗi tệp tối đa 20.000 dòng), hoặc xoá các trang tính, ảnh không cần. / Fix: split the list into smaller files (at most 20,000 rows each), or delete the sheets and pictures not needed."
    ),
    'SP405': (
        "danh-sach.csv: lỗi SP405\n"
        "  Tệp không có dữ liệu. / The file holds no data.\n"
        "  Cách sửa: kiểm tra đúng tệp và đúng trang tính (--sheet TÊN); danh sách cần một dòng tiêu đề và các dòng sản phẩm. / Fix: check the file and the sheet (--sheet NAME); the list needs a header row and product rows."
    ),
    'SP406': (
        "danh-sach.csv: lỗi SP406\n"
        "  Tệp CSV không ở bảng mã UTF-8 hay UTF-16 (byte 0xea ở vị trí 1). / The CSV file is not UTF-8 or UTF-16 text (byte 0xea at position 1).\n"
        "  Cách sửa: trong Excel chọn Lưu thành (Save As) > CSV UTF-8 (Comma delimited), hoặc lưu dạng .xlsx. / Fix: in Excel, Save As > CSV UTF-8 (Comma delimited), or save it as .xlsx."
    ),
    'SP407': (
        "danh-sach.xlsx: lỗi SP407\n"
        "  Không có trang tính 'Phu luc 2'; tệp có: 'Phụ lục'. / There is no sheet 'Phu luc 2'; the file has: 'Phụ lục'.\n"
        "  Cách sửa: ghi --sheet với một tên trong danh sách trên (trong ngoặc kép nếu có dấu cách). / Fix: give --sheet one of the names above (in quotes when it has spaces)."
    ),
    'SP408': (
        "danh-sach.csv: lỗi SP408\n"
        "  Không tìm thấy dòng tiêu đề trong 20 dòng đầu: cần ít nhất cột tên sản phẩm và một cột khác (ví dụ 'Tên sản phẩm', 'Chủ thể'). / No header row in the first 20 rows: at least the product name column and one other are needed (e.g. 'Tên sản phẩm', 'Chủ thể').\n"
        "  Cách sửa: đặt tên cột theo cách ghi trong README (mục 'ocop import'), hoặc chỉ rõ bằng --map \"Tên cột=name\". / Fix: name the columns as the README lists them ('ocop import'), or say which is which with --map \"Column=name\"."
    ),
    'SP410': (
        "danh-sach.csv:2:B: lỗi SP410 [Chủ thể]\n"
        "  Dòng này thiếu tên chủ thể (cột 'Chủ thể'). / This row has no producer (column 'Chủ thể').\n"
        "  Cách sửa: điền tên chủ thể vào ô này. / Fix: fill in the producer in this cell."
    ),
    'SP411': (
        "danh-sach.csv:2:H: lỗi SP411 [Ngày quyết định]\n"
        "  Không hiểu ngày '31/06/2024'. / Date '31/06/2024' is not understood.\n"
        "  Cách sửa: ghi ngày dạng ngày/tháng/năm (28/06/2024) hoặc năm-tháng-ngày (2024-06-28), hoặc định dạng ô là Ngày (Date). / Fix: write the date as day/month/year (28/06/2024) or year-month-day (2024-06-28), or format the cell as a Date."
    ),
    'SP412': (
        "danh-sach.csv:2:F: lỗi SP412 [Hạng sao]\n"
        "  Không hiểu hạng sao '2 sao': cần 3, 4 hoặc 5 sao. / Star rank '2 sao' is not understood: 3, 4 or 5 stars are needed.\n"
        "  Cách sửa: ghi 3, 4 hoặc 5 (có thể '3 sao', '3*', '★★★'). / Fix: write 3, 4 or 5 ('3 sao', '3*', '★★★' are read too)."
    ),
    'SP413': (
        "danh-sach.csv:2:D: lỗi SP413 [Xã/Phường]\n"
        "  Không tìm thấy đơn vị hành chính 'xã San Thànhh' vào ngày 28/06/2024. / No administrative unit 'xã San Thànhh' on 28/06/2024.\n"
        "  Cách sửa: có phải: Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu (san-thang, …–30/06/2025); Xã Pa Tần, huyện Sìn Hồ, tỉnh Lai Châu (03493, …–30/06/2025); Xã Nậm Hăn, huyện Sìn Hồ, tỉnh Lai Châu (03547, …–30/06/2025)? Ghi đơn vị có vào ngày quyết định. / Fix: did you mean: San Thang commune, Lai Chau city, Lai Chau province (san-thang, …–30/06/2025); Pa Tan commune, Sin Ho district, Lai Chau province (03493, …–30/06/2025); Nam Han commune, Sin Ho district, Lai Chau province (03547, …–30/06/2025)? Name the unit as it was on the decision's date."
    ),
    'SP414': (
        "danh-sach.csv:2:D: lỗi SP414 [Xã/Phường]\n"
        "  'Phường 1' ứng với nhiều đơn vị vào ngày 28/06/2024: Phường 1, thành phố Bảo Lộc, tỉnh Lâm Đồng; Phường 1, thành phố Đà Lạt, tỉnh Lâm Đồng. / 'Phường 1' fits several units on 28/06/2024: 1 ward, Bao Loc city, Lam Dong province; 1 ward, Da Lat city, Lam Dong province.\n"
        "  Cách sửa: ghi thêm huyện hoặc tỉnh (ví dụ 'Phường 1, thành phố Bảo Lộc'), hoặc ghi mã GSO của đơn vị. / Fix: add the district or province (e.g. 'Phường 1, thành phố Bảo Lộc'), or write the unit's GSO code."
    ),
    'SP415': (
        "danh-sach.csv:2:I: lỗi SP415 [Cơ quan ban hành]\n"
        "  Không biết cấp công nhận: 'Sở Nông nghiệp' không cho biết cấp nào (huyện, tỉnh, trung ương). / The certifying level is unknown: 'Sở Nông nghiệp' does not say which level (district, province, central).\n"
        "  Cách sửa: thêm cột 'Cấp công nhận' (huyện, tỉnh, trung ương), hoặc dùng --level district|province|central. / Fix: add a 'Cấp công nhận' column (huyện, tỉnh, trung ương), or use --level district|province|central."
    ),
    'SP416': (
        "danh-sach.csv:2:E: lỗi SP416 [Bộ sản phẩm]\n"
        "  Không hiểu bộ sản phẩm 'Đồ uống'. / Product set 'Đồ uống' is not understood.\n"
        "  Cách sửa: ghi số bộ sản phẩm 1–26 hoặc tên bộ như trong danh sách bộ sản phẩm (ví dụ 11 hoặc 'Chè tươi, chè chế biến'). / Fix: write the set's number 1–26 or its name as the list of product sets gives it (e.g. 11 or 'Chè tươi, chè chế biến')."
    ),
    'SP420': (
        "danh-sach.csv:1:J: cảnh báo SP420 [Ghi chú]\n"
        "  Cột 'Ghi chú' không khớp trường nào nên không được nhập. / Column 'Ghi chú' matches no field, so it is not imported.\n"
        "  Cách sửa: nếu cột cần nhập, chỉ rõ bằng --map \"Ghi chú=TRƯỜNG\" (các trường: number, code, name, producer, address, unit, district, phone, stars, decision, date, issuer, level, product_set); nếu không, bỏ qua cảnh báo này. / Fix: if it should be imported, say which field with --map \"Ghi chú=FIELD\" (fields: number, code, name, producer, address, unit, district, phone, stars, decision, date, issuer, level, product_set); otherwise ignore this."
    ),
    'SP421': (
        "danh-sach.csv:3:A: cảnh báo SP421 [Tên sản phẩm]\n"
        "  Dòng này không có tên sản phẩm nên được coi là dòng tiêu đề nhóm hoặc ghi chú và bỏ qua: 'Tổng cộng: 1 sản phẩm'. / This row has no product name, so it is taken as a group heading or a note and skipped: 'Tổng cộng: 1 sản phẩm'.\n"
        "  Cách sửa: nếu đây là một sản phẩm, điền tên sản phẩm vào cột 'Tên sản phẩm' rồi nhập lại. / Fix: if it is a product, fill in its name in column 'Tên sản phẩm' and import again."
    ),
    'SP422': (
        "danh-sach.csv:2: cảnh báo SP422\n"
        "  Dòng này trùng LC-0001 (cùng quyết định, tên sản phẩm và chủ thể) nên không nhập lại. / This row matches LC-0001 (same decision, product name and producer), so it is not imported again.\n"
        "  Cách sửa: không cần làm gì nếu đó đúng là cùng một sản phẩm; nếu là sản phẩm khác, sửa tên cho khác. / Fix: nothing to do if it is the same product; if it is another product, give it a distinct name."
    ),
    'SP423': (
        "danh-sach.csv:2:H: cảnh báo SP423 [Ngày quyết định]\n"
        "  LC-0001: 'certificates[0].date' trong hồ sơ là '28/06/2024', trong danh sách là '27/06/2024'. / LC-0001: 'certificates[0].date' is '28/06/2024' in the record and '27/06/2024' in the list.\n"
        "  Cách sửa: chạy lại với --update để ghi giá trị của danh sách vào hồ sơ, hoặc sửa danh sách nếu hồ sơ đúng. / Fix: run again with --update to write the list's value into the record, or correct the list if the record is right."
    ),
    'SP424': (
        "danh-sach.csv:2:B: cảnh báo SP424 [Chủ thể]\n"
        "  Tên chủ thể 'Lò Văn Hùng' không cho biết loại chủ thể; tạm ghi 'household' và đánh dấu cần xác nhận. / The producer's name 'Lò Văn Hùng' does not tell its kind; 'household' is written for now and marked to confirm.\n"
        "  Cách sửa: ghi đúng loại chủ thể trong hồ sơ (enterprise | cooperative | cooperative_group | farm | household) rồi xoá dòng 'producer_kind' khỏi 'to_confirm'. / Fix: write the right kind in the record (enterprise | cooperative | cooperative_group | farm | household), then delete the 'producer_kind' line from 'to_confirm'."
    ),
    'SP425': (
        "danh-sach.csv:2:A: cảnh báo SP425 [Tên sản phẩm]\n"
        "  Danh sách không ghi bộ sản phẩm; đề xuất bộ 11 (Chè tươi, chè chế biến) vì tên bắt đầu bằng 'Chè'. / The list gives no product set; set 11 (Chè tươi, chè chế biến) is proposed because the name starts with 'Chè'.\n"
        "  Cách sửa: kiểm tra bộ sản phẩm trong hồ sơ, sửa nếu cần, rồi xoá dòng 'product_set' khỏi 'to_confirm'. / Fix: check the product set in the record, correct it if need be, then delete the 'product_set' line from 'to_confirm'."
    ),
    'SP426': (
        "danh-sach.csv:2:A: cảnh báo SP426 [Tên sản phẩm]\n"
        "  Danh sách không ghi bộ sản phẩm và tên 'Đông trùng hạ thảo' không cho biết bộ nào: hồ sơ được ghi không có bộ sản phẩm. / The list gives no product set and the name 'Đông trùng hạ thảo' does not tell which: the record is written without one.\n"
        "  Cách sửa: thêm 'product_set:' (1–26) vào hồ sơ, hoặc thêm cột 'Bộ sản phẩm' vào danh sách rồi nhập lại với --update. / Fix: add 'product_set:' (1–26) to the record, or add a 'Bộ sản phẩm' column to the list and import again with --update."
    ),
}
IMPORT_STORIES = [dataclasses.replace(story, expected=IMPORTED[story.code]) for story in IMPORT_STORIES]

STORIES = [
    # -- reading the file ---------------------------------------------------------
    Story("SP001", "latin1-bytes", record(GOOD_RECORD.encode("utf-8").replace(
        "Chè Shan tuyết cổ thụ San Thàng\n  en".encode(), b"Ch\xe8 Shan tuy\xeat\n  en")),
        'products/LC-0001.yaml:4: lỗi SP001\n'
        '  Không đọc được tệp: byte 0xe8 không phải mã UTF-8 (tệp lưu bằng bảng mã khác).'
        ' / The file cannot be read: byte 0xe8 is not UTF-8.\n'
        '  Cách sửa: lưu tệp ở dạng văn bản UTF-8 (trình soạn thảo: Save with encoding UTF-8).'
        ' / Fix: save the file as UTF-8 text.'),
    Story("SP002", "empty-file", record(""),
        'products/LC-0001.yaml:1:1: lỗi SP002\n'
        '  Tệp rỗng, không có hồ sơ sản phẩm nào.'
        ' / The file is empty: it holds no product record.\n'
        '  Cách sửa: điền hồ sơ theo mẫu trong docs/huong-dan-can-bo.md (hoặc tạo bằng ocop new), hoặc xoá tệp nếu tạo nhầm.'
        ' / Fix: fill in the record as docs/officers-guide.md shows (or make it with ocop new), or delete the file'
        ' if it was made by mistake.'),
    Story("SP003", "three-space-indent", record(changed("  kind: cooperative", "   kind: cooperative")),
        'products/LC-0001.yaml:10:8: lỗi SP003\n'
        "  Sai cú pháp YAML: dấu ':' đứng sai chỗ — dòng này thụt lề sâu hơn dòng trên, hoặc giá trị có ': ' cần đặt trong ngoặc kép."
        ' / YAML syntax error: mapping values are not allowed in this context.\n'
        '  Cách sửa: kiểm tra thụt lề (dùng dấu cách), dấu hai chấm sau tên trường và dấu ngoặc kép đóng mở đủ.'
        ' / Fix: check the indentation (spaces), the colon after each key and that quotes are closed.'),
    # An unclosed quote or a missing colon is reported where the officer's mistake starts,
    # not where the parser gave up (the end of the file, the next line).
    Story("SP003", "unclosed-quote", record(changed('phone: "0912 345 678"', 'phone: "0912 345 678')),
        'products/LC-0001.yaml:12:10: lỗi SP003\n'
        '  Sai cú pháp YAML: tệp kết thúc khi dấu ngoặc (kép hoặc đơn) chưa đóng.'
        ' / YAML syntax error: found unexpected end of stream.\n'
        '  Cách sửa: kiểm tra thụt lề (dùng dấu cách), dấu hai chấm sau tên trường và dấu ngoặc kép đóng mở đủ.'
        ' / Fix: check the indentation (spaces), the colon after each key and that quotes are closed.'),
    Story("SP003", "missing-colon", record(changed("unit: san-thang", "unit san-thang")),
        'products/LC-0001.yaml:7:1: lỗi SP003\n'
        "  Sai cú pháp YAML: thiếu dấu ':', hoặc thiếu dấu cách sau ':', sau tên trường."
        " / YAML syntax error: could not find expected ':'.\n"
        '  Cách sửa: kiểm tra thụt lề (dùng dấu cách), dấu hai chấm sau tên trường và dấu ngoặc kép đóng mở đủ.'
        ' / Fix: check the indentation (spaces), the colon after each key and that quotes are closed.'),
    Story("SP004", "tab-indent", record(changed("  kind: cooperative", "\tkind: cooperative")),
        'products/LC-0001.yaml:10:1: lỗi SP004\n'
        '  Dòng này thụt lề bằng phím Tab.'
        ' / This line is indented with a tab character.\n'
        '  Cách sửa: thay Tab bằng dấu cách (2 dấu cách cho mỗi mức).'
        ' / Fix: replace the tab with spaces (2 per level).'),
    Story("SP005", "unit-twice", record(changed("unit: san-thang\n", "unit: san-thang\nunit: tan-phong\n")),
        'products/LC-0001.yaml:8:1: lỗi SP005 [unit]\n'
        "  Trường 'unit' xuất hiện hai lần (lần đầu ở dòng 7)."
        " / Key 'unit' appears twice (first on line 7).\n"
        "  Cách sửa: giữ một trường 'unit' và xoá trường thừa."
        " / Fix: keep one 'unit' and delete the other."),
    Story("SP006", "list-at-top", record("- id: LC-0001\n- id: LC-0002\n"),
        'products/LC-0001.yaml:1:1: lỗi SP006\n'
        "  Hồ sơ phải là một nhóm trường 'tên: giá trị', nhưng gặp một danh sách."
        " / A record must be a group of 'key: value' fields, but found a list.\n"
        "  Cách sửa: bắt đầu tệp bằng 'id: ...' rồi các trường khác, mỗi trường một dòng."
        " / Fix: start the file with 'id: ...' and the other fields, one per line."),
    Story("SP007", "python-object-tag", record(changed("unit: san-thang", "unit: !!python/object:os.system san-thang")),
        'products/LC-0001.yaml:7:7: lỗi SP007 [unit]\n'
        "  Không dùng thẻ YAML '!!python/object:os.system' trong hồ sơ."
        " / YAML tag '!!python/object:os.system' is not allowed in records.\n"
        "  Cách sửa: xoá thẻ bắt đầu bằng '!' và viết giá trị bình thường."
        " / Fix: remove the tag starting with '!' and write the plain value."),
    Story("SP008", "yml-extension", {"LC-0002.yml": changed("id: LC-0001", "id: LC-0002")},
        'products/LC-0002.yml: lỗi SP008\n'
        "  Tệp hồ sơ phải có đuôi .yaml, nhưng tệp này có đuôi '.yml'."
        " / Record files must end in .yaml, but this one ends in '.yml'.\n"
        '  Cách sửa: đổi tên tệp thành LC-0002.yaml.'
        ' / Fix: rename the file to LC-0002.yaml.'),
    Story("SP009", "notes-txt", {"LC-0001.yaml": GOOD_RECORD, "notes.txt": "ghi chú\n"},
        'products/notes.txt: cảnh báo SP009\n'
        "  'notes.txt' không phải hồ sơ sản phẩm (<MÃ>.yaml) nên bị bỏ qua."
        " / 'notes.txt' is not a product record (<ID>.yaml), so it is ignored.\n"
        "  Cách sửa: chuyển 'notes.txt' ra khỏi thư mục hồ sơ; nếu đó là hồ sơ sản phẩm, đặt tên theo mã, ví dụ LC-0015.yaml."
        " / Fix: move 'notes.txt' out of the records folder; if it is a product record, name it after the id, e.g. LC-0015.yaml."),
    Story("SP009", "stray-folder", {"LC-0001.yaml": GOOD_RECORD, "ghi-chu/LC-0002.yaml": GOOD_RECORD},
        'products/ghi-chu/: cảnh báo SP009\n'
        "  'ghi-chu/' không phải hồ sơ sản phẩm (<MÃ>.yaml) nên bị bỏ qua."
        " / 'ghi-chu/' is not a product record (<ID>.yaml), so it is ignored.\n"
        "  Cách sửa: chuyển 'ghi-chu/' ra khỏi thư mục hồ sơ; nếu đó là hồ sơ sản phẩm, đặt tên theo mã, ví dụ LC-0015.yaml."
        " / Fix: move 'ghi-chu/' out of the records folder; if it is a product record, name it after the id, e.g. LC-0015.yaml."),
    Story("SP010", "address-by-alias", record(changed("    address: Phường Tân Phong", "    address: *dia-chi", changed(
        "  address: Bản Lùng", "  address: &dia-chi Bản Lùng"))),
        'products/LC-0001.yaml:22:14: lỗi SP010\n'
        '  Không dùng tham chiếu YAML (&neo / *tham-chiếu) trong hồ sơ.'
        ' / YAML anchors and aliases (&anchor / *alias) are not allowed in records.\n'
        "  Cách sửa: viết đầy đủ giá trị tại chỗ thay cho '*…'."
        " / Fix: write the value out in full instead of '*…'."),
    # Each alias is its own mistake; the file is not read further (an alias can expand to billions of values).
    Story("SP010", "two-aliases", record(changed("  - name: Cửa hàng giới thiệu sản phẩm OCOP thành phố Lai Châu",
                                                 "  - name: *dia-chi", changed(
        "    address: Phường Tân Phong", "    address: *dia-chi", changed(
            "  address: Bản Lùng", "  address: &dia-chi Bản Lùng")))),
        'products/LC-0001.yaml:21:11: lỗi SP010\n'
        '  Không dùng tham chiếu YAML (&neo / *tham-chiếu) trong hồ sơ.'
        ' / YAML anchors and aliases (&anchor / *alias) are not allowed in records.\n'
        "  Cách sửa: viết đầy đủ giá trị tại chỗ thay cho '*…'."
        " / Fix: write the value out in full instead of '*…'.",
        also=("SP010",)),
    # -- dataset.yaml: who publishes the catalogue (ocop/reading/publisher.py) ----------
    Story("SP011", "no-dataset-yaml", {"dataset.yaml": None, "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml: cảnh báo SP011\n'
        '  Thư mục hồ sơ chưa có dataset.yaml: trang web không ghi được ai công bố danh mục, cũng không có nơi báo'
        ' sản phẩm giả, dùng sai nhãn OCOP. / The records folder has no dataset.yaml: the site cannot say who'
        ' publishes the catalogue, nor where to report a fake or misused OCOP label.\n'
        '  Cách sửa: tạo tệp bằng lệnh ocop init --province TỈNH --products products --existing (TỈNH: mã GSO'
        ' hoặc tên tỉnh), rồi điền thông tin cơ quan công bố. / Fix: create it with ocop init --province PROVINCE'
        " --products products --existing (PROVINCE: its GSO code or name), then fill in the publishing office's"
        ' details.'),
    Story("SP012", "province-misspelt", {"dataset.yaml": DATASET_WITH("province: Lam Dongg\n"),
                                         "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml:2:11: lỗi SP012 [province]\n'
        "  'Lam Dongg' không phải một trong 34 tỉnh, thành phố từ 01/07/2025. Có phải: Tỉnh Lâm Đồng (68),"
        " Thành phố Hải Phòng (31), Tỉnh Lạng Sơn (20)? / 'Lam Dongg' is not one of the 34 provinces and cities"
        " since 01/07/2025. Did you mean: Lam Dong province (68), Hai Phong city (31), Lang Son province (20)?\n"
        + PROVINCE_FIX),
    Story("SP012", "province-before-the-merger", {"dataset.yaml": DATASET_WITH("province: Bình Dương\n"),
                                                  "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml:2:11: lỗi SP012 [province]\n'
        "  'Bình Dương' không phải một trong 34 tỉnh, thành phố từ 01/07/2025. Từ 01/07/2025 tỉnh Bình Dương"
        " thuộc thành phố Hồ Chí Minh (79). / 'Bình Dương' is not one of the 34 provinces and cities since"
        " 01/07/2025. Since 01/07/2025 Binh Duong province has been part of Ho Chi Minh city (79).\n"
        + PROVINCE_FIX),
    Story("SP013", "logo-missing", {"dataset.yaml": DATASET_WITH("logo: logo.png\n"), "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml:2:7: lỗi SP013 [logo]\n'
        "  Không dùng được logo 'logo.png': không thấy tệp trong products/ (phân biệt chữ hoa, chữ thường)."
        " / Logo 'logo.png' cannot be used: no such file in products/ (case matters).\n"
        + LOGO_FIX),
    Story("SP013", "logo-outside-the-folder", {"dataset.yaml": DATASET_WITH("logo: ../logo.png\n"),
                                               "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml:2:7: lỗi SP013 [logo]\n'
        "  Không dùng được logo '../logo.png': đường dẫn ra ngoài thư mục hồ sơ."
        " / Logo '../logo.png' cannot be used: the path leads outside the records folder.\n"
        + LOGO_FIX),
    Story("SP013", "logo-not-an-image", {"dataset.yaml": DATASET_WITH("logo: logo.png\n"), "logo.png": "logo\n",
                                         "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml:2:7: lỗi SP013 [logo]\n'
        "  Không dùng được logo 'logo.png': không phải ảnh PNG, JPEG, WebP hay SVG đọc được."
        " / Logo 'logo.png' cannot be used: not a readable PNG, JPEG, WebP or SVG image.\n"
        + LOGO_FIX, also=("SP009",)),
    Story("SP014", "report-without-contact", {"dataset.yaml": DATASET_WITH(
            "office:\n  name: {vi: Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng}\n  report: {}\n"),
            "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml:4:11: lỗi SP014 [office.report]\n'
        "  'report' cần số điện thoại (phone) hoặc thư điện tử (email) để người mua báo sản phẩm giả, dùng sai"
        " nhãn OCOP. / 'report' needs a phone or an email, so that buyers can report a fake or misused OCOP"
        " label.\n"
        '  Cách sửa: thêm dòng, ví dụ phone: "0213 3123 456" hoặc email: ocop@example.vn.'
        ' / Fix: add one, e.g. phone: "0213 3123 456" or email: ocop@example.vn.'),
    Story("SP020", "review-on-gitea", {"dataset.yaml": DATASET_WITH(
            "cms:\n  backend: gitea\n  repo: so-nn/ocop\n  api_root: https://git.example.vn/api/v1\n"
            "  review: true\n"), "LC-0001.yaml": GOOD_RECORD},
        "products/dataset.yaml:6:11: lỗi SP020 [cms.review]\n"
        "  Gitea không mở được pull request từ trang quản trị (Decap CMS không hỗ trợ duyệt trước với Gitea): với"
        " 'review: true', trang admin/ không mở được. / The admin form cannot open pull requests on Gitea (Decap"
        " CMS has no review workflow for it): with 'review: true' the admin/ page would not open.\n"
        "  Cách sửa: máy chủ là Forgejo thì ghi backend: forgejo (có duyệt trước); nếu không, ghi review: false và"
        " bảo vệ nhánh chính (xem docs/publishing.md, Trang quản trị). / Fix: on a Forgejo server write backend:"
        " forgejo (it has review); otherwise write review: false and protect the main branch (see"
        " docs/publishing.md, The admin form)."),
    Story("SP015", "report-phone-still-to-fill-in", {"dataset.yaml": DATASET_WITH(
            "office:\n  name: {vi: Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng}\n"
            "  report:\n    phone: (chưa điền) số điện thoại nhận báo cáo\n"), "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml:5:12: cảnh báo SP015 [office.report.phone]\n'
        "  Trường 'office.report.phone' của dataset.yaml vẫn còn chữ '(chưa điền)': trang web bỏ trống thông tin"
        " này. / Field 'office.report.phone' of dataset.yaml still says '(chưa điền)' (to fill in): the site"
        " leaves it out.\n"
        "  Cách sửa: ghi thông tin thật của cơ quan công bố trước khi đưa trang lên mạng."
        " / Fix: write the publishing office's real details before the site goes public."),
    Story("SP100", "dataset-area-renamed", {"dataset.yaml": DATASET_WITH("area: {vi: tỉnh Lâm Đồng}\n"),
                                            "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml:2:1: lỗi SP100 [area]\n'
        "  Trường 'area' không có trong mẫu hồ sơ. Nay ghi là 'locality'."
        " / Field 'area' is not part of the record format. It is now called 'locality'.\n"
        "  Cách sửa: sửa tên trường cho đúng (các trường được phép: locality, province, office, logo, sample,"
        " id_prefix, cms). / Fix: correct the field name (allowed fields: locality, province, office, logo, sample,"
        " id_prefix, cms)."),
    Story("SP110", "dataset-report-phone-too-short", {"dataset.yaml": DATASET_WITH(
            "office:\n  name: {vi: Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng}\n"
            '  report: {phone: "0263 38"}\n'), "LC-0001.yaml": GOOD_RECORD},
        'products/dataset.yaml:4:19: lỗi SP110 [office.report.phone]\n'
        "  Số điện thoại '0263 38' không hợp lệ. / Phone number '0263 38' is not valid.\n"
        '  Cách sửa: viết 10 chữ số bắt đầu bằng 0 (có thể có dấu cách), trong ngoặc kép, ví dụ "0912 345 678".'
        ' / Fix: write 10 digits starting with 0 (spaces allowed), in quotes, e.g. "0912 345 678".'),
    # -- a field's form -------------------------------------------------------------
    Story("SP100", "misspelt-story", record(changed("story:", "stroy:")),
        'products/LC-0001.yaml:18:1: lỗi SP100 [stroy]\n'
        "  Trường 'stroy' không có trong mẫu hồ sơ. Có phải là 'story'?"
        " / Field 'stroy' is not part of the record format. Did you mean 'story'?\n"
        '  Cách sửa: sửa tên trường cho đúng (các trường được phép: id, code, name, product_set, unit, producer, description, story, images, sales, evaluations, certificates, dossiers, revocation, withdrawn, aliases, to_confirm).'
        ' / Fix: correct the field name (allowed fields: id, code, name, product_set, unit, producer, description, story, images, sales, evaluations, certificates, dossiers, revocation, withdrawn, aliases, to_confirm).'),
    Story("SP100", "decimal-comma", record(changed("A: 31.5", "A: 31,5")),
        'products/LC-0001.yaml:31:20: lỗi SP100 [evaluations[0].scores.5]\n'
        "  Trường '5' không có trong mẫu hồ sơ. Nếu đây là phần thập phân của số phía trước, dùng dấu chấm: 31.5 chứ không phải 31,5."
        " / Field '5' is not part of the record format. If this is the decimal part of the number before it, use a point: 31.5, not 31,5.\n"
        '  Cách sửa: sửa tên trường cho đúng (các trường được phép: A, B, C).'
        ' / Fix: correct the field name (allowed fields: A, B, C).'),
    Story("SP101", "unit-missing", record(changed("unit: san-thang\n", "")),
        'products/LC-0001.yaml:1:1: lỗi SP101\n'
        "  Thiếu trường bắt buộc 'unit' (đơn vị hành chính)."
        " / Required field 'unit' (administrative unit) is missing.\n"
        '  Cách sửa: thêm dòng, ví dụ: unit: san-thang'
        ' / Fix: add it, for example: unit: san-thang'),
    Story("SP102", "month-13", record(changed("date: 2024-06-28", "date: 2024-13-01")),
        'products/LC-0001.yaml:35:11: lỗi SP102 [certificates[0].date]\n'
        "  Ngày '2024-13-01' không hợp lệ."
        " / Date '2024-13-01' is not a valid date.\n"
        '  Cách sửa: viết NĂM-THÁNG-NGÀY, ví dụ 2024-06-28.'
        ' / Fix: use YYYY-MM-DD.'),
    Story("SP102", "day-month-year", record(changed("date: 2024-06-28", "date: 28/06/2024")),
        'products/LC-0001.yaml:35:11: lỗi SP102 [certificates[0].date]\n'
        "  Ngày '28/06/2024' không hợp lệ. Có vẻ đây là ngày/tháng/năm: viết 2024-06-28."
        " / Date '28/06/2024' is not a valid date. It looks like day/month/year: write 2024-06-28.\n"
        '  Cách sửa: viết NĂM-THÁNG-NGÀY, ví dụ 2024-06-28.'
        ' / Fix: use YYYY-MM-DD.'),
    Story("SP103", "name-as-plain-text", record(changed(
        "name:\n  vi: Chè Shan tuyết cổ thụ San Thàng\n  en: San Thang ancient Shan Tuyet tea\n",
        "name: Chè Shan tuyết cổ thụ San Thàng\n\n\n")),
        'products/LC-0001.yaml:3:7: lỗi SP103 [name]\n'
        "  Trường 'name' phải là một nhóm 'vi:' (và 'en:' nếu có), nhưng gặp giá trị 'Chè Shan tuyết cổ thụ San Thàng'."
        " / Field 'name' must be a group with 'vi:' (and optionally 'en:'), but found the value 'Chè Shan tuyết cổ thụ San Thàng'.\n"
        '  Cách sửa: viết theo mẫu: {vi: Chè Shan tuyết cổ thụ San Thàng}'
        ' / Fix: write it like: {vi: Chè Shan tuyết cổ thụ San Thàng}'),
    Story("SP104", "score-in-words", record(changed("B: 17", "B: mười bảy")),
        'products/LC-0001.yaml:31:26: lỗi SP104 [evaluations[0].scores.B]\n'
        "  'mười bảy' không phải là số."
        " / 'mười bảy' is not a number.\n"
        '  Cách sửa: viết số với dấu chấm thập phân, ví dụ 31.5 (không dùng dấu phẩy).'
        ' / Fix: write a number with a decimal point, e.g. 31.5 (no comma).'),
    Story("SP105", "half-a-star", record(changed("stars: 3", "stars: 3.5")),
        'products/LC-0001.yaml:38:12: lỗi SP105 [certificates[0].stars]\n'
        "  '3.5' không phải là số nguyên."
        " / '3.5' is not a whole number.\n"
        '  Cách sửa: viết số nguyên, ví dụ 3.'
        ' / Fix: write a whole number, e.g. 3.'),
    Story("SP106", "producer-kind-in-vietnamese", record(changed("kind: cooperative", "kind: hợp tác xã")),
        'products/LC-0001.yaml:10:9: lỗi SP106 [producer.kind]\n'
        "  Giá trị 'hợp tác xã' không được phép cho 'kind'. Có phải là 'cooperative'?"
        " / Value 'hợp tác xã' is not allowed for 'kind'. Did you mean 'cooperative'?\n"
        '  Cách sửa: chọn một trong: enterprise, cooperative, cooperative_group, farm, household, tourism_org.'
        ' / Fix: choose one of: enterprise, cooperative, cooperative_group, farm, household, tourism_org.'),
    Story("SP107", "lower-case-id", {"lc-0001.yaml": changed("id: LC-0001", "id: lc-0001")},
        'products/lc-0001.yaml:1:5: lỗi SP107 [id]\n'
        "  Mã sản phẩm 'lc-0001' sai dạng."
        " / Product id 'lc-0001' is not in the right form.\n"
        '  Cách sửa: dùng chữ in hoa, chữ số và dấu gạch ngang, ví dụ LC-0001.'
        ' / Fix: use capital letters, digits and hyphens, e.g. LC-0001.'),
    Story("SP108", "website-without-https", record(changed("website: https://example.vn", "website: example.vn")),
        'products/LC-0001.yaml:14:12: lỗi SP108 [producer.website]\n'
        "  Địa chỉ web 'example.vn' không hợp lệ."
        " / Web address 'example.vn' is not valid.\n"
        '  Cách sửa: viết đầy đủ, bắt đầu bằng https://, ví dụ https://example.vn/san-pham.'
        ' / Fix: write the full address starting with https://, e.g. https://example.vn/product.'),
    Story("SP109", "email-without-domain", record(changed("htxchesanthang@example.vn", "htxchesanthang@example")),
        'products/LC-0001.yaml:13:10: lỗi SP109 [producer.email]\n'
        "  Thư điện tử 'htxchesanthang@example' không hợp lệ."
        " / Email 'htxchesanthang@example' is not valid.\n"
        '  Cách sửa: viết dạng ten@mien.vn, ví dụ htx@example.vn.'
        ' / Fix: write it as name@domain, e.g. htx@example.vn.'),
    Story("SP110", "phone-one-digit-short", record(changed('"0912 345 678"', '"0912 345 67"')),
        'products/LC-0001.yaml:12:10: lỗi SP110 [producer.phone]\n'
        "  Số điện thoại '0912 345 67' không hợp lệ."
        " / Phone number '0912 345 67' is not valid.\n"
        '  Cách sửa: viết 10 chữ số bắt đầu bằng 0 (có thể có dấu cách), trong ngoặc kép, ví dụ "0912 345 678".'
        ' / Fix: write 10 digits starting with 0 (spaces allowed), in quotes, e.g. "0912 345 678".'),
    Story("SP111", "issuer-emptied", record(changed("issuer: UBND thành phố Lai Châu", 'issuer: ""')),
        'products/LC-0001.yaml:36:13: lỗi SP111 [certificates[0].issuer]\n'
        "  Trường 'issuer' để trống."
        " / Field 'issuer' is empty.\n"
        '  Cách sửa: điền nội dung, hoặc xoá cả dòng nếu trường không bắt buộc.'
        ' / Fix: fill it in, or delete the line if the field is optional.'),
    Story("SP111", "issuer-left-blank", record(changed("issuer: UBND thành phố Lai Châu", "issuer:")),
        'products/LC-0001.yaml:36:5: lỗi SP111 [certificates[0].issuer]\n'
        "  Trường 'issuer' để trống."
        " / Field 'issuer' is empty.\n"
        '  Cách sửa: điền nội dung, hoặc xoá cả dòng nếu trường không bắt buộc.'
        ' / Fix: fill it in, or delete the line if the field is optional.'),
    Story("SP111", "issuer-tilde", record(changed("issuer: UBND thành phố Lai Châu", "issuer: ~")),
        'products/LC-0001.yaml:36:5: lỗi SP111 [certificates[0].issuer]\n'
        "  Trường 'issuer' để trống."
        " / Field 'issuer' is empty.\n"
        '  Cách sửa: điền nội dung, hoặc xoá cả dòng nếu trường không bắt buộc.'
        ' / Fix: fill it in, or delete the line if the field is optional.'),
    Story("SP112", "six-stars", record(changed("stars: 3", "stars: 6")),
        'products/LC-0001.yaml:38:12: lỗi SP112 [certificates[0].stars]\n'
        "  Giá trị 6 của 'stars' nằm ngoài khoảng cho phép 3–5."
        " / Value 6 of 'stars' is outside the allowed range 3–5.\n"
        '  Cách sửa: sửa thành một số từ 3 đến 5.'
        ' / Fix: use a number from 3 to 5.'),
    Story("SP113", "criterion-not-on-sheet", record(changed("      11: 2\n", "      11: 2\n      12: 1\n",
                                                              SHEET_RECORD)),
        'products/LC-0001.yaml:65:11: lỗi SP113 [evaluations[0].criteria.12]\n'
        "  Tiêu chí '12' không có trong phiếu chấm của bộ sản phẩm 11 (qd26-2026)."
        " / Criterion '12' is not on the scoring sheet of product set 11 (qd26-2026).\n"
        '  Cách sửa: dùng mã tiêu chí chi tiết nhất (cấp thấp nhất) của phiếu chấm, ví dụ 1.1, 1.2, 1.3.'
        " / Fix: use the scoring sheet's most detailed (lowest-level) criterion codes, e.g. 1.1, 1.2, 1.3."),
    # -- OCOP rules and cross-field facts -------------------------------------------------
    Story("SP201", "id-differs-from-file", record(changed("id: LC-0001", "id: LC-0100")),
        'products/LC-0001.yaml:1:5: lỗi SP201 [id]\n'
        "  Mã 'LC-0100' khác tên tệp 'LC-0001.yaml'."
        " / Id 'LC-0100' differs from the file name 'LC-0001.yaml'.\n"
        '  Cách sửa: mã sản phẩm không bao giờ đổi: đặt tên tệp là LC-0100.yaml hoặc sửa id thành LC-0001.'
        ' / Fix: a product id never changes: name the file LC-0100.yaml or set id to LC-0001.'),
    Story("SP202", "id-reused", {"LC-0001.yaml": GOOD_RECORD, "LC-0002.yaml": GOOD_RECORD},
        'products/LC-0002.yaml:1:5: lỗi SP202 [id]\n'
        "  Mã 'LC-0001' đã dùng trong products/LC-0001.yaml."
        " / Id 'LC-0001' is already used by products/LC-0001.yaml.\n"
        '  Cách sửa: mỗi sản phẩm một mã riêng, không dùng lại: đổi sang mã mới chưa từng dùng.'
        ' / Fix: each product has its own id, never reused: choose a new id.',
        also=("SP201",)),
    Story("SP203", "id-without-prefix", {"dataset.yaml": "id_prefix: LC\n",
                                         "TP-0001.yaml": changed("id: LC-0001", "id: TP-0001")},
        'products/TP-0001.yaml:1:5: lỗi SP203 [id]\n'
        "  Mã 'TP-0001' không bắt đầu bằng tiền tố 'LC-' của bộ dữ liệu."
        " / Id 'TP-0001' does not start with the dataset's prefix 'LC-'.\n"
        '  Cách sửa: dùng mã dạng LC-0001.'
        ' / Fix: use an id like LC-0001.'),
    Story("SP204", "unit-of-another-province", in_lam_dong(GOOD_RECORD),
        'products/LC-0001.yaml:7:7: lỗi SP204 [unit]\n'
        "  Đơn vị 'san-thang' (Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu) nằm ngoài tỉnh Lâm Đồng của bộ dữ liệu. / Unit 'san-thang' (San Thang commune, Lai Chau city, Lai Chau province) lies outside the dataset's Lam Dong province.\n"
        "  Cách sửa: ghi mã của một đơn vị thuộc tỉnh Lâm Đồng (trước 01/07/2025: thuộc tỉnh Bình Thuận, tỉnh Đắk Nông, tỉnh Lâm Đồng), hoặc kiểm tra 'province' trong dataset.yaml. / Fix: use the code of a unit of Lam Dong province (before 01/07/2025: of Binh Thuan province, Dak Nong province, Lam Dong province), or check 'province' in dataset.yaml.", also=('SP307',)),
    Story("SP205", "district-certificate-in-the-first-days-of-july-2025", record(GOOD_RECORD.replace("date: 2024-06-28", "date: 2025-07-03").replace("date: 2024-06-20", "date: 2025-06-20").replace("unit: san-thang", "unit: phuong-tan-phong").replace("issuer: UBND thành phố Lai Châu", "issuer: UBND huyện Tam Đường")),
        'products/LC-0001.yaml:37:12: lỗi SP205 [certificates[0].level]\n'
        "  Cấp huyện ngày 03/07/2025: từ 01/07/2025 không còn chính quyền cấp huyện (UBND, hội đồng cấp huyện). / District level on 03/07/2025: there has been no district government (People's Committee, council) since 01/07/2025.\n"
        "  Cách sửa: kiểm tra ngày và cơ quan; từ 01/07/2025 cấp tỉnh chấm điểm và công nhận sản phẩm 3 và 4 sao: ghi 'province'. / Fix: check the date and the body; since 01/07/2025 the province scores and recognises 3★ and 4★ products: write 'province'.", also=('SP306',)),
    Story("SP016", "units-file-successor-misspelled", {"units.yaml": SAMPLE_UNITS.read_text(encoding="utf-8") + (
        "  - code: xa-cu\n"
        "    name: {vi: Xã Cũ, en: Cu commune}\n"
        "    kind: xa\n"
        "    until: 2025-06-30\n"
        "    successor: phuong-tan-phongg\n")},
        "products/units.yaml:69:16: lỗi SP016 [units[9].successor]\n"
        "  'successor' của đơn vị 'xa-cu' ghi 'phuong-tan-phongg': không có đơn vị nào mang mã này."
        " / 'successor' of unit 'xa-cu' says 'phuong-tan-phongg': no unit has that code.\n"
        "  Cách sửa: ghi mã GSO có trong dữ liệu đơn vị cả nước, hoặc mã của một đơn vị khác trong units.yaml."
        " / Fix: write a GSO code of the country's unit data, or the code of another unit of units.yaml."),
    Story("SP210", "unit-typo", record(changed("unit: san-thang", "unit: san-thanh")),
        'products/LC-0001.yaml:7:7: lỗi SP210 [unit]\n'
        "  Đơn vị hành chính 'san-thanh' không có trong danh sách. / Administrative unit 'san-thanh' is not in the list.\n"
        "  Cách sửa: có phải: 'san-thang' (Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu, …–30/06/2025); '11125' (Xã An Thanh, huyện Tứ Kỳ, tỉnh Hải Dương, …–30/06/2025); '12541' (Xã An Thanh, huyện Quỳnh Phụ, tỉnh Thái Bình, …–30/06/2025)? / Fix: did you mean: 'san-thang' (San Thang commune, Lai Chau city, Lai Chau province, …–30/06/2025); '11125' (An Thanh commune, Tu Ky district, Hai Duong province, …–30/06/2025); '12541' (An Thanh commune, Quynh Phu district, Thai Binh province, …–30/06/2025)?"),
    Story("SP211", "unit-after-the-merger", record(changed("unit: san-thang", "unit: phuong-tan-phong")),
        'products/LC-0001.yaml:7:7: lỗi SP211 [unit]\n'
        "  Đơn vị 'phuong-tan-phong' (Phường Tân Phong, tỉnh Lai Châu) không tồn tại vào ngày 28/06/2024 (01/07/2025–…). / Unit 'phuong-tan-phong' (Phường Tân Phong, tỉnh Lai Châu) did not exist on 28/06/2024 (01/07/2025–…).\n"
        "  Cách sửa: ghi đơn vị có hiệu lực vào ngày đó: 'tan-phong' (Phường Tân Phong); 'dong-phong' (Phường Đông Phong); 'san-thang' (Xã San Thàng). / Fix: use the unit in force on that day: 'tan-phong' (Phường Tân Phong); 'dong-phong' (Phường Đông Phong); 'san-thang' (Xã San Thàng)."),
    Story("SP212", "tourism-org-outside-set-26", record(changed("kind: cooperative", "kind: tourism_org")),
        'products/LC-0001.yaml:10:9: lỗi SP212 [producer.kind]\n'
        "  Loại chủ thể 'tourism_org' không được phép cho bộ sản phẩm 11."
        " / Producer kind 'tourism_org' is not allowed for product set 11.\n"
        '  Cách sửa: chọn một trong: enterprise, cooperative, cooperative_group, farm, household.'
        ' / Fix: choose one of: enterprise, cooperative, cooperative_group, farm, household.'),
    Story("SP213", "photo-not-uploaded", record(changed("sales:\n", PHOTO + "sales:\n")),
        'products/LC-0001.yaml:21:11: lỗi SP213 [images[0].file]\n'
        "  Không thấy ảnh 'LC-0001/hop-che.jpg' (tìm ở products/media/)."
        " / Image 'LC-0001/hop-che.jpg' not found (looked in products/media/).\n"
        '  Cách sửa: đặt ảnh vào products/media/ hoặc sửa tên tệp cho đúng (phân biệt chữ hoa, chữ thường).'
        ' / Fix: put the photo in products/media/ or correct the file name (case matters).'),
    Story("SP214", "photo-is-not-an-image", {
        "LC-0001.yaml": changed("sales:\n", PHOTO + "sales:\n"),
        "media/LC-0001/hop-che.jpg": "not a photo\n"},
        'products/LC-0001.yaml:21:11: lỗi SP214 [images[0].file]\n'
        "  Tệp 'LC-0001/hop-che.jpg' không phải ảnh đọc được (không nhận ra định dạng ảnh)."
        " / File 'LC-0001/hop-che.jpg' is not a readable image (unrecognised image format).\n"
        '  Cách sửa: dùng ảnh JPEG, PNG hoặc WebP.'
        ' / Fix: use a JPEG, PNG or WebP photo.'),
    Story("SP215", "revocation-dated-next-week", record(GOOD_RECORD + REVOCATION.format(date="2026-12-05")),
        'products/LC-0001.yaml:41:9: lỗi SP215 [revocation.date]\n'
        '  Ngày 05/12/2026 ở tương lai (hôm nay là 28/11/2026).'
        ' / Date 05/12/2026 is in the future (today is 28/11/2026).\n'
        '  Cách sửa: kiểm tra lại năm, tháng, ngày trên văn bản gốc.'
        ' / Fix: check the year, month and day against the signed document.'),
    Story("SP216", "part-a-above-40", record(changed("A: 31.5", "A: 41.5")),
        'products/LC-0001.yaml:31:17: lỗi SP216 [evaluations[0].scores.A]\n'
        '  Điểm phần A là 41.5, vượt tối đa 40 của bộ quy tắc qd148-2023.'
        ' / Part A scores 41.5, above the maximum 40 of rule set qd148-2023.\n'
        "  Cách sửa: kiểm tra điểm trên biên bản hội đồng, và bộ quy tắc ('rules:') áp dụng."
        " / Fix: check the score in the council's minutes and the rule set ('rules:') applied."),
    Story("SP217", "old-rule-set-named", record(changed("rules: qd148-2023", "rules: qd1048-2019")),
        'products/LC-0001.yaml:30:12: lỗi SP217 [evaluations[0].rules]\n'
        "  Bộ quy tắc 'qd1048-2019' không áp dụng vào ngày 20/06/2024 (21/08/2019–23/02/2023)."
        " / Rule set 'qd1048-2019' was not in force on 20/06/2024 (21/08/2019–23/02/2023).\n"
        "  Cách sửa: xoá dòng 'rules:' để dùng bộ quy tắc theo ngày (qd148-2023), hoặc sửa ngày."
        " / Fix: delete 'rules:' to use the rule set of the date (qd148-2023), or correct the date."),
    Story("SP218", "criterion-points-not-an-option", record(changed("      1.2: 1\n", "      1.2: 1.5\n",
                                                                      SHEET_RECORD)),
        'products/LC-0001.yaml:34:12: lỗi SP218 [evaluations[0].criteria.1.2]\n'
        '  Tiêu chí 1.2: 1.5 điểm không phải là một phương án của phiếu chấm (các phương án: 0, 1, 2).'
        " / Criterion 1.2: 1.5 points is not one of the sheet's options (options: 0, 1, 2).\n"
        '  Cách sửa: ghi đúng số điểm của phương án hội đồng đã chọn.'
        ' / Fix: write the points of the option the council chose.'),
    Story("SP219", "part-total-mistyped", record(changed("A: 32,", "A: 33,", SHEET_RECORD)),
        'products/LC-0001.yaml:30:17: lỗi SP219 [evaluations[0].scores.A]\n'
        '  Tổng điểm các tiêu chí phần A là 32, khác điểm phần đã ghi 33.'
        ' / The criteria of part A add up to 32, not the recorded part score 33.\n'
        '  Cách sửa: sửa điểm tiêu chí hoặc điểm phần cho khớp biên bản.'
        ' / Fix: correct the criteria or the part score to match the minutes.'),
    Story("SP220", "criterion-left-out", record(changed("      3.2: 1\n", "", SHEET_RECORD)),
        'products/LC-0001.yaml:32:5: lỗi SP220 [evaluations[0].criteria]\n'
        '  Phiếu chấm thiếu tiêu chí: 3.2.'
        ' / The scoring sheet lacks criteria: 3.2.\n'
        '  Cách sửa: ghi điểm cho mọi tiêu chí của phiếu chấm bộ 11.'
        " / Fix: give points for every criterion of set 11's sheet."),
    Story("SP221", "criteria-under-qd148", record(changed("    minimums_met: 3\n",
                                                           "    minimums_met: 3\n    criteria: {1.1: 3}\n")),
        'products/LC-0001.yaml:33:15: lỗi SP221 [evaluations[0].criteria]\n'
        "  Bộ quy tắc qd148-2023 không có phiếu chấm trong dữ liệu nên không kiểm tra được 'criteria'."
        " / Rule set qd148-2023 has no scoring sheet in the data, so 'criteria' cannot be checked.\n"
        "  Cách sửa: xoá 'criteria:' và ghi 'minimums_met:' theo biên bản hội đồng."
        " / Fix: remove 'criteria:' and record 'minimums_met:' from the council's minutes."),
    Story("SP222", "minimums-met-five", record(changed("minimums_met: 4", "minimums_met: 5", SHEET_RECORD)),
        'products/LC-0001.yaml:31:19: lỗi SP222 [evaluations[0].minimums_met]\n'
        "  'minimums_met: 5' khác kết quả phiếu chấm (đạt yêu cầu tối thiểu đến 4 sao)."
        " / 'minimums_met: 5' contradicts the sheet (minimums met up to 4 stars).\n"
        "  Cách sửa: xoá 'minimums_met' (tính từ phiếu chấm) hoặc sửa điểm tiêu chí."
        " / Fix: delete 'minimums_met' (it is computed from the sheet) or correct the criteria."),
    Story("SP223", "district-council-in-2026", record(changed("council: province", "council: district",
                                                               SHEET_RECORD)),
        'products/LC-0001.yaml:27:14: lỗi SP223 [evaluations[0].council]\n'
        "  Hội đồng cấp 'district' không chấm điểm theo bộ quy tắc qd26-2026."
        " / A 'district' council does not score under rule set qd26-2026.\n"
        '  Cách sửa: chọn một trong: province, central.'
        ' / Fix: choose one of: province, central.'),
    Story("SP230", "three-stars-with-minimums-unmet", record(changed("minimums_met: 3", "minimums_met: 2")),
        'products/LC-0001.yaml:38:12: lỗi SP230 [certificates[0].stars]\n'
        '  Giấy chứng nhận 3 sao, nhưng lần đánh giá gần nhất vào hoặc trước ngày 28/06/2024 chỉ đạt 2 sao.'
        ' / The certificate gives 3 stars, but the latest evaluation on or before 28/06/2024 ranks 2 stars.\n'
        '  Cách sửa: kiểm tra số sao trên quyết định và điểm của hội đồng.'
        " / Fix: check the stars on the decision and the council's score."),
    Story("SP231", "province-certifies-3-stars-in-2024", record(changed("level: district", "level: province")),
        'products/LC-0001.yaml:37:12: lỗi SP231 [certificates[0].level]\n'
        "  Cấp 'province' không được công nhận 3 sao theo qd148-2023 (ngày 28/06/2024); cấp có thẩm quyền: district."
        " / Level 'province' may not grant 3 stars under qd148-2023 (on 28/06/2024); the competent level is district.\n"
        "  Cách sửa: sửa 'level' theo cơ quan ký quyết định, hoặc kiểm tra ngày quyết định."
        " / Fix: set 'level' to the body that signed the decision, or check the decision date.", also=("SP308",)),
    Story("SP232", "older-certificate-listed-last", record(GOOD_RECORD + (
        "  - decision: 876/QĐ-UBND\n"
        "    date: 2021-06-28\n"
        "    issuer: UBND tỉnh Lai Châu\n"
        "    level: province\n"
        "    stars: 3\n")),
        'products/LC-0001.yaml:40:11: lỗi SP232 [certificates[1].date]\n'
        "  'certificates' phải xếp từ cũ đến mới: 28/06/2021 đứng sau 28/06/2024."
        " / 'certificates' must be listed oldest first: 28/06/2021 comes after 28/06/2024.\n"
        '  Cách sửa: sắp xếp lại các mục theo ngày tăng dần.'
        ' / Fix: reorder the entries by date, oldest first.'),
    Story("SP233", "revocation-before-certificate", record(GOOD_RECORD + REVOCATION.format(date="2024-03-01")),
        'products/LC-0001.yaml:41:9: lỗi SP233 [revocation.date]\n'
        '  Ngày thu hồi 01/03/2024 trước ngày cấp giấy chứng nhận đầu tiên 28/06/2024.'
        " / Revocation date 01/03/2024 is before the first certificate's date 28/06/2024.\n"
        '  Cách sửa: kiểm tra ngày trên quyết định thu hồi.'
        ' / Fix: check the date on the revocation decision.'),
    Story("SP234", "revocation-of-a-candidate", record(GOOD_RECORD.split("certificates:\n")[0]
                                                       + REVOCATION.format(date="2025-03-01")),
        'products/LC-0001.yaml:34:3: lỗi SP234 [revocation]\n'
        '  Có quyết định thu hồi nhưng sản phẩm chưa có giấy chứng nhận nào.'
        ' / There is a revocation but the product has no certificate.\n'
        "  Cách sửa: thêm giấy chứng nhận bị thu hồi vào 'certificates', hoặc xoá 'revocation'."
        " / Fix: add the revoked certificate under 'certificates', or remove 'revocation'."),
    Story("SP240", "replaced-by-an-unknown-id", record(GOOD_RECORD + WITHDRAWN + "  replaced_by: LC-0015\n"),
        'products/LC-0001.yaml:42:16: lỗi SP240 [withdrawn.replaced_by]\n'
        "  Sản phẩm thay thế 'LC-0015' không có trong thư mục hồ sơ."
        " / Replacement product 'LC-0015' is not in the records.\n"
        "  Cách sửa: ghi mã của một hồ sơ đang có, hoặc xoá 'replaced_by'."
        " / Fix: use the id of an existing record, or remove 'replaced_by'."),
    Story("SP241", "old-id-of-a-live-record", {
        "LC-0001.yaml": GOOD_RECORD + "aliases:\n  - LC-0002\n",
        "LC-0002.yaml": changed("id: LC-0001", "id: LC-0002")},
        'products/LC-0001.yaml:40:5: lỗi SP241 [aliases[0]]\n'
        "  Mã cũ 'LC-0002' là mã của một hồ sơ đang có."
        " / Old id 'LC-0002' is the id of an existing record.\n"
        "  Cách sửa: mỗi mã chỉ thuộc về một sản phẩm: xoá mã cũ này khỏi 'aliases'."
        " / Fix: each id belongs to one product only: remove this old id from 'aliases'."),
    Story("SP241", "old-id-claimed-twice", {
        "LC-0001.yaml": GOOD_RECORD + "aliases:\n  - LC-0003\n",
        "LC-0002.yaml": changed("id: LC-0001", "id: LC-0002") + "aliases:\n  - LC-0003\n"},
        'products/LC-0002.yaml:40:5: lỗi SP241 [aliases[0]]\n'
        "  Mã cũ 'LC-0003' đã được LC-0001 khai báo."
        " / Old id 'LC-0003' is already claimed by LC-0001.\n"
        "  Cách sửa: mỗi mã chỉ thuộc về một sản phẩm: xoá mã cũ này khỏi 'aliases'."
        " / Fix: each id belongs to one product only: remove this old id from 'aliases'."),
    Story("SP242", "placeholder-in-a-certified-record",
          record(changed("  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu",
                         "  address: (chưa điền) địa chỉ")),
        'products/LC-0001.yaml:11:12: lỗi SP242 [producer.address]\n'
        "  Trường 'producer.address' vẫn còn chữ '(chưa điền)' nhưng sản phẩm đã được công nhận và sẽ được công bố."
        " / Field 'producer.address' still says '(chưa điền)' (to fill in), but the product is certified and will be published.\n"
        '  Cách sửa: điền nội dung thật cho trường này.'
        ' / Fix: write the real text in this field.'),
    # -- the git history: a published id stays answerable for ever -----------------------------
    # The commit named in the fix is the one commit_history makes (fixed names and dates).
    Story("SP250", "certified-record-file-deleted", {}, history=(
        {"LC-0001.yaml": GOOD_RECORD, "LC-0042.yaml": changed("id: LC-0001", "id: LC-0042")},
        {"LC-0042.yaml": None}),
        expected='products/LC-0042.yaml: lỗi SP250\n'
        '  Hồ sơ LC-0042 đã công bố nhưng tệp products/LC-0042.yaml bị xoá (lịch sử git có phiên bản mang giấy'
        ' chứng nhận): mã QR in trên bao bì sẽ dẫn tới trang không còn.'
        ' / Record LC-0042 was published but its file products/LC-0042.yaml was deleted (the git history holds'
        ' a version with a certificate): QR codes printed on packages would lead to a page that is gone.\n'
        "  Cách sửa: khôi phục tệp (git checkout 2fe9cfb07ab3^ -- products/LC-0042.yaml) và ghi 'withdrawn:'"
        " (ngày, lý do) thay vì xoá; mã LC-0042 không bao giờ dùng lại."
        " / Fix: restore the file (git checkout 2fe9cfb07ab3^ -- products/LC-0042.yaml) and mark it 'withdrawn:'"
        " (date, reason) instead of deleting it; the id LC-0042 is never used again."),
    Story("SP251", "certificates-removed-from-a-published-record", {}, history=(
        {"LC-0001.yaml": GOOD_RECORD, "LC-0042.yaml": changed("id: LC-0001", "id: LC-0042")},
        {"LC-0042.yaml": changed("id: LC-0001", "id: LC-0042").split("certificates:\n")[0]}),
        expected='products/LC-0042.yaml: lỗi SP251\n'
        "  Hồ sơ LC-0042 đã công bố (lịch sử git có phiên bản mang giấy chứng nhận) nhưng nay không còn"
        " 'certificates:': trang của sản phẩm và mã QR in trên bao bì sẽ không còn trả lời."
        " / Record LC-0042 was published (the git history holds a version with a certificate) but has no"
        " 'certificates:' now: its page, and the QR codes printed on packages, would stop answering.\n"
        "  Cách sửa: khôi phục 'certificates:' (xem: git show eb6891737c92^:./products/LC-0042.yaml); nếu sản"
        " phẩm ngừng sản xuất, ghi 'withdrawn:'; nếu bị thu hồi, ghi 'revocation:'."
        " / Fix: restore 'certificates:' (see: git show eb6891737c92^:./products/LC-0042.yaml); if the product"
        " is no longer made, mark it 'withdrawn:'; if it was revoked, record the 'revocation:'."),
    # -- dossiers: each registration, step by step, from the commune's receipt to the decision ---------
    Story("SP215", "dossier-registered-next-week", record(
        GOOD_RECORD + "dossiers:\n  - kind: rerating\n    registered: 2026-12-01\n"),
        'products/LC-0001.yaml:41:17: lỗi SP215 [dossiers[0].registered]\n'
        '  Ngày 01/12/2026 ở tương lai (hôm nay là 28/11/2026).'
        ' / Date 01/12/2026 is in the future (today is 28/11/2026).\n'
        '  Cách sửa: kiểm tra lại năm, tháng, ngày trên văn bản gốc.'
        ' / Fix: check the year, month and day against the signed document.'),
    Story("SP232", "older-dossier-listed-last", record(
        GOOD_RECORD + DOSSIER + "  - kind: upgrade\n    registered: 2023-05-02\n"),
        'products/LC-0001.yaml:54:17: lỗi SP232 [dossiers[1].registered]\n'
        "  'dossiers' phải xếp từ cũ đến mới: 02/05/2023 đứng sau 02/03/2024."
        " / 'dossiers' must be listed oldest first: 02/05/2023 comes after 02/03/2024.\n"
        '  Cách sửa: sắp xếp lại các mục theo ngày tăng dần.'
        ' / Fix: reorder the entries by date, oldest first.'),
    Story("SP260", "forwarded-before-the-assessment", record(
        GOOD_RECORD + changed("date: 2024-03-26", "date: 2024-03-20", DOSSIER)),
        'products/LC-0001.yaml:50:23: lỗi SP260 [dossiers[0].forwarded.date]\n'
        '  Các bước của hồ sơ sai thứ tự: ngày chuyển (forwarded.date) 20/03/2024 trước ngày đánh giá'
        ' (assessed.date) 24/03/2024. / Dossier steps out of order: the date forwarded (forwarded.date),'
        ' 20/03/2024, is before the assessment date (assessed.date), 24/03/2024.\n'
        + DOSSIER_ORDER_FIX),
    Story("SP260", "withdrawn-before-the-scoring", record(
        GOOD_RECORD + changed("    decided: {date: 2024-06-28, certificate: 1234/QĐ-UBND}\n",
                              "    withdrawn: {date: 2024-06-01, reason: Chủ thể xin rút hồ sơ}\n", DOSSIER)),
        'products/LC-0001.yaml:52:23: lỗi SP260 [dossiers[0].withdrawn.date]\n'
        '  Các bước của hồ sơ sai thứ tự: ngày rút hồ sơ (withdrawn.date) 01/06/2024 trước ngày chấm điểm'
        ' (scored.date) 20/06/2024. / Dossier steps out of order: the date withdrawn (withdrawn.date),'
        ' 01/06/2024, is before the scoring date (scored.date), 20/06/2024.\n'
        + DOSSIER_ORDER_FIX),
    Story("SP261", "forwarded-without-the-assessment", record(GOOD_RECORD + changed(DOSSIER_ASSESSED, "", DOSSIER)),
        'products/LC-0001.yaml:46:23: lỗi SP261 [dossiers[0].forwarded.date]\n'
        "  Hồ sơ được chuyển đi ngày 26/03/2024 nhưng xã chưa đánh giá bốn nội dung địa phương (không có"
        " 'assessed'). / The dossier was forwarded on 26/03/2024, but the commune had not assessed the four local"
        " contents (no 'assessed').\n"
        "  Cách sửa: thêm 'assessed' với ngày trên văn bản gốc, hoặc xoá 'forwarded' nếu ghi nhầm."
        " / Fix: add 'assessed' with the date on the document, or delete 'forwarded' if it was written by mistake."),
    Story("SP261", "assessed-before-it-was-handed-back", record(
        GOOD_RECORD + changed("        resubmitted: 2024-03-20\n", "", DOSSIER)),
        'products/LC-0001.yaml:46:13: lỗi SP261 [dossiers[0].assessed.date]\n'
        "  Xã đánh giá hồ sơ ngày 24/03/2024 nhưng hồ sơ trả lại ngày 09/03/2024 chưa được nộp lại (không có"
        " 'returned[0].resubmitted'). / The commune assessed the dossier on 24/03/2024, but it had been returned on"
        " 09/03/2024 and not handed back (no 'returned[0].resubmitted').\n"
        "  Cách sửa: thêm 'returned[0].resubmitted' với ngày trên văn bản gốc, hoặc xoá 'assessed' nếu ghi nhầm."
        " / Fix: add 'returned[0].resubmitted' with the date on the document, or delete 'assessed' if it was"
        " written by mistake."),
    Story("SP262", "scored-a-day-after-the-evaluation", record(
        GOOD_RECORD + changed("scored: {date: 2024-06-20}", "scored: {date: 2024-06-21}", DOSSIER)),
        'products/LC-0001.yaml:51:20: lỗi SP262 [dossiers[0].scored.date]\n'
        "  Ngày chấm điểm 21/06/2024 không phải ngày của lần chấm nào trong 'evaluations' (các lần chấm:"
        " 20/06/2024). / Scoring date 21/06/2024 is not the date of any entry of 'evaluations' (it holds:"
        " 20/06/2024).\n"
        "  Cách sửa: ghi đúng ngày của lần chấm mà hồ sơ này đưa tới, hoặc thêm lần chấm đó vào 'evaluations'."
        " / Fix: write the date of the scoring this dossier led to, or add that scoring under 'evaluations'."),
    Story("SP263", "decided-with-no-outcome", record(
        GOOD_RECORD + changed("{date: 2024-06-28, certificate: 1234/QĐ-UBND}", "{date: 2024-06-28}", DOSSIER)),
        'products/LC-0001.yaml:52:5: lỗi SP263 [dossiers[0].decided]\n'
        "  Quyết định về hồ sơ không ghi kết quả: không có 'certificate' cũng không có 'not_recognised'."
        " / The decision on the dossier gives no outcome: neither 'certificate' nor 'not_recognised'.\n"
        + DECISION_OUTCOME_FIX),
    Story("SP263", "recognised-and-not-recognised", record(GOOD_RECORD + changed(
        "certificate: 1234/QĐ-UBND}", "certificate: 1234/QĐ-UBND, not_recognised: Điểm dưới 50}", DOSSIER)),
        'products/LC-0001.yaml:52:5: lỗi SP263 [dossiers[0].decided]\n'
        "  Quyết định về hồ sơ ghi cả 'certificate' lẫn 'not_recognised': một quyết định chỉ có một kết quả."
        " / The decision on the dossier gives both 'certificate' and 'not_recognised': a decision has one"
        " outcome.\n"
        + DECISION_OUTCOME_FIX),
    Story("SP264", "decision-number-mistyped", record(
        GOOD_RECORD + changed("certificate: 1234/QĐ-UBND}", "certificate: 1243/QĐ-UBND}", DOSSIER)),
        'products/LC-0001.yaml:52:46: lỗi SP264 [dossiers[0].decided.certificate]\n'
        "  Quyết định công nhận '1243/QĐ-UBND' ngày 28/06/2024 không có trong 'certificates' ('certificates' có:"
        " 1234/QĐ-UBND ngày 28/06/2024). / Recognition decision '1243/QĐ-UBND' of 28/06/2024 is not under"
        " 'certificates' ('certificates' holds: 1234/QĐ-UBND of 28/06/2024).\n"
        + DECISION_CERTIFICATE_FIX),
    Story("SP264", "decided-a-day-before-the-certificate", record(
        GOOD_RECORD + changed("{date: 2024-06-28, certificate", "{date: 2024-06-27, certificate", DOSSIER)),
        'products/LC-0001.yaml:52:46: lỗi SP264 [dossiers[0].decided.certificate]\n'
        "  Quyết định công nhận '1234/QĐ-UBND' ngày 27/06/2024 không có trong 'certificates' ('certificates' có:"
        " 1234/QĐ-UBND ngày 28/06/2024). / Recognition decision '1234/QĐ-UBND' of 27/06/2024 is not under"
        " 'certificates' ('certificates' holds: 1234/QĐ-UBND of 28/06/2024).\n"
        + DECISION_CERTIFICATE_FIX),
    Story("SP265", "decided-then-withdrawn", record(
        GOOD_RECORD + DOSSIER + "    withdrawn: {date: 2024-07-01, reason: Chủ thể xin rút hồ sơ}\n"),
        'products/LC-0001.yaml:53:5: lỗi SP265 [dossiers[0].withdrawn]\n'
        "  Hồ sơ vừa có quyết định ngày 28/06/2024 vừa bị rút ngày 01/07/2024: hồ sơ đã rút không còn được quyết"
        " định, hồ sơ đã quyết định không rút được nữa. / The dossier was both decided on 28/06/2024 and withdrawn"
        " on 01/07/2024: a withdrawn dossier gets no decision, and a decided one can no longer be withdrawn.\n"
        "  Cách sửa: giữ bước đúng theo văn bản: xoá 'withdrawn' nếu đã có quyết định, hoặc xoá 'decided' nếu chủ"
        " thể đã rút hồ sơ trước đó. / Fix: keep the step the documents show: delete 'withdrawn' if the decision"
        " was made, or 'decided' if the producer withdrew the dossier first."),
    Story("SP266", "dossier-a-decade-early", record(
        GOOD_RECORD + DOSSIER.replace("registered: 2024-03-02", "registered: 2014-03-02")),
        'products/LC-0001.yaml:41:17: lỗi SP266 [dossiers[0].registered]\n'
        "  Ngày 02/03/2014 trước khi Chương trình OCOP bắt đầu (07/05/2018, Quyết định 490/QĐ-TTg): không có hồ sơ"
        " OCOP nào từ trước ngày đó. / 02/03/2014 is before the OCOP programme began (07/05/2018, Decision"
        " 490/QĐ-TTg): no OCOP dossier is older.\n"
        "  Cách sửa: kiểm tra năm trên giấy tờ; ngày viết NĂM-THÁNG-NGÀY, ví dụ 2024-03-02. / Fix: check the year"
        " on the documents; dates are written YEAR-MONTH-DAY, e.g. 2024-03-02."),
    # -- a record's state (warnings) ------------------------------------------------------------
    Story("SP304", "placeholder-in-a-candidate",
          record(changed("  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu",
                         "  address: (chưa điền) địa chỉ").split("certificates:\n")[0]),
        'products/LC-0001.yaml:11:12: cảnh báo SP304 [producer.address]\n'
        "  Trường 'producer.address' vẫn còn chữ '(chưa điền)'."
        " / Field 'producer.address' still says '(chưa điền)' (to fill in).\n"
        '  Cách sửa: điền nội dung trước khi hồ sơ được công nhận.'
        ' / Fix: fill it in before the product is certified.'),
    Story("SP301", "certificate-of-2023-expired", record(GOOD_RECORD.replace("2024-06-2", "2023-06-2")),
        'products/LC-0001.yaml:34:5: cảnh báo SP301 [certificates[0]]\n'
        '  Giấy chứng nhận 1234/QĐ-UBND đã hết hạn ngày 28/06/2026.'
        ' / Certificate 1234/QĐ-UBND expired on 28/06/2026.\n'
        "  Cách sửa: nếu đã đánh giá lại, thêm kết quả mới vào 'evaluations' và 'certificates'."
        ' / Fix: if it was re-rated, add the new evaluation and certificate.'),
    Story("SP302", "certificate-expiring-in-151-days", record(GOOD_RECORD.replace("2024-06-2", "2024-04-2")),
        'products/LC-0001.yaml:34:5: cảnh báo SP302 [certificates[0]]\n'
        '  Giấy chứng nhận 1234/QĐ-UBND hết hạn ngày 28/04/2027, còn 151 ngày.'
        ' / Certificate 1234/QĐ-UBND expires on 28/04/2027, 151 days from now.\n'
        '  Cách sửa: nộp hồ sơ đánh giá lại từ 30/10/2026 đến 29/12/2026 (180 đến 120 ngày trước khi hết hạn).'
        ' / Fix: file the re-rating dossier from 30/10/2026 to 29/12/2026 (180 to 120 days before expiry).'),
    Story("SP302", "certificate-expiring-in-48-days", record(changed("date: 2024-06-20", "date: 2024-01-10", changed(
        "date: 2024-06-28", "date: 2024-01-15"))),
        'products/LC-0001.yaml:34:5: cảnh báo SP302 [certificates[0]]\n'
        '  Giấy chứng nhận 1234/QĐ-UBND hết hạn ngày 15/01/2027, còn 48 ngày.'
        ' / Certificate 1234/QĐ-UBND expires on 15/01/2027, 48 days from now.\n'
        '  Cách sửa: nộp hồ sơ đánh giá lại từ 19/07/2026 đến 17/09/2026 (180 đến 120 ngày trước khi hết hạn)'
        '; đã quá hạn nộp, hãy nộp ngay.'
        ' / Fix: file the re-rating dossier from 19/07/2026 to 17/09/2026 (180 to 120 days before expiry)'
        '; that window has passed, file it now.'),
    Story("SP303", "html-bold-in-description", record(changed("**Shan tuyết**", "<b>Shan tuyết</b>")),
        'products/LC-0001.yaml:16:7: cảnh báo SP303 [description.vi]\n'
        "  Có mã HTML '<b>' trong văn bản; mã HTML không được hiển thị."
        " / Raw HTML '<b>' in the text; HTML is never rendered.\n"
        "  Cách sửa: dùng định dạng Markdown (**đậm**, *nghiêng*, danh sách bằng '-')."
        " / Fix: use Markdown formatting (**bold**, *italic*, '-' lists)."),
    Story("SP305", "shallow-clone", {}, history=({"LC-0001.yaml": GOOD_RECORD},), shallow=True,
        expected='products/: cảnh báo SP305\n'
        '  Không kiểm tra được lịch sử git (bản sao nông, thiếu các commit cũ): hồ sơ đã công bố bị xoá có thể'
        ' không được phát hiện.'
        ' / Could not check the git history (a shallow clone, without the older commits): a deleted published'
        ' record may go undetected.\n'
        "  Cách sửa: kiểm tra trên bản sao git đầy đủ: git fetch --unshallow (GitHub Actions: 'fetch-depth: 0'"
        " cho actions/checkout); nếu git không chạy được, cài git hoặc làm theo thông báo của git."
        " / Fix: check on a full git clone: git fetch --unshallow (GitHub Actions: 'fetch-depth: 0' for"
        " actions/checkout); if git cannot run, install it or do what git's message says."),
    Story("SP306", "issuer-that-no-longer-existed", record(changed("issuer: UBND thành phố Lai Châu", "issuer: UBND thị xã Lai Châu")),
        'products/LC-0001.yaml:36:13: cảnh báo SP306 [certificates[0].issuer]\n'
        "  Cơ quan ban hành 'UBND thị xã Lai Châu': không có thị xã Lai Châu vào ngày 28/06/2024. / Issuer 'UBND thị xã Lai Châu': there was no town Lai Châu on 28/06/2024.\n"
        "  Cách sửa: kiểm tra tên cơ quan ban hành và ngày quyết định, ghi đúng như trên quyết định. / Fix: check the issuer's name and the decision date; write them as printed on the decision."),
    Story("SP307", "issuer-of-another-province", in_lam_dong(changed("unit: san-thang", 'unit: "24722"')),
        'products/LC-0001.yaml:36:13: cảnh báo SP307 [certificates[0].issuer]\n'
        "  Cơ quan ban hành 'UBND thành phố Lai Châu': Thành phố Lai Châu, tỉnh Lai Châu nằm ngoài tỉnh Lâm Đồng (trước 01/07/2025: tỉnh Bình Thuận, tỉnh Đắk Nông, tỉnh Lâm Đồng). / Issuer 'UBND thành phố Lai Châu': Lai Chau city, Lai Chau province lies outside Lam Dong province (before 01/07/2025: Binh Thuan province, Dak Nong province, Lam Dong province).\n"
        "  Cách sửa: kiểm tra cơ quan ban hành; hồ sơ của một tỉnh khác thuộc bộ dữ liệu của tỉnh đó. / Fix: check the issuer; a record of another province belongs to that province's dataset."),
    Story("SP308", "issuer-level-differs", record(changed("issuer: UBND thành phố Lai Châu", "issuer: UBND tỉnh Lai Châu")),
        'products/LC-0001.yaml:36:13: cảnh báo SP308 [certificates[0].issuer]\n'
        "  Cơ quan ban hành 'UBND tỉnh Lai Châu' là cấp tỉnh, nhưng 'level' ghi 'district'. / Issuer 'UBND tỉnh Lai Châu' is a province-level body, but 'level' says 'district'.\n"
        "  Cách sửa: sửa 'level' thành 'province' hoặc sửa cơ quan ban hành. / Fix: set 'level' to 'province' or correct the issuer."),
    Story("SP309", "imported-without-a-product-set", record(changed("product_set: 11\n", "")),
        "products/LC-0001.yaml:1:1: cảnh báo SP309\n"
        "  Hồ sơ chưa ghi bộ sản phẩm: trang web không xếp được sản phẩm vào nhóm, không chấm được điểm."
        " / The record names no product set: the site cannot place the product in a group, nor can it be scored.\n"
        "  Cách sửa: thêm dòng 'product_set:' với số bộ sản phẩm 1–26 (danh sách trong docs/huong-dan-can-bo.md)."
        " / Fix: add a 'product_set:' line with the set's number 1–26 (listed in docs/officers-guide.md)."),
    Story("SP310", "product-set-proposed-at-import-left-unconfirmed", record(GOOD_RECORD + (
        "to_confirm:\n"
        "  product_set: \"đề xuất từ tên sản phẩm bắt đầu bằng 'Chè' (bộ 11: Chè tươi, chè chế biến)\"\n")),
        "products/LC-0001.yaml:40:16: cảnh báo SP310 [to_confirm.product_set]\n"
        "  'product_set' là giá trị đề xuất khi nhập danh sách, chưa được cán bộ xác nhận: đề xuất từ tên sản phẩm"
        " bắt đầu bằng 'Chè' (bộ 11: Chè tươi, chè chế biến). / 'product_set' was proposed when the list was"
        " imported and is not confirmed yet: đề xuất từ tên sản phẩm bắt đầu bằng 'Chè' (bộ 11: Chè tươi, chè chế"
        " biến).\n"
        "  Cách sửa: kiểm tra 'product_set', sửa nếu cần, rồi xoá dòng 'product_set' khỏi 'to_confirm'."
        " / Fix: check 'product_set', correct it if need be, then delete the 'product_set' line from 'to_confirm'."),
    # -- hostile or mistaken files: reading limits, what is not a file, hidden characters -------------
    # A photo pasted into the description from a word processor arrives as a data: address of
    # ~290 KB, over the 256 KiB a record may have; the problem stands on the line where the limit falls.
    Story("SP017", "photo-pasted-into-the-description", record(changed(
        "  vi: Chè được hái từ những cây chè **Shan tuyết** cổ thụ trên sườn núi quanh bản Lùng Thàng.",
        "  vi: Chè Shan tuyết ![hộp chè](data:image/jpeg;base64," + "/9j/4AAQSkZJRgABAQ" * 16000 + ")")),
        "products/LC-0001.yaml:16: lỗi SP017\n"
        "  Tệp vượt giới hạn: kích thước tệp (byte) là 289.160, tối đa 262.144; tệp không được đọc tiếp."
        " / The file is over a limit: its size in bytes is 289,160, at most 262,144; it is not read further.\n"
        "  Cách sửa: một hồ sơ thật chỉ vài KB, sâu vài mức và có vài trăm trường: kiểm tra tệp có bị dán nhầm"
        " nội dung khác không và xoá phần thừa. / Fix: a real record is a few KB, a few levels deep, with a few"
        " hundred fields: check whether something else was pasted into the file and delete what does not belong."),
    # A record made a link to a draft kept elsewhere: never followed, whatever it points to.
    Story("SP018", "record-linked-to-a-draft", {"LC-0001.yaml": GOOD_RECORD,
                                                "LC-0002.yaml": Path("../ban-nhap/LC-0002.yaml")},
        "products/LC-0002.yaml: lỗi SP018\n"
        "  Tệp này không phải tệp thường mà là một liên kết tượng trưng (symlink) tới '../ban-nhap/LC-0002.yaml',"
        " ngoài thư mục hồ sơ: nội dung không được đọc. / This is not a regular file but a symbolic link to"
        " '../ban-nhap/LC-0002.yaml', outside the records folder: its content is not read.\n"
        "  Cách sửa: xoá 'LC-0002.yaml'; nếu cần hồ sơ này, đặt vào đây chính tệp hồ sơ (tệp văn bản .yaml"
        " thường, không phải liên kết). / Fix: delete 'LC-0002.yaml'; if the record is needed, put the record"
        " itself here (a plain .yaml text file, not a link)."),
    # `ocop format` on a record the web form saved with a photo pasted into its description, up to the
    # very byte the loader reads: put back into the layout of its version in git, with the modeline
    # the form dropped, it would be 44 bytes over; nothing is written.
    Story("SP019", "form-saved-a-record-at-the-size-limit", record(changed(
        "  vi: Chè được hái từ những cây chè **Shan tuyết** cổ thụ trên sườn núi quanh bản Lùng Thàng.",
        "  vi: Chè Shan tuyết ![hộp chè](data:image/jpeg;base64," + "/9j/4AAQSkZJRgABAQ" * 14499 + "==)")),
        "products/LC-0001.yaml:1:1: lỗi SP019\n"
        "  Không sắp lại được tệp theo bố cục chuẩn: bản viết lại sẽ vượt giới hạn đọc: kích thước tệp (byte) là"
        " 262.188, tối đa 262.144. Tệp được giữ nguyên. / The file cannot be put back into the house layout: the"
        " rewritten text would be over a reading limit: its size in bytes is 262,188, at most 262,144. The file is"
        " left as it is.\n"
        "  Cách sửa: sửa tệp bằng trình soạn thảo (giá trị được chỉ ra, hoặc phần làm tệp quá dài) rồi chạy lại"
        " ocop format; nếu vẫn lỗi, báo cho nhóm phát triển kèm tệp. / Fix: edit the file by hand (the value"
        " shown, or what makes it too long), then run ocop format again; if it still fails, report it to the"
        " developers with the file.",
        history=({"LC-0001.yaml": GOOD_RECORD},), command=("format",)),
    # A phone number copied from a chat or social network page comes wrapped in invisible direction
    # marks (U+202A … U+202C); the message names the first, never prints it.
    Story("SP114", "phone-copied-with-invisible-direction-marks", record(changed(
        '"0912 345 678"', '"\u202a0912 345 678\u202c"')),
        "products/LC-0001.yaml:12:10: lỗi SP114 [producer.phone]\n"
        "  Giá trị có ký tự điều khiển ẩn U+202A (LEFT-TO-RIGHT EMBEDDING) ở ký tự thứ 1: ký tự này không hiện"
        " ra nhưng làm hỏng trang web và nguồn tin. / The value holds the hidden control character U+202A"
        " (LEFT-TO-RIGHT EMBEDDING) at character 1: it does not show, but it breaks the site and its feed.\n"
        "  Cách sửa: xoá ký tự đó (thường do dán văn bản từ nơi khác, hoặc do mã thoát như \\e, \\x0b trong"
        " ngoặc kép) và gõ lại phần chữ quanh nó nếu cần. / Fix: delete it (it usually comes from pasted text,"
        " or from an escape such as \\e or \\x0b inside double quotes) and retype the text around it if need be."),
] + IMPORT_STORIES


STORY_PARAMS = [story.param for story in STORIES]


def make_folder(products, files):
    """Write each file (None: take it away, e.g. the scratch folder's dataset.yaml; a Path: make a
    symbolic link to it)."""
    for name, content in files.items():
        path = products / name
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            path.symlink_to(content)
            continue
        write_record(path.parent, path.stem, content, suffix=path.suffix)


# Commits of a story, made with fixed names and dates: the same texts give the same commit ids
# on every machine, so a message may name one. Variables a git hook sets are left out, so that
# git finds the test's repository.
GIT = ("git", "-c", "user.name=Cán bộ", "-c", "user.email=canbo@example.vn", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null")
GIT_ENV = {**{name: value for name, value in os.environ.items()
              if name not in {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"}},
           "GIT_AUTHOR_DATE": "2026-11-01T08:00:00+07:00", "GIT_COMMITTER_DATE": "2026-11-01T08:00:00+07:00"}


def git(folder, *args):
    subprocess.run([*GIT, *args], cwd=folder, env=GIT_ENV, check=True, capture_output=True)


def commit_history(products, commits, shallow=False):
    """Commit each of ``commits`` (path under products/ -> text, or None to delete it) in a git
    repository around ``products``; ``shallow``: make that history elsewhere and fetch only its
    last commit here, as a `git clone --depth 1` would."""
    root = products.parent
    repository = root / "origin" if shallow else root
    folder = repository / "products"
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "units.yaml").exists():
        shutil.copyfile(SAMPLE_UNITS, folder / "units.yaml")
    git(repository, "init", "-q")
    for number, commit in enumerate(commits, start=1):
        for name, text in commit.items():
            if text is None:
                (folder / name).unlink()
            else:
                write_record(folder, Path(name).stem, text, suffix=Path(name).suffix)
        # Only the story's files: the commit ids (which messages name) then depend on the story alone,
        # not on the scratch folder's units.yaml and dataset.yaml, which stay as untracked files.
        git(repository, "add", "-A", "--", *(f"products/{name}" for name in commit))
        git(repository, "commit", "-q", "-m", f"commit {number}")
    if shallow:
        git(root, "init", "-q")
        git(root, "fetch", "-q", "--depth", "1", repository.as_uri(), "main")
        git(root, "reset", "-q", "--hard", "FETCH_HEAD")


def blocks(out):
    """The problem blocks of ``validate``'s text output, and its summary line."""
    *problems, last = out.split("\n\n")
    return problems, last


def codes(out):
    return sorted(m["code"] for m in HEADER.finditer(out))


def plural(count, word):
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary(records, errors, warnings):
    return (f"{records} hồ sơ, {errors} lỗi, {warnings} cảnh báo. / "
            f"{plural(records, 'record')}, {plural(errors, 'error')}, {plural(warnings, 'warning')}.\n")


# -- the stories ---------------------------------------------------------------------


def test_every_code_has_a_story():
    told = {story.code for story in STORIES}
    assert sorted(set(CATALOGUE) - told) == [], "codes in CATALOGUE with no story here"
    assert sorted(told - set(CATALOGUE)) == [], "stories for codes that are not in CATALOGUE"
    names = [f"{story.code}-{story.name}" for story in STORIES]
    assert len(names) == len(set(names)), "two stories with the same id"


@pytest.mark.parametrize("text", [GOOD_RECORD, SHEET_RECORD], ids=["GOOD_RECORD", "SHEET_RECORD"])
def test_the_records_the_stories_start_from_are_clean(products, run_ocop, text):
    write_record(products, "LC-0001", text)
    result = run_ocop(*VALIDATE, "--strict")
    assert (result.status, result.out, result.err) == (0, summary(1, 0, 0), "")


def test_sheet_record_fills_in_the_whole_sheet():
    assert sorted(SHEET_POINTS) == sorted(SHEET_CODES)


def test_a_record_with_a_real_photo_is_clean(products, run_ocop):
    write_record(products, "LC-0001", changed("sales:\n", PHOTO + "sales:\n"))
    write_photo(products, "LC-0001/hop-che.jpg")
    result = run_ocop(*VALIDATE, "--strict")
    assert (result.status, result.out) == (0, summary(1, 0, 0))


@pytest.mark.parametrize("story", STORY_PARAMS)
def test_story(products, run_ocop, story):
    if story.history:
        commit_history(products, story.history, story.shallow)
    make_folder(products, story.files)
    result = run_ocop(*(story.command or VALIDATE))
    problems, _ = blocks(result.out)
    assert story.expected in problems, f"expected block not printed; output was:\n{result.out}"
    assert problems.count(story.expected) == 1
    assert codes(result.out) == sorted((story.code, *story.also)), "the story must raise this problem alone"
    assert result.err == ""
    is_error = CATALOGUE[story.code].severity == ERROR
    assert result.status == (story.status if story.status is not None else 1 if is_error else 0)
    if not is_error and not story.command:  # --strict: a warning fails the run too
        assert run_ocop(*VALIDATE, "--strict").status == 1


# -- the JSON form ------------------------------------------------------------------------


def test_json_form_of_a_problem(products, run_ocop):
    write_record(products, "LC-0001", changed("date: 2024-06-28", "date: 2024-13-01"))
    result = run_ocop(*VALIDATE, "--format", "json")
    assert result.status == 1 and result.err == ""
    assert json.loads(result.out) == {
        "today": "2026-11-28",
        "records": 1,
        "errors": 1,
        "warnings": 0,
        "problems": [{
            "code": "SP102",
            "severity": "error",
            "file": "products/LC-0001.yaml",
            "line": 35,
            "column": 11,
            "path": "certificates[0].date",
            "message": {"vi": "Ngày '2024-13-01' không hợp lệ.", "en": "Date '2024-13-01' is not a valid date."},
            "fix": {"vi": "viết NĂM-THÁNG-NGÀY, ví dụ 2024-06-28.", "en": "use YYYY-MM-DD."},
        }],
    }
    assert "Ngày '2024-13-01'" in result.out, "Vietnamese is written as text, not as \\u escapes"


def test_json_form_of_a_file_level_problem_has_no_line(products, run_ocop):
    write_record(products, "LC-0001", GOOD_RECORD)
    write_record(products, "notes", "ghi chú\n", suffix=".txt")
    result = run_ocop(*VALIDATE, "--format", "json")
    (problem,) = json.loads(result.out)["problems"]
    assert (problem["code"], problem["severity"], problem["file"], problem["line"], problem["column"],
            problem["path"]) == ("SP009", "warning", "products/notes.txt", None, None, "")
    assert result.status == 0


# -- every problem of every file -------------------------------------------------------------


def test_every_problem_of_every_file_is_reported_in_order(products, run_ocop):
    # Written in a scrambled order on purpose: the report sorts by file, then line.
    write_record(products, "LC-0002", changed("id: LC-0001", "id: LC-0002", changed(
        "unit: san-thang", "unit: san-thanh", changed(
            "date: 2024-06-28", "date: 2024-13-01", changed(
                "htxchesanthang@example.vn", "htxchesanthang@example")))))
    write_record(products, "LC-0001", changed("stars: 3", "stars: 6", changed(
        "website: https://example.vn", "website: example.vn", changed(
            '"0912 345 678"', '"0912 345 67"'))))
    write_record(products, "notes", "ghi chú\n", suffix=".txt")
    result = run_ocop(*VALIDATE)
    problems, last = blocks(result.out)
    assert [HEADER.match(block)["where"] + " " + HEADER.match(block)["code"] for block in problems] == [
        "products/LC-0001.yaml:12:10 SP110",
        "products/LC-0001.yaml:14:12 SP108",
        "products/LC-0001.yaml:38:12 SP112",
        "products/LC-0002.yaml:7:7 SP210",
        "products/LC-0002.yaml:13:10 SP109",
        "products/LC-0002.yaml:35:11 SP102",
        "products/notes.txt SP009",
    ]
    assert all(len(block.split("\n")) == 3 for block in problems), "each problem is a three-line block"
    assert last == summary(2, 6, 1)
    assert result.status == 1


def test_summary_line_counts_records_errors_and_warnings(products, run_ocop):
    write_record(products, "LC-0001", GOOD_RECORD.replace("2024-06-2", "2023-06-2"))  # SP301
    write_record(products, "LC-0002", changed("id: LC-0001", "id: LC-0002", changed(
        "**Shan tuyết**", "<b>Shan tuyết</b>")))  # SP303
    write_record(products, "LC-0003", "")  # SP002: unreadable, still counted as a record
    result = run_ocop(*VALIDATE)
    assert result.out.endswith("\n\n" + summary(3, 1, 2))
    assert result.status == 1


def test_only_warnings_pass_unless_strict(products, run_ocop):
    write_record(products, "LC-0001", GOOD_RECORD.replace("2024-06-2", "2023-06-2"))  # SP301
    assert run_ocop(*VALIDATE).status == 0
    assert run_ocop(*VALIDATE, "--strict").status == 1


def test_a_clean_folder_prints_only_the_summary(products, run_ocop):
    write_record(products, "LC-0001", GOOD_RECORD)
    result = run_ocop(*VALIDATE)
    assert (result.status, result.out, result.err) == (0, summary(1, 0, 0), "")


# -- usage errors: exit 2, a bilingual message, never a traceback ----------------------------------------


@pytest.mark.parametrize("argv, message", [
    pytest.param(("--today", "2026-13-01"),
                 "Lỗi cách dùng / Usage error: argument --today: '2026-13-01': cần NĂM-THÁNG-NGÀY / expected YYYY-MM-DD\n"
                 "Xem / See: ocop --help\n", id="impossible-today"),
    pytest.param(("--today", "28/11/2026"),
                 "Lỗi cách dùng / Usage error: argument --today: '28/11/2026': cần NĂM-THÁNG-NGÀY / expected YYYY-MM-DD\n"
                 "Xem / See: ocop --help\n", id="today-dd-mm-yyyy"),
    pytest.param(("--products", "khong-co", "--today", TODAY_ARG),
                 "Không thấy thư mục hồ sơ 'khong-co'. / Records folder 'khong-co' not found.\n", id="missing-folder"),
])
def test_usage_error_exact_message(products, run_ocop, argv, message):
    write_record(products, "LC-0001", GOOD_RECORD)
    result = run_ocop("validate", *argv)
    assert (result.status, result.out, result.err) == (2, "", message)


@pytest.mark.parametrize("argv, named", [
    pytest.param(("validate", "--today", TODAY_ARG, "--bogus"), "--bogus", id="unknown-option"),
    pytest.param(("validate", "--today", TODAY_ARG, "--format", "xml"), "xml", id="unknown-format"),
    pytest.param(("kiemtra", "--today", TODAY_ARG), "kiemtra", id="unknown-command"),
    pytest.param(("validate", "--today"), "--today", id="today-without-a-day"),
])
def test_usage_error_is_bilingual_and_names_the_culprit(products, run_ocop, argv, named):
    write_record(products, "LC-0001", GOOD_RECORD)
    result = run_ocop(*argv)
    assert result.status == 2 and result.out == ""
    first, hint = result.err.rstrip("\n").split("\n")
    assert first.startswith("Lỗi cách dùng / Usage error: ") and named in first
    assert hint == "Xem / See: ocop --help"
    assert "Traceback" not in result.err


# -- empty values ---------------------------------------------------------------------------


@pytest.mark.parametrize("empty", ["  phone:", "  phone: ~"], ids=["nothing", "tilde"])
def test_an_optional_field_left_empty_is_absent(products, run_ocop, empty):
    write_record(products, "LC-0001", changed('  phone: "0912 345 678"', empty))
    result = run_ocop(*VALIDATE, "--strict")
    assert (result.status, result.out) == (0, summary(1, 0, 0))
