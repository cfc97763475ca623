"""The PostgreSQL store against a real server: same behaviour as SQLite, concurrent writers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.storage import SCHEMA_VERSION, StoreError, open_store
from crawler.storage.postgres import PostgresStore
# The backend-independent behaviours, run here against PostgreSQL through the `store` fixture below.
from tests.test_storage_sqlite import (  # noqa: F401
    page,
    test_duplicate_urls_within_one_batch_store_once,
    test_iter_pages_filters_by_since_site_and_score,
    test_legitimate_twin_is_found_for_a_copied_story,
    test_reupsert_updates_in_place_without_duplicates,
    test_reviews_label_pages_page_review_beating_site_review,
    test_runs_are_recorded_newest_first,
    test_verdict_change_moves_the_page_between_tables,
)

pytestmark = pytest.mark.services
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def store(pg_url):
    with open_store(pg_url) as s:
        yield s


def test_postgres_frontier_resume_semantics(pg_url):
    with open_store(pg_url) as s:
        assert s.frontier_add("job", [("https://a.com/", 0), ("https://a.com/x", 1), ("https://a.com/", 0)]) == 2
        assert s.frontier_add("job", [("https://a.com/x", 1), ("https://a.com/y", 2)]) == 1
        s.frontier_mark("job", "https://a.com/", "done")
    with open_store(pg_url) as s:
        assert s.frontier_pending("job") == [("https://a.com/x", 1), ("https://a.com/y", 2)]
        assert s.frontier_reset("job", older_than="2999-01-01") == 1
        assert s.frontier_counts("job") == {"pending": 3, "done": 0, "failed": 0, "gone": 0, "total": 3}


def test_postgres_schema_is_migrated_from_version_one(pg_url):
    old = PostgresStore(pg_url, migrate=False)
    old._migrate(upto=1)
    assert old.schema_version() == 1
    old._exec("INSERT INTO legit_pages (canonical_url, url, site, host, fetched_at, first_seen, main_text, verdict) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ("https://news.a.com/1", "https://news.a.com/1", "a.com",
                                                 "news.a.com", "2026-01-01", "2026-01-01", page("https://x.b.com/1")["main_text"], "legit"))
    old.close()
    with open_store(pg_url) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.get_page("https://news.a.com/1")["site"] == "a.com"
        assert s.reviews() == []


def test_postgres_unreachable_server_is_a_clear_error():
    from tests.conftest_services import _free_port

    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        open_store(f"postgresql://nobody:secret@127.0.0.1:{_free_port()}/none")


WRITER = """
import sys
sys.path.insert(0, sys.argv[1])
from crawler.storage import open_store
from tests.test_storage_sqlite import page
with open_store(sys.argv[2]) as s:
    for start in range(0, 300, 25):
        # Overlapping windows, and the two writers disagree on every third page's verdict.
        s.upsert_pages([page("https://news.a.com/%d" % i, "farm" if (i + int(sys.argv[3])) % 3 == 0 else "legit")
                        for i in range(start, start + 50)])
"""


def test_two_processes_upserting_overlapping_pages_store_each_page_once(pg_url):
    open_store(pg_url).close()  # schema first, so the writers race only on pages
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(REPO), pg_url, str(n)], stderr=subprocess.PIPE)
             for n in (0, 1)]
    errors = [p.communicate(timeout=300)[1].decode(errors="replace") for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with open_store(pg_url) as s:
        farm = [p["canonical_url"] for p in s.iter_pages("farm", columns=[])]
        legit = [p["canonical_url"] for p in s.iter_pages("legit", columns=[])]
        assert len(farm) == len(set(farm)) and len(legit) == len(set(legit))
        assert not set(farm) & set(legit)
        assert len(farm) + len(legit) == 325


def test_two_processes_opening_a_fresh_database_migrate_it_once(pg_url):
    code = "import sys; sys.path.insert(0, sys.argv[1]); from crawler.storage import open_store; open_store(sys.argv[2]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(REPO), pg_url], stderr=subprocess.PIPE) for _ in range(3)]
    errors = [p.communicate(timeout=120)[1].decode(errors="replace") for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    with open_store(pg_url) as s:
        assert [v for (v,) in s._all("SELECT version FROM schema_version ORDER BY version")] == list(
            range(1, SCHEMA_VERSION + 1))
