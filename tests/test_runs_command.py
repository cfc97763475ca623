"""``farmwatch runs``: the job history as a table, JSON, one run's stats, and the report section.

The runs are recorded through the real store API (``start_run``/``finish_run``, as
``farmwatch crawl`` records them) in a real SQLite file; the command runs as a subprocess.
"""

from __future__ import annotations

import json

from crawler.storage import open_store
from tests.helpers import farmwatch

ALERT_STATS = {"fetched": 107, "stored": 95, "flagged": 33, "errors": 0, "status": "alert",
               "farmwatch/model_version": "20261130-1658-s0", "farmwatch/monitors/failed": 1,
               "farmwatch/monitors/failures": "Pages covered: 4 pages covered, the previous run 13",
               "farmwatch/gone/http_404": 1}


def _history(db) -> tuple[int, int]:
    with open_store(str(db)) as store:
        first = store.start_run("outlets", ["farmwatch", "crawl", "--job", "outlets"])
        store.finish_run(first, "ok", {"fetched": 110, "stored": 97, "flagged": 30, "errors": 2,
                                       "farmwatch/model_version": "20261130-1658-s0",
                                       "farmwatch/monitors/failed": 0})
        second = store.start_run("outlets", ["farmwatch", "crawl", "--job", "outlets"])
        store.finish_run(second, "alert", ALERT_STATS)
        store.finish_run(store.start_run("farms", ["farmwatch", "crawl", "--job", "farms"]), "partial", {"errors": 7})
    return first, second


def test_runs_lists_job_history_newest_first_as_table_and_json(tmp_path):
    db = tmp_path / "fw.sqlite"
    first, second = _history(db)
    table = farmwatch("runs", "--db", str(db), "--job", "outlets")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["id", "job", "started", "finished", "status", "fetched", "stored", "flagged",
                                "errors", "model", "monitors_failed"]
    assert lines[1].split()[0] == str(second) and " alert " in lines[1] and lines[1].split()[-1] == "1"
    assert lines[2].split()[0] == str(first) and " ok " in lines[2]
    assert len(lines) == 3  # the other job's run is not listed
    rows = json.loads(farmwatch("runs", "--db", str(db), "--format", "json").stdout)
    assert [r["job"] for r in rows] == ["farms", "outlets", "outlets"]
    assert rows[1]["monitor_failures"].startswith("Pages covered") and rows[1]["model"] == "20261130-1658-s0"


def test_runs_show_prints_the_runs_stats_and_failed_monitors(tmp_path):
    db = tmp_path / "fw.sqlite"
    _, second = _history(db)
    proc = farmwatch("runs", "show", str(second), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert f"run {second}  job outlets  status alert" in proc.stdout
    assert "monitors failed:\n  Pages covered: 4 pages covered, the previous run 13" in proc.stdout
    assert "farmwatch/gone/http_404" in proc.stdout
    shown = json.loads(farmwatch("runs", "show", str(second), "--db", str(db), "--format", "json").stdout)
    assert shown["stats"] == ALERT_STATS


def test_runs_mistakes_are_one_line_usage_errors(tmp_path):
    db = tmp_path / "fw.sqlite"
    _history(db)
    for args in (["show"], ["show", "999"], ["--limit", "0"]):
        proc = farmwatch("runs", *args, "--db", str(db))
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, (args, proc.stderr)
    missing = farmwatch("runs", "--db", str(tmp_path / "typo.sqlite"))
    assert missing.returncode == 2 and "no database" in missing.stderr
    assert not (tmp_path / "typo.sqlite").exists()  # a mistyped path creates no database


def test_report_html_has_a_crawl_runs_section(tmp_path):
    db = tmp_path / "fw.sqlite"
    _, second = _history(db)
    out = tmp_path / "report.html"
    proc = farmwatch("report", "--db", str(db), "--format", "html", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    section = html[html.index("<h2>Crawl runs</h2>"):]
    assert f"<td class=num>{second}</td><td>outlets</td>" in section and "run-alert" in section
