"""Builds that complete or leave the previous site as it was.

- A product skipped as unchanged is trusted only when its files have the SHA-256 recorded when they
  were written (ocop.site.unchanged): a page left by a crashed build, or cut off by a full disk, is
  rebuilt, and the result is the clean build's, byte for byte.
- The fingerprint covers units.yaml: a unit's new name reaches the product pages.
- ``python -m ocop.site.build`` (make html, make publish) builds into a fresh folder and swaps it in:
  killed at random points, the output is always the whole old site or the whole new one, and the
  next build gives the clean build's output; a full disk gives one bilingual line, exit status 1,
  and the old site.
- The old site is kept as <output>.spare and the next build is made in its folders, its files
  deleted first (ocop.site.spare): the result is the clean build's, folders included, nothing
  of the spare reaches it, and links in it are never followed.

Builds run in this process where a fault is injected (faster, and monkeypatch reaches the code), and
as subprocesses where they are killed. The fixture is tests/fixtures/site/products as of 2026-11-28.
"""

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pelican
import pytest
from test_site_build import FIXTURE_PRODUCTS, REPO, SITE, TODAY

import ocop.site.plugin as plugin
from ocop.common.files import write_atomic, write_new
from ocop.site import build as site_build
from ocop.site import spare, swap

PAGE = "p/LC-0101/index.html"
EN_PAGE = "en/p/LC-0101/index.html"
OLD_DAY = "2026-11-01"  # the site before: every page differs from the one of TODAY


# -- helpers -----------------------------------------------------------------------


def snapshot(folder: Path) -> dict:
    """Every file of a folder, by its path inside it, with its bytes."""
    files = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def beside(output: Path) -> list:
    """What a stopped build may leave beside the output folder: <output>.new-<pid>, <output>.old-<pid>
    (not <output>.spare, the last site's folders, which each build leaves on purpose)."""
    return sorted(p.name for p in output.parent.iterdir()
                  if p.name.startswith(output.name + ".") and p.name != output.name + spare.SPARE)


def tree(folder: Path) -> tuple[set, dict]:
    """(every folder, every file with its bytes) of a folder: an empty folder left behind shows."""
    folders = {Path(root).relative_to(folder).as_posix() for root, _dirs, _files in os.walk(folder)}
    return folders, snapshot(folder)


def environment(products, cache, today=TODAY) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_")}
    env.update(OCOP_PRODUCTS=str(products), OCOP_TODAY=today, OCOP_SITEURL=SITE, OCOP_CACHE_DIR=str(cache))
    return env


def use_environment(monkeypatch, products, cache, today=TODAY):
    for key in [k for k in os.environ if k.startswith("OCOP_")]:
        monkeypatch.delenv(key)
    for key, value in environment(products, cache, today).items():
        if key.startswith("OCOP_"):
            monkeypatch.setenv(key, value)
    monkeypatch.chdir(REPO)


def saved_again(products: Path):
    """A record saved again as it was: an input changed (its time), so the next build is not skipped
    as one with nothing changed (ocop.site.no_change), and it gives the same site."""
    os.utime(products / "LC-0101.yaml")


def arguments(output):
    return ["content", "-o", str(output), "-s", "pelicanconf.py"]


def pelican_here(monkeypatch, products, output, cache, today=TODAY):
    """`pelican content -o OUTPUT -s pelicanconf.py`, as the other tests build, in this process."""
    use_environment(monkeypatch, products, cache, today)
    pelican.main(arguments(output))


def entry_here(monkeypatch, products, output, cache, today=TODAY) -> int:
    """`python -m ocop.site.build …` (make html), in this process."""
    use_environment(monkeypatch, products, cache, today)
    return site_build.main(arguments(output))


def entry_process(products, output, cache, today=TODAY) -> subprocess.Popen:
    # Its own process group: the QR encoder's worker processes are killed with it.
    return subprocess.Popen([sys.executable, "-m", "ocop.site.build", *arguments(output)], cwd=REPO,
                            env=environment(products, cache, today), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean build of the fixture (a copy of it, as every test uses) into an empty folder with an
    empty cache: what every other build must come back to."""
    root = tmp_path_factory.mktemp("clean")
    products = root / "products"
    shutil.copytree(FIXTURE_PRODUCTS, products)
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert entry_here(monkeypatch, products, root / "output", root / "cache") == 0
    return snapshot(root / "output")


@pytest.fixture
def products(tmp_path):
    folder = tmp_path / "products"
    shutil.copytree(FIXTURE_PRODUCTS, folder)
    return folder


# -- (a) a skipped page is checked by its hash -----------------------------------------


def test_edit_crash_undo_rebuild_gives_the_clean_build(products, tmp_path, monkeypatch, clean):
    output, cache = tmp_path / "output", tmp_path / "cache"
    pelican_here(monkeypatch, products, output, cache)
    record = products / "LC-0101.yaml"
    original = record.read_text(encoding="utf-8")
    record.write_text(original.replace("Chè", "Trà", 1), encoding="utf-8")

    def crash(self):
        raise RuntimeError("the build stops half-way")

    (memory,) = (cache / "pages").glob("*.json")
    remembered = memory.read_bytes()
    with monkeypatch.context() as patch:  # product pages written, then the build fails
        patch.setattr(plugin.ProductGenerator, "_write_catalogue", crash)
        with pytest.raises(SystemExit):
            pelican_here(patch, products, output, cache)
    assert "Trà" in (output / PAGE).read_text(encoding="utf-8"), "the crashed build wrote the edited page"
    assert memory.read_bytes() == remembered, "a build that failed does not vouch for its pages"

    record.write_text(original, encoding="utf-8")  # undo: the record is the one of the first build
    pelican_here(monkeypatch, products, output, cache)
    assert "Trà" not in (output / PAGE).read_text(encoding="utf-8")
    assert snapshot(output) == clean


def test_pages_cut_off_by_a_full_disk_are_written_again(products, tmp_path, monkeypatch, clean):
    output, cache = tmp_path / "output", tmp_path / "cache"
    pelican_here(monkeypatch, products, output, cache)
    page = output / PAGE
    page.write_bytes(page.read_bytes()[: page.stat().st_size // 2])  # what an in-place write left
    (output / EN_PAGE).write_bytes(b"")
    (output / "p" / "LC-0101" / "qr.png").write_bytes(b"")
    pelican_here(monkeypatch, products, output, cache)
    assert snapshot(output) == clean


# -- (b) units.yaml reaches the product pages ------------------------------------------


def test_a_new_unit_name_in_units_yaml_reaches_the_product_pages(products, tmp_path, monkeypatch):
    output, cache = tmp_path / "output", tmp_path / "cache"
    pelican_here(monkeypatch, products, output, cache)
    assert "San Thang commune" in (output / EN_PAGE).read_text(encoding="utf-8")
    units = products / "units.yaml"
    old = "{vi: Xã San Thàng, en: San Thang commune}"
    assert old in units.read_text(encoding="utf-8")
    units.write_text(units.read_text(encoding="utf-8").replace(old, "{vi: Xã Sản Thàng, en: San Thang village}"),
                     encoding="utf-8")
    pelican_here(monkeypatch, products, output, cache)
    english, vietnamese = ((output / p).read_text(encoding="utf-8") for p in (EN_PAGE, PAGE))
    assert "San Thang village" in english and "San Thang commune" not in english
    assert "Xã Sản Thàng" in vietnamese and "Xã San Thàng" not in vietnamese


# -- (c) killed at random points -------------------------------------------------------


def files_in(folder: Path) -> int:
    return sum(len(names) for _root, _dirs, names in os.walk(folder))


def kill_when(process, output, files: int, then: float) -> bool:
    """Kill the build (SIGKILL, with its worker processes) once its fresh folder holds ``files`` files,
    ``then`` seconds later; True when it was still running."""
    fresh = output.with_name(f"{output.name}.new-{process.pid}")
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline and files_in(fresh) < files:
        time.sleep(0.001)
    time.sleep(then)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it had finished already
    process.wait(timeout=60)
    process.stdout.close()
    return process.returncode == -signal.SIGKILL


def test_a_build_killed_at_random_points_never_leaves_a_partial_site(products, tmp_path, monkeypatch, clean):
    output, cache = tmp_path / "output", tmp_path / "cache"
    # The old site with a cache of its own: with this one, a product whose status held would keep
    # the day its page first came out (ocop.site.unchanged), and the new site would not be `clean`.
    assert entry_here(monkeypatch, products, output, tmp_path / "old-cache", today=OLD_DAY) == 0
    old = snapshot(output)
    assert old != clean and set(old) == set(clean)

    # Seeded random points of the build's progress: in the first and in the second half of its
    # writing, and a moment after its last file (the swap, the old site's deletion, the exit).
    rng = random.Random(2026)
    total = len(clean)
    points = [(rng.randint(1, total // 2), 0.0), (rng.randint(total // 2, total - 1), 0.0),
              (total, rng.uniform(0.0, 0.02))]
    interrupted = 0
    for files, then in points:
        process = entry_process(products, output, cache)
        interrupted += kill_when(process, output, files, then)
        now = snapshot(output)
        assert now == old or now == clean, "the output is the whole old site or the whole new one"
    assert interrupted >= 2, "the kills landed during the builds"

    assert entry_here(monkeypatch, products, output, cache) == 0  # and once more, to the end
    assert snapshot(output) == clean
    assert beside(output) == [], "the folders of the killed builds are removed"
    assert snapshot(spare.spare_of(output)) in (old, clean), "a whole site: the one before the last build"


def command(products, output, cache) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ocop.site.build", *arguments(output)], cwd=REPO,
                          env=environment(products, cache), capture_output=True, text=True, timeout=300)


def test_the_build_as_a_command_says_everything_and_ends_with_the_builds_status(products, tmp_path, clean):
    """`python -m ocop.site.build` ends without Python's teardown (os._exit): what it printed still
    reaches a pipe, and its exit status is the build's."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    done = command(products, output, cache)
    assert done.returncode == 0, done.stdout + done.stderr
    said = " ".join(done.stdout.split())  # the log is wrapped to the terminal's width
    assert "Built 5 products: 73 pages" in said and said.endswith("seconds.")
    assert snapshot(output) == clean
    with (products / "LC-0101.yaml").open("a", encoding="utf-8") as record:
        record.write("name: [unclosed\n")
    refused = command(products, output, cache)
    assert refused.returncode == 1
    assert refused.stderr.rstrip().endswith("Build refused: 1 error in the records (see above); no product is "
                                            "ever silently left out.")
    assert "LC-0101.yaml:37:7: lỗi SP003" in refused.stderr and "Traceback" not in refused.stderr
    assert snapshot(output) == clean


# -- (d) a full disk -------------------------------------------------------------------


def failing_with(code):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


_full_disk = failing_with(errno.ENOSPC)


@pytest.mark.parametrize("where", ["plugin", "pelican"])
def test_a_full_disk_says_so_in_one_line_and_keeps_the_old_site(where, products, tmp_path, monkeypatch, capsys):
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert entry_here(monkeypatch, products, output, cache, today=OLD_DAY) == 0
    before = snapshot(output)
    capsys.readouterr()
    with monkeypatch.context() as patch:
        if where == "plugin":  # our pages, photos, QR codes, data (written, or linked from the old site)
            patch.setattr(plugin, "write_atomic", _full_disk)
            patch.setattr(plugin, "write_new", _full_disk)
            patch.setattr(plugin, "link_or_copy", _full_disk)
        else:  # Pelican's own pages
            patch.setattr(pelican.writers.Writer, "_open_w", _full_disk)
        status = entry_here(patch, products, output, cache)
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert status == 1
    lines = [line for line in said.splitlines() if "the disk is full" in line]
    assert len(lines) == 1, said
    assert "ổ đĩa đã đầy" in lines[0] and "output" in lines[0] and "previous site is left as it was" in lines[0]
    assert "Traceback" not in said and "CRITICAL" not in said
    assert snapshot(output) == before
    assert beside(output) == []


def test_a_read_only_output_under_bare_pelican_is_one_line_too(products, tmp_path, monkeypatch, capsys):
    """Without the swap (`pelican content`), the plugin's own writes still end in a message."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    monkeypatch.setattr(plugin, "write_atomic", failing_with(errno.EROFS))
    with pytest.raises(SystemExit) as stopped:
        pelican_here(monkeypatch, products, output, cache)
    message = str(stopped.value.code)
    assert "\n" not in message and "ổ đĩa chỉ cho đọc" in message and "the disk is read-only" in message
    assert "Traceback" not in capsys.readouterr().out


# -- (e) the last site's folders, reused -----------------------------------------------


def clean_build(products, root, monkeypatch) -> tuple[set, dict]:
    """A build of ``products`` into an empty folder with an empty cache."""
    assert entry_here(monkeypatch, products, root / "output", root / "cache") == 0
    return tree(root / "output")


def tree_of_clean(products, tmp_path, monkeypatch):
    with monkeypatch.context() as patch:
        return clean_build(products, tmp_path / "clean", patch)


def test_a_build_in_the_last_sites_folders_gives_the_clean_build_and_keeps_that_site_whole(
        products, tmp_path, monkeypatch):
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert entry_here(monkeypatch, products, output, tmp_path / "old-cache", today=OLD_DAY) == 0
    assert entry_here(monkeypatch, products, output, cache) == 0  # the OLD_DAY site is now the spare
    kept = spare.spare_of(output)
    assert kept.is_dir()
    folder_of_a_page = (kept / "p" / "LC-0101").stat().st_ino

    # A product goes, and the spare gets what no build made: none of it may reach the site.
    (products / "LC-0105.yaml").unlink()
    before = snapshot(output)
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "file.html").write_text("not the site's")
    (kept / "junk.html").write_text("junk")
    (kept / "old-folder" / "deep").mkdir(parents=True)
    (kept / "old-folder" / "deep" / "page.html").write_text("old")
    (kept / "sitemap.xml").unlink()
    (kept / "sitemap.xml").mkdir()  # a folder where the build writes a file
    (kept / "sitemap.xml" / "x").write_text("x")
    (kept / "link").symlink_to(outside / "keep")
    (kept / "p" / "LC-0101" / "index.html").unlink()  # Pelican or a page may write where a link stands
    (kept / "p" / "LC-0101" / "index.html").symlink_to(outside / "keep" / "file.html")
    assert entry_here(monkeypatch, products, output, cache) == 0

    expected = tree_of_clean(products, tmp_path, monkeypatch)
    assert tree(output) == expected, "no file, folder or empty folder of the old site is left in the new one"
    assert (output / "p" / "LC-0101").stat().st_ino == folder_of_a_page, "the spare's folders are reused"
    assert not (output / "p" / "LC-0105").exists()
    assert snapshot(kept) == before, "the spare is now the site before this build, as it was"
    assert snapshot(outside) == {"keep/file.html": b"not the site's"}, "links in the spare are not followed"
    assert beside(output) == []


def test_a_spare_that_is_a_link_is_left_alone(products, tmp_path, monkeypatch, clean):
    output, cache = tmp_path / "output", tmp_path / "cache"
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "p").mkdir(parents=True)
    (elsewhere / "p" / "index.html").write_text("someone's")
    spare.spare_of(output).symlink_to(elsewhere, target_is_directory=True)
    assert entry_here(monkeypatch, products, output, cache) == 0
    assert snapshot(output) == clean
    assert snapshot(elsewhere) == {"p/index.html": b"someone's"}


def test_publishconfs_emptying_of_the_output_keeps_the_spares_folders(products, tmp_path, monkeypatch, clean):
    """publishconf.py sets DELETE_OUTPUT_DIRECTORY (Pelican's -d): the fresh folder is empty of files
    already, and its folders are not deleted."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert entry_here(monkeypatch, products, output, tmp_path / "old-cache", today=OLD_DAY) == 0
    assert entry_here(monkeypatch, products, output, cache) == 0
    folder = (spare.spare_of(output) / "p").stat().st_ino
    use_environment(monkeypatch, products, cache)
    assert site_build.main(arguments(output) + ["-d"]) == 0
    assert snapshot(output) == clean
    assert (output / "p").stat().st_ino == folder


def test_a_spare_that_cannot_be_emptied_file_by_file_is_emptied_whole(products, tmp_path, monkeypatch, clean):
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert entry_here(monkeypatch, products, output, tmp_path / "old-cache", today=OLD_DAY) == 0
    assert entry_here(monkeypatch, products, output, cache) == 0
    (spare.spare_of(output) / "left-over.html").write_text("old")
    monkeypatch.setattr(spare, "_delete_files", failing_with(errno.EACCES))  # in the child that deletes too
    saved_again(products)
    assert entry_here(monkeypatch, products, output, cache) == 0
    assert tree(output) == tree_of_clean(products, tmp_path, monkeypatch)
    assert beside(output) == []


def test_where_no_process_can_be_started_the_spare_is_emptied_before_the_build(
        products, tmp_path, monkeypatch, clean):
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert entry_here(monkeypatch, products, output, tmp_path / "old-cache", today=OLD_DAY) == 0
    assert entry_here(monkeypatch, products, output, cache) == 0
    folder = (spare.spare_of(output) / "p").stat().st_ino
    monkeypatch.setattr(spare.os, "fork", failing_with(errno.EAGAIN))
    saved_again(products)
    assert entry_here(monkeypatch, products, output, cache) == 0
    assert snapshot(output) == clean
    assert (output / "p").stat().st_ino == folder, "the spare's folders are reused all the same"


def test_a_build_refused_while_the_spare_is_emptied_leaves_the_site_and_nothing_else(
        products, tmp_path, monkeypatch, capsys):
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert entry_here(monkeypatch, products, output, tmp_path / "old-cache", today=OLD_DAY) == 0
    assert entry_here(monkeypatch, products, output, cache) == 0
    before = snapshot(output)
    with (products / "LC-0101.yaml").open("a", encoding="utf-8") as record:
        record.write("name: [unclosed\n")
    assert entry_here(monkeypatch, products, output, cache) == 1
    assert "Build refused: 1 error in the records" in capsys.readouterr().err
    assert snapshot(output) == before
    assert beside(output) == [] and not spare.spare_of(output).exists()


# -- the swap itself -------------------------------------------------------------------


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_swap_puts_the_new_site_in_place_and_removes_the_old(exchange, tmp_path, monkeypatch):
    if not exchange:
        monkeypatch.setattr(swap, "_exchange", lambda a, b: False)
    site = tmp_path / "output"
    site.mkdir()
    (site / "old.html").write_text("old")
    fresh = swap.fresh_folder(site)
    (fresh / "new.html").write_text("new")
    swap.discard(swap.swap_in(fresh, site))
    assert snapshot(site) == {"new.html": b"new"}
    assert beside(site) == []


def test_a_build_stopped_between_the_two_renames_gets_its_old_site_back(tmp_path):
    site = tmp_path / "output"
    old = tmp_path / f"output.old-{os.getpid()}"  # a pid no running build has (our own)
    old.mkdir()
    (old / "index.html").write_text("old")
    (tmp_path / f"output.new-{os.getpid()}").mkdir()
    swap.recover(site)
    assert snapshot(site) == {"index.html": b"old"}
    assert beside(site) == []


@pytest.mark.parametrize("write", [write_atomic, write_new])
def test_written_files_get_the_usual_mode_not_mkstemps(write, tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    write(tmp_path / "page.html", b"x")
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_new_file_never_writes_through_what_stands_at_its_name(tmp_path):
    """In the fresh folder a name is normally free; a page written twice replaces the first, and a
    link put there is replaced, never followed to the file it points at."""
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"not the site's")
    (tmp_path / "link.html").symlink_to(elsewhere)
    write_new(tmp_path / "link.html", b"page")
    write_new(tmp_path / "twice.html", b"first")
    write_new(tmp_path / "twice.html", b"second")
    write_new(tmp_path / "big.html", bytes(range(256)) * 4096)
    assert elsewhere.read_bytes() == b"not the site's"
    assert not (tmp_path / "link.html").is_symlink() and (tmp_path / "link.html").read_bytes() == b"page"
    assert (tmp_path / "twice.html").read_bytes() == b"second"
    assert (tmp_path / "big.html").read_bytes() == bytes(range(256)) * 4096
    assert sorted(path.name for path in tmp_path.iterdir()) == ["big.html", "elsewhere.txt", "link.html",
                                                                 "twice.html"]


def recording_folders_made(monkeypatch, log: Path, maker="_make_folders"):
    """The folders the child makes ahead (by ``spare.<maker>(source, root)``), written to ``log``
    (the child's memory is not this process's)."""
    real = getattr(spare, maker)

    def make(source, root):
        folders = real(source, root)
        log.write_text("\n".join(os.path.relpath(folder, root) for folder in folders[1:]), encoding="utf-8")
        return folders

    monkeypatch.setattr(spare, maker, make)


def test_without_a_spare_the_sites_folders_are_made_ahead_and_the_build_is_the_clean_one(
        products, tmp_path, monkeypatch):
    """The deploy's runner gets yesterday's site from the cache, not its spare."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert entry_here(monkeypatch, products, output, tmp_path / "old-cache", today=OLD_DAY) == 0
    assert not spare.spare_of(output).exists()  # the first build: there was no site to keep
    outside = tmp_path / "outside"
    (outside / "inside").mkdir(parents=True)
    (output / "old-folder" / "deep").mkdir(parents=True)  # no build made these
    (output / "old.d" / "deep").mkdir(parents=True)
    (output / "link").symlink_to(outside, target_is_directory=True)
    (products / "LC-0104.yaml").unlink()
    log = tmp_path / "made.txt"
    recording_folders_made(monkeypatch, log)
    assert entry_here(monkeypatch, products, output, cache) == 0

    made = set(log.read_text(encoding="utf-8").split("\n"))
    assert {"p", os.path.join("p", "LC-0101"), os.path.join("p", "LC-0104"),
            os.path.join("old-folder", "deep")} <= made
    assert not any("." in name or name.startswith("link") for name in made), "no dotted folder, no link followed"
    assert tree(output) == tree_of_clean(products, tmp_path, monkeypatch), "the folders left empty are gone"
    assert not (output / "p" / "LC-0104").exists()
    assert snapshot(outside) == {} and (outside / "inside").is_dir()
    assert beside(output) == [] and spare.spare_of(output).is_dir()


def test_a_first_build_makes_its_product_pages_folders_ahead_and_leaves_none_empty(products, tmp_path, monkeypatch):
    """No site yet, so no folders to take: the record files' names tell where the product pages go."""
    output, log = tmp_path / "output", tmp_path / "made.txt"
    (products / "lc-0199.yaml").write_text("id: lc-0199\n", encoding="utf-8")  # no such id: no folder for it
    recording_folders_made(monkeypatch, log, "_make_product_folders")
    assert entry_here(monkeypatch, products, output, tmp_path / "cache") == 1  # lc-0199 is refused
    made = log.read_text(encoding="utf-8").split("\n")
    assert made[:4] == ["p", "en", os.path.join("en", "p"), "P"]
    assert {os.path.join(top, "LC-0101") for top in ("p", os.path.join("en", "p"), "P")} <= set(made)
    assert os.path.join("p", "LC-0105") in made and not any("lc-0199" in name for name in made)
    assert not output.exists() and beside(output) == []
    (products / "lc-0199.yaml").unlink()
    log.unlink()
    assert entry_here(monkeypatch, products, output, tmp_path / "cache") == 0
    assert log.exists()
    pelican_here(monkeypatch, products, tmp_path / "bare", tmp_path / "bare-cache")  # in place, nothing made ahead
    assert tree(output) == tree(tmp_path / "bare"), "the folders of LC-0105, a candidate without a page, are gone"
    assert not (output / "p" / "LC-0105").exists()


def test_the_build_writes_while_the_folders_are_still_being_made(products, tmp_path, monkeypatch):
    """No spare: a child makes the site's folders, and the build does not wait for it to write. Here
    the child makes none before the build has written a product page; each side takes the folders
    the other made, and the site is the clean one."""
    output, log = tmp_path / "output", tmp_path / "child.txt"
    assert entry_here(monkeypatch, products, output, tmp_path / "old-cache", today=OLD_DAY) == 0
    real = spare._make_folders

    def after_the_build_has_written(site, root):
        page = Path(root) / "p" / "LC-0101" / "index.html"
        waited = time.monotonic() + 60
        while not page.exists() and time.monotonic() < waited:
            time.sleep(0.01)
        log.write_text("the page was there" if page.exists() else "no page after 60 s", encoding="utf-8")
        return real(site, root)

    monkeypatch.setattr(spare, "_make_folders", after_the_build_has_written)
    assert entry_here(monkeypatch, products, output, tmp_path / "cache") == 0
    assert log.read_text(encoding="utf-8") == "the page was there"
    assert tree(output) == tree_of_clean(products, tmp_path, monkeypatch)
    assert beside(output) == []


def test_folders_that_cannot_be_made_ahead_are_made_by_the_build(products, tmp_path, monkeypatch):
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert entry_here(monkeypatch, products, output, tmp_path / "old-cache", today=OLD_DAY) == 0
    real = spare._make_folders

    def half_then_full_disk(site, root):
        os.mkdir(os.path.join(root, "p"))  # some made, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(spare, "_make_folders", half_then_full_disk)
    assert entry_here(monkeypatch, products, output, cache) == 0
    assert tree(output) == tree_of_clean(products, tmp_path, monkeypatch)
    monkeypatch.setattr(spare, "_make_folders", real)
    monkeypatch.setattr(spare.os, "fork", failing_with(errno.EAGAIN))
    spare_folder = spare.spare_of(output)
    spare_folder.rename(tmp_path / "aside")  # no spare again, and no process to make the folders
    saved_again(products)
    assert entry_here(monkeypatch, products, output, cache) == 0
    assert tree(output) == tree_of_clean(products, tmp_path, monkeypatch)
