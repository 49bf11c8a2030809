"""A build whose QR codes or share tags lead to this computer only, said once.

A local build without SITEURL prints http://localhost:8000 into every QR code and
into the share tags (og:url, canonical links, feeds) that Zalo or Facebook read.
That is right for a preview and wrong for anything printed or shared: a phone
that scans the code opens its own localhost. The build says so in one line, with
the setting to change.
"""

import ipaddress
from urllib.parse import urlsplit

from ..outputs.qr_payload import resolve_qr_base


def is_local(url: str) -> bool:
    """The address names this computer only: localhost, a loopback or an unspecified address."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def local_address_warning(site_url: str, siteurl_setting: str | None, qr_base_setting: str | None) -> str | None:
    """The one-line warning (vi / en) when the QR codes or the share tags point to this computer, else None.

    ``site_url``: the absolute address the pages use (SITEURL, or the local one); the two settings as
    given, from which the QR codes' base is worked out as the build works it out.
    """
    try:
        qr_base = resolve_qr_base(siteurl_setting or "", qr_base_setting)
    except ValueError:
        return None  # the build refuses such a base itself, with its own message
    local_tags, local_codes = is_local(site_url), is_local(qr_base)
    if local_tags and local_codes:
        return (f"Mã QR và thẻ chia sẻ trỏ tới {site_url}, chỉ máy này mở được: trước khi in hay chia sẻ, dựng "
                f"với SITEURL=https://… make html (hoặc OCOP_QR_BASE=https://… cho mã QR). / QR codes and share tags point to "
                f"{site_url}, which only this computer opens: before printing or sharing, build with "
                f"SITEURL=https://… make html (or OCOP_QR_BASE=https://… for the QR codes).")
    if local_codes:
        return (f"Mã QR trỏ tới {qr_base}, chỉ máy này mở được: trước khi in, đặt OCOP_QR_BASE là địa chỉ công "
                f"khai. / QR codes point to {qr_base}, which only this computer opens: before printing, set "
                f"OCOP_QR_BASE to the public address.")
    if local_tags:
        return (f"Thẻ chia sẻ và liên kết trỏ tới {site_url}, chỉ máy này mở được: trước khi chia sẻ, dựng với "
                f"SITEURL=https://… make html. / Share tags and links point to {site_url}, which only this "
                f"computer opens: before sharing, build with SITEURL=https://… make html.")
    return None
