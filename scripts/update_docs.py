"""Regenerate the generated sections of README.md and of the officers' guides (Vietnamese and English)
from the schema, the rule sets and the problem catalogue.

Usage: .venv/bin/python scripts/update_docs.py   (tests fail while any of these files is stale)
"""

from pathlib import Path

from ocop.outputs.docs import replace_sections

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GUIDES = (ROOT / "docs" / "huong-dan-can-bo.md", ROOT / "docs" / "officers-guide.md")
DOCUMENTS = (README, *GUIDES)

if __name__ == "__main__":
    for path in DOCUMENTS:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            updated = replace_sections(text)
            if updated != text:
                path.write_text(updated, encoding="utf-8")
                print(f"updated {path.relative_to(ROOT)}")
