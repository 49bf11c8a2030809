"""Shared fixtures: a scratch products folder, a known-good record, and the CLI run in-process.

Kept small and general on purpose; a test module builds its own stories on top.
"""

from collections import namedtuple
from datetime import date
import shutil
from pathlib import Path

import pytest

import ocop.cli
from ocop.reading.dataset import NO_HISTORY_NOTE

# Every test computes "as of" this day: pass it as --today (or to the core) so
# no test ever depends on the real date.
TODAY = date(2026, 11, 28)
TODAY_ARG = TODAY.isoformat()
SAMPLE_UNITS = Path(__file__).resolve().parent.parent / "products" / "units.yaml"
# The scratch folder's dataset.yaml names only its locality: no province, so units of the whole
# country are accepted and each story raises its own problem alone. A test that needs other
# settings writes its own file.
SCRATCH_DATASET = "locality: {vi: thành phố Lai Châu, en: Lai Chau city}\n"

# A valid record modelled on products/LC-0001.yaml, without photos (no media
# file needed). On TODAY it is clean: 70.75 points with 3★ minimums met ranks
# 3★, certified by the district under qd148-2023, expiring 28/06/2027 (212
# days left, outside the 180-day re-rating window). Tests change one line of
# it by textual replacement, so the line and column of a problem stay
# predictable: keep its lines stable (tests name them).
GOOD_RECORD = """\
id: LC-0001
code: "12-105-03409-1-2024"
name:
  vi: Chè Shan tuyết cổ thụ San Thàng
  en: San Thang ancient Shan Tuyet tea
product_set: 11
unit: san-thang
producer:
  name: Hợp tác xã Chè San Thàng
  kind: cooperative
  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu
  phone: "0912 345 678"
  email: htxchesanthang@example.vn
  website: https://example.vn
description:
  vi: Chè được hái từ những cây chè **Shan tuyết** cổ thụ trên sườn núi quanh bản Lùng Thàng.
  en: Hand-picked from ancient **Shan Tuyet** tea trees on the slopes around Lung Thang village.
story:
  vi: Người Dao ở San Thàng truyền nhau cách sao chè từ đời ông bà.
sales:
  - name: Cửa hàng giới thiệu sản phẩm OCOP thành phố Lai Châu
    address: Phường Tân Phong
  - name: Gian hàng trực tuyến
    url: https://example.vn/che-san-thang
evaluations:
  - date: 2024-06-20
    council: district
    round: 2024-1
    kind: first
    rules: qd148-2023
    scores: {A: 31.5, B: 17, C: 22.25}
    minimums_met: 3
certificates:
  - decision: 1234/QĐ-UBND
    date: 2024-06-28
    issuer: UBND thành phố Lai Châu
    level: district
    stars: 3
"""


def write_record(folder, record_id, text, suffix=".yaml"):
    """Write ``text`` (str, or bytes written as they are) as ``<folder>/<record_id><suffix>``."""
    path = Path(folder) / f"{record_id}{suffix}"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_photo(folder, relative, size=(4, 3)):
    """A tiny real JPEG at ``<folder>/media/<relative>`` (Pillow), for records with ``images:``."""
    from PIL import Image

    path = Path(folder) / "media" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (120, 160, 80)).save(path, "JPEG")
    return path


@pytest.fixture
def products(tmp_path, monkeypatch):
    """A ``products/`` folder (with ``media/`` and the sample's ``units.yaml``) in ``tmp_path``, which becomes the cwd:
    paths print as an officer sees them, ``products/LC-0001.yaml``."""
    folder = tmp_path / "products"
    (folder / "media").mkdir(parents=True)
    # The sample's own unit codes (san-thang, phuong-tan-phong…), which GOOD_RECORD uses.
    shutil.copyfile(SAMPLE_UNITS, folder / "units.yaml")
    # Every products folder is a dataset with its dataset.yaml (without one, SP011 warns).
    (folder / "dataset.yaml").write_text(SCRATCH_DATASET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


CliResult = namedtuple("CliResult", "status out err")


def without_history_note(err):
    """Scratch folders are outside git, so `ocop validate` says the history could not be read;
    tests/test_history.py checks that note, the other tests look past it."""
    return err.replace(NO_HISTORY_NOTE + "\n", "")


@pytest.fixture
def run_ocop(capsys):
    """Run ``ocop <argv…>`` in-process: ``run_ocop("validate", "--today", TODAY_ARG)``
    returns ``CliResult(status, out, err)``. Nothing is added to argv: pass ``--today``."""

    def run(*argv):
        capsys.readouterr()  # drop anything printed before this run
        status = ocop.cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return CliResult(status, out, without_history_note(err))

    return run


# The browser fixtures (site, browser, new_context), for every test module that drives Chromium.
from browser_support import browser, new_context, site  # noqa: E402,F401
