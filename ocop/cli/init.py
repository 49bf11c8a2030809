"""``ocop init``: start a dataset for a province — its dataset.yaml and schema.json, ready to build."""

import os
from pathlib import Path

from ..common.files import shown_path
from ..places.country import find_province
from ..reading import dataset as datasets
from ..reading.folder import DATASET_FILE_NAME, KNOWN_OTHER_FILES, RECORD_NAME
from ..reading.jsonschema import SCHEMA_FILE_NAME, schema_text
from ..reading.new_dataset import dataset_text, id_prefix_for
from ..reading.new_record import id_style
from ..reading.problems import Problem
from ..reading.publisher import province_hints
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, format_problem, write_json

ORDER = 9
SUMMARY = ("Tạo bộ dữ liệu mới cho một tỉnh: dataset.yaml (ai công bố) và schema.json. / "
           "Start a dataset for a province: dataset.yaml (who publishes it) and schema.json.")
EXAMPLE = 'ocop init --province "Lâm Đồng" --products lam-dong'
NEEDS_DATASET = False  # the folder is made here


def add_arguments(parser):
    parser.description = (
        f"{SUMMARY}\n\n"
        "Ghi dataset.yaml cho tỉnh đó (địa bàn theo tên tỉnh, mã tỉnh, tiền tố mã sản phẩm theo tên tỉnh,\n"
        "sample: false) và schema.json (như ocop schema). Thông tin cơ quan công bố (tên, địa chỉ, điện thoại,\n"
        "thư điện tử, nơi nhận báo sản phẩm giả) được ghi \"(chưa điền) …\" để điền sau: trang web dựng được\n"
        "ngay (make html PRODUCTS=thư-mục), chưa có sản phẩm nào. Không ghi vào thư mục đã có dataset.yaml;\n"
        "thư mục đã có hồ sơ thì cần --existing (tiền tố mã khi đó theo các hồ sơ).\n"
        "  / Writes dataset.yaml for that province (its name as the locality, its code, an id prefix from its\n"
        "  name, sample: false) and schema.json (as ocop schema does). The office's details are written as\n"
        "  \"(chưa điền) …\" (to fill in): the site builds at once, with no product yet. Never writes into a\n"
        "  folder that has a dataset.yaml; a folder with records needs --existing (the id prefix then follows\n"
        "  the records).")
    parser.add_argument("--province", metavar="TỈNH",
                        help="một trong 34 tỉnh, thành phố từ 01/07/2025: mã GSO (68) hoặc tên (Lâm Đồng, lam dong) "
                             "(bắt buộc) / one of the 34 provinces since 01/07/2025: GSO code or name (required)")
    parser.add_argument("--existing", action="store_true",
                        help="thư mục đã có hồ sơ: chỉ thêm dataset.yaml và schema.json / the folder already "
                             "holds records: add only dataset.yaml and schema.json")


def _usage_error(err, option, vi, en):
    print(f"Lỗi cách dùng / Usage error: {option}: {vi} / {en}\nXem / See: ocop init --help", file=err)
    return EXIT_USAGE


def _records(folder: Path) -> list:
    return sorted(entry.name for entry in os.scandir(folder) if entry.is_file() and RECORD_NAME.match(entry.name)
                  and entry.name not in KNOWN_OTHER_FILES and not entry.name.startswith("."))


def run(args, data, out, err):
    if not args.province:
        return _usage_error(err, "--province", "cần có tùy chọn này, ví dụ --province \"Lâm Đồng\" hoặc --province 68.",
                            "this option is required, e.g. --province \"Lâm Đồng\" or --province 68.")
    province = find_province(args.province)
    if province is None:
        unknown = Problem("SP012", "", params={"value": args.province, **province_hints(args.province)[0]})
        return _usage_error(err, "--province", unknown.message_vi, unknown.message_en)
    folder = Path(args.products)
    shown = shown_path(folder)
    if folder.exists() and not folder.is_dir():
        return _usage_error(err, "--products", f"'{shown}' là một tệp, không phải thư mục.",
                            f"'{shown}' is a file, not a folder.")
    if (folder / DATASET_FILE_NAME).exists():
        return _usage_error(err, "--products", f"'{shown}' đã có {DATASET_FILE_NAME}: ocop init không ghi đè một bộ "
                            "dữ liệu đang có; sửa tệp đó.",
                            f"'{shown}' already has a {DATASET_FILE_NAME}: ocop init never overwrites a dataset; "
                            "edit that file.")
    records = _records(folder) if folder.is_dir() else []
    if records and not args.existing:
        first = ", ".join(records[:3]) + (", …" if len(records) > 3 else "")
        return _usage_error(err, "--products", f"'{shown}' đã có {len(records)} hồ sơ ({first}); để chỉ thêm "
                            f"{DATASET_FILE_NAME} cho các hồ sơ đó, thêm --existing.",
                            f"'{shown}' already holds {len(records)} records; to add only {DATASET_FILE_NAME} for "
                            "them, add --existing.")

    prefix = id_prefix_for(province)
    if records:  # the prefix the records already carry: ids never change
        prefix = id_style(datasets.load_dataset(folder, args.today, check_images=False, check_history=False))[0]
    settings_path = folder / DATASET_FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(settings_path, "x", encoding="utf-8", newline="\n") as file:
            file.write(dataset_text(province, prefix))
        problems = []
        units, id_prefix = datasets.dataset_settings(folder, problems)
        schema_path = folder / SCHEMA_FILE_NAME
        with open(schema_path, "w", encoding="utf-8", newline="\n") as file:
            file.write(schema_text(units, id_prefix))
    except OSError as exc:
        print(f"Không ghi được vào '{shown}': {exc.strerror or exc}. / Cannot write in '{shown}': "
              f"{exc.strerror or exc}.", file=err)
        return EXIT_USAGE

    # The promise is that the new dataset validates and builds as written: check it as `ocop validate` would.
    written = datasets.load_dataset(folder, args.today, check_images=False, check_history=False)
    settings_shown = shown_path(settings_path)
    own = [p for p in written.problems if p.file == settings_shown]
    unfilled = [p.path for p in own if p.code == "SP015"]
    errors = [p for p in own if p.is_error]
    if args.format == "json":
        write_json({"province": {"code": province.code, "name": {"vi": province.name_vi, "en": province.name_en}},
                    "dataset": settings_shown, "schema": shown_path(schema_path), "id_prefix": id_prefix,
                    "placeholders": unfilled, "errors": [p.as_dict() for p in errors]}, out)
    else:
        out.write(f"{settings_shown}\n{shown_path(schema_path)}\n")
        print(f"Bộ dữ liệu {province.name_in_sentence()} (mã {province.code}), tiền tố mã {id_prefix}. Còn phải điền "
              f"(đang ghi \"(chưa điền)\"): {', '.join(unfilled)}. Xem trước: make html PRODUCTS={shown} / "
              f"Dataset of {province.name_en} (code {province.code}), id prefix {id_prefix}. Still to fill in: "
              f"{', '.join(unfilled)}. Preview: make html PRODUCTS={shown}", file=err)
        for problem in errors:
            print(format_problem(problem), file=err)
    return EXIT_PROBLEMS if errors else EXIT_OK
