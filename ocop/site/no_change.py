"""Keep the site as it is when nothing it is made from has changed since the build that made it.

A rebuild with no change (``make html`` run again, ``make serve`` after a build, a job run twice)
would read every record, take every page of the site into a fresh folder and swap it in: a sixth
of a cold build at 5,000 products, for the same site. ``ocop.site.build`` asks ``LastBuild.kept``
first, and ends at once when the last completed build of this site folder

- was made from the same inputs (``inputs_digest``): every setting Pelican was given, the day the
  statuses are worked out for, the language environment, Python's and the libraries' versions, the
  package's own code and data (``code_digest``), every file under the content, theme, products and
  vendored CMS folders (name, size, modification and change times, inode: a file edited, replaced,
  added or removed is a change), and the products folder's git state (``history_state``: HEAD, every
  branch and tag, shallow, grafts), which the history check reads; and
- left the files the site holds now: the same paths, each with the inode, size and modification
  time it had when that build completed (as git trusts its index, and as ocop.site.unchanged does
  for each page). A page edited, removed or added by hand, or a build run by plain ``pelican``
  into the folder, makes the site another one, and it is built again.

What the build left is one digest of the sorted (path, inode, size, time) of every file: the
plugin's, stamped by its memory of unchanged pages, and Pelican's own (its pages, news, feeds,
static and theme files, and what OUTPUT_RETENTION kept), named by its signals and stamped here. A
build's digest is compared with a walk of the site. A file this module was not told of makes the
two differ, so a missed kind of file only costs the skip, never a stale site.

A build with a plugin other than ours, or with a setting that cannot be written down as plain data
(a function), is never skipped: what it depends on cannot be told. The warnings the build gave are
kept with its record and given again, so a kept site says what its build said.
"""

import hashlib
import json
import logging
import os
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from pelican import signals
from pelican.log import FilteredMessage

from ..common.files import write_atomic
from ..reading.history import history_state
from ..reading.record_cache import code_digest
from .spare import spare_of
from .swap import NEW, OLD
from .unchanged import library_versions, stamp_of

FORMAT = "ocop-site-1"  # change it when what is kept, or how it is digested, changes
# The only plugin whose inputs this module knows.
OUR_PLUGINS = ("ocop.site",)
# Environment variables that change what the same settings render (dates through the locale).
LANGUAGE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_TIME", "TZ")


def inputs_digest(settings, site: Path, today: date, cache_dir: Path, extra=()) -> str | None:
    """A digest of everything the build of ``site`` with these ``settings`` on ``today`` is made
    from, or None when that cannot be told (another plugin, a setting that is not plain data, a
    folder that cannot be read, a symbolic link to a folder). ``extra``: what else the caller knows
    changes the outcome (the command line's options that are not settings)."""
    plugins = settings.get("PLUGINS")
    if plugins is None or any(not isinstance(name, str) or name not in OUR_PLUGINS for name in plugins):
        return None
    try:
        written_settings = json.dumps(settings, sort_keys=True, default=_plain)
    except (TypeError, ValueError):
        return None
    hasher = hashlib.sha256()
    for part in (FORMAT, written_settings, today.isoformat(), list(extra), list(library_versions()),
                 [(name, os.environ.get(name)) for name in LANGUAGE_VARIABLES], code_digest().hex()):
        hasher.update(repr(part).encode("utf-8", "surrogateescape") + b"\0")
    products = Path(settings.get("OCOP_PRODUCTS") or "products")
    left_out = _not_inputs(site, cache_dir)
    for folder in _input_folders(settings, products):
        files = _tree(folder, left_out)
        if files is None:
            return None
        hasher.update(repr((str(folder), files)).encode("utf-8", "surrogateescape") + b"\0")
    hasher.update(history_state(products).encode("utf-8", "surrogateescape") if products.is_dir() else b"-")
    return hasher.hexdigest()


def _plain(value):
    if isinstance(value, date):
        return f"{type(value).__name__}:{value.isoformat()}"
    if isinstance(value, Path):
        return f"path:{value}"
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise TypeError(type(value).__name__)  # a function, a class, a compiled pattern: not plain data


def _input_folders(settings, products: Path) -> list[Path]:
    """The folders the build reads files from, each once (one inside another is read with it)."""
    content = settings.get("PATH") or "."
    folders = [content, settings.get("THEME"), products, settings.get("OCOP_CMS_VENDOR"),
               *(settings.get("THEME_TEMPLATES_OVERRIDES") or ())]
    for key in ("ARTICLE_PATHS", "PAGE_PATHS", "STATIC_PATHS"):
        folders += [os.path.join(content, path) for path in settings.get(key) or ()]
    resolved = []
    for folder in folders:
        if folder:
            path = Path(folder).resolve()
            if path not in resolved:
                resolved.append(path)
    return [path for path in resolved if not any(other in path.parents for other in resolved)]


def _not_inputs(site: Path, cache_dir: Path) -> tuple[set, tuple]:
    """What a folder read as an input may hold that is no input: the site, its spare, fresh and old
    folders beside it (output.spare, output.new-…, output.old-…), the build's cache."""
    site = Path(site).resolve()
    return {str(Path(cache_dir).resolve()), str(site), str(spare_of(site))}, (str(site) + NEW, str(site) + OLD)


def _tree(folder: Path, left_out) -> list | None:
    """(path, kind, size, modification and change times, inode) of everything under ``folder``, in
    a fixed order; a missing folder is [] (the build says so itself); None when it cannot be read
    or holds a symbolic link to a folder (Pelican follows those: what is behind it is not stamped)."""
    skip_exact, skip_prefix = left_out
    files = []
    pending = [str(folder)]
    try:
        if not os.path.isdir(folder):
            return [("", "missing")]
        while pending:
            current = pending.pop()
            with os.scandir(current) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    path = entry.path
                    if path in skip_exact or path.startswith(skip_prefix):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(path)
                        continue
                    stat = entry.stat(follow_symlinks=False)
                    files.append((path, stat.st_mode, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))
                    if entry.is_symlink():
                        if entry.is_dir():
                            return None
                        files.append((os.readlink(path), stamp_of(path)))
    except OSError:
        return None
    return files


def site_digest(files: dict) -> str:
    """The digest of a site's files: {path in the site: [inode, size, mtime in ns]}."""
    lines = sorted(f"{path}\0{stamp}" for path, stamp in files.items())
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def files_in_site(site: Path) -> dict | None:
    """{path: [inode, size, mtime in ns]} of every file (and symbolic link) in ``site``; None when
    it cannot be read."""
    files = {}
    pending = [""]
    top = os.fspath(site)
    try:
        while pending:
            relative = pending.pop()
            with os.scandir(os.path.join(top, relative) if relative else top) as entries:
                for entry in entries:
                    name = f"{relative}/{entry.name}" if relative else entry.name
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(name)
                    else:
                        stat = entry.stat(follow_symlinks=False)
                        files[name] = [stat.st_ino, stat.st_size, stat.st_mtime_ns]
    except OSError:
        return None
    return files


class LastBuild:
    """The record of the last completed build of one site folder: its inputs, what it left, what it
    said. Kept in the build's cache folder, written whole or not at all."""

    def __init__(self, cache_dir: Path, site: Path):
        name = hashlib.sha256(str(Path(site).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        self.path = Path(cache_dir) / "site" / f"{name}.json"
        self.site = Path(site)

    def kept(self, inputs: str | None) -> list | None:
        """The warnings the last build gave (logger name, level, message, file, line) when the site it left
        may be kept as it is: same inputs, and the same files in the site; else None: build it."""
        if inputs is None:
            return None
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            if record.get("format") != FORMAT or record.get("inputs") != inputs:
                return None
            warnings = [(str(name), int(level), str(message), str(where), int(line))
                        for name, level, message, where, line in record["warnings"]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None  # none yet, or a damaged one: build
        files = files_in_site(self.site)
        if files is None or len(files) != record.get("files") or site_digest(files) != record.get("site"):
            return None
        return warnings

    def remember(self, inputs: str | None, files: dict, warnings: list) -> None:
        """After a completed build swapped in: what it was made from, the files it left and the
        warnings it gave. A cache folder that cannot be written only costs the next build its skip."""
        if inputs is None:
            return
        record = {"format": FORMAT, "inputs": inputs, "site": site_digest(files), "files": len(files),
                  "warnings": [list(warning) for warning in warnings]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(record, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass

class WhatPelicanWrote:
    """The files Pelican writes itself, named by its signals while it runs (``listening``), and
    stamped when it has written them all (``stamps``)."""

    def __init__(self, output: Path):
        self.output = os.fspath(output)
        self.names = set()
        self.static_folders = []

    def listening(self) -> ExitStack:
        stack = ExitStack()
        stack.enter_context(signals.content_written.connected_to(self._written))
        stack.enter_context(signals.feed_written.connected_to(self._written))
        stack.enter_context(signals.static_generator_finalized.connected_to(self._static))
        return stack

    def _written(self, path, **_values):
        self.names.add(os.path.relpath(path, self.output).replace(os.sep, "/"))

    def _static(self, generator, **_values):
        self.names.update(item.save_as.replace(os.sep, "/") for item in generator.staticfiles)
        # The theme's own files are copied folder by folder, with no signal per file.
        self.static_folders.append(generator.settings.get("THEME_STATIC_DIR") or "theme")

    def also(self, names):
        """Files put in the site by the build itself (OUTPUT_RETENTION's)."""
        self.names.update(names)

    def stamps(self) -> dict:
        for folder in self.static_folders:
            top = os.path.join(self.output, folder)
            for current, _folders, files in os.walk(top):
                relative = os.path.relpath(current, self.output).replace(os.sep, "/")
                self.names.update(f"{relative}/{name}" for name in files)
        return {name: stamp_of(os.path.join(self.output, name)) for name in self.names}


class WarningsSaid(logging.Handler):
    """Every warning and error logged while the build runs, to be given again by a build that keeps
    the site (``LastBuild.kept``)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.said = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        self.said.append((record.name, record.levelno, message, record.pathname, record.lineno))


def say_again(said: list) -> None:
    """Log each warning of ``WarningsSaid.said`` (or ``LastBuild.kept``) again, as it was first
    logged: by the same logger, from the same place."""
    for name, level, message, where, line in said:
        logger = logging.getLogger(name)
        if logger.isEnabledFor(level):
            try:
                logger.handle(logger.makeRecord(name, level, where, line, message, None, None))
            except FilteredMessage:
                pass  # Pelican's loggers drop a message said before in this process, by raising this
