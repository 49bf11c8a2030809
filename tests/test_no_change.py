"""A rebuild with nothing changed keeps the site as it is; any change to what it is made from, or to
the site itself, builds it again (ocop.site.no_change).

Builds run in this process as `make html` runs them (``python -m ocop.site.build``), on a copy of
the fixture as of 2026-11-28, with the repository's content and theme, or copies of them where a
test changes one.
"""

import logging
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from test_atomic_build import beside, command, entry_here, snapshot, use_environment
from test_site_build import FIXTURE_PRODUCTS, REPO, TODAY

from ocop.site import build as site_build
from ocop.site import no_change, spare

KEPT = "Nothing changed since the last build"
BUILT = "Built 5 products: 73 pages"
PAGE = "p/LC-0101/index.html"


def stamps(folder: Path) -> dict:
    """Every file of the folder with its inode and modification time: a file written again shows."""
    found = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            stat = (Path(root) / name).stat()
            found[(Path(root) / name).relative_to(folder).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return found


def said(caplog) -> str:
    return " ".join(record.getMessage() for record in caplog.records)


@pytest.fixture
def products(tmp_path):
    folder = tmp_path / "products"
    shutil.copytree(FIXTURE_PRODUCTS, folder)
    return folder


@pytest.fixture
def built(products, tmp_path, monkeypatch, caplog):
    """The fixture built once into tmp_path/output; the log of that build is cleared."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert entry_here(monkeypatch, products, output, cache) == 0
    assert BUILT in said(caplog)
    caplog.clear()
    return output, cache


def build_again(monkeypatch, products, output, cache, caplog, today=TODAY, extra=()) -> str:
    """Build once more; what it said."""
    caplog.clear()
    use_environment(monkeypatch, products, cache, today)
    assert site_build.main(["content", "-o", str(output), "-s", "pelicanconf.py", *extra]) == 0
    return said(caplog)


def clean_build_of(products, tmp_path, monkeypatch, extra=()) -> dict:
    """What a build of ``products`` gives into an empty folder with an empty cache."""
    root = tmp_path / "clean"
    shutil.rmtree(root, ignore_errors=True)
    use_environment(monkeypatch, products, root / "cache")
    assert site_build.main(["content", "-o", str(root / "output"), "-s", "pelicanconf.py", *extra]) == 0
    return snapshot(root / "output")


def test_a_rebuild_with_nothing_changed_keeps_every_file_and_says_what_the_build_said(products, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    first = command(products, output, cache)
    assert first.returncode == 0, first.stdout + first.stderr
    warned = "Could not check for deleted published records: the folder is not in a git repository"
    first_said = " ".join((first.stdout + first.stderr).split())  # the log is wrapped to the terminal's width
    assert warned in first_said and BUILT in first_said
    before = stamps(output)

    again = command(products, output, cache)

    assert again.returncode == 0, again.stdout + again.stderr
    said_again = " ".join((again.stdout + again.stderr).split())
    assert KEPT in said_again and BUILT not in said_again
    assert warned in said_again, "the kept site says what its build said"
    assert stamps(output) == before, "no file written again, none added or removed"
    assert beside(output) == [] and not spare.spare_of(output).exists(), "no fresh folder was made"


CHANGES = {
    "a record edited": lambda p, o: (p / "LC-0101.yaml").write_text(
        (p / "LC-0101.yaml").read_text(encoding="utf-8").replace("Chè", "Trà", 1), encoding="utf-8"),
    "a record saved again": lambda p, o: os.utime(p / "LC-0101.yaml"),
    "a record removed": lambda p, o: (p / "LC-0104.yaml").unlink(),
    "a photo added": lambda p, o: shutil.copyfile(next((p / "media").rglob("*.jpg")),
                                                  next((p / "media").rglob("*.jpg")).with_name("new.jpg")),
    "units.yaml": lambda p, o: os.utime(p / "units.yaml"),
    "a page of the site edited by hand": lambda p, o: (o / PAGE).write_text("edited", encoding="utf-8"),
    "a page of the site removed": lambda p, o: (o / PAGE).unlink(),
    "a file added to the site": lambda p, o: (o / "p" / "stray.html").write_text("stray", encoding="utf-8"),
    "a page of the site replaced by a copy": lambda p, o: shutil.copy2(o / PAGE, o / "copy") or os.replace(
        o / "copy", o / PAGE),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_to_the_records_or_the_site_builds_it_again(change, products, tmp_path, monkeypatch, caplog,
                                                                built):
    output, cache = built
    CHANGES[change](products, output)
    said_now = build_again(monkeypatch, products, output, cache, caplog)
    assert KEPT not in said_now and "Built " in said_now
    assert snapshot(output) == clean_build_of(products, tmp_path, monkeypatch)


def test_another_day_or_setting_builds_it_again(products, tmp_path, monkeypatch, caplog, built):
    output, cache = built
    assert KEPT not in build_again(monkeypatch, products, output, cache, caplog, today="2026-11-29")
    assert KEPT in build_again(monkeypatch, products, output, cache, caplog, today="2026-11-29")
    extra = ["-e", 'SITEURL="https://other.example.vn"']
    assert KEPT not in build_again(monkeypatch, products, output, cache, caplog, today="2026-11-29", extra=extra)
    assert "https://other.example.vn/p/LC-0101/" in (output / PAGE).read_text(encoding="utf-8")
    assert KEPT in build_again(monkeypatch, products, output, cache, caplog, today="2026-11-29", extra=extra)


def test_a_change_to_the_content_or_the_theme_builds_it_again(products, tmp_path, monkeypatch, caplog):
    content, theme = tmp_path / "content", tmp_path / "theme"
    shutil.copytree(REPO / "content", content)
    shutil.copytree(REPO / "theme", theme)
    output, cache = tmp_path / "output", tmp_path / "cache"
    extra = ["-t", str(theme)]

    def again() -> str:
        caplog.clear()
        use_environment(monkeypatch, products, cache)
        assert site_build.main([str(content), "-o", str(output), "-s", "pelicanconf.py", *extra]) == 0
        return said(caplog)

    assert KEPT not in again()
    assert KEPT in again()
    page = content / "pages" / "gioi-thieu.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMột dòng mới.\n", encoding="utf-8")
    assert KEPT not in again()
    assert "Một dòng mới." in (output / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert KEPT in again()
    template = theme / "templates" / "product.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{% block content %}",
                                                                     "{% block content %}<!-- sửa -->", 1),
                        encoding="utf-8")
    assert KEPT not in again()
    assert "<!-- sửa -->" in (output / PAGE).read_text(encoding="utf-8")
    style = next((theme / "static").rglob("*.css"))
    os.utime(style)
    assert KEPT not in again()
    assert KEPT in again()


def git(folder: Path, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.vn", *args], cwd=folder, check=True,
                   capture_output=True)


def test_a_new_commit_or_branch_in_the_records_repository_builds_it_again(products, tmp_path, monkeypatch, caplog):
    """The build reads the git history of the records (published records whose file was deleted,
    ids never to give again): what the history holds is an input too."""
    git(products, "init", "-q", "-b", "main")
    git(products, "add", "-A")
    git(products, "commit", "-q", "-m", "records")
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert KEPT not in build_again(monkeypatch, products, output, cache, caplog)
    assert KEPT in build_again(monkeypatch, products, output, cache, caplog)
    git(products, "commit", "-q", "--allow-empty", "-m", "nothing but a commit")
    assert KEPT not in build_again(monkeypatch, products, output, cache, caplog)
    assert KEPT in build_again(monkeypatch, products, output, cache, caplog)
    git(products, "branch", "other")
    assert KEPT not in build_again(monkeypatch, products, output, cache, caplog)


def test_a_failed_build_in_between_leaves_the_record_of_the_site_it_left(products, tmp_path, monkeypatch, caplog,
                                                                         built):
    output, cache = built
    record = products / "LC-0101.yaml"
    good = record.read_bytes()
    record.write_bytes(good + b"name: [unclosed\n")
    use_environment(monkeypatch, products, cache)
    assert site_build.main(["content", "-o", str(output), "-s", "pelicanconf.py"]) == 1
    record.write_bytes(good)
    said_now = build_again(monkeypatch, products, output, cache, caplog)
    assert KEPT not in said_now, "the record's times changed: built again, never trusted on its bytes alone"
    assert KEPT in build_again(monkeypatch, products, output, cache, caplog)


def settings_of(**values) -> dict:
    settings = {"PLUGINS": ["ocop.site"], "PATH": "content", "THEME": "theme", "OCOP_PRODUCTS": "products"}
    settings.update(values)
    return settings


def test_what_cannot_be_told_is_never_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    day, site, cache = date(2026, 11, 28), tmp_path / "output", tmp_path / "cache"
    plain = no_change.inputs_digest(settings_of(), site, day, cache)
    assert plain is not None
    assert no_change.inputs_digest(settings_of(), site, day, cache) == plain
    assert no_change.inputs_digest(settings_of(), site, date(2026, 11, 29), cache) != plain
    assert no_change.inputs_digest(settings_of(TAGS={"b", "a"}), site, day, cache) is not None
    # Another plugin, every installed one (PLUGINS unset), a function: what they read is not known.
    assert no_change.inputs_digest(settings_of(PLUGINS=["ocop.site", "sitemap"]), site, day, cache) is None
    assert no_change.inputs_digest(settings_of(PLUGINS=None), site, day, cache) is None
    assert no_change.inputs_digest(settings_of(JINJA_FILTERS={"up": str.upper}), site, day, cache) is None
    # A link to a folder among the inputs: what is behind it is not stamped.
    products = tmp_path / "products"
    products.mkdir()
    (products / "more").symlink_to(tmp_path, target_is_directory=True)
    assert no_change.inputs_digest(settings_of(OCOP_PRODUCTS=str(products)), site, day, cache) is None


def test_the_site_its_spare_and_the_cache_inside_an_input_folder_are_no_inputs(tmp_path, monkeypatch):
    """PATH may be the whole checkout, with the output and the cache in it: the build's own writes
    must not make every next build a changed one."""
    monkeypatch.chdir(REPO)
    top = tmp_path / "site-source"
    (top / "output").mkdir(parents=True)
    (top / ".cache").mkdir()
    settings = settings_of(PATH=str(top))
    day = date(2026, 11, 28)
    first = no_change.inputs_digest(settings, top / "output", day, top / ".cache")
    for written in (top / "output" / "index.html", top / "output.spare" / "x", top / "output.new-12" / "y",
                    top / ".cache" / "pages.json"):
        written.parent.mkdir(exist_ok=True)
        written.write_text("x")
    assert no_change.inputs_digest(settings, top / "output", day, top / ".cache") == first
    (top / "output.txt").write_text("a file of the sources, though its name begins as the site's")
    assert no_change.inputs_digest(settings, top / "output", day, top / ".cache") != first
