"""SQLite backend: one file, safe for several processes (WAL, busy timeout, immediate writes)."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from crawler.storage.base import Store, StoreBusy, StoreError, StoreReadOnly

BUSY_TIMEOUT_S = 60


class SQLiteStore(Store):
    """WAL lets readers (a report) run while a crawl writes; ``BEGIN IMMEDIATE`` takes the write
    lock up front so two writers queue on the busy timeout instead of deadlocking mid-transaction.
    """

    T = {"text": "TEXT", "int": "INTEGER", "bigint": "INTEGER", "real": "REAL", "blob": "BLOB",
         "serial_pk": "INTEGER PRIMARY KEY AUTOINCREMENT", "clustered": " WITHOUT ROWID"}

    def __init__(self, path: str | Path, *, migrate: bool = True):
        self.path = Path(path)
        self.target = str(self.path)
        self._depth = 0
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a directory, not a SQLite database file")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {self.path}: {exc}") from None
        try:
            self.conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                        check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {self.path}: {exc}") from None
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: SQLite refused WAL mode (journal_mode={mode}); "
                                 "is it on a network filesystem?")
            self.conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints, never corrupt
            self.conn.execute("PRAGMA journal_size_limit = 67108864")  # trim the WAL file after big batches
            if migrate:
                self._migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a usable farmwatch SQLite database ({exc}); "
                             "move it aside or point --db / FARMWATCH_DB at another file") from None
        except BaseException:
            self.conn.close()
            raise

    def _exec(self, sql: str, params=()) -> int:
        return self.conn.execute(sql, tuple(params)).rowcount

    def _all(self, sql: str, params=()) -> list[tuple]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def _stream(self, sql: str, params=(), size: int = 2000) -> Iterator[tuple]:
        # A separate cursor walks the B-tree lazily: memory stays flat however many rows match.
        cur = self.conn.execute(sql, tuple(params))
        try:
            while True:
                rows = cur.fetchmany(size)
                if not rows:
                    return
                yield from rows
        finally:
            cur.close()

    def _insert_id(self, sql: str, params: tuple) -> int:
        return int(self.conn.execute(sql, params).lastrowid)

    @contextmanager
    def _transaction(self):
        if self._depth:  # already inside one: join it
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            self._raise_if_read_only(exc)
            raise StoreBusy(f"{self.path}: could not get the write lock within {BUSY_TIMEOUT_S}s ({exc})") from None
        self._depth = 1
        try:
            yield
        except BaseException as exc:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                self._raise_if_read_only(exc)
            raise
        else:
            self._depth = 0
            self.conn.execute("COMMIT")

    def _raise_if_read_only(self, exc: sqlite3.OperationalError) -> None:
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise StoreReadOnly(f"{self.path} is read-only: farmwatch cannot write to it "
                                "(check its permissions and those of its folder)") from None

    def transient(self, exc: BaseException) -> bool:
        """A full disk, an I/O error or a lock held past the busy timeout."""
        return isinstance(exc, (sqlite3.OperationalError, StoreBusy))

    def _has_table(self, name: str) -> bool:
        return bool(self._all("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def close(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            self.conn = None
            conn.close()
