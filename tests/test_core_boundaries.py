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


# The core's rooms, lowest first: a room may import from the rooms before it, never after, so a
# newcomer reads them bottom up and no change can bring an import cycle back.
ROOMS = ["common", "places", "rules", "reading", "importing", "outputs"]


def _imported_modules(path: Path):
    """Every ``ocop.…`` module a file imports, relative imports resolved, at any depth in the file."""
    import ast

    package = list(path.relative_to(CORE.parent).with_suffix("").parts)
    package = package[:-1]  # a module's package; for __init__.py the package itself
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names = [f"{module}.{alias.name}" for alias in node.names]
            yield from (names if module.count(".") < 2 else [module])
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def _room(module: str):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "ocop" else None


def test_each_room_of_the_core_imports_only_from_the_rooms_below_it():
    offences = []
    for path in core_modules():
        room = path.relative_to(CORE).parts[0]
        if room not in ROOMS:
            continue
        for module in _imported_modules(path):
            other = _room(module)
            if other in ROOMS and ROOMS.index(other) > ROOMS.index(room):
                offences.append(f"{path.relative_to(CORE.parent)} imports {module}")
            elif other not in ROOMS + [None, "data"]:
                offences.append(f"{path.relative_to(CORE.parent)} imports {module} (presentation)")
    assert offences == []


def test_no_module_of_the_core_lies_outside_a_room():
    loose = [path.name for path in CORE.glob("*.py") if path.name != "__init__.py"]
    assert loose == [], "put each module in one of " + ", ".join(ROOMS)


def test_no_import_cycle_between_modules():
    modules = {".".join(p.relative_to(CORE.parent).with_suffix("").parts).removesuffix(".__init__"): p
               for p in CORE.rglob("*.py")}
    graph = {name: {m for m in _imported_modules(path) if m in modules and m != name}
             for name, path in modules.items()}
    cycles = []

    def visit(name, trail):
        if name in trail:
            cycles.append(" → ".join(trail[trail.index(name):] + [name]))
            return
        if name in done:
            return
        for other in sorted(graph[name]):
            visit(other, trail + [name])
        done.add(name)

    done = set()
    for name in sorted(graph):
        visit(name, [])
    assert cycles == []


def test_the_site_and_the_command_line_do_not_import_each_other():
    # Two faces of one core. The site importing ocop.cli also ran the discovery of every command
    # (and the libraries they need) on each build.
    offences = [f"{path.relative_to(CORE.parent)} imports {module}"
                for face, other in (("site", "cli"), ("cli", "site"))
                for path in (CORE / face).rglob("*.py")
                for module in _imported_modules(path) if _room(module) == other]
    assert offences == []
