"""``ocop format``: records saved by the web form (Decap CMS) put back into the house layout."""

import os
from pathlib import Path

from ..common.files import NotARegularFile, read_regular_file, shown_path, write_atomic
from ..common.text import plural
from ..importing.layout import restore_layout
from ..reading.folder import KNOWN_OTHER_FILES, RECORD_NAME, special_file
from ..reading.history import run_git
from ..reading.problems import Problem
from ..reading.yamltree import RECORD_LIMITS, decode, size_problem
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, format_problem, write_json

ORDER = 12
SUMMARY = ("Sắp lại hồ sơ do trang biểu mẫu (Decap CMS) ghi theo bố cục chuẩn, để git diff chỉ còn dòng thực sự đổi. / "
           "Put records saved by the web form (Decap CMS) back into the house layout, so that git diff shows only "
           "the lines that really changed.")
EXAMPLE = "ocop format --check"
NEEDS_DATASET = False  # reads and writes record files one by one, never the whole dataset


def add_arguments(parser):
    parser.description = (
        f"{SUMMARY}\n\n"
        "Trang biểu mẫu ghi lại cả tệp: mất chú thích và dòng đầu '# yaml-language-server: …', đổi dấu ngoặc,\n"
        "thứ tự, cách viết nhóm. Lệnh này lấy nội dung hồ sơ như `ocop validate` đọc, rồi ghi vào bản của tệp\n"
        "trong git (REV, mặc định HEAD): chỗ nào nội dung không đổi thì giữ nguyên chữ, chú thích, dấu ngoặc;\n"
        "trường tùy chọn để trống ('' hoặc []) bị bỏ. Không có FILE: mọi hồ sơ khác REV hoặc chưa có trong git.\n"
        "Chỉ ghi khi tệp đổi; tệp không sắp lại được mà giữ đúng nội dung thì không ghi (SP019).\n"
        "Mã thoát: 0 xong, 1 có lỗi (hoặc --check: có tệp cần sắp lại), 2 lỗi cách dùng.\n"
        "  / The form writes the whole file again (comments and the modeline lost, quotes, order and groups\n"
        "  changed). This reads the record as `ocop validate` does and writes it into the file's version in git\n"
        "  (REV, default HEAD), keeping the text, comments and quotes of whatever means the same; optional fields\n"
        "  left empty are dropped. Without FILE: every record that differs from REV or is untracked. A file is\n"
        "  written only when it changes, never when its meaning could not be kept (SP019). Exit status: 0 done,\n"
        "  1 problems (or --check: a file would change), 2 usage error.")
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="tệp hồ sơ trong thư mục hồ sơ / record files of the records folder")
    parser.add_argument("--base", default="HEAD", metavar="REV",
                        help="phiên bản git giữ bố cục / the git revision whose layout is kept "
                             "(mặc định/default: HEAD)")
    parser.add_argument("--check", action="store_true",
                        help="không ghi; thoát 1 nếu có tệp cần sắp lại (dùng trong CI) / "
                             "write nothing; exit 1 when a file would change (for CI)")


def _usage(err, vi, en):
    print(f"Lỗi cách dùng / Usage error: {vi}. / {en}.\nXem / See: ocop format --help", file=err)
    return EXIT_USAGE


def run(args, data, out, err):
    folder = Path(args.products)
    if not folder.is_dir():
        print(f"Không thấy thư mục hồ sơ '{args.products}'. / Records folder '{args.products}' not found.", file=err)
        return EXIT_USAGE
    in_git = _in_work_tree(folder)
    has_base = in_git and _git(folder, "rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}") is not None
    if in_git and not has_base and args.base != "HEAD":  # HEAD alone may be missing: a repository with no commit yet
        return _usage(err, f"--base: '{args.base}' không phải phiên bản git nào", f"--base: '{args.base}' is not a git "
                                                                                f"revision")
    if not in_git:
        print(f"Chú ý: '{shown_path(folder)}' không nằm trong kho git: hồ sơ được sắp lại theo bố cục chuẩn, không "
              f"giữ được chú thích và cách viết cũ. / Note: '{shown_path(folder)}' is not in a git work tree: records "
              "are written in the house layout, without their old comments and layout.", file=err)
    if args.files:
        names = []
        for file in args.files:
            name = _record_name(Path(file), folder)
            if name is None:
                return _usage(err, f"'{file}' không phải tệp hồ sơ của thư mục '{args.products}'",
                              f"'{file}' is not a record file of the folder '{args.products}'")
            names.append(name)
    elif has_base:
        names = _changed_records(folder, args.base)
        if names is None:
            print("Không đọc được danh sách tệp đã đổi từ git. / Could not list the changed files from git.", file=err)
            return EXIT_USAGE
    else:  # outside git, or no commit yet: every record is new
        names = sorted(entry.name for entry in os.scandir(folder) if _is_record_name(entry.name))

    results = [_format_one(folder, name, args.base if has_base else None, args.check) for name in dict.fromkeys(names)]
    return _report(results, args, out, err)


def _format_one(folder: Path, name: str, base_revision, check: bool) -> dict:
    path = folder / name
    shown = shown_path(path)
    result = {"path": shown, "changed": False, "written": False, "problems": []}
    text, data, problem = _read(path, folder, shown)
    if problem is not None:
        result["problems"] = [problem]
        return result
    base = _base_text(folder, name, base_revision) if base_revision else None
    formatted, problems = restore_layout(text, base, shown)
    if formatted is None:
        result["problems"] = problems
        return result
    new_data = formatted.encode("utf-8")
    result["changed"] = new_data != data
    if result["changed"] and not check:
        try:
            write_atomic(path, new_data)
        except OSError as exc:  # a full disk, a read-only folder: not the record's fault
            result["write_error"] = exc.strerror or str(exc)
            return result
        result["written"] = True
    return result


def _read(path: Path, folder: Path, shown: str):
    """(text, bytes, None) of a record file, or (None, None, problem): as the loader reads it, only a
    regular file, at most the loader's limit."""
    limit = RECORD_LIMITS.bytes
    try:
        data, size = read_regular_file(path, limit)
    except NotARegularFile as exc:
        kind_vi, kind_en = special_file(path, exc.mode, folder)
        return None, None, Problem("SP018", shown, params={"name": path.name, "kind_vi": kind_vi, "kind_en": kind_en})
    except OSError as exc:
        return None, None, Problem("SP001", shown, params={"reason_vi": f"lỗi hệ thống ({exc.strerror or exc})",
                                                           "reason": exc.strerror or str(exc)})
    too_big = size_problem(data, shown, size)
    if too_big:
        return None, None, too_big
    text, error = decode(data)
    if error:
        line, reason = error
        return None, None, Problem("SP001", shown, line, None, params=reason)
    return text, data, None


def _report(results, args, out, err):
    problems = [problem for result in results for problem in result["problems"]]
    changed = [result["path"] for result in results if result["changed"]]
    if args.format == "json":
        write_json({"check": args.check, "files": [{key: result[key] for key in ("path", "changed", "written")}
                                                   for result in results],
                    "problems": [problem.as_dict() for problem in problems]}, out)
    else:
        for problem in problems:
            out.write(format_problem(problem) + "\n\n")
        verb = ("Cần sắp lại", "would be reformatted") if args.check else ("Đã sắp lại", "reformatted")
        for path in changed:
            out.write(f"{verb[0]} {path}. / {path} {verb[1]}.\n")
        if changed:
            out.write("\n")
        n, bad = len(results), sum(1 for result in results if result["problems"])
        out.write(f"{n} hồ sơ: {len(changed)} {verb[0].lower()}, {bad} có lỗi. / "
                  f"{plural(n, 'record')}: {len(changed)} {verb[1]}, {bad} with problems.\n")
    if args.check and changed:
        print(f"Chạy `ocop format --products {args.products}` rồi commit. / "
              f"Run `ocop format --products {args.products}` and commit.", file=err)
    unwritten = [result for result in results if result.get("write_error")]
    for result in unwritten:
        print(f"Không ghi được '{result['path']}': {result['write_error']}. / Cannot write '{result['path']}': "
              f"{result['write_error']}.", file=err)
    if unwritten:
        return EXIT_USAGE
    return EXIT_PROBLEMS if problems or (args.check and changed) else EXIT_OK


# -- which files, and their version in git -------------------------------------------------------

def _is_record_name(name: str) -> bool:
    return bool(RECORD_NAME.match(name)) and name not in KNOWN_OTHER_FILES


def _record_name(path: Path, folder: Path) -> str | None:
    """The name of ``path`` in ``folder`` when it is a record file there (the file itself, not where a
    link leads: it is refused when read); None for anything else, outside the folder included."""
    try:
        inside = Path(os.path.abspath(path)).parent == Path(os.path.abspath(folder))
    except (OSError, ValueError):
        return None
    if not inside or not _is_record_name(path.name) or not os.path.lexists(path):
        return None
    return path.name


def _changed_records(folder: Path, revision: str) -> list | None:
    """The records of ``folder`` (not in its sub-folders) that differ from ``revision`` or that git does not
    track, and that are there now; None when git fails."""
    changed = _git(folder, "diff", "--name-only", "--relative", "--no-renames", "-z", revision, "--", ".")
    untracked = _git(folder, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
    if changed is None or untracked is None:
        return None
    names = {name.decode("utf-8", "surrogateescape") for name in (changed + untracked).split(b"\0") if name}
    return sorted(name for name in names
                  if "/" not in name and _is_record_name(name) and os.path.lexists(folder / name))


def _base_text(folder: Path, name: str, revision: str) -> str | None:
    """The text of ``name`` at ``revision``; None when it is not there (a new record), not a text, or
    over the loader's limit (never read whole)."""
    spec = f"{revision}:./{name}"
    kind = _git(folder, "cat-file", "-t", spec)
    size = _git(folder, "cat-file", "-s", spec)
    if kind is None or kind.strip() != b"blob" or size is None or int(size.strip() or 0) > RECORD_LIMITS.bytes:
        return None
    data = _git(folder, "cat-file", "blob", spec)
    if data is None:
        return None
    text, error = decode(data)
    return None if error else text


def _in_work_tree(folder: Path) -> bool:
    answer = _git(folder, "rev-parse", "--is-inside-work-tree")
    return answer is not None and answer.strip() == b"true"


def _git(folder: Path, *args) -> bytes | None:
    """git's output in ``folder`` (``ocop.reading.history``'s settings: an officer's configuration or a
    hook's GIT_DIR cannot change what is read), or None when git is missing or fails."""
    result = run_git(folder, *args)
    return None if result.failed else result.data
