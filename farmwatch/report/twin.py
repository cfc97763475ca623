"""A flagged page against its legitimate twin: what is shared, what changed, word by word.

Farms copy with the typography changed (curly quotes straightened, dashes swapped, spaces
doubled), so text is normalised before it is compared: otherwise a sentence that differs only in
its quotes is listed as "added" next to a "100 % shared". The share is computed from the same
sentence comparison that produces the listed lines, so the two always agree.
"""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
                         "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
                         "…": "...", "\u00ad": None, "\u200b": None})
_WS = re.compile(r"\s+")
# A farm sentence this close (word-level ratio) to one of the twin's is an edit of it, shown as a
# word diff; below, it is text the twin does not have.
EDIT_RATIO = 0.5


def normalise(text: str) -> str:
    """Compatibility forms, straight quotes, plain hyphens, one space: what a reader would call equal."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text or "").translate(_QUOTES)).strip()


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(normalise(text)) if s]  # normalised once, then split


def _key(sentence: str) -> str:
    return sentence.lower()


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``[("same"|"add"|"del", text), ...]`` turning ``old`` into ``new`` word by word."""
    a, b = old.split(), new.split()
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("same", " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(("del", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(("add", " ".join(b[j1:j2])))
    return ops


def compare(farm_text: str, twin_text: str, limit: int = 3) -> dict:
    """``shared`` (share of the farm page's words in sentences the twin has, after normalising),
    ``sentences`` / ``changed_sentences`` counts, ``changed`` (up to ``limit`` sentences, each with
    its word diff against the twin's closest sentence, or all added) and ``more`` (not listed)."""
    farm = _sentences(farm_text)
    twin = _sentences(twin_text)
    twin_keys = {_key(s) for s in twin}
    twin_words = [(t, t.lower().split(), set(t.lower().split())) for t in twin]
    total_words = sum(len(s.split()) for s in farm) or 1
    shared_words = 0
    changed = []
    n_changed = 0
    for s in farm:
        if _key(s) in twin_keys:
            shared_words += len(s.split())
            continue
        n_changed += 1
        if len(changed) >= limit:
            continue
        words = s.lower().split()
        best, ratio = None, 0.0
        # The word diff is quadratic: only the few twin sentences sharing the most words are tried
        # (a report lists thousands of pages, each against a whole article).
        mine = set(words)
        likely = heapq.nlargest(3, twin_words, key=lambda tw: len(mine & tw[2]))
        for t, t_words, _ in likely:
            r = difflib.SequenceMatcher(None, t_words, words, autojunk=False).ratio()
            if r > ratio:
                best, ratio = t, r
        if best is not None and ratio >= EDIT_RATIO:
            changed.append({"text": s, "edit_of": best, "diff": word_diff(best, s)})
        else:
            changed.append({"text": s, "edit_of": None, "diff": [("add", s)]})
    return {"shared": round(shared_words / total_words, 4), "sentences": len(farm),
            "changed_sentences": n_changed, "changed": changed, "more": n_changed - len(changed)}
