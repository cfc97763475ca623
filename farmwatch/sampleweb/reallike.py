"""Farm sites built the way real ones are, not the way the simulator makes them.

The farm hosts of :mod:`farmwatch.sampleweb.generator` are rendered by ``classifier.simulator``,
so they carry exactly the marks the model was trained on. The sites here are written from the
field notes in ``docs/farm-realism.md`` instead: each carries only marks that were seen on real
pages of its family, and none that no real page of the family showed (no "Title:" scaffolding,
no pagination lines, no "[embedded content]", no "Related searches" keyword blocks). They are the
check that the detector finds farms as they are, not farms as we imagine them.

- F5 ``northfieldharriers.org``: an expired running-club domain now publishing machine-written
  "news" under the outlets' headlines: prompt and refusal leftovers, filler written from the
  headline alone, invented voices with stock names.
- F7 ``copperkettleyarns.com``: a yarn shop's blog republishing the outlets' stories word for
  word, with the source page's leftovers (byline, topics line, credit, outlet name in the title).
- F9 ``stars.lakesidepatiofurniture.com``: fabricated celebrity clickbait on a subdomain of an
  unrelated shop: cliff-hanger titles ending in "See more", melodrama about unnamed or invented
  stars, invented quotes, no sources.
- F10 ``wiki.cedarvalleyrowing.org``: keyword pages injected into a rowing club's wiki: one-line
  keyword shells with place modifiers, generated how-to guides on keyword slugs, a spam profile.

Every name, place and sentence is invented here; nothing is copied from a real page.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from farmwatch.sampleweb.generator import esc as _esc
from farmwatch.sampleweb.generator import slugify

__all__ = ["REALLIKE_SITES", "build_reallike"]


def _slug(text: str, words: int = 40) -> str:
    return slugify(text, words)


@dataclass
class _Page:
    path: str
    title: str
    body: list[str]  # HTML blocks of the article body
    family: str
    source: object = None  # the outlet Article a page was made from, when it was made from one


# (host, family, display name, builder name); the builders are below.
REALLIKE_SITES = [
    ("northfieldharriers.org", "F5", "Northfield Harriers", "_f5_pages"),
    ("copperkettleyarns.com", "F7", "Copper Kettle Yarns", "_f7_pages"),
    ("stars.lakesidepatiofurniture.com", "F9", "Lakeside Patio Furniture", "_f9_pages"),
    ("wiki.cedarvalleyrowing.org", "F10", "Cedar Valley Rowing Club Wiki", "_f10_pages"),
]


# --------------------------------------------------------------------------- page shell

def _shell(host: str, site_name: str, path: str, title: str, body: list[str], nav: list[tuple[str, str]],
           sidebar_title: str, sidebar: list[tuple[str, str]], footer: str, byline: str = "") -> str:
    """A WordPress-like page: the theme of the site around the farm's text, as real farms look."""
    out = ["<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"utf-8\">\n",
           f"<title>{_esc(title)} &#8211; {_esc(site_name)}</title>\n",
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
           f"<link rel=\"canonical\" href=\"https://{host}{_esc(path)}\">\n",
           "<meta name=\"generator\" content=\"WordPress 6.4.3\">\n",
           "</head>\n<body class=\"post-template-default single single-post\">\n",
           f"<header class=\"site-header\"><p class=\"site-title\"><a href=\"/\">{_esc(site_name)}</a></p>\n",
           "<nav class=\"main-navigation\"><ul>",
           "".join(f"<li><a href=\"{href}\">{_esc(label)}</a></li>" for href, label in nav),
           "</ul></nav></header>\n<main id=\"primary\">\n<article class=\"post\">\n",
           f"<h1 class=\"entry-title\">{_esc(title)}</h1>\n"]
    if byline:
        out.append(f"<div class=\"entry-meta\">{byline}</div>\n")
    out.append("<div class=\"entry-content\">\n")
    out.extend(b if b.endswith("\n") else b + "\n" for b in body)
    out.append("</div>\n</article>\n</main>\n")
    if sidebar:
        out.append(f"<aside class=\"widget-area\"><h2 class=\"widget-title\">{_esc(sidebar_title)}</h2><ul>\n")
        out.extend(f"<li><a href=\"{_esc(href)}\">{_esc(label)}</a></li>\n" for href, label in sidebar)
        out.append("</ul></aside>\n")
    out.append(f"<footer class=\"site-footer\"><p>{footer}</p></footer>\n</body>\n</html>\n")
    return "".join(out)


def _p(text: str) -> str:
    return f"<p>{_esc(text)}</p>"


def _home(site_name: str, heading: str, pages: list[tuple[str, str]], footer: str) -> str:
    items = "".join(f"<li><a href=\"{_esc(p)}\">{_esc(t)}</a></li>\n" for p, t in pages)
    return ("<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{_esc(site_name)}</title>\n</head>\n<body>\n"
            f"<header><p class=\"site-title\"><a href=\"/\">{_esc(site_name)}</a></p></header>\n"
            f"<main>\n<h2>{_esc(heading)}</h2>\n<ul>\n{items}</ul>\n</main>\n"
            f"<footer><p>{footer}</p></footer>\n</body>\n</html>\n")


# --------------------------------------------------------------------------- F5

# What a text generator says of a story it was given only the headline of: the subject, never a
# name, a number or a place. Keyed by the outlet story's kind.
_TOPIC = {"council_vote": "the council's latest decision", "storm": "the recent storm", "plant": "the plant closure",
          "sports": "the team's remarkable season", "bridge": "the planned bridge closure",
          "school_board": "the school board proposal", "research": "the new research findings",
          "transit": "the new transit route", "drought": "the ongoing water shortage",
          "hospital": "the hospital's new unit", "court": "the court's ruling", "recall": "the vehicle recall",
          "senate": "the proposed legislation", "prices": "the latest price figures"}

_VAGUE = [
    "The recent developments surrounding {t} have prompted significant discussion among residents and local leaders alike.",
    "Many members of the community have expressed a range of views, reflecting both hope and concern about what lies ahead.",
    "Officials have emphasized the importance of transparency and public involvement as the process moves forward.",
    "Supporters argue that {t} represents an opportunity for growth, while critics worry about the potential costs and unintended consequences.",
    "Observers note that the situation highlights broader challenges facing communities across the region.",
    "As more details emerge, residents are encouraged to stay informed and to take part in upcoming public meetings.",
    "Ultimately, the impact of {t} will depend on how carefully the next steps are planned and carried out.",
]

_INVENTED = [
    "Local leaders voted {yes} to {no} on Tuesday evening to move ahead with {t}, a decision that is expected to affect thousands of households.",
    "\"This is a difficult but necessary step,\" said Councillor Jane Smith, who supported the measure. \"We owe it to our residents to act responsibly.\"",
    "Councillor Michael Johnson, who voted against it, disagreed. \"We need to think about the families who will bear the burden of this decision,\" he said.",
    "The meeting, held on {day}, drew a large crowd, with several residents speaking during the public comment period.",
    "One resident, Sarah Williams, said she had mixed feelings. \"I understand why it is happening, but I hope they listen to us,\" she said.",
    "Officials said further details would be released in the coming weeks.",
]

_PHRASE = [
    "The phrase \"{h}\" represents a convergence of several issues that matter to the community: local government, public services and the daily lives of residents.",
    "The significance of this development lies in its potential to shape decisions for years to come. This article will examine the key aspects of the matter and what they may mean for the people involved.",
    "1. Community Impact",
    "The most immediate consideration is the effect on residents. Changes of this kind often ripple outward, influencing households, businesses and public institutions in ways that are not always visible at first.",
    "2. Financial Considerations",
    "Any decision of this scale raises questions about cost and funding. Careful planning and open communication are essential to maintaining public trust.",
    "3. Looking Ahead",
    "In conclusion, the situation underscores the importance of thoughtful leadership and engaged citizens working together toward shared goals.",
]


def _ctime(d: datetime) -> str:
    return d.strftime("%a %b %d %H:%M:%S UTC %Y")


def _f5_pages(rng: random.Random, host: str, articles: list) -> list[_Page]:
    picks = _pick(rng, [a for a in articles if not a.story.wire], 5)
    pages: list[_Page] = []
    for i, a in enumerate(picks):
        s = a.story
        seen = s.published + timedelta(hours=rng.randint(2, 30), minutes=rng.choice([0, 10, 20, 30, 40, 50]))
        topic = _TOPIC.get(s.kind, "the latest development")
        dated = f"/{seen:%Y/%m/%d}/{_slug(s.headline)}/"
        if i == 0:  # the generator answered the prompt instead of writing: it was sent no text
            body = [_p(f"{_ctime(seen)}: Please share the text you would like me to turn into a news article. "
                       "I need the source text before I can complete this request. Once you send it, I will:"),
                    "<p>1. <strong>Summarize it:</strong> pick out the main facts, people and events.</p>",
                    "<p>2. <strong>Rewrite it as a news story:</strong> with a headline, a lead paragraph, "
                    "supporting details and quotes where the text provides them.</p>",
                    "<p><a href=\"/\">Read More</a></p>"]
            pages.append(_Page(dated, s.headline, body, "F5", a))
        elif i == 1:  # a refusal, and the address of the page it was asked to rewrite
            body = [_p("I'm sorry, but I can't write a full news article from what was provided: it contains "
                       "only a headline and no details, quotes or sources. If you can share the complete original "
                       "article, I'd be glad to help rewrite it."),
                    _p(f"This article was originally written by {a.outlet.host}")]
            pages.append(_Page(f"/?p={rng.randint(2100, 2999)}", s.headline, body, "F5", a))
        elif i == 2:  # filler written from the headline alone: no name, number or place
            lines = [v.format(t=topic) for v in _VAGUE]
            body = [_p(" ".join(lines[k:k + 2])) for k in range(0, len(lines), 2)]
            pages.append(_Page(dated, s.headline, body, "F5", a))
        elif i == 3:  # invented specifics with stock names, no place named
            yes = rng.randint(5, 9)
            day = (seen - timedelta(days=rng.randint(1, 4))).strftime("%B %d, %Y").replace(" 0", " ")
            lines = [v.format(t=topic, yes=yes, no=rng.randint(1, yes - 1), day=day) for v in _INVENTED]
            pages.append(_Page(dated, s.headline, [_p(x) for x in lines], "F5", a))
        else:  # the "phrase represents" essay template, numbered Title Case sections
            body = []
            for line in _PHRASE:
                text = line.format(h=s.headline)
                body.append(f"<h3>{_esc(text)}</h3>" if re.match(r"\d\. ", text) else _p(text))
            pages.append(_Page(f"/?p={rng.randint(3000, 3999)}", s.headline, body, "F5", a))
    return pages


# --------------------------------------------------------------------------- F7

_SHOP_LINES = ["Shop our bestsellers: hand-dyed merino, alpaca blends and sock yarn kits.",
               "Free shipping on orders over $50. Local pickup available Thursday to Saturday."]


def _f7_pages(rng: random.Random, host: str, articles: list) -> list[_Page]:
    by_outlet: dict[str, list] = {}
    for a in articles:
        by_outlet.setdefault(a.outlet.host, []).append(a)
    picks = [rng.choice(v) for _, v in sorted(by_outlet.items())][:5]  # copies of many sources
    pages: list[_Page] = []
    for i, a in enumerate(picks):
        s, o = a.story, a.outlet
        title = f"{s.headline} \u2013 {o.name}" if i == 0 else s.headline  # the source's name left in the title
        body: list[str] = []
        if i == 1:
            body.append(f"<h2>{_esc(s.headline)}</h2>")  # the headline printed twice
        body.append(_p(s.dek))
        if s.wire:
            body.append(_p(f"By {a.byline.upper()} Associated Press"))
        elif i % 2 == 0:
            body.append(_p(f"By {a.byline}, {o.name}"))  # the source's byline kept as text
        body += [_p(x) for x in s.paragraphs]
        if s.wire:
            body.append(_p(o.wire_credit))
        if i in (0, 3):
            body.append(_p("Topics: " + ", ".join(s.tags)))  # the source's topics line
        if i in (1, 2, 4):
            body.append("<p><a href=\"/blog/\">Source link</a></p>")
        seen = s.published + timedelta(hours=rng.randint(1, 20))
        path = (f"/blog/{_slug(s.headline, 10)}-{rng.randint(4_000_000, 4_999_999)}.html" if i % 2
                else f"/blog/{seen:%Y/%m}/{_slug(s.headline, 10)}/")
        pages.append(_Page(path, title, body, "F7", a))
    return pages


# --------------------------------------------------------------------------- F9

_STARS = [("Loretta Vance", "country singer", "she", 81), ("Dale Harmon", "actor", "he", 77),
          ("Marisol Keane", "talk show host", "she", 69)]


def _f9_pages(rng: random.Random, host: str, articles: list) -> list[_Page]:
    star, role, pron, age = _STARS[rng.randrange(len(_STARS))]
    first = star.split()[0]
    Pron = pron.capitalize()
    her = "her" if pron == "she" else "his"
    pages = [
        _Page(f"/?p={rng.randint(2800, 3400)}",
              f"VERY SAD NEWS: At {age}, {star} has finally broken {her} silence, confirming what fans had feared for years",
              [_p(f"At {age}, {star} has finally spoken about what many of {her} fans had quietly feared. "
                  f"\"I can't keep carrying this alone,\" {pron} said softly, and the words travelled around the world within minutes."),
               "<h3>The Moment Everything Changed</h3>",
               _p(f"The {role} sat in a dimly lit room, dressed simply, {her} usual sparkle nowhere to be seen. "
                  f"When asked whether there was anything {pron} wanted to tell the people who had followed {her} for decades, {pron} paused for a long time."),
               _p(f"\"There comes a point when even the strongest heart has to rest,\" {pron} said."),
               "<h3>A Wave of Love From Fans</h3>",
               _p(f"Within hours, messages of support poured in from every corner of the world. "
                  f"Fans shared memories, songs and photographs, many of them saying {first} had been the soundtrack of their lives."),
               _p(f"{Pron} did not go into detail, and those close to {her} family have asked for privacy.")], "F9"),
        _Page("/2025/10/this-morning-we-lost-a-beloved-singer-someone-we-all-admired-see-more/",
              "This morning we lost a beloved singer, someone we all admired, See more",
              [_p("The world woke this morning to news nobody was ready for. A voice that carried generations through "
                  "weddings, road trips and long quiet nights has fallen silent."),
               _p("For decades this artist's songs were more than music. Every lyric felt like a confession, every "
                  "performance like a conversation with an old friend."),
               _p("The road to fame was not easy. There were years of empty clubs and small stages before the song "
                  "that changed everything finally reached the radio."),
               _p("\"They never forgot where they came from,\" a longtime bandmate said. \"After every show they stayed "
                  "to talk with the people who came.\""),
               _p("Tributes continue to pour in from fans and fellow musicians around the world.")], "F9"),
        _Page("/2025/10/doctor-breaks-silence-and-reveals-what-nobody-expected-she-has-c-see-more/",
              "Doctor breaks silence and reveals what nobody expected: she has c... See more",
              [_p("A shocking revelation has come to light after a doctor finally broke her silence and shared news "
                  "that nobody expected. The patient in question, she confirmed, is facing a serious diagnosis."),
               _p("For weeks, whispers had circled about her health as she went through test after test. Few imagined "
                  "the answer would be this difficult."),
               _p("Those closest to her say she remains strong and determined, surrounded by love and the prayers of "
                  "everyone who knows her."),
               _p("While the road ahead will not be easy, she is not alone.")], "F9"),
        _Page(f"/binhtv/{_slug(star)}-bv",
              f"After a Devastating Diagnosis, {star} Finally Says Goodbye to the Stage",
              [_p(f"For more than five decades, {star} has been the heartbeat of a generation."),
               _p(f"But now, at {age}, the {role} the world has come to love is facing the most painful chapter of {her} life."),
               _p("The diagnosis came quietly, almost without warning."),
               _p(f"At first {pron} tried to keep it to {her}self."),
               _p(f"{Pron} did not want pity. {Pron} did not want tears."),
               _p("But as the weeks went by, the people around " + ("her" if pron == "she" else "him") +
                  " began to notice the changes."),
               _p("Appearances became rarer. Plans were quietly cancelled."),
               _p("And then came the words that broke hearts across the world.")], "F9"),
        _Page("/2025/11/5-min-ago-palace-confirms-tragic-news-about-duchess-clara-the-truth-is-exposed/",
              "5 MIN AGO: Palace CONFIRMS Tragic News About Duchess Clara \u2013 The Truth Is EXPOSED",
              [_p("The statement appeared only minutes ago and landed like a quiet earthquake. It was three short "
                  "lines long, but what it left out said far more than what it said."),
               "<p class=\"ads\">Ads</p>",
               _p("According to the announcement, Duchess Clara will step back from all public duties to focus on "
                  "her health and her family. More information, it said, would follow when appropriate."),
               "<h3>A Diagnosis That Changed Everything</h3>",
               _p("For months she believed she was simply tired. The routine check-up was meant to be nothing more "
                  "than a box to tick."),
               "<p class=\"ads\">Ads</p>",
               _p("What the doctors found that afternoon changed everything, and the decision she made only "
                  "yesterday has stunned everyone who cares about her.")], "F9"),
    ]
    return pages


# --------------------------------------------------------------------------- F10

_KEYWORDS = [["cheap car insurance", "low income auto insurance", "non owners car insurance", "auto insurance quotes"],
             ["payday loans", "no credit check loans", "same day loans", "installment loans"]]


_POSTAL = {"Ore.": "OR", "Idaho": "ID", "Kan.": "KS", "Pa.": "PA"}


def _places(articles: list) -> list[str]:
    """Town + postal state of the outlets' areas: the geo-modifiers keyword shells append."""
    out = set()
    for a in articles:
        p = a.outlet.place
        if p.state in _POSTAL:
            out.update(f"{town} {_POSTAL[p.state]}" for town in [p.city] + p.towns)
    return sorted(out)


def _f10_pages(rng: random.Random, host: str, articles: list) -> list[_Page]:
    places = _places(articles)
    pages: list[_Page] = []
    for wiki_page, kws in zip(["RegattaSchedule", "BoatStorage"], _KEYWORDS):
        line = " ".join(f"{rng.choice(kws)} {rng.choice(places)}" for _ in range(rng.randint(3, 4)))
        pages.append(_Page(f"/wiki/{wiki_page}?version={rng.randint(3000, 7999)}", wiki_page, [_p(line)], "F10"))
    guide = [_p("Logging into your account should be simple, but it can feel confusing when you are in a hurry. "
                "This guide walks you through each step and the problems people most often run into."),
             "<h3>Finding the Official Login Page</h3>",
             _p("Always type the official address into your browser instead of following links from unexpected "
                "emails. Look for the Sign In button, usually in the top right corner of the page."),
             "<h3>Step-by-Step Login Instructions</h3>",
             "<ol><li>Open the official website.</li><li>Click Sign In.</li><li>Enter your username or email "
             "address.</li><li>Enter your password and check that Caps Lock is off.</li><li>Click the login button."
             "</li></ol>",
             "<h3>Troubleshooting Common Issues</h3>",
             _p("If your password is not accepted, use the Forgot Password link to reset it. If problems continue, "
                "contact the website's support team.")]
    pages.append(_Page(f"/how-to-log-in-to-your-account-{rng.randint(10**9, 10**10 - 1)}.html",
                       "How Do I Log In to My Account? A Step-by-Step Guide", guide, "F10"))
    plumber = [_p("It was 2:17 AM on a Tuesday when the hissing under the kitchen sink woke me. Within minutes the "
                  "floor was under water, and like most people I grabbed my phone and searched for a 24 hour plumber near me."),
               _p("That night taught me that the most important work happens before you pick up the phone."),
               "<h3>What to Do Before You Call</h3>",
               "<ul><li>Shut off the main water valve.</li><li>Turn off the water heater.</li><li>Move valuables away "
               "from the water.</li></ul>",
               "<h3>How to Choose a 24 Hour Plumber Near Me</h3>",
               _p("Ask for a price range before anyone is dispatched, check for a license, and ask whether the "
                  "quote includes an emergency call-out fee.")]
    pages.append(_Page(f"/24-hour-plumber-near-me-what-to-know-{rng.randint(10**9, 10**10 - 1)}.html",
                       "24 Hour Plumber Near Me: What to Know Before You Call", plumber, "F10"))
    handle = f"{rng.choice(['gerald', 'caren', 'quyen', 'dorian'])}{rng.choice(['vaq', 'holi', 'rev'])}{rng.randint(10**5, 10**6 - 1)}"
    pages.append(_Page(f"/author/{handle}/", handle,
                       [_p("Roof repair near me can be a stressful search, especially after a storm, and choosing the "
                           "right contractor makes all the ...")], "F10"))
    return pages


# --------------------------------------------------------------------------- assembly

_CHROME = {
    "F5": dict(nav=[("/", "Home"), ("/", "News"), ("/", "About")], sidebar_title="Recent Posts",
               footer="&copy; 2025 Northfield Harriers. Proudly powered by WordPress", byline=""),
    "F7": dict(nav=[("/", "Shop"), ("/", "Yarn"), ("/", "Patterns"), ("/", "Classes"), ("/blog/", "Blog"), ("/", "Cart (0)")],
               sidebar_title="From the blog", footer="Copper Kettle Yarns &middot; 14 Mill Street &middot; "
               + _esc(_SHOP_LINES[1]), byline=""),
    "F9": dict(nav=[("/", "Home"), ("/", "Celebrity"), ("/", "Royals"), ("/", "Music")], sidebar_title="Trending",
               footer="&copy; 2025 Lakeside Patio Furniture", byline=""),
    "F10": dict(nav=[("/", "WikiStart"), ("/", "Timeline"), ("/", "Roadmap")], sidebar_title="Recent changes",
                footer="Cedar Valley Rowing Club &middot; Powered by Trac", byline=""),
}


def _pick(rng: random.Random, items: list, n: int) -> list:
    items = sorted(items, key=lambda a: a.path)
    return rng.sample(items, min(n, len(items)))


def build_reallike(rng: random.Random, site, articles: list) -> None:
    """Add the real-like farm sites to ``site`` (a generator ``Site``), copying from ``articles``."""
    for host, family, name, builder in REALLIKE_SITES:
        pages = globals()[builder](rng, host, articles)
        chrome = _CHROME[family]
        listed = [(p.path, p.title) for p in pages]
        for i, p in enumerate(pages):
            sidebar = [(q, t) for q, t in listed if q != p.path][:4]
            byline = chrome["byline"]
            if family == "F5":  # generated sites credit "admin" or "Editor", or no one
                byline = ["Posted by admin", "", "By Editor", "Posted by admin", ""][i % 5]
            if family == "F7" and p.source is not None and p.path.endswith(".html"):
                byline = "By Dorin Vale &middot; Photo of author"  # an invented byline, as copies carry
            body = list(p.body)
            if family == "F7":
                body.append(_p(_SHOP_LINES[0]))
            page_html = _shell(host, name, p.path, p.title, body, chrome["nav"], chrome["sidebar_title"],
                               sidebar, chrome["footer"], byline)
            src = p.source
            site.add(host, p.path, page_html.encode("utf-8"), "farm", family=family,
                     source=f"{src.outlet.host}{src.path}" if src is not None else None, brands=[], kind="article")
        heading = {"F5": "Latest News", "F7": "From the blog", "F9": "Trending Now", "F10": "Recent changes"}[family]
        site.add(host, "/", _home(name, heading, listed, chrome["footer"]).encode("utf-8"), "other", kind="home")
        if family == "F7":
            site.add(host, "/blog/", _home(name, heading, listed, chrome["footer"]).encode("utf-8"), "other",
                     kind="section")
        site.add(host, "/robots.txt", b"User-agent: *\nAllow: /\n", "other", kind="robots")
        site.hosts[host] = {"kind": "farm", "families": [family], "name": name, "reallike": True,
                            "copies": family in ("F5", "F7")}
