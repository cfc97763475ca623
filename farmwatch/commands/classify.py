"""``farmwatch classify PATH...``: score saved pages with the same code the crawl uses."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL

SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".txt", ".txt.gz")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "classify",
        help="score saved pages (.html, .html.gz, .txt) as farm or legit",
        description="Score saved pages as content farm or legitimate, with the evidence behind "
        "each verdict. PATH may be a file or a directory (searched for .html, .htm, .html.gz "
        "and .txt files). A file that cannot be read is reported and skipped; the others are "
        "still scored. Exit code 0 when every file was scored, 3 when some failed, 1 when all did.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    p.add_argument("--model", help="model file (default: the shipped models/farmwatch.skops)")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="table (default, for people) or json (one object per file per line)")
    p.set_defaults(func=run)


def _expand(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(SUFFIXES)))
        else:
            files.append(p)
    return files


def run(args: argparse.Namespace) -> int:
    from classifier.document import DocumentError, from_path
    from classifier.model import ModelError, load_model

    try:
        model = load_model(args.model)
    except ModelError as exc:
        print(f"farmwatch classify: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    files = _expand(args.paths)
    if not files:
        print("farmwatch classify: no pages found", file=sys.stderr)
        return EXIT_FAILURE
    failed = 0
    rows = []
    for path in files:
        try:
            doc = from_path(path)
        except DocumentError as exc:
            failed += 1
            print(f"farmwatch classify: {path}: {exc}", file=sys.stderr)
            continue
        v = model.classify(doc)
        row = {"path": str(path), "verdict": v.verdict, "score": round(float(v.score), 4),
               "evidence": v.evidence, "brands": v.brands, "family": v.family, "title": doc.title}
        if args.format == "json":
            print(json.dumps(row, ensure_ascii=False), flush=True)
        else:
            rows.append(row)
    if args.format == "table" and rows:
        _print_table(rows, threshold=getattr(model, "threshold", None))
    if failed == len(files):
        return EXIT_FAILURE
    return EXIT_PARTIAL if failed else EXIT_OK


def _print_table(rows: list[dict], threshold: float | None) -> None:
    width = min(60, max(len(Path(r["path"]).name) for r in rows))
    print(f"{'file':<{width}}  verdict  score  evidence")
    for r in rows:
        name = Path(r["path"]).name
        name = name if len(name) <= width else "…" + name[-(width - 1):]
        evidence = r["evidence"] or ["no farm signals"]
        print(f"{name:<{width}}  {r['verdict']:<7}  {r['score']:.3f}  {evidence[0]}")
        for line in evidence[1:4]:
            print(f"{'':<{width}}  {'':<7}  {'':<5}  {line}")
    if threshold is not None:
        print(f"\nthreshold {threshold:.3f}: score ≥ threshold → farm")
