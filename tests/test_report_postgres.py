"""`farmwatch report` and `farmwatch review` on the PostgreSQL backend (real server)."""

from __future__ import annotations

import json

import pytest

from crawler.storage import open_store
from farmwatch.cli import main
from tests.test_report_formats import HOSTILE_TITLE, sample_rows

pytestmark = pytest.mark.services


def test_report_and_review_work_on_postgres(pg_url, tmp_path):
    with open_store(pg_url) as store:
        store.upsert_pages(sample_rows())
    assert main(["review", "site", "citypost.co.uk", "--label", "legit", "--by", "ann", "--db", pg_url]) == 0
    out = tmp_path / "r.json"
    assert main(["report", "--db", pg_url, "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    sites = {s["site"]: s for s in data["sites"]}
    assert data["sites"][0]["site"] == "moneyrank-news.com" and sites["moneyrank-news.com"]["verdict"] == "farm"
    assert sites["citypost.co.uk"]["review"]["reviewer"] == "ann"
    farm_pages = sites["moneyrank-news.com"]["flagged_pages"]
    assert any(p["twin"] and p["twin"]["site"] == "dailyherald.com" for p in farm_pages)
    html_out = tmp_path / "r.html"
    assert main(["report", "--db", pg_url, "--out", str(html_out)]) == 0
    assert HOSTILE_TITLE not in html_out.read_text(encoding="utf-8")
