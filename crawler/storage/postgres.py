"""PostgreSQL backend (psycopg 3): the same schema and SQL as SQLite, for many writers.

Safe under concurrent writers: every upsert is ``INSERT … ON CONFLICT``, and a batch first
takes transaction-scoped advisory locks on its canonical URLs (in a fixed order, so two
crawlers cannot deadlock), which keeps a page from landing in both tables when two workers
classify it differently at the same moment. Migrations hold an advisory lock too, so N
workers starting together migrate once.

Survives a server restart: a connection the server dropped (restart, failover, an idle
timeout) is replaced on the next operation that does not sit inside a transaction, so one
failed batch surfaces as a :meth:`transient` error the caller retries, not as "the connection
is closed" on every later batch.
"""

from __future__ import annotations

import itertools
import re
from contextlib import contextmanager
from typing import Iterator

from crawler.storage.base import Store, StoreError, now_iso

_LOCK_PAGES = 4242  # advisory lock class for page URLs (two-key form)
_LOCK_SCHEMA = 42424242  # advisory lock for migrations (one-key form: a separate key space)
_names = itertools.count()


def _redact(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


class PostgresStore(Store):
    T = {"text": "TEXT", "int": "INTEGER", "bigint": "BIGINT", "real": "DOUBLE PRECISION", "blob": "BYTEA",
         "serial_pk": "BIGSERIAL PRIMARY KEY", "clustered": ""}

    def __init__(self, url: str, *, migrate: bool = True):
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL storage needs psycopg 3: pip install 'farmwatch[scale]'") from None
        self._psycopg = psycopg
        self.url = url.replace("postgres://", "postgresql://", 1)
        self.target = _redact(self.url)
        self._reader = None
        self._open_streams = 0
        self._tx_depth = 0  # never swap the connection under an open transaction
        self.reconnects = 0
        try:
            self.conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {self.target}: {str(exc).strip()}") from None
        try:
            if migrate:
                self._migrate()
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"{self.target}: cannot prepare the farmwatch schema: {str(exc).strip()}") from None
        except BaseException:
            self.conn.close()
            raise

    def transient(self, exc: BaseException) -> bool:
        """A lost connection or a server that is (re)starting: worth retrying the batch."""
        return isinstance(exc, self._psycopg.OperationalError)

    def _writer(self):
        """The writer connection, reconnected first if the server dropped it."""
        conn = self.conn
        if conn is not None and self._tx_depth == 0 and (conn.closed or conn.broken):
            try:
                conn.close()
            except Exception:  # pragma: no cover - closing a broken connection
                pass
            self.conn = self._psycopg.connect(self.url, autocommit=True, connect_timeout=10)
            self.reconnects += 1
        return self.conn

    @staticmethod
    def _q(sql: str) -> str:
        return sql.replace("?", "%s")

    def _exec(self, sql: str, params=()) -> int:
        with self._writer().cursor() as cur:
            cur.execute(self._q(sql), tuple(params))
            return cur.rowcount

    def _all(self, sql: str, params=()) -> list[tuple]:
        with self._writer().cursor() as cur:
            cur.execute(self._q(sql), tuple(params))
            return cur.fetchall() if cur.description else []

    def _insert_id(self, sql: str, params: tuple) -> int:
        with self._writer().cursor() as cur:
            cur.execute(self._q(sql) + " RETURNING id", params)
            return int(cur.fetchone()[0])

    def _stream(self, sql: str, params=(), size: int = 2000) -> Iterator[tuple]:
        # A server-side cursor on a separate read connection: rows arrive ``size`` at a time,
        # and the writer connection stays free for the caller's own writes meanwhile.
        if self._reader is None or self._reader.closed or self._reader.broken:
            self._reader = self._psycopg.connect(self.url, connect_timeout=10)
        self._open_streams += 1
        try:
            with self._reader.cursor(name=f"farmwatch_stream_{next(_names)}") as cur:
                cur.itersize = size
                cur.execute(self._q(sql), tuple(params))
                yield from cur
        finally:
            self._open_streams -= 1
            if self._open_streams == 0 and self._reader is not None and not self._reader.closed:
                self._reader.commit()  # end the read transaction: later streams see newer rows

    @contextmanager
    def _transaction(self):
        with self._writer().transaction():
            self._tx_depth += 1
            try:
                yield
            finally:
                self._tx_depth -= 1

    def _lock_urls(self, urls: list[str]) -> None:
        with self._writer().cursor() as cur:
            keys = sorted({k for (k,) in cur.execute("SELECT hashtext(u) FROM unnest(%s::text[]) AS u", (urls,))})
            for key in keys:
                cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_LOCK_PAGES, key))

    def frontier_add(self, job: str, entries: list[tuple[str, int]]) -> int:
        """One statement per batch (a page's links), not one round trip per URL."""
        first: dict[str, int] = {}
        for url, depth in entries:
            first.setdefault(url, int(depth or 0))
        if not first:
            return 0
        now = now_iso()
        with self._transaction():
            with self._writer().cursor() as cur:
                cur.execute("INSERT INTO frontier (job, url, depth, state, added_at, updated_at) "
                            "SELECT %s, u, d, 'pending', %s, %s FROM unnest(%s::text[], %s::int[]) AS t(u, d) "
                            "ON CONFLICT (job, url) DO NOTHING",
                            (job, now, now, list(first), list(first.values())))
                return cur.rowcount

    def _lock_schema(self) -> None:
        self._exec("SELECT pg_advisory_xact_lock(?)", (_LOCK_SCHEMA,))

    def _has_table(self, name: str) -> bool:
        return bool(self._all("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                              "AND table_name = ?", (name,)))

    def close(self) -> None:
        for attr in ("_reader", "conn"):
            conn = getattr(self, attr, None)
            if conn is not None:
                setattr(self, attr, None)
                try:
                    conn.close()
                except Exception:  # pragma: no cover - closing a broken connection
                    pass
