"""The core decides, the presentation layer presents (DESIGN.md, "Layout").

Everything in ocop/ except the command line (ocop/cli/) and the Pelican
plugin (ocop/site/) is the domain core: it imports no Pelican, prints
nothing, never exits and never asks the clock for today's date.
"""

import re
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "ocop"
PRESENTATION = {"cli", "site"}
FORBIDDEN = {
    "imports Pelican": re.compile(r"^\s*(from|import)\s+pelican\b", re.M),
    "prints": re.compile(r"\bprint\("),
    "exits": re.compile(r"\bsys\.exit\(|\bexit\("),
    "asks the clock for today": re.compile(r"date\.today\(\)|datetime\.now\(|datetime\.today\("),
}


def core_modules():
    for path in sorted(CORE.rglob("*.py")):
        if path.relative_to(CORE).parts[0] not in PRESENTATION:
            yield path


def test_the_core_imports_no_pelican_prints_nothing_exits_never_and_takes_today_as_a_parameter():
    offences = [f"{path.relative_to(CORE.parent)} {what}"
                for path in core_modules()
                for what, pattern in FORBIDDEN.items() if pattern.search(path.read_text(encoding="utf-8"))]
    assert offences == []


def test_there_is_a_core_to_check():
    assert len(list(core_modules())) > 10
