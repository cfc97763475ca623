"""``farmwatch train --corpus DIR``: evaluate by site, pick the threshold, fit on everything, propose.

The new model is a candidate under ``models/candidates/<version>/``, compared with the current
one; only ``farmwatch model promote`` makes it the model crawls use (farmwatch.models_registry).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from farmwatch.argtypes import corpus_dir
from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "train",
        help="train the content-farm model from a corpus of legitimate pages (+ simulated farms)",
        description="Build the training set (legitimate pages from --corpus and the sample web, hard negatives, "
        "simulated farm copies of every family as HTML and text), evaluate it split by site to choose the "
        "threshold (FPR <= 0.5% on held-out legitimate sites), then fit on everything and write a CANDIDATE "
        "model with its card under MODELS/candidates/VERSION/. The shipped model is never replaced here: "
        "the command prints the candidate beside the current model (threshold, precision, recall, FPR, "
        "recall per family, leave-one-family-out recall, seeds; with --db, the stored pages whose verdict "
        "would change and the reviews that contradict strong scores), and `farmwatch model promote VERSION` "
        "makes it current. A full run takes about 15 minutes on 2 cores; progress with the time left goes "
        "to stderr.",
    )
    add_data_arguments(p)
    p.add_argument("--models", default=None, metavar="DIR", help="models folder holding the current model, "
                   "candidates/ and previous/ (default: the project's models/)")
    p.add_argument("--db", default=None, metavar="TARGET", help="store holding analyst reviews (with --use-reviews) "
                   "and the pages to compare the two models on")
    p.add_argument("--use-reviews", action="store_true", help="add analyst-reviewed pages from --db as labels")
    p.set_defaults(func=run)


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return n


def add_data_arguments(p) -> None:
    """What `train` and `evaluate` both read: one definition, so their data can't drift apart."""
    p.add_argument("--corpus", required=True, help="corpus directory (e.g. ../shared/corpus)")
    p.add_argument("--seed", type=int, default=0, help="random seed for simulation and splits (default 0, "
                                                        "the one the shipped card used)")
    p.add_argument("--seeds", default=None, help="labelled seed pages (default: <corpus>/../seeds)")
    p.add_argument("--sampleweb", default=None, help="sample web folder (default: seeds/sampleweb if present)")
    p.add_argument("--no-lofo", action="store_true", help="skip leave-one-family-out runs (faster; the card lacks them)")
    p.add_argument("--lofo-seeds", type=_positive_int, default=3, metavar="N",
                   help="simulate N datasets (seeds --seed, --seed+1, ...) for leave-one-family-out recall and report "
                        "the mean and the worst; one draw alone swings a family's recall by up to 0.2 (default 3)")


def run(args: argparse.Namespace) -> int:
    import classifier.train as training
    from classifier.model import DEFAULT_MODEL, ModelError
    from farmwatch.models_registry import COMPARISON, RegistryError, TrainingProgress, comparison_lines, new_candidate_dir

    try:
        corpus_dir(args.corpus)  # missing or empty: nothing to learn from
    except argparse.ArgumentTypeError as exc:
        print(f"farmwatch train: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.use_reviews and not args.db:
        print("farmwatch train: --use-reviews needs --db TARGET", file=sys.stderr)
        return EXIT_USAGE
    root = Path(args.models) if args.models else DEFAULT_MODEL.parent
    extra = []
    if args.use_reviews:
        try:
            extra = training.review_rows(args.db)
        except Exception as exc:  # noqa: BLE001 - the store is another component; report, don't trace
            print(f"farmwatch train: cannot read reviews from {args.db}: {exc}", file=sys.stderr)
            return EXIT_FAILURE
    incoming = root / "candidates" / f".incoming-{os.getpid()}"
    training.LOG_HOOK = TrainingProgress(args.lofo_seeds, not args.no_lofo)
    try:
        card = training.train(args.corpus, incoming / "farmwatch.skops", seed=args.seed, seeds_dir=args.seeds,
                              sampleweb=args.sampleweb, extra_rows=extra, lofo=not args.no_lofo,
                              lofo_seeds=args.lofo_seeds)
    except ModelError as exc:
        print(f"farmwatch train: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        training.LOG_HOOK = None
        if incoming.is_dir() and not (incoming / "farmwatch.skops").is_file():
            shutil.rmtree(incoming, ignore_errors=True)
    target = new_candidate_dir(root, card["version"])
    incoming.rename(target)
    try:
        result = _compare(root, target / "farmwatch.skops", args.db)
    except Exception as exc:  # noqa: BLE001 - the candidate is safe on disk: say where, and why no comparison
        reason = str(exc) if isinstance(exc, RegistryError) else f"{type(exc).__name__}: {exc}"
        print(f"farmwatch train: candidate written to {target}, but it cannot be compared: {reason} "
              f"(`farmwatch model compare {target.name}` tries again)", file=sys.stderr)
        return EXIT_PARTIAL
    (target / COMPARISON).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"candidate model {card['version']} written to {target} (the current model is unchanged)\n")
    for line in comparison_lines([tuple(r) for r in result["figures"]], result["stored"]):
        print(line)
    print(f"\nto use it: farmwatch model promote {target.name}   (and back: farmwatch model promote --previous)")
    return EXIT_OK


def _compare(root: Path, candidate: Path, db: str | None) -> dict:
    """The comparison, with the stored pages of ``db`` when given (shared with `farmwatch model compare`)."""
    from farmwatch.models_registry import compare

    if not db:
        return compare(root, candidate)
    from crawler.storage import open_store
    from farmwatch.console import Progress

    with open_store(db) as store:
        counts = store.counts()
        progress = Progress(max(1, counts["farm_pages"] + counts["legit_pages"]), "comparing on stored pages")
        result = compare(root, candidate, store, progress=lambda n: progress.update(n))
        progress.finish()
    return result
