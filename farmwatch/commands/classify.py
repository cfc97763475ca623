"""``farmwatch classify PATH...``: score saved pages with the same code the crawl uses.

Given the URL a page was fetched from (``--url``, ``--urls``), a saved page is measured at that
address and gets the verdict a crawl of the same bytes gives.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE

SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".txt", ".txt.gz")


# More files than this get a progress line on stderr (a directory of pages takes a minute).
PROGRESS_OVER = 5


def add_parser(sub) -> None:
    p = sub.add_parser(
        "classify",
        help="score saved pages (.html, .html.gz, .txt) as farm or legit",
        description="Score saved pages as content farm or legitimate, with the evidence behind "
        "each verdict. PATH may be a file or a directory (searched for .html, .htm, .html.gz "
        "and .txt files). A page's address is a signal (host, path, site shape): give the URL it "
        "was fetched from with --url (one file) or --urls FILE (lines of PATH<TAB>URL; the listed "
        "files are scored, no PATH argument needed), and the page gets exactly the score and "
        "verdict a crawl of the same bytes gives; without one it is measured at its file path. "
        "Relative paths, on the command line and in --urls, are relative to the current "
        "directory, and rows name each file as it was given. Progress goes to stderr for more "
        f"than {PROGRESS_OVER} files. A file that cannot be read is reported and skipped; the others are "
        "still scored. Exit code 0 when every file was scored, 3 when some failed, 1 when all did, "
        "2 for bad arguments.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    p.add_argument("--url", help="the URL the one PATH was fetched from")
    p.add_argument("--urls", metavar="FILE", help="score the files listed in FILE, one per line: PATH, a tab, "
                   "its URL (blank lines and lines starting with # are skipped)")
    p.add_argument("--model", help="model file (default: the shipped models/farmwatch.skops)")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="table (default, for people) or json (one object per file per line: path, url, verdict, "
                        "score, evidence, brands, family, title)")
    p.set_defaults(func=run)


class UsageError(ValueError):
    """Arguments that name no pages, or name them wrongly: exit 2 with one line."""


def _expand(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(SUFFIXES)))
        else:
            files.append(p)
    return files


def _read_urls(listing: str) -> list[tuple[Path, str]]:
    """``PATH<TAB>URL`` lines → (path, url); a line without both is a usage error naming its number."""
    try:
        text = Path(listing).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read --urls {listing}: {getattr(exc, 'strerror', None) or exc}") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        path, sep, url = line.partition("\t")
        url = url.strip()
        if not sep or not path.strip() or not url.lower().startswith(("http://", "https://")):
            raise UsageError(f"--urls {listing} line {n}: expected PATH<TAB>http(s)://URL, got {line[:80]!r}")
        out.append((Path(path.strip()), url))
    if not out:
        raise UsageError(f"--urls {listing} lists no pages")
    return out


def _targets(args: argparse.Namespace) -> list[tuple[Path, str | None]]:
    if args.url and args.urls:
        raise UsageError("give --url (one file) or --urls FILE, not both")
    if args.url:
        if not args.url.lower().startswith(("http://", "https://")):
            raise UsageError(f"--url {args.url!r} is not an http(s) URL")
        if len(args.paths) != 1 or Path(args.paths[0]).is_dir():
            raise UsageError("--url names the address of one file: give exactly one PATH (use --urls FILE for many)")
        return [(Path(args.paths[0]), args.url)]
    listed = _read_urls(args.urls) if args.urls else []
    files = [(f, None) for f in _expand(args.paths)] + listed
    if not files:
        raise UsageError("no pages found" if args.paths or args.urls else "give PATH... or --urls FILE")
    return files


def shown_path(path: Path) -> str:
    """The path as the user gave it; an absolute one under the current directory made relative."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


def run(args: argparse.Namespace) -> int:
    from classifier.document import DocumentError, from_path
    from classifier.model import ModelError, load_model
    from farmwatch.console import Progress

    try:
        targets = _targets(args)
    except UsageError as exc:
        print(f"farmwatch classify: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        model = load_model(args.model)
    except ModelError as exc:
        print(f"farmwatch classify: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    progress = Progress(len(targets), "classify") if len(targets) > PROGRESS_OVER else None
    failed = 0
    rows = []
    for path, url in targets:
        try:
            doc = from_path(path, url=url)
        except DocumentError as exc:
            failed += 1
            print(f"farmwatch classify: {shown_path(path)}: {exc}", file=sys.stderr)
            continue
        finally:
            if progress:
                progress.update()
        v = model.classify(doc)
        row = {"path": shown_path(path), "url": url, "verdict": v.verdict, "score": round(float(v.score), 4),
               "evidence": v.evidence, "brands": v.brands, "family": v.family, "title": doc.title}
        if args.format == "json":
            print(json.dumps(row, ensure_ascii=False), flush=True)
        else:
            rows.append(row)
    if progress:
        progress.finish(f"{failed} unreadable" if failed else "")
    if args.format == "table" and rows:
        _print_table(rows, threshold=getattr(model, "threshold", None))
    if failed == len(targets):
        return EXIT_FAILURE
    return EXIT_PARTIAL if failed else EXIT_OK


def _print_table(rows: list[dict], threshold: float | None) -> None:
    from farmwatch.console import table

    lines = []
    for r in rows:
        evidence = r["evidence"] or ["no farm signals"]
        lines.append([r["path"], r["verdict"], f"{r['score']:.3f}", evidence[0]])
        lines.extend(["", "", "", more] for more in evidence[1:4])
    for line in table(["file", "verdict", "score", "evidence"], lines, right=(2,)):
        print(line)
    if threshold is not None:
        print(f"\nthreshold {threshold:.3f}: score ≥ threshold → farm")
