"""Scrapy commands as a Scrapy user expects them in this project (``COMMANDS_MODULE``).

Each subclasses Scrapy's own command and changes one thing:

``crawl``  spider arguments are checked before the crawl starts: a misspelled ``-a`` name or a
           bad value is one line on stderr and exit 2, not an asyncio traceback.
``parse``  ``scrapy parse URL`` uses the ``news`` spider with ``urls=URL`` when no spider or
           seeds are given (the spider needs a scope).
``shell``  ``scrapy shell ./saved.html`` (or a ``file:`` URL) opens the local file: the URL
           guard refuses ``file:`` for crawls, so the shell allows it for the one file it is given.
``check``  contracts load their sample pages from ``file:`` URLs in the repository (offline), so
           ``file`` is allowed for the check too.
"""

from __future__ import annotations

import sys
from typing import Any

from scrapy.settings import BaseSettings


def allow_local_files(settings: BaseSettings) -> None:
    """Let the URL guard pass ``file:`` for a command a person runs on a local file (shell, check).

    The news spider never follows a ``file:`` link itself, so crawls are unaffected.
    """
    schemes = settings.get("FARMWATCH_ALLOWED_SCHEMES") or ["http", "https"]
    if isinstance(schemes, str):
        schemes = [s.strip() for s in schemes.strip("[]").replace('"', "").split(",") if s.strip()]
    if "file" not in schemes:
        settings.set("FARMWATCH_ALLOWED_SCHEMES", [*schemes, "file"], priority="cmdline")


def spider_argument_error(settings: BaseSettings, spider_name: str, spargs: dict[str, Any]) -> str | None:
    """The spider's own one-line objection to its arguments, or None (spiders without a check pass).

    Asked in ``process_options``, before Scrapy sets up logging and prints its start-up banner,
    so the objection is the only line a mistyped command prints.
    """
    from scrapy.spiderloader import get_spider_loader

    try:
        spidercls = get_spider_loader(settings).load(spider_name)
    except KeyError:
        return None  # Scrapy says "Spider not found" itself
    check = getattr(spidercls, "check_arguments", None)
    if check is None:
        return None
    try:
        check(dict(spargs))
    except ValueError as exc:
        return str(exc)
    return None


def usage_error(command: str, message: str) -> None:
    """One line on stderr and exit 2 (Scrapy's UsageError would print the whole --help first)."""
    print(f"scrapy {command}: {message}", file=sys.stderr)
    raise SystemExit(2)
