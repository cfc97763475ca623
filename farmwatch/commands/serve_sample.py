"""``farmwatch serve-sample``: the bundled sample web in the foreground, for people and ``make``.

``farmwatch run`` starts the same server itself; this command exists so a person (or another
crawler) can browse or crawl the sample web by hand, with the seed list and hosts file it needs.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE

REPO = Path(__file__).resolve().parents[2]


def add_parser(sub) -> None:
    p = sub.add_parser(
        "serve-sample",
        help="serve the bundled sample web on 127.0.0.1 (foreground)",
        description="Serve seeds/sampleweb on 127.0.0.1 with one virtual host per outlet or farm "
        "(chosen by the Host header). Point a crawler at it with the seed list from --write-seeds "
        "and map the names to 127.0.0.1 with the file from --write-hosts "
        "(FARMWATCH_HOSTS_FILE=FILE FARMWATCH_ALLOW_PRIVATE=1). Stop with Ctrl-C.",
    )
    p.add_argument("--port", type=int, default=8765, help="TCP port on 127.0.0.1 (default %(default)s; 0 = any free port)")
    p.add_argument("--root", default=str(REPO / "seeds" / "sampleweb"), help="sample web folder (default %(default)s)")
    p.add_argument("--write-seeds", metavar="FILE", help="write the seed URLs (home page of every host, with the port)")
    p.add_argument("--write-hosts", metavar="FILE", help="write a hosts-style file (127.0.0.1 NAME) for FARMWATCH_HOSTS_FILE")
    p.add_argument("--quiet", action="store_true", help="no access log")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from farmwatch.sampleweb.server import check_root, hosts_map, seed_urls, serve

    root = Path(args.root)
    if problem := check_root(root):
        print(f"farmwatch serve-sample: {problem}", file=sys.stderr)
        return EXIT_FAILURE
    if not 0 <= args.port <= 65535:
        print(f"farmwatch serve-sample: --port must be 0-65535, got {args.port}", file=sys.stderr)
        return EXIT_USAGE
    try:
        server = serve(root, port=args.port, verbose=not args.quiet)
    except OSError as exc:
        print(f"farmwatch serve-sample: cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    with server:
        urls = seed_urls(root, server.port)
        try:
            if args.write_seeds:
                _write(args.write_seeds, "\n".join(urls) + "\n")
            if args.write_hosts:
                _write(args.write_hosts, "".join(f"{ip} {host}\n" for host, ip in hosts_map(root).items()))
        except OSError as exc:
            print(f"farmwatch serve-sample: {exc}", file=sys.stderr)
            return EXIT_FAILURE
        print(f"sample web: {len(urls)} hosts on 127.0.0.1:{server.port} (Ctrl-C to stop)", flush=True)
        for url in urls:
            print(f"  {url}", flush=True)
        # `make` and process supervisors stop with SIGTERM: treat it like Ctrl-C so the socket closes.
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            server.join()
        except KeyboardInterrupt:
            print("stopped", flush=True)
        finally:
            signal.signal(signal.SIGTERM, previous)
    return EXIT_OK


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _write(path: str, text: str) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
