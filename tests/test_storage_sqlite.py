"""The SQLite store: apart-storage by verdict, idempotent upserts, frontier resume, schema."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from crawler.storage import SCHEMA_VERSION, StoreError, open_store
from crawler.storage.base import MIGRATIONS
from crawler.storage.sqlite import SQLiteStore

STORY = ("The city council voted on Tuesday to expand the river flood barrier after three storms in two "
         "years left the lower town under water, and the mayor said work would begin in the spring with "
         "money from the regional budget and a federal grant that was approved last month.")


def page(url: str, verdict: str = "legit", **kw) -> dict:
    host = url.split("/")[2]
    row = {"url": url, "canonical_url": url, "site": host.split(".", 1)[-1] if host.count(".") > 1 else host,
           "host": host, "fetched_at": "2026-03-01T10:00:00+00:00", "status": 200, "title": "Flood barrier vote",
           "headline": "Flood barrier vote", "main_text": STORY, "link_blocks": [{"heading": "More", "anchors": ["a"]}],
           "published": "2026-03-01", "content_hash": "h-" + url, "depth": 1, "verdict": verdict,
           "score": 0.9 if verdict == "farm" else 0.1, "evidence": ["brand X injected"] if verdict == "farm" else [],
           "brands": ["X"] if verdict == "farm" else [], "family": "F1a" if verdict == "farm" else "",
           "model_version": "test", "document": object()}
    row.update(kw)
    return row


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "fw.sqlite") as s:
        yield s


def test_reupsert_updates_in_place_without_duplicates(store):
    batch = [page("https://news.a.com/1"), page("https://news.a.com/2"), page("https://farm.b.com/1", "farm")]
    assert store.upsert_pages(batch) == {"inserted": 3, "updated": 0, "moved": 0}
    again = [dict(p, fetched_at="2026-03-02T10:00:00+00:00", title="New title") for p in batch]
    assert store.upsert_pages(again) == {"inserted": 0, "updated": 3, "moved": 0}
    assert store.counts() == {"farm_pages": 1, "farm_sites": 1, "legit_pages": 2, "legit_sites": 1}
    stored = store.get_page("https://news.a.com/1")
    assert stored["title"] == "New title"
    assert stored["first_seen"] == "2026-03-01T10:00:00+00:00"  # kept from the first crawl
    assert stored["fetched_at"] == "2026-03-02T10:00:00+00:00"
    assert stored["link_blocks"] == [{"heading": "More", "anchors": ["a"]}]
    assert "document" not in stored


def test_duplicate_urls_within_one_batch_store_once(store):
    counts = store.upsert_pages([page("https://news.a.com/1"), page("https://news.a.com/1", title="later")])
    assert counts == {"inserted": 1, "updated": 0, "moved": 0}
    assert store.get_page("https://news.a.com/1")["title"] == "later"


def test_verdict_change_moves_the_page_between_tables(store):
    store.upsert_pages([page("https://news.a.com/1", "legit", fetched_at="2026-01-01T00:00:00+00:00")])
    counts = store.upsert_pages([page("https://news.a.com/1", "farm", fetched_at="2026-02-01T00:00:00+00:00")])
    assert counts == {"inserted": 0, "updated": 0, "moved": 1}
    assert [p["canonical_url"] for p in store.iter_pages("farm")] == ["https://news.a.com/1"]
    assert list(store.iter_pages("legit")) == []
    state = store.page_state("https://news.a.com/1")
    assert state["table"] == "farm_pages" and state["verdict"] == "farm"
    assert store.get_page("https://news.a.com/1")["first_seen"] == "2026-01-01T00:00:00+00:00"
    store.upsert_pages([page("https://news.a.com/1", "legit")])
    assert store.page_state("https://news.a.com/1")["table"] == "legit_pages"
    assert store.counts()["farm_pages"] == 0


def test_iter_pages_filters_by_since_site_and_score(store):
    store.upsert_pages([
        page("https://news.a.com/1", fetched_at="2026-01-01T00:00:00+00:00"),
        page("https://news.a.com/2", fetched_at="2026-05-01T00:00:00+00:00"),
        page("https://x.farm.com/1", "farm", score=0.95),
        page("https://y.farm.com/2", "farm", score=0.6),
    ])
    since = {p["canonical_url"] for p in store.iter_pages(since="2026-04-01")}
    assert "https://news.a.com/1" not in since and "https://news.a.com/2" in since
    assert {p["canonical_url"] for p in store.iter_pages(site="farm.com")} == {"https://x.farm.com/1", "https://y.farm.com/2"}
    assert {p["canonical_url"] for p in store.iter_pages(host="y.farm.com")} == {"https://y.farm.com/2"}
    assert list(store.iter_pages(site="y.farm.com")) == []
    assert [p["canonical_url"] for p in store.iter_pages("farm", min_score=0.9)] == ["https://x.farm.com/1"]
    slim = next(store.iter_pages("farm", columns=["score"]))
    assert set(slim) == {"canonical_url", "score", "table"}


def test_frontier_resumes_pending_and_revisits_old_done_entries(store):
    assert store.frontier_add("job", [("https://a.com/", 0), ("https://a.com/x", 1), ("https://a.com/", 0)]) == 2
    assert store.frontier_add("job", [("https://a.com/x", 1), ("https://a.com/y", 2)]) == 1
    assert store.frontier_add("other", [("https://a.com/", 0)]) == 1  # jobs are separate
    store.frontier_mark("job", "https://a.com/", "done")
    store.frontier_mark("job", "https://a.com/y", "failed")
    # A new process (the crawl was SIGKILLed) sees what is left to do.
    with open_store(store.path) as again:
        assert again.frontier_pending("job") == [("https://a.com/x", 1)]
        assert again.frontier_counts("job") == {"pending": 1, "done": 1, "failed": 1, "gone": 0, "total": 3}
        assert again.frontier_reset("job", older_than="2000-01-01T00:00:00+00:00") == 0
        assert again.frontier_reset("job", older_than="2999-01-01T00:00:00+00:00") == 2
        assert again.frontier_pending("job", limit=2) == [("https://a.com/", 0), ("https://a.com/x", 1)]
    with pytest.raises(StoreError):
        store.frontier_mark("job", "https://a.com/", "bogus")


def test_frontier_survives_a_sigkilled_writer(tmp_path):
    db = tmp_path / "fw.sqlite"
    code = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(__import__('pathlib').Path(__file__).resolve().parents[1])!r})
        from crawler.storage import open_store
        s = open_store({str(db)!r})
        s.frontier_add("job", [("https://a.com/%d" % i, 1) for i in range(10)])
        s.frontier_mark("job", "https://a.com/0", "done")
        with s._transaction():  # killed in the middle of a transaction: it must leave no trace
            s._exec("UPDATE frontier SET state = 'done' WHERE job = 'job'")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", code])
    assert proc.returncode == -9
    with open_store(db) as s:
        assert s.frontier_counts("job") == {"pending": 9, "done": 1, "failed": 0, "gone": 0, "total": 10}


def test_runs_are_recorded_newest_first(store):
    first = store.start_run("daily", ["farmwatch", "crawl"])
    store.finish_run(first, "ok", {"pages": 3})
    second = store.start_run("daily", ["farmwatch", "crawl"])
    runs = store.runs("daily")
    assert [r["id"] for r in runs] == [second, first]
    assert runs[1]["status"] == "ok" and runs[1]["stats"] == {"pages": 3} and runs[1]["finished_at"]
    assert runs[0]["status"] == "running" and runs[0]["argv"] == ["farmwatch", "crawl"]
    assert store.runs("nightly") == []


def test_reviews_label_pages_page_review_beating_site_review(store):
    store.upsert_pages([page("https://news.a.com/1"), page("https://news.a.com/2"), page("https://x.farm.com/1", "farm")])
    store.add_review("site", "A.com", "farm", "copies", "ann", at="2026-03-01T00:00:00+00:00")
    store.add_review("page", "https://news.a.com/2", "legit", "original", "bob", at="2026-03-02T00:00:00+00:00")
    store.add_review("site", "farm.com", "unsure", "", "ann")
    labels = {p["canonical_url"]: (p["label"], p["label_source"]) for p in store.reviewed_pages()}
    assert labels == {"https://news.a.com/1": ("farm", "site"), "https://news.a.com/2": ("legit", "page")}
    store.add_review("site", "a.com", "legit", "on second look", "ann", at="2026-03-05T00:00:00+00:00")
    assert store.latest_review("site", "a.com")["label"] == "legit"
    assert [r["label"] for r in store.reviews("site", "a.com")] == ["legit", "farm"]
    with pytest.raises(StoreError):
        store.add_review("site", "a.com", "spam", "", "ann")


def test_legitimate_twin_is_found_for_a_copied_story(store):
    store.upsert_pages([
        page("https://news.a.com/flood"),
        page("https://news.c.com/other", main_text="Completely different words about a football match that ended "
             "in a draw after extra time and penalties, with fans singing in the rain outside the stadium."),
        page("https://x.farm.com/flood", "farm", main_text=STORY + " Sponsored by MegaBank Capital, the best bank."),
    ])
    twins = store.twins("https://x.farm.com/flood")
    assert [t["canonical_url"] for t in twins] == ["https://news.a.com/flood"]
    assert twins[0]["similarity"] >= 0.5
    assert store.twins("https://news.c.com/other") == []


def test_schema_version_is_current_and_an_old_database_is_migrated(tmp_path):
    db = tmp_path / "old.sqlite"
    old = SQLiteStore(db, migrate=False)
    old._migrate(upto=1)  # a database written by the first release
    assert old.schema_version() == 1
    old._exec("INSERT INTO legit_pages (canonical_url, url, site, host, fetched_at, first_seen, main_text, verdict) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ("https://news.a.com/1", "https://news.a.com/1", "a.com", "news.a.com",
                                                 "2026-01-01", "2026-01-01", STORY, "legit"))
    old._exec("INSERT INTO farm_pages (canonical_url, url, site, host, fetched_at, first_seen, main_text, verdict) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ("https://x.farm.com/1", "https://x.farm.com/1", "farm.com", "x.farm.com",
                                                 "2026-01-01", "2026-01-01", STORY + " injected brand", "farm"))
    old.close()
    with open_store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION == MIGRATIONS[-1][0]
        assert s.get_page("https://news.a.com/1")["main_text"] == STORY
        assert s.add_review("site", "a.com", "legit", "", "ann")  # table added by migration 2
        assert [t["canonical_url"] for t in s.twins("https://x.farm.com/1")] == ["https://news.a.com/1"]  # backfilled
    versions = [r[0] for r in sqlite3.connect(db).execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_a_newer_schema_is_refused(tmp_path):
    db = tmp_path / "new.sqlite"
    open_store(db).close()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO schema_version VALUES (?, '2030-01-01', 'future')", (SCHEMA_VERSION + 1,))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(db)


def test_corrupt_database_file_gives_a_clear_error(tmp_path):
    db = tmp_path / "corrupt.sqlite"
    db.write_bytes(b"this is not a database, it is a text file that got renamed\n" * 200)
    with pytest.raises(StoreError, match="not a usable farmwatch SQLite database"):
        open_store(db)


def test_foreign_sqlite_database_is_not_touched(tmp_path):
    db = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE farm_pages (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not made by farmwatch"):
        open_store(db)


def test_open_store_targets(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store(None) as s:
        assert s.path == tmp_path / "data" / "farmwatch.sqlite" or str(s.path) == "data/farmwatch.sqlite"
    with open_store(f"sqlite:///{tmp_path}/u.sqlite") as s:
        assert isinstance(s, SQLiteStore) and s.path == tmp_path / "u.sqlite"
    with pytest.raises(StoreError, match="unsupported"):
        open_store("mysql://x/y")


WRITER = """
import sys
sys.path.insert(0, sys.argv[1])
from crawler.storage import open_store
from tests.test_storage_sqlite import page
with open_store(sys.argv[2]) as s:
    for start in range(0, 200, 20):
        s.upsert_pages([page("https://news.a.com/%d" % i, "farm" if (i + int(sys.argv[3])) % 3 == 0 else "legit")
                        for i in range(start, start + 40)])
"""


def test_two_processes_writing_overlapping_pages_store_each_once(tmp_path):
    from pathlib import Path

    repo = str(Path(__file__).resolve().parents[1])
    db = str(tmp_path / "fw.sqlite")
    open_store(db).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, repo, db, str(n)]) for n in (0, 1)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with open_store(db) as s:
        counts = s.counts()
        assert counts["farm_pages"] + counts["legit_pages"] == 220
        farm = {p["canonical_url"] for p in s.iter_pages("farm", columns=[])}
        legit = {p["canonical_url"] for p in s.iter_pages("legit", columns=[])}
        assert not farm & legit
