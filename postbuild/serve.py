"""Serve a built site on loopback the way GitHub Pages does: under the site_url path, gzip for text,
and the site's 404.html for anything missing. Used by the browser tests and the benchmark.

    python -m postbuild.serve site      # prints the URL, serves until Ctrl-C
"""
from __future__ import annotations

import gzip
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


def site_prefix(config: Path = ROOT / "mkdocs.yml") -> str:
    """The path the site is served under, from site_url: '/sciatica-self-massage-guide/'."""
    site_url = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["site_url"]
    path = urlsplit(site_url).path.strip("/")
    return f"/{path}/" if path else "/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    use_gzip = True
    _gzipped: dict[tuple[str, float], bytes] = {}
    sent: list[tuple[str, int]] = []  # (URL path, body bytes) of every 200 response, for the bench

    def log_message(self, format, *args):  # noqa: A002 - the tests and the bench print their own
        pass

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(self.prefix):
            return str(Path(self.directory) / "not-under-the-site-prefix.missing")
        return super().translate_path("/" + url_path[len(self.prefix):])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # directory redirects and 404s
        ctype = self.guess_type(str(path))
        if not (self.use_gzip and ctype.startswith(COMPRESSIBLE)
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            self.sent.append((urlsplit(self.path).path, path.stat().st_size))
            return super().send_head()
        body = self._compressed(path)
        self.sent.append((urlsplit(self.path).path, len(body)))
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def _compressed(self, path: Path) -> bytes:
        key = (str(path), path.stat().st_mtime)
        if key not in self._gzipped:
            self._gzipped[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        return self._gzipped[key]

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Body:
    """The file-like object SimpleHTTPRequestHandler copies to the socket."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that goes away in the middle of a reply (a test closed its page, a download was cut
        off) is no fault of the site: no traceback for it in the test output. Anything else prints
        its traceback, as the standard server does."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class SiteServer:
    """A threaded HTTP server for one built site on 127.0.0.1 and a free port; a context manager."""

    def __init__(self, site_dir: Path, prefix: str | None = None, use_gzip: bool = True):
        handler = type("Handler", (_Handler,), {"prefix": prefix or site_prefix(), "use_gzip": use_gzip,
                                                 "_gzipped": {}, "sent": []})
        self.sent = handler.sent
        self._server = _Server(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(site_dir)))
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        self.url = self.origin + handler.prefix
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._server.shutdown()
        self._server.server_close()


if __name__ == "__main__":
    with SiteServer(Path(sys.argv[1] if len(sys.argv) > 1 else "site")) as server:
        print(server.url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
