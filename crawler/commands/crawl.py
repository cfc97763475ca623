"""``scrapy crawl``, with the spider's arguments checked first (see crawler/commands/__init__.py)."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl

from crawler.commands import spider_argument_error, usage_error


class Command(ScrapyCrawl):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if len(args) == 1 and (problem := spider_argument_error(self.settings, args[0], opts.spargs)):
            usage_error("crawl", problem)
