"""``ocop validate``: every problem of every record."""

from ..reading.dataset import history_note
from .common import EXIT_OK, EXIT_PROBLEMS, format_problem, summary, write_json

ORDER = 1
SUMMARY = "Kiểm tra mọi hồ sơ và báo mọi lỗi. / Check every record and report every problem."
EXAMPLE = "ocop validate --products products --today 2026-06-30"
# text first: it is the default. github: one annotation per problem, for GitHub Actions (docs/publishing.md).
FORMATS = ("text", "json", "github")


def add_arguments(parser):
    parser.add_argument("--strict", action="store_true", help="cảnh báo cũng tính là lỗi / warnings count as errors")


def run(args, data, out, err):
    failed = bool(data.errors) or (args.strict and bool(data.warnings))
    if args.format == "json":
        write_json({"today": data.today.isoformat(), "records": len(data.products), "errors": len(data.errors),
                    "warnings": len(data.warnings), "problems": [p.as_dict() for p in data.problems]}, out)
    else:
        for problem in data.problems:
            out.write(github_annotation(problem) + "\n" if args.format == "github"
                      else format_problem(problem) + "\n\n")
        out.write(summary(data) + "\n")
        note = history_note(data)
        if note:
            err.write(note + "\n")
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
    properties = {"file": problem.file}
    if problem.line is not None:
        properties["line"] = str(problem.line)
        if problem.column is not None:
            properties["col"] = str(problem.column)
    properties["title"] = problem.code + (f" [{problem.path}]" if problem.path else "")
    message = (f"{problem.message_vi} / {problem.message_en} — "
               f"Cách sửa: {problem.fix_vi} / Fix: {problem.fix_en}")
    command = "error" if problem.is_error else "warning"
    props = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{command} {props}::{_escape_data(message)}"
