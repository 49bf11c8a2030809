"""The finder's index: the published products as small files a phone fetches on first use.

A national catalogue holds some 20,000 products; one file of rows would weigh megabytes, so
the index is split by what a first search needs:

- ``data/search/<lang>/meta.json``: one short column per fact the finder filters and orders
  on (status, stars, group, expiry), indexed by product number, with the groups and the list of
  word files that exist;
- ``data/search/t/<key>.json``: the words, keyed by the first two letters of the folded word,
  each word as written (lower case, with its marks, so a query typed with accents can be matched
  exactly) with the products it occurs in, by tier: first word of a name, elsewhere in a name, in
  other text (producer, unit, product set);
- ``data/search/i/<key>.json``: the ids and old ids (``aliases:``), a hundred a file, so that an
  exact id typed in any case leads to its product;
- ``data/search/<lang>/units.json``: the unit of each product and the units by province, fetched
  only when the unit filter is used;
- ``data/search/<lang>/r<k>.json``: the rows to display (id, name, card photo, unit),
  ``ROWS_PER_CHUNK`` products each.

Products are numbered in the order of their folded names, so that the first results of a word
that begins names ("chè…", "mật ong…") lie in one or two row chunks. Every file carries the
index's version ``v``: a reader that meets two versions fetches the meta again.

Pure functions from facts to bytes: no Pelican here. The facts carry the day they were worked out
for; the files do not, so they change only when what they hold changes.
"""

import hashlib
import json
import re
from datetime import date

from ..common.text import fold, nfc, slug
from ..rules.facts import ProductFacts

ROWS_PER_CHUNK = 200
SHARD_LETTERS = 2
FOLDER = "data/search"
# One letter per status, in the meta's status column (see catalogue.js).
STATUS_CODES = {"valid": "v", "expiring": "e", "expired": "x", "revoked": "r", "withdrawn": "w"}
EPOCH = date(2000, 1, 1)  # expiry days are counted from here, three base-36 digits (to 2127)
TIER_NAME_START, TIER_NAME, TIER_OTHER = 0, 1, 2

_SEPARATORS = re.compile(r"[\W_]+")


def words(text: str) -> list[str]:
    """The words of a text as the finder compares them: NFC, lower case, split at anything that is
    not a letter or a digit ("Shan-tuyết" → shan, tuyết). catalogue.js splits a query the same way."""
    return [w for w in _SEPARATORS.split(nfc(text).lower()) if w]


def shard_key(word: str) -> str:
    """The file a word's entry is in: the first letters of the folded word ("chè" → "ch")."""
    return fold(word)[:SHARD_LETTERS]


def id_key(folded_id: str) -> str:
    """The file an id is in: the folded id without its last two characters ("lc-0007" → "lc-00"),
    a hundred ids a file; catalogue.js asks for the one file of the id typed."""
    return slug(folded_id[:-2]) or "_"


def _base36(number: int, width: int = 0) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
        if number == 0:
            break
    return digits.rjust(width, "0") if width else digits


def _deltas(numbers) -> str:
    """Sorted product numbers as base-36 gaps: "0,3,1b" (common words list thousands)."""
    out, last = [], 0
    for number in sorted(numbers):
        out.append(_base36(number - last))
        last = number
    return ",".join(out)


def _name(product, lang):
    return (product.name.en or product.name.vi) if lang == "en" else product.name.vi


def _group(facts: ProductFacts):
    return facts.product_set.group if facts.product_set else None


def product_order(facts: list[ProductFacts]) -> list[ProductFacts]:
    """The index's numbering: by folded Vietnamese name, then id."""
    return sorted(facts, key=lambda f: (fold(f.product.name.vi), f.id))


def _texts(facts: ProductFacts):
    """(name texts, other texts) a product is found by."""
    product = facts.product
    names = [product.name.vi] + ([product.name.en] if product.name.en else [])
    # The units' Vietnamese names only: an English unit name is the same name folded, plus a word
    # ("ward", "commune") that every product would share. Ids are found whole (see token_entries).
    units = {u.name_vi for u in (facts.unit_on_certificate, facts.unit_today) if u}
    other = [product.producer.name, *sorted(units)]
    if facts.product_set:
        other += [facts.product_set.vi, facts.product_set.en]
    return names, other


def token_entries(ordered: list[ProductFacts]) -> dict:
    """{word as written: [product numbers per tier]}, each product in its best tier for the word;
    and {folded id: [id, product number]} for the ids and old ids (an exact id jumps to the product)."""
    best = {}
    ids = {}
    for number, facts in enumerate(ordered):
        names, other = _texts(facts)
        found = {}
        for text in names:
            for position, word in enumerate(words(text)):
                tier = TIER_NAME_START if position == 0 else TIER_NAME
                found[word] = min(found.get(word, tier), tier)
        for text in other:
            for word in words(text):
                found.setdefault(word, TIER_OTHER)
        for word, tier in found.items():
            best.setdefault(word, ([], [], []))[tier].append(number)
        for old in [facts.id, *facts.product.aliases]:
            ids[fold(old)] = [facts.id, number]
    return best, ids


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def search_files(facts: list[ProductFacts], langs=("vi", "en"), photos=None, province_of=None) -> dict:
    """Every file of the index: {path under the site: bytes}. ``photos``: {product id: its card
    photo's file name without extension, "hop-che-160"}; ``province_of``: unit → its province (or
    None), so that the finder's list of units is grouped by province."""
    photos = photos or {}
    ordered = product_order(facts)
    entries, ids = token_entries(ordered)
    shards = {}
    for word, tiers in entries.items():
        shards.setdefault(shard_key(word), {})[word] = [_deltas(t) for t in tiers]
    body = {f"{FOLDER}/t/{key}.json": words_ for key, words_ in shards.items()}
    for folded, product_id in ids.items():
        body.setdefault(f"{FOLDER}/i/{id_key(folded)}.json", {})[folded] = product_id
    rows = {}
    metas = {}
    for lang in langs:
        for start in range(0, len(ordered), ROWS_PER_CHUNK):
            chunk = ordered[start:start + ROWS_PER_CHUNK]
            rows[f"{FOLDER}/{lang}/r{start // ROWS_PER_CHUNK}.json"] = [
                [f.id, _name(f.product, lang), photos.get(f.id, ""), _unit_name(f.listed_unit, lang)] for f in chunk]
        metas[f"{FOLDER}/{lang}/meta.json"] = meta(ordered, lang, sorted(shards))
        metas[f"{FOLDER}/{lang}/units.json"] = unit_column(ordered, lang, province_of)
    # The version: a digest of everything, so that a reader never mixes two builds' files.
    digest = hashlib.sha256()
    for part in (body, rows, metas):
        for path in sorted(part):
            digest.update(path.encode() + _json(part[path]))
    version = digest.hexdigest()[:12]
    files = {}
    for path, data in body.items():
        files[path] = _json({"v": version, "w": data})
    for path, data in rows.items():
        files[path] = _json({"v": version, "r": data})
    for path, data in metas.items():
        files[path] = _json({"v": version, **data})
    return files


def _unit_name(unit, lang):
    if unit is None:
        return ""
    return unit.name_vi if lang == "vi" else unit.name_en


def meta(ordered: list[ProductFacts], lang: str, shard_keys: list[str]) -> dict:
    """The columns every search reads, one character (or three) per product number: status, stars,
    group, expiry (days since EPOCH); the groups [slug, name]; the token shards that exist. No day:
    the phone counts the days to expiry itself, and the index stays the same from one day to the
    next until a status moves."""
    groups, group_numbers = [], {}
    status, stars, group_column, expiry = [], [], [], []
    for facts in ordered:
        status.append(STATUS_CODES[facts.status.status])
        stars.append(str(facts.stars or 0))
        group = _group(facts)
        if group is None:
            group_column.append("-")
        else:
            key = slug(group.vi)
            if key not in group_numbers:
                group_numbers[key] = len(groups)
                groups.append([key, group.vi if lang == "vi" else group.en])
            group_column.append(_base36(group_numbers[key]))  # six groups: one digit
        expires = facts.status.expires
        expiry.append(_base36((expires - EPOCH).days, 3) if expires else "000")
    return {"n": len(ordered), "chunk": ROWS_PER_CHUNK,
            "st": "".join(status), "sr": "".join(stars), "g": "".join(group_column), "x": "".join(expiry),
            "groups": groups, "shards": shard_keys}


def unit_column(ordered: list[ProductFacts], lang: str, province_of=None) -> dict:
    """The unit of each product (three base-36 digits, "zzz" for none), with the units [code, name,
    province number] and provinces [name]: fetched only when the unit filter is used."""
    units, unit_numbers, provinces, province_numbers, column = [], {}, [], {}, []
    for facts in ordered:
        unit = facts.listed_unit
        if unit is None:
            column.append("zzz")
            continue
        if unit.code not in unit_numbers:
            unit_numbers[unit.code] = len(units)
            province = province_of(unit) if province_of else None
            if province is not None and province.key not in province_numbers:
                province_numbers[province.key] = len(provinces)
                provinces.append(_unit_name(province, lang))
            units.append([unit.code, _unit_name(unit, lang),
                          province_numbers[province.key] if province is not None else -1])
        column.append(_base36(unit_numbers[unit.code], 3))
    return {"u": "".join(column), "units": units, "provinces": provinces}
