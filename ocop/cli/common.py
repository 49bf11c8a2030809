"""What every command shares: exit codes, words for statuses, tables, problem text."""

import json
from datetime import date

from ..common.dates import vn_date
from ..common.files import shown_path
from ..common.text import plural
from ..rules.certificates import STATUSES

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

STATUS_WORDS = {"valid": "còn hiệu lực", "expiring": "sắp hết hạn", "expired": "đã hết hạn",
                "revoked": "đã bị thu hồi", "withdrawn": "ngừng sản xuất", "candidate": "chưa có giấy chứng nhận"}
assert set(STATUS_WORDS) == set(STATUSES)
LEVEL_WORDS = {"district": "huyện", "province": "tỉnh", "central": "trung ương", None: "—"}


def format_problem(problem) -> str:
    """The three lines an officer reads for one problem (DESIGN.md, "Message form")."""
    return problem.text()


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


def add_check_option(parser):
    """``--check`` of a command that writes a generated file (``write_generated``)."""
    parser.add_argument("--check", action="store_true",
                        help="không ghi; thoát 1 nếu tệp đã cũ (dùng trong CI, pre-commit) / "
                             "write nothing; exit 1 when the file is out of date (for CI, pre-commit)")


def write_generated(path, wanted: str, args, out, err, source_vi: str, command: str) -> int:
    """Write (or with ``--check`` compare) a generated file of the products folder — products/schema.json,
    products/admin/config.yml — and say what happened; the exit status. ``source_vi``: what it is made
    from; ``command``: the command that writes it, named in the message of a stale file."""
    shown = shown_path(path)
    try:
        current = path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        current = None
    up_to_date = current == wanted
    if args.check:
        if args.format == "json":
            write_json({"path": shown, "up_to_date": up_to_date}, out)
        elif up_to_date:
            out.write(f"{shown} khớp với {source_vi}. / {shown} is up to date.\n")
        if not up_to_date:
            state_vi, state_en = ("chưa có", "is missing") if current is None else ("đã cũ", "is out of date")
            print(f"{shown} {state_vi}: chạy `{command} --products {args.products}` rồi commit tệp. / "
                  f"{shown} {state_en}: run `{command} --products {args.products}` and commit the file.", file=err)
        return EXIT_OK if up_to_date else EXIT_PROBLEMS
    if not up_to_date:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as file:
                file.write(wanted)
        except OSError as exc:
            print(f"Không ghi được '{shown}': {exc.strerror or exc}. / Cannot write '{shown}'.", file=err)
            return EXIT_USAGE
    if args.format == "json":
        write_json({"path": shown, "written": not up_to_date}, out)
    elif up_to_date:
        out.write(f"{shown} đã đúng, không đổi. / {shown} already up to date, unchanged.\n")
    else:
        out.write(f"Đã ghi {shown}. / Wrote {shown}.\n")
    return EXIT_OK


def folder_settings(args, err):
    """(units, publisher) of ``--products`` for a command that reads only the dataset's settings, or the
    exit status after saying what is wrong (no folder; errors in units.yaml or dataset.yaml)."""
    from pathlib import Path

    from ..reading.dataset import read_settings

    folder = Path(args.products)
    if not folder.is_dir():
        print(f"Không thấy thư mục hồ sơ '{args.products}'. / Records folder '{args.products}' not found.", file=err)
        return EXIT_USAGE
    problems = []
    settings = read_settings(folder, problems)
    if any(p.is_error for p in problems):
        for problem in problems:
            print(format_problem(problem) + "\n", file=err)
        print("Sửa units.yaml / dataset.yaml trước. / Fix units.yaml / dataset.yaml first.", file=err)
        return EXIT_PROBLEMS
    return settings
