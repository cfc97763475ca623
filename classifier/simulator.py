"""Turn a legitimate article into a content-farm copy, family by family.

Real farm pages are scarce and cannot be redistributed, so the detector is trained on farm copies
made here from real legitimate pages, the way the operators in ``../shared/docs/farm-families.md``
make them. Every choice (brand, template, markup, block headings, dates, glitches) is drawn from
``rng`` so that the model learns the *marks* of farming, never one template. The same copy is
rendered as HTML and as reader text because analysts classify saved text too.

Each family prints only the marks real pages of it were seen to print, at about the shares they were
seen at, and none that no real page of it showed (``docs/farm-realism.md``; pinned by
``tests/test_simulator_realism.py``): a model trained on marks the web lacks misses the web. Families
whose real pages copy nothing (F9, F10) do not read the source; F5 keeps only its headline.

:func:`hard_negative` makes the traps: the same story republished *legitimately* (attributed
wire copy, on-topic related blocks, fitting breadcrumbs, tag pages), which must not be flagged.
:func:`with_canonical` gives a rendering the canonical link most real pages carry.
"""

from __future__ import annotations

import html as _html
import math
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import quote, quote_plus

from classifier.document import Document

__all__ = ["FAMILIES", "FIRST_FAMILIES", "SimulatedPage", "simulate", "hard_negative", "make_brand", "person_handle",
           "with_canonical", "CANONICAL_SHARE"]

FAMILIES: tuple[str, ...] = ("F1a", "F1b", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10")
# The families the simulator began with; datasets draw the later ones from streams of their own.
FIRST_FAMILIES: tuple[str, ...] = ("F1a", "F1b", "F2", "F3", "F4", "F7", "F10")


@dataclass
class SimulatedPage:
    html: str
    text: str  # reader text; first line is the title
    path: str  # URL path on the farm host, shaped per family
    family: str  # "F1a" ... or "legit" for hard negatives
    brands: list[str] = field(default_factory=list)
    title: str = ""
    # False for a copy that carries no mark a page can show (a verbatim F7 copy with no leftover of its source,
    # 30 % of real ones): only provenance can tell it from the original, so page-level training leaves it out.
    page_marked: bool = True


# --------------------------------------------------------------------------- brands

_CAMEL_A = ["Predict", "Echo", "True", "Next", "Money", "Wealth", "Alpha", "Quant", "Fin", "Capital", "Smart",
            "Blue", "Apex", "Nova", "Trade", "Vertex", "Prime", "Zen", "Bit", "Coin", "Stock", "Market", "Signal",
            "Insight", "Elevate", "Summit", "Bright", "Golden", "Clear", "Swift", "Rich", "Fortune", "Profit",
            "Asset", "Value", "Growth", "Yield", "Trend", "Sky", "Iron", "Silver", "Peak", "Core", "Vision"]
_CAMEL_B = ["IQ", "Sense", "Base", "Gen", "Wealth", "Flow", "Edge", "Pulse", "Pilot", "Hub", "Vest", "Mind", "Wise",
            "Quant", "Trade", "Fi", "Path", "Link", "North", "Stone", "Bridge", "Sphere", "Nest", "Scope", "Rise",
            "Way", "Stack", "Forge", "Line", "Point", "Mark", "Gain", "Lab", "Beacon"]
_MULTI_A = ["Elevate", "Blueprint", "Summit", "Pinnacle", "Horizon", "Keystone", "Legacy", "Meridian", "Beacon",
            "Catalyst", "Frontier", "Harbor", "Liberty", "Momentum", "Northstar", "Sterling", "Vanguard", "Crest"]
_MULTI_B = ["Capital", "Wealth", "Finance", "Investment", "Trading", "Asset", "Equity", "Fund", "Money", "Market"]
_MULTI_C = ["Network", "Hub", "Group", "Center", "Partners", "Academy", "Institute", "Alliance", "Club", "Society"]
_PREFIX_TAIL = ["Quantitative Think Tank Center", "Exchange", "Stock Exchange", "Quantitative Investment Institute",
                "Wealth Exchange", "Financial Exchange", "Trading Center", "Investment Research Center",
                "Quantitative Trading Club", "Crypto Exchange", "Futures Exchange", "Think Tank"]
_FIRST = ["James", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "Daniel", "Emily", "Kevin",
          "Laura", "Brian", "Nancy", "Jason", "Olivia", "Ethan", "Grace", "Ryan", "Chloe", "Nathan", "Zoe"]
_LAST = ["Smith", "Johnson", "Brown", "Miller", "Davis", "Garcia", "Wilson", "Moore", "Taylor", "Thomas", "White",
         "Harris", "Martin", "Clark", "Lewis", "Walker", "Young", "King", "Wright", "Scott", "Hill", "Adams"]


def _camel(rng: random.Random) -> str:
    a, b = rng.choice(_CAMEL_A), rng.choice(_CAMEL_B)
    while b == a:
        b = rng.choice(_CAMEL_B)
    if rng.random() < 0.25:
        return a + rng.choice(_CAMEL_A) + b
    return a + b


_COIN_WORDS = ["Nova", "Luma", "Quanta", "Vexa", "Orbi", "Zeni", "Kora", "Bitra", "Solu", "Tera", "Mira", "Axo"]


def make_brand(rng: random.Random, kind: str = "any") -> str:
    """An invented brand: ``camel`` (NextGenWealth), ``multi`` (Elevate Capital Network), ``prefix``, and the
    crypto/AI kinds real F1b pages carry as often: ``acronym`` (QTVX), ``ai`` (Vexa AI), ``coin`` (Lumacoin IA),
    ``exchange`` (Orbi Exchange)."""
    if kind == "any":
        kind = rng.choice(["camel", "multi", "prefix", "acronym", "ai", "coin", "exchange"])
    if kind == "camel":
        return _camel(rng)
    if kind == "acronym":
        return "".join(rng.choice("ABCDEFGHKLMNPQRSTVXZ") for _ in range(rng.randint(3, 5)))
    if kind == "ai":
        return f"{rng.choice(_COIN_WORDS + _CAMEL_A)} AI"
    if kind == "coin":
        return f"{rng.choice(_COIN_WORDS)}coin IA"
    if kind == "exchange":
        return f"{rng.choice(_COIN_WORDS + _CAMEL_A)} Exchange"
    if kind == "multi":
        first = rng.choice(_MULTI_A) if rng.random() < 0.6 else _camel(rng)
        return f"{first} {rng.choice(_MULTI_B)} {rng.choice(_MULTI_C)}"
    return f"{_camel(rng)} {rng.choice(_PREFIX_TAIL)}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def person_handle(rng: random.Random) -> str:
    """A person's name as a host label, as free-hosting farms register them: mostly a first name, random
    letters and digits ("emilyxqpbr48213", real 3 of 4), sometimes the plain name ("emilyclark", "ryan-scott")."""
    if rng.random() < 0.7:
        letters = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 6)))
        return f"{rng.choice(_FIRST).lower()}{letters}{rng.randint(10 ** 4, 10 ** 6 - 1)}"
    return f"{rng.choice(_FIRST)}{rng.choice(['', '-'])}{rng.choice(_LAST)}".lower()


# --------------------------------------------------------------------------- source helpers

_DATE_RE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_YEAR_RE = re.compile(r"\b(20[012]\d)\b")
_DATELINE_RE = re.compile(r"^([A-Z][A-Z .'-]{2,30}),\s+([A-Z][a-z]{1,5}\.?)?\s*\((AP|Reuters|AFP)\)\s*[—-]")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def _paragraphs(source: Document) -> list[str]:
    paras = [p.strip() for p in (source.main_text or "").split("\n") if p.strip()]
    if len(paras) < 2:
        paras = [ln for ln in source.lines if len(ln) >= 60 and not ln.startswith("- ")]
    if not paras:
        paras = [ln for ln in source.lines if ln] or [source.title or "Untitled"]
    return paras[:40]


def _headline(source: Document) -> str:
    h = (source.headline or source.title or "").strip()
    # Legit titles often carry " | Site" / " - Site"; the farm copies the bare headline.
    for sep in (" | ", " - ", " – ", " — "):
        if sep in h and len(h.split(sep)[0]) >= 20:
            h = h.split(sep)[0]
    return h[:200] or "News update"


def _event_date(source: Document, rng: random.Random) -> datetime:
    m = _DATE_RE.search(source.published or "")
    if m:
        try:
            return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), rng.randrange(24), rng.randrange(60))
        except ValueError:
            pass
    years = [int(y) for y in _YEAR_RE.findall(source.main_text or "") if 2000 <= int(y) <= 2025]
    year = max(years) if years else rng.randint(2016, 2024)
    return datetime(year, rng.randint(1, 12), rng.randint(1, 28), rng.randrange(24), rng.randrange(60))


def _stamp(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def _slug(text: str, words: int = 8) -> str:
    toks = re.findall(r"[a-z0-9]+", text.lower())[:words]
    return "-".join(toks) or "story"


def _pool(rng: random.Random, pool: list[str], n: int, avoid: str = "") -> list[str]:
    cands = [h for h in pool if h and h != avoid]
    if not cands:
        cands = ["Officials announce new measures after weekend storm damage",
                 "Celebrity couple share rare photos from family vacation",
                 "Stocks close mixed as investors weigh interest rate outlook"]
    if len(cands) >= n:
        return rng.sample(cands, n)
    return [rng.choice(cands) for _ in range(n)]


def _sentences(paras: list[str]) -> list[str]:
    out = []
    for p in paras:
        out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) >= 6)
    return out


def _cut(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    cut = text[:n].rsplit(" ", 1)[0]
    return cut


# --------------------------------------------------------------------------- rendering
# A page is a title plus blocks; both renderings come from the same blocks, so the HTML and the
# reader text of one simulated page always tell the same story.
#   ("h1", text) ("p", text) ("line", text) ("links", heading, items, bullets: bool) ("raw", html, text)
#   ("list", items, ordered: bool): a plain list, numbered "1. " or bulleted "- " in the text


def _esc(s: str) -> str:
    return _html.escape(s, quote=True)


def _render(rng: random.Random, title: str, blocks: list[tuple], *, host: str, first_line: str | None = None,
            meta: dict | None = None, lang: str = "en") -> tuple[str, str]:
    # ---- text
    lines = [first_line or title]
    for b in blocks:
        kind = b[0]
        if kind in ("h1", "p", "line"):
            lines.append(b[1])
        elif kind == "links":
            _, heading, items, bullets = b
            if heading:
                lines.append(heading)
            lines.extend(("- " + it) if bullets else it for it in items)
        elif kind == "raw":
            lines.extend(b[2].split("\n"))
        elif kind == "list":
            lines.extend(f"{i + 1}. {it}" if b[2] else f"- {it}" for i, it in enumerate(b[1]))
    text = "\n".join(ln for ln in lines if ln.strip())

    # ---- html: markup varies per page (tags, classes, wrappers, list styles)
    cls = lambda: rng.choice(["main", "content", "wrap", "box", "article", "post", "left", "con", "txt", "mod",  # noqa: E731
                              "detail", "news", "entry", "body", "sec"]) + rng.choice(["", "-1", "_box", "Con", "2"])
    para_tag = rng.choice(["p", "p", "p", "div"])
    head_tag = rng.choice(["h2", "h3", "h4", "div", "span"])
    list_style = rng.choice(["ul", "ul", "ol", "div"])
    out = ["<!DOCTYPE html>" if rng.random() < 0.8 else "", f'<html lang="{lang}"><head><meta charset="utf-8">',
           f"<title>{_esc(title)}</title>"]
    for k, v in (meta or {}).items():
        attr = "property" if k.startswith(("og:", "article:")) else "name"
        out.append(f'<meta {attr}="{_esc(k)}" content="{_esc(v)}">')
    if rng.random() < 0.5:
        out.append(f'<link rel="stylesheet" href="/static/{rng.choice(["css", "skin", "style"])}/{rng.randrange(1, 9)}.css">')
    if rng.random() < 0.5:
        out.append("<script>var _hmt=_hmt||[];(function(){var hm=document.createElement('script');})();</script>")
    out.append(f'</head><body><div class="{cls()}">')
    if rng.random() < 0.6:
        nav = rng.sample(["Home", "News", "World", "Business", "Sports", "Tech", "Life", "Video", "Opinion"], rng.randint(3, 6))
        out.append('<div class="nav">' + " ".join(f'<a href="/{n.lower()}/">{n}</a>' for n in nav) + "</div>")
    out.append(f'<div class="{cls()}">')
    for b in blocks:
        kind = b[0]
        if kind == "h1":
            out.append(f"<h1>{_esc(b[1])}</h1>")
        elif kind == "p":
            out.append(f"<{para_tag}>{_esc(b[1])}</{para_tag}>")
        elif kind == "line":
            out.append(f'<div class="{cls()}">{_esc(b[1])}</div>')
        elif kind == "links":
            _, heading, items, bullets = b
            if heading:
                out.append(f'<{head_tag} class="{cls()}">{_esc(heading)}</{head_tag}>')
            style = list_style if bullets else "div"
            hrefs = [f"/{rng.choice(['html', 'news', 'a', 'p'])}/{rng.randrange(10**5, 10**8)}.html" for _ in items]
            if style in ("ul", "ol"):
                out.append(f"<{style}>" + "".join(f'<li><a href="{h}">{_esc(i)}</a></li>' for i, h in zip(items, hrefs))
                           + f"</{style}>")
            else:
                out.append(f'<div class="{cls()}">' + "".join(f'<p><a href="{h}">{_esc(i)}</a></p>' for i, h in zip(items, hrefs))
                           + "</div>")
        elif kind == "raw":
            out.append(b[1])
        elif kind == "list":
            tag = "ol" if b[2] else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_esc(it)}</li>" for it in b[1]) + f"</{tag}>")
    out.append("</div>")
    if rng.random() < 0.5:
        out.append(f'<div class="footer">Copyright © {rng.randint(2019, 2026)} {_esc(host)} All rights reserved</div>')
    out.append("</div></body></html>")
    return "\n".join(o for o in out if o), text


# Real CMS pages name their address in the head (75-90 % of the corpus's HTML pages carry a
# ``<link rel="canonical">``), farms' WordPress installs included; a rendering without one would let an
# HTML copy saved without its URL lose every URL-shaped trace, which real saved pages rarely do.
CANONICAL_SHARE = 0.8


def with_canonical(html: str, url: str, rng: random.Random, share: float = CANONICAL_SHARE) -> str:
    """``html`` with a canonical link to ``url`` in its head, as often as real pages carry one."""
    if rng.random() >= share or "</head>" not in html:
        return html
    return html.replace("</head>", f'<link rel="canonical" href="{_esc(url)}"></head>', 1)


# --------------------------------------------------------------------------- glitches

def _glue_brand(rng: random.Random, paras: list[str], brand: str, dateline_share: float = 0.6) -> list[str]:
    """Wedge the brand into the body with no space: after a dateline comma or mid-sentence."""
    paras = list(paras)
    if not paras:
        return paras
    first = paras[0]
    m = re.match(r"^([A-Z][A-Za-z .'-]{2,30}),\s+", first)
    if m and rng.random() < dateline_share:
        paras[0] = m.group(1) + "," + brand + first[m.end() - 1:]
        return paras
    idx = rng.randrange(min(3, len(paras)))
    words = paras[idx].split(" ")
    if len(words) > 6:
        k = rng.randrange(2, len(words) - 2)
        words[k] = brand + words[k]  # "on PredictIQ ... CenterTuesday"
        paras[idx] = " ".join(words)
    else:
        paras[idx] = brand + paras[idx]
    return paras


# --------------------------------------------------------------------------- families

_UNRELATED_SECTIONS = ["Scams", "Finance", "reviews", "Stock", "Markets", "Invest", "Crypto", "Contact", "Products",
                       "Study", "Opinion", "Insights", "Fintech", "Currency", "Futures", "Funds", "Strategy", "Bonds"]


def _id_path(rng: random.Random) -> str:
    return "/{}/{}{}{}.html".format(rng.choice(["html", "news"]), rng.randrange(10, 10 ** rng.randint(2, 4)),
                                    rng.choice("abcdef"), rng.randrange(10 ** 5, 10 ** rng.randint(6, 8)))


def _year_span_dates(rng: random.Random, n: int, around: datetime) -> list[str]:
    return [(around - timedelta(days=rng.randint(0, 1500))).strftime("%Y-%m-%d") for _ in range(n)]


def _f1a(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    paras = _paragraphs(source)
    prefix = make_brand(rng, "prefix") if rng.random() < 0.85 else make_brand(rng, "camel")
    suffix = make_brand(rng, rng.choice(["camel", "multi", "multi"]))
    use_prefix = rng.random() < 0.35  # real: 1 of 3
    brands = ([prefix] if use_prefix else []) + [suffix]
    sep = rng.choice([":", ":", "-"])
    h1 = f"{prefix}{sep}{head}" if use_prefix else head
    title = f"{h1} -{suffix}"
    section = rng.choice(_UNRELATED_SECTIONS)
    event = _event_date(source, rng)
    shown = event + timedelta(days=rng.randint(210, 400), seconds=rng.randrange(86400))
    view = "View" if rng.random() < 0.6 else rng.choice([make_brand(rng, "prefix") + " View", _person(rng) + " View", suffix + " View"])
    if use_prefix and rng.random() < 0.85:
        paras = _glue_brand(rng, paras, prefix)
    blocks: list[tuple] = [("h1", h1), ("line", view), ("line", f"Date:{_stamp(shown)}")]
    blocks += [("p", p) for p in paras]
    blocks.append(("line", f"veryGood! ({int(math.exp(rng.uniform(0, math.log(30000))))})"))
    headings = rng.sample(["Related", "Ranking", "Recommendation", "Hot News", "Popular"], rng.randint(2, 3))
    if rng.random() < 0.6:
        headings = ["Related", "Ranking", "Recommendation"][: rng.randint(2, 3)]
    for i, hd in enumerate(headings):
        items = _pool(rng, pool, rng.randint(7, 11), head)
        if rng.random() < 0.3:
            items = [f"{it} {d}" for it, d in zip(items, _year_span_dates(rng, len(items), shown))]
        if hd == "Related" and rng.random() < 0.7:  # one or two headlines cut off after a few words
            for k in rng.sample(range(len(items)), min(len(items), rng.randint(1, 2))):
                items[k] = " ".join(items[k].split()[:rng.randint(2, 4)])
        blocks.append(("links", hd, items, i < len(headings) - 1 or rng.random() < 0.5))
    first_line = f"Current:Home > {section}{title}" if rng.random() < 0.9 else title
    crumb = f'<div class="position">Current:<a href="/">Home</a> &gt; <a href="/{section.lower()}/">{section}</a></div>'
    html, text = _render(rng, title, [("raw", crumb, "")] + blocks, host=host, first_line=first_line)
    return SimulatedPage(html=html, text=text, path=_id_path(rng), family="F1a", brands=brands, title=title)


_SEO_SOURCES = ["smart beginner trading guide", "passive income ideas for students", "best crypto signals review",
                "how to grow savings fast"]
_TEASER_TAILS = ["officials said on Monday, adding that more details would follow later in the week", "according to people familiar "
                 "with the matter who asked not to be named", "in a move that surprised analysts and investors who had expected a delay",
                 "after weeks of talks that stretched late into the night", "the company confirmed in a short statement on its website"]


def _teaser_lead(rng: random.Random, headline: str) -> str:
    """The recommended story's own lead, cut at exactly 100 characters mid-word and without an ellipsis.
    The pool carries headlines only, so the lead is the headline told as a dateline sentence."""
    lead = f"{rng.choice(_DATELINES)} ({rng.choice(['AP', 'AP', 'Reuters'])}) — {headline.rstrip('.')}, {rng.choice(_TEASER_TAILS)}."
    return lead[:100]


def _f1b(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    paras = _paragraphs(source)
    brand = make_brand(rng)
    title = f"{brand}{rng.choice([':', '|', ':', ' | ', ' - ', '|'])}{head}"
    event = _event_date(source, rng)
    shown = event + timedelta(days=rng.randint(60, 500), seconds=rng.randrange(86400))
    cat = rng.choice(["News", "Finance", "Stock", "Market", "Scams", "Invest", "Stocks", "My"])
    src = rng.choices([make_brand(rng), _person(rng), rng.choice(_SEO_SOURCES)], weights=[70, 20, 10])[0]
    glued = rng.choices([brand, _person(rng), rng.choice(_COIN_WORDS).lower() + "coin"], weights=[85, 10, 5])[0]
    dated = bool(re.match(r"^([A-Z][A-Za-z .'-]{2,30}),\s+", paras[0])) if paras else False
    if dated or rng.random() < 0.4:  # real: glued after the dateline comma on 13 of 14
        paras = _glue_brand(rng, paras, glued, dateline_share=1.0)
    pool_items = _pool(rng, pool, 12, head)
    blocks: list[tuple]
    if rng.random() < 0.2:  # the title-less template: body, a one-day view list, three headline-less teasers
        blocks = [("p", p) for p in paras]
        day = shown.replace(hour=rng.randint(8, 21))
        times = sorted((day - timedelta(minutes=rng.randint(0, 130)) for _ in range(rng.randint(5, 6))), reverse=True)
        blocks.append(("links", "", [f"{t:%Y-%m-%d %H:%M}{rng.randint(100, 9999)} view" for t in times], False))
        blocks.append(("links", "", [_teaser_lead(rng, h) for h in pool_items[:3]], False))
    else:
        blocks = [("h1", title if rng.random() < 0.5 else head),
                  ("line", f"{_stamp(shown)}{rng.choice(['source:', 'source: '])}{src}{rng.choice(['category:', ' category: '])}{cat}")]
        blocks += [("p", p) for p in paras]
        blocks.append(("line", f"More:{rng.choice(['News', 'Finance', 'Hot', 'Market', cat])}"))
        teasers = []
        for h in pool_items[:rng.randint(6, 12)]:
            teasers += [h, _teaser_lead(rng, h)]
        blocks.append(("links", "Recommend", teasers, False))
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=_id_path(rng), family="F1b", brands=[brand], title=title)


_OUTLETS = ["Reuters", "AP News", "CNN", "Fox News", "NBC News", "USA TODAY", "The Hill", "Newsweek", "Yahoo News",
            "CBS News", "ABC News", "Bloomberg", "The Guardian", "Al Jazeera", "Politico", "Axios", "NPR",
            "The Independent", "New York Post", "Daily Mail", "BBC", "Forbes", "CNBC", "Business Insider"]


_QUERY_TAILS = ["news", "news today", "latest news", "mandatory evacuation news", "party room", "crash",
                "weather", "police", "obituaries", "school board", "traffic", "fire"]
_FORMS = [("form", "YFNR")] * 6 + [("FORM", "HDRSC6")] * 5 + [("FORM", "PTFTNR")] * 2 + [("FORM", "000009")]


def _f2(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    """A scraped news-search result: the query is a keyword or a place, the text is cut snippets."""
    head = _headline(source)
    sents = _sentences(_paragraphs(source)) or [head]
    places = [w for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b", " ".join(sents[:6])) if w not in _STOP_CAPS]
    topic = rng.choice([w for w in _WORD_RE.findall(head) if len(w) > 4] or ["local"]).lower()
    base = rng.choice(places) if places and rng.random() < 0.7 else topic
    query = f"{base} {rng.choice(_QUERY_TAILS)}" if rng.random() < 0.8 else base
    key, form = rng.choice(_FORMS)
    path = f"/news/search?q={quote_plus(query)}&{key}={form}"
    if rng.random() < 0.35:
        path += "&ubiroff=1"
    if rng.random() < 0.45:
        path += "&qft=" + rng.choice(["sortbydate%3d%221%22", "interval%3d%227%22", "interval%3d%228%22+sortbydate%3d%221%22"])
    title = rng.choice([query, f"{query} - News", f"{query} - Search"])
    blocks: list[tuple] = []
    if rng.random() < 0.5:
        blocks.append(("line", "News"))
    rare = rng.random() < 0.12  # the outlet and age lines, kept as the rare variant
    if rng.random() < 0.08:
        blocks.append(("line", "Digest more"))
    others = rng.sample(sents, len(sents)) + _pool(rng, pool, 12, head)
    for sent in others[:rng.randint(2, 12)]:
        snip = _cut(sent, rng.randint(max(30, len(sent) // 3), max(31, len(sent) - 10))) + " ..."
        if rare:
            blocks.append(("line", f"{rng.choice(_OUTLETS)} · {rng.randint(1, 23)}h"))
        blocks.append(("line", snip))
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F2", brands=[], title=title)


_STOP_CAPS = {"They", "This", "That", "With", "When", "Mayor", "City", "State", "Officials", "Monday", "Tuesday",
              "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "After", "While", "There", "Their"}


_CITIES = ["Springfield", "Riverside", "Fairview", "Franklin", "Greenville", "Madison", "Clinton", "Salem", "Georgetown",
           "Arlington", "Ashland", "Bristol", "Dover", "Oxford", "Milton", "Newport", "Jackson", "Marion", "Auburn"]
_CURRENCIES = ["EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "CHF", "INR", "MXN", "BRL", "KRW", "SEK", "NOK", "HKD"]


def _f3(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    paras = _paragraphs(source)
    city = rng.choice(_CITIES)
    site = rng.choice([f"{city} Tribune", f"The {city} Press", f"{city} Daily Tribune", f"{city} Free Press"])
    title = rng.choice([f"{head} - {site}", f"{head} | {site}", head])
    section = rng.choice(["world", "news", "sports", "business", "national", "politics", "entertainment"])
    path = f"/{section}/{rng.randrange(100000, 999999)}-{_slug(head)}.html"
    event = _event_date(source, rng)
    shown = event + timedelta(days=rng.randint(0, 60))
    side = rng.sample([("links", h, _pool(rng, pool, rng.randint(12, 30), head), True) for h in
                       ["World", "Sports", "Latest News", "Top Stories", "Business", "Entertainment", "Most Read"]], rng.randint(2, 4))
    blocks: list[tuple] = [("line", site), ("h1", head),
                           ("line", rng.choice(["By ", "Posted ", ""]) + event.strftime(rng.choice(["%B %d, %Y", "%Y-%m-%d %H:%M", "%d/%m/%Y"]))
                            if rng.random() < 0.5 else shown.strftime("%Y-%m-%d"))]
    if rng.random() < 0.5:
        blocks += side[:1]
        side = side[1:]
    blocks += [("p", p) for p in paras]
    blocks += side
    if rng.random() < 0.8:
        base = rng.choice(["USD", "EUR"])
        rates = [f"{base}/{c} {rng.uniform(0.1, 150):.4f}" for c in rng.sample([c for c in _CURRENCIES + ["USD"] if c != base], rng.randint(6, 12))]
        blocks.append(("links", rng.choice(["Exchange Rates", "Currency", "Markets"]), rates, rng.random() < 0.5))
    html, text = _render(rng, title, blocks, host=host, meta={"og:site_name": site} if rng.random() < 0.5 else None)
    return SimulatedPage(html=html, text=text, path=path, family="F3", brands=[], title=title)


# Thesaurus spinning: phrase-level first (the tell-tale mangled names), then single words.
_SPIN_PHRASES = {
    "White House": ["White Home", "White Residence", "White Home"], "Air Force One": ["Air Power One", "Air Drive One"],
    "stock market": ["inventory market", "inventory market", "stock marketplace"], "stock markets": ["inventory markets"],
    "Lady Gaga": ["Woman Gaga"], "Prime Minister": ["Prime Minster", "Prime Clergyman", "Key Minister"],
    "Supreme Court": ["Supreme Courtroom", "Superb Court docket"], "Wall Street": ["Wall Road", "Partition Road"],
    "United States": ["United Says", "Joined States"], "New York": ["New You are able to", "Brand new York"],
    "police officer": ["law enforcement officer", "cop official"], "climate change": ["local weather change", "weather modify"],
    "United Nations": ["Usa Nations", "United Countries"], "Federal Reserve": ["Government Reserve", "Fed Book"],
    "social media": ["social press", "cultural media"], "health care": ["wellness treatment", "well being care"],
    "Secret Service": ["Magic formula Services"], "Big Tech": ["Large Technology"], "Black Friday": ["Dark Friday"],
    # what the spinners of 2025 print over generated essays (docs/farm-realism.md, F4)
    "artificial intelligence": ["synthetic intelligence"], "computer science": ["pc science"],
    "machine learning": ["machine studying"], "instead of": ["as a substitute of"], "Instead of": ["As a substitute of"],
    "data sets": ["information units"], "side dish": ["facet dish"], "around the clock": ["spherical the clock"],
    "term in question": ["phrase in query"], "content": ["content material"],
}
_SPIN_WORDS = {
    "said": ["stated", "mentioned", "explained"], "says": ["states", "claims"], "people": ["individuals", "folks"],
    "company": ["business", "firm", "organization"], "government": ["authorities", "administration"],
    "president": ["leader", "chief executive"], "new": ["brand-new", "fresh"], "big": ["large", "huge"],
    "important": ["essential", "crucial"], "help": ["assist", "aid"], "show": ["display", "demonstrate"],
    "week": ["7 days", "few days"], "year": ["12 months", "calendar year"], "month": ["thirty day period"],
    "house": ["home", "residence"], "market": ["marketplace", "industry"], "police": ["law enforcement", "cops"],
    "killed": ["slain", "murdered"], "attack": ["assault", "strike"], "leader": ["chief", "frontrunner"],
    "country": ["region", "nation"], "state": ["condition", "point out"], "public": ["general public", "community"],
    "also": ["also", "in addition"], "percent": ["%", "per cent"], "began": ["commenced", "started off"],
    "announced": ["introduced", "declared"], "according": ["in accordance"], "official": ["formal", "formal"],
    "officials": ["officers", "authorities"], "report": ["report", "document"], "meeting": ["assembly", "conference"],
    "war": ["war", "warfare"], "children": ["young children", "kids"], "money": ["income", "dollars"],
    "quickly": ["rapidly", "speedily"], "because": ["mainly because", "simply because"], "first": ["initial", "1st"],
    "last": ["previous", "final"], "major": ["significant", "main"], "told": ["explained to", "informed"],
    "city": ["metropolis", "town"], "world": ["planet", "globe"], "family": ["loved ones", "spouse and children"],
    "home": ["household", "dwelling"], "water": ["h2o"], "car": ["automobile", "motor vehicle"], "game": ["sport", "match"],
    "team": ["staff", "crew"], "season": ["period", "time"], "school": ["faculty", "university"], "power": ["electrical power", "ability"],
}


# Fewer new words than this and the "spun" copy is verbatim (see _f4).
MIN_SPUN_WORDS = 3


# Real spun pages swap ordinary words and names as well (docs/farm-realism.md): street words, job titles,
# function words and phrasal verbs.
_SPIN_MORE = {"via": ["by means of", "by way of"], "news": ["information", "data"], "looks": ["appears", "seems"],
              "near": ["close to", "shut to"], "influence": ["affect", "impact"], "undergoing": ["present process", "going through"],
              "growth": ["progress", "development"], "urgent": ["pressing"], "need": ["want", "require"],
              "content": ["content material"], "however": ["nonetheless", "nevertheless"], "before": ["earlier than"],
              "after": ["after", "following"], "would": ["would", "might"], "around": ["round", "about"],
              "during": ["throughout"], "still": ["nonetheless", "nonetheless"], "many": ["many", "quite a few"],
              "several": ["a number of", "a number of"], "homes": ["houses", "properties"], "residents": ["residents", "inhabitants"],
              "plan": ["plan", "scheme"], "vote": ["vote", "poll"], "warned": ["warned", "cautioned"]}
_STREET_SWAP = {"Street": "Avenue", "Road": "Highway", "Avenue": "Road", "Lane": "Street", "Drive": "Street"}
_ROLE_SWAP = {"Content": "Content material", "Sales": "Gross sales", "Marketing": "Advertising", "Chief Executive": "Chief Government"}
_TITLE_SWAP = {"Director": "Director", "Manager": "Supervisor", "Officer": "Officer", "Editor": "Editor"}


def spin(text: str, rng: random.Random, rate: float) -> str:
    for src, subs in _SPIN_PHRASES.items():
        if src in text and rng.random() < 0.9:
            text = text.replace(src, rng.choice(subs))
    text = re.sub(r"\b([A-Z][a-z]+) (Street|Road|Avenue|Lane|Drive)\b",
                  lambda m: f"{m.group(1)} {_STREET_SWAP[m.group(2)]}" if rng.random() < rate else m.group(0), text)
    text = re.sub(r"\b(Content|Sales|Marketing|Chief Executive) (Director|Manager|Officer|Editor)\b",
                  lambda m: f"{_ROLE_SWAP[m.group(1)]} {_TITLE_SWAP[m.group(2)]}", text)

    def sub(m: re.Match) -> str:
        w = m.group(0)
        subs = _SPIN_WORDS.get(w.lower()) or _SPIN_MORE.get(w.lower())
        if not subs or rng.random() > rate:
            return w
        r = rng.choice(subs)
        return r[0].upper() + r[1:] if w[0].isupper() else r

    return re.sub(r"[A-Za-z]+", sub, text)


def _f4(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    paras = _paragraphs(source)
    rate = rng.uniform(0.5, 0.95)
    title = spin(head, rng, rate)
    body = [spin(p, rng, rate) for p in paras]
    # An English thesaurus over a Czech page, or over English that has none of its words, changes
    # nothing: what gets published is a verbatim copy in a blog template, an autoblog (F7), and the
    # page is labelled so. Calling it F4 would teach the model that spinning leaves no mark.
    new_words = set(re.findall(r"[A-Za-z]+", " ".join(body))) - set(re.findall(r"[A-Za-z]+", " ".join(paras)))
    family = "F4" if len(new_words) >= MIN_SPUN_WORDS else "F7"
    slug = _slug(title, 10)  # WordPress makes the slug from the spun title
    dt = _event_date(source, rng)
    path = rng.choice([f"/?p={rng.randint(1000, 99999)}", f"/{dt:%Y/%m/%d}/{slug}/", f"/{slug}/", f"/{slug}-2/"])
    if rng.random() < 0.4:  # read on a tag or category archive of a hijacked subdomain (real: 10 of 13 in 2026)
        word = _slug(" ".join(title.split()[:2]), 2) or "news"
        path = rng.choice([f"/tag/{word}/page/{rng.randint(2, 40)}", f"/category/{word}/page/{rng.randint(2, 1200)}",
                           f"/tag/{word}"])
    blocks: list[tuple] = [("h1", title)]
    if rng.random() < 0.3:  # the source's byline stays (real 1 of 4)
        blocks.append(("line", _source_byline(source) or f"By {_person(rng)}, {rng.choice(['Staff Writer', 'Content Director', 'Reporter'])}"))
    elif rng.random() < 0.3:
        blocks.append(("line", f"{rng.choice(['Posted by', 'By'])} {rng.choice(['admin', 'editor'])}"
                               f" {rng.choice(['on', '·', ''])} {dt.strftime('%B %d, %Y')}"))
    blocks += [("p", p) for p in body]
    if rng.random() < 0.6:
        blocks.append(("links", rng.choice(["Related Posts", "You may also like", "Recent Posts"]),
                       _pool(rng, pool, rng.randint(3, 6), head), True))
    if rng.random() < 0.4:
        blocks.append(("line", rng.choice(["Source link", "Source", "Read more"])))
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family=family, brands=[], title=title)


def shown_year(source: Document, rng: random.Random) -> int:
    return _event_date(source, rng).year


# F7 as real republishers are (docs/farm-realism.md): the story word for word, carrying only what the copy
# dragged along from the source page (newsletter and paywall lines, the source byline, photo credits glued
# to the text, the outlet's name, "Source link"); about a third carry nothing at all.
_NEWSLETTER = ["Sign up for {o}'s morning newsletter here.", "Subscribe to get {o}'s briefing in your inbox every weekday.",
               "Get the best of {o} delivered to you: sign up here.", "This story first ran in {o}'s weekly newsletter. Sign up for it here.",
               "This is an edition of {o} Daily, our newsletter of the day's best reads. Sign up for it here.",
               "(Want this newsletter in your inbox every evening? Here's the sign-up.)"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_PAYWALL = ["Already have an account? Sign in.", "To continue reading, please subscribe.", "Subscribe for unlimited access."]


def _source_outlet(source: Document) -> str:
    if source.site_name:
        return source.site_name
    host = re.sub(r"^https?://(www\.)?", "", source.url or "").split("/")[0]
    return host.split(".")[0].replace("-", " ").title() if host else ""


def _source_byline(source: Document) -> str | None:
    for ln in source.lines[:8]:
        if re.match(r"^By [A-Z][a-z]+ [A-Z]", ln) and len(ln) < 80:
            return ln
    return None


def _f7(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    paras = list(_paragraphs(source))
    outlet = _source_outlet(source) or rng.choice(_OUTLETS)
    clean = rng.random() < 0.3
    drawn: list[bool] = []

    def share(p: float) -> bool:
        hit = not clean and rng.random() < p / 0.7
        drawn.append(hit)
        return hit

    title = head
    edition = share(0.12)  # a newsletter's e-mail edition pasted whole: its briefing title and "View in browser"
    if edition:
        title = f"Your {rng.choice(_WEEKDAYS)} {rng.choice(['Morning', 'Evening'])} Briefing"
    if share(0.15):
        title = f"{title}{rng.choice([' - ', ' | ', ' – '])}{outlet}"
    blocks: list[tuple] = [("h1", title)]
    if edition and rng.random() < 0.5:
        blocks.append(("line", "View in browser | Add us to your address book"))
    if share(0.07):
        blocks.append(("line", head))
    if share(0.30):
        blocks.append(("line", _source_byline(source) or f"By {_person(rng)}"))
    elif share(0.07):
        blocks += [("line", "Photo of author"), ("line", f"{rng.choice(['By', 'Written by'])} {_person(rng)}")]
    if share(0.15) and len(paras) > 1:
        k = rng.randrange(1, len(paras))
        credit = rng.choice([f"{_person(rng)} / {outlet.upper()}", f"(Photo by {_person(rng)} via AP, File)",
                             f"{_person(rng)} for {outlet}"])
        paras[k] = credit + paras[k]
    if share(0.05):
        paras = [p.replace("“", "â€œ").replace("”", "â€\x9d").replace("’", "â€™").replace('"', "â€œ", 1) for p in paras]
    if share(0.05):
        wall = rng.sample(_PAYWALL, 2)
        paras = paras[:1] + wall + paras[:1] + paras[1:]
    news = share(0.40)
    at = rng.randint(1, max(1, len(paras) - 1))
    for k, p in enumerate(paras):
        if news and k == at:
            blocks.append(("line", rng.choice(_NEWSLETTER).replace("{o}", outlet)))
        blocks.append(("p", p))
    if share(0.15):
        blocks.append(("line", "Source link"))
    # The slug is made from the title, so a copy titled "<headline> - <outlet>" names the outlet in its URL too
    # (real: many copies of one paper's briefings end their slug with the paper's name).
    slug = _slug(title, 14) if outlet in title else _slug(head, 10)
    if rng.random() < 0.4:  # an archive, tag or author listing that carries the copy among other posts
        writer = _slug((_source_byline(source) or _person(rng)).removeprefix("By "), 3)
        path = rng.choice([f"/{rng.randint(2019, 2025)}/{rng.randint(1, 12):02d}/", f"/tag/{_slug(rng.choice(_LEGIT_SECTIONS))}/page/{rng.randint(2, 9)}/",
                           f"/author/{writer}/page/{rng.randint(2, 12)}", f"/blog/page/{rng.randint(2, 60)}",
                           f"/tag/{_slug(outlet, 4)}/"])
        glue = rng.random() < 0.3  # "Read More »" glued to the next post's headline
        for other in _pool(rng, pool, rng.randint(1, 3), head):
            more = rng.choice(["Read More »", "Continue reading", "Read more"])
            blocks.append(("line", more + other) if glue else ("line", other))
            if not glue:
                blocks.append(("line", more))
    else:
        path = rng.choice([f"/{slug}/", f"/{slug}-{_digits(rng, 7)}.html", f"/news/{slug}/"])
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F7", brands=[], title=title,
                         page_marked=any(drawn) or path.startswith(("/tag/", "/author/", "/blog/page/")) or bool(re.match(r"/\d{4}/\d\d/$", path))
                         or host.replace(".", "").isdigit())


# F10 as real keyword pages are (docs/farm-realism.md): commercial queries with place modifiers, never a
# news story's words. Three shapes: one-line shells, generated keyword guides, spam profiles/bookmarks.
_COMMERCIAL = ["car insurance", "cheap auto insurance", "home insurance quotes", "payday loans", "personal loans",
               "bad credit loans", "emergency plumber", "24 hour plumber", "roof repair", "roofing contractors",
               "water heater repair", "garage door repair", "pest control", "tree removal", "junk removal",
               "storage units", "life insurance", "title loans", "dental implants", "carpet cleaning",
               "moving company", "locksmith", "hvac repair", "towing service", "bail bonds", "solar panels"]
_PLACES = [("Duluth", "MN"), ("Fresno", "CA"), ("Tulsa", "OK"), ("Boise", "ID"), ("Macon", "GA"), ("Joliet", "IL"),
           ("Waco", "TX"), ("Akron", "OH"), ("Provo", "UT"), ("Yakima", "WA"), ("Erie", "PA"), ("Salina", "KS"),
           ("Dothan", "AL"), ("Biloxi", "MS"), ("Casper", "WY"), ("Bangor", "ME"), ("Ocala", "FL"), ("Reno", "NV"),
           ("Lansing", "MI"), ("Topeka", "KS"), ("Pueblo", "CO"), ("Albany", "NY"), ("Medford", "OR")]
_LOGIN_SITES = ["a payroll portal", "your utility account", "a student portal", "a webmail inbox", "a bank app",
                "an employee benefits site", "a router admin page", "a school district portal"]
_GUIDE_TITLES = ["{kw} near me", "best {kw} in {town}", "{kw} {town} {st}", "how to choose {kw}",
                 "{kw} cost guide {year}", "cheap {kw} near me", "how to log into {site}", "best online casino {year}",
                 "{first} {last} net worth {year}", "is {kw} worth it", "{kw}: what to know before you call"]
_GUIDE_HEADS = ["Why It Matters", "What To Look For", "How Much Does It Cost", "Step By Step", "Common Mistakes",
                "Questions To Ask", "When To Call A Pro", "Signs You Need Help", "Our Top Picks", "Before You Start",
                "What We Learned", "Quick Tips"]
_GUIDE_STEPS = ["Write down what you need before you start looking.", "Compare at least three quotes side by side.",
                "Check the license number with the state board.", "Read the most recent reviews, not the oldest.",
                "Ask for the final price in writing.", "Keep every receipt in one folder.",
                "Open the sign-in page from a bookmark, not a link in an email.", "Enter your user name and password.",
                "Reset the password if the page says it has expired.", "Turn on two-step sign-in in the settings.",
                "Call before noon if you want a same-day visit.", "Clear the space around the work area.",
                "Take photos of the damage for your records.", "Set a budget and a little extra for surprises."]
_GUIDE_BULLETS = ["fast response times", "upfront pricing", "licensed and insured staff", "weekend availability",
                  "free estimates", "written warranties", "local reviews", "flexible payment plans",
                  "no hidden fees", "friendly support", "clear contracts", "same-day service"]
_GUIDE_PROSE = ["Finding the right {kw} can feel harder than it should be.",
                "Most people only think about {kw} when something has already gone wrong.",
                "Prices for {kw} vary a lot from one town to the next.",
                "A good provider will explain the options without pushing the most expensive one.",
                "The cheapest quote is not always the best value over a few years.",
                "Plenty of homeowners in {town} face the same choice every year.",
                "It pays to know the basics before you pick up the phone.",
                "Reading the fine print takes ten minutes and can save a lot of money.",
                "Availability changes with the season, so plan ahead when you can."]
_ANECDOTES = ["It was {hh}:{mm} AM on a {day} when I finally gave up and searched for {kw}.",
              "Last winter my neighbor called me in a panic about {kw}, and I had no idea where to start.",
              "I spent a whole weekend comparing {kw} offers so you do not have to.",
              "The first time I needed {kw}, I picked the first name I saw and regretted it."]
_TEASERS = ["Looking for reliable {kw} in {town}? Our team has served the area for years and",
            "We help families across {town} with {kw}, from quick fixes to full projects, and",
            "Trusted {kw} at fair prices. Call today for a free quote and find out why",
            "Everything you need to know about {kw} before you sign anything, including"]
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _f10(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    """A keyword page that owes nothing to ``source``: real ones are never about a news story."""
    kw = rng.choice(_COMMERCIAL)
    town, st = rng.choice(_PLACES)
    fill = lambda t: t.format(kw=kw, town=town, st=st, year=rng.randint(2022, 2026), site=rng.choice(_LOGIN_SITES),  # noqa: E731
                              first=rng.choice(_FIRST), last=rng.choice(_LAST), hh=rng.randint(1, 4),
                              mm=f"{rng.randint(0, 59):02d}", day=rng.choice(["Monday", "Tuesday", "Sunday"]))
    shape = rng.choices(["shell", "guide", "profile"], weights=[30, 50, 20])[0]
    if shape == "shell":
        title = rng.choice([f"{kw} {town} {st}", f"{kw.title()} {town}", f"free {kw.replace(' quotes', '')} quotes"])
        if rng.random() < 0.4:
            body = title
        else:
            places = rng.sample(_PLACES, rng.randint(2, 4))
            body = " ".join(f"{rng.choice(_COMMERCIAL)} {t} {s}" for t, s in places)
        blocks: list[tuple] = [("h1", title), ("p", body)]
        page = rng.choice(["".join(w.title() for w in kw.split()) + town, f"{kw.title().replace(' ', '')}{st}"])
        path = rng.choice([f"/trac/wiki/{page}?format=txt&version={rng.randint(2, 40)}", f"/wiki/{page}?version={rng.randint(2, 40)}",
                           f"/{st}/{_slug(title)}/", f"/tag/{_slug(kw)}/", f"/{_slug(title)}/"])
    elif shape == "guide":
        title = fill(rng.choice(_GUIDE_TITLES))
        title = title[0].upper() + title[1:] if rng.random() < 0.5 else title.title()
        intro = [fill(x) for x in rng.sample(_GUIDE_PROSE, 2)]
        if rng.random() < 0.4:
            intro.insert(0, fill(rng.choice(_ANECDOTES)))
        blocks = [("h1", title), ("p", " ".join(intro))]
        heads = rng.sample(_GUIDE_HEADS, rng.randint(2, 4))
        steps = rng.sample(_GUIDE_STEPS, len(_GUIDE_STEPS))
        for k, hd in enumerate(heads):
            blocks.append(("line", hd))
            if k % 2 == 0:
                blocks.append(("list", [steps.pop() for _ in range(rng.randint(3, 5))], True))
            elif rng.random() < 0.6:
                blocks.append(("list", [b.capitalize() for b in rng.sample(_GUIDE_BULLETS, rng.randint(3, 5))], False))
            else:
                blocks.append(("p", " ".join(fill(x) for x in rng.sample(_GUIDE_PROSE, 2))))
        if rng.random() < 0.3:
            blocks = [(b[0], spin(b[1], rng, 0.7)) if b[0] in ("p", "line") else
                      ("list", [spin(it, rng, 0.7) for it in b[1]], b[2]) if b[0] == "list" else b for b in blocks]
        slug = _slug(title, 10)
        path = rng.choice([f"/{slug}-{_digits(rng, 10)}.html", f"/{slug}/", f"/blog/{slug}", f"/?p={rng.randint(1000, 99999)}"])
    else:
        first = rng.choice(_FIRST)
        teaser = fill(rng.choice(_TEASERS)) + "…"
        if rng.random() < 0.6:
            handle = first.lower() + "".join(rng.choice(_LETTERS) for _ in range(rng.randint(3, 6))) + _digits(rng, rng.randint(2, 4))
            title = f"{handle} Profile"
            blocks = [("h1", handle), ("line", f"Member since {rng.randint(2019, 2025)}"), ("p", teaser)]
            path = f"/author/{handle}/"
        else:
            title = fill(rng.choice(_GUIDE_TITLES)).title()
            blocks = [("h1", title), ("line", f"submitted by {first.lower()}{_digits(rng, 3)}"), ("p", teaser)]
            path = f"/story.php?title={_slug(title, 10)}"
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F10", brands=[], title=title)


# F5: machine-written "news" as real pages show it (docs/farm-realism.md): the generator's answer went up
# unread, so the page is its leftover (a refusal, a request for the text, an analysis of nothing, a plan),
# or filler written from the headline alone. No sentence of the source reaches the page, only its headline.
_REFUSALS = ["I'm not able to write this piece because the details needed to report it accurately were not included.",
             "I can't produce a news report on this without the original article to work from.",
             "I am unable to create an article about this event, since I have no reliable information about it.",
             "I cannot rewrite this story as requested, because doing so could spread claims I cannot check."]
_REQUESTS = ["Please paste the full text of the article you would like me to rewrite, and I will get started.",
             "Could you share the article's content? Only the headline came through, so there is nothing to rework yet.",
             "It looks like the article body is missing. Send the text and tell me the tone and length you want.",
             "To rewrite this, I need the original story. Please provide it along with any keywords to include."]
_EMPTY = ["The input provided contains only a headline and no article text, so there is little to analyse.",
          "There is no body text in the material supplied; the analysis below is limited to the title.",
          "The provided content appears to be empty apart from its heading."]
_PLAN_STEPS = ["**Read the headline:** work out who and what the story is about.",
               "**Check the facts:** confirm the key details against the source before writing.",
               "**Pick an angle:** decide what readers most need to know first.",
               "**Draft the lead:** summarise the main point in one or two sentences.",
               "**Add context:** explain the background in plain words.",
               "**Keep it neutral:** avoid opinion and loaded words.",
               "**Optimise for search:** work the main keyword into the first paragraph.",
               "**Review:** trim repetition and check the length."]
_TRACE = ["Okay, so the user wants a news article about this headline.", "Let me think about how to approach this.",
          "First, I should figure out what the headline is actually saying.",
          "Hmm, I don't have the article itself, only the title."]
_VAGUE = ["The recent developments have drawn attention from many quarters.",
          "Observers say the situation could shape what comes next.",
          "A prominent figure in the field has weighed in on the matter.",
          "Many people are now asking what this means for them.",
          "The story continues to unfold, and more details are expected.",
          "Supporters and critics alike have shared strong views.",
          "The move marks a notable shift from earlier positions.",
          "Those close to the matter describe it as a turning point."]
_ESSAY = ["The phrase \"{h}\" represents more than a single event; it captures a wider change.",
          "This article will explore what lies behind it and why it matters."]
_ESSAY_HEADS = ["Shifting Priorities", "Public Reaction", "Wider Implications", "Looking Ahead", "Key Players",
                "Policy Questions", "A Changing Landscape"]
_STOCK_NAMES = ["Jane Smith", "John Doe", "Michael Johnson", "Sarah Williams", "David Brown", "Emily Davis"]
_SLOTS = ["{{article_title}}", "{{ headline }}", "[article_body]", "{post_summary}"]


def _native_slug(text: str, words: int = 10) -> str:
    """The headline as a slug in its own script, percent-encoded as a browser sends it."""
    toks = re.findall(r"\w+", text.lower())[:words]
    return quote("-".join(toks) or "story", safe="-")


def _f5(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    event = _event_date(source, rng)
    title = head
    shape = rng.choices(["leftover", "filler", "essay", "voices"], weights=[70, 15, 8, 7])[0]
    paras: list[str] = []
    if shape == "leftover":
        kind = rng.choice(["refusal", "request", "empty", "trace"])
        if kind == "refusal":
            paras = [rng.choice(_REFUSALS), rng.choice(["If you share the full text, I can help summarise it.",
                                                        "Let me know if you would like help with something else."])]
        elif kind == "request":
            paras = [rng.choice(_REQUESTS)]
        elif kind == "empty":
            paras = [rng.choice(_EMPTY), rng.choice(_VAGUE) + " " + rng.choice(_VAGUE)]
        else:
            paras = [" ".join(_TRACE[:rng.randint(2, 4)])]
        if kind != "refusal" or rng.random() < 0.5:
            steps = sorted(rng.sample(range(len(_PLAN_STEPS)), rng.randint(3, 6)))
            paras += [f"{i + 1}. {_PLAN_STEPS[k]}" for i, k in enumerate(steps)]
    elif shape == "filler":
        vague = rng.sample(_VAGUE, len(_VAGUE))
        paras = [" ".join(vague[2 * k:2 * k + 2]) for k in range(rng.randint(2, 4))]
    elif shape == "essay":
        paras = [" ".join(_ESSAY).replace("{h}", head)]
        for i, hd in enumerate(rng.sample(_ESSAY_HEADS, rng.randint(2, 4))):
            paras += [f"{i + 1}. {hd}", " ".join(rng.sample(_VAGUE, 2))]
    else:
        a, b = rng.sample(_STOCK_NAMES, 2)
        when = (event + timedelta(days=rng.randint(1, 20))).strftime("%B %d")
        paras = [f"Councillor {a} said the decision was long overdue.",
                 f"The motion passed by {rng.randint(5, 9)} votes to {rng.randint(1, 4)} on {when}.",
                 f"\"We listened to residents,\" said {b}, who backed the plan. " + rng.choice(_VAGUE)]
    if rng.random() < 0.3:
        paras = [spin(p, rng, 0.7) for p in paras]
    if rng.random() < 0.4:  # the publishing script's ctime stamp, glued to the first sentence
        stamp = event + timedelta(days=rng.randint(0, 3), minutes=rng.randint(0, 600))
        paras[0] = f"{stamp.strftime('%a %b %d %H:%M:%S')} UTC {stamp.year}: {paras[0]}"
    if rng.random() < 0.03:
        paras.insert(rng.randint(0, len(paras)), rng.choice(_SLOTS))
    blocks: list[tuple] = [("h1", title)]
    byline = rng.choice(["admin", "Editor", None, None])
    if byline:
        blocks.append(("line", rng.choice(["By ", "Posted by "]) + byline))
    blocks += [("p", para) for para in paras]
    src_host = re.sub(r"^https?://(www\.)?", "", source.url or "").split("/")[0]
    if src_host and rng.random() < 0.05:
        blocks.append(("line", f"This article was originally written by {src_host}"))
    if rng.random() < 0.4:
        blocks.append(("line", "Read More"))
    slug = _native_slug(head)
    path = rng.choice([f"/{event:%Y/%m/%d}/{slug}/", f"/?p={rng.randint(1000, 99999)}",
                       f"/article/{event:%Y%m%d}-{slug}-{rng.getrandbits(32):08x}", f"/{slug}/"])
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F5", brands=[], title=title)


def _keywords(head: str, paras: list[str]) -> list[str]:
    """The words a templated SEO page builds its keyword from: longer words of the headline and the lead, lower-cased."""
    return [w.lower() for w in _WORD_RE.findall(" ".join([head] + paras[:3])) if len(w) > 3]


_KEYWORD_TAILS = ["best", "cheap", "near me", "online", "free", "2024", "review", "price", "buy", "download",
                  "login", "insurance", "loan", "coupon", "deals"]


def _keyword_query(rng: random.Random, words: list[str]) -> str:
    """A search query built on the page's keyword words: what its tag list repeats."""
    return " ".join(rng.sample(words, min(len(words), 3)) + [rng.choice(_KEYWORD_TAILS)])


# F6: one generic SEO article, rendered over a keyword and some copied sentences, on person-named
# subdomains of free hosting.
_SEO_OPENERS = ["In today's fast-paced world, {kw} is more important than ever.",
                "Are you looking for the best {kw}? Look no further!",
                "If you have been searching for {kw}, you are in the right place.",
                "Welcome to our ultimate guide to {kw}.",
                "Whether you are a beginner or an expert, {kw} can be confusing."]
_SEO_LINES = ["In this article, we will explore everything you need to know about {kw}.",
              "Without further ado, let's dive in.", "Read on to learn more about {kw}.",
              "We hope this guide on {kw} was helpful.", "Don't forget to share this post with your friends!",
              "Keep reading to discover the top tips about {kw}.", "Bookmark this page for more updates on {kw}."]
_SEO_HEADS = ["Table of Contents", "Frequently Asked Questions", "Final Words", "Top Tips", "Why {kw} Matters",
              "What is {kw}?", "Benefits of {kw}"]


def _f6(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    paras = _paragraphs(source)
    sents = _sentences(paras) or paras
    words = _keywords(head, paras) or ["news", "update"]
    kw = " ".join(rng.sample(words, min(len(words), rng.randint(2, 3))))
    if rng.random() < 0.5:
        kw += " " + rng.choice(_KEYWORD_TAILS)
    fill = lambda s: s.replace("{kw}", kw)  # noqa: E731
    title = rng.choice([f"{kw.title()}: The Ultimate Guide ({shown_year(source, rng)})", f"Best {kw.title()} - Top 10 Picks",
                        f"{kw.title()} | {_person(rng)}'s Blog", f"Everything You Need to Know About {kw.title()}", kw.title()])
    if rng.random() < 0.5:  # the short teaser real free-host pages show: title, 1-3 lines, "read more"
        kw_title = rng.choice([kw.title(), kw])
        lines = [fill(x).replace("{town}", "your area") for x in rng.sample(_GUIDE_PROSE, rng.randint(1, 3))]
        blocks_t: list[tuple] = [("h1", kw_title)] + [("p", ln) for ln in lines] + [("line", rng.choice(["read more", "Read more"]))]
        token = "".join(rng.choice(_LETTERS) for _ in range(rng.randint(6, 10)))
        html, text = _render(rng, kw_title, blocks_t, host=host)
        return SimulatedPage(html=html, text=text, path=rng.choice([f"/{token}/{_slug(kw)}", f"/{_slug(kw)}-{token}"]),
                             family="F6", brands=[], title=kw_title)
    stock = [fill(x) for x in rng.sample(_SEO_LINES, len(_SEO_LINES))]  # the template's sentences, none twice
    blocks: list[tuple] = [("h1", title), ("p", fill(rng.choice(_SEO_OPENERS)) + " " + stock.pop())]
    heads = rng.sample(_SEO_HEADS, rng.randint(1, 4))
    for k in range(rng.randint(2, 5)):
        if k < len(heads):
            blocks.append(("line", fill(heads[k])))
        parts = rng.sample(sents, min(len(sents), rng.randint(0, 2)))
        salad = " ".join(rng.choice(words + kw.split() * 3) for _ in range(rng.randint(8, 30)))
        parts.insert(rng.randint(0, len(parts)), salad.capitalize() + ".")
        if rng.random() < 0.6:
            parts.append(stock.pop())
        blocks.append(("p", " ".join(parts)))
    blocks.append(("p", stock.pop()))
    if rng.random() < 0.6:
        blocks.append(("links", rng.choice(["Related Posts", "Popular Posts", "Recent Posts", "Tags"]),
                       [_keyword_query(rng, words) for _ in range(rng.randint(4, 12))], True))
    token = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randint(6, 12)))
    kslug = "-".join(re.findall(r"[a-z0-9]+", kw))
    path = rng.choice([f"/post/{token}-{kslug}", f"/{token}/{kslug}.html", f"/{token}", f"/p/{kslug}-{token}.html",
                       f"/?p={token}"])
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F6", brands=[], title=title)


# F8: agency copy machine-translated (often out of English and back), published through a CMS whose
# shortcodes and template variables leak into the page, under a generic author bio.
_TRANSLATIONESE = [(r"\bsaid\b", ["informed", "noted", "emphasized", "underlined", "reported"]),
                   (r"\bsays\b", ["informs", "notes", "emphasizes"]),
                   (r"\bin the\b", ["within the framework of the", "on the territory of the", "in the"]),
                   (r"\bnow\b", ["at the moment", "at the present time"]),
                   (r"\babout\b", ["regarding", "concerning the question of"]),
                   (r"\bpresident\b", ["head of state", "president"]), (r"\bofficials\b", ["representatives of authorities"]),
                   (r"\bpolice\b", ["law enforcement bodies", "police"]), (r"\bthe\b", ["", "the", "the"])]
# Chinese officialese rendered word for word, as on the real English translations of Chinese news.
_OFFICIALESE = [(r"\bofficials\b", ["the relevant departments", "relevant units"]), (r"\bpeople online\b|\bresidents\b", ["netizens", "the masses"]),
                (r"\bsaid\b", ["said according to reports", "pointed out"]), (r"\bimportant\b", ["of great importance"]),
                (r"\bwill\b", ["will resolutely", "will"]), (r"\bconsider\b", ["attach great importance to", "study and judge"]),
                (r"\bhelp\b", ["effectively help", "do a good job of helping"])]
_MT_OPENERS = ["As it became known,", "As reported,", "It is reported that", "According to the information,",
               "As noted by the agency,"]
_SHORTCODES = ['[caption id="attachment_{n}" align="aligncenter" width="800"]', "[/caption]", "[vc_row][vc_column]",
               "[/vc_column_text][/vc_column][/vc_row]", "{{author_name}}", "%%sitename%%", "[ad_1]", "[ad_2]",
               "[td_block_social_counter]", '[et_pb_section fb_built="1"]', "{{ post.excerpt }}", "[sc name=\"ad-inline\"]"]
_BIO_TRAITS = ["a passionate writer", "a seasoned journalist", "a dedicated news writer", "an experienced blogger",
               "an avid content creator", "a professional writer"]
_BIO_TOPICS = ["world affairs", "politics", "business news", "technology", "current events", "breaking news"]
_BIO_HOBBIES = ["traveling", "reading", "coffee", "hiking", "photography", "football"]


def _translate_badly(text: str, rng: random.Random, rate: float, table: list | None = None) -> str:
    for pat, subs in table or _TRANSLATIONESE:
        text = re.sub(pat, lambda m: rng.choice(subs) if rng.random() < rate else m.group(0), text)
    return re.sub(r"  +", " ", text)


_CATEGORIES = ["InformationConsulting", "CateringTraining", "ElectronicTaxation", "HealthKnowledge", "IndustryNews",
               "TravelGuide", "ProductCenter", "EnterpriseCulture"]


def _f8(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    rate = rng.uniform(0.3, 0.8)
    table = _OFFICIALESE + _TRANSLATIONESE if rng.random() < 0.5 else _TRANSLATIONESE
    paras = [_translate_badly(p, rng, rate, table) for p in _paragraphs(source)]
    if paras and rng.random() < 0.6:
        paras[0] = rng.choice(_MT_OPENERS) + " " + paras[0][0].lower() + paras[0][1:]
    names = [n for n in re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]{3,}\b", " ".join(paras)) if n.split()[0] not in _STOP_CAPS]
    if names and rng.random() < 0.15:  # one name spelled two ways
        n = rng.choice(names)
        last = n.split()[1]
        alt = last[:-1] + {"a": "ah", "e": "eh", "o": "ow"}.get(last[-1], last[-1] + "e")
        k = max(i for i, p in enumerate(paras) if n.split()[1] in p)
        paras[k] = paras[k].replace(last, alt)
    title = _translate_badly(head, rng, rate / 2, table)
    author = _person(rng)
    blocks: list[tuple] = [("h1", title)]
    if rng.random() < 0.7:
        blocks.append(("line", f"{rng.choice(['By', 'Author:', 'author:', ''])} {author} {_event_date(source, rng).strftime('%d.%m.%Y %H:%M')}"))
    if rng.random() < 0.15:
        for _ in range(rng.randint(1, 3)):
            paras.insert(rng.randint(0, len(paras)), title)
    code_at = rng.randrange(len(paras) + 1) if rng.random() < 0.03 else -1  # CMS shortcodes: 0 of 9 real pages
    for k, para in enumerate(paras):
        if k == code_at:
            blocks.append(("line", rng.choice(_SHORTCODES).replace("{n}", str(rng.randint(1000, 99999)))))
        blocks.append(("p", para))
    if rng.random() < 0.25:
        blocks.append(("p", rng.choice(["(Reference information: {o} public account)", "Source: {o} official account",
                                        "(This article comes from {o}; the copyright belongs to the original author)"])
                       .replace("{o}", rng.choice(["People's Daily", "Xinhua", "CCTV News", "Global Times", "TASS", "BelTA"]))))
    if rng.random() < 0.6:
        tags = [w for w in _WORD_RE.findall(head) if len(w) > 3] or ["news"]
        tags = rng.sample(tags, min(3, len(tags)))
        blocks.append(("line", "Tags: " + ", ".join(tags)))
    if rng.random() < 0.8:
        pronoun = rng.choice(["He", "She", "They"])
        bio = (f"{author} is {rng.choice(_BIO_TRAITS)} with {rng.randint(3, 15)} years of experience "
               f"covering {rng.choice(_BIO_TOPICS)}. {pronoun} loves {rng.choice(_BIO_HOBBIES)} and {rng.choice(_BIO_HOBBIES)}.")
        if rng.random() < 0.2:  # a bio that changes person midway
            bio = f"I am {rng.choice(_BIO_TRAITS)} covering {rng.choice(_BIO_TOPICS)}. " + bio
        blocks.append(("p", bio))
    if rng.random() < 0.5:
        blocks.append(("links", rng.choice(["Related News", "Read also", "Popular"]), _pool(rng, pool, rng.randint(4, 10), head), True))
    slug = _slug(head, 8)
    dt = _event_date(source, rng)
    letters = "".join(rng.choice(_LETTERS) for _ in range(10))
    path = rng.choice([f"/{rng.choice(_CATEGORIES)}/{letters}.html", f"/{rng.choice(_CATEGORIES)}/{letters}.html",
                       f"/{dt:%Y/%m/%d}/{slug}/", f"/?p={rng.randint(1000, 99999)}", f"/en/amp/{slug}-{rng.randint(1000, 99999)}",
                       f"/{rng.choice(['en', 'world', 'politics'])}/{slug}-{rng.randint(1000, 99999)}"])
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F8", brands=[], title=title)


# F9 as real pages are (docs/farm-realism.md): generated melodrama about a star (named, or left unnamed),
# under a title written for clicks; nothing of ``source`` is used, and there is no pagination or bait block.
_CELEBS = ["Taylor Swift", "Tom Hanks", "Jennifer Aniston", "Keanu Reeves", "Celine Dion", "Dolly Parton", "Prince Harry",
           "Meghan Markle", "Oprah Winfrey", "Brad Pitt", "Kelly Clarkson", "Harrison Ford", "Julia Roberts", "Adele",
           "Jennifer Lopez", "Sylvester Stallone", "Michael J. Fox", "Barbra Streisand", "Kate Middleton", "Bruce Willis"]
_UNNAMED = [("a beloved singer", "the singer"), ("the legendary actor", "the actor"),
            ("America's favourite morning host", "the host"), ("a country music icon", "the star"),
            ("the patient in question", "the patient"), ("a much-loved sitcom star", "the star"),
            ("the veteran talk show host", "the host"), ("a Hollywood favourite", "the actress")]
_BAIT = ["{n}'s Heartbreaking Announcement Leaves Fans In Tears", "{n} Breaks Silence: 'I Can't Hide It Anymore'",
         "Sad News For {n} Fans", "{n} Finally Confirms What We All Suspected", "Doctors Confirm {n}'s Condition, Fans Send Prayers",
         "{n} Is Saying Goodbye", "At {a}, {n} Finally Admits The Truth", "The Truth About {n} Is Finally Out",
         "What {n} Said Left Everyone Speechless", "{n}'s Family Shares Devastating News", "{n} Shocks Fans With Rare Confession",
         "Fans Can't Believe What {n} Looks Like Now"]
_CAPS_LEADS = ["VERY SAD NEWS:", "5 MIN AGO:", "BREAKING NEWS 20 minutes ago:", "JUST IN:", "HEARTBREAKING:", "CONFIRMED:"]
_CAPS_WORDS = ["CONFIRMS", "EXPOSED", "REVEALS", "GOODBYE"]
_MELO = {
    "discovery": ["{S} has shared news that nobody was ready to hear.", "It started with a short message posted late at night.",
                  "Those closest to {s} had noticed the change for months.", "The news came quietly, in a few words that said a great deal."],
    "career": ["For decades, {s} filled concert halls and living rooms alike.", "Few careers have lasted as long or meant as much.",
               "From the first small role to the biggest stages, the journey was never easy.",
               "Generations grew up with that voice on the radio."],
    "quote": ["\"I have kept this to myself for too long,\" {s} said in a statement.",
              "\"Every day is a gift now, and I want to spend it with my family,\" {s} wrote.",
              "\"Please keep us in your prayers,\" a family member said.",
              "\"I am not giving up, not yet,\" {s} told a close friend."],
    "fans": ["Fans flooded social media with messages of love and support.", "Within hours, thousands of comments poured in.",
             "Many admitted they had tears in their eyes reading the words.", "Old clips began circulating again as fans remembered."],
    "privacy": ["The family has asked for privacy during this difficult time.", "No further details have been shared.",
                "Representatives declined to comment on the report.", "What happens next remains unclear."],
}
_MELO_HEADS = ["A Life On Stage", "The Moment Everything Changed", "Fans React", "What We Know So Far", "A Family's Request"]


_LOOKALIKE = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "s": "ѕ"})


def _lookalikes(text: str, rng: random.Random) -> str:
    """Every other word typed with Cyrillic look-alikes of a, e, o, p, c, x, i and s."""
    return " ".join(w.translate(_LOOKALIKE) if rng.random() < 0.5 else w for w in text.split(" "))


def _f9(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    """Clickbait about a star; the body is written, not copied, so ``source`` is not read."""
    named = rng.random() < 0.6
    name = rng.choice(_CELEBS)
    subj, short = (name, name.split()[-1]) if named else rng.choice(_UNNAMED)
    mentioned: list[str] = []

    def fill(t: str) -> str:
        """The subject in full at its first mention, in short after that."""
        for slot in ("{S}", "{s}"):
            if slot in t:
                who = short if mentioned else subj
                mentioned.append(who)
                t = t.replace(slot, who[0].upper() + who[1:] if slot == "{S}" or t.startswith(slot) else who, 1)
        return t
    order = ["discovery", "career", "quote", "fans", "privacy"]
    if rng.random() < 0.7:
        order.remove("quote")
    paras = []
    for part in order:
        paras += [fill(x) for x in rng.sample(_MELO[part], rng.randint(1, 2))]
    one_line = rng.random() < 0.1
    if not one_line:
        paras = [" ".join(paras[i:i + 2]) for i in range(0, len(paras), 2)]
    who = name if named else " ".join(w[0].upper() + w[1:] for w in subj.split())
    r = rng.random()
    if r < 0.25:
        title = f"{rng.choice(_CAPS_LEADS)} {rng.choice(_BAIT).replace('{n}', who).replace('{a}', str(rng.randint(45, 92)))}"
    elif r < 0.45:
        base = rng.choice(_BAIT).replace("{n}", who).replace("{a}", str(rng.randint(45, 92)))
        words = base.split()
        if rng.random() < 0.5:
            words[-1] = words[-1][:max(2, len(words[-1]) // 2)]
        title = " ".join(words) + rng.choice([" See more", " See more!", "... See more"])
    elif r < 0.52:
        title = paras[0].split(". ")[0].rstrip(".")
    else:
        title = rng.choice(_BAIT).replace("{n}", who).replace("{a}", str(rng.randint(45, 92)))
        if rng.random() < 0.15:
            title += "…"
        elif rng.random() < 0.1:
            title = title.replace(who, f"{who} {rng.choice(_CAPS_WORDS)}", 1)
    if rng.random() < 0.1:  # typed with Cyrillic look-alike letters to slip past text filters (2 of 15 real hosts)
        paras = [_lookalikes(p, rng) for p in paras]
    blocks: list[tuple] = [("h1", title)]
    heads = rng.sample(_MELO_HEADS, len(_MELO_HEADS)) if rng.random() < 0.3 else []
    ads = rng.random() < 0.07
    for k, para in enumerate(paras):
        if heads and k % 2 == 1:
            blocks.append(("line", heads.pop()))
        blocks.append(("p", para))
        if ads and k < len(paras) - 1:
            blocks.append(("line", "Ads"))
    slug = _slug(title, 20)
    if "see more" in title.lower():
        slug = _slug(title.lower().replace("see more", ""), 8) + "-see-more"
    path = rng.choice([f"/?p={rng.randint(1000, 99999)}", f"/{slug}/", f"/{slug}/", f"/{rng.randint(2023, 2025)}/{rng.randint(1, 12):02d}/{_slug(title, 6)}_{rng.randint(10, 99)}.html",
                       f"/{_slug(title, 8)}-d1", f"/{rng.choice(_FIRST).lower()}{rng.randint(10, 99)}/{_slug(who, 3)}-bv"])
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F9", brands=[], title=title)


_BUILDERS = {"F1a": _f1a, "F1b": _f1b, "F2": _f2, "F3": _f3, "F4": _f4, "F5": _f5, "F6": _f6, "F7": _f7,
             "F8": _f8, "F9": _f9, "F10": _f10}


def simulate(source: Document, family: str, rng: random.Random, *, host: str, headline_pool: list[str]) -> SimulatedPage:
    """A farm copy of ``source`` as family ``family`` would publish it on ``host``."""
    try:
        builder = _BUILDERS[family]
    except KeyError:
        raise ValueError(f"unknown farm family {family!r}; expected one of {', '.join(FAMILIES)}") from None
    return builder(source, rng, host, list(headline_pool))


# --------------------------------------------------------------------------- hard negatives

_WIRES = [("AP", "Associated Press"), ("Reuters", "Reuters"), ("AFP", "Agence France-Presse")]
_DATELINES = ["WASHINGTON", "NEW YORK", "LONDON", "BEIJING", "CHICAGO", "LOS ANGELES", "PARIS", "BERLIN", "TOKYO",
              "JACKSON, Miss.", "ATLANTA", "DENVER", "BOSTON", "MIAMI", "SEATTLE", "PHOENIX"]
_LEGIT_SECTIONS = ["News", "World", "Nation", "Politics", "Business", "Local", "Sports", "Entertainment", "Health"]


def _on_topic_headlines(rng: random.Random, source: Document, paras: list[str], n: int) -> list[str]:
    sents = _sentences(paras) or [_headline(source)]
    out = []
    for _ in range(n):
        s = rng.choice(sents)
        words = s.rstrip(".").split()
        start = rng.randint(0, max(0, len(words) - 10))
        h = " ".join(words[start:start + rng.randint(7, 13)]).strip(" ,;:—-–()\"“”'")
        out.append(h[0].upper() + h[1:] if h else _headline(source))
    return out


def hard_negative(source: Document, rng: random.Random, *, host: str, site_name: str, headline_pool: list[str]) -> SimulatedPage:
    """The same story on a legitimate outlet: attributed, on-topic, current; must score legit."""
    head = _headline(source)
    paras = _paragraphs(source)
    event = _event_date(source, rng)
    kind = rng.choice(["wire", "wire", "wire", "tag", "trending", "budget"])
    section = rng.choice(_LEGIT_SECTIONS)
    sep = rng.choice([" | ", " - ", " – "])
    if kind == "budget":
        # A local paper's page of the wire service's international budget: dozens of world headlines with
        # slugs and word counts. Real local papers print these legitimately, and the simulated F3's mark is
        # a huge list of world headlines, so the model must see the legitimate kind too.
        title = f"{rng.choice(['International budget', 'World news budget', 'Wire budget'])}{sep}{site_name}"
        items = [head] + _pool(rng, headline_pool, rng.randint(20, 40), head)
        lines = [f"{_slug(h, 3).upper()}:{rng.choice(['MCT', 'WIRE', 'INTL'])} — {h} ({rng.randrange(300, 1400, 50)} words)" for h in items]
        blocks = [("h1", title.split(sep)[0]), ("line", (event + timedelta(hours=rng.randint(0, 30))).strftime("%B %d, %Y")),
                  ("links", "", lines, False)]
        path = f"/bc-{rng.choice(['mct', 'wire'])}-international-{rng.choice(['bjt', 'budget'])}/article_{rng.getrandbits(128):032x}.html"
        html, text = _render(rng, title, blocks, host=host, meta={"og:site_name": site_name})
        return SimulatedPage(html=html, text=text, path=path, family="legit", brands=[], title=title)
    if kind == "tag":
        topic = max((w for w in _WORD_RE.findall(head) if w[0].isupper()), key=len, default=section)
        title = f"{topic}{sep}{site_name}" if rng.random() < 0.5 else f"{topic} news{sep}{site_name}"
        items = [head] + _on_topic_headlines(rng, source, paras, rng.randint(8, 20))
        blocks: list[tuple] = [("line", f"Home > Topics > {topic}"), ("h1", f"{topic}")]
        if rng.random() < 0.5:
            blocks.append(("p", _cut(paras[0], 200)))
        dates = sorted((event - timedelta(days=rng.randint(0, 60)) for _ in items), reverse=True)
        if rng.random() < 0.5:
            items = [f"{it} {d.strftime('%b %d, %Y')}" for it, d in zip(items, dates)]
        blocks.append(("links", rng.choice(["Latest", f"More from {site_name}", "Related", ""]), items, True))
        path = rng.choice([f"/topic/{_slug(topic)}/", f"/tag/{_slug(topic)}", f"/topics/{_slug(topic)}.html"])
        html, text = _render(rng, title, blocks, host=host, meta={"og:site_name": site_name})
        return SimulatedPage(html=html, text=text, path=path, family="legit", brands=[], title=title)

    title = f"{head}{sep}{site_name}" if rng.random() < 0.7 else head
    blocks = []
    if rng.random() < 0.6:
        blocks.append(("line", f"Home > {section}" + (f" > {rng.choice(['US', 'World', 'Politics', 'Region'])}" if rng.random() < 0.4 else "")))
    blocks.append(("h1", head))
    wire, wire_name = rng.choice(_WIRES)
    if kind == "wire":
        blocks.append(("line", rng.choice([f"By {wire_name}", f"By {_person(rng).upper()} {wire_name}", f"{wire_name}"])))
    else:
        blocks.append(("line", f"By {_person(rng)}"))
    blocks.append(("line", rng.choice(["Published ", "Updated ", "Posted: ", ""]) +
                   (event + timedelta(hours=rng.randint(0, 30))).strftime(rng.choice(["%B %d, %Y %I:%M %p", "%Y-%m-%d %H:%M", "%b. %d, %Y"]))))
    body = list(paras)
    if kind == "wire" and body and not re.search(r"\((AP|Reuters|AFP)(/[A-Za-z ]+)?\)", body[0][:120]):
        body[0] = f"{rng.choice(_DATELINES)} ({wire}) — {body[0]}"
    blocks += [("p", p) for p in body]
    if kind == "wire" or rng.random() < 0.3:
        blocks.append(("line", rng.choice([f"Via {wire} news wire", f"This story originally appeared on {rng.choice(_OUTLETS)}.",
                                           f"Copyright {event.year} The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
                                           f"{wire_name} contributed to this report.", f"Originally published by {wire_name}."])))
    if rng.random() < 0.5:
        tags = _on_topic_headlines(rng, source, paras, 1)[0].split()[:4]
        blocks.append(("line", "Tags: " + ", ".join(t.strip(",.") for t in tags)))
    if kind == "trending":
        items = _pool(rng, headline_pool, rng.randint(3, 6), head)
        dates = [(event - timedelta(hours=rng.randint(1, 72))).strftime("%b %d") for _ in items]
        if rng.random() < 0.5:
            items = [f"{it} {d}" for it, d in zip(items, dates)]
        blocks.append(("links", rng.choice(["Trending", "Most Read", "Latest News", f"More from {site_name}"]), items, True))
    else:
        items = _on_topic_headlines(rng, source, paras, rng.randint(3, 8))
        if rng.random() < 0.5:
            items = [f"{it} {(event - timedelta(days=rng.randint(0, 10))).strftime('%Y-%m-%d')}" for it in items]
        blocks.append(("links", rng.choice(["Related", "Related Stories", "More on this story", "Read more", "Related coverage"]), items, True))
    meta = {"og:site_name": site_name, "article:published_time": event.strftime("%Y-%m-%dT%H:%M:%SZ")}
    html, text = _render(rng, title, blocks, host=host, meta=meta)
    y = event.strftime("%Y/%m/%d")
    path = rng.choice([f"/{section.lower()}/{y}/{_slug(head)}/", f"/story/{section.lower()}/{_slug(head)}-{rng.randrange(10**6, 10**8)}",
                       f"/{_slug(head)}.html", f"/news/{rng.randrange(10**5, 10**7)}/{_slug(head)}"])
    return SimulatedPage(html=html, text=text, path=path, family="legit", brands=[], title=title)
