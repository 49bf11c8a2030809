"""QR codes for a product page URL: a compact SVG for the web, a PNG for print.

A printed code lives for years on packages and signs, read by cheap phones
in poor light, so it is encoded once, conservatively, and cached:

- error correction is at least Q (25 % of the symbol may be lost — scratched
  packaging, a glossy reflection) and H (30 %) whenever H fits in the same
  version as Q, so the extra robustness costs nothing in size;
- the quiet zone is the 4 modules the standard asks for;
- the SVG and the PNG are drawn from one matrix, so they are the same symbol.

The `qrcode` library only encodes (chooses version and mask); drawing is done
here from its matrix: one SVG path of horizontal runs is about half the size
of the library's one-square-per-module path (3.9 KB against 8.5 KB for a
version-4 code) and has no fixed size in mm, and the PNG is a single
nearest-neighbour upscale instead of one rectangle drawn per module.
"""

from __future__ import annotations

import hashlib
import io
import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _package_version
from pathlib import Path

import qrcode
import qrcode.constants
import qrcode.exceptions
from PIL import Image

from ..common.files import write_atomic

# Bump when the drawing below changes: it is part of every cache key, so the
# cache never serves a code drawn by older code.
RENDER_VERSION = "ocop-qr-2"
PARALLEL_FROM = 200  # fewer missing codes than this are drawn in the build's own process

QUIET_ZONE = 4  # modules, ISO/IEC 18004 §6.3.8

_LEVELS = {
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


def _library_versions() -> str:
    # A new qrcode (mask choice) or Pillow (PNG encoder) may draw different
    # bytes for the same URL: the cache must not mix them.
    parts = []
    for name in ("qrcode", "pillow"):
        try:
            parts.append(f"{name}={_package_version(name)}")
        except PackageNotFoundError:  # pragma: no cover - vendored installs
            parts.append(f"{name}=?")
    return ";".join(parts)


def _encoder(url: str, level: str) -> qrcode.QRCode:
    code = qrcode.QRCode(version=None, error_correction=_LEVELS[level], border=0)
    code.add_data(url.encode("utf-8"))
    return code


def qr_version(url: str) -> int:
    """The symbol's version, counted from the bits alone (no mask choice): cheap enough to ask on
    every build, when the code itself comes from the cache. H is used only at this same version."""
    return _encoder(url, "Q").best_fit()


def qr_matrix(url: str) -> tuple[int, str, list[list[bool]]]:
    """The symbol for `url`: (version, error-correction letter, modules).

    The modules are rows of booleans (True = dark), without quiet zone; their
    count per side is 17 + 4 · version.
    """
    if not isinstance(url, str) or not url:
        raise ValueError("url must be a non-empty string")
    # best_fit() only counts bits; the costly mask choice runs once, in make().
    q_version = _encoder(url, "Q").best_fit()
    h_code = _encoder(url, "H")
    try:
        fits_h = h_code.best_fit() == q_version
    except qrcode.exceptions.DataOverflowError:
        fits_h = False
    level = "H" if fits_h else "Q"
    code = h_code if fits_h else _encoder(url, "Q")
    code.make(fit=True)
    modules = [[bool(m) for m in row] for row in code.modules]
    return code.version, level, modules


def dark_runs(modules):
    """(column, row, length) of each horizontal run of dark modules: few shapes draw a whole symbol."""
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


def _png_from_matrix(modules: list[list[bool]], dpi: int, module_mm: float) -> bytes:
    pixels = module_pixels(dpi, module_mm)
    n = len(modules)
    size = n + 2 * QUIET_ZONE
    white_row = b"\xff" * size
    margin = b"\xff" * QUIET_ZONE
    rows = [white_row] * QUIET_ZONE
    rows += [margin + bytes(0 if m else 255 for m in row) + margin for row in modules]
    rows += [white_row] * QUIET_ZONE
    small = Image.frombytes("L", (size, size), b"".join(rows))
    # An integer NEAREST upscale keeps every module an exact square of pixels.
    big = small.resize((size * pixels, size * pixels), Image.Resampling.NEAREST)
    image = big.convert("1", dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))  # optimize=True saves 80 bytes for 3x the time
    return out.getvalue()


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


class QrCache:
    """QR codes on disk, keyed by URL and rendering code, drawn only on a miss.

    Files live under ``cache_dir/qr/<sha256>.svg`` and ``.png``; the folder
    should be outside Pelican's output folder (which a build may wipe) and is
    created when needed.
    """

    def __init__(self, cache_dir: str | os.PathLike, dpi: int = 600, module_mm: float = 0.5):
        module_pixels(dpi, module_mm)  # reject impossible sizes early
        self.folder = Path(cache_dir) / "qr"
        self.dpi = dpi
        self.module_mm = module_mm
        self._version = f"{RENDER_VERSION};{_library_versions()};dpi={dpi};mm={module_mm!r}"

    def key(self, url: str) -> str:
        return hashlib.sha256(f"{url}\n{self._version}".encode("utf-8")).hexdigest()

    def paths(self, url: str) -> tuple[Path, Path]:
        """Where the SVG and the PNG for `url` are (or will be) stored."""
        stem = self.folder / self.key(url)
        return stem.with_suffix(".svg"), stem.with_suffix(".png")

    def get(self, url: str) -> tuple[bytes, bytes]:
        svg_path, png_path = self.paths(url)
        try:
            return svg_path.read_bytes(), png_path.read_bytes()
        except FileNotFoundError:
            pass
        svg, png = render(url, self.dpi, self.module_mm)
        self._store(url, svg, png)
        return svg, png

    def _store(self, url: str, svg: bytes, png: bytes) -> None:
        svg_path, png_path = self.paths(url)
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(svg_path, svg)
        write_atomic(png_path, png)

    def fill(self, urls, workers: int | None = None, progress=None) -> int:
        """Render every code not yet cached, in parallel processes; returns how many were drawn.

        The mask choice makes one code cost a few milliseconds, so the first build of a
        large catalogue is mostly QR encoding; on a machine with several cores the codes
        are drawn side by side. The bytes are the same as ``get`` draws one by one.
        ``progress(items, total)``, when given, wraps the drawn codes as they come (the
        build shows how far a long first drawing is).
        """
        missing = [url for url in dict.fromkeys(urls) if not all(p.exists() for p in self.paths(url))]
        workers = workers or os.cpu_count() or 1
        if len(missing) < PARALLEL_FROM or workers < 2:
            return 0  # not worth starting processes: get() draws these as they come
        draw = partial(render, dpi=self.dpi, module_mm=self.module_mm)
        with ProcessPoolExecutor(max_workers=min(workers, 8)) as pool:
            drawn = zip(missing, pool.map(draw, missing, chunksize=32))
            for url, (svg, png) in progress(drawn, len(missing)) if progress else drawn:
                self._store(url, svg, png)
        return len(missing)
