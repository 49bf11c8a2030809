"""Photo variants: upright, never enlarged, stripped of the phone's metadata, cached."""

import io

import pytest
from PIL import Image, ImageCms

from ocop.outputs import photos

RED, BLUE = (220, 30, 30), (30, 30, 220)
SECRET = "OfficerPhone X1"  # a Make tag that must not reach the public site

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def phone_exif(orientation):
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = SECRET  # Make
    exif[0x0110] = "Model 7"  # Model
    exif[GPS_IFD] = {1: "N", 2: (22.0, 23.0, 45.0), 3: "E", 4: (103.0, 27.0, 30.0)}
    return exif


def save_phone_jpeg(path, size=(3000, 2000)):
    """A JPEG stored sideways (orientation 6), with GPS, as a phone saves it.

    Stored, its left half is red and its right half blue; upright (turned 90°
    clockwise) it is portrait, red on top and blue below.
    """
    width, height = size
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    image.save(path, quality=90, exif=phone_exif(6), comment=SECRET.encode())
    with Image.open(path) as check:  # the fixture really carries what we strip
        exif = check.getexif()
        assert exif[ORIENTATION] == 6 and exif[0x010F] == SECRET
        assert exif.get_ifd(GPS_IFD)[1] == "N"
    return path


@pytest.fixture(scope="module")
def phone_photo(tmp_path_factory):
    """3000×2000 stored, 2000×3000 upright."""
    return save_phone_jpeg(tmp_path_factory.mktemp("media") / "Hộp chè.jpg")


@pytest.fixture(scope="module")
def variants(phone_photo):
    return photos.make_variants(phone_photo)


def opened(variant):
    image = Image.open(io.BytesIO(variant.read_bytes()))
    image.load()
    return image


def dominant(pixel):
    r, g, b = pixel[:3]
    return "red" if r > b + 100 else "blue" if b > r + 100 else "other"


def test_widths_formats_and_names(variants):
    assert [(v.format, v.width) for v in variants] == [
        ("webp", 320), ("webp", 640), ("webp", 1024),
        ("jpeg", 320), ("jpeg", 640), ("jpeg", 1024),
    ]
    assert [v.name for v in variants] == [
        "hop-che-320.webp", "hop-che-640.webp", "hop-che-1024.webp",
        "hop-che-320.jpg", "hop-che-640.jpg", "hop-che-1024.jpg",
    ]
    for v in variants:
        image = opened(v)
        assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[v.format]
        assert image.size == (v.width, v.height)
        assert image.mode == "RGB"
    assert all(opened(v).info.get("progressive") for v in variants if v.format == "jpeg")
    assert {v.media_type for v in variants} == {"image/webp", "image/jpeg"}


def test_orientation_applied_and_aspect_ratio_kept(variants):
    for v in variants:
        assert v.height == round(v.width * 3000 / 2000)  # upright: portrait 2:3
        image = opened(v)
        assert dominant(image.getpixel((v.width // 2, v.height // 4))) == "red"
        assert dominant(image.getpixel((v.width // 2, 3 * v.height // 4))) == "blue"


def test_no_metadata_leaks(variants):
    for v in variants:
        data = v.read_bytes()
        image = opened(v)
        assert len(image.getexif()) == 0, v.name
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info), v.name
        assert b"Exif" not in data and SECRET.encode() not in data, v.name


def test_small_photo_is_not_enlarged(tmp_path):
    source = tmp_path / "tem.png"
    Image.new("RGB", (200, 150), RED).save(source)
    result = photos.make_variants(source)
    assert [(v.format, v.width, v.height, v.name) for v in result] == [
        ("webp", 200, 150, "tem-200.webp"),
        ("jpeg", 200, 150, "tem-200.jpg"),
    ]


def test_widths_above_the_photo_collapse_to_its_width(tmp_path):
    source = tmp_path / "nhan.jpg"
    Image.new("RGB", (800, 400), RED).save(source)
    result = photos.make_variants(source, widths=(1024, 320, 640, 2048, 640))
    assert [(v.width, v.height) for v in result if v.format == "webp"] == [(320, 160), (640, 320), (800, 400)]


def test_transparency_is_flattened_on_white_and_profile_converted(tmp_path):
    source = tmp_path / "logo.png"
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    image.paste((200, 0, 0, 255), (0, 0, 200, 400))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(source, icc_profile=srgb)
    for v in photos.make_variants(source, widths=(320,)):
        out = opened(v)
        assert "icc_profile" not in out.info
        assert all(c > 240 for c in out.getpixel((300, 160)))  # transparent → white
        assert dominant(out.getpixel((40, 160))) == "red"


def test_bad_widths_are_refused(phone_photo):
    for widths in [(), (0,), (-5,), (320.5,)]:
        with pytest.raises(ValueError):
            photos.make_variants(phone_photo, widths=widths)


@pytest.fixture
def no_pillow(monkeypatch):
    """Make any decode or encode fail: a cache hit must need neither."""

    def forbidden(*args, **kwargs):
        raise AssertionError("a cache hit decoded or encoded a photo")

    def arm():
        monkeypatch.setattr(Image.Image, "save", forbidden)
        monkeypatch.setattr(Image, "open", forbidden)

    return arm


def test_cache_hit_does_not_reencode(tmp_path, no_pillow):
    # Smaller than the 3000×2000 photo to keep the suite fast; same kind of file.
    source = save_phone_jpeg(tmp_path / "Hộp chè.jpg", size=(1500, 1000))
    cache_dir = tmp_path / "cache"  # not created yet
    cache = photos.PhotoCache(cache_dir)
    first = cache.variants(source)
    assert [(v.name, v.width, v.height, v.format) for v in first] == [
        (v.name, v.width, v.height, v.format) for v in photos.make_variants(source)
    ]
    entry = first[0].path.parent
    assert entry.parent == cache_dir / "photos"
    assert entry.name == cache.key(source.read_bytes(), photos.DEFAULT_WIDTHS)
    assert all(v.path.parent == entry and v.data is None for v in first)
    mtimes = {p.name: p.stat().st_mtime_ns for p in entry.iterdir()}

    no_pillow()
    again = photos.PhotoCache(cache_dir).variants(source)
    assert again == first
    assert [v.read_bytes() for v in again] == [v.read_bytes() for v in first]
    assert {p.name: p.stat().st_mtime_ns for p in entry.iterdir()} == mtimes
    assert [p.name for p in (cache_dir / "photos").iterdir()] == [entry.name]  # no temp folders left


def test_cache_keys_on_bytes_and_widths_not_name(tmp_path):
    cache = photos.PhotoCache(tmp_path)
    small = tmp_path / "small.jpg"
    Image.new("RGB", (700, 500), BLUE).save(small)
    a = cache.variants(small)
    renamed = tmp_path / "Bánh Đậu.jpg"
    renamed.write_bytes(small.read_bytes())
    b = cache.variants(renamed)
    assert [v.path for v in b] == [v.path for v in a]  # same bytes: same entry
    assert b[0].name == "banh-dau-320.webp"

    c = cache.variants(small, widths=(320,))
    assert c[0].path.parent != a[0].path.parent
    Image.new("RGB", (700, 500), RED).save(small)  # the officer replaces the photo
    d = cache.variants(small)
    assert d[0].path.parent not in {a[0].path.parent, c[0].path.parent}
    assert dominant(opened(d[0]).getpixel((10, 10))) == "red"


def test_cache_repairs_a_damaged_entry(tmp_path):
    source = tmp_path / "che.jpg"
    Image.new("RGB", (700, 500), RED).save(source)
    cache = photos.PhotoCache(tmp_path / "cache")
    first = cache.variants(source)
    first_bytes = [v.read_bytes() for v in first]
    first[2].path.unlink()  # someone cleans the cache by hand
    again = cache.variants(source)
    assert all(v.path.is_file() for v in again)
    assert [v.read_bytes() for v in again] == first_bytes  # encoding is deterministic
