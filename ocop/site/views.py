"""What each public page shows, as plain data for the templates.

Every fact comes from the core (``ocop.rules.facts``); this module only chooses
words, formats dates and builds URLs, so the templates stay simple and the
same facts read the same on every page.
"""

import json
from datetime import date

from ..common.dates import vn_date
from ..common.text import slug, tel_number
from ..outputs.lists import score_text
from ..outputs.markdown_text import render_markdown
from ..rules.certificates import expires_on, status_since
from ..rules.facts import ProductFacts
from ..rules.producers import PRODUCER_KINDS
from .words import LEVEL, REVOCATION_GROUND, STATUS, UNIT_KIND, WORDS

LANGS = ("vi", "en")


def lang_prefix(lang: str) -> str:
    return "" if lang == "vi" else f"{lang}/"


def product_path(product_id: str, lang: str) -> str:
    return f"{lang_prefix(lang)}p/{product_id}/"


def group_slug(group) -> str:
    return slug(group.vi)


def date_text(day: date | None, lang: str) -> str:
    if day is None:
        return "—"
    return vn_date(day) if lang == "vi" else day.isoformat()


def _localized(text, lang):
    """(text, lang attribute or None): English pages fall back to Vietnamese, marked lang="vi"."""
    if text is None:
        return None, None
    if lang == "en" and not text.en:
        return text.vi, "vi"
    return text.get(lang), None


def _unit_text(unit, lang):
    if unit is None:
        return None
    return unit.name_vi if lang == "vi" else unit.name_en


def stars_text(stars: int | None, lang: str) -> str:
    if not stars:
        return ""
    return f"{stars} {WORDS[lang]['stars_word'] if stars != 1 or lang == 'vi' else WORDS[lang]['star_one']}"


def _term_detail(kind: str, expires, days, lang: str) -> str:
    """What a certificate's term says: valid until, days left (when ``days`` is given), the last
    day, or expired."""
    words = WORDS[lang]
    if kind == "expired":
        return f"{words['expired_on']} {date_text(expires, lang)}"
    if kind == "lastday":
        return f"{words['last_day']} ({date_text(expires, lang)})"
    until = f"{words['valid_until']} {date_text(expires, lang)}"
    return f"{until} — {words['days_left'].format(days=days)}" if kind == "expiring" and days is not None else until


def _look(code: str, lang: str) -> dict:
    state = STATUS[code]
    return {"word": state[lang], "icon": state["icon"], "css": state["css"]}


def status_view(facts: ProductFacts, lang: str) -> dict:
    status = facts.status
    words = WORDS[lang]
    view = {"code": status.status, **_look(status.status, lang),
            "expires_iso": status.expires.isoformat() if status.expires else "",
            "since": f"{words['status_since']} {date_text(status_since(facts.product, status), lang)}",
            "may_carry_mark": status.may_carry_mark}
    if status.status == "revoked":
        revocation = facts.product.revocation
        view["detail"] = f"{words['revoked_by']} {revocation.decision}, {date_text(revocation.date, lang)}"
        view["reason"], view["reason_lang"] = _localized(revocation.reason, lang)
        view["ground"] = REVOCATION_GROUND.get(revocation.ground, {}).get(lang)
    elif status.status == "withdrawn":
        withdrawn = facts.product.withdrawn
        view["detail"] = f"{words['withdrawn_on']} {date_text(withdrawn.date, lang)}"
        view["reason"], view["reason_lang"] = _localized(withdrawn.reason, lang)
        if withdrawn.replaced_by:
            view["replaced_by"] = {"id": withdrawn.replaced_by, "path": product_path(withdrawn.replaced_by, lang)}
    else:
        # No count of days left: the page stays the same from one day to the next until its status
        # moves (the phone counts the days, below); the last day is a status of its own.
        kind = "lastday" if status.status == "expiring" and status.days_left == 0 else status.status
        view["detail"] = _term_detail(kind, status.expires, None, lang)
    # What the browser shows when the phone's date says otherwise (see product.html); {d} is filled there.
    view["client"] = {kind: {**_look("expiring" if kind == "lastday" else kind, lang),
                             "detail": _term_detail(kind, status.expires, "{d}", lang)}
                      for kind in ("valid", "expiring", "lastday", "expired")}
    return view


def certificate_view(certificate, expires, lang):
    return {"decision": certificate.decision, "issuer": certificate.issuer,
            "date": date_text(certificate.date, lang), "date_iso": certificate.date.isoformat(),
            "level": LEVEL[certificate.level][lang] if certificate.level else "—",
            "stars": certificate.stars, "stars_text": stars_text(certificate.stars, lang),
            "expires": date_text(expires, lang)}


def product_view(facts: ProductFacts, lang: str, site_url: str, images: list, qr_base: str, qr_url: str) -> dict:
    """Everything product.html prints for one product in one language; ``qr_url`` is what the code holds."""
    product = facts.product
    words = WORDS[lang]
    name, name_lang = _localized(product.name, lang)
    description, description_lang = _localized(product.description, lang)
    story, story_lang = _localized(product.story, lang)
    current = facts.status.current
    producer = product.producer
    kind_vi, kind_en = PRODUCER_KINDS.get(producer.kind, (producer.kind, producer.kind))
    page_url = f"{site_url}/{product_path(product.id, lang)}"
    view = {
        "id": product.id,
        "lang": lang,
        "other_lang": "en" if lang == "vi" else "vi",
        "path": product_path(product.id, lang),
        "other_path": product_path(product.id, "en" if lang == "vi" else "vi"),
        "url": page_url,
        "name": name, "name_lang": name_lang,
        "stars": facts.stars, "stars_text": stars_text(facts.stars, lang),
        "status": status_view(facts, lang),
        "certificate": certificate_view(current, facts.status.expires, lang),
        "score": score_text(facts.score) if facts.score is not None else None,
        "history": [dict(certificate_view(c, expires_on(c.date), lang)) for c in facts.status.superseded],
        "product_set": facts.product_set.number if facts.product_set else None,
        "product_set_name": (facts.product_set.vi if lang == "vi" else facts.product_set.en)
        if facts.product_set else None,
        "group": (facts.product_set.group.vi if lang == "vi" else facts.product_set.group.en)
        if facts.product_set else None,
        "producer": {
            "name": producer.name, "kind": kind_vi if lang == "vi" else kind_en, "address": producer.address,
            "phone": producer.phone, "tel": tel_number(producer.phone),
            "website": producer.website, "email": producer.email,
        },
        "unit_on_certificate": facts.unit_place[lang] if facts.unit_place else None,
        "unit_today": facts.unit_now[lang] if facts.unit_now else None,
        "description_html": render_markdown(description), "description_lang": description_lang,
        "story_html": render_markdown(story), "story_lang": story_lang,
        "images": images,
        "sales": [{"name": s.name, "address": s.address, "url": s.url, "phone": s.phone,
                   "tel": tel_number(s.phone)} for s in product.sales],
        "qr_svg": f"{qr_base}qr.svg", "qr_png": f"{qr_base}qr.png", "qr_url": qr_url,
        "words": words,
    }
    view.update(_claims(view, facts, lang))
    view["jsonld"] = jsonld(facts, view, site_url, lang)
    view["description_text"] = " ".join((description or "").split())[:200]
    view["report_subject"] = f"{words['report_subject']} {product.id}"
    view["report_body"] = words["report_body"].format(id=product.id, url=page_url)
    return view


def _claims(view: dict, facts: ProductFacts, lang: str) -> dict:
    """What the page says about the stars: a current claim (gold stars, the tab title, a link preview)
    only while the product may carry the mark; otherwise the stars are history and the titles give the
    status instead. ``*_expired`` is what the browser puts in place when the phone's date passes expiry."""
    stars = view["stars_text"]
    name = view["name"]
    past = WORDS[lang]["was_rated"].format(stars=stars)
    claims = {"current": facts.status.may_carry_mark, "stars_past": past,
              "title_expired": f"{name} – OCOP: {STATUS['expired'][lang]}"}
    if claims["current"]:
        claims.update(stars_line=f"OCOP {stars}", title=f"{name} – {stars} OCOP", og_title=f"{name} – OCOP {stars}")
    else:
        status_title = f"{name} – OCOP: {view['status']['word']}"
        claims.update(stars_line=past, title=status_title, og_title=status_title)
    return claims


def jsonld(facts: ProductFacts, view: dict, site_url: str, lang: str) -> str:
    """schema.org Product with its OCOP Certification, safe inside <script>.

    Readers of schema.org (search engines, shopping apps) take ``certificationRating`` as the rating a
    product holds now and seldom look at ``certificationStatus``; so a certificate that no longer
    counts (expired, revoked, withdrawn) keeps its decision, issuer and dates, is marked
    CertificationInactive, and has no rating and no stars in its name. A revoked or withdrawn one has
    no ``expires`` either, as on the page: its term ended with the decision, not on that day."""
    current = facts.status.current
    active = facts.status.may_carry_mark
    certification = {
        "@type": "Certification",
        "name": f"OCOP {current.stars}★" if active else "OCOP",
        "certificationIdentification": current.decision,
        "issuedBy": {"@type": "Organization", "name": current.issuer},
        "validFrom": current.date.isoformat(),
        "certificationStatus": f"https://schema.org/Certification{'Active' if active else 'Inactive'}",
    }
    if active:
        certification["certificationRating"] = {"@type": "Rating", "ratingValue": current.stars, "bestRating": 5,
                                                "worstRating": 3}
    if facts.status.status not in ("revoked", "withdrawn"):
        certification["expires"] = facts.status.expires.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "productID": facts.id,
        "name": view["name"],
        "url": view["url"],
        "category": view["product_set_name"],
        "manufacturer": {"@type": "Organization", "name": view["producer"]["name"],
                         "address": view["producer"]["address"]},
        "hasCertification": certification,
    }
    if view["images"]:
        data["image"] = [f"{site_url}/{image['fallback_path']}" for image in view["images"]]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # "</script>" or "<!--" inside a name must not end the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def card_view(facts: ProductFacts, lang: str, photo: dict | None = None) -> dict:
    """One product in a catalogue list; ``photo``: {"webp", "jpeg"} paths of its small card photo
    (ocop.site.catalogue), or None. The finder searches its own index (ocop.outputs.search_index)."""
    product = facts.product
    name, name_lang = _localized(product.name, lang)
    unit_today = facts.listed_unit
    group = facts.product_set.group if facts.product_set else None
    state = STATUS[facts.status.status]
    return {
        "id": product.id, "path": product_path(product.id, lang), "name": name, "name_lang": name_lang,
        "stars": facts.stars, "stars_text": stars_text(facts.stars, lang),
        "status": facts.status.status, "status_word": state[lang], "status_icon": state["icon"],
        "status_css": state["css"], "current": facts.status.may_carry_mark,
        "group": group_slug(group) if group else "", "group_name": (group.vi if lang == "vi" else group.en)
        if group else "",
        "unit": unit_today.code if unit_today else "", "unit_name": _unit_text(unit_today, lang),
        "producer": product.producer.name,
        "expires_iso": facts.status.expires.isoformat() if facts.status.expires else "",
        "photo": photo,
    }


def unit_kind_word(unit, lang):
    return UNIT_KIND.get(unit.kind, {}).get(lang, unit.kind)
