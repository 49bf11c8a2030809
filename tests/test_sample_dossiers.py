"""The sample's dossiers (products/, issue 14): a dossier at every step, for officers to learn from, and
none of it in what the public reads.

The steps are read from the records through the loader and ``ocop.rules.dossiers`` (never by grepping
the text), on the tests' day. The public side is built twice from the same records, once with every
``dossiers:`` taken out of the files, and compared: the open data, the finder's index and each
product page's view must be the same.
"""

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import TODAY

from ocop.outputs.exports import certified_atom, products_csv, products_json, status_json
from ocop.outputs.search_index import search_files
from ocop.reading.dataset import load_dataset
from ocop.rules.certificates import expires_on
from ocop.rules.dossiers import STEPS, dossier_state
from ocop.rules.facts import published_facts
from ocop.site.views import card_view, product_view

SAMPLE = Path(__file__).resolve().parent.parent / "products"
SITE = "https://ocop.example.vn"
# A top-level ``dossiers:`` and every line under it (indented or a comment), up to the next field.
DOSSIERS_BLOCK = re.compile(r"^dossiers:.*\n(?:(?:[ #].*)?\n)*", re.M)

# Where each dossier of the sample stands on TODAY: (record, position in its list) → (kind, step, outcome).
WHERE_THEY_STAND = {
    ("LC-0001", 0): ("first", "decided", "certified"),
    ("LC-0001", 1): ("upgrade", "assessed", "open"),
    ("LC-0002", 0): ("first", "decided", "certified"),
    ("LC-0002", 1): ("upgrade", "decided", "certified"),
    ("LC-0003", 0): ("first", "decided", "certified"),
    ("LC-0003", 1): ("first", "returned", "open"),  # registered again after its certificate expired
    ("LC-0004", 0): ("first", "decided", "certified"),
    ("LC-0004", 1): ("rerating", "forwarded", "open"),
    ("LC-0005", 0): ("first", "decided", "certified"),
    ("LC-0006", 0): ("first", "decided", "certified"),
    ("LC-0006", 1): ("upgrade", "registered", "open"),
    ("LC-0007", 0): ("first", "decided", "certified"),
    ("LC-0008", 0): ("first", "scored", "open"),
    ("LC-0009", 0): ("first", "decided", "certified"),
    ("LC-0010", 0): ("first", "decided", "certified"),
    ("LC-0010", 1): ("rerating", "decided", "certified"),
    ("LC-0011", 0): ("first", "resubmitted", "open"),  # registered again after its certificate expired
    ("LC-0012", 0): ("first", "decided", "certified"),
    ("LC-0012", 1): ("upgrade", "withdrawn", "withdrawn"),
    ("LC-0013", 0): ("first", "scored", "open"),
    ("LC-0014", 0): ("first", "decided", "certified"),
    ("LC-0014", 1): ("rerating", "decided", "not_recognised"),
    ("LC-0015", 0): ("first", "decided", "certified"),
}


@pytest.fixture(scope="module")
def sample():
    return load_dataset(SAMPLE, TODAY)


def _states(data):
    return {(p.id, d.index): dossier_state(d, p, TODAY) for p in data.products for d in p.dossiers}


# -- a dossier at every step ----------------------------------------------------------------------------

def test_the_sample_is_clean_with_its_dossiers(sample):
    assert [p.text() for p in sample.errors] == []
    assert sum(len(p.dossiers) for p in sample.products) == len(WHERE_THEY_STAND)


def test_the_sample_holds_a_dossier_at_every_step(sample):
    states = _states(sample)
    assert {key: (state.dossier.kind, state.step, state.outcome.kind) for key, state in states.items()} == \
        WHERE_THEY_STAND
    assert {state.step for state in states.values()} == set(STEPS)
    # Both ends of a decision: a certificate, and a refusal with its reason.
    outcomes = {state.outcome.kind for state in states.values() if state.step == "decided"}
    assert outcomes == {"certified", "not_recognised"}
    refused = states[("LC-0014", 1)]
    assert refused.outcome.reason == "Đạt 46,50 điểm, dưới 50 điểm, chỉ xếp hạng 2 sao nên không được công nhận lại"


def test_no_open_dossier_is_late_and_every_step_is_on_or_before_the_day(sample):
    states = _states(sample)
    assert [key for key, state in states.items() if state.late] == []
    for product in sample.products:
        for dossier in product.dossiers:
            days = [dossier.registered, dossier.scored]
            days += [day for r in dossier.returned for day in (r.date, r.resubmitted)]
            days += [step.date for step in (dossier.assessed, dossier.forwarded, dossier.decided, dossier.withdrawn)
                     if step]
            assert max(day for day in days if day) <= TODAY, (product.id, dossier.index)


def test_each_certificate_with_its_scoring_closes_a_dossier_decided_with_it(sample):
    """Certified records' dossiers end in their certificates: scored on the evaluation's day, decided with
    the certificate's number and date. LC-0011 was certified without a recorded scoring, so no dossier
    can end in its certificate (a decision needs a scoring): its only dossier is a new registration."""
    for product in sample.products:
        for certificate in product.certificates:
            decided = [d for d in product.dossiers
                       if d.decided and (d.decided.certificate, d.decided.date) == (certificate.decision, certificate.date)]
            if product.id == "LC-0011":
                assert decided == [] and product.evaluations == []
                continue
            assert len(decided) == 1, (product.id, certificate.decision)
            assert decided[0].scored in {e.date for e in product.evaluations if e.date <= certificate.date}


def test_one_expiring_certificate_has_a_rerating_dossier_filed_in_the_window_and_one_has_none(sample):
    """LC-0004's re-rating is under way; LC-0005 filed none, so the re-rating lists still show one."""
    by_id = {p.id: p for p in sample.products}
    for record_id in ("LC-0004", "LC-0005"):
        expires = expires_on(by_id[record_id].certificates[-1].date)
        assert timedelta(0) <= expires - TODAY <= timedelta(days=180), record_id  # expiring on TODAY
    product = by_id["LC-0004"]
    expires = expires_on(product.certificates[-1].date)
    [rerating] = [d for d in product.dossiers if d.kind == "rerating"]
    # 26/2026: not earlier than 180 and not later than 120 days before expiry.
    assert expires - timedelta(days=180) <= rerating.registered <= expires - timedelta(days=120)
    assert dossier_state(rerating, product, TODAY).open
    assert [d.kind for d in by_id["LC-0005"].dossiers] == ["first"]


# -- none of it reaches the public ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def without_dossiers(tmp_path_factory):
    """A copy of the sample whose record files have no ``dossiers:`` at all."""
    folder = tmp_path_factory.mktemp("sample") / "products"
    shutil.copytree(SAMPLE, folder)
    for path in folder.glob("LC-*.yaml"):
        path.write_text(DOSSIERS_BLOCK.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")
    return load_dataset(folder, TODAY)


def test_the_copy_differs_from_the_sample_only_by_its_dossiers(sample, without_dossiers):
    assert sum(len(p.dossiers) for p in sample.products) > 0
    assert [p.text() for p in without_dossiers.errors] == []
    assert [(p.id, p.dossiers) for p in without_dossiers.products] == [(p.id, []) for p in sample.products]


def test_the_open_data_is_the_same_without_the_dossiers(sample, without_dossiers):
    with_them, without = published_facts(sample), published_facts(without_dossiers)
    assert [f.id for f in with_them] == [f.id for f in without] and len(with_them) == 13
    for make in (products_json, products_csv, status_json):
        assert make(with_them, TODAY, SITE) == make(without, TODAY, SITE), make.__name__
    for lang in ("vi", "en"):
        assert certified_atom(with_them, SITE, "OCOP", TODAY, lang) == certified_atom(without, SITE, "OCOP", TODAY, lang)
    assert search_files(with_them) == search_files(without)


def test_each_product_page_shows_the_same_without_the_dossiers(sample, without_dossiers):
    for facts, other in zip(published_facts(sample), published_facts(without_dossiers), strict=True):
        for lang in ("vi", "en"):
            qr = f"{SITE}/p/{facts.id}/"
            page = product_view(facts, lang, SITE, [], f"/p/{facts.id}/", qr)
            assert page == product_view(other, lang, SITE, [], f"/p/{facts.id}/", qr), (facts.id, lang)
            assert card_view(facts, lang) == card_view(other, lang)
            # The words officers write in a dossier appear nowhere on the page.
            for dossier in facts.product.dossiers:
                if dossier.assessed:
                    assert dossier.assessed.report not in repr(page), (facts.id, dossier.assessed.report)
