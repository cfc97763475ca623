"""Site-level evidence: what a site's pages show together that no single page shows.

A verbatim copy of a news story is, page by page, just a news story. Pooled over a site it is
not: a craft shop whose blog carries four other outlets' stories, none original; a "Tribune"
whose masthead is a different paper on every page; the same page template on many unrelated
domains. Each signal here is measured over one site's stored pages and set strictly enough that
real legitimate sites almost never show it (``farmwatch.trip_rates`` measures each on the
legitimate pages of ``../shared/corpus``, README "Provenance and site evidence").

Signals, and what each does to the site verdict (:func:`combine`):

* ``copies`` (farm) — most of the site's articles are copies of other outlets' earlier stories
  on an unrelated site (provenance ``copy``), from at least two outlets, and few or none original;
* ``brands`` (farm) — the brand in the title (an injected brand, or the outlet name after the
  headline) changes from page to page and is not the site's own name;
* ``template`` (farm) — the site's page shape (its link-block headings and title pattern) is
  repeated on many other registered domains;
* ``outlets`` (unsure) — bylines and credits of many unrelated outlets on one domain: copies,
  licensed or not, and credit lines naming other outlets (an aggregator or a farm: a policy call);
* ``theme`` (unsure) — the site's copied stories never touch what its name says it is about.

The evidence pass (``farmwatch provenance``) writes each tripped signal as a line
``site-wide: …`` onto every page of the site ("lent to the pages"); the report reads those lines
back while it streams the store, so a report over a million pages needs no second pass.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from crawler.sites import site_of_host

SITE_PREFIX = "site-wide: "
COPIES_MIN = 3  # copied articles
COPIES_SOURCES_MIN = 2  # distinct outlets copied
COPIES_SHARE = 0.6  # of the site's articles
BRANDS_MIN = 3  # distinct brands, on as many pages at least
BRANDS_TOP_SHARE = 0.5  # the commonest brand is on fewer than half of the branded pages
TEMPLATE_SITES = 3  # other registered domains with the same page shape
TEMPLATE_PAGES = 2
TEMPLATE_SHARE = 0.5
OUTLETS_MIN = 4
THEME_PAGES = 3
THEME_SHARE = 0.8
MAX_KEYS = 200  # distinct brands/shapes/outlets kept per site

# What each signal does on its own: "farm" or "unsure" (a policy call for an analyst).
STRENGTH = {"copies": "farm", "brands": "farm", "template": "farm", "outlets": "unsure", "theme": "unsure"}
# Every signal's text starts with these words, so a stored line names its signal.
OPENING = {"copies": "copies of other outlets:", "brands": "title brands change from page to page:",
           "template": "page template shared with", "outlets": "bylines and credits of",
           "theme": "topics unrelated to the site's name:"}

_NEWSY = re.compile(r"news|tribune|post|gazette|times|herald|journal|daily|press|report|dispatch|ledger|sentinel|"
                    r"chronicle|observer|courier|media|wire|today|digest|magazine|radio|\btv\b|examiner|review|"
                    r"bulletin|record|star|mirror|telegraph|guardian|independent|express|register|inquirer|monitor")
_TITLE_SEP = re.compile(r"\s+[|–—-]\s+|\s+-(?=[A-Z])|\s*\|\s*")
_NAME_WORD = re.compile(r"^[A-Z][\w'&.]*$")
# Credit lines that name the outlet a story came from ("This article originally appeared on The
# Conversation"). Not "via …" or "Source: …": those name tweets, payment services, studies.
_CREDIT_NAME = re.compile(r"(?:originally (?:appeared|published|ran) (?:on|in)|first (?:appeared|published) (?:on|in)|"
                          r"republished from|reprinted from)\s+((?:The )?[A-Z][\w&'.-]+(?: [A-Z][\w&'.-]+){0,4})")
_LABEL_WORD = re.compile(r"[a-z]{5,}")  # not call letters (wral, kare)
_TEXT_WORD = re.compile(r"[a-z]{4,}")


def _site_label(site: str) -> str:
    return site.split(".")[0] if site else ""


def _name_fits_site(name: str, site: str) -> bool:
    """Is ``name`` the site's own name ("The Ridgeline Post" on ridgelinepost.co.uk)?"""
    squashed = re.sub(r"[^a-z0-9]", "", name.lower())
    label = re.sub(r"[^a-z0-9]", "", _site_label(site))
    if not squashed or not label:
        return False
    if squashed in label or label in squashed:
        return True
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if len(w) >= 4 and not _NEWSY.fullmatch(w)]
    return any(w in label for w in words)


def title_brand(title: str) -> str:
    """The outlet-like name after the headline ("Headline | The Greenville Press" → the name), or ""."""
    parts = [p.strip() for p in _TITLE_SEP.split(title or "") if p.strip()]
    if len(parts) < 2:
        return ""
    tail = parts[-1]
    words = tail.split()
    # An outlet's name: 2-5 capitalised words with a newspaper word in it. A section ("Sport",
    # "Local News") repeats across a real site's pages, so the count of distinct names decides.
    if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) or w.lower() in ("of", "the", "and", "&") for w in words):
        return ""
    if not _NEWSY.search(tail.lower()):
        return ""
    return tail


def theme_words(site: str) -> list[str]:
    """What a non-news site's name says it is about (``quiltbarn-supplies.com`` → quiltbarn, supplies);
    empty for a news-like name, which may carry any topic."""
    label = _site_label(site)
    if not label or _NEWSY.search(label):
        return []
    return _LABEL_WORD.findall(label)


def mentions_theme(text: str, words: list[str]) -> bool:
    """Does the text use a word of the theme (a word of the text inside a theme word counts: quilt ~ quiltbarn)?"""
    if not words:
        return True
    for w in set(_TEXT_WORD.findall((text or "").lower())):
        if any(w in t or t in w for t in words):
            return True
    return False


def page_shape(title: str, link_blocks: list) -> str:
    """A page's template: its link-block headings in order and its title's separators. Empty when the
    page has fewer than two named blocks (too little shape to tell one template from another)."""
    heads = []
    for b in link_blocks or []:
        h = b.get("heading", "") if isinstance(b, dict) else getattr(b, "heading", "")
        h = re.sub(r"[\d\W_]+", " ", (h or "").lower()).strip()
        if h:
            heads.append(h)
    if len(heads) < 2:
        return ""
    seps = "".join(ch for ch in (title or "") if ch in "|:-–—»")
    return " / ".join(heads) + " # " + seps


def prune(counter: Counter, limit: int = MAX_KEYS) -> None:
    """Keep a counter of strings bounded: past ``limit`` keys, only the commoner half stays."""
    if len(counter) > limit:
        keep = counter.most_common(limit // 2)
        counter.clear()
        counter.update(dict(keep))


@dataclass
class SiteFacts:
    """Per-site tallies, a few counters each (bounded), filled page by page."""

    site: str
    pages: int = 0
    articles: int = 0  # pages with enough story text to be measured for copying
    copies: Counter = field(default_factory=Counter)  # source site → copied articles (unrelated, unlicensed)
    copied_pages: int = 0
    licensed_pages: int = 0  # syndicated or same network
    outlets: Counter = field(default_factory=Counter)  # outlets copied or credited (no wire agencies)
    brands: Counter = field(default_factory=Counter)
    branded_pages: int = 0
    carried: int = 0  # other outlets' stories the site carries (copies, attributed republication; no wire copy)
    off_theme: int = 0  # of those, the ones that never touch the site's theme
    shapes: Counter = field(default_factory=Counter)

    def add(self, page: dict, provenance=None, article: bool = False) -> None:
        """One page: a stored page dict (title, main_text, brands, link_blocks) and its provenance."""
        self.pages += 1
        self.articles += int(article)
        brands = [b for b in (page.get("brands") or []) if not _name_fits_site(b, self.site)]
        tb = title_brand(page.get("title") or "")
        if tb and not _name_fits_site(tb, self.site):
            brands.append(tb)
        if brands:
            self.branded_pages += 1
            self.brands.update(set(brands))
            prune(self.brands)
        text = page.get("main_text") or ""
        for name in _CREDIT_NAME.findall(text):
            if not _name_fits_site(name, self.site):
                self.outlets[name] += 1
        if provenance is not None:
            if provenance.relation == "copy":
                self.copied_pages += 1
                self.copies[provenance.source_site] += 1
                self.outlets[provenance.source_site] += 1
            else:
                self.licensed_pages += 1
                if provenance.relation == "syndicated" and not _wire_only(provenance.credit):
                    self.outlets[provenance.source_site] += 1
            carried = provenance.relation == "copy" or (provenance.relation == "syndicated"
                                                         and not _wire_only(provenance.credit))
            if carried:  # wire copy on a TV station's site is its business, whatever the call letters say
                self.carried += 1
                if not mentions_theme(text + " " + (page.get("title") or ""), theme_words(self.site)):
                    self.off_theme += 1
        shape = page_shape(page.get("title") or "", page.get("link_blocks") or [])
        if shape:
            self.shapes[shape] += 1
        prune(self.outlets)
        prune(self.shapes)


    def features(self) -> dict[str, float]:
        """The pooled facts as numbers (for a site-level model): shares over the site's articles or
        pages, and counts of distinct outlets, brands and sources."""
        arts, pages = max(self.articles, 1), max(self.pages, 1)
        top = self.brands.most_common(1)[0][1] if self.brands else 0
        return {"site_pages": float(self.pages), "site_copy_share": round(self.copied_pages / arts, 4),
                "site_copy_sources": float(len(self.copies)), "site_outlets": float(len(self.outlets)),
                "site_brands": float(len(self.brands)), "site_branded_share": round(self.branded_pages / pages, 4),
                "site_top_brand_share": round(top / self.branded_pages, 4) if self.branded_pages else 0.0,
                "site_off_theme_share": round(self.off_theme / self.carried, 4) if self.carried else 0.0}


def _wire_only(credit: str) -> bool:
    return not re.search(r"originally|first|republished|reprinted|permission|distributed|syndicated|partnership|"
                         r"creative commons|produced|provided|partner", credit or "", re.I)


def _names(counter: Counter, n: int = 4) -> str:
    items = [k for k, _ in counter.most_common()]
    more = f" and {len(items) - n} more" if len(items) > n else ""
    return ", ".join(items[:n]) + more


@dataclass
class Signal:
    kind: str
    text: str

    @property
    def strength(self) -> str:
        return STRENGTH[self.kind]

    def line(self) -> str:
        return SITE_PREFIX + self.text


def signals(f: SiteFacts, shape_sites: dict[str, set[str]] | None = None) -> list[Signal]:
    """The signals a site's pooled facts trip, strongest first, each in an analyst's words.

    ``shape_sites`` maps a page shape to the registered domains it was seen on (all sites of the pass).
    """
    out: list[Signal] = []
    if f.pages < 2:
        return out
    if (f.copied_pages >= COPIES_MIN and len(f.copies) >= COPIES_SOURCES_MIN
            and f.articles and f.copied_pages / f.articles >= COPIES_SHARE):
        original = f.articles - f.copied_pages - f.licensed_pages
        out.append(Signal("copies", f"{OPENING['copies']} {f.copied_pages} of {f.articles} articles are earlier stories "
                                    f"of {len(f.copies)} unrelated outlets ({_names(f.copies)}), "
                                    + ("none is original reporting" if original <= 0 else f"{original} original")))
    top = f.brands.most_common(1)[0][1] if f.brands else 0
    if (len(f.brands) >= BRANDS_MIN and f.branded_pages >= BRANDS_MIN and top / f.branded_pages < BRANDS_TOP_SHARE):
        out.append(Signal("brands", f"{OPENING['brands']} {len(f.brands)} different names on {f.branded_pages} pages "
                                    f"({_names(f.brands, 3)}), none of them the site's"))
    if shape_sites:
        shared = {s: n for s, n in f.shapes.items() if len(shape_sites.get(s, ())) - 1 >= TEMPLATE_SITES}
        n_pages = sum(shared.values())
        if n_pages >= TEMPLATE_PAGES and n_pages / f.pages >= TEMPLATE_SHARE:
            others = set().union(*(shape_sites[s] for s in shared)) - {f.site}
            shape = max(shared, key=shared.get)
            out.append(Signal("template", f"{OPENING['template']} {len(others)} other domains "
                                          f"({', '.join(sorted(others)[:3])}{', …' if len(others) > 3 else ''}) "
                                          f"on {n_pages} of {f.pages} pages (blocks \"{shape.split(' # ')[0]}\")"))
    if len(f.outlets) >= OUTLETS_MIN:
        out.append(Signal("outlets", f"{OPENING['outlets']} {len(f.outlets)} unrelated outlets on one domain "
                                     f"({_names(f.outlets)})"))
    words = theme_words(f.site)
    if words and f.carried >= THEME_PAGES and f.off_theme / f.carried >= THEME_SHARE:
        out.append(Signal("theme", f"{OPENING['theme']} {f.off_theme} of {f.carried} other outlets' stories it carries "
                                   f"never mention {' or '.join(repr(w) for w in words)}"))
    return out


def kind_of(line: str) -> str:
    """The signal a stored ``site-wide:`` line names, or ""."""
    if not line.startswith(SITE_PREFIX):
        return ""
    body = line[len(SITE_PREFIX):]
    for kind, opening in OPENING.items():
        if body.startswith(opening):
            return kind
    return ""


def combine(verdict: str, confidence: float, lines: list[str]) -> tuple[str, float, list[str]]:
    """The model's site verdict with pooled evidence added: a ``farm`` signal makes the site farm,
    an ``unsure`` one lifts a legitimate verdict to unsure. Returns (verdict, confidence, reasons)."""
    kinds = [kind_of(x) for x in lines]
    reasons = [x[len(SITE_PREFIX):] for x, k in zip(lines, kinds) if k]
    strengths = {STRENGTH[k] for k in kinds if k}
    if "farm" in strengths and verdict != "farm":
        return "farm", max(confidence, 0.5), reasons
    if "unsure" in strengths and verdict == "legit":
        return "unsure", max(confidence, 0.25), reasons
    return verdict, confidence, reasons
