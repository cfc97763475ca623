"""Scrapy's own commands behave as a Scrapy user expects in this project (crawler/commands/).

Each test runs the real ``scrapy`` command line in the repository (its ``scrapy.cfg``), against
saved pages of the bundled sample web or the sample web served on 127.0.0.1.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys

import pytest

from crawler import settings as project_settings
from tests.helpers import REPO

ARTICLE = "harborgazette.com/business/2025/05/07/ironvale-fabrication-to-close-port-calder-plant-cutting/index.html"
TITLE = "Ironvale Fabrication to close Port Calder plant, cutting 60 jobs"


def scrapy(*args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)


def sample_settings(sample_root, tmp_path) -> list[str]:
    from farmwatch.sampleweb.server import hosts_map

    return ["-s", f"FARMWATCH_HOSTS={json.dumps(hosts_map(sample_root))}", "-s", "FARMWATCH_HOSTS_ONLY=1",
            "-s", "FARMWATCH_ALLOW_PRIVATE=1", "-s", f"FARMWATCH_DB={tmp_path / 'fw.sqlite'}",
            "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0"]


@pytest.mark.parametrize("args, message", [
    (["-a", "urls=http://example.invalid/", "-a", "max_dept=2"], "unknown spider argument(s): max_dept"),
    (["-a", "urls=http://example.invalid/", "-a", "max_depth=two"], "max_depth must be a whole number, got 'two'"),
    (["-a", "urls=ftp://example.invalid/"], "seed URLs must be http(s)"),
    ([], "give -a seeds=FILE (one URL per line) or -a urls=URL,URL"),
])
def test_crawl_argument_mistake_is_one_line_and_exit_2(args, message):
    # FARMWATCH_HOSTS_ONLY: should the check ever let a crawl start, no name leaves the machine.
    proc = scrapy("crawl", "news", *args, "-s", "FARMWATCH_HOSTS_ONLY=1", "-s", "ROBOTSTXT_OBEY=0")
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()] and message in proc.stderr, proc.stderr[-2000:]


def test_shell_opens_a_saved_page_with_the_project_settings(sample_root, tmp_path):
    saved = tmp_path / "saved.html"
    shutil.copy(sample_root / ARTICLE, saved)
    proc = scrapy("shell", str(saved), "-c", "(response.status, response.css('title::text').get())")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"(200, '{TITLE}" in proc.stdout, proc.stdout + proc.stderr[-2000:]
    assert "UrlGuardDownloaderMiddleware" in proc.stderr  # the project's middlewares were on


def test_parse_url_uses_the_news_spider_without_arguments(sample_root, sample_web, tmp_path):
    url = sample_web.url_for("harborgazette.com", "/" + ARTICLE.split("/", 1)[1].rsplit("index.html", 1)[0])
    proc = scrapy("parse", url, "--nolog", *sample_settings(sample_root, tmp_path))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Scraped Items" in proc.stdout and TITLE in proc.stdout, proc.stdout[-2000:] + proc.stderr[-2000:]


def test_check_runs_the_parse_contracts_offline():
    proc = scrapy("check", "news")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Ran 2 contracts" in proc.stderr and "\nOK" in proc.stderr, proc.stderr[-3000:]


def test_filled_contract_fails_on_an_empty_field():
    from scrapy.exceptions import ContractFail

    from crawler.contracts import FilledContract
    from crawler.items import PageItem
    from crawler.spiders.news import NewsSpider

    contract = FilledContract(NewsSpider().parse, "title", "main_text")
    page = PageItem(url="file:///x.html", canonical_url="file:///x.html", site="", host="", fetched_at="", status=200,
                    title="A title", main_text="")
    with pytest.raises(ContractFail, match="main_text"):
        contract.post_process([page])
    page.main_text = "Words."
    contract.post_process([page])


def test_feeds_have_the_user_fields_and_json_cells_in_csv(sample_root, sample_web, tmp_path):
    seed = sample_web.url_for("harborgazette.com")
    proc = scrapy("crawl", "news", "-a", f"urls={seed}", "-a", "max_depth=1",
                  "-O", str(tmp_path / "items.jsonl"), "-O", str(tmp_path / "items.csv"),
                  *sample_settings(sample_root, tmp_path), "-s", "LOG_LEVEL=WARNING")
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = [json.loads(line) for line in (tmp_path / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 5
    assert all(list(r) == project_settings.FEED_EXPORT_FIELDS for r in rows)  # no internal document
    assert any(r["link_blocks"] for r in rows) and all(r["verdict"] in ("farm", "legit") for r in rows)
    with (tmp_path / "items.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [r["url"] for r in table] == [r["url"] for r in rows]
    for cells, row in zip(table, rows):
        assert json.loads(cells["link_blocks"]) == row["link_blocks"]
        assert json.loads(cells["evidence"]) == row["evidence"]
