"""The dataset cannot leak: farm copies ride with their source's site; sites never straddle a split."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import numpy as np

from classifier.corpus import Source, _mozilla_site, build_dataset, site_of
from classifier.document import from_html, from_text
from classifier.evaluate import _splitter, choose_threshold, summarise_lofo
from classifier.features import explain
from classifier.simulator import FAMILIES

BODY = ("Officials said on Monday that the county would open two new cooling centres after a week of record heat, "
        "and asked residents to check on elderly neighbours during the afternoon hours when temperatures peak.\n"
        "The health department reported a rise in heat-related visits to emergency rooms and urged employers to give "
        "outdoor workers more breaks, water and shade until the heat wave ends later this week.\n")


def _sources(n: int) -> list[Source]:
    out = []
    for i in range(n):
        doc = from_text(f"County opens cooling centres as heat wave number {i} grips region\n" + BODY)
        out.append(Source(doc, f"site{i % 4}", f"test:{i}"))
    return out


def test_every_family_and_every_rendering_are_in_the_dataset():
    rows = build_dataset(_sources(8), seed=1)
    fams = {r.family for r in rows if r.label == 1}
    assert fams == set(FAMILIES)
    assert {r.fmt for r in rows if r.label == 0} == {"html", "text", "excerpt", "bare-excerpt"}
    assert {r.fmt for r in rows if r.label == 1} == {"html", "text", "excerpt", "bare-excerpt"}
    assert {r.family for r in rows if r.label == 0} == {"real", "hardneg"}


def test_a_url_on_text_is_no_farm_mark_in_the_dataset():
    # Saved text never carries a URL, for either class; excerpts carry theirs half the time for both.
    # (The model of 2026-12-05 03:54 learnt "text with a URL is a farm" and flagged 40 of 58 real
    # legitimate excerpts scored with their URLs.)
    rows = build_dataset(_sources(24), seed=3)
    assert not any(r.item.get("url") for r in rows if r.fmt in ("text", "bare-excerpt"))
    assert all(r.item.get("url") for r in rows if r.fmt == "excerpt")
    share = {}
    for label in (0, 1):  # the test's sources have no address of their own: compare pages that all have one
        ex = [r for r in rows if r.fmt in ("excerpt", "bare-excerpt") and r.label == label and r.family != "real"]
        assert len(ex) >= 10
        share[label] = sum(r.fmt == "excerpt" for r in ex) / len(ex)
    assert abs(share[0] - share[1]) < 0.25, share
    assert all(len(r.item["text"]) <= 2000 for r in rows if "excerpt" in r.fmt)

def test_farm_copies_share_their_source_group_and_groups_never_straddle_folds():
    rows = build_dataset(_sources(12), seed=2)
    by_origin = {}
    for r in rows:
        by_origin.setdefault(r.origin, set()).add(r.group)
    assert all(len(g) == 1 for g in by_origin.values())
    groups = np.array([r.group for r in rows])
    y = np.array([r.label for r in rows])
    for tr, te in _splitter(2, 0).split(np.zeros((len(rows), 1)), y, groups):
        assert not set(groups[tr]) & set(groups[te])


def test_site_is_the_registered_domain_without_network():
    assert site_of("https://www.nytimes.com/2019/11/19/x.html") == "nytimes"
    assert site_of("http://news.bbc.co.uk/a") == "bbc"
    assert _mozilla_site("nytimes-3") == "nytimes"
    assert _mozilla_site("lifehacker-post-comment-load") == _mozilla_site("lifehacker-working")


def test_threshold_keeps_false_positives_within_budget():
    rng = np.random.default_rng(0)
    scores = np.concatenate([rng.uniform(0, 1, 1000), rng.uniform(0.5, 1, 1000)])
    labels = np.array([0] * 1000 + [1] * 1000)
    t = choose_threshold(scores, labels, max_fpr=0.005)
    assert (scores[labels == 0] >= t).mean() <= 0.005


def test_explain_names_the_counter_and_the_off_topic_block(seeds_dir):
    from classifier.document import from_path

    evidence, brands, family = explain(from_path(seeds_dir / "003_2db2c99a1ef7e0a9.txt"))
    joined = " | ".join(evidence)
    assert 'vote counter "veryGood! (515)"' in joined
    assert '"Related" block' in joined
    assert brands == ["TrueNorth Capital Hub"]
    assert family == "F1a"


def test_lofo_summary_reports_the_mean_and_the_worst_draw():
    s = summarise_lofo({0: {"F3": 0.9, "F4": 0.5}, 1: {"F3": 0.8, "F4": None}, 2: {"F3": 1.0, "F4": 0.7}})
    assert s["mean"] == {"F3": 0.9, "F4": 0.6}
    assert s["min"] == {"F3": 0.8, "F4": 0.5}


def test_rows_take_the_family_the_copy_came_out_as():
    czech = from_text("Praha schválila nový plán oprav\nZastupitelstvo v úterý schválilo plán, podle kterého město "
                      "opraví mosty a nábřeží do konce příštího roku. Primátor uvedl, že práce začnou na jaře a "
                      "skončí před zimou. Opozice návrh kritizovala kvůli ceně.\n" * 2)
    rows = build_dataset(_sources(4) + [Source(czech, "czech-site", "test:czech")], seed=3)
    czech_farms = [r.family for r in rows if r.origin == "test:czech" and r.label == 1]
    assert "F4" not in czech_farms and czech_farms.count("F7") == 2  # its own F7 copy and the unspun "F4" one
    assert "F4" in {r.family for r in rows if r.origin != "test:czech" and r.label == 1}


def test_card_shows_every_lofo_draw_and_judges_the_mean():
    from classifier.model import render_card_markdown

    md = render_card_markdown({"metrics": {
        "precision": 1.0, "lofo_recall": {"F3": 0.9, "F4": 0.6}, "lofo_recall_min": {"F3": 0.8, "F4": 0.5},
        "lofo_recall_by_seed": {"0": {"F3": 0.9, "F4": 0.5}, "1": {"F3": 0.8, "F4": 0.7}},
        "lofo_thresholds": {"0": 0.85, "1": 0.9}}})
    assert "| F3 | 0.9 | 0.8 | 0.9 | 0.8 | met |" in md
    assert "| F4 | 0.6 | 0.5 | 0.5 | 0.7 | MISSED |" in md
    assert "0: 0.85, 1: 0.9" in md
    assert "\n|---|---|---|---|---|---|\n" in md  # one column per draw, plus family, mean, worst, target


def test_card_from_a_single_lofo_draw_still_renders_a_clean_table():
    from classifier.model import render_card_markdown

    md = render_card_markdown({"metrics": {"precision": 1.0, "lofo_recall": {"F3": 0.95, "F4": 0.5}}})
    assert "| F3 | 0.95 | 0.95 | met |" in md and "| F4 | 0.5 | 0.5 | MISSED |" in md
    assert "simulated datasets (seed: threshold )" not in md
    assert "\n|---|---|---|---|\n" in md


def test_simulated_html_names_its_address_in_a_canonical_link_as_real_pages_do():
    rows = build_dataset(_sources(24), seed=4)
    html_rows = [r for r in rows if r.fmt == "html" and r.family != "real"]
    named = []
    for r in html_rows:
        doc = from_html(r.item["html"], url=r.item["url"])
        if doc.canonical_url:
            named.append(doc)
            # The link names the page's own address, so a copy saved without its URL keeps it.
            assert urlsplit(doc.canonical_url).netloc, doc.canonical_url
            assert not r.item["url"] or doc.canonical_url == r.item["url"]
    share = len(named) / len(html_rows)
    assert 0.6 <= share <= 0.95, share  # real corpus pages: 75-90 %
    assert any(not d.url for d in named), "some pages saved without their URL should still name it"


def test_the_canonical_link_is_the_only_difference_the_canonical_share_makes():
    plain = build_dataset(_sources(10), seed=5, canonical_share=0.0)
    linked = build_dataset(_sources(10), seed=5)
    assert len(plain) == len(linked)
    changed = 0
    for a, b in zip(plain, linked):
        assert (a.label, a.family, a.group, a.fmt, a.origin) == (b.label, b.family, b.group, b.fmt, b.origin)
        if a.fmt == "html" and a.family != "real":
            stripped = re.sub(r'<link rel="canonical" href="[^"]*">', "", b.item["html"])
            changed += stripped != b.item["html"]
            assert (stripped, b.item["url"]) == (a.item["html"], a.item["url"])
        else:
            assert a.item == b.item
    assert changed
