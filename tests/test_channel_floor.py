"""A page that trips a decisive channel is scored at least the channel floor, whatever the trees say."""

from __future__ import annotations

import numpy as np

from classifier.channels import CHANNELS, DECISIVE, MODULES
from classifier.document import from_text
from classifier.evaluate import fit_classifier
from classifier.features import FEATURE_NAMES, analyse
from classifier.floor import CHANNEL_FLOOR


def _data(n: int = 400):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(n, len(FEATURE_NAMES)))
    X[:, FEATURE_NAMES.index("decisive_channels")] = 0
    X[:, FEATURE_NAMES.index("artefact_channels")] = 0
    y = (X[:, 0] > 0.8).astype(int)  # farms are told by another feature: the channels say nothing in training
    return X, y


def test_a_decisive_channel_lifts_a_legit_looking_page_to_the_floor():
    X, y = _data()
    clf = fit_classifier(X, y, seed=0)
    legit_like = X[y == 0][:20].copy()
    assert (clf.predict_proba(legit_like)[:, 1] < 0.5).all()
    legit_like[:, FEATURE_NAMES.index("decisive_channels")] = 1
    legit_like[:, FEATURE_NAMES.index("artefact_channels")] = 1
    assert (clf.predict_proba(legit_like)[:, 1] >= CHANNEL_FLOOR).all()


def test_a_channel_that_is_not_decisive_gets_no_floor():
    X, y = _data()
    clf = fit_classifier(X, y, seed=0)
    legit_like = X[y == 0][:20].copy()
    legit_like[:, FEATURE_NAMES.index("artefact_channels")] = 1  # e.g. the spin channel alone
    assert (clf.predict_proba(legit_like)[:, 1] < CHANNEL_FLOOR).all()


def test_every_channel_module_says_whether_it_is_decisive():
    assert {m.NAME for m in MODULES} == set(CHANNELS)
    assert all(isinstance(getattr(m, "DECISIVE", None), bool) for m in MODULES)
    assert "generated" in DECISIVE and "glitch" not in DECISIVE


def test_a_generator_refusal_opening_an_excerpt_counts_as_a_decisive_channel():
    # Real F5 pages are often only the generator's answer, and an excerpt has no title line above it:
    # the answer is the first line, with a curly apostrophe, sometimes after a glued ctime stamp.
    for text in ("I\u2019m sorry, but as an AI language model, I cannot write about this topic without more details.\n"
                 "Please provide the article text you would like me to rewrite.",
                 "Sat May 17 23:50:00 UTC 2025: Please provide the text you would like me to summarize and rewrite as a "
                 "news article. I need the content of the text to be able to help you."):
        v = analyse(from_text(text)).values
        assert v["gen_answer"] >= 1 and v["decisive_channels"] >= 1, text[:40]


def test_a_news_report_quoting_a_refusal_trips_nothing():
    text = ("Chatbot leftovers spread across news sites\n"
            "Dozens of websites have published articles that contain error messages from AI tools. One story "
            "read: \u201cI\u2019m sorry, but as an AI language model, I cannot complete this request,\u201d researchers said.")
    v = analyse(from_text(text, url="https://www.example-news.com/2024/05/ai-leftovers")).values
    assert v["gen_answer"] == 0 and v["decisive_channels"] == 0
