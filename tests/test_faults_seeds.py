"""A bad line in a seeds file costs that line: skipped with one warning, and only a file with
no usable URL at all is a usage error (exit 2). One reader serves every command."""

from __future__ import annotations

import pytest

from crawler.seeds import read_seeds
from tests.helpers import Route, ScriptedServer, farmwatch

BAD_LINES = [b"ftp://example.com/file", b"http://caf\xe9.example/", b"htp:/typo", b"http://", b"http://a b.example/",
             b"http://example.com:99999/"]


def _seeds(tmp_path, good: list[str]) -> str:
    path = tmp_path / "seeds.txt"
    lines = [b"# outlets", b""] + [g.encode() for g in good[:1]] + BAD_LINES + [g.encode() for g in good[1:]]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return str(path)


def test_read_seeds_keeps_good_lines_and_names_each_bad_one(tmp_path):
    path = _seeds(tmp_path, ["http://a.example/", "https://b.example/x", "http://a.example/"])
    urls, problems = read_seeds(path)
    assert urls == ["http://a.example/", "https://b.example/x"]
    assert [p.line for p in problems] == list(range(4, 4 + len(BAD_LINES)))
    reasons = [p.reason for p in problems]
    assert reasons[0] == "not an http(s) URL" and reasons[1] == "not UTF-8" and reasons[4] == "contains whitespace"
    assert all(str(p).endswith("line skipped") for p in problems)


@pytest.mark.slow
def test_crawl_skips_bad_seed_lines_with_one_warning_each_and_crawls_the_rest(tmp_path):
    page = b"<html><head><title>Fine seed</title></head><body><p>" + b"Fine seed text. " * 40 + b"</p></body></html>"
    with ScriptedServer({"/": Route(page)}) as server:
        seeds = _seeds(tmp_path, [f"http://127.0.0.1:{server.port}/"])
        proc = farmwatch("crawl", "--seeds", seeds, "--job", "seeds", "--db", str(tmp_path / "fw.sqlite"),
                         "--state-dir", str(tmp_path / "jobs"), "--allow-private",
                         "-s", "FARMWATCH_CLASSIFY_ENABLED=false", "-s", "AUTOTHROTTLE_ENABLED=false")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    warnings = [ln for ln in proc.stderr.splitlines() if "line skipped" in ln]
    assert len(warnings) == len(BAD_LINES), warnings
    assert "stored=1 " in proc.stdout


def test_crawl_with_no_usable_seed_is_a_usage_error(tmp_path):
    path = tmp_path / "seeds.txt"
    path.write_bytes(b"\n".join(BAD_LINES) + b"\n")
    proc = farmwatch("crawl", "--seeds", str(path), "--job", "bad", "--db", str(tmp_path / "fw.sqlite"),
                     "--state-dir", str(tmp_path / "jobs"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(BAD_LINES) + 1 and "no usable seed URL" in lines[-1], proc.stderr
    assert not (tmp_path / "fw.sqlite").exists(), "a refused run must not be recorded"


def test_frontier_push_uses_the_same_reader(tmp_path):
    path = tmp_path / "seeds.txt"
    path.write_bytes(b"\n".join(BAD_LINES) + b"\n")
    # Nothing usable: refused before Redis is contacted (port 1 would refuse a connection anyway).
    proc = farmwatch("frontier", "push", "--redis", "redis://127.0.0.1:1/0", "--seeds", str(path))
    assert proc.returncode == 2
    assert len([ln for ln in proc.stderr.splitlines() if "line skipped" in ln]) == len(BAD_LINES)
