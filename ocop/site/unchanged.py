"""Skip the products whose pages would come out the same as last time.

A rebuild with no change should not re-render thousands of pages. For each
product we keep a fingerprint of what its files are made from — its record,
its photos, and everything the whole build shares (the day, the settings the
pages print, the menu, the templates and the plugin's own code) — beside the
QR cache. A product is skipped only when its fingerprint is unchanged and its
files are still in the output folder; anything else rebuilds it.
"""

import hashlib
import json
from pathlib import Path

from ..common.files import write_atomic

# Settings a product page prints or depends on; a change of any rebuilds every page. The site's name,
# its publisher and the sample banner come from dataset.yaml: the publisher is part of the fingerprint.
PAGE_SETTINGS = ("SITENAME", "SITEURL", "OCOP_QR_BASE", "RELATIVE_URLS", "THEME_STATIC_DIR", "DEFAULT_LANG",
                 "TRANSLATION_FEED_ATOM", "FEED_DOMAIN")


def _digest(*parts) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def build_fingerprint(settings, today, menus, theme_dir: Path, publisher=None) -> str:
    """What every page shares: the day, the settings, the dataset's publisher (dataset.yaml: name,
    office, report contact, logo, sample), the menu, the templates, this package's code."""
    code_dir = Path(__file__).resolve().parent.parent  # the ocop package: views, words, rules…
    sources = sorted(code_dir.rglob("*.py")) + sorted(code_dir.rglob("data/*")) + sorted(
        Path(theme_dir).rglob("*.html"))
    return _digest(today, [(k, settings.get(k)) for k in PAGE_SETTINGS], repr(publisher),
                   json.dumps(menus, sort_keys=True),
                   *((str(p), p.read_bytes()) for p in sources if p.is_file()))


class UnchangedPages:
    def __init__(self, cache_dir: Path, output_dir: Path, build: str):
        name = _digest(Path(output_dir).resolve())[:16]  # one memory per output folder
        self.path = Path(cache_dir) / "pages" / f"{name}.json"
        self.build = build
        self.before = {}
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored.get("build") == build:
                self.before = stored.get("products", {})
        except (OSError, ValueError):
            pass  # no memory yet, or a damaged one: build everything
        self.now = {}

    @staticmethod
    def fingerprint(product, media_dir: Path) -> str:
        photos = []
        for image in product.images:
            try:
                stat = (Path(media_dir) / image.file).stat()
                photos.append((image.file, stat.st_size, stat.st_mtime_ns))
            except OSError:
                photos.append((image.file, None, None))
        return _digest(Path(product.source).read_bytes(), photos)

    def unchanged(self, product_id: str, fingerprint: str, files) -> bool:
        self.now[product_id] = fingerprint
        return self.before.get(product_id) == fingerprint and all(Path(f).is_file() for f in files)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"build": self.build, "products": dict(sorted(self.now.items()))}
        write_atomic(self.path, json.dumps(data, indent=0).encode("utf-8"))
