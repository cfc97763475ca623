"""The evidence pass: provenance for every stored page, then site-level signals lent to the pages.

Runs after a crawl (``farmwatch provenance``; ``farmwatch run`` runs it itself), because a copy
may be fetched before its original and a site's pages are only all there at the end. Two streams
over the store, memory bounded by the number of sites (a few counters each) and the pages whose
evidence changes:

1. each page's provenance (the store's legitimate pages and any reference corpus) becomes one
   evidence line, replacing the line an earlier pass wrote; the page's facts go into its site's
   tallies;
2. each site's tripped signals become ``site-wide: …`` lines on every page of that site.

Lines the classifier wrote are kept as they are, in front.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from classifier.provenance import COPY_MIN_SHINGLES, Finder, Provenance, is_provenance_line, shingles
from farmwatch.report.site_evidence import SITE_PREFIX, SiteFacts, Signal, page_shape, signals

COLUMNS = ["site", "host", "title", "main_text", "published", "first_seen", "brands", "link_blocks", "evidence"]
WRITE_BATCH = 500
MAX_SHAPE_SITES = 8  # sites remembered per page shape: enough to pass TEMPLATE_SITES


@dataclass
class PassResult:
    pages: int = 0
    relations: Counter = field(default_factory=Counter)  # copy / syndicated / network → pages
    copies: list[tuple[str, str]] = field(default_factory=list)  # (page url, evidence line), first few hundred
    site_signals: dict[str, list[Signal]] = field(default_factory=dict)
    updated: int = 0


def _own(evidence: list[str]) -> list[str]:
    """The classifier's lines: without what an earlier evidence pass added."""
    return [x for x in evidence or [] if not is_provenance_line(x) and not x.startswith(SITE_PREFIX)]


def annotate(store, finder: Finder | None = None, progress: Callable[[str], None] | None = None) -> PassResult:
    """Write provenance and site-wide evidence onto every stored page; return what was found."""
    finder = finder or Finder(store)
    if finder.store is None:
        finder.store = store
    res = PassResult()
    facts: dict[str, SiteFacts] = {}
    shape_sites: dict[str, set[str]] = {}
    pending: list[tuple[str, list[str]]] = []

    def flush() -> None:
        if pending:
            res.updated += store.set_evidence(pending)
            pending.clear()

    for page in store.iter_pages(columns=COLUMNS):
        res.pages += 1
        site = page["site"] or page["host"]
        prov: Provenance | None = finder.for_page(page)
        article = len(shingles(page["main_text"] or "")) >= COPY_MIN_SHINGLES
        facts.setdefault(site, SiteFacts(site)).add(page, prov, article)
        shape = page_shape(page["title"] or "", page["link_blocks"] or [])
        if shape:
            seen = shape_sites.setdefault(shape, set())
            if len(seen) < MAX_SHAPE_SITES:
                seen.add(site)
        lines = _own(page["evidence"])
        if prov is not None:
            res.relations[prov.relation] += 1
            lines.append(prov.evidence())
            if prov.relation == "copy" and len(res.copies) < 500:
                res.copies.append((page["canonical_url"], prov.evidence()))
        if lines != list(page["evidence"] or []):
            pending.append((page["canonical_url"], lines))
        if len(pending) >= WRITE_BATCH:
            flush()
        if progress and res.pages % 1000 == 0:
            progress(f"provenance: {res.pages} pages")
    flush()
    for site, f in facts.items():
        found = signals(f, shape_sites)
        if found:
            res.site_signals[site] = found
    if progress:
        progress(f"provenance: {res.pages} pages, {dict(res.relations)}; site-wide evidence on {len(res.site_signals)} sites")
    # Second stream: lend each site's signals to its pages (and clear stale ones elsewhere).
    for page in store.iter_pages(columns=["site", "host", "evidence"]):
        site = page["site"] or page["host"]
        old = list(page["evidence"] or [])
        lines = [x for x in old if not x.startswith(SITE_PREFIX)] + [s.line() for s in res.site_signals.get(site, [])]
        if lines != old:
            pending.append((page["canonical_url"], lines))
        if len(pending) >= WRITE_BATCH:
            flush()
    flush()
    return res
