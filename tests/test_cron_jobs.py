"""``farmwatch crawl`` as cron runs it: locked, resumable after SIGKILL, incremental, recorded.

Every test runs the real command in subprocesses against the misbehaving server on
127.0.0.1. A crawl is frozen mid-way by the server (``hold_after``: requests after the n-th
page hang until released), so kills and overlaps happen at a known point, not after a sleep.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from farmwatch.jobs import JobLock, JobLocked
from tests.misbehaving_server import (RESUME_PAGES, MisbehavingServer, crawl_command, crawl_settings, job_runs,
                                      run_env, stored_pages)

pytestmark = pytest.mark.slow
SITE = "resume-site.com"


def wait_for(condition, proc: subprocess.Popen, what: str, limit: float = 90.0) -> None:
    """Poll until ``condition()``; fail (not hang) if the crawl exits first or never gets there."""
    deadline = time.monotonic() + limit
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"crawl exited with {proc.returncode} before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def paths(server: MisbehavingServer, urls) -> set[str]:
    return {u.split(str(server.port), 1)[1] for u in urls}


def start(cmd: list[str], log: Path) -> subprocess.Popen:
    # Output to a file: a pipe nobody reads while we wait would block the crawl.
    return subprocess.Popen(cmd, env=run_env(), stdout=log.open("w"), stderr=subprocess.STDOUT, text=True)


def stored_count(db: Path) -> int:
    return len(stored_pages(db)) if db.exists() else 0


def test_overlap_second_run_exits_locked(tmp_path):
    with MisbehavingServer() as server:
        server.hold_after[SITE] = 1
        settings = crawl_settings(server, FARMWATCH_CLASSIFY_ENABLED="false", CONCURRENT_REQUESTS_PER_DOMAIN=1)
        cmd = crawl_command(server, tmp_path, [server.url(SITE)], job="nightly", settings=settings)
        first = start(cmd, tmp_path / "first.log")
        try:
            wait_for(lambda: len(server.fetched(SITE)) >= 3, first, "the first run to be mid-crawl")
            second = subprocess.run(cmd, env=run_env(), capture_output=True, text=True, timeout=60)
            assert first.poll() is None, "the first run must still be running"
            server.release.set()
            first.wait(timeout=120)
        finally:
            if first.poll() is None:
                first.kill()
    assert second.returncode == 4
    assert "job 'nightly' is already running" in second.stderr and f"pid {first.pid}" in second.stderr
    assert first.returncode == 0, (tmp_path / "first.log").read_text()[-3000:]
    summary = [ln for ln in (tmp_path / "first.log").read_text().splitlines() if ln.startswith("farmwatch crawl ")]
    assert len(summary) == 1 and "status=ok" in summary[0] and f"stored={len(RESUME_PAGES)} " in summary[0]
    runs = job_runs(tmp_path / "fw.sqlite", "nightly")
    assert [r["status"] for r in runs] == ["ok"]  # the locked run did not start a run record
    assert runs[0]["stats"]["stored"] == len(RESUME_PAGES)
    assert {"fetched", "stored", "flagged", "errors", "duration_s"} <= set(runs[0]["stats"])


def test_lock_released_when_holder_dies(tmp_path):
    # flock belongs to the open file: a SIGKILLed holder leaves no stale lock behind.
    (tmp_path / "jobs").mkdir()
    holder = subprocess.Popen(
        ["python3", "-c", "import fcntl,os,sys,time; fd=os.open(sys.argv[1], os.O_RDWR|os.O_CREAT); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(120)",
         str(tmp_path / "jobs" / "j.lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(JobLocked):
            JobLock("j", tmp_path / "jobs").acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with JobLock("j", tmp_path / "jobs") as lock:
        assert lock.path.read_text().startswith(f"pid {os.getpid()} ")
        fd = os.open(lock.path, os.O_RDWR)
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(fd)


def test_sigkill_resume_stores_every_page_once(tmp_path):
    db = tmp_path / "fw.sqlite"
    with MisbehavingServer() as server:
        server.hold_after[SITE] = 4  # four pages, then the crawl hangs on the fifth
        settings = crawl_settings(server, FARMWATCH_CLASSIFY_ENABLED="false", CONCURRENT_REQUESTS_PER_DOMAIN=1)
        cmd = crawl_command(server, tmp_path, [server.url(SITE)], job="resume", settings=settings)
        first = start(cmd, tmp_path / "first.log")
        try:
            wait_for(lambda: stored_count(db) == 4, first, "four stored pages")
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
        finally:
            if first.poll() is None:
                first.kill()
        assert first.returncode == -signal.SIGKILL
        before = paths(server, stored_pages(db))
        fetched_before = list(server.fetched(SITE))
        server.hold_after.clear()
        server.release.set()
        second = subprocess.run(cmd, env=run_env(), capture_output=True, text=True, timeout=180)
        fetched_after = server.fetched(SITE)[len(fetched_before):]
    assert second.returncode == 0, second.stdout + second.stderr[-3000:]
    assert len(before) == 4
    pages = stored_pages(db)
    assert paths(server, pages) == set(RESUME_PAGES)  # nothing lost
    assert len(pages) == len(RESUME_PAGES)  # keyed by canonical URL: no duplicate rows
    runs = job_runs(db, "resume")
    assert [r["status"] for r in runs] == ["ok", "killed"]
    # Stored exactly once over both runs: the resumed run stores only what the killed one had not.
    assert runs[0]["stats"]["stored"] == len(RESUME_PAGES) - len(before)
    assert not before & set(p for p in fetched_after if p != "/robots.txt"), "a stored page was fetched again"
    assert runs[0]["stats"]["farmwatch/frontier/pending_at_start"] == len(RESUME_PAGES) - len(before)
    assert "earlier run(s) had died" in second.stderr


def _crawl(server, tmp_path, settings, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(crawl_command(server, tmp_path, [server.url("normal-news.com")], job="inc",
                                        settings=settings, args=list(args)),
                          env=run_env(), capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    return proc


def test_revisit_interval_skips_fresh_pages(tmp_path):
    db = tmp_path / "fw.sqlite"
    with MisbehavingServer() as server:
        settings = crawl_settings(server, FARMWATCH_CLASSIFY_ENABLED="false")
        _crawl(server, tmp_path, settings)
        hits_first = len(server.fetched("normal-news.com"))
        _crawl(server, tmp_path, settings, "--seed-revisit", "0")  # default --revisit 24 hours
        hits_again = len(server.fetched("normal-news.com")) - hits_first
        _crawl(server, tmp_path, settings)  # default --seed-revisit 1 hour
        hits_third = len(server.fetched("normal-news.com")) - hits_first - hits_again
        _crawl(server, tmp_path, settings, "--revisit", "0", "--seed-revisit", "0")
    runs = [r["stats"] for r in reversed(job_runs(db, "inc"))]
    assert runs[0]["stored"] == 6
    # Within the re-visit interval, with seeds always due, only the seed (the hub page new
    # stories would appear on) is read again; the articles it links to are not requested.
    assert hits_again == 2, server.fetched("normal-news.com")  # robots.txt and the seed
    assert runs[1]["fetched"] == 1 and runs[1]["farmwatch/skipped_fresh"] >= 5
    # Within the seeds' interval too, nothing at all is requested, not even robots.txt.
    assert hits_third == 0 and runs[2]["fetched"] == 0
    # Past the interval, every page is fetched and stored again, in place.
    assert runs[3]["fetched"] == 6 and runs[3]["stored"] == 6
    assert len(stored_pages(db)) == 6


def test_unchanged_page_keeps_stored_verdict_and_evidence(tmp_path):
    db = tmp_path / "fw.sqlite"
    with MisbehavingServer() as server:
        settings = crawl_settings(server)  # the shipped classifier
        _crawl(server, tmp_path, settings)
        classified = {u: (p["verdict"], p["score"], p["evidence"], p["model_version"])
                      for u, p in stored_pages(db).items()}
        _crawl(server, tmp_path, settings, "--revisit", "0", "--seed-revisit", "0")
    first, again = [r["stats"] for r in reversed(job_runs(db, "inc"))]
    assert first["farmwatch/pages_classified"] == 6
    assert again["fetched"] == 6 and again["unchanged"] == 6
    assert "farmwatch/pages_classified" not in again  # not re-classified
    after = {u: (p["verdict"], p["score"], p["evidence"], p["model_version"]) for u, p in stored_pages(db).items()}
    assert after == classified and all(v[3] for v in after.values())  # verdict, evidence, model version kept
