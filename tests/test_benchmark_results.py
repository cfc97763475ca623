"""The benchmark results file says when each figure was measured."""

from __future__ import annotations

from benchmarks.__main__ import keep_previous, write_results

CLASSIFY = {"pages": 274, "farmwatch_pages_per_s": 130.0, "trafilatura_pages_per_s": 43.0, "classify_vs_trafilatura": 3.02}
REPORT = {"rows": 1000, "json": {"seconds": 1.0, "peak_rss_mb": 40.0}, "html": {"seconds": 1.1, "peak_rss_mb": 41.0}}


def test_a_measure_kept_from_an_earlier_run_is_dated_by_that_run_not_this_one(tmp_path):
    old = {"when": "2026-01-01T00:00:00+00:00", "classify": dict(CLASSIFY), "report": dict(REPORT)}
    results = {"when": "2026-02-02T00:00:00+00:00", "machine": "test",
               "report": dict(REPORT, measured="2026-02-02T00:00:00+00:00")}
    keep_previous(results, old, only={"report"})
    write_results(results, tmp_path)
    md = (tmp_path / "latest.md").read_text()
    assert "classify on or before 2026-01-01T00:00:00+00:00" in md
    assert "report 2026-02-02T00:00:00+00:00" in md
    assert results["report"]["json"]["seconds"] == 1.0  # this run's figure, not the old one


def test_a_measure_dated_in_an_older_file_keeps_its_date_when_carried_again(tmp_path):
    old = {"when": "2026-03-03T00:00:00+00:00", "classify": dict(CLASSIFY, measured="2026-01-01T00:00:00+00:00")}
    results = {"when": "2026-04-04T00:00:00+00:00", "machine": "test"}
    keep_previous(results, old, only={"report"})
    write_results(results, tmp_path)
    assert "classify 2026-01-01T00:00:00+00:00" in (tmp_path / "latest.md").read_text()
