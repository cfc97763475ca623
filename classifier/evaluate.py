"""The evaluation harness: site-split scores, leave-one-family-out recall, seeds, threshold.

Scores that leak are worse than none: every figure here comes from models that never saw the
test rows' *site* (GroupKFold on the source page's registered domain; farm copies and hard
negatives ride with their source). The operating threshold is the lowest score that keeps the
false-positive rate on held-out legitimate rows at or below ``max_fpr``.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

import numpy as np

from classifier.corpus import Row
from classifier.features import FEATURE_NAMES, DocumentParser, FarmFeatures
from classifier.simulator import FAMILIES

__all__ = ["featurize", "cross_validate", "choose_threshold", "metrics_at", "lofo_recall", "summarise_lofo",
           "fit_classifier", "EvalResult", "SPLIT_DESCRIPTION", "N_SPLITS", "LOFO_SEEDS", "TARGETS"]

N_SPLITS = 5
LOFO_SPLITS = 3
# Leave-one-family-out recall on one simulated dataset is a lucky or unlucky draw: the same code
# gives F10 0.807 / 0.900 / 0.841 on datasets simulated with seeds 0, 1 and 2 (an earlier version:
# F4 0.825 / 0.940 / 0.880). The card reports the mean and the worst over this many datasets, each
# with its own seed.
LOFO_SEEDS = 3
MAX_FPR = 0.005
MAX_FPR_TEXT = 0.01
# The precision targets are real pages' (HTML with URL <= 0.5 %, saved text <= 1 %, on the validation group and on
# host-held-out pages of the training sets); recall is the simulator's, whose held-out figure must stay >= 0.95.
TARGETS = {"recall": 0.95, "fpr_max": MAX_FPR, "fpr_text_max": MAX_FPR_TEXT, "lofo_recall_min": 0.90,
           "channel_trip_max": 0.002, "seeds": "all right"}
SPLIT_DESCRIPTION = (f"GroupKFold({N_SPLITS}, shuffled) over groups = registered domain of the legitimate source page "
                     "(mozilla test-page site prefix when no URL); simulated farm copies and hard negatives of a page share "
                     "its group; sample-web farm hosts are joined to the groups of the pages they copy. Out-of-fold scores "
                     "give every figure; leave-one-family-out uses GroupKFold(3) and drops the family from training.")


def _log(msg: str) -> None:
    print(f"[evaluate] {msg}", file=sys.stderr, flush=True)


def featurize(rows: list[Row]) -> np.ndarray:
    parser, feats = DocumentParser(), FarmFeatures().fit(None)
    out = np.zeros((len(rows), len(FEATURE_NAMES)))
    t0 = time.time()
    step = 500
    for i in range(0, len(rows), step):
        docs = parser.transform([r.item for r in rows[i:i + step]])
        out[i:i + step] = feats.transform(docs)
        _log(f"features {min(i + step, len(rows))}/{len(rows)} ({time.time() - t0:.0f}s)")
    return out


def fit_classifier(X: np.ndarray, y: np.ndarray, seed: int = 0):
    from classifier.model import build_pipeline

    clf = build_pipeline(seed).named_steps["clf"]
    # Balance classes: farms outnumber legit rows several to one in the simulated set.
    w = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    return clf.fit(X, y, sample_weight=w)


def _splitter(n: int, seed: int):
    from sklearn.model_selection import GroupKFold

    try:
        return GroupKFold(n_splits=n, shuffle=True, random_state=seed)
    except TypeError:  # older scikit-learn: no shuffling
        return GroupKFold(n_splits=n)


def cross_validate(rows: list[Row], X: np.ndarray, seed: int = 0) -> np.ndarray:
    y = np.array([r.label for r in rows])
    groups = np.array([r.group for r in rows])
    oof = np.zeros(len(rows))
    for k, (tr, te) in enumerate(_splitter(N_SPLITS, seed).split(X, y, groups)):
        assert not set(groups[tr]) & set(groups[te])
        oof[te] = fit_classifier(X[tr], y[tr], seed).predict_proba(X[te])[:, 1]
        _log(f"fold {k + 1}/{N_SPLITS}: {len(te)} held-out rows from {len(set(groups[te]))} sites")
    return oof


def choose_threshold(scores: np.ndarray, labels: np.ndarray, max_fpr: float = MAX_FPR) -> float:
    """Lowest threshold whose FPR on the legit rows is ≤ ``max_fpr`` (score ≥ threshold → farm)."""
    legit = np.sort(scores[labels == 0])[::-1]
    if len(legit) == 0:
        return 0.5
    k = int(np.floor(max_fpr * len(legit)))  # this many legit rows may score at or above the threshold
    t = float(np.nextafter(legit[k], 1.0)) if k < len(legit) else 0.0
    return float(min(max(t, 0.05), 1.0))


def metrics_at(scores: np.ndarray, rows: list[Row], t: float) -> dict:
    from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

    y = np.array([r.label for r in rows])
    pred = (scores >= t).astype(int)
    fam = np.array([r.family for r in rows])
    fmt = np.array([r.fmt for r in rows])
    legit = y == 0

    def rate(mask):
        return round(float(pred[mask].mean()), 4) if mask.any() else None

    m = {
        "threshold": round(t, 4),
        "precision": round(float(precision_score(y, pred, zero_division=0)), 4),
        "recall": round(float(recall_score(y, pred, zero_division=0)), 4),
        "f1": round(float(f1_score(y, pred, zero_division=0)), 4),
        "roc_auc": round(float(roc_auc_score(y, scores)), 4) if len(set(y)) == 2 else None,
        "fpr": rate(legit),
        "fpr_real_pages": rate(legit & (fam == "real")),
        "fpr_hard_negatives": rate(legit & (fam == "hardneg")),
        "fpr_sampleweb": rate(legit & (fam == "sampleweb")),
        "recall_html": rate((y == 1) & (fmt == "html")),
        "recall_text": rate((y == 1) & (fmt == "text")),
        "recall_excerpt": rate((y == 1) & (fmt == "excerpt")),
        "recall_bare_excerpt": rate((y == 1) & (fmt == "bare-excerpt")),
        "n_rows": int(len(y)), "n_farm": int(y.sum()), "n_legit": int(legit.sum()),
        "n_sites": int(len({r.group for r in rows})),
        "false_positives": [f"{r.family}:{r.fmt}:{r.origin}" for r, p in zip(rows, pred) if p and r.label == 0][:20],
    }
    m["per_family_recall"] = {f: rate((y == 1) & (fam == f)) for f in sorted(set(fam[y == 1]))}
    return m


def lofo_recall(rows: list[Row], X: np.ndarray, t: float, seed: int = 0, families=FAMILIES) -> dict:
    """Recall on family X from models trained without any X page, on held-out sites."""
    y = np.array([r.label for r in rows])
    groups = np.array([r.group for r in rows])
    fam = np.array([r.family for r in rows])
    out = {}
    splits = list(_splitter(LOFO_SPLITS, seed + 1).split(X, y, groups))
    for f in families:
        hits = total = 0
        for tr, te in splits:
            tr = tr[fam[tr] != f]
            te = te[fam[te] == f]
            if len(te) == 0:
                continue
            s = fit_classifier(X[tr], y[tr], seed).predict_proba(X[te])[:, 1]
            hits += int((s >= t).sum())
            total += len(te)
        out[f] = round(hits / total, 4) if total else None
        _log(f"leave-one-family-out {f}: recall {out[f]} on {total} pages")
    return out


def summarise_lofo(by_seed: dict[int, dict[str, float | None]]) -> dict[str, dict[str, float | None]]:
    """Per family: mean and worst recall over the simulated datasets that measured it."""
    families = list(dict.fromkeys(f for rec in by_seed.values() for f in rec))
    out: dict[str, dict[str, float | None]] = {"mean": {}, "min": {}}
    for f in families:
        vals = [rec[f] for rec in by_seed.values() if rec.get(f) is not None]
        out["mean"][f] = round(float(np.mean(vals)), 4) if vals else None
        out["min"][f] = round(float(min(vals)), 4) if vals else None
    return out


@dataclass
class EvalResult:
    threshold: float
    metrics: dict
    lofo: dict = field(default_factory=dict)


def recall_by_family(model, pairs) -> dict:
    """Per-family counts of flagged pages, each page scored with its URL and as bare text.

    ``pairs``: ``(family, name, document with its URL, the same page without it)``. A family named
    ``legit`` (any case) counts false flags; every other family is a farm family and pools into ``farm``.
    Also lists the farm pages missed in each rendering, for the analyst who wants to read them, and every
    page's two scores.
    """
    fams: dict[str, dict] = {}
    missed: dict[str, list[str]] = {"url": [], "text": []}
    pages: list[dict] = []
    if pairs:
        with_url = model.classify_many([p[2] for p in pairs])
        bare = model.classify_many([p[3] for p in pairs])
    else:
        with_url = bare = []
    for (family, name, _, _), vu, vt in zip(pairs, with_url, bare):
        r = fams.setdefault(family, {"pages": 0, "url": 0, "text": 0})
        r["pages"] += 1
        r["url"] += vu.verdict == "farm"
        r["text"] += vt.verdict == "farm"
        pages.append({"page": name, "family": family, "url_score": round(float(vu.score), 4),
                      "text_score": round(float(vt.score), 4)})
        if family.lower() != "legit":
            if vu.verdict != "farm":
                missed["url"].append(name)
            if vt.verdict != "farm":
                missed["text"].append(name)
    farm = {"pages": 0, "url": 0, "text": 0}
    for family, r in fams.items():
        r["url_rate"] = round(r["url"] / r["pages"], 4)
        r["text_rate"] = round(r["text"] / r["pages"], 4)
        if family.lower() != "legit":
            for k in ("pages", "url", "text"):
                farm[k] += r[k]
    farm["url_rate"] = round(farm["url"] / farm["pages"], 4) if farm["pages"] else None
    farm["text_rate"] = round(farm["text"] / farm["pages"], 4) if farm["pages"] else None
    return {"families": dict(sorted(fams.items())), "farm": farm, "missed": missed, "pages": pages}
