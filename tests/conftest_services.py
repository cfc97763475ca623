"""Real PostgreSQL and Redis servers for the tests that need them, or a skip that says why.

Order of preference, for each service:
1. ``FARMWATCH_TEST_PG_URL`` / ``FARMWATCH_TEST_REDIS_URL``: a server someone started (CI).
2. The Debian binaries (``initdb``/``pg_ctl`` in /usr/lib/postgresql/*/bin, ``redis-server``):
   a throwaway server in a temporary folder on a free 127.0.0.1 port, stopped after the session.
   PostgreSQL refuses to run as root, so as root the cluster runs as the ``postgres`` user.
3. Otherwise the test is skipped with a message naming what to install.

Imported by tests/conftest.py (``from tests.conftest_services import *``).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

__all__ = ["pg_server_url", "pg_url", "redis_server_url", "redis_url"]

_db_names = itertools.count()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4])
                   if p.split("/")[4].isdigit() else 0)
    return found[-1] if found else shutil.which(name)


def _run_as_postgres() -> list[str] | None:
    """The command prefix to run PostgreSQL binaries: none for a normal user, runuser as root."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        return None
    return [runuser, "-u", "postgres", "--"] if runuser else None


@pytest.fixture(scope="session")
def pg_server_url():
    """URL of a PostgreSQL server's maintenance database (``postgres``)."""
    env = os.environ.get("FARMWATCH_TEST_PG_URL")
    if env:
        yield env
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL not available: set FARMWATCH_TEST_PG_URL or apt-get install postgresql")
    prefix = _run_as_postgres()
    if prefix is None:
        pytest.skip("running as root without a `postgres` user (or runuser): cannot start a throwaway PostgreSQL")
    tmp = Path(tempfile.mkdtemp(prefix="farmwatch-pg-"))
    data, sock = tmp / "data", tmp / "sock"
    sock.mkdir()
    if prefix:
        shutil.chown(tmp, "postgres")
        shutil.chown(sock, "postgres")
        os.chmod(tmp, 0o755)
    port = _free_port()
    try:
        init = subprocess.run(prefix + [initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                                        "--no-sync"], capture_output=True, text=True)
        if init.returncode != 0:
            pytest.skip(f"initdb failed, cannot start a throwaway PostgreSQL: {init.stderr.strip()[-300:]}")
        opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        start = subprocess.run(prefix + [pg_ctl, "-D", str(data), "-o", opts, "-l", str(tmp / "log"), "-w",
                                         "-t", "60", "start"], capture_output=True, text=True)
        if start.returncode != 0:
            log = (tmp / "log").read_text(errors="replace")[-500:] if (tmp / "log").exists() else ""
            pytest.skip(f"pg_ctl start failed: {start.stderr.strip()[-300:]} {log}")
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture()
def pg_url(pg_server_url):
    """A fresh, empty database on the server for one test; dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    name = f"farmwatch_test_{os.getpid()}_{next(_db_names)}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = pg_server_url.rpartition("/")
    query = ""
    if "?" in pg_server_url:
        query = "?" + pg_server_url.split("?", 1)[1]
        base = pg_server_url.split("?", 1)[0].rpartition("/")[0]
    yield f"{base}/{name}{query}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def redis_server_url():
    env = os.environ.get("FARMWATCH_TEST_REDIS_URL")
    if env:
        yield env
        return
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("Redis not available: set FARMWATCH_TEST_REDIS_URL or apt-get install redis-server")
    redis = pytest.importorskip("redis")
    tmp = Path(tempfile.mkdtemp(prefix="farmwatch-redis-"))
    port = _free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp), "--protected-mode", "yes"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(200):  # wait for it to accept connections (not a timing assertion)
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None:
                    pytest.skip(f"redis-server exited with code {proc.returncode}")
                time.sleep(0.05)
        else:
            pytest.skip("redis-server did not come up")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture()
def redis_url(redis_server_url):
    """The Redis server, emptied before the test."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(redis_server_url)
    client.flushdb()
    client.close()
    return redis_server_url
