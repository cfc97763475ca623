"""``scrapy parse URL``: the news spider, scoped to the URL, when nothing else is said."""

from __future__ import annotations

import argparse

from scrapy.commands.parse import Command as ScrapyParse

from crawler.commands import spider_argument_error, usage_error


class Command(ScrapyParse):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if len(args) != 1:
            return
        opts.spider = opts.spider or "news"  # the project's one spider for URLs given by hand
        if opts.spider == "news" and not (opts.spargs.get("seeds") or opts.spargs.get("urls")):
            opts.spargs["urls"] = args[0]
        if opts.callback is None and not opts.rules:
            opts.callback = "parse"
        if problem := spider_argument_error(self.settings, opts.spider, opts.spargs):
            usage_error("parse", problem)
