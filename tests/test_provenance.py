"""Provenance: the original a copied page came from, licensed syndication told apart from a copy,
and the evidence pass that writes it onto stored pages (real SQLite; PostgreSQL when a server runs)."""

from __future__ import annotations

import gzip
import json
import random

import pytest

from classifier.provenance import (COPY_MIN_SHARE, Candidate, Finder, ReferenceIndex, judge, load_owners, load_reference,
                                   provenance_features, shingles)
from crawler.storage import open_store
from farmwatch.evidence import annotate
from tests.helpers import farmwatch

_WORDS = ("council river bridge budget school hospital mayor plant workers storm county court judge rules farmers "
          "water drought transit route station library museum park police officers residents families vote plan "
          "repairs season team coach players title market prices grocery jobs factory students teachers board "
          "hearing permit company expansion road closure flooding rain inches crews trees power outage week").split()


def story(seed: int, sentences: int = 14) -> str:
    """A made-up news text of distinct sentences (a seed gives the same text every time)."""
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 14))]
        out.append(" ".join(words).capitalize() + ", officials said on " + rng.choice(["Monday", "Tuesday", "Friday"]) + ".")
    return " ".join(out)


ORIGINAL = story(1)


def page(url: str, text: str, verdict: str = "legit", published: str = "", **kw) -> dict:
    host = url.split("/")[2]
    parts = host.split(".")
    site = ".".join(parts[-3:]) if parts[-1] == "uk" else ".".join(parts[-2:])
    row = {"url": url, "canonical_url": url, "site": site, "host": host, "fetched_at": "2026-03-10T10:00:00+00:00",
           "status": 200, "title": "A story", "headline": "A story", "main_text": text, "link_blocks": [],
           "published": published, "content_hash": "h-" + url, "depth": 1, "verdict": verdict,
           "score": 0.9 if verdict == "farm" else 0.1, "evidence": ["a classifier reason"] if verdict == "farm" else [],
           "brands": [], "family": "", "model_version": "test"}
    row.update(kw)
    return row


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    target = tmp_path / "fw.sqlite" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(target) as s:
        yield s


def test_copy_on_an_unrelated_site_names_the_original_its_date_and_the_share(store):
    store.upsert_pages([page("https://news.ridgelinepost.co.uk/n/1", ORIGINAL, published="2025-03-21T09:00:00+01:00"),
                        page("https://quiltbarn-supplies.com/blog/x", ORIGINAL.split(". ", 1)[1] + " Visit our quilt shop today.",
                             published="2025-03-24")])
    prov = Finder(store).for_page(store.get_page("https://quiltbarn-supplies.com/blog/x"))
    assert prov is not None and prov.relation == "copy"
    assert prov.source_url == "https://news.ridgelinepost.co.uk/n/1"
    assert prov.days_earlier == 3
    assert prov.evidence().startswith("copied from ridgelinepost.co.uk, published 3 days earlier, 9")
    assert "% of the text" in prov.evidence()


def test_the_original_is_not_called_a_copy_of_its_later_copy(store):
    store.upsert_pages([page("https://news.a.com/1", ORIGINAL, published="2025-03-21"),
                        page("https://news.b.com/1", ORIGINAL, published="2025-03-25")])
    assert Finder(store).for_page(store.get_page("https://news.a.com/1")) is None
    assert Finder(store).for_page(store.get_page("https://news.b.com/1")).source_site == "a.com"


def test_an_undated_copy_is_dated_by_when_the_crawler_first_saw_it(store):
    store.upsert_pages([page("https://news.a.com/1", ORIGINAL, published="2025-03-21"),
                        page("https://copies.example.net/1", ORIGINAL, fetched_at="2025-03-31T00:00:00+00:00")])
    prov = Finder(store).for_page(store.get_page("https://copies.example.net/1"))
    assert prov.relation == "copy" and prov.days_earlier == 10
    assert "published 2025-03-21, 10 days before this copy was first seen" in prov.evidence()


@pytest.mark.parametrize("credit", ["HOLLIS CREEK, Kan. (AP) — ", "", "Via AP news wire. "])
def test_a_wire_credit_makes_it_licensed_syndication(store, credit):
    copy = (credit or "By Jane Roe, Reuters. ") + ORIGINAL
    store.upsert_pages([page("https://news.a.com/1", ORIGINAL, published="2025-03-21"),
                        page("https://tv.b.com/1", copy, published="2025-03-21")])
    prov = Finder(store).for_page(store.get_page("https://tv.b.com/1"))
    assert prov.relation == "syndicated"
    assert prov.evidence().startswith("licensed syndication: a.com's story")


def test_an_attribution_line_makes_it_licensed_syndication(store):
    store.upsert_pages([page("https://news.a.com/1", ORIGINAL, published="2025-03-21"),
                        page("https://portal.b.com/1", ORIGINAL + " This story originally appeared on The A News.",
                             published="2025-03-22")])
    prov = Finder(store).for_page(store.get_page("https://portal.b.com/1"))
    assert prov.relation == "syndicated" and prov.credit == "originally appeared on"


def test_sites_of_one_owner_share_stories_as_a_network(tmp_path):
    owners_file = tmp_path / "owners.tsv"
    owners_file.write_text("# site\towner\na.com\tHarbor Media\nb.com\tHarbor Media\n", encoding="utf-8")
    owners = load_owners(owners_file)
    cands = [Candidate("https://news.a.com/1", "a.com", ORIGINAL, "2025-03-21")]
    assert judge(ORIGINAL, "b.com", "2025-03-22", "", cands, owners).relation == "network"
    assert judge(ORIGINAL, "c.com", "2025-03-22", "", cands, owners).relation == "copy"


def test_a_malformed_owners_list_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "owners.tsv"
    bad.write_text("a.com Harbor Media\n", encoding="utf-8")
    with pytest.raises(ValueError, match="owners.tsv:1"):
        load_owners(bad)


def test_without_a_date_on_either_side_nothing_is_claimed():
    cands = [Candidate("https://news.a.com/1", "a.com", ORIGINAL)]
    assert judge(ORIGINAL, "b.com", "", "", cands) is None


def test_text_several_other_sites_carry_is_common_text_not_a_copy():
    common = [Candidate(f"https://news.{s}/1", s, ORIGINAL, "2025-03-01") for s in ("a.com", "c.com")]
    assert judge(ORIGINAL, "b.com", "2025-03-22", "", common) is None
    assert judge(ORIGINAL, "b.com", "2025-03-22", "", common[:1]).relation == "copy"


CONSENT = " ".join(f"Our {n} partners use cookies and device identifiers for advertising purposes and to measure "
                   f"ads on page {n}, and privacy settings in your browser decide which cookies our vendors store "
                   f"for personalised ads and which consent choices apply to purposes number {n}." for n in
                   ("one", "two", "three", "four", "five", "six", "seven", "eight"))


def test_cookie_and_consent_text_is_not_story_text():
    # The consent wall alone is far more than enough text to be called a copy...
    assert len(CONSENT.split()) > 200
    # ...but none of its shingles is story text, so two pages sharing only the wall share nothing.
    assert len(shingles(CONSENT)) < 20
    cands = [Candidate("https://a.com/x", "a.com", CONSENT + " " + story(7, 3), "2025-01-01")]
    assert judge(CONSENT + " " + story(8, 3), "b.com", "2025-02-01", "", cands) is None


def test_a_different_story_is_not_a_copy():
    cands = [Candidate("https://news.a.com/1", "a.com", story(2), "2025-03-01")]
    assert judge(ORIGINAL, "b.com", "2025-03-22", "", cands) is None


def test_a_partial_copy_below_the_threshold_is_not_a_copy():
    half = ORIGINAL.split(". ")
    part = ". ".join(half[: int(len(half) * (COPY_MIN_SHARE - 0.2))]) + ". " + story(3)
    cands = [Candidate("https://news.a.com/1", "a.com", ORIGINAL, "2025-03-01")]
    assert judge(part, "b.com", "2025-03-22", "", cands) is None


def test_features_are_numbers_a_model_can_use():
    assert provenance_features(None) == {"prov_copy": 0.0, "prov_syndicated": 0.0, "prov_network": 0.0,
                                         "prov_share": 0.0, "prov_days_earlier": 0.0}
    prov = judge(ORIGINAL, "b.com", "2025-03-22", "", [Candidate("https://news.a.com/1", "a.com", ORIGINAL, "2025-03-20")])
    f = provenance_features(prov)
    assert f["prov_copy"] == 1.0 and f["prov_days_earlier"] == 2.0 and f["prov_share"] == 1.0
    assert all(isinstance(v, float) for v in f.values())


def _reference_corpus(root, pages: list[tuple[str, str, str, str]]):
    """A corpus folder in the ../shared/corpus layout (INDEX.tsv + pages/<id>.html.gz), made here."""
    (root / "pages").mkdir(parents=True)
    rows = ["id\turl\thost\tlang\tkind\tbytes\tnote\tdate\tsrc"]
    for pid, url, text, day in pages:
        html = f"<html><head><title>Story</title></head><body><article><h1>Story</h1><p>{text}</p></article></body></html>"
        (root / "pages" / f"{pid}.html.gz").write_bytes(gzip.compress(html.encode()))
        rows.append(f"{pid}\t{url}\t{url.split('/')[2]}\ten\tnews\t{len(html)}\t\t{day}\t")
    (root / "INDEX.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_a_reference_corpus_given_on_the_command_line_supplies_the_original(tmp_path):
    ref = _reference_corpus(tmp_path / "ref", [("p1", "https://www.ridgelinepost.co.uk/a/1", ORIGINAL, "2025-03-21"),
                                               ("p2", "https://www.other.org/b", story(5), "2025-03-01")])
    index = load_reference([ref])
    assert isinstance(index, ReferenceIndex) and len(index) == 2
    db = tmp_path / "fw.sqlite"
    with open_store(db) as s:
        s.upsert_pages([page("https://quiltbarn-supplies.com/blog/x", ORIGINAL, verdict="farm", published="2025-03-24")])
    proc = farmwatch("provenance", "--db", str(db), "--reference", str(ref), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["relations"] == {"copy": 1}
    with open_store(db) as s:
        ev = s.get_page("https://quiltbarn-supplies.com/blog/x")["evidence"]
    assert ev[0] == "a classifier reason"  # the classifier's lines stay, in front
    assert ev[1].startswith("copied from ridgelinepost.co.uk, published 3 days earlier, 100 % of the text")


def test_the_command_refuses_bad_input_with_one_line(tmp_path):
    db = tmp_path / "fw.sqlite"
    with open_store(db):
        pass
    missing = farmwatch("provenance", "--db", str(tmp_path / "nope.sqlite"))
    assert missing.returncode == 1 and "no database" in missing.stderr and "Traceback" not in missing.stderr
    noref = farmwatch("provenance", "--db", str(db), "--reference", str(tmp_path / "nowhere"))
    assert noref.returncode == 2 and "no such folder" in noref.stderr
    (tmp_path / "owners.tsv").write_text("just one column\n")
    badowners = farmwatch("provenance", "--db", str(db), "--owners", str(tmp_path / "owners.tsv"))
    assert badowners.returncode == 2 and "owners.tsv:1" in badowners.stderr and "Traceback" not in badowners.stderr


def test_the_evidence_pass_replaces_its_own_lines_and_keeps_the_classifiers(store):
    store.upsert_pages([page("https://news.a.com/1", ORIGINAL, published="2025-03-21"),
                        page("https://farm.b.com/1", ORIGINAL, verdict="farm", published="2025-03-24")])
    annotate(store)
    first = store.get_page("https://farm.b.com/1")["evidence"]
    res = annotate(store)
    assert store.get_page("https://farm.b.com/1")["evidence"] == first  # not appended twice
    assert first[0] == "a classifier reason" and first[1].startswith("copied from a.com")
    assert res.relations == {"copy": 1} and store.get_page("https://news.a.com/1")["evidence"] == []
