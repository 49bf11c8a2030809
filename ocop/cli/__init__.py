"""The officers' command line: ``ocop <command>``.

Thin on purpose: every rule lives in the core; each command is a small module
here (``validate``, ``rank``, ``expiry``, …) that parses its options, calls
the core and prints. Exit status: 0 clean, 1 problems found, 2 usage or I/O
error. Nothing here may end in a traceback.
"""

import argparse
import importlib
import os
import pkgutil
import sys
from collections import namedtuple
from datetime import date

from ..common.dates import parse_iso
from ..reading import dataset as datasets
from .common import EXIT_OK, EXIT_USAGE, format_problem  # noqa: F401 - part of the interface

Command = namedtuple("Command", "summary example module")


def _discover():
    """Every module of this package with SUMMARY, EXAMPLE, add_arguments() and run() is a command,
    named after the module; ORDER (default 100) sorts them in the help. A module may also set
    FORMATS (its --format choices, the first the default), NEEDS_DATASET = False and NAME."""
    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    commands = [m for m in modules if all(hasattr(m, a) for a in ("SUMMARY", "EXAMPLE", "add_arguments", "run"))]
    commands.sort(key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
    # NAME: a command whose name is a Python keyword ("import") lives in a module named otherwise.
    return {getattr(m, "NAME", m.__name__.rsplit(".", 1)[1].replace("_", "-")): Command(m.SUMMARY, m.EXAMPLE, m)
            for m in commands}


COMMANDS = _discover()


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _day(text):
    try:
        return parse_iso(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': cần NĂM-THÁNG-NGÀY / expected YYYY-MM-DD") from None


def _common(parser, formats):
    parser.add_argument("--products", default="products", metavar="DIR",
                        help="thư mục hồ sơ / records folder (mặc định/default: products)")
    parser.add_argument("--today", type=_day, metavar="YYYY-MM-DD",
                        help="tính như vào ngày này / compute as of this day (mặc định/default: hôm nay/today)")
    parser.add_argument("--format", choices=formats, default=formats[0],
                        help=f"dạng kết quả / output format ({', '.join(formats)})")


def build_parser():
    examples = "\n".join(f"  {command.example}" for command in COMMANDS.values())
    parser = _Parser(prog="ocop", description="Công cụ hồ sơ OCOP / OCOP records tools",
                     epilog=f"Ví dụ / Examples:\n{examples}\n\n"
                            "Mỗi lệnh có --help riêng. / Each command has its own --help.",
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, command in COMMANDS.items():
        command_parser = sub.add_parser(name, help=command.summary, description=command.summary,
                                        epilog=f"Ví dụ / Example:\n  {command.example}",
                                        formatter_class=argparse.RawDescriptionHelpFormatter)
        _common(command_parser, getattr(command.module, "FORMATS", ("text", "json")))
        command.module.add_arguments(command_parser)
    return parser


def main(argv=None, today=None):
    """Run a command; returns the exit status (the console script exits with it)."""
    stdout, stderr = sys.stdout, sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(f"Lỗi cách dùng / Usage error: {exc}\nXem / See: ocop --help", file=stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print and stop here
        return exc.code or EXIT_OK
    if not args.command:
        build_parser().print_help(stdout)
        return EXIT_USAGE
    args.today = args.today or today or date.today()
    module = COMMANDS[args.command].module
    data = None
    if getattr(module, "NEEDS_DATASET", True):  # e.g. `ocop schema` reads no records
        try:
            data = datasets.load_dataset(args.products, args.today)
        except datasets.DatasetError as exc:
            print(f"{exc.message_vi}. / {exc.message_en}.", file=stderr)
            return EXIT_USAGE
    return module.run(args, data, stdout, stderr)


def console():
    """Entry point of the ``ocop`` script."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # `ocop rank | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_OK
    except Exception as exc:  # noqa: BLE001 - officers must never see a traceback
        if os.environ.get("OCOP_DEBUG"):
            raise
        print(f"Lỗi nội bộ, xin báo cho nhóm phát triển: {type(exc).__name__}: {exc} / "
              f"Internal error, please report it (set OCOP_DEBUG=1 for details).", file=sys.stderr)
        code = EXIT_USAGE
    sys.exit(code)
