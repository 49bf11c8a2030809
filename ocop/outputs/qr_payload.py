"""What a printed QR code holds: the shortest address of a product page.

A QR code in alphanumeric mode packs 11 bits per 2 characters against 8 bits
per character in byte mode, but it only knows 0-9, A-Z, space and $%*+-./:
— no lower case. Scheme and host are case-insensitive, so the address is
written in upper case: ``HTTPS://OCOP.EXAMPLE.VN/P/LC-0042`` (33
characters) fits a version-3 symbol at level Q (29 × 29 modules), where the
lower-case page address ``https://ocop.example.vn/p/LC-0042/`` needs a
version 4 (33 × 33). Fewer, larger modules scan better from a small label.

The path ``/P/<ID>`` is case-sensitive on most hosts: the site must answer it
(a redirect to the product page). Printed codes live for years, so this form
never changes.
"""

import re
from urllib.parse import urlsplit

LOCAL_QR_BASE = "HTTP://LOCALHOST:8000"  # a local build without a site URL (make serve)
PATH_PREFIX = "/P/"
ALPHANUMERIC = re.compile(r"^[0-9A-Z $%*+\-./:]+\Z")  # ISO/IEC 18004 §7.4.4


def qr_base_from_site_url(site_url: str) -> str:
    """Scheme and host (with its port) of ``site_url``, in upper case; a local build's when empty.

    The site URL's path, if any, is dropped: the short address lives at the host's root.
    """
    site_url = (site_url or "").strip()
    if not site_url:
        return LOCAL_QR_BASE
    parts = urlsplit(site_url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"site URL '{site_url}' needs a scheme and a host, e.g. https://ocop.example.vn")
    host = parts.hostname  # without user:password@, which has no place in a printed code
    if ":" in host:  # an IPv6 literal goes back into its brackets
        host = f"[{host}]"
    default_port = {"http": 80, "https": 443}[parts.scheme.lower()]
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""  # the shortest form
    return f"{parts.scheme}://{host}{port}".upper()


def resolve_qr_base(site_url: str, qr_base: str | None = None) -> str:
    """The base the codes use: ``qr_base`` in upper case when given, else from ``site_url``."""
    base = qr_base.strip().rstrip("/").upper() if qr_base else qr_base_from_site_url(site_url)
    if not base.startswith(("HTTP://", "HTTPS://")):
        raise ValueError(f"QR base '{base}' must start with HTTP:// or HTTPS:// (phones open only such codes)")
    return base


def qr_payload(site_url: str, product_id: str, qr_base: str | None = None) -> str:
    """``QR_BASE/P/<ID>`` in upper case, e.g. ``HTTPS://OCOP.EXAMPLE.VN/P/LC-0042``.

    ``qr_base`` (scheme, host and optionally a path) overrides the one taken from ``site_url``.
    Raises ValueError when the result cannot be encoded in alphanumeric mode.
    """
    if not product_id:
        raise ValueError("product id is empty")
    payload = f"{resolve_qr_base(site_url, qr_base)}{PATH_PREFIX}{product_id.upper()}"
    if not ALPHANUMERIC.match(payload):
        bad = sorted({c for c in payload if not ALPHANUMERIC.match(c)})
        raise ValueError(f"'{payload}' has characters QR alphanumeric mode cannot carry: {' '.join(bad)}")
    return payload
