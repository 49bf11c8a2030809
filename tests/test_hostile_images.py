"""Photos from pull requests: whatever a photo is, `ocop validate` says so in words, within bounds,
and a record that validates builds.

One case per finding: a picture too large for its bytes (144 megapixels in 17 KB) or bytes too many
(3 GB behind a JPEG header), checked in a subprocess under a 1 GB address-space limit; a truncated or
other-format file; a link, or a pipe, where a photo should be; two photos whose published names fold
to one.
"""

import io
import os
import resource
import struct
import subprocess
import sys
import time
import zlib

import pytest
from PIL import Image

from conftest import GOOD_RECORD, TODAY_ARG, write_photo, write_record
from ocop.outputs import photos
from ocop.reading import checks
from ocop.reading.dataset import NO_HISTORY_NOTE

VALIDATE = ("validate", "--products", "products", "--today", TODAY_ARG)
RED, BLUE = (220, 30, 30), (30, 30, 220)
BOUND = 1 << 30  # bytes of address space the subprocess may take: RLIMIT_AS
TIMEOUT = 60  # seconds; each bounded run takes about one


def with_images(*files):
    """GOOD_RECORD with ``files`` as its photos, the first one's ``file:`` on line 21, column 11 (the
    next ones two lines further each)."""
    listed = "".join(f"  - file: {file}\n    alt: {{vi: Ảnh {n}}}\n" for n, file in enumerate(files, 1))
    assert GOOD_RECORD.count("sales:\n") == 1
    return GOOD_RECORD.replace("sales:\n", "images:\n" + listed + "sales:\n")


def sp214(file, reason_vi, reason_en, index=0):
    return (f"products/LC-0001.yaml:{21 + 2 * index}:11: lỗi SP214 [images[{index}].file]\n"
            f"  Tệp '{file}' không phải ảnh đọc được ({reason_vi})."
            f" / File '{file}' is not a readable image ({reason_en}).\n"
            "  Cách sửa: dùng ảnh JPEG, PNG hoặc WebP."
            " / Fix: use a JPEG, PNG or WebP photo.")


def sp213(file, index=0):
    return (f"products/LC-0001.yaml:{21 + 2 * index}:11: lỗi SP213 [images[{index}].file]\n"
            f"  Không thấy ảnh '{file}' (tìm ở products/media/)."
            f" / Image '{file}' not found (looked in products/media/).\n"
            "  Cách sửa: đặt ảnh vào products/media/ hoặc sửa tên tệp cho đúng"
            " (phân biệt chữ hoa, chữ thường)."
            " / Fix: put the photo in products/media/ or correct the file name (case matters).")


def problems(out):
    """The problem blocks of validate's text output (the summary line left out)."""
    return out.split("\n\n")[:-1]


def refused(run_ocop, expected, errors=1):
    """Validate: exactly the ``expected`` blocks, an error status, nothing on stderr (no traceback)."""
    result = run_ocop(*VALIDATE)
    assert problems(result.out) == expected, result.out
    assert f"1 record, {errors} error" in result.out
    assert (result.status, result.err) == (1, "")


def validate_bounded(tmp_path):
    """`ocop validate` in a subprocess that may take 1 GB of address space and TIMEOUT seconds:
    (status, out, err, seconds)."""

    def bound():
        resource.setrlimit(resource.RLIMIT_AS, (BOUND, BOUND))

    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", "import sys, ocop.cli; sys.exit(ocop.cli.main(sys.argv[1:]))", *VALIDATE],
        cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=bound,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    return result.returncode, result.stdout, result.stderr.replace(NO_HISTORY_NOTE + "\n", ""), \
        time.monotonic() - started


def noise(size, mode="RGB"):
    """A picture that does not compress: a cut anywhere in its file cuts pixels."""
    return Image.merge("RGB", [Image.effect_noise(size, 60) for _ in range(3)]).convert(mode)


# -- 1. limits: from the header and the file's size, before a pixel is decoded -------------------------


def one_colour_png(width, height):
    """A black-and-white PNG of one colour, written with zlib (Pillow takes five times longer)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = (b"\0" + b"\xff" * ((width + 7) // 8)) * height  # filter 0, then the row's bits
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def test_144_megapixels_in_a_tiny_png_are_refused_within_bounds(products, tmp_path):
    path = products / "media" / "LC-0001" / "hop-che.png"
    path.parent.mkdir()
    path.write_bytes(one_colour_png(12000, 12000))
    assert path.stat().st_size < 40_000  # 144 million pixels in 32 KB
    with pytest.warns(Image.DecompressionBombWarning), Image.open(path) as check:  # Pillow only warns
        assert (check.format, check.size) == ("PNG", (12000, 12000))
    write_record(products, "LC-0001", with_images("LC-0001/hop-che.png"))
    status, out, err, seconds = validate_bounded(tmp_path)
    assert problems(out) == [sp214("LC-0001/hop-che.png", "ảnh 144 triệu điểm ảnh, tối đa 52 triệu",
                                   "144 megapixels, at most 52")], out + err
    assert (status, err) == (1, "")
    assert seconds < TIMEOUT
    # The build refuses it from the header too, should the file change after validate.
    with pytest.raises(checks.PhotoRefused, match="144 megapixels, at most 52"):
        photos.make_variants(path, media_dir=products / "media")


def test_3_gb_behind_a_jpeg_header_is_refused_from_its_size_within_bounds(products, tmp_path):
    path = write_photo(products, "LC-0001/hop-che.jpg")  # a real JPEG's bytes first…
    with open(path, "r+b") as file:
        file.truncate(3 * 2**30)  # …then 3 GB of (sparse) zeros
    write_record(products, "LC-0001", with_images("LC-0001/hop-che.jpg"))
    status, out, err, seconds = validate_bounded(tmp_path)
    assert problems(out) == [sp214("LC-0001/hop-che.jpg", "tệp 3.2 GB, tối đa 30 MB",
                                   "a 3.2 GB file, at most 30 MB")]
    assert (status, err) == (1, "")
    assert seconds < TIMEOUT
    with pytest.raises(checks.PhotoRefused, match="a 3.2 GB file, at most 30 MB"):
        photos.read_source(path, products / "media")  # never read: refused from its fstat


def test_a_strip_too_long_for_webp_is_refused(products, run_ocop):
    # 40,000 pixels, far within the pixel limit, but no WebP variant can be 20,000 px long.
    path = products / "media" / "LC-0001" / "bang-ron.png"
    path.parent.mkdir()
    Image.new("RGB", (2, 20000), RED).save(path)
    write_record(products, "LC-0001", with_images("LC-0001/bang-ron.png"))
    refused(run_ocop, [sp214("LC-0001/bang-ron.png", "ảnh 2×20000 điểm ảnh, mỗi cạnh tối đa 16383",
                             "2×20000 pixels, each side at most 16383")])


def test_size_texts_round_up_so_a_size_just_over_a_limit_does_not_read_as_the_limit():
    assert checks._pixels_reason(52_000_001)["reason"] == "52.1 megapixels, at most 52"
    assert checks.photo_limits_reason(30_000_001)["reason"] == "a 30.1 MB file, at most 30 MB"
    assert checks.photo_limits_reason(30_000_000) is None


# -- 2. decoded whole, in the formats the build takes ----------------------------------------------------


@pytest.mark.parametrize("fmt, name", [("JPEG", "hop-che.jpg"), ("PNG", "hop-che.png"), ("WEBP", "hop-che.webp")])
def test_a_truncated_photo_is_refused(products, run_ocop, fmt, name):
    out = io.BytesIO()
    noise((96, 64)).save(out, fmt)
    data = out.getvalue()
    path = products / "media" / "LC-0001" / name
    path.parent.mkdir()
    path.write_bytes(data[: len(data) * 2 // 3])  # an upload cut off
    write_record(products, "LC-0001", with_images(f"LC-0001/{name}"))
    refused(run_ocop, [sp214(f"LC-0001/{name}", "ảnh bị cắt cụt (tệp không đầy đủ)",
                             "the image is truncated (incomplete file)")])


def write_other(path, fmt):
    if fmt == "SVG":
        path.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>\n')
    elif fmt == "HEIC":  # what an iPhone saves by default: Pillow cannot open it, its first bytes name it
        path.write_bytes(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + bytes(64))
    else:
        Image.new("RGB", (4, 3), RED).save(path, fmt)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF", "SVG", "HEIC"])
def test_another_format_is_refused_by_name(products, run_ocop, fmt):
    path = products / "media" / "LC-0001" / f"hop-che.{fmt.lower()}"
    path.parent.mkdir()
    write_other(path, fmt)
    write_record(products, "LC-0001", with_images(f"LC-0001/{path.name}"))
    refused(run_ocop, [sp214(f"LC-0001/{path.name}", f"định dạng {fmt} không được nhận",
                             f"{fmt} format is not accepted")])


def test_the_formats_the_build_takes_validate_and_build(products, run_ocop):
    media = products / "media"
    write_photo(products, "LC-0001/hop-che.jpg", size=(40, 30))
    Image.new("RGBA", (40, 30), (200, 0, 0, 128)).save(media / "LC-0001" / "nhan.png")
    Image.new("RGB", (40, 30), BLUE).save(media / "LC-0001" / "tui.webp")
    # A phone's JPEG with a second picture (a depth map): Pillow calls it MPO.
    Image.new("RGB", (40, 30), RED).save(media / "LC-0001" / "chan-dung.jpg", "MPO", save_all=True,
                                         append_images=[Image.new("RGB", (40, 30))])
    files = ["LC-0001/hop-che.jpg", "LC-0001/nhan.png", "LC-0001/tui.webp", "LC-0001/chan-dung.jpg"]
    write_record(products, "LC-0001", with_images(*files))
    result = run_ocop(*VALIDATE, "--strict")
    assert (result.status, problems(result.out), result.err) == (0, [], "")
    for file in files:  # what validates, builds
        assert photos.make_variants(media / file, widths=(320,), media_dir=media)


def test_each_file_is_decoded_once_until_it_changes(products, run_ocop, monkeypatch):
    path = write_photo(products, "LC-0001/hop-che.jpg", size=(96, 64))
    write_record(products, "LC-0001", with_images("LC-0001/hop-che.jpg", "LC-0001/hop-che.jpg"))
    opened = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    assert run_ocop(*VALIDATE).status == 0
    assert run_ocop(*VALIDATE).status == 0
    assert len(opened) == 1  # one photo, named twice, validated twice: decoded once
    out = io.BytesIO()
    noise((96, 64)).save(out, "JPEG")
    path.write_bytes(out.getvalue()[:2000])  # replaced by a cut file: decoded again
    refused(run_ocop, [sp214("LC-0001/hop-che.jpg", "ảnh bị cắt cụt (tệp không đầy đủ)",
                             "the image is truncated (incomplete file)", index=i) for i in (0, 1)], errors=2)
    assert len(opened) == 2


# -- 3. only regular files under media/, reached without a link ---------------------------------------


OUTSIDE = ("là liên kết tới ngoài thư mục ảnh", "is a link to outside the media folder")


def secret_photo(tmp_path):
    """A photo outside the products folder (the officer's own, or /etc/shadow on a server)."""
    secret = tmp_path / "outside" / "bi-mat.jpg"
    secret.parent.mkdir()
    Image.new("RGB", (4, 3), RED).save(secret)
    return secret


def test_a_photo_linked_outside_is_refused(products, run_ocop, tmp_path):
    (products / "media" / "LC-0001").mkdir()
    os.symlink(secret_photo(tmp_path), products / "media" / "LC-0001" / "hop-che.jpg")
    write_record(products, "LC-0001", with_images("LC-0001/hop-che.jpg"))
    refused(run_ocop, [sp214("LC-0001/hop-che.jpg", *OUTSIDE)])
    with pytest.raises(checks.PhotoRefused, match=OUTSIDE[1]):
        photos.make_variants(products / "media" / "LC-0001" / "hop-che.jpg", media_dir=products / "media")


def test_a_photo_folder_linked_outside_is_refused(products, run_ocop, tmp_path):
    os.symlink(secret_photo(tmp_path).parent, products / "media" / "LC-0001")
    write_record(products, "LC-0001", with_images("LC-0001/bi-mat.jpg"))
    refused(run_ocop, [sp214("LC-0001/bi-mat.jpg", *OUTSIDE)])
    with pytest.raises(checks.PhotoRefused, match=OUTSIDE[1]):
        photos.read_source(products / "media" / "LC-0001" / "bi-mat.jpg", products / "media")


def test_a_media_folder_linked_outside_is_refused(products, run_ocop, tmp_path):
    secret = secret_photo(tmp_path)
    (products / "media").rmdir()
    os.symlink(secret.parent.parent, products / "media")
    write_record(products, "LC-0001", with_images("outside/bi-mat.jpg"))
    refused(run_ocop, [sp214("outside/bi-mat.jpg", *OUTSIDE)])


def test_a_link_inside_media_is_refused_too(products, run_ocop):
    # Harmless here, but a link cannot be checked and read in one step, and git on Windows checks it
    # out as a small text file: the record would validate on CI and break on an officer's laptop.
    write_photo(products, "LC-0002/hop-che.jpg")
    (products / "media" / "LC-0001").mkdir()
    os.symlink("../LC-0002/hop-che.jpg", products / "media" / "LC-0001" / "hop-che.jpg")
    write_record(products, "LC-0001", with_images("LC-0001/hop-che.jpg"))
    refused(run_ocop, [sp214("LC-0001/hop-che.jpg",
                             "là liên kết tượng trưng (symlink), không phải chính tệp ảnh",
                             "is a symbolic link, not the photo file itself")])


def test_a_pipe_is_refused_without_being_opened(products, tmp_path):
    # Opened for reading, a FIFO without a writer would hang validate: a subprocess, with a timeout.
    (products / "media" / "LC-0001").mkdir()
    os.mkfifo(products / "media" / "LC-0001" / "hop-che.jpg")
    write_record(products, "LC-0001", with_images("LC-0001/hop-che.jpg"))
    status, out, err, _ = validate_bounded(tmp_path)
    assert problems(out) == [sp214("LC-0001/hop-che.jpg", "là ống dẫn FIFO, không phải tệp thường",
                                   "is a FIFO pipe, not a regular file")]
    assert (status, err) == (1, "")


@pytest.mark.parametrize("file", ["LC-0001/Hop-che.jpg", "LC-0001/../LC-0001/hop-che.jpg", "/etc/hostname",
                                  "LC-0001/hop-che.jpg/x.jpg", "LC-0001"])
def test_a_name_that_is_not_exactly_a_photo_under_media_is_not_found(products, run_ocop, file):
    write_photo(products, "LC-0001/hop-che.jpg")
    write_record(products, "LC-0001", with_images(file))
    refused(run_ocop, [sp213(file)])


# -- 4. each photo of a record publishes under a name of its own ------------------------------------------


def test_two_photos_folding_to_one_name_keep_their_own_files(products, run_ocop, tmp_path):
    media = products / "media"
    (media / "LC-0001").mkdir()
    Image.new("RGB", (700, 500), RED).save(media / "LC-0001" / "Hộp chè.jpg")
    Image.new("RGB", (700, 500), BLUE).save(media / "LC-0001" / "hop-che.png")
    files = ["LC-0001/Hộp chè.jpg", "LC-0001/hop-che.png"]
    write_record(products, "LC-0001", with_images(*files))
    assert run_ocop(*VALIDATE).status == 0

    stems = photos.photo_stems(files)
    assert stems == ["hop-che", "hop-che-2"]  # by position in the record: the same on every build
    cache = photos.PhotoCache(tmp_path / "cache")
    published = {}  # name -> the colour of its pixels
    for file, stem, colour in zip(files, stems, ("red", "blue")):
        for variant in cache.variants(media / file, (320, 640), stem=stem, media_dir=media):
            assert variant.name not in published
            with Image.open(io.BytesIO(variant.read_bytes())) as image:
                r, _, b = image.convert("RGB").getpixel((image.width // 2, image.height // 2))
            published[variant.name] = "red" if r > b + 100 else "blue" if b > r + 100 else "other"
            assert published[variant.name] == colour, variant.name
    assert sorted(published) == ["hop-che-2-320.jpg", "hop-che-2-320.webp", "hop-che-2-640.jpg",
                                 "hop-che-2-640.webp", "hop-che-320.jpg", "hop-che-320.webp", "hop-che-640.jpg",
                                 "hop-che-640.webp"]


def test_a_numbered_name_never_takes_another_photos_name():
    assert photos.photo_stems(["a.jpg", "A.png", "a-2.jpg", "a.webp"]) == ["a", "a-2", "a-2-2", "a-3"]
    assert photos.photo_stems(["LC-0001/Ảnh.jpg", "LC-0002/anh.jpg", "LC-0001/!!!.jpg"]) == [
        "anh", "anh-2", "photo"]
    assert photos.photo_stems(["x/" + "dài " * 100 + ".jpg"]) == ["-".join(["dai"] * 20)]  # 80 characters at most
