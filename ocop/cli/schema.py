"""``ocop schema``: write (or check) products/schema.json, the JSON Schema editors use on records."""

from pathlib import Path

from ..common.files import shown_path
from ..reading.jsonschema import SCHEMA_FILE_NAME, folder_schema_text
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, format_problem, write_json

ORDER = 11
SUMMARY = ("Tạo products/schema.json để trình soạn thảo (VS Code) báo lỗi ngay khi gõ. / "
           "Write products/schema.json so that editors (VS Code) flag mistakes while typing.")
EXAMPLE = "ocop schema --check"
NEEDS_DATASET = False  # reads only the dataset's settings (units.yaml, dataset.yaml), never the records


def add_arguments(parser):
    parser.description = (
        f"{SUMMARY}\n\n"
        "Tạo từ ocop/reading/schema.py, tiền tố mã (dataset.yaml) và mã đơn vị riêng của bộ dữ liệu (units.yaml).\n"
        "Mỗi hồ sơ dùng nó qua dòng đầu '# yaml-language-server: $schema=schema.json' (tiện ích\n"
        "YAML của Red Hat cho VS Code). `ocop validate` vẫn là phép kiểm tra đầy đủ.\n"
        "  / Generated from ocop/reading/schema.py and the dataset's unit list. Each record points to it on its first\n"
        "  line; `ocop validate` remains the full check.")
    parser.add_argument("--check", action="store_true",
                        help="không ghi; thoát 1 nếu tệp đã cũ (dùng trong CI, pre-commit) / "
                             "write nothing; exit 1 when the file is out of date (for CI, pre-commit)")


def run(args, data, out, err):
    folder = Path(args.products)
    if not folder.is_dir():
        print(f"Không thấy thư mục hồ sơ '{args.products}'. / Records folder '{args.products}' not found.", file=err)
        return EXIT_USAGE
    problems = []
    wanted = folder_schema_text(folder, problems)
    if any(p.is_error for p in problems):
        for problem in problems:
            print(format_problem(problem) + "\n", file=err)
        print("Sửa units.yaml / dataset.yaml trước. / Fix units.yaml / dataset.yaml first.", file=err)
        return EXIT_PROBLEMS
    path = folder / SCHEMA_FILE_NAME
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
            out.write(f"{shown} khớp với ocop/reading/schema.py. / {shown} is up to date.\n")
        if not up_to_date:
            what_vi, what_en = ("chưa có", "is missing") if current is None else ("đã cũ", "is out of date")
            print(f"{shown} {what_vi}: chạy `ocop schema --products {args.products}` rồi commit tệp. / "
                  f"{shown} {what_en}: run `ocop schema --products {args.products}` and commit the file.", file=err)
        return EXIT_OK if up_to_date else EXIT_PROBLEMS
    if not up_to_date:
        try:
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
