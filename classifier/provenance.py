"""Provenance: whose story a page carries, and whether it carries it under licence.

One page of a verbatim copy is, by itself, just a news story: what gives a republisher away is
that the text already exists, earlier, on an outlet the republisher has nothing to do with. This
module finds that outlet among candidate pages (the store's legitimate pages, found through its
LSH bands, and any reference corpus indexed here with ``datasketch``) and says what it found in
an analyst's words: "copied from ridgelinepost.co.uk, published 3 days earlier, 97 % of the text".

Legal copying is everywhere (``farm-families.md``, "Traps"): local papers run AP, Reuters and
AFP copy word for word, and outlets of one owner share stories. A match is therefore one of

* ``copy`` — an unrelated site carries another outlet's earlier text with no wire credit and no
  attribution line: the classifier-independent evidence against the page;
* ``syndicated`` — the text carries a wire credit ("(AP)", "Reuters", "AFP", "Via AP news
  wire") or an attribution line ("originally appeared on …"): licensed, not evidence;
* ``network`` — the two pages belong to one outlet or owner (same registered domain, or one
  owner in the owners list): not evidence.

Signatures are the store's (:func:`crawler.storage.base.minhash`: word 5-shingles, 24 hash
functions in 8 bands of 3), so a reference page and a stored page are compared on the same
scale; the share of the text is then measured exactly, on the two texts' shingle sets, for the
few candidates the bands return. :func:`provenance_features` gives the numbers a model can use.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

from crawler.storage.base import BANDS, NPERM, ROWS, SHINGLE, _WORD, minhash

# A page is a copy when at least this share of its 5-shingles is in the earlier text, and the
# shared part is long enough to be a story rather than a cookie notice or a footer.
COPY_MIN_SHARE = 0.6
COPY_MIN_SHINGLES = 60  # ≈ 64 words in a row-wise sense: a few paragraphs
CANDIDATES = 8  # band matches re-measured exactly per page
COMMON_SITES = 2  # a shingle on this many other sites is common text, not anyone's story

RELATIONS = ("copy", "syndicated", "network")

# Wire credits: the agency's own marks (case-sensitive: "(AP)" yes, "(ap)" in a URL no).
_WIRE = re.compile(r"\((?:AP|AFP|Reuters|dpa|UPI|PA|CP|AAP|ANSA|EFE|Xinhua|Bloomberg|CNN)(?:/[A-Za-z .]+)?\)|"
                   r"\bVia AP news wire\b|\bAssociated Press\b|\bThe Canadian Press\b|\bAgence France-Presse\b|"
                   r"\bReuters\b|\bAFP\b|\bPress Association\b")
# Attribution lines of a licensed or permitted republication.
_ATTRIBUTION = re.compile(r"\b(?:originally (?:appeared|published|ran|posted) (?:on|in|at|by)|"
                          r"(?:first|previously) (?:appeared|published) (?:on|in|at|by)|"
                          r"republished (?:from|with (?:the )?permission|under)|reprinted (?:from|with (?:the )?permission)|"
                          r"(?:used|published|shared) with (?:the )?permission|(?:distributed|syndicated) by|"
                          r"this (?:story|article|piece) (?:was|is) (?:produced|published|provided|written) (?:by|in partnership)|"
                          r"in partnership with|under a creative commons licen[cs]e|content partner)", re.I)
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")


# Consent walls, cookie notices and sign-up prompts are the same text on thousands of sites and
# end up in the reader text when extraction fails: a shingle with one of these words is not story.
_FURNITURE_WORDS = frozenset("cookie cookies consent partners privacy advertising advertisers personalised personalized "
                             "browser javascript newsletter subscribe subscription unsubscribe purpose purposes vendor vendors "
                             "identifiers profiles ad ads".split())


def shingles(text: str) -> set[str]:
    """The word 5-shingles the store's signatures are made of, less those of consent/cookie furniture."""
    words = _WORD.findall((text or "").lower())
    out = set()
    for i in range(len(words) - SHINGLE + 1):
        gram = words[i:i + SHINGLE]
        if not _FURNITURE_WORDS.intersection(gram):
            out.add(" ".join(gram))
    return out


def day_of(value: str | None) -> date | None:
    """The calendar day of an ISO-ish date string, or None."""
    m = _ISO_DAY.search(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def credit(text: str) -> str:
    """The wire credit or attribution line a text carries ("(AP)", "originally appeared on"), or ""."""
    m = _WIRE.search(text or "") or _ATTRIBUTION.search(text or "")
    return m.group(0) if m else ""


def load_owners(path: str | Path | None) -> dict[str, str]:
    """An owners list: one ``registered-domain<TAB>owner`` a line, ``#`` comments. Sites of one owner
    share stories by right ("the outlet's own network")."""
    if not path:
        return {}
    owners: dict[str, str] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"{path}:{n}: expected 'registered-domain<TAB>owner', got {line!r}")
        owners[parts[0].strip().lower()] = parts[1].strip()
    return owners


@dataclass
class Candidate:
    """A page that may hold the original text: a stored legitimate page or a reference page."""

    url: str
    site: str
    text: str
    published: str = ""  # the page's own date claim
    first_seen: str = ""  # when the crawler first stored it (stored pages only)
    title: str = ""

    @property
    def day(self) -> date | None:
        return day_of(self.published) or day_of(self.first_seen)


@dataclass
class Provenance:
    """Where a page's text comes from."""

    relation: str  # "copy", "syndicated", "network"
    source_url: str
    source_site: str
    share: float  # the larger of: share of the page's shingles in the source, of the source's in the page
    shared: int  # shingles in common
    source_published: str = ""
    days_earlier: int | None = None  # source date → the page's date (published, else first seen)
    page_dated_by: str = ""  # "published" or "first seen": what the page's date is
    credit: str = ""  # the wire credit or attribution line that makes it licensed

    def evidence(self) -> str:
        """One line for the page's evidence, in an analyst's words."""
        pct = f"{round(self.share * 100):d} % of the text"
        when = ""
        if self.days_earlier is not None:
            if self.page_dated_by == "published":
                when = ("published the same day" if self.days_earlier == 0 else
                        f"published {self.days_earlier} day{'s' if self.days_earlier != 1 else ''} earlier")
            else:
                when = f"published {self.source_published[:10] or 'earlier'}, {self.days_earlier} days before this copy was first seen"
        parts = ", ".join(p for p in (when, pct) if p)
        if self.relation == "copy":
            return f"copied from {self.source_site}, {parts} (an unrelated site; no wire credit or attribution)"
        if self.relation == "syndicated":
            return f"licensed syndication: {self.source_site}'s story with credit \"{self.credit}\", {parts}"
        return f"shares the story of {self.source_site} (same outlet or owner), {parts}"

    def as_dict(self) -> dict:
        return {"relation": self.relation, "source_url": self.source_url, "source_site": self.source_site,
                "share": round(self.share, 3), "shared_shingles": self.shared,
                "source_published": self.source_published, "days_earlier": self.days_earlier,
                "credit": self.credit}


# Evidence lines written by this module start with one of these: a later pass replaces them.
EVIDENCE_PREFIXES = ("copied from ", "licensed syndication: ", "shares the story of ")


def is_provenance_line(line: str) -> bool:
    return line.startswith(EVIDENCE_PREFIXES)


def provenance_features(prov: Provenance | None) -> dict[str, float]:
    """Numbers for a model: 1.0/0.0 per relation, the copied share and how many days earlier the
    source was published (0 when unknown). A page with no match is all zeros."""
    if prov is None:
        return {"prov_copy": 0.0, "prov_syndicated": 0.0, "prov_network": 0.0, "prov_share": 0.0, "prov_days_earlier": 0.0}
    return {"prov_copy": float(prov.relation == "copy"), "prov_syndicated": float(prov.relation == "syndicated"),
            "prov_network": float(prov.relation == "network"), "prov_share": round(prov.share, 4),
            "prov_days_earlier": float(prov.days_earlier or 0)}


def same_network(site_a: str, site_b: str, owners: dict[str, str] | None = None) -> bool:
    """One outlet (same registered domain) or one owner in the owners list."""
    if site_a == site_b:
        return True
    owners = owners or {}
    return bool(owners.get(site_a)) and owners.get(site_a) == owners.get(site_b)


def judge(text: str, site: str, published: str, first_seen: str, candidates: Iterable[Candidate],
          owners: dict[str, str] | None = None, page_shingles: set[str] | None = None) -> Provenance | None:
    """The earliest-published candidate holding most of ``text``, and what the match means.

    A candidate counts only if it is not later than the page: the page's own date when it gives one,
    else the day the crawler first saw it. With no date on either side the order is unknown and
    nothing is claimed (two pages sharing a text cannot both be the original).
    """
    mine = page_shingles if page_shingles is not None else shingles(text)
    if len(mine) < COPY_MIN_SHINGLES:
        return None
    page_day = day_of(published)
    dated_by = "published" if page_day else ""
    if page_day is None:
        page_day = day_of(first_seen)
        dated_by = "first seen" if page_day else ""
    # Text that several other sites carry too is common text (a consent wall, a licence, a template,
    # a wire story): it shows no one copied anyone, so it is left out of the share.
    cands = [(c, mine & shingles(c.text)) for c in candidates if c.text]
    seen_on: dict[str, set[str]] = {}
    for c, common in cands:
        for g in common:
            seen_on.setdefault(g, set()).add(c.site)
    widespread = {g for g, sites in seen_on.items() if len(sites) >= COMMON_SITES}
    if widespread:
        mine = mine - widespread
        if len(mine) < COPY_MIN_SHINGLES:
            return None
    best: tuple | None = None
    for c, common in cands:
        shared = len(common - widespread)
        # The larger of two shares: of the page (an excerpt copy) and of the original (a copy padded
        # with sidebars, "Recommend" teasers and injected paragraphs that the reader text kept).
        theirs = len(shingles(c.text) - widespread)
        share = max(shared / len(mine), shared / theirs if theirs else 0.0)
        if share < COPY_MIN_SHARE or shared < COPY_MIN_SHINGLES:
            continue
        c_day = c.day
        if page_day is None or c_day is None or c_day > page_day:
            continue  # order unknown, or the candidate is the later one
        key = (share, -(page_day - c_day).days, c.url)
        if best is None or key > best[0]:
            best = (key, c, shared, share, (page_day - c_day).days)
    if best is None:
        return None
    _, c, shared, share, days = best
    wire = credit(text)
    if same_network(site, c.site, owners):
        relation = "network"
    elif wire:
        relation = "syndicated"
    else:
        relation = "copy"
    return Provenance(relation, c.url, c.site, share, shared, c.published or c.first_seen, days, dated_by, wire)


# --- the reference index (datasketch LSH over the store's signatures) ---------------------------

def _lean(sig: bytes):
    import numpy as np
    from datasketch import LeanMinHash

    # 32-bit values made by the store's own permutations: datasketch only indexes them, never re-hashes
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(sig, dtype="<u4").astype(np.uint32), scheme="affine32")


class ReferenceIndex:
    """Reference pages held in memory, looked up by LSH on the store's MinHash signatures.

    ``datasketch.MinHashLSH`` with the store's banding (8 bands of 3 rows), so a reference page is
    a candidate for exactly the pages a stored legitimate page would be.
    """

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(num_perm=NPERM, params=(BANDS, ROWS))
        self.pages: dict[str, Candidate] = {}

    def __len__(self) -> int:
        return len(self.pages)

    def add(self, cand: Candidate) -> bool:
        """Index one page; False when its text is too short to sign or its URL is already in."""
        sig = minhash(cand.text)
        if sig is None or cand.url in self.pages:
            return False
        self.lsh.insert(cand.url, _lean(sig))
        self.pages[cand.url] = cand
        return True

    def candidates(self, text: str, exclude_site: str = "", sig: bytes | None = None) -> list[Candidate]:
        """Reference pages on other sites sharing an LSH band with ``text``."""
        sig = sig or minhash(text)
        if sig is None:
            return []
        out = [self.pages[k] for k in self.lsh.query(_lean(sig))]
        return [c for c in out if c.site != exclude_site]


# --- reading a reference corpus ------------------------------------------------------------------

def iter_corpus(corpus_dir: str | Path, progress: Callable[[str], None] | None = None) -> Iterator[tuple[Candidate, object]]:
    """(candidate, Document) for every page of a corpus folder in the ``../shared/corpus`` layouts:
    sets with ``INDEX.tsv`` and ``pages/<id>.html.gz``, scrapinghub-aeb's ``ground-truth.json``,
    mozilla-readability's ``test-pages``. ``corpus_dir`` may be the whole corpus or one set."""
    from classifier.document import DocumentError, from_html
    from crawler.sites import site_of

    root = Path(corpus_dir)
    sets = [root] if (root / "INDEX.tsv").is_file() or (root / "ground-truth.json").is_file() else sorted(
        p for p in root.iterdir() if p.is_dir())
    for s in sets:
        rows: list[tuple[Path, str, str, str]] = []  # file, url, site, date
        truth = s / "ground-truth.json"
        if truth.is_file():
            for pid, rec in sorted(json.loads(truth.read_text(encoding="utf-8")).items()):
                url = rec.get("url", "")
                rows.append((s / "html" / f"{pid}.html.gz", url, site_of(url) or f"{s.name}:{pid}", ""))
        elif (s / "test-pages").is_dir():
            names = {}
            index = s / "INDEX.tsv"
            if index.is_file():
                with index.open(encoding="utf-8", newline="") as fh:
                    names = {r["dir"]: (r.get("site_name") or "").strip().lower() for r in csv.DictReader(fh, delimiter="\t")}
            for d in sorted((s / "test-pages").iterdir()):
                site = names.get(d.name) or f"{s.name}:{d.name}"
                rows.append((d / "source.html", "", site, ""))
        elif (s / "INDEX.tsv").is_file():
            with (s / "INDEX.tsv").open(encoding="utf-8", newline="") as fh:
                for r in csv.DictReader(fh, delimiter="\t"):
                    url = r.get("url", "")
                    host = (r.get("host") or "").lower()
                    from crawler.sites import site_of_host

                    site = site_of_host(host) if host else (site_of(url) or f"{s.name}:{r['id']}")
                    rows.append((s / "pages" / f"{r['id']}.html.gz", url, site, r.get("date", "")))
        if progress:
            progress(f"{s.name}: {len(rows)} pages")
        for path, url, site, day in rows:
            try:
                raw = path.read_bytes()
                if path.suffix == ".gz":
                    raw = gzip.decompress(raw)
                doc = from_html(raw, url=url)
            except (OSError, EOFError, DocumentError):
                continue
            if not url and doc.canonical_url:  # a page saved without its URL still names its address
                url, site = doc.canonical_url, site_of(doc.canonical_url) or site
            yield Candidate(url or f"{s.name}:{path.parent.name if path.name == 'source.html' else path.name}",
                            site, doc.main_text, published=doc.published or day, title=doc.title), doc


def load_reference(paths: Iterable[str | Path], progress: Callable[[str], None] | None = None) -> ReferenceIndex:
    """A :class:`ReferenceIndex` of every page under the given corpus folders."""
    index = ReferenceIndex()
    for p in paths:
        if not Path(p).is_dir():
            raise FileNotFoundError(f"{p}: no such reference folder")
        for cand, _ in iter_corpus(p, progress):
            index.add(cand)
    if progress:
        progress(f"reference: {len(index)} pages indexed")
    return index


@dataclass
class Finder:
    """Provenance for stored pages: the store's legitimate pages (its LSH bands) plus a reference index."""

    store: object | None = None
    reference: ReferenceIndex | None = None
    owners: dict[str, str] = field(default_factory=dict)

    def for_page(self, page: dict) -> Provenance | None:
        """``page`` is a stored page dict (canonical_url, site, main_text, published, first_seen)."""
        text = page.get("main_text") or ""
        site = page.get("site") or ""
        cands: list[Candidate] = []
        if self.store is not None and page.get("canonical_url"):
            for t in self.store.twins(page["canonical_url"], limit=CANDIDATES, min_similarity=0.0):
                full = self.store.get_page(t["canonical_url"]) or {}
                cands.append(Candidate(t["canonical_url"], t["site"], t["main_text"], full.get("published") or "",
                                       full.get("first_seen") or "", t["title"]))
        if self.reference is not None:
            cands.extend(self.reference.candidates(text, exclude_site=site))
        return judge(text, site, page.get("published") or "", page.get("first_seen") or "", cands, self.owners)
