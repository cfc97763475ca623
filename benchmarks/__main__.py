"""``make bench``: farmwatch's speed and memory against what a user would otherwise run.

Every comparison is made in one session on the same pages, as a median of several runs:

1. crawl     — bare Scrapy (follow links only) vs farmwatch's full crawl (extract, classify,
               store) over a 10,000-page synthetic web on loopback → ``crawl_full_vs_bare``.
2. classify  — farmwatch's document+classifier over ``../shared/corpus`` pages vs
               ``trafilatura.extract`` alone on the same pages → ``classify_vs_trafilatura``.
3. scale     — the full crawl at 1k, 10k and 50k pages → ``rss_mb_per_10k_pages`` (slope).
4. report    — ``farmwatch report`` over a 1,000,000-page store → seconds and peak RSS.
5. hostile   — ``farmwatch crawl`` over the hostile loopback web (tests/misbehaving_server.py:
               50 MB bodies, a 256 MB gzip bomb, header floods, traps, drips, refused
               addresses) → the crawl process's peak RSS, which the limits must keep flat.

Results: ``benchmarks/results/latest.json`` and ``latest.md``. Goals are printed beside the
measured figures; nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


@contextmanager
def scaled_web(pages: int, sites: int):
    with tempfile.TemporaryDirectory() as tmp:
        portfile = Path(tmp) / "port"
        proc = subprocess.Popen([sys.executable, "-m", "benchmarks.scaled_web", "--pages", str(pages),
                                 "--sites", str(sites), "--portfile", str(portfile)],
                                cwd=REPO, stdout=subprocess.DEVNULL)
        try:
            for _ in range(200):
                if portfile.exists() and portfile.read_text().strip():
                    break
                time.sleep(0.05)
            yield int(portfile.read_text())
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def crawl_once(kind: str, port: int, pages: int, sites: int, settings: tuple[str, ...] = ()) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-m", "benchmarks.crawl_worker", "--kind", kind, "--port", str(port),
                              "--pages", str(pages), "--sites", str(sites), "--db", str(Path(tmp) / "b.sqlite"),
                              *[a for s in settings for a in ("--set", s)]],
                             cwd=REPO, capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(f"{kind} crawl failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(runs: list[dict], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 2)


def bench_crawl(pages: int, sites: int, runs: int) -> dict:
    """Bare Scrapy vs farmwatch's full crawl, plus the full crawl scoring in its own process
    (``FARMWATCH_CLASSIFY_PROCESSES=0``) to show what the scoring worker buys."""
    log(f"crawl: {pages} pages over {sites} sites, {runs} runs each of bare Scrapy, farmwatch, farmwatch in-process")
    bare, full, inproc = [], [], []
    with scaled_web(pages, sites) as port:
        for i in range(runs):  # interleaved so drift in machine load hits all alike
            bare.append(crawl_once("bare", port, pages, sites))
            full.append(crawl_once("full", port, pages, sites))
            inproc.append(crawl_once("full", port, pages, sites, ("FARMWATCH_CLASSIFY_PROCESSES=0",)))
            log(f"  run {i + 1}: bare {bare[-1]['pages_per_s']} p/s, full {full[-1]['pages_per_s']} p/s, "
                f"full in-process {inproc[-1]['pages_per_s']} p/s")

    def summary(raw: list[dict]) -> dict:
        out = {key: median_of(raw, key) for key in ("pages_per_s", "peak_rss_mb", "crawl_rss_mb",
                                                    "scoring_worker_rss_mb", "crawl_cpu_s", "scoring_worker_cpu_s")}
        return {**out, "pages_crawled": median_of(raw, "pages"), "raw": raw}

    result = {"pages": pages, "runs": runs, "bare": summary(bare), "full": summary(full),
              "full_in_process": summary(inproc)}
    result["crawl_full_vs_bare"] = round(result["full"]["pages_per_s"] / result["bare"]["pages_per_s"], 3)
    result["crawl_in_process_vs_bare"] = round(result["full_in_process"]["pages_per_s"] / result["bare"]["pages_per_s"], 3)
    return result


def bench_classify(corpus: Path, runs: int) -> dict:
    import gzip

    import trafilatura

    from classifier.document import from_html
    from classifier.model import load_model

    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
             for p in sorted((corpus / "scrapinghub-aeb" / "html").glob("*.html.gz"))]
    pages += [p.read_text("utf-8", "replace") for p in sorted((corpus / "mozilla-readability").rglob("source.html"))]
    model = load_model()
    # As the crawl runs it (ClassifyPipeline, FARMWATCH_CLASSIFY_THREADS=1), and as trafilatura
    # runs: one thread, so the ratio compares work, not cores.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="openmp")
    log(f"classify: {len(pages)} corpus pages, {runs} runs each")

    def ours() -> float:
        t0 = time.perf_counter()
        docs = [from_html(h) for h in pages]
        model.classify_many(docs)
        return len(pages) / (time.perf_counter() - t0)

    def theirs() -> float:
        t0 = time.perf_counter()
        for h in pages:
            trafilatura.extract(h)
        return len(pages) / (time.perf_counter() - t0)

    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        b.append(theirs())
    fw, tr = statistics.median(a), statistics.median(b)
    return {"pages": len(pages), "runs": runs, "farmwatch_pages_per_s": round(fw, 1),
            "trafilatura_pages_per_s": round(tr, 1), "classify_vs_trafilatura": round(fw / tr, 2)}


def bench_scale(sizes: list[int], sites: int, known: dict[int, dict], runs: int = 2) -> dict:
    points = []
    for n in sizes:
        if n in known:
            r = known[n]
        else:
            log(f"scale: full crawl of {n} pages, {runs} run(s)")
            with scaled_web(n, sites) as port:
                raw = [crawl_once("full", port, n, sites) for _ in range(runs)]
            r = {"pages_per_s": median_of(raw, "pages_per_s"), "peak_rss_mb": median_of(raw, "peak_rss_mb")}
        points.append({"pages": n, "pages_per_s": r["pages_per_s"], "peak_rss_mb": r["peak_rss_mb"]})
    xs = [p["pages"] / 10_000 for p in points]
    ys = [p["peak_rss_mb"] for p in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (sum((x - mx) ** 2 for x in xs) or 1)
    return {"points": points, "rss_mb_per_10k_pages": round(slope, 2)}


def bench_report(rows: int) -> dict:
    from benchmarks.report_rows import fill_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.sqlite"
        log(f"report: writing {rows} generated page rows")
        t0 = time.perf_counter()
        fill_store(db, rows)
        log(f"  rows written in {time.perf_counter() - t0:.0f}s; running farmwatch report")
        result = {"rows": rows}
        for fmt in ("json", "html"):
            out = Path(tmp) / "peak.json"
            proc = subprocess.run([sys.executable, "-m", "benchmarks.peak", str(out), "report", "--db", str(db),
                                   "--format", fmt, "--out", str(Path(tmp) / f"report.{fmt}")],
                                  cwd=REPO, capture_output=True, text=True, timeout=3600)
            if proc.returncode != 0 or not out.exists():
                raise RuntimeError(f"report failed:\n{proc.stderr[-2000:]}")
            result[fmt] = json.loads(out.read_text())
    return result


def bench_hostile() -> dict:
    """Peak memory of one crawl over every hostile and fault site, classification off (the
    limits under test are the crawler's; the scoring worker is measured by ``crawl``)."""
    import json as _json

    from tests.misbehaving_server import FAULT_SITES, SITES, MisbehavingServer, crawl_command, crawl_settings

    sites = [s for s in SITES if s != "resume-site.com"] + FAULT_SITES
    log(f"hostile: one crawl over {len(sites)} hostile loopback sites")
    with tempfile.TemporaryDirectory() as tmp, MisbehavingServer() as server:
        settings = crawl_settings(server, FARMWATCH_CLASSIFY_ENABLED="false", DOWNLOAD_TIMEOUT="3",
                                  FARMWATCH_ALLOW_PRIVATE_NETWORKS=_json.dumps(["127.0.0.1/32"]))
        cmd = crawl_command(server, tmp, [server.url(h) for h in sites], job="bench", settings=settings,
                            args=["--max-depth", "8", "--max-pages-per-site", "12"])
        out = Path(tmp) / "peak.json"
        farmwatch_argv = cmd[cmd.index("farmwatch") + 1:]
        proc = subprocess.run([sys.executable, "-m", "benchmarks.peak", str(out), *farmwatch_argv], cwd=REPO,
                              capture_output=True, text=True, timeout=1800)
        if not out.exists():
            raise RuntimeError(f"hostile crawl failed:\n{proc.stderr[-2000:]}")
        result = json.loads(out.read_text())
    summary = [ln for ln in proc.stdout.splitlines() if ln.startswith("farmwatch crawl ")]
    return {"sites": len(sites), **result, "summary": summary[-1] if summary else ""}


MEASURES = ("crawl", "classify", "scale", "report", "hostile")


def keep_previous(results: dict, old: dict, only: set[str]) -> None:
    """Carry over the measures not re-run this time, each with the time it was measured.

    One date on top of the file made figures from an earlier session look measured now; an old
    file without per-measure times gives "on or before" the run that last wrote it.
    """
    for key in MEASURES:
        if key not in only and key in old:
            results[key] = old[key]
            results[key].setdefault("measured", f"on or before {old.get('when', '?')}")


def write_results(results: dict, out: Path = RESULTS) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = ["# farmwatch benchmarks", "", f"Last written {results['when']} on {results['machine']}", "",
             "Measured: " + "; ".join(f"{k} {results[k].get('measured', results['when'])}" for k in MEASURES if k in results),
             "", "| measure | value | goal |", "|---|---|---|"]
    c = results.get("crawl")
    if c:
        lines += [f"| bare Scrapy crawl, pages/s (median of {c['runs']}, {c['pages']} pages) | {c['bare']['pages_per_s']} | |",
                  f"| farmwatch full crawl, pages/s | {c['full']['pages_per_s']} | |",
                  f"| `crawl_full_vs_bare` | **{c['crawl_full_vs_bare']}** | ≥ 0.8 |",
                  f"| peak RSS bare / full (crawl + scoring worker), MB | {c['bare']['peak_rss_mb']} / {c['full']['peak_rss_mb']}"
                  f" ({c['full'].get('crawl_rss_mb')} + {c['full'].get('scoring_worker_rss_mb')}) | |"]
        if "full_in_process" in c:
            lines += [f"| full crawl scoring in-process (`FARMWATCH_CLASSIFY_PROCESSES=0`), pages/s; vs bare; peak RSS MB | "
                      f"{c['full_in_process']['pages_per_s']}; {c['crawl_in_process_vs_bare']}; "
                      f"{c['full_in_process']['peak_rss_mb']} | |"]
    k = results.get("classify")
    if k:
        lines += [f"| farmwatch classify, pages/s ({k['pages']} corpus pages) | {k['farmwatch_pages_per_s']} | |",
                  f"| trafilatura.extract, pages/s | {k['trafilatura_pages_per_s']} | |",
                  f"| `classify_vs_trafilatura` | **{k['classify_vs_trafilatura']}** | ≥ 3 |"]
    s = results.get("scale")
    if s:
        for p in s["points"]:
            lines.append(f"| full crawl {p['pages']} pages: pages/s, peak RSS MB | {p['pages_per_s']}, {p['peak_rss_mb']} | flat |")
        lines.append(f"| `rss_mb_per_10k_pages` | **{s['rss_mb_per_10k_pages']}** | ≈ 0 |")
    r = results.get("report")
    if r:
        for fmt in ("json", "html"):
            lines.append(f"| report over {r['rows']} pages ({fmt}): seconds, peak RSS MB | {r[fmt]['seconds']}, {r[fmt]['peak_rss_mb']} | |")
    h = results.get("hostile")
    if h:
        lines.append(f"| hostile loopback web crawl ({h['sites']} sites: bombs, floods, drips, traps): "
                     f"seconds, peak RSS MB | {h['seconds']}, **{h['peak_rss_mb']}** | flat, < DOWNLOAD_MAXSIZE x slots |")
    (out / "latest.md").write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared/ folder (corpus)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measure; medians are reported")
    ap.add_argument("--pages", type=int, default=10_000, help="crawl benchmark size")
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--scale", default="1000,10000,50000", help="page counts for the scale benchmark")
    ap.add_argument("--scale-runs", type=int, default=2, help="runs per size in the scale benchmark (medians)")
    ap.add_argument("--report-rows", type=int, default=1_000_000)
    ap.add_argument("--only", default="crawl,classify,scale,report,hostile", help="comma list of benchmarks to run")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    results: dict = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     "machine": f"{platform.machine()} {platform.python_version()} {platform.node()}",
                     "args": {k: str(v) for k, v in vars(args).items()}}
    previous = RESULTS / "latest.json"
    if previous.exists():
        keep_previous(results, json.loads(previous.read_text()), only)
    if "crawl" in only:
        results["crawl"] = bench_crawl(args.pages, args.sites, args.runs) | {"measured": results["when"]}
        write_results(results)
    if "classify" in only:
        corpus = args.shared / "corpus"
        if corpus.is_dir():
            results["classify"] = bench_classify(corpus, args.runs) | {"measured": results["when"]}
        else:
            log(f"classify: skipped, no corpus at {corpus}")
        write_results(results)
    if "scale" in only:
        known = {}
        if "crawl" in results and results["crawl"]["pages"] in [int(x) for x in args.scale.split(",")]:
            c = results["crawl"]
            known[c["pages"]] = {"pages_per_s": c["full"]["pages_per_s"], "peak_rss_mb": c["full"]["peak_rss_mb"]}
        results["scale"] = (bench_scale([int(x) for x in args.scale.split(",")], args.sites, known, args.scale_runs)
                            | {"measured": results["when"]})
        write_results(results)
    if "report" in only:
        results["report"] = bench_report(args.report_rows) | {"measured": results["when"]}
        write_results(results)
    if "hostile" in only:
        results["hostile"] = bench_hostile() | {"measured": results["when"]}
        write_results(results)
    print((RESULTS / "latest.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
