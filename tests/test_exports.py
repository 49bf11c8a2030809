"""Open data and feeds: the contract shape of products.json, CSV = JSON, Atom and sitemap as XML."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from conftest import GOOD_RECORD, TODAY, write_record

from ocop.outputs.exports import (
    CSV_COLUMNS,
    certified_atom,
    products_csv,
    products_json,
    sitemap_xml,
)
from ocop.reading.dataset import load_dataset
from ocop.rules.facts import published_facts

SITE = "https://ocop.example.vn"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE = """<script>&"'"""
SAMPLES = Path(__file__).resolve().parent.parent / "products"


@pytest.fixture(scope="module")
def sample_facts():
    dataset = load_dataset(SAMPLES, TODAY)
    assert not dataset.errors
    return published_facts(dataset)


def facts_of(folder, today=TODAY):
    dataset = load_dataset(folder, today)
    assert not dataset.errors, [str(p) for p in dataset.errors]
    return published_facts(dataset)


def by_id(entries):
    return {e["id"]: e for e in entries}


# --- products.json ---------------------------------------------------------

def test_json_has_exactly_the_contract_shape(sample_facts):
    data = json.loads(products_json(sample_facts, TODAY, SITE))
    assert list(data) == ["status_date", "products"]
    assert data["status_date"] == "2026-11-28"
    for entry in data["products"]:
        assert list(entry) == ["id", "name", "product_set", "unit", "producer", "score", "stars",
                               "status", "certificate", "url"]
        assert list(entry["name"]) == ["vi", "en"]
        assert list(entry["producer"]) == ["name", "kind"]
        assert list(entry["certificate"]) == ["decision", "date", "issuer", "level", "expires"]
    assert by_id(data["products"])["LC-0001"] == {
        "id": "LC-0001",
        "name": {"vi": "Chè Shan tuyết cổ thụ San Thàng", "en": "San Thang ancient Shan Tuyet tea"},
        "product_set": 11,
        "unit": "san-thang",
        "producer": {"name": "Hợp tác xã Chè San Thàng", "kind": "cooperative"},
        "score": 70.75,
        "stars": 3,
        "status": "valid",
        "certificate": {"decision": "1234/QĐ-UBND", "date": "2024-06-28", "issuer": "UBND thành phố Lai Châu",
                        "level": "district", "expires": "2027-06-28"},
        "url": "https://ocop.example.vn/p/LC-0001/",
    }


def test_json_publishes_certified_products_only_sorted_by_id(sample_facts):
    products = json.loads(products_json(sample_facts, TODAY, SITE))["products"]
    ids = [p["id"] for p in products]
    assert ids == sorted(ids)
    assert "LC-0008" not in ids and "LC-0013" not in ids  # candidates: no certificate
    assert by_id(products)["LC-0007"]["status"] == "revoked"  # revoked stays visible, saying so
    assert by_id(products)["LC-0011"]["score"] is None  # certified without a recorded evaluation


def test_json_expires_36_months_after_the_decision(sample_facts):
    for entry in json.loads(products_json(sample_facts, TODAY, SITE))["products"]:
        issued = date.fromisoformat(entry["certificate"]["date"])
        expires = date.fromisoformat(entry["certificate"]["expires"])
        assert (expires.year - issued.year, expires.month, expires.day) == (3, issued.month, issued.day)


def test_json_text_is_utf8_readable_and_ends_with_a_newline(sample_facts):
    text = products_json(sample_facts, TODAY, SITE)
    assert "Chè Shan tuyết" in text  # not \\u escapes
    assert text.endswith("}\n")


def test_json_english_name_is_null_when_missing_and_urls_relative_without_site(products):
    write_record(products, "LC-0001", GOOD_RECORD.replace("  en: San Thang ancient Shan Tuyet tea\n", ""))
    [entry] = json.loads(products_json(facts_of(products), TODAY, ""))["products"]
    assert entry["name"] == {"vi": "Chè Shan tuyết cổ thụ San Thàng", "en": None}
    assert entry["url"] == "/p/LC-0001/"


def test_json_refuses_facts_of_another_day(sample_facts):
    with pytest.raises(ValueError):
        products_json(sample_facts, date(2026, 1, 1), SITE)


def test_month_end_expiry(products):
    write_record(products, "LC-0001", GOOD_RECORD.replace("date: 2024-06-28", "date: 2024-02-29")
                 .replace("date: 2024-06-20", "date: 2024-02-20"))
    [entry] = json.loads(products_json(facts_of(products), TODAY, SITE))["products"]
    assert entry["certificate"]["expires"] == "2027-02-28"


# --- products.csv ----------------------------------------------------------

def parse_csv(text):
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_has_a_bom_crlf_and_the_same_rows_as_the_json(sample_facts):
    text = products_csv(sample_facts, TODAY, SITE)
    assert text.startswith("\ufeffid,name_vi,name_en,") and "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = parse_csv(text)
    assert list(rows[0]) == list(CSV_COLUMNS)
    entries = json.loads(products_json(sample_facts, TODAY, SITE))["products"]
    assert [r["id"] for r in rows] == [e["id"] for e in entries]

    def cell(value):
        return "" if value is None else str(value)

    for row, entry in zip(rows, entries):
        certificate = entry["certificate"]
        assert row == row | {
            "id": entry["id"], "name_vi": entry["name"]["vi"], "name_en": cell(entry["name"]["en"]),
            "product_set": cell(entry["product_set"]), "unit": entry["unit"],
            "producer_name": entry["producer"]["name"], "producer_kind": entry["producer"]["kind"],
            "score": cell(entry["score"]), "stars": cell(entry["stars"]), "status": entry["status"],
            "decision": certificate["decision"], "certificate_date": certificate["date"],
            "issuer": certificate["issuer"], "level": certificate["level"], "expires": certificate["expires"],
            "url": entry["url"],
        }
    lc1 = next(r for r in rows if r["id"] == "LC-0001")
    assert (lc1["group"], lc1["unit"], lc1["unit_today"]) == ("I", "san-thang", "phuong-tan-phong")
    assert next(r for r in rows if r["id"] == "LC-0011")["score"] == ""


def test_csv_quotes_commas_quotes_and_newlines(products):
    name = 'Chè "Ngon", loại 1'
    write_record(products, "LC-0001", GOOD_RECORD.replace("vi: Chè Shan tuyết cổ thụ San Thàng", f"vi: '{name}'"))
    [row] = parse_csv(products_csv(facts_of(products), TODAY, SITE))
    assert row["name_vi"] == name


# --- Atom feed -------------------------------------------------------------

def test_atom_feed_newest_decision_first(sample_facts):
    feed = ET.fromstring(certified_atom(sample_facts, SITE, "OCOP Lai Châu", TODAY))
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(sample_facts)
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == updated[0] == "2026-06-30T00:00:00+07:00"
    first = entries[0]
    assert first.findtext(f"{ATOM}id") == "https://ocop.example.vn/p/LC-0002/#2026-06-30"
    assert first.findtext(f"{ATOM}title") == "LC-0002 — Hạt mắc ca sấy nứt vỏ Đỉnh Mây — 4 sao"
    assert first.find(f"{ATOM}link").get("href") == "https://ocop.example.vn/p/LC-0002/"
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name") == "OCOP Lai Châu"


def test_atom_feed_in_english_links_english_pages(sample_facts):
    feed = ET.fromstring(certified_atom(sample_facts, SITE, "OCOP Lai Châu", TODAY, lang="en"))
    first = feed.find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}title") == "LC-0002 — Dinh May roasted cracked-shell macadamia nuts — 4 stars"
    assert first.find(f"{ATOM}link").get("href") == "https://ocop.example.vn/en/p/LC-0002/"


def test_atom_feed_keeps_the_newest_50(products):
    for number in range(1, 53):
        text = GOOD_RECORD.replace("id: LC-0001", f"id: LC-{number:04d}")
        write_record(products, f"LC-{number:04d}", text.replace("date: 2024-06-28", f"date: 2024-{7 + number // 28:02d}-{number % 28 + 1:02d}"))
    feed = ET.fromstring(certified_atom(facts_of(products), SITE, "OCOP", TODAY))
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(ids) == 50
    assert ids[0] == "https://ocop.example.vn/p/LC-0052/#2024-08-25"
    assert "https://ocop.example.vn/p/LC-0001/#2024-07-02" not in ids  # the two oldest fall off


def test_empty_feed_is_dated_today():
    feed = ET.fromstring(certified_atom([], SITE, "OCOP", TODAY))
    assert feed.findtext(f"{ATOM}updated") == "2026-11-28T00:00:00+07:00"
    assert feed.findall(f"{ATOM}entry") == []


# --- hostile text ----------------------------------------------------------

def test_hostile_text_is_escaped_everywhere_and_round_trips(products):
    write_record(products, "LC-0001", GOOD_RECORD
                 .replace("vi: Chè Shan tuyết cổ thụ San Thàng", f"vi: '{HOSTILE.replace(chr(39), chr(39) * 2)}'")
                 .replace("name: Hợp tác xã Chè San Thàng", f"name: '{HOSTILE.replace(chr(39), chr(39) * 2)}'"))
    facts = facts_of(products)
    assert facts[0].product.name.vi == HOSTILE

    atom = certified_atom(facts, SITE, HOSTILE, TODAY)
    assert "<script>" not in atom
    feed = ET.fromstring(atom)
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}title") == f"LC-0001 — {HOSTILE} — 3 sao"
    assert HOSTILE in feed.find(f"{ATOM}entry").findtext(f"{ATOM}summary")
    assert feed.findtext(f"{ATOM}title").startswith(HOSTILE)

    assert json.loads(products_json(facts, TODAY, SITE))["products"][0]["name"]["vi"] == HOSTILE
    assert parse_csv(products_csv(facts, TODAY, SITE))[0]["name_vi"] == HOSTILE

    url = f"{SITE}/p/{HOSTILE}/"
    sitemap = sitemap_xml([(url, None)])
    assert "<script>" not in sitemap
    assert ET.fromstring(sitemap).find(f"{SITEMAP}url").findtext(f"{SITEMAP}loc") == url


# --- sitemap ---------------------------------------------------------------

def test_sitemap_is_a_sorted_urlset_with_one_entry_per_url():
    urlset = ET.fromstring(sitemap_xml([
        (f"{SITE}/p/LC-0002/", date(2026, 6, 30)),
        (f"{SITE}/", None),
        (f"{SITE}/p/LC-0001/", date(2024, 6, 28)),
        (f"{SITE}/p/LC-0001/", date(2025, 1, 1)),
    ]))
    assert urlset.tag == f"{SITEMAP}urlset"
    found = [(u.findtext(f"{SITEMAP}loc"), u.findtext(f"{SITEMAP}lastmod")) for u in urlset]
    assert found == [(f"{SITE}/", None), (f"{SITE}/p/LC-0001/", "2025-01-01"), (f"{SITE}/p/LC-0002/", "2026-06-30")]


# --- determinism -----------------------------------------------------------

def test_same_input_same_bytes(sample_facts):
    shuffled = list(reversed(sample_facts))
    for make in (lambda f: products_json(f, TODAY, SITE), lambda f: products_csv(f, TODAY, SITE),
                 lambda f: certified_atom(f, SITE, "OCOP", TODAY), lambda f: certified_atom(f, SITE, "OCOP", TODAY, "en")):
        assert make(sample_facts) == make(sample_facts) == make(shuffled)
    pairs = [(f"{SITE}/p/{f.id}/", f.status.current.date) for f in sample_facts]
    assert sitemap_xml(pairs) == sitemap_xml(reversed(pairs))
