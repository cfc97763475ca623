"""``farmwatch train --corpus DIR``: evaluate by site, pick the threshold, fit on everything, ship."""

from __future__ import annotations

import argparse
import sys

from farmwatch.argtypes import corpus_dir
from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "train",
        help="train the content-farm model from a corpus of legitimate pages (+ simulated farms)",
        description="Build the training set (legitimate pages from --corpus and the sample web, hard negatives, "
        "simulated farm copies of every family as HTML and text), evaluate it split by site to choose the "
        "threshold (FPR <= 0.5% on held-out legitimate sites), then fit on everything and write the model "
        "and its card (models/model-card.json, models/MODEL_CARD.md). Progress goes to stderr.",
    )
    add_data_arguments(p)
    p.add_argument("--out", default=None, help="model file to write (default: models/farmwatch.skops)")
    p.add_argument("--db", default=None, metavar="TARGET", help="store holding analyst reviews (with --use-reviews)")
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
    from classifier.model import DEFAULT_MODEL, ModelError
    from classifier.train import review_rows, train

    try:
        corpus_dir(args.corpus)  # missing or empty: nothing to learn from
    except argparse.ArgumentTypeError as exc:
        print(f"farmwatch train: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.use_reviews and not args.db:
        print("farmwatch train: --use-reviews needs --db TARGET", file=sys.stderr)
        return EXIT_USAGE
    extra = []
    if args.use_reviews:
        try:
            extra = review_rows(args.db)
        except Exception as exc:  # noqa: BLE001 - the store is another component; report, don't trace
            print(f"farmwatch train: cannot read reviews from {args.db}: {exc}", file=sys.stderr)
            return EXIT_FAILURE
    try:
        card = train(args.corpus, args.out or DEFAULT_MODEL, seed=args.seed, seeds_dir=args.seeds,
                     sampleweb=args.sampleweb, extra_rows=extra, lofo=not args.no_lofo, lofo_seeds=args.lofo_seeds)
    except ModelError as exc:
        print(f"farmwatch train: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    m = card["metrics"]
    print(f"model {card['version']}: threshold {card['threshold']}, precision {m['precision']}, recall {m['recall']}, "
          f"f1 {m['f1']}, roc_auc {m['roc_auc']}, fpr {m['fpr']}")
    worst = m.get("lofo_recall_min", {})
    for fam, r in m.get("lofo_recall", {}).items():
        print(f"  leave-one-family-out {fam}: recall {r} (mean over simulated datasets; worst {worst.get(fam)})")
    for s in card.get("seeds", []):
        print(f"  seed {s['file']}: {s['label']} -> {s['verdict']} ({s['score']})")
    return EXIT_OK
