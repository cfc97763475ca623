"""Flagged-site reports over the store: aggregation, the site verdict rule, and writers.

``build(store, Filters(...))`` streams the store once into per-site rows (memory bounded by
the number of sites); ``write(summary, store, out, fmt)`` renders html, csv, json or table,
fetching each site's flagged pages and their legitimate twins while it writes.
"""

from __future__ import annotations

from typing import IO

from farmwatch.report.aggregate import Filters, SiteRow, Summary, aggregate
from farmwatch.report.render import write_csv, write_html, write_json, write_table
from farmwatch.report.rule import RULE_TEXT, model_verdict, site_verdict

FORMATS = ("html", "csv", "json", "table")
WRITERS = {"html": write_html, "csv": write_csv, "json": write_json, "table": write_table}


def build(store, filters: Filters | None = None) -> Summary:
    return aggregate(store, filters or Filters())


def write(summary: Summary, store, out: IO[str], fmt: str) -> None:
    if fmt not in WRITERS:
        raise ValueError(f"unknown report format {fmt!r}")
    WRITERS[fmt](summary, store, out)


__all__ = ["FORMATS", "Filters", "RULE_TEXT", "SiteRow", "Summary", "build", "model_verdict", "site_verdict", "write"]
