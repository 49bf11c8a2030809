"""Section 5.4 of the officers' guides shows a dossier step by step: every example, put into the
guide's own sample record as an officer would, validates clean and leaves the dossier at the step
the guide names. A wrong example in the guide fails here, in either language."""

import textwrap
from datetime import date

import pytest
import yaml
from conftest import TODAY, write_photo, write_record
from test_guide import GUIDES, LANGS, fenced, guide

from ocop.outputs.docs import example_record
from ocop.reading.dataset import load_dataset
from ocop.reading.yamltree import read_document
from ocop.rules.dossiers import dossier_state

# The step each example of section 5.4 leaves the first dossier at, in the guide's order; the
# re-rating example opens a second dossier, in the certificate's window (it expires on 28/06/2027).
STEPS = ["registered", "returned", "resubmitted", "assessed", "forwarded", "scored", "decided", "decided",
         "withdrawn", "registered"]
RERATING_DAY = date(2027, 1, 10)


def examples(lang) -> list[str]:
    section = guide(lang).split("### 5.4 ", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:]]


def read_example(text, lang):
    """An example as the validator reads records (every value text, a key written twice refused)."""
    document, problems = read_document(textwrap.dedent(text), str(GUIDES[lang]))
    assert document is not None and problems == [], (text, problems)
    return document.value


def dossiers_after_each_example(lang):
    """The ``dossiers:`` list after each example: a whole list replaces it, a new item (``  - kind:``)
    is added to it, indented keys update its last dossier."""
    dossiers = []
    for text in examples(lang):
        if text.startswith("dossiers:"):
            dossiers = read_example(text, lang)["dossiers"]
        elif text.startswith("  - "):
            dossiers = dossiers + read_example(text, lang)
        else:
            dossiers = dossiers[:-1] + [{**dossiers[-1], **read_example(text, lang)}]
        yield dossiers


@LANGS
def test_the_guide_shows_one_example_per_step(lang):
    assert len(examples(lang)) == len(STEPS), GUIDES[lang]


@LANGS
@pytest.mark.parametrize("number", range(len(STEPS)))
def test_each_dossier_example_validates_at_its_step(products, lang, number):
    dossiers = list(dossiers_after_each_example(lang))[number]
    today = RERATING_DAY if len(dossiers) > 1 else TODAY
    record = fenced(example_record(lang)) + yaml.safe_dump({"dossiers": dossiers}, allow_unicode=True,
                                                            sort_keys=False)
    write_record(products, "LC-0001", record)
    write_photo(products, "LC-0001/hop-che.jpg")
    data = load_dataset(products, today)
    assert [(p.code, p.path) for p in data.problems] == []
    (product,) = data.products
    assert dossier_state(product.dossiers[-1], product, today).step == STEPS[number]
