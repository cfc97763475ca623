"""``farmwatch model list|compare|promote``: which model crawls use, and changing it on purpose.

``farmwatch train`` only proposes (a candidate under models/candidates/); this command makes a
candidate current, keeps the one it replaces, and goes back (farmwatch.models_registry).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "model",
        help="list trained models, compare a candidate with the current one, promote one or go back",
        description="Models live in the models folder (default models/): the current one (farmwatch.skops and its "
        "card, used by crawls and classify), previous/ (the one the last promotion replaced) and "
        "candidates/VERSION/ (written by `farmwatch train`). `list` shows them; `compare VERSION [--db DB]` "
        "prints the candidate beside the current model (held-out figures; with --db the stored pages "
        "whose verdict would change and the reviews contradicting strong scores); `promote VERSION` makes a "
        "candidate current and keeps the replaced one as previous; `promote --previous` goes back (again: "
        "forth). Each model's sha256 is checked against its card before and after it moves.",
    )
    p.add_argument("action", choices=("list", "compare", "promote"))
    p.add_argument("version", nargs="?", help="candidate version (a folder name under candidates/)")
    p.add_argument("--previous", action="store_true", help="with promote: go back to the previous model")
    p.add_argument("--db", default=None, help="with compare: store whose pages both models score")
    p.add_argument("--models", default=None, metavar="DIR", help="models folder (default: the project's models/)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="with list: table or json")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from classifier.model import DEFAULT_MODEL
    from farmwatch.models_registry import RegistryError

    root = Path(args.models) if args.models else DEFAULT_MODEL.parent
    try:
        if args.action == "list":
            return _list(root, args.format)
        if args.action == "compare":
            return _compare(root, args)
        if args.previous == bool(args.version):
            print("farmwatch model: promote takes a VERSION or --previous (one of them)", file=sys.stderr)
            return EXIT_USAGE
        return _promote(root, args)
    except RegistryError as exc:
        print(f"farmwatch model: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def _list(root: Path, fmt: str) -> int:
    from farmwatch.console import table
    from farmwatch.models_registry import entries

    found = entries(root)
    if fmt == "json":
        for e in found:
            m = e.card.get("metrics", {})
            print(json.dumps({"role": e.role, "version": e.version, "path": str(e.path),
                              "trained_at": e.card.get("trained_at"), "threshold": e.card.get("threshold"),
                              "recall": m.get("recall"), "fpr": m.get("fpr"), "sha256": e.card.get("sha256")}))
        return EXIT_OK
    if not found:
        print(f"no models in {root}")
        return EXIT_OK
    rows = [[e.role, e.version, str(e.card.get("trained_at", ""))[:16], e.card.get("threshold", ""),
             e.card.get("metrics", {}).get("recall", ""), e.card.get("metrics", {}).get("fpr", ""),
             e.path.parent.name if e.role == "candidate" else ""] for e in found]
    for line in table(["role", "version", "trained", "threshold", "recall", "fpr", "promote with"],
                      [r[:6] + [f"farmwatch model promote {r[6]}" if r[6] else ""] for r in rows], right=(3, 4, 5)):
        print(line)
    return EXIT_OK


def _compare(root: Path, args) -> int:
    from farmwatch.commands.train import _compare as compare_with_store
    from farmwatch.models_registry import candidate, comparison_lines

    if not args.version:
        print("farmwatch model: compare takes the candidate's VERSION", file=sys.stderr)
        return EXIT_USAGE
    result = compare_with_store(root, candidate(root, args.version), args.db)
    for line in comparison_lines([tuple(r) for r in result["figures"]], result["stored"]):
        print(line)
    return EXIT_OK


def _promote(root: Path, args) -> int:
    from farmwatch.models_registry import promote, promote_previous

    if args.previous:
        old, new = promote_previous(root)
        print(f"current model: {new} (back from {old}, which is now the previous model)")
    else:
        old, new = promote(root, args.version)
        print(f"current model: {new}" + (f" (was {old}, kept as the previous model: `farmwatch model promote "
                                         "--previous` goes back)" if old else ""))
    return EXIT_OK
