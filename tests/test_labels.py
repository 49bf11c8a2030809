"""`ocop labels`: print-ready QR labels that scan to the short product address, only for products
that may carry the OCOP mark.

The PDF is rasterised with poppler's pdftoppm (a Debian package installed by .ci/run) and every
code is read back with an independent decoder (zxing-cpp): a printed label lives for years.
"""

import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
import qrcode
import qrcode.util
import zxingcpp
from conftest import GOOD_RECORD, TODAY_ARG, write_record
from PIL import Image

from ocop.outputs import labels
from ocop.outputs.qr import qr_matrix
from ocop.outputs.qr_payload import qr_payload

SITE = "https://ocop.example.vn"
BASE = "HTTPS://OCOP.EXAMPLE.VN"
SVG_NS = "{http://www.w3.org/2000/svg}"
A4_PT = (595.28, 841.89)

# Skipped only on a developer's machine without poppler-utils; in CI (where .ci/run installs it)
# a missing pdftoppm makes the tests fail, so a broken install step cannot pass quietly.
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None and not os.environ.get("CI"),
                                    reason="poppler-utils (pdftoppm) is not installed: see .ci/run")


def record(product_id, extra=""):
    """GOOD_RECORD (valid on TODAY, 3 stars) under another id, plus ``extra`` YAML at the end."""
    text = GOOD_RECORD.replace("id: LC-0001", f"id: {product_id}")
    return text.replace("12-105-03409-1-2024", f"12-105-0{product_id[-4:]}-1-2024") + extra


EXPIRED = (("    date: 2024-06-28", "    date: 2023-05-10"), ("  - date: 2024-06-20", "  - date: 2023-05-02"))
REVOKED = ("revocation:\n  decision: 45/QĐ-UBND\n  date: 2025-03-01\n  ground: b\n"
           "  reason:\n    vi: Không duy trì tiêu chuẩn sau kiểm tra.\n")
WITHDRAWN = "withdrawn:\n  date: 2026-09-01\n  reason:\n    vi: Ngừng sản xuất.\n  replaced_by: LC-0001\n"


@pytest.fixture
def every_status(products):
    """Two valid products (LC-0001, LC-0002) and one of each status that may not carry the mark."""
    write_record(products, "LC-0001", record("LC-0001"))
    write_record(products, "LC-0002", record("LC-0002"))
    expired = record("LC-0003")
    for old, new in EXPIRED:
        expired = expired.replace(old, new)
    write_record(products, "LC-0003", expired)  # expired on 10/05/2026
    write_record(products, "LC-0004", record("LC-0004", REVOKED))
    write_record(products, "LC-0005", record("LC-0005").split("certificates:")[0])  # a candidate
    write_record(products, "LC-0006", record("LC-0006", WITHDRAWN))
    return products


def labels_cmd(run_ocop, *argv):
    return run_ocop("labels", "--today", TODAY_ARG, "--site-url", SITE, *argv)


def pdf_pages(path, dpi=150):
    """Each page of the PDF as a grey Pillow image, rendered by pdftoppm."""
    prefix = path.parent / "page"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(path), str(prefix)], check=True)
    return [Image.open(p) for p in sorted(path.parent.glob("page-*.pgm"))]


def decode_all(image):
    return sorted(r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode))


def media_boxes(pdf: bytes):
    return [tuple(float(v) for v in box.split()) for box in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)]


# -- the payload -------------------------------------------------------------------------------------

def test_the_payload_is_the_short_upper_case_address():
    assert qr_payload(SITE, "LC-0042") == "HTTPS://OCOP.EXAMPLE.VN/P/LC-0042"
    assert qr_payload("", "LC-0042") == "HTTP://LOCALHOST:8000/P/LC-0042"
    assert qr_payload("https://ocop.example.vn/catalogue/", "lc-7") == "HTTPS://OCOP.EXAMPLE.VN/P/LC-7"
    assert qr_payload("https://u:p@ocop.example.vn:443", "LC-7") == "HTTPS://OCOP.EXAMPLE.VN/P/LC-7"
    assert qr_payload("http://192.168.1.5:8000", "LC-7") == "HTTP://192.168.1.5:8000/P/LC-7"
    assert qr_payload(SITE, "LC-7", qr_base="https://qr.example.vn/o/") == "HTTPS://QR.EXAMPLE.VN/O/P/LC-7"


@pytest.mark.parametrize("site_url, qr_base", [("ocop.example.vn", None), ("ftp://ocop.example.vn", None),
                                               (SITE, "https://qr_code.example.vn"), (SITE, "qr.example.vn")])
def test_a_payload_alphanumeric_mode_cannot_carry_is_refused(site_url, qr_base):
    with pytest.raises(ValueError):
        qr_payload(site_url, "LC-0042", qr_base)


def test_the_payload_is_encoded_in_alphanumeric_mode_and_fits_a_version_3_code():
    payload = qr_payload(SITE, "LC-0042")
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q)
    code.add_data(payload.encode("utf-8"))  # as ocop.outputs.qr encodes it
    assert [chunk.mode for chunk in code.data_list] == [qrcode.util.MODE_ALPHA_NUM]
    version, level, modules = qr_matrix(payload)
    assert (version, level, len(modules)) == (3, "H", 29)  # 33 characters: even H fits version 3
    longer = qr_matrix(qr_payload("https://ocop.laichau-example.vn", "LC-0042"))
    assert longer[:2] == (3, "Q")  # a longer domain: H would need version 4, so Q
    lower_case = qr_matrix("https://ocop.example.vn/p/LC-0042/")
    assert lower_case[0] > version  # byte mode: a larger symbol for the same page


# -- sizes ---------------------------------------------------------------------------------------------

def test_sizes_are_read_in_mm_between_20_and_40():
    assert labels.parse_size("25mm") == labels.parse_size("25") == 25
    assert labels.parse_size("22,5") == labels.parse_size("22.5 mm") == Fraction(45, 2)
    for bad in ("19.5mm", "41", "2.5cm", "", "mm"):
        with pytest.raises(ValueError):
            labels.parse_size(bad)


def test_the_smallest_size_keeps_modules_at_least_0_4_mm():
    # 37 modules (version 3 with its quiet zone) on 3/4 of the label: 0.4 × 37 / 0.75 = 19.7 → 20 mm.
    assert labels.modules_across(3) == 37
    assert labels.smallest_size_mm(3) == 20 and labels.module_mm(20, 3) >= Fraction(2, 5)
    assert labels.smallest_size_mm(4) == 22 and labels.module_mm(22, 4) >= Fraction(2, 5) > labels.module_mm(21.5, 4)
    assert labels.smallest_size_mm(5) == 24  # 0.4 × 45 / 0.75 = 24 exactly: no rounding up
    assert labels.smallest_size_mm(8) == Fraction(61, 2)  # 0.4 × 57 / 0.75 = 30.4 → 30.5
    assert labels.smallest_size_mm(20) == 56 > labels.MAX_SIZE_MM  # no allowed size works


# -- the PDF -------------------------------------------------------------------------------------------

@needs_pdftoppm
def test_the_pdf_is_a4_with_one_scannable_label_per_product_that_may_carry_the_mark(every_status, run_ocop,
                                                                                      tmp_path):
    out = tmp_path / "pdf" / "labels.pdf"
    out.parent.mkdir()
    result = labels_cmd(run_ocop, "--out", out)
    assert result.status == 0, result.err
    assert "Wrote 2 labels of 25 mm" in result.out
    # The others are skipped, each with its reason.
    assert "Skipped 4 products" in result.err
    assert "LC-0003: giấy chứng nhận hết hạn ngày 10/05/2026 / certificate expired on 10/05/2026" in result.err
    assert "LC-0004: bị thu hồi theo quyết định 45/QĐ-UBND ngày 01/03/2025" in result.err
    assert "LC-0005: chưa có giấy chứng nhận / no certificate yet" in result.err
    assert "withdrawn (no longer made) since 01/09/2026, replaced by LC-0001" in result.err
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    (box,) = media_boxes(pdf)
    assert box[:2] == (0, 0)
    assert box[2:] == (pytest.approx(A4_PT[0], abs=0.5), pytest.approx(A4_PT[1], abs=0.5))
    (page,) = pdf_pages(out)
    assert page.size[0] in (1240, 1241) and page.size[1] in (1753, 1754)  # A4 at 150 dpi
    assert decode_all(page) == [f"{BASE}/P/LC-0001", f"{BASE}/P/LC-0002"]


@needs_pdftoppm
def test_labels_fill_a_page_then_the_next(products, run_ocop, tmp_path):
    per_page = labels.labels_per_sheet(40)
    assert labels.sheet_grid(40) == (4, 5) and labels.sheet_grid(25) == (5, 7) and labels.sheet_grid(20) == (6, 9)
    ids = [f"LC-{n:04d}" for n in range(1, per_page + 2)]
    for product_id in ids:
        write_record(products, product_id, record(product_id))
    out = tmp_path / "pdf" / "labels.pdf"
    out.parent.mkdir()
    result = labels_cmd(run_ocop, "--size", "40mm", "--out", out)
    assert result.status == 0, result.err
    assert len(media_boxes(out.read_bytes())) == 2 and b"/Count 2" in out.read_bytes()
    first, second = pdf_pages(out, dpi=100)
    assert decode_all(first) == sorted(f"{BASE}/P/{i}" for i in ids[:per_page])
    assert decode_all(second) == [f"{BASE}/P/{ids[-1]}"]


def test_a_folder_is_not_a_pdf_file(every_status, run_ocop, tmp_path):
    result = labels_cmd(run_ocop, "--out", tmp_path)
    assert result.status == 2 and "is a folder" in result.err


# -- PNG and SVG, one file per product ----------------------------------------------------------------

def test_png_labels_are_600_dpi_with_modules_of_at_least_0_4_mm(every_status, run_ocop, tmp_path):
    out = tmp_path / "png"
    result = labels_cmd(run_ocop, "--format", "png", "--size", "20", "--out", out)
    assert result.status == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["LC-0001.png", "LC-0002.png"]
    image = Image.open(out / "LC-0001.png")
    assert image.mode == "1" and round(image.info["dpi"][0]) == round(image.info["dpi"][1]) == 600
    assert image.size == (472, 472)  # 20 mm at 600 dpi
    (barcode,) = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert barcode.text == f"{BASE}/P/LC-0001"
    # The symbol's width (finder pattern to finder pattern, no quiet zone) over its 29 modules.
    position = barcode.position
    width_px = abs(position.top_right.x - position.top_left.x) + 1
    assert width_px / 29 * 25.4 / 600 >= 0.4 - 25.4 / 600 / 29  # within a pixel of the exact 0.405 mm


def svg_grid(path_element):
    """The module grid of our QR path (runs 'M x y h n v1 H x z' in module units)."""
    runs = re.findall(r"M(\d+) (\d+)h(\d+)v1H\d+z", path_element.get("d"))
    size = max(int(y) for _, y, _ in runs) + 1
    grid = [[False] * size for _ in range(size)]
    for x, y, n in runs:
        for column in range(int(x), int(x) + int(n)):
            grid[int(y)][column] = True
    return grid


def test_svg_labels_are_vector_of_the_true_size_and_scan(every_status, run_ocop, tmp_path):
    out = tmp_path / "svg"
    result = labels_cmd(run_ocop, "--format", "svg", "--ids", "LC-0002", "--out", out)
    assert result.status == 0, result.err
    root = ET.parse(out / "LC-0002.svg").getroot()
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("25mm", "25mm", "0 0 25 25")
    (qr_path,) = [p for p in root.iter(f"{SVG_NS}path") if "scale(" in p.get("transform", "")]
    module = float(re.search(r"scale\(([\d.]+)\)", qr_path.get("transform"))[1])
    assert module == pytest.approx(25 * 0.75 / 37, abs=1e-6)
    grid = svg_grid(qr_path)
    assert len(grid) == 29
    quiet = 4
    pixels = bytes(0 if (0 <= y - quiet < 29 and 0 <= x - quiet < 29 and grid[y - quiet][x - quiet]) else 255
                   for y in range(37) for x in range(37))
    image = Image.frombytes("L", (37, 37), pixels).resize((370, 370), Image.Resampling.NEAREST)
    assert decode_all(image) == [f"{BASE}/P/LC-0002"]
    assert [t.text for t in root.iter(f"{SVG_NS}text")] == ["LC-0002", "OCOP"]
    assert len(list(root.iter(f"{SVG_NS}polygon"))) == 3  # the stars, drawn: no ★ glyph needed


# -- refusals ------------------------------------------------------------------------------------------

def test_asking_for_products_that_may_not_carry_the_mark_is_refused_and_nothing_is_written(
        every_status, run_ocop, tmp_path):
    out = tmp_path / "labels.pdf"
    result = labels_cmd(run_ocop, "--ids", "LC-0001", "LC-0003", "LC-0004", "LC-0005", "LC-0006", "LC-0404",
                        "--out", out)
    assert result.status == 1
    assert not out.exists() and list(tmp_path.glob("*.pdf")) == []
    assert "nothing was written" in result.err
    lines = [line.strip() for line in result.err.splitlines() if line.startswith("  ")]
    assert lines == [
        "LC-0003: giấy chứng nhận hết hạn ngày 10/05/2026 / certificate expired on 10/05/2026",
        "LC-0004: bị thu hồi theo quyết định 45/QĐ-UBND ngày 01/03/2025 / "
        "revoked by decision 45/QĐ-UBND on 01/03/2025",
        "LC-0005: chưa có giấy chứng nhận / no certificate yet",
        "LC-0006: ngừng sản xuất từ ngày 01/09/2026, thay bằng LC-0001 / "
        "withdrawn (no longer made) since 01/09/2026, replaced by LC-0001",
        "LC-0404: không có hồ sơ mang mã này trong products/ / unknown id: no record in products/",
    ]


def test_an_unknown_id_alone_is_refused(every_status, run_ocop, tmp_path):
    result = labels_cmd(run_ocop, "--format", "png", "--ids", "LC-9999", "--out", tmp_path / "png")
    assert result.status == 1 and "LC-9999" in result.err and "unknown id" in result.err
    assert not (tmp_path / "png").exists()


def test_a_record_with_errors_is_refused_with_a_pointer_to_validate(every_status, run_ocop, tmp_path):
    write_record(every_status, "LC-0007", record("LC-0007").replace("stars: 3", "stars: 9"))
    result = labels_cmd(run_ocop, "--ids", "LC-0007", "--out", tmp_path / "x.pdf")
    assert result.status == 1 and "ocop validate" in result.err and not (tmp_path / "x.pdf").exists()


def test_a_size_too_small_for_the_longest_payload_says_the_smallest_that_works(every_status, run_ocop,
                                                                                 tmp_path):
    out = tmp_path / "labels.pdf"
    # A longer base needs a version-4 code (41 modules with the quiet zone): 20 mm gives 0.366 mm modules.
    result = labels_cmd(run_ocop, "--qr-base", "https://ocop.laichau-province.gov.vn/catalogue",
                        "--size", "20mm", "--out", out)
    assert result.status == 2 and not out.exists()
    assert "Lỗi cách dùng" in result.err and "Usage error" in result.err
    assert "--size 22mm" in result.err and "0.366 mm" in result.err and "under 0.4 mm" in result.err
    assert labels_cmd(run_ocop, "--qr-base", "https://ocop.laichau-province.gov.vn/catalogue",
                      "--size", "22mm", "--out", out).status == 0


@pytest.mark.parametrize("size", ["19mm", "40.5", "big"])
def test_a_size_outside_20_to_40_mm_is_a_usage_error(every_status, run_ocop, tmp_path, size):
    result = labels_cmd(run_ocop, "--size", size, "--out", tmp_path / "x.pdf")
    assert result.status == 2 and "20" in result.err and "40 mm" in result.err
    assert not (tmp_path / "x.pdf").exists()


def test_codes_pointing_to_localhost_are_flagged_as_for_trying_only(every_status, run_ocop, tmp_path,
                                                                     monkeypatch):
    monkeypatch.delenv("OCOP_SITEURL", raising=False)
    result = run_ocop("labels", "--today", TODAY_ARG, "--site-url", "", "--format", "png", "--ids", "LC-0001",
                      "--out", tmp_path / "png")
    assert result.status == 0 and "HTTP://LOCALHOST:8000" in result.err
    image = Image.open(io.BytesIO((tmp_path / "png" / "LC-0001.png").read_bytes()))
    assert decode_all(image) == ["HTTP://LOCALHOST:8000/P/LC-0001"]


def test_a_site_url_with_a_path_warns_that_the_codes_point_to_the_host_root(every_status, run_ocop, tmp_path):
    result = run_ocop("labels", "--today", TODAY_ARG, "--site-url", "https://user.github.io/ocop/", "--ids",
                      "LC-0001", "--format", "svg", "--out", tmp_path / "svg")
    assert result.status == 0
    assert "HTTPS://USER.GITHUB.IO/P/" in result.err and "--qr-base" in result.err
