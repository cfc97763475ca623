"""``farmwatch review``: an analyst's label for a site or a page, kept in the database.

Reports (and ``farmwatch run``) show it with its note, reviewer and date; a site reviewed ``legit``
is not reported as a farm again until a newer review says so; ``farmwatch train`` can use reviewed
pages as labels (Store.reviewed_pages). A review is withdrawn, not deleted: the record stays.
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
        help="record an analyst's label for a site or page, --list or withdraw them",
        description="Record an analyst's judgement: `farmwatch review site example.com --label legit "
        "--note 'original reporting'` or `farmwatch review page URL --label farm`. A site is its registered "
        "domain (a host or URL is reduced to it); a site or page with no stored page is refused (a typo "
        "would otherwise label nothing) unless --force. The newest review of a target is the one that "
        "counts; reports show its label, note, reviewer and date everywhere, and mark sites where it and "
        "the model disagree. `farmwatch review --list` prints reviews, newest first (--all: withdrawn ones "
        "too); `farmwatch review withdraw ID` withdraws one (kept on record, no longer counted).",
    )
    p.add_argument("kind", nargs="?", choices=("site", "page", "withdraw"),
                   help="what is reviewed (site, page), or withdraw a review by its ID")
    p.add_argument("target", nargs="?", help="site (registered domain, host or URL), the page's canonical URL, "
                   "or with withdraw the review's ID (shown by --list)")
    p.add_argument("--label", choices=("farm", "legit", "unsure"))
    p.add_argument("--note", default="", help="why (shown in reports)")
    p.add_argument("--by", default=None, help="reviewer name (default: $FARMWATCH_REVIEWER or the login name)")
    p.add_argument("--at", default=None, help=argparse.SUPPRESS)  # for importing past reviews
    p.add_argument("--db", default=None, help="SQLite path or postgresql:// URL (default data/farmwatch.sqlite)")
    p.add_argument("--list", action="store_true", help="list reviews (optionally of one kind/target)")
    p.add_argument("--all", action="store_true", help="with --list: include withdrawn reviews")
    p.add_argument("--force", action="store_true", help="record a review of a site or page with no stored page")
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

    if args.kind == "withdraw":
        if not (args.target or "").isdigit():
            print("farmwatch review: withdraw takes the review's ID (see farmwatch review --list)", file=sys.stderr)
            return EXIT_USAGE
    elif not args.list and not (args.kind and args.target and args.label):
        print("farmwatch review: give KIND TARGET --label farm|legit|unsure, withdraw ID, or --list", file=sys.stderr)
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
                return _list(store, args)
            if args.kind == "withdraw":
                return _withdraw(store, int(args.target), _reviewer(args))
            target = args.target.strip()
            if args.kind == "site":
                target = site_of(target) if "://" in target else site_of_host(target)
                if not target:
                    print(f"farmwatch review: {args.target!r} is not a site name", file=sys.stderr)
                    return EXIT_USAGE
                known = next(store.iter_pages(site=target, columns=[], limit=1), None) is not None
            else:
                known = store.page_state(target) is not None
            if not known and not args.force:
                print(f"farmwatch review: no stored page for {args.kind} {target} (a typo?); nothing recorded. "
                      "--force records it anyway, to apply once it is crawled", file=sys.stderr)
                return EXIT_FAILURE
            review_id = store.add_review(args.kind, target, args.label, args.note, _reviewer(args), at=args.at)
    except StoreError as exc:
        print(f"farmwatch review: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, StoreReadOnly) else EXIT_FAILURE
    print(f"review {review_id}: {args.kind} {target} → {args.label}")
    if not known:
        print(f"note: no stored page for {args.kind} {target} yet; the review applies once it is crawled",
              file=sys.stderr)
    return EXIT_OK


def _list(store, args) -> int:
    from farmwatch.console import table

    kind = args.kind if args.kind in ("site", "page") else None
    rows = store.reviews(kind, args.target if kind else None, include_withdrawn=args.all)
    if not rows:
        print("no reviews")
        return EXIT_OK
    cells = []
    for r in rows:
        label = r["label"] + (" (withdrawn)" if r.get("withdrawn_at") else "")
        note = r["note"] or ""
        if r.get("withdrawn_at"):
            note += f" [withdrawn {r['withdrawn_at'][:10]} by {r['withdrawn_by'] or '?'}]"
        cells.append([r["id"], r["at"][:19], r["kind"], label, r["reviewer"], r["target"], note])
    for line in table(["id", "at", "kind", "label", "by", "target", "note"], cells, right=(0,)):
        print(line)
    return EXIT_OK


def _withdraw(store, review_id: int, by: str) -> int:
    r = store.withdraw_review(review_id, by)
    if r is None:
        print(f"farmwatch review: no review {review_id} (see farmwatch review --list)", file=sys.stderr)
        return EXIT_FAILURE
    print(f"review {review_id} withdrawn: {r['kind']} {r['target']} → {r['label']} by {r['reviewer']} "
          f"{r['at'][:10]} no longer counts (withdrawn {r['withdrawn_at'][:19]} by {r['withdrawn_by'] or '?'})")
    return EXIT_OK
