"""The documented site-verdict rule (farmwatch/report/rule.py), case by case."""

from __future__ import annotations

import pytest

from farmwatch.report.rule import FARM_SHARE, MIN_FLAGGED, confidence, model_verdict, site_verdict


@pytest.mark.parametrize(("pages", "flagged", "expected"), [
    (10, 0, "legit"),          # nothing flagged
    (1, 1, "unsure"),          # a single flagged page is never enough for "farm"
    (2, 2, "farm"),            # small site, everything flagged
    (10, 3, "farm"),           # 30 % share with ≥ 2 flags
    (10, 2, "unsure"),         # 20 %: between the legit and farm thresholds
    (100, 4, "legit"),         # < 5 % of a big outlet: isolated false positives
    (19, 0, "legit"),
    (10, 1, "unsure"),         # 10 % of a small site: look at it
    (40, 39, "farm"),
])
def test_model_verdict(pages, flagged, expected):
    assert model_verdict(pages, flagged) == expected


def test_farm_threshold_edges():
    assert model_verdict(100, int(100 * FARM_SHARE)) == "farm"
    assert model_verdict(100, int(100 * FARM_SHARE) - 1) == "unsure"
    assert model_verdict(MIN_FLAGGED - 1, MIN_FLAGGED - 1) == "unsure"


def test_review_overrides_model_and_unsure_review_does_not():
    assert site_verdict(10, 10, 0.99, {"label": "legit"}) == ("legit", 0.0, "review")
    assert site_verdict(10, 0, 0.0, {"label": "farm"}) == ("farm", 1.0, "review")
    verdict, conf, source = site_verdict(10, 10, 0.99, {"label": "unsure"})
    assert (verdict, source) == ("farm", "model") and conf > 0.8


def test_confidence_grows_with_flags_share_and_score():
    assert confidence(10, 0, 0.0) == 0.0
    assert confidence(2, 2, 0.9) < confidence(20, 20, 0.9)     # more evidence, more confidence
    assert confidence(20, 5, 0.9) < confidence(20, 15, 0.9)    # higher share
    assert confidence(20, 15, 0.6) < confidence(20, 15, 0.95)  # higher scores
    assert 0.0 <= confidence(1000, 1000, 1.0) <= 1.0
