"""``farmwatch evaluate --corpus DIR``: the site-split figures, re-measured and written into the card."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from farmwatch.argtypes import corpus_dir
from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from farmwatch.commands.train import add_data_arguments


def add_parser(sub) -> None:
    p = sub.add_parser(
        "evaluate",
        help="measure the detector on held-out sites and write the figures into the model card",
        description="Rebuild the dataset from --corpus, cross-validate split by site (no site on both sides), "
        "choose the threshold for FPR <= 0.5% on held-out legitimate rows, measure leave-one-family-out recall "
        "for every farm family (mean and worst over --lofo-seeds datasets, simulated with seeds --seed, --seed+1, ...), "
        "score the seed pages with --model, and write all of it into the model card.",
    )
    add_data_arguments(p)
    p.add_argument("--model", default=None, help="model whose card receives the figures (default: models/farmwatch.skops)")
    p.add_argument("--no-write", action="store_true", help="print the figures, leave the card alone")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from classifier.corpus import find_seeds
    from classifier.model import DEFAULT_MODEL, ModelError, card_path_for, load_model, render_card_markdown, CARD_MD
    from classifier.realpages import load_real
    from classifier.train import evaluate_rows, prepare, score_seeds

    try:
        corpus_dir(args.corpus)  # missing or empty: nothing to measure on
    except argparse.ArgumentTypeError as exc:
        print(f"farmwatch evaluate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.model) if args.model else DEFAULT_MODEL
    try:
        model = load_model(path)
    except ModelError as exc:
        print(f"farmwatch evaluate: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    rows, X, data = prepare(args.corpus, args.seed, args.sampleweb)
    metrics = evaluate_rows(rows, X, args.seed, lofo=not args.no_lofo, lofo_seeds=args.lofo_seeds,
                            rebuild=lambda s: prepare(args.corpus, s, args.sampleweb)[:2], real=load_real(args.corpus))
    seeds = score_seeds(model, find_seeds(args.corpus, args.seeds))
    report = {"metrics": metrics, "seeds": seeds, "data": data, "model_threshold": model.threshold}
    print(json.dumps(report, indent=1, sort_keys=True))
    if not args.no_write:
        card = dict(model.card)
        card.update({"metrics": metrics, "seeds": seeds, "data": data})
        card["threshold"] = metrics["threshold"]
        card_path_for(path).write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        path.with_name(CARD_MD).write_text(render_card_markdown(card), encoding="utf-8")
        print(f"farmwatch evaluate: figures written to {card_path_for(path)}", file=sys.stderr)
    wrong = [s["file"] for s in seeds if not s["right"]]
    if wrong:
        print(f"farmwatch evaluate: seeds misclassified: {', '.join(wrong)}", file=sys.stderr)
    return EXIT_OK
