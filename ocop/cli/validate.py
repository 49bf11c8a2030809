"""``ocop validate``: every problem of every record."""

from .common import EXIT_OK, EXIT_PROBLEMS, format_problem, summary, write_json

ORDER = 1
SUMMARY = "Kiểm tra mọi hồ sơ và báo mọi lỗi. / Check every record and report every problem."
EXAMPLE = "ocop validate --products products --today 2026-06-30"


def add_arguments(parser):
    parser.add_argument("--strict", action="store_true", help="cảnh báo cũng tính là lỗi / warnings count as errors")


def run(args, data, out, err):
    failed = bool(data.errors) or (args.strict and bool(data.warnings))
    if args.format == "json":
        write_json({"today": data.today.isoformat(), "records": len(data.products), "errors": len(data.errors),
                    "warnings": len(data.warnings), "problems": [p.as_dict() for p in data.problems]}, out)
    else:
        for problem in data.problems:
            out.write(format_problem(problem) + "\n\n")
        out.write(summary(data) + "\n")
    return EXIT_PROBLEMS if failed else EXIT_OK
