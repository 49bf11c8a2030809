"""The finder's index (ocop.outputs.search_index), read back as catalogue.js reads it, on the sample.

Sample facts used: LC-0001 "Chè Shan tuyết cổ thụ San Thàng" (valid, expires 28/06/2027, unit
today Phường Tân Phong); LC-0009 "Bạch trà Shan tuyết…" (set "Chè tươi, chè chế biến"); LC-0002
macadamia (set "Chế biến từ rau, củ, quả, hạt"); LC-0004 honey; LC-0010 buffalo jerky (found by
"mật ong" through other text only); LC-0007 revoked; LC-0008 and LC-0013 are candidates.
"""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import TODAY

from ocop.outputs import search_index
from ocop.outputs.search_index import EPOCH, FOLDER, search_files, shard_key, words
from ocop.reading.dataset import load_dataset
from ocop.rules.facts import published_facts

SAMPLE = Path(__file__).resolve().parent.parent / "products"


@pytest.fixture(scope="module")
def sample():
    dataset = load_dataset(SAMPLE, TODAY, check_history=False)
    return dataset, published_facts(dataset)


@pytest.fixture(scope="module")
def files(sample):
    dataset, facts = sample
    return {path: json.loads(data) for path, data in
            search_files(facts, province_of=dataset.units.province_of).items()}


def numbers(files, lang="vi"):
    """{product id: its number in the index}, from the rows."""
    found = {}
    meta = files[f"{FOLDER}/{lang}/meta.json"]
    for chunk in range((meta["n"] + meta["chunk"] - 1) // meta["chunk"]):
        for k, row in enumerate(files[f"{FOLDER}/{lang}/r{chunk}.json"]["r"]):
            found[row[0]] = chunk * meta["chunk"] + k
    return found


def decode(text):
    out, last = [], 0
    for gap in text.split(",") if text else []:
        last += int(gap, 36)
        out.append(last)
    return out


def tiers_of(files, word):
    """{product id: tier} of one word as written, from its word file."""
    by_number = {n: pid for pid, n in numbers(files).items()}
    entry = files[f"{FOLDER}/t/{shard_key(word)}.json"]["w"][word]
    return {by_number[n]: tier for tier, listed in enumerate(entry) for n in decode(listed)}


def test_words_are_split_as_written_lower_case():
    assert words("Chè Shan-tuyết, 200 g (HTX)") == ["chè", "shan", "tuyết", "200", "g", "htx"]
    assert words("e\u0301") == ["é"]  # NFC, as catalogue.js does
    assert shard_key("Đoàn") == "do" and shard_key("chế") == "ch"


def test_a_word_keeps_its_marks_and_names_rank_first(files):
    che = tiers_of(files, "chè")
    assert che["LC-0001"] == search_index.TIER_NAME_START  # "Chè Shan tuyết…"
    assert che["LC-0009"] == search_index.TIER_OTHER  # its product set: "Chè tươi, chè chế biến"
    assert "LC-0002" not in che  # "chế biến" is another word
    assert "LC-0002" in tiers_of(files, "chế")
    honey = tiers_of(files, "mật")
    assert honey["LC-0004"] == search_index.TIER_NAME_START
    assert honey["LC-0010"] == search_index.TIER_OTHER  # the jerky: not in its name


def test_an_id_leads_to_its_product_and_number(files):
    ids = files[f"{FOLDER}/i/lc-00.json"]["w"]
    assert ids["lc-0007"] == ["LC-0007", numbers(files)["LC-0007"]]
    assert "lc-0008" not in ids and "lc-0013" not in ids  # candidates are published nowhere


def test_the_meta_columns_give_status_stars_and_expiry(files, sample):
    meta = files[f"{FOLDER}/vi/meta.json"]
    number = numbers(files)
    assert meta["n"] == len(sample[1]) == len(number)
    assert meta["st"][number["LC-0007"]] == "r" and meta["st"][number["LC-0001"]] == "v"
    assert meta["sr"][number["LC-0009"]] == "5"
    days = int(meta["x"][number["LC-0001"] * 3:][:3], 36)
    assert EPOCH + timedelta(days=days) == date(2027, 6, 28)
    group = meta["groups"][int(meta["g"][number["LC-0001"]], 36)]
    assert group == ["thuc-pham", "Thực phẩm"]
    assert files[f"{FOLDER}/en/meta.json"]["groups"][int(meta["g"][number["LC-0001"]], 36)][1] == "Food"


def test_the_units_file_groups_units_by_province(files):
    units = files[f"{FOLDER}/vi/units.json"]
    n = numbers(files)["LC-0001"]
    code, name, province = units["units"][int(units["u"][n * 3:][:3], 36)]
    assert (code, name, units["provinces"][province]) == ("phuong-tan-phong", "Phường Tân Phong", "Tỉnh Lai Châu")


def test_rows_are_in_name_order_and_in_each_language(files):
    rows = files[f"{FOLDER}/vi/r0.json"]["r"]
    from ocop.common.text import fold

    assert [fold(r[1]) for r in rows] == sorted(fold(r[1]) for r in rows)
    english = {r[0]: r[1] for r in files[f"{FOLDER}/en/r0.json"]["r"]}
    assert english["LC-0001"] == "San Thang ancient Shan Tuyet tea"
    photo = {r[0]: r[2] for r in rows}
    assert photo["LC-0001"] == ""  # no card photos were given here


def test_every_file_carries_one_version_that_follows_the_content(sample):
    """The same bytes for the same statuses on any day (the daily build leaves the index alone);
    a status that moves gives every file a new version."""
    dataset, facts = sample
    first = search_files(facts)
    later_day = load_dataset(SAMPLE, TODAY + timedelta(days=1), check_history=False)
    assert [f.status.status for f in published_facts(later_day)] == [f.status.status for f in facts]
    assert search_files(published_facts(later_day)) == first
    versions = {json.loads(data)["v"] for data in first.values()}
    assert len(versions) == 1
    # LC-0001 is valid until 28/06/2027: on 01/07/2027 it has expired.
    moved = published_facts(load_dataset(SAMPLE, date(2027, 7, 1), check_history=False))
    assert {json.loads(data)["v"] for data in search_files(moved).values()} != versions