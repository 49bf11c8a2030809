"""The validator's checks of a dossier (hồ sơ đăng ký): whatever its dates, a dossier whose steps come in
order, each after the step it needs, validates clean; two of its dates swapped, the order problem
(SP260) is told at each step that now comes too early, naming the step it comes before.

The exact messages of every code are the stories of test_problem_messages.py; here the dates are
random. Records are checked as `ocop validate` checks them (``check_record_text``), on
``PROPERTY_TODAY``, in the days thành phố's district council still scored and certified 3★
(qd148-2023), so that a dossier's scoring and decision can be any of those days.
"""

import shutil
from datetime import date, timedelta

import pytest
from conftest import GOOD_RECORD, SAMPLE_UNITS, SCRATCH_DATASET, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_problem_messages import DOSSIER

from ocop.common.dates import vn_date
from ocop.reading.dataset import check_record_text, load_dataset

FIRST_DAY = date(2023, 3, 1)  # qd148-2023 in force: the district council scores and certifies 3★
PROPERTY_TODAY = date(2025, 6, 30)  # the district level's last day; its certificates are valid for years
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SHOWN = "products/LC-0001.yaml"

# GOOD_RECORD without its evaluation and certificate: each record below adds the ones its dossier led to.
CANDIDATE = GOOD_RECORD.split("evaluations:\n")[0]
# Where each step's date is written under the dossier, as problems name it.
STEP_PATHS = {"registered": "registered", "assessed": "assessed.date", "forwarded": "forwarded.date",
              "scored": "scored.date", "decided": "decided.date", "withdrawn": "withdrawn.date"}


def _dataset(tmp_path_factory, today):
    folder = tmp_path_factory.mktemp("dossiers") / "products"
    folder.mkdir()
    shutil.copyfile(SAMPLE_UNITS, folder / "units.yaml")
    (folder / "dataset.yaml").write_text(SCRATCH_DATASET, encoding="utf-8")
    return load_dataset(folder, today, check_history=False)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return _dataset(tmp_path_factory, PROPERTY_TODAY)


@pytest.fixture(scope="module")
def dataset_on_today(tmp_path_factory):
    return _dataset(tmp_path_factory, TODAY)


def problems_of(text, dataset):
    _, problems = check_record_text(text, SHOWN, "LC-0001", dataset)
    return problems


# -- building a record around a dossier ---------------------------------------------------------------

def chain(returns: int, end: str) -> list:
    """The steps of a dossier in the order they must come: ``(name, return number)``; ``end`` is
    'decided', 'withdrawn' or the last step reached when the dossier is still under way."""
    steps = [("registered", None)]
    for number in range(returns):
        steps += [("returned", number), ("resubmitted", number)]
    steps += [("assessed", None), ("forwarded", None), ("scored", None), ("decided", None)]
    if end == "withdrawn":
        return steps[:-1] + [("withdrawn", None)]
    names = [name for name, _ in steps]
    return steps[: len(steps) - names[::-1].index(end)] if end in names else steps


def step_path(step) -> str:
    name, number = step
    if name == "returned":
        return f"returned[{number}].date"
    if name == "resubmitted":
        return f"returned[{number}].resubmitted"
    return STEP_PATHS[name]


def record_with(steps, days, recognised=True) -> str:
    """A candidate record holding one dossier that took ``steps`` on ``days``, with the evaluation of
    its scoring day and, when the decision recognised it, the certificate of its decision day."""
    day = dict(zip(steps, days))
    lines = ["dossiers:", "  - kind: first", f"    registered: {day[('registered', None)]}"]
    returns = sorted(number for name, number in steps if name == "returned")
    if returns:
        lines.append("    returned:")
    for number in returns:
        lines += [f"      - date: {day[('returned', number)]}", "        missing: Thiếu phiếu kết quả kiểm nghiệm"]
        if ("resubmitted", number) in day:
            lines.append(f"        resubmitted: {day[('resubmitted', number)]}")
    if ("assessed", None) in day:
        lines += [f"    assessed:\n      date: {day[('assessed', None)]}\n      report: 15/BC-UBND",
                  "      local_contents: {origin: met, labour: met, idea: met, identity: not_met}"]
    if ("forwarded", None) in day:
        lines.append(f"    forwarded: {{date: {day[('forwarded', None)]}, to: Phòng Kinh tế thành phố}}")
    if ("scored", None) in day:
        lines.append(f"    scored: {{date: {day[('scored', None)]}}}")
    decided = day.get(("decided", None))
    if decided:
        outcome = "certificate: 1234/QĐ-UBND" if recognised else "not_recognised: Điểm dưới 50"
        lines.append(f"    decided: {{date: {decided}, {outcome}}}")
    if ("withdrawn", None) in day:
        lines.append(f"    withdrawn: {{date: {day[('withdrawn', None)]}, reason: Chủ thể xin rút hồ sơ}}")
    text = CANDIDATE + "\n".join(lines) + "\n"
    if ("scored", None) in day:
        text += ("evaluations:\n"
                 f"  - date: {day[('scored', None)]}\n"
                 "    council: district\n"
                 "    kind: first\n"
                 "    scores: {A: 31.5, B: 17, C: 22.25}\n"
                 "    minimums_met: 3\n")
    if decided and recognised:
        text += ("certificates:\n"
                 "  - decision: 1234/QĐ-UBND\n"
                 f"    date: {decided}\n"
                 "    issuer: UBND thành phố Lai Châu\n"
                 "    level: district\n"
                 "    stars: 3\n")
    return text


ENDS = ("registered", "returned", "resubmitted", "assessed", "forwarded", "scored", "decided", "withdrawn")


@st.composite
def dossiers(draw, distinct=False):
    """(steps, days, recognised): a dossier's steps and their days, on or before PROPERTY_TODAY, in order."""
    returns = draw(st.integers(0, 2))
    end = draw(st.sampled_from(ENDS if returns else tuple(e for e in ENDS if e not in ("returned", "resubmitted"))))
    steps = chain(returns, end)  # ending in "returned": the last return is still with the producer
    span = (PROPERTY_TODAY - FIRST_DAY).days
    offsets = draw(st.lists(st.integers(0, span), min_size=len(steps), max_size=len(steps), unique=distinct))
    days = [FIRST_DAY + timedelta(days=offset) for offset in sorted(offsets)]
    return steps, days, draw(st.booleans())


# -- the records the checks start from ------------------------------------------------------------------

def test_the_stories_dossier_is_clean(dataset_on_today):
    assert problems_of(GOOD_RECORD + DOSSIER, dataset_on_today) == []


def test_a_dossier_on_today_is_clean_and_one_a_day_later_is_not(dataset):
    steps = chain(0, "forwarded")
    days = [PROPERTY_TODAY - timedelta(days=2), PROPERTY_TODAY - timedelta(days=1), PROPERTY_TODAY]
    assert problems_of(record_with(steps, days), dataset) == []
    late = problems_of(record_with(steps, days[:-1] + [PROPERTY_TODAY + timedelta(days=1)]), dataset)
    assert [(p.code, p.path, p.message_en) for p in late] == [
        ("SP215", "dossiers[0].forwarded.date", "Date 01/07/2025 is in the future (today is 30/06/2025).")]


# -- properties ---------------------------------------------------------------------------------------------

@SETTINGS
@given(dossiers())
def test_a_dossier_in_order_validates_clean(dataset, drawn):
    steps, days, recognised = drawn
    text = record_with(steps, days, recognised)
    assert [(p.code, p.path, p.message_en) for p in problems_of(text, dataset)] == [], text


@SETTINGS
@given(dossiers(distinct=True), st.data())
def test_two_dates_swapped_are_told_at_the_steps_that_come_too_early(dataset, drawn, data):
    steps, days, recognised = drawn
    if len(steps) < 2:
        return
    first = data.draw(st.integers(0, len(steps) - 2))
    second = data.draw(st.integers(first + 1, len(steps) - 1))
    swapped = list(days)
    swapped[first], swapped[second] = days[second], days[first]
    text = record_with(steps, swapped, recognised)
    # Step ``first`` now holds the later day: each step after it up to ``second`` comes before it.
    earlier = f"the {_label_en(steps[first])} ({step_path(steps[first])}), {vn_date(days[second])}."
    expected = [("SP260", f"dossiers[0].{step_path(step)}") for step in steps[first + 1:second + 1]]
    found = problems_of(text, dataset)
    assert [(p.code, p.path) for p in found] == expected, text
    assert all(p.message_en.endswith(f"is before {earlier}") for p in found), [p.message_en for p in found]
    assert found[-1].message_en.startswith(
        f"Dossier steps out of order: the {_label_en(steps[second])} ({step_path(steps[second])}), "
        f"{vn_date(days[first])}, is before"), found[-1].message_en


def _label_en(step) -> str:
    return {"registered": "date registered", "returned": "date returned", "resubmitted": "date resubmitted",
            "assessed": "assessment date", "forwarded": "date forwarded", "scored": "scoring date",
            "decided": "decision date", "withdrawn": "date withdrawn"}[step[0]]


# -- what the stories do not show --------------------------------------------------------------------------

def test_a_scoring_date_with_no_evaluation_at_all_says_there_is_none(dataset):
    steps = chain(0, "scored")
    text = record_with(steps, [date(2024, 3, 2), date(2024, 3, 24), date(2024, 3, 26), date(2024, 6, 20)])
    text = text.split("evaluations:\n")[0]
    assert [(p.code, p.path, p.message_vi, p.message_en) for p in problems_of(text, dataset)] == [(
        "SP262", "dossiers[0].scored.date",
        "Ngày chấm điểm 20/06/2024 không phải ngày của lần chấm nào trong 'evaluations' (hồ sơ chưa có lần chấm nào).",
        "Scoring date 20/06/2024 is not the date of any entry of 'evaluations' (it holds none).")]


def test_a_certificate_named_in_a_record_with_none_says_so(dataset):
    steps = chain(0, "decided")
    days = [date(2024, 3, 2), date(2024, 3, 24), date(2024, 3, 26), date(2024, 6, 20), date(2024, 6, 28)]
    text = record_with(steps, days).split("certificates:\n")[0]
    assert [(p.code, p.path, p.message_en) for p in problems_of(text, dataset)] == [(
        "SP264", "dossiers[0].decided.certificate",
        "Recognition decision '1234/QĐ-UBND' of 28/06/2024 is not under 'certificates' (the record has no certificate).")]


def test_a_second_return_before_the_first_was_handed_back(dataset):
    steps = [("registered", None), ("returned", 0), ("returned", 1)]
    text = record_with(steps, [date(2024, 3, 2), date(2024, 3, 9), date(2024, 3, 15)])
    assert [(p.code, p.path, p.message_en) for p in problems_of(text, dataset)] == [(
        "SP261", "dossiers[0].returned[1].date",
        "The dossier was returned again on 15/03/2024, but it had been returned on 09/03/2024 and not handed back "
        "(no 'returned[0].resubmitted').")]


def test_a_withdrawal_after_a_return_never_handed_back_is_clean(dataset):
    steps = [("registered", None), ("returned", 0), ("withdrawn", None)]
    text = record_with(steps, [date(2024, 3, 2), date(2024, 3, 9), date(2024, 4, 1)])
    assert problems_of(text, dataset) == []


def test_a_refusal_still_needs_the_councils_scoring(dataset):
    steps = chain(0, "forwarded") + [("decided", None)]
    days = [date(2024, 3, 2), date(2024, 3, 24), date(2024, 3, 26), date(2024, 6, 28)]
    text = record_with(steps, days, recognised=False)
    assert [(p.code, p.path, p.message_en) for p in problems_of(text, dataset)] == [(
        "SP261", "dossiers[0].decided.date",
        "The dossier was decided on 28/06/2024, but no council had scored it (no 'scored').")]


def test_a_date_that_failed_conversion_is_not_told_twice(dataset):
    steps = chain(0, "forwarded")
    text = record_with(steps, [date(2024, 3, 2), date(2024, 3, 24), date(2024, 3, 26)])
    text = text.replace("      date: 2024-03-24", "      date: 2024-13-24")
    assert [(p.code, p.path) for p in problems_of(text, dataset)] == [("SP102", "dossiers[0].assessed.date")]


# -- the re-rating warning --------------------------------------------------------------------------------

def test_an_expiring_certificate_warns_until_its_rerating_dossier_is_registered(tmp_path_factory):
    """GOOD_RECORD's certificate of 28/06/2024 expires on 28/06/2027; on 10/01/2027 it is in its re-rating
    window (SP302). A re-rating dossier registered in the window ends the warning; one withdrawn does not."""
    on_the_day = _dataset(tmp_path_factory, date(2027, 1, 10))
    rerating = "  - kind: rerating\n    registered: 2027-01-05\n"
    withdrawn = rerating + "    withdrawn: {date: 2027-01-08, reason: Chủ thể xin rút hồ sơ}\n"
    codes = {name: [p.code for p in problems_of(GOOD_RECORD + DOSSIER + extra, on_the_day)]
             for name, extra in (("none", ""), ("registered", rerating), ("withdrawn", withdrawn))}
    assert codes == {"none": ["SP302"], "registered": [], "withdrawn": ["SP302"]}
