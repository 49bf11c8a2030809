"""QR codes: they scan, at the error correction and size we promise, and the cache works.

A printed code lives for years, so the checks decode the PNG and the SVG with
an independent reader (zxing-cpp) instead of trusting the encoder.
"""

import concurrent.futures
import io
import re
import xml.etree.ElementTree as ET

import pytest
import qrcode
import qrcode.constants
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from ocop.outputs import qr

URL = "https://ocop.example.vn/p/LC-0001/"
SVG_NS = "{http://www.w3.org/2000/svg}"
PIXELS_PER_MODULE = 12  # round(0.5 mm / 25.4 mm × 600 dpi) = round(11.81)


def decode(image):
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(results) == 1, f"expected one QR code, zxing-cpp found {len(results)}"
    return results[0]


def png_image(url=URL, **kwargs):
    image = Image.open(io.BytesIO(qr.qr_png(url, **kwargs)))
    image.load()
    return image


def svg_modules(svg_bytes):
    """Rasterise our SVG (one fill path of 'M x y h n v1 H x z' runs) to a module grid."""
    root = ET.fromstring(svg_bytes)
    size = int(root.get("viewBox").split()[2])
    grid = [[False] * size for _ in range(size)]
    paths = root.findall(f"{SVG_NS}path")
    assert [p.get("fill") for p in paths] == ["#fff", "#000"]
    runs = re.findall(r"M(\d+) (\d+)h(\d+)v1H(\d+)z", paths[1].get("d"))
    assert "".join(f"M{x} {y}h{n}v1H{x2}z" for x, y, n, x2 in runs) == paths[1].get("d")
    for x, y, n, x2 in runs:
        assert x == x2
        for col in range(int(x), int(x) + int(n)):
            grid[int(y)][col] = True
    return grid


def grid_image(grid, scale=8):
    size = len(grid)
    data = bytes(0 if cell else 255 for row in grid for cell in row)
    return Image.frombytes("L", (size, size), data).resize((size * scale, size * scale), Image.Resampling.NEAREST)


def test_png_decodes_to_the_url_as_a_qr_code():
    barcode = decode(png_image())
    assert barcode.text == URL
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode


def test_error_correction_reported_by_the_reader_is_what_qr_matrix_says():
    version, level, _ = qr.qr_matrix(URL)
    barcode = decode(png_image())
    assert barcode.ec_level == level == "H"  # 34 bytes fit version 4 at H as at Q
    assert str(barcode.extra.get("Version")) == str(version) == "4"


def q_version(url):
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q)
    code.add_data(url.encode())
    return code.best_fit()


@pytest.mark.parametrize(
    "url, level",
    [
        (URL, "H"),
        # 17 bytes: version 2 at Q (holds 20) but 3 at H (version 2-H holds 16).
        ("https://x.vn/p/A/", "Q"),
        ("https://ocop-laichau.example.vn/catalogue/en/p/LC-0001/", "Q"),
    ],
)
def test_error_correction_is_h_when_free_else_q(url, level):
    version, found, _ = qr.qr_matrix(url)
    assert found == level
    assert version == q_version(url)  # never larger than the Q symbol
    assert decode(png_image(url)).ec_level == level


def test_png_geometry_is_print_ready():
    version, _, modules = qr.qr_matrix(URL)
    n = 17 + 4 * version
    assert len(modules) == n and all(len(row) == n for row in modules)
    assert qr.module_pixels() == PIXELS_PER_MODULE

    image = png_image()
    assert image.mode in ("1", "L")
    assert image.info["dpi"] == pytest.approx((600, 600), abs=0.01)
    assert image.size == ((n + 8) * PIXELS_PER_MODULE,) * 2

    gray = image.convert("L")
    left, top, right, bottom = gray.point(lambda v: 255 - v).getbbox()  # box of the dark pixels
    quiet = 4 * PIXELS_PER_MODULE
    width, height = gray.size
    assert min(left, top, width - right, height - bottom) >= quiet
    # The finder patterns sit in three corners, so the dark box is the symbol.
    assert (right - left, bottom - top) == (n * PIXELS_PER_MODULE,) * 2

    # Every module is a square of 12 × 12 identical pixels matching the matrix.
    for r in range(n):
        for c in range(n):
            x0, y0 = (c + 4) * PIXELS_PER_MODULE, (r + 4) * PIXELS_PER_MODULE
            block = gray.crop((x0, y0, x0 + PIXELS_PER_MODULE, y0 + PIXELS_PER_MODULE))
            assert block.getextrema() == ((0, 0) if modules[r][c] else (255, 255))


def test_png_module_size_follows_dpi_and_module_mm():
    image = png_image(dpi=300, module_mm=0.8)  # round(9.45) = 9 px
    version, _, _ = qr.qr_matrix(URL)
    assert image.size == ((17 + 4 * version + 8) * 9,) * 2
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    with pytest.raises(ValueError):
        qr.qr_png(URL, dpi=72, module_mm=0.1)


def test_svg_is_scalable_xml_with_a_quiet_zone_and_scans():
    svg = qr.qr_svg(URL)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    version, _, modules = qr.qr_matrix(URL)
    size = 17 + 4 * version + 8
    assert root.get("viewBox") == f"0 0 {size} {size}"
    assert root.get("width") is None and root.get("height") is None
    assert root.get("shape-rendering") == "crispEdges"

    grid = svg_modules(svg)
    blank = [False] * size
    expected = [blank] * 4 + [[False] * 4 + row + [False] * 4 for row in modules] + [blank] * 4
    assert grid == expected
    assert decode(grid_image(grid)).text == URL


def test_svg_and_png_are_the_same_symbol():
    svg_grid = svg_modules(qr.qr_svg(URL))
    png = png_image().convert("L")
    half = PIXELS_PER_MODULE // 2
    png_grid = [
        [png.getpixel((c * PIXELS_PER_MODULE + half, r * PIXELS_PER_MODULE + half)) == 0 for c in range(len(svg_grid))]
        for r in range(len(svg_grid))
    ]
    assert png_grid == svg_grid


@settings(max_examples=25, deadline=None)
@given(path=st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/", max_size=60))
def test_any_url_round_trips(path):
    url = f"https://ocop.example.vn/{path}"
    barcode = decode(png_image(url, dpi=96, module_mm=1))  # 4 px modules: fast
    assert barcode.text == url
    assert barcode.ec_level in ("Q", "H")


def test_empty_url_is_refused():
    with pytest.raises(ValueError):
        qr.qr_matrix("")


@pytest.fixture
def counted_render(monkeypatch):
    calls = []
    original = qr.render

    def counting(url, *args, **kwargs):
        calls.append(url)
        return original(url, *args, **kwargs)

    monkeypatch.setattr(qr, "render", counting)
    return calls


def test_cache_renders_once_and_returns_identical_bytes(tmp_path, counted_render):
    cache_dir = tmp_path / "not" / "yet" / "there"
    cache = qr.QrCache(cache_dir)
    first = cache.get(URL)
    assert counted_render == [URL]
    assert first == (qr.qr_svg(URL), qr.qr_png(URL))

    path = cache.path(URL)
    assert path.parent == cache_dir / "qr"
    assert re.fullmatch(r"[0-9a-f]{64}", path.stem)
    entry = path.read_bytes()
    assert first[0] in entry and first[1] in entry  # one file holds both

    assert cache.get(URL) == first
    assert qr.QrCache(cache_dir).get(URL) == first  # a later build, same folder
    assert counted_render == [URL]
    assert [p.name for p in (cache_dir / "qr").iterdir()] == [path.name]


def test_cache_keeps_different_urls_apart(tmp_path, counted_render):
    cache = qr.QrCache(tmp_path)
    other = "https://ocop.example.vn/p/LC-0002/"
    a, b = cache.get(URL), cache.get(other)
    assert a != b
    assert cache.path(URL) != cache.path(other)
    assert len(list((tmp_path / "qr").iterdir())) == 2
    assert decode(Image.open(io.BytesIO(b[1]))).text == other
    assert counted_render == [URL, other]


def test_cache_key_changes_with_the_rendering_code_and_print_size(tmp_path, monkeypatch):
    default = qr.QrCache(tmp_path).key(URL)
    assert qr.QrCache(tmp_path, dpi=300).key(URL) != default
    monkeypatch.setattr(qr, "RENDER_VERSION", "ocop-qr-test")
    assert qr.QrCache(tmp_path).key(URL) != default


@pytest.mark.parametrize("damage", [
    lambda entry: None,  # deleted
    lambda entry: b"",  # emptied
    lambda entry: entry[:-100],  # cut short, e.g. copied from a full disk
    lambda entry: entry[:-20] + bytes(20),  # the end of the PNG overwritten
    lambda entry: entry.replace(b'fill="#000"', b'fill="#f00"'),  # the SVG changed, same length
    lambda entry: entry + b"\n",  # something appended
], ids=["deleted", "empty", "truncated", "png-damaged", "svg-changed", "appended"])
def test_cache_redraws_a_damaged_entry_and_never_serves_it(tmp_path, counted_render, damage):
    cache = qr.QrCache(tmp_path)
    first = cache.get(URL)
    path = cache.path(URL)
    damaged = damage(path.read_bytes())
    if damaged is None:
        path.unlink()
    else:
        path.write_bytes(damaged)
    assert cache.get(URL) == first
    assert len(counted_render) == 2
    assert cache.get(URL) == first and len(counted_render) == 2  # stored whole again


def test_filling_the_cache_in_parallel_gives_the_bytes_drawn_one_by_one(tmp_path):
    """The first build draws its codes in several processes; what lands in the cache must be
    exactly what get() would have drawn."""
    urls = [f"HTTPS://OCOP.EXAMPLE.VN/P/LC-{n:04d}" for n in range(qr.PARALLEL_FROM)]
    parallel = qr.QrCache(tmp_path / "parallel")
    assert parallel.fill(urls, workers=2) == len(urls)
    assert parallel.fill(urls, workers=2) == 0  # all cached now
    serial = qr.QrCache(tmp_path / "serial")
    for url in urls[:: len(urls) // 10]:
        assert parallel.get(url) == serial.get(url)


@pytest.fixture
def cpus(monkeypatch):
    """Set how many cores the machine seems to have."""
    def set_cpus(count):
        monkeypatch.setattr(qr.os, "cpu_count", lambda: count)
    return set_cpus


def test_codes_drawn_in_the_background_are_those_drawn_one_by_one_and_stored(tmp_path, counted_render, cpus):
    """While the build renders pages, a pool draws the missing codes; each page gets its own code,
    and the next build finds every code in the cache."""
    cpus(4)
    urls = [f"HTTPS://OCOP.EXAMPLE.VN/P/LC-{n:04d}" for n in range(qr.PARALLEL_FROM + 1)]
    cache = qr.QrCache(tmp_path / "cache")
    cached = cache.get(urls[0])  # from an earlier build
    with cache.start_fill(urls + urls[:3]) as pending:  # a URL twice is drawn once
        assert pending.drawn == len(urls) - 1
        codes = {url: pending.get(url) for url in reversed(urls)}  # in any order
        assert codes[urls[0]] == cached
    assert counted_render == [urls[0]]  # every other code was drawn in the pool

    serial = qr.QrCache(tmp_path / "serial")
    for url in urls[:: len(urls) // 10]:
        assert codes[url] == serial.get(url)
    again = qr.QrCache(tmp_path / "cache")
    assert again.missing(urls) == []
    assert all(again.get(url) == codes[url] for url in urls)
    assert len(counted_render) == 1 + len(urls[:: len(urls) // 10])  # the serial ones only


@pytest.mark.parametrize("missing, cores", [(qr.PARALLEL_FROM - 1, 4), (qr.PARALLEL_FROM, 1)])
def test_few_codes_or_one_core_are_drawn_in_process_when_asked_for(tmp_path, counted_render, cpus, missing, cores):
    cpus(cores)
    urls = [f"HTTPS://OCOP.EXAMPLE.VN/P/LC-{n:04d}" for n in range(missing)]
    cache = qr.QrCache(tmp_path)
    with cache.start_fill(urls) as pending:
        assert pending.drawn == 0 and counted_render == []
        assert pending.get(urls[5]) == (qr.qr_svg(urls[5]), qr.qr_png(urls[5]))
    assert counted_render == [urls[5]]
    assert cache.missing(urls) == [url for url in urls if url != urls[5]]


class RecordingPool:
    """A stand-in for the process pool that records its size and draws nothing."""

    sizes = []

    def __init__(self, max_workers):
        self.sizes.append(max_workers)

    def submit(self, function, *args):
        future = concurrent.futures.Future()
        future.set_result(None)
        return future

    def shutdown(self, wait, cancel_futures=False):
        pass


@pytest.mark.parametrize("cores, asked, workers", [(2, None, 1), (8, None, 7), (8, 3, 3), (8, 20, 7), (2, 5, 1)])
def test_the_background_pool_leaves_a_core_to_the_build(tmp_path, monkeypatch, cpus, cores, asked, workers):
    cpus(cores)
    monkeypatch.setattr(qr, "ProcessPoolExecutor", RecordingPool)
    RecordingPool.sizes = []
    urls = [f"HTTPS://OCOP.EXAMPLE.VN/P/LC-{n:04d}" for n in range(qr.PARALLEL_FROM)]
    qr.QrCache(tmp_path).start_fill(urls, workers=asked).close()
    assert RecordingPool.sizes == [workers]


def test_with_no_cache_folder_yet_every_code_is_missing_once_in_order(tmp_path):
    cache = qr.QrCache(tmp_path / "never-made")
    urls = ["HTTPS://OCOP.EXAMPLE.VN/P/LC-0002", "HTTPS://OCOP.EXAMPLE.VN/P/LC-0001", "HTTPS://OCOP.EXAMPLE.VN/P/LC-0002"]
    assert cache.missing(urls) == urls[:2]
    cache.get(urls[1])  # drawn and stored: the folder is made
    assert cache.missing(urls) == [urls[0]]
