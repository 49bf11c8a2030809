"""Reading records collects garbage less often (ocop.common.collector), and gives the process back
the collector it had: a caller's own thresholds outlive every reading, failed or not."""

import gc
from datetime import date

import pytest
from conftest import SAMPLE_UNITS

from ocop.common.collector import FEWER_COLLECTIONS, fewer_collections
from ocop.reading import dataset as datasets
from ocop.reading.dataset import DatasetError, load_dataset

TODAY = date(2026, 11, 28)


@pytest.fixture
def default_thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_the_records_are_read_with_fewer_collections_and_the_thresholds_come_back(default_thresholds, monkeypatch):
    seen = []
    real = datasets._read_records

    def read_records(*args):
        seen.append(gc.get_threshold())
        return real(*args)

    monkeypatch.setattr(datasets, "_read_records", read_records)
    dataset = load_dataset(SAMPLE_UNITS.parent, TODAY, check_history=False)
    assert dataset.products and seen == [FEWER_COLLECTIONS]
    assert gc.get_threshold() == (700, 10, 10)


def test_a_reading_that_fails_gives_the_thresholds_back(default_thresholds, tmp_path):
    with pytest.raises(DatasetError):
        load_dataset(tmp_path / "missing", TODAY)
    assert gc.get_threshold() == (700, 10, 10)


def test_inside_a_build_that_collects_less_already_nothing_changes():
    before = gc.get_threshold()
    gc.set_threshold(80_000, 30, 100)
    try:
        with fewer_collections():
            assert gc.get_threshold() == (80_000, 30, 100)
        assert gc.get_threshold() == (80_000, 30, 100)
    finally:
        gc.set_threshold(*before)
