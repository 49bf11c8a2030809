"""`make serve`: the built site on http://localhost:8000, answered as a static host answers it.

    python -m ocop.site.serve --port 8000 --output output

A preview must not flatter the site: an unknown path gets the site's own
``404.html`` with status 404 (never an empty reply), a folder without an
``index.html`` is a 404 too (never a listing of its files, which no public host
shows), ``/folder`` is redirected to ``/folder/``, and ``/P/<ID>`` is answered from
``P/<ID>.html`` as GitHub Pages, Netlify and nginx's ``try_files $uri.html`` do, so
a printed QR code can be tried here.

The output folder is looked up by name at every request: ``make html`` in another
terminal swaps a fresh folder in under that name (ocop.site.swap), and the next
request reads the new site. Nothing outside the folder is served: ``..`` in a path
and symbolic links that lead out of it answer 404.
"""

import argparse
import shutil
import sys
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

DEFAULT_PORT = 8000
DEFAULT_BIND = "127.0.0.1"

# What static hosts send for the files the site is made of (mimetypes would follow the machine's
# /etc/mime.types and differ from one computer to the next). Text is UTF-8 throughout.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".yml": "text/yaml; charset=utf-8",  # admin/config.yml: Decap CMS asks for YAML
}
COMPOUND_TYPES = {".atom.xml": "application/atom+xml", ".rss.xml": "application/rss+xml"}
FALLBACK_TYPE = "application/octet-stream"

# When the folder has no 404.html (a build that has not finished yet, a wrong --output).
BARE_NOT_FOUND = ("<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>404</title>"
                  "<p>Không tìm thấy trang. / <span lang=\"en\">Page not found.</span></p></html>").encode("utf-8")


def content_type(name: str) -> str:
    lower = name.lower()
    for suffix, kind in COMPOUND_TYPES.items():
        if lower.endswith(suffix):
            return kind
    return CONTENT_TYPES.get(Path(lower).suffix, FALLBACK_TYPE)


class Redirect(str):
    """Where to send the browser instead (a folder asked for without its final slash)."""


def resolve(site: Path, url_path: str):
    """What a request path answers in ``site``: a file, a ``Redirect``, or None (404).

    Read at each call, so a folder swapped in under the same name is seen at once.
    """
    raw = unquote(url_path)
    if "\x00" in raw:
        return None
    segments = [s for s in raw.split("/") if s not in ("", ".")]
    if ".." in segments:
        return None  # never a step above the site, even one that would come back into it
    try:
        root = site.resolve(strict=True)
    except OSError:
        return None  # no site yet (or the instant between two renames of a swap, see ocop.site.swap)
    asked = root.joinpath(*segments)

    def inside(path: Path) -> Path | None:
        """The real file or folder, when it exists and lies in the site (symbolic links followed)."""
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):  # missing, or a loop of links
            return None
        return real if real == root or real.is_relative_to(root) else None

    real = inside(asked)
    if real is not None and real.is_file():
        return None if raw.endswith("/") else real  # a file is not a folder: /index.html/ is a 404 on a host
    if segments and not raw.endswith("/"):
        # try_files $uri.html: the printed QR path /P/<ID> answers from P/<ID>.html at once.
        page = inside(asked.with_name(asked.name + ".html"))
        if page is not None and page.is_file():
            return page
    if real is not None and real.is_dir():
        if not raw.endswith("/"):
            return Redirect(quote(raw, safe="/:@!$&'()*+,;=~") + "/")
        index = inside(real / "index.html")
        return index if index is not None and index.is_file() else None
    return None


class SiteHandler(BaseHTTPRequestHandler):
    """GET and HEAD on the files of one folder, looked up by name at each request."""

    server_version = "ocop-serve"
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, site: Path, **kwargs):
        self.site = site
        super().__init__(*args, **kwargs)

    def do_GET(self):
        self._answer(with_body=True)

    def do_HEAD(self):
        self._answer(with_body=False)

    def _answer(self, with_body: bool):
        parts = urlsplit(self.path)
        found = resolve(self.site, parts.path)
        if isinstance(found, Redirect):
            location = found + (f"?{parts.query}" if parts.query else "")
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain; charset=utf-8", with_body,
                       extra={"Location": location})
            return
        if found is not None:
            try:
                with open(found, "rb") as file:  # open before the next swap can take it away
                    size = file.seek(0, 2)
                    file.seek(0)
                    self._headers(HTTPStatus.OK, size, content_type(found.name))
                    if with_body:
                        shutil.copyfileobj(file, self.wfile)
                return
            except OSError:
                pass  # gone between the look-up and the open: as if it had never been there
        self._send(HTTPStatus.NOT_FOUND, self._not_found_page(), CONTENT_TYPES[".html"], with_body)

    def _not_found_page(self) -> bytes:
        try:
            return (self.site / "404.html").read_bytes()
        except OSError:
            return BARE_NOT_FOUND

    def _headers(self, status, length: int, kind: str, extra=None):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        # A preview is rebuilt while it is open: the browser asks again rather than keep an old page.
        self.send_header("Cache-Control", "no-cache")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()

    def _send(self, status, body: bytes, kind: str, with_body: bool, extra=None):
        self._headers(status, len(body), kind, extra)
        if with_body:
            self.wfile.write(body)

    def log_message(self, format, *args):
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True  # Ctrl-C does not wait for a phone that keeps its connection open


def make_server(output: Path, port: int = DEFAULT_PORT, bind: str = DEFAULT_BIND) -> SiteServer:
    return SiteServer((bind, port), partial(SiteHandler, site=Path(output)))


def address(server: SiteServer) -> str:
    host, port = server.server_address[:2]
    shown = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _port(text: str) -> int:
    """A port number; 0 takes any free port (the tests do)."""
    if not text.isascii() or not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"'{text}': cần một số cổng từ 1 đến 65535, ví dụ 8000 / "
                                         f"expected a port number from 1 to 65535, e.g. 8000")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ocop.site.serve", add_help=False,
        usage="python -m ocop.site.serve [--port CỔNG/PORT] [--output THƯ_MỤC/FOLDER] [--bind ĐỊA_CHỈ/ADDRESS]",
        description="Xem trước trang đã dựng như trên máy chủ thật: đường dẫn không có trả về 404.html, thư mục "
                    "không có index.html cũng là 404. / Preview the built site as a real host serves it: an unknown "
                    "path answers 404.html, a folder without index.html is a 404 too.",
        epilog="Ví dụ / Example: python -m ocop.site.serve --port 8000 --output output")
    parser.add_argument("-h", "--help", action="help", help="Hiện trợ giúp này. / Show this help.")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT,
                        help=f"Cổng (mặc định {DEFAULT_PORT}). / Port (default {DEFAULT_PORT}).")
    parser.add_argument("--output", default="output",
                        help="Thư mục trang đã dựng (mặc định output). / The built site's folder (default output).")
    parser.add_argument("--bind", default=DEFAULT_BIND,
                        help=f"Địa chỉ lắng nghe (mặc định {DEFAULT_BIND}; 0.0.0.0 để mở từ điện thoại cùng mạng). / "
                             f"Address to listen on (default {DEFAULT_BIND}; 0.0.0.0 to open it from a phone on the "
                             f"same network).")
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    output = Path(args.output)
    try:
        server = make_server(output, args.port, args.bind)
    except OSError as exc:
        print(f"Không mở được cổng {args.port} ({exc.strerror}); chọn cổng khác, ví dụ make serve PORT=8001. / "
              f"Cannot listen on port {args.port} ({exc.strerror}); choose another, e.g. make serve PORT=8001.",
              file=sys.stderr)
        return 2
    if not (output / "index.html").is_file():
        print(f"Chưa có trang trong {output} (chạy make html). / No site in {output} yet (run make html).",
              file=sys.stderr)
    url = address(server)
    print(f"Mở {url} trong trình duyệt (Ctrl-C để dừng). / Open {url} in a browser (Ctrl-C to stop).", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Đã dừng. / Stopped.", file=sys.stderr)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
