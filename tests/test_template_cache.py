"""The compiled templates kept between builds (ocop.site.template_cache): an edited template is
compiled again, a cache that cannot be written only costs time, a theme's own cache is kept."""

import errno
import tempfile
from types import SimpleNamespace

from jinja2 import BytecodeCache, DictLoader, Environment

from ocop.site.template_cache import cache_folder, keep_compiled_templates


def generator(cache_dir, templates, env=None):
    """What keep_compiled_templates reads of a Pelican generator: its settings and its Jinja environment."""
    return SimpleNamespace(settings={"OCOP_CACHE_DIR": str(cache_dir)},
                           env=env or Environment(loader=DictLoader(templates)))


def test_compiled_templates_are_kept_and_an_edited_one_is_compiled_again(tmp_path):
    first = generator(tmp_path, {"page.html": "Sản phẩm {{ id }}"})
    keep_compiled_templates(first)
    assert first.env.get_template("page.html").render(id="LC-0001") == "Sản phẩm LC-0001"
    kept = list((tmp_path / "templates").iterdir())
    assert len(kept) == 1

    same = generator(tmp_path, {"page.html": "Sản phẩm {{ id }}"})
    keep_compiled_templates(same)
    assert same.env.get_template("page.html").render(id="LC-0002") == "Sản phẩm LC-0002"

    edited = generator(tmp_path, {"page.html": "Product {{ id }}"})
    keep_compiled_templates(edited)
    assert edited.env.get_template("page.html").render(id="LC-0001") == "Product LC-0001"


def test_code_compiled_under_other_options_is_not_served(tmp_path):
    """trim_blocks changes the compiled code, not the source: a changed JINJA_ENVIRONMENT compiles again."""
    source = {"page.html": "{% if true %}\nA{% endif %}"}
    plain = generator(tmp_path, source)
    keep_compiled_templates(plain)
    assert plain.env.get_template("page.html").render() == "\nA"
    trimmed = generator(tmp_path, source, Environment(loader=DictLoader(source), trim_blocks=True))
    keep_compiled_templates(trimmed)
    assert trimmed.env.get_template("page.html").render() == "A"
    assert len(list((tmp_path / "templates").iterdir())) == 2


def test_a_full_disk_under_the_cache_only_costs_the_compilation(tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", disk_full)  # how Jinja writes a compiled template
    build = generator(tmp_path, {"page.html": "{{ 1 + 1 }}"})
    keep_compiled_templates(build)
    assert build.env.get_template("page.html").render() == "2"
    assert list((tmp_path / "templates").iterdir()) == []


def test_a_cache_folder_that_is_a_file_leaves_the_templates_compiled_each_time(tmp_path):
    (tmp_path / "cache").write_text("", encoding="utf-8")
    build = generator(tmp_path / "cache", {"page.html": "{{ 2 * 3 }}"})
    keep_compiled_templates(build)
    assert build.env.bytecode_cache is None
    assert build.env.get_template("page.html").render() == "6"


def test_a_bytecode_cache_of_the_settings_own_is_left_in_place(tmp_path):
    own = BytecodeCache()
    build = generator(tmp_path, {}, Environment(loader=DictLoader({}), bytecode_cache=own))
    keep_compiled_templates(build)
    assert build.env.bytecode_cache is own


def test_the_cache_folder_is_the_builds_own_or_the_default():
    assert str(cache_folder({"OCOP_CACHE_DIR": "/srv/cache"})) == "/srv/cache"
    assert str(cache_folder({})) == ".cache/ocop"
