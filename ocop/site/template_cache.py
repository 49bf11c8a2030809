"""Keep Jinja's compiled templates between builds.

Jinja turns every template into Python code and compiles it, in each build and for each of
Pelican's generators: some 0.15 s of a rebuild that changes nothing. Jinja's own bytecode cache
keeps that code in the build's cache folder (beside the QR codes), one file per template, keyed
by the template's name, Jinja's version and the environment's compile-time options, and checked
against a digest of its source and the Python version: a template edited since, or a change of
JINJA_ENVIRONMENT, is compiled again, never served stale.
"""

from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache

DEFAULT_CACHE_DIR = ".cache/ocop"


def cache_folder(settings) -> Path:
    """The build's cache folder: OCOP_CACHE_DIR, else .cache/ocop (outside the site folder)."""
    return Path(settings.get("OCOP_CACHE_DIR") or DEFAULT_CACHE_DIR)


def compiled_with(environment) -> str:
    """What Jinja's compiled code depends on beside the template's source: Jinja's version and the
    environment's compile-time options (delimiters, whitespace control, autoescape, extensions…). Jinja
    keys its cache by the template's name and source only; a change of JINJA_ENVIRONMENT must not be
    served code compiled under the old options. A callable's repr names its address: such an
    environment finds nothing kept, and compiles as without the cache."""
    finalize = environment.finalize
    return repr((
        jinja2.__version__, environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string, environment.comment_start_string,
        environment.comment_end_string, environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, repr(environment.autoescape), sorted(environment.extensions),
        environment.optimized, environment.is_async, None if finalize is None else repr(finalize),
    ))


class _TemplateCache(FileSystemBytecodeCache):
    def get_bucket(self, environment, name, filename, source):
        # Jinja makes the file's key from the name it is given (and the file name).
        return super().get_bucket(environment, f"{compiled_with(environment)}\0{name}", filename, source)

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
