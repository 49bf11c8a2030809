"""A product page changes from one day to the next only when ``day_facts`` says so.

The daily build re-renders a product only when its fingerprint moved, and the fingerprint holds
the day's facts (ocop.site.unchanged.day_facts) instead of the day: if a page printed anything else
that depends on the day, a skipped page would go stale. So, for the sample records and the test
fixture, over six years of days: wherever two days in a row have the same day facts, everything
the product page prints (its view, in both languages) is the same on both days.
"""

from datetime import date, timedelta
from pathlib import Path

import pytest

from ocop.reading.dataset import load_dataset
from ocop.rules.facts import product_facts
from ocop.site.unchanged import day_facts
from ocop.site.views import LANGS, product_view

REPO = Path(__file__).resolve().parent.parent
FIRST_DAY, LAST_DAY = date(2024, 1, 1), date(2029, 12, 31)
EVERY = 53  # besides the days around each change, a day in every EVERY is compared


def _views(facts):
    return [product_view(facts, lang, "https://ocop.example.vn", [], "p/x/", "HTTPS://OCOP.EXAMPLE.VN/P/X")
            for lang in LANGS]


@pytest.mark.parametrize("folder", ["products", "tests/fixtures/site/products"])
def test_a_page_is_the_same_on_every_day_its_day_facts_are(folder):
    dataset = load_dataset(REPO / folder, LAST_DAY, check_images=False, check_history=False)
    products = list(dataset.good_products())
    assert len(products) >= 5
    changes = compared = 0
    for product in products:
        days = [FIRST_DAY + timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
        facts = [product_facts(product, dataset.units, day) for day in days]
        keys = [day_facts(f) for f in facts]
        moved = {i for i in range(1, len(days)) if keys[i] != keys[i - 1]}
        changes += len(moved)
        # The days either side of each change (a page that moves a day early or late), and a sample.
        near = {i + step for i in moved for step in (-2, -1, 1, 2)}
        for i in sorted(n for n in near | set(range(1, len(days), EVERY)) if 0 < n < len(days)):
            if i in moved or not facts[i].published:
                continue
            assert _views(facts[i]) == _views(facts[i - 1]), f"{product.id}: {days[i - 1]} → {days[i]}"
            compared += 1
    assert changes > len(products) and compared > 10 * len(products), (changes, compared)
