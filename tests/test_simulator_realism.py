"""Each simulated family carries the marks real pages of it show, at about the observed shares, and none of the
marks no real page of it showed (docs/farm-realism.md). A model trained on marks the web lacks misses the web."""

from __future__ import annotations

import random
import re

import pytest

from classifier.document import from_text
from classifier.simulator import hard_negative, simulate
from tests.test_simulator_families import POOL, SOURCE_TEXT

N = 50
SOURCE = from_text(SOURCE_TEXT, url="https://www.ridgelinepost.co.uk/news/flood.html")


def _pages(family: str):
    return [simulate(SOURCE, family, random.Random(1000 + seed), host="farm.example.com", headline_pool=POOL)
            for seed in range(N)]


def _share(pages, test) -> float:
    return sum(1 for p in pages if test(p)) / len(pages)


def _has(pattern: str, flags: int = re.M):
    rx = re.compile(pattern, flags)
    return lambda p: bool(rx.search(p.text))


def _copies_source(p) -> bool:
    body = [ln for ln in SOURCE_TEXT.splitlines()[2:] if ln]
    return any(ln[20:80] in p.text for ln in body)


# (family, name, test, lowest share, highest share)
NEVER_SEEN = [
    ("F10", "salad / keyword-query link blocks", _has(r"^(Related searches|Popular|Hot keywords)$"), 0, 0),
    ("F10", "news story's words", lambda p: bool(re.search(r"(?i)riverton|levee|flood", p.text + p.path)), 0, 0),
    ("F9", "pagination and bait lines", _has(r"(?i)next page|page 1 of|click next|scroll down for more|continue reading"), 0, 0),
    ("F9", "You May Like / Sponsored blocks", _has(r"^(You May Like|Sponsored|Recommended For You|Trending)$"), 0, 0.05),
    ("F9", "copied agency text", _copies_source, 0, 0),
    ("F5", "source sentences in the body", _copies_source, 0, 0),
    ("F5", "scaffold labels, Title:, Meta description:",
     _has(r"^(Title:|Introduction:|Conclusion:|Meta description:)|^Title: "), 0, 0.02),
    ("F5", "placeholders", _has(r"\(needs verification\)|\[citation needed\]|\[insert quote here\]"), 0, 0.02),
    ("F5", "impossible dates", _has(r"(February (30|31)|April 31|June 31|September 31|November 31)"), 0, 0.02),
    ("F5", "Dr. expert with a percentage", _has(r"said Dr\. .*\d+%"), 0, 0.02),
    ("F5", "Certainly! / I hope this article", _has(r"Certainly! Here is|I hope this article meets"), 0, 0),
    ("F7", "advertisement / embed lines", _has(r"^(Advertisement|SKIP ADVERTISEMENT|\[embedded content\]|Supported by|Share full article)$"), 0, 0.03),
    ("F7", "Read the original article", _has(r"Read the original article"), 0, 0.03),
    ("F7", "ticker line", _has(r"\b(AAPL|MSFT|NVDA|TSLA) [+-]\d"), 0, 0.03),
    ("F7", "md5 or outlet-name paths", lambda p: bool(re.search(r"[0-9a-f]{32}|nytimes|washingtonpost|reuters", p.path)), 0, 0),
    ("F2", "outlet/age lines", _has(r" · \d+[hmd]$|on MSN"), 0, 0.15),
    ("F2", "Digest more", _has(r"^Digest more$"), 0, 0.10),
    ("F2", "Related searches / filter line", _has(r"^Related searches$|Past 24 hours|Past week"), 0, 0),
    ("F1b", "view dates spanning years", lambda p: len(set(re.findall(r"^(\d{4}-\d\d-\d\d)\b.*\bview$", p.text, re.M))) > 1, 0, 0),
    ("F1b", "teasers with an ellipsis", _has(r"(\.\.\.|…)$"), 0, 0),
    ("F1a", "Good! vote variant", _has(r"^Good! \("), 0, 0),
    ("F8", "CMS shortcodes", _has(r"\[vc_row\]|\[caption |\{\{author_name\}\}|%%sitename%%|\[ad_1\]"), 0, 0.03),
    ("F4", "outlet name in the slug", lambda p: bool(re.search(r"(cnn|reuters|nytimes|foxnews|usatoday)", p.path)), 0, 0),
]

REAL_MARKS = [
    ("F10", "one-line shell of <keyword> <Town> <ST> phrases or the title again",
     lambda p: len(p.text.splitlines()) == 3, 0.15, 0.45),
    ("F10", "keyword guide with numbered steps", _has(r"^1\. "), 0.3, 0.7),
    ("F10", "spam profile or bookmark story ending in …", _has(r"…$"), 0.08, 0.35),
    ("F9", "ALL-CAPS lead-in title", lambda p: bool(re.match(r"[A-Z0-9 ]{3,}[A-Z]\b.*?:", p.title)), 0.12, 0.4),
    ("F9", "See more title", lambda p: "see more" in p.title.lower(), 0.08, 0.35),
    ("F9", "unnamed subject", lambda p: not any(n in p.text for n in ("Swift", "Hanks", "Aniston", "Reeves", "Dion", "Parton",
                                                                       "Harry", "Markle", "Oprah", "Pitt", "Clarkson", "Ford",
                                                                       "Roberts", "Adele", "Lopez", "Stallone", "Fox", "Streisand",
                                                                       "Middleton", "Willis")), 0.25, 0.55),
    ("F5", "ctime stamp glued by a colon", _has(r"^\w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4}: "), 0.25, 0.55),
    ("F5", "Read More last line", lambda p: p.text.rstrip().endswith("Read More"), 0.25, 0.55),
    ("F5", "leftover model answer opening the body",
     _has(r"^(\w{3} \w{3} .*?: )?(I'm not able|I can't|I am unable|I cannot|Please paste|Could you share|It looks like|To rewrite|"
          r"The input provided|There is no body|The provided content|Okay, so|Let me think|First, I should|Hmm)"), 0.55, 0.85),
    ("F7", "a newsletter sign-up line of the source", _has(r"(?i)sign up|subscribe to get"), 0.25, 0.55),
    ("F7", "Source link as the last line", lambda p: p.text.rstrip().endswith("Source link"), 0.05, 0.3),
    ("F7", "listing page path", lambda p: bool(re.search(r"^/(\d{4}/\d\d/|tag/|author/|blog/page/)", p.path)), 0.25, 0.55),
    ("F2", "bare News line", _has(r"^News$"), 0.3, 0.7),
    ("F2", "form=YFNR", lambda p: "form=YFNR" in p.path, 0.25, 0.65),
    ("F1b", "one-day view list", lambda p: len(set(re.findall(r"^(\d{4}-\d\d-\d\d) \d\d:\d\d\d+ view$", p.text, re.M))) == 1, 0.08, 0.35),
    ("F1b", "teaser lead cut at exactly 100 characters",
     lambda p: any(len(ln) == 100 for ln in p.text.splitlines()), 0.9, 1.0),
    ("F1b", "brand glued after the dateline comma", _has(r"^RIVERTON,\S"), 0.9, 1.0),
    ("F1a", "prefix brand", lambda p: len(p.brands) == 2, 0.2, 0.5),
    ("F8", "random-letter path under an unrelated category", lambda p: bool(re.search(r"^/[A-Z][A-Za-z]+/[a-z]{10}\.html$", p.path)), 0.2, 0.55),
    # ?p= and dated paths (3 of the first 4 real pages), tag and category archives (10 of the next 13)
    ("F4", "?p=, dated path or an archive", lambda p: bool(re.search(r"^/\?p=\d+$|^/\d{4}/\d\d/\d\d/|^/(?:tag|category)/", p.path)),
     0.5, 0.9),
]


@pytest.fixture(scope="module")
def pages():
    return {f: _pages(f) for f in {row[0] for row in NEVER_SEEN + REAL_MARKS}}


@pytest.mark.parametrize("family, mark, test, low, high", NEVER_SEEN, ids=[f"{r[0]}-{r[1]}" for r in NEVER_SEEN])
def test_marks_no_real_page_showed_are_absent_or_rare(pages, family, mark, test, low, high):
    assert _share(pages[family], test) <= high, mark


@pytest.mark.parametrize("family, mark, test, low, high", REAL_MARKS, ids=[f"{r[0]}-{r[1]}" for r in REAL_MARKS])
def test_marks_real_pages_show_appear_at_about_the_observed_share(pages, family, mark, test, low, high):
    assert low <= _share(pages[family], test) <= high, mark


def test_the_wire_budget_page_of_a_local_paper_is_a_hard_negative():
    kinds = [hard_negative(SOURCE, random.Random(s), host="www.salemherald.com", site_name="The Salem Herald",
                           headline_pool=POOL) for s in range(60)]
    budget = [p for p in kinds if "/bc-" in p.path]
    assert len(budget) >= 5
    for p in budget:
        assert p.family == "legit"
        assert len(re.findall(r"\(\d+ words\)$", p.text, re.M)) >= 20
