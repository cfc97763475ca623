"""``farmwatch frontier``: feed and inspect the shared Redis frontier of a scaled-out crawl.

    farmwatch frontier push   --redis redis://host:6379/0 --seeds seeds.txt
    farmwatch frontier status --redis redis://host:6379/0 [--json]

Workers (``scrapy crawl news_redis -s REDIS_URL=...``) read seeds from the Redis list
``<prefix>:start_urls``; pushing there is how a crawl is started or extended, even while the
workers run. See docs/scale-out.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE

DEFAULT_PREFIX = "news_redis"


def add_parser(sub) -> None:
    p = sub.add_parser(
        "frontier",
        help="push seeds to / inspect the shared Redis frontier (scaled-out crawls)",
        description="Manage the Redis frontier shared by `scrapy crawl news_redis` workers.",
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB")

    push = verbs.add_parser("push", help="append seed URLs to the frontier's start-URL list")
    push.add_argument("--redis", required=True, metavar="URL", help="redis://host:port/db")
    push.add_argument("--seeds", required=True, metavar="FILE", help="one http(s) URL per line, # comments")
    push.add_argument("--prefix", default=DEFAULT_PREFIX, help="frontier key prefix (default %(default)s)")

    status = verbs.add_parser("status", help="queued, seen and claimed requests; live workers")
    status.add_argument("--redis", required=True, metavar="URL", help="redis://host:port/db")
    status.add_argument("--prefix", default=DEFAULT_PREFIX, help="frontier key prefix (default %(default)s)")
    status.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run, _frontier_parser=p)


def run(args: argparse.Namespace) -> int:
    import redis

    from crawler.redis_frontier import frontier_status, push_seeds, redis_settings, start_key
    from crawler.seeds import read_seeds

    if not getattr(args, "verb", None):
        args._frontier_parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        redis_settings(args.redis)  # validates the URL
        if args.verb == "push":
            if not Path(args.seeds).is_file():
                print(f"farmwatch frontier: seeds file not found: {args.seeds}", file=sys.stderr)
                return EXIT_USAGE
            urls, problems = read_seeds(args.seeds)
            for problem in problems:
                print(f"farmwatch frontier: {problem}", file=sys.stderr)
            if not urls:
                print(f"farmwatch frontier: no usable seed URL in {args.seeds}", file=sys.stderr)
                return EXIT_USAGE
            n = push_seeds(args.redis, start_key(args.prefix), urls)
            print(f"pushed {n} new seed URL(s) to {start_key(args.prefix)} ({len(urls) - n} already waiting)")
            return EXIT_OK
        status = frontier_status(args.redis, args.prefix)
    except ValueError as exc:
        print(f"farmwatch frontier: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except redis.RedisError as exc:
        print(f"farmwatch frontier: Redis at {args.redis}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if args.json:
        print(json.dumps(status, indent=2))
    else:
        width = max(len(k) for k in status)
        for key, value in status.items():
            print(f"{key:<{width}}  {value}")
    return EXIT_OK
