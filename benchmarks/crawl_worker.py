"""One benchmark crawl in its own process, so its peak RSS is its own. Prints one JSON line.

    python -m benchmarks.crawl_worker --kind bare|full --port P --pages N --sites H --db PATH
"""

from __future__ import annotations

import argparse
import json
import os
import time

import scrapy
from scrapy.linkextractors import LinkExtractor

from benchmarks.peak import peak_rss_mb
from benchmarks.scaled_web import site_name


class BareSpider(scrapy.Spider):
    """The baseline a Scrapy user would write: follow every in-scope link, extract nothing.

    It runs under the same project settings as the full crawl (robots.txt, the trap guards,
    concurrency) minus the item pipelines, so the ratio prices parsing, classifying and storing
    alone."""

    name = "bare"

    def __init__(self, start: list[str], domains: list[str], **kwargs):
        super().__init__(**kwargs)
        self.start_urls = start
        self.allowed_domains = domains
        self.links = LinkExtractor()  # scope is allowed_domains + OffsiteMiddleware, as users write it

    def parse(self, response):
        for link in self.links.extract_links(response):
            yield response.follow(link.url, callback=self.parse)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", choices=("bare", "full"), required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--sites", type=int, required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=JSON",
                    help="extra setting for ablations, e.g. --set 'ITEM_PIPELINES={}'")
    args = ap.parse_args(argv)

    from scrapy.crawler import CrawlerProcess

    from farmwatch.runner import project_settings

    hosts = [site_name(i) for i in range(args.sites)]
    starts = [f"http://{h}:{args.port}/" for h in hosts]
    overrides = {
        "FARMWATCH_HOSTS": {h: "127.0.0.1" for h in hosts},
        "FARMWATCH_HOSTS_ONLY": True,
        "FARMWATCH_ALLOW_PRIVATE": True,
        "FARMWATCH_DB": args.db,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "DOWNLOAD_DELAY_JITTER": 0,
        "CONCURRENT_REQUESTS": 64,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "LOG_LEVEL": "WARNING",
    }
    if args.kind == "bare":
        overrides["ITEM_PIPELINES"] = {}
    for item in args.set:
        name, _, value = item.partition("=")
        overrides[name] = json.loads(value)
    process = CrawlerProcess(project_settings(overrides))
    if args.kind == "bare":
        crawler = process.create_crawler(BareSpider)
        process.crawl(crawler, start=starts, domains=[h.split(".", 1)[1] for h in hosts])
    else:
        from crawler.spiders.news import NewsSpider

        crawler = process.create_crawler(NewsSpider)
        process.crawl(crawler, urls=",".join(starts), max_depth=30,
                      max_pages_per_site=args.pages // args.sites + 10)
    t0 = time.perf_counter()
    process.start()
    seconds = time.perf_counter() - t0
    stats = crawler.stats.get_stats()
    pages = stats.get("response_received_count", 0) - stats.get("robotstxt/response_count", 0)
    print(json.dumps({
        "kind": args.kind, "pages": pages, "seconds": round(seconds, 3),
        "pages_per_s": round(pages / seconds, 1) if seconds else 0.0,
        # The crawl's own peak plus its scoring worker's (a bound: the two peaks need not coincide).
        "peak_rss_mb": round(peak_rss_mb() + stats.get("farmwatch/scoring_worker/peak_rss_mb", 0.0), 1),
        "crawl_rss_mb": peak_rss_mb(), "scoring_worker_rss_mb": stats.get("farmwatch/scoring_worker/peak_rss_mb", 0.0),
        "crawl_cpu_s": round(sum(os.times()[:2]), 2), "scoring_worker_cpu_s": stats.get("farmwatch/scoring_worker/cpu_s", 0.0),
        "stored": stats.get("farmwatch/pages_stored", 0), "flagged": stats.get("farmwatch/pages_flagged", 0),
    }))


if __name__ == "__main__":
    main()
