"""The real-server fixtures themselves (tests/conftest_services.py): usable, and isolated per test."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.services


def test_redis_fixture_gives_an_empty_working_server(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    assert client.dbsize() == 0
    client.set("farmwatch:probe", "1")
    assert client.get("farmwatch:probe") == b"1"
    client.close()


def test_each_postgres_test_gets_its_own_empty_database(pg_url, pg_server_url):
    import psycopg

    assert pg_url != pg_server_url
    with psycopg.connect(pg_url) as conn:
        tables = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").fetchone()
    assert tables[0] == 0
