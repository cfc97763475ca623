"""Run monitors (Spidermon) of ``farmwatch crawl``: each compares a real run with the job's
earlier ones and reaches the log, the ``runs`` table, the exit code and a Spidermon action.

Real crawls (subprocesses) of loopback webs: ``tests/ops_web.py`` for pages that go away or
fail between runs, the bundled sample web for the classifier's share of flagged pages.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.misbehaving_server import crawl_command, job_runs, run_env
from tests.ops_web import OpsWeb, summary_line

pytestmark = pytest.mark.slow

AGAIN = ["--revisit", "0", "--seed-revisit", "0"]


def test_pages_lost_since_last_run_fail_a_monitor_exit_3_and_call_the_webhook(tmp_path):
    with OpsWeb(["outlet.com"]) as web:
        paths = web.site("outlet.com", 12)
        hook = f"http://127.0.0.1:{web.port}/hook"
        actions = {"FARMWATCH_MONITOR_ACTIONS": '["crawler.monitors.SendWebhook"]',
                   "FARMWATCH_MONITOR_WEBHOOK_URL": hook}
        first = web.crawl(tmp_path, [web.url("outlet.com")], job="daily", **actions)
        quiet = web.crawl(tmp_path, [web.url("outlet.com")], job="daily", **actions)  # nothing due yet
        for path in paths[3:]:
            web.routes[("outlet.com", path)] = (404, "moved")  # the site dropped most of its pages
        lost = web.crawl(tmp_path, [web.url("outlet.com")], job="daily", args=AGAIN, **actions)
        posts = list(web.posts)
    assert first.returncode == 0 and " monitors_failed=0 " in summary_line(first), first.stderr[-3000:]
    # A run that had nothing due is not a run that lost its pages.
    assert quiet.returncode == 0 and " fetched=0 " in summary_line(quiet), quiet.stderr[-3000:]
    assert lost.returncode == 3, lost.stderr[-3000:]
    assert "status=alert" in summary_line(lost) and " monitors_failed=1 " in summary_line(lost)
    assert "monitor failed: Pages covered: 4 pages covered, the previous run 13" in lost.stderr
    run = job_runs(tmp_path / "fw.sqlite", "daily")[0]
    assert run["status"] == "alert" and run["stats"]["farmwatch/monitors/failed"] == 1
    assert run["stats"]["farmwatch/monitors/failures"].startswith("Pages covered: 4 pages covered")
    assert len(posts) == 1, posts  # the action runs only when a monitor failed
    assert posts[0]["job"] == "daily" and posts[0]["failures"][0].startswith("Pages covered:")
    assert posts[0]["stats"]["farmwatch/gone/http_404"] == 9


def test_error_rate_above_threshold_fails_its_monitor(tmp_path):
    with OpsWeb(["flaky.com"]) as web:
        paths = web.site("flaky.com", 10)
        for path in paths[:4]:
            web.routes[("flaky.com", path)] = (503, "overloaded")
        runs = {}
        for job, settings in (("small", {}),  # 11 requests, fewer than 20: not judged
                              ("judged", {"FARMWATCH_MONITOR_MIN_SAMPLE": 5}),
                              ("lenient", {"FARMWATCH_MONITOR_MIN_SAMPLE": 5, "FARMWATCH_MONITOR_MAX_ERROR_RATE": 0.5})):
            (tmp_path / job).mkdir()  # a store of its own: nothing fresh from the other runs
            # (RETRY_TIMES=1: each 503 page is two responses, so 4 failed pages of 15 responses)
            proc = web.crawl(tmp_path / job, [web.url("flaky.com")], job=job, **settings)
            assert proc.returncode == 3, proc.stderr[-3000:]  # errors make a run partial anyway
            runs[job] = job_runs(tmp_path / job / "fw.sqlite", job)[0]["stats"]
    assert "farmwatch/monitors/failures" not in runs["small"]
    assert runs["judged"]["farmwatch/monitors/failures"] == (
        "Error and refusal rates: error rate 26.7% (4 of 15 requests) above FARMWATCH_MONITOR_MAX_ERROR_RATE=0.1")
    assert "farmwatch/monitors/failures" not in runs["lenient"]


def _sample_crawl(sample_root, sample_web, tmp_path, args=()):
    from farmwatch.sampleweb.server import hosts_map, seed_urls

    settings = {"FARMWATCH_HOSTS": json.dumps(hosts_map(sample_root)), "FARMWATCH_HOSTS_ONLY": "true",
                "FARMWATCH_ALLOW_PRIVATE_NETWORKS": '["127.0.0.0/8"]', "AUTOTHROTTLE_ENABLED": "false",
                "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS_PER_DOMAIN": "8"}
    cmd = crawl_command(sample_web, tmp_path, seed_urls(sample_root, sample_web.port), job="sample",
                        settings=settings, args=["--max-depth", "4", *args])
    import subprocess

    return subprocess.run(cmd, env=run_env(), capture_output=True, text=True, timeout=300)


def test_sample_web_run_is_ok_then_flagged_share_jump_and_model_change_alert(sample_root, sample_web, tmp_path):
    first = _sample_crawl(sample_root, sample_web, tmp_path)
    # The scheduled run of the sample web: its one dead link is gone, not an error.
    assert first.returncode == 0, first.stderr[-3000:]
    assert "status=ok" in summary_line(first) and " errors=0 gone=1 " in summary_line(first)
    # The job's history says: a different model, and hardly any page flagged.
    db = tmp_path / "fw.sqlite"
    with sqlite3.connect(db) as con:
        (stats,) = con.execute("SELECT stats FROM runs WHERE job = 'sample'").fetchone()
        stats = json.loads(stats)
        assert stats["farmwatch/pages_flagged"] >= 20
        stats.update({"farmwatch/model_version": "20200101-0000-s0", "farmwatch/pages_flagged": 1,
                      "farmwatch/pages_legit": 94})
        con.execute("UPDATE runs SET stats = ? WHERE job = 'sample'", (json.dumps(stats),))
    second = _sample_crawl(sample_root, sample_web, tmp_path, AGAIN)
    assert second.returncode == 3, second.stderr[-3000:]
    assert "status=alert" in summary_line(second) and " monitors_failed=2 " in summary_line(second)
    failures = job_runs(db, "sample")[0]["stats"]["farmwatch/monitors/failures"]
    with sqlite3.connect(db) as con:
        flagged, legit = con.execute("SELECT (SELECT COUNT(*) FROM farm_pages), (SELECT COUNT(*) FROM legit_pages)").fetchone()
    # The share the monitor names is the run's own (the stored pages' flagged share), against the doctored median.
    assert f"Flagged share: {100 * flagged / (flagged + legit):.1f}% of pages flagged, the job's median 1.1% over 1 run(s)" in failures
    assert "Model version: model changed from 20200101-0000-s0 to " in failures


def test_failed_monitor_block_goes_to_debug_but_a_failed_action_stays_an_error():
    import logging

    from crawler.monitors import _quiet_spidermon_errors

    def record(text: str) -> logging.LogRecord:
        return logging.LogRecord("news", logging.ERROR, __file__, 1, text, None, None)

    failed_monitor = record("[Spidermon] \n" + "=" * 70 + "\nFAIL: Model version/Same model\n" + "-" * 70
                            + "\nTraceback (most recent call last):\nAssertionError: model changed")
    failed_action = record("[Spidermon] \n" + "=" * 70 + "\nERROR: SendWebhook\n" + "-" * 70
                           + "\nTraceback (most recent call last):\nConnectionRefusedError: [Errno 111]")
    assert _quiet_spidermon_errors(failed_monitor) and _quiet_spidermon_errors(failed_action)
    assert failed_monitor.levelno == logging.DEBUG  # our one WARNING line per monitor says it
    assert failed_action.levelno == logging.ERROR  # nobody else would say that an alert was lost
