"""One real ``farmwatch crawl`` over the misbehaving server's hostile sites, then one
assertion group per trap.

The crawl runs once per module (a subprocess against 127.0.0.1, resolver host map, loopback
allowed but 10.0.0.0/8 not); each test reads what the server saw, what landed in the store
and the run's recorded stats. Classification is switched off: these tests are about what is
fetched and stored, and the backbone tests cover the classifier.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.misbehaving_server import (CHARSET_WORDS, CRAWL_DELAY, SITES, MisbehavingServer, crawl_command,
                                      crawl_settings, job_runs, run_env, stored_pages)

pytestmark = pytest.mark.slow

BUDGET = 12
HOSTILE = [s for s in SITES if s != "resume-site.com"]


class Outcome:
    def __init__(self, server: MisbehavingServer, proc, db):
        self.server, self.proc = server, proc
        self.pages = stored_pages(db)
        runs = job_runs(db, "hostile")
        assert len(runs) == 1, runs
        self.run = runs[0]
        self.stats = self.run["stats"]

    def hits(self, host: str) -> list[str]:
        return self.server.fetched(host)

    def stored(self, host: str) -> set[str]:
        return {u.split(str(self.server.port), 1)[1] for u in self.pages if f"//{host}:" in u}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    with MisbehavingServer() as server:
        settings = crawl_settings(server, FARMWATCH_CLASSIFY_ENABLED="false")
        cmd = crawl_command(server, tmp, [server.url(h) for h in HOSTILE], job="hostile", settings=settings,
                            args=["--max-depth", "8", "--max-pages-per-site", str(BUDGET)])
        proc = subprocess.run(cmd, env=run_env(), capture_output=True, text=True, timeout=240)
        yield Outcome(server, proc, tmp / "fw.sqlite")


def test_hostile_crawl_finishes_partial_with_summary_line(hostile):
    # /always500 fails for real, so the run is partial (exit 3), and says so on one line.
    assert hostile.proc.returncode == 3, hostile.proc.stderr[-3000:]
    lines = [ln for ln in hostile.proc.stdout.splitlines() if ln.startswith("farmwatch crawl ")]
    assert len(lines) == 1 and "status=partial" in lines[0] and "errors=1 " in lines[0], hostile.proc.stdout
    assert hostile.run["status"] == "partial"
    assert hostile.stats["stored"] == len(hostile.pages) > 0


def test_calendar_trap_bounded(hostile):
    hits = [p for p in hostile.hits("calendar-trap.com") if p != "/robots.txt"]
    assert len(hits) <= BUDGET
    assert not [p for p in hits if p.count("/cal/") > 1], "nested relative calendar link was fetched"
    assert hostile.stats["farmwatch/blocked/repeated_segments"] >= 1
    assert len(hostile.stored("calendar-trap.com")) <= BUDGET


def test_redirect_loop_stopped(hostile):
    hits = hostile.hits("redirect-loop.com")
    assert hits.count("/loop/a") == 1 and hits.count("/loop/b") == 1
    assert hostile.stats["farmwatch/redirect/loop"] == 1
    chain = sorted(int(p.rsplit("/", 1)[1]) for p in hits if p.startswith("/chain/"))
    assert chain == [1, 2, 3, 4]  # REDIRECT_MAX_TIMES=3: one request plus three redirects
    assert hostile.stats["farmwatch/redirect/too_long"] == 1
    assert hostile.stored("redirect-loop.com") == {"/", "/ok"}


def test_gzip_bomb_dropped(hostile):
    assert hostile.hits("gzip-bomb.com").count("/bomb") == 1
    assert hostile.stored("gzip-bomb.com") == {"/", "/fine"}  # an honest gzip page still works
    assert "exceeded DOWNLOAD_MAXSIZE" in hostile.proc.stderr
    assert hostile.stats["farmwatch/dropped/ignored"] >= 1


def test_large_body_dropped(hostile):
    hits = hostile.hits("huge-body.com")
    assert hits.count("/big") == 1 and hits.count("/big-stream") == 1  # no retry of a 50 MB body
    assert hostile.stored("huge-body.com") == {"/", "/fine"}
    assert hostile.stats["farmwatch/dropped/oversize"] == 2
    assert "farmwatch/errors/other" not in hostile.stats  # a refusal is not an error


def test_crawl_delay_honoured(hostile):
    assert hostile.stats["farmwatch/crawl_delay/hosts"] == 1
    # Every page of crawl-delay.com was queued in a download slot whose delay was the
    # robots.txt Crawl-delay (never lower, never jittered).
    assert hostile.stats["farmwatch/crawl_delay/page_slot_delay/crawl-delay.com"] == float(CRAWL_DELAY)
    assert "farmwatch/crawl_delay/pages_before_delay" not in hostile.stats
    assert "/private/x" not in hostile.hits("crawl-delay.com")  # Disallow obeyed too
    assert hostile.stored("crawl-delay.com") == {"/", "/d1", "/d2"}


def test_private_address_link_blocked(hostile):
    # A redirect to http://10.0.0.1/internal is refused before any connection (the guard runs
    # before the download handler), loopback stays allowed, and the crawl goes on.
    assert hostile.stats["farmwatch/blocked/private_address"] >= 1
    assert "refusing http://10.0.0.1/internal (private_address)" in hostile.proc.stderr
    assert "farmwatch/errors/connect" not in hostile.stats
    assert hostile.stored("private-link.com") == {"/", "/fine"}


def test_5xx_burst_retried_then_continues(hostile):
    hits = hostile.hits("flaky-5xx.com")
    assert hits.count("/burst") == 3  # two 503s, then the 200
    assert hits.count("/always500") == 3  # RETRY_TIMES=2, then given up
    assert hostile.stored("flaky-5xx.com") == {"/", "/burst", "/fine"}
    assert hostile.stats["farmwatch/errors/http_500"] == 1


def test_wrong_charset_decoded(hostile):
    by_path = {u.split(str(hostile.server.port), 1)[1]: p for u, p in hostile.pages.items()
               if "//charset-mess.com:" in u}
    for path, words in CHARSET_WORDS.items():
        assert path in by_path, f"{path} not stored"
        text = by_path[path]["title"] + " " + by_path[path]["main_text"]
        assert words in text, f"{path}: {text[:120]!r}"
        assert "\ufffd" not in text


def test_slow_responses_do_not_stall_the_crawl(hostile):
    assert hostile.stored("slow-site.com") == {"/", "/s1", "/s2", "/s3"}


def test_non_http_links_never_followed(hostile):
    assert sorted(set(hostile.hits("normal-news.com"))) == ["/", "/a1", "/a2", "/a3", "/a4", "/a5", "/robots.txt"]
    assert not [u for u in hostile.pages if not u.startswith("http://")]


def test_private_seeds_refused_without_allow_private(tmp_path):
    """Default settings: literal private, loopback and link-local seeds are never contacted."""
    with MisbehavingServer() as server:
        settings = crawl_settings(server, FARMWATCH_CLASSIFY_ENABLED="false", FARMWATCH_ALLOW_PRIVATE="false")
        seeds = ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                 f"http://127.0.0.1:{server.port}/", server.url("normal-news.com")]
        proc = subprocess.run(crawl_command(server, tmp_path, seeds, job="noprivate", settings=settings,
                                            allow_private=False),
                              env=run_env(), capture_output=True, text=True, timeout=120)
        assert server.hits == []  # not even robots.txt
    stats = job_runs(tmp_path / "fw.sqlite", "noprivate")[0]["stats"]
    # Three literal addresses refused by the URL guard, and normal-news.com, which maps to
    # 127.0.0.1, refused by the resolver (counted as a refusal, not a DNS error): 4 refusals.
    assert stats["farmwatch/blocked/private_address"] == 4
    # Every seed refused: nothing fetched, a failed run.
    assert stats["stored"] == 0 and stats["status"] == "failed"
    assert proc.returncode == 1, proc.stdout


def test_crawl_delay_survives_autothrottle(tmp_path):
    """AutoThrottle rewrites slot delays after every response; the robots delay stays the floor."""
    with MisbehavingServer(crawl_delay=0.5) as server:
        settings = crawl_settings(server, FARMWATCH_CLASSIFY_ENABLED="false", AUTOTHROTTLE_ENABLED="true",
                                  AUTOTHROTTLE_START_DELAY="0", AUTOTHROTTLE_MAX_DELAY="0.1",
                                  AUTOTHROTTLE_TARGET_CONCURRENCY="8")
        proc = subprocess.run(crawl_command(server, tmp_path, [server.url("crawl-delay.com")], job="at",
                                            settings=settings),
                              env=run_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    stats = job_runs(tmp_path / "fw.sqlite", "at")[0]["stats"]
    assert stats["farmwatch/crawl_delay/page_slot_delay/crawl-delay.com"] == 0.5
    assert stats["stored"] == 3
