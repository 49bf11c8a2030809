"""The README's reference tables are generated from the schema and the catalogue."""

from pathlib import Path

from ocop.outputs.docs import replace_sections

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_tables_are_up_to_date():
    text = README.read_text(encoding="utf-8")
    assert replace_sections(text) == text, "README.md is stale: run .venv/bin/python scripts/update_docs.py"


def test_readme_shows_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert "make serve" in text and "make test" in text
