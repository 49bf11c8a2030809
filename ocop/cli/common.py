"""What every command shares: exit codes, words for statuses, tables, problem text."""

import json
from datetime import date

from ..common.dates import vn_date
from ..rules.certificates import STATUSES

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

STATUS_WORDS = {"valid": "còn hiệu lực", "expiring": "sắp hết hạn", "expired": "đã hết hạn",
                "revoked": "đã bị thu hồi", "withdrawn": "ngừng sản xuất", "candidate": "chưa có giấy chứng nhận"}
assert set(STATUS_WORDS) == set(STATUSES)
LEVEL_WORDS = {"district": "huyện", "province": "tỉnh", "central": "trung ương", None: "—"}


def format_problem(problem) -> str:
    """The three lines an officer reads for one problem (DESIGN.md, "Message form")."""
    return problem.text()


def plural(count: int, word: str) -> str:
    """English only: Vietnamese nouns do not change with the number."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary(data) -> str:
    n, e, w = len(data.products), len(data.errors), len(data.warnings)
    return (f"{n} hồ sơ, {e} lỗi, {w} cảnh báo. / "
            f"{plural(n, 'record')}, {plural(e, 'error')}, {plural(w, 'warning')}.")


def report_bad_records(data, err):
    """Records with errors are left out of lists; say so, never drop them silently."""
    bad = sorted(data.files_with_errors())
    if bad:
        print(f"Bỏ qua {len(bad)} hồ sơ có lỗi (xem: ocop validate): {', '.join(bad)} / "
              f"Left out {len(bad)} records with errors (see: ocop validate).", file=err)
    return EXIT_PROBLEMS if bad else EXIT_OK


def table(headers, rows) -> str:
    """A plain-text table with aligned columns."""
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip()
             for line in [headers, ["-" * w for w in widths], *rows]]
    return "\n".join(lines) + "\n"


def write_json(data, out):
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def vn_iso(text):
    """'2024-06-28' → '28/06/2024'; None → '—'."""
    return vn_date(date.fromisoformat(text)) if text else "—"
