"""The officers' command line: ``ocop validate``, ``ocop rank``, ``ocop expiry``.

Thin on purpose: every rule lives in the core; this file parses options,
calls the core and prints. Exit status: 0 clean, 1 problems found, 2 usage or
I/O error. Nothing here may end in a traceback.
"""

import argparse
import json
import os
import sys
from datetime import date

from . import dataset as datasets
from .certificates import STATUSES
from .dates import parse_iso, vn_date
from .lists import by_days_left, expiry_rows, rank_rows, score_text
from .problems import SEVERITY_WORD

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

STATUS_WORDS = {"valid": "còn hiệu lực", "expiring": "sắp hết hạn", "expired": "đã hết hạn",
                "revoked": "đã bị thu hồi", "candidate": "chưa có giấy chứng nhận"}
assert set(STATUS_WORDS) == set(STATUSES)
LEVEL_WORDS = {"district": "huyện", "province": "tỉnh", "central": "trung ương", None: "—"}


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _day(text):
    try:
        return parse_iso(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': cần NĂM-THÁNG-NGÀY / expected YYYY-MM-DD") from None


def _common(parser):
    parser.add_argument("--products", default="products", metavar="DIR",
                        help="thư mục hồ sơ / records folder (mặc định/default: products)")
    parser.add_argument("--today", type=_day, metavar="YYYY-MM-DD",
                        help="tính như vào ngày này / compute as of this day (mặc định/default: hôm nay/today)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="dạng kết quả / output format (text, json)")


COMMANDS = {
    "validate": ("Kiểm tra mọi hồ sơ và báo mọi lỗi. / Check every record and report every problem.",
                 "ocop validate --products products --today 2026-06-30"),
    "rank": ("Hạng sao theo lần chấm gần nhất của mỗi hồ sơ. / Star rank from each record's latest scoring.",
             "ocop rank --format json"),
    "expiry": ("Hạn giấy chứng nhận và trạng thái, sắp xếp theo số ngày còn lại. / "
               "Certificate expiry and status, soonest first.",
               "ocop expiry --today 2026-12-01"),
}


def build_parser():
    parser = _Parser(prog="ocop", description="Công cụ hồ sơ OCOP / OCOP records tools",
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (summary, example) in COMMANDS.items():
        command = sub.add_parser(name, help=summary, description=summary, epilog=f"Ví dụ / Example:\n  {example}",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
        _common(command)
        if name == "validate":
            command.add_argument("--strict", action="store_true",
                                 help="cảnh báo cũng tính là lỗi / warnings count as errors")
    return parser


def main(argv=None, today=None):
    """Run a command; returns the exit status (the console script exits with it)."""
    stdout, stderr = sys.stdout, sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(f"Lỗi cách dùng / Usage error: {exc}\nXem / See: ocop --help", file=stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print and stop here
        return exc.code or EXIT_OK
    if not args.command:
        build_parser().print_help(stdout)
        return EXIT_USAGE
    day = args.today or today or date.today()
    try:
        data = datasets.load_dataset(args.products, day)
    except datasets.DatasetError as exc:
        print(f"{exc.message_vi}. / {exc.message_en}.", file=stderr)
        return EXIT_USAGE
    handler = {"validate": _validate, "rank": _rank, "expiry": _expiry}[args.command]
    return handler(args, data, stdout, stderr)


def console():
    """Entry point of the ``ocop`` script."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # `ocop rank | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_OK
    except Exception as exc:  # noqa: BLE001 - officers must never see a traceback
        if os.environ.get("OCOP_DEBUG"):
            raise
        print(f"Lỗi nội bộ, xin báo cho nhóm phát triển: {type(exc).__name__}: {exc} / "
              f"Internal error, please report it (set OCOP_DEBUG=1 for details).", file=sys.stderr)
        code = EXIT_USAGE
    sys.exit(code)


# -- validate ------------------------------------------------------------------

def format_problem(problem) -> str:
    where = f"{problem.location}: {SEVERITY_WORD[problem.severity]} {problem.code}"
    if problem.path:
        where += f" [{problem.path}]"
    return (f"{where}\n  {problem.message_vi} / {problem.message_en}\n"
            f"  Cách sửa: {problem.fix_vi} / Fix: {problem.fix_en}")


def _summary(data) -> str:
    n, e, w = len(data.products), len(data.errors), len(data.warnings)
    return f"{n} hồ sơ, {e} lỗi, {w} cảnh báo. / {n} records, {e} errors, {w} warnings."


def _validate(args, data, out, err):
    failed = bool(data.errors) or (args.strict and bool(data.warnings))
    if args.format == "json":
        json.dump({"today": data.today.isoformat(), "records": len(data.products), "errors": len(data.errors),
                   "warnings": len(data.warnings), "problems": [p.as_dict() for p in data.problems]},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for problem in data.problems:
            out.write(format_problem(problem) + "\n\n")
        out.write(_summary(data) + "\n")
    return EXIT_PROBLEMS if failed else EXIT_OK


def _report_bad_records(data, err):
    """Records with errors are left out of lists; say so, never drop them silently."""
    bad = sorted(data.files_with_errors())
    if bad:
        print(f"Bỏ qua {len(bad)} hồ sơ có lỗi (xem: ocop validate): {', '.join(bad)} / "
              f"Left out {len(bad)} records with errors (see: ocop validate).", file=err)
    return EXIT_PROBLEMS if bad else EXIT_OK


def _table(headers, rows) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip()
             for line in [headers, ["-" * w for w in widths], *rows]]
    return "\n".join(lines) + "\n"


# -- rank ------------------------------------------------------------------------

def _rank(args, data, out, err):
    products = data.good_products()
    rows = rank_rows(products)
    if args.format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        table = []
        for row, product in zip(rows, products):
            evaluation = product.latest_evaluation()
            table.append([
                row["id"], vn_date(evaluation.date) if evaluation else "—", LEVEL_WORDS[row["council"]],
                row["rules"] or "—", score_text(evaluation.score if evaluation else None),
                row["band"] or "—", row["stars"] or "—",
                "có" if row["minimums_checked"] else "chưa kiểm tra",
                "—" if row["certifiable"] is None else ("có" if row["certifiable"] else "không"),
                LEVEL_WORDS[row["forward_to"]],
            ])
        out.write(_table(["Mã", "Ngày chấm", "Hội đồng", "Bộ quy tắc", "Điểm", "Hạng theo điểm", "Sao",
                          "Yêu cầu tối thiểu", "Đủ công nhận", "Chuyển lên"], table))
        unchecked = [row["id"] for row in rows if row["stars"] is not None and not row["minimums_checked"]]
        if unchecked:
            out.write(f"\nChưa kiểm tra yêu cầu tối thiểu (sao theo điểm): {', '.join(unchecked)}\n"
                      f"Minimums not checked (stars from the score alone): {', '.join(unchecked)}\n")
    return _report_bad_records(data, err)


# -- expiry ----------------------------------------------------------------------

def _expiry(args, data, out, err):
    rows = sorted(expiry_rows(data.good_products(), data.today), key=by_days_left)
    if args.format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(f"Tình trạng giấy chứng nhận ngày {vn_date(data.today)}\n\n")
        table = [[row["id"], row["decision"] or "—", _vn_iso(row["date"]), _vn_iso(row["expires"]),
                  "—" if row["days_left"] is None else row["days_left"], STATUS_WORDS[row["status"]]]
                 for row in rows]
        out.write(_table(["Mã", "Quyết định", "Ngày cấp", "Hết hạn", "Còn (ngày)", "Trạng thái"], table))
    return _report_bad_records(data, err)


def _vn_iso(text):
    return vn_date(date.fromisoformat(text)) if text else "—"
