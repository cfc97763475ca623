"""Trained models as proposals: candidates beside the shipped model, promotion, a way back, comparison.

Retraining once overwrote the shipped model with a worse one and nothing compared them, so a
model now moves through three places under the models folder (``models/`` by default):

* ``candidates/<version>/`` — what ``farmwatch train`` writes: model, card, ``comparison.json``;
* ``farmwatch.skops`` + ``model-card.json`` — the current model, which crawls and ``classify`` load;
* ``previous/`` — the model that was current before the last promotion.

``promote(root, version)`` copies a candidate over the current model after moving the current one
to ``previous/``; ``promote_previous(root)`` swaps them back (and again: it is a toggle). Every
model is loaded through :func:`classifier.model.load_model` before and after it moves, so the
sha256 in its card is checked at each step and a damaged file is never made current.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from classifier.model import CARD_MD, CARD_NAME, DEFAULT_MODEL, FarmModel, ModelError, load_model

MODEL_FILE = DEFAULT_MODEL.name
CANDIDATES = "candidates"
PREVIOUS = "previous"
COMPARISON = "comparison.json"
# A review contradicts the model when it calls pages legit that scored at least this (or farm that
# scored at most 1 - this): the cases where one mistaken review teaches the model the most damage.
STRONG = 0.95
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


class RegistryError(RuntimeError):
    """A model cannot be found or moved: one line for the user, nothing changed."""


@dataclass
class Entry:
    role: str  # current, previous or candidate
    path: Path
    card: dict

    @property
    def version(self) -> str:
        return str(self.card.get("version", "?"))


def _card(model_path: Path) -> dict | None:
    try:
        card = json.loads((model_path.parent / CARD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return card if isinstance(card, dict) else None


def entries(root: Path) -> list[Entry]:
    """The current model, the previous one, then candidates newest first (those with a card)."""
    root = Path(root)
    out = []
    for role, path in (("current", root / MODEL_FILE), ("previous", root / PREVIOUS / MODEL_FILE)):
        card = _card(path) if path.is_file() else None
        if card is not None:
            out.append(Entry(role, path, card))
    found = []
    for d in sorted((root / CANDIDATES).glob("*/")) if (root / CANDIDATES).is_dir() else []:
        card = _card(d / MODEL_FILE) if (d / MODEL_FILE).is_file() else None
        if card is not None:
            found.append(Entry("candidate", d / MODEL_FILE, card))
    found.sort(key=lambda e: (str(e.card.get("trained_at", "")), e.path.parent.name), reverse=True)
    return out + found


def candidate(root: Path, version: str) -> Path:
    """The candidate model file of ``version``, or a RegistryError naming the ones there are."""
    path = Path(root) / CANDIDATES / version / MODEL_FILE
    if not _VERSION.match(version) or not path.is_file():
        have = [e.path.parent.name for e in entries(root) if e.role == "candidate"]
        raise RegistryError(f"no candidate model {version!r} in {Path(root) / CANDIDATES}"
                            + (f" (candidates: {', '.join(have)})" if have else " (train one with `farmwatch train`)"))
    return path


def new_candidate_dir(root: Path, version: str) -> Path:
    """``candidates/<version>``; ``<version>-2``, ``-3`` … when a model of that minute is already there."""
    base = Path(root) / CANDIDATES
    name, n = version, 1
    while (base / name).exists():
        n += 1
        name = f"{version}-{n}"
    return base / name


def _copy_model(src: Path, dst_dir: Path) -> None:
    """Model file, card and Markdown card of ``src`` into ``dst_dir``, each written whole then renamed."""
    dst_dir.mkdir(parents=True, exist_ok=True)
    for name in (MODEL_FILE, CARD_NAME, CARD_MD):
        source = src.parent / name
        if not source.is_file():
            continue
        tmp = dst_dir / f".{name}.tmp"
        shutil.copyfile(source, tmp)
        os.replace(tmp, dst_dir / name)


def _verified(path: Path, what: str) -> FarmModel:
    try:
        return load_model(path)
    except ModelError as exc:
        raise RegistryError(f"{what} is not usable, nothing changed: {exc}") from None


def _card_of(path: Path) -> dict | None:
    """A model's card as written, without loading the model (None when unreadable)."""
    try:
        card = json.loads((Path(path).parent / CARD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return card if isinstance(card, dict) else None


def _version_of(path: Path) -> str | None:
    """The version a model's card names, without loading it: the model being replaced need not run with
    this code (after an upgrade that adds a feature it cannot), it only moves to ``previous/``."""
    card = _card_of(path)
    return str(card.get("version")) if card else None


def promote(root: Path, version: str) -> tuple[str | None, str]:
    """Make candidate ``version`` the current model; the current one becomes ``previous/``.

    Returns (version that was current, version now current)."""
    root = Path(root)
    new = _verified(candidate(root, version), f"candidate {version}")
    current = root / MODEL_FILE
    old = _version_of(current) if current.is_file() else None
    if current.is_file():
        _copy_model(current, root / PREVIOUS)
    _copy_model(candidate(root, version), root)
    _verified(current, "the promoted model")
    return old, new.version


def promote_previous(root: Path) -> tuple[str, str]:
    """Go back to the previous model; the one replaced becomes ``previous/`` (so this toggles)."""
    root = Path(root)
    prev = root / PREVIOUS / MODEL_FILE
    if not prev.is_file():
        raise RegistryError(f"no previous model in {root / PREVIOUS} (nothing was promoted yet)")
    back = _verified(prev, "the previous model")
    current = root / MODEL_FILE
    old = _verified(current, "the current model").version
    swap = root / f".swap-{os.getpid()}"
    try:
        _copy_model(current, swap)
        _copy_model(prev, root)
        _copy_model(swap / MODEL_FILE, root / PREVIOUS)
    finally:
        shutil.rmtree(swap, ignore_errors=True)
    _verified(current, "the restored model")
    return old, back.version


# --------------------------------------------------------------------------- comparison


def _figure(m: dict, key: str):
    v = m.get(key)
    return round(float(v), 4) if isinstance(v, (int, float)) else None


def compare_cards(current: dict | None, cand: dict) -> list[tuple[str, object, object]]:
    """(measure, current, candidate) rows from the two cards' held-out figures.

    Both cards were measured the same way (the site-split held-out evaluation of ``train``), so
    the figures answer "which model does better on pages from sites it never saw"."""
    cur = current or {}
    cm, nm = cur.get("metrics", {}), cand.get("metrics", {})
    rows: list[tuple[str, object, object]] = [
        ("version", cur.get("version"), cand.get("version")),
        ("threshold", _figure(cur, "threshold"), _figure(cand, "threshold")),
    ]
    for key in ("precision", "recall", "fpr", "fpr_real_pages"):
        rows.append((key.replace("_", " "), _figure(cm, key), _figure(nm, key)))
    for label, key in (("recall", "per_family_recall"), ("leave-one-family-out recall", "lofo_recall")):
        fams = sorted(set(cm.get(key) or {}) | set(nm.get(key) or {}), key=_family_order)
        rows += [(f"{label} {f}", (cm.get(key) or {}).get(f), (nm.get(key) or {}).get(f)) for f in fams]
    cs = {s["file"]: s for s in cur.get("seeds") or []}
    for s in cand.get("seeds") or []:
        was = cs.get(s["file"], {})
        rows.append((f"seed {s['file']} ({s['label']})", was.get("score"), s.get("score")))
    return rows


def _family_order(fam: str) -> tuple:
    m = re.match(r"F(\d+)(\w*)", fam)
    return (int(m.group(1)), m.group(2)) if m else (999, fam)


def _stored_docs(store, pages: Iterable[dict]):
    """Stored pages rebuilt as text documents: both models judge the same stored text."""
    from classifier.document import DocumentError, from_text

    for p in pages:
        body = p.get("main_text") or ""
        try:
            yield p, from_text(f"{p.get('title') or ''}\n{body}", url=p.get("url") or "")
        except DocumentError:
            continue


def _score_both(current: FarmModel | None, cand: FarmModel, docs: list) -> list[tuple[float | None, float]]:
    from classifier.features import analyse

    analyses = [analyse(d) for d in docs]  # measured once, scored by both models
    new = cand._scores(analyses)
    old = current._scores(analyses) if current else [None] * len(docs)
    return list(zip(old, new))


def stored_changes(store, current: FarmModel | None, cand: FarmModel, *, batch: int = 256,
                   progress: Callable[[int], None] | None = None) -> dict:
    """Stored pages whose verdict the candidate would change, and the reviews it contradicts.

    Each page is rebuilt from its stored text (the store keeps no HTML) and scored by both models,
    so a change is the models' difference, not the difference between HTML and text."""
    reviews = {k: store.latest_reviews(k) for k in ("site", "page")}
    cols = ["url", "site", "title", "main_text", "score"]
    changed, seen = [], 0
    by_review: dict[tuple[str, str], list[tuple[float, float | None, float]]] = {}
    pages = store.iter_pages(columns=cols)
    while True:
        chunk = list(_stored_docs(store, (p for _, p in zip(range(batch), pages))))
        if not chunk:
            break
        for (p, _doc), (old, new) in zip(chunk, _score_both(current, cand, [d for _, d in chunk])):
            seen += 1
            was = (old >= current.threshold) if current else (p["table"] == "farm_pages")
            now = new >= cand.threshold
            if was != now:
                changed.append({"url": p["canonical_url"], "site": p["site"], "stored_score": p["score"],
                                "current": None if old is None else round(float(old), 4),
                                "candidate": round(float(new), 4), "to": "farm" if now else "legit"})
            for key in (("page", p["canonical_url"]), ("site", p["site"])):
                if key[1] in reviews[key[0]]:
                    by_review.setdefault(key, []).append((float(p["score"] or 0.0), old, float(new)))
        if progress:
            progress(seen)
    return {"pages": seen, "changed": changed, "contradictions": _contradictions(reviews, by_review)}


def _contradictions(reviews: dict, by_review: dict) -> list[dict]:
    out = []
    for (kind, target), scored in sorted(by_review.items()):
        r = reviews[kind][target]
        if r["label"] == "legit":
            strong = sum(1 for s, _, _ in scored if s >= STRONG)
        elif r["label"] == "farm":
            strong = sum(1 for s, _, _ in scored if s <= 1 - STRONG)
        else:
            continue
        if not strong:
            continue
        olds = [o for _, o, _ in scored if o is not None]
        out.append({"id": r["id"], "kind": kind, "target": target, "label": r["label"], "reviewer": r["reviewer"],
                    "at": r["at"], "note": r["note"], "pages": len(scored), "strong": strong,
                    "mean_current": round(sum(olds) / len(olds), 4) if olds else None,
                    "mean_candidate": round(sum(n for _, _, n in scored) / len(scored), 4)})
    return out


def comparison_lines(rows: list[tuple[str, object, object]], stored: dict | None, limit: int = 20) -> list[str]:
    """The comparison as people read it: a table of figures, then what it would change."""
    from farmwatch.console import table

    def show(v):
        return "—" if v is None else str(v)

    def delta(a, b):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
            d = round(b - a, 4)
            return f"{d:+.4f}" if d else "="
        return ""

    lines = table(["measure", "current", "candidate", "change"],
                  [[k, show(a), show(b), delta(a, b)] for k, a, b in rows], right=(1, 2, 3), last_free=False)
    if stored is None:
        return lines + ["(give --db to see which stored pages would change verdict and which reviews contradict "
                        "the model)"]
    lines.append("")
    against = stored.get("against") or "both models scoring the stored text"
    lines.append(f"stored pages that would change verdict: {len(stored['changed'])} of {stored['pages']} ({against})")
    if stored["changed"]:
        lines += ["  " + ln for ln in table(
            ["page", "current", "candidate", "→"],
            [[c["url"], show(c["current"]), c["candidate"], c["to"]] for c in stored["changed"][:limit]],
            right=(1, 2), last_free=False)]
        if len(stored["changed"]) > limit:
            lines.append(f"  … and {len(stored['changed']) - limit} more (all in {COMPARISON})")
    for c in stored["contradictions"]:
        lines.append(f"WARNING: review {c['id']} ({c['kind']} {c['target']} → {c['label']}, by {c['reviewer']} "
                     f"{str(c['at'])[:10]}{': ' + c['note'] if c['note'] else ''}) contradicts {c['strong']} of "
                     f"its {c['pages']} pages scored {'≥' if c['label'] == 'legit' else '≤'} "
                     f"{STRONG if c['label'] == 'legit' else round(1 - STRONG, 2)}; their mean score moves "
                     f"{show(c['mean_current'])} → {c['mean_candidate']} with the candidate")
    if stored["contradictions"]:
        lines.append("  check these reviews (`farmwatch review --list`, `farmwatch review withdraw ID`) before "
                     "promoting")
    return lines


def compare(root: Path, cand_path: Path, store=None, progress: Callable[[int], None] | None = None) -> dict:
    """Everything the comparison says, as data (written to ``comparison.json`` beside the candidate)."""
    from classifier.features import FEATURE_NAMES

    cand = _verified(cand_path, "the candidate")
    cur_path = Path(root) / MODEL_FILE
    # A current model built for other features cannot score today's documents, and loading refuses it (a
    # retrain after a feature change is exactly when this runs): its card still compares, and stored pages
    # are compared with the verdicts it stored.
    scorer, current_card = None, None
    if cur_path.is_file():
        card = _card_of(cur_path)
        if card is not None and card.get("features") not in (None, list(FEATURE_NAMES)):
            current_card = card
        else:
            scorer = _verified(cur_path, "the current model")
            current_card = scorer.card
    current_version = str(current_card.get("version")) if current_card else None
    rows = compare_cards(current_card, cand.card)
    stored = stored_changes(store, scorer, cand, progress=progress) if store is not None else None
    if stored is not None and current_card and scorer is None:
        stored["against"] = f"stored verdicts (model {current_version} was built for other features)"
    return {"current": current_version, "candidate": cand.version,
            "figures": [list(r) for r in rows], "stored": stored,
            "compared_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


# --------------------------------------------------------------------------- training progress

# What share of a training run is done once ``train`` logs each stage, from the stage structure
# (build the dataset, featurise, 5-fold site split, 11 leave-one-family-out fits per simulated
# dataset, the final fit): the leave-one-family-out fits are most of the time.
def stage_shares(lofo_seeds: int, lofo: bool) -> list[tuple[re.Pattern, float]]:
    build, heldout, per_lofo, final = 1.0, 3.0, 5.0, 1.0
    datasets = lofo_seeds if lofo else 1
    total = build + heldout + final + (per_lofo + (datasets - 1) * (build + heldout + per_lofo) if lofo else 0)
    marks = [(re.compile(r"^\d+ rows"), build), (re.compile(r"^held-out:"), build + heldout)]
    done = build + heldout
    if lofo:
        done += per_lofo
        for k in range(1, datasets):
            marks.append((re.compile(rf"^leave-one-family-out on a dataset simulated with seed \d+ \({k + 1}/"), done))
            done += build + heldout + per_lofo
    marks.append((re.compile(r"^fitting the final model"), done))
    marks.append((re.compile(r"^wrote "), total))
    return [(rx, share / total) for rx, share in marks]


class TrainingProgress:
    """Turns ``train``'s stage messages into ``train: 35% done, 5 min 10 s elapsed, about 9 min left``."""

    def __init__(self, lofo_seeds: int, lofo: bool, stream=None, clock=time.monotonic):
        import sys

        self.marks = stage_shares(lofo_seeds, lofo)
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.start = clock()
        self.done = 0.0
        self.rows_seen = 0

    def __call__(self, message: str) -> None:
        from farmwatch.console import duration

        for i, (rx, share) in enumerate(self.marks):
            if rx.search(message) and share > self.done:
                if rx.pattern.startswith("^\\d+ rows") and self.done:
                    continue  # a rebuilt dataset: its share comes with the leave-one-family-out mark
                self.done = share
                break
        else:
            return
        elapsed = self.clock() - self.start
        text = f"train: {self.done:.0%} done, {duration(elapsed)} elapsed"
        if 0 < self.done < 1:
            text += f", about {duration(elapsed / self.done * (1 - self.done))} left"
        print(text, file=self.stream, flush=True)
