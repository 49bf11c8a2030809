"""The build keeps each record's day-free reading (ocop.reading.record_cache): a reading taken from it
must be exactly the reading made afresh — the same products, the same problems at the same lines
and columns, with the same messages — on any day, and it must never outlive a change of the record,
of the dataset's settings or of the photos."""

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import SAMPLE_UNITS, SCRATCH_DATASET
from hypothesis import given
from hypothesis import strategies as st
from test_properties import PATHS, SETTINGS, VALID_RECORD, VALUES, _write_photo, dump, replaced

from ocop.reading import record_cache
from ocop.reading.dataset import load_dataset
from ocop.rules.certificates import EXPIRING_DAYS, expires_on

SAMPLE_PRODUCTS = SAMPLE_UNITS.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site" / "products"


def reading(dataset):
    """What an officer or the build sees of a reading: each problem whole, each product whole."""
    problems = [(p.code, p.file, p.line, p.column, p.path, p.message_vi, p.message_en) for p in dataset.problems]
    return problems, [repr(product) for product in dataset.products]


def status_edges(folder: Path) -> list:
    """The days around which the records' statuses move: each certificate's expiry and the start of
    its re-rating window, the day before and the day after each."""
    fresh = load_dataset(folder, date(2026, 11, 28))
    days = set()
    for product in fresh.products:
        for certificate in product.certificates:
            if certificate.date:
                expires = expires_on(certificate.date)
                for edge in (expires, expires - timedelta(days=EXPIRING_DAYS)):
                    days |= {edge - timedelta(days=1), edge, edge + timedelta(days=1)}
    return sorted(days)


@pytest.mark.parametrize("folder", [SAMPLE_PRODUCTS, FIXTURE], ids=["sample", "site-fixture"])
def test_a_kept_reading_is_the_fresh_reading_on_every_day_a_status_moves(folder, tmp_path):
    copy = tmp_path / "products"
    shutil.copytree(folder, copy)
    cache = tmp_path / "cache"
    days = status_edges(copy)
    assert len(days) > 10
    load_dataset(copy, days[0], cache_dir=cache)  # kept once, read on every other day
    for day in days + [date(2018, 5, 7), date(2031, 1, 1)]:
        assert reading(load_dataset(copy, day, cache_dir=cache)) == reading(load_dataset(copy, day)), day


def _folder(tmp_path, records: dict, photo=False) -> Path:
    folder = tmp_path / "products"
    folder.mkdir()
    shutil.copyfile(SAMPLE_UNITS, folder / "units.yaml")
    (folder / "dataset.yaml").write_text(SCRATCH_DATASET, encoding="utf-8")
    if photo:
        _write_photo(folder / "media" / "LC-0200" / "hop.jpg")
    for name, text in records.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


TODAY = date(2026, 11, 28)


def test_a_changed_byte_is_read_again(tmp_path):
    folder = _folder(tmp_path, {"LC-0200.yaml": dump(VALID_RECORD)}, photo=True)
    cache = tmp_path / "cache"
    assert load_dataset(folder, TODAY, cache_dir=cache).errors == []
    (folder / "LC-0200.yaml").write_text(dump(replaced(VALID_RECORD, ("unit",), "nowhere")), encoding="utf-8")
    changed = load_dataset(folder, TODAY, cache_dir=cache)
    assert [p.code for p in changed.errors] == ["SP210"]
    assert reading(changed) == reading(load_dataset(folder, TODAY))


def test_a_changed_dataset_setting_reads_every_record_again(tmp_path):
    folder = _folder(tmp_path, {"LC-0200.yaml": dump(VALID_RECORD)}, photo=True)
    cache = tmp_path / "cache"
    assert load_dataset(folder, TODAY, cache_dir=cache).errors == []
    (folder / "dataset.yaml").write_text(SCRATCH_DATASET + "id_prefix: HN\n", encoding="utf-8")
    again = load_dataset(folder, TODAY, cache_dir=cache)
    assert "SP203" in [p.code for p in again.errors]  # the id no longer has the dataset's prefix
    assert reading(again) == reading(load_dataset(folder, TODAY))


def test_a_photo_removed_since_is_found_missing(tmp_path):
    folder = _folder(tmp_path, {"LC-0200.yaml": dump(VALID_RECORD)}, photo=True)
    cache = tmp_path / "cache"
    assert load_dataset(folder, TODAY, cache_dir=cache).errors == []
    shutil.rmtree(folder / "media")
    again = load_dataset(folder, TODAY, cache_dir=cache)
    assert [p.code for p in again.errors] == ["SP213"]
    assert reading(again) == reading(load_dataset(folder, TODAY))


def test_a_new_version_of_the_code_reads_every_record_again(tmp_path, monkeypatch):
    folder = _folder(tmp_path, {"LC-0200.yaml": dump(VALID_RECORD)}, photo=True)
    cache = tmp_path / "cache"
    load_dataset(folder, TODAY, cache_dir=cache)
    kept = record_cache.RecordCache(cache, folder, b"")
    assert kept.kept
    monkeypatch.setattr(record_cache, "code_digest", lambda: b"another version")
    assert record_cache.RecordCache(cache, folder, b"").key("x", b"y") != kept.key("x", b"y")


@pytest.mark.parametrize("damage", [b"", b"ocop-records-1", b"ocop-records-1\x80\x05garbage", b"not ours at all"])
def test_a_damaged_cache_is_set_aside_and_written_anew(tmp_path, damage):
    folder = _folder(tmp_path, {"LC-0200.yaml": dump(VALID_RECORD)}, photo=True)
    cache = tmp_path / "cache"
    load_dataset(folder, TODAY, cache_dir=cache)
    [file] = cache.glob("records-*.pickle")
    file.write_bytes(damage)
    assert reading(load_dataset(folder, TODAY, cache_dir=cache)) == reading(load_dataset(folder, TODAY))
    assert record_cache.RecordCache(cache, folder, b"").path == file
    assert file.read_bytes().startswith(record_cache.FORMAT) and len(file.read_bytes()) > 100


def test_a_problem_across_records_points_into_a_kept_record(tmp_path):
    """SP202 (an id given twice) locates the id of a record taken from the cache by reading it again."""
    text = dump(VALID_RECORD)
    folder = _folder(tmp_path, {"LC-0200.yaml": text, "LC-0201.yaml": text}, photo=True)
    cache = tmp_path / "cache"
    load_dataset(folder, TODAY, cache_dir=cache)
    again = load_dataset(folder, TODAY, cache_dir=cache)
    assert "SP202" in [p.code for p in again.errors]
    assert reading(again) == reading(load_dataset(folder, TODAY))


def test_a_removed_record_leaves_the_cache(tmp_path):
    folder = _folder(tmp_path, {"LC-0200.yaml": dump(VALID_RECORD), "LC-0201.yaml": dump(
        replaced(VALID_RECORD, ("id",), "LC-0201"))}, photo=True)
    cache = tmp_path / "cache"
    load_dataset(folder, TODAY, cache_dir=cache)
    assert len(record_cache.RecordCache(cache, folder, b"").kept) == 2
    (folder / "LC-0201.yaml").unlink()
    load_dataset(folder, TODAY, cache_dir=cache)
    assert len(record_cache.RecordCache(cache, folder, b"").kept) == 1


DAYS = st.dates(min_value=date(2018, 1, 1), max_value=date(2032, 12, 31))


@SETTINGS
@given(st.sampled_from(PATHS), VALUES, DAYS, DAYS)
def test_any_record_read_from_the_cache_on_any_day_reads_as_afresh(path, value, kept_on, read_on):
    """A valid record with one field replaced by anything, kept on one day and read on another."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = _folder(Path(tmp), {"LC-0200.yaml": dump(replaced(VALID_RECORD, path, value))}, photo=True)
        cache = Path(tmp) / "cache"
        assert reading(load_dataset(folder, kept_on, cache_dir=cache)) == reading(load_dataset(folder, kept_on))
        assert reading(load_dataset(folder, read_on, cache_dir=cache)) == reading(load_dataset(folder, read_on))
