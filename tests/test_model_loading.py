"""Loading a model is strict: missing, corrupt, tampered or mismatched files are refused in one line."""

from __future__ import annotations

import json
import random
import shutil

import numpy as np
import pytest
from sklearn.base import clone

from classifier.document import from_text
from classifier.features import FEATURE_NAMES, DocumentParser, FarmFeatures
from classifier.model import ModelError, build_pipeline, card_path_for, load_model, save_model
from classifier.simulator import simulate
from classifier.verdict import Verdict

SOURCE = from_text(
    "Council approves budget for new bridge over the Willow River\n"
    "The city council on Tuesday approved a budget for a new bridge over the Willow River, ending a debate that "
    "lasted more than two years and split residents of the eastern districts.\n"
    "Engineers said construction could start next spring if the state releases matching funds, and the old "
    "crossing would stay open to cars until the new one is finished in 2027.\n"
    "Residents who opposed the plan said the money would be better spent on schools and on repairing roads that "
    "flood every winter, and several promised to keep fighting the project in court.\n"
)
POOL = [f"Celebrity chef number {i} shares a secret recipe for holiday cookies" for i in range(30)]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A small pipeline fitted on a handful of simulated pages: enough to exercise save/load."""
    rng = random.Random(0)
    items, y = [], []
    for i in range(12):
        page = simulate(SOURCE, rng.choice(["F1a", "F1b", "F7"]), rng, host="x.example.com", headline_pool=POOL)
        items.append({"text": page.text})
        y.append(1)
        items.append({"text": SOURCE.text + f"\nPosted {i} hours ago"})
        y.append(0)
    pipe = build_pipeline()
    pipe.set_params(clf__estimator__max_iter=10)
    pipe.fit(items, np.array(y))
    path = tmp_path_factory.mktemp("model") / "farmwatch.skops"
    save_model(pipe, path, {"version": "test", "threshold": 0.5})
    return path


def test_saved_model_loads_and_classifies(tiny_model):
    model = load_model(tiny_model)
    verdicts = model.classify_many([SOURCE, SOURCE])
    assert len(verdicts) == 2 and all(isinstance(v, Verdict) for v in verdicts)
    assert model.version == "test" and model.threshold == 0.5
    assert model.card["sha256"]


def test_missing_model_file_is_refused(tmp_path):
    with pytest.raises(ModelError, match="model file not found"):
        load_model(tmp_path / "nope.skops")


def test_missing_card_is_refused(tiny_model, tmp_path):
    copy = tmp_path / "farmwatch.skops"
    shutil.copy(tiny_model, copy)
    with pytest.raises(ModelError, match="model card not found"):
        load_model(copy)


def _copy_with_card(src, dst_dir):
    dst = dst_dir / "farmwatch.skops"
    shutil.copy(src, dst)
    shutil.copy(card_path_for(src), card_path_for(dst))
    return dst


def test_tampered_model_is_refused_by_hash(tiny_model, tmp_path):
    path = _copy_with_card(tiny_model, tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256"):
        load_model(path)


def test_corrupt_model_with_matching_hash_is_refused_as_corrupt(tiny_model, tmp_path):
    import hashlib

    path = _copy_with_card(tiny_model, tmp_path)
    path.write_bytes(b"this is not a zip archive")
    card = json.loads(card_path_for(path).read_text())
    card["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    card_path_for(path).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="corrupt"):
        load_model(path)


@pytest.mark.parametrize("field,value,message", [("sklearn_version", "0.0.1", "scikit-learn version mismatch"),
                                                  ("format", "joblib-1", "format mismatch")])
def test_mismatched_card_is_refused(tiny_model, tmp_path, field, value, message):
    path = _copy_with_card(tiny_model, tmp_path)
    card = json.loads(card_path_for(path).read_text())
    card[field] = value
    card_path_for(path).write_text(json.dumps(card))
    with pytest.raises(ModelError, match=message):
        load_model(path)


def test_model_error_message_is_one_line(tmp_path):
    with pytest.raises(ModelError) as info:
        load_model(tmp_path / "missing.skops")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("est", [DocumentParser(), FarmFeatures()])
def test_transformers_obey_the_estimator_api(est):
    twin = clone(est)
    assert twin.get_params() == est.get_params()
    assert twin.fit([SOURCE]) is twin


def test_features_have_names_and_one_row_per_document():
    feats = FarmFeatures().fit([SOURCE])
    X = feats.transform(DocumentParser().transform([SOURCE, {"text": SOURCE.text}, {"html": "<p>x</p>"}]))
    assert X.shape == (3, len(FEATURE_NAMES))
    assert list(feats.get_feature_names_out()) == list(FEATURE_NAMES)


def test_body_words_do_not_change_features():
    """Swapping the article's words for others of the same shape leaves the topic-free features alone."""
    # Swapped the same way in the headline and the body: how far the two agree is a feature (title_support).
    other = from_text(SOURCE.text.replace("bridge", "tunnel").replace("Willow", "Cedars").replace("council", "cabinet")
                      .replace("Council", "Cabinet"))
    a = FarmFeatures().fit(None).transform([SOURCE])[0]
    b = FarmFeatures().fit(None).transform([other])[0]
    exact = [i for i, n in enumerate(FEATURE_NAMES) if n != "compress_ratio"]
    assert np.array_equal(a[exact], b[exact])
    assert abs(a[FEATURE_NAMES.index("compress_ratio")] - b[FEATURE_NAMES.index("compress_ratio")]) < 0.1


def test_a_model_built_for_other_features_is_refused_with_one_line(tmp_path):
    import json
    import shutil

    from classifier.model import DEFAULT_MODEL, ModelError, card_path_for, load_model

    model = tmp_path / "farmwatch.skops"
    shutil.copy(DEFAULT_MODEL, model)
    card = json.loads(card_path_for(DEFAULT_MODEL).read_text())
    card["features"] = card["features"][:-1]  # a model from before the newest feature
    card_path_for(model).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="built for other features"):
        load_model(model)
