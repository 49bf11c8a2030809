"""``ocop new``: a new record with the next id never used before, ready to fill in."""


from ..common.files import shown_path
from ..importing.values import read_date
from ..reading import new_record
from ..reading.dataset import load_dataset
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, format_problem, write_json

ORDER = 10
SUMMARY = ("Tạo hồ sơ mới với mã chưa từng dùng, có chú thích từng trường. / "
           "Create a new record with an id never used before, every field explained.")
EXAMPLE = 'ocop new --name "Miến dong Tân Phong" --product-set 6 --unit phuong-tan-phong --registered 28/06/2026'

_TEXT_OPTIONS = {"--producer": "producer", "--address": "address", "--description": "description"}


def add_arguments(parser):
    parser.description = (
        f"{SUMMARY}\n\n"
        "Mã mới theo tiền tố của bộ dữ liệu (dataset.yaml: id_prefix, nếu không thì tiền tố đa số hồ sơ dùng,\n"
        "nếu không thì LC) và theo sau số lớn nhất từng dùng: không bao giờ dùng lại mã của hồ sơ đang có,\n"
        "mã cũ trong aliases:, hay hồ sơ đã xoá trong lịch sử git của thư mục. Hồ sơ mới chưa có quyết định\n"
        f"công nhận nên là hồ sơ ứng viên (chưa công bố) và hợp lệ ngay; chỗ nào không cho qua tùy chọn được\n"
        f"ghi \"{new_record.PLACEHOLDER} …\" để điền sau. In ra đường dẫn tệp mới.\n"
        "  / The id follows the dataset's prefix and the highest number ever used: never an id of a record,\n"
        "  an old id in aliases:, or a record deleted from the folder's git history. The new record is a\n"
        "  candidate (no certificate, not published) and validates as written; what the options do not give\n"
        f"  is written as \"{new_record.PLACEHOLDER} …\" (to fill in). Prints the new file's path.\n\n"
        "Với --registered, hồ sơ mở luôn hồ sơ đăng ký lần đầu (dossiers:) từ ngày xã, phường tiếp nhận;\n"
        "các bước sau (trả lại, đánh giá, chuyển, chấm điểm, quyết định) ghi thêm vào đó khi có.\n"
        "  / With --registered the record opens its first dossier (dossiers:) on the day the commune received\n"
        "  it; the later steps (returned, assessed, forwarded, scored, decided) are added there as they come.")
    parser.add_argument("--name", metavar="TÊN", help="tên sản phẩm, tiếng Việt (bắt buộc) / product name in Vietnamese "
                                                      "(required)")
    parser.add_argument("--product-set", metavar="N", help="bộ sản phẩm 1–26 (bắt buộc) / product set 1–26 (required)")
    parser.add_argument("--unit", metavar="MÃ", help="mã đơn vị hành chính đang có hiệu lực, ví dụ phuong-tan-phong "
                                                     "(bắt buộc) / code of a unit in force today (required)")
    parser.add_argument("--producer", metavar="TÊN", help="tên chủ thể / producer name")
    parser.add_argument("--producer-kind", metavar="LOẠI",
                        help=f"loại chủ thể / kind of producer: enterprise | cooperative | cooperative_group | farm | "
                             f"household | tourism_org (mặc định/default: {new_record.DEFAULT_PRODUCER_KIND}, "
                             f"đánh dấu để kiểm tra lại / marked to check)")
    parser.add_argument("--address", metavar="ĐỊA_CHỈ", help="địa chỉ chủ thể / producer's address")
    parser.add_argument("--description", metavar="MÔ_TẢ", help="mô tả sản phẩm, tiếng Việt / product description")
    parser.add_argument("--registered", metavar="NGÀY",
                        help="ngày xã, phường tiếp nhận hồ sơ đăng ký (28/06/2026 hoặc 2026-06-28), không sau "
                             "--today: mở hồ sơ đăng ký lần đầu / the day the commune received the dossier, not "
                             "after --today: opens the first dossier")


def _usage_error(err, problems):
    for option, vi, en in problems:
        print(f"Lỗi cách dùng / Usage error: {option}: {vi}. / {en}.", file=err)
    print("Xem / See: ocop new --help", file=err)
    return EXIT_USAGE


def run(args, data, out, err):
    missing = [(option, "cần có tùy chọn này", "this option is required")
               for option, value in (("--name", args.name), ("--product-set", args.product_set), ("--unit", args.unit))
               if value is None]
    if missing:
        return _usage_error(err, missing)
    texts = {option: getattr(args, attribute) for option, attribute in _TEXT_OPTIONS.items()}
    problems = new_record.option_problems(data, args.name, args.product_set, args.unit, args.producer_kind, texts)
    registered = None
    if args.registered is not None:
        # Read as `ocop import` reads its --date: 28/06/2026, 28/6/2026 or 2026-06-28.
        registered = read_date(args.registered.strip())
        problems += new_record.registered_problems("--registered", args.registered, registered, data.today)
    if problems:
        return _usage_error(err, problems)

    history, complete = new_record.ids_in_git_history(data.folder)
    if not complete:
        folder = shown_path(data.folder)
        print(f"Chú ý: không đọc được đầy đủ lịch sử git của '{folder}' (không phải kho git, thiếu git, git từ "
              "chối đọc kho, hoặc bản sao nông): mã của hồ sơ đã xoá có thể bị dùng lại — hãy kiểm tra trước khi "
              f"công bố. / Note: could not read the full git history of '{folder}' (not a git work tree, no git, "
              "git refusing the repository, or a shallow clone): the id of a deleted record could be reused; check "
              "before publishing.", file=err)
    taken = set(history)
    for _ in range(new_record.CREATE_ATTEMPTS):
        plan = new_record.plan_new_record(
            data, args.name, new_record.parse_product_set(args.product_set), args.unit, producer=args.producer,
            producer_kind=args.producer_kind, address=args.address, description=args.description,
            history_ids=taken, registered=registered)
        shown = shown_path(plan.path)
        try:
            _create(plan.path, plan.text)
            break
        except FileExistsError:
            # Another officer's `ocop new` took this id since the folder was read. The text holds
            # the id, so the record is planned again after every id the folder holds now.
            taken |= {plan.id} | new_record.ids_of_record_files(data.folder)
        except OSError as exc:
            print(f"Không ghi được '{shown}': {exc.strerror or exc}. / Cannot write '{shown}': "
                  f"{exc.strerror or exc}.", file=err)
            return EXIT_USAGE
    else:
        attempts = new_record.CREATE_ATTEMPTS
        print(f"Không tạo được hồ sơ mới: {attempts} lần liền, mã định dùng vừa bị một tệp khác lấy mất (đến "
              f"'{shown}'); hãy chạy lại. / Could not create the new record: {attempts} times in a row, the id "
              f"planned was just taken by another file (up to '{shown}'); run it again.", file=err)
        return EXIT_USAGE

    # The promise is that the record validates as written: check it, as `ocop validate` would.
    errors = [p for p in load_dataset(data.folder, data.today, check_images=False, check_history=False).errors
              if p.file.endswith("/" + plan.path.name) or p.file == plan.path.name]
    if args.format == "json":
        write_json({"id": plan.id, "path": shown, "placeholders": list(plan.placeholders),
                    "history_checked": complete, "errors": [p.as_dict() for p in errors]}, out)
    else:
        out.write(shown + "\n")
        if plan.placeholders:
            fields = ", ".join(plan.placeholders)
            print(f"Còn phải điền (đang ghi \"{new_record.PLACEHOLDER}\"): {fields}. / Still to fill in: {fields}.",
                  file=err)
        for problem in errors:
            print(format_problem(problem), file=err)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _create(path, text):
    """Write a new file; FileExistsError when ``path`` exists, even if it appeared a moment ago
    (mode "x" creates and checks in one step, so two officers never share a file)."""
    file = open(path, "x", encoding="utf-8", newline="\n")
    try:
        with file:
            file.write(text)
    except OSError:
        path.unlink(missing_ok=True)  # a half-written record would hold the id and fail validation
        raise
