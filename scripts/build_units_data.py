"""Regenerate ocop/data/units-vn.json, the country's administrative units, from a maintained package.

Source: the PyPI package ``vietnamadminunits`` (MIT licence), which holds the units as they stood
on 30/06/2025 (63 provinces, their districts and communes) and after 01/07/2025 (34 provinces and
3,321 communes, wards and special zones), with GSO codes, and how each old commune maps onto the
new ones (a commune split between several new ones names each, the package's default first).
Only its data files are read: the package itself is never imported, so its dependencies are not
needed.

    .venv/bin/pip install --no-deps vietnamadminunits==1.0.4
    .venv/bin/python scripts/build_units_data.py            # or --source DIR (an unpacked wheel)

The output is plain, sorted JSON, so that a refresh shows in ``git diff`` what changed.
"""

import argparse
import importlib.metadata
import importlib.util
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

PACKAGE = "vietnamadminunits"
OUTPUT = Path(__file__).resolve().parent.parent / "ocop" / "data" / "units-vn.json"

# The kind is the first word(s) of the name; "Thành phố" is a province-level city in the province
# column and a district-level city in the district column.
KINDS = {
    "province": {"Tỉnh": "tinh", "Thành phố": "thanh-pho-tw"},
    "district": {"Quận": "quan", "Huyện": "huyen", "Thị xã": "thi-xa", "Thành phố": "thanh-pho"},
    "commune": {"Phường": "phuong", "Xã": "xa", "Thị trấn": "thi-tran", "Đặc khu": "dac-khu"},
}


def clean(name: str) -> str:
    """NFC, and the kind word in its usual case: the package writes a few "Thành Phố …", "Thị Trấn …"."""
    name = unicodedata.normalize("NFC", name.strip())
    for words in KINDS.values():
        for word in words:
            if name.lower().startswith(word.lower() + " ") and not name.startswith(word + " "):
                return word + name[len(word):]
    return name


def kind_of(name: str, level: str) -> str:
    for word, kind in KINDS[level].items():
        if name.startswith(word + " "):
            return kind
    raise SystemExit(f"{name!r}: no known kind for a {level}")


def package_folder(source: str | None) -> Path:
    if source:
        return Path(source) / PACKAGE
    spec = importlib.util.find_spec(PACKAGE)  # finds the folder without running the package's code
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{PACKAGE} is not installed: pip install --no-deps {PACKAGE}==1.0.4")
    return Path(next(iter(spec.submodule_search_locations)))


def package_version(folder: Path) -> str:
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        infos = sorted(folder.parent.glob(f"{PACKAGE}-*.dist-info"))
        return infos[-1].name.removeprefix(f"{PACKAGE}-").removesuffix(".dist-info") if infos else "unknown"


def build(folder: Path) -> dict:
    db = sqlite3.connect(f"file:{folder / 'data' / 'dataset.db'}?mode=ro", uri=True)
    converter = json.loads((folder / "data" / "converter_2025.json").read_text(encoding="utf-8"))

    old_provinces, old_districts, old_communes = {}, {}, {}
    old_code_by_key, old_province_by_key = {}, {}
    for row in db.execute("SELECT province, provinceCode, provinceKey, district, districtCode, districtKey,"
                          " ward, wardCode, wardKey FROM admin_units_legacy"):
        province, p_code, p_key, district, d_code, d_key, ward, w_code, w_key = row
        province, district, ward = clean(province), clean(district), ward and clean(ward)
        old_provinces[p_code] = [p_code, province, kind_of(province, "province")]
        old_province_by_key[p_key] = p_code
        old_districts[d_code] = [d_code, district, kind_of(district, "district"), p_code]
        if ward:  # five island districts have no communes
            old_communes[w_code] = [w_code, ward, kind_of(ward, "commune"), d_code]
            old_code_by_key[f"{p_key}_{d_key}_{w_key}"] = w_code

    new_provinces, new_communes, new_code_by_key, new_province_by_key = {}, {}, {}, {}
    for province, p_code, p_key, ward, w_code, w_key in db.execute(
            "SELECT province, provinceCode, provinceKey, ward, wardCode, wardKey FROM admin_units"):
        province, ward = clean(province), clean(ward)
        new_provinces[p_code] = [p_code, province, kind_of(province, "province")]
        new_province_by_key[p_key] = p_code
        new_communes[w_code] = [w_code, ward, kind_of(ward, "commune"), p_code]
        new_code_by_key[(p_key, w_key)] = w_code

    province_successors = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            province_successors[old_province_by_key[old_key]] = new_province_by_key[new_key]

    commune_successors = {}
    for new_p_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_w_key, old_keys in wards.items():
            for old_key in old_keys:
                code = old_code_by_key.get(old_key)
                if code:
                    commune_successors.setdefault(code, []).append(new_code_by_key[(new_p_key, new_w_key)])
    for new_p_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, pieces in olds.items():
            code = old_code_by_key.get(old_key)
            if not code:
                continue
            # The package's default piece first: lists and filters group a split commune by it.
            for piece in sorted(pieces, key=lambda p: not p["isDefaultNewWard"]):
                successor = new_code_by_key[(new_p_key, piece["newWardKey"])]
                if successor not in commune_successors.setdefault(code, []):
                    commune_successors[code].append(successor)

    missing = sorted(set(old_communes) - set(commune_successors))
    if missing:
        raise SystemExit(f"communes with no successor in the package: {missing[:10]}")
    return {
        "source": {"package": PACKAGE, "version": package_version(folder), "licence": "MIT",
                   "url": f"https://pypi.org/project/{PACKAGE}/"},
        "reform_day": "2025-07-01",
        "columns": {"provinces": ["code", "name", "kind"], "districts": ["code", "name", "kind", "province"],
                    "communes": ["code", "name", "kind", "parent"]},
        "before": {"provinces": sorted(old_provinces.values()), "districts": sorted(old_districts.values()),
                   "communes": sorted(old_communes.values())},
        "after": {"provinces": sorted(new_provinces.values()), "communes": sorted(new_communes.values())},
        "province_successors": dict(sorted(province_successors.items())),
        "commune_successors": dict(sorted(commune_successors.items())),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", help="an unpacked wheel of the package (default: the installed package)")
    parser.add_argument("--output", default=str(OUTPUT))
    args = parser.parse_args(argv)
    data = build(package_folder(args.source))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One unit a line: compact, yet a refresh diffs line by line.
    text = text.replace("],[", "],\n[").replace('],"', '],\n"')
    Path(args.output).write_text(text + "\n", encoding="utf-8")
    counts = {period: {level: len(units) for level, units in data[period].items()} for period in ("before", "after")}
    print(f"{args.output}: {counts}, {len(data['commune_successors'])} communes mapped, "
          f"source {PACKAGE} {data['source']['version']}", file=sys.stderr)


if __name__ == "__main__":
    main()
