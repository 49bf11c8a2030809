"""`make html` and `make publish`: a build that completes, or leaves the previous site as it was.

    python -m ocop.site.build content -o output -s pelicanconf.py [other pelican options]

It takes what ``pelican`` takes for one build, and runs Pelican in this process
on a fresh folder beside the output (``output.new-<pid>``, see ocop.site.swap).
Only when every page, photo, QR code and data file has been written is the fresh
folder swapped in for the output; a build that fails, is stopped (Ctrl-C, kill)
or finds the disk full leaves the output exactly as it was and removes its
folder (or the next build removes it, after a kill).

The old site is kept beside the output as ``output.spare``, and the next build
takes it as its fresh folder, emptied of its files: only its folders are reused
(ocop.site.spare), which spares a daily build most of its writes. Without a spare
(the deploy's fresh runner), the site's folders are made in the fresh folder while
the build reads its sources.

A rebuild with nothing changed ends at once (ocop.site.no_change): when the last completed build
of this folder was made from the same inputs and the site holds exactly the files it left, the
site is kept as it is, and the warnings that build gave are said again.

A rebuild stays fast: the plugin takes each product it does not need to render
again from the previous output by hard link (checked by SHA-256 first), so an
unchanged page costs no space and keeps its modification time for rsync.

``pelican content -o …`` still works on its own (the tests build that way): every
file the plugin writes is then written whole (a temporary file and a rename) and
checked the same way before it is kept, but the folder is updated in place.
"""

import errno
import logging
import os
import signal
import sys
from pathlib import Path

from pelican import DEFAULT_CONFIG_NAME, LOG_HANDLERS, get_config, parse_arguments, signals
from pelican import main as pelican_main
from pelican.log import console
from pelican.log import init as init_logging
from pelican.settings import read_settings

from ..common.files import link_or_copy, shown_path
from .no_change import LastBuild, WarningsSaid, WhatPelicanWrote, inputs_digest, say_again
from .build_day import BuildRefused, build_day
from .progress import build_log
from .spare import drop_empty, folder_to_build_in, keep_as_spare
from .swap import discard, output_trouble, recover, swap_in
from .template_cache import cache_folder

logger = logging.getLogger(__name__)

# Where the plugin learns the folder the site is served from: its memory of unchanged pages is
# kept for that folder, and it takes unchanged files from it.
SITE_SETTING = "OCOP_FINAL_OUTPUT"


class Stopped(BaseException):
    """SIGTERM, turned into an exception so that the fresh folder is removed on the way out (a
    BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way swallows it)."""


def main(argv=None) -> int:
    args = parse_arguments(argv)
    if args.autoreload or args.listen or args.print_settings:
        pelican_main(argv)  # not a build of a site to swap in: Pelican's own behaviour
        return 0
    init_logging(level=args.verbosity, fatal=args.fatal, name="pelican", handler=LOG_HANDLERS[args.log_handler],
                 logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level))
    config_file = args.settings
    if config_file is None and os.path.isfile(DEFAULT_CONFIG_NAME):
        config_file = DEFAULT_CONFIG_NAME
    settings = read_settings(config_file, override=get_config(args))
    # The real folder: a symlinked output is swapped where it lives, on its own file system.
    site = Path(settings["OUTPUT_PATH"]).resolve()
    try:
        recover(site)
    except OSError as exc:
        return _refuse(exc, site)
    last_build = LastBuild(cache_folder(settings), site)
    inputs = _inputs(settings, site, args)
    said_before = last_build.kept(inputs)
    if said_before is not None:
        return _keep_the_site(site, said_before)
    # Only now: what renders the site takes a tenth of a second to import, most of a kept site's time.
    from .plugin import folders_filled, site_files

    try:
        fresh, preparing = folder_to_build_in(site, Path(settings.get("OCOP_PRODUCTS") or "products"))
    except OSError as exc:
        return _refuse(exc, site)
    spare_folders = []
    pelican_wrote = WhatPelicanWrote(fresh)
    warnings = WarningsSaid()

    def ready_to_write(_generators):
        """Before Pelican writes anything (it has read every source): the fresh folder is ready (its
        folders may still be being made, ocop.site.spare)."""
        preparing.ready_to_write()
        pelican_wrote.also(_keep_retained(settings, site, fresh))

    def abandon():
        preparing.stop()
        discard(fresh)

    try:
        settings["OUTPUT_PATH"] = str(fresh)
        settings[SITE_SETTING] = str(site)
        # The fresh folder holds no file but those kept (OUTPUT_RETENTION): what Pelican's emptying of
        # the output would leave. Left to Pelican, it would delete the spare's folders (ocop.site.spare).
        settings["DELETE_OUTPUT_DIRECTORY"] = False
        cls = settings["PELICAN_CLASS"]
        if isinstance(cls, str):
            module, name = cls.rsplit(".", 1)
            cls = getattr(__import__(module, fromlist=[name]), name)
        pelican = cls(settings)
        # Pelican sends the signal once it has read everything, before its writer is made.
        logging.getLogger().addHandler(warnings)
        try:
            with console.status("Generating..."), signals.all_generators_finalized.connected_to(ready_to_write), \
                    pelican_wrote.listening():
                pelican.run()
        finally:
            logging.getLogger().removeHandler(warnings)
        spare_folders.extend(preparing.finish())
        drop_empty(spare_folders, folders_filled(settings))
        left = _files_left(site_files(settings), pelican_wrote)
        old = swap_in(fresh, site)
    except BuildRefused as exc:  # the plugin's report (records with errors, a full disk…)
        abandon()
        print(exc.code, file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Stopped):
        abandon()
        print(f"Đã dừng: thư mục {shown_path(site)} vẫn giữ nguyên trang cũ. / Stopped: {shown_path(site)} "
              "is left as it was.", file=sys.stderr)
        return 130
    except SystemExit:  # a settings file that refuses (publishconf.py without SITEURL…): it said why
        abandon()
        raise
    except OSError as exc:
        abandon()
        return _refuse(exc, site)
    except Exception as exc:  # a bug: say so in one line, with the details under -D
        abandon()
        logger.debug("Traceback", exc_info=True)
        print(f"Dựng trang thất bại ({exc.__class__.__name__}: {exc}); thư mục {shown_path(site)} vẫn giữ nguyên "
              f"trang cũ (chạy lại với -D để xem chi tiết). / Build failed ({exc.__class__.__name__}: {exc}); "
              f"{shown_path(site)} is left as it was (run again with -D for the details).", file=sys.stderr)
        return 1
    try:
        if old is not None:
            keep_as_spare(old, site)  # its folders, for the next build
        if left is not None:
            last_build.remember(inputs, left, warnings.said)
    except (KeyboardInterrupt, Stopped):
        return 130  # the new site is in place; the next build deletes what is left of the old one
    return 0


def _inputs(settings, site: Path, args) -> str | None:
    """The digest of what this build is made from (ocop.site.no_change), None when it cannot be told
    (then it is built). The options that are no settings: --fatal turns warnings into a failure."""
    try:
        today = build_day(settings)
    except SystemExit:  # a malformed OCOP_TODAY: the build says so
        return None
    return inputs_digest(settings, site, today, cache_folder(settings), extra=[("fatal", args.fatal)])


def _keep_the_site(site: Path, said_before: list) -> int:
    """Nothing changed since the last build: say again what it said, and that the site is kept."""
    say_again(said_before)
    build_log().info("Không có gì thay đổi từ lần dựng trước: giữ nguyên trang ở %s. / Nothing changed since "
                     "the last build: %s is kept as it is.", shown_path(site), shown_path(site))
    return 0


def _files_left(plugin_files: dict | None, pelican_wrote) -> dict | None:
    """{path: stamp} of every file of the fresh site: the plugin's and Pelican's own; None when the
    plugin has no record of its files (its memory could not be saved)."""
    if plugin_files is None:
        return None
    return {**plugin_files, **pelican_wrote.stamps()}


def _refuse(exc: OSError, site: Path) -> int:
    message = output_trouble(exc, site, kept=True)
    if message is None and exc.errno in (errno.EXDEV, errno.EBUSY):
        # The new folder cannot be renamed over the old: the output is a mount point (a Docker volume…).
        message = (f"Không thay được thư mục {shown_path(site)} bằng bản mới: có lẽ nó là điểm gắn ổ đĩa; hãy dựng "
                   f"vào một thư mục con của nó (OUTPUT=…); trang cũ vẫn giữ nguyên. / Cannot put the new site in "
                   f"place of {shown_path(site)}: it is probably a mount point; build into a folder inside it "
                   f"(OUTPUT=…); the previous site is left as it was.")
    if message is None:
        where = exc.filename or site
        message = (f"Không dựng được trang vào thư mục {shown_path(site)} ({shown_path(where)}: {exc.strerror}); "
                   f"trang cũ vẫn giữ nguyên. / Cannot build the site into {shown_path(site)} "
                   f"({shown_path(where)}: {exc.strerror}); the previous site is left as it was.")
    print(message, file=sys.stderr)
    return 1


def _keep_retained(settings, site: Path, fresh: Path) -> list[str]:
    """OUTPUT_RETENTION: what Pelican keeps when it empties the output (a .git, a CNAME) goes on
    into the new site. Returns the paths of the files kept, from the site's top."""
    kept = []
    for name in settings.get("OUTPUT_RETENTION") or ():
        source = site / name
        if source.is_dir():
            for folder, _dirs, files in os.walk(source):
                target = fresh / Path(folder).relative_to(site)
                target.mkdir(parents=True, exist_ok=True)
                for file in files:
                    link_or_copy(Path(folder) / file, target / file)
                    kept.append((target / file).relative_to(fresh).as_posix())
        elif source.is_file():
            link_or_copy(source, fresh / name)
            kept.append(Path(name).as_posix())
    return kept


def _stop(signum, frame):
    raise Stopped()


def exit_without_teardown(status: int):
    """End the process without Python's teardown. Every file is written and closed and the QR
    encoder's workers have ended when main() returns; what is left is freeing the build's objects (the
    records, their facts, the memory of some 40,000 files at 5,000 products), which took 0.4-0.5 s,
    a tenth of a rebuild with no change. The system frees them at once."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe (make html | head): nothing more can be said there
    os._exit(status)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    exit_without_teardown(main())
