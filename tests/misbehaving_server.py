"""A real HTTP server on 127.0.0.1 whose sites misbehave on purpose.

One ``ThreadingHTTPServer`` on a free port serves every site; the site is picked from the
``Host`` header, and the crawler's resolver maps each name to 127.0.0.1
(``FARMWATCH_HOSTS``), so the crawl sees distinct registered domains, robots.txt files and
download slots exactly as on the real web. Every request is recorded in ``server.hits`` as
``(host, path)`` so tests can assert what was (and was not) fetched.

Sites (``SITES``):

``normal-news.com``   five ordinary articles; links to file:, data:, ftp:, javascript:, mailto:
``calendar-trap.com`` infinite next-month links, relative links that nest
                      (/cal/2024/01/cal/2024/02/...), a session id that changes on every link
``redirect-loop.com`` /loop/a -> /loop/b -> /loop/a, an endless /chain/N -> /chain/N+1
``slow-site.com``     pages that answer after ``SLOW_SECONDS``
``flaky-5xx.com``     /burst answers 503 ``BURST`` times, then 200; /always500
``huge-body.com``     /big: 50 MB with Content-Length; /big-stream: 50 MB without
``gzip-bomb.com``     /bomb: ~250 KB gzip that inflates to 256 MB
``charset-mess.com``  cp1252 served as UTF-8, UTF-8 served as ISO-8859-1, cp1251 declared
                      only in <meta>, an unknown charset name
``crawl-delay.com``   robots.txt with ``Crawl-delay: CRAWL_DELAY``
``private-link.com``  a link and a redirect to http://10.0.0.1/ (must never be contacted)
Fault sites (``FAULT_SITES``, crawled by tests/test_faults_hostile_web.py, not by the trap suite):

``header-flood.com``  /flood: 2,000 response headers; /fat: 80 headers of 4 KB each
``robots-5xx.com``    robots.txt answers 503; every page would be fine
``encoding-mess.com`` /utf16: UTF-16 with a BOM, no charset declared; /one-bad-byte: UTF-8
                      with one invalid byte; /random: random bytes served as text/html
``slow-drip.com``     /drip: a 200-byte body sent one byte every ``DRIP_SECONDS``
``ip-spelling.com``   redirects to 127.0.0.2 spelled as an integer, in hex, in octal, short
                      and IPv4-mapped (the crawl allows only 127.0.0.1/32, so each must be
                      refused; a broken guard would reach 127.0.0.2 at worst, never the net)
``resume-site.com``   nine plain pages; ``hold_after[host] = n`` makes every request after the
                      n-th page hang until ``release`` is set (a crawl frozen mid-way, for the
                      kill and overlap tests: no sleeps, no races)
"""

from __future__ import annotations

import gzip
import re
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 0.3
BURST = 2  # 503s before /burst recovers; RETRY_TIMES >= BURST gets through
CRAWL_DELAY = 1
BIG_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 256 * 1024 * 1024

SITES = ["normal-news.com", "calendar-trap.com", "redirect-loop.com", "slow-site.com",
         "flaky-5xx.com", "huge-body.com", "gzip-bomb.com", "charset-mess.com",
         "crawl-delay.com", "private-link.com", "resume-site.com"]
FAULT_SITES = ["header-flood.com", "robots-5xx.com", "encoding-mess.com", "slow-drip.com", "ip-spelling.com"]
DRIP_SECONDS = 0.5
FLOOD_HEADERS = 2000
ENCODING_WORDS = {"/utf16": "Zürich Straße naïve", "/one-bad-byte": "Crème brûlée à Genève"}
# 127.0.0.2 (never allowed by the fault crawl) as a URL host, spelled five ways.
IP_SPELLINGS = {"/int": "2130706434", "/hex": "0x7f000002", "/octal": "0177.0.0.02", "/short": "127.2",
                "/mapped": "[::ffff:127.0.0.2]"}
RESUME_PAGES = ["/"] + [f"/r{i}" for i in range(1, 9)]

CHARSET_WORDS = {  # path → (a word the decoded page must contain)
    "/cp1252-as-utf8": "Café crème brûlée",
    "/utf8-as-latin1": "Zürich Straße naïve",
    "/cp1251-meta": "Привет мир новости",
    "/unknown-charset": "Señor piñata",
}

_BOMB: bytes | None = None
_BOMB_LOCK = threading.Lock()


def gzip_bomb() -> bytes:
    """Built once per process by streaming zeros through zlib (no 256 MB buffer)."""
    global _BOMB
    with _BOMB_LOCK:
        if _BOMB is None:
            comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
            chunk = bytes(1024 * 1024)
            parts = [comp.compress(chunk) for _ in range(BOMB_BYTES // len(chunk))]
            parts.append(comp.flush())
            _BOMB = b"".join(parts)
        return _BOMB


def article(title: str, paragraphs: int = 6, links: list[str] | None = None, extra: str = "") -> str:
    text = " ".join(
        f"{title} is reported by our staff after interviews with residents and officials, "
        f"who described paragraph {i} of the events in detail and gave their own view." for i in range(3))
    body = "\n".join(f"<p>{text}</p>" for _ in range(paragraphs))
    nav = "".join(f'<li><a href="{u}">{u}</a></li>' for u in (links or []))
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{body}</article><nav><h2>More</h2><ul>{nav}</ul></nav>{extra}</body></html>")


class MisbehavingServer:
    def __init__(self, burst: int = BURST, crawl_delay: float = CRAWL_DELAY):
        self.hits: list[tuple[str, str]] = []
        self.counts: Counter[tuple[str, str]] = Counter()
        self.burst = burst
        self.crawl_delay = crawl_delay
        self.lock = threading.Lock()
        self.hold_after: dict[str, int] = {}
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - stdlib naming
                host = (self.headers.get("Host") or "").split(":")[0].lower()
                with server.lock:
                    server.hits.append((host, self.path))
                    server.counts[(host, self.path)] += 1
                    n = server.counts[(host, self.path)]
                    served = sum(1 for hh, p in server.hits if hh == host and p != "/robots.txt")
                if self.path != "/robots.txt" and host in server.hold_after and served > server.hold_after[host]:
                    server.release.wait(120)
                try:
                    server.route(self, host, self.path, n)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler hung up on a body it did not want: that is the point

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    # ------------------------------------------------------------------ plumbing
    def __enter__(self) -> "MisbehavingServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"

    def hosts(self) -> dict[str, str]:
        hosts = {h: "127.0.0.1" for h in SITES + FAULT_SITES}
        hosts["intranet-name.com"] = "127.0.0.2"  # a name whose address the fault crawl refuses
        return hosts

    def fetched(self, host: str) -> list[str]:
        with self.lock:
            return [p for h, p in self.hits if h == host]

    @staticmethod
    def send(h, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def html(self, h, text: str, status: int = 200) -> None:
        self.send(h, status, text.encode("utf-8"))

    # ------------------------------------------------------------------ routes
    def route(self, h, host: str, path: str, n: int) -> None:
        if path == "/robots.txt":
            if host == "robots-5xx.com":
                return self.send(h, 503, b"robots.txt is having a bad day", "text/plain")
            if host == "crawl-delay.com":
                body = f"User-agent: *\nCrawl-delay: {self.crawl_delay}\nDisallow: /private/\n"
            else:
                body = "User-agent: *\nAllow: /\n"
            return self.send(h, 200, body.encode(), "text/plain")
        handler = getattr(self, "site_" + host.split(".")[0].replace("-", "_"), None)
        if handler is None:
            return self.send(h, 404, b"no such site", "text/plain")
        return handler(h, path, n)

    def site_normal_news(self, h, path, n):
        if path == "/":
            links = [f"/a{i}" for i in range(1, 6)]
            extra = ('<a href="file:///etc/passwd">f</a><a href="data:text/html,<h1>x</h1>">d</a>'
                     '<a href="ftp://normal-news.com/x">ftp</a><a href="javascript:alert(1)">j</a>'
                     '<a href="mailto:ed@normal-news.com">m</a>')
            return self.html(h, article("Normal News front page", 2, links, extra))
        m = re.fullmatch(r"/a(\d)", path)
        if m:
            return self.html(h, article(f"Normal article {m.group(1)}", links=["/"]))
        return self.send(h, 404, b"nope", "text/plain")

    def site_calendar_trap(self, h, path, n):
        base = path.split("?")[0]
        if base == "/":
            return self.html(h, article("Calendar", 2, ["/calendar/2024/01/", "cal/2024/01/", "/s?sid=1"]))
        m = re.fullmatch(r"/calendar/(\d+)/(\d+)/", base)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            y2, mo2 = (y + 1, 1) if mo == 12 else (y, mo + 1)
            return self.html(h, article(f"Events {y}-{mo:02d}", 1, [f"/calendar/{y2}/{mo2:02d}/"]))
        if base.startswith("/cal/"):  # relative link nests forever
            return self.html(h, article(f"Cal {base}", 1, ["cal/2024/02/"]))
        if base == "/s":
            sid = int(path.split("sid=")[1]) if "sid=" in path else 0
            return self.html(h, article(f"Session {sid}", 1, [f"/s?sid={sid + 1}"]))
        return self.send(h, 404, b"nope", "text/plain")

    def site_redirect_loop(self, h, path, n):
        if path == "/":
            return self.html(h, article("Redirects", 2, ["/loop/a", "/chain/1", "/ok"]))
        if path == "/loop/a":
            return self.send(h, 302, b"", headers={"Location": "/loop/b"})
        if path == "/loop/b":
            return self.send(h, 302, b"", headers={"Location": "/loop/a"})
        m = re.fullmatch(r"/chain/(\d+)", path)
        if m:
            return self.send(h, 302, b"", headers={"Location": f"/chain/{int(m.group(1)) + 1}"})
        if path == "/ok":
            return self.html(h, article("Redirect site ok page"))
        return self.send(h, 404, b"nope", "text/plain")

    def site_slow_site(self, h, path, n):
        time.sleep(SLOW_SECONDS)
        if path == "/":
            return self.html(h, article("Slow front", 2, [f"/s{i}" for i in range(1, 4)]))
        if re.fullmatch(r"/s\d", path):
            return self.html(h, article(f"Slow story {path}"))
        return self.send(h, 404, b"nope", "text/plain")

    def site_flaky_5xx(self, h, path, n):
        if path == "/":
            return self.html(h, article("Flaky front", 2, ["/burst", "/always500", "/fine"]))
        if path == "/burst":
            if n <= self.burst:
                return self.send(h, 503, b"busy", "text/plain")
            return self.html(h, article("Burst recovered"))
        if path == "/always500":
            return self.send(h, 500, b"broken", "text/plain")
        if path == "/fine":
            return self.html(h, article("Flaky fine page"))
        return self.send(h, 404, b"nope", "text/plain")

    def site_huge_body(self, h, path, n):
        if path == "/":
            return self.html(h, article("Huge front", 2, ["/big", "/big-stream", "/fine"]))
        if path in ("/big", "/big-stream"):
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            if path == "/big":
                h.send_header("Content-Length", str(BIG_BYTES))
            else:
                h.send_header("Connection", "close")
                h.close_connection = True
            h.end_headers()
            chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
            for _ in range(BIG_BYTES // len(chunk)):
                h.wfile.write(chunk)
            return None
        if path == "/fine":
            return self.html(h, article("Huge site fine page"))
        return self.send(h, 404, b"nope", "text/plain")

    def site_gzip_bomb(self, h, path, n):
        if path == "/":
            return self.html(h, article("Bomb front", 2, ["/bomb", "/fine"]))
        if path == "/bomb":
            return self.send(h, 200, gzip_bomb(), headers={"Content-Encoding": "gzip"})
        if path == "/fine":
            # a legitimate gzip page still works
            return self.send(h, 200, gzip.compress(article("Gzip fine page").encode()),
                             headers={"Content-Encoding": "gzip"})
        return self.send(h, 404, b"nope", "text/plain")

    def site_charset_mess(self, h, path, n):
        if path == "/":
            return self.html(h, article("Charsets", 2, list(CHARSET_WORDS)))
        words = CHARSET_WORDS.get(path)
        if words is None:
            return self.send(h, 404, b"nope", "text/plain")
        page = article(f"{words} report")
        if path == "/cp1252-as-utf8":
            return self.send(h, 200, page.encode("cp1252"), "text/html; charset=utf-8")
        if path == "/utf8-as-latin1":
            return self.send(h, 200, page.encode("utf-8"), "text/html; charset=iso-8859-1")
        if path == "/cp1251-meta":
            page = page.replace("<head>", '<head><meta charset="windows-1251">')
            return self.send(h, 200, page.encode("cp1251"), "text/html")
        return self.send(h, 200, page.encode("cp1252"), "text/html; charset=x-no-such-charset")

    def site_crawl_delay(self, h, path, n):
        if path == "/":
            return self.html(h, article("Delay front", 2, ["/d1", "/d2", "/private/x"]))
        if path in ("/d1", "/d2"):
            return self.html(h, article(f"Delayed story {path}"))
        return self.send(h, 404, b"nope", "text/plain")

    def site_resume_site(self, h, path, n):
        if path not in RESUME_PAGES:
            return self.send(h, 404, b"nope", "text/plain")
        i = RESUME_PAGES.index(path)
        links = RESUME_PAGES[1:] if path == "/" else ["/", RESUME_PAGES[(i % 8) + 1]]
        return self.html(h, article(f"Resume page {i}", links=links))

    def site_private_link(self, h, path, n):
        if path == "/":
            return self.html(h, article("Private link front", 2,
                                        ["http://10.0.0.1/admin", "/to-private", "/fine"]))
        if path == "/to-private":
            return self.send(h, 302, b"", headers={"Location": "http://10.0.0.1/internal"})
        if path == "/fine":
            return self.html(h, article("Private-link site fine page"))
        return self.send(h, 404, b"nope", "text/plain")

    # ------------------------------------------------------------------ fault sites
    def site_header_flood(self, h, path, n):
        if path == "/":
            return self.html(h, article("Header flood front", 2, ["/flood", "/fat", "/fine"]))
        if path == "/flood":
            return self.send(h, 200, article("Flooded").encode(),
                             headers={f"X-Flood-{i}": "x" * 20 for i in range(FLOOD_HEADERS)})
        if path == "/fat":
            return self.send(h, 200, article("Fat headers").encode(),
                             headers={f"X-Fat-{i}": "y" * 4096 for i in range(80)})
        if path == "/fine":
            return self.html(h, article("Header flood fine page"))
        return self.send(h, 404, b"nope", "text/plain")

    def site_robots_5xx(self, h, path, n):
        return self.html(h, article("A page robots.txt never allowed", 2, ["/a1"]))

    def site_encoding_mess(self, h, path, n):
        if path == "/":
            return self.html(h, article("Encodings", 2, [*ENCODING_WORDS, "/random"]))
        if path == "/utf16":
            return self.send(h, 200, article(f"{ENCODING_WORDS[path]} report").encode("utf-16"), "text/html")
        if path == "/one-bad-byte":
            body = article(f"{ENCODING_WORDS[path]} report").encode("utf-8")
            cut = body.index(b"</h1>")
            return self.send(h, 200, body[:cut] + b" \xff" + body[cut:], "text/html; charset=utf-8")
        if path == "/random":
            import random

            noise = random.Random(18).randbytes(20_000).replace(b"\x00", b"\x01")
            return self.send(h, 200, noise, "text/html")
        return self.send(h, 404, b"nope", "text/plain")

    def site_slow_drip(self, h, path, n):
        if path == "/":
            return self.html(h, article("Drip front", 2, ["/drip"]))
        if path == "/drip":
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", "200")
            h.end_headers()
            for _ in range(200):
                h.wfile.write(b"x")
                h.wfile.flush()
                if self.release.wait(DRIP_SECONDS):
                    return None
            return None
        return self.send(h, 404, b"nope", "text/plain")

    def site_ip_spelling(self, h, path, n):
        if path == "/":
            return self.html(h, article("Spellings", 2, [*IP_SPELLINGS, "/to-name"]))
        if path in IP_SPELLINGS:
            return self.send(h, 302, b"", headers={"Location": f"http://{IP_SPELLINGS[path]}:{self.port}/x"})
        if path == "/to-name":
            return self.send(h, 302, b"", headers={"Location": f"http://intranet-name.com:{self.port}/x"})
        return self.send(h, 404, b"nope", "text/plain")


if __name__ == "__main__":  # manual poking: python -m tests.misbehaving_server
    with MisbehavingServer() as s:
        print(f"listening on 127.0.0.1:{s.port}; sites: {', '.join(SITES)}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


# ---------------------------------------------------------------------- test helpers
def crawl_settings(server: "MisbehavingServer", **extra) -> dict[str, object]:
    """Settings for a fast crawl of this server: loopback only, no politeness delays."""
    import json

    settings: dict[str, object] = {
        "FARMWATCH_HOSTS": json.dumps(server.hosts()),
        "FARMWATCH_HOSTS_ONLY": "true",
        "FARMWATCH_ALLOW_PRIVATE": "true",
        # Loopback is allowed; 10.0.0.1 and friends stay refused even in tests.
        "FARMWATCH_ALLOW_PRIVATE_NETWORKS": json.dumps(["127.0.0.0/8"]),
        "AUTOTHROTTLE_ENABLED": "false",
        "DOWNLOAD_DELAY": "0",
        "DOWNLOAD_TIMEOUT": "20",
        "DOWNLOAD_MAXSIZE": str(2 * 1024 * 1024),
        "DOWNLOAD_WARNSIZE": str(1024 * 1024),
        "REDIRECT_MAX_TIMES": "3",
        "RETRY_TIMES": "2",
        "FARMWATCH_STORE_BATCH": "1",
        "LOG_LEVEL": "INFO",
    }
    settings.update({k: str(v) for k, v in extra.items()})
    return settings


def crawl_command(server: "MisbehavingServer", tmp, seeds: list[str], job: str = "t",
                  settings: dict[str, object] | None = None, args: list[str] | None = None,
                  allow_private: bool = True) -> list[str]:
    """argv for ``python -m farmwatch crawl`` writing into ``tmp`` (db, job state)."""
    import sys
    from pathlib import Path

    tmp = Path(tmp)
    seeds_file = tmp / f"seeds-{job}.txt"
    seeds_file.write_text("\n".join(seeds) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "farmwatch", "crawl", "--seeds", str(seeds_file), "--job", job,
           "--db", str(tmp / "fw.sqlite"), "--state-dir", str(tmp / "jobs"),
           *(["--allow-private"] if allow_private else []), *(args or [])]
    for k, v in (settings if settings is not None else crawl_settings(server)).items():
        cmd += ["-s", f"{k}={v}"]
    return cmd


def run_env() -> dict[str, str]:
    import os
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    return dict(os.environ, PYTHONPATH=str(repo))


def stored_pages(db) -> dict[str, dict]:
    """url → stored page (both tables), read back through the real store."""
    from crawler.storage import open_store

    with open_store(str(db)) as store:
        return {p["url"]: p for p in store.iter_pages()}


def job_runs(db, job: str) -> list[dict]:
    from crawler.storage import open_store

    with open_store(str(db)) as store:
        return store.runs(job=job)
