"""Pelican settings for the public site (`make publish SITEURL=https://…`).

Everything in pelicanconf.py holds, except what a public deployment needs.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# A printed QR code and a feed reader need the real address: refuse to
# publish without it rather than print codes that point nowhere.
if not SITEURL:  # noqa: F405
    sys.exit(
        "publishconf.py: cần OCOP_SITEURL, ví dụ https://ocop.example.vn "
        "/ OCOP_SITEURL is required (make publish SITEURL=https://…)."
    )

# Absolute links: pages may be copied, cached or shared outside the site.
RELATIVE_URLS = False
# Start from an empty output folder so that a page removed from the sources is
# not published any more.
DELETE_OUTPUT_DIRECTORY = True

# One Atom feed of news per language: feeds/tin-tuc-vi.atom.xml and
# feeds/tin-tuc-en.atom.xml.
TRANSLATION_FEED_ATOM = "feeds/tin-tuc-{lang}.atom.xml"
