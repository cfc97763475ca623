"""Turn a legitimate article into a content-farm copy, family by family.

Real farm pages are scarce and cannot be redistributed, so the detector is trained on farm copies
made here from real legitimate pages, the way the operators in ``../shared/docs/farm-families.md``
make them. Every choice (brand, template, markup, block headings, dates, glitches) is drawn from
``rng`` so that the model learns the *marks* of farming, never one template. The same copy is
rendered as HTML and as reader text because analysts classify saved text too.

:func:`hard_negative` makes the traps: the same story republished *legitimately* (attributed
wire copy, on-topic related blocks, fitting breadcrumbs, tag pages), which must not be flagged.
:func:`with_canonical` gives a rendering the canonical link most real pages carry.
"""

from __future__ import annotations

import hashlib
import html as _html
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import quote_plus

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


def make_brand(rng: random.Random, kind: str = "any") -> str:
    """An invented brand: ``camel`` (NextGenWealth), ``multi`` (Elevate Capital Network), ``prefix``."""
    if kind == "any":
        kind = rng.choice(["camel", "multi", "prefix"])
    if kind == "camel":
        return _camel(rng)
    if kind == "multi":
        first = rng.choice(_MULTI_A) if rng.random() < 0.6 else _camel(rng)
        return f"{first} {rng.choice(_MULTI_B)} {rng.choice(_MULTI_C)}"
    return f"{_camel(rng)} {rng.choice(_PREFIX_TAIL)}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def person_handle(rng: random.Random) -> str:
    """A person's name as a host label ("emilyclark", "ryan-scott"), as free-hosting farms register them."""
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

def _glue_brand(rng: random.Random, paras: list[str], brand: str) -> list[str]:
    """Wedge the brand into the body with no space: after a dateline comma or mid-sentence."""
    paras = list(paras)
    if not paras:
        return paras
    first = paras[0]
    m = re.match(r"^([A-Z][A-Za-z .'-]{2,30}),\s+", first)
    if m and rng.random() < 0.6:
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


def _quote_swap(text: str, rng: random.Random) -> str:
    style = rng.choice(["straight", "curly", "prime", "backtick"])
    if style == "straight":
        return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    if style == "curly":
        return re.sub(r'"([^"]{1,200})"', r"“\1”", text).replace("'", "’")
    if style == "prime":
        return text.replace("“", "″").replace("”", "″").replace('"', "″").replace("’", "′")
    return text.replace("“", "``").replace("”", "''")


def _double_letter(title: str, rng: random.Random) -> str:
    words = title.split()
    cands = [i for i, w in enumerate(words) if len(w) >= 3 and w.isalpha()]
    for i in rng.sample(cands, min(len(cands), rng.randint(1, 2))):
        w = words[i]
        j = rng.randrange(1, len(w))
        words[i] = w[:j] + w[j - 1] + w[j:]
    return " ".join(words)


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
    use_prefix = rng.random() < 0.6
    brands = ([prefix] if use_prefix else []) + [suffix]
    sep = rng.choice([":", ":", "-"])
    h1 = f"{prefix}{sep}{head}" if use_prefix else head
    title = f"{h1} -{suffix}"
    section = rng.choice(_UNRELATED_SECTIONS)
    event = _event_date(source, rng)
    shown = event + timedelta(days=rng.randint(210, 400), seconds=rng.randrange(86400))
    view = rng.choice([make_brand(rng, "prefix") + " View", _person(rng) + " View", "View", suffix + " View"])
    if use_prefix and rng.random() < 0.8:
        paras = _glue_brand(rng, paras, prefix)
    blocks: list[tuple] = [("h1", h1), ("line", view), ("line", f"Date:{_stamp(shown)}")]
    blocks += [("p", p) for p in paras]
    blocks.append(("line", f"{rng.choice(['veryGood!', 'veryGood!', 'Good!'])} ({rng.randint(1, 999)})"))
    headings = rng.sample(["Related", "Ranking", "Recommendation", "Hot News", "Popular"], rng.randint(2, 3))
    if rng.random() < 0.6:
        headings = ["Related", "Ranking", "Recommendation"][: rng.randint(2, 3)]
    for i, hd in enumerate(headings):
        items = _pool(rng, pool, rng.randint(7, 11), head)
        if rng.random() < 0.3:
            items = [f"{it} {d}" for it, d in zip(items, _year_span_dates(rng, len(items), shown))]
        blocks.append(("links", hd, items, i < len(headings) - 1 or rng.random() < 0.5))
    first_line = f"Current:Home > {section}{title}" if rng.random() < 0.9 else title
    crumb = f'<div class="position">Current:<a href="/">Home</a> &gt; <a href="/{section.lower()}/">{section}</a></div>'
    html, text = _render(rng, title, [("raw", crumb, "")] + blocks, host=host, first_line=first_line)
    return SimulatedPage(html=html, text=text, path=_id_path(rng), family="F1a", brands=brands, title=title)


def _f1b(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    paras = _paragraphs(source)
    brand = make_brand(rng, rng.choice(["camel", "multi", "prefix"]))
    title = f"{brand}{rng.choice([':', '|', ':', ' | '])}{head}"
    event = _event_date(source, rng)
    shown = event + timedelta(days=rng.randint(60, 500), seconds=rng.randrange(86400))
    cat = rng.choice(["News", "Finance", "Stock", "Market", "Tech", "World"])
    blocks: list[tuple] = [("h1", title if rng.random() < 0.5 else head),
                           ("line", f"{_stamp(shown)}source:{brand}category:{cat}")]
    if rng.random() < 0.4:
        paras = _glue_brand(rng, paras, brand)
    blocks += [("p", p) for p in paras]
    blocks.append(("line", f"More:{rng.choice(['News', 'Finance', 'Hot', 'Market', cat])}"))
    teasers = []
    for h in _pool(rng, pool, rng.randint(6, 12), head):
        t = h + " " + rng.choice(paras[:3])
        teasers.append(_cut(t, rng.randint(85, 115)) + rng.choice(["...", "…", ""]))
    blocks.append(("links", rng.choice(["Recommend", "Recommended", "Recommend"]), teasers, rng.random() < 0.5))
    if rng.random() < 0.6:
        lst = [f"{d} {rng.randint(100, 9999)} view" for d in _year_span_dates(rng, rng.randint(4, 8), shown)]
        blocks.append(("links", "", lst, False))
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=_id_path(rng), family="F1b", brands=[brand], title=title)


_OUTLETS = ["Reuters", "AP News", "CNN", "Fox News", "NBC News", "USA TODAY", "The Hill", "Newsweek", "Yahoo News",
            "CBS News", "ABC News", "Bloomberg", "The Guardian", "Al Jazeera", "Politico", "Axios", "NPR",
            "The Independent", "New York Post", "Daily Mail", "BBC", "Forbes", "CNBC", "Business Insider"]


def _f2(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    sents = _sentences(_paragraphs(source)) or [head]
    words = [w for w in _WORD_RE.findall(head) if len(w) > 3]
    query = " ".join(rng.sample(words, min(len(words), rng.randint(2, 4)))) or head[:30]
    form = rng.choice(["HDRSC6", "HDRSC7", "QBNH", "NWRFSH", "PORTAL", "HDRSC1"])
    path = f"/news/search?q={quote_plus(query)}&FORM={form}"
    if rng.random() < 0.5:
        path += "&qft=interval%3d%22" + str(rng.choice([4, 7, 8, 9])) + "%22"
    title = rng.choice([f"{query} - Search News", f"{query} - Bing News", f"News: {query}", query])
    n = rng.randint(3, 15)
    outlets = rng.sample(_OUTLETS, min(n, len(_OUTLETS)))
    others = _pool(rng, pool, n, head)
    blocks: list[tuple] = []
    if rng.random() < 0.7:
        blocks.append(("line", rng.choice(["All", "News", "Top stories"]) + " " + rng.choice(["Past 24 hours", "Past week", "Any time", "Most recent"])))
    for i in range(n):
        outlet = outlets[i % len(outlets)]
        age = rng.choice([f"{rng.randint(1, 23)}h", f"{rng.randint(1, 6)}d", f"{rng.randint(5, 59)}m"])
        msn = rng.random() < 0.5
        hl = head if i == 0 else (others[i] if rng.random() < 0.5 else _cut(rng.choice(sents), 90))
        snip = _cut(" ".join(rng.sample(sents, min(2, len(sents)))), rng.randint(120, 220)) + " ..."
        if rng.random() < 0.5:
            blocks.append(("line", f"{outlet} on MSN" if msn else outlet))
            blocks.append(("line", f"{age}on MSN" if msn else age))
        else:
            blocks.append(("line", f"{outlet}{' on MSN' if msn else ''} · {age}"))
        blocks.append(("line", hl))
        blocks.append(("p" if rng.random() < 0.5 else "line", snip))
        if rng.random() < 0.4:
            blocks.append(("line", "Digest more"))
    if not any(b[1] == "Digest more" for b in blocks):
        blocks.append(("line", "Digest more"))
    if rng.random() < 0.5:
        blocks.append(("links", "Related searches", [f"{query} {w}" for w in rng.sample(["news", "today", "latest", "live updates", "video", "analysis", "2024", "reaction"], 4)], True))
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F2", brands=[], title=title)


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


def spin(text: str, rng: random.Random, rate: float) -> str:
    for src, subs in _SPIN_PHRASES.items():
        if src in text and rng.random() < 0.9:
            text = text.replace(src, rng.choice(subs))

    def sub(m: re.Match) -> str:
        w = m.group(0)
        subs = _SPIN_WORDS.get(w.lower())
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
    outlet = rng.choice(["cnn", "ap", "reuters", "nytimes", "foxnews", "bbc", "usatoday", "cbsnews", "nbcnews"])
    slug = _slug(head, 10)
    path = rng.choice([f"/{slug}-2/", f"/{outlet}-{slug}/", f"/{shown_year(source, rng)}/{rng.randint(1, 12):02d}/{slug}-2/",
                       f"/{slug}-{outlet}.html"])
    blocks: list[tuple] = [("h1", title)]
    if rng.random() < 0.6:
        blocks.append(("line", f"{rng.choice(['Posted by', 'By'])} {rng.choice(['admin', 'editor', 'newsdesk', _person(rng)])}"
                               f" {rng.choice(['on', '·', ''])} {_event_date(source, rng).strftime('%B %d, %Y')}"))
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


def _f7(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    paras = [_quote_swap(p, rng) for p in _paragraphs(source)]
    title = _double_letter(head, rng) if rng.random() < 0.6 else _quote_swap(head, rng)
    digest = hashlib.md5(f"{head}{rng.random()}".encode()).hexdigest()
    outlet = rng.choice(["nytimes", "wsj", "washingtonpost", "cnn", "bloomberg", "reuters", "theguardian"])
    path = rng.choice([f"/{digest}/", f"/{digest}.html", f"/blog/{digest[:rng.randint(8, 32)]}", f"/{outlet}-{_slug(head, 6)}/",
                       f"/news/{outlet}/{digest}"])
    blocks: list[tuple] = [("h1", title)]
    junk = ["Advertisement", "SKIP ADVERTISEMENT", "Advertisement\nSKIP ADVERTISEMENT", "[embedded content]",
            "Supported by", "Share full article", "Continue reading the main story"]
    for p in paras:
        if rng.random() < 0.25:
            j = rng.choice(junk)
            for part in j.split("\n"):
                blocks.append(("line", part))
        blocks.append(("p", p))
    if not any(b[1] in ("Advertisement", "SKIP ADVERTISEMENT", "[embedded content]") for b in blocks):
        blocks.insert(rng.randint(1, len(blocks)), ("line", rng.choice(["SKIP ADVERTISEMENT", "[embedded content]", "Advertisement"])))
    if rng.random() < 0.3:
        tick = rng.sample(["AAPL", "MSFT", "GOOGL", "AMZN", "TSLA", "NVDA", "META", "JPM", "XOM"], 3)
        blocks.insert(2, ("line", " ".join(f"{t} {rng.uniform(-4, 4):+.2f}%" for t in tick)))
    blocks.append(("line", rng.choice(["Read the original article here", "Read the original article here.",
                                       f"Read the original article on {outlet}", "Source: " + outlet + ".com"])))
    if rng.random() < 0.5:
        blocks.append(("links", rng.choice(["Related Posts", "Recent Posts", "Shop Now"]),
                       _pool(rng, pool, rng.randint(3, 8), head), True))
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F7", brands=[], title=title)


def _keywords(head: str, paras: list[str]) -> list[str]:
    """The words a keyword farm builds its keyword from: longer words of the headline and the lead, lower-cased."""
    return [w.lower() for w in _WORD_RE.findall(" ".join([head] + paras[:3])) if len(w) > 3]


_KEYWORD_TAILS = ["best", "cheap", "near me", "online", "free", "2024", "review", "price", "buy", "download", "hd",
                  "login", "insurance", "loan", "casino", "coupon", "deals", "pdf", "full movie", "net worth"]


def _keyword_query(rng: random.Random, words: list[str]) -> str:
    """A search query built on a keyword farm's words ("deepmind servers inventory pdf"): what its link lists repeat."""
    return " ".join(rng.sample(words, min(len(words), 3)) + [rng.choice(_KEYWORD_TAILS)])


def _f10(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    words = _keywords(head, _paragraphs(source))
    kw_words = rng.sample(words, min(len(words), rng.randint(2, 3))) + rng.sample(_KEYWORD_TAILS, rng.randint(1, 2))
    rng.shuffle(kw_words)
    keyword = " ".join(kw_words)
    kslug = "-".join(re.findall(r"[a-z0-9]+", keyword))
    path = rng.choice([f"/{kslug}", f"/{kslug}.html", f"/?{kslug}", f"/k/{kslug}/", f"/{kslug}/"])
    title = rng.choice([keyword.title(), f"{keyword.title()} - {host.split('.')[0].title()}", f"{keyword} | {rng.choice(_KEYWORD_TAILS)}"])
    salad_words = words + kw_words * 3 + rng.sample(_KEYWORD_TAILS, 4)
    salad = " ".join(rng.choice(salad_words) for _ in range(rng.randint(15, 60)))
    style = rng.choice(["shell", "linkfarm", "salad"])
    blocks: list[tuple] = [("h1", keyword.title())]
    if style in ("shell", "linkfarm"):
        blocks.append(("p", salad[:rng.randint(60, 250)]))
    else:
        for _ in range(rng.randint(2, 5)):
            blocks.append(("p", " ".join(rng.choice(salad_words) for _ in range(rng.randint(30, 80))).capitalize() + "."))
    nlinks = rng.randint(8, 40) if style != "salad" else rng.randint(3, 10)
    links = []
    for _ in range(nlinks):
        if rng.random() < 0.5:
            links.append(_keyword_query(rng, words))
        else:
            links.append(rng.choice(pool) if pool else " ".join(rng.sample(salad_words, 4)))
    blocks.append(("links", rng.choice(["Related searches", "Popular", "Hot keywords", "Recent Posts", "Tags", "More"]), links, True))
    if style == "linkfarm" and rng.random() < 0.7:
        blocks.append(("links", rng.choice(["Latest", "Trending", "See also"]), _pool(rng, pool, rng.randint(10, 25), head), True))
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F10", brands=[], title=title)


# F5: machine-written "news": a real story retold by a text generator whose output went up unread.
_SCAFFOLD_HEADS = ["Introduction:", "Background:", "Key Points:", "Analysis:", "Conclusion:", "Summary:",
                   "What Happened:", "Why It Matters:", "Reactions:", "Final Thoughts:"]
_PLACEHOLDERS = ["(needs verification)", "[citation needed]", "[insert quote here]", "(source needed)", "[Expert Name]",
                 "(confirm figure)", "[add link]", "(add details)", "[City]", "(TBD)", "[insert statistic]"]
_AI_LEFTOVERS = ["As an AI language model, I cannot verify events after my knowledge cutoff.",
                 "Note: details in this article may need to be checked against the latest reports.",
                 "Certainly! Here is a news article based on the headline you provided.",
                 "I hope this article meets your requirements.",
                 "Sure, here is a rewritten version of the article:"]
_GEN_FILLER = ["In today's rapidly evolving landscape, this development has sparked widespread discussion.",
               "It is important to note that the situation remains fluid.",
               "Experts believe this could have far-reaching implications for the future.",
               "Only time will tell how this story unfolds.", "Stay tuned for more updates as the story develops.",
               "This marks a significant milestone in an ongoing saga.",
               "The news has sent shockwaves through the community."]
_EXPERT_ORGS = ["Institute for Policy Research", "Global Analytics Center", "Center for Strategic Insight",
                "National Council of Economic Experts", "University of Westbridge", "Future Trends Institute"]
_EXPERT_ROLES = ["a leading expert", "a senior analyst", "a renowned specialist", "a respected commentator"]


def _impossible_date(rng: random.Random, around: datetime) -> str:
    year = around.year + rng.choice([0, 0, 3, 5, 7])
    month, day = rng.choice([("February", 30), ("February", 31), ("April", 31), ("June", 31), ("September", 31),
                             ("November", 31), ("February", 29 if year % 4 else 30)])
    return f"{month} {day}, {year}"


def _f5(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    sents = _sentences(_paragraphs(source)) or _paragraphs(source)
    title = rng.choice([head, f"{head}: What You Need to Know", f"{head} - Everything We Know So Far",
                        f"Breaking: {head}", f"Title: {head}"])
    picked = sents[:rng.randint(4, 10)]
    blocks: list[tuple] = [("h1", title)]
    if rng.random() < 0.7:
        blocks.append(("line", rng.choice(["Published ", "Updated ", ""]) + _impossible_date(rng, _event_date(source, rng))))
    if rng.random() < 0.25:
        blocks.append(("line", rng.choice(_AI_LEFTOVERS)))
    heads = rng.sample(_SCAFFOLD_HEADS, rng.randint(2, 4)) if rng.random() < 0.6 else []
    paras: list[str] = []
    for k in range(0, len(picked), 2):
        para = " ".join(picked[k:k + 2])
        if rng.random() < 0.35:
            para += " " + rng.choice(_PLACEHOLDERS)
        if rng.random() < 0.3:
            para = rng.choice(_GEN_FILLER) + " " + para
        paras.append(para)
    if rng.random() < 0.7:
        paras.insert(rng.randint(1, max(1, len(paras))),
                     f'"This is a pivotal moment," said Dr. {_person(rng)}, {rng.choice(_EXPERT_ROLES)} at the '
                     f'{rng.choice(_EXPERT_ORGS)}. "We estimate that {rng.randint(12, 97)}% of those affected will feel '
                     f'the impact within {rng.randint(2, 18)} months."')
    if not heads and not any(p in " ".join(paras) for p in _PLACEHOLDERS):
        paras[rng.randrange(len(paras))] += " " + rng.choice(_PLACEHOLDERS)
    for k, para in enumerate(paras):
        if heads and k < len(heads) and (k == 0 or rng.random() < 0.7):
            blocks.append(("line", heads[k]))
        blocks.append(("p", para))
    if heads or rng.random() < 0.5:
        blocks.append(("line", "Conclusion:" if "Conclusion:" not in heads else "Final Thoughts:"))
        filler = rng.choice(_GEN_FILLER)
        blocks.append(("p", "In conclusion, " + filler[0].lower() + filler[1:]))
    if rng.random() < 0.3:
        blocks.append(("line", "Meta description: " + _cut(" ".join(picked[:1]), 150)))
    if rng.random() < 0.4:
        blocks.append(("links", rng.choice(["Latest News", "Trending Now", "More Stories"]),
                       _pool(rng, pool, rng.randint(4, 10), head), True))
    slug = _slug(head, 8)
    path = rng.choice([f"/{slug}/", f"/news/{slug}.html", f"/{shown_year(source, rng) + rng.randint(0, 6)}/{slug}/",
                       f"/blog/{slug}-{rng.randint(100, 9999)}"])
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F5", brands=[], title=title)


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
_MT_OPENERS = ["As it became known,", "As reported,", "It is reported that", "According to the information,",
               "As noted by the agency,"]
_SHORTCODES = ['[caption id="attachment_{n}" align="aligncenter" width="800"]', "[/caption]", "[vc_row][vc_column]",
               "[/vc_column_text][/vc_column][/vc_row]", "{{author_name}}", "%%sitename%%", "[ad_1]", "[ad_2]",
               "[td_block_social_counter]", '[et_pb_section fb_built="1"]', "{{ post.excerpt }}", "[sc name=\"ad-inline\"]"]
_BIO_TRAITS = ["a passionate writer", "a seasoned journalist", "a dedicated news writer", "an experienced blogger",
               "an avid content creator", "a professional writer"]
_BIO_TOPICS = ["world affairs", "politics", "business news", "technology", "current events", "breaking news"]
_BIO_HOBBIES = ["traveling", "reading", "coffee", "hiking", "photography", "football"]


def _translate_badly(text: str, rng: random.Random, rate: float) -> str:
    for pat, subs in _TRANSLATIONESE:
        text = re.sub(pat, lambda m: rng.choice(subs) if rng.random() < rate else m.group(0), text)
    return re.sub(r"  +", " ", text)


def _f8(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    rate = rng.uniform(0.3, 0.8)
    paras = [_translate_badly(p, rng, rate) for p in _paragraphs(source)]
    if paras and rng.random() < 0.6:
        paras[0] = rng.choice(_MT_OPENERS) + " " + paras[0][0].lower() + paras[0][1:]
    title = _translate_badly(head, rng, rate / 2)
    author = _person(rng)
    blocks: list[tuple] = [("h1", title)]
    if rng.random() < 0.7:
        blocks.append(("line", f"{rng.choice(['By', 'Author:', ''])} {author} {_event_date(source, rng).strftime('%d.%m.%Y %H:%M')}"))
    codes = rng.sample(_SHORTCODES, rng.randint(1, 3))
    at = sorted(rng.sample(range(len(paras) + 1), min(len(codes), len(paras) + 1)))
    for k, para in enumerate(paras):
        if k in at:
            blocks.append(("line", codes[at.index(k)].replace("{n}", str(rng.randint(1000, 99999)))))
        blocks.append(("p", para))
    if len(paras) in at:
        blocks.append(("line", codes[at.index(len(paras))].replace("{n}", str(rng.randint(1000, 99999)))))
    if rng.random() < 0.6:
        tags = [w for w in _WORD_RE.findall(head) if len(w) > 3] or ["news"]
        tags = rng.sample(tags, min(3, len(tags)))
        blocks.append(("line", "Tags: " + ", ".join(tags)))
    if rng.random() < 0.8:
        pronoun = rng.choice(["He", "She", "They"])
        blocks.append(("p", f"{author} is {rng.choice(_BIO_TRAITS)} with {rng.randint(3, 15)} years of experience "
                            f"covering {rng.choice(_BIO_TOPICS)}. {pronoun} loves {rng.choice(_BIO_HOBBIES)}"
                            f" and {rng.choice(_BIO_HOBBIES)}."))
    if rng.random() < 0.5:
        blocks.append(("links", rng.choice(["Related News", "Read also", "Popular"]), _pool(rng, pool, rng.randint(4, 10), head), True))
    slug = _slug(head, 8)
    dt = _event_date(source, rng)
    path = rng.choice([f"/{dt:%Y/%m/%d}/{slug}/", f"/?p={rng.randint(1000, 99999)}", f"/news/{slug}.html",
                       f"/{rng.choice(['en', 'world', 'politics'])}/{slug}-{rng.randint(1000, 99999)}"])
    html, text = _render(rng, title, blocks, host=host)
    return SimulatedPage(html=html, text=text, path=path, family="F8", brands=[], title=title)


# F9: a celebrity headline written for clicks over a body that does not back it: copied agency text
# about something else, cut into pages.
_CELEBS = ["Taylor Swift", "Tom Hanks", "Jennifer Aniston", "Keanu Reeves", "Celine Dion", "Dolly Parton", "Prince Harry",
           "Meghan Markle", "Oprah Winfrey", "Brad Pitt", "Kelly Clarkson", "Harrison Ford", "Julia Roberts", "Adele",
           "Jennifer Lopez", "Sylvester Stallone", "Michael J. Fox", "Barbra Streisand", "Kate Middleton", "Bruce Willis"]
_BAIT = ["{n}'s Heartbreaking Announcement Leaves Fans In Tears", "{n} Breaks Silence: 'I Can't Hide It Anymore'",
         "Sad News For {n} Fans", "{n} Finally Confirms What We All Suspected", "Doctors Confirm {n}'s Condition, Fans Send Prayers",
         "{n} Is Saying Goodbye", "At {a}, {n} Finally Admits The Truth", "The Truth About {n} Is Finally Out",
         "What {n} Said Left Everyone Speechless", "{n}'s Family Shares Devastating News", "{n} Shocks Fans With Rare Confession",
         "Fans Can't Believe What {n} Looks Like Now"]
_BAIT_LINES = ["Continue reading on the next page", "Next Page »", "Click NEXT to continue", "Scroll down for more",
               "Page 1 of {k}", "Keep reading below", "Story continues on next page"]


def _f9(source: Document, rng: random.Random, host: str, pool: list[str]) -> SimulatedPage:
    head = _headline(source)
    paras = _paragraphs(source)
    name = rng.choice(_CELEBS)
    title = rng.choice(_BAIT).replace("{n}", name).replace("{a}", str(rng.randint(45, 92)))
    blocks: list[tuple] = [("h1", title)]
    if rng.random() < 0.6:
        blocks.append(("p", rng.choice([f"{name} has been in the spotlight for decades.",
                                        f"Fans of {name} were stunned when the news broke.",
                                        f"It is a day nobody expected, least of all {name}'s fans."])))
    keep = paras[:rng.randint(2, 6)]
    for k, para in enumerate(keep):
        blocks.append(("p", para))
        if k == len(keep) // 2 and rng.random() < 0.5:
            blocks.append(("line", "Advertisement" if rng.random() < 0.2 else rng.choice(_BAIT_LINES).replace("{k}", str(rng.randint(3, 12)))))
    blocks.append(("line", rng.choice(_BAIT_LINES).replace("{k}", str(rng.randint(3, 12)))))
    if rng.random() < 0.7:
        blocks.append(("links", rng.choice(["You May Like", "Trending", "Recommended For You", "Sponsored"]),
                       [rng.choice(_BAIT).replace("{n}", rng.choice(_CELEBS)).replace("{a}", str(rng.randint(45, 92)))
                        for _ in range(rng.randint(4, 9))], rng.random() < 0.5))
    slug = _slug(title, 8)
    path = rng.choice([f"/{slug}/", f"/{slug}-{rng.randint(1000, 99999)}/", f"/article/{slug}?page=1",
                       f"/entertainment/{slug}.html"])
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
    kind = rng.choice(["wire", "wire", "wire", "tag", "trending"])
    section = rng.choice(_LEGIT_SECTIONS)
    sep = rng.choice([" | ", " - ", " – "])
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
