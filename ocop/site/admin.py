"""The admin page, ``admin/``: the officers' form (Decap CMS) that edits the records through git.

What the build writes there:
- ``index.html``: not linked from any public page, ``noindex``, with a Content-Security-Policy that
  lets it talk to this site, the configured git host and the local backend (decap-server, which
  Decap uses only on localhost) and to nothing else; every script with its integrity hash;
- ``config.yml``: the form, generated from the record format (``ocop.outputs.cms_config``). The
  committed copy in the products folder (``admin/config.yml``) is what reviewers read; the build
  warns when it is stale (``ocop cms-config`` writes it anew);
- ``ids.json``: the id prefix, width and the highest number ever used (folder, ``aliases:``, git
  history), from which the form proposes a new record's id as ``ocop new`` would;
- ``ocop-cms.js`` (the theme's ``admin/``): the id widget, NFC on save, records only in the list;
- Decap CMS itself, from ``vendor/decap-cms`` (scripts/vendor_npm.py: the npm package at the
  version and hash pinned in package.json). Without it (no npm on this machine) there is no admin
  page, and the build says so in one line.
"""

import base64
import hashlib
import json
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..outputs.cms_config import CONFIG_DIR_NAME, CONFIG_FILE_NAME, LOCAL_BACKEND_URL, cms_config_text
from ..reading.history import folder_in_repository, ids_in_git_history
from ..reading.history_memo import HistoryMemo
from ..reading.new_record import id_style, ids_in_folder, split_id
from ..reading.schema import PRODUCT_ID_PATTERN

logger = logging.getLogger(__name__)

ADMIN = "admin"  # in the site
SCRIPT_SOURCE = "admin/ocop-cms.js"  # in the theme, outside static/: published under admin/ only
CMS_SCRIPT = "decap-cms.js"
# Where each git host's API answers, when dataset.yaml does not say (api_root).
DEFAULT_API = {"github": "https://api.github.com", "gitlab": "https://gitlab.com", "gitea": None, "forgejo": None}


def write_admin(generator, vendor_folder: Path):
    """Write admin/ for a ProductGenerator (ocop.site.plugin)."""
    vendor_folder = Path(vendor_folder)
    cms_files = sorted(p for p in vendor_folder.glob("*") if p.is_file() and not p.name.startswith("."))
    if not (vendor_folder / CMS_SCRIPT).is_file():
        logger.warning("Không có trang quản trị admin/: chưa tải Decap CMS (cần npm; chạy `make html` trên máy có npm). / "
                       "No admin/ page: Decap CMS is not fetched (needs npm; run `make html` on a machine with npm).")
        return
    dataset, publisher = generator.dataset, generator.publisher
    folder_path = folder_in_repository(dataset.folder)
    config = cms_config_text(dataset.units, publisher, folder_path if folder_path is not None else dataset.folder.name)
    committed = dataset.folder / CONFIG_DIR_NAME / CONFIG_FILE_NAME
    if _read(committed) != config:
        logger.warning("%s chưa có hoặc đã cũ: chạy `ocop cms-config` rồi commit tệp (trang admin/ dùng bản mới). / "
                       "%s is missing or stale: run `ocop cms-config` and commit it (admin/ uses the new one).",
                       committed, committed)
    for path in cms_files:
        generator._write_bytes(f"{ADMIN}/{path.name}", path.read_bytes())
    script = (Path(generator.theme) / SCRIPT_SOURCE).read_bytes()
    generator._write_bytes(f"{ADMIN}/ocop-cms.js", script)
    generator._write_bytes(f"{ADMIN}/{CONFIG_FILE_NAME}", config.encode("utf-8"))
    ids = id_settings(dataset, generator.cache_dir)
    generator._write_bytes(f"{ADMIN}/ids.json", json.dumps(ids, sort_keys=True).encode("utf-8"))
    generator._render(f"{ADMIN}/index.html", generator.get_template("admin"), public=False, page_lang="vi",
                      content_security_policy=content_security_policy(publisher.cms),
                      cms_integrity=integrity((vendor_folder / CMS_SCRIPT).read_bytes()),
                      ocop_integrity=integrity(script))


def id_settings(dataset, cache_dir=None) -> dict:
    """What the form needs to propose the next id: the same prefix, width and never-reused numbers
    as ``ocop new`` (``new_record.next_free_id``); the form adds the records it sees in the backend.
    ``cache_dir``: where the build keeps what it read of the history (only newer commits are read)."""
    prefix, width = id_style(dataset)
    memo = HistoryMemo(cache_dir, dataset.folder, "everywhere") if cache_dir else None
    history, _complete = ids_in_git_history(dataset.folder, memo=memo)
    numbers = [int(number) for p, number in filter(None, map(split_id, ids_in_folder(dataset) | set(history)))
               if p == prefix]
    return {"prefix": prefix, "width": width, "highest": max(numbers, default=0),
            "record_name": PRODUCT_ID_PATTERN.removesuffix("$") + r"\.(yaml|yml)$"}


def content_security_policy(cms) -> str:
    """Scripts from this site only; requests to this site, the git host and the local backend only.
    'unsafe-eval': Decap checks its configuration with ajv, which compiles the check with Function();
    it runs only scripts of this site, so eval can only run what they build."""
    hosts = {_origin(LOCAL_BACKEND_URL)}
    if cms:
        for url in (cms.get("api_root") or DEFAULT_API.get(cms["backend"]), cms.get("base_url")):
            if url:
                hosts.add(_origin(url))
    hosts.discard(None)
    connect = " ".join(["'self'", "blob:", "data:", *sorted(hosts)])
    return (f"default-src 'none'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob: {' '.join(sorted(hosts))}; connect-src {connect}; font-src 'self' data:; "
            f"worker-src 'self' blob:; base-uri 'self'; form-action 'none'")


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


# A host name and port, nothing else: a '*' or a quote in dataset.yaml must not widen the policy.
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$")


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not _HOST.match(parts.netloc.lower()):
        logger.warning("dataset.yaml, cms: '%s' không phải địa chỉ máy chủ; trang admin/ không được gọi tới đó. / "
                       "'%s' is not a server address; admin/ may not connect to it.", url, url)
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _read(path: Path):
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
