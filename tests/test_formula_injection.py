"""Formula injection (OWASP, "CSV Injection"): text from a pull request that a spreadsheet would run as a
formula is written as text in every CSV and XLSX the project writes — the open data ``products.csv``
and ``ocop report`` as CSV and Excel — while numbers, dates, ids and ordinary text stay as they were,
and the JSON stays exact (ocop/outputs/cells.py holds the rule)."""

import csv
import io
import json
from dataclasses import replace

import pytest
from conftest import GOOD_RECORD, TODAY, TODAY_ARG, write_record

from ocop.cli.report import render_csv, write_xlsx
from ocop.outputs.cells import csv_cell, starts_like_formula
from ocop.outputs.exports import CSV_COLUMNS, products_csv, products_json
from ocop.outputs.reports import build_report
from ocop.reading.dataset import load_dataset
from ocop.rules.facts import published_facts
from ocop.rules.records import LocalText, SalesPoint

SITE = "https://ocop.example.vn"
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+2", "-3+4", "@SUM(A1)", "\tTab", "\rCR"]
# Not a formula: a CSV keeps it as it is; openpyxl would store it as an error value, so Excel keeps it text.
ERROR_TEXT = "#REF!"
HOSTILE = {f"LC-{901 + i:04d}": text for i, text in enumerate(PAYLOADS + [ERROR_TEXT])}
# Every line of GOOD_RECORD holding free text: names, producer, address, story, sales points, the
# evaluation round, the decision and its issuer.
TEXT_LINES = [
    "  vi: Chè Shan tuyết cổ thụ San Thàng", "  en: San Thang ancient Shan Tuyet tea",
    "  name: Hợp tác xã Chè San Thàng", "  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu",
    "  vi: Chè được hái từ những cây chè **Shan tuyết** cổ thụ trên sườn núi quanh bản Lùng Thàng.",
    "  en: Hand-picked from ancient **Shan Tuyet** tea trees on the slopes around Lung Thang village.",
    "  vi: Người Dao ở San Thàng truyền nhau cách sao chè từ đời ông bà.",
    "  - name: Cửa hàng giới thiệu sản phẩm OCOP thành phố Lai Châu", "    address: Phường Tân Phong",
    "  - name: Gian hàng trực tuyến", "    round: 2024-1", "  - decision: 1234/QĐ-UBND",
    "    issuer: UBND thành phố Lai Châu",
]
# Certified 28/06/2023: expired on 28/06/2026, 153 days before TODAY, so on the report's "expired" list
# with a negative days_left, which must stay a number.
EXPIRED = {"date: 2024-06-20": "date: 2023-06-20", "date: 2024-06-28": "date: 2023-06-28"}
DAYS_LEFT = -153


def _record(record_id, text=None):
    record = GOOD_RECORD.replace("id: LC-0001", f"id: {record_id}").replace('code: "12-105-03409-1-2024"', "# code")
    for old, new in EXPIRED.items():
        record = record.replace(old, new)
    if text is not None:
        for line in TEXT_LINES:
            assert line in record, line
            key = line.split(":")[0]
            record = record.replace(line, f"{key}: {json.dumps(text)}")  # a JSON string is a YAML scalar
    return record


@pytest.fixture
def dataset(products):
    """LC-0001 ordinary (expired like the others), LC-0901… with one payload in every text field. The
    reader trims a leading tab or CR from the records; the writers must not count on it, so the exact
    payload is put back into every text field of the products read."""
    write_record(products, "LC-0001", _record("LC-0001"))
    for record_id, text in HOSTILE.items():
        write_record(products, record_id, _record(record_id, text))
    data = load_dataset(products, TODAY, check_history=False)
    assert not data.errors, [str(p) for p in data.errors]
    for product in data.products:
        if product.id in HOSTILE:
            _with_text(product, HOSTILE[product.id])
    return data


def _with_text(product, text):
    product.name = LocalText(text, text)
    product.producer = replace(product.producer, name=text, address=text)
    product.description, product.story = LocalText(text, text), LocalText(text)
    product.sales = [SalesPoint(text, address=text)]
    product.evaluations = [replace(e, round=text) for e in product.evaluations]
    product.certificates = [replace(c, decision=text, issuer=text) for c in product.certificates]


def _as_csv(text):
    """What a cell holding ``text`` must read back as from any CSV we write."""
    return "'" + text if text in PAYLOADS else text


def _read_csv(text):
    assert text.startswith("\ufeff")
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text[1:], newline=""))}


# -- the rule -------------------------------------------------------------------------------------------

def test_the_rule_quotes_text_only():
    assert [csv_cell(text) for text in PAYLOADS] == ["'" + text for text in PAYLOADS]
    for value in ("Chè San Thàng", "LC-0001", "2026-11-28", "", "'quoted", ERROR_TEXT, " =1", "a=b"):
        assert csv_cell(value) == value, value
    for value in (-153, -1.5, 70.75, 0, None):
        assert csv_cell(value) is value and not starts_like_formula(value)


# -- the open data products.csv ---------------------------------------------------------------------------

def test_open_data_csv_quotes_formulas_and_keeps_the_rest(dataset):
    facts = published_facts(dataset)
    rows = _read_csv(products_csv(facts, TODAY, SITE))
    assert sorted(rows) == ["LC-0001", *HOSTILE]
    ordinary = rows["LC-0001"]
    text_columns = ("name_vi", "name_en", "producer_name", "decision", "issuer")
    others = [c for c in CSV_COLUMNS if c not in ("id", "url", *text_columns)]
    for record_id, text in HOSTILE.items():
        row = rows[record_id]
        assert [row[c] for c in text_columns] == [_as_csv(text)] * len(text_columns), record_id
        assert {c: row[c] for c in others} == {c: ordinary[c] for c in others}  # numbers, dates, codes
        assert row["id"] == record_id and row["url"] == f"{SITE}/p/{record_id}/"
    assert (ordinary["name_vi"], ordinary["producer_name"], ordinary["decision"]) == (
        "Chè Shan tuyết cổ thụ San Thàng", "Hợp tác xã Chè San Thàng", "1234/QĐ-UBND")
    assert (ordinary["score"], ordinary["stars"], ordinary["product_set"]) == ("70.75", "3", "11")
    assert (ordinary["certificate_date"], ordinary["expires"], ordinary["status"]) == (
        "2023-06-28", "2026-06-28", "expired")


def test_open_data_json_keeps_the_exact_text(dataset):
    entries = {e["id"]: e for e in json.loads(products_json(published_facts(dataset), TODAY, SITE))["products"]}
    for record_id, text in HOSTILE.items():
        entry = entries[record_id]
        assert entry["name"] == {"vi": text, "en": text} and entry["producer"]["name"] == text
        assert entry["certificate"]["decision"] == entry["certificate"]["issuer"] == text
        assert entry["score"] == 70.75 and entry["stars"] == 3


# -- ocop report: CSV and Excel ----------------------------------------------------------------------------

REPORT_TEXT = ("name_vi", "producer_name", "evaluation_round", "certificate_decision", "certificate_issuer")


def test_report_csv_quotes_formulas_and_keeps_numbers(dataset):
    report = build_report(dataset.good_products(), dataset.units, TODAY)
    rows = _read_csv(render_csv(report, dataset))
    assert sorted(rows) == ["LC-0001", *HOSTILE]
    for record_id, text in HOSTILE.items():
        row = rows[record_id]
        assert [row[key] for key in REPORT_TEXT] == [_as_csv(text)] * len(REPORT_TEXT), record_id
        assert (row["list"], row["status"], row["days_left"], row["score"]) == ("expired", "expired", "-153", "70.75")
        assert (row["certificate_date"], row["expires"], row["certificate_stars"]) == ("2023-06-28", "2026-06-28", "3")
    assert [rows["LC-0001"][key] for key in REPORT_TEXT] == [
        "Chè Shan tuyết cổ thụ San Thàng", "Hợp tác xã Chè San Thàng", "2024-1", "1234/QĐ-UBND",
        "UBND thành phố Lai Châu"]


def _xlsx_text(text):
    # XML reads a raw carriage return as a line feed (in Excel and LibreOffice too): the cell is still
    # a string cell, never a formula; only that one character changes.
    return text.replace("\r", "\n")


def _check_workbook(path):
    """Every cell of every sheet: no formula, no error value; every text cell a string cell. Returns the
    book for the caller's own checks."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
    return book


def test_report_xlsx_keeps_every_text_a_string_cell(dataset, tmp_path):
    pytest.importorskip("openpyxl")
    path = tmp_path / "bao-cao.xlsx"
    write_xlsx(build_report(dataset.good_products(), dataset.units, TODAY), dataset, path)
    book = _check_workbook(path)

    sheet = book["Đã hết hạn"]
    headers = [cell.value for cell in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert sorted(rows) == ["LC-0001", *HOSTILE]
    for record_id, text in HOSTILE.items():
        row = rows[record_id]
        for header in ("Tên sản phẩm", "Chủ thể", "Quyết định công nhận"):
            cell = row[headers.index(header)]
            assert (cell.value, cell.data_type) == (_xlsx_text(text), "s"), (record_id, header)
            assert cell.quotePrefix == (text in PAYLOADS)  # Excel's "typed as text" mark, no quote in the value
        days = row[headers.index("Còn (ngày)")]
        assert (days.value, days.data_type) == (DAYS_LEFT, "n")
        assert row[headers.index("Hết hạn")].is_date and row[headers.index("Sao trên GCN")].value == 3
    ordinary = rows["LC-0001"]
    assert ordinary[headers.index("Tên sản phẩm")].value == "Chè Shan tuyết cổ thụ San Thàng"
    assert not ordinary[headers.index("Tên sản phẩm")].quotePrefix

    # The summary counts by evaluation round: the rounds are record text too.
    labels = {row[1].value: row[1] for row in book["Tổng hợp"].iter_rows(min_row=6)
              if row[0].value == "Theo đợt đánh giá"}
    for text in HOSTILE.values():
        assert labels[_xlsx_text(text)].data_type == "s"


# -- the command itself, on the records as written ------------------------------------------------------

def test_ocop_report_csv_and_xlsx_from_hostile_records(run_ocop, products, tmp_path):
    write_record(products, "LC-0001", _record("LC-0001"))
    for record_id, text in HOSTILE.items():
        write_record(products, record_id, _record(record_id, text))
    # The reader trims a leading tab or CR; every cell holds the rule applied to the text as read.
    read = {p.id: (p.name.vi, p.producer.name)
            for p in load_dataset(products, TODAY, check_history=False).good_products()}
    assert all(read[i] == (text, text) for i, text in HOSTILE.items() if not text[0].isspace())

    csv_path, xlsx_path = tmp_path / "bao-cao.csv", tmp_path / "bao-cao.xlsx"
    for fmt, path in (("csv", csv_path), ("xlsx", xlsx_path)):
        result = run_ocop("report", "--products", products, "--today", TODAY_ARG, "--format", fmt, "--out", path)
        assert result.status == 0, result.err
    rows = _read_csv(csv_path.read_text(encoding="utf-8"))
    for record_id, (name, producer) in read.items():
        row = rows[record_id]
        assert (row["name_vi"], row["producer_name"]) == (csv_cell(name), csv_cell(producer)), record_id
        assert (row["days_left"], row["score"]) == ("-153", "70.75")
    for record_id, text in HOSTILE.items():
        if text in PAYLOADS and not text[0].isspace():
            assert rows[record_id]["name_vi"] == rows[record_id]["producer_name"] == "'" + text

    book = _check_workbook(xlsx_path)
    names = {row[0].value: (row[1].value, row[2].value) for row in book["Đã hết hạn"].iter_rows(min_row=2)}
    assert names == read

    stdout = run_ocop("report", "--products", products, "--today", TODAY_ARG, "--format", "json")
    expired = {row["id"]: row for row in json.loads(stdout.out)["expired"]}
    assert {i: (row["name_vi"], row["producer_name"]) for i, row in expired.items()} == read  # JSON stays exact
    assert expired["LC-0901"]["days_left"] == DAYS_LEFT
