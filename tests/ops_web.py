"""A loopback web whose pages a test can change between two cron runs, for the operator tests.

``OpsWeb`` serves ``routes[(host, path)] = (status, html)`` on one 127.0.0.1 port (the site
is picked from the ``Host`` header; the crawler's host map sends every name here) and counts
every request in ``counts``. A test crawls, changes ``routes`` (pages go 404, start failing),
and crawls again, as a scheduled job would meet a site that changed overnight.
"""

from __future__ import annotations

import json
import subprocess

from tests.misbehaving_server import MisbehavingServer, article, crawl_command, crawl_settings, run_env


class OpsWeb(MisbehavingServer):
    """The misbehaving server's plumbing (one port, sites by Host header, ``counts`` of every
    request), with pages from ``routes`` and a POST receiver for webhooks (``posts``)."""

    def __init__(self, hosts: list[str]):
        super().__init__()
        self.names = list(hosts)
        self.routes: dict[tuple[str, str], tuple[int, str]] = {}
        self.posts: list[dict] = []  # JSON bodies POSTed to any path (webhook receiver)
        web = self

        def do_POST(handler):  # noqa: N802 - stdlib naming
            length = int(handler.headers.get("Content-Length") or 0)
            web.posts.append(json.loads(handler.rfile.read(length) or b"{}"))
            web.send(handler, 204)

        self.httpd.RequestHandlerClass.do_POST = do_POST

    def route(self, h, host: str, path: str, n: int) -> None:
        if path == "/robots.txt":
            return self.send(h, 200, b"User-agent: *\nAllow: /\n", "text/plain")
        status, body = self.routes.get((host, path), (404, "not here"))
        return self.send(h, status, body.encode("utf-8"))

    def site(self, host: str, articles: int, extra_links: list[str] = ()) -> list[str]:
        """A front page linking ``articles`` pages (and ``extra_links``); returns the article paths."""
        paths = [f"/story-{i}" for i in range(1, articles + 1)]
        self.routes[(host, "/")] = (200, article(f"{host} front page", 2, paths + list(extra_links)))
        for i, path in enumerate(paths, 1):
            self.routes[(host, path)] = (200, article(f"{host} story {i} about the county budget", links=["/"]))
        return paths

    def hosts(self) -> dict[str, str]:
        return {h: "127.0.0.1" for h in self.names}

    def settings(self, **extra) -> dict[str, object]:
        """The misbehaving server's loopback-only crawl settings; the classifier off unless asked."""
        return crawl_settings(self, **{"RETRY_TIMES": 1, "FARMWATCH_CLASSIFY_ENABLED": "false", **extra})

    def crawl(self, tmp, seeds: list[str], job: str, args: list[str] = (), allow_private: bool = True,
              **settings) -> subprocess.CompletedProcess:
        """One real ``farmwatch crawl`` run (a subprocess), as cron starts it."""
        cmd = crawl_command(self, tmp, seeds, job=job, settings=self.settings(**settings), args=list(args),
                            allow_private=allow_private)
        return subprocess.run(cmd, env=run_env(), capture_output=True, text=True, timeout=240)


def summary_line(proc: subprocess.CompletedProcess) -> str:
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("farmwatch crawl ")]
    assert len(lines) == 1, proc.stdout + proc.stderr[-3000:]
    return lines[0]
