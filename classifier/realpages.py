"""Real pages of ``../shared/corpus``: the ground truth every figure of the card is measured on.

Each set lives in its own layout (six ``pages/`` folders with an ``INDEX.tsv``, Mozilla's
``test-pages/`` and Scrapinghub's ``ground-truth.json``); this module lists them all as
:class:`RealPage` rows with the page's URL, host, language, kind and *group* (the registered
domain, joined across sets: nytimes.com in two sets is one group) and renders a page the two ways
farmwatch meets pages:

* ``"html"``: the HTML with the page's URL, exactly as a crawl scores it;
* ``"text"``: the visible text a reader saves (title line, then the reader lines), no URL, the way
  the seeds in ``../shared/seeds`` are saved.

The split between the sets the model may learn from and the **validation group** (sets that
nothing touches: not training, not the simulator's sources, not the threshold, not a feature's
cut-off) is decided here once, so that training, evaluation and every audit read the same one.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from classifier.document import Document, DocumentError, from_html, from_text

__all__ = ["RealPage", "ALL_SETS", "VALIDATION_SETS", "TRAINING_SETS", "list_pages", "render", "as_saved_text", "excerpt_text", "RENDERINGS", "EXCERPT_CHARS",
           "wilson_upper", "group_of"]

# The validation group: fundus (news of 2023-26, 21 languages), postlight-parser and metascraper.
# Chosen before any of their pages was looked at by a feature or a threshold; every page of a host
# that also appears here is kept out of training as well (a host is one group across all sets).
VALIDATION_SETS = ("fundus", "postlight-parser", "metascraper")
TRAINING_SETS = ("mozilla-readability", "scrapinghub-aeb", "trafilatura-eval", "wcxb", "formasaurus")
ALL_SETS = TRAINING_SETS + VALIDATION_SETS
_INDEXED = ("trafilatura-eval", "fundus", "postlight-parser", "metascraper", "wcxb", "formasaurus")


@dataclass(frozen=True)
class RealPage:
    """One real page of the corpus (its bytes are read on demand: 3,500 pages are ~150 MB of HTML)."""

    set: str
    id: str
    url: str
    host: str
    lang: str
    kind: str
    path: Path
    group: str

    @property
    def key(self) -> str:
        return f"{self.set}:{self.id}"

    def read(self) -> bytes:
        raw = self.path.read_bytes()
        return gzip.decompress(raw) if self.path.name.endswith(".gz") else raw


def group_of(url_or_host: str) -> str:
    """The registered domain's label, the unit of every split (``www.nytimes.com`` → ``nytimes``)."""
    from classifier.corpus import site_of

    return site_of(url_or_host)


def _mozilla_group(name: str) -> str:
    # ``nytimes-3`` → nytimes: Mozilla's test pages carry no URL, only the site in their name.
    return re.split(r"[-_]", name)[0].lower()


def _indexed(corpus: Path, name: str) -> Iterator[RealPage]:
    index = corpus / name / "INDEX.tsv"
    if not index.is_file():
        return
    with open(index, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            f = corpus / name / "pages" / f"{row['id']}.html.gz"
            if not f.is_file():
                continue
            url = (row.get("url") or "").strip()
            host = (row.get("host") or "").strip().lower()
            yield RealPage(name, row["id"], url, host, (row.get("lang") or "").split("-")[0].lower(),
                           (row.get("kind") or "page").strip() or "page", f, group_of(host or url) if (host or url) else f"{name}-{row['id']}")


def _mozilla(corpus: Path) -> Iterator[RealPage]:
    root = corpus / "mozilla-readability"
    meta: dict[str, dict] = {}
    if (root / "INDEX.tsv").is_file():
        with open(root / "INDEX.tsv", encoding="utf-8", newline="") as fh:
            meta = {r["dir"]: r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}
    pages = root / "test-pages"
    if not pages.is_dir():
        return
    for d in sorted(pages.iterdir()):
        f = d / "source.html"
        if f.is_file():
            m = meta.get(d.name, {})
            yield RealPage("mozilla-readability", d.name, "", "", (m.get("lang") or "").split("-")[0].lower(),
                           m.get("kind") or "page", f, _mozilla_group(d.name))


def _aeb(corpus: Path) -> Iterator[RealPage]:
    root = corpus / "scrapinghub-aeb"
    truth_file = root / "ground-truth.json"
    if not truth_file.is_file():
        return
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for pid in sorted(truth):
        f = root / "html" / f"{pid}.html.gz"
        if f.is_file():
            url = truth[pid].get("url", "") or ""
            host = (re.match(r"https?://([^/:]+)", url) or [None, ""])[1].lower()
            yield RealPage("scrapinghub-aeb", pid, url, host, "", "news", f, group_of(url) if url else f"aeb-{pid[:8]}")


def list_pages(corpus: str | Path, sets: Iterable[str] = ALL_SETS) -> list[RealPage]:
    """Every real page of ``sets`` found under ``corpus`` (a missing set contributes nothing)."""
    corpus = Path(corpus)
    out: list[RealPage] = []
    for name in sets:
        if name == "mozilla-readability":
            out += _mozilla(corpus)
        elif name == "scrapinghub-aeb":
            out += _aeb(corpus)
        elif name in _INDEXED:
            out += _indexed(corpus, name)
        else:
            raise ValueError(f"unknown corpus set {name!r} (known: {', '.join(ALL_SETS)})")
    return out


def as_saved_text(doc: Document) -> str:
    """The page as a reader saves it: the title line, then every visible line (like the seeds)."""
    title = doc.title or doc.headline or ""
    lines = doc.lines
    if lines and lines[0] == title:
        lines = lines[1:]
    return "\n".join([title] + lines)


EXCERPT_CHARS = 2000
RENDERINGS = ("html", "text", "excerpt", "bare-excerpt")


def excerpt_text(doc: Document, limit: int = EXCERPT_CHARS) -> str:
    """The start of a page's reader text as a search result, a clipping or a shared note keeps it: the
    title, then the article (the visible page where no article was found), cut at ``limit`` characters,
    mid-word as those tools cut.

    Farm pages reach analysts this way as often as whole: the team's real-farm measure is such excerpts,
    scored with and without their URL. A model that only ever met legitimate text *without* a URL learns
    that a text carrying one is a farm's (it flagged 40 of 58 real legitimate excerpts scored with their
    URLs), so both classes are rendered this way, with the page's URL (``"excerpt"``) and without
    (``"bare-excerpt"``), equally often.
    """
    title = doc.title or doc.headline or ""
    body = doc.main_text if len(doc.main_text) >= 200 else "\n".join(doc.lines)
    if body.startswith(title):
        body = body[len(title):].lstrip("\n")
    return "\n".join(x for x in (title, body) if x)[:limit]


def render(page: RealPage, how: str = "html", html_doc: Document | None = None) -> Document:
    """``page`` as farmwatch meets it: ``"html"`` with its URL (a crawl), ``"text"`` saved without one,
    ``"excerpt"`` the start of its reader text with its URL (:func:`excerpt_text`), ``"bare-excerpt"`` without.

    ``html_doc`` (the page's HTML rendering) saves parsing the bytes twice for the text rendering.
    """
    if how == "html":
        return from_html(page.read(), url=page.url)
    if how == "text":
        doc = html_doc if html_doc is not None else from_html(page.read(), url=page.url)
        return from_text(as_saved_text(doc), url="")
    if how in ("excerpt", "bare-excerpt"):
        doc = html_doc if html_doc is not None else from_html(page.read(), url=page.url)
        return from_text(excerpt_text(doc), url=page.url if how == "excerpt" else "")
    raise ValueError(f"unknown rendering {how!r}")


def wilson_upper(k: int, n: int, z: float = 1.959964) -> float | None:
    """Upper end of the 95 % Wilson interval for a rate of ``k`` in ``n`` (None for n = 0).

    With 0 false flags in 300 pages the rate is 0 but the bound is 1.3 %: the card reports both,
    so a small set cannot pass for proof.
    """
    if n <= 0:
        return None
    p = k / n
    denom = 1 + z * z / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return min(1.0, (centre + spread) / denom)


def _progress(msg: str) -> None:
    print(f"[realpages] {msg}", file=sys.stderr, flush=True)


def parse_all(pages: list[RealPage], renderings: tuple[str, ...] = RENDERINGS) -> dict[tuple[str, str], Document]:
    """``{(page.key, rendering): Document}`` for every page that parses; a page that does not is skipped."""
    out: dict[tuple[str, str], Document] = {}
    for i, p in enumerate(pages):
        try:
            doc = render(p, "html")
        except (DocumentError, OSError, EOFError) as exc:
            _progress(f"skip {p.key}: {exc}")
            continue
        if "html" in renderings:
            out[(p.key, "html")] = doc
        for how in renderings:
            if how == "html":
                continue
            try:
                out[(p.key, how)] = render(p, how, html_doc=doc)
            except DocumentError:
                pass
        if (i + 1) % 500 == 0:
            _progress(f"parsed {i + 1}/{len(pages)} real pages")
    return out


# --------------------------------------------------------------------------- measured once per corpus

@dataclass
class RealData:
    """The real pages as training and validation rows, measured once (features and channel trips).

    ``train_rows`` are the legitimate pages of :data:`TRAINING_SETS` beyond the two older sets
    (Mozilla's and Scrapinghub's pages are simulator sources and enter the dataset through
    :func:`classifier.corpus.build_dataset`), minus every host of the validation group, plus the
    corpus pages an analyst labelled farm (``classifier/data/corpus-labels.tsv``). ``valid_rows`` are
    the validation group's pages, which no fit, threshold or cut-off ever reads.
    """

    train_rows: list
    train_X: "np.ndarray"
    train_channels: "np.ndarray"  # bool, one column per channel (classifier.channels.CHANNELS order)
    valid_rows: list
    valid_X: "np.ndarray"
    valid_channels: "np.ndarray"
    valid_groups: frozenset
    labels: dict  # page key -> "farm" for the corpus pages labelled farm
    source_rows: list = None  # the simulator's sources (Mozilla, Scrapinghub) as a crawl meets them: audit only
    source_channels: "np.ndarray" = None

    def empty(self) -> bool:
        return not self.train_rows and not self.valid_rows


LABELS_FILE = Path(__file__).resolve().parent / "data" / "corpus-labels.tsv"


def corpus_labels(path: Path = LABELS_FILE) -> dict[str, str]:
    """``{"wcxb:0282": "farm", ...}``: corpus pages an analyst judged farms (see docs/false-positives.md)."""
    out: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith(("#", "key\t")):
                continue
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1].strip() in ("farm", "legit"):
                out[parts[0].strip()] = parts[1].strip()
    return out


def measure(docs: list[Document]) -> tuple["np.ndarray", "np.ndarray"]:
    """Feature matrix and channel-trip matrix of ``docs`` (one analysis each)."""
    import numpy as np

    from classifier.channels import CHANNELS
    from classifier.features import FEATURE_NAMES, _artefact_channels, analyse

    X = np.zeros((len(docs), len(FEATURE_NAMES)))
    C = np.zeros((len(docs), len(CHANNELS)), dtype=bool)
    for i, d in enumerate(docs):
        a = analyse(d)
        X[i] = [a.values[k] for k in FEATURE_NAMES]
        C[i] = list(_artefact_channels(a.values, d.main_text or "").values())
        if (i + 1) % 1000 == 0:
            _progress(f"measured {i + 1}/{len(docs)} real renderings")
    return np.clip(X, -1e4, 1e4), C


_CACHE: dict[str, RealData] = {}


def load_real(corpus: str | Path) -> RealData:
    """Real training and validation rows of ``corpus`` (parsed and measured once per process)."""
    from classifier.corpus import Row

    key = str(Path(corpus).resolve())
    if key in _CACHE:
        return _CACHE[key]
    pages = list_pages(corpus)
    valid_groups = frozenset(p.group for p in pages if p.set in VALIDATION_SETS)
    labels = corpus_labels()
    wanted = [p for p in pages if p.set in VALIDATION_SETS or p.group not in valid_groups]
    _progress(f"{len(wanted)} real pages to measure ({len(valid_groups)} validation hosts held out of training)")
    docs = parse_all(wanted)
    parts: dict[str, tuple[list, list]] = {"train": ([], []), "valid": ([], []), "source": ([], [])}
    for p in wanted:
        part = ("valid" if p.set in VALIDATION_SETS
                else "source" if p.set in ("mozilla-readability", "scrapinghub-aeb") else "train")
        for how in RENDERINGS:
            doc = docs.get((p.key, how))
            if doc is None:
                continue
            label = 1 if labels.get(p.key) == "farm" else 0
            parts[part][0].append(Row(doc, label, "real" if not label else "real-farm", p.group, how, p.key, kind=p.kind))
            parts[part][1].append(doc)
    tX, tC = measure(parts["train"][1])
    vX, vC = measure(parts["valid"][1])
    _, sC = measure(parts["source"][1])
    data = RealData(parts["train"][0], tX, tC, parts["valid"][0], vX, vC, valid_groups, labels, parts["source"][0], sC)
    _CACHE[key] = data
    return data


_ORIGIN_SETS = {"mozilla": "mozilla-readability", "aeb": "scrapinghub-aeb"}


def set_of(row) -> str:
    """The corpus set a row's page comes from ("trafilatura-eval", "mozilla-readability", "sampleweb", ...)."""
    prefix = row.origin.split(":", 1)[0]
    return _ORIGIN_SETS.get(prefix, prefix)


def rates(flags, rows, *, by=("set", "kind", "fmt")) -> dict:
    """False-flag rates of legitimate ``rows`` (``flags[i]`` true when row i was flagged), grouped.

    Every group gets its count, its rate and the upper end of its 95 % Wilson interval, so that 0
    flags in 86 pages reads as "at most 4.3 %", not as proof. Also returns the flagged pages.
    """
    keyf = {"set": set_of, "kind": lambda r: r.kind or "?", "fmt": lambda r: r.fmt}
    out: dict = {}
    for dim in by:
        groups: dict[str, list[int]] = {}
        for f, r in zip(flags, rows):
            if r.label:
                continue
            for g in (keyf[dim](r), f"{keyf[dim](r)}/{r.fmt}") if dim != "fmt" else (keyf[dim](r),):
                k_n = groups.setdefault(g, [0, 0])
                k_n[0] += bool(f)
                k_n[1] += 1
        out[dim] = {g: {"flagged": k, "pages": n, "rate": round(k / n, 4), "upper95": round(wilson_upper(k, n), 4)}
                    for g, (k, n) in sorted(groups.items())}
    out["flagged"] = sorted(f"{r.origin}:{r.fmt}" for f, r in zip(flags, rows) if f and not r.label)
    return out


def channel_rates(C, rows) -> dict:
    """Per channel and rendering: how many real legitimate renderings trip it, of how many."""
    from classifier.channels import CHANNELS

    out: dict = {}
    legit = [i for i, r in enumerate(rows) if not r.label]
    for j, name in enumerate(CHANNELS):
        per: dict = {}
        for fmt in RENDERINGS:
            idx = [i for i in legit if rows[i].fmt == fmt]
            k = int(sum(bool(C[i, j]) for i in idx))
            per[fmt] = {"tripped": k, "pages": len(idx), "rate": round(k / max(len(idx), 1), 4),
                        "examples": [rows[i].origin for i in idx if C[i, j]][:5]}
        out[name] = per
    return out
