"""Item pipelines: score every page (:class:`ClassifyPipeline`), then store it apart by
verdict (:class:`StorePipeline`).

Both share one store per crawl (:func:`store_for`), opened lazily and closed when the
spider closes, so the classifier can ask whether a page is unchanged since the last crawl
without a second connection.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.scoring import ScoringPool, load_scoring_model
from crawler.storage import Store, open_store

logger = logging.getLogger(__name__)

# Sent after every committed batch with ``items=[dict, ...]``: the frontier extension marks
# those URLs done only once they are durably stored, so a SIGKILL can lose no page.
pages_stored = object()

# What ClassifyPipeline writes onto a page: a fresh verdict, or the stored one of an unchanged page.
VERDICT_FIELDS = ("verdict", "score", "evidence", "brands", "family", "model_version")


def _as_deferred(future: Future) -> Deferred:
    """A Deferred fired in the reactor thread when a ``concurrent.futures`` job ends."""
    from twisted.internet import reactor

    d: Deferred = Deferred()

    def fire(f: Future) -> None:
        if f.cancelled():
            d.errback(Failure(DropItem("scoring cancelled (the crawl is closing)")))
        elif f.exception() is not None:
            d.errback(Failure(f.exception()))
        else:
            d.callback(f.result())

    future.add_done_callback(lambda f: reactor.callFromThread(fire, f))
    return d


def store_for(crawler) -> Store:
    """The crawl's one store, from ``FARMWATCH_DB``; closed on ``spider_closed``."""
    store = getattr(crawler, "_farmwatch_store", None)
    if store is None:
        store = open_store(crawler.settings.get("FARMWATCH_DB"))
        crawler._farmwatch_store = store

        def _close(spider=None):
            s = getattr(crawler, "_farmwatch_store", None)
            if s is not None:
                crawler._farmwatch_store = None
                s.close()

        # Connected with a low priority via a strong reference so it runs after pipelines close.
        crawler._farmwatch_store_closer = _close
        crawler.signals.connect(_close, signal=signals.engine_stopped)
    return store


class ClassifyPipeline:
    """Loads the model once per crawl and attaches verdict, score and evidence to each page.

    Settings ``FARMWATCH_MODEL`` (path; default the shipped model), ``FARMWATCH_CLASSIFY_PROCESSES``
    (worker processes that score pages, default 1; 0 scores in the crawl's own process),
    ``FARMWATCH_CLASSIFY_THREADS``, ``FARMWATCH_CLASSIFY_BATCH`` and ``FARMWATCH_CLASSIFY_MAX_WAIT``.
    A page whose reader text hashes the same as the stored copy keeps its stored verdict
    (``farmwatch/pages_unchanged``): re-crawls are cheap and verdicts do not flap between model
    versions without a re-train.
    """

    def __init__(self, crawler, model_path: str | None, threads: int = 1, batch_size: int = 32,
                 max_wait: float = 0.05, processes: int = 1):
        self.crawler = crawler
        self.model_path = model_path
        self.threads = threads
        self.batch_size = max(1, batch_size)
        self.max_wait = max(0.0, max_wait)
        self.processes = max(0, processes)
        self.model = None  # in-process scoring (FARMWATCH_CLASSIFY_PROCESSES = 0)
        self.pool: ScoringPool | None = None  # scoring in worker processes
        self.version = ""
        self._thread_limit = None
        self._batch: list[tuple[ItemAdapter, Deferred]] = []
        self._inflight: set[Deferred] = set()
        self._timer = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("FARMWATCH_CLASSIFY_ENABLED", True):
            raise NotConfigured("FARMWATCH_CLASSIFY_ENABLED is off")
        s = crawler.settings
        return cls(crawler, s.get("FARMWATCH_MODEL"), s.getint("FARMWATCH_CLASSIFY_THREADS", 1),
                   s.getint("FARMWATCH_CLASSIFY_BATCH", 32), s.getfloat("FARMWATCH_CLASSIFY_MAX_WAIT", 0.05),
                   s.getint("FARMWATCH_CLASSIFY_PROCESSES", 1))

    async def open_spider(self, spider=None):
        from classifier.verdict import ModelError

        try:
            if self.processes:
                # The crawl starts only once the worker holds the model, so a bad model file
                # stops it before the first fetch, as in-process loading does.
                self.pool = ScoringPool(self.model_path, self.threads, self.processes)
                self.version = await maybe_deferred_to_future(_as_deferred(self.pool.version()))
            else:
                self._load_here()
        except (ModelError, BrokenProcessPool) as exc:
            if isinstance(exc, BrokenProcessPool):
                exc = ModelError(f"the scoring worker process died while loading the model: {exc}")
            logger.error("farmwatch: cannot load the model: %s", exc)
            self.crawler.stats.set_value("farmwatch/model_error", str(exc))
            self._close_pool()
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="farmwatch_model_error"))
            return
        self.crawler.stats.set_value("farmwatch/model_version", self.version)

    def _load_here(self) -> None:
        self.model, self._thread_limit = load_scoring_model(self.model_path, self.threads)
        self.version = self.model.version

    async def close_spider(self, spider=None):
        self._flush()
        while self._inflight:  # batches still with the worker
            await maybe_deferred_to_future(next(iter(self._inflight)))
        self._close_pool()
        if self._thread_limit is not None:
            self._thread_limit.restore_original_limits()
            self._thread_limit = None

    def _close_pool(self) -> None:
        if self.pool is not None:
            for key, value in self.pool.usage().items():
                self.crawler.stats.set_value(f"farmwatch/scoring_worker/{key}", value)
            self.pool.close()
            self.pool = None

    async def process_item(self, item, spider=None):
        """Pages wait (at most ``FARMWATCH_CLASSIFY_MAX_WAIT`` seconds) to be scored together.

        The trees cost about as much for one row as for a hundred (measured on the sample web:
        2-8 ms a page one at a time, 0.03 ms in batches), and a batch crosses to the worker
        process in one message.
        """
        if self.model is None and self.pool is None:
            raise DropItem("no model loaded")
        adapter = ItemAdapter(item)
        store = store_for(self.crawler)
        try:
            stored = store.page_state(adapter["canonical_url"])
        except Exception as exc:
            if not store.transient(exc):
                raise
            # The database is away (restarting, disk full): score the page afresh; the store
            # pipeline retries its write, and an unstored page stays pending for the next run.
            self.crawler.stats.inc_value("farmwatch/store/state_unavailable")
            stored = None
        if stored and stored.get("content_hash") == adapter["content_hash"] and stored.get("verdict"):
            self.crawler.stats.inc_value("farmwatch/pages_unchanged")
            for name in VERDICT_FIELDS:
                if stored.get(name) is not None:
                    adapter[name] = stored[name]
            self._count(adapter["verdict"])
            return item
        done: Deferred = Deferred()
        self._batch.append((adapter, done))
        if len(self._batch) >= self.batch_size:
            self._flush()
        elif self._timer is None:
            from twisted.internet import reactor

            self._timer = reactor.callLater(self.max_wait, self._flush)
        await maybe_deferred_to_future(done)
        return item

    def _flush(self) -> None:
        if self._timer is not None:
            if self._timer.active():
                self._timer.cancel()
            self._timer = None
        batch, self._batch = self._batch, []
        if not batch:
            return
        if self.pool is None:
            docs = [adapter["document"] for adapter, _ in batch]
            try:
                verdicts = self.model.classify_many(docs)
            except Exception as exc:  # one bad page must not hang the others: each item fails alone
                self._failed(batch, exc)
                return
            self._apply(batch, verdicts)
            return
        self._submit(batch, retried=False)

    def _submit(self, batch: list, retried: bool) -> None:
        docs = [adapter["document"] for adapter, _ in batch]
        try:
            future = self.pool.classify_many(docs)
        except BrokenProcessPool:  # the worker died since the last batch: start a fresh one
            self._restart_pool()
            future = self.pool.classify_many(docs)
        job = _as_deferred(future)
        self._inflight.add(job)
        job.addBoth(self._returned, job, batch, self.pool.generation, retried)

    def _returned(self, result, job: Deferred, batch: list, generation: int, retried: bool) -> None:
        self._inflight.discard(job)
        if not isinstance(result, Failure):
            self._apply(batch, result)
            return
        exc = result.value
        if isinstance(exc, BrokenProcessPool) and self.pool is not None:
            # Every batch the dead worker held fails: restart once, not once per batch. Each gets
            # one more try on the fresh worker; a batch that kills that one too (a page that
            # crashes the parser or exhausts memory) is dropped rather than retried forever.
            if self.pool.generation == generation:
                self._restart_pool()
            if not retried:
                self._submit(batch, retried=True)
                return
        self._failed(batch, exc)

    def _restart_pool(self) -> None:
        logger.error("farmwatch: the scoring worker process died; starting a new one")
        self.crawler.stats.inc_value("farmwatch/scoring_worker/restarts")
        self.pool.restart()

    def _failed(self, batch: list, exc: BaseException) -> None:
        logger.error("farmwatch: classifying a batch of %d pages failed: %s: %s", len(batch), type(exc).__name__, exc)
        self.crawler.stats.inc_value("farmwatch/classify_errors", len(batch))
        for _, done in batch:
            done.errback(DropItem(f"classification failed: {type(exc).__name__}: {exc}"))

    def _apply(self, batch: list, verdicts: list) -> None:
        stats = self.crawler.stats
        stats.inc_value("farmwatch/classify_batches")
        for (adapter, done), verdict in zip(batch, verdicts):
            fresh = verdict.as_dict()
            fresh["score"] = round(float(verdict.score), 4)
            fresh["model_version"] = verdict.model_version or self.version
            for name in VERDICT_FIELDS:
                adapter[name] = fresh[name]
            stats.inc_value("farmwatch/pages_classified")
            self._count(verdict.verdict)
            done.callback(None)

    def _count(self, verdict: str) -> None:
        self.crawler.stats.inc_value("farmwatch/pages_flagged" if verdict == "farm" else "farmwatch/pages_legit")


class StorePipeline:
    """Writes pages to ``farm_pages`` or ``legit_pages`` in batched transactions.

    Settings ``FARMWATCH_DB`` (target), ``FARMWATCH_STORE_BATCH`` (pages per transaction),
    ``FARMWATCH_STORE_RETRIES`` and ``FARMWATCH_STORE_RETRY_DELAY`` (a batch that meets a
    transient database fault, such as PostgreSQL restarting or a full disk, is tried again
    that many times, the delay doubling each time; the store reconnects meanwhile).
    Keyed by canonical URL: a re-crawl updates in place, a changed verdict moves the row.

    A batch that still fails is counted under ``farmwatch/errors/store`` (so the run is not
    "ok") and is *not* reported as stored: the frontier keeps its URLs pending (or claimed, in
    Redis) and the next run fetches them again. Nothing is released as done before its commit.
    While a batch waits for its retry, further pages wait too: the crawl slows instead of
    piling pages up in memory.
    """

    def __init__(self, crawler, batch_size: int, retries: int = 5, retry_delay: float = 1.0):
        from twisted.internet.defer import DeferredLock

        self.crawler = crawler
        self.batch_size = max(1, batch_size)
        self.retries = max(0, retries)
        self.retry_delay = max(0.0, retry_delay)
        self.buffer: list[dict[str, Any]] = []
        self._lock = DeferredLock()  # one batch at a time, so one outage is one retry loop

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(crawler, s.getint("FARMWATCH_STORE_BATCH", 50), s.getint("FARMWATCH_STORE_RETRIES", 5),
                   s.getfloat("FARMWATCH_STORE_RETRY_DELAY", 1.0))

    def open_spider(self, spider=None):
        store_for(self.crawler)  # fail at start, not on the first page, if the DB is unusable

    async def process_item(self, item, spider=None):
        # Not ItemAdapter.asdict(): it would deep-convert the parsed Document (the largest part
        # of the item, never stored) on every page.
        adapter = ItemAdapter(item)
        row = {name: adapter[name] for name in adapter.field_names() if name != "document" and name in adapter}
        self.buffer.append(row)
        if len(self.buffer) >= self.batch_size:
            await self.flush()
        return item

    async def flush(self) -> None:
        await maybe_deferred_to_future(self._lock.acquire())
        try:
            batch, self.buffer = self.buffer, []
            if batch:
                await self._store(batch)
        finally:
            self._lock.release()

    async def _store(self, batch: list[dict[str, Any]]) -> None:
        from twisted.internet import reactor
        from twisted.internet.task import deferLater

        stats = self.crawler.stats
        store = store_for(self.crawler)
        delay = self.retry_delay
        for attempt in range(self.retries + 1):
            try:
                counts = store.upsert_pages(batch)
                break
            except Exception as exc:
                transient = store.transient(exc)
                if not transient or attempt == self.retries:
                    stats.inc_value("farmwatch/errors/store", len(batch))
                    logger.error("farmwatch: storing a batch of %d pages failed%s: %s: %s; they stay pending "
                                 "for the next run", len(batch),
                                 f" after {attempt + 1} attempts" if transient else "",
                                 type(exc).__name__, str(exc).strip()[:300])
                    return
                stats.inc_value("farmwatch/store/retries")
                logger.warning("farmwatch: storing a batch of %d pages failed (%s: %s); retry %d of %d in %.1fs",
                               len(batch), type(exc).__name__, str(exc).strip()[:200], attempt + 1,
                               self.retries, delay)
                await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
                delay *= 2
        stats.inc_value("farmwatch/pages_stored", len(batch))
        stats.inc_value("farmwatch/store_batches")
        for key, n in counts.items():
            if n:
                stats.inc_value(f"farmwatch/store/{key}", n)
        self.crawler.signals.send_catch_log(signal=pages_stored, items=batch)

    async def close_spider(self, spider=None):
        await self.flush()
