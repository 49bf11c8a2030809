"""A build whose QR codes or share tags lead to localhost says so, in one line per build.

Builds of the small fixture (tests/fixtures/site/products, five published products) as
subprocesses, as `make html` runs them; the log is captured on a wide "terminal" so that
each message is one line.
"""

import os
import subprocess

import pytest
from test_site_build import FIXTURE_PRODUCTS, REPO, TODAY, _pelican

from ocop.site.local_address import is_local, local_address_warning

MARK_VI, MARK_EN = "chỉ máy này mở được", "which only this computer opens"


def build_log(tmp_path, **settings) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_")}
    env.update(OCOP_PRODUCTS=str(FIXTURE_PRODUCTS), OCOP_TODAY=TODAY, OCOP_CACHE_DIR=str(tmp_path / "cache"),
               COLUMNS="5000", **settings)
    result = subprocess.run([_pelican(), "content", "-o", str(tmp_path / "output"), "-s", "pelicanconf.py"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def warnings_in(log: str):
    return [line for line in log.splitlines() if MARK_VI in line or MARK_EN in line]


def test_a_local_build_says_once_that_its_codes_and_tags_point_to_localhost(tmp_path):
    log = build_log(tmp_path, OCOP_SITEURL="")
    (line,) = warnings_in(log)  # one line, not one per product
    assert "WARNING" in line
    assert ("Mã QR và thẻ chia sẻ trỏ tới http://localhost:8000, chỉ máy này mở được: trước khi in hay chia sẻ, "
            "dựng với SITEURL=https://… make html (hoặc OCOP_QR_BASE=https://… cho mã QR). / QR codes and share "
            "tags point to http://localhost:8000, which only this computer opens: before printing or sharing, "
            "build with SITEURL=https://… make html (or OCOP_QR_BASE=https://… for the QR codes).") in line
    assert line.count(MARK_VI) == line.count(MARK_EN) == 1


def test_a_public_build_says_nothing_of_the_kind(tmp_path):
    assert warnings_in(build_log(tmp_path, OCOP_SITEURL="https://ocop.example.vn")) == []


def test_a_local_qr_base_under_a_public_site_names_ocop_qr_base(tmp_path):
    log = build_log(tmp_path, OCOP_SITEURL="https://ocop.example.vn", OCOP_QR_BASE="http://127.0.0.1:8000")
    (line,) = warnings_in(log)
    assert ("Mã QR trỏ tới HTTP://127.0.0.1:8000, chỉ máy này mở được: trước khi in, đặt OCOP_QR_BASE là địa chỉ "
            "công khai. / QR codes point to HTTP://127.0.0.1:8000, which only this computer opens: before "
            "printing, set OCOP_QR_BASE to the public address.") in line


@pytest.mark.parametrize("url, local", [
    ("http://localhost:8000", True), ("HTTP://LOCALHOST:8000", True), ("http://app.localhost/", True),
    ("http://127.0.0.1:8000", True), ("http://127.1.2.3", True), ("http://[::1]:8000", True),
    ("http://0.0.0.0:8000", True), ("https://ocop.example.vn", False), ("http://192.168.1.20:8000", False),
    ("https://localhost.example.vn", False), ("", False),
])
def test_which_addresses_only_this_computer_opens(url, local):
    assert is_local(url) is local


def test_share_tags_on_localhost_with_a_public_qr_base_name_siteurl():
    message = local_address_warning("http://localhost:8000", "", "https://ocop.example.vn")
    assert message.startswith("Thẻ chia sẻ và liên kết trỏ tới http://localhost:8000, chỉ máy này mở được: ")
    assert "SITEURL=https://… make html" in message and "OCOP_QR_BASE" not in message
