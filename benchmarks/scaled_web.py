"""A fast synthetic web for crawl benchmarks: N pages over H sites, served by Twisted on loopback.

Pages are the bundled sample web's own pages (farm and legitimate) used as templates, their
links replaced by a tree of links to other synthetic pages, so every crawler sees the same
HTML mix as ``make run`` at any scale without writing thousands of files. Page *i* of a site
links to pages ``4i+1 … 4i+4``, so a crawl reaches every page at depth ≈ log4(N/H).

    python -m benchmarks.scaled_web --pages 10000 --sites 20 --port 0 --portfile /tmp/port
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from twisted.web import resource, server

REPO = Path(__file__).resolve().parents[1]
HREF = re.compile(rb"""href=["'][^"']*["']""", re.I)


def site_name(i: int) -> str:
    return f"www.benchsite{i:03d}.com"


def load_templates(root: Path) -> list[bytes]:
    pages = sorted(p for p in root.rglob("*.html") if p.is_file())
    templates = []
    for p in pages:
        body = HREF.sub(b'href="#"', p.read_bytes())
        if b"</body>" in body.lower():
            templates.append(body)
    if not templates:
        raise SystemExit(f"no HTML templates under {root}")
    return templates


class SyntheticSite(resource.Resource):
    isLeaf = True

    def __init__(self, templates: list[bytes], per_site: int):
        super().__init__()
        self.templates = templates
        self.per_site = per_site

    def render_GET(self, request):  # noqa: N802 - Twisted naming
        path = request.path.decode("latin-1")
        if path == "/robots.txt":
            request.setHeader(b"Content-Type", b"text/plain")
            return b"User-agent: *\nAllow: /\n"
        m = re.fullmatch(r"/(?:p/(\d+)\.html)?", path)
        if not m:
            request.setResponseCode(404)
            return b"not found"
        i = int(m.group(1) or 0)
        if i >= self.per_site:
            request.setResponseCode(404)
            return b"not found"
        links = "".join(f'<li><a href="/p/{j}.html">Story number {j} of the archive pages</a></li>'
                        for j in range(4 * i + 1, min(4 * i + 5, self.per_site)))
        body = self.templates[i % len(self.templates)]
        request.setHeader(b"Content-Type", b"text/html; charset=utf-8")
        return body.replace(b"</body>", f"<ul>{links}</ul></body>".encode(), 1)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--portfile", type=Path)
    ap.add_argument("--templates", type=Path, default=REPO / "seeds" / "sampleweb")
    args = ap.parse_args(argv)
    from twisted.internet import reactor  # imported here: importing it installs a reactor

    site = server.Site(SyntheticSite(load_templates(args.templates), max(1, args.pages // args.sites)))
    site.log = lambda *a, **k: None  # no access log: it would cost more than the page
    port = reactor.listenTCP(args.port, site, interface="127.0.0.1")
    if args.portfile:
        args.portfile.write_text(str(port.getHost().port))
    print(port.getHost().port, flush=True)
    reactor.run()


if __name__ == "__main__":
    sys.exit(main())
