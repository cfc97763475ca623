"""Pages scored in the worker process get the verdicts in-process scoring gives, and the worker
never outlives its crawl, even one killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.misbehaving_server import RESUME_PAGES, MisbehavingServer, crawl_command, crawl_settings, run_env
from tests.test_crawl_backbone import _crawl_sample

pytestmark = pytest.mark.slow
SITE = "resume-site.com"


def _scored(db: Path) -> dict[str, tuple]:
    con = sqlite3.connect(db)
    try:
        return {url: (t, verdict, score, evidence)
                for t in ("farm", "legit")
                for url, verdict, score, evidence in con.execute(
                    f"SELECT canonical_url, verdict, score, evidence FROM {t}_pages")}
    finally:
        con.close()


def test_worker_process_and_in_process_scoring_store_the_same_verdicts(sample_web, sample_root, tmp_path):
    dbs = {}
    for processes in ("1", "0"):
        db = tmp_path / f"fw-{processes}.sqlite"
        proc = _crawl_sample(sample_web, sample_root, db, tmp_path, FARMWATCH_CLASSIFY_PROCESSES=processes)
        assert proc.returncode == 0, proc.stderr[-3000:]
        dbs[processes] = _scored(db)
    assert len(dbs["1"]) > 50
    assert dbs["1"] == dbs["0"]
    assert any(v[1] == "farm" for v in dbs["1"].values()) and any(v[1] == "legit" for v in dbs["1"].values())


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # field 4 of /proc/<pid>/stat: the parent pid
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigkilled_crawl_leaves_no_scoring_worker_behind(tmp_path):
    with MisbehavingServer() as server:
        server.hold_after[SITE] = 2  # the crawl hangs on its third page, worker running
        settings = crawl_settings(server, CONCURRENT_REQUESTS_PER_DOMAIN=1)
        cmd = crawl_command(server, tmp_path, [server.url(SITE)], job="worker", settings=settings)
        crawl = subprocess.Popen(cmd, env=run_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 90
            workers: set[int] = set()
            while not workers:
                assert crawl.poll() is None, f"crawl exited with {crawl.returncode} before its worker started"
                assert time.monotonic() < deadline, "no scoring worker process appeared"
                workers = {c for c in _children(crawl.pid)
                           if b"multiprocessing" in Path(f"/proc/{c}/cmdline").read_bytes()}
                time.sleep(0.1)
            crawl.send_signal(signal.SIGKILL)
            crawl.wait(timeout=30)
        finally:
            if crawl.poll() is None:
                crawl.kill()
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
    assert not [w for w in workers if _alive(w)], "the scoring worker outlived its killed crawl"


def test_crawl_survives_its_scoring_worker_dying(tmp_path):
    """A worker killed mid-crawl is replaced and every batch it held is scored again by the
    fresh one: the crawl stores every page."""
    db = tmp_path / "fw.sqlite"
    with MisbehavingServer() as server:
        server.hold_after[SITE] = 3
        settings = crawl_settings(server, CONCURRENT_REQUESTS_PER_DOMAIN=1, FARMWATCH_CLASSIFY_BATCH=1)
        cmd = crawl_command(server, tmp_path, [server.url(SITE)], job="worker", settings=settings)
        crawl = subprocess.Popen(cmd, env=run_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 90
            workers: set[int] = set()
            while not workers or len(server.fetched(SITE)) < 4:
                assert crawl.poll() is None, f"crawl exited with {crawl.returncode} early"
                assert time.monotonic() < deadline, "the crawl never reached its held page"
                workers = {c for c in _children(crawl.pid)
                           if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()}
                time.sleep(0.1)
            for w in workers:
                os.kill(w, signal.SIGKILL)
            server.release.set()
            out, _ = crawl.communicate(timeout=180)
        finally:
            if crawl.poll() is None:
                crawl.kill()
    assert crawl.returncode == 0, out[-3000:]
    assert "Traceback" not in out
    assert "scoring worker process died; starting a new one" in out
    con = sqlite3.connect(db)
    try:
        stored = con.execute("SELECT COUNT(*) FROM farm_pages").fetchone()[0] + \
            con.execute("SELECT COUNT(*) FROM legit_pages").fetchone()[0]
    finally:
        con.close()
    assert stored == len(RESUME_PAGES), out[-3000:]


def test_worker_that_starts_after_its_crawl_died_leaves_at_once():
    """A crawl SIGKILLed while its worker was still importing: by the time the worker's
    initializer runs, its parent is init, so it must watch the pid the crawl handed it, not
    whatever parent it finds then (else it idles forever, the flaky SIGKILL test above)."""
    import sys

    from tests.helpers import REPO

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_crawl = int(gone.stdout)  # a pid that is not this worker's parent any more
    code = ("import sys, time; from crawler.scoring import _exit_with_parent; "
            f"_exit_with_parent({dead_crawl}); time.sleep(60); sys.exit(7)")
    worker = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        assert worker.wait(timeout=30) == 0, "the worker kept running after its crawl was gone"
    finally:
        if worker.poll() is None:
            worker.kill()
