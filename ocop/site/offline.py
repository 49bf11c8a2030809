"""The offline worker: ``sw.js`` at the root of the site, and the page it shows for a page that was
never saved on the phone (``offline.html``).

The worker must be served from the root so that its scope covers every page. Its source is the
theme's ``worker/sw.js`` (outside the static folder, so that Pelican does not publish the unfilled
copy too); the build fills in what it needs to know (the build's version, which names its
cache, the shell to keep, the cap on saved pages), so a new build is a new worker that the browser
installs at the next visit with a signal. The version is a hash of the shell's files and the status
date: the same input gives the same bytes, and a browser only reinstalls when something changed.
"""

import hashlib
import json
import logging
from datetime import date
from pathlib import Path

logger = logging.getLogger(__name__)

WORKER_SOURCE = "worker/sw.js"  # in the theme, beside templates/ and static/
WORKER_OUTPUT = "sw.js"  # at the site root: a worker only controls the pages below its own folder
OFFLINE_PAGE = "offline.html"
BUILD_PLACEHOLDER = '"__OCOP_BUILD__"'  # a JSON string in the source: the unfilled copy is still valid JavaScript
# Saved pages outlive builds (a new build must not empty the phone's offline copies), so their cache
# is named by the format of what the worker stores, not by the build.
PAGES_CACHE = "ocop-pages-v1"
SEARCH_CACHE = "ocop-search-v1"
IMAGES_CACHE = "ocop-images-v1"
SHELL_CACHE_PREFIX = "ocop-shell-"
DEFAULT_MAX_PAGES = 200  # product pages, lists and QR doors kept for use offline; the oldest go first
# Pages kept with the shell (and refreshed with each build) rather than with the visited pages.
SHELL_PAGES = ("", "en/", "404.html", OFFLINE_PAGE)


def shell_assets(static_folders, static_dir: str) -> dict:
    """The theme's files as the site serves them: {path from the site root: bytes}, sorted, the
    worker's own source left out (it is served from the root, filled)."""
    assets = {}
    for folder in static_folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            relative = path.relative_to(folder).as_posix()
            assets[f"{static_dir}/{relative}"] = path.read_bytes()
    return dict(sorted(assets.items()))


def build_version(status_date: date, source: str, assets: dict) -> str:
    """Names this build's shell cache: the status date (readable in the browser's tools) and a hash
    of everything the shell holds, so that a changed stylesheet or script is a new worker."""
    digest = hashlib.sha256(source.encode("utf-8"))
    for path, data in assets.items():
        digest.update(f"\0{path}\0{len(data)}\0".encode("utf-8"))
        digest.update(data)
    return f"{status_date.isoformat()}-{digest.hexdigest()[:12]}"


def worker_config(status_date: date, source: str, assets: dict, max_pages: int = DEFAULT_MAX_PAGES) -> dict:
    version = build_version(status_date, source, assets)
    return {
        "version": version,
        "statusDate": status_date.isoformat(),
        "shellCache": SHELL_CACHE_PREFIX + version,
        "pagesCache": PAGES_CACHE,
        "searchCache": SEARCH_CACHE,
        "imagesCache": IMAGES_CACHE,
        "assets": list(assets),
        "pages": list(SHELL_PAGES),
        "maxPages": max_pages,
    }


def worker_script(source: str, config: dict) -> str:
    """The worker's source with this build's facts in place of its placeholder."""
    if source.count(BUILD_PLACEHOLDER) != 1:
        raise ValueError(f"{WORKER_SOURCE} must hold {BUILD_PLACEHOLDER} exactly once")
    return source.replace(BUILD_PLACEHOLDER, json.dumps(config, ensure_ascii=False, sort_keys=True))


def write_offline_files(generator):
    """Write sw.js and offline.html for a ProductGenerator (ocop.site.plugin), through its own writer:
    whole files, unchanged ones left as they are."""
    settings = generator.settings
    theme = Path(generator.theme)
    static_folders = [theme / folder for folder in settings.get("THEME_STATIC_PATHS", ["static"])]
    source_path = theme / WORKER_SOURCE
    if not source_path.is_file():
        logger.info("Giao diện không có %s: trang không dùng được khi mất mạng. / The theme has no %s: "
                    "no offline use.", WORKER_SOURCE, WORKER_SOURCE)
        return
    source = source_path.read_text(encoding="utf-8")
    assets = shell_assets(static_folders, settings.get("THEME_STATIC_DIR", "theme"))
    max_pages = int(settings.get("OCOP_OFFLINE_MAX_PAGES") or DEFAULT_MAX_PAGES)
    config = worker_config(generator.today, source, assets, max_pages)
    try:
        script = worker_script(source, config)
    except ValueError as exc:
        logger.warning("Không tạo được sw.js (%s): trang không dùng được khi mất mạng. / Cannot write sw.js "
                       "(%s): no offline use.", exc, exc)
        return
    generator._write_bytes(WORKER_OUTPUT, script.encode("utf-8"))
    # Served in place of any page that was not saved, at that page's address: the worker gives it the
    # root as its <base>, so its links are written as from the root (relative or absolute, as others).
    generator._render(OFFLINE_PAGE, generator.get_template("offline"), public=False, page_lang="vi",
                      pages_cache=PAGES_CACHE)
