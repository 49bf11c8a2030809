"""Where each dossier stands (ocop/rules/dossiers.py) and the dossier lists of ``ocop report``, on the
dated fixture tests/fixtures/dossiers/ (tỉnh Lâm Đồng, read on Tuesday 20/10/2026): a dossier at every
step, the commune's 15 working days across the 30/4–1/5 holidays, the rounds of 30/4 and 1/5, the
re-rating lists without the certificates whose re-rating dossier is under way; every format."""

import csv
import io
import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import write_record

from ocop.cli.report import CSV_KEYS
from ocop.outputs.reports import DOSSIER_LISTS, DOSSIER_ROW_KEYS, REPORT_LISTS, ROW_KEYS
from ocop.reading.dataset import load_dataset
from ocop.rules.dossiers import (
    COMMUNE_WORKING_DAYS,
    DEADLINE_AFTER_ROUND,
    WAITING_FOR_PRODUCER,
    Outcome,
    at_risk,
    dossier_state,
    rerating_dossier_opened,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "dossiers"
TODAY = date(2026, 10, 20)
TODAY_ARG = TODAY.isoformat()

# On 20/10/2026, record -> (step, since, days in step, deadline, late, round, outcome).
STATES = {
    "LD-0001": ("registered", date(2026, 4, 28), 175, date(2026, 5, 21), True, None, Outcome("open")),
    "LD-0002": ("returned", date(2026, 9, 8), 42, None, False, None, Outcome("open")),
    "LD-0003": ("resubmitted", date(2026, 10, 15), 5, date(2026, 11, 5), False, None, Outcome("open")),
    "LD-0004": ("assessed", date(2026, 10, 14), 6, date(2026, 10, 22), False, None, Outcome("open")),
    "LD-0005": ("forwarded", date(2026, 5, 1), 172, date(2026, 12, 30), False, "2026-2", Outcome("open")),
    "LD-0006": ("scored", date(2026, 6, 10), 132, None, False, "2026-1", Outcome("open")),
    "LD-0007": ("decided", date(2026, 6, 20), 122, None, False, "2026-1",
                Outcome("certified", stars=4, decision="1234/QĐ-UBND")),
    "LD-0008": ("decided", date(2026, 6, 22), 120, None, False, "2026-1",
                Outcome("not_recognised", reason="Điểm dưới 50, không đủ hạng 3 sao")),
    "LD-0009": ("withdrawn", date(2026, 5, 15), 158, None, False, "2026-1",
                Outcome("withdrawn", reason="Chủ thể xin rút hồ sơ để hoàn thiện bao bì")),
    "LD-0010": ("registered", date(2026, 10, 5), 15, date(2026, 10, 26), False, None, Outcome("open")),
    "LD-0012": ("withdrawn", date(2026, 8, 20), 61, None, False, None,
                Outcome("withdrawn", reason="Chủ thể chưa đủ hồ sơ kiểm nghiệm")),
}
# The open dossiers, oldest deadline first (none last), and the lists drawn from them.
QUEUE = ["LD-0001", "LD-0004", "LD-0010", "LD-0003", "LD-0005", "LD-0006", "LD-0002"]
LATE = ["LD-0001"]
AT_RISK = ["LD-0003", "LD-0002"]
SHEETS = ["Tổng hợp", "Chưa có GCN", "Chuyển cấp tỉnh", "Chuyển cấp trung ương", "Đến hạn đánh giá lại",
          "Quá hạn đánh giá lại", "Đã hết hạn", "Đã thu hồi", "Ngừng sản xuất",
          "Hồ sơ đang xử lý", "Hồ sơ quá hạn", "Hồ sơ nguy cơ lỡ đợt", "Hồ sơ theo đợt"]


@pytest.fixture(scope="module")
def dataset():
    data = load_dataset(FIXTURE, TODAY, check_history=False)
    assert data.errors == [], [p.text() for p in data.errors]
    return data


def product(dataset, record_id):
    return next(p for p in dataset.good_products() if p.id == record_id)


def report(run_ocop, *argv, folder=FIXTURE, today=TODAY_ARG):
    result = run_ocop("report", "--products", folder, "--today", today, "--format", "json", *argv)
    assert result.status == 0, result.err
    return json.loads(result.out)


def ids(rows):
    return [row["id"] for row in rows]


# -- the fixture and the states --------------------------------------------------------------------

def test_the_fixture_validates_without_errors(run_ocop):
    result = run_ocop("validate", "--products", FIXTURE, "--today", TODAY_ARG)
    assert result.status == 0, result.out + result.err
    assert "12 hồ sơ, 0 lỗi" in result.out + result.err


def test_every_step_on_the_day(dataset):
    found = {}
    for record in dataset.good_products():
        for dossier in record.dossiers:
            state = dossier_state(dossier, record, TODAY)
            found[record.id] = (state.step, state.since, state.days_in_step, state.deadline, state.late,
                                state.round_code, state.outcome)
            assert state.open == (state.step not in ("decided", "withdrawn"))
    assert found == STATES


def test_the_commune_counts_working_days_across_the_holidays(dataset):
    # Received Tuesday 28/04/2026: 15 working days from Wednesday 29/04, skipping 30/4, 1/5 and two
    # weekends, end on Thursday 21/05/2026 (on 19/05 if only weekends were skipped).
    state = dossier_state(product(dataset, "LD-0001").dossiers[0], product(dataset, "LD-0001"), TODAY)
    assert COMMUNE_WORKING_DAYS == 15
    assert state.deadline == date(2026, 5, 21)
    on_the_day = dossier_state(state.dossier, product(dataset, "LD-0001"), date(2026, 5, 21))
    next_day = dossier_state(state.dossier, product(dataset, "LD-0001"), date(2026, 5, 22))
    assert (on_the_day.late, next_day.late) == (False, True)  # the last day of the term is in time


def test_a_resubmission_starts_the_commune_term_again(dataset):
    record = product(dataset, "LD-0003")
    dossier = record.dossiers[0]
    returned = dossier_state(dossier, record, date(2026, 10, 1))  # returned 25/09, not yet handed back
    assert (returned.step, returned.since, returned.deadline, returned.late) == (
        "returned", date(2026, 9, 25), None, False)
    assert at_risk(returned, date(2026, 10, 1)).why == WAITING_FOR_PRODUCER
    before = dossier_state(dossier, record, date(2026, 9, 22))  # received 21/09: 15 working days to 12/10
    assert (before.step, before.deadline) == ("registered", date(2026, 10, 12))


def test_forwarded_on_30_april_and_on_1_may_land_in_different_rounds(dataset):
    may = dossier_state(product(dataset, "LD-0005").dossiers[0], product(dataset, "LD-0005"), TODAY)
    april = dossier_state(product(dataset, "LD-0006").dossiers[0], product(dataset, "LD-0006"), TODAY)
    assert may.dossier.forwarded.date == date(2026, 5, 1) and may.round_code == "2026-2"
    assert april.dossier.forwarded.date == date(2026, 4, 30) and april.round_code == "2026-1"
    assert may.round.held_by == may.deadline == date(2026, 12, 30)
    # forwarded, not yet scored on 10/06/2026: to be scored by round 2026-1's last day
    waiting = dossier_state(april.dossier, product(dataset, "LD-0006"), date(2026, 6, 9))
    assert (waiting.step, waiting.deadline, waiting.round_code) == ("forwarded", date(2026, 6, 30), "2026-1")


def test_a_step_dated_after_today_has_not_happened_yet(dataset):
    record = product(dataset, "LD-0007")
    state = dossier_state(record.dossiers[0], record, date(2026, 6, 15))
    assert (state.step, state.since, state.open, state.outcome) == ("scored", date(2026, 6, 10), True, Outcome("open"))


def test_at_risk_needs_a_move_by_the_last_forwarding_working_day(dataset):
    found = {}
    for record in dataset.good_products():
        for dossier in record.dossiers:
            risk = at_risk(dossier_state(dossier, record, TODAY), TODAY)
            if risk:
                found[record.id] = (risk.round.code, risk.move_by, risk.why)
    assert found == {"LD-0002": ("2026-2", date(2026, 10, 30), WAITING_FOR_PRODUCER),
                     "LD-0003": ("2026-2", date(2026, 10, 30), DEADLINE_AFTER_ROUND)}
    # Assessed on 24/04, its 15 working days (from 10/04) end on 06/05: after 29/04, the last working
    # day before 30/4. On 29/04 it is at risk of missing round 2026-1; on 30/4 (a holiday) that round
    # is out of reach, and the next one (forward by 30/10) is not at risk.
    record = product(dataset, "LD-0005")
    state = dossier_state(record.dossiers[0], record, date(2026, 4, 29))
    assert (state.step, state.deadline) == ("assessed", date(2026, 5, 6))
    risk = at_risk(state, date(2026, 4, 29))
    assert (risk.round.code, risk.move_by, risk.why) == ("2026-1", date(2026, 4, 29), DEADLINE_AFTER_ROUND)
    assert at_risk(dossier_state(record.dossiers[0], record, date(2026, 4, 30)), date(2026, 4, 30)) is None


def test_a_rerating_dossier_is_under_way_until_withdrawn(dataset):
    opened, withdrawn = product(dataset, "LD-0010"), product(dataset, "LD-0012")
    assert rerating_dossier_opened(opened, opened.certificates[0], TODAY)
    assert not rerating_dossier_opened(opened, opened.certificates[0], date(2026, 10, 4))  # not received yet
    assert not rerating_dossier_opened(withdrawn, withdrawn.certificates[0], TODAY)
    assert rerating_dossier_opened(withdrawn, withdrawn.certificates[0], date(2026, 8, 19))  # before withdrawal


# -- the report's lists ----------------------------------------------------------------------------

def test_the_report_lists(run_ocop):
    data = report(run_ocop)
    assert list(data) == ["status_date", "filters", *REPORT_LISTS, "counts", *DOSSIER_LISTS, "rounds"]
    assert ids(data["dossier_queue"]) == QUEUE
    assert ids(data["dossier_late"]) == LATE
    assert ids(data["dossier_at_risk"]) == AT_RISK
    for name in DOSSIER_LISTS:
        assert all(list(row) == list(DOSSIER_ROW_KEYS) for row in data[name])
    late = data["dossier_late"][0]
    assert late == {
        "id": "LD-0001", "name_vi": "Cà phê Arabica Cầu Đất", "producer_name": "Hợp tác xã Cà phê Thử nghiệm",
        "unit": "24778", "unit_vi": "Phường Lâm Viên - Đà Lạt", "dossier": "dossiers[0]", "dossier_kind": "first",
        "registered": "2026-04-28", "step": "registered", "since": "2026-04-28", "days_in_step": 175,
        "deadline": "2026-05-21", "late": True, "round": None, "outcome": "open", "outcome_stars": None,
        "outcome_decision": None, "outcome_reason": None, "at_risk_round": None, "move_by": None}
    assert [(r["at_risk_round"], r["move_by"], r["deadline"]) for r in data["dossier_at_risk"]] == [
        ("2026-2", "2026-10-30", "2026-11-05"), ("2026-2", "2026-10-30", None)]
    rounds = data["rounds"]
    assert [(r["round"], r["forward_by"], r["held_by"], ids(r["dossiers"])) for r in rounds] == [
        ("2026-1", "2026-04-30", "2026-06-30", ["LD-0006", "LD-0007", "LD-0008", "LD-0009"]),
        ("2026-2", "2026-10-30", "2026-12-30", ["LD-0005"])]
    assert rounds[0]["outcomes"] == {"certified": 1, "not_recognised": 1, "withdrawn": 1, "open": 1}
    assert rounds[1]["outcomes"] == {"certified": 0, "not_recognised": 0, "withdrawn": 0, "open": 1}
    certified = rounds[0]["dossiers"][1]
    assert (certified["outcome"], certified["outcome_stars"], certified["outcome_decision"]) == (
        "certified", 4, "1234/QĐ-UBND")


def test_a_rerating_dossier_takes_the_certificate_off_the_rerating_lists(run_ocop, tmp_path):
    data = report(run_ocop)
    # LD-0010 (172 days left) has a re-rating dossier; LD-0011 (174) has none; LD-0012's was withdrawn.
    assert ids(data["rerating_window_open"]) == ["LD-0011"]
    assert ids(data["rerating_overdue"]) == ["LD-0012"]
    # Without its dossier LD-0010 is back on the list, soonest first.
    folder = tmp_path / "products"
    shutil.copytree(FIXTURE, folder)
    text = (folder / "LD-0010.yaml").read_text(encoding="utf-8")
    write_record(folder, "LD-0010", text.split("dossiers:")[0])
    assert ids(report(run_ocop, folder=folder)["rerating_window_open"]) == ["LD-0010", "LD-0011"]


def test_year_and_round_filter_the_dossier_lists(run_ocop):
    in_round = report(run_ocop, "--round", "2026-1")
    assert ids(in_round["dossier_queue"]) == ["LD-0006"]  # the only open dossier of round 2026-1
    assert in_round["dossier_late"] == [] and in_round["dossier_at_risk"] == []
    assert [r["round"] for r in in_round["rounds"]] == ["2026-1"]
    next_round = report(run_ocop, "--round", "2026-2")
    assert ids(next_round["dossier_queue"]) == ["LD-0005"] and ids(next_round["dossier_at_risk"]) == AT_RISK
    registered_2026 = report(run_ocop, "--year", "2026")
    assert ids(registered_2026["dossier_queue"]) == QUEUE and len(registered_2026["rounds"]) == 2
    older = report(run_ocop, "--year", "2025")
    assert all(older[name] == [] for name in (*DOSSIER_LISTS, "rounds"))


def test_the_help_names_the_dossier_lists(run_ocop):
    out = run_ocop("report", "--help").out
    for words in ("dossier_queue", "dossier_late", "dossier_at_risk", "rounds", "15 ngày làm việc",
                  "chưa có hồ sơ đánh giá lại", "no re-rating dossier", "hồ sơ tiếp nhận trong năm Y"):
        assert words in out, words


# -- formats ---------------------------------------------------------------------------------------

def test_text(run_ocop):
    result = run_ocop("report", "--products", FIXTURE, "--today", TODAY_ARG)
    assert result.status == 0 and result.err == ""
    out = result.out
    assert "4. Đến hạn nộp hồ sơ đánh giá lại (còn 120–180 ngày): 1 sản phẩm chưa có hồ sơ đánh giá lại" in out
    assert "5. Quá hạn nộp hồ sơ đánh giá lại (còn dưới 120 ngày): 1 sản phẩm chưa có hồ sơ đánh giá lại" in out
    assert "9. Hồ sơ đăng ký đang xử lý (hạn sớm nhất trước): 7 hồ sơ" in out
    assert """\
10. Hồ sơ đăng ký quá hạn ở bước hiện tại: 1 hồ sơ
--------------------------------------------------
  LD-0001  Cà phê Arabica Cầu Đất  [dossiers[0]]
      Chủ thể: Hợp tác xã Cà phê Thử nghiệm
      Hồ sơ lần đầu, tiếp nhận ngày 28/04/2026
      Bước hiện tại: đã tiếp nhận từ ngày 28/04/2026 (175 ngày)
      Hạn: hết ngày 21/05/2026 — đã quá hạn 152 ngày
""" in out
    assert """\
  LD-0002  Mứt dâu tây Đà Lạt  [dossiers[0]]
      Chủ thể: Hộ kinh doanh Trần Thị Thử
      Hồ sơ lần đầu, tiếp nhận ngày 01/09/2026
      Bước hiện tại: trả lại để bổ sung, chờ chủ thể từ ngày 08/09/2026 (42 ngày)
      Hạn: không có (chờ chủ thể nộp lại)
      Phải chuyển hồ sơ chậm nhất ngày 30/10/2026 để kịp đợt 2026-2
""" in out
    assert out.rstrip("\n").endswith("""\
12. Hồ sơ đăng ký theo đợt đánh giá: 2 đợt
------------------------------------------
  Đợt 2026-1 (xã chuyển hồ sơ đến hết ngày 30/04/2026, chấm điểm đến hết ngày 30/06/2026): 4 hồ sơ
    Kết quả: được công nhận 1, không được công nhận 1, đã rút 1, đang xử lý 1
    LD-0006  Hồng treo gió  [dossiers[0]]: đang xử lý
    LD-0007  Trà ô long Cầu Đất  [dossiers[0]]: được công nhận 4 sao, quyết định 1234/QĐ-UBND
    LD-0008  Bánh tráng rau củ  [dossiers[0]]: không được công nhận: Điểm dưới 50, không đủ hạng 3 sao
    LD-0009  Cà phê chồn  [dossiers[0]]: đã rút: Chủ thể xin rút hồ sơ để hoàn thiện bao bì
  Đợt 2026-2 (xã chuyển hồ sơ đến hết ngày 30/10/2026, chấm điểm đến hết ngày 30/12/2026): 1 hồ sơ
    Kết quả: được công nhận 0, không được công nhận 0, đã rút 0, đang xử lý 1
    LD-0005  Hạt mắc ca sấy  [dossiers[0]]: đang xử lý""")
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", out)  # no ISO dates for officers


def _md_cells(line):
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_markdown(run_ocop):
    result = run_ocop("report", "--products", FIXTURE, "--today", TODAY_ARG, "--format", "md")
    assert result.status == 0
    tables = {}
    for section in re.split(r"^## ", result.out, flags=re.M)[1:]:
        heading, *lines = section.splitlines()
        table = [line for line in lines if line.startswith("|")]
        if table:
            header, _, *rows = table
            assert all(len(_md_cells(row)) == len(_md_cells(header)) for row in rows), heading
            tables[heading] = [dict(zip(_md_cells(header), _md_cells(row))) for row in rows]
    queue = tables["9. Hồ sơ đăng ký đang xử lý (hạn sớm nhất trước): 7 hồ sơ"]
    assert [row["Mã"] for row in queue] == QUEUE
    assert queue[0] == {
        "Mã": "LD-0001", "Tên sản phẩm": "Cà phê Arabica Cầu Đất", "Chủ thể": "Hợp tác xã Cà phê Thử nghiệm",
        "Đơn vị trên giấy chứng nhận": "Phường Lâm Viên - Đà Lạt", "Hồ sơ": "dossiers[0]", "Loại hồ sơ": "lần đầu",
        "Ngày tiếp nhận": "28/04/2026", "Bước hiện tại": "đã tiếp nhận", "Từ ngày": "28/04/2026",
        "Số ngày ở bước này": "175", "Hạn": "21/05/2026", "Quá hạn": "có", "Đợt của hồ sơ": "—"}
    assert [row["Mã"] for row in tables["10. Hồ sơ đăng ký quá hạn ở bước hiện tại: 1 hồ sơ"]] == LATE
    risky = tables["11. Hồ sơ có nguy cơ lỡ đợt đánh giá tới: 2 hồ sơ"]
    assert [(r["Mã"], r["Sẽ lỡ đợt"], r["Chuyển chậm nhất ngày"]) for r in risky] == [
        ("LD-0003", "2026-2", "30/10/2026"), ("LD-0002", "2026-2", "30/10/2026")]
    rounds = tables["12. Hồ sơ đăng ký theo đợt đánh giá: 2 đợt"]
    assert [(r["Đợt của hồ sơ"], r["Mã"], r["Kết quả"]) for r in rounds] == [
        ("2026-1", "LD-0006", "đang xử lý"), ("2026-1", "LD-0007", "được công nhận"),
        ("2026-1", "LD-0008", "không được công nhận"), ("2026-1", "LD-0009", "đã rút"),
        ("2026-2", "LD-0005", "đang xử lý")]
    assert ("- Đợt 2026-1 (xã chuyển hồ sơ đến hết ngày 30/04/2026, chấm điểm đến hết ngày 30/06/2026): "
            "4 hồ sơ — được công nhận 1, không được công nhận 1, đã rút 1, đang xử lý 1") in result.out


def test_csv_is_one_table_with_the_dossier_columns_after_the_products(run_ocop):
    result = run_ocop("report", "--products", FIXTURE, "--today", TODAY_ARG, "--format", "csv")
    assert result.status == 0 and result.out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.out.lstrip("\ufeff"), newline="")))
    assert list(rows[0]) == ["list", "list_vi", *CSV_KEYS]
    assert CSV_KEYS[:len(ROW_KEYS)] == ROW_KEYS  # the product columns keep their places
    by_list = {}
    for row in rows:
        by_list.setdefault(row["list"], []).append(row)
    assert [r["id"] for r in by_list["dossier_queue"]] == QUEUE
    assert [r["id"] for r in by_list["dossier_late"]] == LATE
    assert [r["id"] for r in by_list["dossier_at_risk"]] == AT_RISK
    assert [(r["round"], r["id"], r["outcome"]) for r in by_list["rounds"]] == [
        ("2026-1", "LD-0006", "open"), ("2026-1", "LD-0007", "certified"), ("2026-1", "LD-0008", "not_recognised"),
        ("2026-1", "LD-0009", "withdrawn"), ("2026-2", "LD-0005", "open")]
    late = by_list["dossier_late"][0]
    assert late["list_vi"] == "Hồ sơ đăng ký quá hạn ở bước hiện tại"
    assert (late["registered"], late["deadline"], late["late"], late["days_in_step"], late["step"]) == (
        "2026-04-28", "2026-05-21", "true", "175", "registered")
    assert late["status"] == "" and late["score"] == ""  # product facts stay on the product's rows
    risky = by_list["dossier_at_risk"][0]
    assert (risky["at_risk_round"], risky["move_by"], risky["late"]) == ("2026-2", "2026-10-30", "false")
    overdue = by_list["rerating_overdue"]
    assert [r["id"] for r in overdue] == ["LD-0012"] and overdue[0]["dossier"] == ""
    assert overdue[0]["list_vi"] == ("Quá hạn nộp hồ sơ đánh giá lại (còn dưới 120 ngày) — "
                                     "sản phẩm chưa có hồ sơ đánh giá lại")


def test_xlsx_has_a_sheet_per_dossier_list(run_ocop, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "bao-cao.xlsx"
    result = run_ocop("report", "--products", FIXTURE, "--today", TODAY_ARG, "--format", "xlsx", "--out", path)
    assert result.status == 0, result.err
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == SHEETS

    def rows_of(title):
        sheet = book[title]
        headers = [cell.value for cell in sheet[1]]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        return headers, [{h: cell for h, cell in zip(headers, row)} for row in sheet.iter_rows(min_row=2)]

    headers, queue = rows_of("Hồ sơ đang xử lý")
    assert headers[:4] == ["Mã", "Tên sản phẩm", "Chủ thể", "Đơn vị trên giấy chứng nhận"]
    assert [row["Mã"].value for row in queue] == QUEUE
    deadline = queue[0]["Hạn"]
    assert deadline.is_date and deadline.value == datetime(2026, 5, 21) and deadline.number_format == "dd/mm/yyyy"
    assert queue[0]["Số ngày ở bước này"].value == 175 and queue[0]["Quá hạn"].value == "có"
    assert queue[0]["Bước hiện tại"].value == "đã tiếp nhận" and queue[-1]["Hạn"].value is None
    _, late = rows_of("Hồ sơ quá hạn")
    assert [row["Mã"].value for row in late] == LATE
    _, risky = rows_of("Hồ sơ nguy cơ lỡ đợt")
    assert [(r["Mã"].value, r["Sẽ lỡ đợt"].value, r["Chuyển chậm nhất ngày"].value) for r in risky] == [
        ("LD-0003", "2026-2", datetime(2026, 10, 30)), ("LD-0002", "2026-2", datetime(2026, 10, 30))]
    _, rounds = rows_of("Hồ sơ theo đợt")
    assert [(r["Đợt của hồ sơ"].value, r["Mã"].value, r["Kết quả"].value, r["Sao được công nhận"].value)
            for r in rounds] == [
        ("2026-1", "LD-0006", "đang xử lý", None), ("2026-1", "LD-0007", "được công nhận", 4),
        ("2026-1", "LD-0008", "không được công nhận", None), ("2026-1", "LD-0009", "đã rút", None),
        ("2026-2", "LD-0005", "đang xử lý", None)]
    summary = [tuple(cell.value for cell in row) for row in book["Tổng hợp"].iter_rows(min_row=6)]
    assert ("Hồ sơ đăng ký", "Hồ sơ có nguy cơ lỡ đợt đánh giá tới", 2) in summary
    assert ("Đợt 2026-1", "Số hồ sơ", 4) in summary and ("Đợt 2026-1", "được công nhận", 1) in summary
    assert ("Đợt 2026-2", "đang xử lý", 1) in summary


def test_dossier_text_never_becomes_a_formula(run_ocop, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    folder = tmp_path / "products"
    shutil.copytree(FIXTURE, folder)
    text = (folder / "LD-0008.yaml").read_text(encoding="utf-8")
    payload = '=HYPERLINK("http://x","y")'
    write_record(folder, "LD-0008", text.replace("not_recognised: Điểm dưới 50, không đủ hạng 3 sao",
                                                 f"not_recognised: {json.dumps(payload)}"))
    result = run_ocop("report", "--products", folder, "--today", TODAY_ARG, "--format", "csv")
    rows = [r for r in csv.DictReader(io.StringIO(result.out.lstrip("\ufeff"), newline=""))
            if r["list"] == "rounds" and r["id"] == "LD-0008"]
    assert [r["outcome_reason"] for r in rows] == ["'" + payload]
    assert report(run_ocop, folder=folder)["rounds"][0]["dossiers"][2]["outcome_reason"] == payload  # JSON exact
    path = tmp_path / "bao-cao.xlsx"
    run_ocop("report", "--products", folder, "--today", TODAY_ARG, "--format", "xlsx", "--out", path)
    sheet = openpyxl.load_workbook(path)["Hồ sơ theo đợt"]
    headers = [cell.value for cell in sheet[1]]
    cell = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "LD-0008")[headers.index("Lý do")]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (payload, "s", True)
