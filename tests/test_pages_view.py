"""The `pages` view: farm and legitimate pages in one table with a verdict column, for sqlite3/Datasette."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.storage import open_store
from tests.test_report_formats import sample_rows


def _check(store, query) -> None:
    rows = sample_rows()
    store.upsert_pages(rows)
    counts = dict(query("SELECT verdict, COUNT(*) FROM pages GROUP BY verdict ORDER BY verdict"))
    assert counts == {"farm": sum(r["verdict"] == "farm" for r in rows),
                      "legit": sum(r["verdict"] == "legit" for r in rows)}
    [(verdict, title, score)] = query("SELECT verdict, title, score FROM pages WHERE canonical_url = "
                                      "'https://finance.moneyrank-news.com/p/1'")
    assert verdict == "farm" and title.startswith("MegaBank Capital") and score == pytest.approx(0.96)
    # the table a page is in is its verdict: a page moved by a re-score moves in the view too
    moved = dict(rows[0], verdict="farm", score=0.99, content_hash="changed")
    store.upsert_pages([moved])
    [(verdict,)] = query(f"SELECT verdict FROM pages WHERE canonical_url = '{moved['canonical_url']}'")
    assert verdict == "farm"


def test_sqlite_pages_view_reads_both_tables_with_a_verdict_column(tmp_path):
    db = tmp_path / "fw.sqlite"
    with open_store(db) as store:
        conn = sqlite3.connect(db)  # as an analyst's sqlite3 or Datasette opens it
        try:
            _check(store, lambda sql: conn.execute(sql).fetchall())
        finally:
            conn.close()


@pytest.mark.services
def test_postgres_pages_view_reads_both_tables_with_a_verdict_column(pg_url):
    with open_store(pg_url) as store:
        _check(store, lambda sql: [tuple(r) for r in store._all(sql)])
