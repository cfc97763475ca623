"""Training data: real legitimate pages, hard negatives and simulated farm copies, grouped by site.

The only honest test of a farm detector is on sites it never saw, so every row carries a
``group``: the registered domain of the legitimate source page. Farm copies and hard negatives
made from a source page inherit the source's group (they must fall on the same side of a split
as the text they copy), and the sample web's farm hosts are joined to the groups of the pages
they copy, so no host is ever on both sides.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import re
import sys
from dataclasses import dataclass, replace as dc_replace
from pathlib import Path
from typing import Iterable

from classifier.document import Document, DocumentError, from_html, from_text
from classifier.realpages import excerpt_text
from classifier.simulator import (CANONICAL_SHARE, FAMILIES, FIRST_FAMILIES, hard_negative, person_handle, simulate,
                                  with_canonical)

__all__ = ["Source", "Row", "load_legit", "build_dataset", "site_of", "find_seeds"]

log = logging.getLogger(__name__)
_EXTRACT = None


def site_of(url_or_host: str) -> str:
    """Registered domain's label (``www.nytimes.com`` → ``nytimes``), without any network access."""
    global _EXTRACT
    if _EXTRACT is None:
        import tldextract

        _EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    ext = _EXTRACT(url_or_host)
    return (ext.domain or url_or_host).lower()


@dataclass
class Source:
    doc: Document
    group: str
    origin: str  # "mozilla:<name>", "aeb:<id>", "sampleweb:<file>"


@dataclass
class Row:
    item: dict | Document  # {"html"|"text": ..., "url": ...} or a parsed Document: what the parser consumes
    label: int  # 1 farm, 0 legit
    family: str  # "F1a"... for farms; "real" / "hardneg" / "sampleweb" for legit
    group: str
    fmt: str  # "html" / "text" / "excerpt" / "bare-excerpt" (classifier.realpages.RENDERINGS)
    origin: str = ""
    kind: str = ""  # the corpus's page kind (news, article, forum, ...) for real pages


def _progress(msg: str) -> None:
    print(f"[corpus] {msg}", file=sys.stderr, flush=True)


def _mozilla_site(name: str) -> str:
    # ``nytimes-3`` → nytimes, ``lifehacker-working`` → lifehacker: one site, one group.
    return re.split(r"[-_]", name)[0].lower()


def load_legit(corpus_dir: str | Path, sampleweb: str | Path | None = None, limit: int | None = None) -> list[Source]:
    """Legitimate article pages from ``corpus_dir`` (mozilla-readability, scrapinghub-aeb layouts)."""
    corpus = Path(corpus_dir)
    out: list[Source] = []
    moz = corpus / "mozilla-readability" / "test-pages"
    if moz.is_dir():
        for d in sorted(moz.iterdir()):
            f = d / "source.html"
            if not f.is_file():
                continue
            try:
                doc = from_html(f.read_bytes(), url="")
            except DocumentError as exc:
                log.warning("skip %s: %s", f, exc)
                continue
            out.append(Source(doc, _mozilla_site(d.name), f"mozilla:{d.name}"))
    aeb = corpus / "scrapinghub-aeb"
    truth_file = aeb / "ground-truth.json"
    if truth_file.is_file():
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        for pid in sorted(truth):
            f = aeb / "html" / f"{pid}.html.gz"
            if not f.is_file():
                continue
            url = truth[pid].get("url", "")
            try:
                doc = from_html(gzip.decompress(f.read_bytes()), url=url)
            except (DocumentError, OSError, EOFError) as exc:
                log.warning("skip %s: %s", f, exc)
                continue
            out.append(Source(doc, site_of(url) if url else f"aeb-{pid[:8]}", f"aeb:{pid}"))
    _progress(f"{len(out)} legitimate pages from {corpus}")
    if limit:
        out = out[:limit]
    return out


def load_sampleweb(root: str | Path) -> tuple[list[Source], list[tuple[Document, str, str, str]]]:
    """The sample web's legit articles (as sources) and its farm pages (doc, family, group, origin).

    Read defensively: the generator belongs to another worker and may change shape; a missing
    or malformed manifest simply contributes nothing.
    """
    root = Path(root)
    legit: list[Source] = []
    farms: list[tuple[Document, str, str, str]] = []
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        pages = list(manifest.get("pages", []))
    except (OSError, ValueError, AttributeError) as exc:
        log.warning("sample web at %s unusable: %s", root, exc)
        return legit, farms
    # Union-find over sites: a farm host joins the group of every page it copies.
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    rows = []
    for p in pages:
        if not isinstance(p, dict) or p.get("label") not in ("legit", "farm"):
            continue
        if p.get("kind") not in (None, "article"):
            continue
        if p.get("reallike"):
            continue  # the real-like farm sites are a test of the model (make run), never its training data
        host = str(p.get("host") or "")
        f = root / str(p.get("file") or "")
        if not host or not f.is_file() or not str(f).endswith((".html", ".htm")):
            continue
        site = "sw-" + site_of(host)
        src = str(p.get("source") or "")
        if p["label"] == "farm" and src:
            union(site, "sw-" + site_of(src.split("/")[0]))
        rows.append((p, f, site))
    for p, f, site in rows:
        try:
            doc = from_html(f.read_bytes(), url=f"http://{p['host']}{p.get('path', '/')}")
        except (DocumentError, OSError) as exc:
            log.warning("skip %s: %s", f, exc)
            continue
        group = find(site)
        if p["label"] == "legit":
            legit.append(Source(doc, group, f"sampleweb:{p.get('file')}"))
        else:
            farms.append((doc, str(p.get("family") or "F?"), group, f"sampleweb:{p.get('file')}"))
    _progress(f"{len(legit)} legit and {len(farms)} farm pages from the sample web at {root}")
    return legit, farms


# --------------------------------------------------------------------------- hosts

_CITIES = ["springfield", "riverside", "fairview", "madison", "georgetown", "salem", "clinton", "ashland", "dover",
           "milton", "newport", "oakdale", "lakewood", "cedarville", "pinecrest", "brookfield", "westfield", "hudson"]
_PAPERS = ["courier", "herald", "gazette", "journal", "observer", "ledger", "times", "post", "news", "record", "tribune", "press"]


def _farm_host(family: str, rng: random.Random) -> str:
    word = lambda: rng.choice(["money", "rank", "wealth", "news", "daily", "info", "hub", "trend", "fast", "top", "world",  # noqa: E731
                               "craft", "shop", "gadget", "home", "garden", "link", "best", "smart", "city", "media"])
    if family in ("F1a", "F1b"):
        return f"{rng.choice(['finance', 'news', 'market', 'invest', 'stock', 'm', 'www'])}.{word()}{word()}{rng.choice(['', '-news', 'rank'])}.{rng.choice(['com', 'net', 'cn', 'info'])}"
    if family == "F2":  # real: workers.dev labels with proxy words and hex, hf.space, free DNS zones, .sbs/.top
        hexlab = "".join(rng.choice("0123456789abcdef") for _ in range(rng.randint(6, 12)))
        lab = rng.choice([f"{rng.choice(['v2ray', 'proxy', 'vless', 'mirror', 'tunnel'])}-{hexlab}", hexlab,
                          f"{rng.choice(['proxy', 'search', 'fast'])}{rng.choice(['bing', 'news', 'vpn'])}"])
        return f"{lab}.{rng.choice(['workers.dev', 'workers.dev', 'hf.space', 'sbs', 'top', 'free.hr', 'dns-dynamic.net', 'cloudns.biz'])}"
    if family == "F3":
        return f"{rng.choice(_CITIES)}{rng.choice(['tribune', 'press', 'dailytribune', 'freepress'])}.com"
    if family == "F7":  # real: shops, societies, a bar, a record label, personal names, generic news names, a bare IP
        if rng.random() < 0.03:
            return f"{rng.randint(5, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        return rng.choice([f"{word()}{rng.choice(['crafts', 'shop', 'records', 'cantina', 'society', 'dna'])}.{rng.choice(['com', 'co.uk', 'net'])}",
                           f"{rng.choice(['emily', 'ryan', 'grace', 'nathan', 'laura'])}{rng.choice(['web', 'desk', 'shil', 'notes'])}.com", f"{rng.choice(['world', 'abc', 'the', 'top'])}{rng.choice(['topnews', 'reporters', 'news24', 'times'])}.{rng.choice(['com', 'org', 'co'])}"])
    if family == "F5":  # real: generic news names, staging./dev. subdomains of organisations, pages.dev, small domains
        return rng.choice([f"{rng.choice(['american', 'british', 'first', 'common'])}{rng.choice(['newsnetwork', 'insider', 'piper', 'goodnews'])}.{rng.choice(['com', 'info', 'org'])}",
                           f"{rng.choice(['staging', 'dev'])}.{rng.choice(_CITIES)}{rng.choice(['trust', 'foundation', 'institute'])}.org",
                           f"{word()}-frontend.pages.dev",
                           f"{rng.choice(_CITIES)}{rng.choice(['bakery', 'dental', 'soccerclub', 'church', 'lawfirm'])}.com"])
    if family == "F6":  # a person-named subdomain of free hosting
        return f"{person_handle(rng)}.{rng.choice(['wikipresses.com', 'humor-blog.com', 'targetblogs.com', 'blogspot.com', 'wixsite.com', 'weebly.com', 'wordpress.com', 'tumblr.com', 'mystrikingly.com', 'webflow.io', 'jimdosite.com', 'over-blog.com', 'netlify.app'])}"
    if family == "F9":  # real: hosts unrelated to celebrity news about half the time (game guides, food, a firm's subdomain)
        if rng.random() < 0.5:
            return rng.choice([f"{word()}{rng.choice(['recipes', 'guides', 'drinkfood', 'melodies'])}.{rng.choice(['com', 'info', 'store', 'tech'])}",
                               f"news.{word()}{rng.choice(['builders', 'cons', 'supply'])}.com"])
        return f"{rng.choice(['celeb', 'viral', 'newz', 'life', 'star'])}{word()}{rng.choice(['', '24', '10', 'times'])}.{rng.choice(['com', 'net', 'info', 'co'])}"
    if family == "F10":  # real: subdomains of organisations (a hacked wiki, staging.), .edu subdomains, site builders
        return rng.choice([f"{rng.choice(['wiki', 'trac', 'staging', 'learnmore', 'forum'])}.{rng.choice(_CITIES)}{rng.choice(['cycling', 'systems', 'academy', 'society'])}.{rng.choice(['org', 'com'])}",
                           f"{word()}{word()}.pages.dev", f"{rng.choice(['dept', 'learn', 'blogs'])}.{rng.choice(_CITIES)}college.edu",
                           f"{word()}{word()}{rng.randint(1, 99)}.{rng.choice(['com', 'online', 'site'])}"])
    return f"{word()}{word()}{rng.randint(1, 99)}.{rng.choice(['com', 'xyz', 'online', 'site', 'net'])}"


def _legit_host(rng: random.Random) -> tuple[str, str]:
    city, paper = rng.choice(_CITIES), rng.choice(_PAPERS)
    if rng.random() < 0.2:
        call = "k" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3))
        return f"www.{call}.com", f"{call.upper()} {rng.choice(['News', 'TV', 'Radio'])}"
    return f"www.{city}{paper}.com", f"The {city.title()} {paper.title()}"


# --------------------------------------------------------------------------- dataset

def _reader_text(doc: Document, rng: random.Random) -> str:
    """A legit page saved as reader text: either the article only, or the whole visible page."""
    title = doc.title or doc.headline or "Untitled"
    if rng.random() < 0.5 and doc.main_text:
        body = doc.main_text.split("\n")
        if doc.headline and doc.headline != title:
            body = [doc.headline] + body
    else:
        body = doc.lines
    return "\n".join([title] + body)


def _excerpt_row(text: str, url: str, rng: random.Random, label: int, family: str, group: str, origin: str) -> Row:
    """An excerpt row, scored with its URL half the time and as bare text otherwise, for every class alike."""
    if url and rng.random() < 0.5:
        return Row({"text": text, "url": url}, label, family, group, "excerpt", origin)
    return Row({"text": text, "url": ""}, label, family, group, "bare-excerpt", origin)


def build_dataset(sources: list[Source], seed: int = 0, *, families: Iterable[str] = FAMILIES,
                  hard_negatives: int = 1, sampleweb_farms: list[tuple[Document, str, str, str]] | None = None,
                  url_dropout: float = 0.3, canonical_share: float = CANONICAL_SHARE) -> list[Row]:
    """Legit pages, their hard negatives and a farm copy per family, each as HTML and as text.

    A simulated HTML page loses its URL as often as a page saved without one (``url_dropout``) but
    names its address in a canonical link as often as real pages do (``canonical_share``): real
    pages keep theirs when the URL is lost, and the model must not learn that only farms lose it.
    """
    rng = random.Random(seed)
    families = list(families)
    pool_all = [(s.doc.headline or s.doc.title)[:160] for s in sources if (s.doc.headline or s.doc.title)]
    rows: list[Row] = []
    unmarked: list[str] = []

    def maybe_url(url: str, r: random.Random = rng) -> str:
        return "" if r.random() < url_dropout else url

    def named(html: str, url: str) -> str:
        # Its own stream: whether a page names its address leaves every other draw of the set as it was.
        return with_canonical(html, url, random.Random(f"{seed}:canonical:{url}"), canonical_share)

    for i, src in enumerate(sources):
        doc = src.doc
        if len(doc.main_text) < 200 and len(doc.lines) < 5:
            continue
        own = doc.headline or doc.title
        pool = [h for h in pool_all if h != own]
        # The real page goes in as its parsed Document: re-parsing megabytes of HTML per fold is waste.
        rows.append(Row(dc_replace(doc, url=maybe_url(doc.url)), 0, "real", src.group, "html", src.origin))
        rows.append(Row({"text": _reader_text(doc, rng), "url": ""}, 0, "real", src.group, "text", src.origin))
        rows.append(_excerpt_row(excerpt_text(doc), doc.url, rng, 0, "real", src.group, src.origin))
        for _ in range(hard_negatives):
            host, name = _legit_host(rng)
            page = hard_negative(doc, rng, host=host, site_name=name, headline_pool=pool)
            url = f"https://{host}{page.path}"
            html = named(page.html, url)
            rows.append(Row({"html": html, "url": maybe_url(url)}, 0, "hardneg", src.group, "html", src.origin))
            rows.append(Row({"text": page.text, "url": ""}, 0, "hardneg", src.group, "text", src.origin))
            rows.append(_excerpt_row(excerpt_text(from_text(page.text)), url, rng, 0, "hardneg", src.group, src.origin))
        for fam in families:
            # Families added after the first seven draw from their own stream, so that adding one left
            # every other row (and the figures measured on them) as it was.
            frng = rng if fam in FIRST_FAMILIES else random.Random(f"{seed}:{src.origin}:{fam}")
            host = _farm_host(fam, frng)
            page = simulate(doc, fam, frng, host=host, headline_pool=pool)
            url = f"http://{host}{page.path}"
            if not page.page_marked:
                unmarked.append(fam)  # a verbatim copy with nothing on the page: provenance's job, not the page model's
                continue
            # One rendering each (HTML half the time, saved text or an excerpt a quarter each) keeps the
            # set balanced and the run short. Text carries a URL only as an excerpt, and legitimate
            # excerpts carry theirs as often: were URLs on farm text alone, a URL would read as a farm mark.
            # The row takes the family the page came out as (a spin that changed nothing is an autoblog copy).
            draw = frng.random()
            if draw < 0.5:
                html = named(page.html, url)
                rows.append(Row({"html": html, "url": maybe_url(url, frng)}, 1, page.family, src.group, "html", src.origin))
            elif draw < 0.75:
                rows.append(Row({"text": page.text, "url": ""}, 1, page.family, src.group, "text", src.origin))
            else:
                rows.append(_excerpt_row(excerpt_text(from_text(page.text)), url, frng, 1, page.family, src.group, src.origin))
        if (i + 1) % 50 == 0:
            _progress(f"simulated copies of {i + 1}/{len(sources)} sources")
    for doc, fam, group, origin in sampleweb_farms or []:
        rows.append(Row({"doc": doc}, 1, fam, group, "html", origin))
    if unmarked:
        _progress(f"{len(unmarked)} simulated copies carry no mark a page can show (left to provenance): "
                  + ", ".join(f"{f} {unmarked.count(f)}" for f in sorted(set(unmarked))))
    return rows


def find_seeds(corpus_dir: str | Path | None, explicit: str | Path | None = None) -> Path | None:
    """``--seeds DIR``, else ``<corpus>/../seeds``; None when neither holds ``labels.tsv``."""
    for cand in ([Path(explicit)] if explicit else []) + ([Path(corpus_dir).resolve().parent / "seeds"] if corpus_dir else []):
        if (cand / "labels.tsv").is_file():
            return cand
    return None


def load_seeds(seeds_dir: str | Path) -> list[tuple[str, Document, int]]:
    from classifier.document import from_path

    d = Path(seeds_dir)
    out = []
    for line in (d / "labels.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2 and (d / parts[0]).is_file():
            out.append((parts[0], from_path(d / parts[0]), 1 if parts[1].strip() == "farm" else 0))
    return out
