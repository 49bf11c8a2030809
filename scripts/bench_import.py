"""How fast is `ocop import`? Generate a province's list as an officer's .xlsx, time the import.

Generates a list of N rows (default 1,000) as a ministry's annex: a title merged across the top, the
header, a row of column numbers, then products of tỉnh Lâm Đồng named as officers write them —
communes by name with their district from 06/2023 (rule set 148/2023) to 30/06/2025 and without one after, dates as date cells
and as dd/mm/yyyy text, stars as "3 sao" and ★★★, issuers of both periods, producers whose names say
their kind. It imports the list into an empty dataset three times (a fresh folder each time) and
prints the best time in rows per second beside the target: 1,000 rows in under 10 s on a 2-core
machine. Every row must be written: a row refused is a bug of the bench or of the import. It prints
figures; it is not a test.

    .venv/bin/python scripts/bench_import.py
    .venv/bin/python scripts/bench_import.py --rows 5000 --repeat 1
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from ocop.importing.plan import plan_import, write_plan  # noqa: E402
from ocop.places.country import REFORM_DAY, find_province, national_units  # noqa: E402
from ocop.reading.dataset import load_dataset  # noqa: E402

TODAY = date(2026, 11, 28)
TARGET_SECONDS = 10.0  # for 1,000 rows
PROVINCE = "68"
DATASET_YAML = f'locality: {{vi: tỉnh thử nghiệm, en: test province}}\nprovince: "{PROVINCE}"\nsample: true\n'
HEADER = ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Xã/Phường", "Bộ sản phẩm", "Hạng sao", "Số quyết định",
          "Ngày quyết định", "Cơ quan ban hành"]
PRODUCTS = ["Chè", "Cà phê", "Mật ong", "Miến", "Rượu", "Gạo", "Tinh dầu", "Trà hoa", "Nấm", "Hạt điều"]
SETS = {"Chè": 11, "Cà phê": 13, "Mật ong": 4, "Miến": 6, "Rượu": 14, "Gạo": 3, "Tinh dầu": 20, "Trà hoa": 12,
        "Nấm": 7, "Hạt điều": 7}
PRODUCERS = ["HTX", "Công ty TNHH", "Hộ kinh doanh", "Tổ hợp tác", "Cơ sở sản xuất"]


def _places():
    """(communes before the reform with their district, communes since) of the bench's province, unique
    by name within their period so that every row names one unit."""
    units, province = national_units(), find_province(PROVINCE)
    inside = [u for u in units.by_key.values() if u.level == "commune" and units.in_province(u, province)]
    old, new = {}, {}
    for unit in inside:
        if unit.end:
            district = units.parent(unit)
            old.setdefault((unit.name_vi, district.key), (unit, district))
        else:
            new.setdefault(unit.name_vi, unit)
    names_new = [u.name_vi for u in sorted(new.values(), key=lambda u: u.code)
                 if sum(1 for v in new.values() if v.name_vi == u.name_vi) == 1]
    return sorted(old.values(), key=lambda pair: pair[0].code), names_new


def write_list(path: Path, rows: int, seed: int = 1) -> None:
    from openpyxl import Workbook

    rng = random.Random(seed)
    old, new = _places()
    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet.append(["DANH SÁCH SẢN PHẨM OCOP ĐƯỢC CÔNG NHẬN"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append(HEADER)
    sheet.append([f"({n})" for n in range(1, len(HEADER) + 1)])
    for number in range(1, rows + 1):
        product = rng.choice(PRODUCTS)
        if rng.random() < 0.5:
            unit, district = rng.choice(old)
            day = date(2023, 6, 1) + timedelta(days=rng.randrange((REFORM_DAY - date(2023, 6, 1)).days - 10))
            place = f"{unit.name_in_sentence()}, {district.name_in_sentence()}"
            # Under 148/2023 the district recognised 3 stars, the province 4.
            stars = rng.choice((3, 4))
            issuer = f"UBND {district.name_in_sentence()}" if stars == 3 else "UBND tỉnh Lâm Đồng"
        else:
            place = rng.choice(new)
            day = REFORM_DAY + timedelta(days=10 + rng.randrange((TODAY - REFORM_DAY).days - 20))
            issuer, stars = "UBND tỉnh Lâm Đồng", rng.choice((3, 4))
        producer = f"{rng.choice(PRODUCERS)} {product} {number}"
        when = datetime(day.year, day.month, day.day) if number % 2 else day.strftime("%d/%m/%Y")
        sheet.append([number, f"{product} số {number}", producer, f"Thôn {number % 9 + 1}, {place}", place,
                      SETS[product], f"{stars} sao" if number % 3 else "★" * stars, f"{number}/QĐ-UBND", when, issuer])
    book.save(path)


def bench(rows: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sheet = tmp / "danh-sach.xlsx"
        write_list(sheet, rows)
        best = None
        for attempt in range(repeat):
            folder = tmp / f"products-{attempt}"
            folder.mkdir()
            (folder / "dataset.yaml").write_text(DATASET_YAML, encoding="utf-8")
            start = time.perf_counter()
            dataset = load_dataset(folder, TODAY, check_history=False)
            plan = plan_import(sheet, dataset)
            write_plan(plan)
            elapsed = time.perf_counter() - start
            refused = [p for p in plan.problems if p.is_error]
            if plan.file_error or refused or len(plan.new) != rows:
                first = plan.file_error or (refused[0] if refused else None)
                sys.exit(f"the bench list did not import whole: {len(plan.new)} of {rows} rows written; "
                         f"first problem:\n{first.text() if first else '-'}")
            best = elapsed if best is None else min(best, elapsed)
        errors = [p for p in load_dataset(tmp / "products-0", TODAY, check_history=False).errors]
        target = TARGET_SECONDS * rows / 1000
        print(f"ocop import, {rows} rows: best of {repeat} {best:.2f} s, {rows / best:,.0f} rows/s "
              f"(target: {rows} rows in under {target:.0f} s: {'met' if best < target else 'MISSED'}); "
              f"ocop validate on the result: {len(errors)} errors")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench(args.rows, args.repeat)


if __name__ == "__main__":
    main()
