"""Open data and feeds: products.json, products.csv, the Atom feed of new certificates, sitemap.xml.

Every function returns a ``str`` and is deterministic: the same facts and day
give the same bytes (rows sorted by id, no build timestamp), so a rebuild that
changes nothing changes no file, and caches and mirrors stay quiet. What is
said about a product (status, stars, score, units) comes from ``ProductFacts``;
nothing is recomputed here. The shape of products.json is a public contract
(DESIGN.md, "Interfaces"): add nothing to it without updating the design.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date

from .cells import csv_row

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Written by hand: ElementTree's own declaration with encoding="unicode" names
# the machine's locale encoding, which would make the bytes machine-dependent.
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
FEED_MAX_ENTRIES = 50
VIETNAM_OFFSET = "+07:00"  # decisions carry a day, not a time: midnight in Vietnam

CSV_COLUMNS = ("id", "name_vi", "name_en", "product_set", "group", "unit", "unit_today",
               "producer_name", "producer_kind", "score", "stars", "status", "decision",
               "certificate_date", "issuer", "level", "expires", "url")


def product_url(site_url: str, product_id: str, lang: str = "vi") -> str:
    """The product page: ``/p/<ID>/`` (vi) or ``/en/p/<ID>/``, absolute when the site URL is known."""
    prefix = "/en" if lang == "en" else ""
    return f"{site_url.rstrip('/')}{prefix}/p/{product_id}/"


def _published(facts_list, status_date: date | None = None):
    """Published facts sorted by id; a status computed for another day than the one announced is refused."""
    chosen = sorted((f for f in facts_list if f.published), key=lambda f: f.id)
    if status_date is not None:
        wrong = [f.id for f in chosen if f.status.today != status_date]
        if wrong:
            raise ValueError(f"facts of {', '.join(wrong)} are not computed for {status_date.isoformat()}")
    return chosen


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _product_entry(facts, site_url: str) -> dict:
    """One product of products.json, keys in the order of the contract."""
    product, certificate = facts.product, facts.status.current
    producer = product.producer
    return {
        "id": product.id,
        # A missing English name stays null: consumers of the data choose their own fallback.
        "name": {"vi": product.name.vi, "en": product.name.en or None},
        "product_set": product.product_set,
        "unit": product.unit,  # the unit named on the certificate, never renamed
        "producer": {"name": producer.name if producer else None, "kind": producer.kind if producer else None},
        # JSON has no decimal type; the exact Decimal stays in the core, a float is enough to read it.
        "score": float(facts.score) if facts.score is not None else None,
        "stars": facts.stars,
        "status": facts.status.status,
        "certificate": {
            "decision": certificate.decision,
            "date": _iso(certificate.date),
            "issuer": certificate.issuer,
            "level": certificate.level,
            "expires": _iso(facts.status.expires),
        },
        "url": product_url(site_url, product.id),
    }


def publisher_entry(publisher) -> dict:
    """Who publishes the data (the dataset's dataset.yaml), beside ``status_date`` in products.json.
    Every key is always there; what the dataset does not say is null."""
    province, office = publisher.province, publisher.office
    return {
        "locality": {"vi": publisher.locality_vi, "en": publisher.locality_en} if publisher.locality_vi else None,
        "province": {"code": province.code, "name": {"vi": province.name_vi, "en": province.name_en}}
        if province else None,
        "office": {"name": {"vi": office.name_vi, "en": office.name_en or None}, "address": office.address,
                   "phone": office.contact.phone, "email": office.contact.email,
                   "report": {"phone": office.report.phone, "email": office.report.email} if office.report else None}
        if office and office.name_vi else None,
        "sample": publisher.sample,
    }


def products_json(facts_list, status_date: date, site_url: str, publisher=None) -> str:
    """The open data of DESIGN.md ("Interfaces"); with ``publisher``, a ``publisher`` block (who
    publishes the data, from dataset.yaml) between ``status_date`` and ``products``."""
    data = {"status_date": status_date.isoformat()}
    if publisher is not None:
        data["publisher"] = publisher_entry(publisher)
    data["products"] = [_product_entry(f, site_url) for f in _published(facts_list, status_date)]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def products_csv(facts_list, status_date: date, site_url: str) -> str:
    """The same products as products.json, flat, one row each.

    Starts with a UTF-8 byte order mark: Excel on Vietnamese Windows reads a
    CSV without one in the ANSI code page (cp1258) and garbles the diacritics.
    Write the string as UTF-8 (not "utf-8-sig", which would add a second mark)
    and with ``newline=""``, so the ``\\r\\n`` of RFC 4180 is not doubled on Windows.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for facts in _published(facts_list, status_date):
        entry = _product_entry(facts, site_url)
        certificate = entry["certificate"]
        row = {
            "id": entry["id"],
            "name_vi": entry["name"]["vi"],
            "name_en": entry["name"]["en"],
            "product_set": entry["product_set"],
            "group": facts.product_set.group.code if facts.product_set else None,
            "unit": entry["unit"],
            "unit_today": facts.unit_today.code if facts.unit_today else None,
            "producer_name": entry["producer"]["name"],
            "producer_kind": entry["producer"]["kind"],
            "score": entry["score"],
            "stars": entry["stars"],
            "status": entry["status"],
            "decision": certificate["decision"],
            "certificate_date": certificate["date"],
            "issuer": certificate["issuer"],
            "level": certificate["level"],
            "expires": certificate["expires"],
            "url": entry["url"],
        }
        # None becomes an empty cell (csv does that too, but say it). The text comes from pull
        # requests: csv_row quotes what a spreadsheet would run as a formula (ocop/outputs/cells.py).
        writer.writerow(csv_row("" if row[c] is None else row[c] for c in CSV_COLUMNS))
    return out.getvalue()


def _xml(root: ET.Element) -> str:
    ET.indent(root, space=" ")
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text  # ElementTree escapes text and attributes when serialising
    return element


def _atom_time(day: date) -> str:
    return f"{day.isoformat()}T00:00:00{VIETNAM_OFFSET}"


FEED_WORDS = {
    "vi": {"title": "{site} — Sản phẩm OCOP mới được công nhận", "stars": "{n} sao",
           "summary": "Quyết định {decision} ngày {date} của {issuer}. Chủ thể: {producer}."},
    "en": {"title": "{site} — Newly certified OCOP products", "stars": "{n} stars",
           "summary": "Decision {decision} of {date} by {issuer}. Producer: {producer}."},
}


def certified_atom(facts_list, site_url: str, site_name: str, today: date, lang: str = "vi") -> str:
    """Atom 1.0 feed of the newest current certificates (newest decision first, at most 50).

    The entry id is the product page + ``#`` + decision date: stable across
    rebuilds, and new when a product is re-rated, so readers show it again.
    """
    lang = "en" if lang == "en" else "vi"
    words = FEED_WORDS[lang]
    home = f"{site_url.rstrip('/')}{'/en' if lang == 'en' else ''}/"
    # Newest decision first; a stable sort of the id-sorted list keeps products decided the same day in id order.
    chosen = sorted(_published(facts_list, today), key=lambda f: f.status.current.date, reverse=True)
    chosen = chosen[:FEED_MAX_ENTRIES]

    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: lang})
    _sub(feed, "id", home)
    _sub(feed, "title", words["title"].format(site=site_name))
    _sub(feed, "updated", _atom_time(chosen[0].status.current.date if chosen else today))
    _sub(feed, "link", rel="alternate", type="text/html", href=home)
    _sub(_sub(feed, "author"), "name", site_name)
    for facts in chosen:
        certificate, product = facts.status.current, facts.product
        url = product_url(site_url, product.id, lang)
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{url}#{certificate.date.isoformat()}")
        stars = words["stars"].format(n=facts.stars)
        _sub(entry, "title", f"{product.id} — {product.name.get(lang)} — {stars}")
        _sub(entry, "updated", _atom_time(certificate.date))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        producer = product.producer.name if product.producer and product.producer.name else "—"
        _sub(entry, "summary", words["summary"].format(
            decision=certificate.decision, date=certificate.date.strftime("%d/%m/%Y"),
            issuer=certificate.issuer, producer=producer))
    return _xml(feed)


def sitemap_xml(urls_with_lastmod) -> str:
    """A sitemaps.org urlset from (absolute URL, date or None) pairs, sorted by URL.

    A URL given twice is listed once, with its latest date: a sitemap with
    duplicate locations is rejected by some search engines.
    """
    latest = {}
    for url, lastmod in urls_with_lastmod:
        dates = [d for d in (latest.get(url), lastmod) if d is not None]
        latest[url] = max(dates) if dates else None
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for url in sorted(latest):
        item = _sub(urlset, "url")
        _sub(item, "loc", url)
        if latest[url] is not None:
            _sub(item, "lastmod", latest[url].isoformat())
    return _xml(urlset)


def status_json(facts_list, status_date: date, site_url: str) -> str:
    """Machine-readable verification: every published id with its status on ``status_date``.

    Old ids (``aliases:``) are listed in ``aliases``, mapped to the id that answers
    for them now, so a code printed under an old id can still be checked.
    """
    chosen = _published(facts_list, status_date)
    products = [{
        "id": f.id,
        "status": f.status.status,
        "stars": f.stars,
        "expires": _iso(f.status.expires),
        "may_carry_mark": f.status.may_carry_mark,
        "replaced_by": f.product.withdrawn.replaced_by if f.product.withdrawn else None,
        "url": product_url(site_url, f.id),
    } for f in chosen]
    aliases = {alias: f.id for f in chosen for alias in f.product.aliases}
    data = {"status_date": status_date.isoformat(), "products": products,
            "aliases": dict(sorted(aliases.items()))}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


CHANGE_WORDS = {
    "vi": {"title": "{site} — Thu hồi, ngừng sản xuất, hết hạn",
           "revoked": "{id} — {name}: bị thu hồi ({decision})",
           "withdrawn": "{id} — {name}: ngừng sản xuất",
           "expired": "{id} — {name}: giấy chứng nhận hết hạn"},
    "en": {"title": "{site} — Revocations, withdrawals and expiries",
           "revoked": "{id} — {name}: revoked ({decision})",
           "withdrawn": "{id} — {name}: no longer made",
           "expired": "{id} — {name}: certificate expired"},
}


def _changes(facts):
    """(day, kind, decision) of the events that took the OCOP mark away from this product."""
    product, status = facts.product, facts.status
    events = []
    if status.status == "revoked":
        events.append((product.revocation.date, "revoked", product.revocation.decision))
    if product.withdrawn and product.withdrawn.date and product.withdrawn.date <= status.today:
        events.append((product.withdrawn.date, "withdrawn", None))
    if status.expires and status.expires < status.today and status.status != "revoked":
        events.append((date.fromordinal(status.expires.toordinal() + 1), "expired", status.current.decision))
    return events


def changes_atom(facts_list, site_url: str, site_name: str, today: date, lang: str = "vi") -> str:
    """Atom feed of revocations, withdrawals and expiries, newest first, so that the national
    system, shops and apps can follow what may no longer carry the OCOP mark."""
    lang = "en" if lang == "en" else "vi"
    words = CHANGE_WORDS[lang]
    home = f"{site_url.rstrip('/')}{'/en' if lang == 'en' else ''}/"
    events = sorted(((day, kind, decision, f) for f in _published(facts_list, today)
                     for day, kind, decision in _changes(f)),
                    key=lambda e: (e[0], e[3].id, e[1]), reverse=True)[:FEED_MAX_ENTRIES * 2]
    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: lang})
    _sub(feed, "id", home + "#thay-doi")
    _sub(feed, "title", words["title"].format(site=site_name))
    _sub(feed, "updated", _atom_time(events[0][0] if events else today))
    _sub(feed, "link", rel="alternate", type="text/html", href=home)
    _sub(_sub(feed, "author"), "name", site_name)
    for day, kind, decision, facts in events:
        url = product_url(site_url, facts.id, lang)
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{url}#{kind}-{day.isoformat()}")
        _sub(entry, "title", words[kind].format(id=facts.id, name=facts.product.name.get(lang), decision=decision))
        _sub(entry, "updated", _atom_time(day))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "category", term=kind)
    return _xml(feed)
