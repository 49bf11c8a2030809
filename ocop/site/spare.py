"""The last site's folders, kept beside the site to build the next one in.

A build writes into a fresh folder and swaps it in (ocop.site.swap). A fresh folder
made empty must get every folder of the site again (some 25,000 at 5,000 products),
and the old site must be deleted folder by folder after the swap: on a daily build
that changes a few pages, making and deleting folders was most of the work.

So the old site is kept after the swap as ``<site>.spare``, and the next build takes
it as its fresh folder: first every file in it is deleted, and only its folders are
kept. Nothing of the old site's pages can reach the new site that way, and no file of
the new site is ever written through a name the old one had (Pelican opens its files
with ``open(name, "w")``, which would write into a file shared with the live site by
a hard link). Before the swap, the folders that got no file in this build are
removed: the new site is the one a build into an empty folder would have made.

A folder whose name has a dot (``sitemap.xml/``) is deleted whole rather than kept:
the build may want that name for a file. The spare is never trusted beyond its
folders: a symbolic link in it, or a spare that is itself a link, is removed, never
followed.
"""

import os
import shutil
import stat
from pathlib import Path

from .swap import discard, fresh_folder

SPARE = ".spare"


def spare_of(site: Path) -> Path:
    return site.with_name(site.name + SPARE)


def folder_to_build_in(site: Path) -> tuple[Path, list[str]]:
    """A folder beside ``site`` with no file in it, for this build: the spare, emptied of its files,
    when there is one; else a new empty folder. Also the spare's folders, for ``drop_empty``."""
    fresh = fresh_folder(site)
    spare = spare_of(site)
    try:
        if not stat.S_ISDIR(os.lstat(spare).st_mode):
            return fresh, []  # not a folder of ours: left alone, the build makes its own
        os.rename(spare, fresh)  # over the empty folder (POSIX); another build may have taken it
    except OSError:
        return fresh, []
    try:
        return fresh, _delete_files(fresh)
    except OSError:  # a file it cannot delete: the spare is given up, an empty folder made instead
        discard(fresh)
        return fresh_folder(site), []


def _delete_files(root: Path) -> list[str]:
    """Delete every file, link and dotted folder under ``root``; the folders kept, each after the
    folder it is in."""
    folders = []
    pending = [os.fspath(root)]
    while pending:
        folder = pending.pop()
        folders.append(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.path)
                elif "." in entry.name:
                    shutil.rmtree(entry.path)
                else:
                    pending.append(entry.path)
    return folders


def drop_empty(folders: list[str]) -> None:
    """Remove those of the spare's folders that this build left empty, the deepest first (the first
    one is the fresh folder itself, the new site)."""
    for folder in reversed(folders[1:]):
        try:
            os.rmdir(folder)
        except OSError:
            pass  # it holds what this build wrote


def keep_as_spare(old: Path, site: Path) -> None:
    """After the swap: the old site becomes the spare for the next build (in place of any spare a
    stopped build left)."""
    spare = spare_of(site)
    try:
        if os.path.islink(spare):
            os.unlink(spare)  # put there by hand: never followed
        discard(spare)
        os.rename(old, spare)
    except OSError:
        discard(old)
