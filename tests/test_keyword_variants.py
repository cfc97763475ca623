"""A doorway page's links to variants of its own keyword are a mark of their own; tags and headlines are not."""

from __future__ import annotations

import pytest

from classifier.document import from_text
from classifier.features import KEYWORD_VARIANTS_MIN, _artefact_channels, _keyword_variant, analyse, explain
from tests.test_simulator_families import hard_negative_docs

# Short: too few words for the run-on test, no URL, no sentence in the body. The links are what gives it away.
# Eight variants: the channel's minimum since four to seven tripped on wiki contents lists and docs sidebars of
# real pages (classifier/channels/keywords.py).
DOORWAY = ("Deepmind Full Movie Insurance\n"
           "deepmind insurance buy deepmind full movie\n"
           "Recent Posts\n"
           "- deepmind deepmind hd\n"
           "- deepmind full movie pdf\n"
           "- Julian Assange: Sweden drops rape investigation\n"
           "- insurance deepmind near me\n"
           "- deepmind net worth 2024\n"
           "- deepmind insurance quotes online\n"
           "- cheap deepmind movie tickets\n"
           "- deepmind full movie download\n"
           "- deepmind insurance for seniors\n"
           "- US service members killed in Afghanistan helicopter crash\n")


def _channels(doc):
    return _artefact_channels(analyse(doc).values, doc.main_text)


def test_links_that_vary_the_page_keyword_trip_the_keywords_channel_and_are_named():
    doc = from_text(DOORWAY)
    assert analyse(doc).values["keyword_variants"] == KEYWORD_VARIANTS_MIN == 8
    assert _channels(doc)["keywords"]
    reasons, _, hint = explain(doc, limit=20)
    assert any(r.startswith("8 links are variants of the page's keyword") and '"deepmind deepmind hd"' in r
               for r in reasons), reasons
    assert hint == "F10"


@pytest.mark.parametrize("item, variant", [
    ("deepmind net worth 2024", True),
    ("deepmind hd", False),  # two words: a tag
    ("Deepmind Unveils Weather Forecast Model", False),  # a headline is cased
    ("machine learning research lab", False),  # lower case, but no word of the keyword
    ("deepmind", False),
])
def test_a_variant_is_a_short_lower_case_query_sharing_a_keyword_word(item, variant):
    assert _keyword_variant(item, {"deepmind", "insurance", "movie"}) is variant


def test_lower_case_tag_clouds_and_on_topic_headlines_are_not_variants():
    # Real outlets list multi-word tags in lower case, and related headlines that share the title's words.
    text = ("Council approves harbor dredging plan\n"
            "The city council approved a $47 million plan on Tuesday to dredge the harbor, officials said.\n"
            "Tags\n- city council\n- harbor\n- port of calder\n- local government news\n- budget and taxes\n"
            "Related\n- Harbor dredging plan heads to council vote\n- Council delays harbor budget decision\n"
            "- Port Calder council weighs dredging costs\n")
    doc = from_text(text)
    assert analyse(doc).values["keyword_variants"] < KEYWORD_VARIANTS_MIN
    assert not _channels(doc)["keywords"]


def test_legitimate_copies_with_related_blocks_never_trip_the_keywords_channel():
    for seed, doc in hard_negative_docs():
        assert not _channels(doc)["keywords"], seed
