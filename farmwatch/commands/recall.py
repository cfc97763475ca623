"""``farmwatch recall LABELS``: per-family recall on labelled real pages, scored with and without their URLs.

Real farm pages are the measure that counts, and they usually reach an analyst as what a search result
or a clipping keeps: the start of the reader text and an address. This scores such a set the way the
team's held-out measure does: each page once with its URL (as a crawl would know it) and once as bare
text, and prints, per family, how many the model flags. Rows labelled ``legit`` count as false flags.
The labelled pages stay wherever the user keeps them; nothing is copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser(
        "recall",
        help="per-family recall on labelled real pages, each scored with its URL and as bare text",
        description="Read LABELS, a TSV of PATH<TAB>FAMILY<TAB>URL lines (a header line starting with 'file' or "
        "'path' is skipped; PATH is relative to the TSV's folder; FAMILY is a farm family such as F5 or 'legit'), "
        "score every page twice with --model (with its URL, and as bare text without it) and print per family how "
        "many are flagged. Legit rows are reported as false flags. Exit 0 when scored, 2 on a bad LABELS file, 1 "
        "when the model cannot be loaded.",
    )
    p.add_argument("labels", metavar="LABELS", help="TSV of PATH, FAMILY, URL")
    p.add_argument("--model", default=None, help="model to score with (default: models/farmwatch.skops)")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="table (default) or json (the per-family counts, the missed pages and every page's two scores)")
    p.set_defaults(func=run)


def read_labels(path: Path) -> list[tuple[Path, str, str]]:
    """``(page path, family, url)`` per line; a malformed line is a ValueError naming its number."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lower().startswith(("file\t", "path\t", "#")):
            continue
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"line {n}: expected PATH<TAB>FAMILY<TAB>URL, got {line[:80]!r}")
        url = parts[2].strip()
        if url and not url.lower().startswith(("http://", "https://")):
            raise ValueError(f"line {n}: {url[:60]!r} is not an http(s) URL")
        out.append((path.parent / parts[0].strip(), parts[1].strip(), url))
    if not out:
        raise ValueError("no labelled pages")
    return out


def run(args: argparse.Namespace) -> int:
    from classifier.document import DocumentError, from_path
    from classifier.evaluate import recall_by_family
    from classifier.model import ModelError, load_model

    try:
        labels = read_labels(Path(args.labels))
    except (OSError, ValueError) as exc:
        print(f"farmwatch recall: {args.labels}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        model = load_model(args.model)
    except ModelError as exc:
        print(f"farmwatch recall: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    pairs, unreadable = [], 0
    for path, family, url in labels:
        try:
            doc = from_path(path, url=url or None)  # read and parsed once for both scorings
            bare = replace(doc, url="")  # no address at all, not even the file's
            pairs.append((family, str(path), doc if url else bare, bare))
        except (OSError, DocumentError) as exc:
            unreadable += 1
            print(f"farmwatch recall: {path}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
    result = recall_by_family(model, pairs)
    result["unreadable"] = unreadable
    if args.format == "json":
        print(json.dumps(result, indent=1, sort_keys=True))
        return EXIT_OK
    print(f"model {model.version}, threshold {model.threshold:.4f}")
    print(f"{'family':10s} {'pages':>5s} {'with URL':>14s} {'bare text':>14s}")
    for fam, r in result["families"].items():
        print(f"{fam:10s} {r['pages']:5d} {r['url']:5d} ({r['url_rate']:6.1%}) {r['text']:5d} ({r['text_rate']:6.1%})")
    if result["farm"]["pages"]:
        f = result["farm"]
        print(f"{'all farms':10s} {f['pages']:5d} {f['url']:5d} ({f['url_rate']:6.1%}) {f['text']:5d} ({f['text_rate']:6.1%})")
    return EXIT_OK
