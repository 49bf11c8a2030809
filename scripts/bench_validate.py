"""How fast is validation? Generate valid records, time ``ocop.reading.dataset.load_dataset`` on them.

Generates 1,000 and 5,000 varied, valid records (every product set, old and new units, the four
rule sets, district/province/central councils, first/upgrade/rerating scorings, complete 26/2026
scoring sheets, superseded and revoked certificates, candidates; no photos) into a temporary
folder, loads each folder three times and prints the best time in records per second beside the
target. It prints figures; it is not a test.

    .venv/bin/python scripts/bench_validate.py
    .venv/bin/python scripts/bench_validate.py --records 20000 --repeat 5
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from ocop.places.country import REFORM_DAY, find_province, national_units  # noqa: E402
from ocop.reading.dataset import load_dataset  # noqa: E402
from ocop.rules import criteria  # noqa: E402
from ocop.rules.producers import kinds_allowed  # noqa: E402
from ocop.rules.ranking import rank  # noqa: E402
from ocop.rules.records import Evaluation  # noqa: E402
from ocop.rules.rulesets import rule_set_for  # noqa: E402

TODAY = date(2026, 11, 28)
TARGET = 5000  # records per second, at 5,000 records with the national unit data loaded (the issue's goal)
# The records belong to a dataset of one province (its units and issuers read against the
# country's unit data, as a real dataset's are): tỉnh Lâm Đồng, which took in two provinces in 2025.
PROVINCE = "68"
NEW_UNITS_FROM = REFORM_DAY
CENT = Decimal("0.01")
DATASET_YAML = f"""\
locality: {{vi: tỉnh thử nghiệm, en: test province}}
province: "{PROVINCE}"
office:
  name: {{vi: Văn phòng thử nghiệm, en: Test office}}
  address: Số 1
  phone: "0263 3822 000"
  email: ocop@example.vn
  report: {{phone: "0263 3822 000", email: ocop@example.vn}}
sample: true
"""


def _province_units():
    """(communes before 01/07/2025, communes since, districts before) of the bench's province."""
    units, province = national_units(), find_province(PROVINCE)
    inside = [u for u in units.by_key.values() if units.in_province(u, province)]
    old = sorted(u.code for u in inside if u.level == "commune" and u.end)
    new = sorted(u.code for u in inside if u.level == "commune" and not u.end)
    districts = sorted(u.name_in_sentence() for u in inside if u.level == "district")
    return tuple(old), tuple(new), tuple(districts), province


OLD_UNITS, NEW_UNITS, DISTRICTS, _PROVINCE = _province_units()
ISSUERS = {"district": lambda rng: f"UBND {rng.choice(DISTRICTS)}",
           "province": lambda rng: f"UBND {_PROVINCE.name_in_sentence()}",
           "central": lambda rng: "Bộ Nông nghiệp và Phát triển nông thôn"}

Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def day_between(rng, first, last):
    return first + timedelta(days=rng.randint(0, (last - first).days))


def parts(rng, total, day):
    """Split ``total`` into A, B, C within the part maxima of the rule set of ``day``."""
    maxima = rule_set_for(day).part_max
    a = (total * maxima["A"] / 100).quantize(CENT, ROUND_DOWN)
    b = (total * maxima["B"] / 100).quantize(CENT, ROUND_DOWN)
    return {"A": a, "B": b, "C": total - a - b}


def total_in(rng, low, high):
    return Decimal(rng.randint(int(low * 100), int(high * 100) - 1)) / 100


class Record:
    """One generated product; ``evaluate``/``certify`` keep the rules consistent as they go."""

    def __init__(self, rng, number):
        self.rng = rng
        self.number = number
        self.product_set = rng.randint(1, 26)
        self.evaluations = []  # (data dict, Evaluation)
        self.certificates = []
        self.revocation = None

    def evaluate(self, day, council, kind, total=None, minimums_met=None, sheet=False):
        rules = rule_set_for(day).code
        data = {"date": day.isoformat(), "council": council, "kind": kind}
        if self.rng.random() < 0.5:
            data["rules"] = rules
        points = None
        if sheet:
            scoring = criteria.sheet_for(rules, self.product_set)
            points = {code: Decimal(self.rng.choice(c.points[len(c.points) // 2:]))
                      for code, c in scoring.criteria.items()}
            scores = scoring.evaluate(points).part_totals
            data["scores"] = {k: str(v) for k, v in scores.items()}
            data["criteria"] = {k: str(v) for k, v in points.items()}
        else:
            scores = parts(self.rng, total, day)
            data["scores"] = {k: str(v) for k, v in scores.items()}
            if minimums_met is not None:
                data["minimums_met"] = str(minimums_met)
        evaluation = Evaluation(len(self.evaluations), day, council, kind, None, rules, scores, minimums_met, points)
        self.evaluations.append((data, evaluation))
        return rank(evaluation, self.product_set)

    def certify(self, day, ranked):
        if ranked is None or not ranked.certifiable:
            return
        level = rule_set_for(day).certifier[ranked.stars]
        self.certificates.append({"decision": f"{self.rng.randint(1, 3999)}/QĐ-UBND", "date": day.isoformat(),
                                  "issuer": ISSUERS[level](self.rng), "level": level, "stars": str(ranked.stars)})
        self.last_certificate = day

    def as_yaml(self):
        rng = self.rng
        record_id = f"BM-{self.number:05d}"
        dates = [date.fromisoformat(c["date"]) for c in self.certificates] or [e.date for _, e in self.evaluations]
        reference = max(dates) if dates else TODAY
        unit = rng.choice(NEW_UNITS if reference >= NEW_UNITS_FROM else OLD_UNITS)
        data = {"id": record_id}
        if rng.random() < 0.5:
            data["code"] = f"{PROVINCE}-{unit}-{rng.randint(1, 999):05d}-{reference.year}"
        data["name"] = {"vi": f"Sản phẩm thử số {self.number}"}
        if rng.random() < 0.6:
            data["name"]["en"] = f"Test product {self.number}"
        data["product_set"] = str(self.product_set)
        data["unit"] = unit
        producer = {"name": f"Hợp tác xã Thử nghiệm {self.number}",
                    "kind": rng.choice(kinds_allowed(self.product_set)),
                    "address": "Tổ dân phố số 1"}
        if rng.random() < 0.7:
            producer["phone"] = f"09{rng.randint(10000000, 99999999)}"
        if rng.random() < 0.5:
            producer["email"] = f"htx{self.number}@example.vn"
        if rng.random() < 0.3:
            producer["website"] = f"https://example.vn/{self.number}"
        data["producer"] = producer
        data["description"] = {"vi": "Sản phẩm **thử nghiệm**, sinh ra cho phép đo tốc độ.\n" * rng.randint(1, 4)}
        if rng.random() < 0.5:
            data["description"]["en"] = "A *benchmark* product.\n"
        if rng.random() < 0.4:
            data["story"] = {"vi": "Câu chuyện sản phẩm.\n" * rng.randint(1, 3)}
        if rng.random() < 0.5:
            data["sales"] = [{"name": "Cửa hàng OCOP", "address": "Phường Tân Phong"},
                             {"name": "Gian hàng trực tuyến", "url": f"https://example.vn/shop/{self.number}"}]
        if self.evaluations:
            data["evaluations"] = [d for d, _ in self.evaluations]
        if self.certificates:
            data["certificates"] = self.certificates
        if self.revocation:
            data["revocation"] = self.revocation
        return record_id, yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False)


# Each story is a path a real product takes through the rules.

def story_qd1048(r):  # 2020–2022: province 3★/4★, now expired
    day = day_between(r.rng, date(2020, 1, 1), date(2022, 12, 1))
    r.certify(day + timedelta(days=20), r.evaluate(day, "province", "first", total_in(r.rng, 50, 90),
                                                   r.rng.choice([3, 4])))


def story_district_3(r):  # qd148-2023: district 3★, valid after the district level went
    day = day_between(r.rng, date(2023, 3, 1), date(2025, 6, 10))
    r.certify(day + timedelta(days=r.rng.randint(5, 20)),
              r.evaluate(day, "district", "first", total_in(r.rng, 50, 70), 3))


def story_province_4(r):  # qd148-2023: district scores ≥ 70 and forwards; province certifies 4★
    day = day_between(r.rng, date(2023, 3, 1), date(2025, 5, 1))
    r.evaluate(day, "district", "first", total_in(r.rng, 70, 90), 4)
    later = day + timedelta(days=30)
    r.certify(later + timedelta(days=15), r.evaluate(later, "province", "first", total_in(r.rng, 70, 90), 4))


def story_central_5(r):  # qd148-2023: district → province → central 5★
    day = day_between(r.rng, date(2023, 3, 1), date(2025, 3, 1))
    r.evaluate(day, "district", "first", total_in(r.rng, 90, 100), 5)
    r.evaluate(day + timedelta(days=30), "province", "first", total_in(r.rng, 90, 100), 5)
    later = day + timedelta(days=60)
    r.certify(later + timedelta(days=20), r.evaluate(later, "central", "first", total_in(r.rng, 90, 100), 5))


def story_1489(r):  # qd148-1489-2025: province 3★ or 4★
    day = day_between(r.rng, date(2025, 7, 6), date(2026, 5, 1))
    r.certify(day + timedelta(days=20), r.evaluate(day, "province", "first", total_in(r.rng, 50, 90),
                                                   r.rng.choice([3, 4])))


def story_qd26_sheet(r):  # qd26-2026 with the full scoring sheet; a candidate or certified
    day = day_between(r.rng, date(2026, 5, 22), date(2026, 10, 31))
    ranked = r.evaluate(day, "province", "first", sheet=True)
    if r.rng.random() < 0.6:
        r.certify(day + timedelta(days=20), ranked)


def story_candidate(r):  # scored, not (yet) certified; sometimes below 3★
    day = day_between(r.rng, date(2025, 8, 1), date(2026, 11, 20))
    r.evaluate(day, "province", "first", total_in(r.rng, 20, 95), r.rng.choice([None, 2, 3, 4, 5]))


def story_upgrade_or_rerating(r):  # an old certificate superseded by a 2026 decision
    day = day_between(r.rng, date(2023, 3, 1), date(2024, 6, 1))
    r.certify(day + timedelta(days=10), r.evaluate(day, "district", "first", total_in(r.rng, 50, 70), 3))
    later = day_between(r.rng, date(2026, 5, 22), date(2026, 10, 31))
    if r.rng.random() < 0.5:
        ranked = r.evaluate(later, "province", "upgrade", total_in(r.rng, 70, 90), 4)
    else:
        ranked = r.evaluate(later, "province", "rerating", total_in(r.rng, 50, 70), 3)
    r.certify(later + timedelta(days=12), ranked)


def story_no_evaluation(r):  # an old certificate recorded without its scoring
    day = day_between(r.rng, date(2020, 1, 1), date(2022, 12, 31))
    r.certificates.append({"decision": "1105/QĐ-UBND", "date": day.isoformat(), "issuer": ISSUERS["province"](r.rng),
                           "level": "province", "stars": "3"})


STORIES = (story_qd1048, story_district_3, story_province_4, story_central_5, story_1489, story_qd26_sheet,
           story_candidate, story_upgrade_or_rerating, story_no_evaluation)


def generate(folder: Path, count: int, seed: int = 2026):
    rng = random.Random(seed)
    for number in range(1, count + 1):
        record = Record(rng, number)
        rng.choice(STORIES)(record)
        if record.certificates and rng.random() < 0.08:
            newest = date.fromisoformat(record.certificates[-1]["date"])
            if newest < TODAY - timedelta(days=2):
                record.revocation = {"decision": f"{rng.randint(1, 999)}/QĐ-UBND",
                                     "date": day_between(rng, newest + timedelta(days=1), TODAY).isoformat(),
                                     "ground": rng.choice(["a", "b", "c", "d", "đ", "e"]),
                                     "reason": {"vi": "Không duy trì tiêu chuẩn sau kiểm tra."}}
        record_id, text = record.as_yaml()
        (folder / f"{record_id}.yaml").write_text(text, encoding="utf-8")


def measure(count: int, repeat: int):
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp:
        folder = Path(tmp) / "products"
        folder.mkdir()
        (folder / "dataset.yaml").write_text(DATASET_YAML, encoding="utf-8")
        generate(folder, count)
        times, dataset = [], None
        for _ in range(repeat):
            started = time.perf_counter()
            dataset = load_dataset(folder, TODAY)
            times.append(time.perf_counter() - started)
        if dataset.errors:
            print(f"  the generated records have {len(dataset.errors)} errors; first ones:", file=sys.stderr)
            for problem in dataset.errors[:5]:
                print(f"  {problem.location} {problem.code} [{problem.path}] {problem.message_en}", file=sys.stderr)
            raise SystemExit(1)
        return min(times), len(dataset.products), len(dataset.warnings)


def print_unit_data_cost():
    """The country's unit data: the time to load it (in a fresh process, as every command does) and
    the size it adds to the installed package (as a file, and as the wheel's zip stores it)."""
    import subprocess
    import zlib

    code = ("import time; from ocop.places.country import national_units; t = time.perf_counter(); "
            "n = len(national_units()); print(n, time.perf_counter() - t)")
    root = Path(__file__).resolve().parent.parent
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
            .stdout.split() for _ in range(3)]
    count, best = int(runs[0][0]), min(float(r[1]) for r in runs)
    data = (root / "ocop" / "data" / "units-vn.json").read_bytes()
    print(f"country's unit data: {count:,} units, loaded in {best * 1000:.0f} ms (best of 3 fresh processes); "
          f"adds {len(data) / 1024:,.0f} KiB to the installed package ({len(zlib.compress(data, 9)) / 1024:,.0f} KiB"
          f" compressed in the wheel)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 5000], metavar="N",
                        help="how many records to generate (default: 1000 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="loads per size; the best counts (default: 3)")
    args = parser.parse_args(argv)
    print_unit_data_cost()
    print(f"ocop.reading.dataset.load_dataset, best of {args.repeat}, as of {TODAY.isoformat()}; "
          f"target ≥ {TARGET:,} records/s")
    for count in args.records:
        best, loaded, warnings = measure(count, args.repeat)
        rate = loaded / best
        verdict = "ok" if rate >= TARGET else "BELOW TARGET"
        print(f"{loaded:>7,} records  {best:7.3f} s  {rate:9,.0f} records/s  ({warnings} warnings, 0 errors)  "
              f"{verdict}")


if __name__ == "__main__":
    main()
