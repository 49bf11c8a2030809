"""Print-ready OCOP labels: the QR code of a product's page, its id, the word mark and its stars.

Which products may have labels is decided here, once: only those that may
carry the OCOP mark on the day (valid or expiring certificate); every other
one is refused with the reason an officer can act on.

A label is a square of ``size`` mm (20–40). Its top three quarters
(``QR_SHARE``) are the QR code with its 4-module quiet zone, centred; the
bottom quarter holds the product id in clear text and, under it, "OCOP"
followed by the stars (drawn as polygons: no font needs a ★ glyph). A module
is never smaller than 0.4 mm, which cheap phones still read from 10–20 cm.

The label is described once, as shapes in millimetres, and drawn three ways
from that description:

- a vector PDF of A4 sheets (written here by hand, no dependency): QR
  modules, stars and crop marks are exact rectangles, polygons and lines, so
  the print shop's RIP rasterises them at its own resolution (1200–2400 dpi)
  with every module the same size; text is a 1-bit stencil image rendered by
  Pillow at 1200 dpi from its built-in font, so there is no font to embed or
  substitute. A 600 dpi raster of the page would give modules of 11 or 12
  pixels and weigh megabytes; this weighs kilobytes;
- an SVG per product (vector; text as SVG text, stretched to the same width);
- a PNG per product, 1-bit at 600 dpi with the dpi written in the file.
"""

from __future__ import annotations

import io
import math
import re
import zlib
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from ..common.dates import vn_date
from ..rules.certificates import CANDIDATE, EXPIRED, REVOKED, WITHDRAWN, status_on
from .qr import QUIET_ZONE, dark_runs, qr_matrix
from .qr_payload import qr_payload

# -- sizes --------------------------------------------------------------------------------------------

QR_SHARE = Fraction(3, 4)  # the QR code (with its quiet zone) is a square of 3/4 of the label's side
MIN_MODULE_MM = Fraction(2, 5)
MIN_SIZE_MM, MAX_SIZE_MM, DEFAULT_SIZE_MM = Fraction(20), Fraction(40), Fraction(25)
SIZE_STEP_MM = Fraction(1, 2)  # the smallest size that works is given rounded up to this

_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:mm)?\s*$", re.I)


def parse_size(text: str) -> Fraction:
    """'25mm', '25', '22.5 mm', '22,5' → mm; ValueError when unreadable or outside 20–40 mm."""
    match = _SIZE.match(str(text))
    if not match:
        raise ValueError(f"'{text}' is not a size in mm")
    size = Fraction(match[1].replace(",", "."))
    if not MIN_SIZE_MM <= size <= MAX_SIZE_MM:
        raise ValueError(f"{text} is outside {MIN_SIZE_MM}–{MAX_SIZE_MM} mm")
    return size


def modules_across(version: int) -> int:
    """Modules on a side of a QR code of ``version``, quiet zone included."""
    return 17 + 4 * version + 2 * QUIET_ZONE


def module_mm(size_mm, version: int) -> Fraction:
    return Fraction(size_mm) * QR_SHARE / modules_across(version)


def smallest_size_mm(version: int) -> Fraction:
    """The smallest label (a multiple of 0.5 mm, at least 20 mm) whose modules are at least 0.4 mm;
    it may exceed 40 mm, when no allowed size works."""
    exact = MIN_MODULE_MM * modules_across(version) / QR_SHARE
    return max(MIN_SIZE_MM, math.ceil(exact / SIZE_STEP_MM) * SIZE_STEP_MM)


def mm_text(value) -> str:
    """22 → '22', 22.5 → '22.5'."""
    return f"{float(value):g}"


# -- which products get labels -----------------------------------------------------------------------

@dataclass(frozen=True)
class Refusal:
    """A product that gets no label, and why, in Vietnamese and English."""
    product_id: str
    reason_vi: str
    reason_en: str


def refusal_reason(product, status) -> tuple[str, str] | None:
    """Why ``product`` may not carry the OCOP mark on ``status.today``; None when it may."""
    if status.may_carry_mark:
        return None
    if status.status == EXPIRED:
        day = vn_date(status.expires)
        return f"giấy chứng nhận hết hạn ngày {day}", f"certificate expired on {day}"
    if status.status == REVOKED:
        revocation = product.revocation
        decision, day = revocation.decision or "—", vn_date(revocation.date)
        return (f"bị thu hồi theo quyết định {decision} ngày {day}",
                f"revoked by decision {decision} on {day}")
    if status.status == WITHDRAWN:
        withdrawn = product.withdrawn
        day = vn_date(withdrawn.date)
        vi, en = f"ngừng sản xuất từ ngày {day}", f"withdrawn (no longer made) since {day}"
        if withdrawn.replaced_by:
            vi, en = f"{vi}, thay bằng {withdrawn.replaced_by}", f"{en}, replaced by {withdrawn.replaced_by}"
        return vi, en
    if status.status == CANDIDATE:
        later = sorted(c.date for c in product.certificates if c.date and c.date > status.today)
        if later:
            day = vn_date(later[0])
            return (f"chưa có giấy chứng nhận vào ngày {vn_date(status.today)} (quyết định đầu tiên ngày {day})",
                    f"no certificate yet on {vn_date(status.today)} (the first decision is dated {day})")
        return "chưa có giấy chứng nhận", "no certificate yet"
    return f"trạng thái {status.status}", f"status {status.status}"  # pragma: no cover - a new status


@dataclass(frozen=True)
class Selection:
    chosen: list  # (product, status) that may carry the mark, in the order asked (or by id)
    refused: list  # Refusal, in the order asked (or by id)


def select_for_labels(dataset, ids=None) -> Selection:
    """The products to label on ``dataset.today``: those asked for by ``ids`` (all when None) that may
    carry the OCOP mark; the others, with the reason, in ``refused``."""
    good = dataset.good_products()
    by_id = {p.id: p for p in good}

    def judge(product):
        status = status_on(product, dataset.today)
        reason = refusal_reason(product, status)
        if reason:
            refused.append(Refusal(product.id, *reason))
        else:
            chosen.append((product, status))

    chosen, refused = [], []
    if ids is None:
        for product in good:
            judge(product)
        return Selection(chosen, refused)
    bad_files = dataset.files_with_errors()
    with_errors = {p.id: p.source for p in dataset.products if p.id and p.source in bad_files}
    aliases = {alias: p.id for p in good for alias in p.aliases}
    for wanted in dict.fromkeys(ids):  # each id once, in the order asked
        product = by_id.get(wanted)
        if product is None:
            if wanted in with_errors:
                source = with_errors[wanted]
                reason = (f"hồ sơ {source} có lỗi, sửa trước (xem: ocop validate)",
                          f"the record {source} has errors; fix it first (see: ocop validate)")
            elif wanted in aliases:
                reason = (f"mã cũ, nay là {aliases[wanted]}", f"an old id, now {aliases[wanted]}")
            else:
                reason = (f"không có hồ sơ mang mã này trong {dataset.folder.as_posix()}/",
                          f"unknown id: no record in {dataset.folder.as_posix()}/")
            refused.append(Refusal(wanted, *reason))
            continue
        judge(product)
    return Selection(chosen, refused)


# -- one label -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Label:
    product_id: str
    payload: str  # what the QR code holds
    stars: int | None
    version: int
    level: str  # error correction, Q or H
    modules: tuple  # rows of booleans, without quiet zone

    @property
    def modules_across(self) -> int:
        return len(self.modules) + 2 * QUIET_ZONE


def make_label(product_id: str, stars: int | None, site_url: str, qr_base: str | None = None) -> Label:
    payload = qr_payload(site_url, product_id, qr_base)
    version, level, modules = qr_matrix(payload)
    return Label(product_id, payload, stars, version, level, tuple(tuple(row) for row in modules))


# Shapes, in mm from the label's (or the page's) top-left corner, y downwards.

@dataclass(frozen=True)
class QrShape:
    x: float  # the first module, inside the quiet zone
    y: float
    module: float
    modules: tuple


@dataclass(frozen=True)
class PolygonShape:
    points: tuple


@dataclass(frozen=True)
class TextShape:
    text: str  # ASCII: the built-in font has no Vietnamese letters
    x: float  # pen origin on the baseline
    baseline: float
    em: float  # font size
    bold: bool = False


@dataclass(frozen=True)
class LineShape:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


# Proportions of the bottom quarter, as shares of the label's side.
ID_BASELINE, ID_CAP = 0.845, 0.075
MARK_BASELINE, MARK_CAP, STAR_HEIGHT = 0.96, 0.075, 0.085
TEXT_WIDTH = 0.9  # the longest a text line may be
BOLD_STROKE = 0.025  # of the em, for the word mark
STAR_INNER = math.sin(math.radians(18)) / math.sin(math.radians(54))  # a regular five-pointed star


@lru_cache(maxsize=64)
def _font(size: float):
    return ImageFont.load_default(size=size)


_REFERENCE_EM = 1000


def _stroke(em: float, bold: bool) -> int:
    return max(1, round(em * BOLD_STROKE)) if bold else 0


@lru_cache(maxsize=1)
def _cap_ratio() -> float:
    return -_font(_REFERENCE_EM).getbbox("H", anchor="ls")[1] / _REFERENCE_EM


@lru_cache(maxsize=256)
def _ink(text: str, bold: bool) -> tuple[float, float]:
    """(left, right) of the ink from the pen origin, per unit of em."""
    left, _, right, _ = _font(_REFERENCE_EM).getbbox(text, anchor="ls",
                                                     stroke_width=_stroke(_REFERENCE_EM, bold))
    return left / _REFERENCE_EM, right / _REFERENCE_EM


def _centred_text(text: str, centre: float, baseline: float, cap: float, max_width: float, bold=False):
    em = cap / _cap_ratio()
    left, right = _ink(text, bold)
    if (right - left) * em > max_width:
        em = max_width / (right - left)
    return TextShape(text, centre - (left + right) / 2 * em, baseline, em, bold)


def _star(cx: float, cy: float, outer: float) -> PolygonShape:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else outer * STAR_INNER
        angle = math.radians(-90 + 36 * i)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return PolygonShape(tuple(points))


def label_shapes(label: Label, size_mm, x0: float = 0.0, y0: float = 0.0) -> list:
    """The label drawn at (x0, y0): QR code, id, word mark and stars."""
    side = float(size_mm)
    qr_side = side * float(QR_SHARE)
    module = qr_side / label.modules_across
    shapes = [QrShape(x0 + (side - qr_side) / 2 + QUIET_ZONE * module, y0 + QUIET_ZONE * module,
                      module, label.modules)]
    centre = x0 + side / 2
    shapes.append(_centred_text(label.product_id, centre, y0 + ID_BASELINE * side, ID_CAP * side,
                                TEXT_WIDTH * side))
    # "OCOP" then the stars, centred together on one baseline.
    mark_em = MARK_CAP * side / _cap_ratio()
    left, right = _ink("OCOP", True)
    stars = label.stars or 0
    outer = STAR_HEIGHT * side / (1 + math.cos(math.radians(36)))
    star_width = 2 * outer * math.sin(math.radians(72))
    gap, spacing = 0.3 * MARK_CAP * side, 0.15 * star_width
    row = (right - left) * mark_em + (gap + stars * star_width + (stars - 1) * spacing if stars else 0)
    start = centre - row / 2
    baseline = y0 + MARK_BASELINE * side
    shapes.append(TextShape("OCOP", start - left * mark_em, baseline, mark_em, True))
    x = start + (right - left) * mark_em + gap
    for _ in range(stars):
        shapes.append(_star(x + star_width / 2, baseline - outer * math.cos(math.radians(36)), outer))
        x += star_width + spacing
    return shapes


def _num(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# -- SVG -----------------------------------------------------------------------------------------------

SVG_FONT = "Aileron, Arial, Helvetica, sans-serif"


def label_svg(label: Label, size_mm) -> bytes:
    """One label as a vector SVG of its true size (width and height in mm; one user unit is 1 mm)."""
    side = _num(float(size_mm))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}mm" height="{side}mm" '
             f'viewBox="0 0 {side} {side}">',
             f"<title>OCOP {label.product_id}: {label.payload}</title>",
             f'<rect width="{side}" height="{side}" fill="#fff"/>']
    for shape in label_shapes(label, size_mm):
        if isinstance(shape, QrShape):
            # In module units, like ocop/outputs/qr.py's web SVG, scaled to the module size.
            d = "".join(f"M{x} {y}h{n}v1H{x}z" for x, y, n in dark_runs(shape.modules))
            parts.append(f'<path transform="translate({_num(shape.x)} {_num(shape.y)}) scale({shape.module:.6f})" '
                         f'shape-rendering="crispEdges" fill="#000" d="{d}"/>')
        elif isinstance(shape, PolygonShape):
            points = " ".join(f"{_num(x)},{_num(y)}" for x, y in shape.points)
            parts.append(f'<polygon fill="#000" points="{points}"/>')
        elif isinstance(shape, TextShape):
            left, right = _ink(shape.text, shape.bold)
            weight = ' font-weight="bold"' if shape.bold else ""
            # textLength keeps the width the layout measured, whatever font the reader has.
            parts.append(f'<text x="{_num(shape.x + left * shape.em)}" y="{_num(shape.baseline)}" '
                         f'font-family="{SVG_FONT}" font-size="{_num(shape.em)}"{weight} '
                         f'textLength="{_num((right - left) * shape.em)}" lengthAdjust="spacingAndGlyphs" '
                         f'fill="#000">{shape.text}</text>')
    parts.append("</svg>")
    return "\n".join(parts).encode("ascii") + b"\n"


# -- PNG -----------------------------------------------------------------------------------------------

def _draw(image, shapes, scale: float):
    """Draw shapes (mm) on a white "L" image at ``scale`` pixels per mm."""
    draw = ImageDraw.Draw(image)

    def px(value):
        return round(value * scale)

    for shape in shapes:
        if isinstance(shape, QrShape):
            # Edges on the nearest pixel of the exact position, as a RIP would place them.
            for x, y, n in dark_runs(shape.modules):
                left, top = px(shape.x + x * shape.module), px(shape.y + y * shape.module)
                right, bottom = px(shape.x + (x + n) * shape.module), px(shape.y + (y + 1) * shape.module)
                draw.rectangle((left, top, right - 1, bottom - 1), fill=0)
        elif isinstance(shape, PolygonShape):
            draw.polygon([(x * scale, y * scale) for x, y in shape.points], fill=0)
        elif isinstance(shape, TextShape):
            em = shape.em * scale
            draw.text((shape.x * scale, shape.baseline * scale), shape.text, font=_font(em), fill=0,
                      anchor="ls", stroke_width=_stroke(em, shape.bold), stroke_fill=0)
        elif isinstance(shape, LineShape):
            width = max(1, px(shape.width))
            draw.line((shape.x1 * scale, shape.y1 * scale, shape.x2 * scale, shape.y2 * scale), fill=0, width=width)


def label_png(label: Label, size_mm, dpi: int = 600) -> bytes:
    """One label as a 1-bit PNG at ``dpi`` (written in the file, so layout programs place it at its size)."""
    scale = dpi / 25.4
    pixels = round(float(size_mm) * scale)
    image = Image.new("L", (pixels, pixels), 255)
    _draw(image, label_shapes(label, size_mm), scale)
    out = io.BytesIO()
    image.point(lambda v: 255 if v >= 128 else 0).convert("1", dither=Image.Dither.NONE).save(
        out, format="PNG", dpi=(dpi, dpi), optimize=True)
    return out.getvalue()


# -- A4 sheets -----------------------------------------------------------------------------------------

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297  # A4
PAGE_MARGIN_MM = 10  # most office and shop printers cannot print closer to the edge
GRID_TOP_MM = 20  # below the header line
GUTTER_MM = 10  # between labels: room for both labels' crop marks
CROP_OFFSET_MM, CROP_LENGTH_MM, CROP_WIDTH_MM = 1.5, 3.0, 0.1  # marks start 1.5 mm off the corner
HEADER_BASELINE_MM, HEADER_CAP_MM = 13.0, 2.2
TEXT_DPI = 1200  # stencils of text in the PDF
MM_TO_PT = 72 / 25.4


def sheet_grid(size_mm) -> tuple[int, int]:
    """(columns, rows) of labels of ``size_mm`` on an A4 sheet."""
    side = float(size_mm)
    columns = int((PAGE_WIDTH_MM - 2 * PAGE_MARGIN_MM + GUTTER_MM) // (side + GUTTER_MM))
    rows = int((PAGE_HEIGHT_MM - GRID_TOP_MM - PAGE_MARGIN_MM + GUTTER_MM) // (side + GUTTER_MM))
    return columns, rows


def labels_per_sheet(size_mm) -> int:
    columns, rows = sheet_grid(size_mm)
    return columns * rows


def crop_marks(x: float, y: float, side: float) -> list:
    """Two short lines at each corner of the square at (x, y), on the prolonged edges, outside it."""
    marks = []
    near, far = CROP_OFFSET_MM, CROP_OFFSET_MM + CROP_LENGTH_MM
    for cx, sx in ((x, -1), (x + side, 1)):
        for cy, sy in ((y, -1), (y + side, 1)):
            marks.append(LineShape(cx + sx * near, cy, cx + sx * far, cy, CROP_WIDTH_MM))
            marks.append(LineShape(cx, cy + sy * near, cx, cy + sy * far, CROP_WIDTH_MM))
    return marks


def sheet_shapes(labels, size_mm, header: str = "") -> list[list]:
    """Shapes of each A4 page: the header, then each label and its crop marks, row by row."""
    side = float(size_mm)
    columns, rows = sheet_grid(size_mm)
    per_page = columns * rows
    left = (PAGE_WIDTH_MM - (columns * side + (columns - 1) * GUTTER_MM)) / 2
    pages = [labels[i:i + per_page] for i in range(0, len(labels), per_page)] or [[]]
    result = []
    for number, page in enumerate(pages, 1):
        title = f"{header}   {number}/{len(pages)}".strip()
        header_line = _centred_text(title, 0, HEADER_BASELINE_MM, HEADER_CAP_MM, PAGE_WIDTH_MM - 2 * PAGE_MARGIN_MM)
        left_ink = _ink(title, False)[0] * header_line.em
        shapes = [TextShape(title, PAGE_MARGIN_MM - left_ink, HEADER_BASELINE_MM, header_line.em)]
        for index, label in enumerate(page):
            x = left + (index % columns) * (side + GUTTER_MM)
            y = GRID_TOP_MM + (index // columns) * (side + GUTTER_MM)
            shapes += label_shapes(label, size_mm, x, y)
            shapes += crop_marks(x, y, side)
        result.append(shapes)
    return result


def _text_stencil(text: str, em_mm: float, bold: bool):
    """(1-bit image, its left and top from the pen origin in mm) of ``text`` at ``TEXT_DPI``."""
    scale = TEXT_DPI / 25.4
    em = em_mm * scale
    font, stroke = _font(em), _stroke(em, bold)
    left, top, right, bottom = font.getbbox(text, anchor="ls", stroke_width=stroke)
    image = Image.new("L", (max(1, right - left), max(1, bottom - top)), 255)
    ImageDraw.Draw(image).text((-left, -top), text, font=font, fill=0, anchor="ls",
                               stroke_width=stroke, stroke_fill=0)
    stencil = image.point(lambda v: 255 if v >= 128 else 0).convert("1", dither=Image.Dither.NONE)
    return stencil, left / scale, top / scale


class _PdfWriter:
    """The few PDF objects a sheet of labels needs (PDF 1.4, ISO 32000-1 §7)."""

    def __init__(self):
        self.objects = []  # bytes of each object, numbered from 1

    def reserve(self) -> int:
        self.objects.append(None)
        return len(self.objects)

    def set(self, number: int, body: bytes):
        self.objects[number - 1] = body

    def add(self, body: bytes) -> int:
        number = self.reserve()
        self.set(number, body)
        return number

    def stream(self, dictionary: str, data: bytes) -> bytes:
        packed = zlib.compress(data, 9)
        return (f"<< {dictionary} /Filter /FlateDecode /Length {len(packed)} >>\nstream\n".encode("ascii")
                + packed + b"\nendstream")

    def output(self, root: int, info: int) -> bytes:
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, 1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode("ascii")
        for offset in offsets:
            out += f"{offset:010d} 00000 n \n".encode("ascii")
        out += (f"trailer\n<< /Size {len(self.objects) + 1} /Root {root} 0 R /Info {info} 0 R >>\n"
                f"startxref\n{xref}\n%%EOF\n").encode("ascii")
        return bytes(out)


def _pdf_string(text: str) -> str:
    """A PDF text string: UTF-16BE with its byte-order mark, as hex (any language, ASCII file)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def sheets_pdf(labels, size_mm, header: str = "", title: str = "OCOP labels") -> bytes:
    """A4 pages of labels in a grid with gutters and crop marks, as a vector PDF (black only)."""
    pdf = _PdfWriter()
    pages_number = pdf.reserve()
    stencils = {}  # (text, em, bold) -> (name, object number, left, top, width, height) in mm
    page_numbers = []
    width_pt, height_pt = _num(PAGE_WIDTH_MM * MM_TO_PT), _num(PAGE_HEIGHT_MM * MM_TO_PT)
    for shapes in sheet_shapes(labels, size_mm, header):
        # Millimetres, y downwards, from the top-left corner of the page.
        ops = [f"{_num(MM_TO_PT)} 0 0 {_num(-MM_TO_PT)} 0 {height_pt} cm", "0 g", "0 G"]
        for shape in shapes:
            if isinstance(shape, QrShape):
                m = shape.module
                ops.extend(f"{_num(shape.x + x * m)} {_num(shape.y + y * m)} {_num(n * m)} {_num(m)} re"
                           for x, y, n in dark_runs(shape.modules))
                ops.append("f")
            elif isinstance(shape, PolygonShape):
                (x, y), *rest = shape.points
                ops.append(f"{_num(x)} {_num(y)} m " + " ".join(f"{_num(a)} {_num(b)} l" for a, b in rest) + " h f")
            elif isinstance(shape, LineShape):
                ops.append(f"{_num(shape.width)} w {_num(shape.x1)} {_num(shape.y1)} m "
                           f"{_num(shape.x2)} {_num(shape.y2)} l S")
            elif isinstance(shape, TextShape):
                key = (shape.text, round(shape.em, 4), shape.bold)
                if key not in stencils:
                    image, left, top = _text_stencil(shape.text, shape.em, shape.bold)
                    number = pdf.add(pdf.stream(
                        f"/Type /XObject /Subtype /Image /Width {image.width} /Height {image.height} "
                        f"/ImageMask true /BitsPerComponent 1", image.tobytes()))
                    scale = TEXT_DPI / 25.4
                    stencils[key] = (f"T{len(stencils)}", number, left, top,
                                     image.width / scale, image.height / scale)
                name, _, left, top, w, h = stencils[key]
                x, y = shape.x + left, shape.baseline + top
                # The image's first row is the top of its unit square; the page is y-down.
                ops.append(f"q {_num(w)} 0 0 {_num(-h)} {_num(x)} {_num(y + h)} cm /{name} Do Q")
        content = pdf.add(pdf.stream("", "\n".join(ops).encode("ascii")))
        page_numbers.append((pdf.reserve(), content))
    xobjects = " ".join(f"/{name} {number} 0 R" for name, number, *_ in stencils.values())
    resources = pdf.add(f"<< /XObject << {xobjects} >> >>".encode("ascii"))
    for page, content in page_numbers:
        pdf.set(page, (f"<< /Type /Page /Parent {pages_number} 0 R /MediaBox [0 0 {width_pt} {height_pt}] "
                       f"/Resources {resources} 0 R /Contents {content} 0 R >>").encode("ascii"))
    kids = " ".join(f"{page} 0 R" for page, _ in page_numbers)
    pdf.set(pages_number, f"<< /Type /Pages /Kids [{kids}] /Count {len(page_numbers)} >>".encode("ascii"))
    root = pdf.add(f"<< /Type /Catalog /Pages {pages_number} 0 R >>".encode("ascii"))
    info = pdf.add(f"<< /Title {_pdf_string(title)} /Producer (ocop labels) >>".encode("ascii"))
    return pdf.output(root, info)
