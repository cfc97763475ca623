"""``farmwatch run``: the main job on the embedded default, fully offline.

Starts the bundled sample web on 127.0.0.1, crawls it with ``scrapy crawl news`` using
the shipped model, stores pages in SQLite (farm and legitimate apart) and prints what
went where. It is the first thing a new user runs (``make run``) and the smoke test of
the whole flow.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from farmwatch.argtypes import port
from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL

REPO = Path(__file__).resolve().parents[2]
# Pages are stored by URL and the sample web's URLs carry its port: on the same port, a second run
# finds the pages the first one stored instead of storing every unchanged farm page again.
DEFAULT_PORT = 8765


def add_parser(sub) -> None:
    p = sub.add_parser(
        "run",
        help="crawl the bundled sample web offline and summarise (the main job)",
        description="Serve the bundled sample web (seeds/sampleweb) on 127.0.0.1, crawl it with "
        "the shipped model into SQLite, and print how many pages and sites were flagged. "
        "No network beyond loopback is used: every sample host resolves to 127.0.0.1 and any "
        "other name is refused.",
    )
    p.add_argument("--db", default="data/farmwatch.sqlite", help="SQLite path or database URL (default %(default)s)")
    p.add_argument("--model", help="model file (default: the shipped model)")
    p.add_argument("--root", default=str(REPO / "seeds" / "sampleweb"), help="sample web folder (default %(default)s)")
    p.add_argument("--port", type=port, default=None,
                   help=f"port for the sample web (default {DEFAULT_PORT}, or any free port when that one is taken; "
                        "URLs carry the port, so a run on another port stores the sample web's pages anew)")
    p.add_argument("--max-pages-per-site", type=int, default=200)
    p.add_argument("--max-depth", type=int, default=4)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from classifier.model import ModelError, load_model
    from crawler.storage import StoreError, open_store
    from farmwatch.runner import crawl
    from farmwatch.sampleweb.server import check_root, hosts_map, seed_urls, serve

    root = Path(args.root)
    if problem := check_root(root):
        print(f"farmwatch run: {problem}", file=sys.stderr)
        return EXIT_FAILURE
    try:
        load_model(args.model)  # fail before starting anything if the model is unusable
    except ModelError as exc:
        print(f"farmwatch run: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    Path(args.db).parent.mkdir(parents=True, exist_ok=True) if "://" not in args.db else None

    try:
        web = serve(root, port=DEFAULT_PORT if args.port is None else args.port)
    except OSError as exc:
        if args.port is not None:
            print(f"farmwatch run: cannot serve the sample web on 127.0.0.1:{args.port}: {exc.strerror or exc}",
                  file=sys.stderr)
            return EXIT_FAILURE
        web = serve(root, port=0)
        print(f"farmwatch run: port {DEFAULT_PORT} is taken, serving on {web.port}: pages already stored under "
              f"port {DEFAULT_PORT} will be stored again under this one", file=sys.stderr)
    with web as server, tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds.txt"
        seeds.write_text("\n".join(seed_urls(root, server.port)) + "\n", encoding="utf-8")
        print(f"sample web: {len(hosts_map(root))} hosts on 127.0.0.1:{server.port}", flush=True)
        stats = crawl(
            {"seeds": str(seeds), "max_depth": args.max_depth, "max_pages_per_site": args.max_pages_per_site},
            {
                "FARMWATCH_DB": args.db,
                "FARMWATCH_MODEL": args.model,
                "FARMWATCH_HOSTS": hosts_map(root),
                "FARMWATCH_HOSTS_ONLY": True,
                "FARMWATCH_ALLOW_PRIVATE": True,
                # Our own server on loopback: no need to be gentle, and AutoThrottle would only slow it.
                "AUTOTHROTTLE_ENABLED": False,
                "DOWNLOAD_DELAY": 0,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                "LOG_LEVEL": "WARNING",
            },
        )
    if stats.get("farmwatch/model_error"):
        print(f"farmwatch run: {stats['farmwatch/model_error']}", file=sys.stderr)
        return EXIT_FAILURE
    from farmwatch.evidence import annotate

    try:
        with open_store(args.db) as store:
            found = annotate(store)  # provenance and site-wide evidence: needs every page stored first
            summary = summarise(store)
    except StoreError as exc:
        print(f"farmwatch run: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    print_summary(summary, stats, args.db)
    print_copies(found)
    print(f"next: farmwatch report --db {args.db} --format html --out data/report.html")
    errors = sum(v for k, v in stats.items() if k.startswith("farmwatch/errors/"))
    return EXIT_PARTIAL if errors and summary["pages"] == 0 else EXIT_OK


def summarise(store) -> dict:
    """Per-site tallies straight from the two tables, and each site's verdict as the report gives it
    (reviews and the site-wide evidence lent to its pages included)."""
    from farmwatch.report import build

    sites: dict[str, dict] = {}
    for table in ("farm", "legit"):
        for page in store.iter_pages(table):
            s = sites.setdefault(page["site"], {"farm": 0, "legit": 0, "max_score": 0.0})
            s[table] += 1
            s["max_score"] = max(s["max_score"], float(page.get("score") or 0.0))
    counts = store.counts()
    return {"sites": sites, "farm_pages": counts["farm_pages"], "legit_pages": counts["legit_pages"],
            "pages": counts["farm_pages"] + counts["legit_pages"],
            "report": {row.site: row for row in build(store).sites}}


def print_summary(summary: dict, stats: dict, db: str) -> None:
    """What went where, and each site under the same rule ``farmwatch report`` applies, reviews and
    pooled site-wide evidence included (the evidence in words under its site)."""
    from farmwatch.console import table
    from farmwatch.report.render import review_text

    sites = summary["sites"]
    report = summary["report"]
    verdicts = {s: report[s].verdict for s in sites}
    print(f"\ncrawled {stats.get('response_received_count', 0)} responses, "
          f"stored {summary['pages']} pages from {len(sites)} sites into {db}")
    print(f"  farm_pages:  {summary['farm_pages']:>5}  (flagged)")
    print(f"  legit_pages: {summary['legit_pages']:>5}")
    n = {v: sum(1 for x in verdicts.values() if x == v) for v in ("farm", "unsure", "legit")}
    print(f"sites: {n['farm']} farm, {n['unsure']} unsure, {n['legit']} legit "
          f"({sum(1 for v in sites.values() if v['farm'])} with at least one flagged page)")
    order = {"farm": 0, "unsure": 1, "legit": 2}
    rows = []
    for site in sorted(sites, key=lambda s: (order[verdicts[s]], -sites[s]["farm"], s)):
        v, r = sites[site], report[site]
        review = review_text(r.review) + (f" (model: {r.model_verdict})" if r.disagrees else "")
        rows.append([site, verdicts[site], v["farm"], v["legit"], f"{v['max_score']:.3f}", review])
    lines = table(["site", "verdict", "farm", "legit", "max score", "review"], rows, right=(2, 3, 4))
    width = max([len(s) for s in sites] + [4])
    print("  " + lines[0])
    for row, line in zip(rows, lines[1:]):
        print("  " + line)
        r = report[row[0]]
        for why in (r.reasons[1:] if r.verdict_source == "model" else []):  # [0] is the page count
            print(f"  {'':<{width}}    {why}")
    skipped = {k.split("/", 1)[1]: v for k, v in stats.items() if k.startswith("farmwatch/") and
               ("skipped" in k or "errors" in k or "unparseable" in k or "/gone/" in k)}
    if skipped:
        print("not stored: " + ", ".join(f"{k}={v}" for k, v in sorted(skipped.items())))


def print_copies(found) -> None:
    """Who each site copied: the provenance the evidence pass found, one line per copying site."""
    from crawler.sites import site_of

    by_site: dict[str, list[str]] = {}
    for url, line in found.copies:
        by_site.setdefault(site_of(url), []).append(line.split(",", 1)[0].removeprefix("copied from "))
    r = found.relations
    print(f"provenance: {r.get('copy', 0)} pages copied from an earlier story on an unrelated site, "
          f"{r.get('syndicated', 0)} licensed syndication, {r.get('network', 0)} within one outlet's network")
    for site, sources in sorted(by_site.items()):
        counts = {s: sources.count(s) for s in sources}
        print(f"  {site} copied " + ", ".join(f"{s} ×{n}" if n > 1 else s for s, n in sorted(counts.items())))
    if found.copies:
        print(f"  e.g. {found.copies[0][1]}")
