"""One streaming pass over the store → per-site rows; flagged-page detail fetched per site.

Memory is bounded by the number of *sites* (a few counters each, pruned), never by the
number of pages: the pass reads narrow rows through a server-side / lazy cursor, and the
per-site detail (flagged pages and their legitimate twins) is queried site by site while the
report is being written, then dropped.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from classifier.verdict import STATISTICS_REASON
from classifier.provenance import is_provenance_line
from farmwatch.report.rule import model_verdict, site_verdict
from farmwatch.report.site_evidence import SITE_PREFIX, combine, prune
from farmwatch.report.twin import compare as compare_texts

HIST_BINS = 20
MAX_COUNTER = 200  # distinct evidence/brand strings kept per site before rare ones are pruned
MAX_HOSTS = 50
EXAMPLES = 3

VERDICT_RANK = {"farm": 0, "unsure": 1, "legit": 2}


@dataclass
class Filters:
    since: str | None = None
    min_score: float | None = None
    site: str | None = None  # registered domain
    host: str | None = None  # one host of it (``--site`` given a host name)
    detail: int = 20  # flagged pages listed per site; 0 = all


@dataclass
class SiteRow:
    site: str
    hosts: set[str] = field(default_factory=set)
    more_hosts: int = 0
    pages: int = 0
    flagged: int = 0
    score_sum: float = 0.0
    flagged_score_sum: float = 0.0
    max_score: float = 0.0
    first_seen: str = ""
    last_seen: str = ""
    evidence: Counter = field(default_factory=Counter)
    families: Counter = field(default_factory=Counter)
    brands: Counter = field(default_factory=Counter)
    examples: list = field(default_factory=list)  # heap of (score, url)
    verdict: str = ""
    confidence: float = 0.0
    verdict_source: str = "model"
    review: dict | None = None
    flagged_since_review: int = 0
    site_evidence: list = field(default_factory=list)  # "site-wide: …" lines the evidence pass lent the pages
    reasons: list = field(default_factory=list)  # the site verdict in words
    model_verdict: str = ""  # what the pages say alone (rules 2-4 and pooled site evidence), whatever the review says
    histogram: list = field(default_factory=lambda: [0] * HIST_BINS)
    histogram_flagged: list = field(default_factory=lambda: [0] * HIST_BINS)
    by_day: Counter = field(default_factory=Counter)

    @property
    def disagrees(self) -> bool:
        """An analyst called the site farm (legit) while its pages, by the model, say legit (farm)."""
        label = (self.review or {}).get("label")
        return label in ("farm", "legit") and self.model_verdict in ("farm", "legit") and label != self.model_verdict

    @property
    def share(self) -> float:
        return self.flagged / self.pages if self.pages else 0.0

    @property
    def mean_score(self) -> float:
        return self.score_sum / self.pages if self.pages else 0.0

    def top_evidence(self, n: int) -> list[str]:
        """The most frequent reasons, named marks before the generic page-statistics one."""
        ranked = sorted(self.evidence.items(), key=lambda kv: (kv[0] == STATISTICS_REASON, -kv[1]))
        return [e for e, _ in ranked[:n]]

    def as_dict(self) -> dict:
        """The machine-readable row (JSON, CSV)."""
        r = self.review or {}
        return {
            "site": self.site, "verdict": self.verdict, "confidence": self.confidence,
            "verdict_source": self.verdict_source, "hosts": sorted(self.hosts), "more_hosts": self.more_hosts,
            "pages": self.pages, "flagged": self.flagged, "flagged_share": round(self.share, 4),
            "mean_score": round(self.mean_score, 4), "max_score": round(self.max_score, 4),
            "first_seen": self.first_seen, "last_seen": self.last_seen,
            "families": [f for f, _ in self.families.most_common(5)],
            "top_evidence": self.top_evidence(5),
            "brands": [b for b, _ in self.brands.most_common(10)],
            "example_urls": [u for _, u in sorted(self.examples, reverse=True)],
            "review": ({"id": r.get("id"), "label": r.get("label"), "note": r.get("note"),
                        "reviewer": r.get("reviewer"), "at": r.get("at")} if r else None),
            "model_verdict": self.model_verdict, "review_disagrees": self.disagrees,
            "flagged_since_review": self.flagged_since_review,
            "reasons": list(self.reasons),
        }


def _prune(counter: Counter) -> None:
    prune(counter, MAX_COUNTER)


@dataclass
class Summary:
    sites: list[SiteRow]
    totals: dict
    histogram: list[int]  # pages per score bin (HIST_BINS bins over 0–1)
    flagged_by_day: list[tuple[str, int]]
    filters: Filters
    # flagged pages per score bin: the model's threshold sits near 1, so colouring bins by
    # score would paint pages that were not flagged as if they were
    histogram_flagged: list[int] = field(default_factory=lambda: [0] * HIST_BINS)
    model_card: dict = field(default_factory=dict)  # version and threshold of the model the report names


def aggregate(store, filters: Filters) -> Summary:
    page_reviews = store.latest_reviews("page")
    site_reviews = store.latest_reviews("site")
    rows: dict[str, SiteRow] = {}
    versions: Counter = Counter()  # models that scored the pages (a store outlives several)
    cols = ["site", "host", "score", "fetched_at", "first_seen", "evidence", "brands", "family", "verdict",
            "model_version"]
    for p in store.iter_pages(since=filters.since, site=filters.site, host=filters.host, columns=cols):
        site = p["site"] or p["host"]
        row = rows.get(site)
        if row is None:
            row = rows[site] = SiteRow(site)
        host = p["host"]
        if host not in row.hosts:
            if len(row.hosts) < MAX_HOSTS:
                row.hosts.add(host)
            else:
                row.more_hosts += 1  # approximate: counts repeats of hosts beyond the cap
        score = float(p["score"] or 0.0)
        versions[p["model_version"] or "?"] += 1
        review = page_reviews.get(p["canonical_url"])
        flagged = (review["label"] == "farm") if review and review["label"] in ("farm", "legit") else (
            p["table"] == "farm_pages")
        row.pages += 1
        for line in p["evidence"]:
            if line.startswith(SITE_PREFIX) and line not in row.site_evidence and len(row.site_evidence) < 10:
                row.site_evidence.append(line)
        row.score_sum += score
        row.max_score = max(row.max_score, score)
        seen = p["first_seen"] or p["fetched_at"]
        if not row.first_seen or seen < row.first_seen:
            row.first_seen = seen
        if p["fetched_at"] > row.last_seen:
            row.last_seen = p["fetched_at"]
        score_bin = min(HIST_BINS - 1, max(0, int(score * HIST_BINS)))
        row.histogram[score_bin] += 1
        if flagged:
            row.histogram_flagged[score_bin] += 1
            row.flagged += 1
            row.flagged_score_sum += score
            row.by_day[(p["fetched_at"] or "")[:10]] += 1
            row.evidence.update(p["evidence"][:3])
            row.brands.update(p["brands"])
            if p["family"]:
                row.families[p["family"]] += 1
            _prune(row.evidence)
            _prune(row.brands)
            item = (score, p["canonical_url"])
            if len(row.examples) < EXAMPLES:
                heapq.heappush(row.examples, item)
            else:
                heapq.heappushpop(row.examples, item)
            sreview = site_reviews.get(site)
            if sreview and p["fetched_at"] > sreview["at"]:
                row.flagged_since_review += 1
    out = []
    for row in rows.values():
        if filters.min_score is not None and row.max_score < filters.min_score:
            continue
        row.review = site_reviews.get(row.site)
        mean_flagged = row.flagged_score_sum / row.flagged if row.flagged else 0.0
        row.verdict, row.confidence, row.verdict_source = site_verdict(row.pages, row.flagged, mean_flagged, row.review)
        row.reasons = [f"{row.flagged} of {row.pages} pages flagged ({row.share:.0%})"]
        # The model's own verdict (page counts and the site-wide evidence pooled over them), kept
        # beside a review so the report can say when an analyst and the model disagree.
        row.model_verdict, _, _ = combine(model_verdict(row.pages, row.flagged), 0.0, row.site_evidence)
        if row.verdict_source == "model":
            row.verdict, row.confidence, pooled = combine(row.verdict, row.confidence, row.site_evidence)
            row.reasons += pooled
        else:
            row.reasons.insert(0, f"reviewed {row.verdict} by {row.review.get('reviewer') or 'an analyst'}")
        if not (row.review and row.review["label"] in ("farm", "legit")):
            row.flagged_since_review = 0
        out.append(row)
    # Largest farms first: an analyst starts with the site that copies the most.
    out.sort(key=lambda r: (VERDICT_RANK.get(r.verdict, 3), -r.flagged, -r.confidence, r.site))
    # Totals, charts and counts describe the sites shown, never the ones a filter left out.
    hist, hist_flagged, by_day = [0] * HIST_BINS, [0] * HIST_BINS, Counter()
    for row in out:
        hist = [a + b for a, b in zip(hist, row.histogram)]
        hist_flagged = [a + b for a, b in zip(hist_flagged, row.histogram_flagged)]
        by_day.update(row.by_day)
    totals = {"pages": sum(r.pages for r in out), "flagged": sum(r.flagged for r in out), "sites": len(out)}
    totals.update({f"{v}_sites": sum(1 for r in out if r.verdict == v) for v in VERDICT_RANK})
    totals["reviewed_sites"] = sum(1 for r in out if r.review)
    totals["disagreements"] = sum(1 for r in out if r.disagrees)
    card = _model_card()
    card["scored_by"] = dict(versions.most_common(5))
    return Summary(out, totals, hist, sorted(by_day.items()), filters, hist_flagged, card)


def _model_card() -> dict:
    """The current model's version and threshold, from its card (no scikit-learn needed to read it)."""
    import json

    from classifier.model import DEFAULT_MODEL, card_path_for

    try:
        card = json.loads(card_path_for(DEFAULT_MODEL).read_text(encoding="utf-8"))
        return {"version": card.get("version"), "threshold": card.get("threshold")}
    except (OSError, ValueError):
        return {}


def site_detail(store, row: SiteRow, filters: Filters, page_reviews: dict | None = None) -> Iterator[dict]:
    """The site's flagged pages, highest score first, each with its legitimate twin if stored; for a site
    judged on pooled evidence alone (no page flagged), its pages, which carry that evidence."""
    cols = ["url", "host", "title", "score", "evidence", "brands", "family", "fetched_at", "main_text", "site"]
    limit = filters.detail or None
    table = "farm" if row.flagged or not row.site_evidence else "legit"
    for p in store.iter_pages(table, site=row.site, host=filters.host, since=filters.since,
                              min_score=filters.min_score, columns=cols, order="score", limit=limit):
        twin = store.twins(p["canonical_url"], limit=1)
        t = twin[0] if twin else None
        review = (page_reviews or {}).get(p["canonical_url"])
        yield {
            "canonical_url": p["canonical_url"], "url": p["url"], "title": p["title"] or "",
            "score": round(float(p["score"] or 0.0), 4), "evidence": p["evidence"], "brands": p["brands"],
            "family": p["family"] or "", "fetched_at": p["fetched_at"],
            "review": ({"id": review["id"], "label": review["label"], "reviewer": review["reviewer"],
                        "at": review["at"], "note": review["note"]} if review else None),
            "provenance": next((x for x in p["evidence"] if is_provenance_line(x)), ""),
            "twin": _twin(p, t) if t else None,
        }


def _twin(page: dict, twin: dict) -> dict:
    """The twin with what the farm page shares and changed, compared after normalising typography."""
    diff = compare_texts(page["main_text"] or "", twin["main_text"] or "")
    return {"canonical_url": twin["canonical_url"], "site": twin["site"], "title": twin["title"],
            "similarity": twin["similarity"], "shared": diff["shared"], "sentences": diff["sentences"],
            "changed_sentences": diff["changed_sentences"], "changed": diff["changed"], "more": diff["more"],
            "injected": [c["text"] for c in diff["changed"]]}
