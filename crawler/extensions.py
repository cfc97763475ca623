"""The crawl frontier kept in our own store, so a crawl killed with SIGKILL resumes.

Scrapy's JOBDIR survives only clean stops (its queues and seen-set are buffered files), and
cron crawls die in every other way: OOM killer, reboot, ``systemctl kill``. The frontier
therefore lives in the farmwatch store, next to the pages, and follows one rule:

    a URL is added to the frontier before anything that depends on it becomes durable,
    and marked done only after its page is durably stored.

So a page's out-links are written before the page can be marked done (the spider output of a
response is added as a whole before its item is passed on), and a URL is marked done from
the ``pages_stored`` signal that :class:`crawler.pipelines.StorePipeline` sends after each
committed batch. A kill at any moment leaves every unstored page ``pending``; the next run
re-schedules pending URLs first. A pending URL whose page *is* in the store (killed between
the commit and the mark) is marked done without a fetch, so no page is stored twice.

Incremental re-crawl: a URL whose page was fetched less than ``FARMWATCH_REVISIT_HOURS`` ago
is not requested again; older ``done`` entries go back to pending at the start of a run.
Seeds are the hub pages where new stories appear, so they have their own, shorter interval
(``FARMWATCH_REVISIT_SEED_HOURS``, default 1: a run every few hours reads them again and
follows their new links, while the articles they link to that are still fresh are left
alone). Pages that are fetched again but unchanged keep their stored verdict
(``ClassifyPipeline`` compares ``content_hash`` with the store). A link that answered 404 or
410 is *gone*: marked so in the frontier and not requested again, however often it is linked,
until ``FARMWATCH_REVISIT_GONE_HOURS`` have passed (``farmwatch/skipped_gone``).

Components:

``FrontierExtension`` (EXTENSIONS, order 500): state and signal handlers.
``FrontierSpiderMiddleware`` (SPIDER_MIDDLEWARES, order 450): resumes pending URLs in
    ``process_start``, writes each response's links to the frontier, marks responses that
    yield no page (non-HTML, HTTP errors) and failed downloads.

Settings:

``FARMWATCH_JOB`` [None] job name; without it the frontier is off (plain ``scrapy crawl``).
``FARMWATCH_REVISIT_HOURS`` [24.0] re-visit interval for pages already fetched.
``FARMWATCH_REVISIT_SEED_HOURS`` [1.0] re-visit interval for the seeds (start URLs).
``FARMWATCH_REVISIT_GONE_HOURS`` [168.0] re-visit interval for links that answered 404/410.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Any, AsyncIterator, Iterable

from itemadapter import ItemAdapter
from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError

try:  # Scrapy >= 2.13 raises its own exception when DOWNLOAD_MAXSIZE is exceeded
    from scrapy.exceptions import DownloadCancelledError
except ImportError:  # pragma: no cover - older Scrapy cancels the Twisted deferred
    DownloadCancelledError = CancelledError

from crawler.pipelines import pages_stored, store_for
from crawler.spiders.news import GONE_STATUSES

logger = logging.getLogger(__name__)


def _parse_time(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, (int, float)):
        dt = datetime.fromtimestamp(float(value), timezone.utc)
    else:
        try:
            dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def frontier_state(status: int) -> str:
    """The frontier state of a URL whose response had this status and yielded no page."""
    if status in GONE_STATUSES:
        return "gone"
    return "done" if status < 400 else "failed"


def _chain(request: Request) -> list[str]:
    """Every URL a request went through: the frontier holds the first, the item the last."""
    return list(request.meta.get("redirect_urls", [])) + [request.url]


class FrontierExtension:
    def __init__(self, crawler, job: str, revisit_hours: float, seed_revisit_hours: float = 1.0,
                 gone_revisit_hours: float = 168.0):
        self.crawler = crawler
        self.stats = crawler.stats
        self.job = job
        self.revisit = timedelta(hours=revisit_hours)
        self.seed_revisit = timedelta(hours=seed_revisit_hours)
        self.gone_revisit = timedelta(hours=gone_revisit_hours)
        self.cutoff = datetime.now(timezone.utc) - self.revisit
        self.seed_cutoff = datetime.now(timezone.utc) - self.seed_revisit
        self.pending: list[tuple[str, int]] = []
        self.pending_urls: set[str] = set()
        self.awaiting_store: dict[str, list[str]] = {}  # item url → frontier urls to mark done
        crawler.farmwatch_frontier = self
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.pages_stored, signal=pages_stored)

    @classmethod
    def from_crawler(cls, crawler):
        job = crawler.settings.get("FARMWATCH_JOB")
        if not job:
            raise NotConfigured  # off unless a job is named: no message, so no warning in every crawl log
        return cls(crawler, str(job), crawler.settings.getfloat("FARMWATCH_REVISIT_HOURS", 24.0),
                   crawler.settings.getfloat("FARMWATCH_REVISIT_SEED_HOURS", 1.0),
                   crawler.settings.getfloat("FARMWATCH_REVISIT_GONE_HOURS", 168.0))

    @property
    def store(self):
        return store_for(self.crawler)

    # ----------------------------------------------------------------- signals
    def spider_opened(self, spider=None) -> None:
        self.cutoff = datetime.now(timezone.utc) - self.revisit
        self.seed_cutoff = datetime.now(timezone.utc) - self.seed_revisit
        self.store.frontier_reset(self.job, older_than=self.cutoff.isoformat(timespec="seconds"))
        gone_cutoff = datetime.now(timezone.utc) - self.gone_revisit
        self.store.frontier_reset(self.job, older_than=gone_cutoff.isoformat(timespec="seconds"), states=("gone",))
        self.pending = [(u, int(d or 0)) for u, d in self.store.frontier_pending(self.job)]
        self.pending_urls = {u for u, _ in self.pending}
        self.stats.set_value("farmwatch/frontier/pending_at_start", len(self.pending))
        if self.pending:
            logger.info("farmwatch: job %s resumes %d pending URL(s)", self.job, len(self.pending))

    def pages_stored(self, items: Iterable[dict], **kw) -> None:
        for item in items:
            url = ItemAdapter(item).get("url")
            for u in self.awaiting_store.pop(url, [url]):
                self.mark(u, "done")

    def spider_closed(self, spider=None, reason: str = "") -> None:
        try:
            counts = self.store.frontier_counts(self.job)
        except Exception as exc:  # the store may already be closed on a failed start
            logger.debug("frontier counts unavailable: %s", exc)
            return
        for state, n in dict(counts).items():
            self.stats.set_value(f"farmwatch/frontier/{state}", n)
        # What the job has fresh in the store: the run monitors compare it with the last run's,
        # because an incremental run stores only what was due.
        self.stats.set_value("farmwatch/pages_covered", int(dict(counts).get("done", 0)))

    # ----------------------------------------------------------------- helpers
    def fresh(self, url: str, seed: bool = False) -> bool:
        """Fetched within the re-visit interval (so not requested again this run)."""
        from w3lib.url import canonicalize_url

        if seed and not self.seed_revisit:
            return False
        state = self.store.page_state(canonicalize_url(url), url=url)
        if not state:
            return False
        fetched = _parse_time(state.get("fetched_at"))
        return fetched is not None and fetched >= (self.seed_cutoff if seed else self.cutoff)

    def gone(self, url: str) -> bool:
        """Answered 404/410 within FARMWATCH_REVISIT_GONE_HOURS (older ones were reset to pending)."""
        return self.store.frontier_state(self.job, url) == "gone"

    def add(self, entries: list[tuple[str, int]]) -> None:
        if entries:
            added = self.store.frontier_add(self.job, entries)
            self.stats.inc_value("farmwatch/frontier/added", int(added or 0))

    def mark(self, url: str, state: str) -> None:
        self.store.frontier_mark(self.job, url, state)
        self.stats.inc_value(f"farmwatch/frontier/marked_{state}")


class FrontierSpiderMiddleware:
    """Feeds the frontier from the spider's start and output; see the module docstring."""

    def __init__(self, crawler, ext: FrontierExtension):
        self.crawler = crawler
        self.stats = crawler.stats
        self.ext = ext

    @classmethod
    def from_crawler(cls, crawler):
        ext = getattr(crawler, "farmwatch_frontier", None)
        if ext is None:
            raise NotConfigured  # follows FrontierExtension (off without FARMWATCH_JOB)
        return cls(crawler, ext)

    # ----------------------------------------------------------------- start
    def _resumed(self) -> Iterable[Request]:
        spider = self.crawler.spider
        make = getattr(spider, "request_for", None) or getattr(spider, "_request")
        for url, depth in self.ext.pending:
            if self.ext.fresh(url):  # stored, then killed before the mark: do not fetch twice
                self.ext.mark(url, "done")
                self.stats.inc_value("farmwatch/frontier/resumed_already_stored")
                continue
            request = make(url, depth)
            if request is None:  # out of scope or budget this run: leave it pending
                continue
            request.meta["farmwatch_frontier"] = True
            self.stats.inc_value("farmwatch/frontier/resumed")
            yield self._wrap(request)

    def _start_one(self, obj: Any) -> Any:
        if not isinstance(obj, Request) or obj.meta.get("farmwatch_frontier"):
            return obj
        if obj.url in self.ext.pending_urls:
            return None  # already scheduled from the frontier
        if self.ext.fresh(obj.url, seed=True):
            self.stats.inc_value("farmwatch/skipped_fresh")
            return None
        self.ext.add([(obj.url, int(obj.meta.get("farmwatch_depth", 0)))])
        return self._wrap(obj)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        for request in self._resumed():
            yield request
        async for obj in start:
            obj = self._start_one(obj)
            if obj is not None:
                yield obj

    # ----------------------------------------------------------------- output
    def _process(self, response, out: list[Any]) -> list[Any]:
        new: list[tuple[str, int]] = []
        kept: list[Any] = []
        has_item = False
        for obj in out:
            if isinstance(obj, Request):
                if not obj.meta.get("farmwatch_frontier"):
                    if self.ext.gone(obj.url):
                        self.stats.inc_value("farmwatch/skipped_gone")
                        continue
                    if self.ext.fresh(obj.url):
                        self.stats.inc_value("farmwatch/skipped_fresh")
                        continue
                    new.append((obj.url, int(obj.meta.get("farmwatch_depth", 0))))
                kept.append(self._wrap(obj))
            else:
                has_item = True
                kept.append(obj)
        # Links first, durably: the page they came from may be marked done as soon as its item
        # is stored, and a kill after that must not lose them.
        self.ext.add(new)
        if response is not None and response.request is not None:
            chain = _chain(response.request)
            if has_item:
                self.ext.awaiting_store[response.url] = chain
            else:
                for url in chain:
                    self.ext.mark(url, frontier_state(response.status))
        return kept

    def process_spider_output(self, response, result, spider=None):
        yield from self._process(response, list(result))

    async def process_spider_output_async(self, response, result, spider=None):
        out = [obj async for obj in result]
        for obj in self._process(response, out):
            yield obj

    # ----------------------------------------------------------------- failures
    def _wrap(self, request: Request) -> Request:
        """Marks a failed download in the frontier, and keeps refusals out of the error count.

        A refusal (IgnoreRequest from a guard, robots.txt, a gzip bomb) or a body over
        DOWNLOAD_MAXSIZE is the crawler doing its job, not a site failing: it is counted under
        ``farmwatch/dropped/...`` and does not reach the spider's errback.
        """
        if request.meta.get("farmwatch_wrapped"):
            return request
        request.meta["farmwatch_wrapped"] = True
        original = request.errback
        ext, stats = self.ext, self.stats

        def errback(failure):
            req = getattr(failure, "request", None) or request
            state = frontier_state(failure.value.response.status) if failure.check(HttpError) else "failed"
            for url in _chain(req):
                try:
                    ext.mark(url, state)
                except Exception as exc:  # never let bookkeeping hide the real failure
                    logger.debug("frontier mark failed for %s: %s", url, exc)
            if failure.check(IgnoreRequest) and not failure.check(HttpError):
                stats.inc_value("farmwatch/dropped/ignored")
                logger.info("dropped %s: %s", req.url, failure.getErrorMessage())
                return None
            # Scrapy cancels a download only for DOWNLOAD_MAXSIZE (the message says so when the
            # size was announced; a streamed body over the limit is cancelled without one).
            if failure.check(DownloadCancelledError, CancelledError):
                stats.inc_value("farmwatch/dropped/oversize")
                logger.warning("dropped %s: body over DOWNLOAD_MAXSIZE", req.url)
                return None
            return original(failure) if original else None

        request.errback = errback
        return request
