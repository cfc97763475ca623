"""`farmwatch review`: labels recorded in the store, listed, and used as training labels."""

from __future__ import annotations

import pytest

from crawler.storage import open_store
from farmwatch.cli import main
from tests.test_report_formats import sample_rows


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "fw.sqlite"
    with open_store(path) as store:
        store.upsert_pages(sample_rows())
    return path


def test_site_review_is_recorded_against_the_registered_domain(db, capsys):
    assert main(["review", "site", "finance.moneyrank-news.com", "--label", "farm", "--note", "copies the Herald",
                 "--by", "ann", "--db", str(db)]) == 0
    assert "site moneyrank-news.com → farm" in capsys.readouterr().out
    with open_store(db) as store:
        review = store.latest_review("site", "moneyrank-news.com")
    assert (review["label"], review["note"], review["reviewer"]) == ("farm", "copies the Herald", "ann")
    assert review["at"]


def test_page_review_and_list(db, capsys):
    url = "https://blog.mixedbag.net/a"
    assert main(["review", "page", url, "--label", "legit", "--by", "bob", "--db", str(db)]) == 0
    assert main(["review", "site", "dailyherald.com", "--label", "unsure", "--by", "ann", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["review", "--list", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "dailyherald.com" in lines[1] and url in lines[2]


def test_reviewed_pages_feed_training_labels(db):
    assert main(["review", "site", "dailyherald.com", "--label", "legit", "--by", "ann", "--db", str(db)]) == 0
    assert main(["review", "page", "https://blog.mixedbag.net/a", "--label", "legit", "--by", "bob",
                 "--db", str(db)]) == 0
    with open_store(db) as store:
        labels = {p["canonical_url"]: p["label"] for p in store.reviewed_pages()}
    assert labels["https://blog.mixedbag.net/a"] == "legit"
    assert sum(1 for u in labels if "dailyherald.com" in u) == 4


def test_page_review_excludes_the_page_from_the_site_flag_count(db):
    import json

    main(["review", "page", "https://blog.mixedbag.net/a", "--label", "legit", "--by", "bob", "--db", str(db)])
    out = db.parent / "r.json"
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    mixed = next(s for s in json.loads(out.read_text())["sites"] if s["site"] == "mixedbag.net")
    assert mixed["flagged"] == 0 and mixed["verdict"] == "legit"


def test_review_usage_errors(db, capsys):
    assert main(["review", "site", "a.com", "--db", str(db)]) == 2  # no label
    with pytest.raises(SystemExit) as exc:
        main(["review", "site", "a.com", "--label", "spam", "--db", str(db)])
    assert exc.value.code == 2
    assert main(["review", "page", "https://nowhere.example/x", "--label", "farm", "--db", str(db)]) == 1
    assert "no stored page" in capsys.readouterr().err


def test_review_of_an_unknown_site_is_refused_unless_forced(db, capsys):
    assert main(["review", "site", "dailyheral.com", "--label", "legit", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "no stored page for site dailyheral.com" in err and "--force" in err
    with open_store(db) as store:
        assert store.reviews() == []
    assert main(["review", "site", "dailyheral.com", "--label", "legit", "--force", "--db", str(db)]) == 0
    with open_store(db) as store:
        assert [r["target"] for r in store.reviews()] == ["dailyheral.com"]


def test_withdrawn_review_no_longer_counts_but_stays_listed_with_all(db, capsys):
    import json

    assert main(["review", "site", "dailyherald.com", "--label", "farm", "--by", "ann", "--db", str(db)]) == 0
    out = db.parent / "r.json"
    main(["report", "--db", str(db), "--out", str(out)])
    site = next(s for s in json.loads(out.read_text())["sites"] if s["site"] == "dailyherald.com")
    assert site["verdict"] == "farm"
    capsys.readouterr()
    assert main(["review", "withdraw", "1", "--by", "bob", "--db", str(db)]) == 0
    assert "review 1 withdrawn: site dailyherald.com → farm by ann" in capsys.readouterr().out
    main(["report", "--db", str(db), "--out", str(out)])
    site = next(s for s in json.loads(out.read_text())["sites"] if s["site"] == "dailyherald.com")
    assert site["verdict"] == "legit" and site["review"] is None
    assert main(["review", "--list", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "no reviews"
    assert main(["review", "--list", "--all", "--db", str(db)]) == 0
    assert "farm (withdrawn)" in capsys.readouterr().out
    assert main(["review", "withdraw", "99", "--db", str(db)]) == 1
    assert main(["review", "withdraw", "x", "--db", str(db)]) == 2


def test_review_list_columns_line_up(db, capsys):
    main(["review", "page", "https://blog.mixedbag.net/a", "--label", "legit", "--by", "a-long-reviewer-name",
          "--note", "syndicated", "--db", str(db)])
    main(["review", "site", "dailyherald.com", "--label", "unsure", "--by", "al", "--db", str(db)])
    capsys.readouterr()
    main(["review", "--list", "--db", str(db)])
    lines = capsys.readouterr().out.splitlines()
    for column in ("target", "by", "label"):
        starts = {ln.index(word) for ln, word in zip(lines, [column, "dailyherald.com" if column == "target" else
                                                             "al" if column == "by" else "unsure"])}
        starts |= {lines[2].index({"target": "https://blog", "by": "a-long", "label": "legit"}[column])}
        assert len(starts) == 1, (column, lines)
