"""How fast is the site build? Our Pelican build against plain Pelican, cold and warm.

For each size N it generates, in a temporary folder:

- N valid product records, committed to a throwaway git repository as products/ is in a checkout
  (the build reads its history): every product set, old and new units, the four rule sets, 3★/4★/5★,
  superseded certificates (upgrade and re-rating), statuses spread over valid, expiring, expired
  and revoked, and a few percent candidates. No photos: photo encoding (0.35 s each, cached)
  would swamp everything else, and plain Pelican has no photos to match.
- N one-paragraph Markdown articles (title, date, one of twenty categories, summary; no tags,
  as in the design's baseline) for plain Pelican.

Then it runs, each in its own child process (``pelican.main()`` in a ``python -c`` wrapper that
reports its own peak RSS, so one build's peak never hides another's):

1. our site from the records (repo's pelicanconf.py and content/, a fresh output folder, a fresh
   QR cache in the temporary folder, OCOP_TODAY fixed);
2. plain Pelican on the articles (default settings and theme, PLUGINS=[], no feeds);
3. our site again with no change (same output folder, warm QR cache).

It prints figures beside two targets — ours/plain ≤ 1.5 at N = 5,000 and rebuild ≤ 0.3 × first
build — with PASS/MISS, and exits 0 either way: it is a benchmark, not a test.

With ``--catalogue`` it measures the catalogue at national scale instead (N = 5,000 and 20,000
records over the country's communes): the home page's gzip size (target ≤ 30 KB with its CSS and
JS), the largest list page, and the index bytes a first search fetches — the real catalogue.js in
Chromium, typing common words ("chè", "mat ong"…) and an id; target ≤ 250 KB gzip at 20,000.
Above 5,000 it skips product pages, QR codes and photos (it says so): the lists and the index
come from the same plugin code.

    .venv/bin/python scripts/bench_site.py
    .venv/bin/python scripts/bench_site.py --sizes 1000,5000 --keep /tmp/ocop-bench
    .venv/bin/python scripts/bench_site.py --catalogue
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from ocop.rules.producers import kinds_allowed  # noqa: E402
from ocop.rules.rulesets import rule_set_for  # noqa: E402

TODAY = date(2026, 11, 28)
SEED = 2026
RATIO_TARGET = 1.5  # ours / plain, first build, at N = RATIO_AT
RATIO_AT = 5000
REBUILD_TARGET = 0.3  # unchanged rebuild / first build

# Share of records per status on TODAY (candidates: a few percent).
STATUS_MIX = (("valid", 0.58), ("expiring", 0.12), ("expired", 0.16), ("revoked", 0.10), ("candidate", 0.04))
OLD_UNITS = ("quyet-thang", "tan-phong", "quyet-tien", "doan-ket", "dong-phong", "san-thang", "sung-phai")
NEW_UNITS = ("phuong-tan-phong", "phuong-doan-ket")
NEW_UNITS_FROM = date(2025, 7, 1)
ISSUERS = {"district": "UBND cấp huyện", "province": "UBND cấp tỉnh",
           "central": "Bộ Nông nghiệp và Môi trường"}
STAR_BANDS = {3: (50, 70), 4: (70, 90), 5: (90, 99.5)}
QUARTER = Decimal("0.25")

PRODUCTS_VI = ("Chè Shan tuyết", "Gạo Séng Cù", "Mật ong rừng", "Hạt mắc ca", "Rượu ngô", "Thịt trâu gác bếp",
               "Miến dong", "Thổ cẩm", "Sâm núi", "Tinh dầu quế", "Cà phê", "Măng khô", "Lạp xưởng",
               "Chuối sấy", "Trà hoa vàng", "Dầu gấc", "Nước khoáng", "Lan rừng", "Homestay bản")
PRODUCTS_EN = ("Shan Tuyet tea", "Seng Cu rice", "Wild honey", "Macadamia nuts", "Corn liquor",
               "Smoked buffalo", "Arrowroot noodles", "Brocade", "Mountain ginseng", "Cinnamon oil", "Coffee",
               "Dried bamboo shoots", "Sausage", "Dried banana", "Golden camellia tea", "Gac oil",
               "Mineral water", "Wild orchid", "Village homestay")
PLACES_VI = ("San Thàng", "Sùng Phài", "Tân Phong", "Đoàn Kết", "Quyết Thắng", "Đông Phong", "Lùng Thàng",
             "Nậm Loỏng", "Suối Thầu", "Cư Nhà La")
PLACES_EN = ("San Thang", "Sung Phai", "Tan Phong", "Doan Ket", "Quyet Thang", "Dong Phong", "Lung Thang",
             "Nam Loong", "Suoi Thau", "Cu Nha La")
PRODUCER_PREFIX = {"enterprise": "Công ty TNHH", "cooperative": "Hợp tác xã", "cooperative_group": "Tổ hợp tác",
                   "farm": "Trang trại", "household": "Hộ kinh doanh", "tourism_org": "Hiệp hội du lịch"}

Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# -- product records -------------------------------------------------------------------------------

def _day(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _scores(rng, stars: int, day: date) -> dict:
    """A, B, C in quarter points, inside the part maxima of the rule set of ``day``, totalling a
    score in the band of ``stars``."""
    low, high = STAR_BANDS[stars]
    total = Decimal(rng.randint(int(low * 4), int(high * 4) - 1)) / 4
    maxima = rule_set_for(day).part_max
    a = (total * maxima["A"] / 100 / QUARTER).to_integral_value(ROUND_DOWN) * QUARTER
    b = (total * maxima["B"] / 100 / QUARTER).to_integral_value(ROUND_DOWN) * QUARTER
    return {"A": _number(a), "B": _number(b), "C": _number(total - a - b)}


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")  # 20, not 2E+1


class RecordBuilder:
    """One record; evaluations and certificates are added oldest first and kept consistent."""

    def __init__(self, rng, number: int):
        self.rng = rng
        self.number = number
        self.product_set = rng.randint(1, 26)
        self.evaluations = []
        self.certificates = []
        self.revocation = None

    def evaluate(self, day: date, stars: int, kind: str, council: str | None = None):
        rule_set = rule_set_for(day)
        if council not in rule_set.councils:
            council = "province"  # scores under every rule set
        data = {"date": day.isoformat(), "council": council}
        if self.rng.random() < 0.5:
            data["round"] = f"{day.year}-{1 if day.month <= 7 else 2}"
        data["kind"] = kind
        data["scores"] = _scores(self.rng, stars, day)
        data["minimums_met"] = str(stars)
        self.evaluations.append(data)

    def certify(self, day: date, stars: int, kind: str):
        """A certificate on ``day`` and the council scoring it follows, 1–4 weeks earlier.

        The scoring names no rule set, so both follow the date table and the certifying level is
        the one of the decision's date."""
        # 01–05/07/2025 the rules still named the district, but it had no body any more (SP205):
        # a decision of those days is dated from 06/07.
        if NEW_UNITS_FROM <= day < NEW_UNITS_FROM + timedelta(days=5):
            day = NEW_UNITS_FROM + timedelta(days=5)
        level = rule_set_for(day).certifier[stars]
        self.evaluate(day - timedelta(days=self.rng.randint(7, 28)), stars, kind, council=level)
        self.certificates.append({"decision": f"{self.rng.randint(1, 3999)}/QĐ-UBND", "date": day.isoformat(),
                                  "issuer": ISSUERS[level], "level": level, "stars": str(stars)})

    def reference_date(self) -> date:
        dates = [c["date"] for c in self.certificates] or [e["date"] for e in self.evaluations]
        return date.fromisoformat(max(dates))

    def as_data(self) -> dict:
        rng = self.rng
        n = self.number
        kind = rng.choice(kinds_allowed(self.product_set))
        pick = rng.randrange(len(PRODUCTS_VI))
        place = rng.randrange(len(PLACES_VI))
        data = {"id": f"BM-{n:05d}"}
        if rng.random() < 0.5:
            data["code"] = f"12-105-0{rng.randint(3386, 3409)}-1-{self.reference_date().year}"
        data["name"] = {"vi": f"{PRODUCTS_VI[pick]} {PLACES_VI[place]} số {n}"}
        if rng.random() < 0.7:
            data["name"]["en"] = f"{PLACES_EN[place]} {PRODUCTS_EN[pick].lower()} no. {n}"
        data["product_set"] = str(self.product_set)
        data["unit"] = rng.choice(NEW_UNITS if self.reference_date() >= NEW_UNITS_FROM else OLD_UNITS)
        producer = {"name": f"{PRODUCER_PREFIX[kind]} {PLACES_VI[place]} {n}", "kind": kind,
                    "address": f"Bản {PLACES_VI[place]}"}
        if rng.random() < 0.8:
            producer["phone"] = f"09{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        if rng.random() < 0.5:
            producer["email"] = f"chuthe{n}@example.vn"
        if rng.random() < 0.3:
            producer["website"] = f"https://example.vn/{n}"
        data["producer"] = producer
        # Every text is the record's own (its number is in it), as real descriptions are: a cache of
        # rendered Markdown must not look better here than it would on real records.
        data["description"] = {"vi": "".join(
            f"{PRODUCTS_VI[pick]} số {n} được làm ở {PLACES_VI[place]} theo cách **truyền thống**, mẻ {k}, "
            f"đóng gói {rng.randint(100, 999)} g và dán *mã truy xuất* trên nhãn.\n" for k in range(rng.randint(1, 3)))}
        if rng.random() < 0.6:
            data["description"]["en"] = (f"{PRODUCTS_EN[pick]} no. {n}, made in {PLACES_EN[place]} the *traditional* "
                                         f"way, in {rng.randint(100, 999)} g packs.\n")
        if rng.random() < 0.4:
            data["story"] = {"vi": f"Nghề được truyền từ đời ông bà ở {PLACES_VI[place]}; từ năm "
                                   f"{rng.randint(1995, 2020)} hợp tác xã giúp {rng.randint(5, 90)} hộ "
                                   "bán chung một tên.\n"}
        if rng.random() < 0.6:
            data["sales"] = [{"name": "Cửa hàng giới thiệu sản phẩm OCOP", "address": "Phường Tân Phong"}]
            if rng.random() < 0.5:
                data["sales"].append({"name": "Gian hàng trực tuyến", "url": f"https://example.vn/shop/{n}"})
        data["evaluations"] = self.evaluations
        if self.certificates:
            data["certificates"] = self.certificates
        if self.revocation:
            data["revocation"] = self.revocation
        return data


def _certificate_day(rng, status: str) -> date:
    """A decision date that gives ``status`` on TODAY (36-month term, 180-day window)."""
    if status == "expired":  # expired before TODAY
        return _day(rng, date(2020, 3, 1), date(2023, 10, 31))
    if status == "expiring":  # expires within 180 days after TODAY
        return _day(rng, date(2023, 12, 5), date(2024, 5, 20))
    return _day(rng, date(2024, 6, 5), TODAY - timedelta(days=10))  # valid (or revoked later)


def build_record(rng, number: int, status: str) -> dict:
    record = RecordBuilder(rng, number)
    stars = rng.choices((3, 4, 5), (0.6, 0.3, 0.1))[0]
    if status == "candidate":
        day = _day(rng, date(2025, 8, 1), TODAY - timedelta(days=3))
        record.evaluate(day, stars, "first")  # scored, decision not yet taken
        return record.as_data()
    day = _certificate_day(rng, status)
    if rng.random() < 0.3 and day >= date(2023, 6, 1):
        # An earlier certificate, now superseded: this one is an upgrade or a re-rating.
        earlier = day - timedelta(days=rng.randint(400, 1000))
        old_stars = stars if stars == 3 or rng.random() < 0.5 else stars - 1
        record.certify(earlier, old_stars, "first")
        record.certify(day, stars, "rerating" if old_stars == stars else "upgrade")
    else:
        record.certify(day, stars, "first")
    if status == "revoked":
        record.revocation = {"decision": f"{rng.randint(1, 999)}/QĐ-UBND",
                             "date": _day(rng, day + timedelta(days=1), TODAY).isoformat(),
                             "ground": rng.choice(["a", "b", "c", "d", "đ", "e"]),
                             "reason": {"vi": "Không duy trì tiêu chuẩn sau kiểm tra."}}
    return record.as_data()


def commit_records(folder: Path):
    """Make the records folder a git repository of its own with one commit, as ``products/`` is in a
    checkout: the build reads the folder's history (published records whose file was deleted), and
    the benchmark should pay for that too. A throwaway repository in the temporary folder, nothing
    to do with the project's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@example.invalid")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-gpg-sign", "-m", "records"]):
        try:
            subprocess.run(["git", *command], cwd=folder, env=env, check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"  (records not in git: {exc}; the build skips its history check)", file=sys.stderr)
            return


def generate_records(folder: Path, count: int) -> dict:
    """Write ``count`` records; returns the intended count per status."""
    rng = random.Random(SEED)
    names, weights = zip(*STATUS_MIX)
    intended = dict.fromkeys(names, 0)
    folder.mkdir(parents=True)
    # The sample's own unit codes (san-thang, phuong-tan-phong…) that the generated records use.
    (folder / "units.yaml").write_bytes((ROOT / "products" / "units.yaml").read_bytes())
    for number in range(1, count + 1):
        status = rng.choices(names, weights)[0]
        intended[status] += 1
        data = build_record(rng, number, status)
        text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False)
        (folder / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    commit_records(folder)
    return intended


# Loads the records with the core, as the build will, in a child process: a parent that had
# loaded 5,000 records would be as large as a build, and a child's peak RSS can start from its
# parent's (ru_maxrss carries the pre-exec hiwater over). Prints JSON: errors, statuses, and how many
# products the site publishes.
CHECKER = """\
import json, sys
from datetime import date
from ocop.rules.certificates import status_on
from ocop.reading.dataset import load_dataset
from ocop.rules.facts import published_facts
dataset = load_dataset(sys.argv[1], date.fromisoformat(sys.argv[2]))
counts = {}
for product in dataset.products:
    status = status_on(product, dataset.today).status
    counts[status] = counts.get(status, 0) + 1
errors = [f"{p.location} {p.code} [{p.path}] {p.message_en}" for p in dataset.errors]
print(json.dumps({"errors": errors, "counts": counts, "published": len(published_facts(dataset))}))
"""


def check_records(folder: Path) -> tuple[dict, int]:
    """(count per status on TODAY, products published); refuses to benchmark records with errors."""
    done = subprocess.run([sys.executable, "-c", CHECKER, str(folder), TODAY.isoformat()], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench_site: could not load the generated records:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout)
    if result["errors"]:
        for line in result["errors"][:8]:
            print(f"  {line}", file=sys.stderr)
        raise SystemExit(f"bench_site: the generated records have {len(result['errors'])} errors (a bug in this "
                         "script's generator, or a rule it does not know yet)")
    return result["counts"], result["published"]


# -- national records (the catalogue's figures) ------------------------------------------------------

# Product words and varieties: names as varied as a national catalogue's ("Mật ong bạc hà Mèo Vạc",
# "Chè Shan tuyết cổ thụ …"), each made in one of the country's communes.
NATIONAL_WORDS = ("Chè", "Mật ong", "Gạo", "Cà phê", "Miến dong", "Thịt trâu gác bếp", "Rượu", "Tinh dầu",
                  "Nước mắm", "Bánh", "Măng", "Nấm", "Mứt", "Trà", "Hạt điều", "Tiêu", "Bưởi", "Vải thiều",
                  "Thổ cẩm", "Mây tre đan", "Gốm", "Dầu lạc", "Tương", "Giò chả", "Cao", "Xoài", "Nhãn")
NATIONAL_VARIETIES = ("Shan tuyết", "hoa ban", "bạc hà", "rừng", "đặc sản", "sấy dẻo", "truyền thống", "hữu cơ",
                      "cổ thụ", "nếp cái hoa vàng", "thượng hạng", "xanh", "đen", "ST25", "nguyên chất", "gia truyền")


def national_communes():
    """(communes of the period before 01/07/2025, communes since), from the country's data."""
    from ocop.places.country import national_data

    data = national_data()
    return data["before"]["communes"], data["after"]["communes"]


def generate_national_records(folder: Path, count: int):
    """``count`` records over the whole country: the unit of each is a commune of the period of its
    certificate (GSO code), names are product × variety × place, the dataset has no province."""
    rng = random.Random(SEED)
    before, after = national_communes()
    names, weights = zip(*STATUS_MIX)
    folder.mkdir(parents=True)
    (folder / "dataset.yaml").write_text("locality: {vi: cả nước, en: the whole country}\nid_prefix: VN\n",
                                         encoding="utf-8")
    for number in range(1, count + 1):
        status = rng.choices(names, weights)[0]
        data = build_record(rng, number, status)
        data["id"] = f"VN-{number:05d}"
        day = date.fromisoformat(max([c["date"] for c in data.get("certificates", [])]
                                     or [e["date"] for e in data["evaluations"]]))
        code, commune, _kind, _parent = rng.choice(after if day >= NEW_UNITS_FROM else before)
        place = commune.split(" ", 1)[1] if " " in commune else commune
        word, variety = rng.choice(NATIONAL_WORDS), rng.choice(NATIONAL_VARIETIES)
        data["unit"] = code
        data["name"] = {"vi": f"{word} {variety} {place}"}
        data["producer"]["name"] = f"{data['producer']['name'].rsplit(' ', 2)[0]} {place} {number}"
        data["producer"]["address"] = commune
        text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False)
        (folder / f"{data['id']}.yaml").write_text(text, encoding="utf-8")


# -- plain Pelican ----------------------------------------------------------------------------------

PLAIN_SETTINGS = """\
# Plain Pelican: default settings and theme, no plugins, no feeds.
AUTHOR = "Bench"
SITENAME = "Plain Pelican bench"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGINS = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""

WORDS = ("tea", "rice", "honey", "market", "village", "mountain", "harvest", "cooperative", "council", "brocade",
         "river", "season", "festival", "road", "school", "forest", "cloud", "terrace", "spring", "craft")


def generate_articles(folder: Path, count: int):
    """A site of ``count`` one-paragraph articles: plain Pelican's workload."""
    rng = random.Random(SEED)
    content = folder / "content"
    content.mkdir(parents=True)
    (folder / "pelicanconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
    start = date(2015, 1, 1)
    for number in range(1, count + 1):
        words = rng.sample(WORDS, 6)
        paragraph = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 80)))
        text = (f"Title: Article {number}: the {words[0]} and the {words[1]}\n"
                f"Date: {(start + timedelta(days=number % 4000)).isoformat()} 08:00\n"
                f"Category: {words[2].title()}\n"
                f"Slug: article-{number}\n"
                f"Summary: About the {words[5]}.\n\n"
                f"The **{words[0]}** of the {words[1]}: {paragraph}.\n")
        (content / f"article-{number:05d}.md").write_text(text, encoding="utf-8")


# -- measured runs -----------------------------------------------------------------------------------

# Runs pelican.main() in this child only and writes "peak-rss-kib user-s system-s exit-code" to the file in
# argv[1], so that no other child's peak is mixed in. The peak is VmHWM, the high-water mark of this
# process's own memory since its exec; ru_maxrss would do elsewhere, but on Linux it starts from the
# parent's RSS at the fork (the hiwater of the pre-exec copy is carried over).
# CPU seconds (user + system) are reported beside wall seconds because they hardly move when other
# work shares the machine, and wall seconds do.
WRAPPER = """\
import resource, sys
report, args = sys.argv[1], sys.argv[2:]
code = 0
try:
    import pelican
    pelican.main(args)
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes there, KiB here
    try:
        with open("/proc/self/status") as status:
            peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        pass
    with open(report, "w") as f:
        f.write(f"{peak} {usage.ru_utime} {usage.ru_stime} {code}")
sys.exit(code)
"""


# The same build without the product pages, their QR codes, photos and doors: the plugin's own
# generate_output runs over no product until its product loop is done, then over all of them for
# everything after it (the lists, the finder's index, open data…). For a national size where
# rendering 40,000 product pages and encoding 20,000 QR codes would take most of the time.
LISTS_ONLY = """\
from ocop.site import plugin
build = plugin.ProductGenerator.generate_output
def lists_only(self, writer):
    every = self.facts
    self.facts = []  # the product loop: nothing
    def after_the_loop():
        self.facts = every  # the doors lead to product pages: none here
    self._write_doors = after_the_loop
    build(self, writer)
plugin.ProductGenerator.generate_output = lists_only
"""


class BuildFailed(Exception):
    pass


def run_pelican(args: list[str], cwd: Path, env: dict, scratch: Path,
                wrapper: str = WRAPPER) -> tuple[float, float, float, float]:
    """(wall s, peak MiB, CPU s, of which system s) of one pelican build in a child process of its own."""
    report = scratch / f"rss-{time.monotonic_ns()}.txt"
    command = [sys.executable, "-c", wrapper, str(report), *args]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    try:
        peak_text, user_text, system_text, code_text = report.read_text().split()
        peak_kib, user, system, code = int(peak_text), float(user_text), float(system_text), int(code_text)
    except (OSError, ValueError):
        peak_kib, user, system, code = 0, 0.0, 0.0, done.returncode
    if code != 0 or done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
        raise BuildFailed(f"pelican {' '.join(args)} exited {done.returncode}:\n{tail}")
    return wall, peak_kib / 1024, user + system, system


def ours_env(products: Path, cache: Path, today=TODAY) -> dict:
    env = dict(os.environ)
    env.update(OCOP_PRODUCTS=str(products), OCOP_TODAY=today.isoformat(), OCOP_CACHE_DIR=str(cache),
               OCOP_SITEURL="")
    return env


def build_ours(work: Path, output: Path, cache: Path, scratch: Path, today=TODAY, lists_only=False):
    args = [str(ROOT / "content"), "-o", str(output), "-s", str(ROOT / "pelicanconf.py")]
    return run_pelican(args, ROOT, ours_env(work / "products", cache, today), scratch,
                       LISTS_ONLY + WRAPPER if lists_only else WRAPPER)


def build_plain(work: Path, output: Path, scratch: Path):
    site = work / "plain"
    args = [str(site / "content"), "-o", str(output), "-s", str(site / "pelicanconf.py")]
    return run_pelican(args, site, dict(os.environ), scratch)


def count_product_pages(output: Path) -> int:
    return sum(1 for _ in (output / "p").glob("*/index.html")) if (output / "p").is_dir() else 0


def measure(n: int, work: Path, repeat: int) -> dict:
    scratch = work / "scratch"
    scratch.mkdir(parents=True)
    intended = generate_records(work / "products", n)
    actual, published = check_records(work / "products")
    generate_articles(work / "plain", n)
    print(f"  N={n:,}: statuses on {TODAY}: "
          + ", ".join(f"{k} {actual.get(k, 0)}" for k, _ in STATUS_MIX)
          + ("" if actual == {k: v for k, v in intended.items() if v} else f" (intended {intended})"),
          flush=True)

    # Every attempt gets folders of its own, and nothing is deleted until the end: ext4 skips
    # inodes freed in the last minutes when it allocates new ones, so deleting a 40,000-file output
    # just before a build makes that build's file creation (and its system time) far slower.
    firsts, plains, rebuilds, next_days = [], [], [], []
    for attempt in range(repeat):
        output, cache = work / f"out-ours-{attempt}", work / f"cache-{attempt}"
        firsts.append(build_ours(work, output, cache, scratch))
        pages = count_product_pages(output)
        if pages != published:
            raise BuildFailed(f"our build wrote {pages} product pages for {published} published products")
        rebuilds.append(build_ours(work, output, cache, scratch))  # no change, warm cache, same output
        # The daily build: the next day changes every page's status date, the QR cache is warm.
        next_days.append(build_ours(work, output, cache, scratch, TODAY + timedelta(days=1)))
        plains.append(build_plain(work, work / f"out-plain-{attempt}", scratch))
    first, plain, rebuild, next_day = min(firsts), min(plains), min(rebuilds), min(next_days)  # best wall
    best = {name: min(runs, key=lambda r: r[2]) for name, runs in
            (("ours", firsts), ("plain", plains), ("rebuild", rebuilds))}  # best CPU time of each
    return {"n": n, "ours_s": first[0], "ours_mib": first[1], "plain_s": plain[0], "plain_mib": plain[1],
            "rebuild_s": rebuild[0], "rebuild_mib": rebuild[1], "published": published,
            "next_day_s": next_day[0], "next_day_cpu": min(r[2] for r in next_days),
            **{f"{name}_cpu": run[2] for name, run in best.items()},
            **{f"{name}_sys": run[3] for name, run in best.items()}}


def warm_up(work: Path):
    """One tiny build of each, so that the first measured build does not pay for cold imports
    (bytecode compilation, disk cache)."""
    generate_records(work / "products", 20)
    check_records(work / "products")
    generate_articles(work / "plain", 20)
    scratch = work / "scratch"
    scratch.mkdir()
    build_ours(work, work / "out-ours", work / "cache", scratch)
    build_plain(work, work / "out-plain", scratch)


# -- the catalogue at national scale ------------------------------------------------------------------

CATALOGUE_SIZES = (5000, 20000)
HOME_TARGET = 30 * 1024  # gzip bytes: the home page with its stylesheet and script
SEARCH_TARGET = 250 * 1024  # gzip bytes fetched by a first search, at N = SEARCH_AT
SEARCH_AT = 20000
# A first search as a shopper types it: common words that begin many names, a word typed with its
# accents, a place, and an id (Enter jumps to the product).
QUERIES = ("chè", "mat ong", "mật ong", "gạo st25", "xa son")  # and the id of a published product


def gzip_size(data: bytes) -> int:
    import gzip

    return len(gzip.compress(data, compresslevel=6, mtime=0))


def home_size(output: Path) -> tuple[int, int]:
    """(the home page alone, with its stylesheet and script), gzip bytes."""
    html = gzip_size((output / "index.html").read_bytes())
    assets = sum(gzip_size(path.read_bytes()) for path in
                 (output / "theme" / "css" / "site.css", output / "theme" / "js" / "catalogue.js"))
    return html, html + assets


def first_search_bytes(output: Path, queries) -> dict | None:
    """{query: (gzip bytes of the index files catalogue.js fetched, their names)}: the real script in
    Chromium, on the built site served from 127.0.0.1, one fresh browser context per query."""
    import functools
    import http.server
    import threading

    chromium = os.environ.get("OCOP_CHROMIUM", "/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not os.access(chromium, os.X_OK):
        return None

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/"
    figures = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for query in queries:
                context = browser.new_context()
                fetched = []
                context.on("request", lambda request: fetched.append(request.url))
                page = context.new_page()
                page.goto(site)
                box = page.get_by_label("Tìm sản phẩm")
                box.press_sequentially(query)
                if query.upper().startswith("VN-"):
                    with page.expect_navigation():
                        box.press("Enter")
                else:
                    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q "
                                           "&& document.querySelectorAll('#rcards li').length > 0", arg=query)
                page.wait_for_load_state("networkidle")
                files = sorted({url[len(site):] for url in fetched if url.startswith(site + "data/search/")})
                figures[query] = (sum(gzip_size((output / name).read_bytes()) for name in files), files)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return figures


FULL_BUILD_UP_TO = 5000  # above: the lists and the index only (LISTS_ONLY), said in the output


def measure_catalogue(n: int, work: Path) -> dict:
    scratch = work / "scratch"
    scratch.mkdir(parents=True)
    generate_national_records(work / "products", n)
    output = work / "output"
    full = n <= FULL_BUILD_UP_TO
    wall, mib, cpu, _ = build_ours(work, output, work / "cache", scratch, lists_only=not full)
    meta = output / "data" / "search" / "vi" / "meta.json"
    shards = sorted((output / "data" / "search" / "t").glob("*.json"), key=lambda p: p.stat().st_size)
    units = sum(1 for _ in (output / "san-pham" / "don-vi").glob("*/index.html"))
    html, with_assets = home_size(output)
    assets = with_assets - html
    lists = [(gzip_size(path.read_bytes()), path.relative_to(output).as_posix())
             for folder in (output / "san-pham", output / "en" / "san-pham") for path in folder.rglob("index.html")]
    largest_list = max(lists) if lists else (0, "-")
    published = json.loads(meta.read_text(encoding="utf-8"))["n"]
    return {"n": n, "published": published, "full": full, "build_s": wall, "build_mib": mib, "units": units,
            "home": html, "home_all": with_assets, "meta": gzip_size(meta.read_bytes()),
            "lists": len(lists), "largest_list": (largest_list[0] + assets, largest_list[1]),
            "largest_shard": (shards[-1].name, gzip_size(shards[-1].read_bytes())) if shards else ("-", 0),
            "searches": first_search_bytes(output, QUERIES + (published_id(output).lower(),))}


def published_id(output: Path) -> str:
    """An id the finder knows (a candidate is not published: a fixed id might not be), from the middle
    of the index's id files, typed in lower case as a shopper might."""
    files = sorted((output / "data" / "search" / "i").glob("*.json"))
    ids = json.loads(files[len(files) // 2].read_text(encoding="utf-8"))["w"]
    return sorted(value[0] for value in ids.values())[0]


def print_catalogue(rows: list[dict]):
    print("\nThe catalogue at national scale (the repository's build code; sizes in gzip -6 bytes):")
    for r in rows:
        kind = "full build" if r["full"] else "lists and index only, no product pages or QR codes"
        print(f"  N={r['n']:,}: {r['published']:,} published, {r['units']:,} unit lists; {kind}: "
              f"{r['build_s']:.1f} s, {r['build_mib']:.0f} MiB")
        print(f"    home page {r['home']:,} B, with its CSS and JS {r['home_all']:,} B  "
              f"(target ≤ {HOME_TARGET:,}: {verdict(r['home_all'] <= HOME_TARGET)})")
        size, name = r["largest_list"]
        print(f"    largest of {r['lists']:,} list pages, with its CSS and JS: {name} {size:,} B  "
              f"(target ≤ {HOME_TARGET:,}: {verdict(size <= HOME_TARGET)})")
        print(f"    index: meta {r['meta']:,} B, largest word file {r['largest_shard'][0]} {r['largest_shard'][1]:,} B")
        if r["searches"] is None:
            print("    first search: not measured (no Chromium or Playwright here)")
            continue
        for query, (size, files) in r["searches"].items():
            target = f"  (target ≤ {SEARCH_TARGET:,} at N = {SEARCH_AT:,}: {verdict(size <= SEARCH_TARGET)})" \
                if r["n"] == SEARCH_AT else ""
            print(f"    first search {query!r}: {size:,} B in {len(files)} files{target}")
    print("(figures, not a test: the exit status is 0 either way)")


# -- report ------------------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _row(cells):
    print("  ".join(f"{c:>13}" for c in cells))


def print_table(rows: list[dict]):
    print("\nWall seconds (the figures the targets are set in) and peak RSS of each build:")
    _row(("N", "ours s", "ours MiB", "plain s", "plain MiB", "ours/plain", "rebuild s", "rebuild/first"))
    for r in rows:
        _row((f"{r['n']:,}", f"{r['ours_s']:.2f}", f"{r['ours_mib']:.0f}", f"{r['plain_s']:.2f}",
              f"{r['plain_mib']:.0f}", f"{r['ours_s'] / r['plain_s']:.2f}", f"{r['rebuild_s']:.2f}",
              f"{r['rebuild_s'] / r['ours_s']:.2f}"))
    print("\nCPU seconds (user + system of the build process; steadier on a shared machine), of which system:")
    _row(("N", "ours cpu", "ours sys", "plain cpu", "plain sys", "ours/plain", "rebuild cpu", "rebuild/first",
          "rebuild MiB"))
    for r in rows:
        _row((f"{r['n']:,}", f"{r['ours_cpu']:.2f}", f"{r['ours_sys']:.2f}", f"{r['plain_cpu']:.2f}",
              f"{r['plain_sys']:.2f}", f"{r['ours_cpu'] / r['plain_cpu']:.2f}", f"{r['rebuild_cpu']:.2f}",
              f"{r['rebuild_cpu'] / r['ours_cpu']:.2f}", f"{r['rebuild_mib']:.0f}"))
    print()
    at = [r for r in rows if r["n"] == RATIO_AT]
    if at:
        wall, cpu = at[0]["ours_s"] / at[0]["plain_s"], at[0]["ours_cpu"] / at[0]["plain_cpu"]
        print(f"target  ours/plain ≤ {RATIO_TARGET} at N = {RATIO_AT:,}: {wall:.2f}  {verdict(wall <= RATIO_TARGET)}"
              f"   (CPU: {cpu:.2f} {verdict(cpu <= RATIO_TARGET)})")
        # The build that runs every day: the next day re-renders every page (each prints the status
        # date), with the QR cache warm, as the deploy workflow keeps .cache/ocop between builds.
        warm, warm_cpu = at[0]["next_day_s"] / at[0]["plain_s"], at[0]["next_day_cpu"] / at[0]["plain_cpu"]
        print(f"        next day's build (QR cache warm, every page re-rendered)/plain at N = {RATIO_AT:,}: "
              f"{at[0]['next_day_s']:.2f} s, {warm:.2f}  {verdict(warm <= RATIO_TARGET)}"
              f"   (CPU: {warm_cpu:.2f} {verdict(warm_cpu <= RATIO_TARGET)})")
    else:
        print(f"target  ours/plain ≤ {RATIO_TARGET} at N = {RATIO_AT:,}: not measured (add {RATIO_AT} to --sizes)")
    for r in rows:
        wall, cpu = r["rebuild_s"] / r["ours_s"], r["rebuild_cpu"] / r["ours_cpu"]
        print(f"target  rebuild ≤ {REBUILD_TARGET} × first build at N = {r['n']:,}: {wall:.2f}  "
              f"{verdict(wall <= REBUILD_TARGET)}   (CPU: {cpu:.2f} {verdict(cpu <= REBUILD_TARGET)})")
    print("(figures, not a test: the exit status is 0 either way)")


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:  # pragma: no cover - not on every platform
        return 0.0


def busy_warning(loads: list[float]) -> str | None:
    """Wall seconds mean little when other work shares the CPUs: say so."""
    cpus = os.cpu_count() or 1
    if max(loads) > cpus * 0.75:
        return (f"warning: load average up to {max(loads):.1f} on {cpus} CPUs — other work shares this machine, "
                f"wall seconds are inflated; compare the CPU table, or use --repeat")
    return None


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,5000, not {text!r}") from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError(f"expected positive sizes like 1000,5000, not {text!r}")
    return sizes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 5000], metavar="N,N",
                        help="how many records/articles per run, comma-separated (default: 1000,5000)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate into DIR (created; must be empty) and keep records, articles, outputs "
                             "and caches of every attempt there, one n<N>/ folder per size")
    parser.add_argument("--catalogue", action="store_true",
                        help="measure the catalogue instead: national records (default sizes 5000,20000), the home "
                             "page's gzip size and the index bytes a first search fetches, in Chromium")
    parser.add_argument("--repeat", type=int, default=1, metavar="R",
                        help="builds of each kind per size; the best wall time counts (default: 1)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    if args.keep:
        if args.keep.exists() and (not args.keep.is_dir() or any(args.keep.iterdir())):
            parser.error(f"--keep {args.keep}: must be a new or empty folder")
        args.keep.mkdir(parents=True, exist_ok=True)
        base, temporary = args.keep.resolve(), None
    else:
        temporary = tempfile.TemporaryDirectory(prefix="ocop-bench-site-")
        base = Path(temporary.name)

    if args.catalogue:
        given = argv if argv is not None else sys.argv[1:]
        sizes = args.sizes if any(a.startswith("--sizes") for a in given) else list(CATALOGUE_SIZES)
        print(f"Catalogue benchmark (national records, as of {TODAY}; no photos)", flush=True)
        rows = []
        try:
            for n in sizes:
                rows.append(measure_catalogue(n, base / f"catalogue-{n}"))
                print(f"  N={n:,} measured", flush=True)
        except BuildFailed as exc:
            print(f"bench_site: a build failed, no figures for it:\n{exc}", file=sys.stderr)
            return 1
        finally:
            if temporary is not None:
                temporary.cleanup()
        print_catalogue(rows)
        return 0

    print(f"Site build benchmark (pelican as a child process per build; as of {TODAY}; no photos; "
          f"content/ of the repo for ours, default theme for plain; best of {args.repeat})", flush=True)
    loads = [load_average()]
    rows, failed = [], False
    try:
        warm_up(base / "warm-up")  # left in place: deleting files now would slow the builds (see measure)
        for n in args.sizes:
            rows.append(measure(n, base / f"n{n}", args.repeat))
            loads.append(load_average())
    except BuildFailed as exc:
        print(f"bench_site: a build failed, no figures for it:\n{exc}", file=sys.stderr)
        failed = True
    finally:
        if temporary is not None:
            temporary.cleanup()
    if rows:
        print_table(rows)
    warning = busy_warning(loads)
    if warning:
        print(warning)
    if args.keep:
        print(f"kept in {base}")
    return 1 if failed else 0  # a MISS is a figure; a build that does not finish is a failure


if __name__ == "__main__":
    sys.exit(main())
