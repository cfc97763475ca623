"""Run the ``news`` spider in this process and hand back its final stats.

The CLI commands (``run``, ``crawl``) and the tests all start crawls through here so a
crawl is configured one way only: the project's ``crawler.settings`` (found by module, not
by ``scrapy.cfg`` in the working directory) plus explicit overrides.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def crawl(spider_args: dict[str, Any], overrides: dict[str, Any] | None = None,
          spider_cls: type | None = None) -> dict[str, Any]:
    """Crawl to completion (blocking; Twisted allows one reactor run per process).

    ``spider_cls`` defaults to the ``news`` spider; ``farmwatch crawl --redis`` passes
    ``news_redis``, the same spider on a frontier shared through Redis.
    """
    if spider_cls is None:
        from crawler.spiders.news import NewsSpider as spider_cls

    # Scrapy installs its own root log handler for the crawl; the CLI's (logging.basicConfig)
    # would print every line twice into the cron log.
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    process = CrawlerProcess(project_settings(overrides))
    crawler = process.create_crawler(spider_cls)
    process.crawl(crawler, **spider_args)
    process.start()
    stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    return stats
