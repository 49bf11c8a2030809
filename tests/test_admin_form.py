"""The admin form in a real browser: an officer creates, edits and revokes records through Decap CMS,
and git, the validator and the site see exactly that.

Everything runs on this machine with no network: the site is built from a copy of the sample records
in a fresh git repository, served on 127.0.0.1; decap-server (npm, package-lock.json) is the local
backend writing the YAML files into that repository, as `make admin` does. Debian's Chromium, driven
by Playwright, fills the form as an officer would. Every request the page makes is logged: only the
site and the local backend may be asked anything. With `review: true`, decap-server's git mode
plays the git host: a save waits on a branch of its own, as a pull request would.

Run with OCOP_SCREENSHOTS=docs/img/admin to write the officers' guide's screenshots.
"""

import contextlib
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from browser_support import REPO, QuietHandler, build_site
from conftest import TODAY

from ocop.reading.dataset import load_dataset
from ocop.reading.new_record import id_style, ids_in_folder, next_free_id

DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
VENDOR = REPO / "vendor" / "decap-cms" / "decap-cms.js"
NODE = shutil.which("node")
PHOTO = REPO / "products" / "media" / "LC-0001" / "hop-che.jpg"
NEW_PHONE = "0987 654 321"
REVOKED_ON = "2026-11-25"
FUTURE_DAY = (TODAY + timedelta(days=35)).isoformat()
# What the form and `ocop format` write for the new product: the first line for editors, the schema's
# order, the phone quoted, the photo under the id's folder.
NEW_RECORD = """\
# yaml-language-server: $schema=schema.json
id: LC-0016
name:
  vi: Miến dong Tân Phong
  en: Tan Phong arrowroot vermicelli
product_set: 6
unit: phuong-tan-phong
producer:
  name: Hợp tác xã Miến dong Tân Phong
  kind: cooperative
  address: Tổ 5, phường Tân Phong
  phone: "0912 000 111"
images:
  - file: LC-0016/hop-che.jpg
    alt:
      vi: Bó miến dong 500 g
certificates:
  - decision: 2045/QĐ-UBND
    date: 2026-11-20
    issuer: UBND tỉnh
    level: province
    stars: 3
"""
REVOCATION_REASON = "Dùng nhãn OCOP trên sản phẩm chưa được công nhận."
WAIT_MS = 20_000


def _missing_tools():
    if NODE is None:
        return "node not found: apt-get install nodejs npm"
    if not DECAP_SERVER.is_file():
        return "decap-server not installed: run `npm ci` (make test does)"
    if not VENDOR.is_file():
        return "Decap CMS not fetched: run `python scripts/vendor_npm.py` (make test does)"
    return None


@pytest.fixture(scope="module")
def tools():
    missing = _missing_tools()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)  # .ci/run installs npm and make test fetches both: a skip would hide it
        pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _git(repo, *args):
    done = subprocess.run(["git", "-c", "user.name=Cán bộ", "-c", "user.email=can-bo@example.vn", *args],
                          cwd=repo, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _ocop(*args, cwd):
    return subprocess.run([str(Path(sys.executable).with_name("ocop")), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


class YamlHandler(QuietHandler):
    extensions_map = {**QuietHandler.extensions_map, ".yml": "text/yaml", ".wasm": "application/wasm"}


@contextlib.contextmanager
def _admin_site(root: Path, mode: str, dataset_lines: str = ""):
    """A git repository holding a copy of the sample records (``dataset_lines`` added to its
    dataset.yaml), its site built and served, and decap-server in ``mode`` ("fs": files written in
    the work tree; "git": the editorial workflow's branches) on that repository:
    (repo, site URL, backend port)."""
    repo = root / "repo"
    shutil.copytree(REPO / "products", repo / "products")
    if dataset_lines:
        with open(repo / "products" / "dataset.yaml", "a", encoding="utf-8") as settings:
            settings.write(dataset_lines)
        assert _ocop("cms-config", "--products", "products", cwd=repo).returncode == 0
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Hồ sơ mẫu / sample records")
    output = root / "output"
    build_site(repo / "products", output, root / "cache")
    # The form's local backend is decap-server on 127.0.0.1:8081 (admin/config.yml); here, a free port.
    backend_port = _free_port()
    for name in ("config.yml", "index.html"):  # the backend's address, and the page's policy naming it
        built = output / "admin" / name
        text = built.read_text(encoding="utf-8")
        assert "127.0.0.1:8081" in text
        built.write_text(text.replace("127.0.0.1:8081", f"127.0.0.1:{backend_port}"), encoding="utf-8")
    env = dict(os.environ, MODE=mode, GIT_REPO_DIRECTORY=str(repo), PORT=str(backend_port), BIND_HOST="127.0.0.1",
               LOG_LEVEL="warn", GIT_AUTHOR_NAME="Cán bộ", GIT_AUTHOR_EMAIL="can-bo@example.vn",
               GIT_COMMITTER_NAME="Cán bộ", GIT_COMMITTER_EMAIL="can-bo@example.vn")
    backend = subprocess.Popen([NODE, str(DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(YamlHandler, directory=str(output)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        _wait_for_port(backend_port, backend)
        yield repo, f"http://127.0.0.1:{server.server_address[1]}/", backend_port
    finally:
        server.shutdown()
        server.server_close()
        backend.terminate()
        backend.wait(timeout=10)


@pytest.fixture(scope="module")
def admin(tools, tmp_path_factory):
    root = tmp_path_factory.mktemp("admin")
    with _admin_site(root, "fs") as (repo, site, backend_port):
        yield repo, site, backend_port, root


def _wait_for_port(port, process):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"decap-server stopped: {process.stderr.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("decap-server did not start within 20 s")


class Screens:
    """Screenshots for the officers' guide, when OCOP_SCREENSHOTS names a folder."""

    def __init__(self, page):
        self.page = page
        self.folder = os.environ.get("OCOP_SCREENSHOTS")

    def take(self, name):
        if self.folder:
            Path(self.folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(self.folder) / f"{name}.png"))


def _input(page, label, nth=0):
    """The input of the ``nth`` form field labelled ``label`` (Decap adds " (không bắt buộc)" to an
    optional field's label and links each label to its input)."""
    pattern = re.compile(rf"^{re.escape(label)}( \(không bắt buộc\))?$")
    field_id = page.locator("label").filter(has_text=pattern).nth(nth).get_attribute("for")
    return page.locator(f"[id='{field_id}']")


def _choose(page, label, text, nth=0):
    """Pick the option showing ``text`` in the select labelled ``label`` (react-select: type, Enter)."""
    box = _input(page, label, nth)
    box.fill(text)
    page.get_by_role("option", name=re.compile(re.escape(text))).first.click()


def _nth_label(page, label, within):
    """Which of the fields labelled ``label`` is the first after the field labelled ``within``."""
    labels = page.eval_on_selector_all("label", "labels => labels.map(label => label.textContent)")
    start = next(i for i, text in enumerate(labels) if text.startswith(within))
    matching = [i for i, text in enumerate(labels) if text.startswith(label)]
    return next(n for n, i in enumerate(matching) if i > start)


def _vn(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _changed_lines(diff: str) -> list:
    """The lines a diff removes and adds, without its headers."""
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _open_entry(page, site, product_id):
    """Load the admin page at ``product_id``'s form afresh (a new hash alone may leave the last entry's
    editor open; the local backend keeps the officer logged in), and wait until its record is in the
    form: a field filled before that would be overwritten by the record as it loads."""
    page.goto("about:blank")
    page.goto(site + f"admin/#/collections/san-pham/entries/{product_id}")
    expect(_input(page, "Mã sản phẩm")).to_have_value(product_id, timeout=WAIT_MS)


def _fill(box, text):
    box.fill(text)
    expect(box).to_have_value(text)


def _publish(page, path: Path, before=None):
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        if path.is_file() and path.read_bytes() != before:
            return path.read_text(encoding="utf-8")
        time.sleep(0.1)
    errors = page.locator("[class*=ControlErrorsList] li, [role=alert]").all_inner_texts()
    page.screenshot(path=str(path.parent.parent.parent / "publish.png"), full_page=True)
    pytest.fail(f"{path.name} was not written by the form; the form says: {errors}")


def test_an_officer_adds_edits_and_revokes_records_in_the_form(admin, browser, new_context):
    repo, site, backend_port, root = admin
    products = repo / "products"
    dataset = load_dataset(products, TODAY, check_images=False)
    new_id = next_free_id(*id_style(dataset), ids_in_folder(dataset))
    context = new_context(viewport={"width": 1280, "height": 900})
    violations = []
    page = context.new_page()
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    screens = Screens(page)

    page.goto(site + "admin/")
    login = page.get_by_role("button", name="Đăng nhập")
    login.wait_for(timeout=WAIT_MS)
    screens.take("01-dang-nhap")
    login.click()
    page.get_by_text("LC-0001 – Chè Shan tuyết cổ thụ San Thàng").wait_for(timeout=WAIT_MS)
    listed = page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")
    assert "dataset" not in listed.lower() and "units" not in listed.lower(), "only records are listed"
    screens.take("02-danh-sach")

    # A new product, with a certificate and a photo.
    page.goto(site + "admin/#/collections/san-pham/new")
    id_input = _input(page, "Mã sản phẩm")
    page.wait_for_function("(el) => el.value !== ''", arg=id_input.element_handle(), timeout=WAIT_MS)
    assert id_input.input_value() == new_id and id_input.get_attribute("readonly") is not None
    # Typed decomposed (as some keyboards send it): the form saves it composed (NFC), as the loader reads it.
    _input(page, "Tiếng Việt").fill(unicodedata.normalize("NFD", "Miến dong Tân Phong"))
    _input(page, "Tiếng Anh").fill("Tan Phong arrowroot vermicelli")
    _choose(page, "Bộ sản phẩm", "Chế biến từ gạo")
    _choose(page, "Đơn vị hành chính", "Phường Tân Phong")
    _input(page, "Tên chủ thể").fill("Hợp tác xã Miến dong Tân Phong")
    _choose(page, "Loại chủ thể", "Hợp tác xã")
    _input(page, "Địa chỉ").fill("Tổ 5, phường Tân Phong")
    _input(page, "Điện thoại").fill("0912 000 111")
    screens.take("03-san-pham-moi")

    page.get_by_role("button", name=re.compile("quyết định công nhận$")).click()
    _input(page, "Số quyết định").fill("2045/QĐ-UBND")
    _input(page, "Ngày quyết định").fill("2026-11-20")
    _input(page, "Cơ quan ban hành").fill("UBND tỉnh")
    _choose(page, "Cấp công nhận", "Cấp tỉnh")
    _input(page, "Số sao").fill("3")
    screens.take("04-giay-chung-nhan")

    page.get_by_role("button", name=re.compile("ảnh$")).first.click()
    page.get_by_role("button", name="Chọn một hình").click()
    page.locator("input[type=file]").set_input_files(str(PHOTO))
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    _input(page, "Tiếng Việt", nth=3).fill("Bó miến dong 500 g")
    screens.take("05-anh")
    saved = _publish(page, products / f"{new_id}.yaml")
    assert "  vi: Miến dong Tân Phong\n" in saved and unicodedata.is_normalized("NFC", saved)
    screens.take("07-da-luu")

    # An existing product's phone: its id cannot be changed.
    lc1 = products / "LC-0001.yaml"
    before = lc1.read_bytes()
    _open_entry(page, site, "LC-0001")
    assert _input(page, "Mã sản phẩm").get_attribute("readonly") is not None
    _fill(_input(page, "Điện thoại"), NEW_PHONE)
    _publish(page, lc1, before)

    # A revocation, on a product whose certificate is valid.
    lc2 = products / "LC-0002.yaml"
    before = lc2.read_bytes()
    _open_entry(page, site, "LC-0002")
    revocation = page.locator("[id='%s']" % _input(page, "Thu hồi").get_attribute("id"))
    revocation.locator("[data-testid=expand-button]").first.click()
    _input(page, "Số quyết định thu hồi").fill("77/QĐ-UBND")
    _input(page, "Ngày thu hồi").fill(REVOKED_ON)
    _choose(page, "Căn cứ thu hồi", "Sử dụng sai nhãn OCOP")
    _input(page, "Tiếng Việt", nth=_nth_label(page, "Tiếng Việt", within="Lý do")).fill(REVOCATION_REASON)
    screens.take("06-thu-hoi")
    _publish(page, lc2, before)

    # Nothing but the site and the local backend was asked anything, and the page's policy held.
    allowed = {urlsplit(site).netloc, f"127.0.0.1:{backend_port}"}
    asked = {urlsplit(url).netloc for url in context.requests if urlsplit(url).scheme in ("http", "https")}
    assert asked <= allowed, f"the admin page asked other hosts: {sorted(asked - allowed)}"
    assert f"127.0.0.1:{backend_port}" in asked
    assert not violations, violations

    # `ocop format` puts the files back into the house layout; git shows only what the officer did.
    formatted = _ocop("format", "--products", "products", cwd=repo)
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    assert _changed_lines(_git(repo, "diff", "--", "products/LC-0001.yaml")) == [
        '-  phone: "0912 345 678"', f'+  phone: "{NEW_PHONE}"']
    assert _changed_lines(_git(repo, "diff", "--", "products/LC-0002.yaml")) == [
        "+revocation:", "+  decision: 77/QĐ-UBND", f"+  date: {REVOKED_ON}", "+  ground: d", "+  reason:",
        f"+    vi: {REVOCATION_REASON}"]
    assert sorted(_git(repo, "status", "--porcelain").splitlines()) == [
        " M products/LC-0001.yaml", " M products/LC-0002.yaml", f"?? products/{new_id}.yaml",
        f"?? products/media/{new_id}/"]
    assert (products / "media" / new_id / PHOTO.name).read_bytes() == PHOTO.read_bytes()
    assert (products / f"{new_id}.yaml").read_text(encoding="utf-8") == NEW_RECORD.replace("LC-0016", new_id)

    # The validator accepts what the form wrote, with the meaning the officer gave it.
    validated = _ocop("validate", "--products", "products", "--today", TODAY.isoformat(), "--format", "json",
                      cwd=repo)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    dataset = load_dataset(products, TODAY)
    assert not dataset.errors, dataset.errors
    by_id = {product.id: product for product in dataset.products}
    new = by_id[new_id]
    assert (new.name.vi, new.product_set, new.unit, new.producer.kind, new.producer.phone) == (
        "Miến dong Tân Phong", 6, "phuong-tan-phong", "cooperative", "0912 000 111")
    assert [(c.decision, c.date.isoformat(), c.level, c.stars) for c in new.certificates] == [
        ("2045/QĐ-UBND", "2026-11-20", "province", 3)]
    assert by_id["LC-0001"].producer.phone == NEW_PHONE
    revocation = by_id["LC-0002"].revocation
    assert (revocation.decision, revocation.date.isoformat(), revocation.ground, revocation.reason.vi) == (
        "77/QĐ-UBND", REVOKED_ON, "d", REVOCATION_REASON)

    # The build shows the changes.
    output = root / "rebuilt"
    build_site(products, output, root / "cache")
    new_page = (output / "p" / new_id / "index.html").read_text(encoding="utf-8")
    assert "Miến dong Tân Phong" in new_page and "2045/QĐ-UBND" in new_page
    assert NEW_PHONE in (output / "p" / "LC-0001" / "index.html").read_text(encoding="utf-8")
    assert "Đã bị thu hồi" in (output / "p" / "LC-0002" / "index.html").read_text(encoding="utf-8")

    # A save that breaks a rule the form cannot know (a decision dated after today) reaches git as the
    # officer typed it, and the pull-request check reports it on its line, in both languages.
    record = products / f"{new_id}.yaml"
    before = record.read_bytes()
    _open_entry(page, site, new_id)
    page.get_by_role("button", name=re.compile("quyết định công nhận$")).click()
    _input(page, "Số quyết định", nth=1).fill("3001/QĐ-UBND")
    _input(page, "Ngày quyết định", nth=1).fill(FUTURE_DAY)
    _input(page, "Cơ quan ban hành", nth=1).fill("UBND tỉnh")
    _choose(page, "Cấp công nhận", "Cấp tỉnh", nth=1)
    _input(page, "Số sao", nth=1).fill("4")
    _publish(page, record, before)
    assert _ocop("format", "--products", "products", cwd=repo).returncode == 0
    checked = _ocop("validate", "--products", "products", "--today", TODAY.isoformat(), "--format", "github",
                    cwd=repo)
    line = record.read_text(encoding="utf-8").splitlines().index(f"    date: {FUTURE_DAY}") + 1
    day, today = _vn(FUTURE_DAY), _vn(TODAY.isoformat())
    assert checked.returncode == 1
    assert (
        f"::error file=products/{new_id}.yaml,line={line},col=11,title=SP215 [certificates[1].date]::"
        f"Ngày {day} ở tương lai (hôm nay là {today}). / Date {day} is in the future (today is {today}). — "
        "Cách sửa: kiểm tra lại năm, tháng, ngày trên văn bản gốc. / Fix: check the year, month and day against "
        "the signed document.") in checked.stdout.splitlines()


def _saved_on(repo, branch):
    """Whether ``branch`` exists and holds a commit that main does not."""
    listed = subprocess.run(["git", "rev-list", "--count", f"main..{branch}", "--"], cwd=repo,
                            capture_output=True, text=True)
    return listed.returncode == 0 and listed.stdout.strip() not in ("", "0")


def test_with_review_a_save_waits_on_its_own_branch_until_it_is_approved(tools, tmp_path, browser, new_context):
    """`review: true` (dataset.yaml, cms): the form's editorial workflow. A save becomes a branch of its
    own (on GitHub, a pull request) and main does not change until a second officer publishes it."""
    with _admin_site(tmp_path, "git", "cms: {backend: github, repo: so-nn/ocop, review: true}\n") as (
            repo, site, backend_port):
        assert "publish_mode: editorial_workflow" in (repo / "products" / "admin" / "config.yml").read_text(
            encoding="utf-8")
        main_before = _git(repo, "rev-parse", "main")
        page = new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(site + "admin/")
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("LC-0001 – Chè Shan tuyết cổ thụ San Thàng").wait_for(timeout=WAIT_MS)
        _open_entry(page, site, "LC-0001")
        _fill(_input(page, "Điện thoại"), NEW_PHONE)
        page.get_by_role("button", name="Lưu", exact=True).click()
        branch = "cms/san-pham/LC-0001"
        deadline = time.monotonic() + WAIT_MS / 1000
        while not _saved_on(repo, branch) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _saved_on(repo, branch), "the save made no branch of its own"
        # Judged by the branches, not by the work tree: decap-server checks its branches out in turn (to
        # save, and again whenever the page lists the entries under review), so which one is checked
        # out at a given instant says nothing.
        assert _git(repo, "rev-parse", "main") == main_before, "main must not change before review"
        # What the reviewer sees once admin-form.yml has restored the layout on the branch: the phone only,
        # read in a work tree of its own.
        review = tmp_path / "review"
        _git(repo, "worktree", "add", "-q", "--detach", str(review), branch)
        assert _ocop("format", "--products", "products", "--base", "main", cwd=review).returncode == 0
        assert _changed_lines(_git(review, "diff", "main", "--", "products")) == [
            '-  phone: "0912 345 678"', f'+  phone: "{NEW_PHONE}"']
