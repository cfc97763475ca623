"""Site-level evidence: what a site's pages show together, in the site verdict and lent to the pages."""

from __future__ import annotations

import io
import json

from classifier.provenance import Provenance
from farmwatch.evidence import annotate
from farmwatch.report import Filters, build, write
from farmwatch.report.site_evidence import SITE_PREFIX, SiteFacts, combine, kind_of, page_shape, signals, title_brand
from tests.test_provenance import page, store, story  # noqa: F401 (store: SQLite and PostgreSQL)


def _copy(source_site: str, relation: str = "copy", credit: str = "") -> Provenance:
    return Provenance(relation, f"https://{source_site}/x", source_site, 0.97, 120, "2025-03-21", 3, "published", credit)


def _kinds(facts: SiteFacts, shapes=None) -> set[str]:
    return {s.kind for s in signals(facts, shapes)}


def test_copies_of_several_outlets_and_no_original_reporting_make_a_site_farm():
    f = SiteFacts("quiltbarn-supplies.com")
    for src in ("valleyledger.net", "harborgazette.com", "prairiesentinel.com", "valleyledger.net"):
        f.add({"title": "A story", "main_text": "council vote"}, _copy(src), article=True)
    found = signals(f)
    assert "copies" in {s.kind for s in found}
    text = next(s.text for s in found if s.kind == "copies")
    assert "4 of 4 articles are earlier stories of 3 unrelated outlets" in text and "none is original reporting" in text
    numbers = f.features()
    assert numbers["site_copy_share"] == 1.0 and numbers["site_copy_sources"] == 3.0
    assert numbers["site_off_theme_share"] == 1.0 and all(isinstance(v, float) for v in numbers.values())
    verdict, conf, reasons = combine("legit", 0.0, [s.line() for s in found])
    assert verdict == "farm" and conf >= 0.5 and any(r.startswith("copies of other outlets") for r in reasons)


def test_one_outlet_copied_or_mostly_original_reporting_is_not_a_copy_site():
    one = SiteFacts("fan-blog.com")
    for _ in range(4):
        one.add({"main_text": "x"}, _copy("valleyledger.net"), article=True)
    assert "copies" not in _kinds(one)
    mostly_own = SiteFacts("localpaper.com")
    for src in ("a.com", "b.com", "c.com"):
        mostly_own.add({"main_text": "x"}, _copy(src), article=True)
    for _ in range(5):
        mostly_own.add({"main_text": "x"}, None, article=True)
    assert "copies" not in _kinds(mostly_own)


def test_licensed_wire_copy_is_not_counted_against_a_site():
    f = SiteFacts("localpaper.com")
    for src in ("apnews.com", "wire.org", "b.com", "c.com", "d.com"):
        f.add({"main_text": "x"}, _copy(src, "syndicated", "(AP)"), article=True)
    assert _kinds(f) == set()


def test_title_brands_that_change_from_page_to_page_but_not_a_site_name_or_sections():
    farm = SiteFacts("lakeview-tribune.com")
    for name in ("The Greenville Press", "Newport Tribune", "Franklin Tribune", "Arlington Daily Tribune"):
        farm.add({"title": f"Council votes on the bridge | {name}", "main_text": ""})
    assert "brands" in _kinds(farm)
    own = SiteFacts("ridgelinepost.co.uk")  # its own name, in the forms its sections give it
    for name in ("The Ridgeline Post", "Ridgeline Post Sport", "Ridgeline Post Business", "Ridgeline Post"):
        own.add({"title": f"Story of the day | {name}", "main_text": ""})
    assert "brands" not in _kinds(own)
    sections = SiteFacts("example.com")
    for sec in ("Sport", "Local Sport", "Arts And Culture", "Real Estate", "Food And Drink"):
        sections.add({"title": f"A headline here | {sec}", "main_text": ""})
    assert "brands" not in _kinds(sections)
    assert title_brand("Headline | The Greenville Press") == "The Greenville Press"
    assert title_brand("Brexit: what it means") == ""


def test_injected_brands_the_classifier_found_count_when_they_change():
    f = SiteFacts("moneyrank-news.com")
    for b in ("AlphaLine", "NextStack", "WealthNest"):
        f.add({"title": "x", "brands": [b], "main_text": ""})
    assert "brands" in _kinds(f)
    same = SiteFacts("moneyrank-news.com")
    for _ in range(3):
        same.add({"title": "x", "brands": ["AlphaLine", "NextStack", "WealthNest"], "main_text": ""})
    assert "brands" not in _kinds(same)  # the same ones on every page: a site's own partners, not injection


def test_a_page_template_repeated_across_many_domains():
    blocks = [{"heading": "Related"}, {"heading": "Ranking"}, {"heading": "Recommendation"}]
    shape = page_shape("Brand: headline -Other", blocks)
    assert shape and page_shape("x", blocks[:1]) == ""
    f = SiteFacts("a-farm.com")
    for _ in range(3):
        f.add({"title": "Brand: headline -Other", "link_blocks": blocks, "main_text": ""})
    assert "template" in _kinds(f, {shape: {"a-farm.com", "b.com", "c.com", "d.com"}})
    assert "template" not in _kinds(f, {shape: {"a-farm.com", "b.com", "c.com"}})


def test_many_outlets_credits_and_off_theme_stories_lift_legit_to_unsure_only():
    f = SiteFacts("quiltbarn-supplies.com")
    for src in ("a.com", "b.com", "c.com", "d.com"):
        f.add({"title": "Council votes", "main_text": "The council voted on the bridge."},
              _copy(src, "syndicated", "originally appeared on"), article=True)
    found = signals(f)
    assert {s.kind for s in found} == {"outlets", "theme"}
    assert combine("legit", 0.0, [s.line() for s in found])[0] == "unsure"
    assert combine("farm", 0.8, [s.line() for s in found])[:2] == ("farm", 0.8)
    on_theme = SiteFacts("quiltbarn-supplies.com")
    for src in ("a.com", "b.com", "c.com"):
        on_theme.add({"title": "New quilting patterns", "main_text": "Our quilt fabrics."}, _copy(src, "syndicated", "x"))
    assert "theme" not in _kinds(on_theme)


def test_a_stored_line_names_its_signal():
    assert kind_of(SITE_PREFIX + "copies of other outlets: 4 of 4") == "copies"
    assert kind_of("copied from a.com") == "" and kind_of(SITE_PREFIX + "something else") == ""


def _copy_site(store) -> None:
    """Three outlets' stories, copied (undated) onto a shop's blog the model called legitimate."""
    rows = []
    for i, outlet in enumerate(("valleyledger.net", "harborgazette.com", "prairiesentinel.com")):
        text = story(100 + i)
        rows.append(page(f"https://{outlet}/news/{i}", text, published="2025-03-0" + str(i + 1)))
        rows.append(page(f"https://quiltbarn-supplies.com/blog/{i}", text, fetched_at="2025-04-01T00:00:00+00:00"))
    store.upsert_pages(rows)


def test_the_site_verdict_uses_pooled_evidence_and_explains_it(store):
    _copy_site(store)
    res = annotate(store)
    assert [s.kind for s in res.site_signals["quiltbarn-supplies.com"]][0] == "copies"
    # lent to every page of the site
    ev = store.get_page("https://quiltbarn-supplies.com/blog/0")["evidence"]
    assert ev[0].startswith("copied from valleyledger.net") and any(x.startswith(SITE_PREFIX) for x in ev)
    summary = build(store, Filters())
    rows = {r.site: r for r in summary.sites}
    shop = rows["quiltbarn-supplies.com"]
    assert shop.flagged == 0 and shop.verdict == "farm"  # no page flagged: the pooled evidence decides
    assert shop.reasons[0] == "0 of 3 pages flagged (0%)"
    assert shop.reasons[1].startswith("copies of other outlets: 3 of 3 articles")
    assert rows["valleyledger.net"].verdict == "legit" and rows["valleyledger.net"].reasons == ["0 of 1 pages flagged (0%)"]
    out = io.StringIO()
    write(summary, store, out, "json")
    site = next(s for s in json.loads(out.getvalue())["sites"] if s["site"] == "quiltbarn-supplies.com")
    assert site["verdict"] == "farm" and any("unrelated outlets" in r for r in site["reasons"])
    # No page was flagged, so the detail lists the site's pages, each naming what it copied.
    listed = site["flagged_pages"]
    assert len(listed) == 3 and all(p["provenance"].startswith("copied from ") for p in listed)
    html = io.StringIO()
    write(summary, store, html, "html")
    assert 'href="#site-' in html.getvalue() and "copied from prairiesentinel.com" in html.getvalue()


def test_an_analysts_review_still_overrides_site_evidence(store):
    _copy_site(store)
    annotate(store)
    store.add_review("site", "quiltbarn-supplies.com", "legit", note="licensed, checked", reviewer="ann")
    shop = next(r for r in build(store, Filters()).sites if r.site == "quiltbarn-supplies.com")
    assert shop.verdict == "legit" and shop.verdict_source == "review"


def test_site_lines_are_withdrawn_when_the_evidence_is_gone(store):
    _copy_site(store)
    annotate(store)
    for i, outlet in enumerate(("valleyledger.net", "harborgazette.com", "prairiesentinel.com")):
        store.upsert_pages([page(f"https://{outlet}/news/{i}", story(200 + i), published="2025-03-01")])
    annotate(store)
    ev = store.get_page("https://quiltbarn-supplies.com/blog/0")["evidence"]
    assert not any(x.startswith(SITE_PREFIX) or x.startswith("copied from") for x in ev)
