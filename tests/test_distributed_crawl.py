"""Scale-out on real servers: `scrapy crawl news_redis` workers sharing one Redis frontier and
one PostgreSQL store, over the loopback sample web.

Needs Redis and PostgreSQL: ``FARMWATCH_TEST_REDIS_URL`` / ``FARMWATCH_TEST_PG_URL`` (``.ci/run``
exports them) or the Debian binaries to start throwaway servers (tests/conftest_services.py);
otherwise the tests skip with a message. Each test gets its own Redis key prefix and its own
PostgreSQL schema, so runs never collide.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.services

redis = pytest.importorskip("redis", reason="redis-py is not installed (pip install 'farmwatch[scale]')")
psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'farmwatch[scale]')")

WAIT = 120  # seconds before a wait for a worker gives up (a hang guard, not an assertion on speed)


# --------------------------------------------------------------------------- services
# redis_server_url and pg_server_url come from tests/conftest_services.py: the servers named by
# FARMWATCH_TEST_REDIS_URL / FARMWATCH_TEST_PG_URL, else throwaway ones, else a skip saying why.


@pytest.fixture
def frontier(redis_server_url):
    """A fresh key prefix on the shared Redis; its keys are deleted afterwards."""
    prefix = f"fwtest-{uuid.uuid4().hex[:10]}"
    client = redis.Redis.from_url(redis_server_url)
    yield redis_server_url, prefix, client
    keys = list(client.scan_iter(f"{prefix}*"))  # also the -ref frontier of the resume test
    if keys:
        client.delete(*keys)
    client.close()


def _pg_schema_url(server_url: str, schema: str) -> str:
    sep = "&" if "?" in server_url else "?"
    return f"{server_url}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_schema(pg_server_url):
    """A fresh PostgreSQL schema; returns a URL whose search_path is that schema."""
    schemas = []

    def make() -> str:
        name = f"fwtest_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(pg_server_url, autocommit=True) as con:
            con.execute(f'CREATE SCHEMA "{name}"')
        schemas.append(name)
        return _pg_schema_url(pg_server_url, name)

    yield make
    with psycopg.connect(pg_server_url, autocommit=True) as con:
        for name in schemas:
            con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def _stored(db_url: str) -> list[str]:
    """Every canonical URL in farm_pages and legit_pages, with repeats (none before the first worker migrates)."""
    with psycopg.connect(db_url) as con:
        try:
            return [row[0] for table in ("farm_pages", "legit_pages")
                    for row in con.execute(f"SELECT canonical_url FROM {table}")]
        except psycopg.errors.UndefinedTable:
            return []


# --------------------------------------------------------------------------- workers
class Worker:
    """One real `scrapy crawl news_redis` process; its log goes to a file."""

    def __init__(self, log: Path, redis_url: str, prefix: str, db: str, hosts: str, **settings):
        self.log = log
        base = {"REDIS_URL": redis_url, "FARMWATCH_REDIS_PREFIX": prefix, "FARMWATCH_DB": db,
                "FARMWATCH_HOSTS": hosts, "FARMWATCH_HOSTS_ONLY": "1", "FARMWATCH_ALLOW_PRIVATE": "1",
                "AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "DEBUG",
                "MAX_IDLE_TIME_BEFORE_CLOSE": "4", "FARMWATCH_REDIS_IDLE_POLL": "0.2",
                "FARMWATCH_REDIS_HEARTBEAT": "6", "TELNETCONSOLE_ENABLED": "0"}
        base.update({k: str(v) for k, v in settings.items()})
        cmd = [sys.executable, "-m", "scrapy", "crawl", "news_redis", "-a", "max_depth=4"]
        for key, value in base.items():
            cmd += ["-s", f"{key}={value}"]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
        self._out = open(log, "w", encoding="utf-8")
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=self._out)

    def wait(self) -> int:
        try:
            return self.proc.wait(WAIT)
        finally:
            self._out.close()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(WAIT)
        self._out.close()

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def fetched(self) -> list[str]:
        """Pages this worker downloaded (robots.txt excluded: every worker reads it once per host)."""
        return [u for u in re.findall(r"Crawled \(\d+\) <GET (\S+)>", self.text()) if not u.endswith("/robots.txt")]

    def stat(self, key: str) -> int:
        m = re.search(rf"'{re.escape(key)}': (\d+)", self.text())
        return int(m.group(1)) if m else 0


def _wait_for(predicate, what: str):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def web(sample_web, sample_root):
    from classifier.model import DEFAULT_MODEL
    from farmwatch.sampleweb.server import hosts_map, seed_urls

    if not DEFAULT_MODEL.exists():
        pytest.skip(f"no shipped model at {DEFAULT_MODEL}: train it first (make train)")

    hosts = ",".join(f"{h}={ip}" for h, ip in hosts_map(sample_root).items())
    return hosts, seed_urls(sample_root, sample_web.port)


# --------------------------------------------------------------------------- end to end
@pytest.mark.slow
def test_two_workers_fetch_every_page_once_and_store_it_once(frontier, pg_schema, web, tmp_path):
    from crawler.redis_frontier import push_seeds

    redis_url, prefix, client = frontier
    hosts, seeds = web
    db = pg_schema()
    # Few slots per worker, so neither can swallow the small sample web before the other looks.
    workers = [Worker(tmp_path / f"w{i}.log", redis_url, prefix, db, hosts, CONCURRENT_REQUESTS=2) for i in range(2)]
    _wait_for(lambda: client.scard(f"{prefix}:workers") == 2, "both workers to join the frontier")
    assert push_seeds(redis_url, f"{prefix}:start_urls", seeds) == len(seeds)
    codes = [w.wait() for w in workers]
    assert codes == [0, 0], "\n\n".join(w.text()[-3000:] for w in workers)

    fetched = Counter(u for w in workers for u in w.fetched())
    twice = sorted(u for u, n in fetched.items() if n > 1)
    assert not twice, f"pages fetched more than once across workers: {twice[:10]}"
    assert len(fetched) >= 50, "the sample web should have been crawled"
    assert all(w.fetched() for w in workers), f"one worker did nothing: {[len(w.fetched()) for w in workers]}"

    stored = _stored(db)
    assert len(stored) == len(set(stored)), "a canonical URL is stored twice (both tables, or two rows)"
    # A worker meets hosts mid-crawl, several of their requests at once: robots.txt must still hold.
    assert not [u for u in fetched if "/private/" in u], "a page forbidden by robots.txt was fetched"
    assert sum(w.stat("farmwatch/pages_stored") for w in workers) == len(stored), \
        "the workers together committed more pages than there are rows: a page was stored twice"
    assert client.zcard(f"{prefix}:requests") == 0
    assert not list(client.scan_iter(f"{prefix}:claims:*")), "a finished crawl left claimed requests behind"


@pytest.mark.slow
def test_crawl_resumes_after_its_only_worker_was_killed_and_loses_no_page(frontier, pg_schema, web, tmp_path,
                                                                           redis_server_url):
    from crawler.redis_frontier import push_seeds

    redis_url, prefix, client = frontier
    hosts, seeds = web

    # What an uninterrupted crawl stores, for comparison.
    ref_prefix, ref_db = f"{prefix}-ref", pg_schema()
    push_seeds(redis_url, f"{ref_prefix}:start_urls", seeds)
    reference = Worker(tmp_path / "ref.log", redis_url, ref_prefix, ref_db, hosts)
    assert reference.wait() == 0, reference.text()[-3000:]
    expected = set(_stored(ref_db))
    for key in client.scan_iter(f"{ref_prefix}:*"):
        client.delete(key)

    db = pg_schema()
    push_seeds(redis_url, f"{prefix}:start_urls", seeds)
    # Slow fetches, small store batches: some pages are committed, some parsed but
    # not yet committed, some in flight when the worker dies.
    victim = Worker(tmp_path / "victim.log", redis_url, prefix, db, hosts, CONCURRENT_REQUESTS=4,
                    DOWNLOAD_DELAY="0.1", FARMWATCH_STORE_BATCH=5)
    _wait_for(lambda: len(_stored(db)) >= 5, "the first committed batch")
    victim.kill()
    (victim_id,) = [w.decode() for w in client.smembers(f"{prefix}:workers")]
    assert client.hlen(f"{prefix}:claims:{victim_id}") > 0, "the kill should leave unfinished, claimed pages"
    assert len(set(_stored(db))) < len(expected)
    _wait_for(lambda: not client.exists(f"{prefix}:alive:{victim_id}"), "the dead worker's heartbeat to expire")

    survivor = Worker(tmp_path / "survivor.log", redis_url, prefix, db, hosts)
    assert survivor.wait() == 0, survivor.text()[-3000:]
    assert survivor.stat("farmwatch/frontier/rescued") > 0

    stored = _stored(db)
    assert len(stored) == len(set(stored)), "a canonical URL is stored twice"
    missing = expected - set(stored)
    assert not missing, f"pages lost with the killed worker: {sorted(missing)[:10]}"
    assert set(stored) == expected
    assert not client.exists(f"{prefix}:claims:{victim_id}")
    assert not client.sismember(f"{prefix}:workers", victim_id)


# --------------------------------------------------------------------------- frontier units
def _scheduler(client, prefix: str):
    """A FrontierScheduler as a worker would have it, minus the crawl around it."""
    from scrapy_redis.dupefilter import RFPDupeFilter

    from crawler.redis_frontier import FrontierScheduler
    from crawler.spiders.news_redis import NewsRedisSpider

    scheduler = FrontierScheduler(client, prefix=prefix, heartbeat=60, persist=True,
                                  queue_key=f"{prefix}:requests", queue_cls="scrapy_redis.queue.PriorityQueue",
                                  dupefilter_key=f"{prefix}:dupefilter")
    scheduler.df = RFPDupeFilter(client, key=f"{prefix}:dupefilter")
    spider = NewsRedisSpider()
    scheduler.open(spider)
    return scheduler, spider


def _drain(scheduler) -> list:
    out = []
    while (request := scheduler.next_request()) is not None:
        out.append(request)
    return out


def test_site_page_budget_is_shared_by_all_workers(frontier):
    from scrapy import Request

    from crawler.redis_frontier import BUDGET_META, SITE_META

    _, prefix, client = frontier
    a, _ = _scheduler(client, prefix)
    b, _ = _scheduler(client, prefix)
    accepted = 0
    for i in range(10):
        request = Request(f"http://site.example/p{i}", meta={SITE_META: "site.example", BUDGET_META: 4})
        accepted += (a if i % 2 else b).enqueue_request(request)
    assert accepted == 4
    assert len(_drain(a)) == 4


def test_claims_of_a_silent_worker_go_back_to_the_queue(frontier):
    from scrapy import Request

    _, prefix, client = frontier
    dead, _ = _scheduler(client, prefix)
    for i in range(3):
        dead.enqueue_request(Request(f"http://site.example/{i}"))
    taken = [dead.next_request(), dead.next_request()]
    assert all(taken) and client.hlen(dead.claims_key) == 2

    alive, _ = _scheduler(client, prefix)
    assert len(alive.queue) == 1, "claims of a worker whose heartbeat is fresh must stay with it"
    client.delete(f"{prefix}:alive:{dead.worker_id}")  # SIGKILL: no more heartbeats, key expires
    assert alive.rescue_dead_workers() == 2
    urls = sorted(r.url for r in _drain(alive))
    assert urls == [f"http://site.example/{i}" for i in range(3)]
    assert not client.exists(dead.claims_key)


def test_released_and_redirected_requests_leave_no_claim(frontier):
    from scrapy import Request

    from crawler.redis_frontier import CLAIM_META

    _, prefix, client = frontier
    scheduler, _ = _scheduler(client, prefix)
    scheduler.enqueue_request(Request("http://site.example/old"))
    scheduler.enqueue_request(Request("http://site.example/page"))
    first, second = scheduler.next_request(), scheduler.next_request()
    assert client.hlen(scheduler.claims_key) == 2
    redirected = first.replace(url="http://site.example/new")  # what RedirectMiddleware returns
    assert redirected.meta[CLAIM_META] == first.meta[CLAIM_META]
    scheduler.enqueue_request(redirected)
    scheduler.release(second.meta[CLAIM_META])
    assert client.hlen(scheduler.claims_key) == 0
    assert [r.url for r in _drain(scheduler)] == ["http://site.example/new"]


def test_store_commit_releases_the_claim_of_the_stored_page(frontier):
    from scrapy import Request

    from crawler.redis_frontier import CLAIM_META

    _, prefix, client = frontier
    scheduler, _ = _scheduler(client, prefix)
    scheduler.enqueue_request(Request("http://site.example/a"))
    request = scheduler.next_request()
    scheduler.release_when_stored("http://site.example/a", request.meta[CLAIM_META])
    assert client.hlen(scheduler.claims_key) == 1, "a parsed page is not done until it is committed"
    scheduler._on_pages_stored(items=[{"url": "http://site.example/a"}])
    assert client.hlen(scheduler.claims_key) == 0


def test_a_worker_follows_links_to_a_site_whose_seed_another_worker_read(frontier):
    from crawler.redis_frontier import SITE_META, append_seeds

    _, prefix, client = frontier
    a, b = _scheduler(client, prefix)[1], _scheduler(client, prefix)[1]
    for spider in (a, b):
        spider.server, spider.frontier_prefix, spider.redis_key = client, prefix, f"{prefix}:start_urls"
        spider.scope_ttl = 0
    assert b.request_for("http://latetimes.com/story", depth=1) is None, "not a seed site yet"
    append_seeds(client, f"{prefix}:start_urls", ["http://latetimes.com/"])  # arrives mid-crawl
    (seed,) = [a.make_request_from_data(d) for d in client.lrange(f"{prefix}:start_urls", 0, -1)]
    assert seed.meta[SITE_META] == "latetimes.com"
    followed = b.request_for("http://www.latetimes.com/story", depth=1)
    assert followed is not None and followed.meta[SITE_META] == "latetimes.com"
    assert b.request_for("http://elsewhere.com/", depth=1) is None


def test_push_seeds_appends_only_urls_not_already_waiting(frontier):
    from crawler.redis_frontier import push_seeds

    url, prefix, client = frontier
    key = f"{prefix}:start_urls"
    assert push_seeds(url, key, ["http://a.example/", "http://b.example/"]) == 2
    assert push_seeds(url, key, ["http://b.example/", "http://c.example/", "http://c.example/"]) == 1
    assert [u.decode() for u in client.lrange(key, 0, -1)] == ["http://a.example/", "http://b.example/",
                                                               "http://c.example/"]


def test_frontier_command_pushes_a_seeds_file_and_reports_status(frontier, tmp_path, capsys):
    from farmwatch.commands import frontier as command

    url, prefix, client = frontier
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("# outlets\nhttp://a.example/\nhttp://b.example/  # second\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    command.add_parser(parser.add_subparsers())
    args = parser.parse_args(["frontier", "push", "--redis", url, "--seeds", str(seeds), "--prefix", prefix])
    assert args.func(args) == 0
    assert client.llen(f"{prefix}:start_urls") == 2
    args = parser.parse_args(["frontier", "status", "--redis", url, "--prefix", prefix, "--json"])
    assert args.func(args) == 0
    assert '"start_urls": 2' in capsys.readouterr().out
    args = parser.parse_args(["frontier", "push", "--redis", "http://not-redis/", "--seeds", str(seeds)])
    assert args.func(args) == 2


def test_redis_settings_switch_scheduler_and_dupefilter_to_scrapy_redis():
    from scrapy_redis.scheduler import Scheduler

    from crawler.redis_frontier import redis_settings
    from farmwatch.runner import project_settings

    settings = project_settings(redis_settings("redis://127.0.0.1:6379/3", prefix="job1"))
    from scrapy.utils.misc import load_object

    assert issubclass(load_object(settings["SCHEDULER"]), Scheduler)
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings.getbool("SCHEDULER_PERSIST") is True
    assert settings["REDIS_URL"] == "redis://127.0.0.1:6379/3"
    assert settings["FARMWATCH_REDIS_PREFIX"] == "job1"
    assert settings.getint("MAX_IDLE_TIME_BEFORE_CLOSE") > 0, "idle workers must stop by themselves"
    with pytest.raises(ValueError):
        redis_settings("postgresql://localhost/x")


@pytest.mark.slow
def test_farmwatch_crawl_with_redis_flag_uses_the_shared_frontier_and_postgres(frontier, pg_schema, web, tmp_path):
    """The cron entry point's `--redis URL --db postgresql://…`: same pages, frontier in Redis."""
    from tests.helpers import farmwatch

    redis_url, prefix, client = frontier
    hosts, seeds = web
    seeds_file = tmp_path / "seeds.txt"
    seeds_file.write_text("\n".join(seeds) + "\n")
    hosts_file = tmp_path / "hosts"
    hosts_file.write_text("".join(f"{ip} {name}\n" for name, ip in (p.split("=") for p in hosts.split(","))))
    db = pg_schema()
    proc = farmwatch("crawl", "--seeds", str(seeds_file), "--job", "scaled", "--db", db, "--redis", redis_url,
                     "--redis-prefix", prefix, "--allow-private", "--hosts-file", str(hosts_file),
                     "--state-dir", str(tmp_path / "jobs"), "--max-depth", "4",
                     "-s", "FARMWATCH_HOSTS_ONLY=true", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "DOWNLOAD_DELAY=0",
                     "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=3", timeout=WAIT * 2)
    assert proc.returncode in (0, 3), proc.stderr[-3000:]  # 3: the sample web has a deliberate 404
    assert "job=scaled" in proc.stdout
    stored = _stored(db)
    assert len(stored) >= 50 and len(stored) == len(set(stored))
    assert client.scard(f"{prefix}:dupefilter") >= len(stored), "requests did not go through the Redis dupefilter"
    assert client.zcard(f"{prefix}:requests") == 0
