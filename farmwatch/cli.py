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

A reader that stops reading (`farmwatch report | head -5`) ends the command quietly with 0: the
rows it did not want are not a failure.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_PARTIAL, EXIT_LOCKED = 0, 1, 2, 3, 4

# Order is the order --help lists them: the analyst's path first, the operator's after.
COMMANDS = ["run", "crawl", "runs", "frontier", "classify", "provenance", "report", "review", "train", "model",
            "evaluate", "recall", "serve-sample"]


def build_parser() -> argparse.ArgumentParser:
    from farmwatch.argtypes import OneLineParser

    parser = OneLineParser(  # usage errors on one line, in every sub-command too
        prog="farmwatch",
        description=(__doc__.split("\n\n")[0] + "\n\n" + __doc__.split("\n\n", 2)[2]).replace("``", ""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=version_line(),
                        help="print farmwatch's version and the shipped model's, then exit")
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


def version_line() -> str:
    """``farmwatch 0.1.0 (model 20261130-1658-s0, threshold 0.7318)``: what a bug report needs."""
    import json
    from importlib.metadata import PackageNotFoundError, version

    try:
        mine = version("farmwatch")
    except PackageNotFoundError:
        mine = "(not installed)"
    try:  # the card only: loading the model itself takes a second and scikit-learn
        from classifier.model import DEFAULT_MODEL, card_path_for

        card = json.loads(card_path_for(DEFAULT_MODEL).read_text(encoding="utf-8"))
        model = f"model {card.get('version')}, threshold {card.get('threshold')}"
    except (OSError, ValueError):
        model = "no model card"
    return f"farmwatch {mine} ({model})"


def _quiet_on_closed_pipe() -> int:
    """stdout's reader went away: later writes (and the flush at exit) go nowhere, silently."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's StringIO): nothing to flush
        pass
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # inside the try: a reader gone before the last rows is caught here too
        return code
    except BrokenPipeError:
        return _quiet_on_closed_pipe()


def _main(argv: list[str] | None) -> int:
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
