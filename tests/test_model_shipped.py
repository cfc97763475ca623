"""The shipped model gets every seed right and names the injected brand as evidence."""

from __future__ import annotations

import pytest

from classifier.corpus import load_seeds
from classifier.model import DEFAULT_MODEL, load_model


@pytest.fixture(scope="module")
def shipped():
    if not DEFAULT_MODEL.is_file():
        pytest.skip("no shipped model in models/")
    return load_model()


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return {name: (doc, label) for name, doc, label in load_seeds(seeds_dir)}


def test_shipped_model_classifies_every_seed_right(shipped, seeds):
    assert len(seeds) == 3
    for name, (doc, label) in seeds.items():
        v = shipped.classify(doc)
        assert v.verdict == ("farm" if label else "legit"), (name, v)


def test_evidence_for_seed_000_names_the_brand(shipped, seeds):
    doc, _ = seeds["000_28d6e87f0676feb9.txt"]
    v = shipped.classify(doc)
    joined = " | ".join(v.evidence)
    assert "Elevate Capital Network" in joined
    assert "PredictIQ Quantitative Think Tank Center" in v.brands
    assert 'veryGood! (83)' in joined
    assert v.family == "F1a"


def test_legit_seed_has_no_brands(shipped, seeds):
    doc, _ = seeds["004_e87acb5dcf116a24.txt"]
    v = shipped.classify(doc)
    assert v.brands == [] and v.family == ""


def test_pyproject_pins_the_scikit_learn_the_shipped_model_was_built_with():
    """load_model refuses any other scikit-learn, so a fresh install must get exactly this one."""
    import json
    import tomllib

    from tests.helpers import REPO

    card = json.loads((REPO / "models" / "model-card.json").read_text())
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    assert f"scikit-learn=={card['sklearn_version']}" in [d.replace(" ", "") for d in deps]
