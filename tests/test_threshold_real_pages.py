"""The operating threshold is set on real pages only: simulated hard negatives never buy a lower one."""

from __future__ import annotations

import numpy as np

from classifier.corpus import Row
from classifier.train import _threshold


def _rows(family, fmt, n, label=0):
    return [Row(None, label, family, f"{family}{i}", fmt, f"x:{i}") for i in range(n)]


def test_threshold_keeps_real_html_pages_under_half_a_percent_and_ignores_easy_simulated_negatives():
    real_html, real_text, hard = _rows("real", "html", 400), _rows("real", "text", 400), _rows("hardneg", "html", 4000)
    farms = _rows("F1a", "html", 100, label=1)
    rows = real_html + real_text + hard + farms
    rng = np.random.default_rng(0)
    oof = np.concatenate([rng.uniform(0, 0.9, 400), rng.uniform(0, 0.5, 400), np.zeros(4000), np.ones(100)])
    t = _threshold(rows, oof)
    flagged_real_html = (oof[:400] >= t).mean()
    assert flagged_real_html <= 0.005
    # 4,000 hard negatives at 0 would have allowed 20 real false flags under a budget over all legit rows.
    assert (oof[:400] >= t).sum() <= 2


def test_text_renderings_have_their_own_one_percent_budget():
    real_html, real_text = _rows("real", "html", 400), _rows("real", "text", 400)
    oof = np.concatenate([np.linspace(0, 0.3, 400), np.linspace(0, 0.95, 400)])
    t = _threshold(real_html + real_text, oof)
    assert (oof[400:] >= t).mean() <= 0.01
    assert t > 0.9  # the text rows, not the lower-scoring HTML rows, set it
