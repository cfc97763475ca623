"""One log line per failed site, at WARNING; every further failure and each traceback at DEBUG.

A cron log is read by a person in the morning. A dead host used to write about sixty lines
there (Scrapy's robots.txt middleware logs the failed robots.txt fetch at ERROR with a
traceback, the retry middleware an ERROR per URL, then the spider a WARNING per URL), and a
site that answers 500 to every page wrote one WARNING per page. ``SiteFailureLog`` keeps
the first failure of each registered domain at WARNING, with the reason in words, and sends
the rest (and the tracebacks) to DEBUG; the counts stay in the stats (``farmwatch/errors/…``,
``farmwatch/failed_sites``). Refusals (a private address at DNS) and gone pages (404/410)
are not failures: one INFO line per site.

Scrapy's robots.txt middleware logs its failure inline, with no hook to override, so this
component puts a filter on that logger while the crawl runs: the record is lowered to DEBUG
(the traceback is still there with ``LOG_LEVEL=DEBUG``) and counted as the site's failure.

``EXTENSIONS``: ``crawler.failures.SiteFailureLog`` (order 100). Setting
``FARMWATCH_SITE_FAILURE_LOG_ENABLED`` [True]; off, every failure is logged at WARNING as
before.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.sites import site_of

logger = logging.getLogger("farmwatch.failures")

ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"
# What each kind of event is, for the one line a site gets: level of its first line.
LEVELS = {"failure": logging.WARNING, "refusal": logging.INFO, "gone": logging.INFO}


def demote(record: logging.LogRecord, level: int = logging.DEBUG) -> None:
    record.levelno = level
    record.levelname = logging.getLevelName(level)


class SiteFailureLog:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.seen: dict[tuple[str, str], int] = {}  # (kind, site) → events so far
        crawler.farmwatch_failures = self
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("FARMWATCH_SITE_FAILURE_LOG_ENABLED", True):
            raise NotConfigured("FARMWATCH_SITE_FAILURE_LOG_ENABLED is off")
        return cls(crawler)

    def spider_opened(self, spider=None) -> None:
        logging.getLogger(ROBOTS_LOGGER).addFilter(self._robots_filter)

    def spider_closed(self, spider=None, reason: str = "") -> None:
        logging.getLogger(ROBOTS_LOGGER).removeFilter(self._robots_filter)
        failed = {site for kind, site in self.seen if kind == "failure"}
        if failed:
            self.stats.set_value("farmwatch/failed_sites", len(failed))

    def record(self, kind: str, url: str, message: str, exc_info: Any = None) -> None:
        """Log one event: the first of its kind for a site at its level, the rest at DEBUG."""
        site = site_of(url) or url
        n = self.seen.get((kind, site), 0)
        self.seen[(kind, site)] = n + 1
        level = LEVELS.get(kind, logging.WARNING) if n == 0 else logging.DEBUG
        more = " (further failures of this site at DEBUG)" if n == 0 and kind == "failure" else ""
        logger.log(level, "%s: %s%s", site, message, more)
        if exc_info is not None:
            logger.debug("traceback for %s", url, exc_info=exc_info)

    def _robots_filter(self, record: logging.LogRecord) -> bool:
        """Scrapy's "Error downloading <robots.txt>" ERROR with its traceback → one counted event."""
        if record.levelno < logging.ERROR or not isinstance(record.args, dict):
            return True
        request, exc = record.args.get("request"), record.args.get("f_exception")
        url = getattr(request, "url", "")
        if not url or exc is None:
            return True
        from crawler.spiders.news import describe_failure  # the spider's words for a failed download

        parts = urlsplit(url)
        robots = f"{parts.scheme}://{parts.netloc}/robots.txt"
        kind, _, message = describe_failure(exc, robots)
        self.record(kind, robots, message)
        demote(record)
        return True


def site_failures(crawler) -> SiteFailureLog | None:
    return getattr(crawler, "farmwatch_failures", None)
