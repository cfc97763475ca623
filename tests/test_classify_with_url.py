"""`farmwatch classify --url/--urls`: a saved page scored at its address gets the crawl's verdict."""

from __future__ import annotations

import json

from crawler.storage import open_store
from farmwatch.commands.classify import PROGRESS_OVER
from tests.helpers import farmwatch, scrapy_crawl

# The subdomain home page is a list of links whose score moves with its address (the shipped model:
# .50 at its URL, .98 at a file path). A farm copy rides along.
PAGES = ("finance.moneyrank-news.com/index.html",)


def _farm_copy(manifest: dict) -> dict:
    return next(p for p in manifest["pages"] if p["label"] == "farm" and p["host"] == "lakeview-tribune.com")


def test_saved_page_with_its_url_gets_the_score_and_verdict_the_crawl_gave(sample_web, sample_root, tmp_path):
    from farmwatch.sampleweb.server import hosts_map

    manifest = json.loads((sample_root / "manifest.json").read_text())
    pages = [p for p in manifest["pages"] if p["file"] in PAGES] + [_farm_copy(manifest)]
    urls = {p["file"]: f"http://{p['host']}:{sample_web.port}{p['path']}" for p in pages}
    db = tmp_path / "fw.sqlite"
    proc = scrapy_crawl([f"urls={','.join(urls.values())}", "max_depth=0"],
                        {"FARMWATCH_DB": db, "FARMWATCH_HOSTS": json.dumps(hosts_map(sample_root)),
                         "FARMWATCH_HOSTS_ONLY": "1", "FARMWATCH_ALLOW_PRIVATE": "1",
                         "AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    with open_store(db) as store:
        crawled = {p["url"]: p for p in store.iter_pages()}
    assert set(crawled) == set(urls.values())

    listing = tmp_path / "urls.tsv"
    listing.write_text("# saved pages and where they came from\n"
                       + "".join(f"{sample_root / f}\t{u}\n" for f, u in urls.items()))
    got = farmwatch("classify", "--format", "json", "--urls", str(listing))
    assert got.returncode == 0, got.stderr
    rows = {r["url"]: r for r in map(json.loads, got.stdout.splitlines())}
    for url, page in crawled.items():
        assert rows[url]["score"] == round(float(page["score"]), 4), url
        assert rows[url]["verdict"] == ("farm" if page["table"] == "farm_pages" else "legit"), url
        assert rows[url]["evidence"] == page["evidence"], url
    home = urls[PAGES[0]]
    # Without its URL the same file is measured at its path: the address is part of the score, so a
    # classify that dropped the URL could not have matched the crawl above.
    bare = farmwatch("classify", "--format", "json", str(sample_root / PAGES[0]))
    assert abs(json.loads(bare.stdout)["score"] - rows[home]["score"]) > 0.05

    one = farmwatch("classify", "--format", "json", "--url", home, str(sample_root / PAGES[0]))
    assert json.loads(one.stdout) == rows[home] | {"path": json.loads(one.stdout)["path"]}


def test_relative_paths_are_read_from_the_current_directory_and_shown_as_given(sample_root, tmp_path):
    listing = tmp_path / "elsewhere" / "urls.tsv"
    listing.parent.mkdir()
    listing.write_text(f"{PAGES[0]}\thttp://finance.moneyrank-news.com/\n")
    proc = farmwatch("classify", "--urls", str(listing), cwd=sample_root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].startswith(PAGES[0] + "  ")  # the path, not just index.html


def test_directory_rows_name_the_path_under_it_not_just_the_file_name(sample_root):
    proc = farmwatch("classify", "--format", "json", "lakeview-tribune.com", cwd=sample_root)
    paths = [json.loads(line)["path"] for line in proc.stdout.splitlines()]
    assert len(paths) > PROGRESS_OVER and len(set(paths)) == len(paths)
    assert all(p.startswith("lakeview-tribune.com/") for p in paths), paths[:3]


def test_progress_goes_to_stderr_for_many_files_only(sample_root):
    many = sorted(str(p) for p in (sample_root / "lakeview-tribune.com").rglob("*.html"))[:PROGRESS_OVER + 1]
    proc = farmwatch("classify", "--format", "json", *many)
    assert proc.returncode == 0, proc.stderr
    assert f"classify: {len(many)}/{len(many)} (100%)" in proc.stderr
    few = farmwatch("classify", "--format", "json", *many[:PROGRESS_OVER])
    assert few.stderr == ""
    assert len(proc.stdout.splitlines()) == len(many)  # progress never mixes into the rows


def test_bad_url_arguments_are_usage_errors_with_one_line(sample_root, tmp_path):
    page = str(sample_root / PAGES[0])
    bad = tmp_path / "bad.tsv"
    bad.write_text(f"{page} http://example.com/\n")  # a space, not a tab
    for args, needle in ((["--url", "ftp://x/", page], "not an http(s) URL"),
                         (["--url", "http://x.com/", page, page], "exactly one PATH"),
                         (["--urls", str(bad)], "line 1: expected PATH<TAB>"),
                         (["--urls", str(tmp_path / "none.tsv")], "cannot read --urls"),
                         ([], "give PATH... or --urls FILE")):
        proc = farmwatch("classify", *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert needle in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_legit_verdict_with_farm_sounding_evidence_says_it_fell_short():
    from classifier.features import ATTRIBUTION_REASON
    from classifier.verdict import LEGIT_REASONS, WEAK_SIGNS, Verdict

    v = Verdict("legit", 0.4, ['vote counter "veryGood! (5)"', "page date is late"])
    assert v.evidence == [WEAK_SIGNS + 'vote counter "veryGood! (5)"', "page date is late"]
    assert Verdict("legit", 0.4, list(v.evidence)).evidence == v.evidence  # said once, however often built
    assert Verdict("legit", 0.1, [ATTRIBUTION_REASON]).evidence == [ATTRIBUTION_REASON]
    assert ATTRIBUTION_REASON in LEGIT_REASONS
    assert Verdict("farm", 0.99, ['vote counter "veryGood! (5)"']).evidence == ['vote counter "veryGood! (5)"']
