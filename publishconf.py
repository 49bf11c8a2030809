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
# A page removed from the sources must not be published any more. `make publish` starts from a
# fresh folder anyway (ocop.site.build: the old site is swapped out only once the new one is whole);
# a bare `pelican -s publishconf.py` empties the output folder first.
DELETE_OUTPUT_DIRECTORY = True

# One Atom feed of news per language: feeds/tin-tuc-vi.atom.xml and
# feeds/tin-tuc-en.atom.xml.
TRANSLATION_FEED_ATOM = "feeds/tin-tuc-{lang}.atom.xml"
