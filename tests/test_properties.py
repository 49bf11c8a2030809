"""Properties that must hold for any input: the loader never raises and every problem it reports is
in the catalogue and formats completely; the star band is monotonic; a certificate's term is 36
months; a product's status depends only on the days left.

Hypothesis keeps ``max_examples`` modest and ``deadline=None`` so the suite stays a few seconds.
"""

import copy
import json
import shutil
import signal
import tempfile
import time
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from string import Formatter

import pytest
import yaml
from conftest import SAMPLE_UNITS, SCRATCH_DATASET
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.cli import format_problem
from ocop.outputs.lists import expiry_rows, rank_rows
from ocop.reading import yamltree
from ocop.reading.dataset import load_dataset
from ocop.reading.problems import CATALOGUE
from ocop.reading.yamltree import read_document
from ocop.rules import criteria
from ocop.rules.certificates import EXPIRED, EXPIRING, VALID, expires_on, status_on
from ocop.rules.ranking import band
from ocop.rules.records import Certificate, Product

TODAY = date(2026, 11, 28)
SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- helpers -------------------------------------------------------------------------------------

def _placeholders(template):
    texts = (template.vi, template.en, template.fix_vi, template.fix_en)
    return {name for text in texts for _, name, _, _ in Formatter().parse(text) if name}


def assert_problems_well_formed(problems):
    """Every problem has a catalogue code, fills every placeholder of its texts and formats."""
    for problem in problems:
        assert problem.code in CATALOGUE, problem
        missing = _placeholders(CATALOGUE[problem.code]) - set(problem.params)
        assert not missing, (problem.code, missing)
        for text in (problem.message_vi, problem.message_en, problem.fix_vi, problem.fix_en, problem.location):
            assert isinstance(text, str) and text
        assert problem.line is None or problem.line >= 1
        assert problem.column is None or problem.column >= 1
        json.dumps(problem.as_dict(), ensure_ascii=False)
        format_problem(problem)


def load_one(content, name="LC-0200.yaml", photo=False):
    """Write ``content`` (str or bytes) as the only record of a fresh folder and load it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "products"
        folder.mkdir()
        shutil.copyfile(SAMPLE_UNITS, folder / "units.yaml")  # the sample's unit codes, which records use
        (folder / "dataset.yaml").write_text(SCRATCH_DATASET, encoding="utf-8")  # else SP011
        if photo:
            _write_photo(folder / "media" / "LC-0200" / "hop.jpg")
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        dataset = load_dataset(folder, TODAY)
        assert_problems_well_formed(dataset.problems)
        assert len(dataset.products) == 1  # a record is never silently dropped
        good = dataset.good_products()
        rank_rows(good)
        expiry_rows(good, TODAY)
        return dataset


def _write_photo(path):
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 3), (120, 160, 80)).save(path, "JPEG")


def dump(value):
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def _criteria_for_4_stars():
    """Set 11's sheet, every option at its maximum but one criterion below its 5★ mark."""
    sheet = criteria.sheet_for("qd26-2026", 11)
    points = {code: max(c.points) for code, c in sheet.criteria.items()}
    for code, c in sheet.criteria.items():
        mark5, mark4 = c.minimum_points.get(5), c.minimum_points.get(4, min(c.points))
        options = [p for p in c.points if mark5 is not None and mark4 <= p < mark5]
        if options:
            points[code] = max(options)
            break
    totals = sheet.evaluate({k: Decimal(v) for k, v in points.items()}).part_totals
    return {k: str(v) for k, v in points.items()}, {k: str(v) for k, v in totals.items()}


CRITERIA, TOTALS = _criteria_for_4_stars()

# Every kind of field: texts, localised texts, Markdown, numbers, integers, choices, dates, lists,
# a scoring sheet, a photo, a revocation. Valid as it stands on TODAY.
VALID_RECORD = {
    "id": "LC-0200",
    "code": "12-105-03387-1-2025",
    "name": {"vi": "Chè Shan tuyết", "en": "Shan Tuyet tea"},
    "product_set": "11",
    "unit": "phuong-tan-phong",
    "producer": {"name": "Hợp tác xã Chè", "kind": "cooperative", "address": "Phường Tân Phong",
                 "phone": "0912 345 678", "email": "htx@example.vn", "website": "https://example.vn"},
    "description": {"vi": "Chè **ngon**.", "en": "Good tea."},
    "story": {"vi": "Câu chuyện."},
    "images": [{"file": "LC-0200/hop.jpg", "alt": {"vi": "Hộp chè", "en": "Tea box"}}],
    "sales": [{"name": "Cửa hàng OCOP", "address": "Phường Tân Phong", "phone": "0912 345 678"},
              {"name": "Trực tuyến", "url": "https://example.vn/che"}],
    "evaluations": [
        {"date": "2025-11-14", "council": "province", "round": "2025-2", "kind": "first",
         "rules": "qd148-1489-2025", "scores": {"A": "28.5", "B": "15.75", "C": "21"}, "minimums_met": "3"},
        {"date": "2026-06-18", "council": "province", "round": "2026-1", "kind": "upgrade", "rules": "qd26-2026",
         "scores": TOTALS, "criteria": CRITERIA},
    ],
    "certificates": [
        {"decision": "1876/QĐ-UBND", "date": "2025-12-05", "issuer": "UBND tỉnh Lai Châu", "level": "province",
         "stars": "3"},
        {"decision": "902/QĐ-UBND", "date": "2026-06-30", "issuer": "UBND tỉnh Lai Châu", "level": "province",
         "stars": "4"},
    ],
    "revocation": {"decision": "45/QĐ-UBND", "date": "2026-09-01", "ground": "đ",
                   "reason": {"vi": "Không còn sản xuất."}},
}


def _paths(value, prefix=()):
    """Every place in a nested value: each mapping key and list item, at every depth."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append(prefix + (key,))
            found.extend(_paths(item, prefix + (key,)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append(prefix + (index,))
            found.extend(_paths(item, prefix + (index,)))
    return found


PATHS = _paths(VALID_RECORD)


def replaced(record, path, value):
    record = copy.deepcopy(record)
    target = record
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return record


TRICKY = st.sampled_from([
    "", " ", "0", "-1", "-0", "+5", "1e3", "31,5", "abc", "no", "yes", "~", "null", "1:30", "0912",
    "2024-02-30", "2024-13-01", "0001-01-01", "9999-12-31", "2023-02-23", "2026-07-22", "1.5", "100",
    "999999999999999999999", "district", "province", "central", "qd1048-2019", "qd26-2026", "LC-0200",
    "lc-0200", "<b>x</b>", "{x}", "{value}", "%s", "đ", "e\u0301", "\ufeff", "\t", "a\nb", "*", "&x",
])
SCALARS = st.none() | st.text(max_size=30) | TRICKY | st.integers().map(str) \
    | st.decimals(allow_nan=False, allow_infinity=False).map(str)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10) | TRICKY, children,
                                                                       max_size=3),
    max_leaves=10,
)


@contextmanager
def time_limit(seconds):
    """Fail instead of hanging (Unix; elsewhere the block just runs)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- the loader never raises ---------------------------------------------------------------------

def test_the_base_record_is_valid():
    dataset = load_one(dump(VALID_RECORD), photo=True)
    assert [p.code for p in dataset.problems] == []
    assert rank_rows(dataset.good_products())[0]["stars"] == 4


@SETTINGS
@given(st.text(max_size=400))
def test_read_document_never_raises_on_any_text(text):
    document, problems = read_document(text, "x.yaml")
    assert_problems_well_formed(problems)
    assert document is not None or problems


@SETTINGS
@given(st.text(max_size=400))
def test_load_dataset_never_raises_on_any_text(text):
    load_one(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_load_dataset_never_raises_on_any_bytes(data):
    load_one(data)


@SETTINGS
@given(VALUES)
def test_load_dataset_never_raises_on_any_yaml(value):
    load_one(dump(value))


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(VALID_RECORD)) | st.text(max_size=10), VALUES, max_size=8))
def test_load_dataset_never_raises_on_any_mapping_with_record_keys(value):
    load_one(dump(value))


@SETTINGS
@given(st.sampled_from(PATHS), VALUES)
def test_load_dataset_never_raises_on_a_valid_record_with_one_field_replaced(path, value):
    load_one(dump(replaced(VALID_RECORD, path, value)), photo=True)


@SETTINGS
@given(st.sampled_from(PATHS), VALUES)
def test_load_dataset_never_raises_on_a_record_written_as_flow_yaml(path, value):
    text = yaml.safe_dump(replaced(VALID_RECORD, path, value), allow_unicode=True, default_flow_style=True)
    load_one(text, photo=True)


@contextmanager
def pure_python_yaml():
    saved = yamltree._Loader
    yamltree._Loader = yaml.SafeLoader
    try:
        yield
    finally:
        yamltree._Loader = saved


def _read(text):
    document, problems = read_document(text, "x.yaml")
    return (document.value if document else None), sorted((p.code, p.path) for p in problems)


@SETTINGS
@given(VALUES)
def test_libyaml_and_the_pure_python_loader_read_the_same_document(value):
    """yamltree.py uses libyaml when it can and says the pure-Python loader gives the same
    result: a record must not mean something else on a machine without libyaml."""
    text = dump(value)
    with pure_python_yaml():
        expected = _read(text)
    assert _read(text) == expected


@pytest.mark.parametrize("text", ["phone:\n", "phone: null\n", "phone: ~\n", "phone: Null\n", "phone: ''\n"])
def test_loaders_agree_on_empty_and_null_values(text):
    with pure_python_yaml():
        expected = _read(text)
    assert _read(text) == expected


def test_deep_nesting_is_a_problem_not_a_crash():
    for text in ("[" * 5000 + "]" * 5000, "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 2000))):
        load_one(text)


def test_an_alias_bomb_neither_hangs_nor_raises():
    """YAML aliases let a 1 kB file stand for millions of values ("billion laughs"); an officer's
    record (or a hostile pull request) must not stall validation or the site build."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    started = time.monotonic()
    with time_limit(2):
        load_one("\n".join(lines) + "\n")
    assert time.monotonic() - started < 2


# -- the star band ---------------------------------------------------------------------------------

SCORES = st.decimals(min_value=0, max_value=100, places=2)


@SETTINGS
@given(SCORES, SCORES)
def test_band_is_monotonic_in_the_score(a, b):
    low, high = min(a, b), max(a, b)
    assert 1 <= band(low) <= band(high) <= 5


@SETTINGS
@given(SCORES)
def test_band_matches_the_thresholds(score):
    expected = 5 if score >= 90 else 4 if score >= 70 else 3 if score >= 50 else 2 if score >= 30 else 1
    assert band(score) == expected


# -- the certificate term and status -----------------------------------------------------------------

ISSUE_DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(9000, 12, 31))


@SETTINGS
@given(ISSUE_DATES)
def test_expires_36_months_later(issued):
    expires = expires_on(issued)
    assert (expires.year * 12 + expires.month) - (issued.year * 12 + issued.month) == 36
    assert expires.day == issued.day or (expires.day < issued.day and (expires + timedelta(days=1)).day == 1)
    # Three years hold at most one 29 February: 1095 or 1096 days, never fewer, never more.
    assert 1095 <= (expires - issued).days <= 1096


def _certified(issued):
    return Product(id="LC-0200", source="LC-0200.yaml",
                   certificates=[Certificate(0, "1/QĐ-UBND", issued, "UBND tỉnh Lai Châu", "province", 3)])


def _status_for(days_left):
    return EXPIRED if days_left < 0 else EXPIRING if days_left <= 180 else VALID


@SETTINGS
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 1300))
def test_status_is_a_function_of_the_days_left(issued, offset):
    today = issued + timedelta(days=offset)
    status = status_on(_certified(issued), today)
    assert status.expires == expires_on(issued)
    assert status.days_left == (status.expires - today).days
    assert status.status == _status_for(status.days_left)


@SETTINGS
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(-200, 1100))
def test_same_days_left_same_status(first, second, days_left):
    statuses = set()
    for issued in (first, second):
        today = expires_on(issued) - timedelta(days=days_left)
        if today < issued:
            continue  # not issued yet on that day
        status = status_on(_certified(issued), today)
        assert status.days_left == days_left
        statuses.add(status.status)
    assert len(statuses) <= 1
