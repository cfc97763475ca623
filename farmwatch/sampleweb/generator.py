"""Write the bundled sample web: legitimate outlets, farms that copy them, and a manifest.

    python -m farmwatch.sampleweb.generator --out seeds/sampleweb --seed 7

``make run``, the crawl tests and the benchmarks need a small web that behaves like the real
one — several registered domains, subdomains of one farm operator, a free-platform host, robots
rules, a wrong charset, a PDF, a dead link — and whose every page has a known label. Writing it
from a seed (instead of saving real pages) keeps third-party text out of the repository and lets
anyone rebuild the exact bytes that are committed.

The legitimate outlets are written here from :mod:`farmwatch.sampleweb.prose`; the farm pages
are made by :mod:`classifier.simulator` from the outlets' own articles, so the sample web
carries exactly the marks the detector is trained on. ``manifest.json`` records, for every file,
its host, URL path, label (``farm`` / ``legit`` / ``other``), family and the article it copies.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from farmwatch.sampleweb.prose import KINDS, WIRE_KINDS, Place, Story, person, write_story

__all__ = ["generate", "file_for", "main"]

HOSTS_FILE_NAME = "sample-hosts.txt"


# --------------------------------------------------------------------------- layout

def file_for(url_path: str) -> str:
    """The file (relative to a host folder) that serves ``url_path``; the server uses the same rule.

    A query string becomes a stable suffix (parameters sorted), so search-style farm URLs such as
    ``/news/search?q=...&FORM=...`` are plain files on disk.
    """
    path, _, query = url_path.partition("?")
    rel = unquote(path).lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    if query:
        norm = urlencode(sorted(parse_qsl(query, keep_blank_values=True)))
        rel += "__q_" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]
    return rel


@dataclass
class Outlet:
    host: str
    name: str
    tagline: str
    place: Place
    sections: list[tuple[str, str]]  # (slug, label); story sections map onto these slugs
    url_style: str
    kinds: list[str]
    wire: list[str] = field(default_factory=list)  # wire stories this outlet carries
    tz: str = "-05:00"
    wire_credit: str = "Via AP news wire"


OUTLETS = [
    Outlet("harborgazette.com", "The Harbor Gazette", "Port Calder's daily newspaper since 1911",
           Place("Port Calder", "Calder County", "Ore.", ["Seal Rock", "Wexford", "Tillamook Bay", "North Calder"], "Nestucca"),
           [("local", "Local"), ("business", "Business"), ("sports", "Sports")], "dated_dir",
           ["council_vote", "storm", "plant", "sports", "bridge", "school_board", "research", "transit"], tz="-07:00"),
    Outlet("valleyledger.net", "Valley Ledger", "News for the Alder Valley",
           Place("Alder Falls", "Bonner County", "Idaho", ["Priest Junction", "Clark Fork", "Hope", "Sagle"], "Pend Oreille"),
           [("news", "News"), ("business", "Business"), ("outdoors", "Outdoors")], "uuid",
           ["drought", "research", "hospital", "court", "plant", "transit", "sports"], wire=["recall"], tz="-07:00",
           wire_credit="Copyright The Associated Press. All rights reserved."),
    Outlet("news.ridgelinepost.co.uk", "The Ridgeline Post", "Local news for Ashcombe and the Downs",
           Place("Ashcombe", "West Downshire", "West Downshire", ["Kingsmere", "Farley Cross", "Old Hatch", "Brackwell"], "Wend", uk=True),
           [("news", "News"), ("business", "Business"), ("sport", "Sport")], "numeric",
           ["bridge", "council_vote", "hospital", "plant", "sports", "storm", "transit", "school_board"], tz="+01:00"),
    Outlet("prairiesentinel.com", "Prairie Sentinel", "Serving Hollis Creek and Marsh County",
           Place("Hollis Creek", "Marsh County", "Kan.", ["Dunmore", "Pike Ridge", "Elmdale", "Cottonwood"], "Smoky Hill"),
           [("news", "News"), ("farm", "Farm & Ranch"), ("sports", "Sports")], "dated_html",
           ["drought", "council_vote", "plant", "school_board", "sports", "storm", "court", "hospital"]),
    Outlet("millbrookdispatch.com", "The Millbrook Dispatch", "Millbrook and the Juniata Valley",
           Place("Millbrook", "Juniata County", "Pa.", ["Mifflin Station", "Port Royal", "Thompsontown", "Richfield"], "Juniata"),
           [("local", "Local"), ("nation", "Nation"), ("sports", "Sports")], "story_id",
           ["council_vote", "transit", "hospital", "sports", "bridge"], wire=["recall", "senate", "prices"], tz="-04:00"),
]

SECTION_MAP = {  # story section → preferred outlet section slugs
    "local": ["local", "news"], "business": ["business", "farm", "news", "local"],
    "sports": ["sports", "sport"], "nation": ["nation", "news", "business"],
    "environment": ["outdoors", "farm", "local", "news"],
}

# Farm hosts: (host, preferred families, number of copies, display name). Families are matched
# against classifier.simulator.FAMILIES by prefix so the table survives renamed sub-families.
FARMS = [
    ("finance.moneyrank-news.com", ["F1a"], 6, "MoneyRank Finance"),
    ("market.moneyrank-news.com", ["F1b"], 5, "MoneyRank Market"),
    ("newsdigest-mirror.pages.dev", ["F2"], 4, "News Digest"),
    ("lakeview-tribune.com", ["F3"], 5, "Lakeview Tribune"),
    ("dailyreportsnow.net", ["F4", "F10"], 5, "Daily Reports Now"),
    ("quiltbarn-supplies.com", ["F7"], 4, "Quilt Barn Supplies Blog"),
]


# --------------------------------------------------------------------------- helpers

def slugify(text: str, words: int = 8) -> str:
    parts = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    return "-".join(parts[:words])


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def long_date(d: datetime, uk: bool) -> str:
    month = d.strftime("%B")
    hour = d.hour % 12 or 12
    ampm = "a.m." if d.hour < 12 else "p.m."
    if uk:
        return f"{d.day} {month} {d.year}, {d.hour:02d}:{d.minute:02d}"
    return f"{month} {d.day}, {d.year} at {hour}:{d.minute:02d} {ampm}"


@dataclass
class Article:
    outlet: Outlet
    story: Story
    section: str
    path: str
    byline: str
    extras: list[str] = field(default_factory=list)  # extra HTML blocks appended to the body
    charset: str = "utf-8"
    html: str = ""


def article_path(rng: random.Random, outlet: Outlet, section: str, story: Story) -> str:
    d, slug = story.published, slugify(story.headline)
    style = outlet.url_style
    if style == "dated_dir":
        return f"/{section}/{d:%Y/%m/%d}/{slug}/"
    if style == "uuid":
        u = f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-{rng.getrandbits(16):04x}-" \
            f"{rng.getrandbits(16):04x}-{rng.getrandbits(48):012x}"
        return f"/{section}/{slug}/article_{u}.html"
    if style == "numeric":
        return f"/{section}/{section}-{rng.randint(60_000_000, 69_999_999)}"
    if style == "dated_html":
        return f"/{section}/{d:%Y/%m}/{slug}.html"
    return f"/story/{section}/{d:%Y/%m/%d}/{slug}/{rng.randint(70_000_000_000, 79_999_999_999)}/"


def pick_section(outlet: Outlet, story_section: str) -> str:
    slugs = [s for s, _ in outlet.sections]
    for want in SECTION_MAP.get(story_section, []):
        if want in slugs:
            return want
    return slugs[0]


# --------------------------------------------------------------------------- HTML

def page_head(outlet: Outlet, title: str, path: str, charset: str, extra_meta: str = "") -> str:
    declared = f"<meta charset=\"{charset}\">\n"
    if charset != "utf-8":
        declared += f"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n" + declared
    ) + (
        f"<title>{esc(title)}</title>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<link rel=\"canonical\" href=\"https://{outlet.host}{path}\">\n"
        f"<meta property=\"og:site_name\" content=\"{esc(outlet.name)}\">\n"
        f"<meta property=\"og:url\" content=\"https://{outlet.host}{path}\">\n"
        f"{extra_meta}"
        "<style>body{font-family:Georgia,serif;margin:0 auto;max-width:60em}nav ul,footer ul{list-style:none;"
        "display:flex;gap:1em;padding:0}.byline,.dateline{color:#555}</style>\n"
        "</head>\n"
    )


def masthead(outlet: Outlet, current: str = "") -> str:
    items = ["<li><a href=\"/\">Home</a></li>"]
    for slug, label in outlet.sections:
        cur = " aria-current=\"page\"" if slug == current else ""
        items.append(f"<li><a href=\"/{slug}/\"{cur}>{esc(label)}</a></li>")
    return (
        "<header class=\"masthead\">\n"
        f"<p class=\"logo\"><a href=\"/\">{esc(outlet.name)}</a></p>\n"
        f"<p class=\"tagline\">{esc(outlet.tagline)}</p>\n"
        "</header>\n"
        f"<nav aria-label=\"Sections\"><ul>{''.join(items)}</ul></nav>\n"
    )


def footer(outlet: Outlet, year: int) -> str:
    links = ["<li><a href=\"/\">Home</a></li>"] + [
        f"<li><a href=\"/{slug}/\">{esc(label)}</a></li>" for slug, label in outlet.sections]
    if outlet.host == "harborgazette.com":
        # The robots trap: a real page under a path robots.txt forbids, linked from every page.
        links.append("<li><a href=\"/private/newsroom-budget.html\">Newsroom staff</a></li>")
    return (
        "<footer>\n"
        f"<ul>{''.join(links)}</ul>\n"
        f"<p>&copy; {year} {esc(outlet.name)}. All rights reserved.</p>\n"
        "</footer>\n"
    )


def render_article(a: Article, related: list[Article]) -> str:
    o, s = a.outlet, a.story
    iso = s.published.strftime("%Y-%m-%dT%H:%M:%S") + o.tz
    section_label = dict(o.sections)[a.section]
    meta = (
        "<meta property=\"og:type\" content=\"article\">\n"
        f"<meta property=\"og:title\" content=\"{esc(s.headline)}\">\n"
        f"<meta name=\"description\" content=\"{esc(s.dek)}\">\n"
        f"<meta property=\"article:published_time\" content=\"{iso}\">\n"
        f"<meta property=\"article:section\" content=\"{esc(section_label)}\">\n"
        f"<meta name=\"author\" content=\"{esc(a.byline)}\">\n"
        "<script type=\"application/ld+json\">"
        + json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": s.headline,
                      "datePublished": iso, "author": {"@type": "Person", "name": a.byline},
                      "publisher": {"@type": "Organization", "name": o.name}}, sort_keys=True)
        + "</script>\n"
    )
    out = [page_head(o, f"{s.headline} | {o.name}", a.path, a.charset, meta), "<body>\n", masthead(o, a.section)]
    out.append("<main>\n<article>\n")
    out.append(f"<p class=\"kicker\"><a href=\"/{a.section}/\">{esc(section_label)}</a></p>\n")
    out.append(f"<h1>{esc(s.headline)}</h1>\n<p class=\"dek\">{esc(s.dek)}</p>\n")
    if s.wire:
        out.append(f"<p class=\"byline\">By {esc(a.byline.upper())} Associated Press</p>\n")
    else:
        out.append(f"<p class=\"byline\">By <span class=\"author\">{esc(a.byline)}</span>, {esc(o.name)}</p>\n")
    out.append(f"<p class=\"dateline\"><time datetime=\"{iso}\">{esc(long_date(s.published, o.place.uk))}</time></p>\n")
    out.append("<div class=\"article-body\">\n")
    out.extend(f"<p>{esc(p)}</p>\n" for p in s.paragraphs)
    out.extend(a.extras)
    if s.wire:
        out.append(f"<p class=\"credit\"><em>{esc(o.wire_credit)}</em></p>\n")
    out.append("</div>\n")
    out.append("<p class=\"tags\">Topics: " + ", ".join(esc(t) for t in s.tags) + "</p>\n")
    out.append("</article>\n")
    if related:
        out.append("<aside class=\"related\">\n<h2>Related</h2>\n<ul>\n")
        out.extend(f"<li><a href=\"{r.path}\">{esc(r.story.headline)}</a></li>\n" for r in related)
        out.append("</ul>\n</aside>\n")
    out.append("</main>\n")
    out.append(footer(o, s.published.year))
    out.append("</body>\n</html>\n")
    return "".join(out)


def render_index(outlet: Outlet, path: str, title: str, heading: str, articles: list[Article], year: int,
                 current: str = "") -> str:
    meta = "<meta property=\"og:type\" content=\"website\">\n"
    out = [page_head(outlet, title, path, "utf-8", meta), "<body>\n", masthead(outlet, current), "<main>\n"]
    out.append(f"<h1>{esc(heading)}</h1>\n")
    if articles:
        lead = articles[0]
        out.append("<section class=\"lead\">\n")
        out.append(f"<h2><a href=\"{lead.path}\">{esc(lead.story.headline)}</a></h2>\n")
        out.append(f"<p>{esc(lead.story.dek)}</p>\n</section>\n")
        out.append("<section class=\"latest\">\n<h2>Latest</h2>\n<ul>\n")
        for a in articles[1:]:
            out.append(f"<li><a href=\"{a.path}\">{esc(a.story.headline)}</a> "
                       f"<time datetime=\"{a.story.published:%Y-%m-%d}\">{a.story.published:%b %d}</time></li>\n")
        out.append("</ul>\n</section>\n")
    out.append("</main>\n")
    out.append(footer(outlet, year))
    out.append("</body>\n</html>\n")
    return "".join(out)


def minimal_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF (hand-built so the output is byte-for-byte reproducible)."""
    text = "BT /F1 12 Tf 72 740 Td 14 TL " + " ".join(
        "(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for ln in [title, ""] + lines) + " ET"
    stream = text.encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def to_latin1(text: str) -> str:
    """Straighten typography a Latin-1 page cannot carry (as a CMS exporting Latin-1 does)."""
    table = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2014": "-", "\u2013": "-"}
    return "".join(table.get(ch, ch) for ch in text)


# --------------------------------------------------------------------------- site building

class Site:
    """Accumulates the files of the whole sample web and their manifest rows."""

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], bytes] = {}
        self.pages: list[dict] = []
        self.hosts: dict[str, dict] = {}

    def add(self, host: str, path: str, body: bytes, label: str, family: str | None = None,
            source: str | None = None, charset: str | None = None, **extra) -> None:
        key = (host, file_for(path))
        if key in self.files:
            raise ValueError(f"two pages map to one file: {host}{path}")
        self.files[key] = body
        row = {"host": host, "path": path, "file": f"{host}/{file_for(path)}", "label": label,
               "family": family, "source": source}
        if charset:
            row["charset"] = charset
        row.update(extra)
        self.pages.append(row)


def build_outlets(rng: random.Random, site: Site) -> list[Article]:
    base = datetime(2025, 3, 3, 6, 0)
    all_articles: list[Article] = []
    # One wire story per kind, written once and carried word for word by every outlet that runs it.
    wire_place = Place("Washington", "", "D.C.", ["Baltimore", "Richmond"], "Potomac")
    wire_stories: dict[str, Story] = {}
    for kind in sorted(WIRE_KINDS):
        pub = base + timedelta(days=rng.randint(10, 80), hours=rng.randint(0, 14), minutes=rng.choice([0, 12, 27, 41, 55]))
        wire_stories[kind] = write_story(rng, kind, wire_place, pub, person(rng), wire=True)

    for outlet in OUTLETS:
        articles: list[Article] = []
        for kind in outlet.kinds:
            pub = base + timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 15), minutes=rng.choice([0, 5, 18, 30, 47]))
            story = write_story(rng, kind, outlet.place, pub, person(rng))
            section = pick_section(outlet, story.section)
            articles.append(Article(outlet, story, section, article_path(rng, outlet, section, story), story.author))
        for kind in outlet.wire:
            story = wire_stories[kind]
            section = pick_section(outlet, story.section)
            articles.append(Article(outlet, story, section, article_path(rng, outlet, section, story), story.author))
        _oddities(outlet, articles)
        articles.sort(key=lambda a: a.story.published, reverse=True)
        for a in articles:
            related = sorted((r for r in articles if r is not a and r.section == a.section),
                             key=lambda r: abs((r.story.published - a.story.published).total_seconds()))[:4]
            text = render_article(a, related)
            if a.charset == "iso-8859-1":
                body = to_latin1(text).encode("iso-8859-1")
            else:
                body = text.encode("utf-8")
            a.html = text
            site.add(outlet.host, a.path, body, "legit", charset=a.charset if a.charset != "utf-8" else None,
                     kind="wire" if a.story.wire else "article")
        year = max(a.story.published.year for a in articles)
        site.add(outlet.host, "/", render_index(outlet, "/", f"{outlet.name} | {outlet.tagline}", outlet.name,
                                                articles, year).encode("utf-8"), "other", kind="home")
        for slug, label in outlet.sections:
            in_section = [a for a in articles if a.section == slug]
            site.add(outlet.host, f"/{slug}/", render_index(outlet, f"/{slug}/", f"{label} | {outlet.name}", label,
                                                            in_section, year, slug).encode("utf-8"),
                     "other", kind="section")
        robots = "User-agent: *\nDisallow: /search\n"
        if outlet.host == "harborgazette.com":
            robots += "Disallow: /private/\n"
            private = render_index(outlet, "/private/newsroom-budget.html", f"Newsroom story budget | {outlet.name}",
                                   "Newsroom story budget (staff only)", [], year)
            site.add(outlet.host, "/private/newsroom-budget.html", private.encode("utf-8"), "other", kind="private")
        site.add(outlet.host, "/robots.txt", robots.encode("utf-8"), "other", kind="robots")
        site.hosts[outlet.host] = {"kind": "legit", "families": [], "name": outlet.name}
        all_articles.extend(articles)
    return all_articles


def _oddities(outlet: Outlet, articles: list[Article]) -> None:
    """The deliberate rough edges: a Latin-1 page, a linked PDF, a link to a page that is gone."""
    if outlet.host == "news.ridgelinepost.co.uk":
        target = next((a for a in articles if a.story.kind == "bridge"), articles[0])
        target.charset = "iso-8859-1"
        target.story.paragraphs = [p.replace("cafe", "caf\u00e9") for p in target.story.paragraphs]
        target.extras.append("<p>Do you run a caf\u00e9 or shop near the bridge? Tell us how the closure "
                             "affects you: newsdesk at ridgelinepost dot co dot uk.</p>\n")
    if outlet.host == "valleyledger.net":
        target = next((a for a in articles if a.story.kind in ("drought", "research")), articles[0])
        target.extras.append("<p>Read the full report: <a href=\"/files/report.pdf\">Alder Valley water "
                             "and habitat report (PDF, 2 pages)</a>.</p>\n")
    if outlet.host == "prairiesentinel.com":
        target = next((a for a in articles if a.story.kind == "council_vote"), articles[0])
        target.extras.append("<p>Earlier coverage: <a href=\"/news/2024/11/council-first-reading-of-plan.html\">"
                             "Council hears first reading of the plan</a>.</p>\n")


def build_farms(rng: random.Random, site: Site, articles: list[Article]) -> None:
    from classifier.document import from_html
    from classifier.simulator import FAMILIES, simulate

    families = list(FAMILIES)
    pool = _headline_pool(rng)
    # Wire copy is what farms take most (see docs/farm-families.md), so wire stories lead the queue.
    wire = [a for a in articles if a.story.wire]
    own = [a for a in articles if not a.story.wire]
    for n, (host, wanted, count, name) in enumerate(FARMS):
        fams = _match_families(wanted, families) or [families[n % len(families)]]
        sources = _unique_by_story(wire) if host.startswith(("finance.", "market.")) else []
        others = list(own)
        rng.shuffle(others)
        sources = (sources + others)[:count]
        made: list[tuple[str, object, Article]] = []
        taken: set[str] = set()
        for i, src in enumerate(sources):
            family = fams[i % len(fams)]
            doc = from_html(src.html, url=f"https://{src.outlet.host}{src.path}")
            page = simulate(doc, family, rng, host=host, headline_pool=pool)
            path = page.path if page.path.startswith("/") else "/" + page.path
            if file_for(path) in taken:
                continue
            taken.add(file_for(path))
            made.append((path, page, src))
        paths = [p for p, _, _ in made]
        for i, (path, page, src) in enumerate(made):
            body = _keep_links_on_host(page.html, host, path, paths, i, taken)
            site.add(host, path, body.encode("utf-8"), "farm", family=page.family,
                     source=f"{src.outlet.host}{src.path}", brands=list(page.brands), kind="article")
        site.add(host, "/", _farm_home(name, [(p, pg.title) for p, pg, _ in made]).encode("utf-8"), "other", kind="home")
        site.add(host, "/robots.txt", b"User-agent: *\nAllow: /\n", "other", kind="robots")
        site.hosts[host] = {"kind": "farm", "families": sorted(set(fams)), "name": name}


_A_HREF = re.compile(r"""(<a\b[^>]*?\bhref=)(["'])(.*?)\2""", re.I | re.S)


def _keep_links_on_host(page_html: str, host: str, path: str, siblings: list[str], index: int,
                        files: set[str]) -> str:
    """Point every link that would leave the host or hit nothing at another article of the host.

    Farm link blocks link to the farm's own (other) stories; keeping them resolvable means a crawl
    of the sample web sees no 404s except the one planted on purpose, and never leaves the host.
    """
    others = [p for p in siblings if p != path] or [path]
    counter = [index]

    def fix(m: re.Match) -> str:
        href = html.unescape(m.group(3))
        parts = urlsplit(href)
        if href.startswith("#") or (not parts.scheme and not parts.netloc and href.startswith("/")
                                    and file_for(href) in files) or href == "/":
            return m.group(0)
        if parts.netloc in ("", host) and not parts.query and re.fullmatch(r"/?([a-z-]+/?)?", parts.path):
            # Home and section links ("/", "/news/") of a farm lead back to its home page.
            return f"{m.group(1)}{m.group(2)}/{m.group(2)}"
        counter[0] += 1
        target = others[counter[0] % len(others)]
        return f"{m.group(1)}{m.group(2)}{esc(target)}{m.group(2)}"

    return _A_HREF.sub(fix, page_html)


def _unique_by_story(articles: list[Article]) -> list[Article]:
    seen, out = set(), []
    for a in articles:
        if a.story.headline not in seen:
            seen.add(a.story.headline)
            out.append(a)
    return out


def _match_families(wanted: list[str], available: list[str]) -> list[str]:
    """Simulator families for a farm host: exact names first, then sub-families or the parent family."""
    found: list[str] = []
    for w in wanted:
        wl = w.lower()
        hits = [f for f in available if f.lower() == wl] or \
            [f for f in available if f.lower().startswith(wl)] or \
            [f for f in available if wl.startswith(f.lower())]
        found.extend(h for h in hits if h not in found)
    return found


def _headline_pool(rng: random.Random) -> list[str]:
    """Unrelated headlines for farm link blocks: other places, other topics, other years."""
    places = [Place("Grand Forge", "Rook County", "Mich.", ["Elkton", "Bay Mills"], "Saginaw"),
              Place("San Ysidro Flats", "Mesa County", "Ariz.", ["Cholla", "Dry Wash"], "Gila"),
              Place("Lowell Point", "Tidewater County", "Va.", ["Onley", "Cape Ash"], "Rappahannock")]
    pool: list[str] = []
    for i in range(60):
        kinds = sorted(KINDS) + sorted(WIRE_KINDS)
        kind = kinds[i % len(kinds)]
        pub = datetime(2021 + i % 5, 1 + i % 12, 1 + i % 27, 9)
        story = write_story(rng, kind, places[i % len(places)], pub, "x", wire=kind in WIRE_KINDS)
        pool.append(story.headline)
    return list(dict.fromkeys(pool))


def _farm_home(name: str, pages: list[tuple[str, str]]) -> str:
    items = "".join(f"<li><a href=\"{esc(p)}\">{esc(t)}</a></li>\n" for p, t in pages)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{esc(name)}</title>\n</head>\n<body>\n"
        f"<header><h1>{esc(name)}</h1></header>\n"
        f"<main>\n<h2>Latest News</h2>\n<ul>\n{items}</ul>\n</main>\n"
        f"<footer><p>{esc(name)}</p></footer>\n</body>\n</html>\n"
    )


def add_files(site: Site) -> None:
    pdf = minimal_pdf("Alder Valley water and habitat report", [
        "Reservoir storage, stream temperature and habitat counts for the Alder Valley.",
        "Prepared for the Valley Ledger sample web. Synthetic data."])
    site.add("valleyledger.net", "/files/report.pdf", pdf, "other", kind="binary")


# --------------------------------------------------------------------------- entry points

def generate(out: Path, seed: int = 7, hosts_file: Path | None = None, farms: bool = True) -> dict:
    """Write the sample web under ``out`` (replacing a previous one) and return the manifest."""
    out = Path(out)
    if out.exists():
        if any(out.iterdir()) and not (out / "manifest.json").is_file():
            raise SystemExit(f"{out} is not empty and holds no manifest.json: refusing to overwrite it")
        shutil.rmtree(out)
    rng = random.Random(seed)
    site = Site()
    articles = build_outlets(rng, site)
    add_files(site)
    if farms:
        build_farms(random.Random(seed * 1_000_003 + 1), site, articles)
        # The real-like sites draw from a stream of their own, so the simulated farms stay byte for byte.
        from farmwatch.sampleweb.reallike import build_reallike

        build_reallike(random.Random(seed * 1_000_003 + 17), site, articles)

    from crawler.sites import site_of_host

    for host, info in site.hosts.items():
        info["site"] = site_of_host(host)
    manifest = {
        "seed": seed,
        "generator": "farmwatch.sampleweb.generator",
        "hosts": {h: site.hosts[h] for h in sorted(site.hosts)},
        "pages": sorted(site.pages, key=lambda p: (p["host"], p["path"])),
        "missing": ["prairiesentinel.com/news/2024/11/council-first-reading-of-plan.html"],
    }
    for (host, rel), body in sorted(site.files.items()):
        target = out / host / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    if hosts_file:
        write_hosts_file(manifest, Path(hosts_file))
    return manifest


def write_hosts_file(manifest: dict, path: Path) -> None:
    lines = ["# farmwatch sample web: every host on loopback (FARMWATCH_HOSTS_FILE)"]
    lines += [f"127.0.0.1 {h}" for h in sorted(manifest["hosts"])]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m farmwatch.sampleweb.generator",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("seeds/sampleweb"), help="output folder (default %(default)s)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default %(default)s)")
    ap.add_argument("--hosts-file", type=Path, default=None,
                    help="hosts file to write (default: sample-hosts.txt beside --out; '-' for none)")
    ap.add_argument("--no-farms", action="store_true", help="legitimate outlets only (no simulator needed)")
    args = ap.parse_args(argv)
    hosts_file = args.hosts_file
    if hosts_file is None:
        hosts_file = args.out.parent / HOSTS_FILE_NAME
    elif str(hosts_file) == "-":
        hosts_file = None
    manifest = generate(args.out, args.seed, hosts_file, farms=not args.no_farms)
    labels: dict[str, int] = {}
    for p in manifest["pages"]:
        labels[p["label"]] = labels.get(p["label"], 0) + 1
    print(f"wrote {len(manifest['pages'])} files for {len(manifest['hosts'])} hosts to {args.out} "
          f"({', '.join(f'{k}={v}' for k, v in sorted(labels.items()))})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
