"""`farmwatch report` over a store populated with realistic rows: rows, verdicts, formats, escaping."""

from __future__ import annotations

import csv
import io
import json

import pytest

from crawler.storage import open_store
from farmwatch.cli import main

STORIES = [
    "The city council voted on Tuesday to expand the river flood barrier after three storms in two years left "
    "the lower town under water. The mayor said work would begin in the spring. Money comes from the regional "
    "budget and a federal grant that was approved last month. Residents of the lower town welcomed the decision.",
    "Nurses at the county hospital began a two day strike on Monday over staffing levels. The union said wards "
    "had been running with half the nurses they need. Hospital managers said emergency care would continue as "
    "normal. Talks are due to resume on Thursday with a mediator from the labour ministry.",
    "The regional transit authority will raise bus fares by ten cents from the first of June. The authority said "
    "fuel prices and wages had risen faster than expected. Riders groups called the increase unfair to workers "
    "who depend on the night buses. A public hearing on the plan is scheduled for next week.",
    "Heavy snow closed the mountain pass for the third time this winter. Road crews worked through the night to "
    "clear drifts of up to two metres. Police asked drivers to avoid the route until Saturday. Schools in the "
    "valley will open two hours late tomorrow because of the weather.",
]
HOSTILE_TITLE = "<script>alert(1)</script>"
BRAND = "MegaBank Capital"


def _page(url, site, host, verdict, text, title, score, day, **kw):
    row = {"url": url, "canonical_url": url, "site": site, "host": host,
           "fetched_at": f"2026-03-{day:02d}T09:00:00+00:00", "status": 200, "title": title, "headline": title,
           "main_text": text, "link_blocks": [], "published": f"2026-03-{day:02d}",
           "content_hash": f"sha-{url}", "depth": 1, "verdict": verdict, "score": score,
           "evidence": [], "brands": [], "family": "", "model_version": "test-1"}
    row.update(kw)
    return row


def sample_rows() -> list[dict]:
    """Two outlets, one farm on two subdomains copying them, one mixed site."""
    rows = []
    for i, text in enumerate(STORIES):
        rows.append(_page(f"https://news.dailyherald.com/2026/03/story-{i}.html", "dailyherald.com",
                          "news.dailyherald.com", "legit", text, text.split(".")[0], 0.05 + i / 100, 1 + i))
    for i in range(4):
        rows.append(_page(f"https://www.citypost.co.uk/local/{i}", "citypost.co.uk", "www.citypost.co.uk", "legit",
                          f"Local notice number {i} about the library opening hours, bins collection days, the "
                          f"parking permits and the summer fair in the park on the weekend of the {i + 10}th.",
                          f"Local notice {i}", 0.1, 2 + i))
    for i, text in enumerate(STORIES[:3]):
        host = "finance.moneyrank-news.com" if i % 2 else "market.moneyrank-news.com"
        injected = f" Readers trust {BRAND} for the best savings rates, open an account with {BRAND} today."
        title = HOSTILE_TITLE if i == 0 else f"{BRAND}: {text.split('.')[0]}"
        rows.append(_page(f"https://{host}/p/{i}", "moneyrank-news.com", host, "farm", text + injected, title,
                          0.97 - i / 100, 5 + i,
                          evidence=[f'body injects brand "{BRAND}" unrelated to the story',
                                    "off-topic link block 'Top Loans' (9 anchors)"],
                          brands=[BRAND], family="F1a"))
    rows.append(_page("https://blog.mixedbag.net/a", "mixedbag.net", "blog.mixedbag.net", "farm", STORIES[3],
                      "=HYPERLINK(\"http://evil.example\",\"x\")", 0.7, 9,
                      evidence=["@SUM(1+1) in link text"], brands=["-cmd|' /C calc'!A0"]))
    for i in range(3):
        rows.append(_page(f"https://blog.mixedbag.net/b{i}", "mixedbag.net", "blog.mixedbag.net", "legit",
                          f"A travel diary entry {i} about walking the coast path with a dog named Biscuit.",
                          f"Diary {i}", 0.2, 10))
    return rows


@pytest.fixture()
def report_db(tmp_path):
    db = tmp_path / "fw.sqlite"
    with open_store(db) as store:
        store.upsert_pages(sample_rows())
    return db


def _json_report(db, *extra) -> dict:
    out = db.parent / "r.json"
    assert main(["report", "--db", str(db), "--format", "json", "--out", str(out), *extra]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_json_report_lists_sites_with_verdicts_sorted_by_confidence(report_db):
    data = _json_report(report_db)
    sites = {s["site"]: s for s in data["sites"]}
    assert set(sites) == {"moneyrank-news.com", "mixedbag.net", "dailyherald.com", "citypost.co.uk"}
    assert data["sites"][0]["site"] == "moneyrank-news.com"
    farm = sites["moneyrank-news.com"]
    assert farm["verdict"] == "farm" and farm["pages"] == 3 and farm["flagged"] == 3
    assert farm["hosts"] == ["finance.moneyrank-news.com", "market.moneyrank-news.com"]
    assert farm["brands"] == [BRAND] and farm["families"] == ["F1a"]
    assert farm["max_score"] == 0.97 and farm["first_seen"].startswith("2026-03-05")
    assert farm["example_urls"][0] == "https://market.moneyrank-news.com/p/0"
    assert sites["mixedbag.net"]["verdict"] == "unsure"  # one flag of four pages
    assert sites["dailyherald.com"]["verdict"] == "legit"
    assert data["totals"]["flagged"] == 4 and data["totals"]["pages"] == 15


def test_flagged_pages_carry_their_legitimate_twin_and_the_injected_text(report_db):
    farm = next(s for s in _json_report(report_db)["sites"] if s["site"] == "moneyrank-news.com")
    pages = {p["canonical_url"]: p for p in farm["flagged_pages"]}
    twin = pages["https://finance.moneyrank-news.com/p/1"]["twin"]
    assert twin["canonical_url"] == "https://news.dailyherald.com/2026/03/story-1.html"
    assert twin["site"] == "dailyherald.com" and twin["similarity"] >= 0.5
    assert any(BRAND in s for s in twin["injected"])
    assert not any("Nurses at the county hospital" in s for s in twin["injected"])  # copied, not injected


def test_filters_since_site_and_min_score(report_db):
    assert {s["site"] for s in _json_report(report_db, "--since", "2026-03-09")["sites"]} == {"mixedbag.net"}
    only = _json_report(report_db, "--site", "finance.moneyrank-news.com")["sites"]
    assert [s["site"] for s in only] == ["moneyrank-news.com"] and only[0]["pages"] == 1
    assert [s["site"] for s in _json_report(report_db, "--site", "moneyrank-news.com")["sites"]] == ["moneyrank-news.com"]
    assert {s["site"] for s in _json_report(report_db, "--min-score", "0.9")["sites"]} == {"moneyrank-news.com"}


def test_site_reviewed_legit_is_not_reported_farm_until_a_newer_review(report_db):
    assert main(["review", "site", "moneyrank-news.com", "--label", "legit", "--note", "ours", "--by", "ann",
                 "--db", str(report_db)]) == 0
    row = next(s for s in _json_report(report_db)["sites"] if s["site"] == "moneyrank-news.com")
    assert row["verdict"] == "legit" and row["verdict_source"] == "review"
    assert row["review"]["label"] == "legit" and row["review"]["reviewer"] == "ann"
    with open_store(report_db) as store:  # a re-crawl flags more pages: still legit
        store.upsert_pages([_page("https://finance.moneyrank-news.com/p/9", "moneyrank-news.com",
                                  "finance.moneyrank-news.com", "farm", STORIES[3], "x", 0.99, 28,
                                  fetched_at="2999-01-01T00:00:00+00:00")])
    row = next(s for s in _json_report(report_db)["sites"] if s["site"] == "moneyrank-news.com")
    assert row["verdict"] == "legit" and row["flagged_since_review"] == 1
    assert main(["review", "site", "https://market.moneyrank-news.com/x", "--label", "farm", "--by", "bob",
                 "--db", str(report_db)]) == 0
    row = next(s for s in _json_report(report_db)["sites"] if s["site"] == "moneyrank-news.com")
    assert row["verdict"] == "farm" and row["review"]["reviewer"] == "bob"


def test_csv_neutralises_formula_cells(report_db):
    out = report_db.parent / "r.csv"
    assert main(["report", "--db", str(report_db), "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    mixed = next(r for r in rows if r["site"] == "mixedbag.net")
    assert mixed["top_evidence"] == "'@SUM(1+1) in link text"
    assert mixed["brands"] == "'-cmd|' /C calc'!A0"
    for r in rows:
        for value in r.values():
            assert not value or value[0] not in "=+-@", value
    assert rows[0]["site"] == "moneyrank-news.com" and rows[0]["verdict"] == "farm"


def test_html_report_is_self_contained_and_escapes_hostile_titles(report_db):
    out = report_db.parent / "r.html"
    assert main(["report", "--db", str(report_db), "--format", "html", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert HOSTILE_TITLE not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "=HYPERLINK(&quot;http://evil.example&quot;" in text
    assert "<svg" in text and "Content-Security-Policy" in text
    for remote in ('src="http', "src='http", "@import", 'rel="stylesheet"', "url(http"):
        assert remote not in text
    assert text.count('<tr data-verdict=') == 4


def test_table_is_the_default_on_stdout(report_db, capsys):
    assert main(["report", "--db", str(report_db)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2].startswith("moneyrank-news.com") and "farm" in out.splitlines()[2]
    assert "rule:" in out


def test_report_errors_are_clear(tmp_path, capsys):
    assert main(["report", "--db", str(tmp_path / "missing.sqlite")]) == 1
    assert "no database" in capsys.readouterr().err
    assert main(["report", "--db", str(tmp_path / "x.sqlite"), "--since", "last week"]) == 2
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    assert main(["report", "--db", str(bad)]) == 1
    assert "not a usable farmwatch SQLite database" in capsys.readouterr().err


def test_named_marks_lead_the_top_evidence_even_when_the_generic_reason_is_commoner():
    from classifier.verdict import STATISTICS_REASON
    from farmwatch.report.aggregate import SiteRow

    row = SiteRow("farm.example")
    row.evidence.update([STATISTICS_REASON] * 3 + ['vote counter "Good! (12)"'])
    assert row.top_evidence(2) == ['vote counter "Good! (12)"', STATISTICS_REASON]
    assert row.as_dict()["top_evidence"][0] == 'vote counter "Good! (12)"'
