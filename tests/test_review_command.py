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
    assert main(["review", "page", "https://nowhere.example/x", "--label", "farm", "--db", str(db)]) == 0
    assert "no stored page" in capsys.readouterr().err
