"""argparse types shared by every command: a mistake on the command line is one line, exit 2.

argparse turns a ``ValueError``/``ArgumentTypeError`` raised by a ``type=`` callable into its
own usage error, so validating here (instead of deep inside a crawl, where the same mistake
surfaced as a traceback, or not at all: ``--revisit -5`` and ``--since 2026-13-45`` were
accepted silently) keeps the message short and the exit code 2 for every command alike.
:class:`OneLineParser` prints that error on one line, without the usage block.
"""

from __future__ import annotations

import argparse
import math
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

__all__ = ["OneLineParser", "corpus_dir", "detail_count", "existing_db", "existing_file", "hours", "iso_date", "non_negative_int",
           "output_file", "port", "positive_int", "site_name", "check_settings"]


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr (exit 2)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _whole(low: int, high: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(str(text).strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < low or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"must be {bounds}, got {value}")
        return value

    parse.__name__ = "whole number"
    return parse


non_negative_int = _whole(0)
positive_int = _whole(1)
port = _whole(0, 65535)
detail_count = _whole(0, 100_000)  # pages listed per site: beyond this a report is a dump, not a report


def hours(text: str) -> float:
    """A finite, non-negative number of hours (``nan``, ``inf`` and ``-5`` are refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of hours, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be a finite number of hours >= 0, got {text!r}")
    return value


def iso_date(text: str) -> str:
    """A real calendar date or ISO 8601 timestamp (``2026-13-45`` is refused), returned as given."""
    try:
        datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD or ISO 8601): {text!r}") from None
    return str(text).strip()


def existing_file(text: str) -> str:
    if not Path(text).is_file():
        raise argparse.ArgumentTypeError(f"no such file: {text}")
    return text


def corpus_dir(text: str) -> str:
    """A folder holding at least one file (training on nothing is a mistake, not a model)."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"corpus directory not found: {text}")
    if not any(f.is_file() for f in path.rglob("*")):
        raise argparse.ArgumentTypeError(f"corpus directory {text} holds no files")
    return text


def output_file(text: str) -> str:
    """A file to write: not a folder, in a folder that exists."""
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder; give a file name")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"folder {path.parent} does not exist")
    return text


def existing_db(text: str) -> str:
    """A database to read: a URL, or a SQLite file that exists (a mistyped path must not
    silently create a new, empty database)."""
    if "://" in text and not text.startswith("sqlite:///"):
        return text
    path = Path(text[len("sqlite:///"):] if text.startswith("sqlite:///") else text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no database at {text} (crawl first, or check the path)")
    return text


_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$",
                   re.IGNORECASE)


def site_name(text: str) -> str:
    """A registered domain, a host name or a URL (``'!!!'`` is refused)."""
    from urllib.parse import urlsplit

    host = text.strip()
    if "://" in host:
        try:
            host = urlsplit(host).hostname or ""
        except ValueError:
            host = ""
    try:
        ascii_host = host.encode("idna").decode("ascii") if host else ""
    except UnicodeError:
        ascii_host = ""
    if not ascii_host or not _HOST.match(ascii_host):
        raise argparse.ArgumentTypeError(f"not a site, host name or URL: {text!r}")
    return text.strip()


def check_settings(overrides: dict[str, Any], defaults: Any) -> None:
    """Raise ValueError naming the first ``-s NAME=VALUE`` whose value does not fit the type of
    the setting's default (``-s DOWNLOAD_MAXSIZE=abc``), and a bad private-network CIDR."""
    from scrapy.settings import Settings

    merged = Settings(defaults.copy_to_dict() if hasattr(defaults, "copy_to_dict") else dict(defaults))
    merged.setdict(overrides, priority="cmdline")
    for name in overrides:
        default = defaults.get(name)
        getter = {bool: merged.getbool, int: merged.getint, float: merged.getfloat}.get(type(default))
        if getter is None:
            continue
        try:
            getter(name)
        except (TypeError, ValueError):
            raise ValueError(f"-s {name}={overrides[name]!r}: expected {type(default).__name__}") from None
    from crawler.addresses import AddressPolicy

    AddressPolicy.from_settings(merged)
