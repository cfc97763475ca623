"""``farmwatch report``: per-site verdicts over the store, for analysts and other tools."""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

from farmwatch.argtypes import detail_count, iso_date, output_file
from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "report",
        help="per-site report of flagged sites (html, csv, json or a table)",
        description="Summarise the store by site (registered domain): pages crawled and flagged, scores, "
        "first/last seen, top evidence, injected brands, example URLs, the analyst's review, and a site "
        "verdict (farm / legit / unsure; the rule is printed in every report). The HTML and JSON reports "
        "also list each site's flagged pages with the legitimate page they copy, when one is stored. "
        "The HTML report is one self-contained file (no network). Without --format the format follows "
        "the --out suffix (.html, .csv, .json), else a table on stdout.",
    )
    p.add_argument("--db", default=None, help="SQLite path or postgresql:// URL (default data/farmwatch.sqlite)")
    p.add_argument("--format", choices=("html", "csv", "json", "table"), help="output format")
    p.add_argument("--out", type=output_file, help="output file (default stdout)")
    p.add_argument("--since", help="only pages fetched on or after this date (YYYY-MM-DD or ISO 8601)")
    p.add_argument("--min-score", type=float, help="only sites whose highest page score reaches this, and only "
                   "flagged pages at or above it in the detail")
    p.add_argument("--site", help="only this site (registered domain) or host")
    p.add_argument("--detail", type=detail_count, default=20, help="flagged pages listed per site in html/json, highest "
                   "score first (default %(default)s; 0 = all)")
    p.set_defaults(func=run)


def _format(args) -> str:
    if args.format:
        return args.format
    suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
    return {"htm": "html", "html": "html", "csv": "csv", "json": "json"}.get(suffix, "table")


def _real_date(text: str) -> bool:
    """``2026-13-45`` has the shape of a date but is none."""
    try:
        iso_date(text)
    except argparse.ArgumentTypeError:
        return False
    return True


def run(args: argparse.Namespace) -> int:
    from crawler.sites import host_of, site_of_host
    from crawler.storage import StoreError, open_store
    from farmwatch.report import Filters, build, write

    if args.since and not (_DATE.match(args.since) and _real_date(args.since)):
        print(f"farmwatch report: --since {args.since!r} is not a date (use YYYY-MM-DD)", file=sys.stderr)
        return EXIT_USAGE
    if args.min_score is not None and not 0.0 <= args.min_score <= 1.0:
        print("farmwatch report: --min-score must be between 0 and 1", file=sys.stderr)
        return EXIT_USAGE
    if args.detail < 0:
        print("farmwatch report: --detail must be ≥ 0", file=sys.stderr)
        return EXIT_USAGE
    site = host = None
    if args.site:  # a registered domain, a host of one, or a URL
        name = host_of(args.site) if "://" in args.site else args.site.lower().rstrip(".")
        site = site_of_host(name) or name
        host = name if name != site else None
    fmt = _format(args)
    if args.db is not None and "://" not in args.db and not Path(args.db).exists():
        print(f"farmwatch report: no database at {args.db} (crawl first, or pass --db)", file=sys.stderr)
        return EXIT_FAILURE
    try:
        with open_store(args.db) as store:
            filters = Filters(since=args.since, min_score=args.min_score, site=site, host=host, detail=args.detail)
            summary = build(store, filters)
            if args.out:
                out_path = Path(args.out)
                out_path.parent.mkdir(parents=True, exist_ok=True)
                # Written beside the target and renamed: a reader never sees half a report.
                fd, tmp = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".tmp")
                try:
                    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                        write(summary, store, fh, fmt)
                    umask = os.umask(0)
                    os.umask(umask)
                    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
                    os.replace(tmp, out_path)
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
            else:
                write(summary, store, sys.stdout, fmt)
    except StoreError as exc:
        print(f"farmwatch report: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if args.out:
        t = summary.totals
        print(f"wrote {fmt} report of {t['sites']} sites ({t['farm_sites']} farm, {t['unsure_sites']} unsure, "
              f"{t['legit_sites']} legit; {t['flagged']} of {t['pages']} pages flagged) to {args.out}",
              file=sys.stderr)
    return EXIT_OK
