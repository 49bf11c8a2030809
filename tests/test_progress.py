"""A long build says how far it is, and every build says what it made.

- ocop.site.progress.Progress: above 500 products a log line at each tenth, or on a terminal one bar
  rewritten in place and ended with a newline; nothing for a small build.
- The summary line of a real build of the sample data (products/) as of 2026-11-28: its counts are
  those of the files in the output folder, and a second build of the same input says that every
  file was already there.
"""

import io
import logging
import os
import re
import subprocess
from pathlib import Path

import pytest
from test_site_build import REPO, SITE, TODAY, _pelican

from ocop.site.progress import BuildTally, Progress, build_log, en_number, vi_number

SAMPLE = REPO / "products"


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def log():
    # A logger of its own, outside logging's registry: Pelican's class (which drops a message seen
    # before in the process) is not used for it.
    logger = logging.Logger("tests.progress", logging.INFO)
    handler = Collect()
    logger.addHandler(handler)
    return logger, handler.lines


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_600_products_give_a_line_at_each_tenth(log):
    logger, lines = log
    for _ in Progress(600, logger).over(range(600)):
        pass
    assert lines == [f"Sản phẩm {n}/600 ({p} %) / Products {n}/600 ({p}%)"
                     for n, p in zip(range(60, 601, 60), range(10, 101, 10))]


def test_thousands_are_grouped_as_each_language_writes_them(log):
    logger, lines = log
    for _ in Progress(1500, logger).over(range(1500)):
        pass
    assert lines[0] == "Sản phẩm 150/1.500 (10 %) / Products 150/1,500 (10%)"
    assert lines[-1] == "Sản phẩm 1.500/1.500 (100 %) / Products 1,500/1,500 (100%)"
    assert len(lines) == 10
    assert (vi_number(20000), en_number(20000)) == ("20.000", "20,000")


def test_500_products_or_fewer_say_nothing(log):
    logger, lines = log
    terminal = FakeTerminal()
    for total in (0, 1, 499, 500):
        for _ in Progress(total, logger, terminal).over(range(total)):
            pass
    assert lines == []
    assert terminal.getvalue() == ""


def test_on_a_terminal_one_bar_is_rewritten_and_ended_with_a_newline(log):
    logger, lines = log
    terminal = FakeTerminal()
    for _ in Progress(600, logger, terminal).over(range(600)):
        pass
    text = terminal.getvalue()
    assert lines == [], "a terminal gets the bar, not log lines"
    assert text.count("\n") == 1 and text.endswith("\n")
    frames = text.rstrip("\n").split("\r")[1:]
    assert len(frames) == 101, "one redraw per percent (0 % to 100 %), not one per product"
    assert frames[0] == "Sản phẩm / Products [" + "." * 30 + "] 1/600 (0 %)"
    assert frames[50] == "Sản phẩm / Products [" + "#" * 15 + "." * 15 + "] 300/600 (50 %)"
    assert frames[-1] == "Sản phẩm / Products [" + "#" * 30 + "] 600/600 (100 %)"


def test_a_bar_cut_short_still_ends_its_line(log):
    logger, _lines = log
    terminal = FakeTerminal()
    with pytest.raises(RuntimeError):
        for index in Progress(600, logger, terminal).over(range(600)):
            if index == 300:
                raise RuntimeError("a record the build refuses")
    assert terminal.getvalue().endswith("] 300/600 (50 %)\n")


def test_under_pelicans_spinner_log_lines_are_shown_instead_of_the_bar(log):
    """Pelican's "Generating…" spinner holds stderr's text back until a newline: no bar there."""
    logger, lines = log
    held = FakeTerminal()
    held.rich_proxied_file = FakeTerminal()
    for _ in Progress(600, logger, held).over(range(600)):
        pass
    assert held.getvalue() == ""
    assert len(lines) == 10


def test_a_plain_file_gets_log_lines(log):
    logger, lines = log
    plain = io.StringIO()
    for _ in Progress(1000, logger, plain).over(range(1000)):
        pass
    assert plain.getvalue() == "" and len(lines) == 10


def test_the_summary_counts_pages_codes_and_photos():
    tally = BuildTally()
    for path in ("p/LC-0001/index.html", "en/p/LC-0001/index.html", "p/LC-0001/qr.svg", "p/LC-0001/qr.png"):
        tally.file(path, changed=True)
    tally.kept(["P/LC-0001.html"])
    tally.photos = 1
    assert tally.summary(1) == ("Đã dựng 1 sản phẩm: 3 trang, 1 mã QR, 1 ảnh; ghi mới 4 tệp, 1 tệp không đổi. / "
                                "Built 1 product: 3 pages, 1 QR code, 1 photo; 4 files written, 1 unchanged.")


def test_the_progress_log_is_shown_unless_the_build_is_quiet():
    root = logging.getLogger()
    before = root.level
    try:
        root.setLevel(logging.WARNING)  # pelican without -v
        assert build_log().isEnabledFor(logging.INFO)
        root.setLevel(logging.CRITICAL)  # pelican -q
        assert not build_log().isEnabledFor(logging.INFO)
    finally:
        root.setLevel(before)
        build_log()


# -- the summary of a real build ---------------------------------------------------------

SUMMARY = re.compile(r"Đã dựng (\d+) sản phẩm: (\d+) trang, (\d+) mã QR, (\d+) ảnh; ghi mới (\d+) tệp, "
                     r"(\d+) tệp không đổi\. / Built (\d+) products: (\d+) pages, (\d+) QR codes, (\d+) photos; "
                     r"(\d+) files written, (\d+) unchanged\.")
PHOTO = re.compile(r"^(?P<stem>.+)-(?P<width>\d+)\.(?:jpg|webp)$")


def build(output: Path, cache: Path, *extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_")}
    # A wide "terminal": the log's lines are not wrapped, so each message is one line of the capture.
    env.update(OCOP_PRODUCTS=str(SAMPLE), OCOP_TODAY=TODAY, OCOP_SITEURL=SITE, OCOP_CACHE_DIR=str(cache),
               COLUMNS="5000")
    result = subprocess.run([_pelican(), "content", "-o", str(output), "-s", "pelicanconf.py", *extra],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def summary_of(log: str):
    found = [SUMMARY.search(line) for line in log.splitlines()]
    found = [m for m in found if m]
    assert len(found) == 1, f"one summary line per build:\n{log}"
    return [int(n) for n in found[0].groups()]


def pelicans_own_files(log: str, output: Path) -> set:
    """What Pelican itself wrote (its pages and news) or copied (the theme's files), from its -v log."""
    own = set()
    for line in log.splitlines():
        written = re.search(r'Writing "([^"]+)"', line)
        copied = re.search(r"Copying (\S+) to (\S+)", line)
        target = Path(written.group(1)) if written else Path(copied.group(2)) if copied else None
        if target is not None:
            files = [target] if target.is_file() else [p for p in target.rglob("*") if p.is_file()]
            own |= {p.relative_to(output).as_posix() for p in files}
    return own


def test_the_summary_line_matches_the_files_in_the_output(tmp_path):
    output = tmp_path / "output"
    log = build(output, tmp_path / "cache", "-v")
    products, pages, codes, photos, written, unchanged, *english = summary_of(log)
    assert english == [products, pages, codes, photos, written, unchanged]

    everything = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    ours = everything - pelicans_own_files(log, output)
    product_folders = [p for p in (output / "p").iterdir() if p.is_dir()]
    assert products == len(product_folders) == 13  # the sample's 15 records less its 2 candidates
    assert (written, unchanged) == (len(ours), 0), "a first build into an empty folder writes every file"
    assert pages == len([name for name in ours if name.endswith(".html")])
    assert codes == len(list(output.glob("p/*/qr.svg"))) == products
    stems = {(folder.name, PHOTO.match(f.name)["stem"]) for folder in product_folders for f in folder.iterdir()
             if PHOTO.match(f.name)}
    assert photos == len(stems) > 0

    again = build(output, tmp_path / "cache")  # the same input, into the same folder
    assert summary_of(again)[:6] == [products, pages, codes, photos, 0, written], \
        "a build of the same input finds every file already there"


def test_a_long_first_drawing_of_qr_codes_says_how_far_it_is(tmp_path, log):
    """The first build of a large catalogue draws its codes before any page: that time is not silent."""
    from ocop.outputs.qr import QrCache

    cache = QrCache(tmp_path / "cache")
    urls = [f"HTTPS://OCOP.EXAMPLE.VN/P/LC-{n:04d}" for n in range(600)]
    totals = []

    logger, lines = log

    def progress(codes, total):
        totals.append(total)
        return Progress(total, logger, None, words=("Mã QR", "QR codes")).over(codes)

    assert cache.fill(urls, workers=2, progress=progress) == 600
    assert totals == [600]
    assert lines[0] == "Mã QR 60/600 (10 %) / QR codes 60/600 (10%)" and len(lines) == 10
    assert all(cache.path(url).exists() for url in urls)
