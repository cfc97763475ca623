"""The fitted detector as one artefact: build, save safely, load safely, classify with evidence.

A model file is code-adjacent (a pickle can run anything), and the crawler loads it on every
start, so loading is strict: the file's sha256 must match its card, the card's format and
scikit-learn version must match this code, and skops may only rebuild the types on an explicit
allow-list. Anything else is refused with a one-line :class:`ModelError`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from classifier.document import Document
from classifier.floor import ChannelFloorClassifier
from classifier.features import ATTRIBUTION_REASON, FEATURE_NAMES, DocumentParser, FarmFeatures, analyse, explain
from classifier.verdict import FARM, LEGIT, STATISTICS_REASON, ModelError, Verdict

__all__ = ["ModelError", "FarmModel", "build_pipeline", "save_model", "load_model", "DEFAULT_MODEL", "FORMAT",
           "card_path_for", "TRUSTED_TYPES"]

FORMAT = "farmwatch-skops-1"
REPO = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = REPO / "models" / "farmwatch.skops"
CARD_NAME = "model-card.json"
CARD_MD = "MODEL_CARD.md"

# Exactly the types a saved farmwatch pipeline contains besides what skops trusts by default.
TRUSTED_TYPES: tuple[str, ...] = (
    "classifier.features.DocumentParser",
    "classifier.features.FarmFeatures",
    "classifier.floor.ChannelFloorClassifier",
    "sklearn.pipeline.Pipeline",
    "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.Interval",
    "sklearn._loss._loss.CyHalfBinomialLoss",
    "sklearn.utils._bunch.Bunch",
    "numpy.dtype",
    "numpy.ndarray",
    "builtins.slice",
    "collections.OrderedDict",
)


# Features along which the score may only rise. One more independent farm artefact never makes a
# page more legitimate; unconstrained, the trees of a model that never saw a family learnt that one
# channel on a long article with a big sidebar is reporting, and that family paid for it
# (leave-one-family-out F3 .877 -> .884, F10 .901 -> .912, F8 one page lower, the others the same or
# better, on the card's three datasets).
MONOTONE_INCREASING = ("artefact_channels", "decisive_channels")


def build_pipeline(random_state: int = 0):
    """parse → farm features → gradient boosting with the channel floor: one artefact from raw input to score."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.pipeline import Pipeline

    return Pipeline([
        ("parse", DocumentParser()),
        ("features", FarmFeatures()),
        ("clf", ChannelFloorClassifier(
            HistGradientBoostingClassifier(max_iter=400, learning_rate=0.08, max_leaf_nodes=7,
                                           min_samples_leaf=10, l2_regularization=1.0,
                                           monotonic_cst=[int(f in MONOTONE_INCREASING) for f in FEATURE_NAMES],
                                           random_state=random_state),
            column=FEATURE_NAMES.index("decisive_channels"))),
    ])


def card_path_for(model_path: str | Path) -> Path:
    return Path(model_path).with_name(CARD_NAME)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def save_model(pipeline, path: str | Path, card: dict) -> dict:
    """Write ``path`` (skops) and its card (JSON + Markdown) beside it; returns the final card."""
    import sklearn
    import skops
    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    sio.dump(pipeline, tmp)
    untrusted = [t for t in sio.get_untrusted_types(file=tmp) if t not in TRUSTED_TYPES]
    if untrusted:
        tmp.unlink()
        raise ModelError(f"refusing to save: the pipeline holds types not on the load allow-list: {', '.join(untrusted)}")
    tmp.replace(path)
    card = dict(card)
    card.update({
        "format": FORMAT,
        "file": path.name,
        "sha256": _sha256(path),
        "bytes": path.stat().st_size,
        "sklearn_version": sklearn.__version__,
        "skops_version": skops.__version__,
        "numpy_version": np.__version__,
        "features": list(FEATURE_NAMES),
    })
    card.setdefault("threshold", 0.5)
    card.setdefault("version", "0")
    card_path_for(path).write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    path.with_name(CARD_MD).write_text(render_card_markdown(card), encoding="utf-8")
    return card


def load_model(path: str | Path | None = None) -> "FarmModel":
    """Load and verify a model; every failure is a one-line :class:`ModelError`."""
    import sklearn
    import skops.io as sio

    path = Path(path) if path else DEFAULT_MODEL
    if not path.is_file():
        raise ModelError(f"model file not found: {path} (train one with `farmwatch train --corpus DIR`)")
    cpath = card_path_for(path)
    try:
        card = json.loads(cpath.read_text(encoding="utf-8"))
        if not isinstance(card, dict):
            raise ValueError("not a JSON object")
    except FileNotFoundError:
        raise ModelError(f"model card not found: {cpath} (a model is only loaded with its card)") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"model card {cpath} is unreadable: {exc}") from None
    if card.get("format") != FORMAT:
        raise ModelError(f"model format mismatch: card says {card.get('format')!r}, this code reads {FORMAT!r}")
    if card.get("sklearn_version") != sklearn.__version__:
        raise ModelError(f"scikit-learn version mismatch: model built with {card.get('sklearn_version')}, "
                         f"installed {sklearn.__version__}; retrain with `farmwatch train`")
    if card.get("features") is not None and list(card["features"]) != list(FEATURE_NAMES):
        missing = [f for f in FEATURE_NAMES if f not in card["features"]]
        raise ModelError(f"model {card.get('version', '?')} was built for other features than this code measures "
                         f"({len(card['features'])} vs {len(FEATURE_NAMES)}{', new: ' + ', '.join(missing[:3]) if missing else ''}); "
                         "retrain with `farmwatch train` and promote the candidate")
    digest = _sha256(path)
    if digest != card.get("sha256"):
        raise ModelError(f"model file {path} does not match the sha256 in its card (tampered or replaced); refusing to load")
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # noqa: BLE001 - any failure here means the file is not a usable skops archive
        raise ModelError(f"model file {path} is corrupt: {type(exc).__name__}: {exc}") from None
    bad = [t for t in untrusted if t not in TRUSTED_TYPES]
    if bad:
        raise ModelError(f"model file {path} holds types outside the allow-list: {', '.join(bad[:5])}")
    try:
        pipeline = sio.load(path, trusted=list(untrusted))
    except Exception as exc:  # noqa: BLE001
        raise ModelError(f"model file {path} is corrupt: {type(exc).__name__}: {exc}") from None
    if not hasattr(pipeline, "named_steps") or "clf" not in pipeline.named_steps:
        raise ModelError(f"model file {path} is not a farmwatch pipeline")
    return FarmModel(pipeline, card)


@dataclass
class FarmModel:
    """A loaded pipeline plus its card; the crawler calls :meth:`classify_many` on every batch."""

    pipeline: object
    card: dict = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.card.get("version", "0"))

    @property
    def threshold(self) -> float:
        return float(self.card.get("threshold", 0.5))

    def score_many(self, docs: Sequence[Document]) -> np.ndarray:
        analyses = [analyse(d) for d in docs]
        return self._scores(analyses)

    def _scores(self, analyses) -> np.ndarray:
        if not analyses:
            return np.zeros(0)
        X = np.asarray([[a.values[k] for k in FEATURE_NAMES] for a in analyses], dtype=np.float64)
        feats = self.pipeline.named_steps["features"]
        X = np.clip(X, -feats.clip, feats.clip)
        return self.pipeline.named_steps["clf"].predict_proba(X)[:, 1]

    def classify_many(self, docs: Iterable[Document]) -> list[Verdict]:
        docs = list(docs)
        analyses = [analyse(d) for d in docs]
        scores = self._scores(analyses)
        out = []
        for doc, a, s in zip(docs, analyses, scores):
            evidence, brands, family = explain(doc, a)
            is_farm = bool(s >= self.threshold)
            if is_farm:
                # explain() offers the attribution line only when it found no farm mark; as the
                # reason for a farm verdict it would read as the opposite of one.
                evidence = [e for e in evidence if e != ATTRIBUTION_REASON] or [STATISTICS_REASON]
            out.append(Verdict(verdict=FARM if is_farm else LEGIT, score=float(s), evidence=evidence,
                               brands=brands if is_farm else [], family=family if is_farm else "",
                               model_version=self.version))
        return out

    def classify(self, doc: Document) -> Verdict:
        return self.classify_many([doc])[0]


# --------------------------------------------------------------------------- card

def _rate_cell(v: dict | None) -> str:
    if not v:
        return "–"
    return f"{v['flagged']}/{v['pages']} = {v['rate']:.2%} (≤ {v['upper95']:.2%})"


def _real_pages_markdown(m: dict) -> list[str]:
    """The card's ground truth: false flags on real legitimate pages, per set, kind and rendering."""
    lines: list[str] = []
    valid, held = m.get("validation") or {}, m.get("real_pages_heldout") or {}
    if not valid and not held:
        return lines
    lines += ["## Real legitimate pages (the ground truth)", "",
              "False flags at the threshold, with the upper end of the 95 % Wilson interval. *Validation group*: sets "
              "that no fit, threshold, simulator source or cut-off has read, scored by the shipped fit. *Training sets, "
              "held out by host*: out-of-fold scores (the model that scored a page never saw its host). HTML is scored "
              "with the page's URL, as a crawl scores it; text is the page saved as a reader sees it, without its URL; "
              "an excerpt is the first 2,000 characters of its reader text, scored with its URL and without (as a search "
              "result or a clipping reaches an analyst).", "",
              "| pages | HTML with URL | saved text | excerpt with URL | excerpt, no URL |", "|---|---|---|---|---|"]
    for name, block in (("**validation group**", valid), ("training sets, held out by host", held)):
        if block:
            fmt = block.get("fmt", {})
            lines.append(f"| {name} | {_rate_cell(fmt.get('html'))} | {_rate_cell(fmt.get('text'))} | "
                         f"{_rate_cell(fmt.get('excerpt'))} | {_rate_cell(fmt.get('bare-excerpt'))} |")
    for name, block in (("validation", valid), ("held out", held)):
        for st in sorted({g.split('/')[0] for g in (block.get("set") or {})}):
            sets = block["set"]
            lines.append(f"| {name}: {st} | {_rate_cell(sets.get(st + '/html'))} | {_rate_cell(sets.get(st + '/text'))} | "
                         f"{_rate_cell(sets.get(st + '/excerpt'))} | {_rate_cell(sets.get(st + '/bare-excerpt'))} |")
    lines.append("")
    kinds = {}
    for block in (valid, held):
        for g, v in (block.get("kind") or {}).items():
            k = kinds.setdefault(g, [0, 0])
            k[0] += v["flagged"]
            k[1] += v["pages"]
    if kinds:
        lines += ["Per page kind (validation and held-out together): " + ", ".join(
            f"{g} {k}/{n}" for g, (k, n) in sorted(kinds.items()) if "/" in g), ""]
    flagged = (valid.get("flagged") or []) + (held.get("flagged") or [])
    if flagged:
        lines += ["Flagged real pages (audited in docs/false-positives.md): " + ", ".join(f"`{f}`" for f in flagged), ""]
    trips = m.get("channel_trip_rates") or {}
    if trips:
        tr, va = trips.get("training_sets", {}), trips.get("validation", {})
        lines += ["### Artefact channels on real legitimate pages", "",
                  "How often each channel trips on real legitimate pages (budget: 1 in 500 = 0.2 % on the training sets).", "",
                  "Renderings: HTML, saved text, excerpt with URL, excerpt without.", "",
                  "| channel | decisive | training sets | validation |",
                  "|---|---|---|---|"]
        from classifier.channels import DECISIVE

        for name in tr:
            cells = [" / ".join(f"{d[name][f]['tripped']}" for f in d[name]) + f" of {max(v['pages'] for v in d[name].values())}"
                     if name in d else "–" for d in (tr, va)]
            lines.append(f"| {name} | {'yes' if name in DECISIVE else 'no'} | " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _real_farm_markdown(r: dict | None) -> list[str]:
    """Recall on a labelled set of real farm pages (``farmwatch recall --format json``), if the card carries one."""
    if not r or not r.get("families"):
        return []
    lines = ["## Real farm pages", "", str(r.get("about", "")), "",
             "| family | pages | with URL | bare text |", "|---|---|---|---|"]
    for fam, v in r["families"].items():
        lines.append(f"| {fam} | {v['pages']} | {v['url']} ({v['url_rate']:.0%}) | {v['text']} ({v['text_rate']:.0%}) |")
    f = r.get("farm") or {}
    if f.get("pages"):
        lines.append(f"| all farm pages | {f['pages']} | {f['url']} ({f['url_rate']:.0%}) | {f['text']} ({f['text_rate']:.0%}) |")
    return lines + [""]


def render_card_markdown(card: dict) -> str:
    m = card.get("metrics", {})
    lines = [f"# farmwatch content-farm model {card.get('version', '')}", "",
             card.get("summary", "Gradient-boosted trees over farm signals (no body vocabulary)."), "",
             "| | |", "|---|---|",
             f"| file | `{card.get('file')}` ({card.get('bytes')} bytes) |",
             f"| sha256 | `{card.get('sha256')}` |",
             f"| format | {card.get('format')} |",
             f"| threshold | {card.get('threshold')} ({card.get('threshold_rule', '')}) |",
             f"| scikit-learn / skops / numpy | {card.get('sklearn_version')} / {card.get('skops_version')} / {card.get('numpy_version')} |",
             f"| trained | {card.get('trained_at', '')} with seed {card.get('seed', '')} |", ""]
    if card.get("notes"):  # what the figures mean and where they miss, in words (kept by `farmwatch evaluate`)
        lines += ["## Read this first", ""] + [f"- {n}" for n in card["notes"]] + [""]
    if card.get("data"):
        lines += ["## Data", "", "```", json.dumps(card["data"], indent=1, sort_keys=True), "```", ""]
    if card.get("split"):
        lines += ["## Split", "", str(card["split"]), ""]
    if m:
        lines += ["## Held-out figures (sites never seen in training)", "", "| metric | value |", "|---|---|"]
        for k in ("precision", "recall", "f1", "roc_auc", "fpr", "fpr_real_pages", "fpr_hard_negatives", "recall_html", "recall_text",
                  "recall_excerpt", "recall_bare_excerpt"):
            if k in m:
                lines.append(f"| {k} | {m[k]} |")
        lines.append("")
        lines += _real_pages_markdown(m)
        lines += _real_farm_markdown(card.get("real_farm_excerpts"))
        if m.get("lofo_recall"):
            by_seed = m.get("lofo_recall_by_seed") or {}
            lines += ["### Leave-one-family-out recall (trained without the family, tested on it)", ""]
            if by_seed:
                lines += [f"Mean and worst over {len(by_seed)} simulated datasets (seed: threshold "
                          + ", ".join(f"{s}: {t}" for s, t in (m.get("lofo_thresholds") or {}).items()) + ").", ""]
            lines += ["| family | mean recall | worst | " + " | ".join(f"seed {s}" for s in by_seed)
                      + (" | " if by_seed else "") + "target ≥ 0.90 (mean) |",
                      "|---|---|---|" + "---|" * len(by_seed) + "---|"]
            for fam, r in m["lofo_recall"].items():
                per = "".join(f"{rec.get(fam)} | " for rec in by_seed.values())
                verdict = "met" if r is not None and r >= 0.9 else "MISSED"
                lines.append(f"| {fam} | {r} | {(m.get('lofo_recall_min') or {}).get(fam, r)} | {per}{verdict} |")
            lines.append("")
        if m.get("per_family_recall"):
            lines += ["### Recall per family (all families in training)", "", "| family | recall |", "|---|---|"]
            lines += [f"| {k} | {v} |" for k, v in m["per_family_recall"].items()] + [""]
    if card.get("seeds"):
        lines += ["## Seeds", "", "| file | label | score | verdict | right |", "|---|---|---|---|---|"]
        for s in card["seeds"]:
            lines.append(f"| {s['file']} | {s['label']} | {s['score']} | {s['verdict']} | {'yes' if s['right'] else 'NO'} |")
        lines.append("")
    if card.get("targets"):
        lines += ["## Targets", "", "```", json.dumps(card["targets"], indent=1, sort_keys=True), "```", ""]
    lines += ["## Features", "", ", ".join(card.get("features", [])), ""]
    return "\n".join(lines)
