"""The storage interface and the SQL both backends share.

Farm pages and legitimate pages live in two tables with one layout (``farm_pages``,
``legit_pages``) so that an analyst querying the database by hand never mixes them up;
a page whose verdict changes *moves* between them. Everything else (crawl frontier, runs,
analyst reviews, the near-duplicate index) sits beside them in the same database, so a
single file (or a single PostgreSQL database) is the whole state of farmwatch.

The SQL is written once, in the dialect both SQLite ≥ 3.24 and PostgreSQL understand
(``INSERT … ON CONFLICT``, ``excluded.``); the backends only supply connections,
transactions, placeholders and column types. Migrations are numbered and applied in order
on open, inside one transaction, so a half-migrated database cannot exist.
"""

from __future__ import annotations

import json
import re
import zlib
from abc import ABC, abstractmethod
from contextlib import contextmanager
from datetime import datetime, timezone
from hashlib import blake2b
from pathlib import Path
from typing import Any, Callable, Iterator

SCHEMA_VERSION = 5

PAGE_TABLES = ("farm_pages", "legit_pages")
# The stored PageItem fields, in column order. ``first_seen`` is kept across updates.
PAGE_FIELDS = (
    "canonical_url", "url", "site", "host", "fetched_at", "first_seen", "status", "title", "headline",
    "main_text", "link_blocks", "published", "content_hash", "depth", "verdict", "score", "evidence",
    "brands", "family", "model_version",
)
STATE_FIELDS = ("content_hash", "fetched_at", "verdict", "score", "evidence", "brands", "family", "model_version")
JSON_FIELDS = frozenset({"link_blocks", "evidence", "brands"})
REVIEW_KINDS = ("site", "page")
REVIEW_LABELS = ("farm", "legit", "unsure")
FRONTIER_STATES = ("pending", "done", "failed", "gone")  # gone: 404/410, left alone for a while

DEFAULT_SQLITE = Path("data") / "farmwatch.sqlite"


class StoreError(Exception):
    """The store cannot be opened or used; the message says what to do about it."""


class StoreReadOnly(StoreError):
    """The database may be read but not written (file permissions, a read-only mount)."""


class StoreBusy(StoreError):
    """Another writer held the database past the busy timeout; trying again later may work."""


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def table_name(table: str | None) -> tuple[str, ...]:
    """``"farm"``/``"farm_pages"`` → ``("farm_pages",)``; ``None`` → both tables."""
    if table is None:
        return PAGE_TABLES
    name = table if table.endswith("_pages") else f"{table}_pages"
    if name not in PAGE_TABLES:
        raise StoreError(f"unknown page table {table!r}: use farm or legit")
    return (name,)


# --- near-duplicate signatures (MinHash + LSH bands) ---------------------------------------
# Word 5-shingles, 24 hash functions in 8 bands of 3: two texts whose shingle sets have a
# Jaccard similarity of 0.8 share a band with probability ≈ 0.997, at 0.3 with ≈ 0.2. A
# farm page copying a legitimate story and injecting a paragraph lands around 0.6–0.9.
SHINGLE = 5
BANDS, ROWS = 8, 3
NPERM = BANDS * ROWS
MIN_WORDS = 20  # shorter texts make meaningless signatures (boilerplate, stubs)
_WORD = re.compile(r"\w+", re.UNICODE)


def _perm_params():
    import numpy as np

    rng = np.random.default_rng(20260401)  # fixed: signatures must agree across processes and versions
    return rng.integers(0, np.iinfo(np.uint64).max, size=NPERM, dtype=np.uint64, endpoint=True)


_SEEDS = None


def _mix(z):
    """splitmix64's finaliser on uint64 arrays (multiplication wraps): a well-mixed permutation."""
    import numpy as np

    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def minhash(text: str) -> bytes | None:
    """A 24×uint32 MinHash signature of the text's word 5-shingles, or None if too short."""
    import numpy as np

    global _SEEDS
    words = _WORD.findall((text or "").lower())
    if len(words) < MIN_WORDS:
        return None
    if _SEEDS is None:
        _SEEDS = _perm_params()
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    # crc32 is enough as the base hash: the per-permutation splitmix below does the mixing.
    h = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles))
    with np.errstate(over="ignore"):
        sig = _mix(h[:, None] ^ _SEEDS[None, :]).min(axis=0)
    return (sig >> np.uint64(32)).astype("<u4").tobytes()


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per band (fits INTEGER / BIGINT)."""
    width = ROWS * 4
    return [int.from_bytes(blake2b(bytes([i]) + sig[i * width:(i + 1) * width], digest_size=8).digest(),
                           "big", signed=True) for i in range(BANDS)]


def similarity(sig_a: bytes | None, sig_b: bytes | None) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal hash values)."""
    if not sig_a or not sig_b or len(sig_a) != len(sig_b):
        return 0.0
    same = sum(sig_a[i:i + 4] == sig_b[i:i + 4] for i in range(0, len(sig_a), 4))
    return same / (len(sig_a) // 4)


# --- migrations ------------------------------------------------------------------------------
# Each migration is (version, description, function(store)). Functions run inside the
# migration transaction and use ``store.T`` for the column types of the backend.


def _m1_pages_frontier_runs(s: "Store") -> None:
    t = s.T
    for table in PAGE_TABLES:
        s._exec(f"""CREATE TABLE {table} (
            canonical_url {t['text']} PRIMARY KEY, url {t['text']} NOT NULL, site {t['text']} NOT NULL,
            host {t['text']} NOT NULL, fetched_at {t['text']} NOT NULL, first_seen {t['text']} NOT NULL,
            status {t['int']}, title {t['text']}, headline {t['text']}, main_text {t['text']},
            link_blocks {t['text']}, published {t['text']}, content_hash {t['text']}, depth {t['int']},
            verdict {t['text']}, score {t['real']}, evidence {t['text']}, brands {t['text']},
            family {t['text']}, model_version {t['text']})""")
        s._exec(f"CREATE INDEX {table}_site ON {table} (site)")
        s._exec(f"CREATE INDEX {table}_fetched ON {table} (fetched_at)")
    s._exec(f"""CREATE TABLE frontier (
        id {t['serial_pk']}, job {t['text']} NOT NULL, url {t['text']} NOT NULL, depth {t['int']} NOT NULL,
        state {t['text']} NOT NULL, added_at {t['text']} NOT NULL, updated_at {t['text']} NOT NULL,
        UNIQUE (job, url))""")
    s._exec("CREATE INDEX frontier_job_state ON frontier (job, state, depth, id)")
    s._exec(f"""CREATE TABLE runs (
        id {t['serial_pk']}, job {t['text']} NOT NULL, argv {t['text']}, started_at {t['text']} NOT NULL,
        finished_at {t['text']}, status {t['text']} NOT NULL, stats {t['text']})""")
    s._exec("CREATE INDEX runs_job ON runs (job, id)")


def _m2_reviews(s: "Store") -> None:
    t = s.T
    s._exec(f"""CREATE TABLE reviews (
        id {t['serial_pk']}, kind {t['text']} NOT NULL, target {t['text']} NOT NULL,
        label {t['text']} NOT NULL, note {t['text']}, reviewer {t['text']}, at {t['text']} NOT NULL)""")
    s._exec("CREATE INDEX reviews_target ON reviews (kind, target, at)")


def _m3_near_duplicates(s: "Store") -> None:
    """MinHash signature per page and LSH bands of legitimate pages (for "legitimate twin")."""
    t = s.T
    for table in PAGE_TABLES:
        s._exec(f"ALTER TABLE {table} ADD COLUMN minhash {t['blob']}")
    # One clustered key, no second index: a page's old bands are found again from its stored
    # signature when they must be deleted.
    s._exec(f"""CREATE TABLE lsh_bands (
        band_key {t['bigint']} NOT NULL, canonical_url {t['text']} NOT NULL,
        PRIMARY KEY (band_key, canonical_url)){t['clustered']}""")
    # Backfill pages stored before this version, in slices so memory stays flat.
    for table in PAGE_TABLES:
        last = ""
        while True:
            rows = s._all(f"SELECT canonical_url, main_text FROM {table} WHERE canonical_url > ? "
                          "ORDER BY canonical_url LIMIT 500", (last,))
            if not rows:
                break
            for url, text in rows:
                sig = minhash(text or "")
                s._exec(f"UPDATE {table} SET minhash = ? WHERE canonical_url = ?", (sig, url))
                if sig and table == "legit_pages":
                    s._set_bands(url, None, sig)
            last = rows[-1][0]


def _m4_fetched_url_index(s: "Store") -> None:
    """Pages are keyed by their canonical URL, but a crawl meets them by the URL it fetched
    (``http://`` for ``https://``, a tracking parameter, a port): the re-visit check looks
    both up."""
    for table in PAGE_TABLES:
        s._exec(f"CREATE INDEX {table}_url ON {table} (url)")


# The columns of the ``pages`` view: what an analyst reads (no signatures, no link blocks).
PAGES_VIEW_FIELDS = ("canonical_url", "url", "site", "host", "fetched_at", "first_seen", "status", "title",
                     "headline", "published", "score", "evidence", "brands", "family", "model_version", "main_text")


def _m5_pages_view_withdrawn_reviews(s: "Store") -> None:
    """A ``pages`` view over both page tables with a ``verdict`` column (farm/legit: the table the page
    is in), so ``sqlite3`` and Datasette read the store without a UNION; reviews can be withdrawn
    (kept, with who withdrew them and when, but no longer counted)."""
    t = s.T
    s._exec(f"ALTER TABLE reviews ADD COLUMN withdrawn_at {t['text']}")
    s._exec(f"ALTER TABLE reviews ADD COLUMN withdrawn_by {t['text']}")
    cols = ", ".join(PAGES_VIEW_FIELDS)
    s._exec(f"CREATE VIEW pages AS SELECT 'farm' AS verdict, {cols} FROM farm_pages "
            f"UNION ALL SELECT 'legit' AS verdict, {cols} FROM legit_pages")


MIGRATIONS: list[tuple[int, str, Callable[["Store"], None]]] = [
    (1, "page tables, frontier, runs", _m1_pages_frontier_runs),
    (2, "analyst reviews", _m2_reviews),
    (3, "near-duplicate signatures and LSH bands", _m3_near_duplicates),
    (4, "index of fetched URLs", _m4_fetched_url_index),
    (5, "pages view; withdrawn reviews", _m5_pages_view_withdrawn_reviews),
]
assert MIGRATIONS[-1][0] == SCHEMA_VERSION


class Store(ABC):
    """Farm pages and legitimate pages apart, plus frontier, runs and reviews.

    Backends implement the handful of abstract connection methods; every public method is
    written once here, so the two backends cannot drift apart in behaviour.
    """

    T: dict[str, str]  # column types: text, int, bigint, real, blob, serial_pk
    target: str

    # --- backend hooks ---------------------------------------------------------------------
    @abstractmethod
    def _exec(self, sql: str, params: tuple | list = ()) -> int:
        """Run one statement; return the affected row count."""

    @abstractmethod
    def _all(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        """Run a query and fetch all rows (only for small results)."""

    @abstractmethod
    def _stream(self, sql: str, params: tuple | list = (), size: int = 2000) -> Iterator[tuple]:
        """Run a query and yield rows without holding the result in memory."""

    @abstractmethod
    @contextmanager
    def _transaction(self):
        """One write transaction; writers are serialised (SQLite lock / PostgreSQL row locks)."""

    def _lock_urls(self, urls: list[str]) -> None:
        """Serialise concurrent writers of the same canonical URLs (PostgreSQL only)."""

    @abstractmethod
    def _insert_id(self, sql: str, params: tuple) -> int:
        """Run an INSERT and return the new row's id."""

    @abstractmethod
    def close(self) -> None: ...

    def transient(self, exc: BaseException) -> bool:
        """True when ``exc`` is a fault of the database server or disk that may pass (a lost
        connection, a full disk, a lock timeout), so a writer should retry rather than give up."""
        return False

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.target}>"

    # --- schema ------------------------------------------------------------------------------
    def _schema_version_or_none(self) -> int | None:
        """Current version, 0 for an empty database, None if the table is missing."""
        raise NotImplementedError

    def _migrate(self, upto: int = SCHEMA_VERSION) -> None:
        with self._transaction():
            self._lock_schema()
            current = self._read_version()
            if current > SCHEMA_VERSION:
                raise StoreError(f"{self.target}: database schema version {current} is newer than this "
                                 f"farmwatch understands ({SCHEMA_VERSION}); upgrade farmwatch")
            for version, description, fn in MIGRATIONS:
                if current < version <= upto:
                    fn(self)
                    self._exec("INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)",
                               (version, now_iso(), description))

    def _lock_schema(self) -> None:
        """Hold off other processes migrating at the same moment (PostgreSQL advisory lock)."""

    def _read_version(self) -> int:
        if not self._has_table("schema_version"):
            others = [t for t in ("farm_pages", "legit_pages", "frontier") if self._has_table(t)]
            if others:
                raise StoreError(f"{self.target}: has farmwatch tables but no schema_version table; "
                                 "it was not made by farmwatch and will not be changed")
            self._exec(f"CREATE TABLE schema_version (version {self.T['int']} NOT NULL, "
                       f"applied_at {self.T['text']} NOT NULL, description {self.T['text']})")
            return 0
        row = self._all("SELECT MAX(version) FROM schema_version")
        return int(row[0][0] or 0)

    @abstractmethod
    def _has_table(self, name: str) -> bool: ...

    def schema_version(self) -> int:
        return int(self._all("SELECT MAX(version) FROM schema_version")[0][0] or 0)

    # --- pages ---------------------------------------------------------------------------------
    def _existing(self, table: str, urls: list[str]) -> dict[str, tuple]:
        """canonical_url → (first_seen, content_hash, minhash) for the urls present in ``table``."""
        found: dict[str, tuple] = {}
        for i in range(0, len(urls), 500):
            chunk = urls[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for url, first_seen, content_hash, sig in self._all(
                    f"SELECT canonical_url, first_seen, content_hash, minhash FROM {table} "
                    f"WHERE canonical_url IN ({marks})", chunk):
                found[url] = (first_seen, content_hash, sig)
        return found

    def _set_bands(self, url: str, old_sig: bytes | None, sig: bytes | None) -> None:
        """Replace a legitimate page's LSH bands (old ones located from its old signature)."""
        if old_sig:
            for key in band_keys(bytes(old_sig)):
                self._exec("DELETE FROM lsh_bands WHERE band_key = ? AND canonical_url = ?", (key, url))
        if sig:
            for key in set(band_keys(sig)):
                self._exec("INSERT INTO lsh_bands (band_key, canonical_url) VALUES (?, ?) "
                           "ON CONFLICT (band_key, canonical_url) DO NOTHING", (key, url))

    def upsert_pages(self, items: list[dict]) -> dict[str, int]:
        """Store a batch in one transaction, each page in the table its verdict names.

        Keyed by ``canonical_url``: a known page is updated in place (``first_seen`` kept), a
        page whose verdict changed is moved out of the other table. Within a batch the last
        item for a URL wins.
        """
        counts = {"inserted": 0, "updated": 0, "moved": 0}
        latest: dict[str, dict] = {}
        for item in items:
            url = item.get("canonical_url") or item.get("url")
            if not url:
                raise StoreError("a page without canonical_url cannot be stored")
            latest[url] = item
        if not latest:
            return counts
        urls = sorted(latest)
        cols = [f for f in PAGE_FIELDS] + ["minhash"]
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in ("canonical_url", "first_seen"))
        with self._transaction():
            self._lock_urls(urls)
            known = {t: self._existing(t, urls) for t in PAGE_TABLES}
            for url in urls:
                item = latest[url]
                table = "farm_pages" if item.get("verdict") == "farm" else "legit_pages"
                other = "legit_pages" if table == "farm_pages" else "farm_pages"
                now = item.get("fetched_at") or now_iso()
                old_bands = None  # signature whose bands are in lsh_bands (legitimate pages only)
                if url in known[other]:
                    first_seen, old_hash, old_sig = known[other][url]
                    self._exec(f"DELETE FROM {other} WHERE canonical_url = ?", (url,))
                    counts["moved"] += 1
                    changed = True
                    old_bands = old_sig if other == "legit_pages" else None
                elif url in known[table]:
                    first_seen, old_hash, old_sig = known[table][url]
                    counts["updated"] += 1
                    changed = old_hash != item.get("content_hash") or not old_hash
                    old_bands = old_sig if table == "legit_pages" else None
                else:
                    first_seen, changed = now, True
                    counts["inserted"] += 1
                row = self._row_values(item, url, first_seen)
                if changed:
                    sig = minhash(item.get("main_text") or "")
                    row.append(sig)
                    self._exec(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                               f"ON CONFLICT (canonical_url) DO UPDATE SET {updates}", row)
                    self._set_bands(url, old_bands, sig if table == "legit_pages" else None)
                else:  # same text: keep the stored signature and bands
                    set_cols = [c for c in PAGE_FIELDS if c not in ("canonical_url", "first_seen")]
                    values = [v for c, v in zip(PAGE_FIELDS, row) if c in set_cols]
                    self._exec(f"UPDATE {table} SET {', '.join(c + ' = ?' for c in set_cols)} "
                               "WHERE canonical_url = ?", values + [url])
        return counts

    @staticmethod
    def _row_values(item: dict, url: str, first_seen: str) -> list:
        out: list[Any] = []
        for f in PAGE_FIELDS:
            if f == "canonical_url":
                v = url
            elif f == "first_seen":
                v = first_seen
            else:
                v = item.get(f)
                if f in JSON_FIELDS:
                    v = json.dumps(v or [], ensure_ascii=False)
                elif f in ("status", "depth"):
                    v = int(v) if v not in (None, "") else None
                elif f == "score":
                    v = float(v) if v not in (None, "") else None
                elif f in ("url", "site", "host", "fetched_at"):
                    v = v or (url if f == "url" else now_iso() if f == "fetched_at" else "")
                elif v is None:
                    v = ""
            out.append(v)
        return out

    @staticmethod
    def _decode(cols: list[str], row: tuple, table: str | None = None) -> dict:
        page = {}
        for c, v in zip(cols, row):
            if c in JSON_FIELDS:
                try:
                    v = json.loads(v) if v else []
                except ValueError:
                    v = []
            elif c == "minhash" and v is not None:
                v = bytes(v)
            page[c] = v
        if table:
            page["table"] = table
        return page

    def page_state(self, canonical_url: str, url: str | None = None) -> dict | None:
        """What a re-crawl needs to skip re-classifying an unchanged page: its hash, when it
        was fetched and the whole stored verdict (evidence included, so it is not wiped).
        With ``url``, a page stored under another canonical URL but fetched from ``url``
        counts too."""
        where, params = "canonical_url = ?", [canonical_url]
        if url:
            where, params = "canonical_url = ? OR url = ?", [canonical_url, url]
        for table in PAGE_TABLES:
            rows = self._all(f"SELECT {', '.join(STATE_FIELDS)} FROM {table} WHERE {where}", tuple(params))
            if rows:
                return self._decode(list(STATE_FIELDS), rows[0], table)
        return None

    def get_page(self, canonical_url: str) -> dict | None:
        for table in PAGE_TABLES:
            rows = self._all(f"SELECT {', '.join(PAGE_FIELDS)} FROM {table} WHERE canonical_url = ?", (canonical_url,))
            if rows:
                return self._decode(list(PAGE_FIELDS), rows[0], table)
        return None

    def iter_pages(self, table: str | None = None, *, since: str | None = None, site: str | None = None,
                   min_score: float | None = None, host: str | None = None,
                   columns: list[str] | tuple[str, ...] | None = None, order: str | None = None,
                   limit: int | None = None) -> Iterator[dict]:
        """Stream stored pages (farm table first), never the whole result in memory.

        ``since`` compares with ``fetched_at`` (ISO dates compare as text); ``site`` is the
        registered domain (indexed), ``host`` one host name. ``columns`` narrows the row
        (``canonical_url`` and ``table`` always come); ``order="score"`` is highest score
        first; ``limit`` applies per table.
        """
        cols = list(PAGE_FIELDS) if columns is None else ["canonical_url"] + [
            c for c in columns if c != "canonical_url"]
        for c in cols:
            if c not in PAGE_FIELDS and c != "minhash":
                raise StoreError(f"unknown page column {c!r}")
        where, params = [], []
        if since:
            where.append("fetched_at >= ?")
            params.append(since)
        if site:
            where.append("site = ?")
            params.append(site.lower())
        if host:
            where.append("host = ?")
            params.append(host.lower())
        if min_score is not None:
            where.append("score >= ?")
            params.append(float(min_score))
        sql_where = (" WHERE " + " AND ".join(where)) if where else ""
        sql_order = " ORDER BY score DESC, canonical_url" if order == "score" else ""
        sql_limit = f" LIMIT {int(limit)}" if limit else ""
        for t in table_name(table):
            for row in self._stream(f"SELECT {', '.join(cols)} FROM {t}{sql_where}{sql_order}{sql_limit}", params):
                yield self._decode(cols, row, t)

    def counts(self) -> dict:
        out = {}
        for t in PAGE_TABLES:
            n, sites = self._all(f"SELECT COUNT(*), COUNT(DISTINCT site) FROM {t}")[0]
            out[t] = int(n)
            out[t.replace("_pages", "_sites")] = int(sites)
        return out

    def twins(self, canonical_url: str, *, limit: int = 1, min_similarity: float = 0.5) -> list[dict]:
        """Stored legitimate pages on *other* sites whose text nearly duplicates this page.

        LSH candidates (pages sharing a band) re-ranked by estimated Jaccard similarity: an
        indexed lookup per page, not a scan over the legitimate table.
        """
        rows = []
        for table in PAGE_TABLES:
            rows = self._all(f"SELECT minhash, site FROM {table} WHERE canonical_url = ?", (canonical_url,))
            if rows:
                break
        if not rows or rows[0][0] is None:
            return []
        sig, site = bytes(rows[0][0]), rows[0][1]
        keys = band_keys(sig)
        marks = ",".join("?" * len(keys))
        cands = self._all(f"SELECT p.canonical_url, p.site, p.title, p.minhash, p.main_text FROM legit_pages p "
                          f"WHERE p.canonical_url IN (SELECT DISTINCT canonical_url FROM lsh_bands "
                          f"WHERE band_key IN ({marks})) AND p.site <> ? LIMIT 200", keys + [site])
        scored = []
        for url, csite, title, csig, text in cands:
            if url == canonical_url:
                continue
            sim = similarity(sig, bytes(csig) if csig is not None else None)
            if sim >= min_similarity:
                scored.append({"canonical_url": url, "site": csite, "title": title or "",
                               "similarity": round(sim, 3), "main_text": text or ""})
        scored.sort(key=lambda r: (-r["similarity"], r["canonical_url"]))
        return scored[:limit]

    def set_evidence(self, updates: list[tuple[str, list[str]]]) -> int:
        """Replace stored pages' evidence, ``(canonical_url, lines)`` pairs, in one transaction: the
        evidence pass (``farmwatch provenance``) adds what the classifier cannot see on one page."""
        n = 0
        with self._transaction():
            for url, lines in updates:
                for t in PAGE_TABLES:
                    n += self._exec(f"UPDATE {t} SET evidence = ? WHERE canonical_url = ?",
                                    (json.dumps(list(lines), ensure_ascii=False), url))
        return n

    # --- frontier --------------------------------------------------------------------------------
    def frontier_add(self, job: str, entries: list[tuple[str, int]]) -> int:
        """Insert URLs as pending unless the job already knows them; returns how many were new."""
        added = 0
        now = now_iso()
        seen: set[str] = set()
        with self._transaction():
            for url, depth in entries:
                if url in seen:
                    continue
                seen.add(url)
                added += self._exec("INSERT INTO frontier (job, url, depth, state, added_at, updated_at) "
                                    "VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT (job, url) DO NOTHING",
                                    (job, url, int(depth or 0), now, now))
        return added

    def frontier_mark(self, job: str, url: str, state: str) -> None:
        if state not in FRONTIER_STATES:
            raise StoreError(f"frontier state must be one of {', '.join(FRONTIER_STATES)}, not {state!r}")
        now = now_iso()
        with self._transaction():
            n = self._exec("UPDATE frontier SET state = ?, updated_at = ? WHERE job = ? AND url = ?",
                           (state, now, job, url))
            if not n:  # marked before it was added (e.g. a redirect target): record it anyway
                self._exec("INSERT INTO frontier (job, url, depth, state, added_at, updated_at) "
                           "VALUES (?, ?, 0, ?, ?, ?) ON CONFLICT (job, url) DO UPDATE SET state = excluded.state, "
                           "updated_at = excluded.updated_at", (job, url, state, now, now))

    def frontier_pending(self, job: str, limit: int | None = None) -> list[tuple[str, int]]:
        """Pending URLs, shallowest first, then in the order they were added."""
        sql = "SELECT url, depth FROM frontier WHERE job = ? AND state = 'pending' ORDER BY depth, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [(u, int(d)) for u, d in self._all(sql, (job,))]

    def frontier_reset(self, job: str, older_than: str | None = None,
                       states: tuple[str, ...] = ("done", "failed")) -> int:
        """URLs in ``states`` (done and failed) last visited before ``older_than`` become pending again.

        ``older_than=None`` resets every such URL of the job (a full re-visit). Gone URLs
        (404/410) have their own, longer interval: ``states=("gone",)``. Returns how many were reset.
        """
        marks = ", ".join("?" for _ in states)
        with self._transaction():
            if older_than is None:
                return self._exec(f"UPDATE frontier SET state = 'pending' WHERE job = ? AND state IN ({marks})",
                                  (job, *states))
            return self._exec(f"UPDATE frontier SET state = 'pending' WHERE job = ? AND state IN ({marks}) "
                              "AND updated_at < ?", (job, *states, older_than))

    def frontier_state(self, job: str, url: str) -> str | None:
        rows = self._all("SELECT state FROM frontier WHERE job = ? AND url = ?", (job, url))
        return rows[0][0] if rows else None

    def frontier_counts(self, job: str) -> dict:
        out = {s: 0 for s in FRONTIER_STATES}
        for state, n in self._all("SELECT state, COUNT(*) FROM frontier WHERE job = ? GROUP BY state", (job,)):
            out[state] = int(n)
        out["total"] = sum(out[s] for s in FRONTIER_STATES)
        return out

    # --- runs --------------------------------------------------------------------------------------
    def start_run(self, job: str, argv: list[str]) -> int:
        with self._transaction():
            return self._insert_id("INSERT INTO runs (job, argv, started_at, status) VALUES (?, ?, ?, 'running')",
                                   (job, json.dumps(list(argv)), now_iso()))

    def finish_run(self, run_id: int, status: str, stats: dict) -> None:
        with self._transaction():
            self._exec("UPDATE runs SET status = ?, stats = ?, finished_at = ? WHERE id = ?",
                       (status, json.dumps(stats, default=str, sort_keys=True), now_iso(), int(run_id)))

    def runs(self, job: str | None = None, limit: int = 20) -> list[dict]:
        """Newest first."""
        cols = ["id", "job", "argv", "started_at", "finished_at", "status", "stats"]
        sql = f"SELECT {', '.join(cols)} FROM runs"
        params: tuple = ()
        if job is not None:
            sql += " WHERE job = ?"
            params = (job,)
        sql += f" ORDER BY id DESC LIMIT {int(limit)}"
        out = []
        for row in self._all(sql, params):
            r = dict(zip(cols, row))
            r["argv"] = json.loads(r["argv"]) if r["argv"] else []
            r["stats"] = json.loads(r["stats"]) if r["stats"] else {}
            out.append(r)
        return out

    # --- reviews ---------------------------------------------------------------------------------
    _REVIEW_COLS = ["id", "kind", "target", "label", "note", "reviewer", "at", "withdrawn_at", "withdrawn_by"]

    def add_review(self, kind: str, target: str, label: str, note: str = "", reviewer: str = "",
                   at: str | None = None) -> int:
        if kind not in REVIEW_KINDS:
            raise StoreError(f"review kind must be site or page, not {kind!r}")
        if label not in REVIEW_LABELS:
            raise StoreError(f"review label must be farm, legit or unsure, not {label!r}")
        target = target.strip()
        if kind == "site":
            target = target.lower().rstrip(".")
        if not target:
            raise StoreError("a review needs a target (site or canonical page URL)")
        with self._transaction():
            return self._insert_id("INSERT INTO reviews (kind, target, label, note, reviewer, at) VALUES (?, ?, ?, ?, ?, ?)",
                                   (kind, target, label, note or "", reviewer or "", at or now_iso()))

    def withdraw_review(self, review_id: int, by: str = "") -> dict | None:
        """Mark a review withdrawn (kept for the record, no longer counted); None if there is no such id.

        Withdrawing twice keeps the first withdrawal."""
        with self._transaction():
            self._exec("UPDATE reviews SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL",
                       (now_iso(), by or "", int(review_id)))
        rows = self._all(f"SELECT {', '.join(self._REVIEW_COLS)} FROM reviews WHERE id = ?", (int(review_id),))
        return dict(zip(self._REVIEW_COLS, rows[0])) if rows else None

    def reviews(self, kind: str | None = None, target: str | None = None,
                include_withdrawn: bool = False) -> list[dict]:
        """Newest first; withdrawn reviews only with ``include_withdrawn``."""
        where, params = [], []
        if not include_withdrawn:
            where.append("withdrawn_at IS NULL")
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if target:
            where.append("target = ?")
            params.append(target.lower().rstrip(".") if kind == "site" else target)
        sql = f"SELECT {', '.join(self._REVIEW_COLS)} FROM reviews"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY at DESC, id DESC"
        return [dict(zip(self._REVIEW_COLS, r)) for r in self._all(sql, params)]

    def latest_review(self, kind: str, target: str) -> dict | None:
        rows = self.reviews(kind, target)
        return rows[0] if rows else None

    def latest_reviews(self, kind: str) -> dict[str, dict]:
        """target → its newest review, for every reviewed target of that kind."""
        out: dict[str, dict] = {}
        for r in self.reviews(kind):  # newest first: the first seen per target wins
            out.setdefault(r["target"], r)
        return out

    def reviewed_pages(self) -> Iterator[dict]:
        """Stored pages labelled by an analyst, each with ``label`` (farm/legit) and ``label_source``.

        A page's own newest review beats its site's; ``unsure`` labels nothing.
        """
        pages = self.latest_reviews("page")
        sites = self.latest_reviews("site")
        for url, review in sorted(pages.items()):
            if review["label"] in ("farm", "legit"):
                page = self.get_page(url)
                if page is not None:
                    page.update(label=review["label"], label_source="page", review_at=review["at"])
                    yield page
        for site, review in sorted(sites.items()):
            if review["label"] not in ("farm", "legit"):
                continue
            for page in self.iter_pages(site=site):
                if page["site"] != site or page["canonical_url"] in pages:
                    continue
                page.update(label=review["label"], label_source="site", review_at=review["at"])
                yield page


def open_store(target: str | Path | None = None) -> Store:
    """None → ``data/farmwatch.sqlite``; a path or ``sqlite:///path`` → SQLite; ``postgresql://`` → PostgreSQL."""
    if target is None or target == "":
        target = DEFAULT_SQLITE
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        from crawler.storage.postgres import PostgresStore

        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]  # sqlite:///relative/path, sqlite:////absolute/path
        if not text:
            raise StoreError("sqlite:/// needs a file path")
    elif text.startswith("sqlite://"):
        raise StoreError(f"{text}: use sqlite:///relative/path or sqlite:////absolute/path")
    elif "://" in text:
        raise StoreError(f"{text}: unsupported database URL (use a path, sqlite:///path or postgresql://…)")
    from crawler.storage.sqlite import SQLiteStore

    return SQLiteStore(Path(text))
