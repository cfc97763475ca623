"""The classifier's speed shortcuts change no measurement.

Features are read with a one-pass word-list matcher, substring needles and word gates that skip
patterns which cannot match, stock phrases looked up only when their longest word is on the page, a case-sensitive twin of the attribution pattern for lower-cased text, and a text
stylesheet in place of a Python walk over the tree. The shipped model was trained on the values
the plain regular expressions give, so each shortcut is checked against them here on pages of
every farm family, hard negatives and the sample web's own pages.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from classifier import features
from classifier.document import from_html, from_text
from classifier.simulator import FAMILIES, hard_negative, simulate, spin
from tests.test_simulator_families import POOL, SOURCE_TEXT

REPO = Path(__file__).resolve().parents[1]


def _pages() -> list:
    source = from_text(SOURCE_TEXT)
    docs = []
    for seed in range(4):
        for family in FAMILIES:
            page = simulate(source, family, random.Random(seed), host="farm.example.com", headline_pool=POOL)
            url = "http://farm.example.com" + page.path
            docs += [from_html(page.html, url=url), from_text(page.text, url=url)]
        neg = hard_negative(source, random.Random(seed), host="news.example.org", site_name="Example Daily",
                            headline_pool=POOL)
        docs.append(from_html(neg.html, url="http://news.example.org" + neg.path))
    # The simulator no longer prints generator scaffolds, placeholders or pagination lines (no real F5 or F9
    # page showed them, docs/farm-realism.md), yet the detector still reads them: one page keeps those
    # needles exercised so the comparison below is not vacuous.
    docs.append(from_text("Storm update\nIntroduction:\nThe storm moved east on Tuesday (needs verification), "
                          "officials said [citation needed].\nConclusion:\nIn conclusion, more rain is due.\n"
                          "Next Page »\nContinue reading on the next page\n", url="http://farm.example.com/a/"))
    for path in sorted((REPO / "seeds" / "sampleweb").rglob("*.html"))[:40]:
        docs.append(from_html(path.read_bytes(), url=f"http://{path.parent.name}/{path.name}"))
    return docs


@pytest.fixture(scope="module")
def pages():
    return _pages()


def test_word_lists_find_what_each_pattern_finds(pages):
    texts = [d.text for d in pages] + [spin(SOURCE_TEXT, random.Random(s), 0.9) for s in range(5)] + [
        "In accordance to the White Home, inventory market and Inventory Markets rose; h2o 1st brand-new",
        "said_ said, unsaid SAID told! stated 7 days few days",
    ]
    checked = 0
    for text in texts:
        expected = [rx.findall(text) for rx in features._WORD_LISTS.patterns]
        assert features._WORD_LISTS.findall(text, (0,) * len(expected)) == expected, text[:200]
        checked += sum(map(len, expected))
    assert checked > 50  # the pages really exercise the lists


def test_word_lists_read_from_a_start_offset_like_a_slice():
    text = "Officials said\nThe firm explained to reporters it was huge news for the metropolis"
    start = text.index("\n") + 1
    got = features._WORD_LISTS.findall(text, (start,) * len(features._WORD_LISTS.patterns))
    assert got == [rx.findall(text[start:]) for rx in features._WORD_LISTS.patterns]
    assert got[2] == []  # "said" stands before the offset


def test_needles_change_no_feature(pages, monkeypatch):
    fast = [features.analyse(d).values for d in pages]
    monkeypatch.setattr(features, "_NEEDLES", {})
    for gate in ("_any_word", "_all_words"):
        monkeypatch.setattr(features, gate, lambda counts, words: True)  # every word-gated pattern runs
    plain = [features.analyse(d).values for d in pages]
    assert fast == plain
    assert sum(v["attribution"] + v["mark_current_home"] + v["spin_phrases"] + v["search_ui"] for v in plain) > 0
    assert sum(v["gen_placeholders"] + v["gen_scaffold"] + v["page_bait"] for v in plain) > 0


def test_stock_phrases_looked_up_behind_their_longest_word_equal_a_plain_search(pages):
    found = 0
    for d in pages:
        a = features.analyse(d)
        assert a.boilerplate == [p for p in features._BOILERPLATE if p in d.text.lower()]
        main = (d.main_text or "\n".join(d.lines[1:])).lower()
        assert a.translationese == [p for p in features._TRANSLATIONESE if p in main]
        found += len(a.boilerplate) + len(a.translationese)
    assert found > 20


def test_list_item_prefix_goes_to_the_first_line_of_the_item_only():
    doc = from_html("<html><body><ul><li><p>first para</p>tail text</li><li>second</li></ul>"
                    "<div>after<br>break</div></body></html>")
    assert doc.lines == ["- first para", "tail text", "- second", "after", "break"]


def test_a_page_cannot_forge_line_breaks_with_the_walkers_marks():
    doc = from_html("<html><body><p>one\ufdd0two\ufdd2three</p></body></html>")
    assert doc.lines == ["onetwothree"]


def test_attribution_is_counted_the_same_on_lowered_text(pages):
    texts = [d.text for d in pages] + ["RIVERTON (AP) — x. (AP/Staff) y (Reuters) Via AP news wire. Associated Press. "
                                       "ALL RIGHTS RESERVED. This story Originally Appeared on x."]
    counts = [len(features._RX["attribution"].findall(t)) for t in texts]
    assert [len(features._ATTRIBUTION_LOW.findall(t.lower())) for t in texts] == counts
    assert sum(counts) >= 7


def test_glued_words_and_years_found_from_the_seam_equal_the_word_bounded_patterns(pages):
    glued = re.compile(r"\b([A-Z][a-z]{2,}|[a-z]{3,})([A-Z][a-z]{2,})\b")
    years = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")
    texts = [d.text for d in pages] + ["CITY,PredictIQ Center said on TuesdayMorning x2024 2024a _2024 1999 iPhoneXs abcDefGhi"]
    found = 0
    for text in texts:
        assert features._glued_words(text) == glued.findall(text)
        assert features._years(text) == years.findall(text)
        found += len(glued.findall(text))
    assert found > 20
