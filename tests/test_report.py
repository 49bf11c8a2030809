"""``ocop report``: the Economic Office's lists and counts, on a copy of the sample data and on small
records at the edges of the re-rating window; every format (text, md, csv, xlsx, json) and the filters."""

import csv
import io
import json
import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import GOOD_RECORD, TODAY, TODAY_ARG, write_record

from ocop.cli.report import CSV_KEYS
from ocop.outputs.reports import COUNTS, DOSSIER_LISTS, REPORT_LISTS, ROW_KEYS
from ocop.reading.dataset import load_dataset
from ocop.rules.facts import published_facts

SAMPLE = Path(__file__).resolve().parent.parent / "products"
SHEETS = ["Tổng hợp", "Chưa có GCN", "Chuyển cấp tỉnh", "Chuyển cấp trung ương", "Đến hạn đánh giá lại",
          "Quá hạn đánh giá lại", "Đã hết hạn", "Đã thu hồi", "Ngừng sản xuất",
          "Hồ sơ đang xử lý", "Hồ sơ quá hạn", "Hồ sơ nguy cơ lỡ đợt", "Hồ sơ theo đợt"]

# Who is on which list on 28/11/2026 (tests/conftest.py TODAY), from the sample's records.
SAMPLE_LISTS = {
    "candidates": ["LC-0008", "LC-0013"],  # no certificate; LC-0013 scored 91.25 at the province
    "forward_to_province": [],
    "forward_to_central": ["LC-0013"],  # 5★ at the province: only the central level certifies it
    "rerating_window_open": [],
    # 22 days left; LC-0004 (48 days left) has its re-rating dossier under way, so it is not missing
    "rerating_overdue": ["LC-0005"],
    "expired": ["LC-0011", "LC-0003", "LC-0014"],  # longest expired first
    "revoked": ["LC-0007"],
    "withdrawn": ["LC-0015"],
}


@pytest.fixture
def sample(products):
    """A copy of the repository's sample ``products/`` (with photos) in place of the empty folder."""
    shutil.rmtree(products)
    shutil.copytree(SAMPLE, products)
    return products


def report(run_ocop, folder, *argv):
    result = run_ocop("report", "--products", folder, "--today", TODAY_ARG, "--format", "json", *argv)
    assert result.status == 0, result.err
    return json.loads(result.out)


def ids(data):
    return {name: [row["id"] for row in data[name]] for name in REPORT_LISTS}


def record(record_id, certificate=None, *, evaluated=None, scores=None, minimums=None, certificate_level=None):
    """GOOD_RECORD as ``record_id``, its certificate dated ``certificate`` (None: no certificate) and
    its evaluation a week before (or on ``evaluated``)."""
    evaluated = evaluated or certificate - timedelta(days=8)
    text = GOOD_RECORD.replace("id: LC-0001", f"id: {record_id}").replace('code: "12-105-03409-1-2024"', "# code")
    text = text.replace("date: 2024-06-20", f"date: {evaluated.isoformat()}")
    if scores:
        text = text.replace("scores: {A: 31.5, B: 17, C: 22.25}", f"scores: {scores}")
    if minimums:
        text = text.replace("minimums_met: 3", f"minimums_met: {minimums}")
    if certificate is None:
        return text.split("certificates:")[0]
    text = text.replace("date: 2024-06-28", f"date: {certificate.isoformat()}")
    if certificate_level == "province":
        text = text.replace("issuer: UBND thành phố Lai Châu", "issuer: UBND tỉnh Lai Châu")
        text = text.replace("level: district\n    stars: 3", "level: province\n    stars: 4")
    return text


# -- the sample on 28/11/2026 -------------------------------------------------------------------------

def test_sample_lists_on_the_day(run_ocop, sample):
    data = report(run_ocop, sample)
    assert ids(data) == SAMPLE_LISTS
    assert data["status_date"] == TODAY_ARG
    assert data["filters"] == {"year": None, "round": None}
    assert list(data) == ["status_date", "filters", *REPORT_LISTS, "counts", *DOSSIER_LISTS, "rounds"]


def test_rows_carry_the_facts_of_the_product(run_ocop, sample):
    data = report(run_ocop, sample)
    for name in REPORT_LISTS:
        for row in data[name]:
            assert list(row) == list(ROW_KEYS)
    noodles = data["rerating_overdue"][0]
    assert noodles["id"] == "LC-0005" and noodles["days_left"] == 22 and noodles["status"] == "expiring"
    assert noodles["certificate_decision"] == "3105/QĐ-UBND" and noodles["certificate_date"] == "2023-12-20"
    assert noodles["expires"] == "2026-12-20" and noodles["certificate_level"] == "district"
    assert noodles["unit"] == "tan-phong" and noodles["unit_today"] == "phuong-tan-phong"
    assert noodles["unit_vi"] == "Phường Tân Phong (đến 30/06/2025)" and noodles["unit_today_vi"] == "Phường Tân Phong"
    assert noodles["group"] == "I" and noodles["product_set"] == 6 and noodles["producer_kind"] == "cooperative_group"
    oil = data["forward_to_central"][0]
    assert oil["score"] == 91.25 and oil["evaluation_stars"] == 5 and oil["evaluation_council"] == "province"
    assert oil["evaluation_round"] == "2026-2" and oil["forward_to"] == "central" and oil["status"] == "candidate"
    costume = data["revoked"][0]
    assert costume["revocation_decision"] == "318/QĐ-UBND" and costume["revocation_date"] == "2026-03-10"
    assert data["withdrawn"][0]["withdrawn_date"] == "2026-09-01"
    expiry = json.loads(run_ocop("expiry", "--products", sample, "--today", TODAY_ARG, "--format", "json").out)
    days_left = {row["id"]: row["days_left"] for row in expiry}  # counted once, the same in both commands
    assert all(row["days_left"] == days_left[row["id"]] for name in REPORT_LISTS for row in data[name])


def test_counts_add_up_to_the_published_products(run_ocop, sample):
    data = report(run_ocop, sample)
    counts = data["counts"]
    published = published_facts(load_dataset(sample, TODAY))
    assert counts["total"] == len(published) == 13
    assert set(counts) == {"total", *COUNTS}
    for dimension in COUNTS:
        assert sum(entry["count"] for entry in counts[dimension]) == counts["total"], dimension
    by = {dimension: {e["key"]: e["count"] for e in counts[dimension]} for dimension in COUNTS}
    assert by["by_stars"] == {3: 9, 4: 3, 5: 1} == {s: sum(f.stars == s for f in published) for s in (3, 4, 5)}
    assert by["by_status"] == {"valid": 6, "expiring": 2, "expired": 3, "revoked": 1, "withdrawn": 1}
    assert by["by_unit_today"] == {"phuong-tan-phong": 5, "phuong-doan-ket": 8}
    assert by["by_group"]["V"] == 0 and by["by_group"]["I"] == 9  # every group shown, even at zero
    assert by["by_year"][None] == 1  # LC-0011 has no recorded evaluation
    assert by["by_round"]["2026-1"] == 2  # LC-0002 (upgrade) and LC-0010 (re-rating)
    assert by["by_certificate_year"] == {2021: 1, 2022: 1, 2023: 2, 2024: 6, 2025: 1, 2026: 2}


# -- the edges of the re-rating window ------------------------------------------------------------------

EDGES = {  # days left on 28/11/2026 -> (certificate date, the list it lands on)
    181: (date(2024, 5, 28), None),
    180: (date(2024, 5, 27), "rerating_window_open"),
    120: (date(2024, 3, 28), "rerating_window_open"),
    119: (date(2024, 3, 27), "rerating_overdue"),
    0: (date(2023, 11, 28), "rerating_overdue"),
    -1: (date(2023, 11, 27), "expired"),
}


def test_the_edges_of_the_rerating_window(run_ocop, products):
    for days, (certificate, _) in EDGES.items():
        write_record(products, f"LC-{days + 1000:04d}", record(f"LC-{days + 1000:04d}", certificate))
    data = report(run_ocop, products)
    for days, (_, expected) in EDGES.items():
        record_id = f"LC-{days + 1000:04d}"
        found = [name for name in REPORT_LISTS if record_id in ids(data)[name]]
        assert found == ([expected] if expected else []), (days, found)
        if expected:
            row = next(row for row in data[expected] if row["id"] == record_id)
            assert row["days_left"] == days
    assert ids(data)["rerating_window_open"] == ["LC-1120", "LC-1180"]  # fewest days left first
    assert ids(data)["rerating_overdue"] == ["LC-1000", "LC-1119"]


def test_forwarding_waits_only_until_a_certificate_at_that_level(run_ocop, products):
    # 76 points at the district council with the 4★ minimums met: only the province certifies 4★.
    four_stars = {"scores": "{A: 33, B: 19, C: 24}", "minimums": 4}
    write_record(products, "LC-0201", record("LC-0201", evaluated=date(2024, 6, 20), **four_stars))
    write_record(products, "LC-0202", record("LC-0202", date(2024, 8, 28), evaluated=date(2024, 6, 20),
                                             certificate_level="province", **four_stars))
    data = report(run_ocop, products)
    assert ids(data)["forward_to_province"] == ["LC-0201"]
    assert ids(data)["candidates"] == ["LC-0201"]
    assert data["forward_to_province"][0]["forward_to"] == "province"


# -- filters ---------------------------------------------------------------------------------------------

def test_year_filters_each_list_by_the_date_of_its_fact(run_ocop, sample):
    data = report(run_ocop, sample, "--year", "2026")
    assert data["filters"] == {"year": 2026, "round": None}
    assert ids(data) == {
        "candidates": ["LC-0008", "LC-0013"],  # evaluated in 2026
        "forward_to_province": [],
        "forward_to_central": ["LC-0013"],
        "rerating_window_open": [],
        "rerating_overdue": ["LC-0005"],  # expires 20/12/2026; LC-0004 expires in 2027
        "expired": ["LC-0014"],  # expired on 02/06/2026
        "revoked": ["LC-0007"],  # revoked on 10/03/2026
        "withdrawn": ["LC-0015"],  # no longer made since 01/09/2026
    }
    counts = data["counts"]  # certificates issued in 2026: LC-0002 and LC-0010
    assert counts["total"] == 2
    assert [(e["key"], e["count"]) for e in counts["by_certificate_year"]] == [(2026, 2)]
    assert {e["key"]: e["count"] for e in counts["by_stars"]} == {3: 1, 4: 1, 5: 0}

    older = report(run_ocop, sample, "--year", "2024")
    assert ids(older)["candidates"] == [] and ids(older)["expired"] == ["LC-0011"]
    assert ids(older)["revoked"] == [] and ids(older)["withdrawn"] == []
    assert older["counts"]["total"] == 6


def test_round_filters_by_the_evaluation_behind_each_list(run_ocop, sample):
    data = report(run_ocop, sample, "--round", "2026-2")
    assert data["filters"] == {"year": None, "round": "2026-2"}
    assert ids(data) == {**{name: [] for name in REPORT_LISTS},
                         "candidates": ["LC-0008", "LC-0013"], "forward_to_central": ["LC-0013"]}
    assert data["counts"]["total"] == 0  # no certificate came out of round 2026-2 yet

    earlier = report(run_ocop, sample, "--round", "2024-2")  # LC-0012 (valid) and LC-0015 (withdrawn)
    assert ids(earlier)["withdrawn"] == ["LC-0015"] and ids(earlier)["candidates"] == []
    assert earlier["counts"]["total"] == 2
    assert [(e["key"], e["count"]) for e in earlier["counts"]["by_round"]] == [("2024-2", 2)]

    both = report(run_ocop, sample, "--year", "2025", "--round", "2026-2")
    assert all(both[name] == [] for name in REPORT_LISTS)


def test_filters_are_documented_in_the_help(run_ocop):
    result = run_ocop("report", "--help")
    assert result.status == 0
    for words in ("--year Y", "--round R", "lần chấm gần nhất", "hết hạn trong năm Y", "cấp trong năm Y",
                  "ocop report --year 2026 --format xlsx --out"):
        assert words in result.out, words


@pytest.mark.parametrize("argv", [["--year", "hai nghìn"], ["--year", "26"], ["--round", " "],
                                  ["--format", "pdf"]])
def test_bad_options_are_usage_errors(run_ocop, sample, argv):
    result = run_ocop("report", "--products", sample, "--today", TODAY_ARG, *argv)
    assert result.status == 2 and "Traceback" not in result.err


# -- formats ---------------------------------------------------------------------------------------------

def test_text_is_a_vietnamese_report_with_vietnamese_dates(run_ocop, sample):
    result = run_ocop("report", "--products", sample, "--today", TODAY_ARG)
    assert result.status == 0 and result.err == ""
    out = result.out
    assert "Tình trạng tính đến ngày 28/11/2026" in out
    assert ("5. Quá hạn nộp hồ sơ đánh giá lại (còn dưới 120 ngày): 1 sản phẩm chưa có hồ sơ đánh giá lại"
            in out)
    assert "Có hiệu lực đến hết ngày 20/12/2026 — còn 22 ngày" in out
    assert "Đề nghị chuyển lên: Hội đồng cấp trung ương" in out
    assert "Tổng hợp: 13 sản phẩm đã công bố" in out
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", out)  # no ISO dates for officers


def _md_cells(line):
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_markdown_tables_parse(run_ocop, sample):
    result = run_ocop("report", "--products", sample, "--today", TODAY_ARG, "--format", "md")
    assert result.status == 0
    sections = re.split(r"^## ", result.out, flags=re.M)[1:]
    found = {}
    for section in sections:
        heading, *lines = section.splitlines()
        table = [line for line in lines if line.startswith("|")]
        if table:
            header, rule, *rows = table
            assert re.fullmatch(r"\|(-+:?\|)+", rule.replace("---:", "---")), rule
            assert all(len(_md_cells(row)) == len(_md_cells(header)) for row in rows), heading
            if _md_cells(header)[0] == "Mã":
                found[heading.split(":")[0]] = [_md_cells(row)[0] for row in rows]
    assert found["5. Quá hạn nộp hồ sơ đánh giá lại (còn dưới 120 ngày)"] == ["LC-0005"]
    assert found["7. Giấy chứng nhận đã bị thu hồi"] == ["LC-0007"]
    assert "| 20/12/2026 | 22 |" in result.out


def test_csv_has_a_list_column_and_a_byte_order_mark(run_ocop, sample, tmp_path):
    data = report(run_ocop, sample)
    out_file = tmp_path / "bao-cao.csv"
    result = run_ocop("report", "--products", sample, "--today", TODAY_ARG, "--format", "csv", "--out", out_file)
    assert result.status == 0 and str(out_file) in result.out
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["list", "list_vi", *CSV_KEYS]
    products = [(r["list"], r["id"]) for r in rows if r["list"] in REPORT_LISTS]
    assert products == [(name, i) for name, found in ids(data).items() for i in found]
    # then the dossiers, list by list (tests/test_report_dossiers.py has their columns)
    assert [r["list"] for r in rows[len(products):]] == (["dossier_queue"] * 7 + ["dossier_at_risk"]
                                                         + ["rounds"] * 18)
    noodles = next(r for r in rows if r["id"] == "LC-0005" and r["list"] == "rerating_overdue")
    assert noodles["days_left"] == "22" and noodles["expires"] == "2026-12-20"
    # the same CSV on stdout
    stdout = run_ocop("report", "--products", sample, "--today", TODAY_ARG, "--format", "csv")
    assert stdout.out.startswith("\ufefflist,list_vi,id,")


def test_xlsx_is_ready_to_print_and_forward(run_ocop, sample, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "bao-cao.xlsx"
    result = run_ocop("report", "--products", sample, "--today", TODAY_ARG, "--format", "xlsx", "--out", path)
    assert result.status == 0, result.err
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        header_row = 5 if sheet.title == "Tổng hợp" else 1
        assert all(cell.font.bold for cell in sheet[header_row] if cell.value)
        assert sheet.freeze_panes == f"A{header_row + 1}"
        assert sheet.auto_filter.ref.startswith(f"A{header_row}:")
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.column_dimensions["B"].width >= 8

    overdue = book["Quá hạn đánh giá lại"]
    headers = [cell.value for cell in overdue[1]]
    assert headers[:3] == ["Mã", "Tên sản phẩm", "Chủ thể"] and "Hết hạn" in headers and "Còn (ngày)" in headers
    rows = {row[0].value: row for row in overdue.iter_rows(min_row=2)}
    assert list(rows) == ["LC-0005"]
    expires = rows["LC-0005"][headers.index("Hết hạn")]
    assert expires.is_date and expires.value == datetime(2026, 12, 20) and expires.number_format == "dd/mm/yyyy"
    assert rows["LC-0005"][headers.index("Còn (ngày)")].value == 22

    candidates = book["Chưa có GCN"]
    headers = [cell.value for cell in candidates[1]]
    oil = next(row for row in candidates.iter_rows(min_row=2) if row[0].value == "LC-0013")
    assert oil[headers.index("Điểm")].value == 91.25 and oil[headers.index("Chuyển lên cấp")].value == "trung ương"

    summary = book["Tổng hợp"]
    assert summary["B2"].is_date and summary["B2"].number_format == "dd/mm/yyyy"
    assert summary["B2"].value == datetime(2026, 11, 28)
    lines = [tuple(cell.value for cell in row) for row in summary.iter_rows(min_row=6)]
    assert ("Theo số sao", "5 sao", 1) in lines
    assert any(line[1] == "Tổng số" and line[2] == 13 for line in lines)


def test_xlsx_without_out_is_a_usage_error(run_ocop, sample):
    result = run_ocop("report", "--products", sample, "--today", TODAY_ARG, "--format", "xlsx")
    assert result.status == 2
    assert "--out" in result.err and "Lỗi cách dùng" in result.err and "Usage error" in result.err
    assert result.out == ""


def test_other_formats_write_to_out_when_given(run_ocop, sample, tmp_path):
    path = tmp_path / "bao-cao.json"
    result = run_ocop("report", "--products", sample, "--today", TODAY_ARG, "--format", "json", "--out", path)
    assert result.status == 0
    assert ids(json.loads(path.read_text(encoding="utf-8"))) == SAMPLE_LISTS


def test_an_unwritable_out_is_an_io_error(run_ocop, sample, tmp_path):
    result = run_ocop("report", "--products", sample, "--today", TODAY_ARG, "--out", tmp_path / "no" / "such.txt")
    assert result.status == 2 and "such.txt" in result.err and "Traceback" not in result.err


# -- records with errors ---------------------------------------------------------------------------------

def test_records_with_errors_are_left_out_and_named(run_ocop, sample):
    text = (sample / "LC-0014.yaml").read_text(encoding="utf-8")
    write_record(sample, "LC-0099", text.replace("id: LC-0014", "id: LC-0099").replace("date: 2023-06-02",
                                                                                   "date: 2023-06-31"))
    for fmt in ("text", "json", "md", "csv"):
        result = run_ocop("report", "--products", sample, "--today", TODAY_ARG, "--format", fmt)
        assert result.status == 1
        assert "LC-0099" not in result.out
        assert "products/LC-0099.yaml" in result.err
    data = json.loads(run_ocop("report", "--products", sample, "--today", TODAY_ARG, "--format", "json").out)
    assert ids(data) == SAMPLE_LISTS
