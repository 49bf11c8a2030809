"""``ocop rank``: the star rank of each record's latest council scoring."""

from ..common.dates import vn_date
from ..outputs.lists import rank_rows, score_text
from .common import LEVEL_WORDS, report_bad_records, table, write_json

ORDER = 2
SUMMARY = "Hạng sao theo lần chấm gần nhất của mỗi hồ sơ. / Star rank from each record's latest scoring."
EXAMPLE = "ocop rank --format json"


def add_arguments(parser):
    pass


def run(args, data, out, err):
    products = data.good_products()
    rows = rank_rows(products)
    if args.format == "json":
        write_json(rows, out)
        return report_bad_records(data, err)
    lines = []
    for row, product in zip(rows, products):
        evaluation = product.latest_evaluation()
        lines.append([
            row["id"], vn_date(evaluation.date) if evaluation else "—", LEVEL_WORDS[row["council"]],
            row["rules"] or "—", score_text(evaluation.score if evaluation else None),
            row["band"] or "—", row["stars"] or "—",
            "có" if row["minimums_checked"] else "chưa kiểm tra",
            "—" if row["certifiable"] is None else ("có" if row["certifiable"] else "không"),
            LEVEL_WORDS[row["forward_to"]],
        ])
    out.write(table(["Mã", "Ngày chấm", "Hội đồng", "Bộ quy tắc", "Điểm", "Hạng theo điểm", "Sao",
                     "Yêu cầu tối thiểu", "Đủ công nhận", "Chuyển lên"], lines))
    unchecked = [row["id"] for row in rows if row["stars"] is not None and not row["minimums_checked"]]
    if unchecked:
        out.write(f"\nChưa kiểm tra yêu cầu tối thiểu (sao theo điểm): {', '.join(unchecked)}\n"
                  f"Minimums not checked (stars from the score alone): {', '.join(unchecked)}\n")
    return report_bad_records(data, err)
