"""Reference tables generated from the schema and the problem catalogue.

The README (and later the officers' guide) embeds these between markers;
``scripts/update_docs.py`` rewrites them and a test fails when they are stale,
so the documentation cannot drift from what the validator does.
"""

from .convert import LANGUAGE_FIELDS
from .problems import CATALOGUE, SEVERITY_WORD
from .schema import PRODUCT


def _rows(fields, prefix=""):
    for f in fields:
        name = f"{prefix}{f.key}"
        yield name, f
        if f.kind == "mapping":
            yield from _rows(f.fields, name + ".")
        elif f.kind == "list" and f.item is not None and f.item.kind == "mapping":
            yield from _rows(f.item.fields, name + "[].")
        elif f.kind in LANGUAGE_FIELDS:
            yield from _rows(LANGUAGE_FIELDS[f.kind], name + ".")


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def fields_table(fields=PRODUCT) -> str:
    lines = ["| trường / field | bắt buộc / required | kiểu / type | ý nghĩa | meaning | ví dụ / example |",
             "|---|---|---|---|---|---|"]
    for name, f in _rows(fields):
        kind = f.kind + (f" ({', '.join(f.choices)})" if f.choices else "")
        if f.low is not None or f.high is not None:
            kind += f" {f.low if f.low is not None else ''}–{f.high if f.high is not None else ''}"
        meaning_vi = f.label_vi + (f": {f.help_vi}" if f.help_vi else "")
        meaning_en = f.label_en + (f": {f.help_en}" if f.help_en else "")
        lines.append(f"| `{name}` | {'có / yes' if f.required else ''} | {_cell(kind)} | {_cell(meaning_vi)} | "
                     f"{_cell(meaning_en)} | `{_cell(f.example)}` |")
    return "\n".join(lines) + "\n"


def codes_table() -> str:
    lines = ["| mã / code | mức / severity | lỗi | problem | cách sửa / fix |", "|---|---|---|---|---|"]
    for code, t in CATALOGUE.items():
        lines.append(f"| {code} | {SEVERITY_WORD[t.severity]} / {t.severity} | {_cell(t.vi)} | {_cell(t.en)} | "
                     f"{_cell(t.fix_vi)} / {_cell(t.fix_en)} |")
    return "\n".join(lines) + "\n"


GENERATED_SECTIONS = {"fields": fields_table, "codes": codes_table}


def replace_sections(text: str) -> str:
    """Rewrite every ``<!-- NAME:start -->…<!-- NAME:end -->`` block with its generated table."""
    for name, make in GENERATED_SECTIONS.items():
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            _, tail = rest.split(end, 1)
            text = f"{head}{start}\n{make()}{end}{tail}"
    return text
