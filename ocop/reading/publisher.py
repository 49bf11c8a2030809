"""Who publishes a dataset: what its ``dataset.yaml`` says, checked and resolved.

A products folder is a dataset (DESIGN.md, "Datasets"). Its ``dataset.yaml`` names the locality,
the province (one of the 34 since 01/07/2025, by GSO code or name), the publishing office and its
contact for reports of fake or misused OCOP labels, an optional logo, whether the records are
sample data, and the id prefix. Everything the public reads about the publisher comes from the
``Publisher`` made here — the site's name, its introduction and footer, the report line of every
product page, the open data, feeds, reports and labels — never from code, settings or templates.

A folder without ``dataset.yaml`` still works (SP011 says what it lacks): the words fall back to
generic ones ("Sản phẩm OCOP" / "OCOP products") and the contact lines are left out.
"""

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..common.text import fold, tel_number
from ..places.country import closest_provinces, find_province, national_units
from ..places.units import Unit
from .convert import Converter
from .problems import Problem
from .schema import PLACEHOLDER
from .yamltree import path_text

# What the pages say when a dataset does not name its locality (and has no province).
GENERIC_SITE_NAME = {"vi": "Sản phẩm OCOP", "en": "OCOP products"}
GENERIC_LOCALITY = {"vi": "địa phương", "en": "the locality"}
GENERIC_OFFICE = {"vi": "cơ quan quản lý Chương trình OCOP của địa phương", "en": "the locality's OCOP office"}
LOGO_TYPES = {"PNG", "JPEG", "WEBP", "GIF"}  # what every phone's browser shows (and SVG, read apart)


@dataclass(frozen=True)
class Contact:
    phone: str | None = None
    email: str | None = None

    @property
    def tel(self) -> str | None:
        """The phone for a ``tel:`` link: digits and a leading +, as dialled."""
        return tel_number(self.phone) if self.phone else None

    def __bool__(self):
        return bool(self.phone or self.email)


@dataclass(frozen=True)
class Office:
    name_vi: str | None = None
    name_en: str | None = None
    address: str | None = None
    contact: Contact = Contact()  # the office's own phone and email
    report: Contact = Contact()  # where to report a fake or misused OCOP label

    def name(self, lang: str = "vi") -> str | None:
        return (self.name_en or self.name_vi) if lang == "en" else self.name_vi


@dataclass(frozen=True)
class Publisher:
    locality_vi: str | None = None
    locality_en: str | None = None
    province: Unit | None = None  # None: the whole country
    office: Office | None = None
    logo: str | None = None  # path under the products folder, with forward slashes
    logo_size: tuple | None = None  # (width, height) in CSS pixels
    sample: bool = False
    id_prefix: str | None = None
    cms: dict | None = None  # dataset.yaml's ``cms``: where the admin form saves (schema.CMS_SETTINGS)
    declared: bool = False  # the folder has a dataset.yaml

    def locality(self, lang: str = "vi") -> str | None:
        """'tỉnh Lâm Đồng' / 'Lam Dong province'; None when the dataset does not say."""
        return (self.locality_en or self.locality_vi) if lang == "en" else self.locality_vi

    def locality_text(self, lang: str = "vi") -> str:
        """The locality for a sentence, or generic words when the dataset does not say."""
        return self.locality(lang) or GENERIC_LOCALITY[lang]

    def office_text(self, lang: str = "vi") -> str:
        return (self.office.name(lang) if self.office else None) or GENERIC_OFFICE[lang]

    def site_name(self, lang: str = "vi") -> str:
        """'Sản phẩm OCOP tỉnh Lâm Đồng' / 'OCOP products of Lam Dong province'."""
        locality = self.locality(lang)
        if not locality:
            return GENERIC_SITE_NAME[lang]
        return f"Sản phẩm OCOP {locality}" if lang == "vi" else f"OCOP products of {locality}"

    @property
    def report(self) -> Contact:
        return self.office.report if self.office else Contact()


NO_PUBLISHER = Publisher()


class SettingsConverter(Converter):
    """The converter of dataset.yaml: a value still reading "(chưa điền)", as ``ocop init`` writes it,
    is a warning (SP015) and left off the pages, not a malformed phone or e-mail."""

    def value(self, value, f, path):
        if isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
            self.problem("SP015", path, {"key": path_text(path)})
            return None
        return super().value(value, f, path)

    def _unknown_key(self, key, by_key, path):
        super()._unknown_key(key, by_key, path)
        if key in _RENAMED and not path:  # a dataset.yaml written before the key was renamed
            self.problems[-1].params.update(hint_vi=f" Nay ghi là '{_RENAMED[key]}'.",
                                            hint_en=f" It is now called '{_RENAMED[key]}'.")


_RENAMED = {"area": "locality"}


def missing_settings_problem(folder_shown: str, settings_shown: str) -> Problem:
    return Problem("SP011", settings_shown, params={"folder": folder_shown})


def publisher_from_settings(data: dict, document, folder: Path, shown: str, problems: list,
                            placeholders=()) -> Publisher:
    """The ``Publisher`` of a converted dataset.yaml; problems of meaning (an unknown province, an
    unusable logo, a report contact with nothing in it) are added to ``problems``, located.
    ``placeholders``: the paths ("office.report.phone") still reading "(chưa điền)" (SP015)."""

    def report(code, path, **params):
        line, column = document.mark(path)
        problems.append(Problem(code, shown, line, column, path_text(path), params))

    province = None
    if data.get("province"):
        province = find_province(data["province"])
        if province is None:
            report("SP012", ("province",), value=data["province"], **province_hints(data["province"])[0])
    locality = data.get("locality") or {}
    locality_vi, locality_en = locality.get("vi"), locality.get("en")
    if not locality_vi and province is not None and "locality.vi" not in placeholders:
        locality_vi, locality_en = province.name_in_sentence("vi"), locality_en or province.name_en
    raw = document.value if isinstance(document.value, dict) else {}
    raw_report = (raw.get("office") or {}).get("report") if isinstance(raw.get("office"), dict) else None
    office = _office(data.get("office"), raw_report, report)
    logo, logo_size = None, None
    if data.get("logo"):
        where = _folder_shown(shown)
        found = _check_logo(folder, data["logo"], where)
        if isinstance(found, dict):
            report("SP013", ("logo",), value=data["logo"], where=where, **found)
        else:
            logo, logo_size = found
    cms = data.get("cms") or None
    if cms and cms.get("backend") == "gitea" and cms.get("review") == "true":
        report("SP020", ("cms", "review"))
    return Publisher(locality_vi, locality_en, province, office, logo, logo_size, data.get("sample") == "true",
                     data.get("id_prefix"), cms, declared=True)


def _office(data, raw_report, report) -> Office | None:
    """The office; SP014 when its ``report`` holds neither a phone nor an e-mail (one that is written
    but malformed, or still to fill in, has its own problem already)."""
    if not data:
        return None
    name = data.get("name") or {}
    own = Contact(data.get("phone"), data.get("email"))
    contact = data.get("report")
    reported = Contact(contact.get("phone"), contact.get("email")) if contact else Contact()
    written = isinstance(raw_report, dict) and any(raw_report.get(key) for key in ("phone", "email"))
    if contact is not None and not written:
        report("SP014", ("office", "report"))
    return Office(name.get("vi"), name.get("en"), data.get("address"), own, reported)


def province_hints(text: str):
    """({hint_vi, hint_en}, provinces) for an unknown province: what an old (before 01/07/2025)
    province became, or up to three nearest names, best first."""
    hint_vi = hint_en = ""
    old = _old_province(text)
    found = closest_provinces(text, limit=3)
    if old is not None:
        old_unit, new_unit = old
        hint_vi = (f" Từ 01/07/2025 {old_unit.name_in_sentence()} thuộc {new_unit.name_in_sentence()}"
                   f" ({new_unit.code}).")
        hint_en = f" Since 01/07/2025 {old_unit.name_en} has been part of {new_unit.name_en} ({new_unit.code})."
        found = [new_unit] + [u for u in found if u != new_unit]
        found = found[:3]
    elif found:
        hint_vi = " Có phải: " + ", ".join(f"{u.name_vi} ({u.code})" for u in found) + "?"
        hint_en = " Did you mean: " + ", ".join(f"{u.name_en} ({u.code})" for u in found) + "?"
    return {"hint_vi": hint_vi, "hint_en": hint_en}, found


def _old_province(text: str):
    """(old province, the province it became) when ``text`` names one of the 63 provinces before
    01/07/2025 that is not a province of the same name today."""
    query = fold(str(text)).strip()
    registry = national_units()
    for old_key, new_key in registry.province_successors.items():
        old = registry.by_key_or_none(old_key)
        new = registry.by_key_or_none(new_key)
        if old is None or new is None:
            continue
        name = fold(old.name_vi)
        bare = name.split(" ", 1)[1] if name.startswith("tinh ") else name.removeprefix("thanh pho ")
        if query in {name, bare, bare.replace(" ", ""), fold(old.name_en)}:
            return old, new
    return None


# -- the logo -------------------------------------------------------------------------------------

_LOGO_REASONS = {
    "missing": ("không thấy tệp trong {where} (phân biệt chữ hoa, chữ thường)", "no such file in {where} (case matters)"),
    "outside": ("đường dẫn ra ngoài thư mục hồ sơ", "the path leads outside the records folder"),
    "not_file": ("đây là thư mục, không phải tệp", "it is a folder, not a file"),
    "not_image": ("không phải ảnh PNG, JPEG, WebP hay SVG đọc được", "not a readable PNG, JPEG, WebP or SVG image"),
}


def _reason(kind: str, where: str) -> dict:
    vi, en = _LOGO_REASONS[kind]
    return {"reason_vi": vi.format(where=where), "reason_en": en.format(where=where)}


def _check_logo(folder: Path, text: str, where: str):
    """(path with forward slashes, (width, height)) of a usable logo, or the reason it is not."""
    relative = PurePosixPath(text.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or (relative.parts and ":" in relative.parts[0]):
        return _reason("outside", where)
    path = Path(folder, *relative.parts)
    try:
        inside = path.resolve().is_relative_to(Path(folder).resolve())
    except OSError:
        inside = False
    if not inside:  # a symbolic link out of the folder
        return _reason("outside", where)
    if not _exists_with_exact_case(Path(folder), relative.parts):
        return _reason("missing", where)
    if not path.is_file():
        return _reason("not_file", where)
    size = _svg_size(path) if relative.suffix.lower() == ".svg" else _raster_size(path)
    if size is None:
        return _reason("not_image", where)
    return relative.as_posix(), size


def _exists_with_exact_case(folder: Path, parts) -> bool:
    """Static hosts are case-sensitive even when the officer's laptop is not."""
    current = folder
    for part in parts:
        try:
            if part not in os.listdir(current):
                return False
        except OSError:
            return False
        current = current / part
    return current.exists()


def _raster_size(path: Path):
    from PIL import (  # imported here: only a dataset with a logo needs it
        Image,
        UnidentifiedImageError,
    )

    try:
        with Image.open(path) as picture:
            if picture.format not in LOGO_TYPES:
                return None
            return picture.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return None


def _svg_size(path: Path):
    """The size an SVG asks for (width/height, else its viewBox); None when it is not an SVG."""
    try:
        root = ET.parse(path).getroot()  # expat: no external entities are fetched
    except (ET.ParseError, OSError, ValueError):
        return None
    if not root.tag.endswith("svg"):
        return None

    def number(value):
        try:
            return float(str(value).strip().removesuffix("px"))
        except ValueError:
            return None

    width, height = number(root.get("width", "")), number(root.get("height", ""))
    if not (width and height):
        box = (root.get("viewBox") or "").replace(",", " ").split()
        width, height = (number(box[2]), number(box[3])) if len(box) == 4 else (None, None)
    if not (width and height and width > 0 and height > 0):
        return (1, 1)  # a square is the safest guess for the page's layout
    return (round(width), round(height))


def _folder_shown(settings_shown: str) -> str:
    """'products/dataset.yaml' → 'products/'."""
    parent = PurePosixPath(settings_shown).parent.as_posix()
    return "./" if parent == "." else parent + "/"
