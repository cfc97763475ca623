"""The trip-rate measure: it counts the wrong "copied from" calls on pages that are all legitimate."""

from __future__ import annotations

import json

import pytest

from farmwatch.trip_rates import LIMIT, main, measure
from tests.test_provenance import ORIGINAL, _reference_corpus, story


def test_a_copy_between_unrelated_hosts_counts_as_one_wrong_call(tmp_path):
    corpus = _reference_corpus(tmp_path / "set", [
        ("a", "https://www.first.com/1", ORIGINAL, "2025-03-01"),
        ("b", "https://www.second.org/1", ORIGINAL, "2025-03-05"),  # the later one is called the copy
        ("c", "https://www.third.net/1", story(11), "2025-03-02"),
        ("d", "https://www.third.net/2", story(12), "2025-03-03"),
    ])
    res = measure(corpus)
    assert res["pages"] == 4
    assert res["provenance"]["copy_calls"] == 1
    assert res["provenance"]["examples"][0]["page"] == "https://www.second.org/1"
    assert res["site_signals"]["hosts_pooled"] == 1 and res["site_signals"]["pages_pooled"] == 2


def test_the_command_writes_its_figures_and_refuses_a_missing_corpus(tmp_path, capsys):
    corpus = _reference_corpus(tmp_path / "set", [("a", "https://www.first.com/1", ORIGINAL, "2025-03-01")])
    out = tmp_path / "trip.json"
    assert main(["--corpus", str(corpus), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["provenance"]["copy_calls"] == 0
    assert main(["--corpus", str(tmp_path / "none"), "--out", str(out)]) == 2


@pytest.mark.slow
def test_provenance_calls_no_real_fundus_page_a_copy_on_an_unrelated_site(shared_dir):
    res = measure(shared_dir / "corpus" / "fundus")
    assert res["pages"] > 200
    assert res["provenance"]["copy_calls"] / res["pages"] < LIMIT, res["provenance"]["examples"]
    for signal in res["site_signals"]["by_signal"].values():
        assert signal["rate"] < LIMIT, signal
