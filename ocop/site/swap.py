"""A new site in place of the old one in one step, or not at all.

The build writes into a fresh folder beside the site folder (``output.new-<pid>``,
on the same file system, so a rename moves it), and only a build that completed
is swapped in:

- on Linux (renameat2 with RENAME_EXCHANGE, kernel 3.15+) the two folders trade
  names in one system call: at every instant ``output`` is the whole old site or
  the whole new one;
- elsewhere (macOS, Windows, a file system without the exchange) the old folder is
  renamed to ``output.old-<pid>`` and the new one to ``output``: two renames, a
  few microseconds apart, in which ``output`` does not exist (a web server answers
  404 for that instant). A build stopped exactly there is mended by the next one,
  which puts the old folder back (``recover``).

The old site is then deleted. Whatever a stopped build leaves (its fresh folder, an
old folder not yet deleted) is removed by the next build once the process that
made it is gone.
"""

import ctypes
import errno
import os
import shutil
import sys
from pathlib import Path

from ..common.files import shown_path

NEW = ".new-"
OLD = ".old-"

# What a full, read-only or forbidden folder looks like: the officer can act on these, so they get a
# message (errno.EDQUOT, a full quota, where the platform has it; EPERM, e.g. a file made immutable).
_OUTPUT_TROUBLE = {
    errno.ENOSPC: ("ổ đĩa đã đầy", "the disk is full"),
    errno.EROFS: ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
    errno.EACCES: ("không có quyền ghi", "permission denied"),
    errno.EPERM: ("không có quyền ghi", "permission denied"),
}
if hasattr(errno, "EDQUOT"):
    _OUTPUT_TROUBLE[errno.EDQUOT] = ("đã hết hạn mức dung lượng", "the disk quota is used up")


def output_trouble(exc: BaseException, folder, kept: bool) -> str | None:
    """The one-line bilingual message for a folder the build cannot write to (full, read-only,
    forbidden), or None for any other error. ``kept``: the previous site is still whole (the build
    wrote into a fresh folder); else the folder was written in place and is partly updated."""
    words = _OUTPUT_TROUBLE.get(getattr(exc, "errno", None)) if isinstance(exc, OSError) else None
    if words is None:
        return None
    shown = shown_path(folder)
    if kept:
        return (f"Không dựng được trang vào thư mục {shown}: {words[0]}; trang cũ vẫn giữ nguyên. / "
                f"Cannot build the site into {shown}: {words[1]}; the previous site is left as it was.")
    return (f"Không ghi được vào thư mục {shown}: {words[0]}; trang mới chỉ cập nhật một phần (mỗi tệp đã ghi "
            f"đều trọn vẹn), hãy dựng lại bằng make html. / Cannot write to {shown}: {words[1]}; the site is "
            f"partly updated (every file written is whole): build again with make html.")


def fresh_folder(site: Path) -> Path:
    """An empty folder beside ``site`` for this process's build."""
    fresh = site.with_name(f"{site.name}{NEW}{os.getpid()}")
    discard(fresh)  # a folder of a stopped build that had this process id
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh.mkdir()
    return fresh


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers, from a stopped build that had the same process id
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its folders alone
    return True


def leftovers(site: Path):
    """(path, kind, pid) of every ``<site>.new-<pid>`` / ``<site>.old-<pid>`` beside the site."""
    try:
        entries = list(os.scandir(site.parent))
    except FileNotFoundError:
        return []
    found = []
    for entry in entries:
        for kind in (NEW, OLD):
            prefix = site.name + kind
            if entry.name.startswith(prefix) and entry.name[len(prefix):].isdigit():
                found.append((Path(entry.path), kind, int(entry.name[len(prefix):])))
    return found


def recover(site: Path) -> None:
    """Mend what a stopped build left: put the old site back if it was stopped between the two
    renames of a swap (the site folder is missing, its old folder is there), and delete the fresh
    and old folders of builds that are no longer running."""
    stale = [(path, kind) for path, kind, pid in leftovers(site) if not _alive(pid)]
    if not site.exists():
        olds = sorted((p for p, kind in stale if kind == OLD), key=lambda p: p.stat().st_mtime_ns)
        if olds:
            os.rename(olds[-1], site)
            stale = [(p, kind) for p, kind in stale if p != olds[-1]]
    for path, _kind in stale:
        discard(path)


def swap_in(fresh: Path, site: Path) -> Path | None:
    """Make ``fresh`` the site folder (see the module's note); returns where the old site now is,
    for the caller to delete (None when there was none)."""
    if not site.exists():
        os.rename(fresh, site)
        return None
    if _exchange(fresh, site):
        return fresh  # the old site, under the fresh folder's name
    old = site.with_name(f"{site.name}{OLD}{os.getpid()}")
    discard(old)
    os.rename(site, old)
    try:
        os.rename(fresh, site)
    except BaseException:
        os.rename(old, site)  # put the old site back rather than leave no site at all
        raise
    return old


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths' names in one step (Linux renameat2); False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False  # a C library without it (glibc < 2.28)
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # the kernel or this file system cannot exchange: two renames instead
    raise OSError(code, os.strerror(code), str(first), None, str(second))
