"""Retraining proposes: candidates beside the current model, promote, go back, compare, list."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from classifier.model import load_model
from crawler.storage import open_store
from farmwatch.cli import main
from farmwatch.models_registry import STRONG, TrainingProgress, stage_shares
from tests.test_report_formats import sample_rows


def _fit(path, version: str, threshold: float, seed: int = 0, recall: float = 0.99) -> None:
    """A small real pipeline (random features, a real gradient-boosting fit), saved with its card."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    from classifier.features import FEATURE_NAMES, DocumentParser, FarmFeatures
    from classifier.model import build_pipeline, save_model

    rng = np.random.default_rng(seed)
    X = rng.random((120, len(FEATURE_NAMES)))
    y = (X[:, 0] > 0.5).astype(int)
    pipe = build_pipeline(seed)
    pipe.steps[0] = ("parse", DocumentParser().fit(None))
    pipe.steps[1] = ("features", FarmFeatures().fit(None))
    pipe.steps[2] = ("clf", HistGradientBoostingClassifier(max_iter=20, random_state=seed).fit(X, y))
    save_model(pipe, path, {"version": version, "threshold": threshold, "trained_at": f"2026-12-0{seed + 1}T00:00:00",
                            "metrics": {"precision": 0.99, "recall": recall, "fpr": 0.004,
                                        "per_family_recall": {"F1a": 1.0, "F10": recall},
                                        "lofo_recall": {"F1a": 0.99, "F10": recall - 0.1}}})


@pytest.fixture()
def models(tmp_path):
    root = tmp_path / "models"
    _fit(root / "farmwatch.skops", "v-old", 0.99, seed=0)
    _fit(root / "candidates" / "v-new" / "farmwatch.skops", "v-new", 0.0, seed=1, recall=0.9)
    return root


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_promote_makes_the_candidate_current_and_keeps_the_replaced_model(models, capsys):
    assert main(["model", "promote", "v-new", "--models", str(models)]) == 0
    assert load_model(models / "farmwatch.skops").version == "v-new"  # sha256 in the card checked on load
    assert load_model(models / "previous" / "farmwatch.skops").version == "v-old"
    assert "current model: v-new (was v-old" in capsys.readouterr().out


def test_promote_previous_goes_back_and_then_forth(models, capsys):
    assert main(["model", "promote", "v-new", "--models", str(models)]) == 0
    assert main(["model", "promote", "--previous", "--models", str(models)]) == 0
    assert load_model(models / "farmwatch.skops").version == "v-old"
    assert load_model(models / "previous" / "farmwatch.skops").version == "v-new"
    assert main(["model", "promote", "--previous", "--models", str(models)]) == 0
    assert load_model(models / "farmwatch.skops").version == "v-new"


def test_a_tampered_candidate_is_refused_and_the_current_model_is_untouched(models, capsys):
    cand = models / "candidates" / "v-new" / "farmwatch.skops"
    cand.write_bytes(cand.read_bytes() + b"\0")
    before = _sha(models / "farmwatch.skops")
    assert main(["model", "promote", "v-new", "--models", str(models)]) == 1
    err = capsys.readouterr().err
    assert "nothing changed" in err and "sha256" in err and len(err.strip().splitlines()) == 1
    assert _sha(models / "farmwatch.skops") == before
    assert not (models / "previous").exists()


def test_unknown_version_and_nothing_to_go_back_to_are_one_line_errors(models, capsys):
    assert main(["model", "promote", "v-nope", "--models", str(models)]) == 1
    assert "candidates: v-new" in capsys.readouterr().err
    assert main(["model", "promote", "--previous", "--models", str(models)]) == 1
    assert "no previous model" in capsys.readouterr().err
    assert main(["model", "promote", "../v-new", "--models", str(models)]) == 1
    assert main(["model", "promote", "--models", str(models)]) == 2


def test_list_shows_current_previous_and_candidates_with_their_figures(models, capsys):
    _fit(models / "candidates" / "v-newer" / "farmwatch.skops", "v-newer", 0.5, seed=2)
    assert main(["model", "list", "--models", str(models)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [ln.split()[:2] for ln in lines[1:]] == [["current", "v-old"], ["candidate", "v-newer"],
                                                     ["candidate", "v-new"]]
    assert "farmwatch model promote v-newer" in lines[2]
    assert main(["model", "list", "--format", "json", "--models", str(models)]) == 0
    rows = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    assert rows[0]["threshold"] == 0.99 and rows[2]["recall"] == 0.9


def test_comparison_shows_figures_pages_that_change_and_reviews_contradicting_strong_scores(models, tmp_path,
                                                                                            capsys):
    db = tmp_path / "fw.sqlite"
    with open_store(db) as store:
        store.upsert_pages(sample_rows())
        store.add_review("site", "moneyrank-news.com", "legit", "a mistake", "bob")  # its pages scored .95-.97
        store.add_review("site", "citypost.co.uk", "legit", "right", "ann")  # scored .10: no contradiction
        pages = store.counts()["farm_pages"] + store.counts()["legit_pages"]
    assert main(["model", "compare", "v-new", "--db", str(db), "--models", str(models)]) == 0
    out = capsys.readouterr().out
    figures = {ln.split("  ")[0]: ln.split() for ln in out.splitlines()}
    assert figures["threshold"][-3:] == ["0.99", "0.0", "-0.9900"]
    assert figures["recall"][-3:] == ["0.99", "0.9", "-0.0900"]
    assert "leave-one-family-out recall F10" in out
    # current threshold .99 calls every page legit, the candidate's 0.0 calls every page farm
    assert f"stored pages that would change verdict: {pages} of {pages}" in out
    warnings = [ln for ln in out.splitlines() if ln.startswith("WARNING: review")]
    assert len(warnings) == 1, warnings
    assert "site moneyrank-news.com → legit, by bob" in warnings[0] and "a mistake" in warnings[0]
    assert f"contradicts 3 of its 3 pages scored ≥ {STRONG}" in warnings[0]


def test_training_progress_rises_through_the_stages_and_estimates_time_left():
    from io import StringIO

    now = [0.0]
    out = StringIO()
    hook = TrainingProgress(3, True, stream=out, clock=lambda: now[0])
    messages = ["4000 rows (3000 farm) from 300 sources in 20s", "held-out: threshold 0.73",
                "leave-one-family-out on a dataset simulated with seed 1 (2/3)", "4000 rows (3000 farm)",
                "leave-one-family-out on a dataset simulated with seed 2 (3/3)", "4000 rows (3000 farm)",
                "fitting the final model on every row", "seed 000.txt: farm → farm (1.0)", "wrote x.skops"]
    for i, m in enumerate(messages):
        now[0] = 60.0 * (i + 1)
        hook(m)
    shown = [ln.split(":")[1].split("%")[0].strip() for ln in out.getvalue().splitlines()]
    assert [int(s) for s in shown] == sorted(int(s) for s in shown) and shown[-1] == "100"
    assert len(shown) == 6  # one line per stage reached; rebuilt datasets and seed lines add none
    assert "left" in out.getvalue().splitlines()[0] and "left" not in out.getvalue().splitlines()[-1]
    assert stage_shares(1, False)[-1][1] == 1.0


@pytest.mark.slow
def test_train_writes_a_candidate_and_never_the_current_model(shared_dir, tmp_path, capsys):
    """A tiny corpus (six real pages, copied to a temporary folder, no leave-one-family-out): about a minute."""
    import shutil

    corpus = tmp_path / "corpus" / "mozilla-readability" / "test-pages"
    for page in sorted((shared_dir / "corpus" / "mozilla-readability" / "test-pages").iterdir())[:6]:
        shutil.copytree(page, corpus / page.name)
    root = tmp_path / "models"
    _fit(root / "farmwatch.skops", "v-old", 0.7)
    before = _sha(root / "farmwatch.skops")
    (tmp_path / "no-sampleweb").mkdir()
    code = main(["train", "--corpus", str(tmp_path / "corpus"), "--sampleweb", str(tmp_path / "no-sampleweb"),
                 "--seeds", str(tmp_path / "no-seeds"), "--no-lofo", "--models", str(root)])
    assert code == 0
    out, err = capsys.readouterr()
    assert _sha(root / "farmwatch.skops") == before
    [cand] = [d for d in (root / "candidates").iterdir()]
    model = load_model(cand / "farmwatch.skops")  # its card's sha256 matches what was written
    assert cand.name == model.version and f"candidate model {model.version} written to {cand}" in out
    assert json.loads((cand / "comparison.json").read_text())["current"] == "v-old"
    assert "threshold" in out and f"farmwatch model promote {cand.name}" in out
    assert "train: 100% done" in err and "left" in err
    assert main(["model", "promote", cand.name, "--models", str(root)]) == 0
    assert load_model(root / "farmwatch.skops").version == model.version


def test_a_current_model_built_for_other_features_is_compared_by_its_card_and_stored_verdicts(models, tmp_path,
                                                                                                capsys):
    card_path = models / "model-card.json"
    card = json.loads(card_path.read_text())
    card["features"] = card["features"][:-1]  # as a model trained before a feature was added
    card_path.write_text(json.dumps(card))
    db = tmp_path / "fw.sqlite"
    with open_store(db) as store:
        store.upsert_pages(sample_rows())
        farm = store.counts()["farm_pages"]
        legit = store.counts()["legit_pages"]
    assert main(["model", "compare", "v-new", "--db", str(db), "--models", str(models)]) == 0
    out = capsys.readouterr().out
    # the candidate (threshold 0) calls every page farm: the stored legit pages are the ones that change
    assert (f"stored pages that would change verdict: {legit} of {farm + legit} (stored verdicts (model v-old "
            "was built for other features))") in out
    assert "threshold" in out


def test_promote_replaces_a_current_model_built_for_other_features(models, capsys):
    # After an upgrade that adds a feature the shipped model cannot run, but a candidate can: the old one moves aside.
    card_path = models / "model-card.json"
    card = json.loads(card_path.read_text())
    card["features"] = card["features"][:-1]
    card_path.write_text(json.dumps(card))
    assert main(["model", "promote", "v-new", "--models", str(models)]) == 0
    assert json.loads((models / "model-card.json").read_text())["version"] == "v-new"
    assert json.loads((models / "previous" / "model-card.json").read_text())["version"] == "v-old"
