"""The crawled page as it travels from spider to classifier to store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageItem:
    """One HTML page. ``canonical_url`` is the store key: a re-crawl updates, never duplicates.

    ``verdict``/``score``/``evidence`` are empty when the spider yields the item and are
    filled by :class:`crawler.pipelines.ClassifyPipeline`.
    """

    url: str
    canonical_url: str
    site: str  # registered domain (tldextract, bundled suffix list)
    host: str
    fetched_at: str  # ISO 8601 UTC
    status: int
    title: str = ""
    headline: str = ""
    main_text: str = ""
    link_blocks: list[dict] = field(default_factory=list)  # [{"heading": str, "anchors": [str]}]
    published: str = ""
    content_hash: str = ""  # sha256 of the reader text: unchanged pages are not re-classified
    depth: int = 0
    verdict: str = ""
    score: float | None = None
    evidence: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    family: str = ""
    model_version: str = ""
    # The parsed document rides along for the classifier; it is never stored.
    document: object | None = field(default=None, repr=False, compare=False)
