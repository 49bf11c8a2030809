"""`make serve` answers as a static host does: real requests to ocop.site.serve on a scratch folder.

The folder mimics a built site: a home page, a 404.html, a folder with no index,
a product page, its QR door P/<ID>.html and P/<ID>/index.html, and files of each
kind the site is made of.
"""

import http.client
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ocop.site.serve import make_server

REPO = Path(__file__).resolve().parent.parent
NOT_FOUND_PAGE = "<!DOCTYPE html><title>Không tìm thấy trang</title><h1>404 của trang</h1>"
DOOR = '<meta http-equiv="refresh" content="0; url=../p/LC-0001/">door of LC-0001'


def write_site(folder: Path, home: str = "home, first build") -> Path:
    files = {
        "index.html": home,
        "404.html": NOT_FOUND_PAGE,
        "p/LC-0001/index.html": "the page of LC-0001",
        "p/LC-0001/qr.svg": "<svg/>",
        "p/LC-0001/hop-che-320.webp": "webp",
        "P/LC-0001.html": DOOR,
        "P/LC-0001/index.html": DOOR,
        "san-pham/nhom/thuc-pham/index.html": "group page",  # san-pham/ itself has no index
        "data/products.json": "{}",
        "data/products.csv": "id\n",
        "data/revocations.xml": "<feed/>",
        "feeds/san-pham-moi.atom.xml": "<feed/>",
        "theme/js/catalogue.js": "//",
    }
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def served(tmp_path):
    """(base URL, the site folder, a folder beside it that is not part of the site)."""
    site = write_site(tmp_path / "output")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwords.txt").write_text("not for the web", encoding="utf-8")
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site, secret
    server.shutdown()
    server.server_close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, follow: bool = True):
    """(status, headers, body text) of a real request, errors included."""
    opener = urllib.request.build_opener(*([] if follow else [NoRedirect()]))
    try:
        with opener.open(url, timeout=10) as reply:
            return reply.status, reply.headers, reply.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def raw_get(base: str, path: str):
    """A request line sent exactly as written (urllib would not send ``..`` as it is)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    reply = connection.getresponse()
    body = reply.read().decode("utf-8")
    connection.close()
    return reply.status, body


def test_an_unknown_path_answers_the_sites_404_page_with_status_404(served):
    base, _site, _secret = served
    status, headers, body = get(f"{base}/p/LC-9999/")
    assert (status, body) == (404, NOT_FOUND_PAGE)
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_a_folder_without_index_is_a_404_not_a_listing(served):
    base, _site, _secret = served
    status, _headers, body = get(f"{base}/san-pham/")
    assert (status, body) == (404, NOT_FOUND_PAGE)
    assert "thuc-pham" not in body


def test_a_folder_without_its_slash_is_redirected_like_on_a_static_host(served):
    base, _site, _secret = served
    status, headers, _body = get(f"{base}/p/LC-0001?from=qr", follow=False)
    assert status == 301
    assert headers["Location"] == "/p/LC-0001/?from=qr"
    assert get(f"{base}/p/LC-0001")[::2] == (200, "the page of LC-0001")


def test_the_printed_qr_path_answers_from_its_door_at_once(served):
    base, _site, _secret = served
    assert get(f"{base}/P/LC-0001", follow=False)[::2] == (200, DOOR)
    assert get(f"{base}/P/LC-0001/", follow=False)[::2] == (200, DOOR)
    assert get(f"{base}/")[::2] == (200, "home, first build")


@pytest.mark.parametrize("path", ["/../secret/passwords.txt", "/p/../../secret/passwords.txt",
                                  "/%2e%2e/secret/passwords.txt", "/p/%2E%2E/%2e%2e/secret/passwords.txt",
                                  "/..%2fsecret%2fpasswords.txt"])
def test_nothing_above_the_folder_is_served(served, path):
    base, _site, _secret = served
    assert raw_get(base, path) == (404, NOT_FOUND_PAGE)


def test_a_symbolic_link_that_leads_out_of_the_folder_is_refused(served):
    base, site, secret = served
    (site / "leak.txt").symlink_to(secret / "passwords.txt")
    (site / "leak").symlink_to(secret, target_is_directory=True)
    (site / "inside.html").symlink_to(site / "index.html")  # a link that stays inside is fine
    assert get(f"{base}/leak.txt")[::2] == (404, NOT_FOUND_PAGE)
    assert get(f"{base}/leak/passwords.txt")[::2] == (404, NOT_FOUND_PAGE)
    assert get(f"{base}/leak/")[::2] == (404, NOT_FOUND_PAGE)
    assert get(f"{base}/inside.html")[::2] == (200, "home, first build")


@pytest.mark.parametrize("path, kind", [
    ("/theme/js/catalogue.js", "text/javascript; charset=utf-8"),
    ("/data/products.json", "application/json"),
    ("/p/LC-0001/qr.svg", "image/svg+xml"),
    ("/p/LC-0001/hop-che-320.webp", "image/webp"),
    ("/data/revocations.xml", "application/xml"),
    ("/data/products.csv", "text/csv; charset=utf-8"),
    ("/feeds/san-pham-moi.atom.xml", "application/atom+xml"),
    ("/", "text/html; charset=utf-8"),
])
def test_each_kind_of_file_has_its_content_type(served, path, kind):
    base, _site, _secret = served
    status, headers, _body = get(base + path)
    assert (status, headers["Content-Type"]) == (200, kind)


def test_a_new_build_swapped_in_between_two_requests_is_seen(served):
    base, site, _secret = served
    assert get(f"{base}/")[::2] == (200, "home, first build")
    fresh = write_site(site.with_name("output.new-1"), home="home, second build")
    (fresh / "p/LC-0002/index.html").parent.mkdir(parents=True)
    (fresh / "p/LC-0002/index.html").write_text("the page of LC-0002", encoding="utf-8")
    site.rename(site.with_name("output.old-1"))
    fresh.rename(site)  # what ocop.site.swap does where the kernel cannot exchange two names
    assert get(f"{base}/")[::2] == (200, "home, second build")
    assert get(f"{base}/p/LC-0002/")[::2] == (200, "the page of LC-0002")


def test_the_command_prints_the_address_and_stops_on_ctrl_c_without_a_traceback(tmp_path):
    site = write_site(tmp_path / "output")
    process = subprocess.Popen([sys.executable, "-m", "ocop.site.serve", "--port", "0", "--output", str(site)],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("Mở http://localhost:") and " / Open http://localhost:" in line, line
        url = line.split()[1]
        assert get(url)[::2] == (200, "home, first build")
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Traceback" not in err
    assert err.strip().endswith("Đã dừng. / Stopped.")


def test_help_is_in_both_languages():
    result = subprocess.run([sys.executable, "-m", "ocop.site.serve", "--help"], cwd=REPO,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    assert "Xem trước trang đã dựng" in result.stdout and "Preview the built site" in result.stdout
    assert "--port" in result.stdout and "--output" in result.stdout


@pytest.mark.parametrize("port", ["abc", "65536", "８０", "8000.5"])
def test_a_wrong_port_is_refused_in_both_languages_without_a_traceback(port):
    result = subprocess.run([sys.executable, "-m", "ocop.site.serve", "--port", port], cwd=REPO,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert (f"argument --port: '{port}': cần một số cổng từ 1 đến 65535, ví dụ 8000 / expected a port number "
            f"from 1 to 65535, e.g. 8000") in result.stderr
    assert "Traceback" not in result.stderr


def test_make_serve_uses_it():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "-m ocop.site.serve --port $(PORT) --output '$(OUTPUT)'" in recipe
    assert "pelican --listen" not in recipe
