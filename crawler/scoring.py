"""Scoring pages in a separate process, so the crawl's reactor thread fetches, parses and stores
while the model works on another core.

Feature extraction and the trees are pure CPU work in Python, and threads do not help under the
GIL: done in the reactor thread they hold the crawl to 0.54 of bare Scrapy's pages/s, 0.67 with
this worker (``make bench``, 10,000 pages, two cores). :class:`ScoringPool` keeps one long-lived worker process (``spawn``: nothing
of the running reactor is inherited) that loads the model once and scores whole batches of
parsed :class:`~classifier.document.Document` objects.

The worker keeps a model that failed to load as the error itself and raises it on every job,
so the crawl gets the model's own one-line message rather than a broken pool.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_MODEL: Any = None  # in the worker: the loaded model, or the exception that loading raised


def load_scoring_model(model_path: str | None, threads: int):
    """The model, with the trees' OpenMP threads limited; returns ``(model, limiter or None)``.

    A batch of pages is too little work to share: OpenMP threads cost more to wake than they
    save, and with several crawlers on one machine they spin against each other (measured: 75 ms
    a page with two workers on two cores, 2 ms with one thread). Raises ``ModelError``."""
    from classifier.model import load_model

    limiter = None
    if threads > 0:
        from threadpoolctl import threadpool_limits

        limiter = threadpool_limits(limits=threads, user_api="openmp")
    return load_model(model_path), limiter


def _start_worker(model_path: str | None, threads: int, parent: int | None = None) -> None:
    global _MODEL
    _exit_with_parent(parent)
    from classifier.verdict import ModelError

    try:
        _MODEL, _ = load_scoring_model(model_path, threads)
    except ModelError as exc:
        _MODEL = exc


def _exit_with_parent(parent: int | None = None) -> None:
    """Leave when the crawl is gone, even after a SIGKILL that gave it no chance to say so.

    A pool worker holds both ends of its job queue's pipe, so its parent's death never reaches
    it as an end-of-file: it would idle forever with the model in memory (seen after killed
    cron runs, with the resource tracker kept alive beside it). ``parent`` is the crawl's pid as
    the crawl itself gave it: a crawl killed while the worker was still starting (imports take
    seconds on a loaded machine) has already been replaced as parent by init when this runs, and
    ``os.getppid()`` read here would watch init, forever."""
    if parent is None:
        parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="farmwatch-parent-watch", daemon=True).start()


def _model():
    if isinstance(_MODEL, Exception):
        raise _MODEL
    return _MODEL


def _version() -> str:
    return _model().version


def _classify(docs: list) -> list:
    return _model().classify_many(docs)


class ScoringPool:
    """One worker process holding the model; jobs come back as :class:`concurrent.futures.Future`."""

    def __init__(self, model_path: str | None, threads: int = 1, processes: int = 1):
        self.model_path = model_path
        self.threads = threads
        self.processes = max(1, processes)
        self._executor: ProcessPoolExecutor | None = None
        self.generation = 0  # bumped by restart(): tells a dead worker's jobs from a fresh one's

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(self.model_path, self.threads, os.getpid()))
        return self._executor

    def version(self) -> Future:
        """The model's version once the worker has loaded it (or its ``ModelError``)."""
        return self._pool().submit(_version)

    def classify_many(self, docs: list) -> Future:
        return self._pool().submit(_classify, docs)

    def restart(self) -> None:
        """After a worker died (``BrokenProcessPool``): the next job starts a fresh one."""
        self.close(wait=False)
        self.generation += 1

    def close(self, wait: bool = True) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None

    def usage(self) -> dict[str, float]:
        """The workers' peak resident memory (``VmHWM``, MB) and CPU seconds, summed (Linux /proc).

        A crawl's memory and CPU are its own plus its workers': stats and benchmarks add these."""
        rss_kb = 0
        ticks = 0
        for pid in list(getattr(self._executor, "_processes", None) or {}):
            try:
                with open(f"/proc/{pid}/status", encoding="ascii") as f:
                    rss_kb += next((int(ln.split()[1]) for ln in f if ln.startswith("VmHWM:")), 0)
                with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime + stime
            except (OSError, IndexError, ValueError):
                continue
        return {"peak_rss_mb": round(rss_kb / 1024, 1), "cpu_s": round(ticks / os.sysconf("SC_CLK_TCK"), 2)}
