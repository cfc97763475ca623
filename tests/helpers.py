"""Small test utilities: a scriptable loopback HTTP server and a `scrapy crawl` runner."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class Route:
    def __init__(self, body: bytes = b"", status: int = 200, ctype: str = "text/html; charset=utf-8"):
        self.body, self.status, self.ctype = body, status, ctype


class ScriptedServer:
    """A real HTTP server on 127.0.0.1 whose responses are a dict ``{path: Route}``."""

    def __init__(self, routes: dict[str, Route]):
        routes = dict(routes)
        routes.setdefault("/robots.txt", Route(b"User-agent: *\nAllow: /\n", ctype="text/plain"))

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - stdlib naming
                route = routes.get(self.path.split("?")[0], Route(b"not found", 404, "text/plain"))
                self.send_response(route.status)
                if route.ctype:
                    self.send_header("Content-Type", route.ctype)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def scrapy_crawl(args: list[str], settings: dict[str, object], cwd: Path = REPO, timeout: int = 300):
    """Run the real ``scrapy crawl news`` command; returns the CompletedProcess."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news"]
    for a in args:
        cmd += ["-a", a]
    for k, v in settings.items():
        cmd += ["-s", f"{k}={v}"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def farmwatch(*args: str, timeout: int = 300, cwd: Path = REPO):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "farmwatch", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)
