"""The verdict stage's rule on top of the trees: a page that trips an artefact channel scores at least ``floor``.

Each channel in :mod:`classifier.channels` is set so strictly that at most 1 real legitimate page in 500
trips it, and that rate is measured on every training run and printed in the model card. Such a channel
is evidence on its own. The trees did not treat it so: the generator's leftover answer opening a page
("I'm sorry, but as an AI language model ...") tripped the generated channel on 23 of 34 real F5 pages,
yet the trees scored a third of them below the threshold, because everything else on a short excerpt
(its length, its URL, its lack of sidebars) looks like a real page. Their score rose with the channel
count (``MONOTONE_INCREASING``) but not far enough.

So the classifier's score on a page with a tripped channel is at least ``floor``. The threshold is still
chosen on out-of-fold scores of real legitimate pages *after* this rule, so every legitimate page a
channel trips is paid for out of the same false-positive budget, and the card's real-page figures
include it.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone

__all__ = ["ChannelFloorClassifier", "CHANNEL_FLOOR"]

CHANNEL_FLOOR = 0.99


class ChannelFloorClassifier(ClassifierMixin, BaseEstimator):
    """``estimator``'s probability, raised to ``floor`` where column ``column`` of X (the channel count) is >= 1."""

    def __init__(self, estimator=None, column: int = 0, floor: float = CHANNEL_FLOOR):
        self.estimator = estimator
        self.column = column
        self.floor = floor

    def fit(self, X, y, sample_weight=None):
        self.estimator_ = clone(self.estimator).fit(X, y, sample_weight=sample_weight)
        self.classes_ = self.estimator_.classes_
        return self

    def predict_proba(self, X) -> np.ndarray:
        X = np.asarray(X)
        p = np.array(self.estimator_.predict_proba(X), dtype=np.float64)
        hit = X[:, self.column] >= 1
        p[hit, 1] = np.maximum(p[hit, 1], self.floor)
        p[hit, 0] = 1.0 - p[hit, 1]
        return p

    def predict(self, X) -> np.ndarray:
        return self.classes_[(self.predict_proba(X)[:, 1] >= 0.5).astype(int)]
