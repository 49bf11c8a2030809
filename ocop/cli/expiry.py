"""``ocop expiry``: each record's certificate, expiry and status, soonest first."""

from ..common.dates import vn_date
from ..outputs.lists import by_days_left, expiry_rows
from .common import STATUS_WORDS, report_bad_records, table, vn_iso, write_json

ORDER = 3
SUMMARY = ("Hạn giấy chứng nhận và trạng thái, sắp xếp theo số ngày còn lại. / "
           "Certificate expiry and status, soonest first.")
EXAMPLE = "ocop expiry --today 2026-12-01"


def add_arguments(parser):
    pass


def run(args, data, out, err):
    rows = sorted(expiry_rows(data.good_products(), data.today), key=by_days_left)
    if args.format == "json":
        write_json(rows, out)
        return report_bad_records(data, err)
    out.write(f"Tình trạng giấy chứng nhận ngày {vn_date(data.today)}\n\n")
    lines = [[row["id"], row["decision"] or "—", vn_iso(row["date"]), vn_iso(row["expires"]),
              "—" if row["days_left"] is None else row["days_left"], STATUS_WORDS[row["status"]]]
             for row in rows]
    out.write(table(["Mã", "Quyết định", "Ngày cấp", "Hết hạn", "Còn (ngày)", "Trạng thái"], lines))
    return report_bad_records(data, err)
