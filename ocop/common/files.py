"""Writing files so that a reader never sees half of one."""

import errno
import hashlib
import itertools
import os
import stat
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # what a stopped writer may leave behind: never a name the build publishes


# A temporary name of this process: its id and a counter. O_EXCL refuses one that is there already
# (left by a stopped run that had the same id, or a link put in its place), and the next is tried.
_TEMP_NUMBERS = itertools.count()
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_atomic(path: Path, data: bytes) -> None:
    """A temporary file in the same folder, then ``os.replace``: a reader (or a build running in
    parallel) sees the whole file or none of it, even if the disk fills up or the command is stopped.
    The file gets the mode ``open()`` would give it (0666 less the umask: a published page must be
    readable by the web server, and rsync -a carries the mode to the server). A site writes tens of
    thousands of files: one open, one write and one rename each, no more."""
    path = os.fspath(path)  # plain strings: pathlib's parsing costs more than the write of a page
    folder, name = os.path.split(path)
    suffix = os.path.splitext(name)[1]
    while True:
        tmp = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{next(_TEMP_NUMBERS)}{suffix}")
        try:
            fd = os.open(tmp, _CREATE_FLAGS, 0o666)
            break
        except FileExistsError:
            continue
    with _removed_on_failure(tmp):
        _write_and_close(fd, data)
        os.replace(tmp, path)


def write_new(path, data: bytes) -> None:
    """Write a file into a folder that nobody reads before it is whole: the build's fresh folder,
    which is put in place of the site only once the build completed, and deleted otherwise. So no
    temporary name and no rename: three system calls (open, write, close) where ``write_atomic``
    makes four, for each of the tens of thousands of files of a site. Half a file left by a full disk
    or a stop goes with the folder. O_EXCL refuses a name already taken, a link too: a page written
    twice is replaced by ``write_atomic``."""
    try:
        fd = os.open(path, _CREATE_FLAGS, 0o666)
    except FileExistsError:
        write_atomic(path, data)
        return
    _write_and_close(fd, data)


def _write_and_close(fd: int, data: bytes) -> None:
    """os.write, not a file object: that would add an fstat to the open, the write and the close."""
    try:
        view = memoryview(data)
        while view:  # a regular file takes it all in one call, unless a signal or a full disk stops it
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


@contextmanager
def _removed_on_failure(tmp):
    """Whatever stops the block (an error, a full disk, Ctrl-C), the temporary file goes with it."""
    try:
        yield
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def link_or_copy(source: Path, target: Path) -> None:
    """Put ``source``'s file at ``target``, replacing whatever is there in one step: a hard link where
    the file system allows it (no space, no time, the same modification time for rsync), else a copy
    written with ``write_atomic``. Either way ``source`` is never written to, so a file shared by two
    folders stays as it was in the other one."""
    try:  # paths as given (str or Path): a daily build links tens of thousands of files
        os.link(source, target)  # the usual case, into a fresh folder: nothing there yet
        return
    except FileExistsError:
        pass
    except OSError as exc:
        if _out_of_room(exc):
            raise
        _copy(Path(source), Path(target))
        return
    source, target = Path(source), Path(target)
    tmp = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}")
    try:
        os.link(source, tmp)
    except FileExistsError:  # left by a stopped run of this same process id: take its place
        os.unlink(tmp)
        os.link(source, tmp)
    except OSError as exc:
        if _out_of_room(exc):
            raise
        _copy(source, target)
        return
    with _removed_on_failure(tmp):
        os.replace(tmp, target)


def _copy(source: Path, target: Path) -> None:
    """No hard links here (FAT, some network shares, another file system): a copy, with the mtime."""
    write_atomic(target, source.read_bytes())
    stat = source.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _out_of_room(exc: OSError) -> bool:
    """A full or read-only disk, where a copy would fail the same way (and take longer to)."""
    return exc.errno in {errno.ENOSPC, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)}


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, hex; None when it cannot be read (missing, a folder…)."""
    try:
        with open(path, "rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None


def shown_path(path) -> str:
    """A path as officers read it in every message: relative when possible, forward slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def shown_path_in(shown_folder: str, name: str) -> str:
    """``shown_path(folder / name)``, given ``shown_path(folder)``, for an entry ``name`` of the folder
    (no separator, not '.' or '..'): the same text, without making the path relative once per file
    of a folder of thousands (the joining is lexical either way)."""
    return name if shown_folder == "." else f"{shown_folder.rstrip('/')}/{name}"


# O_NOFOLLOW: a symlink put in place after the lstat is refused, not followed. O_NONBLOCK: a FIFO put
# in place is opened without waiting for a writer (which would hang), then refused by the fstat.
SAFE_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                   | getattr(os, "O_BINARY", 0))


# What a read asks for past the size fstat gave: a file that grew is read in steps of this size.
_READ_STEP = 64 * 1024


class NotARegularFile(Exception):
    """What stands where a regular file was expected: ``mode`` is its ``st_mode`` (a link, a FIFO…)."""

    def __init__(self, mode: int):
        super().__init__(f"not a regular file (mode {mode:o})")
        self.mode = mode


class FileOverLimit(Exception):
    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


def read_regular_file(path, limit: int, refuse_over: bool = False) -> tuple[bytes, int]:
    """``(at most limit + 1 bytes of path, its size)``, for files that come from a pull request. Never
    follows a link, never opens a FIFO or a device, never waits: lstat first, then an open that follows
    nothing, then fstat of what was opened (the entry may have been swapped in between). The byte
    beyond the limit tells a file over it, or one that grew since the fstat.

    Raises NotARegularFile, FileOverLimit (``refuse_over``: the size is over the limit, nothing is read)
    or OSError."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(info.st_mode)
    try:
        fd = os.open(path, SAFE_READ_FLAGS)
    except OSError:
        info = os.lstat(path)  # changed since the lstat (ELOOP: a link now): say what it is now
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(info.st_mode) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(info.st_mode)
        if refuse_over and info.st_size > limit:
            raise FileOverLimit(info.st_size)
        data = _read_to_end(fd, limit + 1, info.st_size)
    finally:
        os.close(fd)
    return data, max(info.st_size, len(data))


def _read_to_end(fd: int, most: int, size: int) -> bytes:
    """The bytes of ``fd`` up to its end, ``most`` at most. The first read asks for the ``size`` fstat
    gave and one byte more (a buffer of ``most`` bytes for each 3 KB record cost more than reading
    it); a file that grew since is read on, in small steps, up to ``most``."""
    chunks, read = [], 0
    wanted = min(size + 1, most)
    while read < most:
        chunk = os.read(fd, wanted)
        if not chunk:
            break
        chunks.append(chunk)
        read += len(chunk)
        wanted = min(most - read, _READ_STEP)
    return b"".join(chunks)
