"""Serve the generated sample web on 127.0.0.1, one virtual host per outlet or farm.

Every sample host resolves to 127.0.0.1 (see ``crawler/resolver.py``), so one socket answers
for all of them and the ``Host`` header picks the folder — exactly how a shared web host works.
That keeps URLs, robots.txt and registered domains real for the crawler while nothing leaves
the machine.

    with serve(Path("seeds/sampleweb")) as web:
        web.url_for("harborgazette.com", "/local/")   # http://harborgazette.com:PORT/local/
"""

from __future__ import annotations

import json
import mimetypes
import threading
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from farmwatch.sampleweb.generator import file_for

__all__ = ["SampleWebServer", "check_root", "serve", "hosts_map", "seed_urls", "load_manifest"]

LOOPBACK = "127.0.0.1"


@lru_cache(maxsize=8)
def _manifest_cached(path: str, mtime_ns: int) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_manifest(root: Path) -> dict:
    """``manifest.json`` of a generated sample web; raises ``FileNotFoundError`` when absent."""
    path = Path(root) / "manifest.json"
    return _manifest_cached(str(path.resolve()), path.stat().st_mtime_ns)


def check_root(root: Path) -> str | None:
    """Why ``root`` cannot be served (one line for the CLI), or ``None`` when it can."""
    if (Path(root) / "manifest.json").is_file():
        return None
    return (f"no sample web at {root} (regenerate with "
            "`python -m farmwatch.sampleweb.generator --out seeds/sampleweb --seed 7`)")


def hosts_map(root: Path) -> dict[str, str]:
    """Every sample host → ``127.0.0.1``, the value for ``FARMWATCH_HOSTS``."""
    return {host: LOOPBACK for host in sorted(load_manifest(root)["hosts"])}


def seed_urls(root: Path, port: int) -> list[str]:
    """The home page of every sample host on ``port``: one seed per site to crawl."""
    return [f"http://{host}:{port}/" for host in sorted(load_manifest(root)["hosts"])]


def _content_type(rel: str, charset: str | None) -> str:
    name = rel.rsplit("/", 1)[-1]
    if "__q_" in name or "." not in name:
        ctype = "text/html"  # extensionless CMS paths and search-style URLs are pages
    else:
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if ctype.startswith("text/"):
        ctype += f"; charset={charset or 'utf-8'}"
    return ctype


class _Handler(BaseHTTPRequestHandler):
    server: "_HTTPServer"
    server_version = "farmwatch-sampleweb/1.0"

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        host = (self.headers.get("Host") or "").strip().lower()
        # Strip the port; keep bracketed IPv6 literals whole.
        if host.startswith("["):
            host = host.split("]", 1)[0] + "]"
        else:
            host = host.rsplit(":", 1)[0] if ":" in host else host
        host = host.rstrip(".")
        target = urlsplit(self.path)
        url_path = target.path + (("?" + target.query) if target.query else "")
        status, ctype, body, extra = self.server.lookup(host, url_path)
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:
            super().log_message(format, *args)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: Path, port: int, verbose: bool = False):
        self.root = Path(root).resolve()
        manifest = load_manifest(self.root)
        self.known_hosts = set(manifest["hosts"])
        self.charsets = {p["file"]: p["charset"] for p in manifest["pages"] if p.get("charset")}
        self.verbose = verbose
        super().__init__((LOOPBACK, port), _Handler)

    def lookup(self, host: str, url_path: str) -> tuple[int, str, bytes, dict[str, str]]:
        """(status, Content-Type, body, extra headers) for one request."""
        if host not in self.known_hosts:
            return 404, "text/plain; charset=utf-8", f"unknown host {host!r}\n".encode(), {}
        rel = file_for(url_path)
        base = (self.root / host).resolve()
        path = (base / rel).resolve()
        if not path.is_relative_to(base):
            return self._not_found()
        if path.is_dir() and (path / "index.html").is_file() and "?" not in url_path:
            # A folder asked for without its slash: redirect, as any web server does.
            return 301, "text/plain; charset=utf-8", b"moved\n", {"Location": url_path + "/"}
        if not path.is_file():
            return self._not_found()
        key = f"{host}/{path.relative_to(base).as_posix()}"
        return 200, _content_type(rel, self.charsets.get(key)), path.read_bytes(), {}

    @staticmethod
    def _not_found() -> tuple[int, str, bytes, dict[str, str]]:
        return (404, "text/html; charset=utf-8",
                b"<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
                b"<body><h1>Not Found</h1><p>The page you asked for does not exist.</p></body></html>\n", {})


class SampleWebServer:
    """A running sample web; a context manager whose exit stops it."""

    def __init__(self, root: Path, port: int = 0, verbose: bool = False):
        self.root = Path(root)
        self._httpd = _HTTPServer(self.root, port, verbose)
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="sampleweb", daemon=True)
        self._closed = False

    def start(self) -> "SampleWebServer":
        self._thread.start()
        return self

    def join(self) -> None:
        """Block until the server stops; Ctrl-C still reaches the caller (the ``serve-sample`` command)."""
        while self._thread.is_alive():
            self._thread.join(0.5)

    def url_for(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path if path.startswith('/') else '/' + path}"

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._thread.is_alive():
            self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "SampleWebServer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def serve(root: Path, port: int = 0, verbose: bool = False) -> SampleWebServer:
    """Start the sample web in a daemon thread on ``127.0.0.1:port`` (0 = any free port)."""
    return SampleWebServer(root, port, verbose).start()
