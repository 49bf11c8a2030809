"""Every link of a built site leads somewhere: a check over the whole output folder.

A printed QR code, a shared link or a photo that leads nowhere is what a
consumer remembers of the site. This reads what the build wrote and lists
every internal link whose target is not there:

- in every HTML page, each ``href``, ``src`` and ``srcset`` entry, the page a
  ``<meta http-equiv="refresh">`` door leads to, and the ``og:url`` /
  ``og:image`` addresses shared to social networks;
- in the open data (``data/*.json``, ``data/*.csv``), every address of the site
  that apps follow, and for every product listed there the two paths its
  printed QR codes may hold, ``p/<ID>/`` and the door ``P/<ID>/``;
- in ``*.xml`` (sitemap, Atom feeds), every ``<loc>`` and ``<link href>``.

A link is internal when it is relative, or absolute with the scheme and host
of ``site_url``; then its path must lie under ``site_url``'s path, and name a
file of the output, or a folder holding ``index.html`` (what static hosts
serve for ``…/``). ``mailto:``, ``tel:``, ``data:``, other hosts and bare
``#fragment`` links are not checked. Pages are read with ``html.parser``, as a
browser reads them; names are compared exactly (static hosts are
case-sensitive even where the build machine is not).
"""

import csv
import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, unquote, urljoin, urlsplit

# The base for resolving links when no site address is given: any host no link can name.
_NO_SITE = "http://site.invalid/"
_URL_ATTRIBUTES = ("href", "src")
# <meta property|name=…> whose content is an address of the site.
_SHARED_ADDRESS_META = {"og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image"}
# The paths of products in the open data when written relative to the site (absolute ones are found anyway).
_PRODUCT_PATH = re.compile(r"^(?:en/)?[pP]/[^/\s]+/")
_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]\s*url\s*=\s*(?P<url>.*?)\s*$", re.I | re.S)


class BrokenLink(NamedTuple):
    page: str  # the file holding the link, relative to the output folder, with '/'
    link: str  # the link as written there
    reason: str


def check_links(output_dir, site_url: str | None = None) -> list[BrokenLink]:
    """Every broken internal link of the site built in ``output_dir``, sorted by page then link;
    each (page, link) once. ``site_url``: the site's public address (SITEURL), which makes absolute
    links to it internal; without it only relative links are checked."""
    output = Path(output_dir)
    files = _files(output)
    site = _Site(site_url, files)
    broken = set()
    for page in sorted(files):
        suffix = page.rsplit(".", 1)[-1].lower() if "." in page.rsplit("/", 1)[-1] else ""
        if suffix in ("html", "htm"):
            links = _html_links(output / page)
        elif suffix == "json" and page.startswith("data/"):
            # a product path in the open data is written from the top of the site
            data = _json(output / page)
            links = [(text, site.root) for text in _strings(data) if site.names_itself(text)]
            links += [(door, site.root) for door in _qr_doors(data)]
        elif suffix == "csv" and page.startswith("data/"):
            links = [(text, site.root) for text in _csv_cells(output / page) if site.names_itself(text)]
        elif suffix == "xml":
            links = [(text, None) for text in _xml_links(output / page)]
        else:
            continue
        for link, base in links:
            reason = site.problem(page, link, base)
            if reason:
                broken.add(BrokenLink(page, link, reason))
    return sorted(broken)


class _Site:
    def __init__(self, site_url, files):
        site = urlsplit((site_url or _NO_SITE).rstrip("/") + "/")
        self.scheme, self.host, self.prefix = site.scheme, site.netloc.lower(), site.path
        self.root = f"{site.scheme}://{site.netloc}{site.path}"
        self.files = files
        self.folders = {parent for name in files for parent in _parents(name)}

    def names_itself(self, text: str) -> bool:
        """A string of the open data that is an address of this site (absolute, or a product path)."""
        if not isinstance(text, str) or not text or any(c.isspace() for c in text.strip()):
            return False
        parts = urlsplit(text.strip())
        if parts.scheme:
            return parts.scheme.lower() == self.scheme and parts.netloc.lower() == self.host
        return bool(_PRODUCT_PATH.match(text.strip()))

    def problem(self, page: str, link: str, base: str | None):
        """Why ``link`` on ``page`` (resolved against ``base``, a <base href>, if any) leads nowhere;
        None when it leads to a file of the output or is not internal."""
        text = link.strip()
        if not text or text.startswith("#"):
            return None
        here = self.root + quote(page)
        url = urljoin(urljoin(here, base) if base else here, text)
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            return None  # mailto:, tel:, data:, javascript:, …
        if parts.scheme.lower() != self.scheme or parts.netloc.lower() != self.host:
            return None  # another site
        path = unquote(parts.path)
        if not (path + "/").startswith(self.prefix):
            return f"ngoài địa chỉ của trang {self.root} / outside the site's address {self.root}: {path}"
        target = path[len(self.prefix):]
        if target in self.files:
            return None
        folder = target.rstrip("/")
        index = f"{folder}/index.html" if folder else "index.html"
        if target.endswith("/") or not target or folder in self.folders:
            # a folder is served as its index.html (a host redirects …/x to …/x/ first)
            if index in self.files:
                return None
            shown = f"{folder}/" if folder else "/"
            return f"không có trang / no page: {shown} (thiếu / missing {index})"
        return f"không có tệp / no such file: {target}"


def _parents(name: str):
    """'p/LC-0001/qr.svg' → 'p/LC-0001', 'p'."""
    while "/" in name:
        name = name.rsplit("/", 1)[0]
        yield name


def _files(output: Path) -> set:
    """Every file of the output, as relative paths with '/' (one walk; names kept exactly)."""
    files = set()
    for folder, _, names in os.walk(output):
        relative = Path(folder).relative_to(output).as_posix()
        for name in names:
            files.add(name if relative == "." else f"{relative}/{name}")
    return files


# -- reading the files ------------------------------------------------------------------------------

class _LinkParser(HTMLParser):
    """Collects (link, base) pairs: every URL a browser would fetch or follow from the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.base = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value for name, value in attrs if value is not None}
        if tag == "base" and "href" in attributes and self.base is None:
            self.base = attributes["href"]
            return
        for name in _URL_ATTRIBUTES:
            if name in attributes:
                self.links.append((attributes[name], self.base))
        if "srcset" in attributes:
            self.links.extend((url, self.base) for url in srcset_urls(attributes["srcset"]))
        if tag == "meta":
            self._meta(attributes)

    handle_startendtag = handle_starttag

    def _meta(self, attributes):
        content = attributes.get("content")
        if content is None:
            return
        if attributes.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.match(content)
            if match:
                self.links.append((match["url"].strip("'\""), self.base))
        elif (attributes.get("property") or attributes.get("name") or "").lower() in _SHARED_ADDRESS_META:
            self.links.append((content, self.base))


def _html_links(path: Path):
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.links


def srcset_urls(value: str) -> list:
    """The URLs of a ``srcset`` ("a.jpg 320w, b.jpg 640w"), split as the HTML standard says: a URL
    runs to the next white space (a comma ending it ends the candidate); descriptors run to a comma."""
    urls, position, end = [], 0, len(value)
    while position < end:
        while position < end and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < end and not value[position].isspace():
            position += 1
        url = value[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while position < end:
                character = value[position]
                position += 1
                if character == "(":
                    depth += 1
                elif character == ")":
                    depth -= 1
                elif character == "," and depth <= 0:
                    break
        if url:
            urls.append(url)
    return urls


def _json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None


def _qr_doors(data):
    """The paths printed QR codes of a product listed in the open data lead to: its page p/<ID>/, and
    P/<ID>/ (the upper-case form a QR code encodes most compactly), even where no page links them."""
    products = data.get("products") if isinstance(data, dict) else None
    ids = [item["id"] for item in products or [] if isinstance(item, dict) and isinstance(item.get("id"), str)]
    return [door for product_id in ids for door in (f"p/{quote(product_id)}/", f"P/{quote(product_id)}/")]


def _strings(data):
    strings, stack = [], [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return strings


def _csv_cells(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as file:
        return [cell for row in csv.reader(file) for cell in row]


def _xml_links(path: Path):
    """Sitemap ``<loc>`` texts and Atom ``<link href>``s, whatever their namespace."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return []
    links = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if name == "loc" and element.text:
            links.append(element.text.strip())
        elif name == "link" and element.get("href"):
            links.append(element.get("href"))
    return links
