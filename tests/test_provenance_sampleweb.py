"""Provenance on a real crawl: `farmwatch run` crawls the sample web into SQLite and finds the outlets
its farm sites copied (the generator's manifest says which page copies which)."""

from __future__ import annotations

import json
import sqlite3
from urllib.parse import urlsplit

import pytest

from crawler.sites import site_of_host
from tests.helpers import REPO, farmwatch

pytestmark = pytest.mark.slow

# Families whose simulated copies keep the source's sentences (spun, search-snippet and keyword-shell
# pages rewrite or cut them; the wire stories two outlets both carry are common text, nobody's own).
VERBATIM = ("F1a", "F1b", "F3", "F7")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("prov") / "run.sqlite"
    proc = farmwatch("run", "--db", str(db), "--port", "0", timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        rows = [(url, json.loads(ev)) for t in ("farm_pages", "legit_pages")
                for url, ev in conn.execute(f"SELECT url, evidence FROM {t}")]
    return proc.stdout, rows


def _manifest():
    return json.loads((REPO / "seeds" / "sampleweb" / "manifest.json").read_text())


def _key(url: str) -> tuple[str, str]:
    u = urlsplit(url)
    return u.hostname or "", u.path + ("?" + u.query if u.query else "")


def test_the_crawl_finds_the_outlets_the_farm_sites_copied(crawled):
    _, rows = crawled
    manifest = _manifest()
    by_key = {(p["host"], p["path"]): p for p in manifest["pages"]}
    found, verbatim, wrong = [], 0, []
    for url, evidence in rows:
        entry = by_key.get(_key(url))
        lines = [x for x in evidence if x.startswith(("copied from ", "licensed syndication: "))]
        if entry is None or entry.get("label") != "farm" or not entry.get("source"):
            # Outlet pages, farm home pages and farms that copy nothing (the real-like F5, F9, F10 sites).
            wrong += [(url, x) for x in lines if x.startswith("copied from ")]
            continue
        source_site = site_of_host(entry["source"].split("/")[0])
        for x in lines:  # whatever is named is the page it really copies
            assert source_site in x, (url, x, entry["source"])
        if entry["family"] in VERBATIM:
            verbatim += 1
            found += [url for x in lines if x.startswith("copied from " + source_site)]
    assert wrong == []  # no outlet page and no farm home page is called a copy
    # Most verbatim copies are called copies of the right outlet (12 of 20 on the sample web of 2026-11-30;
    # the rest copy wire stories two outlets carry, or pad the story past the share).
    assert verbatim and len(found) >= 0.5 * verbatim, (len(found), verbatim)


def test_the_summary_says_who_was_copied_and_why_each_copy_site_is_a_farm(crawled):
    out, _ = crawled
    assert "provenance: " in out and " pages copied from an earlier story on an unrelated site" in out
    copier = next(l for l in out.splitlines() if l.strip().startswith("quiltbarn-supplies.com copied "))
    # Every outlet named is one the manifest says quiltbarn-supplies.com copies, and at least one is named.
    sources = {site_of_host(p["source"].split("/")[0]) for p in _manifest()["pages"]
               if p["host"].endswith("quiltbarn-supplies.com") and p.get("label") == "farm" and p.get("source")}
    named = {site_of_host(w.rstrip(",")) for w in copier.split(" copied ", 1)[1].split() if "." in w}
    assert named and named <= sources, (named, sources)
    lines = out.splitlines()
    row = next(i for i, l in enumerate(lines) if l.strip().startswith("quiltbarn-supplies.com "))
    assert lines[row].split()[1] == "farm"
    assert "copies of other outlets:" in lines[row + 1]
