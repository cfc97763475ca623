"""``farmwatch crawl``: the cron entry point.

    farmwatch crawl --seeds seeds/outlets.txt --job outlets --db data/farmwatch.sqlite

One run at a time per job (``data/jobs/<job>.lock``; a second run exits at once with code 4),
the frontier kept in the store so a killed run resumes, pages fetched less than
``--revisit`` hours ago left alone, and every run recorded (``start_run``/``finish_run``) and
summarised on one line. Run monitors (Spidermon) compare the run with the job's earlier ones.
Exit codes: 0 ok (pages that are gone, 404/410, are not failures), 3 look at it: partial (some
sites failed, or the run was stopped) or alert (a monitor failed), 1 failure, 4 locked.
Past runs: farmwatch runs. See docs/cron.md for the crontab line, systemd units and monitors.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from farmwatch.argtypes import existing_file, hours, non_negative_int, positive_int
from farmwatch.cli import EXIT_FAILURE, EXIT_LOCKED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE

logger = logging.getLogger("farmwatch.crawl")

def add_parser(sub) -> None:
    p = sub.add_parser(
        "crawl",
        help="crawl seed sites as a resumable, locked job (for cron/systemd)",
        description=(__doc__.split("\n\n")[0] + "\n\n" + __doc__.split("\n\n", 2)[2]).replace("``", ""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--seeds", required=True, help="file with one start URL per line")
    p.add_argument("--job", default="default", help="job name: lock, frontier and run history (default %(default)s)")
    p.add_argument("--db", default="data/farmwatch.sqlite", help="SQLite path or database URL (default %(default)s)")
    p.add_argument("--model", help="model file (default: the shipped model)")
    p.add_argument("--max-pages-per-site", type=positive_int, default=200,
                   help="page budget per registered domain and run (default %(default)s)")
    p.add_argument("--max-depth", type=non_negative_int, default=3, help="link depth from the seeds (default %(default)s)")
    p.add_argument("--revisit", type=hours, default=24.0, metavar="HOURS",
                   help="re-fetch a page only if its stored copy is older than this (default %(default)s)")
    p.add_argument("--seed-revisit", type=hours, default=1.0, metavar="HOURS",
                   help="re-fetch the seeds (hub pages where new stories appear) once their stored copy is "
                        "this old, so each scheduled run follows their new links (default %(default)s)")
    p.add_argument("--allow-private", action="store_true",
                   help="allow private/loopback/link-local addresses (intranet crawls, tests)")
    p.add_argument("--hosts-file", type=existing_file, help="hosts-style file mapping names to addresses (no DNS for them)")
    p.add_argument("--redis", metavar="URL",
                   help="share the frontier through Redis (scrapy-redis scheduler and duplicate filter), "
                        "so crawls on several machines split the work; see docs/scale-out.md")
    p.add_argument("--redis-prefix", metavar="PREFIX",
                   help="Redis key prefix of the shared frontier (default: the job name)")
    p.add_argument("--state-dir", default="data/jobs", help="where job lock files live (default %(default)s)")
    p.add_argument("-s", "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                   help="extra Scrapy setting (value parsed as JSON when it is JSON); repeatable")
    p.set_defaults(func=run)


def _parse_setting(pair: str) -> tuple[str, Any]:
    name, sep, value = pair.partition("=")
    if not sep or not name.strip():
        raise ValueError(f"-s expects NAME=VALUE, got {pair!r}")
    try:
        return name.strip(), json.loads(value)
    except ValueError:
        return name.strip(), value


def build_overrides(args: argparse.Namespace) -> dict[str, Any]:
    from farmwatch.runner import project_settings

    overrides: dict[str, Any] = {
        "FARMWATCH_JOB": args.job,
        "FARMWATCH_DB": args.db,
        "FARMWATCH_REVISIT_HOURS": args.revisit,
        "FARMWATCH_REVISIT_SEED_HOURS": args.seed_revisit,
        # Run monitors (crawler/monitors.py): compare this run with the job's earlier ones.
        "SPIDERMON_ENABLED": True,
    }
    if args.model:
        overrides["FARMWATCH_MODEL"] = args.model
    if args.redis:
        from crawler.redis_frontier import redis_settings

        # The shared Redis frontier replaces the store-kept one: Redis is what survives the
        # workers, and every worker on every machine must see the same queue.
        overrides.update(redis_settings(args.redis, args.redis_prefix or args.job))
        extensions = project_settings().getdict("EXTENSIONS")
        extensions["crawler.extensions.FrontierExtension"] = None
        overrides["EXTENSIONS"] = extensions
    if args.allow_private:
        overrides["FARMWATCH_ALLOW_PRIVATE"] = True
    if args.hosts_file:
        overrides["FARMWATCH_HOSTS_FILE"] = args.hosts_file
    for pair in args.settings:
        name, value = _parse_setting(pair)
        overrides[name] = value
    return overrides


def run(args: argparse.Namespace) -> int:
    from crawler.storage import StoreError, StoreReadOnly, open_store
    from farmwatch.jobs import JobLock, JobLocked, close_stale_runs, summarise
    from farmwatch.runner import crawl

    try:
        lock = JobLock(args.job, args.state_dir)
        overrides = build_overrides(args)
        from farmwatch.argtypes import check_settings
        from farmwatch.runner import project_settings

        check_settings(overrides, project_settings())  # -s DOWNLOAD_MAXSIZE=abc, a bad CIDR: usage errors
    except ValueError as exc:
        print(f"farmwatch crawl: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.redis:
        import redis

        try:  # before the lock and the run record: an unreachable frontier is one line, not a crashed run
            redis.Redis.from_url(args.redis, socket_connect_timeout=5).ping()
        except redis.RedisError as exc:
            print(f"farmwatch crawl: Redis at {args.redis} is unreachable: {exc}", file=sys.stderr)
            return EXIT_FAILURE
    if not Path(args.seeds).is_file():
        print(f"farmwatch crawl: seeds file not found: {args.seeds}", file=sys.stderr)
        return EXIT_USAGE
    from crawler.seeds import read_seeds

    seeds, problems = read_seeds(args.seeds)  # the spider reads the same way, warning once per bad line
    if not seeds:
        for problem in problems:
            print(f"farmwatch crawl: {problem}", file=sys.stderr)
        print(f"farmwatch crawl: no usable seed URL in {args.seeds}", file=sys.stderr)
        return EXIT_USAGE
    try:
        lock.acquire()
    except JobLocked as exc:
        logger.warning("%s; this run exits", exc)
        print(f"farmwatch crawl: {exc}; exiting (code {EXIT_LOCKED})", file=sys.stderr, flush=True)
        return EXIT_LOCKED
    with lock:
        if "://" not in args.db:
            Path(args.db).parent.mkdir(parents=True, exist_ok=True)
        try:
            with open_store(args.db) as store:
                stale = close_stale_runs(store, args.job)
                run_id = store.start_run(args.job, list(sys.argv))
        except StoreError as exc:
            print(f"farmwatch crawl: cannot open the store {args.db}: {exc}", file=sys.stderr)
            return EXIT_USAGE if isinstance(exc, StoreReadOnly) else EXIT_FAILURE
        if stale:
            print(f"farmwatch crawl: job {args.job}: {stale} earlier run(s) had died; resuming their frontier",
                  file=sys.stderr)
        started = time.monotonic()
        stats: dict[str, Any] = {}
        crash: str | None = None
        try:
            spider_cls = None
            if args.redis:
                from crawler.spiders.news_redis import NewsRedisSpider as spider_cls
            stats = crawl({"seeds": args.seeds, "max_depth": args.max_depth,
                           "max_pages_per_site": args.max_pages_per_site}, overrides, spider_cls)
        except Exception as exc:  # recorded as a failed run, then reported
            logger.exception("crawl crashed")
            crash = f"{type(exc).__name__}: {exc}"
            stats = {"finish_reason": "crashed"}
        summary = summarise(args.job, stats, time.monotonic() - started)
        record = summary.as_stats()
        record.update({k: v for k, v in stats.items()
                       if k.startswith("farmwatch/") and isinstance(v, (int, float, str))})
        if crash:
            record["crash"] = crash
        try:
            with open_store(args.db) as store:
                store.finish_run(run_id, summary.status, record)
        except StoreError as exc:
            print(f"farmwatch crawl: could not record the run: {exc}", file=sys.stderr)
            summary.status = "failed" if summary.status == "failed" else "partial"
        print(summary.line() + f" run_id={run_id}", flush=True)
        if stats.get("farmwatch/model_error"):
            print(f"farmwatch crawl: {stats['farmwatch/model_error']}", file=sys.stderr)
        return {"ok": EXIT_OK, "alert": EXIT_PARTIAL, "partial": EXIT_PARTIAL}.get(summary.status, EXIT_FAILURE)
