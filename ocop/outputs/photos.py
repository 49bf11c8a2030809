"""Resized photo variants for product pages: small WebP and JPEG files.

Officers take product photos with their phones: 12–50 megapixels, rotated by
an EXIF tag rather than in the pixels, often in Display P3, and carrying the
phone's EXIF — GPS position of the officer's home included. Shoppers open the
pages on cheap phones over slow mobile networks. So each photo becomes a few
widths (for ``srcset``), in WebP with a progressive-JPEG fallback:

- turned upright from the EXIF orientation, converted to sRGB, flattened on
  white when it has transparency;
- never enlarged: a width larger than the photo becomes the photo's width;
- with no metadata at all (no EXIF, GPS, XMP, comment or ICC profile).

Encoding costs a third of a second per photo, so ``PhotoCache`` keeps the
results on disk, keyed by the photo's bytes: an unchanged photo is never
encoded twice.

Photos come from pull requests. `ocop validate` refuses what the build could
not use (ocop/reading/checks.py: links, pipes, other formats, sizes over the
limits, cut or damaged files); the build reads each photo the same way and
checks the same limits again before it decodes, so a photo swapped after the
check still cannot make it read a link, a pipe or 3 GB.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _package_version
from pathlib import Path, PurePosixPath
from typing import Iterable

from PIL import Image, ImageCms, ImageOps

from ..common.text import slug
from ..reading.checks import MAX_PHOTO_BYTES, PHOTO_FORMATS, PhotoRefused, open_photo, photo_limits_reason

# Bump when the encoding below changes: it is part of every cache key.
CODE_VERSION = "ocop-photos-1"

DEFAULT_WIDTHS = (320, 640, 1024)
WEBP_QUALITY = 75
JPEG_QUALITY = 80

# Output formats, in the order a <picture> lists its <source>s: WebP first.
FORMATS = ("webp", "jpeg")
_EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
MEDIA_TYPES = {"webp": "image/webp", "jpeg": "image/jpeg"}

_ORIENTATION = 0x0112
_SWAPS_AXES = {5, 6, 7, 8}  # orientations whose upright picture is rotated 90°
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))

_MANIFEST = "variants.json"


@dataclass(frozen=True)
class PhotoVariant:
    """One encoded size of a photo.

    `name` is the file name to publish (``hop-che-640.webp``): the source's
    name as an ASCII slug, the width and the extension. Variants made by
    `make_variants` carry their `data`; those from `PhotoCache` carry the
    `path` of the cached file instead (copy or link it into the output).
    """

    width: int
    height: int
    format: str  # 'webp' | 'jpeg'
    name: str
    data: bytes | None = None
    path: Path | None = None

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    def read_bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        if self.path is None:
            raise ValueError(f"variant {self.name} has neither data nor path")
        return self.path.read_bytes()


def _normalise_widths(widths: Iterable[int]) -> tuple[int, ...]:
    result = set()
    for width in widths:
        if isinstance(width, bool) or not isinstance(width, int) or width < 1:
            raise ValueError(f"a photo width must be a positive integer, not {width!r}")
        result.add(width)
    if not result:
        raise ValueError("at least one photo width is needed")
    return tuple(sorted(result))


# A file name's stem is cut to this many characters: with "-2", "-1024" and ".webp" a published name
# stays far below the 255 bytes a file system allows.
_STEM_LENGTH = 80


def _stem(source_name: str) -> str:
    # 'Hộp chè.JPG' → 'hop-che': ASCII, so every static host serves it as is.
    return slug(PurePosixPath(source_name).stem)[:_STEM_LENGTH].rstrip("-") or "photo"


def photo_stems(files: Iterable[str]) -> list[str]:
    """The name each photo of one record is published under (before ``-<width>.<ext>``), in the
    record's order. Names fold to ASCII, so two photos may fold to one ('Hộp chè.jpg' and 'hop-che.png':
    'hop-che'); the later one then gets the first free number ('hop-che-2'), never a name an earlier
    photo holds, so each photo keeps its own files. The same list gives the same names on every build."""
    taken, stems = set(), []
    for file in files:
        base = _stem(PurePosixPath(file).name)
        stem, number = base, 2
        while stem in taken:
            stem, number = f"{base}-{number}", number + 1
        taken.add(stem)
        stems.append(stem)
    return stems


def read_source(source_path: str | os.PathLike, media_dir: str | os.PathLike | None = None) -> bytes:
    """The bytes of a photo, read as `ocop validate` checked them: a regular file opened without
    following a link (O_NOFOLLOW, and O_NONBLOCK so that a pipe put there since cannot block), of at
    most MAX_PHOTO_BYTES. With ``media_dir`` (the products folder's media/, which must hold the photo)
    no folder from media/ down may be a link either. Raises PhotoRefused (a ValueError) or OSError."""
    path = Path(source_path)
    if media_dir is not None:
        file, info = open_photo(Path(media_dir), path.relative_to(media_dir).as_posix())
    else:
        # The caller's folder is trusted (it is no record's): only the file itself is checked.
        file, info = open_photo(Path(os.path.realpath(path.parent)), path.name)
    with file:
        refused = photo_limits_reason(info.st_size)
        if refused:
            raise PhotoRefused(refused)
        data = file.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:  # it grew since its fstat
        raise PhotoRefused(photo_limits_reason(len(data)))
    return data


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB pixels in sRGB, on white where the photo was transparent."""
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image.alpha_composite(rgba)
        image = image.convert("RGB")
    if icc:
        # Browsers take untagged images as sRGB: convert the pixels before the
        # profile is dropped, or a Display P3 photo turns dull.
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # an unreadable or mismatched profile: keep the pixels as they are
    if image.mode != "RGB":
        image = image.convert("RGB")
    return image


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    # No exif=, icc_profile= or xmp= arguments, and image.info is empty:
    # nothing but pixels is written.
    if fmt == "webp":
        image.save(out, format="WEBP", quality=WEBP_QUALITY, method=4)
    else:
        image.save(out, format="JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    return out.getvalue()


def _variants_from_bytes(data: bytes, stem: str, widths: tuple[int, ...]) -> list[PhotoVariant]:
    with warnings.catch_warnings():
        # Pillow warns on stderr above 89 million pixels; the limit checked below is lower.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        opening = Image.open(io.BytesIO(data), formats=PHOTO_FORMATS)
    with opening as opened:
        # Checked from the header, before a pixel is decoded: validate refused it already, unless the
        # file changed since.
        refused = photo_limits_reason(len(data), opened)
        if refused:
            raise PhotoRefused(refused)
        orientation = opened.getexif().get(_ORIENTATION, 1)
        swap = orientation in _SWAPS_AXES
        stored_w, stored_h = opened.size
        upright_w, upright_h = (stored_h, stored_w) if swap else (stored_w, stored_h)
        targets = sorted({min(w, upright_w) for w in widths})
        largest = targets[-1]
        if largest < upright_w:
            # Let the JPEG decoder scale by 1/2, 1/4 or 1/8 while staying at
            # least as large as the largest variant: 3–4× faster, and the
            # LANCZOS pass below still makes the final size.
            need = (largest, math.ceil(largest * upright_h / upright_w))
            opened.draft("RGB", (need[1], need[0]) if swap else need)
        upright = ImageOps.exif_transpose(opened)
    image = _to_srgb(upright)
    image.info = {}  # resize() copies info; make sure no comment or EXIF rides along

    variants = []
    resized = {}
    # Largest first, each smaller width from the one above it: LANCZOS cost
    # grows with the source size, and a 1024 px picture is a clean enough
    # source for 640 and 320 (this halves the resizing time of a large photo).
    source = image
    for width in reversed(targets):
        height = max(1, round(width * upright_h / upright_w))
        if source.size != (width, height):
            source = source.resize((width, height), Image.Resampling.LANCZOS)
        resized[width] = source
    for fmt in FORMATS:
        for width in targets:
            picture = resized[width]
            variants.append(
                PhotoVariant(
                    width=picture.width,
                    height=picture.height,
                    format=fmt,
                    name=f"{stem}-{width}.{_EXTENSIONS[fmt]}",
                    data=_encode(picture, fmt),
                )
            )
    return variants


def make_variants(
    source_path: str | os.PathLike, widths: Iterable[int] = DEFAULT_WIDTHS, *, stem: str | None = None,
    media_dir: str | os.PathLike | None = None,
) -> list[PhotoVariant]:
    """Encode `source_path` at each of `widths`, in WebP then JPEG.

    Widths larger than the (upright) photo collapse to its own width, so a
    200 px photo gives one WebP and one JPEG of 200 px. Variants come WebP
    first, then JPEG, each by increasing width, named ``<stem>-<width>.<ext>``
    (`stem`: from `photo_stems` for a record's photos; by default the file's
    name as a slug). Raises OSError when the file cannot be read,
    PIL.UnidentifiedImageError when it is not a JPEG, PNG or WebP image, and
    PhotoRefused (a ValueError) when it is a link or no regular file, or over
    a limit (see `read_source`, with `media_dir`).
    """
    path = Path(source_path)
    return _variants_from_bytes(read_source(path, media_dir), stem or _stem(path.name), _normalise_widths(widths))


def _package_versions() -> str:
    # A new Pillow (or libwebp/libjpeg inside it) encodes different bytes.
    try:
        return f"pillow={_package_version('pillow')}"
    except PackageNotFoundError:  # pragma: no cover - vendored installs
        return "pillow=?"


class PhotoCache:
    """Photo variants on disk, encoded only when the photo or the code changed.

    Each photo's variants live in ``cache_dir/photos/<sha256>/``, named by
    width (``640.webp``, ``640.jpg``) with a ``variants.json`` manifest; the key
    hashes the photo's bytes, the widths asked for and the code version, so
    the same photo under two names is encoded once. The folder is created when
    needed and should sit outside Pelican's output folder.
    """

    def __init__(self, cache_dir: str | os.PathLike):
        self.folder = Path(cache_dir) / "photos"
        self._version = f"{CODE_VERSION};{_package_versions()}"

    def key(self, source_bytes: bytes, widths: Iterable[int]) -> str:
        normalised = _normalise_widths(widths)
        digest = hashlib.sha256(source_bytes).hexdigest()
        text = f"{digest}\n{','.join(map(str, normalised))}\n{self._version}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def variants(
        self, source_path: str | os.PathLike, widths: Iterable[int] = DEFAULT_WIDTHS, *, stem: str | None = None,
        media_dir: str | os.PathLike | None = None,
    ) -> list[PhotoVariant]:
        """The variants of `source_path`, from the cache or freshly encoded.

        The returned variants carry `path` (a file in the cache), not `data`.
        `stem` and `media_dir` are as for `make_variants`: a build passes the
        record's `photo_stems` and the products folder's media/.
        """
        path = Path(source_path)
        normalised = _normalise_widths(widths)
        source = read_source(path, media_dir)  # read once: hashed and decoded from the same bytes
        entry = self.folder / self.key(source, normalised)
        stem = stem or _stem(path.name)

        cached = self._load(entry, stem)
        if cached is not None:
            return cached
        self._store(entry, _variants_from_bytes(source, stem, normalised))
        cached = self._load(entry, stem)
        if cached is None:  # pragma: no cover - the folder vanished under us
            raise OSError(f"photo cache entry {entry} could not be written")
        return cached

    @staticmethod
    def _load(entry: Path, stem: str) -> list[PhotoVariant] | None:
        try:
            manifest = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
            variants = [
                PhotoVariant(
                    width=item["width"],
                    height=item["height"],
                    format=item["format"],
                    name=f"{stem}-{item['width']}.{_EXTENSIONS[item['format']]}",
                    path=entry / item["file"],
                )
                for item in manifest
            ]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not all(v.path.is_file() for v in variants):
            return None
        return variants

    def _store(self, entry: Path, variants: list[PhotoVariant]) -> None:
        # Everything is written into a temporary folder beside the entry,
        # which is then renamed into place: a reader (or a parallel build)
        # sees a complete entry or none.
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=self.folder, prefix=".tmp-"))
        try:
            manifest = []
            for v in variants:
                file = f"{v.width}.{_EXTENSIONS[v.format]}"
                (tmp / file).write_bytes(v.data)
                manifest.append({"width": v.width, "height": v.height, "format": v.format, "file": file})
            (tmp / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
            if entry.exists():
                # A broken entry (a file deleted by hand): replace it whole.
                shutil.rmtree(entry, ignore_errors=True)
            try:
                os.replace(tmp, entry)
            except OSError:
                # Another build stored the same entry first: its files are
                # the same bytes, keep them.
                if not entry.is_dir():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
