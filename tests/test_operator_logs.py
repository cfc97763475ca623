"""What a scheduled ``farmwatch crawl`` tells its operator: exit codes and log lines to act on.

Real crawls (subprocesses) of a loopback web (``tests/ops_web.py``) whose pages change between
runs, as a cron job meets them.
"""

from __future__ import annotations

import re

import pytest

from tests.misbehaving_server import job_runs
from tests.ops_web import OpsWeb, summary_line

pytestmark = pytest.mark.slow

def closed_port() -> int:
    """A port bound and closed again: nobody listens there, connections are refused at once."""
    web = OpsWeb([])
    web.httpd.server_close()
    return web.port


AGAIN = ["--revisit", "0", "--seed-revisit", "0"]  # every page due again: the next day's run


def test_gone_links_are_counted_not_errors_and_not_fetched_again(tmp_path):
    with OpsWeb(["outlet.com"]) as web:
        web.site("outlet.com", 4, extra_links=["/moved-404", "/deleted-410"])
        web.routes[("outlet.com", "/deleted-410")] = (410, "gone")
        first = web.crawl(tmp_path, [web.url("outlet.com")], job="gone")
        second = web.crawl(tmp_path, [web.url("outlet.com")], job="gone", args=AGAIN)
        hits_after_two = (web.counts[("outlet.com", "/moved-404")], web.counts[("outlet.com", "/deleted-410")])
        # "For a while": with the gone interval over, they are asked for again.
        third = web.crawl(tmp_path, [web.url("outlet.com")], job="gone", args=AGAIN, FARMWATCH_REVISIT_GONE_HOURS=0)
        hits_after_three = (web.counts[("outlet.com", "/moved-404")], web.counts[("outlet.com", "/deleted-410")])
    for proc in (first, second, third):
        assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
        assert "status=ok" in summary_line(proc) and " errors=0 " in summary_line(proc)
    assert " gone=2 " in summary_line(first)
    runs = [r["stats"] for r in reversed(job_runs(tmp_path / "fw.sqlite", "gone"))]
    assert runs[0]["farmwatch/gone/http_404"] == 1 and runs[0]["farmwatch/gone/http_410"] == 1
    assert not any(k.startswith("farmwatch/errors/") for k in runs[0])
    assert hits_after_two == (1, 1), "a gone link was fetched again within FARMWATCH_REVISIT_GONE_HOURS"
    assert runs[1]["farmwatch/skipped_gone"] == 2 and runs[1]["fetched"] == 5
    assert hits_after_three == (2, 2)
    # Gone is INFO, not a warning: a healthy scheduled run writes no WARNING line (but the one
    # saying that the test switched the classifier off).
    warnings = [ln for ln in first.stderr.splitlines() if " WARNING: " in ln and "Disabled " not in ln]
    assert not warnings, warnings


def test_failed_site_gets_one_warning_line_and_no_traceback(tmp_path):
    with OpsWeb(["broken.com", "dead-host.com"]) as web:
        paths = web.site("broken.com", 5)
        for path in paths:
            web.routes[("broken.com", path)] = (500, "database down")
        dead_port = closed_port()
        proc = web.crawl(tmp_path, [web.url("broken.com"), f"http://dead-host.com:{dead_port}/"], job="fail")
    log = proc.stderr
    assert proc.returncode == 3, log[-3000:]  # real failures: something to look at
    warnings = [ln for ln in log.splitlines() if " WARNING: " in ln]
    assert len([ln for ln in warnings if "broken.com" in ln]) == 1, warnings
    assert len([ln for ln in warnings if "dead-host.com" in ln]) == 1, warnings
    assert any("HTTP 500" in ln for ln in warnings) and any("cannot connect" in ln for ln in warnings)
    # The robots.txt middleware's failure for the dead host: no ERROR, no traceback.
    assert "Traceback" not in log and " ERROR: " not in log, log[-3000:]
    stats = job_runs(tmp_path / "fw.sqlite", "fail")[0]["stats"]
    assert stats["farmwatch/errors/http_500"] == 5 and stats["farmwatch/errors/connect"] == 1
    assert stats["farmwatch/failed_sites"] == 2


def test_failed_site_traceback_is_at_debug(tmp_path):
    with OpsWeb(["dead-host.com"]) as web:
        dead_port = closed_port()
        proc = web.crawl(tmp_path, [f"http://dead-host.com:{dead_port}/"], job="debug", LOG_LEVEL="DEBUG")
    assert "Traceback" in proc.stderr
    assert re.search(r" DEBUG: .*Error downloading .*dead-host\.com", proc.stderr)


def test_private_address_refusal_names_the_address_and_is_counted(tmp_path):
    # Loopback not allowed this time: the name resolves (host map) to 127.0.0.1 and is refused at
    # DNS, before any connection.
    with OpsWeb(["intranet.com"]) as web:
        web.site("intranet.com", 1)
        proc = web.crawl(tmp_path, [web.url("intranet.com")], job="priv", allow_private=False,
                         FARMWATCH_ALLOW_PRIVATE="false", FARMWATCH_ALLOW_PRIVATE_NETWORKS="[]")
        hits = sum(web.counts.values())
    log = proc.stderr
    assert hits == 0
    assert "intranet.com resolves to non-public address 127.0.0.1" in log, log[-3000:]
    assert "no results" not in log
    stats = job_runs(tmp_path / "fw.sqlite", "priv")[0]["stats"]
    assert stats["farmwatch/blocked/private_address"] >= 1
    assert stats["errors"] == 0 and stats["dropped"] >= 1
