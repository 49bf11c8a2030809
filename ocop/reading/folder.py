"""What lies in a products folder: which names are records, which are the dataset's other files,
and which entries are not regular files (never read).

Its own module because both the loader (``dataset``) and the history reader (``history``) need
these names, and the loader uses the history reader: keeping them here keeps imports one way.
"""

import os
import re
import stat
from pathlib import Path

from .problems import shown

UNITS_FILE_NAME = "units.yaml"
DATASET_FILE_NAME = "dataset.yaml"
MEDIA_DIR_NAME = "media"
# The dataset's own pages and news (Markdown, as in the repository's content/), built with the
# generic pages: see README, "A dataset of your own".
CONTENT_DIR_NAME = "content"
RECORD_NAME = re.compile(r"^(?P<id>.+)\.(?P<ext>yaml|yml|YAML|YML)$")
# Files that may sit beside the records without being records.
KNOWN_OTHER_FILES = {UNITS_FILE_NAME, DATASET_FILE_NAME, "schema.json", "README.md", "LICENSE"}
# Folders that may sit beside the records; any other folder is reported (SP009).
# admin/: the admin form's configuration (config.yml, written by `ocop cms-config`).
KNOWN_DIRS = {MEDIA_DIR_NAME, CONTENT_DIR_NAME, "admin"}


def special_file(path: Path, mode: int, folder: Path) -> tuple[str, str] | None:
    """What ``path`` is when it is not a regular file, in (Vietnamese, English) words for SP018; None
    for a regular file. ``mode`` comes from ``lstat`` (or ``fstat`` of the opened file): nothing is opened.

    Every symbolic link is refused, wherever it leads. In a pull request git shows a link as the one
    line of its target, not the record, and the build would publish whatever the target is on the
    machine that builds (a secret, /dev/zero); a link inside the folder only doubles another record.
    Following links safely would mean resolving every step against the folder on each open, for no
    record that needs it. The words say where it leads, so the reviewer sees what was attempted."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return _link_words(Path(path), Path(folder))
    if stat.S_ISFIFO(mode):
        return "một ống dẫn có tên (FIFO)", "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "một thiết bị (device)", "a device"
    if stat.S_ISSOCK(mode):
        return "một socket", "a socket"
    if stat.S_ISDIR(mode):
        return "một thư mục", "a folder"
    return "một tệp đặc biệt", "a special file"


def _link_words(path: Path, folder: Path) -> tuple[str, str]:
    try:
        target = shown(os.readlink(path))
        # realpath only resolves names (it opens nothing): where the chain of links ends.
        real_folder = os.path.realpath(folder)
        inside = os.path.commonpath([real_folder, os.path.realpath(path)]) == real_folder
    except (OSError, ValueError):  # ValueError: another drive on Windows
        return "một liên kết tượng trưng (symlink)", "a symbolic link"
    if inside:
        return (f"một liên kết tượng trưng (symlink) tới '{target}', trong thư mục hồ sơ",
                f"a symbolic link to '{target}', inside the records folder")
    return (f"một liên kết tượng trưng (symlink) tới '{target}', ngoài thư mục hồ sơ",
            f"a symbolic link to '{target}', outside the records folder")
