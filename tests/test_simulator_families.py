"""The farm simulator: every family randomised, every page renders to parseable HTML and text."""

from __future__ import annotations

import random
import re

import pytest

from classifier.document import from_html, from_text
from classifier.simulator import FAMILIES, SimulatedPage, hard_negative, simulate

SOURCE_TEXT = """Officials weigh new flood defences after river breaches banks in Riverton
Officials weigh new flood defences after river breaches banks in Riverton
RIVERTON, Ore. (AP) — City officials on Tuesday said they would consider new flood defences after the Willow River breached its banks for the second time in three years, forcing hundreds of residents from their homes.
Mayor Ellen Park told reporters that the council would vote next month on a plan to raise levees along the eastern districts, where the water reached the first floor of several homes on Monday night.
"We cannot keep asking people to rebuild every few years," Park said, adding that the state had promised emergency funds to help families who lost belongings in the flood.
Engineers hired by the county warned in 2021 that the levees were too low for the storms the region now sees, and recommended a study of the river's upper basin before any work begins.
Residents gathered at the high school gym, which served as a shelter, said the warning sirens sounded late and that many cars were trapped in flooded garages along River Street.
"""

POOL = [f"Unrelated headline number {i} about celebrities, sports and recipes" for i in range(40)]


def hard_negative_docs(n: int = 20):
    """(seed, document) for ``n`` legitimate copies of SOURCE_TEXT, each as HTML with its URL and as text."""
    source = from_text(SOURCE_TEXT)
    for seed in range(n):
        page = hard_negative(source, random.Random(seed), host="www.salemherald.com", site_name="The Salem Herald",
                             headline_pool=POOL)
        yield seed, from_html(page.html, url="https://www.salemherald.com" + page.path)
        yield seed, from_text(page.text)


@pytest.fixture(scope="module")
def source():
    return from_text(SOURCE_TEXT)


def _make(family, source, seed):
    rng = random.Random(seed)
    if family == "legit":
        return hard_negative(source, rng, host="news.example.org", site_name="Example Daily", headline_pool=POOL)
    return simulate(source, family, rng, host="farm.example.com", headline_pool=POOL)


@pytest.mark.parametrize("family", FAMILIES + ("legit",))
def test_each_family_differs_across_seeds(family, source):
    pages = [_make(family, source, seed) for seed in range(6)]
    assert len({p.html for p in pages}) == 6
    assert len({p.path for p in pages}) >= 4
    assert len({p.text for p in pages}) >= 5


@pytest.mark.parametrize("family", FAMILIES + ("legit",))
def test_each_family_renders_parseable_html_and_text(family, source):
    for seed in range(4):
        page = _make(family, source, seed)
        assert isinstance(page, SimulatedPage)
        assert page.family == family
        assert page.path.startswith("/")
        html_doc = from_html(page.html, url="http://farm.example.com" + page.path)
        text_doc = from_text(page.text)
        assert html_doc.title == page.title
        assert page.text.splitlines()[0].endswith(page.title)
        assert len(html_doc.lines) >= 3 and len(text_doc.lines) >= 3


def test_f1a_has_the_operator_marks(source):
    for seed in range(5):
        page = _make("F1a", source, seed)
        assert re.fullmatch(r"/(html|news)/\d{2,4}[a-f]\d{6,8}\.html", page.path)
        assert re.search(r"^Date:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", page.text, re.M)
        assert re.search(r"^(very)?Good! \(\d+\)$", page.text, re.M)
        assert page.brands and page.title.endswith("-" + page.brands[-1])


def test_f2_path_is_a_search_result(source):
    page = _make("F2", source, 3)
    assert page.path.startswith("/news/search?q=") and "FORM=" in page.path
    assert " ..." in page.text


def test_hard_negative_carries_no_brands(source):
    for seed in range(5):
        page = _make("legit", source, seed)
        assert page.brands == []
        assert "veryGood!" not in page.text and "Current:Home" not in page.text


def test_unknown_family_is_refused(source):
    with pytest.raises(ValueError, match="unknown farm family"):
        simulate(source, "F99", random.Random(0), host="x", headline_pool=POOL)


def test_a_spin_that_changes_nothing_is_labelled_a_verbatim_copy():
    # An English thesaurus over a Czech page changes nothing; labelling that copy "spun" (F4) would
    # teach the model that spinning leaves no mark. It is published as it is: an autoblog copy.
    czech = from_text("Praha schválila nový plán\nZastupitelstvo v úterý schválilo plán, podle kterého město "
                      "opraví mosty a nábřeží do konce příštího roku. Primátor uvedl, že práce začnou na jaře.")
    assert simulate(czech, "F4", random.Random(0), host="farm.example.com", headline_pool=POOL).family == "F7"
    page = simulate(from_text(SOURCE_TEXT), "F4", random.Random(0), host="farm.example.com", headline_pool=POOL)
    assert page.family == "F4"
