"""``ocop import``: the province's lists of certified products, from a spreadsheet, as records; with
``--registered DATE``, a commune's or the province's list of products registered for a round, as
candidates whose first dossier is open.

Dossiers (``dossiers:``, issue 14); decisions where the law is silent:

- [D] ``--registered DATE`` reads a list of registered products: no decision column is required, and
  each new record is a candidate (no ``certificates:``) with ``dossiers: [{kind: first, registered:
  DATE}]``, as ``ocop new --registered`` writes it; the date is read and checked as there (not after
  ``--today``), and not before the OCOP programme began (SP266 would refuse every row).
- [D] ``--registered`` with a decision is refused as a usage error, before anything is written:
  with one of ``--decision --date --issuer --level --stars``, or when a column the list is read with
  as a decision field (number, date, issuer, level, stars) holds a value. A certified record's first
  dossier would have to be decided, and a decision follows a council's scoring (``decided`` needs
  ``scored``, which names an entry of ``evaluations``) that a list does not hold. The whole file is
  refused rather than the rows with a decision skipped: such a list is a list of decisions imported
  with the wrong option (or a registration list with a stray column), and importing its other rows as
  candidates would hide that mistake. An empty decision column (a template) is no decision.
- [D] A unit is read on the registration date (the list names the commune the dossier went to); a
  candidate's unit is checked on today, so a commune since merged into one unit is written as that
  unit. One split among several stays as read and the row is refused with the record's problem
  (SP211), which names the units of today.
- [D] Without ``--registered`` no column of a list is read as the registration date ("Ngày tiếp
  nhận"): such a header is named as not recognised (SP420), as any other; with it, the date is the
  option's, one for the whole list.
- [D] A row matching a record (same code, or same product name and producer) is skipped or reported
  as any other row. ``--update`` never adds, changes or compares a dossier, nor changes the unit of a
  certified record from a registration: a record's dossiers are the officer's, and a second
  registration of a product is written from its documents.
"""

from pathlib import Path

from ..common.dates import parse_iso
from ..common.files import shown_path
from ..common.text import plural
from ..importing.columns import COLUMNS, FIELDS, MapError, parse_map
from ..importing.values import read_date
from ..reading.new_record import ids_in_git_history, registered_problems
from ..reading.schema import LEVELS
from ..reading.yamltree import read_document
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, format_problem, write_json

NAME = "import"
ORDER = 11
SUMMARY = ("Nhập danh sách sản phẩm đã công nhận từ tệp Excel (.xlsx) hoặc CSV thành hồ sơ. / "
           "Import a list of certified products from an Excel (.xlsx) or CSV file as records.")
EXAMPLE = 'ocop import phu-luc-qd-1234.xlsx --decision "1234/QĐ-UBND" --date 28/06/2024 --issuer "UBND tỉnh Lâm Đồng"'
EXAMPLE_REGISTERED = "ocop import dang-ky-dot-1-2026.csv --registered 28/06/2026"
# A mapping file is a few lines; more is not one.
MAP_FILE_LIMIT = 64 * 1024


def add_arguments(parser):
    wordings = "; ".join(f"{c.field}: {', '.join(c.wordings)}" for c in COLUMNS)
    parser.description = (
        f"{SUMMARY}\n\n"
        "Mỗi dòng là một sản phẩm. Dòng tiêu đề được nhận theo cách ghi thường gặp (có dấu hay không,\n"
        "chữ hoa hay thường); dòng tiêu đề chung phía trên và ô gộp được xử lý. Dòng trùng hồ sơ đã có\n"
        "(cùng mã sản phẩm, hoặc cùng quyết định, tên sản phẩm và chủ thể) không nhập lại; dòng khác hồ sơ\n"
        "được báo từng trường và chỉ ghi khi có --update. Dòng lỗi không được ghi, các dòng tốt vẫn được nhập.\n"
        "Mã thoát: 0 mọi dòng đã nhập, 1 có dòng lỗi hoặc khác hồ sơ chưa ghi, 2 lỗi cách dùng hoặc tệp.\n"
        "  / One row is one product. Headers are recognised by their usual wordings; a title row and merged\n"
        "  cells are handled. A row matching a record is skipped; one that differs is reported field by\n"
        "  field and applied only with --update. Bad rows are not written, the good ones are. Exit status: 0\n"
        "  all imported, 1 a row failed or differs unapplied, 2 usage or file error.\n\n"
        "Với --registered NGÀY: danh sách sản phẩm đăng ký (chưa có quyết định), không cần cột quyết định; mỗi\n"
        "hồ sơ mới là hồ sơ ứng viên, mở hồ sơ đăng ký lần đầu (dossiers: kind first) từ ngày đó; xã, phường\n"
        "đọc theo ngày đó. Dòng trùng hồ sơ đã có (cùng mã, hoặc cùng tên sản phẩm và chủ thể) không nhập lại\n"
        "và không thêm hồ sơ đăng ký nào, kể cả với --update. Không dùng cùng --decision, --date, --issuer,\n"
        "--level, --stars hay cột quyết định có giá trị. Ví dụ:\n"
        f"  {EXAMPLE_REGISTERED}\n"
        "  / With --registered DATE: a list of registered products (no decision yet), no decision column\n"
        "  needed; each new record is a candidate with its first dossier (dossiers: kind first) opened on\n"
        "  that day; communes are read on that day. A row matching a record (same code, or same product name\n"
        "  and producer) is skipped and adds no dossier, --update or not. Not with --decision, --date,\n"
        "  --issuer, --level, --stars or a decision column holding a value.\n\n"
        f"Cột nhận được / Columns recognised: {wordings}.")
    parser.add_argument("file", metavar="FILE", help="tệp .xlsx hoặc .csv / the .xlsx or .csv file")
    parser.add_argument("--sheet", metavar="TÊN", help="trang tính (mặc định: trang đầu) / sheet (default: the first)")
    parser.add_argument("--map", action="append", default=[], metavar='"CỘT=TRƯỜNG"',
                        help=f"cột nào là trường nào, lặp lại được / which column is which field, repeatable: "
                             f"{', '.join(FIELDS)}")
    parser.add_argument("--map-file", metavar="TỆP",
                        help="tệp YAML 'Tên cột: trường', mỗi dòng một cột / a YAML file of 'Column: field' lines")
    parser.add_argument("--decision", metavar="SỐ", help="số quyết định cho mọi dòng / decision number for every row")
    parser.add_argument("--date", metavar="NGÀY", help="ngày quyết định (28/06/2024 hoặc 2024-06-28) / decision date")
    parser.add_argument("--issuer", metavar="CƠ_QUAN", help="cơ quan ban hành / issuing body, e.g. \"UBND tỉnh Lâm Đồng\"")
    parser.add_argument("--level", metavar="CẤP", help=f"cấp công nhận / certifying level: {' | '.join(LEVELS)}")
    parser.add_argument("--stars", metavar="SAO", help="hạng sao cho mọi dòng (3, 4, 5) / stars for every row")
    parser.add_argument("--registered", metavar="NGÀY",
                        help="ngày xã, phường tiếp nhận hồ sơ (28/06/2026 hoặc 2026-06-28), không sau --today: "
                             "danh sách đăng ký, mỗi hồ sơ mới là ứng viên mở hồ sơ đăng ký lần đầu; không dùng cùng "
                             "quyết định / the day the commune received the dossiers, not after --today: a "
                             "registration list, each new record a candidate with its first dossier open; not with "
                             "a decision")
    parser.add_argument("--update", action="store_true",
                        help="ghi các trường khác hồ sơ đã có / apply the differences to existing records")
    parser.add_argument("--dry-run", action="store_true",
                        help="chỉ in những gì sẽ ghi, không ghi gì / print what would be written, write nothing")


# Why a list read with --registered holds no decision (the module's docstring).
_WHY_NO_DECISION = (
    "--registered nhập danh sách sản phẩm đăng ký, mỗi dòng thành hồ sơ ứng viên chưa có quyết định; hồ sơ "
    "đăng ký của sản phẩm đã được công nhận phải có quyết định sau lần hội đồng chấm điểm, điều danh sách "
    "không có",
    "--registered imports a list of registered products, each row a candidate with no decision yet; the "
    "dossier of a recognised product would have to be decided after a council's scoring, which the list "
    "does not hold")
_DECISION_OPTIONS = ("--decision", "--date", "--issuer", "--level", "--stars")


def _registered(args, today):
    """The day of ``--registered`` (None without it), and the usage problems [(option, vi, en)]."""
    if args.registered is None:
        return None, []
    given = [option for option in _DECISION_OPTIONS if getattr(args, option[2:]) is not None]
    if given:
        named = ", ".join(given)
        return None, [("--registered", f"không dùng cùng {named}: {_WHY_NO_DECISION[0]}. Danh sách đăng ký: chỉ "
                                       f"dùng --registered; danh sách quyết định công nhận: bỏ --registered",
                       f"cannot go with {named}: {_WHY_NO_DECISION[1]}. For a registration list give "
                       "--registered alone; for a list of recognition decisions leave --registered out")]
    # Read and checked as `ocop new --registered` reads it: 28/06/2026, 28/6/2026 or 2026-06-28.
    day = read_date(args.registered.strip())
    return day, registered_problems("--registered", args.registered, day, today)


def _decision_in_list(err, cell):
    where, row, column, title, value = cell
    return _usage(err, f"--registered: {where}:{row}:{column} ghi '{value}' trong cột '{title}', một cột của quyết "
                       f"định công nhận: {_WHY_NO_DECISION[0]}. Danh sách quyết định công nhận: nhập không có "
                       "--registered; danh sách đăng ký: xoá cột đó. Không nhập gì",
                  f"--registered: {where}:{row}:{column} reads '{value}' in the column '{title}', a column of the "
                  f"recognition decision: {_WHY_NO_DECISION[1]}. For a list of recognition decisions import "
                  "without --registered; for a registration list delete that column. Nothing imported")


def _usage(err, vi, en):
    print(f"Lỗi cách dùng / Usage error: {vi}. / {en}.\nXem / See: ocop import --help", file=err)
    return EXIT_USAGE


def _defaults(args, today):
    """The options that stand for columns, read like their cells; (Defaults, [(option, vi, en)])."""
    from ..importing.rows import Defaults
    from ..importing.values import read_level, read_stars

    registered, problems = _registered(args, today)
    day = None
    if args.date is not None:
        day = read_date(args.date.strip())
        if day is None:
            try:
                day = parse_iso(args.date)
            except ValueError:
                problems.append(("--date", f"không hiểu ngày '{args.date}'", f"'{args.date}' is not a date"))
    level = None
    if args.level is not None:
        level = args.level if args.level in LEVELS else read_level(args.level)
        if level is None:
            problems.append(("--level", f"'{args.level}' không phải cấp; chọn: {' | '.join(LEVELS)}",
                             f"'{args.level}' is not a level; one of: {' | '.join(LEVELS)}"))
    stars = None
    if args.stars is not None:
        stars = read_stars(args.stars)
        if stars is None:
            problems.append(("--stars", f"'{args.stars}': cần 3, 4 hoặc 5", f"'{args.stars}': 3, 4 or 5 expected"))
    for option, value in (("--decision", args.decision), ("--issuer", args.issuer)):
        if value is not None and not value.strip():
            problems.append((option, "không được để trống", "must not be empty"))
    defaults = Defaults((args.decision or "").strip() or None, day, (args.issuer or "").strip() or None, level, stars,
                        registered)
    return defaults, problems


def _mapping(args):
    entries = list(args.map)
    if args.map_file:
        path = Path(args.map_file)
        try:
            if not path.is_file() or path.stat().st_size > MAP_FILE_LIMIT:
                raise MapError(f"'{args.map_file}' không phải tệp YAML nhỏ", f"'{args.map_file}' is not a small YAML file")
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise MapError(f"không đọc được '{args.map_file}' ({type(exc).__name__})",
                           f"cannot read '{args.map_file}' ({type(exc).__name__})") from None
        # Read as records are: every value a text as written, a header named twice refused.
        document, problems = read_document(text, args.map_file)
        if problems:
            first = problems[0]
            raise MapError(f"'{args.map_file}' dòng {first.line}: {first.message_vi}",
                           f"'{args.map_file}' line {first.line}: {first.message_en}")
        data = document.value
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise MapError(f"'{args.map_file}' cần các dòng 'Tên cột: trường'",
                           f"'{args.map_file}' must hold 'Column: field' lines")
        entries = [f"{header}={field}" for header, field in data.items()] + entries
    return parse_map(entries)


def run(args, data, out, err):
    # Imported here: the spreadsheet reader (openpyxl) is not loaded for every other command.
    from ..importing.plan import plan_import, write_plan

    try:
        mapping = _mapping(args)
    except MapError as exc:
        return _usage(err, "--map: " + exc.args[0], "--map: " + exc.args[1])
    defaults, problems = _defaults(args, data.today)
    if problems:
        for option, vi, en in problems:
            print(f"Lỗi cách dùng / Usage error: {option}: {vi}. / {en}.", file=err)
        print("Xem / See: ocop import --help", file=err)
        return EXIT_USAGE

    history, _complete = ids_in_git_history(data.folder)
    plan = plan_import(Path(args.file), data, args.sheet, mapping, defaults, args.update, history)
    if plan.file_error is not None:
        if args.format == "json":
            write_json({"file": plan.source, "problems": [plan.file_error.as_dict()]}, out)
        else:
            out.write(format_problem(plan.file_error) + "\n\n")
            out.write("Không nhập gì. / Nothing imported.\n")
        return EXIT_USAGE
    if plan.decision_cell is not None:
        return _decision_in_list(err, plan.decision_cell)

    if not args.dry_run:
        try:
            write_plan(plan)
        except OSError as exc:
            print(f"Không ghi được '{shown_path(exc.filename or data.folder)}': {exc.strerror or exc}. / "
                  f"Cannot write '{shown_path(exc.filename or data.folder)}': {exc.strerror or exc}.", file=err)
            return EXIT_USAGE
    failed = bool(plan.failed or plan.differing)
    if args.format == "json":
        write_json(_as_json(plan, args.dry_run), out)
    else:
        _print(plan, args.dry_run, out)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _print(plan, dry_run, out):
    from ..importing.plan import shown_value

    for problem in plan.problems:
        out.write(format_problem(problem) + "\n\n")
    if plan.inferred_kinds:
        out.write("Loại chủ thể suy từ tên / Producer kind inferred from the name:\n")
        for row, kind, words in plan.inferred_kinds:
            out.write(f"  dòng/row {row}: '{words}' → {kind}\n")
        out.write("\n")
    verb = ("Sẽ ghi", "Would write") if dry_run else ("Đã ghi", "Written")
    if plan.new:
        out.write(f"{verb[0]} hồ sơ mới / {verb[1]} new records:\n")
        for record in plan.new:
            out.write(f"  {shown_path(record.path)}  (dòng/row {record.row})  {record.name}\n")
        out.write("\n")
    if plan.updates:
        out.write(f"{verb[0]} thay đổi / {verb[1]} changes:\n")
        for update in plan.updates:
            for difference in update.differences:
                out.write(f"  {shown_path(update.path)}  (dòng/row {update.row})  {difference.key}: "
                          f"{shown_value(difference.old)} → {shown_value(difference.new)}\n")
        out.write("\n")
    if dry_run:
        for record in plan.new:
            out.write(f"--- {shown_path(record.path)} ---\n{record.text}\n")
    new, changed, same, bad = len(plan.new), len(plan.updates), len(plan.same), len(plan.failed)
    differing = len(plan.differing)
    skipped = len(plan.skipped)
    action = ("sẽ nhập", "would import") if dry_run else ("đã nhập", "imported")
    out.write(f"{plan.source}: {action[0]} {new} hồ sơ mới, cập nhật {changed}; {same} dòng đã có; "
              f"{differing} dòng khác hồ sơ chưa ghi; {bad} dòng lỗi không ghi; {skipped} dòng bỏ qua. / "
              f"{action[1]} {plural(new, 'new record')}, updated {changed}; {same} already there; "
              f"{differing} differing, not applied; {plural(bad, 'row')} with errors not written; "
              f"{skipped} skipped.\n")
    if not dry_run and (new or changed):
        out.write("Kiểm tra bằng / Check with: ocop validate\n")




def _as_json(plan, dry_run):
    from ..importing.plan import shown_value

    return {
        "file": plan.source,
        "dry_run": dry_run,
        "new": [{"row": r.row, "id": r.id, "path": shown_path(r.path)} for r in plan.new],
        "updated": [{"row": u.row, "id": u.id, "path": shown_path(u.path),
                     "changes": [{"field": d.key, "old": shown_value(d.old), "new": shown_value(d.new)} for d in u.differences]}
                    for u in plan.updates],
        "already_there": [{"row": row, "id": record_id} for row, record_id in plan.same],
        "differing": [{"row": row, "id": record_id} for row, record_id in plan.differing],
        "failed_rows": plan.failed,
        "skipped_rows": plan.skipped,
        "inferred_kinds": [{"row": row, "kind": kind, "words": words} for row, kind, words in plan.inferred_kinds],
        "problems": [p.as_dict() for p in plan.problems],
    }
