"""``ocop report``: the Economic Office's report — lists to act on and counts — as text, Markdown, CSV,
Excel or JSON. What is on each list and what each count counts is decided in ``ocop.outputs.reports``;
this module only presents it."""

import argparse
import csv
import io
import json
from datetime import date
from decimal import Decimal

from ..common.dates import vn_date
from ..outputs.cells import csv_row, text_stays_text
from ..outputs.lists import score_text
from ..outputs.reports import (
    COUNTS,
    DOSSIER_LISTS,
    DOSSIER_ROW_KEYS,
    REPORT_LISTS,
    ROUNDS,
    ROW_KEYS,
    build_report,
)
from ..rules.certificates import EXPIRING_DAYS, RERATING_DUE_FROM_DAYS
from ..rules.dossiers import COMMUNE_WORKING_DAYS, OUTCOMES, STEPS
from .common import EXIT_USAGE, LEVEL_WORDS, STATUS_WORDS, report_bad_records

ORDER = 4
SUMMARY = ("Báo cáo cho Phòng Kinh tế: các danh sách cần xử lý và số liệu tổng hợp. / "
           "Report for the Economic Office: lists to act on and counts.")
EXAMPLE = "ocop report --year 2026 --format xlsx --out bao-cao-ocop-2026.xlsx"
FORMATS = ("text", "md", "csv", "xlsx", "json")

DETAILS = f"""\
Danh sách (tình trạng vào ngày --today) / Lists (as of --today):
  candidates            chưa có giấy chứng nhận, kèm lần chấm gần nhất / no certificate yet
  forward_to_province   lần chấm gần nhất đề nghị chuyển lên cấp tỉnh, chưa được công nhận ở cấp đó
                        / latest scoring forwards it to the province, not yet certified there
  forward_to_central    như trên, cấp trung ương / the same, central level
  rerating_window_open  còn {RERATING_DUE_FROM_DAYS}–{EXPIRING_DAYS} ngày: đến hạn nộp hồ sơ đánh giá lại,
                        chưa có hồ sơ đánh giá lại
                        / {RERATING_DUE_FROM_DAYS}–{EXPIRING_DAYS} days left: re-rating due now, no re-rating dossier
  rerating_overdue      còn 0–{RERATING_DUE_FROM_DAYS - 1} ngày: quá hạn nộp hồ sơ đánh giá lại,
                        chưa có hồ sơ đánh giá lại / re-rating overdue, no re-rating dossier
  expired, revoked, withdrawn   đã hết hạn, đã bị thu hồi, ngừng sản xuất
Hồ sơ đăng ký (dossiers: trong hồ sơ sản phẩm) / Dossiers (dossiers: in the records):
  dossier_queue         mọi hồ sơ đang xử lý: bước hiện tại, số ngày ở bước đó, hạn (hạn sớm nhất trước)
                        / every open dossier: its step, days in that step, deadline (soonest first)
  dossier_late          hồ sơ đã quá hạn ở bước hiện tại / open dossiers past the deadline of their step
  dossier_at_risk       hồ sơ xã chưa chuyển sẽ lỡ đợt đánh giá tới nếu không chuyển chậm nhất ngày move_by
                        / not yet forwarded, will miss the next round unless forwarded by move_by
  rounds                mỗi đợt đánh giá: các hồ sơ của đợt và kết quả / each round: its dossiers and outcomes
  Hạn: xã đánh giá và chuyển hồ sơ trong {COMMUNE_WORKING_DAYS} ngày làm việc kể từ ngày tiếp nhận (hoặc nộp lại);
  hồ sơ trả lại chờ chủ thể (không có hạn); hồ sơ đã chuyển phải được chấm trong đợt của nó (30/6, 30/12).
  / Deadlines: the commune assesses and forwards within {COMMUNE_WORKING_DAYS} working days of receiving it (or of
  its resubmission); a returned dossier waits for the producer; a forwarded one is scored in its round.
Tổng hợp: sản phẩm đã công bố (có giấy chứng nhận, mọi trạng thái), theo giấy chứng nhận hiện hành.
/ Counts: published products (with a certificate, any status), by their current certificate.

--year Y chỉ giữ sản phẩm có / keeps the products whose:
  lần chấm gần nhất trong năm Y (candidates, forward_to_*) / latest evaluation is in Y;
  giấy chứng nhận hết hạn trong năm Y (rerating_*, expired) / certificate expires in Y;
  quyết định thu hồi, ngày ngừng sản xuất trong năm Y (revoked, withdrawn) / revocation, withdrawal in Y;
  tổng hợp: giấy chứng nhận hiện hành cấp trong năm Y / counts: current certificate issued in Y;
  hồ sơ tiếp nhận trong năm Y (dossier_*) / dossiers registered in Y; các đợt của năm Y (rounds) / rounds of Y.
--round R chỉ giữ sản phẩm có lần chấm thuộc đợt R: lần chấm gần nhất (candidates, forward_to_*),
  lần chấm dẫn tới giấy chứng nhận hiện hành (các danh sách khác và tổng hợp).
  / keeps the products whose latest evaluation (candidates, forwarding), or the evaluation behind
  their current certificate (the other lists, counts), is of round R.
  Hồ sơ: thuộc đợt R (dossier_queue, dossier_late: chỉ hồ sơ đã chuyển), sẽ lỡ đợt R (dossier_at_risk),
  chỉ đợt R (rounds). / Dossiers: in round R (queue, late: forwarded ones only), at risk of missing
  round R (at risk), round R alone (rounds).
Báo cáo một năm đã qua như lúc cuối năm: thêm --today Y-12-31. / A past year as it stood: add --today Y-12-31.
--format xlsx cần --out TỆP.xlsx (một trang Tổng hợp và một trang cho mỗi danh sách)
/ needs --out FILE.xlsx (a summary sheet and one sheet per list).
--format csv: một bảng cho mọi danh sách, cột list cho biết danh sách; các cột của hồ sơ đăng ký nằm sau
  các cột của sản phẩm. / one table for every list, the list column names it; the dossiers' columns come
  after the products'."""

LIST_TITLES = {
    "candidates": "Sản phẩm chưa có giấy chứng nhận (ứng viên)",
    "forward_to_province": "Đề nghị chuyển hồ sơ lên Hội đồng cấp tỉnh",
    "forward_to_central": "Đề nghị chuyển hồ sơ lên Hội đồng cấp trung ương",
    "rerating_window_open": f"Đến hạn nộp hồ sơ đánh giá lại (còn {RERATING_DUE_FROM_DAYS}–{EXPIRING_DAYS} ngày)",
    "rerating_overdue": f"Quá hạn nộp hồ sơ đánh giá lại (còn dưới {RERATING_DUE_FROM_DAYS} ngày)",
    "expired": "Giấy chứng nhận đã hết hạn",
    "revoked": "Giấy chứng nhận đã bị thu hồi",
    "withdrawn": "Sản phẩm ngừng sản xuất",
}
# Excel sheet names: at most 31 characters, none of []:*?/\
SHEET_NAMES = {
    "candidates": "Chưa có GCN",
    "forward_to_province": "Chuyển cấp tỉnh",
    "forward_to_central": "Chuyển cấp trung ương",
    "rerating_window_open": "Đến hạn đánh giá lại",
    "rerating_overdue": "Quá hạn đánh giá lại",
    "expired": "Đã hết hạn",
    "revoked": "Đã thu hồi",
    "withdrawn": "Ngừng sản xuất",
}
SUMMARY_SHEET = "Tổng hợp"
assert set(LIST_TITLES) == set(SHEET_NAMES) == set(REPORT_LISTS)
# The re-rating lists leave out a certificate whose re-rating dossier is under way: their headings say so.
NO_RERATING_DOSSIER = "chưa có hồ sơ đánh giá lại"
COUNTED = {"rerating_window_open": f"sản phẩm {NO_RERATING_DOSSIER}",
           "rerating_overdue": f"sản phẩm {NO_RERATING_DOSSIER}"}

DOSSIER_TITLES = {
    "dossier_queue": "Hồ sơ đăng ký đang xử lý (hạn sớm nhất trước)",
    "dossier_late": "Hồ sơ đăng ký quá hạn ở bước hiện tại",
    "dossier_at_risk": "Hồ sơ có nguy cơ lỡ đợt đánh giá tới",
    ROUNDS: "Hồ sơ đăng ký theo đợt đánh giá",
}
DOSSIER_SHEETS = {
    "dossier_queue": "Hồ sơ đang xử lý",
    "dossier_late": "Hồ sơ quá hạn",
    "dossier_at_risk": "Hồ sơ nguy cơ lỡ đợt",
    ROUNDS: "Hồ sơ theo đợt",
}
assert set(DOSSIER_TITLES) == set(DOSSIER_SHEETS) == {*DOSSIER_LISTS, ROUNDS}
assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in [*SHEET_NAMES.values(), *DOSSIER_SHEETS.values()])

STEP_WORDS = {"registered": "đã tiếp nhận", "returned": "trả lại để bổ sung, chờ chủ thể",
              "resubmitted": "chủ thể đã nộp lại", "assessed": "xã đã đánh giá", "forwarded": "đã chuyển hồ sơ",
              "scored": "hội đồng đã chấm điểm", "decided": "đã có quyết định", "withdrawn": "chủ thể đã rút hồ sơ"}
assert set(STEP_WORDS) == set(STEPS)
OUTCOME_WORDS = {"certified": "được công nhận", "not_recognised": "không được công nhận", "withdrawn": "đã rút",
                 "open": "đang xử lý"}
assert set(OUTCOME_WORDS) == set(OUTCOMES)
YES_NO = {True: "có", False: "không"}

EVALUATION_KIND_WORDS = {"first": "lần đầu", "upgrade": "nâng hạng", "rerating": "đánh giá lại"}

# Every fact of a row: its header and how its value is shown.
COLUMNS = {
    "id": ("Mã", "text"),
    "name_vi": ("Tên sản phẩm", "text"),
    "product_set": ("Số bộ sản phẩm", "int"),
    "product_set_vi": ("Bộ sản phẩm", "text"),
    "group": ("Mã nhóm", "text"),
    "group_vi": ("Nhóm sản phẩm", "text"),
    "unit": ("Mã đơn vị trên GCN", "text"),
    "unit_vi": ("Đơn vị trên giấy chứng nhận", "text"),
    "unit_today": ("Mã đơn vị hiện nay", "text"),
    "unit_today_vi": ("Đơn vị hiện nay", "text"),
    "producer_name": ("Chủ thể", "text"),
    "producer_kind": ("Mã loại chủ thể", "text"),
    "producer_kind_vi": ("Loại chủ thể", "text"),
    "evaluation_date": ("Ngày chấm", "date"),
    "evaluation_council": ("Hội đồng chấm", "level"),
    "evaluation_round": ("Đợt", "text"),
    "evaluation_kind": ("Loại đánh giá", "evaluation_kind"),
    "evaluation_rules": ("Bộ quy tắc", "text"),
    "score": ("Điểm", "score"),
    "evaluation_stars": ("Sao theo lần chấm", "int"),
    "forward_to": ("Chuyển lên cấp", "level"),
    "certificate_decision": ("Quyết định công nhận", "text"),
    "certificate_date": ("Ngày cấp", "date"),
    "certificate_issuer": ("Cơ quan cấp", "text"),
    "certificate_level": ("Cấp công nhận", "level"),
    "certificate_stars": ("Sao trên GCN", "int"),
    "expires": ("Hết hạn", "date"),
    "days_left": ("Còn (ngày)", "int"),
    "status": ("Trạng thái", "status"),
    "revocation_decision": ("Quyết định thu hồi", "text"),
    "revocation_date": ("Ngày thu hồi", "date"),
    "withdrawn_date": ("Ngừng sản xuất từ", "date"),
}
assert tuple(COLUMNS) == ROW_KEYS

# The facts of a dossier row that a product row does not have: their header and how they are shown.
DOSSIER_COLUMNS = {
    "dossier": ("Hồ sơ", "text"),
    "dossier_kind": ("Loại hồ sơ", "evaluation_kind"),
    "registered": ("Ngày tiếp nhận", "date"),
    "step": ("Bước hiện tại", "step"),
    "since": ("Từ ngày", "date"),
    "days_in_step": ("Số ngày ở bước này", "int"),
    "deadline": ("Hạn", "date"),
    "late": ("Quá hạn", "yes_no"),
    "round": ("Đợt của hồ sơ", "text"),
    "outcome": ("Kết quả", "outcome"),
    "outcome_stars": ("Sao được công nhận", "int"),
    "outcome_decision": ("Số quyết định công nhận", "text"),
    "outcome_reason": ("Lý do", "text"),
    "at_risk_round": ("Sẽ lỡ đợt", "text"),
    "move_by": ("Chuyển chậm nhất ngày", "date"),
}
ALL_COLUMNS = {**COLUMNS, **DOSSIER_COLUMNS}
assert set(DOSSIER_ROW_KEYS) == set(DOSSIER_COLUMNS) | (set(DOSSIER_ROW_KEYS) & set(ROW_KEYS))
# The CSV's columns: every product fact, then the dossier facts a product row leaves empty.
CSV_KEYS = (*ROW_KEYS, *(key for key in DOSSIER_ROW_KEYS if key not in ROW_KEYS))

# The columns of each list in Markdown and Excel (CSV and JSON carry every fact).
_WHO = ("id", "name_vi", "producer_name", "unit_vi", "unit_today_vi")
_EVALUATION = ("evaluation_date", "evaluation_council", "evaluation_round", "score", "evaluation_stars")
_CERTIFICATE = ("certificate_decision", "certificate_date", "certificate_level", "certificate_stars")
_EXPIRY = ("expires", "days_left")
LIST_COLUMNS = {
    "candidates": _WHO + _EVALUATION + ("forward_to",),
    "forward_to_province": _WHO + _EVALUATION + ("certificate_level", "certificate_stars", "status"),
    "forward_to_central": _WHO + _EVALUATION + ("certificate_level", "certificate_stars", "status"),
    "rerating_window_open": _WHO + _CERTIFICATE + _EXPIRY,
    "rerating_overdue": _WHO + _CERTIFICATE + _EXPIRY,
    "expired": _WHO + _CERTIFICATE + _EXPIRY,
    "revoked": _WHO + _CERTIFICATE + ("revocation_decision", "revocation_date"),
    "withdrawn": _WHO + _CERTIFICATE + ("withdrawn_date",),
}
XLSX_EXTRA = ("group_vi", "producer_kind_vi")  # Excel has room for two more, after the producer
_DOSSIER = ("id", "name_vi", "producer_name", "unit_vi", "dossier", "dossier_kind", "registered")
DOSSIER_LIST_COLUMNS = {
    "dossier_queue": _DOSSIER + ("step", "since", "days_in_step", "deadline", "late", "round"),
    "dossier_late": _DOSSIER + ("step", "since", "days_in_step", "deadline", "round"),
    "dossier_at_risk": _DOSSIER + ("step", "since", "deadline", "at_risk_round", "move_by"),
    ROUNDS: ("round",) + _DOSSIER + ("step", "since", "outcome", "outcome_stars", "outcome_decision",
                                     "outcome_reason"),
}

NONE = "—"
UNKNOWN = "Không rõ / chưa ghi"


# -- options ----------------------------------------------------------------------------------------

def _year(text):
    if not text.isdigit() or not 1900 <= int(text) <= 2999:
        raise argparse.ArgumentTypeError(f"'{text}': cần một năm, ví dụ 2026 / expected a year, e.g. 2026")
    return int(text)


def _round(text):
    if not text.strip():
        raise argparse.ArgumentTypeError("cần tên đợt, ví dụ 2026-2 / expected a round, e.g. 2026-2")
    return text.strip()


def add_arguments(parser):
    parser.epilog = f"{DETAILS}\n\n{parser.epilog or ''}"
    parser.add_argument("--year", type=_year, metavar="Y",
                        help="chỉ năm Y (cách lọc: xem dưới) / only year Y (see below)")
    parser.add_argument("--round", type=_round, metavar="R",
                        help="chỉ đợt đánh giá R, ví dụ 2026-2 / only evaluation round R, e.g. 2026-2")
    parser.add_argument("--out", metavar="FILE",
                        help="ghi vào tệp này thay vì màn hình (bắt buộc với xlsx) / "
                             "write to this file instead of stdout (required for xlsx)")


# -- values as shown ---------------------------------------------------------------------------------

def shown(key, value) -> str:
    """A fact as an officer reads it in text and Markdown."""
    if value is None:
        return NONE
    kind = ALL_COLUMNS[key][1]
    if kind == "date":
        return vn_date(value)
    if kind == "level":
        return LEVEL_WORDS.get(value, value)
    if kind == "status":
        return STATUS_WORDS.get(value, value)
    if kind == "evaluation_kind":
        return EVALUATION_KIND_WORDS.get(value, value)
    if kind == "score":
        return score_text(value)
    if kind == "step":
        return STEP_WORDS.get(value, value)
    if kind == "outcome":
        return OUTCOME_WORDS.get(value, value)
    if kind == "yes_no":
        return YES_NO[bool(value)]
    return str(value)


def list_heading(name, count) -> str:
    """'Giấy chứng nhận đã hết hạn: 3 sản phẩm', 'Hồ sơ đăng ký quá hạn ở bước hiện tại: 1 hồ sơ'."""
    if name in DOSSIER_TITLES:
        return f"{DOSSIER_TITLES[name]}: {count} {'đợt' if name == ROUNDS else 'hồ sơ'}"
    return f"{LIST_TITLES[name]}: {count} {COUNTED.get(name, 'sản phẩm')}"


def list_title(name) -> str:
    """A list's name where no count follows it (the CSV's list_vi, the Excel sheets)."""
    if name in DOSSIER_TITLES:
        return DOSSIER_TITLES[name]
    return f"{LIST_TITLES[name]} — {COUNTED[name]}" if name in COUNTED else LIST_TITLES[name]


def dossier_rows(report, name) -> list:
    """The dossier rows of a list; for ``rounds``, every dossier of every round, round by round."""
    if name == ROUNDS:
        return [row for entry in report[ROUNDS] for row in entry["dossiers"]]
    return report[name]


def outcome_text(row) -> str:
    """'được công nhận 4 sao, quyết định 1234/QĐ-UBND', 'không được công nhận: Điểm dưới 50'."""
    text = shown("outcome", row["outcome"])
    if row["outcome"] == "certified":
        stars = f" {row['outcome_stars']} sao" if row["outcome_stars"] is not None else ""
        return f"{text}{stars}, quyết định {row['outcome_decision']}"
    return f"{text}: {row['outcome_reason']}" if row["outcome_reason"] else text


def outcome_counts(entry) -> str:
    """'được công nhận 1, không được công nhận 1, đã rút 0, đang xử lý 2'."""
    return ", ".join(f"{OUTCOME_WORDS[kind]} {entry['outcomes'][kind]}" for kind in OUTCOMES)


def round_text(entry) -> str:
    return (f"Đợt {entry['round']} (xã chuyển hồ sơ đến hết ngày {vn_date(entry['forward_by'])}, "
            f"chấm điểm đến hết ngày {vn_date(entry['held_by'])}): {len(entry['dossiers'])} hồ sơ")


def count_label(dimension, entry) -> str:
    key, name = entry["key"], entry["name_vi"]
    if key is None:
        return UNKNOWN
    if dimension == "by_status":
        return STATUS_WORDS.get(key, key)
    if dimension == "by_stars":
        return f"{key} sao"
    if dimension in ("by_group", "by_product_set"):
        return f"{key}. {name}" if name else str(key)
    return name or str(key)


def scope_text(filters) -> str:
    parts = []
    if filters["year"] is not None:
        parts.append(f"năm {filters['year']}")
    if filters["round"] is not None:
        parts.append(f"đợt đánh giá {filters['round']}")
    return "; ".join(parts) + " (cách lọc: ocop report --help)" if parts else "tất cả các năm và các đợt đánh giá"


def _title(data) -> str:
    """'Báo cáo sản phẩm OCOP — tỉnh Lâm Đồng': the locality of the dataset's dataset.yaml."""
    locality = data.publisher.locality("vi")
    return "Báo cáo sản phẩm OCOP" + (f" — {locality}" if locality else "")


# -- text ----------------------------------------------------------------------------------------------

def _text_block(name, row) -> list[str]:
    """One product of a list: its id and name, then one fact a line."""
    def show(key):
        return shown(key, row[key])

    producer = show("producer_name") + (f" ({row['producer_kind_vi']})" if row["producer_kind_vi"] else "")
    more = [f"Chủ thể: {producer}"]
    if row["product_set"] is not None:
        more.append(f"Bộ sản phẩm: {row['product_set']}. {show('product_set_vi')} "
                    f"(nhóm {row['group']}. {show('group_vi')})")
    unit = row["unit_vi"] or show("unit")
    if row["unit_today"] and row["unit_today"] != row["unit"]:
        unit += f" — nay thuộc {row['unit_today_vi']}"
    more.append(f"Đơn vị: {unit}")
    if name in ("candidates", "forward_to_province", "forward_to_central"):
        if row["evaluation_date"] is None:
            more.append("Chưa có lần chấm nào.")
        else:
            round_ = f", đợt {row['evaluation_round']}" if row["evaluation_round"] else ""
            more.append(f"Lần chấm gần nhất: {show('evaluation_date')}, hội đồng cấp {show('evaluation_council')}"
                        f"{round_}: {show('score')} điểm, {show('evaluation_stars')} sao ({show('evaluation_rules')})")
        if row["forward_to"]:
            more.append(f"Đề nghị chuyển lên: Hội đồng cấp {show('forward_to')}")
    if row["certificate_date"] is not None:
        more.append(f"Giấy chứng nhận: {show('certificate_decision')} ngày {show('certificate_date')}"
                    f" ({show('certificate_issuer')}), cấp {show('certificate_level')},"
                    f" {show('certificate_stars')} sao — {show('status')}")
        days = row["days_left"]
        if name in ("rerating_window_open", "rerating_overdue", "expired"):
            left = f"còn {days} ngày" if days >= 0 else f"đã hết hạn {-days} ngày"
            more.append(f"Có hiệu lực đến hết ngày {show('expires')} — {left}")
    if name == "revoked":
        more.append(f"Thu hồi: quyết định {show('revocation_decision')} ngày {show('revocation_date')}")
    if name == "withdrawn":
        more.append(f"Ngừng sản xuất từ ngày {show('withdrawn_date')}")
    return [f"  {row['id']}  {show('name_vi')}"] + [f"      {line}" for line in more]


def _dossier_text_block(name, row, today) -> list[str]:
    """One dossier of a list: the product and which of its dossiers, then one fact a line."""
    def show(key):
        return shown(key, row[key])

    more = [f"Chủ thể: {show('producer_name')}",
            f"Hồ sơ {show('dossier_kind')}, tiếp nhận ngày {show('registered')}",
            f"Bước hiện tại: {show('step')} từ ngày {show('since')} ({row['days_in_step']} ngày)"]
    if row["deadline"] is not None:
        late = f" — đã quá hạn {(today - row['deadline']).days} ngày" if row["late"] else ""
        more.append(f"Hạn: hết ngày {show('deadline')}{late}")
    elif row["step"] == "returned":
        more.append("Hạn: không có (chờ chủ thể nộp lại)")
    elif row["step"] == "scored":
        more.append("Hạn: không có (chờ quyết định công nhận)")
    if row["round"]:
        more.append(f"Đợt đánh giá: {row['round']}")
    if name == ROUNDS or row["outcome"] != "open":
        more.append(f"Kết quả: {outcome_text(row)}")
    if row["move_by"] is not None:
        more.append(f"Phải chuyển hồ sơ chậm nhất ngày {show('move_by')} để kịp đợt {row['at_risk_round']}")
    return [f"  {row['id']}  {show('name_vi')}  [{row['dossier']}]"] + [f"      {line}" for line in more]


def render_text(report, data) -> str:
    lines = [_title(data).upper(), f"Tình trạng tính đến ngày {vn_date(report['status_date'])}",
             f"Phạm vi: {scope_text(report['filters'])}", ""]
    for number, name in enumerate(REPORT_LISTS, 1):
        rows = report[name]
        heading = f"{number}. {list_heading(name, len(rows))}"
        lines += [heading, "-" * len(heading)]
        if not rows:
            lines.append("  (không có)")
        for row in rows:
            lines += _text_block(name, row)
        lines.append("")
    counts = report["counts"]
    heading = f"Tổng hợp: {counts['total']} sản phẩm đã công bố (có giấy chứng nhận, mọi trạng thái)"
    lines += [heading, "=" * len(heading)]
    for dimension, (title_vi, _) in COUNTS.items():
        entries = counts[dimension]
        labels = [count_label(dimension, e) for e in entries]
        width = max((len(label) for label in labels), default=0)
        lines.append(title_vi)
        lines += [f"  {label.ljust(width)}  {e['count']:>4}" for label, e in zip(labels, entries)]
        lines.append("")
    lines += _dossier_text(report)
    return "\n".join(lines)


def _dossier_text(report) -> list[str]:
    lines = []
    today = report["status_date"]
    for number, name in enumerate((*DOSSIER_LISTS, ROUNDS), len(REPORT_LISTS) + 1):
        rows = report[name]
        heading = f"{number}. {list_heading(name, len(rows))}"
        lines += [heading, "-" * len(heading)]
        if not rows:
            lines.append("  (không có)")
        if name == ROUNDS:
            for entry in rows:
                lines += [f"  {round_text(entry)}", f"    Kết quả: {outcome_counts(entry)}"]
                lines += [f"    {row['id']}  {shown('name_vi', row['name_vi'])}  [{row['dossier']}]: "
                          f"{outcome_text(row)}" for row in entry["dossiers"]]
        else:
            for row in rows:
                lines += _dossier_text_block(name, row, today)
        lines.append("")
    return lines


# -- Markdown ------------------------------------------------------------------------------------------

def _md_cell(text) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(headers, rows, numeric=()) -> list[str]:
    align = ["---:" if i in numeric else "---" for i in range(len(headers))]
    return ([f"| {' | '.join(_md_cell(h) for h in headers)} |", f"|{'|'.join(align)}|"]
            + [f"| {' | '.join(_md_cell(c) for c in row)} |" for row in rows])


def render_md(report, data) -> str:
    lines = [f"# {_title(data)}", "",
             f"Tình trạng tính đến ngày **{vn_date(report['status_date'])}**. "
             f"Phạm vi: {scope_text(report['filters'])}.", ""]
    for number, name in enumerate(REPORT_LISTS, 1):
        rows = report[name]
        lines += [f"## {number}. {list_heading(name, len(rows))}", ""]
        if rows:
            columns = LIST_COLUMNS[name]
            numeric = {i for i, c in enumerate(columns) if COLUMNS[c][1] in ("int", "score")}
            lines += _md_table([COLUMNS[c][0] for c in columns],
                               [[shown(c, row[c]) for c in columns] for row in rows], numeric)
        else:
            lines.append("_Không có sản phẩm nào._")
        lines.append("")
    counts = report["counts"]
    lines += [f"## Tổng hợp ({counts['total']} sản phẩm đã công bố)", "",
              "Sản phẩm có giấy chứng nhận (mọi trạng thái), theo giấy chứng nhận hiện hành.", ""]
    for dimension, (title_vi, _) in COUNTS.items():
        lines += [f"### {title_vi}", ""]
        lines += _md_table(["Nhóm", "Số sản phẩm"],
                           [[count_label(dimension, e), e["count"]] for e in counts[dimension]], numeric={1})
        lines.append("")
    for number, name in enumerate((*DOSSIER_LISTS, ROUNDS), len(REPORT_LISTS) + 1):
        entries = report[name]
        lines += [f"## {number}. {list_heading(name, len(entries))}", ""]
        rows = dossier_rows(report, name)
        if name == ROUNDS:  # the counts first, then every dossier of every round in one table
            lines += [f"- {round_text(entry)} — {outcome_counts(entry)}" for entry in entries]
            lines += [""] if entries else []
        if rows:
            columns = DOSSIER_LIST_COLUMNS[name]
            numeric = {i for i, c in enumerate(columns) if ALL_COLUMNS[c][1] == "int"}
            lines += _md_table([ALL_COLUMNS[c][0] for c in columns],
                               [[shown(c, row[c]) for c in columns] for row in rows], numeric)
        else:
            lines.append("_Không có hồ sơ nào._")
        lines.append("")
    return "\n".join(lines)


# -- CSV -----------------------------------------------------------------------------------------------

def _plain(value):
    """A value for CSV and JSON: ISO dates, numbers as numbers."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _csv_value(row, key):
    if key not in row or row[key] is None:
        return ""
    if isinstance(row[key], bool):
        return "true" if row[key] else "false"  # as the JSON writes it
    return _plain(row[key])


def _csv_rows(report):
    """(list, row) of every list, in the report's order; the rounds' dossiers under ``rounds``."""
    for name in (*REPORT_LISTS, *DOSSIER_LISTS):
        for row in report[name]:
            yield name, row
    for row in dossier_rows(report, ROUNDS):
        yield ROUNDS, row


def render_csv(report, data) -> str:
    """Every list in one table, its ``list`` column naming the list. Starts with a UTF-8 byte order
    mark so that Excel on Vietnamese Windows reads the diacritics right (see exports.products_csv).

    The dossier lists share the table [D]: a spreadsheet filters one table at a time (Excel keeps one
    AutoFilter a sheet), so one filter on ``list`` picks any list, and one on ``id`` shows a product on
    every list, its dossiers included. A dossier row fills the product columns it shares (id, name,
    producer, unit) and the dossier columns, which follow every product column (``CSV_KEYS``) so that the
    product columns keep their places; a product row leaves the dossier columns empty."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("list", "list_vi", *CSV_KEYS))
    for name, row in _csv_rows(report):
        # Quoted here, not in _plain: the JSON shares _plain and keeps the text exact; only the CSV
        # quotes what a spreadsheet would run as a formula (ocop/outputs/cells.py).
        writer.writerow(csv_row([name, list_title(name), *(_csv_value(row, k) for k in CSV_KEYS)]))
    return out.getvalue()


# -- JSON ----------------------------------------------------------------------------------------------

def jsonable(value):
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return _plain(value)


def render_json(report, data) -> str:
    return json.dumps(jsonable(report), ensure_ascii=False, indent=2) + "\n"


# -- Excel ---------------------------------------------------------------------------------------------

DATE_FORMAT = "dd/mm/yyyy"
NUMBER_FORMATS = {"date": DATE_FORMAT, "score": "0.00"}
MAX_WIDTH = 45
DATE_WIDTH = 13


def _excel_value(key, value):
    """Real dates and numbers, so that Excel sorts and filters them; words for codes."""
    if value is None:
        return None
    kind = ALL_COLUMNS[key][1]
    if kind in ("date", "int"):
        return value
    if kind == "score":
        return float(score_text(value))  # cut to two decimals, never rounded up to a higher band
    return shown(key, value)


def _finish_sheet(sheet, header_row, widths, title):
    """Bold frozen header, autofilter, column widths, landscape A4 fit to one page wide."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    last_column = get_column_letter(len(widths))
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{max(sheet.max_row, header_row)}"
    sheet.freeze_panes = f"A{header_row + 1}"
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        if width >= MAX_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"  # the header on every printed page
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = "Trang &P / &N"


def _width(texts) -> float:
    return min(MAX_WIDTH, max(8, *(len(t) + 2 for t in texts)))


def _list_sheet(sheet, columns, rows, title):
    """One list on its own sheet: a header, a row per entry, real dates and numbers."""
    sheet.append([ALL_COLUMNS[c][0] for c in columns])
    for row in rows:
        sheet.append([_excel_value(c, row[c]) for c in columns])
    widths = []
    for index, key in enumerate(columns, 1):
        kind = ALL_COLUMNS[key][1]
        if kind in NUMBER_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = NUMBER_FORMATS[kind]
        if kind == "date":
            widths.append(DATE_WIDTH)
        else:  # a long header wraps rather than widening its column
            widths.append(_width([ALL_COLUMNS[key][0][:16]] + [shown(key, row[key]) for row in rows]))
    _finish_sheet(sheet, 1, widths, title)


def write_xlsx(report, data, path):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    status_date = vn_date(report["status_date"])
    title = _title(data)
    book = Workbook()
    book.properties.title = title
    book.properties.creator = "ocop report"

    summary = book.active
    summary.title = SUMMARY_SHEET
    summary.append([title])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append(["Tình trạng tính đến ngày", report["status_date"]])
    summary["B2"].number_format = DATE_FORMAT
    summary.append(["Phạm vi", scope_text(report["filters"])])
    summary.append([])
    header_row = 5
    summary.append(["Thống kê", "Nhóm", "Số sản phẩm"])
    for name in REPORT_LISTS:
        summary.append(["Danh sách", list_title(name), len(report[name])])
    counts = report["counts"]
    summary.append(["Sản phẩm đã công bố (có giấy chứng nhận, mọi trạng thái)", "Tổng số", counts["total"]])
    for dimension, (title_vi, _) in COUNTS.items():
        for entry in counts[dimension]:
            summary.append([title_vi, count_label(dimension, entry), entry["count"]])
    for name in DOSSIER_LISTS:
        summary.append(["Hồ sơ đăng ký", list_title(name), len(report[name])])
    for entry in report[ROUNDS]:
        summary.append([f"Đợt {entry['round']}", "Số hồ sơ", len(entry["dossiers"])])
        for kind in OUTCOMES:
            summary.append([f"Đợt {entry['round']}", OUTCOME_WORDS[kind], entry["outcomes"][kind]])
    rows = list(summary.iter_rows(min_row=header_row, values_only=True))
    widths = [_width(str(r[i]) for r in rows if r[i] is not None) for i in range(3)]
    _finish_sheet(summary, header_row, widths, f"{title} — {SUMMARY_SHEET} — ngày {status_date}")

    for name in REPORT_LISTS:
        columns = list(LIST_COLUMNS[name])
        at = columns.index("producer_name") + 1
        columns[at:at] = XLSX_EXTRA
        _list_sheet(book.create_sheet(SHEET_NAMES[name]), columns, report[name],
                    f"{list_title(name)} — ngày {status_date}")
    for name in (*DOSSIER_LISTS, ROUNDS):
        rows = dossier_rows(report, name)
        _list_sheet(book.create_sheet(DOSSIER_SHEETS[name]), DOSSIER_LIST_COLUMNS[name], rows,
                    f"{list_title(name)} — ngày {status_date}")
    # Last, over every sheet: names, rounds and count labels from the records (and the locality
    # of dataset.yaml) must not become formulas (ocop/outputs/cells.py).
    for sheet in book.worksheets:
        text_stays_text(sheet)
    book.save(path)


# -- the command ---------------------------------------------------------------------------------------

RENDERERS = {"text": render_text, "md": render_md, "csv": render_csv, "json": render_json}


def run(args, data, out, err):
    if args.format == "xlsx" and not args.out:
        print("Lỗi cách dùng: --format xlsx cần --out TỆP.xlsx (tệp Excel không in ra màn hình được). / "
              "Usage error: --format xlsx needs --out FILE.xlsx (an Excel file cannot go to the screen).", file=err)
        return EXIT_USAGE
    report = build_report(data.good_products(), data.units, data.today, args.year, args.round)
    try:
        if args.format == "xlsx":
            try:
                import openpyxl  # noqa: F401 - a dependency (pyproject.toml); say so if it is missing
            except ImportError:
                print("Thiếu gói openpyxl: chạy lại `make` hoặc `.venv/bin/pip install -e .` / "
                      "openpyxl is missing: run `make` or `.venv/bin/pip install -e .` again.", file=err)
                return EXIT_USAGE
            write_xlsx(report, data, args.out)
        elif args.out:
            with open(args.out, "w", encoding="utf-8", newline="") as file:
                file.write(RENDERERS[args.format](report, data))
        else:
            out.write(RENDERERS[args.format](report, data))
    except OSError as exc:
        report_bad_records(data, err)
        print(f"Không ghi được tệp '{args.out}': {exc.strerror or exc}. / "
              f"Cannot write '{args.out}': {exc.strerror or exc}.", file=err)
        return EXIT_USAGE
    if args.out:
        print(f"Đã ghi báo cáo vào {args.out} / Report written to {args.out}", file=out)
    return report_bad_records(data, err)
