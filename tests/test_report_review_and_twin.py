"""What people decided shows in every report; the twin comparison ignores typography and marks words."""

from __future__ import annotations

import csv
import io
import json

import pytest

from crawler.storage import open_store
from farmwatch.cli import main
from farmwatch.report.twin import compare, normalise
from tests.test_report_formats import STORIES, _page, sample_rows

NOTE = "licensed syndication, checked with them"


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "fw.sqlite"
    with open_store(path) as store:
        store.upsert_pages(sample_rows())
        store.add_review("site", "moneyrank-news.com", "legit", NOTE, "ann", at="2026-12-01T10:00:00+00:00")
        store.add_review("site", "citypost.co.uk", "legit", "our own paper", "bob", at="2026-12-02T10:00:00+00:00")
        store.add_review("page", "https://market.moneyrank-news.com/p/0", "farm", "the hostile one", "cy",
                         at="2026-12-03T10:00:00+00:00")
    return path


def _report(db, fmt: str, *extra) -> str:
    out = db.parent / f"r.{fmt}"
    assert main(["report", "--db", str(db), "--format", fmt, "--out", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


def test_every_format_shows_the_review_note_reviewer_and_date(db, capsys):
    html = _report(db, "html")
    rows = list(csv.DictReader(io.StringIO(_report(db, "csv"))))
    data = json.loads(_report(db, "json"))
    assert main(["report", "--db", str(db)]) == 0
    table = capsys.readouterr().out
    for text in (html, table):
        assert NOTE in text and "ann 2026-12-01" in text and "our own paper" in text
    money = next(r for r in rows if r["site"] == "moneyrank-news.com")
    assert (money["review_note"], money["review_by"], money["review_at"][:10]) == (NOTE, "ann", "2026-12-01")
    site = next(s for s in data["sites"] if s["site"] == "moneyrank-news.com")
    assert site["review"]["note"] == NOTE
    page = next(p for p in site["flagged_pages"] if p["canonical_url"].endswith("/p/0"))
    assert (page["review"]["note"], page["review"]["reviewer"]) == ("the hostile one", "cy")
    assert "the hostile one" in html and "cy 2026-12-03" in html


def test_review_that_contradicts_the_model_is_marked_and_counted(db, capsys):
    data = json.loads(_report(db, "json"))
    sites = {s["site"]: s for s in data["sites"]}
    money, city = sites["moneyrank-news.com"], sites["citypost.co.uk"]
    assert money["verdict"] == "legit" and money["model_verdict"] == "farm" and money["review_disagrees"]
    assert city["verdict"] == "legit" and not city["review_disagrees"]  # review and model agree
    assert data["totals"]["disagreements"] == 1 and data["totals"]["reviewed_sites"] == 2
    html = _report(db, "html")
    assert 'id="total-disagreements">1<' in html and html.count('class="disagrees"') == 1
    assert main(["report", "--db", str(db)]) == 0
    table = capsys.readouterr().out
    line = next(ln for ln in table.splitlines() if ln.startswith("moneyrank-news.com"))
    assert "≠ model farm" in line
    assert "1 where review and model disagree" in table.splitlines()[0]
    assert "DISAGREES: model says farm (3 of 3 pages flagged" in table
    row = next(r for r in csv.DictReader(io.StringIO(_report(db, "csv"))) if r["site"] == "moneyrank-news.com")
    assert (row["model_verdict"], row["review_disagrees"]) == ("farm", "yes")


def test_filtered_header_counts_only_what_is_shown(db, capsys):
    assert main(["report", "--db", str(db), "--min-score", "0.9"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("1 sites, 3 pages, 3 flagged")  # moneyrank only, not all 15 pages
    data = json.loads(_report(db, "json", "--min-score", "0.9"))
    assert data["totals"]["pages"] == 3 and sum(data["histogram"]) == 3


def test_table_columns_line_up(db, capsys):
    assert main(["report", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    head = lines[1]
    body = lines[2:2 + 4]
    for ln in body:
        assert ln[head.index("verdict")] != " " and ln[head.index("verdict") - 1] == " "


def test_twin_comparison_ignores_quotes_dashes_and_spaces():
    original = "The mayor said \"work would begin\" in spring - after the vote. It's the third storm."
    copied = "The mayor  said “work would begin” in spring — after the vote. It’s the third storm."
    assert normalise(copied) == normalise(original)
    result = compare(copied, original)
    assert result["shared"] == 1.0 and result["changed"] == [] and result["changed_sentences"] == 0


def test_twin_comparison_marks_the_changed_words_inside_the_line_and_the_share_agrees():
    original = STORIES[0]
    copied = original.replace("The mayor said", "The MegaBank mayor said").replace("storms", "tempests")
    result = compare(copied, original)
    assert result["changed_sentences"] == 2 and result["sentences"] == 4
    spun, injected = (c["diff"] for c in result["changed"])
    assert ("del", "storms") in spun and ("add", "tempests") in spun
    assert [op for op in injected if op[0] != "same"] == [("add", "MegaBank")]
    words = [len(s.split()) for s in copied.split(". ")]
    unchanged = sum(n for s, n in zip(copied.split(". "), words) if "MegaBank" not in s and "tempests" not in s)
    assert result["shared"] == pytest.approx(unchanged / sum(words), abs=0.01)


def test_html_twin_marks_words_and_states_a_share_that_matches_the_lines(tmp_path):
    db = tmp_path / "fw.sqlite"
    twin_text = STORIES[1]
    farm_text = twin_text.replace("Nurses", "“Nurses”").replace("staffing levels", "MegaBank staffing levels")
    with open_store(db) as store:
        store.upsert_pages([
            _page("https://news.dailyherald.com/a", "dailyherald.com", "news.dailyherald.com", "legit", twin_text,
                  "Strike", 0.05, 1),
            _page("https://copy.farm.net/a", "farm.net", "copy.farm.net", "farm", farm_text, "Strike", 0.99, 2),
            _page("https://copy.farm.net/b", "farm.net", "copy.farm.net", "farm", farm_text, "Strike", 0.99, 2)])
    html = _report(db, "html")
    assert "<ins>MegaBank</ins>" in html
    assert "75% of the text shared" not in html  # the quotes alone change nothing
    shared = compare(farm_text, twin_text)["shared"]
    assert f"{shared:.0%} of the text shared (3 of 4 sentences the same" in html


def test_run_summary_honours_reviews_as_the_report_does(db, capsys):
    from farmwatch.commands.run import print_summary, summarise

    with open_store(db) as store:
        print_summary(summarise(store), {}, str(db))
    lines = capsys.readouterr().out.splitlines()
    money = next(ln for ln in lines if ln.strip().startswith("moneyrank-news.com"))
    assert money.split()[1] == "legit"  # the review, not the model's farm
    assert f"legit by ann 2026-12-01: {NOTE} (model: farm)" in money
    head = next(ln for ln in lines if ln.strip().startswith("site "))
    assert money.index("legit") == head.index("verdict")
