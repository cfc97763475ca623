"""A shared crawl frontier in Redis, built on scrapy-redis, for N workers on M machines.

Why scrapy-redis and not a home-made queue: its scheduler, priority queue and duplicate
filter are the standard way to share one frontier between Scrapy processes. What it lacks
is what this module adds, in one scheduler subclass (:class:`FrontierScheduler`):

* **No page lost when a worker dies.** scrapy-redis pops a request and forgets it; a worker
  killed with requests in flight (or with pages parsed but not yet committed by
  :class:`crawler.pipelines.StorePipeline`) loses them for good, since the duplicate filter
  already lists them. Here a pop moves the request atomically (one Lua script) into the
  worker's *claims* hash; the spider releases a claim once the page is durably stored
  (the ``pages_stored`` signal) or needs no storing (not HTML, HTTP error, robots.txt, ...).
  Each worker refreshes a heartbeat key; any worker that finds a registered worker without
  a heartbeat moves that worker's claims back into the queue (again one Lua script, so two
  rescuers cannot both take them). Delivery is at-least-once: a page in flight when its
  worker died is fetched again, never lost.
* **One page budget per site for the whole cluster.** ``max_pages_per_site`` is counted in
  a Redis hash after the duplicate filter, so N workers do not fetch N budgets.
* **Keys under one prefix** (``FARMWATCH_REDIS_PREFIX``, default the spider name), so a job,
  a test or a benchmark can have its own frontier in a shared Redis.

Redis keys, for prefix ``P``: ``P:start_urls`` (list of seed URLs), ``P:requests`` (sorted
set, the scrapy-redis priority queue), ``P:dupefilter`` (set of request fingerprints),
``P:sites`` (set of seed sites = crawl scope), ``P:site_pages`` (hash site → pages budgeted),
``P:workers`` (set of worker ids), ``P:alive:<id>`` (heartbeat, expires) and
``P:claims:<id>`` (hash claim → serialized request).

Settings (besides scrapy-redis' own ``REDIS_URL``, ``SCHEDULER_PERSIST`` ...):

``FARMWATCH_REDIS_PREFIX``
    key prefix of this frontier (default: the spider's name).
``FARMWATCH_REDIS_START_KEY``
    list the spider reads seed URLs from (default ``<prefix>:start_urls``).
``FARMWATCH_REDIS_HEARTBEAT``
    seconds a worker may be silent before others take its claims back (default 60).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import uuid
from typing import Any, Iterable

import redis
from scrapy import signals
from scrapy.http import Request
from scrapy.utils.misc import load_object
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

logger = logging.getLogger(__name__)

CLAIM_META = "farmwatch_claim"  # request.meta key: the claim this request was popped under
SITE_META = "farmwatch_site"  # request.meta key: the site whose budget the request counts against
BUDGET_META = "farmwatch_site_budget"  # request.meta key: that site's page budget
COUNTED_META = "farmwatch_budget_counted"  # set once counted, so redirects/retries are not counted twice

# Settings that put any farmwatch spider on the shared frontier (the spider ``news_redis``
# carries them as custom_settings; :func:`redis_settings` adds the server and the prefix).
FRONTIER_SETTINGS: dict[str, Any] = {
    "SCHEDULER": "crawler.redis_frontier.FrontierScheduler",
    "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
    "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
    "SCHEDULER_PERSIST": True,  # the queue and duplicate filter outlive every worker
    "MAX_IDLE_TIME_BEFORE_CLOSE": 60,  # a worker with nothing to do for a minute exits
}

# Pop the best request and claim it, atomically. The claim id carries the queue score so a
# rescuer can put the request back at its priority without unpickling it.
_POP_AND_CLAIM = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
local claim = r[2] .. '|' .. redis.sha1hex(r[1])
redis.call('HSET', KEYS[2], claim, r[1])
return {r[1], claim}
"""

# Give a silent worker's claims back to the queue, atomically, only if it is still silent.
# KEYS: heartbeat, claims hash, queue, workers set; ARGV: worker id, "force" (skip heartbeat check).
_RESCUE = """
if ARGV[2] ~= 'force' and redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[2])
local n = 0
for i = 1, #entries, 2 do
  local score = string.match(entries[i], '^([^|]+)|')
  redis.call('ZADD', KEYS[3], score, entries[i + 1])
  n = n + 1
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return n
"""


def redis_settings(url: str, prefix: str | None = None) -> dict[str, Any]:
    """Scrapy settings that move the scheduler and duplicate filter of a crawl into Redis.

    ``prefix`` names this frontier's keys (default: the spider's name, ``news_redis``).
    Apply at command-line priority on top of the project settings.
    """
    if not url or not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"not a Redis URL: {url!r} (expected redis://host:port/db)")
    settings = dict(FRONTIER_SETTINGS, REDIS_URL=url)
    if prefix:
        settings["FARMWATCH_REDIS_PREFIX"] = prefix
    return settings


def start_key(prefix: str = "news_redis") -> str:
    return f"{prefix}:start_urls"


def push_seeds(url: str, key: str, urls: Iterable[str]) -> int:
    """Append seed URLs to the Redis list ``key`` (in order, each once); returns how many.

    A URL already waiting in the list is not pushed again; one already crawled is pushed but
    the shared duplicate filter makes the workers skip it.
    """
    client = redis.Redis.from_url(url)
    try:
        return append_seeds(client, key, urls)
    finally:
        client.close()


def append_seeds(client: redis.Redis, key: str, urls: Iterable[str]) -> int:
    """:func:`push_seeds` on an open client."""
    waiting = {seed_data(u) for u in client.lrange(key, 0, -1)}
    fresh = [u for u in dict.fromkeys(u.strip() for u in urls) if u and u not in waiting]
    if fresh:
        client.rpush(key, *fresh)
    return len(fresh)


def frontier_status(url: str, prefix: str = "news_redis") -> dict[str, Any]:
    """What an operator wants to see: pending seeds and requests, seen URLs, live workers."""
    client = redis.Redis.from_url(url)
    try:
        workers = sorted(w.decode() for w in client.smembers(f"{prefix}:workers"))
        alive = [w for w in workers if client.exists(f"{prefix}:alive:{w}")]
        info = client.info("memory")
        return {
            "prefix": prefix,
            "start_urls": client.llen(f"{prefix}:start_urls"),
            "queued_requests": client.zcard(f"{prefix}:requests"),
            "seen_requests": client.scard(f"{prefix}:dupefilter"),
            "sites": client.scard(f"{prefix}:sites"),
            "claimed_requests": sum(client.hlen(f"{prefix}:claims:{w}") for w in workers),
            "workers": len(workers),
            "workers_alive": len(alive),
            "redis_used_memory": info.get("used_memory"),
        }
    finally:
        client.close()


class FrontierScheduler(Scheduler):
    """scrapy-redis' scheduler plus claims (no loss on SIGKILL) and a cluster-wide site budget.

    Claims are kept only for spiders that release them (``spider.releases_frontier_claims``,
    true for ``news_redis``); any other spider gets plain scrapy-redis behaviour.
    """

    def __init__(self, server, prefix: str = "", heartbeat: int = 60, **kwargs):
        super().__init__(server, **kwargs)
        self.prefix = prefix
        self.heartbeat_ttl = max(3, heartbeat)
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.crawler = None
        self.claiming = False
        self._pending_store: dict[str, list[str]] = {}  # page URL → claims waiting for its commit
        self._beat: task.LoopingCall | None = None
        self._pop = server.register_script(_POP_AND_CLAIM)
        self._rescue = server.register_script(_RESCUE)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        base = Scheduler.from_settings(settings)
        prefix = settings.get("FARMWATCH_REDIS_PREFIX") or crawler.spidercls.name
        kwargs = dict(persist=base.persist, flush_on_start=base.flush_on_start,
                      queue_key=f"{prefix}:requests", queue_cls=base.queue_cls,
                      dupefilter_key=f"{prefix}:dupefilter", dupefilter_cls=base.dupefilter_cls,
                      idle_before_close=base.idle_before_close, serializer=base.serializer)
        instance = cls(base.server, prefix=prefix, heartbeat=settings.getint("FARMWATCH_REDIS_HEARTBEAT", 60),
                       **kwargs)
        # Built here, not by scrapy-redis' from_spider, so the key follows FARMWATCH_REDIS_PREFIX.
        instance.df = load_object(base.dupefilter_cls)(base.server, key=kwargs["dupefilter_key"],
                                                       debug=settings.getbool("DUPEFILTER_DEBUG"))
        instance.stats = crawler.stats
        instance.crawler = crawler
        crawler._farmwatch_frontier = instance
        from crawler.pipelines import pages_stored

        crawler.signals.connect(instance._on_pages_stored, signal=pages_stored)
        crawler.signals.connect(instance._on_item_gone, signal=signals.item_dropped)
        crawler.signals.connect(instance._on_item_gone, signal=signals.item_error)
        return instance

    # --------------------------------------------------------------- keys
    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    @property
    def claims_key(self) -> str:
        return self.key(f"claims:{self.worker_id}")

    # --------------------------------------------------------------- lifecycle
    def open(self, spider):
        super().open(spider)
        self.claiming = bool(getattr(spider, "releases_frontier_claims", False))
        if self.claiming and not isinstance(self.queue, PriorityQueue):
            raise ValueError("FrontierScheduler claims need SCHEDULER_QUEUE_CLASS = scrapy_redis.queue.PriorityQueue")
        if self.claiming:
            self._heartbeat()
        if self.claiming and self.crawler is not None:  # built for a crawl: the reactor runs the beat
            self._beat = task.LoopingCall(self._heartbeat)
            self._beat.start(max(1.0, self.heartbeat_ttl / 3), now=False)
        spider.logger.info("frontier %s on %s: worker %s, %d requests queued",
                           self.prefix, self.server.connection_pool.connection_kwargs.get("host", "?"),
                           self.worker_id, len(self.queue))

    def close(self, reason):
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        if self.claiming:
            # Whatever is still claimed was not finished (shutdown, or pages never stored):
            # give it back so another worker, or the next run, does it.
            self.server.delete(self.key(f"alive:{self.worker_id}"))
            n = self._rescue(keys=[self.key(f"alive:{self.worker_id}"), self.claims_key, self.queue.key,
                                   self.key("workers")], args=[self.worker_id, "force"])
            if n and n > 0:
                self._inc("farmwatch/frontier/requeued_on_close", n)
                logger.info("frontier: %d unfinished requests put back in the queue", n)
        super().close(reason)

    def _heartbeat(self) -> None:
        """Say this worker is alive, and take back the claims of workers that are not."""
        try:
            with self.server.pipeline() as pipe:  # alive first, then listed: never listed and silent
                pipe.set(self.key(f"alive:{self.worker_id}"), "1", ex=self.heartbeat_ttl)
                pipe.sadd(self.key("workers"), self.worker_id)  # again: a stall may have had us removed
                pipe.execute()
            self.rescue_dead_workers()
        except redis.RedisError as exc:  # a blip must not kill the loop; claims outlive it
            logger.warning("frontier heartbeat failed: %s", exc)

    def rescue_dead_workers(self) -> int:
        total = 0
        for raw in self.server.smembers(self.key("workers")):
            wid = raw.decode()
            if wid == self.worker_id:
                continue
            n = self._rescue(keys=[self.key(f"alive:{wid}"), self.key(f"claims:{wid}"), self.queue.key,
                                   self.key("workers")], args=[wid, ""])
            if n > 0:
                total += n
                logger.warning("frontier: worker %s is gone; %d of its requests put back in the queue", wid, n)
            elif n == 0:
                logger.info("frontier: worker %s is gone (nothing claimed)", wid)
        if total:
            self._inc("farmwatch/frontier/rescued", total)
        return total

    # --------------------------------------------------------------- queue
    def enqueue_request(self, request: Request) -> bool:
        # A request carrying a claim is the successor of a popped one (redirect, retry):
        # once it is queued (or filtered as a duplicate) the original is done.
        parent_claim = request.meta.pop(CLAIM_META, None)
        queued = self._enqueue(request)  # a Redis error propagates and keeps the parent claimed
        self.release(parent_claim)
        return queued

    def _enqueue(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if not self._within_site_budget(request):
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def _within_site_budget(self, request: Request) -> bool:
        site, budget = request.meta.get(SITE_META), request.meta.get(BUDGET_META)
        if not site or not budget or request.meta.get(COUNTED_META):
            return True
        n = self.server.hincrby(self.key("site_pages"), site, 1)
        if n > int(budget):
            self._inc("farmwatch/skipped_site_budget")
            return False
        request.meta[COUNTED_META] = True
        return True

    def next_request(self):
        if not self.claiming:
            return super().next_request()
        popped = self._pop(keys=[self.queue.key, self.claims_key])
        if not popped:
            return None
        data, claim = popped
        request = self.queue._decode_request(data)
        request.meta[CLAIM_META] = claim.decode() if isinstance(claim, bytes) else claim
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    # --------------------------------------------------------------- claims
    def release(self, claim: str | None) -> None:
        """The request popped under ``claim`` needs no more work: forget it."""
        if claim and self.claiming:
            self.server.hdel(self.claims_key, claim)
            self._inc("farmwatch/frontier/released")

    def release_when_stored(self, url: str, claim: str | None) -> None:
        """The page at ``url`` is on its way to the store: release once it is committed."""
        if claim and self.claiming:
            self._pending_store.setdefault(url, []).append(claim)

    def _on_pages_stored(self, items: list[dict], **kwargs) -> None:
        claims = [c for item in items for c in self._pending_store.pop(item.get("url"), ())]
        if claims and self.claiming:
            self.server.hdel(self.claims_key, *claims)
            self._inc("farmwatch/frontier/released", len(claims))

    def _on_item_gone(self, item, **kwargs) -> None:
        """A dropped or failed item will never be stored; fetching it again would not help."""
        url = item.get("url") if isinstance(item, dict) else getattr(item, "url", None)
        for claim in self._pending_store.pop(url, ()):
            self.release(claim)

    def _inc(self, key: str, n: int = 1) -> None:
        if self.stats:
            self.stats.inc_value(key, n)


def seed_data(data: bytes | str, encoding: str = "utf-8") -> str | None:
    """A start-URL list entry → URL: a bare URL or scrapy-redis' JSON ``{"url": ...}``."""
    text = data.decode(encoding, "replace") if isinstance(data, bytes) else str(data)
    text = text.strip()
    if text.startswith("{"):
        try:
            text = str(json.loads(text).get("url") or "")
        except (ValueError, AttributeError):
            return None
    return text or None


__all__ = ["FRONTIER_SETTINGS", "append_seeds", "FrontierScheduler", "frontier_status", "push_seeds", "redis_settings",
           "seed_data", "start_key"]
