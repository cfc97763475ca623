"""The HTML report as an analyst sees it: rendered by headless Chromium, screenshot saved."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from crawler.storage import open_store
from farmwatch.cli import main
from tests.test_report_formats import HOSTILE_TITLE, sample_rows

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("headless browser test needs Debian's chromium: apt-get install -y chromium")


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=180)


@pytest.mark.slow
def test_html_report_renders_rows_and_shows_hostile_title_as_text(tmp_path):
    browser = _chromium()
    db = tmp_path / "fw.sqlite"
    with open_store(db) as store:
        store.upsert_pages(sample_rows())
        store.add_review("site", "citypost.co.uk", "legit", "long-standing local paper", "ann")
    report = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "--out", str(report)]) == 0

    dom = _run(browser, tmp_path / "profile-dom", "--virtual-time-budget=5000", "--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    doc = lxml.html.fromstring(dom.stdout)
    assert doc.get("data-ready") == "1", "the report's script did not run to the end"
    rows = doc.xpath('//table[@id="sites"]/tbody/tr')
    assert [r.get("data-verdict") for r in rows] == ["farm", "unsure", "legit", "legit"]
    assert rows[0].xpath("string(td[1]/a)") == "moneyrank-news.com"
    assert "reviewed" in dom.stdout or "by ann" in " ".join(r.text_content() for r in rows)
    titles = [t.text_content() for t in doc.xpath('//span[@class="page-title"]')]
    assert HOSTILE_TITLE in titles  # shown as text to the analyst...
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and "alert(1)" not in scripts[0].text_content()  # ...never run as a script
    twins = doc.xpath('//div[@class="twin"]/a/@href')
    assert "https://news.dailyherald.com/2026/03/story-1.html" in twins

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    cap = _run(browser, tmp_path / "profile-shot", "--window-size=1400,1100", "--virtual-time-budget=5000",
               f"--screenshot={shot}", report.as_uri())
    assert cap.returncode == 0, cap.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
