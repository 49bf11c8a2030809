"""Regenerate the tables in README.md from the schema and the problem catalogue.

Usage: .venv/bin/python scripts/update_docs.py   (a test fails when README.md is stale)
"""

from pathlib import Path

from ocop.docs import replace_sections

README = Path(__file__).resolve().parent.parent / "README.md"

if __name__ == "__main__":
    README.write_text(replace_sections(README.read_text(encoding="utf-8")), encoding="utf-8")
