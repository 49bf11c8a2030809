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
folders: a symbolic link in it is deleted, and a spare that is itself a link is
replaced by the next old site; neither is followed.

Where there is no spare (the first build on a disk, or the deploy, whose runner gets
yesterday's site from the cache but not its spare), the fresh folder is given the
site's folders instead, empty: the new site will want nearly all of them. The same
rules hold: no link followed, no dotted folder made, and the folders left empty are
removed before the swap. A first build, with no site at all, is given the folders its
product pages will have, by the names of the record files (``p/<ID>/``, ``en/p/<ID>/``,
``P/<ID>/``: three of a product's five folders).

The files are deleted while the build reads its records and content (``Preparing``);
nothing is written into the folder before that is done. Folders are made the same way,
but the build does not wait for them: it writes as soon as it has read everything,
making any folder it finds missing, while the child goes on with the others (each
side takes a folder the other made as its own). On a slow disk, 25,000 folders take
longer than reading 5,000 records.
"""

import os
import re
import shutil
import stat
import sys
from pathlib import Path

from ..common.parallel import Forked
from ..reading.folder import RECORD_NAME
from ..reading.schema import PRODUCT_ID_PATTERN
from .swap import discard, fresh_folder

SPARE = ".spare"


def spare_of(site: Path) -> Path:
    return site.with_name(site.name + SPARE)


def folder_to_build_in(site: Path, records: Path | None = None) -> tuple[Path, "Preparing"]:
    """A folder beside ``site`` for this build: the spare when there is one, whose files are being
    deleted (``Preparing.ready_to_write`` waits for that, before anything is written), else a new
    one being given the site's folders, or with no site yet the folders of the product pages of the
    ``records`` folder's files (made beside the writing; ``Preparing.finish`` waits for them)."""
    fresh = fresh_folder(site)
    spare = spare_of(site)
    try:
        if stat.S_ISDIR(os.lstat(spare).st_mode):  # else not a folder of ours: left alone
            os.rename(spare, fresh)  # over the empty folder (POSIX); another build may have taken it
            return fresh, Preparing(fresh)
    except OSError:
        pass
    try:
        site_is_a_folder = stat.S_ISDIR(os.lstat(site).st_mode)
    except OSError:
        site_is_a_folder = False  # the first build: nothing to take the folders from
    if site_is_a_folder:
        return fresh, Preparing(fresh, like=site)
    return fresh, Preparing(fresh, records=records)


class Preparing:
    """The fresh folder being made ready while the build reads its sources: the spare's files deleted
    or, given ``like``, the site's folders made in it, or given ``records`` (a first build), the
    folders of its product pages. Where the system can fork (Linux), a child
    process does it, beside the build rather than before it: some 40,000 unlink or 25,000 mkdir calls
    at 5,000 products, which a thread would do no faster (it waits for the interpreter's lock after
    each call while the build computes). Without a child, a spare is emptied here, before the build;
    folders are not made ahead (the build makes them as it goes, at the same cost)."""

    def __init__(self, root: Path | None, like: Path | None = None, records: Path | None = None):
        self.root, self._child, self._folders = root, None, []
        if root is None:
            return
        # The task is looked up when the child runs it (the tests put their own in its place).
        if like is not None:
            prepare = lambda: _none_on_failure(_make_folders, like, root)  # noqa: E731
        elif records is not None:
            prepare = lambda: _none_on_failure(_make_product_folders, records, root)  # noqa: E731
        else:
            prepare = lambda: _none_on_failure(_delete_files, root)  # noqa: E731
        making = self.making = like is not None or records is not None
        if sys.platform.startswith("linux"):
            try:
                self._child = Forked(prepare)  # sends back the folders there, or None when it failed
                return
            except OSError:  # no process to spare (EAGAIN, ENOMEM)
                pass
        self._folders = [] if making else prepare()  # a spare emptied here, before the build

    def ready_to_write(self) -> None:
        """Wait until the build may write into the folder: the spare's files are gone (folders being
        made need no wait: they are made beside the writing)."""
        if not self.making:
            self.finish()

    def finish(self) -> list[str]:
        """Wait until the folder is ready: the spare holds no file, or the site's folders are made; the
        folders there, each after the folder it is in (for ``drop_empty``). A spare that could not be
        emptied is emptied whole (OSError if even that fails: the build cannot write there); folders
        that could not all be made ahead are all given back, as they are now."""
        if self._child is not None:
            self._folders = self._child.result()
            self._child = None
        if self._folders is None and self.making:
            self._folders = _folders_in(self.root)  # which of them the child made is not known: all
        elif self._folders is None:
            with os.scandir(self.root) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        shutil.rmtree(entry.path)
                    else:
                        os.unlink(entry.path)
            self._folders = []
        return self._folders

    def stop(self) -> None:
        """The build is abandoned: end the child's work now (the folder is discarded after)."""
        if self._child is not None:
            self._child.stop()
            self._child = None


def _none_on_failure(task, *args) -> list[str] | None:
    """``task(*args)``, or None when the system refuses it: a file it cannot delete (finish() then
    empties the folder whole, or says why not), a full disk, a folder the site's owner may not read,
    an unreadable records folder, a case-insensitive disk where p/ is P/ (the build then makes its
    own folders)."""
    try:
        return task(*args)
    except OSError:
        return None


# Where a product's own pages go (ocop.site.views.product_path, and the door of its printed QR code).
PRODUCT_FOLDERS = ("p", "en/p", "P")
_PRODUCT_ID = re.compile(PRODUCT_ID_PATTERN)  # a file named otherwise is refused by the build: no folder


def _make_product_folders(records: Path, root: Path) -> list[str]:
    """Make in ``root`` the folders of the product pages that the record files' names promise, for a
    first build, which has no site to take its folders from; the folders made, each after the folder
    it is in. A record without a page (a candidate) leaves its folders empty, and the build removes
    them (drop_empty)."""
    with os.scandir(records) as entries:
        ids = sorted({match["id"] for entry in entries if (match := RECORD_NAME.match(entry.name))
                      and _PRODUCT_ID.match(match["id"]) and entry.is_file(follow_symlinks=False)})
    root = os.fspath(root)
    folders = [root]
    for name in ("p", "en", "en/p", "P"):
        folders.append(os.path.join(root, name))
        if not _made(folders[-1]):
            raise NotADirectoryError(folders[-1])
    for name in PRODUCT_FOLDERS:
        base = os.path.join(root, name)
        for record_id in ids:
            if _made(os.path.join(base, record_id)):
                folders.append(os.path.join(base, record_id))
    return folders


def _make_folders(site: Path, root: Path) -> list[str]:
    """Make in ``root`` every folder of ``site`` (none whose name has a dot, no link followed); the
    folders of ``root``, each after the folder it is in."""
    folders = [os.fspath(root)]
    pending = [(os.fspath(site), folders[0])]
    while pending:
        source, target = pending.pop()
        with os.scandir(source) as entries:
            for entry in entries:
                if "." not in entry.name and entry.is_dir(follow_symlinks=False):
                    made = os.path.join(target, entry.name)
                    if _made(made):
                        folders.append(made)
                        pending.append((entry.path, made))
    return folders


def _made(folder: str) -> bool:
    """Make ``folder``; True when it is a folder now, made here or by the build meanwhile (the build
    writes while folders are being made), False when the build put a file there."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    return True


def _folders_in(root: Path) -> list[str]:
    """Every folder under ``root`` (none followed through a link), each after the folder it is in."""
    folders, pending = [], [os.fspath(root)]
    while pending:
        folder = pending.pop()
        folders.append(folder)
        with os.scandir(folder) as entries:
            pending.extend(entry.path for entry in entries if entry.is_dir(follow_symlinks=False))
    return folders


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


def drop_empty(folders: list[str], filled=frozenset()) -> None:
    """Remove those of the spare's folders that this build left empty, the deepest first (the first
    one is the fresh folder itself, the new site). ``filled``: folders the build knows it put a file
    in, left without trying (a rebuild of 5,000 products that changes none fills some 25,000
    folders: one failed ``rmdir`` each cost 0.17 s)."""
    for folder in reversed(folders[1:]):
        if folder in filled:
            continue
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
