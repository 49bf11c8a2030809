"""The OCOP rules at their edges (ocop-rules.md §1–5), through the public functions of the core
and, for whole records, through ``ocop.reading.dataset.load_dataset``.

Every boundary named in the rules is tested on both sides: the star bands, the minimums cap and
forwarding, the 36-month term with its month-end clamp, the 180-day re-rating window, the rule-set
dates and the 2026 transition, and the district level abolished on 06/07/2025.
"""

import shutil
from datetime import date, timedelta
from decimal import Decimal

import pytest
import yaml
from conftest import SAMPLE_UNITS, SCRATCH_DATASET

from ocop.cli import main
from ocop.reading.dataset import load_dataset
from ocop.rules import criteria
from ocop.rules.certificates import (
    CANDIDATE,
    EXPIRED,
    EXPIRING,
    REVOKED,
    VALID,
    expires_on,
    status_on,
)
from ocop.rules.ranking import band, rank
from ocop.rules.records import Certificate, Evaluation, Product, Revocation
from ocop.rules.rulesets import resolve, rule_set_for

TODAY = date(2026, 11, 28)


# -- helpers -------------------------------------------------------------------------------------

def d(text):
    return date.fromisoformat(text)


def evaluation(day, total, council="district", rules=None, minimums_met=None, criteria_points=None, index=0):
    """An ``Evaluation`` scoring ``total`` (split into parts that never exceed a part maximum)."""
    total = Decimal(str(total))
    a = min(total, Decimal(35))
    b = min(total - a, Decimal(25))
    c = total - a - b
    return Evaluation(index=index, date=d(day), council=council, kind="first", round=None, rules=rules,
                      scores={"A": a, "B": b, "C": c}, minimums_met=minimums_met, criteria=criteria_points)


def certificate(day, stars=3, level="province", index=0, decision=None):
    return Certificate(index=index, decision=decision or f"{index + 1}/QĐ-UBND", date=d(day),
                       issuer="UBND tỉnh Lai Châu", level=level, stars=stars)


def product(*certificates, revocation=None):
    return Product(id="LC-0100", source="LC-0100.yaml", certificates=list(certificates), revocation=revocation)


def base_record(record_id="LC-0100", unit="phuong-tan-phong", product_set=11):
    """The smallest valid record: a candidate, no evaluations, no certificates, no photos."""
    return {
        "id": record_id,
        "name": {"vi": "Chè thử nghiệm"},
        "product_set": str(product_set),
        "unit": unit,
        "producer": {"name": "Hợp tác xã Thử nghiệm", "kind": "cooperative", "address": "Phường Tân Phong"},
        "description": {"vi": "Sản phẩm thử nghiệm."},
    }


def eval_entry(day, a, b, c, council="district", rules=None, minimums_met=None, kind="first"):
    entry = {"date": day, "council": council, "kind": kind}
    if rules:
        entry["rules"] = rules
    entry["scores"] = {"A": str(a), "B": str(b), "C": str(c)}
    if minimums_met is not None:
        entry["minimums_met"] = str(minimums_met)
    return entry


def cert_entry(day, level, stars, decision="1234/QĐ-UBND", issuer="UBND tỉnh Lai Châu"):
    return {"decision": decision, "date": day, "issuer": issuer, "level": level, "stars": str(stars)}


def write(folder, record):
    """Write ``record`` (a dict of strings) as ``<folder>/<id>.yaml``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "units.yaml").exists():  # the sample's own unit codes, which base_record uses
        shutil.copyfile(SAMPLE_UNITS, folder / "units.yaml")
    if not (folder / "dataset.yaml").exists():  # a dataset says who publishes it (else SP011)
        (folder / "dataset.yaml").write_text(SCRATCH_DATASET, encoding="utf-8")
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    (folder / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
    return folder


def load(folder, today=TODAY):
    return load_dataset(folder, today)


def codes(dataset):
    return sorted((p.code, p.path) for p in dataset.problems)


def error_codes(dataset):
    return sorted((p.code, p.path) for p in dataset.errors)


# -- §2 star band ----------------------------------------------------------------------------------

@pytest.mark.parametrize("score, stars", [
    ("0", 1), ("29.99", 1), ("30", 2), ("30.00", 2), ("49.99", 2), ("50", 3), ("69.99", 3),
    ("70", 4), ("70.00", 4), ("89.99", 4), ("90", 5), ("99.99", 5), ("100", 5),
])
def test_band_edges(score, stars):
    assert band(Decimal(score)) == stars


def test_band_never_rounds_before_banding():
    # "Keep two decimals; never round before banding": 69.995 rounds to 70.00 but is still 3★.
    assert band(Decimal("69.995")) == 3
    assert band(Decimal("89.999")) == 4


# -- §3–4 minimums cap, certifiability and forwarding -----------------------------------------------

def test_minimums_cap_the_band_and_a_capped_3_star_is_not_forwarded():
    ranked = rank(evaluation("2024-06-20", 75, "district", "qd148-2023", minimums_met=3), 11)
    assert (ranked.band, ranked.stars) == (4, 3)
    assert ranked.minimums_checked and ranked.minimums_source == "council"
    assert ranked.certifiable and ranked.certifier == "district"
    assert ranked.forward_to is None


@pytest.mark.parametrize("minimums_met, checked", [(4, True), (5, True), (None, False)])
def test_district_council_forwards_70_and_above_to_the_province_under_qd148(minimums_met, checked):
    ranked = rank(evaluation("2024-06-20", 70, "district", "qd148-2023", minimums_met), 11)
    assert ranked.stars == 4
    assert ranked.minimums_checked is checked
    assert ranked.forward_to == "province"


def test_district_council_keeps_69_99_under_qd148():
    ranked = rank(evaluation("2024-06-20", "69.99", "district", "qd148-2023"), 11)
    assert (ranked.stars, ranked.certifier, ranked.forward_to) == (3, "district", None)


def test_district_council_sends_a_5_star_dossier_to_the_province_first():
    ranked = rank(evaluation("2024-06-20", 92, "district", "qd148-2023", minimums_met=5), 11)
    assert (ranked.stars, ranked.certifier, ranked.forward_to) == (5, "central", "province")


@pytest.mark.parametrize("day, rules", [
    ("2024-06-25", "qd148-2023"), ("2025-11-14", "qd148-1489-2025"), ("2026-10-22", "qd26-2026"),
    ("2022-08-24", "qd1048-2019"),
])
def test_province_council_forwards_90_and_above_to_central(day, rules):
    ranked = rank(evaluation(day, 90, "province", rules, minimums_met=5), 11)
    assert (ranked.stars, ranked.certifier, ranked.forward_to) == (5, "central", "central")
    below = rank(evaluation(day, "89.99", "province", rules, minimums_met=5), 11)
    assert (below.stars, below.certifier, below.forward_to) == (4, "province", None)


def test_province_council_with_5_star_score_but_4_star_minimums_is_not_forwarded():
    ranked = rank(evaluation("2026-10-22", 95, "province", "qd26-2026", minimums_met=4), 11)
    assert (ranked.band, ranked.stars, ranked.forward_to) == (5, 4, None)


def test_after_1489_the_province_certifies_3_and_4_stars():
    for total, stars in (("50", 3), ("75", 4)):
        ranked = rank(evaluation("2025-11-14", total, "province", "qd148-1489-2025", minimums_met=4), 11)
        assert (ranked.stars, ranked.certifier, ranked.forward_to) == (stars, "province", None)


@pytest.mark.parametrize("total, minimums_met, stars", [
    ("29.99", None, 1), ("30", None, 2), ("49.99", 5, 2), ("80", 2, 2), ("95", 2, 2),
])
def test_1_and_2_stars_are_not_certifiable_nor_forwarded(total, minimums_met, stars):
    ranked = rank(evaluation("2024-06-20", total, "district", "qd148-2023", minimums_met), 11)
    assert ranked.stars == stars
    assert ranked.certifiable is False
    assert ranked.certifier is None and ranked.forward_to is None


def test_central_council_has_nowhere_to_forward():
    ranked = rank(evaluation("2024-08-20", "90.5", "central", "qd148-2023", minimums_met=5), 11)
    assert (ranked.stars, ranked.forward_to) == (5, None)


def test_rank_of_an_evaluation_without_usable_scores_is_none():
    broken = Evaluation(0, d("2024-06-20"), "district", "first", None, None,
                        {"A": Decimal(30), "B": None, "C": Decimal(20)}, None, None)
    assert rank(broken, 11) is None


# -- §3 minimums from a complete qd26-2026 scoring sheet ---------------------------------------------

def _sheet(product_set):
    return criteria.sheet_for("qd26-2026", product_set)


def _all_max(sheet):
    return {code: Decimal(max(c.points)) for code, c in sheet.criteria.items()}


def _below_mark(sheet, star):
    """(code, points) of an option that meets the (star-1) minimum but not the ``star`` one, or None."""
    for code, c in sheet.criteria.items():
        mark = c.minimum_points.get(star)
        if mark is None:
            continue
        floor = c.minimum_points.get(star - 1, min(c.points)) if star > 3 else min(c.points)
        options = [p for p in c.points if floor <= p < mark]
        if options:
            return code, Decimal(max(options))
    return None


SETS = range(1, 27)
SETS_WITH = {star: [n for n in SETS if _below_mark(_sheet(n), star)] for star in (3, 4, 5)}


def test_every_set_has_a_sheet_under_qd26_and_none_under_older_rules():
    for n in SETS:
        assert _sheet(n) is not None, n
        assert criteria.sheet_for("qd148-2023", n) is None
    # The marks that distinguish stars exist on most sheets (the parametrised cases below are not empty).
    assert len(SETS_WITH[3]) >= 20 and len(SETS_WITH[4]) == 26 and len(SETS_WITH[5]) >= 20


@pytest.mark.parametrize("product_set", SETS)
def test_all_options_at_their_maximum_meet_5_stars_and_add_up_to_the_part_maxima(product_set):
    result = _sheet(product_set).evaluate(_all_max(_sheet(product_set)))
    assert result.complete
    assert result.highest_star_met == 5
    assert result.part_totals == {"A": 40, "B": 25, "C": 35}


@pytest.mark.parametrize("star", [3, 4, 5])
def test_one_criterion_below_its_mark_caps_the_minimums_one_star_lower(star):
    for product_set in SETS_WITH[star]:
        sheet = _sheet(product_set)
        code, points = _below_mark(sheet, star)
        result = sheet.evaluate({**_all_max(sheet), code: points})
        assert result.complete, (product_set, code)
        assert result.highest_star_met == star - 1, (product_set, code, points)


def test_lowest_options_everywhere_meet_no_3_star_minimum():
    sheet = _sheet(11)
    result = sheet.evaluate({code: Decimal(min(c.points)) for code, c in sheet.criteria.items()})
    assert result.highest_star_met == 2


def test_incomplete_or_wrong_sheets_give_no_star():
    sheet = _sheet(11)
    points = _all_max(sheet)
    first = next(iter(points))
    missing = {k: v for k, v in points.items() if k != first}
    assert sheet.evaluate(missing).missing == [first] and sheet.evaluate(missing).highest_star_met is None
    wrong = {**points, first: Decimal("1.5")}
    assert not sheet.evaluate(wrong).complete and sheet.evaluate(wrong).highest_star_met is None
    unknown = {**points, "99.9": Decimal(1)}
    assert sheet.evaluate(unknown).unknown == ["99.9"]


def test_rank_takes_its_minimums_from_the_sheet_when_the_evaluation_carries_one():
    sheet = _sheet(11)
    code, points = _below_mark(sheet, 4)
    for criteria_points, stars, forward in ((_all_max(sheet), 5, "central"),
                                            ({**_all_max(sheet), code: points}, 3, None)):
        totals = sheet.evaluate(criteria_points).part_totals
        ev = Evaluation(0, d("2026-10-22"), "province", "first", None, "qd26-2026", totals,
                        minimums_met=5, criteria=criteria_points)
        ranked = rank(ev, 11)
        assert ranked.minimums_source == "criteria"
        assert (ranked.band, ranked.stars, ranked.forward_to) == (5, stars, forward)


# -- §5 certificate term and status ----------------------------------------------------------------

@pytest.mark.parametrize("issued, expires", [
    ("2024-02-29", "2027-02-28"), ("2024-01-31", "2027-01-31"), ("2023-08-31", "2026-08-31"),
    ("2024-06-28", "2027-06-28"), ("2025-02-28", "2028-02-28"), ("2023-12-31", "2026-12-31"),
    ("2025-03-31", "2028-03-31"), ("2026-02-28", "2029-02-28"),
])
def test_expires_36_months_later_with_the_month_end_clamp(issued, expires):
    assert expires_on(d(issued)) == d(expires)


def test_valid_through_the_expiry_day_and_expired_the_next():
    p = product(certificate("2024-06-28"))
    last = status_on(p, d("2027-06-28"))
    assert (last.status, last.days_left, last.expires) == (EXPIRING, 0, d("2027-06-28"))
    assert last.may_carry_mark
    after = status_on(p, d("2027-06-29"))
    assert (after.status, after.days_left) == (EXPIRED, -1)
    assert not after.may_carry_mark


def test_leap_day_certificate_expires_on_28_february():
    p = product(certificate("2024-02-29"))
    assert status_on(p, d("2027-02-28")).status == EXPIRING
    assert status_on(p, d("2027-03-01")).status == EXPIRED


def test_re_rating_window_opens_at_180_days_left():
    p = product(certificate("2024-06-28"))
    expiry = d("2027-06-28")
    at_180 = status_on(p, expiry - timedelta(days=180))
    at_181 = status_on(p, expiry - timedelta(days=181))
    assert (at_180.status, at_180.days_left) == (EXPIRING, 180)
    assert (at_181.status, at_181.days_left) == (VALID, 181)


def test_the_newest_certificate_is_current_and_older_ones_are_superseded():
    old = certificate("2023-08-15", 3, "district", index=0)
    new = certificate("2026-06-30", 4, "province", index=1)
    status = status_on(product(old, new), TODAY)
    assert status.current == new and status.superseded == (old,)
    assert status.expires == d("2029-06-30") and status.status == VALID
    # Listed out of order, the newest still wins (order is a separate check, SP232).
    assert status_on(product(new, old), TODAY).current == new
    # Before the newer decision, the older one was current and is now expiring.
    earlier = status_on(product(old, new), d("2026-06-29"))
    assert earlier.current == old and earlier.status == EXPIRING and earlier.superseded == ()


def test_a_revoked_certificate_is_revoked_from_the_revocation_date():
    revocation = Revocation("318/QĐ-UBND", d("2026-03-10"), "đ", None)
    p = product(certificate("2024-09-26", 3, "district"), revocation=revocation)
    assert status_on(p, d("2026-03-09")).status == VALID
    on_the_day = status_on(p, d("2026-03-10"))
    assert on_the_day.status == REVOKED and not on_the_day.may_carry_mark
    # Revocation is distinct from expiry: after the term it is still "revoked".
    assert status_on(p, d("2028-01-01")).status == REVOKED


def test_a_later_certificate_ends_an_earlier_revocation():
    revocation = Revocation("318/QĐ-UBND", d("2025-03-10"), "b", None)
    p = product(certificate("2024-09-26", index=0), certificate("2026-06-30", index=1), revocation=revocation)
    assert status_on(p, TODAY).status == VALID


def test_a_product_without_a_certificate_is_a_candidate():
    status = status_on(product(), TODAY)
    assert (status.status, status.current, status.expires, status.days_left) == (CANDIDATE, None, None, None)
    assert not status.may_carry_mark


def test_a_certificate_dated_after_today_does_not_count_yet():
    future = certificate("2026-12-15", 4, index=1)
    assert status_on(product(future), TODAY).status == CANDIDATE
    older = certificate("2023-12-20", 3, "district", index=0)
    status = status_on(product(older, future), TODAY)
    assert status.current == older and status.status == EXPIRING and status.superseded == ()
    assert status_on(product(older, future), d("2026-12-15")).current == future


# -- §1 rule sets by date ----------------------------------------------------------------------------

@pytest.mark.parametrize("day, code", [
    ("2019-08-21", "qd1048-2019"), ("2023-02-23", "qd1048-2019"), ("2023-02-24", "qd148-2023"),
    ("2025-07-05", "qd148-2023"), ("2025-07-06", "qd148-1489-2025"),
    ("2026-05-21", "qd148-1489-2025"), ("2026-05-22", "qd26-2026"), ("2030-01-01", "qd26-2026"),
])
def test_default_rule_set_by_date(day, code):
    assert rule_set_for(d(day)).code == code
    assert resolve(None, d(day)).code == code


def test_an_explicit_rule_set_wins_over_the_date():
    assert resolve("qd148-1489-2025", d("2026-06-15")).code == "qd148-1489-2025"
    assert resolve("qd26-2026", d("2026-06-15")).code == "qd26-2026"


@pytest.mark.parametrize("code, first, last", [
    ("qd148-2023", "2023-02-24", "2025-07-05"),
    ("qd148-1489-2025", "2025-07-06", "2026-07-21"),
])
def test_rule_set_in_force_boundaries(code, first, last):
    rule_set = resolve(code, d(first))
    assert rule_set.in_force_on(d(first)) and rule_set.in_force_on(d(last))
    assert not rule_set.in_force_on(d(first) - timedelta(days=1))
    assert not rule_set.in_force_on(d(last) + timedelta(days=1))


def test_part_maxima_per_rule_set():
    assert rule_set_for(d("2023-02-23")).part_max == {"A": 35, "B": 25, "C": 40}
    for day in ("2023-02-24", "2025-07-06", "2026-05-22"):
        assert rule_set_for(d(day)).part_max == {"A": 40, "B": 25, "C": 35}


# -- whole records: rule sets ----------------------------------------------------------------------

def test_the_minimal_record_is_clean(tmp_path):
    dataset = load(write(tmp_path / "p", base_record()))
    assert codes(dataset) == []


def test_explicit_148_1489_accepted_during_the_2026_transition(tmp_path):
    record = base_record()
    record["evaluations"] = [eval_entry("2026-06-15", 30, 18, 25, "province", "qd148-1489-2025")]
    assert codes(load(write(tmp_path / "p", record))) == []


def test_explicit_148_1489_refused_once_it_lapsed(tmp_path):
    record = base_record()
    record["evaluations"] = [eval_entry("2026-07-22", 30, 18, 25, "province", "qd148-1489-2025")]
    dataset = load(write(tmp_path / "p", record))
    assert codes(dataset) == [("SP217", "evaluations[0].rules")]
    assert dataset.errors[0].params["default"] == "qd26-2026"


def test_explicit_26_2026_refused_before_it_took_force(tmp_path):
    record = base_record()
    record["evaluations"] = [eval_entry("2026-05-21", 30, 18, 25, "province", "qd26-2026")]
    assert codes(load(write(tmp_path / "p", record))) == [("SP217", "evaluations[0].rules")]


@pytest.mark.parametrize("day, problems", [
    ("2023-02-23", [("SP216", "evaluations[0].scores.A")]),  # qd1048-2019: A max 35
    ("2023-02-24", []),  # qd148-2023: A max 40
])
def test_part_a_36_depends_on_the_rule_set_of_the_date(tmp_path, day, problems):
    record = base_record(unit="tan-phong")
    record["evaluations"] = [eval_entry(day, 36, 20, 30, "province")]
    assert codes(load(write(tmp_path / "p", record))) == problems


@pytest.mark.parametrize("day, problems", [
    ("2023-02-23", []),  # qd1048-2019: C max 40
    ("2023-02-24", [("SP216", "evaluations[0].scores.C")]),  # qd148-2023: C max 35
])
def test_part_c_36_depends_on_the_rule_set_of_the_date(tmp_path, day, problems):
    record = base_record(unit="tan-phong")
    record["evaluations"] = [eval_entry(day, 30, 20, 36, "province")]
    assert codes(load(write(tmp_path / "p", record))) == problems


@pytest.mark.parametrize("day, problems", [
    ("2025-07-05", [("SP205", "evaluations[0].council")]),  # no district body from 01/07/2025
    ("2025-07-06", [("SP223", "evaluations[0].council")]),
])
def test_no_district_council_after_1489(tmp_path, day, problems):
    record = base_record(unit="phuong-tan-phong")
    record["evaluations"] = [eval_entry(day, 30, 18, 20, "district")]
    assert codes(load(write(tmp_path / "p", record))) == problems


# -- whole records: certificates across the abolition of the district level -------------------------

def _district_3_star(cert_day, unit="san-thang"):
    record = base_record(unit=unit)
    record["evaluations"] = [eval_entry("2025-06-20", 28, 15, 20, "district", "qd148-2023", 3)]
    record["certificates"] = [cert_entry(cert_day, "district", 3, issuer="UBND thành phố Lai Châu")]
    return record


@pytest.mark.parametrize("today, status, days_left, problems", [
    (TODAY, VALID, 580, []),
    (d("2028-06-30") - timedelta(days=181), VALID, 181, []),
    (d("2028-06-30") - timedelta(days=180), EXPIRING, 180, [("SP302", "certificates[0]")]),
    (d("2028-06-30"), EXPIRING, 0, [("SP302", "certificates[0]")]),
    (d("2028-07-01"), EXPIRED, -1, [("SP301", "certificates[0]")]),
])
def test_district_3_star_of_30_06_2025_stays_valid_after_the_district_level_was_abolished(
        tmp_path, today, status, days_left, problems):
    dataset = load(write(tmp_path / "p", _district_3_star("2025-06-30")), today)
    assert codes(dataset) == problems
    assert dataset.errors == []
    result = status_on(dataset.products[0], today)
    assert result.expires == d("2028-06-30")
    assert (result.status, result.days_left) == (status, days_left)


def test_district_certificate_dated_after_1489_is_an_error(tmp_path):
    dataset = load(write(tmp_path / "p", _district_3_star("2025-07-06", unit="phuong-tan-phong")))
    assert error_codes(dataset) == [("SP231", "certificates[0].level")]
    problem = dataset.errors[0]
    assert problem.params["allowed"] == "province" and problem.params["rules"] == "qd148-1489-2025"


def test_province_3_star_under_148_1489_is_fine(tmp_path):
    record = base_record()
    record["evaluations"] = [eval_entry("2025-11-14", 28, 15, 20, "province", minimums_met=3)]
    record["certificates"] = [cert_entry("2025-12-05", "province", 3)]
    assert codes(load(write(tmp_path / "p", record))) == []


def test_4_star_district_certificate_is_an_error(tmp_path):
    record = base_record(unit="san-thang")
    record["evaluations"] = [eval_entry("2024-06-20", 33, 20, 25, "district", "qd148-2023", 4)]
    record["certificates"] = [cert_entry("2024-06-28", "district", 4, issuer="UBND thành phố Lai Châu")]
    dataset = load(write(tmp_path / "p", record))
    assert error_codes(dataset) == [("SP231", "certificates[0].level")]
    assert dataset.errors[0].params["allowed"] == "province"


def test_5_star_province_certificate_is_an_error(tmp_path):
    record = base_record(unit="san-thang")
    record["evaluations"] = [eval_entry("2024-06-20", 38, 23, 32, "province", "qd148-2023", 5)]
    record["certificates"] = [cert_entry("2024-06-28", "province", 5)]
    assert error_codes(load(write(tmp_path / "p", record))) == [("SP231", "certificates[0].level")]


def test_certificate_above_the_latest_evaluations_stars_is_an_error(tmp_path):
    record = base_record(unit="san-thang")
    # 75 points but only the 3★ minimums met: 3★, so a 4★ certificate is wrong.
    record["evaluations"] = [eval_entry("2024-06-20", 33, 20, 22, "province", "qd148-2023", 3)]
    record["certificates"] = [cert_entry("2024-06-28", "province", 4)]
    dataset = load(write(tmp_path / "p", record))
    assert error_codes(dataset) == [("SP230", "certificates[0].stars")]
    assert dataset.errors[0].params["rank"] == 3


def test_certificate_stars_follow_the_evaluation_before_the_decision(tmp_path):
    record = base_record()
    record["evaluations"] = [
        eval_entry("2025-11-14", 28, 15, 20, "province", minimums_met=3),
        eval_entry("2026-06-18", 33, 20, 22, "province", minimums_met=4, kind="upgrade"),
    ]
    # The 4★ decision of 30/06/2026 follows the upgrade scoring of 18/06/2026: fine.
    record["certificates"] = [cert_entry("2025-12-05", "province", 3, "1/QĐ-UBND"),
                              cert_entry("2026-06-30", "province", 4, "2/QĐ-UBND")]
    assert codes(load(write(tmp_path / "p", record))) == []
    # A 4★ decision dated before the upgrade scoring is above the rank of its time.
    record["certificates"][1]["date"] = "2026-06-17"
    assert error_codes(load(write(tmp_path / "p", record))) == [("SP230", "certificates[1].stars")]


def test_certificate_without_evaluations_is_accepted_and_ranks_null(tmp_path, capsys):
    record = base_record()
    record["certificates"] = [cert_entry("2025-12-05", "province", 3)]
    folder = write(tmp_path / "p", record)
    assert codes(load(folder)) == []
    assert main(["rank", "--products", str(folder), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    import json

    [row] = json.loads(capsys.readouterr().out)
    assert row["id"] == "LC-0100"
    assert row["score"] is None and row["stars"] is None and row["band"] is None


def test_a_criterion_that_is_not_a_number_is_reported_never_a_crash(tmp_path):
    sheet = _sheet(11)
    points = {code: str(v) for code, v in _all_max(sheet).items()}
    first = next(iter(points))
    points[first] = "abc"
    record = base_record()
    entry = eval_entry("2026-10-22", 40, 25, 35, "province", "qd26-2026")
    entry["criteria"] = points
    record["evaluations"] = [entry]
    dataset = load(write(tmp_path / "p", record))  # must not raise
    assert ("SP104", f"evaluations[0].criteria.{first}") in codes(dataset)


def test_complete_criteria_checked_against_scores_and_minimums(tmp_path):
    sheet = _sheet(11)
    code, below = _below_mark(sheet, 4)
    points = {**_all_max(sheet), code: below}
    totals = sheet.evaluate(points).part_totals
    record = base_record()
    entry = eval_entry("2026-10-22", totals["A"], totals["B"], totals["C"], "province", "qd26-2026")
    entry["criteria"] = {k: str(v) for k, v in points.items()}
    record["evaluations"] = [entry]
    assert codes(load(write(tmp_path / "p", record))) == []
    entry["minimums_met"] = "5"
    assert codes(load(write(tmp_path / "p", record))) == [("SP222", "evaluations[0].minimums_met")]
    entry["minimums_met"] = "3"
    part = sheet.criteria[code].part  # the part that lost points: its recorded total no longer adds up
    entry["scores"][part] = str(totals[part] + 1)
    assert codes(load(write(tmp_path / "p", record))) == [("SP219", f"evaluations[0].scores.{part}")]
