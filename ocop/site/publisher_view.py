"""What the pages say about the publisher, as plain data for the templates.

Every word comes from the dataset's ``dataset.yaml`` (``ocop.reading.publisher.Publisher``):
the site's name in the title and header, the catalogue's introduction, the footer's contact,
the report line of each product page, the sample banner, and the ``{locality}``-style tokens
of the content pages. Nothing here names a place.
"""

import html
from pathlib import PurePosixPath

from .words import WORDS

LOGO_HEIGHT = 40  # CSS pixels in the header; the width follows the image's proportions
LOGO_MAX_WIDTH = 200

# Tokens a content page (content/pages/*.md, a dataset's content/) may write in its text; the plugin
# puts the dataset's words in their place, in the page's language (README, "A dataset of your own").
TOKENS = ("locality", "office", "site_name")


def logo_output_path(publisher) -> str | None:
    """Where the build copies the dataset's logo: ``logo.png`` (the suffix of the file, lower case)."""
    return f"logo{PurePosixPath(publisher.logo).suffix.lower()}" if publisher.logo else None


def publisher_view(publisher, lang: str) -> dict:
    words = WORDS[lang]
    office = publisher.office
    report = publisher.report
    view = {
        "site_name": publisher.site_name(lang),
        "locality": publisher.locality_text(lang),
        "sample": publisher.sample,
        "office": None,
        "report": None,
        "logo": None,
        "words": {key: words[key] for key in ("report_subject", "report_fake", "published_by",
                                              "phone", "email", "address")},
    }
    if office and office.name(lang):
        view["office"] = {"name": office.name(lang), "name_lang": "vi" if lang == "en" and not office.name_en else None,
                          "address": office.address, "phone": office.contact.phone, "tel": office.contact.tel,
                          "email": office.contact.email}
    if report:
        view["report"] = {"phone": report.phone, "tel": report.tel, "email": report.email}
    if publisher.logo and publisher.logo_size:
        width, height = publisher.logo_size
        shown_width = min(LOGO_MAX_WIDTH, max(1, round(LOGO_HEIGHT * width / height)))
        view["logo"] = {"path": logo_output_path(publisher), "width": shown_width,
                        "height": round(shown_width * height / width) if shown_width == LOGO_MAX_WIDTH
                        else LOGO_HEIGHT}
    return view


def catalogue_lead(publisher, lang: str, day_text: str) -> str:
    return WORDS[lang]["catalogue_lead"].format(locality=publisher.locality_text(lang), day=day_text)


def token_values(publisher, lang: str) -> dict:
    """What each token of a content page becomes, HTML-escaped (pages are HTML by then)."""
    values = {"locality": publisher.locality_text(lang), "office": publisher.office_text(lang),
              "site_name": publisher.site_name(lang)}
    return {"{" + key + "}": html.escape(values[key], quote=False) for key in TOKENS}


def fill_tokens(text: str, values: dict) -> str:
    for token, value in values.items():
        text = text.replace(token, value)
    return text
