"""``ocop validate``: every problem of every record."""

from ..reading.dataset import history_note
from ..reading.history import NO_REPOSITORY
from ..reading.problems import escaped
from .common import EXIT_OK, EXIT_PROBLEMS, format_problem, summary, write_json

ORDER = 1
SUMMARY = "Kiểm tra mọi hồ sơ và báo mọi lỗi. / Check every record and report every problem."
EXAMPLE = "ocop validate --products products --today 2026-06-30"
# text first: it is the default. github: one annotation per problem, for GitHub Actions (docs/publishing.md).
FORMATS = ("text", "json", "github")


def add_arguments(parser):
    parser.add_argument("--strict", action="store_true", help="cảnh báo cũng tính là lỗi / warnings count as errors")
    parser.add_argument("--strict-history", action="store_true",
                        help="chỉ thành công khi đã đọc được đủ lịch sử git để kiểm tra hồ sơ đã công bố bị xoá "
                             "(SP305, hoặc thư mục ngoài kho git, tính là lỗi); các cảnh báo khác vẫn là cảnh báo / "
                             "succeed only when the whole git history was read for deleted published records "
                             "(SP305, or a folder outside git, counts as an error); other warnings stay warnings")


def _history_unchecked(data) -> bool:
    """The deleted-record check could not read the whole history: SP305, or no repository at all."""
    history = data.history
    return history is not None and not history.complete


def run(args, data, out, err):
    # --strict-history is for the deploy: an expired or expiring certificate (SP301, SP302) is a
    # warning the site shows, and must not stop the daily build that keeps those statuses true;
    # a history that cannot prove no published record was deleted must.
    failed = bool(data.errors) or (args.strict and bool(data.warnings)) or \
        (args.strict_history and _history_unchecked(data))
    if args.format == "json":
        write_json({"today": data.today.isoformat(), "records": len(data.products), "errors": len(data.errors),
                    "warnings": len(data.warnings), "problems": [p.as_dict() for p in data.problems]}, out)
        note = history_note(data)
        if note and args.strict_history:  # the only word on why a clean folder fails
            err.write(note + "\n")
    else:
        for problem in data.problems:
            out.write(github_annotation(problem) + "\n" if args.format == "github"
                      else format_problem(problem) + "\n\n")
        out.write(summary(data) + "\n")
        note = history_note(data)
        if note:
            err.write(note + "\n")
        if args.format == "github" and args.strict_history and data.history is not None \
                and data.history.reason == NO_REPOSITORY:
            # SP305 is annotated with the problems; a folder outside git has no problem to carry it.
            out.write(f"::error title=--strict-history::{_escape_data(note)}\n")
    return EXIT_PROBLEMS if failed else EXIT_OK


# GitHub Actions workflow commands ("::error file=…,line=…::message"), escaped as the runner
# and actions/toolkit do: in the message %, CR and LF; in a property also ':' and ','. '%' goes
# first so that the escapes themselves are not escaped again.
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem) -> str:
    """One problem as a workflow command: GitHub shows it on the line of the pull request's file."""
    # The file name and path come from the pull request too: shown escaped, as in every message.
    properties = {"file": escaped(problem.file)}
    if problem.line is not None:
        properties["line"] = str(problem.line)
        if problem.column is not None:
            properties["col"] = str(problem.column)
    properties["title"] = problem.code + (f" [{escaped(problem.path)}]" if problem.path else "")
    message = (f"{problem.message_vi} / {problem.message_en} — "
               f"Cách sửa: {problem.fix_vi} / Fix: {problem.fix_en}")
    command = "error" if problem.is_error else "warning"
    props = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{command} {props}::{_escape_data(message)}"
