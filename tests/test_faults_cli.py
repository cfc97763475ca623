"""Every command-line mistake is one line on stderr and exit 2 (no traceback, no half-written
output, no database created by a typo); an unreachable Redis is one line and exit 1."""

from __future__ import annotations

import pytest

from farmwatch.cli import main


@pytest.fixture
def place(tmp_path, monkeypatch):
    from crawler.storage import open_store

    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds.txt").write_text("http://127.0.0.1:9/\n")
    open_store(tmp_path / "fw.sqlite").close()
    (tmp_path / "empty").mkdir()
    return tmp_path


def _run(argv: list[str], capsys) -> tuple[int, list[str]]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line.strip()]


CRAWL = ["crawl", "--seeds", "seeds.txt", "--db", "crawl.sqlite", "--state-dir", "jobs"]
MISTAKES = {
    "crawl --max-depth -1": CRAWL + ["--max-depth", "-1"],
    "crawl --max-pages-per-site 0": CRAWL + ["--max-pages-per-site", "0"],
    "crawl --revisit nan": CRAWL + ["--revisit", "nan"],
    "crawl --revisit -5": CRAWL + ["--revisit", "-5"],
    "crawl --seed-revisit inf": CRAWL + ["--seed-revisit", "inf"],
    "crawl -s DOWNLOAD_MAXSIZE=abc": CRAWL + ["-s", "DOWNLOAD_MAXSIZE=abc"],
    "crawl bad CIDR": CRAWL + ["-s", 'FARMWATCH_ALLOW_PRIVATE_NETWORKS=["10.0.0.0/33"]'],
    "crawl missing --hosts-file": CRAWL + ["--hosts-file", "no-such-hosts"],
    "report --out a folder": ["report", "--db", "fw.sqlite", "--out", "empty"],
    "report --detail huge": ["report", "--db", "fw.sqlite", "--format", "json", "--detail", "99999999999999999999"],
    "report --since invalid": ["report", "--db", "fw.sqlite", "--since", "2026-13-45"],
    "review site '!!!'": ["review", "site", "!!!", "--label", "farm", "--db", "fw.sqlite"],
    "train on an empty corpus": ["train", "--corpus", "empty"],
    "evaluate on an empty corpus": ["evaluate", "--corpus", "empty"],
    "run --port 70000": ["run", "--port", "70000"],
}


@pytest.mark.parametrize("argv", MISTAKES.values(), ids=MISTAKES.keys())
def test_command_line_mistake_is_one_line_and_exit_2(argv, place, capsys):
    code, lines = _run(argv, capsys)
    assert code == 2, lines
    assert len(lines) == 1, lines
    assert not (place / "fw.sqlte").exists(), "a mistyped --db created a database"
    assert not (place / "crawl.sqlite").exists(), "a refused crawl touched the store"
    assert not list(place.glob("empty/*")), "nothing may be written into the folder given as --out"


@pytest.mark.parametrize("command", [["report"], ["review", "site", "example.com", "--label", "farm"]])
def test_a_mistyped_db_path_is_refused_and_creates_no_database(command, place, capsys):
    code, lines = _run(command + ["--db", "fw.sqlte"], capsys)
    assert code == 1 and len(lines) == 1 and "no database" in lines[0], lines  # report's established code
    assert not (place / "fw.sqlte").exists()


def test_unreachable_redis_is_one_line_before_any_run_is_recorded(place, capsys):
    code, lines = _run(CRAWL + ["--redis", "redis://127.0.0.1:1/0"], capsys)
    assert code == 1 and len(lines) == 1 and "unreachable" in lines[0], lines
    assert not (place / "crawl.sqlite").exists()


def test_review_on_a_read_only_database_is_one_line_and_exit_2(place, capsys, monkeypatch):
    import crawler.storage as storage

    real_open = storage.open_store

    def read_only(target=None):
        store = real_open(target)
        store.conn.execute("PRAGMA query_only = ON")  # SQLite's own "attempt to write a readonly database"
        return store

    monkeypatch.setattr(storage, "open_store", read_only)
    # --force: the site was never crawled, and the unknown-site guard would answer first.
    code, lines = _run(["review", "site", "example.com", "--label", "farm", "--force", "--db", "fw.sqlite"], capsys)
    assert code == 2 and len(lines) == 1 and "read-only" in lines[0], lines


def test_read_only_store_refuses_writes_with_a_store_error(place):
    from crawler.storage import StoreReadOnly, open_store

    with open_store(place / "fw.sqlite") as store:
        store.conn.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreReadOnly):
            store.add_review("site", "example.com", "farm")
        assert not store.transient(StoreReadOnly("x")), "read-only is not worth retrying"


def test_bidi_overrides_in_a_farm_title_do_not_reach_the_html_report(tmp_path):
    from crawler.storage import open_store

    db, out = tmp_path / "bidi.sqlite", tmp_path / "report.html"
    title = "Breaking \u202eswen gnikaerb\u202c and \u2067isolated\u2069"
    page = {"canonical_url": "http://farm.example/a", "url": "http://farm.example/a", "site": "farm.example",
            "host": "farm.example", "fetched_at": "2026-01-01T00:00:00+00:00", "title": title,
            "main_text": "text", "verdict": "farm", "score": 0.99, "evidence": [f"title {title}"]}
    with open_store(db) as store:
        store.upsert_pages([page])
    assert main(["report", "--db", str(db), "--format", "html", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "swen gnikaerb" in html, "the title must still be shown"
    assert not set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") & set(html)
