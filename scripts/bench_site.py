"""How fast is the site build? Our Pelican build against plain Pelican, cold, daily and unchanged.

For each size N (default 1,000, 5,000 and 20,000) it generates, in a temporary folder:

- N valid product records, committed to a throwaway git repository as products/ is in a checkout
  (the build reads its history): every product set, old and new units, the four rule sets, 3★/4★/5★,
  superseded certificates (upgrade and re-rating), statuses spread over valid, expiring, expired
  and revoked, and a few percent candidates. No photos: photo encoding (0.35 s each, cached)
  would swamp everything else, and plain Pelican has no photos to match. With ``--history C``,
  C commits more follow the first, each editing three records: a deployed catalogue's history
  grows every working day, and every build reads it.
- N one-paragraph Markdown articles (title, date, one of twenty categories, summary; no tags,
  as in the design's baseline) for plain Pelican.

Then it runs each build as a black box in a ``python -c`` child of its own, ours as ``make html``
and the deploy run it (``ocop.site.build``: a fresh folder, swapped in whole), plain Pelican by
``pelican.main()``, alternately (best of --repeat):

1. plain Pelican on the articles (default settings and theme, PLUGINS=[], no feeds), first: it
   never follows the deletions of our next day's build (see measure());
2. our cold build (repo's pelicanconf.py and content/, a new output folder, an empty QR cache in
   the temporary folder, OCOP_TODAY fixed);
3. our no-change rebuild (the same day, folder and now warm cache);
4. our next day's build as the daily deploy makes it (OCOP_TODAY + 1 day, the same folder and
   cache, no record changed): on a fresh runner, with yesterday's site and the cache restored but
   no spare (output.spare, ocop.site.spare), which the workflow does not keep;
5. the next day's build on a machine that keeps its folders (OCOP_TODAY + 2 days, the spare that
   the build before left): what ``make html`` does day after day on an officer's or a server's disk.

Each build's Python is compiled once into the benchmark's folder (PYTHONPYCACHEPREFIX) and its bytecode
reused, as on a machine that does not set PYTHONDONTWRITEBYTECODE; a warm-up build compiles it.

CPU seconds count every process of a build, its QR pool's workers included (RUSAGE_CHILDREN of
this process around each build; a check at the start shows that a child's pool workers count).
Peak memory is the build's VmHWM plus the largest ru_maxrss of the processes it waited for, and
the largest sum of PSS over its processes at one moment, sampled. It also times validation
(``load_dataset`` on 5,000 records of a province's dataset, with scripts/bench_validate.py's
generator and timing).

It prints one table, one line per (N, measure) — cold build, next day's build, no-change rebuild,
peak memory, growth per product against the smallest N, validation — each with the figure, the
reference, their ratio, the target on that ratio and whether it is met; then the machine's load
average before and after, and a warning when other work shares the machine. It exits 0 whatever
the figures: it is a benchmark, not a test.

With ``--catalogue`` it measures the catalogue at national scale instead (N = 5,000 and 20,000
records over the country's communes): the home page's gzip size (target ≤ 30 KB with its CSS and
JS), the largest list page, and the index bytes a first search fetches — the real catalogue.js in
Chromium, typing common words ("chè", "mat ong"…) and an id; target ≤ 250 KB gzip at 20,000.
Above 5,000 it skips product pages, QR codes and photos (it says so): the lists and the index
come from the same plugin code.

    .venv/bin/python scripts/bench_site.py
    .venv/bin/python scripts/bench_site.py --sizes 1000,5000 --repeat 3 --keep /tmp/ocop-bench
    .venv/bin/python scripts/bench_site.py --sizes 5000 --history 3000
    .venv/bin/python scripts/bench_site.py --catalogue
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from ocop.rules.producers import kinds_allowed  # noqa: E402
from ocop.site.spare import spare_of  # noqa: E402
from ocop.rules.rulesets import rule_set_for  # noqa: E402

TODAY = date(2026, 11, 28)
SEED = 2026
SIZES = (1000, 5000, 20000)

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


HISTORY_START = 1_672_531_200  # 2023-01-01: the date of the records' first commit, then one an hour


def commit_records(folder: Path, history: int = 0):
    """Make the records folder a git repository of its own with one commit, as ``products/`` is in a
    checkout: the build reads the folder's history (published records whose file was deleted), and
    the benchmark should pay for that too. A throwaway repository in the temporary folder, nothing
    to do with the project's. ``history``: that many commits more, each editing three records (a
    comment line added), as officers' daily work leaves them: the history a build reads grows with
    the years, not with the records."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@example.invalid", GIT_AUTHOR_DATE=f"@{HISTORY_START} +0700",
               GIT_COMMITTER_DATE=f"@{HISTORY_START} +0700")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-gpg-sign", "-m", "records"]):
        try:
            subprocess.run(["git", *command], cwd=folder, env=env, check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"  (records not in git: {exc}; the build skips its history check)", file=sys.stderr)
            return
    if history:
        grow_history(folder, history, env)


def grow_history(folder: Path, commits: int, env: dict):
    """``commits`` commits after the first, in one ``git fast-import`` (a commit each by ``git commit``
    would take minutes), then the work tree brought to the last one."""
    rng = random.Random(SEED)
    names = sorted(path.name for path in folder.glob("*.yaml") if path.name != "units.yaml")
    texts = {name: (folder / name).read_bytes() for name in names}
    branch = subprocess.run(["git", "symbolic-ref", "HEAD"], cwd=folder, env=env, check=True, capture_output=True,
                            text=True).stdout.strip()
    stream = [f"reset {branch}\nfrom {branch}^0\n".encode()]
    for number in range(1, commits + 1):
        message = f"edit {number}".encode()
        stream.append(b"commit %s\ncommitter bench <bench@example.invalid> %d +0700\ndata %d\n%s\n"
                      % (branch.encode(), HISTORY_START + 3600 * number, len(message), message))
        for name in rng.sample(names, 3):
            texts[name] += f"# edit {number}\n".encode()
            stream.append(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(texts[name]), texts[name]))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, env=env, input=b"".join(stream), check=True,
                   capture_output=True)
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=folder, env=env, check=True, capture_output=True)


def generate_records(folder: Path, count: int, history: int = 0) -> dict:
    """Write ``count`` records, committed with ``history`` commits more (``commit_records``); returns
    the intended count per status."""
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
    commit_records(folder, history)
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

# Runs the build in this child and writes "main-peak-kib largest-child-peak-kib" to the file in
# argv[1]. The main peak is VmHWM, the high-water mark of this process's own memory since its exec;
# ru_maxrss would do elsewhere, but on Linux it starts from the parent's RSS at the fork (the hiwater
# of the pre-exec copy is carried over). The child peak is RUSAGE_CHILDREN's ru_maxrss: the largest
# of the processes this one waited for (the QR pool's workers, whatever starts them), which has the
# same flaw, so main + child is an upper bound (TreeMemory measures better). The report is
# written by the first atexit handler, which runs last, once the pool and multiprocessing have
# reaped their workers. CPU seconds are not reported here: the parent counts them (run_measured).
WRAPPER_HEAD = """\
import atexit, resource, sys
report, args = sys.argv[1], sys.argv[2:]
def write_peaks():
    kib = 1024 if sys.platform == "darwin" else 1  # ru_maxrss is in bytes there, KiB here
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // kib
    try:
        with open("/proc/self/status") as status:
            main = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        pass
    with open(report, "w") as f:
        f.write(f"{main} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // kib}")
atexit.register(write_peaks)
"""
WRAPPER_BUILD = """\
import pelican
pelican.main(args)
"""
# Ours as `make html` and the deploy run it: ocop.site.build, which builds into a fresh folder and
# swaps it in, linking what did not change from the site, and ends without Python's teardown (the
# peaks are written first: no atexit handler runs after that).
WRAPPER_OURS = """\
from ocop.site.build import exit_without_teardown, main
status = main(args)
write_peaks()
exit_without_teardown(status)
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


def _kib_of(field: str, path: str) -> int:
    with open(path) as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith(field))


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants now (Linux /proc; the tree changes while it is read: a process
    that is gone is skipped)."""
    tree, waiting = [], [pid]
    while waiting:
        parent = waiting.pop()
        tree.append(parent)
        try:
            for task in os.listdir(f"/proc/{parent}/task"):
                with open(f"/proc/{parent}/task/{task}/children") as children:
                    waiting.extend(int(child) for child in children.read().split())
        except OSError:
            pass
    return tree


class TreeMemory(threading.Thread):
    """The largest sum of PSS over a process and its descendants at one moment, sampled.

    Main VmHWM + the largest child's ru_maxrss is about twice the main process as soon as the build
    starts any child: Linux carries a process's pre-exec high-water mark over, so even a `git` that
    the build runs reports the build's RSS at that moment, and a forked pool worker's RSS counts the
    pages it shares copy-on-write with the build. PSS divides each page among the processes that map
    it, so their sum counts the build's memory once. Sampling can miss a short peak; reading one
    process's figures costs about 3 ms per 300 MiB, hence the half second between samples (a pool
    phase lasts seconds)."""

    INTERVAL = 0.5

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.measurable = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")
        self._done = threading.Event()

    def run(self):
        while self.measurable and not self._done.wait(self.INTERVAL):
            total = 0
            for pid in process_tree(self.pid):
                try:
                    total += _kib_of("Pss:", f"/proc/{pid}/smaps_rollup")
                except (OSError, StopIteration, ValueError):
                    pass  # gone meanwhile
            self.peak_kib = max(self.peak_kib, total)

    def finish(self) -> int | None:
        """The peak sum in KiB, or None where /proc cannot tell it."""
        self._done.set()
        self.join()
        return self.peak_kib if self.measurable else None


def run_measured(command: list[str], cwd: Path,
                 env: dict) -> tuple[subprocess.CompletedProcess, float, float, int | None]:
    """(the finished process, wall s, CPU s, largest PSS sum KiB of its tree) of one command.

    The CPU seconds are the parent's RUSAGE_CHILDREN before and after waiting for it: the child's
    own, plus those of every descendant it waited for (Linux adds a reaped child's usage, and what
    it had itself reaped, to its parent's), so a build's pool workers count. Nothing else of this
    script runs a child process meanwhile."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:
        memory = TreeMemory(process.pid)
        memory.start()
        stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    tree_kib = memory.finish()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), wall, cpu, tree_kib


@dataclass(frozen=True)
class Build:
    wall: float  # seconds
    cpu: float  # seconds, user + system, of every process of the build
    main_mib: float  # the build process's own peak (VmHWM)
    child_mib: float  # the largest peak (ru_maxrss) of the processes it waited for (its QR workers…)
    tree_mib: float | None  # the largest sum of PSS over all its processes at one moment (sampled)

    @property
    def peak_mib(self) -> float:
        """Main + largest child: an upper bound, which counts the main process's pages twice once it
        starts any child (see TreeMemory)."""
        return self.main_mib + self.child_mib

    @property
    def together_mib(self) -> float | None:
        """All processes at one moment, at least the main process's own exact peak."""
        return None if self.tree_mib is None else max(self.tree_mib, self.main_mib)


def best_of(builds: list[Build]) -> Build:
    """The best of each figure over repeated builds of one kind (each may come from another run)."""
    trees = [b.tree_mib for b in builds if b.tree_mib is not None]
    return Build(min(b.wall for b in builds), min(b.cpu for b in builds), min(b.main_mib for b in builds),
                 min(b.child_mib for b in builds), min(trees) if trees else None)


def run_pelican(args: list[str], cwd: Path, env: dict, scratch: Path, patch: str = "",
                build: str = WRAPPER_BUILD) -> Build:
    """One pelican build in a child process of its own, ``patch`` run in it first."""
    report = scratch / f"peaks-{time.monotonic_ns()}.txt"
    command = [sys.executable, "-c", WRAPPER_HEAD + patch + build, str(report), *args]
    done, wall, cpu, tree_kib = run_measured(command, cwd, env)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
        raise BuildFailed(f"pelican {' '.join(args)} exited {done.returncode}:\n{tail}")
    try:
        main_kib, child_kib = (int(part) for part in report.read_text().split())
    except (OSError, ValueError):
        main_kib, child_kib = 0, 0
    return Build(wall, cpu, main_kib / 1024, child_kib / 1024, None if tree_kib is None else tree_kib / 1024)


# A child whose process pool burns a known amount of CPU in its workers: the figure run_measured gives
# must include it, or the CPU column misses the QR workers (as it once did).
POOL_BURNER = """\
import sys, time
from concurrent.futures import ProcessPoolExecutor
def burn(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
if __name__ == "__main__":
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(burn, [float(sys.argv[1])] * 4))
"""
POOL_BURN_S = 0.25  # per task, four tasks


def check_cpu_counting() -> tuple[float, float]:
    """(CPU seconds the workers burnt, CPU seconds counted for the whole child)."""
    done, _wall, cpu, _tree = run_measured([sys.executable, "-c", POOL_BURNER, str(POOL_BURN_S)], ROOT,
                                           dict(os.environ))
    if done.returncode != 0:
        raise SystemExit(f"bench_site: the CPU counting check failed:\n{done.stderr[-2000:]}")
    return 4 * POOL_BURN_S, cpu


def ours_env(products: Path, cache: Path, today=TODAY) -> dict:
    env = dict(os.environ)
    env.update(OCOP_PRODUCTS=str(products), OCOP_TODAY=today.isoformat(), OCOP_CACHE_DIR=str(cache),
               OCOP_SITEURL="")
    return env


def build_ours(work: Path, output: Path, cache: Path, scratch: Path, today=TODAY, lists_only=False) -> Build:
    args = [str(ROOT / "content"), "-o", str(output), "-s", str(ROOT / "pelicanconf.py")]
    return run_pelican(args, ROOT, ours_env(work / "products", cache, today), scratch,
                       LISTS_ONLY if lists_only else "", WRAPPER_OURS)


def build_plain(work: Path, output: Path, scratch: Path) -> Build:
    site = work / "plain"
    args = [str(site / "content"), "-o", str(output), "-s", str(site / "pelicanconf.py")]
    return run_pelican(args, site, dict(os.environ), scratch)


def count_product_pages(output: Path) -> int:
    return sum(1 for _ in (output / "p").glob("*/index.html")) if (output / "p").is_dir() else 0


@dataclass(frozen=True)
class SizeFigures:
    n: int
    cold: Build  # empty QR cache, new output folder
    no_change: Build  # then the same day again, same folder, warm cache
    next_day: Build  # then OCOP_TODAY + 1, same folder, warm cache, no record changed, no spare (the deploy)
    next_day_spare: Build  # then OCOP_TODAY + 2, with the spare the build before left (a kept disk)
    plain: Build


def measure(n: int, work: Path, repeat: int, history: int = 0) -> SizeFigures:
    scratch = work / "scratch"
    scratch.mkdir(parents=True)
    intended = generate_records(work / "products", n, history)
    actual, published = check_records(work / "products")
    generate_articles(work / "plain", n)
    print(f"  N={n:,}: statuses on {TODAY}: "
          + ", ".join(f"{k} {actual.get(k, 0)}" for k, _ in STATUS_MIX)
          + ("" if actual == {k: v for k, v in intended.items() if v} else f" (intended {intended})"),
          flush=True)

    # Every attempt gets folders of its own, and nothing is deleted until the end: ext4 skips
    # inodes freed in the last minutes when it allocates new ones, so deleting a 40,000-file output
    # just before a build makes that build's file creation (and its system time) far slower.
    # Plain Pelican goes first in each attempt: our next day's build empties the spare (40,000 files
    # deleted), which would slow the file creation of a build that follows it within minutes.
    colds, no_changes, next_days, next_days_spare, plains = [], [], [], [], []
    for attempt in range(repeat):
        plains.append(build_plain(work, work / f"out-plain-{attempt}", scratch))
        output, cache = work / f"out-ours-{attempt}", work / f"cache-{attempt}"
        colds.append(build_ours(work, output, cache, scratch))
        pages = count_product_pages(output)
        if pages != published:
            raise BuildFailed(f"our build wrote {pages} product pages for {published} published products")
        no_changes.append(build_ours(work, output, cache, scratch))
        # The daily build: the deploy workflow keeps the QR cache and the output between days, not the
        # spare. Moved aside, not deleted (see above).
        if spare_of(output).exists():
            spare_of(output).rename(scratch / f"spare-{attempt}")
        next_days.append(build_ours(work, output, cache, scratch, TODAY + timedelta(days=1)))
        next_days_spare.append(build_ours(work, output, cache, scratch, TODAY + timedelta(days=2)))
    return SizeFigures(n, best_of(colds), best_of(no_changes), best_of(next_days), best_of(next_days_spare),
                       best_of(plains))


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


# Validation speed, by scripts/bench_validate.py's own generator and timing, in a child process: the
# country's unit data and 5,000 loaded records stay out of this process (whose memory a build's
# child would otherwise start from).
VALIDATION = """\
import json, sys
sys.path.insert(0, sys.argv[1])
import bench_validate
seconds, records, _warnings = bench_validate.measure(int(sys.argv[2]), int(sys.argv[3]))
print(json.dumps({"seconds": seconds, "records": records, "target": bench_validate.TARGET}))
"""
VALIDATION_AT = 5000
VALIDATION_REPEAT = 3


def measure_validation() -> dict:
    """{"seconds", "records", "target"}: load_dataset's best time on VALIDATION_AT records of a province's
    dataset (read against the national unit data, loaded before the clock starts)."""
    done = subprocess.run([sys.executable, "-c", VALIDATION, str(ROOT / "scripts"), str(VALIDATION_AT),
                           str(VALIDATION_REPEAT)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench_site: the validation benchmark failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


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
    build = build_ours(work, output, work / "cache", scratch, lists_only=not full)
    meta = output / "data" / "search" / "vi" / "meta.json"
    shards = sorted((output / "data" / "search" / "t").glob("*.json"), key=lambda p: p.stat().st_size)
    units = sum(1 for _ in (output / "san-pham" / "don-vi").glob("*/index.html"))
    html, with_assets = home_size(output)
    assets = with_assets - html
    lists = [(gzip_size(path.read_bytes()), path.relative_to(output).as_posix())
             for folder in (output / "san-pham", output / "en" / "san-pham") for path in folder.rglob("index.html")]
    largest_list = max(lists) if lists else (0, "-")
    published = json.loads(meta.read_text(encoding="utf-8"))["n"]
    return {"n": n, "published": published, "full": full, "build_s": build.wall, "build_mib": build.main_mib,
            "units": units, "home": html, "home_all": with_assets, "meta": gzip_size(meta.read_bytes()),
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


@dataclass(frozen=True)
class Bound:
    """A target on a ratio: at most (or at least) ``limit``."""
    limit: float
    at_least: bool = False

    def met(self, ratio: float) -> bool:
        return ratio >= self.limit if self.at_least else ratio <= self.limit

    def __str__(self):
        return f"{'≥' if self.at_least else '≤'} {self.limit:g}"


# The goals of the build's speed, each a bound on one ratio; the same at every N.
COLD_VS_PLAIN = Bound(1.5)  # cold build / plain Pelican, wall and CPU
NEXT_DAY_VS_PLAIN = Bound(0.5)  # the daily deploy / plain Pelican
NO_CHANGE_VS_COLD = Bound(0.1)  # a rebuild with nothing changed / our cold build
PEAK_VS_PLAIN = Bound(1.3)  # peak memory / plain Pelican's
GROWTH = Bound(1.15)  # a figure per product at N / the same at the smallest N: no faster than N
VALIDATION_VS_TARGET = Bound(1.0, at_least=True)  # records/s / bench_validate.TARGET


@dataclass(frozen=True)
class Line:
    n: int
    measure: str
    ours: str
    reference: str
    ratio: float | None  # None: not measured here
    target: Bound

    def cells(self) -> tuple[str, ...]:
        if self.ratio is None:
            return f"{self.n:,}", self.measure, self.ours, self.reference, "-", str(self.target), "n/a"
        return (f"{self.n:,}", self.measure, self.ours, self.reference, f"{self.ratio:.2f}", str(self.target),
                "yes" if self.target.met(self.ratio) else "no")


def _mib_split(build: Build) -> str:
    return f"{build.peak_mib:.0f} ({build.main_mib:.0f} + {build.child_mib:.0f})"


def _mib_together(build: Build) -> str:
    return "n/a" if build.together_mib is None else f"{build.together_mib:.0f}"


def size_lines(f: SizeFigures) -> list[Line]:
    cold, plain = f.cold, f.plain
    together = (None if cold.together_mib is None or plain.together_mib is None
                else cold.together_mib / plain.together_mib)
    return [
        Line(f.n, "cold build, wall s", f"{cold.wall:.2f}", f"{plain.wall:.2f} plain", cold.wall / plain.wall,
             COLD_VS_PLAIN),
        Line(f.n, "cold build, CPU s", f"{cold.cpu:.2f}", f"{plain.cpu:.2f} plain", cold.cpu / plain.cpu,
             COLD_VS_PLAIN),
        Line(f.n, "next day's build, wall s", f"{f.next_day.wall:.2f}", f"{plain.wall:.2f} plain",
             f.next_day.wall / plain.wall, NEXT_DAY_VS_PLAIN),
        Line(f.n, "next day's build, CPU s", f"{f.next_day.cpu:.2f}", f"{plain.cpu:.2f} plain",
             f.next_day.cpu / plain.cpu, NEXT_DAY_VS_PLAIN),
        Line(f.n, "next day, folders kept, wall s", f"{f.next_day_spare.wall:.2f}", f"{plain.wall:.2f} plain",
             f.next_day_spare.wall / plain.wall, NEXT_DAY_VS_PLAIN),
        Line(f.n, "next day, folders kept, CPU s", f"{f.next_day_spare.cpu:.2f}", f"{plain.cpu:.2f} plain",
             f.next_day_spare.cpu / plain.cpu, NEXT_DAY_VS_PLAIN),
        Line(f.n, "no-change rebuild, wall s", f"{f.no_change.wall:.2f}", f"{cold.wall:.2f} our cold",
             f.no_change.wall / cold.wall, NO_CHANGE_VS_COLD),
        Line(f.n, "no-change rebuild, CPU s", f"{f.no_change.cpu:.2f}", f"{cold.cpu:.2f} our cold",
             f.no_change.cpu / cold.cpu, NO_CHANGE_VS_COLD),
        Line(f.n, "cold peak MiB, main + largest child", _mib_split(cold), f"{_mib_split(plain)} plain",
             cold.peak_mib / plain.peak_mib, PEAK_VS_PLAIN),
        Line(f.n, "cold peak MiB, all at once (PSS)", _mib_together(cold), f"{_mib_together(plain)} plain",
             together, PEAK_VS_PLAIN),
    ]


def peak_for_growth(build: Build) -> float:
    """All processes at once where measured: main + largest child is about twice the main process
    whenever the build starts any child (see TreeMemory), which says nothing of growth."""
    return build.peak_mib if build.together_mib is None else build.together_mib


def growth_lines(sizes: list[SizeFigures]) -> list[Line]:
    """Our cold build's time and peak per product at each N against the same at the smallest N."""
    if not sizes:
        return []
    base = min(sizes, key=lambda f: f.n)
    smallest = f"at N={base.n:,}"
    lines = []
    for f in sorted(sizes, key=lambda f: f.n):
        if f.n == base.n:
            continue
        for measure, scale, figure in (
                ("growth: cold CPU ms/product", 1000, lambda b: b.cpu),
                ("growth: cold wall ms/product", 1000, lambda b: b.wall),
                ("growth: cold peak KiB/product", 1024, peak_for_growth)):
            ours, then = figure(f.cold) * scale / f.n, figure(base.cold) * scale / base.n
            lines.append(Line(f.n, measure, f"{ours:.2f}", f"{then:.2f} {smallest}", ours / then, GROWTH))
    return lines


def validation_line(v: dict) -> Line:
    rate = v["records"] / v["seconds"]
    return Line(v["records"], "validation, records/s", f"{rate:,.0f}", f"{v['target']:,} goal",
                rate / v["target"], VALIDATION_VS_TARGET)


HEADER = ("N", "measure", "ours", "plain or reference", "ratio", "target", "met?")
LEFT = {1, 2, 3}  # measure, ours and the reference read from the left; numbers from the right


def print_table(lines: list[Line]):
    rows = [HEADER] + [line.cells() for line in lines]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    for row in rows:
        print("  ".join(cell.ljust(w) if i in LEFT else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
              .rstrip())


def print_notes():
    print("CPU s: user + system of every process of a build, its QR workers included.\n"
          "Peak MiB, main + largest child: the build's VmHWM plus the largest ru_maxrss of the processes it\n"
          "  waited for; an upper bound, about twice the main process whenever the build starts a child\n"
          "  (a child's ru_maxrss starts from its parent's RSS).\n"
          "Peak MiB, all at once (PSS): the largest sum of PSS over the build's processes at one moment,\n"
          f"  sampled every {TreeMemory.INTERVAL:g} s, and at least the main VmHWM.\n"
          "Each figure is the best of the repeats; the table is figures, not a test: the exit status is 0\n"
          "either way.")


def load_averages() -> tuple[float, float, float] | None:
    try:
        return os.getloadavg()
    except OSError:  # pragma: no cover - not on every platform
        return None


def describe_load(loads: tuple[float, float, float] | None) -> str:
    return "unknown" if loads is None else " ".join(f"{value:.2f}" for value in loads) + " (1, 5, 15 min)"


def busy_warning(loads: list[float]) -> str | None:
    """Wall seconds mean little when other work shares the CPUs: say so."""
    cpus = os.cpu_count() or 1
    if loads and max(loads) > cpus * 0.75:
        return (f"warning: load average up to {max(loads):.1f} on {cpus} CPUs — other work shares this machine, "
                f"wall seconds are inflated; compare the CPU lines, or use --repeat")
    return None


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,5000, not {text!r}") from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError(f"expected positive sizes like 1000,5000, not {text!r}")
    return list(dict.fromkeys(sizes))  # a size given twice is measured once


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--sizes", type=parse_sizes, default=list(SIZES), metavar="N,N",
                        help="how many records/articles per run, comma-separated (default: "
                             f"{','.join(map(str, SIZES))})")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate into DIR (created; must be empty) and keep records, articles, outputs "
                             "and caches of every attempt there, one n<N>/ folder per size")
    parser.add_argument("--catalogue", action="store_true",
                        help="measure the catalogue instead: national records (default sizes 5000,20000), the home "
                             "page's gzip size and the index bytes a first search fetches, in Chromium")
    parser.add_argument("--repeat", type=int, default=1, metavar="R",
                        help="builds of each kind per size; the best figure of each counts (default: 1)")
    parser.add_argument("--history", type=int, default=0, metavar="C",
                        help="commits in the records' git history after the first, each editing three records, "
                             "as a few years of officers' work leave it (default: 0, one commit)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.history < 0:
        parser.error("--history must be 0 or more")

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
          f"content/ of the repo for ours, default theme for plain; best of {args.repeat}; records' history: "
          f"{args.history + 1:,} commit{'s' if args.history else ''})", flush=True)
    before = load_averages()
    print(f"machine: {os.cpu_count() or '?'} CPUs; load average before: {describe_load(before)}", flush=True)
    # Every build compiles its Python once and reuses the bytecode, as Python does by default and as
    # pip has done for plain Pelican's own code at install: a machine that sets PYTHONDONTWRITEBYTECODE
    # would otherwise charge our build, whose package is installed from the checkout, for compiling it
    # again each time. The bytecode goes into the benchmark's folder, never into the checkout.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(base / "bytecode")
    burnt, counted = check_cpu_counting()
    counts_workers = counted >= burnt * 0.95
    print(f"CPU counting: a child whose pool workers burn {burnt:.2f} s is counted {counted:.2f} s"
          f" — workers included: {'yes' if counts_workers else 'NO, the CPU lines below miss them'}", flush=True)
    validation = measure_validation()
    print(f"  validation measured ({validation['records']:,} records)", flush=True)
    loads = [before[0]] if before else []
    figures, failed = [], False
    try:
        warm_up(base / "warm-up")  # left in place: deleting files now would slow the builds (see measure)
        for n in args.sizes:
            figures.append(measure(n, base / f"n{n}", args.repeat, args.history))
            now = load_averages()
            if now:
                loads.append(now[0])
    except BuildFailed as exc:
        print(f"bench_site: a build failed, no figures for it:\n{exc}", file=sys.stderr)
        failed = True
    finally:
        if temporary is not None:
            temporary.cleanup()
    lines = ([line for f in sorted(figures, key=lambda f: f.n) for line in size_lines(f)] + growth_lines(figures)
             + [validation_line(validation)])
    print()
    print_table(lines)
    print()
    print_notes()
    print(f"machine: {os.cpu_count() or '?'} CPUs; load average before: {describe_load(before)}; "
          f"after: {describe_load(load_averages())}")
    warning = busy_warning(loads)
    if warning:
        print(warning)
    if args.keep:
        print(f"kept in {base}")
    return 1 if failed else 0  # a "no" is a figure; a build that does not finish is a failure


if __name__ == "__main__":
    sys.exit(main())
