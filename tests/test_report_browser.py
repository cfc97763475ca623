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


def _rendered(browser: str, report: Path, tmp_path: Path):
    """The report's DOM after its script ran, as Chromium holds it."""
    dom = _run(browser, tmp_path / "profile-dom", "--virtual-time-budget=5000", "--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    doc = lxml.html.fromstring(dom.stdout)
    assert doc.get("data-ready") == "1", "the report's script did not run to the end"
    return doc


def _screenshot(browser: str, report: Path, tmp_path: Path, name: str, size: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / name
    shot.unlink(missing_ok=True)
    cap = _run(browser, tmp_path / "profile-shot", f"--window-size={size}", "--virtual-time-budget=5000",
               f"--screenshot={shot}", report.as_uri())
    assert cap.returncode == 0, cap.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_html_report_renders_rows_and_shows_hostile_title_as_text(tmp_path):
    browser = _chromium()
    db = tmp_path / "fw.sqlite"
    with open_store(db) as store:
        store.upsert_pages(sample_rows())
        store.add_review("site", "citypost.co.uk", "legit", "long-standing local paper", "ann")
    report = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "--out", str(report)]) == 0

    doc = _rendered(browser, report, tmp_path)
    rows = doc.xpath('//table[@id="sites"]/tbody/tr')
    assert [r.get("data-verdict") for r in rows] == ["farm", "unsure", "legit", "legit"]
    assert rows[0].xpath("string(td[1]/a)") == "moneyrank-news.com"
    assert "by ann" in " ".join(r.text_content() for r in rows)
    titles = [t.text_content() for t in doc.xpath('//span[@class="page-title"]')]
    assert HOSTILE_TITLE in titles  # shown as text to the analyst...
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and "alert(1)" not in scripts[0].text_content()  # ...never run as a script
    twins = doc.xpath('//div[@class="twin"]/a/@href')
    assert "https://news.dailyherald.com/2026/03/story-1.html" in twins

    _screenshot(browser, report, tmp_path, "report.png", "1400,1100")


@pytest.mark.slow
def test_report_of_a_crawled_sample_web_names_every_farm_site_and_escapes_a_hostile_title(
        sample_web, sample_root, tmp_path):
    """The analyst's path end to end: crawl the sample web (plus one farm page whose <title>
    carries a script), report, open the report in a browser."""
    import json
    import re

    from farmwatch.sampleweb.server import hosts_map, seed_urls
    from tests.helpers import Route, ScriptedServer, scrapy_crawl

    browser = _chromium()
    manifest = json.loads((sample_root / "manifest.json").read_text())
    # Two farm pages (the site rule wants two flags), the first with a script for a title.
    copies = [p for p in manifest["pages"] if p["label"] == "farm" and p["host"].endswith("moneyrank-news.com")][:2]
    pages = [(sample_root / p["file"]).read_text(encoding="utf-8") for p in copies]
    pages[0] = re.sub(r"<title>", "<title>" + HOSTILE_TITLE + " ", pages[0], count=1)

    with ScriptedServer({"/": Route(pages[0].encode("utf-8")), "/2": Route(pages[1].encode("utf-8"))}) as hostile:
        seeds = tmp_path / "seeds.txt"
        seeds.write_text("\n".join(seed_urls(sample_root, sample_web.port)
                                   + [f"http://hostile-farm.com:{hostile.port}/",
                                      f"http://hostile-farm.com:{hostile.port}/2"]) + "\n")
        hosts = dict(hosts_map(sample_root), **{"hostile-farm.com": "127.0.0.1"})
        db = tmp_path / "fw.sqlite"
        proc = scrapy_crawl([f"seeds={seeds}", "max_depth=4"],
                            {"FARMWATCH_DB": db, "FARMWATCH_HOSTS": json.dumps(hosts), "FARMWATCH_HOSTS_ONLY": "1",
                             "FARMWATCH_ALLOW_PRIVATE": "1", "AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "--format", "html", "--out", str(report)]) == 0

    doc = _rendered(browser, report, tmp_path)
    shown = {r.xpath("string(td[1]/a)") or r.xpath("string(td[1])").split()[0]: r.get("data-verdict")
             for r in doc.xpath('//table[@id="sites"]/tbody/tr')}
    farm_sites = {h["site"] for h in manifest["hosts"].values() if h["kind"] == "farm" and not h.get("reallike")}
    assert {s: shown.get(s) for s in farm_sites} == {s: "farm" for s in farm_sites}
    assert shown.get("hostile-farm.com") == "farm"
    titles = [t.text_content() for t in doc.xpath('//span[@class="page-title"]')]
    assert any(t.startswith(HOSTILE_TITLE) for t in titles), "the hostile title must be shown, as text"
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and "alert(1)" not in scripts[0].text_content()

    _screenshot(browser, report, tmp_path, "report-sampleweb.png", "1400,1400")
