"""``scrapy shell ./saved.html``: a saved page opens with the project settings."""

from __future__ import annotations

import argparse
from pathlib import Path

from scrapy.commands.shell import Command as ScrapyShell

from crawler.commands import allow_local_files


class Command(ScrapyShell):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if args and (args[0].startswith("file:") or Path(args[0]).exists()):
            allow_local_files(self.settings)
