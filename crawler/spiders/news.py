"""The ``news`` spider: crawl seed sites, turn every HTML page into a :class:`PageItem`.

    scrapy crawl news -a seeds=seeds/sample.txt -a max_depth=3 -a max_pages_per_site=200
    scrapy crawl news -a urls=https://example.com/,https://example.org/

Scope is the seed's *registered domain* (so ``finance.farm.com`` and ``market.farm.com``
are one site and one budget). Classification and storage happen in the item pipelines;
the spider only fetches, parses and decides what to follow.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError, DownloadFailedError,
                               DownloadTimeoutError, IgnoreRequest, ResponseDataLossError)
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError, TCPTimedOutError, TimeoutError
from w3lib.encoding import http_content_type_encoding
from w3lib.url import canonicalize_url

from classifier.document import DocumentError, decode_bytes, from_html, looks_binary
from crawler.failures import site_failures
from crawler.items import PageItem
from crawler.resolver import refusal_reason
from crawler.sites import host_of, site_of

HTML_TYPES = (b"text/html", b"application/xhtml+xml")
# -a names the spider takes (_job: scrapyd's job id).
SPIDER_ARGUMENTS = ("seeds", "urls", "max_depth", "max_pages_per_site", "_job")
NO_SEEDS = "give -a seeds=FILE (one URL per line) or -a urls=URL,URL"
ALLOWED_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class NewsSpiderParams:
    """Typed, validated spider arguments (``-a name=value`` arrives as strings)."""

    seeds: str = ""
    urls: str = ""
    max_depth: int = 3
    max_pages_per_site: int = 200

    @classmethod
    def from_kwargs(cls, kwargs: dict, require_seeds: bool = True) -> "NewsSpiderParams":
        unknown = set(kwargs) - set(SPIDER_ARGUMENTS)
        if unknown:
            raise ValueError(f"unknown spider argument(s): {', '.join(sorted(unknown))} "
                             f"(the news spider takes {', '.join(a for a in SPIDER_ARGUMENTS if a != '_job')})")
        values = {}
        for name in ("max_depth", "max_pages_per_site"):
            if name in kwargs and kwargs[name] not in (None, ""):
                try:
                    values[name] = int(kwargs[name])
                except (TypeError, ValueError):
                    raise ValueError(f"{name} must be a whole number, got {kwargs[name]!r}") from None
                if values[name] < 0 or (name == "max_pages_per_site" and values[name] == 0):
                    raise ValueError(f"{name} must be positive, got {values[name]}")
        params = cls(seeds=str(kwargs.get("seeds") or ""), urls=str(kwargs.get("urls") or ""), **values)
        if require_seeds and not params.seeds and not params.urls:
            raise ValueError(NO_SEEDS)
        if params.seeds and not Path(params.seeds).is_file():
            raise ValueError(f"seeds file not found: {params.seeds}")
        return params

    def start_urls(self) -> list[str]:
        """Usable seeds; each unusable line is skipped with one warning (crawler/seeds.py), and
        only a list with no usable URL at all is an error."""
        import logging

        from crawler.seeds import read_seeds, seed_problem

        urls: list[str] = []
        problems: list[str] = []
        if self.seeds:
            urls, found = read_seeds(self.seeds)
            problems += [str(p) for p in found]
        for url in (u.strip() for u in self.urls.split(",") if u.strip()):
            reason = seed_problem(url)
            if reason:
                problems.append(f"urls: {reason}: {url[:120]!r}; skipped")
            else:
                urls.append(url)
        if not urls and (self.seeds or self.urls):
            # Nothing to crawl: an argument mistake, said in the one line the error gets.
            first = problems[0].removesuffix("; skipped") if problems else "empty"
            more = f" (and {len(problems) - 1} more unusable line(s))" if len(problems) > 1 else ""
            raise ValueError(f"no usable seed URL: seed URLs must be http(s); {first}{more}")
        for problem in problems:
            logging.getLogger("crawler.seeds").warning("seed %s", problem)
        return list(dict.fromkeys(urls))


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, *args, **kwargs):
        # Every -a argument is checked, so a misspelled one is an error, not silently an attribute.
        # No seeds is allowed here (scrapy check and shell build the spider without any); start()
        # and the crawl command (crawler/commands/crawl.py) say that a crawl needs them.
        params = NewsSpiderParams.from_kwargs(kwargs, require_seeds=False)
        super().__init__(*args, **{k: v for k, v in kwargs.items() if k == "_job"})
        self.params = params
        self.seed_urls = params.start_urls()
        self.seed_sites = {site_of(u) for u in self.seed_urls}
        self.scheduled_per_site: dict[str, int] = {}
        self.seen: set[str] = set()
        self.links = LinkExtractor(unique=True)

    @classmethod
    def check_arguments(cls, kwargs: dict) -> None:
        """Raise ValueError (one line) if a crawl with these -a arguments cannot start."""
        NewsSpiderParams.from_kwargs(kwargs).start_urls()

    # --------------------------------------------------------------- requests
    async def start(self):
        if not self.seed_urls:
            self.logger.error("nothing to crawl: %s", NO_SEEDS)
            return
        for request in self.start_requests():
            yield request

    def start_requests(self):
        for url in self.seed_urls:
            request = self.request_for(url, depth=0)
            if request is not None:
                yield request

    def request_for(self, url: str, depth: int) -> scrapy.Request | None:
        """One place decides whether a URL is fetched: scope, depth and the per-site budget."""
        site = site_of(url)
        if site not in self.seed_sites:
            return None
        key = canonicalize_url(url)
        if key in self.seen:  # budget counts distinct pages, not links to them
            return None
        if depth > self.params.max_depth:
            self._inc("farmwatch/skipped_depth")
            return None
        n = self.scheduled_per_site.get(site, 0)
        if n >= self.params.max_pages_per_site:
            self._inc("farmwatch/skipped_site_budget")
            return None
        self.scheduled_per_site[site] = n + 1
        self.seen.add(key)
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta={"farmwatch_depth": depth})

    def _inc(self, key: str, n: int = 1) -> None:
        if self.crawler is not None:
            self.crawler.stats.inc_value(key, n)

    # --------------------------------------------------------------- pages
    def parse(self, response: Response):
        """One page → one PageItem (verdict filled later by the pipelines), plus in-scope links.

        Contracts (``scrapy check``, offline: the page is read from the repository):

        @sample_page seeds/sampleweb/harborgazette.com/business/2025/05/07/ironvale-fabrication-to-close-port-calder-plant-cutting/index.html
        @returns items 1 1
        @filled url canonical_url title headline main_text content_hash
        """
        depth = response.meta.get("farmwatch_depth", 0)
        ctype = response.headers.get(b"Content-Type", b"") or b""
        if not any(t in ctype.lower() for t in HTML_TYPES) and not (not ctype and b"<html" in response.body[:512].lower()):
            self.logger.info("skipping %s: not HTML (Content-Type %r)", response.url, ctype.decode("latin-1"))
            self._inc("farmwatch/skipped_non_html")
            return
        if looks_binary(response.body):
            self.logger.warning("skipping %s: binary body served as %s", response.url, ctype.decode("latin-1"))
            self._inc("farmwatch/skipped_binary")
            return
        declared = http_content_type_encoding(ctype.decode("latin-1"))
        try:
            text = decode_bytes(response.body, declared)
            doc = from_html(text, url=response.url)
        except DocumentError as exc:
            self.logger.warning("skipping %s: %s", response.url, exc)
            self._inc("farmwatch/pages_unparseable")
            return

        canonical = canonicalize_url(response.url)
        if doc.canonical_url:
            candidate = urljoin(response.url, doc.canonical_url)
            # A canonical link to another site is a farm claiming someone else's URL: ignore it.
            if candidate.startswith(ALLOWED_SCHEMES) and site_of(candidate) == site_of(response.url):
                canonical = canonicalize_url(candidate)
        reader_text = doc.text
        item = PageItem(
            url=response.url,
            canonical_url=canonical,
            site=site_of(response.url),
            host=host_of(response.url),
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            status=response.status,
            title=doc.title,
            headline=doc.headline,
            main_text=doc.main_text,
            link_blocks=[{"heading": b.heading, "anchors": b.anchors} for b in doc.link_blocks],
            published=doc.published,
            content_hash=hashlib.sha256((doc.title + "\n" + reader_text).encode("utf-8", "replace")).hexdigest(),
            depth=depth,
            document=doc,
        )
        self._inc("farmwatch/pages_parsed")
        yield item

        if depth < self.params.max_depth:
            for link in self.links.extract_links(response):
                if not link.url.startswith(ALLOWED_SCHEMES):
                    continue
                request = self.request_for(link.url, depth + 1)
                if request is not None:
                    yield request

    # --------------------------------------------------------------- errors
    def on_error(self, failure):
        """A clear reason per failed URL, one WARNING line per failed site; the crawl goes on."""
        request = failure.request
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            # robots.txt or a trap guard said no: a decision, not a failure.
            self.logger.info("not fetched %s: %s", request.url, failure.getErrorMessage())
            self._inc("farmwatch/skipped_refused")
            return
        kind, stat, message = describe_failure(failure.value, request.url)
        self._inc(stat)
        log = site_failures(self.crawler) if self.crawler is not None else None
        if log is not None:
            log.record(kind, request.url, message)
        else:
            self.logger.log(logging.WARNING if kind == "failure" else logging.INFO, "%s", message)


# HTTP statuses that say the page is gone rather than broken: counted under farmwatch/gone/…,
# not errors, and not requested again for FARMWATCH_REVISIT_GONE_HOURS (the store-kept frontier).
GONE_STATUSES = (404, 410)


def describe_failure(exc: BaseException, url: str) -> tuple[str, str, str]:
    """``(kind, stats key, words)`` for a request that failed; kind is failure, refusal or gone.

    Shared by the spider's errback and the robots.txt log filter (crawler/failures.py), so a
    site's one log line says the same thing whichever request failed first.
    """
    if isinstance(exc, HttpError):
        status = exc.response.status
        if status in GONE_STATUSES:
            return "gone", f"farmwatch/gone/http_{status}", f"HTTP {status} for {url}: gone, not fetched again for a while"
        return "failure", f"farmwatch/errors/http_{status}", f"HTTP {status} for {url}: page not stored"
    if isinstance(exc, (DNSLookupError, CannotResolveHostError)):
        refused = refusal_reason(host_of(url))
        if refused:
            return "refusal", f"farmwatch/blocked/{refused[0]}", f"refused {url}: {refused[1]}"
        return "failure", "farmwatch/errors/dns", f"DNS lookup failed for {url}: {exc}"
    if isinstance(exc, (TimeoutError, DownloadTimeoutError)):
        # DOWNLOAD_TIMEOUT covers connecting *and* reading: a server dripping its body a
        # byte a second ends here too, so do not call it a dead host.
        return ("failure", "farmwatch/errors/timeout",
                f"timed out fetching {url} (slow server, or a body trickling in): {exc}")
    if isinstance(exc, (ConnectError, TCPTimedOutError, DownloadConnectionRefusedError)):
        return "failure", "farmwatch/errors/connect", f"cannot connect to {url} (dead host or port?): {exc}"
    if isinstance(exc, (ResponseDataLossError, DownloadFailedError)):
        return ("failure", "farmwatch/errors/download",
                f"download failed for {url} (connection dropped mid-body?): {exc}")
    return "failure", "farmwatch/errors/other", f"failed {url}: {type(exc).__name__}: {exc}"
