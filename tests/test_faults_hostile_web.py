"""Fault injection: one real ``farmwatch crawl`` over the hostile loopback web's fault sites
(tests/misbehaving_server.py, ``FAULT_SITES``), then one assertion group per fault.

The crawl allows only 127.0.0.1/32 of the private address space, so every spelling of
127.0.0.2 (and a name resolving to it) must be refused before a connection is made; nothing
here ever targets an address outside 127.0.0.0/8. Classification is off: these tests are about
what is fetched, dropped, counted and stored.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.misbehaving_server import (ENCODING_WORDS, FAULT_SITES, IP_SPELLINGS, MisbehavingServer, crawl_command,
                                      crawl_settings, job_runs, run_env, stored_pages)

pytestmark = pytest.mark.slow


class Outcome:
    def __init__(self, server: MisbehavingServer, proc, db):
        self.server, self.proc = server, proc
        self.pages = stored_pages(db)
        (self.run,) = job_runs(db, "faults")
        self.stats = self.run["stats"]

    def stored(self, host: str) -> dict[str, dict]:
        return {u.split(str(self.server.port), 1)[1]: p for u, p in self.pages.items() if f"//{host}:" in u}


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    with MisbehavingServer() as server:
        settings = crawl_settings(server, FARMWATCH_CLASSIFY_ENABLED="false", DOWNLOAD_TIMEOUT="3",
                                  FARMWATCH_ALLOW_PRIVATE_NETWORKS=json.dumps(["127.0.0.1/32"]))
        cmd = crawl_command(server, tmp, [server.url(h) for h in FAULT_SITES], job="faults", settings=settings,
                            args=["--max-depth", "3"])
        proc = subprocess.run(cmd, env=run_env(), capture_output=True, text=True, timeout=240)
        yield Outcome(server, proc, tmp / "fw.sqlite")


def test_fault_crawl_finishes_with_one_summary_line(faults):
    lines = [ln for ln in faults.proc.stdout.splitlines() if ln.startswith("farmwatch crawl ")]
    assert len(lines) == 1, faults.proc.stdout + faults.proc.stderr[-3000:]
    assert "Traceback" not in faults.proc.stderr


def test_response_header_flood_is_dropped_and_counted(faults):
    assert faults.stats["farmwatch/dropped/headers"] == 2, faults.proc.stderr[-3000:]
    # Stopped in the parser, line by line, not after every header was already in memory.
    drops = [ln for ln in faults.proc.stderr.splitlines() if "response headers over the limit" in ln]
    assert len(drops) == 2 and all("stopped while they arrived" in ln for ln in drops), drops
    assert set(faults.stored("header-flood.com")) == {"/", "/fine"}


def test_robots_txt_answering_5xx_disallows_the_whole_site(faults):
    assert faults.stats["farmwatch/robots/unreachable"] == 1
    assert [p for p in faults.server.fetched("robots-5xx.com") if p != "/robots.txt"] == []
    assert faults.stored("robots-5xx.com") == {}


def test_utf16_page_with_a_bom_is_decoded_and_stored(faults):
    page = faults.stored("encoding-mess.com").get("/utf16")
    assert page is not None, "a UTF-16 page was skipped as binary"
    assert ENCODING_WORDS["/utf16"] in page["title"]


def test_one_invalid_utf8_byte_does_not_garble_the_page(faults):
    page = faults.stored("encoding-mess.com")["/one-bad-byte"]
    assert ENCODING_WORDS["/one-bad-byte"] in page["title"]
    assert ENCODING_WORDS["/one-bad-byte"] in page["main_text"]


def test_random_bytes_served_as_html_are_not_stored(faults):
    assert "/random" not in faults.stored("encoding-mess.com")
    assert faults.stats["farmwatch/skipped_binary"] >= 1


def test_slow_drip_is_reported_as_a_timeout_not_a_dead_host(faults):
    log = faults.proc.stderr
    drip = [ln for ln in log.splitlines() if "slow-drip.com" in ln and "/drip" in ln and "WARNING" in ln]
    assert drip and all("cannot connect" not in ln for ln in drip), drip
    assert faults.stats["farmwatch/errors/timeout"] == 1
    assert "farmwatch/errors/connect" not in faults.stats


def test_every_spelling_of_a_refused_ip_and_a_name_are_refused_before_connecting(faults):
    # Five spellings of 127.0.0.2 plus a name that resolves to it; none reached the server.
    assert faults.stats["farmwatch/blocked/private_address"] == len(IP_SPELLINGS) + 1, faults.proc.stderr[-3000:]
    assert "farmwatch/errors/dns" not in faults.stats
    hosts = {h for h, _ in faults.server.hits}
    assert not hosts - set(FAULT_SITES), f"a refused address was contacted: {hosts - set(FAULT_SITES)}"


def test_unresolvable_seeds_fail_fast_one_lookup_and_few_lines_each(tmp_path):
    """A seeds file full of dead domains: each host costs its robots.txt lookup and no more
    (no retries, no second lookup for the page), no traceback, a handful of log lines."""
    dead = [f"http://dead-{i}.example/" for i in range(40)]
    with MisbehavingServer() as server:
        settings = crawl_settings(server, FARMWATCH_CLASSIFY_ENABLED="false")  # HOSTS_ONLY: no real DNS
        cmd = crawl_command(server, tmp_path, dead, job="dead", settings=settings)
        proc = subprocess.run(cmd, env=run_env(), capture_output=True, text=True, timeout=240)
    (run,) = job_runs(tmp_path / "fw.sqlite", "dead")
    stats = run["stats"]
    # FARMWATCH_HOSTS_ONLY refuses each name in the resolver, which records why: counted as that
    # refusal (the real reason), not as a DNS error, and each costs one lookup.
    assert stats["farmwatch/blocked/hosts_only"] == len(dead), proc.stderr[-3000:]
    assert "farmwatch/errors/dns" not in stats
    assert "retry/count" not in proc.stderr, "a name that does not resolve was looked up again"
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) < 4 * len(dead) + 60, f"{len(proc.stderr.splitlines())} log lines"
