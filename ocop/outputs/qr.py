"""QR codes for a product page URL: a compact SVG for the web, a PNG for print.

A printed code lives for years on packages and signs, read by cheap phones
in poor light, so it is encoded once, conservatively, and cached:

- error correction is at least Q (25 % of the symbol may be lost — scratched
  packaging, a glossy reflection) and H (30 %) whenever H fits in the same
  version as Q, so the extra robustness costs nothing in size;
- the quiet zone is the 4 modules the standard asks for;
- the SVG and the PNG are drawn from one matrix, so they are the same symbol.

The symbol is `qrcode`'s: it chooses the version and builds the modules. Only
its mask choice, which built the symbol eight times over, module by module, is
computed here (ocop/outputs/qr_mask.py), with exactly qrcode's scores, and
handed to it. Drawing is done here from the matrix: one SVG path of
horizontal runs is about half the size of the library's one-square-per-module
path (3.9 KB against 8.5 KB for a version-4 code) and has no fixed size in mm;
the PNG is written directly as a 1-bit image, each pixel row built once from
a row of modules — a third of the time Pillow takes for the same pixels.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from bisect import bisect_left
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _package_version
from pathlib import Path

import qrcode
import qrcode.constants
import qrcode.exceptions
import qrcode.util

from ..common.files import write_atomic
from .qr_mask import best_mask

# Bump when the drawing below changes: it is part of every cache key, so the
# cache never serves a code drawn by older code.
RENDER_VERSION = "ocop-qr-3"
# Codes per pool task: the first page waits for the first task (about 30 ms), and pages and codes
# then go side by side.
POOL_CHUNK = 25
# Fewer missing codes than this are drawn in the build's own process. Measured on 2 cores with
# pages rendered meanwhile (2 ms each), one worker against none: a pool of one task is slower (the
# first page waits for all of it: 25 codes, 0.13 s against 0.12 s); from two tasks on it is faster
# (50 codes: 0.21 s against 0.26 s; 5,000: 11.4 s against 22.9 s).
PARALLEL_FROM = 2 * POOL_CHUNK

QUIET_ZONE = 4  # modules, ISO/IEC 18004 §6.3.8

_LEVELS = {
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


def _library_versions() -> str:
    # A new qrcode (symbol layout, data chunks) or zlib (PNG compression) may give different
    # bytes for the same URL: the cache must not mix them.
    try:
        qrcode_version = _package_version("qrcode")
    except PackageNotFoundError:  # pragma: no cover - vendored installs
        qrcode_version = "?"
    return f"qrcode={qrcode_version};zlib={zlib.ZLIB_RUNTIME_VERSION}"


def _data_chunks(url: str) -> list[qrcode.util.QRData]:
    # As QRCode.add_data(data) splits them (its optimize=20).
    return list(qrcode.util.optimal_data_chunks(url.encode("utf-8"), minimum=20))


def _bits_needed(chunks, mode_sizes) -> int:
    """The length of the bit stream ``QRCode.best_fit`` writes, counted instead of written."""
    bits = 0
    for chunk in chunks:
        count = len(chunk)
        if chunk.mode == qrcode.util.MODE_NUMBER:
            body = 10 * (count // 3) + (0, 4, 7)[count % 3]
        elif chunk.mode == qrcode.util.MODE_ALPHA_NUM:
            body = 11 * (count // 2) + 6 * (count % 2)
        else:
            body = 8 * count
        bits += 4 + mode_sizes[chunk.mode] + body
    return bits


def _fitting_version(chunks, error_correction: int) -> int:
    """The version ``QRCode.best_fit`` chooses: the smallest that holds the bits, counted again when
    the length fields grow with the version."""
    start = 1
    while True:
        mode_sizes = qrcode.util.mode_sizes_for_version(start)
        version = bisect_left(qrcode.util.BIT_LIMIT_TABLE[error_correction], _bits_needed(chunks, mode_sizes), start)
        if version == 41:
            raise qrcode.exceptions.DataOverflowError()
        if qrcode.util.mode_sizes_for_version(version) is mode_sizes:
            return version
        start = version


def qr_version(url: str) -> int:
    """The symbol's version, counted from the bits alone (no mask choice, no symbol): cheap enough
    to ask on every build, when the code itself comes from the cache. H is used only at this same
    version."""
    return _fitting_version(_data_chunks(url), _LEVELS["Q"])


def qr_matrix(url: str) -> tuple[int, str, list[list[bool]]]:
    """The symbol for `url`: (version, error-correction letter, modules).

    The modules are rows of booleans (True = dark), without quiet zone; their
    count per side is 17 + 4 · version. They are those of
    ``qrcode.QRCode(error_correction=…, border=0)`` with ``make(fit=True)``.
    """
    if not isinstance(url, str) or not url:
        raise ValueError("url must be a non-empty string")
    chunks = _data_chunks(url)
    version = _fitting_version(chunks, _LEVELS["Q"])
    try:
        fits_h = _fitting_version(chunks, _LEVELS["H"]) == version
    except qrcode.exceptions.DataOverflowError:
        fits_h = False
    level = "H" if fits_h else "Q"
    code = qrcode.QRCode(version=version, error_correction=_LEVELS[level], border=0)
    for chunk in chunks:
        code.add_data(chunk)
    # The codewords, made as makeImpl makes them when it finds none: computed once, they serve the
    # mask choice and then qrcode's own drawing of the symbol with that mask.
    code.data_cache = qrcode.util.create_data(version, code.error_correction, code.data_list)
    code.mask_pattern = best_mask(version, code.data_cache)
    code.make(fit=False)
    return version, level, code.modules


def dark_runs(modules):
    """(column, row, length) of each horizontal run of dark modules: few shapes draw a whole symbol."""
    # A plain loop: runs are short (two modules on average), and a regular expression over the
    # row's bytes measured slower.
    for y, row in enumerate(modules):
        x, n = 0, len(row)
        while x < n:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < n and row[x]:
                x += 1
            yield start, y, x - start


def _svg_from_matrix(modules: list[list[bool]]) -> bytes:
    size = len(modules) + 2 * QUIET_ZONE
    runs = [f"M{x + QUIET_ZONE} {y + QUIET_ZONE}h{n}v1H{x + QUIET_ZONE}z" for x, y, n in dark_runs(modules)]
    # No width/height: the page's CSS decides the size; the viewBox counts
    # modules, so one user unit is one module. The white square keeps the
    # quiet zone white on a dark or patterned background.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges">'
        f'<path fill="#fff" d="M0 0h{size}v{size}H0z"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    ).encode("ascii")


def module_pixels(dpi: int = 600, module_mm: float = 0.5) -> int:
    """Pixels per module for a print at `dpi` with modules of `module_mm`."""
    pixels = round(module_mm / 25.4 * dpi)
    if pixels < 1:
        raise ValueError(f"{module_mm} mm at {dpi} dpi is less than one pixel per module")
    return pixels


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_from_matrix(modules: list[list[bool]], dpi: int, module_mm: float) -> bytes:
    pixels = module_pixels(dpi, module_mm)
    width = (len(modules) + 2 * QUIET_ZONE) * pixels
    padding = -width % 8  # a 1-bit PNG row fills whole bytes
    row_bytes = (width + padding) // 8
    # One character per pixel, 1 = white (a 1-bit greyscale PNG), each module `pixels` wide: every
    # row of pixels is built once and repeated, so the module squares are exact.
    module_pixels_of = {0: "1" * pixels, 1: "0" * pixels}
    margin = "1" * (QUIET_ZONE * pixels)
    end = margin + "1" * padding
    quiet = [b"\x00" + b"\xff" * row_bytes] * (QUIET_ZONE * pixels)  # b"\x00": PNG row filter None
    rows = list(quiet)
    for row in modules:
        line = margin + bytes(row).decode("latin-1").translate(module_pixels_of) + end
        rows += [b"\x00" + int(line, 2).to_bytes(row_bytes, "big")] * pixels
    rows += quiet
    per_metre = int(dpi / 0.0254 + 0.5)  # pHYs as Pillow writes it, so layout programs read the dpi
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, width, 1, 0, 0, 0, 0)),  # 1 bit, greyscale
        _png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        # Level 6 (zlib's default): 9 saves a few bytes for four times the time, 1 doubles the size.
        _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 6)),
        _png_chunk(b"IEND", b""),
    ))


def qr_svg(url: str) -> bytes:
    """A compact, scalable SVG of the QR code for `url`, black on white."""
    return _svg_from_matrix(qr_matrix(url)[2])


def qr_png(url: str, dpi: int = 600, module_mm: float = 0.5) -> bytes:
    """A 1-bit PNG of the QR code for `url`, for print at `dpi`.

    Each module is round(module_mm / 25.4 · dpi) pixels (12 at the defaults,
    i.e. 0.508 mm); the dpi is written in the PNG (pHYs) so that layout
    programs place it at its true size.
    """
    return _png_from_matrix(qr_matrix(url)[2], dpi, module_mm)


def render(url: str, dpi: int = 600, module_mm: float = 0.5) -> tuple[bytes, bytes]:
    """(SVG, PNG) for `url`, from one encoding."""
    modules = qr_matrix(url)[2]
    return _svg_from_matrix(modules), _png_from_matrix(modules, dpi, module_mm)


# A cache entry: this mark, the SVG's and the PNG's lengths and a CRC-32 of both, then the SVG and
# the PNG. An entry that does not add up (cut short, overwritten, from another program) is redrawn.
_ENTRY_MARK = b"OCOP-QR\x01"
_ENTRY_HEADER = struct.Struct(">8sIII")


def _entry(svg: bytes, png: bytes) -> bytes:
    return _ENTRY_HEADER.pack(_ENTRY_MARK, len(svg), len(png), zlib.crc32(png, zlib.crc32(svg))) + svg + png


def _read_entry(data: bytes) -> tuple[bytes, bytes] | None:
    if len(data) < _ENTRY_HEADER.size:
        return None
    mark, svg_length, png_length, crc = _ENTRY_HEADER.unpack_from(data)
    body = memoryview(data)[_ENTRY_HEADER.size:]
    if mark != _ENTRY_MARK or len(body) != svg_length + png_length or zlib.crc32(body) != crc:
        return None
    return bytes(body[:svg_length]), bytes(body[svg_length:])


class QrCache:
    """QR codes on disk, keyed by URL and rendering code, drawn only on a miss.

    Each code is one file, ``cache_dir/qr/<sha256>.qr``, holding its SVG and its PNG; the folder
    should be outside Pelican's output folder (which a build may wipe) and is created when needed.
    """

    def __init__(self, cache_dir: str | os.PathLike, dpi: int = 600, module_mm: float = 0.5):
        module_pixels(dpi, module_mm)  # reject impossible sizes early
        self.folder = Path(cache_dir) / "qr"
        self.dpi = dpi
        self.module_mm = module_mm
        self._version = f"{RENDER_VERSION};{_library_versions()};dpi={dpi};mm={module_mm!r}"

    def key(self, url: str) -> str:
        return hashlib.sha256(f"{url}\n{self._version}".encode("utf-8")).hexdigest()

    def file_name(self, url: str) -> str:
        """The name of the code's file in the cache folder."""
        return f"{self.key(url)}.qr"

    def path(self, url: str) -> Path:
        """Where the code for `url` is (or will be) stored."""
        return self.folder / self.file_name(url)

    def get(self, url: str) -> tuple[bytes, bytes]:
        """(SVG, PNG) for `url`: from the cache, or drawn and stored."""
        try:
            cached = _read_entry(self.path(url).read_bytes())
        except FileNotFoundError:
            cached = None
        if cached is not None:
            return cached
        svg, png = render(url, self.dpi, self.module_mm)
        self._store(url, svg, png)
        return svg, png

    def _store(self, url: str, svg: bytes, png: bytes) -> None:
        path = self.path(url)
        try:
            write_atomic(path, _entry(svg, png))
        except FileNotFoundError:  # the first code of this cache: no folder yet
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(path, _entry(svg, png))

    def missing(self, urls) -> list[str]:
        """The URLs (once each, in order) with no entry yet. A damaged entry counts as present
        here; ``get`` finds it out and redraws it."""
        # One listing of the folder, not one stat per code: a rebuild asks for every product's code.
        try:
            present = set(os.listdir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            present = set()
        return [url for url in dict.fromkeys(urls) if self.file_name(url) not in present]

    def start_fill(self, urls, workers: int | None = None) -> PendingCodes:
        """Start drawing the codes not yet cached in other processes, and return at once, so that
        the build renders its pages while the codes are drawn; ``get`` on the result gives each
        code, waiting for it if need be.

        The build's own process keeps one core: at most ``os.cpu_count() - 1`` workers (``workers``
        lowers that), at least 1. With fewer than PARALLEL_FROM missing codes, or a single core,
        nothing is started: each code is drawn when asked for, in this process."""
        cpus = os.cpu_count() or 1
        missing = self.missing(urls)
        if len(missing) < PARALLEL_FROM or cpus < 2:
            return PendingCodes(self, missing=[])
        return PendingCodes(self, missing, max(1, min(workers or cpus, cpus - 1)))

    def fill(self, urls, workers: int | None = None, progress=None) -> int:
        """Draw every code not yet cached, in parallel processes, and wait for them; returns how
        many were drawn.

        The bytes are the same as ``get`` draws one by one. ``progress(items, total)``, when
        given, wraps the drawn codes as they come (the build shows how far a long first drawing
        is). With fewer than PARALLEL_FROM missing codes, or fewer than 2 workers (by default one
        per core: this process only waits), nothing is drawn here: ``get`` draws them as they come.
        """
        missing = self.missing(urls)
        workers = workers or os.cpu_count() or 1
        if len(missing) < PARALLEL_FROM or workers < 2:
            return 0
        with PendingCodes(self, missing, min(workers, 8)) as pending:
            drawn = pending.in_order()
            for _ in progress(drawn, len(missing)) if progress else drawn:
                pass  # the workers store the codes; this only follows them
        return len(missing)


def _draw_and_store(cache: QrCache, urls: list[str]) -> None:
    """In a worker: draw the codes and store each in the cache. They go back through the cache,
    not the pipe: the pool runs ahead of the pages, and codes held in memory until their page
    comes would add up to tens of megabytes for a large catalogue."""
    for url in urls:
        cache._store(url, *render(url, cache.dpi, cache.module_mm))


class PendingCodes:
    """Codes being drawn by a pool of processes (QrCache.start_fill); each is stored in the cache
    by the worker that draws it, so it is written once, as soon as it is drawn."""

    def __init__(self, cache: QrCache, missing: list[str], workers: int = 1):
        self._cache = cache
        self._chunks = []  # (urls, the future of their drawing), in the order asked for
        self._waits = {}  # url → the future to wait for before reading its code from the cache
        self._pool = ProcessPoolExecutor(max_workers=workers) if missing else None
        for start in range(0, len(missing), POOL_CHUNK):
            urls = missing[start:start + POOL_CHUNK]
            future = self._pool.submit(_draw_and_store, cache, urls)
            self._chunks.append((urls, future))
            self._waits.update(dict.fromkeys(urls, future))
        self.drawn = len(missing)  # how many codes were (or are being) drawn in the pool

    def get(self, url: str) -> tuple[bytes, bytes]:
        """(SVG, PNG) for `url`, from the cache once the pool has drawn it if it is one of the
        pool's (a worker's error is raised here)."""
        future = self._waits.pop(url, None)
        if future is not None:
            future.result()
        return self._cache.get(url)

    def in_order(self):
        """Each URL the pool draws, once it is drawn, in the order they were asked for."""
        for urls, future in self._chunks:
            future.result()
            yield from urls

    def close(self, cancel: bool = False) -> None:
        """Wait for the pool's codes (or, with ``cancel``, only for those already started) and
        shut it."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)

    def __enter__(self) -> PendingCodes:
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.close(cancel=kind is not None)  # a failed build does not wait for the rest of its codes
