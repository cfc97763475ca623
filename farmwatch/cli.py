"""``farmwatch``: crawl sites, score pages as content farms, report flagged sites.

Each sub-command lives in ``farmwatch/commands/<name>.py`` and exposes
``add_parser(subparsers)`` and ``run(args) -> int``; this module only wires them up, so a
command can be read (and tested) on its own.

Exit codes, for cron and scripts:
  0  success
  1  failure (nothing useful was done)
  2  usage error (bad arguments)
  3  look at it: partial failure (some pages or sites failed) or a run monitor failed
  4  another run of the same job holds the lock
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_PARTIAL, EXIT_LOCKED = 0, 1, 2, 3, 4

# Order is the order --help lists them: the analyst's path first, the operator's after.
COMMANDS = ["run", "crawl", "runs", "frontier", "classify", "provenance", "report", "review", "train", "evaluate",
            "serve-sample"]


def build_parser() -> argparse.ArgumentParser:
    from farmwatch.argtypes import OneLineParser

    parser = OneLineParser(  # usage errors on one line, in every sub-command too
        prog="farmwatch",
        description=(__doc__.split("\n\n")[0] + "\n\n" + __doc__.split("\n\n", 2)[2]).replace("``", ""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (repeat for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module_name = "farmwatch.commands." + name.replace("-", "_")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue  # a command not built yet is simply not offered
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("farmwatch: interrupted", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:  # `farmwatch runs | head`: the reader has all it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
