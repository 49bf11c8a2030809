"""Pelican settings for a local build (`make html`, `make serve`).

publishconf.py imports everything here and changes only what a public
deployment needs. The Makefile passes its variables through the environment
(OCOP_PRODUCTS, OCOP_CONTENT, OCOP_SITEURL, OCOP_TODAY) because `pelican -e`
takes JSON values and a second -e drops the first.

Nothing here says who publishes the site: its name, the office, its contact for
reports of fake labels, the logo and the sample banner come from the dataset's
dataset.yaml (the ocop.site plugin sets SITENAME from it when Pelican starts).
"""

import os
import sys
# Empty means a local build. The absolute address is still needed by whatever
# must outlive the build (QR codes, feeds), which read this setting.
SITEURL = os.environ.get("OCOP_SITEURL", "").rstrip("/")
# Links relative to each page, so the local output works under `make serve`
# and from any folder or URL prefix; publishconf.py makes them absolute.
RELATIVE_URLS = True

PATH = "content"
THEME = "theme"
DEFAULT_LANG = "vi"
TIMEZONE = "Asia/Ho_Chi_Minh"
# Day/month/year is how dates are read in Vietnam; ISO for English readers
# avoids a month name that would follow the build machine's locale.
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
DATE_FORMATS = {"vi": "%d/%m/%Y", "en": "%Y-%m-%d"}

# Set explicitly: when PLUGINS is unset Pelican loads every installed plugin,
# so a build would depend on what happens to be in the environment.
PLUGINS = ["ocop.site"]
# QR codes and resized photos, cached by content hash between builds; outside
# output/ so that a clean publish build still finds them.
OCOP_CACHE_DIR = os.environ.get("OCOP_CACHE_DIR", ".cache/ocop")

# What QR codes hold: QR_BASE/P/<ID> in upper case (the compact alphanumeric
# mode keeps printed codes small). None: SITEURL's scheme and host. Set it when
# the site lives under a path (e.g. GitHub project pages) or behind a short domain;
# once codes are printed it must never change.
OCOP_QR_BASE = os.environ.get("OCOP_QR_BASE") or None
# Where the product records are, relative to the repository root.
OCOP_PRODUCTS = os.environ.get("OCOP_PRODUCTS", "products")
# The dataset's own pages and news (content/pages/, content/news/ in Markdown, e.g. its plans and
# news), built beside the generic pages of content/ (PATH): OCOP_CONTENT (make html CONTENT=dir),
# else the dataset's own content/ folder when it has one, else none.
OCOP_CONTENT = os.environ.get("OCOP_CONTENT") or None
if OCOP_CONTENT and not os.path.isdir(OCOP_CONTENT):
    sys.exit(f"pelicanconf.py: không thấy thư mục nội dung '{OCOP_CONTENT}' / content folder not found (CONTENT=…).")
_DATASET_CONTENT = OCOP_CONTENT or os.path.join(OCOP_PRODUCTS, "content")
_DATASET_CONTENT = os.path.abspath(_DATASET_CONTENT) if os.path.isdir(_DATASET_CONTENT) else None
# The day on which certificate status (valid, expiring, expired) is computed;
# None means the day of the build. Set for reproducible builds and tests.
OCOP_TODAY = os.environ.get("OCOP_TODAY") or None
# Decap CMS for the admin page (admin/), fetched by scripts/vendor_npm.py at the version package.json pins.
OCOP_CMS_VENDOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vendor", "decap-cms")

# --- URLs ------------------------------------------------------------------
# Folder-style URLs with an index.html: they survive a change of host or
# generator, and printed links must never break. English copies live under
# en/ with the same slug, so switching language only adds or drops "en/".
ARTICLE_URL = "tin-tuc/{slug}/"
ARTICLE_SAVE_AS = "tin-tuc/{slug}/index.html"
ARTICLE_LANG_URL = "en/tin-tuc/{slug}/"
ARTICLE_LANG_SAVE_AS = "en/tin-tuc/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "en/{slug}/"
PAGE_LANG_SAVE_AS = "en/{slug}/index.html"
DRAFT_URL = "nhap/{slug}/"
DRAFT_SAVE_AS = "nhap/{slug}/index.html"
DRAFT_LANG_URL = "en/nhap/{slug}/"
DRAFT_LANG_SAVE_AS = "en/nhap/{slug}/index.html"
DRAFT_PAGE_URL = "nhap/trang/{slug}/"
DRAFT_PAGE_SAVE_AS = "nhap/trang/{slug}/index.html"
DRAFT_PAGE_LANG_URL = "en/nhap/trang/{slug}/"
DRAFT_PAGE_LANG_SAVE_AS = "en/nhap/trang/{slug}/index.html"

# Slugs become URLs: every content file carries an ASCII `Slug:`, and a file
# that forgets it falls back to its (ASCII) file name, never to a Vietnamese
# title that would be transliterated differently by each slugify version.
SLUGIFY_SOURCE = "basename"

# Content is Markdown only. The reStructuredText reader is switched off: it
# warns on every build that docutils has no Vietnamese localisation.
READERS = {"rst": None}

# Pages in content/pages/ (generic: they hold for any dataset, and name its locality through tokens
# such as {locality}, which the plugin fills), news in content/news/; a dataset's own pages and news
# are read from its content folder too. Pelican takes an absolute path here as it is (os.path.join),
# and keys those files by their path from PATH ("../products/content/pages/…"): a dataset's page
# links a generic one with {filename}/pages/<file>.md.
ARTICLE_PATHS = ["news"] + ([os.path.join(_DATASET_CONTENT, "news")] if _DATASET_CONTENT else [])
PAGE_PATHS = ["pages"] + ([os.path.join(_DATASET_CONTENT, "pages")] if _DATASET_CONTENT else [])
STATIC_PATHS = []

# --- Pages we do not make --------------------------------------------------
# The news section is small: the home page lists every article, so tag,
# category, author and archive pages would only be more URLs to keep alive.
# Their templates exist in the theme in case they are turned on later.
DIRECT_TEMPLATES = ["index"]
# The home page is the product catalogue (made by the ocop.site plugin);
# Pelican's article index becomes the news page.
INDEX_SAVE_AS = "tin-tuc/index.html"
DEFAULT_PAGINATION = False
ARCHIVES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DISPLAY_CATEGORIES_ON_MENU = False

# Feeds need an absolute SITEURL; publishconf.py turns the article feed on.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Build behaviour -------------------------------------------------------
# `make html` builds into a fresh folder and swaps it in whole (ocop.site.build): the old site
# stays served until then, and a page removed from the sources goes with the old folder. For a
# bare `pelican content -o …` (the tests), keep the folder between builds: unchanged products are
# then checked by hash and left as they are.
DELETE_OUTPUT_DIRECTORY = False
# Pelican's content cache does not cover the product pages (they come from
# YAML, not from content/), and a half-stale site is worse than a slower one.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# Autoescape everything the templates print; HTML made by Markdown from
# content/ (or by the product plugin) is marked `|safe` at the one place it
# is printed.
# auto_reload off: a build makes its Jinja environment afresh (so does `pelican --autoreload`, at each
# change), yet with it on Jinja stats every template a page extends or imports, at every page: some
# 100,000 stat calls for 5,000 products.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "auto_reload": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}
