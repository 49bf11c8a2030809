"""Keep Jinja's compiled templates between builds.

Jinja turns every template into Python code and compiles it, in each build and for each of
Pelican's generators: some 0.15 s of a rebuild that changes nothing. Jinja's own bytecode cache
keeps that code in the build's cache folder (beside the QR codes), one file per template, keyed
by the template's name and checked against a digest of its source and the Python version: a
template edited since is compiled again, never served stale.
"""

from pathlib import Path

from jinja2 import FileSystemBytecodeCache

DEFAULT_CACHE_DIR = ".cache/ocop"


def cache_folder(settings) -> Path:
    """The build's cache folder: OCOP_CACHE_DIR, else .cache/ocop (outside the site folder)."""
    return Path(settings.get("OCOP_CACHE_DIR") or DEFAULT_CACHE_DIR)


class _TemplateCache(FileSystemBytecodeCache):
    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)  # a temporary file and a rename: never half a file
        except OSError:
            pass  # a full or read-only cache: the template is compiled again next time


def keep_compiled_templates(generator) -> None:
    """For Pelican's ``generator_init``: give the generator's Jinja environment the cache, unless
    the settings gave it one of their own (JINJA_ENVIRONMENT)."""
    if generator.env.bytecode_cache is not None:
        return
    folder = cache_folder(generator.settings) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a cache that cannot be written: templates are compiled each time, as without it
    generator.env.bytecode_cache = _TemplateCache(str(folder))
