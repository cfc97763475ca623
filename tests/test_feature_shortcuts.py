"""The classifier's speed shortcuts change no measurement.

Features are read with a one-pass word-list matcher, substring needles that skip patterns which
cannot match, a case-sensitive twin of the attribution pattern for lower-cased text, and a text
stylesheet in place of a Python walk over the tree. The shipped model was trained on the values
the plain regular expressions give, so each shortcut is checked against them here on pages of
every farm family, hard negatives and the sample web's own pages.
"""

from __future__ import annotations

import random
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
    got = features._WORD_LISTS.findall(text, (start,) * 6)
    assert got == [rx.findall(text[start:]) for rx in features._WORD_LISTS.patterns]
    assert got[2] == []  # "said" stands before the offset


def test_needles_change_no_feature(pages, monkeypatch):
    fast = [features.analyse(d).values for d in pages]
    monkeypatch.setattr(features, "_NEEDLES", {})
    plain = [features.analyse(d).values for d in pages]
    assert fast == plain
    assert sum(v["attribution"] + v["mark_current_home"] + v["spin_phrases"] + v["search_ui"] for v in plain) > 0


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
