"""Cron jobs: one run at a time per job, and every run's outcome on record.

The lock is an ``fcntl.flock`` on ``<state dir>/<job>.lock``. The kernel drops it when the
process dies, however it dies, so a SIGKILLed run never leaves a stale lock behind for the
next cron tick to trip over (a pid file would). The file's content (pid, start time) is
only for the humans reading the "locked" log line.
"""

from __future__ import annotations

import fcntl
import os
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

JOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class JobLocked(RuntimeError):
    """Another process holds the job's lock."""


def check_job_name(job: str) -> str:
    if not JOB_NAME.match(job):
        raise ValueError(f"job name must be 1-64 of [A-Za-z0-9_.-], got {job!r}")
    return job


class JobLock:
    """Exclusive, non-blocking, per-job lock; usable as a context manager."""

    def __init__(self, job: str, state_dir: str | os.PathLike = "data/jobs"):
        self.job = check_job_name(job)
        self.path = Path(state_dir) / f"{job}.lock"
        self._fd: int | None = None

    def acquire(self) -> "JobLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            try:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            finally:
                os.close(fd)
            raise JobLocked(f"job {self.job!r} is already running ({holder or 'holder unknown'}; "
                            f"lock {self.path})") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {utcnow()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "JobLock":
        return self if self._fd is not None else self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class RunSummary:
    """What a cron run reports: the numbers an operator checks in the morning."""

    job: str
    status: str  # ok | alert (a run monitor failed) | partial | failed
    fetched: int
    stored: int
    flagged: int
    unchanged: int
    errors: int
    dropped: int
    duration_s: float
    finish_reason: str
    gone: int = 0
    monitors_failed: int = 0

    def line(self) -> str:
        return (f"farmwatch crawl job={self.job} status={self.status} fetched={self.fetched} "
                f"stored={self.stored} flagged={self.flagged} unchanged={self.unchanged} "
                f"errors={self.errors} gone={self.gone} dropped={self.dropped} "
                f"monitors_failed={self.monitors_failed} duration={self.duration_s:.1f}s "
                f"reason={self.finish_reason}")

    def as_stats(self) -> dict[str, Any]:
        return asdict(self)


def error_count(stats: dict[str, Any]) -> int:
    """Failures a site or our code caused; refusals by the trap guards are not errors."""
    n = sum(int(v) for k, v in stats.items() if k.startswith("farmwatch/errors/"))
    n += int(stats.get("spider_exceptions/count", 0) or 0)
    return n


def summarise(job: str, stats: dict[str, Any], duration_s: float) -> RunSummary:
    fetched = int(stats.get("response_received_count", 0) or 0)
    fetched -= int(stats.get("robotstxt/response_count", 0) or 0)
    stored = int(stats.get("farmwatch/pages_stored", 0) or 0)
    errors = error_count(stats)
    reason = str(stats.get("finish_reason", "unknown"))
    dropped = sum(int(v) for k, v in stats.items()
                  if k.startswith("farmwatch/dropped/") or k.startswith("farmwatch/blocked/"))
    if stats.get("farmwatch/model_error") or reason not in ("finished", "shutdown"):
        status = "failed" if stored == 0 else "partial"
    elif reason == "shutdown":  # SIGTERM/SIGINT: stopped early, the frontier keeps the rest
        status = "partial"
    elif errors or (dropped and not (stored or fetched)):
        # Nothing fetched and everything tried failed or was refused: nothing useful was done.
        status = "partial" if (stored or fetched) else "failed"
    elif stats.get("farmwatch/monitors/failed"):
        status = "alert"  # the crawl went through, but a run monitor says look at it
    else:
        status = "ok"
    return RunSummary(job=job, status=status, fetched=max(fetched, 0), stored=stored,
                      flagged=int(stats.get("farmwatch/pages_flagged", 0) or 0),
                      unchanged=int(stats.get("farmwatch/pages_unchanged", 0) or 0),
                      errors=errors, dropped=dropped, duration_s=round(duration_s, 3),
                      finish_reason=reason,
                      gone=sum(int(v) for k, v in stats.items() if k.startswith("farmwatch/gone/")),
                      monitors_failed=int(stats.get("farmwatch/monitors/failed", 0) or 0))


def close_stale_runs(store, job: str) -> int:
    """Runs of this job still marked running died without finishing (we hold the lock)."""
    closed = 0
    for run in store.runs(job=job, limit=100):
        run = dict(run)
        if run.get("status") == "running":
            store.finish_run(run.get("run_id", run.get("id")), "killed", {"note": "process died; found by the next run"})
            closed += 1
    return closed
