"""``farmwatch runs``: the history of ``farmwatch crawl`` runs, from the ``runs`` table.

    farmwatch runs                          newest 20 runs of every job, as a table
    farmwatch runs --job outlets --format json
    farmwatch runs show 42                  one run: its summary, failed monitors and every stat

Status is ok, alert (a run monitor failed), partial (errors, or stopped early), failed,
killed (the process died; found by the next run) or running.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from farmwatch.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE

# Columns of the table, the JSON rows and the HTML report's runs section, in that order.
COLUMNS = ["id", "job", "started", "finished", "status", "fetched", "stored", "flagged", "errors", "model",
           "monitors_failed"]


def add_parser(sub) -> None:
    p = sub.add_parser(
        "runs",
        help="list past crawl runs (farmwatch runs), or show one (farmwatch runs show ID)",
        description=__doc__.split("\n\n", 1)[1].replace("``", ""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("action", nargs="?", choices=["list", "show"], default="list",
                   help="list (default) or show one run")
    p.add_argument("run_id", nargs="?", type=int, metavar="ID", help="run id, for show")
    p.add_argument("--db", default="data/farmwatch.sqlite", help="SQLite path or database URL (default %(default)s)")
    p.add_argument("--job", help="only this job's runs")
    p.add_argument("--limit", type=int, default=20, help="newest runs listed (default %(default)s)")
    p.add_argument("--format", choices=["table", "json"], default="table", help="output (default %(default)s)")
    p.set_defaults(func=run)


def run_row(run: dict[str, Any]) -> dict[str, Any]:
    """One run as the columns operators scan: from the stored run record and its stats."""
    stats = run.get("stats") or {}
    return {
        "id": run["id"], "job": run["job"], "started": run.get("started_at") or "",
        "finished": run.get("finished_at") or "", "status": run.get("status") or "",
        "fetched": stats.get("fetched"), "stored": stats.get("stored"), "flagged": stats.get("flagged"),
        "errors": stats.get("errors"), "model": stats.get("farmwatch/model_version") or "",
        "monitors_failed": stats.get("farmwatch/monitors/failed"),
        "monitor_failures": stats.get("farmwatch/monitors/failures") or "",
    }


def run_rows(store, job: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Newest first. Also the data of the HTML report's "Crawl runs" section."""
    return [run_row(r) for r in store.runs(job=job, limit=limit)]


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def format_table(rows: list[dict[str, Any]]) -> str:
    cells = [[_cell(r[c])[:19] if c in ("started", "finished") else _cell(r[c]) for c in COLUMNS] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def format_show(run: dict[str, Any]) -> str:
    row = run_row(run)
    out = [f"run {row['id']}  job {row['job']}  status {row['status']}",
           f"started {row['started']}  finished {row['finished'] or '-'}",
           "command: " + " ".join(run.get("argv") or [])]
    if row["monitor_failures"]:
        out.append("monitors failed:")
        out += [f"  {m.strip()}" for m in row["monitor_failures"].split("; ")]
    stats = run.get("stats") or {}
    width = max([len(k) for k in stats] + [4])
    out.append("stats:")
    out += [f"  {k:<{width}}  {stats[k]}" for k in sorted(stats)]
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    from crawler.storage import StoreError, open_store

    if args.action == "show" and args.run_id is None:
        print("farmwatch runs: show needs a run ID (farmwatch runs show 42)", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "list" and args.run_id is not None:
        print("farmwatch runs: a run ID goes with show (farmwatch runs show ID)", file=sys.stderr)
        return EXIT_USAGE
    if args.limit < 1:
        print(f"farmwatch runs: --limit must be at least 1, got {args.limit}", file=sys.stderr)
        return EXIT_USAGE
    if "://" not in args.db and not os.path.exists(args.db):
        print(f"farmwatch runs: no database at {args.db} (give --db)", file=sys.stderr)
        return EXIT_USAGE
    try:
        with open_store(args.db) as store:
            if args.action == "show":
                found = [r for r in store.runs(job=args.job, limit=1_000_000) if r["id"] == args.run_id]
                if not found:
                    print(f"farmwatch runs: no run {args.run_id} in {args.db}", file=sys.stderr)
                    return EXIT_USAGE
                run_ = found[0]
                print(json.dumps(run_, indent=2, sort_keys=True) if args.format == "json" else format_show(run_))
                return EXIT_OK
            rows = run_rows(store, args.job, args.limit)
    except StoreError as exc:
        print(f"farmwatch runs: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if args.format == "json":
        print(json.dumps(rows, indent=2))
    elif rows:
        print(format_table(rows))
    else:
        print(f"no runs{' of job ' + args.job if args.job else ''} in {args.db}", file=sys.stderr)
    return EXIT_OK


def runs_section_html(store, limit: int = 20) -> str:
    """The HTML report's "Crawl runs" section: the newest runs as ``farmwatch runs`` lists them."""
    import html

    rows = run_rows(store, limit=limit)
    if not rows:
        return ""
    esc = lambda v: html.escape(_cell(v), quote=True)  # noqa: E731
    head = "".join(f"<th>{esc(c.replace('_', ' '))}</th>" for c in COLUMNS)
    body = "".join(
        f'<tr class="run-row run-{esc(r["status"])}">'
        + "".join(f'<td{" class=num" if isinstance(r[c], int) else ""}>{esc(r[c])}</td>' for c in COLUMNS)
        + "</tr>\n" for r in rows)
    return (f'<h2>Crawl runs</h2>\n<table id="runs"><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n'
            '<p class="small">status alert: a run monitor failed (see <code>farmwatch runs show ID</code>).</p>\n')
