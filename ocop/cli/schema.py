"""``ocop schema``: write (or check) products/schema.json, the JSON Schema editors use on records."""

from pathlib import Path

from ..reading.jsonschema import SCHEMA_FILE_NAME, schema_text
from .common import add_check_option, folder_settings, write_generated

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
    add_check_option(parser)


def run(args, data, out, err):
    settings = folder_settings(args, err)
    if isinstance(settings, int):
        return settings
    units, publisher = settings
    wanted = schema_text(units, publisher.id_prefix, publisher.province)
    return write_generated(Path(args.products) / SCHEMA_FILE_NAME, wanted, args, out, err, "ocop/reading/schema.py",
                           "ocop schema")
