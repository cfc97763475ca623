"""``farmwatch review``: an analyst's label for a site or a page, kept in the database.

Reports show it; a site reviewed ``legit`` is not reported as a farm again until a newer
review says so; ``farmwatch train`` can use reviewed pages as labels (Store.reviewed_pages).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from farmwatch.argtypes import existing_db, site_name
from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "review",
        help="record an analyst's label for a site or page (or --list them)",
        description="Record an analyst's judgement: `farmwatch review site example.com --label legit "
        "--note 'original reporting'` or `farmwatch review page URL --label farm`. A site is its registered "
        "domain (a host or URL is reduced to it). The newest review of a target is the one that counts. "
        "`farmwatch review --list` prints reviews, newest first.",
    )
    p.add_argument("kind", nargs="?", choices=("site", "page"), help="what is reviewed")
    p.add_argument("target", nargs="?", help="site (registered domain, host or URL) or the page's canonical URL")
    p.add_argument("--label", choices=("farm", "legit", "unsure"))
    p.add_argument("--note", default="", help="why (shown in reports)")
    p.add_argument("--by", default=None, help="reviewer name (default: $FARMWATCH_REVIEWER or the login name)")
    p.add_argument("--at", default=None, help=argparse.SUPPRESS)  # for importing past reviews
    p.add_argument("--db", default=None, help="SQLite path or postgresql:// URL (default data/farmwatch.sqlite)")
    p.add_argument("--list", action="store_true", help="list reviews (optionally of one kind/target)")
    p.set_defaults(func=run)


def _reviewer(args) -> str:
    if args.by:
        return args.by
    try:
        return os.environ.get("FARMWATCH_REVIEWER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def run(args: argparse.Namespace) -> int:
    from crawler.sites import site_of, site_of_host
    from crawler.storage import StoreError, StoreReadOnly, open_store

    if not args.list and not (args.kind and args.target and args.label):
        print("farmwatch review: give KIND TARGET --label farm|legit|unsure, or --list", file=sys.stderr)
        return EXIT_USAGE
    if args.db is not None:
        try:  # a mistyped path must not create a new, empty database (as `report` refuses it too)
            existing_db(args.db)
        except argparse.ArgumentTypeError as exc:
            print(f"farmwatch review: {exc}", file=sys.stderr)
            return EXIT_FAILURE
    if args.kind == "site" and args.target:
        try:
            site_name(args.target)
        except argparse.ArgumentTypeError as exc:
            print(f"farmwatch review: {exc}", file=sys.stderr)
            return EXIT_USAGE
    try:
        with open_store(args.db) as store:
            if args.list:
                rows = store.reviews(args.kind, args.target)
                if not rows:
                    print("no reviews")
                    return EXIT_OK
                print(f"{'at':<25}  {'kind':<4}  {'label':<6}  {'by':<12}  target  note")
                for r in rows:
                    note = "".join(ch if ch.isprintable() else " " for ch in (r["note"] or ""))
                    print(f"{r['at']:<25}  {r['kind']:<4}  {r['label']:<6}  {r['reviewer']:<12}  {r['target']}  {note}")
                return EXIT_OK
            target = args.target.strip()
            if args.kind == "site":
                target = site_of(target) if "://" in target else site_of_host(target)
                if not target:
                    print(f"farmwatch review: {args.target!r} is not a site name", file=sys.stderr)
                    return EXIT_USAGE
                known = next(store.iter_pages(site=target, columns=[], limit=1), None) is not None
            else:
                known = store.page_state(target) is not None
            review_id = store.add_review(args.kind, target, args.label, args.note, _reviewer(args), at=args.at)
    except StoreError as exc:
        print(f"farmwatch review: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, StoreReadOnly) else EXIT_FAILURE
    print(f"review {review_id}: {args.kind} {target} → {args.label}")
    if not known:
        print(f"note: no stored page for {args.kind} {target} yet; the review applies once it is crawled",
              file=sys.stderr)
    return EXIT_OK
