"""The officers' guides — docs/huong-dan-can-bo.md (Vietnamese) and docs/officers-guide.md (English).

Their reference sections are generated (ocop/outputs/docs.py) and must be up to date; every command,
every field of the record and every problem code must be in both; each code's example message
must be one the validator really prints; the sample record they show must validate.
"""

import re
from pathlib import Path

import pytest
from conftest import TODAY, write_photo, write_record

from ocop.cli import COMMANDS
from ocop.cli.common import format_problem
from ocop.outputs.docs import (
    EXAMPLE_PROBLEMS,
    GENERATED_SECTIONS,
    _rows,
    example_block,
    example_problem,
    example_record,
    problem_text,
    replace_sections,
)
from ocop.reading.dataset import load_dataset
from ocop.reading.problems import CATALOGUE
from ocop.reading.schema import PRODUCT
from ocop.rules.certificates import (
    EXPIRING_DAYS,
    RERATING_DUE_FROM_DAYS,
    VALIDITY_MONTHS,
    status_on,
)

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {"vi": ROOT / "docs" / "huong-dan-can-bo.md", "en": ROOT / "docs" / "officers-guide.md"}
README = ROOT / "README.md"
LANGS = pytest.mark.parametrize("lang", sorted(GUIDES))
STALE = "{} is stale: run .venv/bin/python scripts/update_docs.py"
GENERATED = re.compile(r"<!-- (?P<name>[a-z0-9-]+):start -->.*?<!-- (?P=name):end -->", re.S)


def guide(lang) -> str:
    return GUIDES[lang].read_text(encoding="utf-8")


def hand_written(lang) -> str:
    """The guide without its generated sections: what a person wrote."""
    return GENERATED.sub("", guide(lang))


# -- up to date, with every generated section of its language -------------------------------------

@LANGS
def test_guide_is_up_to_date(lang):
    text = guide(lang)
    assert replace_sections(text) == text, STALE.format(GUIDES[lang].relative_to(ROOT))


@LANGS
def test_guide_embeds_every_generated_section_of_its_language_and_no_other(lang):
    text = guide(lang)
    own = sorted(name for name in GENERATED_SECTIONS if name.startswith("guide-") and name.endswith(f"-{lang}"))
    assert len(own) >= 6
    missing = [name for name in own if f"<!-- {name}:start -->" not in text or f"<!-- {name}:end -->" not in text]
    assert missing == [], f"{GUIDES[lang].name} lacks generated sections"
    embedded = set(GENERATED.findall(text))
    assert embedded == set(own), "a guide embeds only its own language's sections"


# -- nothing an officer meets is missing ----------------------------------------------------------

@LANGS
def test_every_command_is_explained_by_hand(lang):
    text = hand_written(lang)
    missing = [name for name in COMMANDS if f"`ocop {name}" not in text and f".venv/bin/ocop {name}" not in text]
    assert missing == [], f"commands not explained in {GUIDES[lang].name}"


@LANGS
def test_every_field_is_documented(lang):
    text = guide(lang)
    missing = [name for name, _ in _rows(PRODUCT) if f"`{name}`" not in text]
    assert missing == [], f"fields missing from {GUIDES[lang].name}"


@LANGS
def test_every_error_code_is_documented(lang):
    text = guide(lang)
    missing = [code for code in CATALOGUE if f"### {code} — " not in text]
    assert missing == [], f"codes missing from {GUIDES[lang].name}"


@LANGS
def test_the_numbers_of_the_rules_are_the_ones_the_code_uses(lang):
    text = " ".join(hand_written(lang).split())  # a line may wrap anywhere
    months, days = ("tháng", "ngày") if lang == "vi" else ("months", "days")
    assert f"{VALIDITY_MONTHS} {months}" in text
    assert f"{EXPIRING_DAYS} {days}" in text
    assert f"{RERATING_DUE_FROM_DAYS} {days}" in text
    assert f"0 {'đến' if lang == 'vi' else 'to'} {RERATING_DUE_FROM_DAYS - 1}" in text  # rerating_overdue


@LANGS
def test_the_choices_cited_exist_in_the_readme(lang):
    readme_choices = {int(n) for n in re.findall(r"^(\d+)\. \*\*", README.read_text(encoding="utf-8"), re.M)}
    word = "lựa chọn" if lang == "vi" else "choices?"
    cited = set()
    for numbers in re.findall(rf"\({word} ([\d, và and]+)", " ".join(hand_written(lang).split())):
        cited |= {int(n) for n in re.findall(r"\d+", numbers)}
    assert cited, "the guide cites the README's choices"
    assert cited <= readme_choices, f"cited choices not in README: {sorted(cited - readme_choices)}"


# -- the example message of each code -----------------------------------------------------------------

def test_every_code_has_an_example_message():
    assert sorted(set(CATALOGUE) - set(EXAMPLE_PROBLEMS)) == [], "codes with no example in ocop/outputs/docs.py EXAMPLE_PROBLEMS"
    assert sorted(set(EXAMPLE_PROBLEMS) - set(CATALOGUE)) == [], "examples for codes that are not in CATALOGUE"


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_example_message_fills_every_blank_and_is_printed_as_validate_prints(code):
    problem = example_problem(code)
    text = problem_text(problem)
    assert not re.search(r"\{[a-z_]+\}", text), f"a blank of {code} has no example value"
    assert text == format_problem(problem)


def test_example_messages_are_messages_the_validator_really_prints():
    # The stories of test_problem_messages.py run the validator on a mistaken record and hold its exact
    # output: where a code has stories, its example must be one of them, word for word. (A code with no
    # story there fails that module's own test_every_code_has_a_story.)
    from test_problem_messages import STORIES
    printed = {}
    for story in STORIES:
        printed.setdefault(story.code, []).append(story.expected)
    differ = [code for code in CATALOGUE
              if code in printed and problem_text(example_problem(code)) not in printed[code]]
    assert differ == [], "examples in ocop/outputs/docs.py that no story of test_problem_messages.py prints"


# -- the sample record the guides show validates --------------------------------------------------------

def fenced(markdown: str) -> str:
    body = markdown.split("```yaml\n", 1)[1]
    return body.rsplit("```", 1)[0]


@LANGS
def test_example_record_validates_as_shown(products, lang):
    write_record(products, "LC-0001", fenced(example_record(lang)))
    write_photo(products, "LC-0001/hop-che.jpg")
    data = load_dataset(products, TODAY)
    assert [p.code for p in data.problems] == []
    assert status_on(data.products[0], TODAY).status == "valid"


@LANGS
def test_example_revocation_and_withdrawal_validate_when_added(products, lang):
    record = fenced(example_record(lang))
    write_record(products, "LC-0001", record + fenced(example_block("revocation", lang)))
    write_record(products, "LC-0014", record.replace("id: LC-0001", "id: LC-0014")
                 + fenced(example_block("withdrawn", lang)))
    write_record(products, "LC-0015", record.replace("id: LC-0001", "id: LC-0015"))  # the replacement
    write_photo(products, "LC-0001/hop-che.jpg")
    data = load_dataset(products, TODAY)
    assert [p.code for p in data.problems] == []
    statuses = {p.id: status_on(p, TODAY).status for p in data.products}
    assert statuses == {"LC-0001": "revoked", "LC-0014": "withdrawn", "LC-0015": "valid"}
