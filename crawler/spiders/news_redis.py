"""The ``news_redis`` spider: the ``news`` spider on a frontier shared through Redis.

    scrapy crawl news_redis -s REDIS_URL=redis://host:6379/0 [-s FARMWATCH_REDIS_PREFIX=job1]
    farmwatch frontier push --redis redis://host:6379/0 --seeds seeds.txt

Start as many as you like, on as many machines: they share one queue, one duplicate filter
and one page budget per site (:mod:`crawler.redis_frontier`), so every page is fetched by
one of them. Seeds arrive through the Redis list ``<prefix>:start_urls`` (or ``-a seeds=FILE``
/ ``-a urls=...``, pushed there first), possibly while the crawl runs. Parsing, items and
errors are the ``news`` spider's; only where seeds come from and how scope is decided differ.

Scope is the set of seed sites, kept in Redis (``<prefix>:sites``) because a worker parses
pages of sites whose seed another worker read. Every request carries its site in
``meta["farmwatch_site"]``, so a page's own site is always in scope; links to *other* sites
are checked against the shared set (a miss is remembered for ``FARMWATCH_REDIS_SCOPE_TTL``
seconds, so off-site links do not cost a Redis round trip each).
"""

from __future__ import annotations

import dataclasses
import time

import scrapy
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.linkextractors import LinkExtractor
from scrapy_redis.spiders import RedisMixin
from twisted.internet import task

from crawler.items import PageItem
from crawler.redis_frontier import (BUDGET_META, CLAIM_META, FRONTIER_SETTINGS, SITE_META, append_seeds,
                                    seed_data)
from crawler.sites import site_of
from crawler.spiders.news import ALLOWED_SCHEMES, NewsSpider, NewsSpiderParams

_PARAM_NAMES = {"seeds", "urls", "max_depth", "max_pages_per_site", "_job"}
_MAX_OFFSITE_MEMO = 100_000


def _params(kwargs: dict) -> NewsSpiderParams:
    given = {k: v for k, v in kwargs.items() if k in _PARAM_NAMES}
    if given.get("seeds") or given.get("urls"):
        return NewsSpiderParams.from_kwargs(given)
    # Seeds come from Redis here, but NewsSpiderParams insists on some: validate the numbers
    # with a stand-in URL, then drop it.
    stand_in = NewsSpiderParams.from_kwargs({**given, "urls": "http://seeds-come-from-redis.invalid/"})
    return dataclasses.replace(stand_in, urls="")


class NewsRedisSpider(RedisMixin, NewsSpider):
    name = "news_redis"
    custom_settings = dict(FRONTIER_SETTINGS)
    releases_frontier_claims = True  # FrontierScheduler keeps claims for this spider (see parse/on_error)

    @classmethod
    def check_arguments(cls, kwargs: dict) -> None:
        """Seeds are optional here (they may already be in Redis); the numbers are checked."""
        _params(kwargs)

    def __init__(self, *args, **kwargs):
        params = _params(kwargs)
        rest = {k: v for k, v in kwargs.items() if k not in _PARAM_NAMES - {"_job"}}
        scrapy.Spider.__init__(self, *args, **rest)  # NewsSpider.__init__ wants seeds up front
        self.params = params
        self.seed_urls = params.start_urls()  # pushed to Redis at start, then read back like any seed
        self.seed_sites: set[str] = set()  # known in scope (local cache of <prefix>:sites)
        self._offsite: dict[str, float] = {}  # site → when Redis said "not a seed site"
        self.links = LinkExtractor(unique=True)
        self.frontier_prefix = self.name
        self.scope_ttl = 60.0

    # --------------------------------------------------------------- setup
    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        if not (crawler.settings.get("REDIS_URL") or crawler.settings.get("REDIS_HOST")):
            raise NotConfigured("news_redis needs a Redis server: -s REDIS_URL=redis://host:port/db")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup_redis(crawler)
        return spider

    def setup_redis(self, crawler=None):
        settings = crawler.settings
        self.frontier_prefix = settings.get("FARMWATCH_REDIS_PREFIX") or self.name
        if self.redis_key is None:
            self.redis_key = settings.get("FARMWATCH_REDIS_START_KEY") or f"{self.frontier_prefix}:start_urls"
        self.scope_ttl = settings.getfloat("FARMWATCH_REDIS_SCOPE_TTL", 60.0)
        super().setup_redis(crawler)
        # scrapy-redis times idleness from a class attribute set at import; time it from the
        # last response instead, so MAX_IDLE_TIME_BEFORE_CLOSE means "idle for that long".
        self._touch()
        crawler.signals.connect(self._touch, signal=signals.response_received)
        self._idle_poll = settings.getfloat("FARMWATCH_REDIS_IDLE_POLL", 1.0)
        crawler.signals.connect(self._start_idle_poll, signal=signals.spider_opened)
        crawler.signals.connect(self._stop_idle_poll, signal=signals.spider_closed)

    def _start_idle_poll(self, *args, **kwargs) -> None:
        if self._idle_poll > 0:
            self._poller = task.LoopingCall(self._wake_if_idle)
            self._poller.start(self._idle_poll, now=False)

    def _stop_idle_poll(self, *args, **kwargs) -> None:
        poller = getattr(self, "_poller", None)
        if poller is not None and poller.running:
            poller.stop()

    def _wake_if_idle(self) -> None:
        """An idle engine looks at the scheduler only every 5 s; with a shared frontier, work
        (seeds, requests found by other workers, rescued claims) appears at any time, so look
        every ``FARMWATCH_REDIS_IDLE_POLL`` seconds."""
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)  # no public "wake up" in Scrapy's engine
        if slot is not None and slot.closing is None and engine.spider_is_idle():
            slot.nextcall.schedule()

    def _touch(self, *args, **kwargs) -> None:
        self.spider_idle_start_time = int(time.time())

    def _frontier(self):
        return getattr(self.crawler, "_farmwatch_frontier", None)

    # --------------------------------------------------------------- seeds and scope
    async def start(self):
        if self.seed_urls:
            n = append_seeds(self.server, self.redis_key, self.seed_urls)
            self.logger.info("pushed %d seed URL(s) to %s", n, self.redis_key)
        for request in self.next_requests():
            yield request

    def make_request_from_data(self, data):
        url = seed_data(data, self.redis_encoding or "utf-8")
        if not url or not url.startswith(ALLOWED_SCHEMES):
            self.logger.warning("ignoring start URL %r from %s: not http(s)", data[:200], self.redis_key)
            self._inc("farmwatch/bad_start_urls")
            return None
        site = site_of(url)
        # Registered before the request exists, so every worker that meets the site sees it.
        self.server.sadd(f"{self.frontier_prefix}:sites", site)
        self._learn_site(site)
        return self.request_for(url, depth=0)

    def _learn_site(self, site: str | None) -> None:
        if site:
            self.seed_sites.add(site)
            self._offsite.pop(site, None)

    def _in_scope(self, site: str) -> bool:
        if site in self.seed_sites:
            return True
        now = time.monotonic()
        checked = self._offsite.get(site)
        if checked is not None and now - checked < self.scope_ttl:
            return False
        if self.server.sismember(f"{self.frontier_prefix}:sites", site):
            self._learn_site(site)
            return True
        if len(self._offsite) >= _MAX_OFFSITE_MEMO:
            self._offsite.clear()
        self._offsite[site] = now
        return False

    def request_for(self, url: str, depth: int) -> scrapy.Request | None:
        """Scope and depth here; duplicates and the per-site budget in the shared scheduler."""
        site = site_of(url)
        if not self._in_scope(site):
            return None
        if depth > self.params.max_depth:
            self._inc("farmwatch/skipped_depth")
            return None
        return scrapy.Request(url, callback=self.parse, errback=self.on_error,
                              meta={"farmwatch_depth": depth, SITE_META: site,
                                    BUDGET_META: self.params.max_pages_per_site})

    # --------------------------------------------------------------- pages: release claims
    def parse(self, response):
        """``news``' parse; then tell the frontier when this request's work is durable."""
        self._learn_site(response.meta.get(SITE_META))
        frontier, claim = self._frontier(), response.meta.get(CLAIM_META)
        awaits_store = False
        try:
            for output in super().parse(response):
                if isinstance(output, PageItem) and frontier is not None:
                    frontier.release_when_stored(output.url, claim)
                    awaits_store = True
                yield output
        except Exception:
            if frontier is not None and not awaits_store:
                frontier.release(claim)  # a page that breaks the parser would break it again
            raise
        if frontier is not None and not awaits_store:
            frontier.release(claim)

    def on_error(self, failure):
        super().on_error(failure)
        frontier = self._frontier()
        if frontier is not None:
            frontier.release(failure.request.meta.get(CLAIM_META))
