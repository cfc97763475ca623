"""Run monitors (Spidermon): did this run go as well as the job's earlier ones?

A cron crawl that "succeeds" can still be wrong: a site changed its layout and the run stores
a tenth of its pages, an error rate jumps, the share of flagged pages doubles, a new model was
dropped in. Each check is a Spidermon monitor run when the spider closes; the job's history is
the ``runs`` table of the farmwatch store (the same rows ``farmwatch runs`` lists).

``farmwatch crawl`` switches them on (``SPIDERMON_ENABLED``); under ``scrapy crawl news`` they
are off unless ``-s SPIDERMON_ENABLED=1`` (then the history checks need ``FARMWATCH_JOB``).

Monitors (``RunMonitorSuite``) and their settings, defaults in brackets:

``Pages covered`` this run's fresh pages of the job (``farmwatch/pages_covered``: the frontier's
    ``done`` URLs, so an incremental run that had little due is not mistaken for a broken
    one) against the previous run's: fails below ``FARMWATCH_MONITOR_MIN_PAGES_RATIO`` [0.5] of
    it. Skipped without the store-kept frontier (``--redis``: the workers split the pages).
``Error rate`` failed requests (``farmwatch/errors/…``) over requests answered or failed:
    fails above ``FARMWATCH_MONITOR_MAX_ERROR_RATE`` [0.1].
``Refusal rate`` requests the trap guards, robots.txt and the address guard refused
    (``farmwatch/dropped/…``, ``farmwatch/blocked/…``) over all requests:
    fails above ``FARMWATCH_MONITOR_MAX_REFUSED_RATE`` [0.3].
``Flagged share`` pages classified farm over pages classified, against the median of the
    job's last ``FARMWATCH_MONITOR_HISTORY_RUNS`` [10] runs: fails above
    ``FARMWATCH_MONITOR_MAX_FLAGGED_RATIO`` [2.0] times it (and at least 5 points higher).
``Model version`` fails once when the model differs from the previous run's
    (``FARMWATCH_MONITOR_MODEL_CHANGE`` [True]; False switches the check off).
``Finish reason`` Spidermon's ``FinishReasonMonitor``: ``SPIDERMON_EXPECTED_FINISH_REASONS``
    [["finished"]].

The rate and share checks judge a run only when it has at least ``FARMWATCH_MONITOR_MIN_SAMPLE``
[20] requests (or classified pages); smaller runs are skipped, not passed on noise.

Results: one WARNING line per failed monitor, the counts in the stats (``farmwatch/monitors/
passed``, ``…/failed``, ``…/failures``: the failed monitors' messages), and so in the ``runs``
table and the exit code of ``farmwatch crawl`` (3). Actions run when a monitor fails are
Spidermon actions, listed in ``FARMWATCH_MONITOR_ACTIONS`` [[]] and configured by their own
settings: ``spidermon.contrib.actions.email.smtp.SendSmtpEmail`` (``SPIDERMON_SMTP_*``,
``SPIDERMON_EMAIL_TO``), ``spidermon.contrib.actions.slack.notifiers.SendSlackMessageSpiderFinished``
(``SPIDERMON_SLACK_*``), or :class:`SendWebhook` here (``FARMWATCH_MONITOR_WEBHOOK_URL``).
"""

from __future__ import annotations

import json
import logging
import statistics
import urllib.request
import warnings
from typing import Any

from spidermon import Monitor, MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors.monitors import FinishReasonMonitor
from scrapy.utils.misc import load_object
from spidermon.core.actions import Action
from spidermon.exceptions import SkipAction

logger = logging.getLogger("farmwatch.monitors")
# Spidermon's result writer still calls Spider.log(); Scrapy's deprecation warning about it would
# be the one WARNING line of every healthy run's log.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", module=r"spidermon\.")

FINISHED = ("ok", "partial", "alert", "failed")  # run statuses with stats worth comparing


def job_history(crawler) -> list[dict[str, Any]]:
    """Stats of the job's earlier finished runs, newest first (empty without a job or a store)."""
    cached = getattr(crawler, "_farmwatch_history", None)
    if cached is not None:
        return cached
    history: list[dict[str, Any]] = []
    job = crawler.settings.get("FARMWATCH_JOB")
    if job:
        from crawler.pipelines import store_for

        limit = crawler.settings.getint("FARMWATCH_MONITOR_HISTORY_RUNS", 10)
        try:
            runs = store_for(crawler).runs(job=str(job), limit=limit + 5)
        except Exception as exc:  # a store that cannot be read is the crawl's failure, reported there
            logger.warning("run history of job %s unavailable: %s", job, exc)
            runs = []
        history = [r["stats"] for r in runs if r.get("status") in FINISHED and r.get("stats")][:limit]
    crawler._farmwatch_history = history
    return history


def _rate(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


class FarmwatchMonitor(Monitor):
    """Shared reading of settings and the run's numbers (the same ones the summary line prints)."""

    longMessage = False  # the message alone: it is what the log, the runs table and the webhook show

    @property
    def settings(self):
        return self.data.crawler.settings

    def summary(self):
        from farmwatch.jobs import summarise

        return summarise("", dict(self.data.stats), 0.0)

    def history(self) -> list[dict[str, Any]]:
        return job_history(self.data.crawler)

    def previous(self) -> dict[str, Any]:
        runs = self.history()
        if not runs:
            self.skipTest("no earlier run of this job")
        return runs[0]

    def min_sample(self) -> int:
        return self.settings.getint("FARMWATCH_MONITOR_MIN_SAMPLE", 20)


@monitors.name("Pages covered")
class PagesCoveredMonitor(FarmwatchMonitor):
    @monitors.name("Pages covered against the previous run")
    def test_pages_covered(self):
        stats = self.data.stats
        if "farmwatch/pages_covered" not in stats:
            self.skipTest("no store-kept frontier (with a shared Redis frontier, workers split the pages)")
        prev = self.previous()
        before = int(prev.get("farmwatch/pages_covered", 0) or 0)
        if before <= 0:
            self.skipTest("the previous run covered no page")
        now = int(stats["farmwatch/pages_covered"] or 0)
        ratio = self.settings.getfloat("FARMWATCH_MONITOR_MIN_PAGES_RATIO", 0.5)
        self.assertTrue(now >= ratio * before,
                        f"{now} pages covered, the previous run {before} "
                        f"(below FARMWATCH_MONITOR_MIN_PAGES_RATIO={ratio:g})")


@monitors.name("Error and refusal rates")
class RatesMonitor(FarmwatchMonitor):
    def _requests(self):
        s = self.summary()
        total = s.fetched + s.errors + s.dropped
        if total < self.min_sample():
            self.skipTest(f"{total} requests, fewer than FARMWATCH_MONITOR_MIN_SAMPLE={self.min_sample()}")
        return s, total

    @monitors.name("Error rate")
    def test_error_rate(self):
        s, total = self._requests()
        limit = self.settings.getfloat("FARMWATCH_MONITOR_MAX_ERROR_RATE", 0.1)
        rate = _rate(s.errors, s.fetched + s.errors)
        self.assertTrue(rate <= limit, f"error rate {rate:.1%} ({s.errors} of {s.fetched + s.errors} requests) "
                                       f"above FARMWATCH_MONITOR_MAX_ERROR_RATE={limit:g}")

    @monitors.name("Refusal rate")
    def test_refusal_rate(self):
        s, total = self._requests()
        limit = self.settings.getfloat("FARMWATCH_MONITOR_MAX_REFUSED_RATE", 0.3)
        rate = _rate(s.dropped, total)
        self.assertTrue(rate <= limit, f"refusal rate {rate:.1%} ({s.dropped} of {total} requests) "
                                       f"above FARMWATCH_MONITOR_MAX_REFUSED_RATE={limit:g}")


def flagged_share(flagged: Any, legit: Any) -> tuple[float, int]:
    flagged, legit = int(flagged or 0), int(legit or 0)
    return _rate(flagged, flagged + legit), flagged + legit


@monitors.name("Flagged share")
class FlaggedShareMonitor(FarmwatchMonitor):
    @monitors.name("Flagged share against the job's history")
    def test_flagged_share(self):
        stats = self.data.stats
        share, pages = flagged_share(stats.get("farmwatch/pages_flagged"), stats.get("farmwatch/pages_legit"))
        if pages < self.min_sample():
            self.skipTest(f"{pages} pages classified, fewer than FARMWATCH_MONITOR_MIN_SAMPLE={self.min_sample()}")
        past = [flagged_share(r.get("farmwatch/pages_flagged"), r.get("farmwatch/pages_legit")) for r in self.history()]
        past = [s for s, n in past if n >= self.min_sample()]
        if not past:
            self.skipTest("no earlier run of this job classified enough pages")
        baseline = statistics.median(past)
        ratio = self.settings.getfloat("FARMWATCH_MONITOR_MAX_FLAGGED_RATIO", 2.0)
        self.assertFalse(share > ratio * baseline and share - baseline >= 0.05,
                         f"{share:.1%} of pages flagged, the job's median {baseline:.1%} over {len(past)} run(s) "
                         f"(above FARMWATCH_MONITOR_MAX_FLAGGED_RATIO={ratio:g})")


@monitors.name("Model version")
class ModelVersionMonitor(FarmwatchMonitor):
    @monitors.name("Same model as the previous run")
    def test_model_version(self):
        if not self.settings.getbool("FARMWATCH_MONITOR_MODEL_CHANGE", True):
            self.skipTest("FARMWATCH_MONITOR_MODEL_CHANGE is off")
        now = self.data.stats.get("farmwatch/model_version")
        before = next((r["farmwatch/model_version"] for r in self.history() if r.get("farmwatch/model_version")), None)
        if not now or not before:
            self.skipTest("no model version to compare")
        self.assertTrue(now == before, f"model changed from {before} to {now}: verdicts may shift")


class RunMonitorSuite(MonitorSuite):
    """The checks ``farmwatch crawl`` runs when a crawl closes; see the module docstring."""

    monitors = [PagesCoveredMonitor, RatesMonitor, FlaggedShareMonitor, ModelVersionMonitor, FinishReasonMonitor]

    def __init__(self, *args, crawler=None, **kwargs):
        super().__init__(*args, crawler=crawler, **kwargs)
        if crawler is None:
            return
        spider_logger = logging.getLogger(getattr(crawler.spidercls, "name", "") or "scrapy")
        if _quiet_spidermon_errors not in spider_logger.filters:
            spider_logger.addFilter(_quiet_spidermon_errors)
        for path in crawler.settings.getlist("FARMWATCH_MONITOR_ACTIONS"):
            try:
                self.add_monitors_failed_action(load_object(path))
            except Exception as exc:  # a mistyped action must not cost the run its monitors
                logger.error("FARMWATCH_MONITOR_ACTIONS: cannot use %r: %s: %s", path, type(exc).__name__, exc)
                crawler.stats.inc_value("farmwatch/monitors/bad_actions")

    def on_monitors_finished(self, result):
        stats = self._crawler.stats if self._crawler is not None else None
        failures = failed_monitors(result)
        for line in failures:
            logger.warning("monitor failed: %s", line)
        if stats is not None:
            stats.set_value("farmwatch/monitors/passed", len(result.monitors_passed_results))
            stats.set_value("farmwatch/monitors/failed", len(failures))
            if failures:
                stats.set_value("farmwatch/monitors/failures", "; ".join(failures))


def _quiet_spidermon_errors(record: logging.LogRecord) -> bool:
    """Spidermon logs each failed monitor at ERROR with its traceback; our one WARNING line per
    failed monitor says the same, so the block goes to DEBUG (as site tracebacks do). A failed
    action (mail server down, webhook refused) or a monitor that crashed stays an ERROR."""
    text = str(record.msg)
    if (record.levelno >= logging.ERROR and text.startswith("[Spidermon]") and "\nFAIL: " in text
            and "\nERROR: " not in text):
        from crawler.failures import demote

        demote(record)
    return True


def failed_monitors(result) -> list[str]:
    """``"monitor: message"`` for each failed monitor of a Spidermon result."""
    return [f"{item.item.monitor_name}: {failure_message(item.error)}" for item in result.monitors_failed_results]


def failure_message(error: str) -> str:
    """The assertion's own words from the traceback text Spidermon keeps."""
    lines = [ln.strip() for ln in str(error or "").strip().splitlines() if ln.strip()]
    last = lines[-1] if lines else ""
    for prefix in ("AssertionError: ", "AssertionError"):
        if last.startswith(prefix):
            last = last[len(prefix):]
    return last.strip() or "failed"


class SendWebhook(Action):
    """POST the failed monitors as JSON to ``FARMWATCH_MONITOR_WEBHOOK_URL`` (chat hooks, paging).

    Body: ``{"job", "spider", "finish_reason", "failures": ["monitor: message", ...], "stats": {…}}``
    with the run's ``farmwatch/…`` stats. Times out after ``FARMWATCH_MONITOR_WEBHOOK_TIMEOUT`` [10] s.
    """

    def __init__(self, url: str | None = None, timeout: float = 10.0, job: str = ""):
        super().__init__()
        self.url, self.timeout, self.job = url, timeout, job

    @classmethod
    def from_crawler_kwargs(cls, crawler):
        s = crawler.settings
        return {"url": s.get("FARMWATCH_MONITOR_WEBHOOK_URL"), "timeout": s.getfloat("FARMWATCH_MONITOR_WEBHOOK_TIMEOUT", 10.0),
                "job": str(s.get("FARMWATCH_JOB") or "")}

    def run_action(self):
        if not self.url:
            raise SkipAction("FARMWATCH_MONITOR_WEBHOOK_URL is not set")
        stats = dict(self.data.stats)
        body = {
            "job": self.job,
            "spider": getattr(self.data.spider, "name", ""),
            "finish_reason": stats.get("finish_reason"),
            "failures": failed_monitors(self.result),
            "stats": {k: v for k, v in stats.items() if k.startswith("farmwatch/") and isinstance(v, (int, float, str))},
        }
        request = urllib.request.Request(self.url, data=json.dumps(body).encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - the operator's URL
            response.read()
