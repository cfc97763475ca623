"""PostgreSQL going away mid-crawl loses no page, and the run says what happened.

Each test starts its own throwaway PostgreSQL cluster on a free 127.0.0.1 port (the binaries
under /usr/lib/postgresql/*/bin; skipped when they are absent), because the test stops and
restarts the server: the shared test server (``FARMWATCH_TEST_PG_URL``) must never blink for
the other tests. The crawls are real ``farmwatch crawl`` runs over the loopback sample web, with
the Redis frontier (``--redis``) and with the frontier kept in the store.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest_services import _free_port, _pg_bin, _run_as_postgres
from tests.helpers import farmwatch
from tests.test_distributed_crawl import _stored

pytestmark = pytest.mark.services
psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'farmwatch[scale]')")

WAIT = 240  # hang guard for one crawl, not a speed assertion


class Cluster:
    """A PostgreSQL cluster of our own that a test may stop and start."""

    def __init__(self):
        self.initdb, self.pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
        if not (self.initdb and self.pg_ctl):
            pytest.skip("PostgreSQL binaries not available (apt-get install postgresql)")
        self.prefix = _run_as_postgres()
        if self.prefix is None:
            pytest.skip("running as root without a `postgres` user: cannot start a throwaway PostgreSQL")
        self.tmp = Path(tempfile.mkdtemp(prefix="farmwatch-pg-fault-"))
        self.data, self.sock = self.tmp / "data", self.tmp / "sock"
        self.sock.mkdir()
        if self.prefix:
            for path in (self.tmp, self.sock):
                shutil.chown(path, "postgres")
            self.tmp.chmod(0o755)
        self.port = _free_port()
        init = subprocess.run(self.prefix + [self.initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres",
                                             "-E", "UTF8", "--no-sync"], capture_output=True, text=True)
        if init.returncode != 0:
            pytest.skip(f"initdb failed: {init.stderr.strip()[-300:]}")
        self.start()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(self.prefix + [self.pg_ctl, "-D", str(self.data), *args], capture_output=True,
                              text=True)

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40"
        started = self._ctl("-o", opts, "-l", str(self.tmp / "log"), "-w", "-t", "60", "start")
        if started.returncode != 0:
            pytest.skip(f"pg_ctl start failed: {started.stderr.strip()[-300:]}")

    def stop(self) -> None:
        """A fast shutdown: every client connection is closed under the crawler's feet."""
        assert self._ctl("-m", "fast", "-w", "stop").returncode == 0

    def destroy(self) -> None:
        self._ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture
def cluster():
    c = Cluster()
    yield c
    c.destroy()


def _runs(url: str, job: str) -> list[dict]:
    from crawler.storage import open_store

    with open_store(url) as store:
        return store.runs(job=job)


def _wait_for(predicate, what: str):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except psycopg.OperationalError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def test_store_reconnects_after_the_server_restarts(cluster):
    from crawler.storage import open_store

    page = {"canonical_url": "http://a.example/1", "url": "http://a.example/1", "site": "a.example",
            "host": "a.example", "fetched_at": "2026-01-01T00:00:00+00:00", "verdict": "legit", "score": 0.1}
    with open_store(cluster.url) as store:
        store.upsert_pages([page])
        cluster.stop()
        cluster.start()
        with pytest.raises(psycopg.OperationalError) as failed:
            store.upsert_pages([dict(page, canonical_url="http://a.example/2", url="http://a.example/2")])
        assert store.transient(failed.value), "a dropped connection must be retryable"
        store.upsert_pages([dict(page, canonical_url="http://a.example/2", url="http://a.example/2")])
        assert store.reconnects == 1
        assert {p["canonical_url"] for p in store.iter_pages()} == {"http://a.example/1", "http://a.example/2"}


@pytest.fixture
def web(sample_web, sample_root, tmp_path):
    from classifier.model import DEFAULT_MODEL
    from farmwatch.sampleweb.server import hosts_map, seed_urls

    if not DEFAULT_MODEL.exists():
        pytest.skip(f"no shipped model at {DEFAULT_MODEL}")
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("\n".join(seed_urls(sample_root, sample_web.port)) + "\n")
    hosts = tmp_path / "hosts"
    hosts.write_text("".join(f"{ip} {name}\n" for name, ip in hosts_map(sample_root).items()))
    return seeds, hosts


def _crawl(web, tmp_path, db: str, job: str, redis: list[str], *extra: str, wait: bool = True):
    seeds, hosts = web
    args = ["crawl", "--seeds", str(seeds), "--job", job, "--db", db, *redis, "--allow-private",
            "--hosts-file", str(hosts), "--state-dir", str(tmp_path / "jobs"), "--max-depth", "4",
            "-s", "FARMWATCH_HOSTS_ONLY=true", "-s", "AUTOTHROTTLE_ENABLED=false",
            "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=3", "-s", "FARMWATCH_REDIS_IDLE_POLL=0.2", *extra]
    if wait:
        return farmwatch(*args, timeout=WAIT)
    import os
    import sys

    from tests.helpers import REPO

    log = open(tmp_path / f"{job}-{uuid.uuid4().hex[:6]}.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "farmwatch", *args], cwd=REPO, stdout=log,
                            stderr=subprocess.STDOUT, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    return proc, Path(log.name)


def _database(cluster: Cluster, name: str) -> str:
    with psycopg.connect(cluster.url, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    return cluster.url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def redis_prefix(redis_server_url):
    import redis

    prefix = f"fwfault-{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(redis_server_url)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["redis", "store"])
def test_a_postgres_outage_mid_crawl_loses_no_page_and_the_run_says_partial(mode, cluster, web, tmp_path,
                                                                           request):
    """PostgreSQL stops while a crawl stores pages and comes back a few seconds later, longer than
    the store's retry budget: the run must report ``partial`` (exit 3) with the store errors
    counted, keep writing once the server is back (the store reconnected), and a second run
    must store every page an uninterrupted crawl stores, none twice."""
    if mode == "redis":
        redis_url = request.getfixturevalue("redis_server_url")
        prefix = request.getfixturevalue("redis_prefix")
        redis = lambda suffix: ["--redis", redis_url, "--redis-prefix", f"{prefix}{suffix}"]  # noqa: E731
    else:
        redis = lambda suffix: []  # noqa: E731
    reference_db = _database(cluster, "reference")
    ref = _crawl(web, tmp_path, reference_db, "ref", redis("-ref"))
    assert ref.returncode in (0, 3), ref.stdout + ref.stderr[-3000:]  # 3: the sample web's deliberate 404
    expected = set(_stored(reference_db))
    assert len(expected) >= 50

    db = _database(cluster, "outage")
    slow = ["-s", "DOWNLOAD_DELAY=0.3", "-s", "CONCURRENT_REQUESTS=2", "-s", "FARMWATCH_STORE_BATCH=3",
            "-s", "FARMWATCH_STORE_RETRIES=1", "-s", "FARMWATCH_STORE_RETRY_DELAY=0.5"]
    proc, log = _crawl(web, tmp_path, db, "outage", redis(""), *slow, wait=False)
    try:
        _wait_for(lambda: len(_stored(db)) >= 6, "the first committed batches")
        cluster.stop()
        time.sleep(4)  # pages keep arriving; their batches fail past the retry budget
        cluster.start()
        before_return = len(_stored(db))
        code = proc.wait(WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    out = log.read_text(errors="replace")
    assert code == 3, out[-4000:]
    assert "status=partial" in out
    (run,) = _runs(db, "outage")
    assert run["status"] == "partial"
    assert run["stats"].get("farmwatch/errors/store", 0) > 0, "pages the store refused must count as errors"
    assert len(_stored(db)) > before_return, "nothing was stored after PostgreSQL came back: no reconnect"

    again = _crawl(web, tmp_path, db, "outage", redis(""), "-s", "DOWNLOAD_DELAY=0")
    assert again.returncode in (0, 3), again.stdout + again.stderr[-3000:]
    stored = _stored(db)
    assert len(stored) == len(set(stored)), "a page was stored twice"
    missing = expected - set(stored)
    assert not missing, f"pages lost to the outage: {sorted(missing)[:10]}"
