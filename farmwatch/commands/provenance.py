"""``farmwatch provenance``: who each stored page copied, and what a site's pages show together."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "provenance",
        help="find the originals stored pages copy, and site-wide evidence; written into each page's evidence",
        description="For every stored page, look for the earlier page its text was copied from among the "
        "stored legitimate pages and any --reference corpus (MinHash/LSH, then the exact share of the text), "
        "and say it: 'copied from ridgelinepost.co.uk, published 3 days earlier, 97 %% of the text'. A copy "
        "with a wire credit ((AP), Reuters, AFP) or an attribution line ('originally appeared on') is licensed "
        "syndication, one between sites of the same registered domain or --owners owner is the outlet's own "
        "network; neither counts against the page. Then pool each site's pages into site-wide evidence (copies "
        "of many outlets and no original reporting; title brands that change from page to page; a page template "
        "shared with many domains; credits of many unrelated outlets; topics unrelated to the site's name). "
        "Both are written into the pages' stored evidence, where 'farmwatch report' reads them; run it after "
        "each crawl ('farmwatch run' does).",
    )
    p.add_argument("--db", default=None, help="SQLite path or postgresql:// URL (default data/farmwatch.sqlite)")
    p.add_argument("--reference", action="append", default=[], metavar="DIR",
                   help="a corpus folder of legitimate pages to look for originals in (../shared/corpus layouts: "
                        "INDEX.tsv + pages/, scrapinghub-aeb, mozilla-readability); repeatable")
    p.add_argument("--owners", metavar="FILE", help="owners list: 'registered-domain<TAB>owner' a line; sites of one "
                   "owner share stories by right")
    p.add_argument("--format", choices=("table", "json"), default="table", help="what to print (default table)")
    p.set_defaults(func=run)


def _progress(msg: str) -> None:
    print(f"[provenance] {msg}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from classifier.provenance import Finder, load_owners, load_reference
    from crawler.storage import StoreError, open_store
    from farmwatch.evidence import annotate

    for ref in args.reference:
        if not Path(ref).is_dir():
            print(f"farmwatch provenance: --reference {ref}: no such folder", file=sys.stderr)
            return EXIT_USAGE
    try:
        owners = load_owners(args.owners)
    except (OSError, ValueError) as exc:
        print(f"farmwatch provenance: --owners: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.db is not None and "://" not in args.db and not Path(args.db).exists():
        print(f"farmwatch provenance: no database at {args.db} (crawl first, or pass --db)", file=sys.stderr)
        return EXIT_FAILURE
    reference = load_reference(args.reference, _progress) if args.reference else None
    try:
        with open_store(args.db) as store:
            res = annotate(store, Finder(store, reference, owners), _progress)
    except StoreError as exc:
        print(f"farmwatch provenance: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if args.format == "json":
        print(json.dumps({"pages": res.pages, "relations": dict(res.relations),
                          "copies": [{"url": u, "evidence": e} for u, e in res.copies],
                          "sites": {s: [{"signal": x.kind, "strength": x.strength, "text": x.text} for x in sig]
                                    for s, sig in sorted(res.site_signals.items())}}, ensure_ascii=False, indent=1))
    else:
        print_findings(res)
    return EXIT_OK


def print_findings(res, indent: str = "") -> None:
    """The copies found and each site's pooled evidence, for people."""
    r = res.relations
    print(f"{indent}provenance over {res.pages} pages: {r.get('copy', 0)} copies on unrelated sites, "
          f"{r.get('syndicated', 0)} licensed syndication, {r.get('network', 0)} within one outlet's network")
    for url, line in res.copies:
        print(f"{indent}  {url}\n{indent}    {line}")
    for site, found in sorted(res.site_signals.items()):
        print(f"{indent}site-wide evidence, {site}:")
        for s in found:
            print(f"{indent}  [{s.strength}] {s.text}")
