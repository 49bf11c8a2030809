"""The codes we print are byte for byte those of `qrcode`'s own mask choice.

ocop/outputs/qr_mask.py chooses the mask itself (qrcode's own choice builds the symbol eight
times) and hands it to qrcode: a code already printed on packages must come out the same after
that change, and after every later one. The reference here is qrcode left to itself —
``QRCode(version=None, error_correction=…, border=0)``, ``add_data``, ``make(fit=True)`` — over
500 generated product addresses.
"""

import random

import pytest
import qrcode
import qrcode.constants
import qrcode.exceptions
import qrcode.util

from ocop.outputs import qr, qr_mask
from ocop.outputs.qr_payload import qr_payload

LEVELS = {"Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}
SITES = ["https://ocop.example.vn", "https://ocop.laichau.gov.vn", "http://localhost:8000",
         "https://s.vn", "https://catalogue.ocop-laichau.example.vn:8443"]
PREFIXES = ["LC", "SL", "DB", "HG", "LCH", "TP-LC", "A", "LAICHAU"]


def generated_urls():
    rng = random.Random(13)
    urls = set()
    while len(urls) < 480:  # short upper-case payloads, as the build prints them
        product_id = f"{rng.choice(PREFIXES)}-{rng.randrange(10 ** 6):0{rng.randrange(1, 7)}d}"
        urls.add(qr_payload(rng.choice(SITES), product_id))
    while len(urls) < 500:  # long lower-case page addresses: byte mode, versions 3 to 8
        words = ["p", "en", "catalogue", "san-pham", "ocop-2025"]
        path = "/".join(rng.choice(words) for _ in range(rng.randrange(1, 8)))
        urls.add(f"https://ocop-laichau.example.vn/{path}/LC-{rng.randrange(10 ** 4):04d}/")
    return sorted(urls)


URLS = generated_urls()


def library_code(url, level):
    code = qrcode.QRCode(version=None, error_correction=LEVELS[level], border=0)
    code.add_data(url.encode("utf-8"))
    code.make(fit=True)
    return code


@pytest.fixture(scope="module")
def symbols():
    """(url, ours: (version, level, modules), qrcode's own code at that level) for every url."""
    found = []
    for url in URLS:
        ours = qr.qr_matrix(url)
        found.append((url, ours, library_code(url, ours[1])))
    return found


def test_the_generated_addresses_cover_both_levels_and_versions_2_to_6(symbols):
    assert {level for _, (_, level, _), _ in symbols} == {"H", "Q"}
    assert {version for _, (version, _, _), _ in symbols} >= {2, 3, 4, 5, 6}
    assert len({qr_mask.best_mask(code.version, code.data_cache) for *_, code in symbols}) == 8  # every mask occurs


def test_the_modules_are_those_qrcode_makes_by_itself(symbols):
    for url, (version, _, modules), code in symbols:
        assert (version, modules) == (code.version, code.modules), url


def fitting_version(url, level):
    code = qrcode.QRCode(version=None, error_correction=LEVELS[level], border=0)
    code.add_data(url.encode("utf-8"))
    try:
        return code.best_fit()
    except qrcode.exceptions.DataOverflowError:
        return None


def test_the_level_is_h_exactly_when_h_fits_the_version_of_q(symbols):
    for url, (version, level, _), _ in symbols:
        assert version == fitting_version(url, "Q") == qr.qr_version(url), url
        assert (level == "H") == (fitting_version(url, "H") == version), url


def test_svg_and_png_bytes_are_those_drawn_from_qrcodes_matrix(symbols):
    for url, _, code in symbols[::5]:
        assert qr.render(url) == (qr._svg_from_matrix(code.modules), qr._png_from_matrix(code.modules, 600, 0.5)), url


def test_another_mask_would_be_caught(symbols):
    """The comparison can fail: with the mask qrcode did not choose, or with ties resolved the other
    way (the last of the lowest), some of these symbols differ from qrcode's."""
    ties = 0
    for url, (version, level, modules), code in symbols:
        scores = qr_mask.mask_scores(version, code.data_cache)
        lowest = [mask for mask, score in enumerate(scores) if score == min(scores)]
        ties += len(lowest) > 1
        other = qrcode.QRCode(version=version, error_correction=LEVELS[level], border=0,
                              mask_pattern=lowest[-1] if len(lowest) > 1 else (lowest[0] + 1) % 8)
        other.add_data(url.encode("utf-8"))
        other.make(fit=False)
        assert other.modules != modules, url
    assert ties > 0, "no tie among the masks: the first-lowest rule is not exercised"


@pytest.mark.parametrize("version", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 27])
def test_every_mask_scores_as_qrcodes_lost_point(version):
    """Beyond the versions of the addresses above (7 and up carry version information; 27 and up
    longer length fields), on random data: each mask's symbol and score are qrcode's."""
    rng = random.Random(version)
    level = rng.choice(list(LEVELS.values()))
    code = qrcode.QRCode(version=version, error_correction=level, border=0)
    code.add_data(bytes(rng.randrange(256) for _ in range(qrcode.util.BIT_LIMIT_TABLE[level][version] // 8 - 3)),
                  optimize=0)
    code.data_cache = qrcode.util.create_data(version, level, code.data_list)
    scores = qr_mask.mask_scores(version, code.data_cache)
    for mask in range(8) if version <= 10 else rng.sample(range(8), 2):
        code.makeImpl(True, mask)  # as qrcode's best_mask_pattern scores it
        assert qr_mask.masked_symbol(version, code.data_cache, mask) == code.modules, mask
        assert scores[mask] == qrcode.util.lost_point(code.modules), mask
