"""The Pelican plugin: thin wiring from the core to pages and files.

``register()`` adds one generator. It loads the records once, refuses to
build when any has an error (printing the full bilingual report), and writes
product pages, catalogue lists, QR codes, photos and open data. QR codes and
photos are cached by content hash outside the output folder, so a rebuild
with no change re-encodes nothing.

Every file it writes is written whole (a temporary file, then a rename: a
stopped build or a full disk never leaves half a page), and a product or a list
page it skips as unchanged is checked against the SHA-256 of what it wrote last
time (ocop.site.unchanged). Under ``python -m ocop.site.build`` (make html, make
publish) the build goes into a fresh folder, and unchanged files are taken from
the site folder by hard link (setting OCOP_FINAL_OUTPUT, see ocop.site.build).
"""

import hashlib
import logging
import os
import sys
from collections import defaultdict
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from ..common.files import link_or_copy, write_atomic, write_new
from ..common.text import plural
from ..outputs import exports
from ..outputs.photos import PhotoCache, photo_stems
from ..outputs.qr import QrCache, qr_version
from ..outputs.qr_payload import LOCAL_QR_BASE, qr_payload
from ..reading.dataset import DatasetError, history_note, load_dataset, read_publisher
from ..reading.publisher import NO_PUBLISHER
from ..rules.facts import published_facts
from .build_day import BuildRefused, build_day
from .catalogue import CARD_PHOTO_WIDTH, write_catalogue
from .collector import COLLECTOR
from .admin import write_admin
from .folder_pages import write_folder_pages
from .local_address import local_address_warning
from .offline import write_offline_files
from .progress import BuildTally, Progress, build_log
from .promotion import Promotion, write_promotion_pages
from .publisher_view import (
    fill_tokens,
    logo_output_path,
    publisher_view,
    token_values,
)
from .swap import output_trouble
from .template_cache import cache_folder, keep_compiled_templates
from .unchanged import UnchangedPages, build_fingerprint, day_facts, page_inputs, stamp_of
from .views import LANGS, product_path, product_view
from .words import WORDS

logger = logging.getLogger(__name__)

PHOTO_WIDTHS = (CARD_PHOTO_WIDTH, 320, 640, 1024)  # the smallest for the lists' cards only
LOCAL_SITE_URL = LOCAL_QR_BASE.lower()  # links and QR codes of a local build without SITEURL
LARGEST_SMALL_VERSION = 3  # above this a printed code must grow: say so in the build log
LISTS_OWNER = "*lists*"  # the owner, in the memory, of the lists' and open data's files (never an id)


# The memory of unchanged pages of each running build (keyed by its settings, which Pelican shares
# with every generator), saved by ``_remember`` when Pelican has written everything: a build that
# fails or is stopped half-way must not vouch for the pages it left.
_PENDING_MEMORY = {}
# The folders each running build put a file in (keyed the same way): ``ocop.site.build`` leaves them
# when it removes the folders of the spare that this build left empty, without trying each of them.
_FILLED_FOLDERS = {}
# The files of each completed build under ocop.site.build ({path in the site: stamp}), for the record
# of what it left (ocop.site.no_change): those of the memory and those no product or list owns.
_SITE_FILES = {}


def folders_filled(settings) -> set[str]:
    """The folders (paths as ``os.path.join`` makes them from OUTPUT_PATH) into which the last build
    with these settings put a file of its own or one taken from the site; empty when none ran."""
    return _FILLED_FOLDERS.pop(id(settings), set())


def site_files(settings) -> dict | None:
    """{path: [inode, size, mtime in ns]} of every file the plugin wrote or kept in the last completed
    build with these settings; None when none completed (or its memory could not be saved)."""
    return _SITE_FILES.pop(id(settings), None)


def public_site_url(settings) -> str:
    """The absolute address printed in QR codes, feeds and share tags."""
    return (settings.get("SITEURL") or LOCAL_SITE_URL).rstrip("/")


class ProductGenerator(Generator):
    """Makes every page and file that comes from ``products/``."""

    def generate_context(self):
        settings = self.settings
        _PENDING_MEMORY.pop(id(settings), None)  # that of an earlier run of `pelican -r` that failed
        self.today = build_day(settings)
        COLLECTOR.start()
        products_dir = Path(settings.get("OCOP_PRODUCTS") or "products")
        self.cache_dir = cache_folder(settings)
        try:
            # Each record's day-free reading is kept beside the QR codes: the next build reads only
            # the checks of its day for a record whose text has not changed (ocop.reading.record_cache).
            self.dataset = load_dataset(products_dir, self.today, cache_dir=self.cache_dir)
        except DatasetError as exc:
            raise BuildRefused(f"{exc.message_vi}. / {exc.message_en}.") from None
        note = history_note(self.dataset)
        if note:
            logger.warning(note)
        if self.dataset.errors:
            for problem in self.dataset.problems:
                print(problem.text() + "\n", file=sys.stderr)
            count = len(self.dataset.errors)
            raise BuildRefused(
                f"Không dựng trang: {count} lỗi trong hồ sơ (xem ở trên); không sản phẩm nào bị bỏ sót "
                f"lặng lẽ. / Build refused: {plural(count, 'error')} in the records (see above); "
                f"no product is ever silently left out.")
        # Warnings do not stop the build; the folder-wide ones (e.g. SP305, the history could not be
        # read in full) are said here, the many per-record ones are counted (ocop validate lists them).
        folder_wide = [p for p in self.dataset.warnings if p.line is None]
        for problem in folder_wide:
            logger.warning(problem.text())
        if len(self.dataset.warnings) > len(folder_wide):
            logger.info("%d cảnh báo trong hồ sơ (xem: ocop validate). / %s in the records (see: ocop validate).",
                        len(self.dataset.warnings) - len(folder_wide),
                        plural(len(self.dataset.warnings) - len(folder_wide), "warning"))
        self.facts = published_facts(self.dataset)
        COLLECTOR.loaded()
        # Before any product page is written: each links to its producer's page and to where to buy.
        self.promotion = Promotion(self.facts)
        self.context["ocop_promotion_links"] = self.promotion.links
        self.site_url = public_site_url(settings)
        self.qr_cache = QrCache(self.cache_dir)
        self.photo_cache = PhotoCache(self.cache_dir)
        self.context["ocop_products"] = self.facts
        self.context["ocop_status_date"] = self.today
        self.publisher = self.dataset.publisher
        name_the_site(self.settings, self.publisher)  # a change since the start of a `pelican -r` run
        name_the_site(self.context, self.publisher)
        self.context["ocop_publisher"] = {lang: publisher_view(self.publisher, lang) for lang in LANGS}
        self._fill_content_tokens()

    def _fill_content_tokens(self):
        """Put the dataset's words in place of ``{locality}``, ``{office}``, ``{site_name}`` in every
        page and news item read by Pelican (translations and drafts included), in its own language."""
        values = {lang: token_values(self.publisher, lang) for lang in LANGS}
        for content in self.context.get("generated_content", {}).values():
            if content is None or getattr(content, "_ocop_filled", False):
                continue
            words = values.get(getattr(content, "lang", "vi"), values["vi"])
            if getattr(content, "_content", None):
                content._content = fill_tokens(content._content, words)
            if getattr(content, "_summary", None):
                content._summary = fill_tokens(content._summary, words)
            content._ocop_filled = True

    # -- output ----------------------------------------------------------------

    def generate_output(self, writer):
        self.relative = self.settings.get("RELATIVE_URLS", False)
        self.pages_written = []  # the public pages, for the sitemap
        self.menus = {lang: _menu(self.context.get("pages", []), lang) for lang in LANGS}
        read_dicts_directly(self.env)
        product_template = self.get_template("product")
        self.output = Path(self.output_path)
        # The folder the site is served from. Under ocop.site.build this build writes into a fresh
        # folder beside it, and takes what has not changed from it; else both are the output folder.
        self.site_folder = Path(self.settings.get("OCOP_FINAL_OUTPUT") or self.output)
        self.previous = self.site_folder if self.site_folder.resolve() != self.output.resolve() else None
        self.owner = None  # the product whose files are being written, for the memory
        self.owned = defaultdict(dict)  # product id → {path in the site: SHA-256}
        self.loose = set()  # the files no product or list owns (doors of the site, admin, logo…)
        self.folders_made = {}  # folder → whether this build made it (then it held nothing before)
        self.filled = _FILLED_FOLDERS.setdefault(id(self.settings), set())  # where it linked a file: folders_filled
        self.filled.clear()  # that of an earlier run of `pelican -r`
        self.tally = BuildTally()  # what this build wrote and kept, for the summary line
        self.shared_digests = {}  # id → (value, digest): what many list pages share (_render's shared)
        self.frame = page_frame({part: self.get_template(f"site_{part}") for part in ("header", "footer")},
                                _menu_targets(self.menus, self.context.get("pages", [])))
        try:
            self.upper_case_doors = _case_sensitive(self.output)
        except OSError as exc:
            self._refuse_output(exc)
        self.memory = memory = UnchangedPages(self.cache_dir, self.site_folder, build_fingerprint(
            self.settings, self.menus, Path(self.theme) / "templates", self.publisher,
            dataset_folder=self.dataset.folder, extra=[("upper_case_doors", self.upper_case_doors),
                   ("producer_slugs", self.promotion.moved_slugs())]))
        self.unchanged = set()
        fingerprints = {}  # product id → (fingerprint, the day its pages came out so)
        self.every_fingerprint = []  # of each product in turn, kept or not: what the lists are made from
        self.fingerprint_of = {}  # product id → the same
        warning = local_address_warning(self.site_url, self.settings.get("SITEURL"), self.settings.get("OCOP_QR_BASE"))
        if warning:
            build_log().warning(warning)  # once per build (also each rebuild of pelican -r), not per product
        # The codes not yet cached are drawn in other processes while this one renders the pages.
        with self.qr_cache.start_fill(self._qr_payload(facts) for facts in self.facts) as self.qr_codes:
            self._write_products(memory, fingerprints, product_template)
        self._write_doors()
        self._write_logo()
        self._write_lists()
        write_offline_files(self)
        write_folder_pages(self)
        write_admin(self, self.settings.get("OCOP_CMS_VENDOR") or "vendor/decap-cms")
        self._write_not_found()
        self._write_sitemap()
        for product_id, (fingerprint, since) in fingerprints.items():
            memory.written(product_id, fingerprint, self.owned[product_id], since)
        # Saved by _remember once Pelican has written its own pages and copied the theme's files.
        _PENDING_MEMORY[id(self.settings)] = memory, self.output, self.loose
        build_log().info(self.tally.summary(len(self.facts)))

    def _write_products(self, memory, fingerprints, product_template):
        """Each product's pages, photos and QR code, unless it is unchanged since the last build."""
        for facts in Progress(len(self.facts), build_log(), sys.stderr).over(self.facts):
            self.tally.photos += len(facts.product.images)
            pages = [product_path(facts.id, lang) + "index.html" for lang in LANGS]
            fingerprint = memory.fingerprint(facts.product, self.dataset.folder / "media",
                                             day_facts(facts, self.promotion.links.get(facts.id)),
                                             self.dataset.digests.get(facts.product.source))
            self.every_fingerprint.append(fingerprint)
            self.fingerprint_of[facts.id] = fingerprint
            kept = memory.unchanged(facts.id, fingerprint, self.previous or self.output)
            if kept is not None:
                # Same record, photos, status, settings, units and code, and each file as it was written.
                self.unchanged.add(facts.id)
                self.tally.kept(kept)
                self.pages_written += pages
                if self.previous:
                    self._take_from_site(kept)
                continue
            since = memory.page_day(facts.id, fingerprint, self.today)
            fingerprints[facts.id] = fingerprint, since
            self.owner = facts.id
            images = self._write_photos(facts)
            qr_url = self._write_qr(facts)
            for lang in LANGS:
                view = product_view(facts, lang, self.site_url, [self._image_view(i, lang) for i in images],
                                    qr_base=f"p/{facts.id}/", qr_url=qr_url)
                self._render(product_path(facts.id, lang) + "index.html", product_template, product=view,
                             page_lang=lang, t=WORDS[lang], public_url=self.site_url, ocop_status_date=since)
            self.owner = None

    def _write_lists(self):
        """The catalogue's lists and finder index, the producers' and points of sale's pages and the
        open data. A rebuild on the same day from the same products (each fingerprint the same) and
        news makes them all as they are: then they are only checked (inode, size, time, else SHA-256)
        and taken, not worked out again."""
        inputs = page_inputs(self.today, self.every_fingerprint, [f.id for f in self.facts], self.site_url,
                             [[(a.url, a.title, a.date.isoformat()) for a in self._articles(lang)] for lang in LANGS])
        kept = self.memory.lists_kept(inputs, self.previous or self.output) if inputs else None
        if kept is not None:
            files, public = kept
            self.tally.kept(files)
            self.pages_written += public
            if self.previous:
                self._take_from_site(files)
            return
        first_public = len(self.pages_written)
        self.owner = LISTS_OWNER
        self._write_catalogue()
        write_promotion_pages(self)
        self._write_open_data()
        self.owner = None
        files = self.owned.pop(LISTS_OWNER, {})
        if inputs:
            self.memory.lists_written(inputs, files, self.pages_written[first_public:])

    def _take_from_site(self, files):
        """Put a skipped product's files (checked by SHA-256) from the site folder into the fresh one."""
        output, previous = os.fspath(self.output), os.fspath(self.previous)
        self.filled.update(os.path.join(output, folder) if folder else output
                           for folder in {name.rpartition("/")[0] for name in files})
        for name in files:
            # Strings: pathlib's parsing cost more than the link.
            source, target = os.path.join(previous, name), os.path.join(output, name)
            try:
                os.link(source, target)  # the usual case: its folder there (the spare's), its name free
            except OSError:  # no folder yet, the name taken, or no hard links here: each handled below
                try:
                    self._folder_for(target)
                    link_or_copy(source, target)
                except OSError as exc:
                    self._refuse_output(exc)

    def _folder_for(self, path: Path) -> bool:
        """Make the file's folder (one mkdir per folder, not one per file); True when this build made
        it, so that nothing can be in it yet."""
        folder = os.path.dirname(path)
        made = self.folders_made.get(folder)
        if made is None:
            try:
                os.mkdir(folder)
                made = True
            except FileExistsError:
                made = False
            except FileNotFoundError:
                self._folder_for(folder)  # its own folder first, remembered as made too
                os.makedirs(folder, exist_ok=True)
                made = True
            self.folders_made[folder] = made
            self.filled.add(folder)  # a file is put in it next
        return made

    def _refuse_output(self, exc: OSError):
        """A full, read-only or forbidden output folder: one line that says so, not a traceback."""
        message = output_trouble(exc, self.site_folder, kept=self.previous is not None)
        if message is None:
            raise exc
        raise BuildRefused(message) from None

    def _render(self, name, template, public=True, relative=None, shared=None, made_from=None, later=None,
                **values):
        """Render a page and write it only when it changed (the bytes are the same for the same input
        and day, so rsync and caches see nothing new). Pelican's writer does the same work with
        more overhead per file; a site of 5,000 products writes some 20,000.

        ``shared``, for a list page: the names of the values many pages share (the words, the facets),
        digested once. Such a page is remembered by what it is rendered from, and is not rendered
        again while that and its file stay the same; it prints the day it came out so. Or
        ``made_from``: what its values are worked out from (the fingerprints of the products it
        shows), in place of the values; ``later()`` then gives the rest of them, only when the page
        is rendered."""
        relative = self.relative if relative is None else relative
        inputs = None
        if shared is not None or made_from is not None:
            shared = shared or ()
            inputs = page_inputs(template.name, name, relative, made_from,
                                 [self._shared_digest(values[key]) for key in shared],
                                 {key: value for key, value in values.items() if key not in shared})
        if inputs is not None:
            if self._kept_page(name, inputs):
                if public:
                    self.pages_written.append(name)
                return
            values["ocop_status_date"] = self.memory.list_day(name, inputs, self.today)
        if later is not None:
            values.update(later())
        context = dict(self.context)
        context.update(values)
        context["output_file"] = name
        context.setdefault("ocop_menu", self.menus[values.get("page_lang", "vi")])
        context["ocop_frame"] = self.frame
        if relative:
            context["SITEURL"] = context["localsiteurl"] = path_to_url(get_relative_path(name))
        data = template.render(context).encode("utf-8")
        self._write_bytes(name, data)
        if inputs is not None:
            self.memory.page_written(name, inputs, hashlib.sha256(data).hexdigest(), values["ocop_status_date"])
        if public:
            self.pages_written.append(name)

    def _kept_page(self, name: str, inputs: str) -> bool:
        """Take the page ``name`` as it is when the last build made it from these ``inputs`` and its
        file still has those bytes (ocop.site.unchanged): True when it need not be made again."""
        digest = self.memory.page_kept(name, inputs, self.previous or self.output)
        if digest is None:
            return False
        if self.owner is not None:
            self.owned[self.owner][name] = digest
        self.tally.file(name, changed=False)
        if self.previous:
            self._take_from_site([name])
        return True

    def _shared_digest(self, value) -> str | None:
        """The digest of a value many pages share, worked out once (kept with the value, so that its
        id is not taken by another object while the build runs)."""
        known = self.shared_digests.get(id(value))
        if known is None or known[0] is not value:
            known = self.shared_digests[id(value)] = (value, page_inputs(value))
        return known[1]

    def _write_doors(self):
        """Pages that only lead to a product page: ``P/<ID>/`` (the path printed in QR codes, upper
        case, for case-sensitive static hosts) and every old id of ``aliases:``, in both languages."""
        template = self.get_template("redirect")
        upper_case_doors = self.upper_case_doors
        if not upper_case_doors:
            logger.warning("Thư mục %s không phân biệt chữ hoa/thường: không tạo được lối P/<MÃ>/ của mã QR; "
                           "hãy dựng trang trên máy Linux (như CI). / %s is case-insensitive: the P/<ID>/ paths "
                           "of QR codes cannot be written; build on a case-sensitive file system (as CI does).",
                           self.output_path, self.output_path)
        for facts in self.facts:
            if facts.id in self.unchanged:
                continue
            pages = []  # (file to write, the product page it leads to)
            for old in [facts.id] + list(facts.product.aliases):
                if upper_case_doors:
                    # P/<ID>.html too: GitHub Pages, Netlify and nginx's try_files $uri.html answer the
                    # printed /P/<ID> from it at once, without a first redirect to /P/<ID>/.
                    pages += [(f"P/{old}/index.html", product_path(facts.id, "vi")),
                              (f"P/{old}.html", product_path(facts.id, "vi"))]
                if old != facts.id:
                    pages += [(product_path(old, lang) + "index.html", product_path(facts.id, lang))
                              for lang in LANGS]
            self.owner = facts.id
            for name, target in pages:
                self._render(name, template, public=False, relative=False, target_id=facts.id,
                             canonical=f"{self.site_url}/{target}",
                             relative_target="../" * name.count("/") + target)
            self.owner = None

    def _write_logo(self):
        """The dataset's logo (dataset.yaml ``logo:``), checked by the loader, beside the pages."""
        target = logo_output_path(self.publisher)
        if target:
            self._write_bytes(target, (self.dataset.folder / self.publisher.logo).read_bytes())

    def _write_bytes(self, relative_path: str, data: bytes):
        """Write one file of the site, whole or not at all (a temporary file, then a rename), and
        remember its SHA-256 for the product being written."""
        if self.owner is not None:
            self.owned[self.owner][relative_path] = hashlib.sha256(data).hexdigest()
        else:
            self.loose.add(relative_path)
        path = os.path.join(self.output, relative_path)
        try:
            new_folder = self._folder_for(path)
            if self.previous is not None:
                # A fresh folder holds nothing of the old site (ocop.site.spare): only the site is compared.
                in_site = os.path.join(self.previous, relative_path)
                if _holds(in_site, data):
                    link_or_copy(in_site, path)  # the same: the site's file, its mtime
                    self.tally.file(relative_path, changed=False)
                    return
                write_new(path, data)  # into the fresh folder, which no one reads before the swap
            elif not new_folder and _holds(path, data):
                self.tally.file(relative_path, changed=False)
                return  # unchanged: keep the file (and its mtime) for rsync and caches
            else:
                write_atomic(path, data)  # in place (bare pelican): never half a page for a reader
            self.tally.file(relative_path, changed=True)
        except OSError as exc:
            self._refuse_output(exc)

    def _qr_payload(self, facts) -> str:
        try:
            return qr_payload(self.settings.get("SITEURL") or LOCAL_SITE_URL, facts.id,
                              self.settings.get("OCOP_QR_BASE"))
        except ValueError as exc:
            raise BuildRefused(f"Không tạo được mã QR cho {facts.id}: kiểm tra SITEURL / OCOP_QR_BASE. / "
                               f"Cannot make the QR code of {facts.id}: {exc}") from None

    def _write_qr(self, facts) -> str:
        """Write the product's QR code; returns what it holds: ``QR_BASE/P/<ID>``, upper case, the
        shortest form QR's alphanumeric mode carries (the door P/<ID>/ leads to the page)."""
        payload = self._qr_payload(facts)
        version = qr_version(payload)
        if version > LARGEST_SMALL_VERSION:
            logger.warning("Mã QR của %s là phiên bản %d (lớn hơn %d): nhãn in phải to hơn. / The QR code of %s "
                           "is version %d (above %d): printed labels must be larger.", facts.id, version,
                           LARGEST_SMALL_VERSION, facts.id, version, LARGEST_SMALL_VERSION)
        svg, png = self.qr_codes.get(payload)
        self._write_bytes(f"p/{facts.id}/qr.svg", svg)
        self._write_bytes(f"p/{facts.id}/qr.png", png)
        return payload

    def _write_photos(self, facts):
        written = []
        media = self.dataset.folder / "media"
        images = facts.product.images
        # Two photos whose names fold alike ("Hộp chè.jpg", "hop-che.png") get distinct output names.
        for image, stem in zip(images, photo_stems([image.file for image in images])):
            variants = self.photo_cache.variants(media / image.file, PHOTO_WIDTHS, stem=stem, media_dir=media)
            for variant in variants:
                self._write_bytes(f"p/{facts.id}/{variant.name}", variant.read_bytes())
            written.append((image, variants, facts.id))
        return written

    @staticmethod
    def _image_view(written, lang):
        image, variants, product_id = written
        base = f"p/{product_id}/"
        variants = [v for v in variants if v.width != CARD_PHOTO_WIDTH] or variants  # the cards' own size
        webp = [v for v in variants if v.format == "webp"]
        jpeg = [v for v in variants if v.format == "jpeg"]
        fallback = jpeg[min(1, len(jpeg) - 1)]
        alt = image.alt.get(lang) if image.alt else ""
        return {
            "webp_srcset": ", ".join(f"{base}{v.name} {v.width}w" for v in webp),
            "jpeg_srcset": ", ".join(f"{base}{v.name} {v.width}w" for v in jpeg),
            "fallback_path": base + fallback.name, "width": fallback.width, "height": fallback.height,
            "alt": alt, "alt_lang": "vi" if lang == "en" and image.alt and not image.alt.en else None,
        }

    # -- catalogue ---------------------------------------------------------------

    def _write_catalogue(self):
        write_catalogue(self)  # the lists in pages, their index pages and the finder's index

    def _articles(self, lang):
        articles = []
        for article in self.context.get("articles", []):
            if article.lang == lang:
                articles.append(article)
            else:
                articles.extend(t for t in article.translations if t.lang == lang)
        return sorted(articles, key=lambda a: a.date, reverse=True)[:5]

    def _write_not_found(self):
        self._render("404.html", self.get_template("404"), public=False, relative=False, page_lang="vi",
                     t=WORDS["vi"], t_en=WORDS["en"])

    def _write_sitemap(self):
        """Every public page: ours as written, Pelican's pages and news with their translations."""
        content = [item for kind in ("pages", "articles") for page in self.context.get(kind, [])
                   for item in [page, *page.translations]]
        paths = [name.removesuffix("index.html") for name in self.pages_written]
        paths += [item.url for item in content] + [self.settings.get("INDEX_SAVE_AS", "").removesuffix("index.html")]
        paths = sorted(set(paths))
        # Some 20,000 addresses at 5,000 products: made again only when one of them changed.
        inputs = page_inputs("sitemap.xml", self.site_url, paths)
        if inputs is not None and self._kept_page("sitemap.xml", inputs):
            return
        data = exports.sitemap_xml((f"{self.site_url}/{path}", None) for path in paths).encode("utf-8")
        self._write_bytes("sitemap.xml", data)
        if inputs is not None:
            self.memory.page_written("sitemap.xml", inputs, hashlib.sha256(data).hexdigest(), self.today)

    # -- open data ---------------------------------------------------------------

    def _write_open_data(self):
        site = self.site_url
        name = self.publisher.site_name("vi")
        # The feed tells shops and apps what they may now sell as OCOP: a revoked or
        # expired certificate is not news of a certified product.
        certified = [f for f in self.facts if f.status.may_carry_mark]
        files = {
            "data/products.json": exports.products_json(self.facts, self.today, site, self.publisher),
            "data/products.csv": exports.products_csv(self.facts, self.today, site),
            "feeds/san-pham-moi.atom.xml": exports.certified_atom(certified, site, name, self.today, "vi"),
            "en/feeds/new-products.atom.xml": exports.certified_atom(
                certified, site, self.publisher.site_name("en"), self.today, "en"),
            "data/status.json": exports.status_json(self.facts, self.today, site),
            "data/revocations.xml": exports.changes_atom(self.facts, site, name, self.today, "vi"),
        }
        for path, text in files.items():
            self._write_bytes(path, text.encode("utf-8"))


def _holds(path, data: bytes) -> bool:
    """The file is there with exactly these bytes (its size is compared first, without reading it)."""
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as file:
            return file.read() == data
    except OSError:
        return False


def _case_sensitive(folder: Path) -> bool:
    """On a case-insensitive disk (macOS, Windows) P/<ID>/ would overwrite p/<ID>/: the
    product page would become a door to itself."""
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / ".ocop-Case-Probe"
    probe.write_text("", encoding="utf-8")
    try:
        return not (folder / ".ocop-case-probe").exists()
    finally:
        probe.unlink()


_DICT_ATTRIBUTES = frozenset(dir(dict))  # items, keys, get…: names a template reads as methods


def read_dicts_directly(environment):
    """Let this generator's templates read a key of a plain dict (every view is one) at once. Jinja's
    ``p.name`` tries the attribute first, and for a dict that raises and catches AttributeError each
    time: some three million times in a build of 5,000 products. The result is the same: a dict's own
    method names still come first, anything else goes to Jinja as before."""
    standard = type(environment).getattr

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return standard(environment, obj, attribute)

    environment.getattr = getattr_


def page_frame(templates, menu_targets):
    """``ocop_frame(part)`` for base.html: the page's header or footer (site_header.html,
    site_footer.html), rendered once for each language, address of the site's root (relative URLs
    differ by depth) and menu, instead of once per page. The header marks the current menu entry:
    a page that is one of ``menu_targets`` gets a header of its own."""
    rendered = {}

    @pass_context
    def frame(context, part):
        output_file = context.get("output_file")
        key = (part, context.get("lang"), context.get("SITEURL"), id(context.get("ocop_menu")),
               output_file if output_file in menu_targets else None)
        if key not in rendered:
            rendered[key] = Markup(templates[part].render(context.get_all()))
        return rendered[key]

    return frame


def _menu_targets(menus, pages) -> set:
    """Every page the header's menu links to, as an output file: on it, the entry is marked current."""
    targets = {f"{prefix}{folder}/index.html" for prefix in ("", "en/") for folder in ("nha-san-xuat", "noi-ban")}
    targets |= {entry["save_as"] for menu in menus.values() for entry in menu}
    targets |= {item.save_as for page in pages for item in [page, *page.translations]}
    return targets


def _menu(pages, lang):
    """The menu's links in one language, worked out once per build instead of once per page."""
    menu = []
    for page in pages:
        chosen = next((t for t in page.translations if t.lang == lang), page)
        menu.append({"url": chosen.url, "title": chosen.title, "save_as": chosen.save_as})
    return menu


def name_the_site(settings, publisher):
    """SITENAME from the dataset: Pelican's own feeds and the doors read it (our pages read the
    publisher's view, in their own language)."""
    settings["SITENAME"] = publisher.site_name("vi")


def name_the_site_at_start(pelican):
    """At initialisation, before Pelican reads any content: only dataset.yaml is read here; its
    problems are reported by the build itself (ProductGenerator), with every other problem."""
    folder = Path(pelican.settings.get("OCOP_PRODUCTS") or "products")
    name_the_site(pelican.settings, read_publisher(folder, []) if folder.is_dir() else NO_PUBLISHER)


def get_generators(pelican):
    return ProductGenerator


def _remember(pelican):
    """When Pelican has written everything: the build completed, its memory may vouch for its pages."""
    COLLECTOR.end()
    pending = _PENDING_MEMORY.pop(id(pelican.settings), None)
    if pending is None:
        return
    memory, output, loose = pending
    try:
        memory.save(output)
        if pelican.settings.get("OCOP_FINAL_OUTPUT"):  # under ocop.site.build, which asks for them
            files = memory.stamps()
            files.update((name, stamp_of(os.path.join(output, name))) for name in loose)
            _SITE_FILES[id(pelican.settings)] = files
    except OSError as exc:
        # The site is whole; without a new memory the next build only renders every product again.
        logger.warning("Không lưu được bộ nhớ trang không đổi (%s): lần dựng sau sẽ dựng lại mọi sản phẩm. / "
                       "Cannot save the memory of unchanged pages (%s): the next build renders every product "
                       "again.", exc.strerror, exc.strerror)


def register():
    signals.initialized.connect(name_the_site_at_start)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(keep_compiled_templates)
    signals.finalized.connect(_remember)
