"""``scrapy check``: contracts read their sample pages from the repository (``@sample_page``), offline."""

from __future__ import annotations

import argparse

from scrapy.commands.check import Command as ScrapyCheck

from crawler.commands import allow_local_files


class Command(ScrapyCheck):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        allow_local_files(self.settings)
