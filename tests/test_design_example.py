"""The record printed in the design document is the contract with officers: it must
validate unchanged, and mean what the design says it means."""

from datetime import date
from pathlib import Path

from ocop.reading.dataset import load_dataset
from ocop.rules.certificates import status_on
from ocop.rules.ranking import rank

EXAMPLE = Path(__file__).parent / "fixtures" / "design-example"


def test_design_example_validates_unchanged():
    dataset = load_dataset(EXAMPLE, date(2026, 11, 28), check_history=False)  # a fixture, not a products folder
    assert [p.code for p in dataset.problems] == []
    assert [p.id for p in dataset.good_products()] == ["LC-0001"]


def test_design_example_keeps_typed_values_and_means_what_it_says():
    product = load_dataset(EXAMPLE, date(2026, 11, 28), check_history=False).products[0]
    assert product.code == "12-105-03409-1-2024"
    assert product.producer.phone == "0912 345 678"
    assert product.name.get("en") == "San Thang ancient Shan Tuyet tea"
    ranked = rank(product.evaluations[0], product.product_set)
    assert (str(ranked.score), ranked.band, ranked.stars, ranked.rules) == ("70.75", 4, 3, "qd148-2023")
    # "The example above would be revoked": the revocation of 2025-03-01 ends it.
    assert status_on(product, date(2025, 2, 28)).status == "valid"
    assert status_on(product, date(2025, 3, 1)).status == "revoked"
