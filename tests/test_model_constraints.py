"""The classifier may not learn that more farm artefacts make a page more legitimate."""

from __future__ import annotations

import numpy as np

from classifier.evaluate import fit_classifier
from classifier.features import FEATURE_NAMES


def _scores_by_channel_count(clf, base: np.ndarray) -> np.ndarray:
    k = FEATURE_NAMES.index("artefact_channels")
    steps = np.repeat(base[None, :], 6, axis=0)
    steps[:, k] = np.arange(6)
    return clf.predict_proba(steps)[:, 1]


def test_score_never_falls_as_artefact_channels_rise_even_when_the_data_say_so():
    # Training data where pages with exactly one channel are farms and pages with two or more are
    # legitimate: unconstrained trees learn exactly that (checked: the test fails without the
    # constraint), and a family never seen in training that shows many channels would pay for it.
    rng = np.random.default_rng(0)
    n = 600
    X = rng.normal(size=(n, len(FEATURE_NAMES)))
    k = FEATURE_NAMES.index("artefact_channels")
    X[:, k] = rng.integers(0, 6, size=n)
    y = (X[:, k] == 1).astype(int)
    clf = fit_classifier(X, y, seed=0)
    for base in X[:20]:
        scores = _scores_by_channel_count(clf, base)
        assert np.all(np.diff(scores) >= -1e-12), scores

