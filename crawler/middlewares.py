"""Politeness and trap defences, each a small Scrapy component.

Cron runs farmwatch unattended against thousands of sites, some of them hostile. Each
component guards one thing, is built by ``from_crawler``, switches off with
``NotConfigured`` and counts what it does under ``farmwatch/...`` in the crawl stats.

Downloader middlewares (they see every request, including redirect hops, robots.txt
fetches and start URLs, which the spider never vets):

``RobotsTxtMiddleware`` (order 100, in place of Scrapy's)
    Scrapy 2.19's middleware hands the parsed robots.txt to the first request that waits
    for it; every other request queued for that host while robots.txt was in flight
    receives ``None`` and is fetched unchecked, so a disallowed page gets crawled. This
    subclass gives each waiter its own Deferred fed from the pending one, and reads a
    robots.txt answering 5xx as "disallow everything" (RFC 9309), not as an empty file.
``UrlGuardDownloaderMiddleware`` (order 40, before RobotsTxtMiddleware so a blocked URL
    does not even get its robots.txt fetched)
    Refuses non-HTTP schemes (``file:``, ``data:``, ``ftp:``, ``javascript:``, ``mailto:``…),
    over-long URLs, repeated-path-segment traps and literal private/loopback/link-local IPs.
    Names that *resolve* to such addresses are refused by :mod:`crawler.resolver`; a literal
    IP never reaches a resolver, so it is refused here, before any connection is attempted.
``SiteBudgetMiddleware`` (order 45)
    Hard cap on requests per registered domain per run, counting redirect hops and retries
    that the spider's own page budget never sees.
``CrawlDelayMiddleware`` (order 110)
    Scrapy obeys robots.txt ``Disallow`` but ignores ``Crawl-delay``/``Request-rate``. This
    reads them with Protego (the parser Scrapy uses) from the robots.txt response and raises
    that host's download-slot delay to match, re-asserting it after AutoThrottle adjusts.
``RedirectLoopMiddleware`` (order 650, so its ``process_response`` runs before
    RedirectMiddleware's)
    Stops a redirect whose target is already in the chain (A→B→A) and names it in the log,
    instead of letting the dupe filter swallow it silently or the chain run to
    ``REDIRECT_MAX_TIMES``.

Spider middleware:

``UrlGuardSpiderMiddleware`` (order 750)
    The same URL policy applied to the spider's output, so a refused link is dropped quietly
    (counted, logged at DEBUG) instead of reaching the downloader and an errback.

Settings (defaults in brackets):

``FARMWATCH_URL_GUARD_ENABLED`` [True]
``FARMWATCH_ALLOWED_SCHEMES`` [["http", "https"]]
``FARMWATCH_MAX_URL_LENGTH`` [2048] characters; 0 switches the check off
``FARMWATCH_MAX_SEGMENT_REPEATS`` [2] the same path segment more often than this is a trap;
    a block of 2+ segments repeated back to back (``/cal/2024/01/cal/2024/02/``, compared
    with digits folded) is a trap too; 0 switches both checks off
``FARMWATCH_ALLOW_PRIVATE`` [False] shared with the resolver; every spelling of an IP
    (``2852039166``, ``0xa9fea9fe``, ``10.1``, ``::ffff:10.0.0.1``) is judged by
    :mod:`crawler.addresses`
``FARMWATCH_ALLOW_PRIVATE_NETWORKS`` [[]] when ``FARMWATCH_ALLOW_PRIVATE`` is on, only these
    CIDRs are allowed (tests: ``["127.0.0.0/8"]``); empty means every private network
``FARMWATCH_MAX_REQUESTS_PER_SITE`` [None = 3 x the spider's ``max_pages_per_site``; 0 = off]
    requests per registered domain per run
``FARMWATCH_CRAWL_DELAY_ENABLED`` [True] (needs ``ROBOTSTXT_OBEY``)
``FARMWATCH_MAX_CRAWL_DELAY`` [30.0] seconds; a larger Crawl-delay is clamped (and logged) so
    one hostile robots.txt cannot park a cron run for a day
``FARMWATCH_REDIRECT_LOOP_ENABLED`` [True]
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Any, AsyncIterator, Iterable
from urllib.parse import urljoin, urlsplit

from scrapy import Request, signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as _ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError
from w3lib.url import canonicalize_url

from crawler.addresses import AddressPolicy, list_setting as _list_setting, parse_ip
from crawler.sites import site_of

logger = logging.getLogger(__name__)

try:  # Scrapy >= 2.13 wraps resolution failures in its own exception
    from scrapy.exceptions import CannotResolveHostError

    _DNS_ERRORS: tuple[type[BaseException], ...] = (DNSLookupError, CannotResolveHostError)
except ImportError:  # pragma: no cover - older Scrapy
    _DNS_ERRORS = (DNSLookupError,)

_DIGITS = re.compile(r"\d")


# --------------------------------------------------------------------------- robots.txt
class RobotsTxtMiddleware(_ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware with the pending-parser race closed (see module doc).

    It also makes a host whose name does not resolve cost one lookup, not six and a traceback:
    once its robots.txt failed DNS, every page of that host fails at once (``DNSLookupError``,
    not retried; the spider counts ``farmwatch/errors/dns``), and Scrapy's error log for that
    robots.txt is one line. 10,000 dead seeds took 25 minutes and 599,000 log lines before.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        self._unresolvable: dict[str, str] = {}
        logging.getLogger(_ScrapyRobotsTxtMiddleware.__module__).addFilter(_one_line_dns_errors)

    async def process_request(self, request: Request, spider=None):
        netloc = urlparse_cached(request).netloc
        if netloc in self._unresolvable and not request.meta.get("dont_obey_robotstxt"):
            request.meta["dont_retry"] = True
            raise DNSLookupError(f"{urlparse_cached(request).hostname}: {self._unresolvable[netloc]} "
                                 "(its robots.txt lookup failed; not looked up again this run)")
        return await super().process_request(request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, _DNS_ERRORS):
            self._unresolvable[netloc] = str(exc).strip()[:200] or type(exc).__name__
        super()._robots_error(exc, netloc)

    async def robot_parser(self, request: Request):
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(pending, Deferred):
            waiter: Deferred = Deferred()

            def relay(result):
                waiter.callback(result)
                return result  # keep the result in the chain for the next waiter

            pending.addBoth(relay)
            return await maybe_deferred_to_future(waiter)
        return await super().robot_parser(request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        """RFC 9309 2.3.1.4: a robots.txt that answers 5xx (after retries) means the site is
        "unreachable" and the crawler must assume complete disallow; Scrapy parses the error
        page's body instead, which allows everything. Counted under ``farmwatch/robots/unreachable``."""
        if response.status >= 500:
            self.crawler.stats.inc_value("farmwatch/robots/unreachable")
            logger.warning("farmwatch: %s answered HTTP %d: the whole site is treated as disallowed this run",
                           response.url, response.status)
            response = response.replace(body=b"User-agent: *\nDisallow: /\n")
        await super()._parse_robots(response, netloc, request)


def _one_line_dns_errors(record: logging.LogRecord) -> bool:
    """Scrapy logs a failed robots.txt download with its traceback; for a name that does not
    resolve, the one-line message says everything."""
    if record.exc_info and isinstance(record.exc_info[1], _DNS_ERRORS):
        record.exc_info = None
        record.exc_text = None
    return True


# --------------------------------------------------------------------------- URL policy
class UrlPolicy:
    """Decides whether a URL may be fetched at all; returns a short reason when it may not."""

    def __init__(self, schemes: Iterable[str] = ("http", "https"), max_length: int = 2048,
                 max_segment_repeats: int = 2, allow_private: bool = False,
                 private_networks: Iterable[str] = ()):
        self.schemes = {s.lower().rstrip(":") for s in schemes}
        self.max_length = max_length
        self.max_segment_repeats = max_segment_repeats
        self.addresses = AddressPolicy(allow_private, private_networks)

    @classmethod
    def from_settings(cls, settings) -> "UrlPolicy":
        policy = cls(
            schemes=_list_setting(settings, "FARMWATCH_ALLOWED_SCHEMES", ["http", "https"]),
            max_length=settings.getint("FARMWATCH_MAX_URL_LENGTH", 2048),
            max_segment_repeats=settings.getint("FARMWATCH_MAX_SEGMENT_REPEATS", 2),
        )
        policy.addresses = AddressPolicy.from_settings(settings)  # ValueError names a bad CIDR
        return policy

    def refusal(self, url: str) -> str | None:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme not in self.schemes:
            return "scheme"
        if self.max_length and len(url) > self.max_length:
            return "url_length"
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").strip("[]")
        except ValueError:
            return "malformed"
        if not host:  # a local file has none; file: passes only where a command allowed it (crawler/commands)
            return None if scheme == "file" else "malformed"
        if self.max_segment_repeats and self.repeated_segments(parts.path):
            return "repeated_segments"
        if not self.ip_allowed(host):
            return "private_address"
        return None

    def ip_allowed(self, host: str) -> bool:
        """An IP in any spelling (``10.1``, ``0xa9fea9fe``, ``::ffff:a00:1``) must be allowed by
        :class:`crawler.addresses.AddressPolicy`; names pass here (the resolver checks what they
        resolve to)."""
        addr = parse_ip(host)
        return addr is None or self.addresses.allows(addr)

    def repeated_segments(self, path: str) -> bool:
        segments = [s for s in path.split("/") if s]
        if len(segments) <= self.max_segment_repeats:
            return False
        if max(Counter(segments).values()) > self.max_segment_repeats:
            return True
        # A block of >= 2 segments immediately repeated, digits folded: calendar/relative-link
        # traps grow as /cal/2024/01/cal/2024/02/... without repeating any one segment 3 times.
        shape = [_DIGITS.sub("9", s) for s in segments]
        n = len(shape)
        for size in range(2, n // 2 + 1):
            for start in range(0, n - 2 * size + 1):
                if shape[start:start + size] == shape[start + size:start + 2 * size]:
                    return True
        return False


class _GuardBase:
    def __init__(self, crawler, policy: UrlPolicy):
        self.crawler = crawler
        self.stats = crawler.stats
        self.policy = policy

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("FARMWATCH_URL_GUARD_ENABLED", True):
            raise NotConfigured("FARMWATCH_URL_GUARD_ENABLED is off")
        return cls(crawler, UrlPolicy.from_settings(crawler.settings))

    def _refuse(self, url: str, level: int) -> str | None:
        reason = self.policy.refusal(url)
        if reason:
            self.stats.inc_value(f"farmwatch/blocked/{reason}")
            logger.log(level, "farmwatch: refusing %s (%s)", url[:200], reason)
        return reason


class UrlGuardDownloaderMiddleware(_GuardBase):
    """Last line before a connection: start URLs, redirect hops and robots.txt fetches."""

    def process_request(self, request: Request, spider=None):
        reason = self._refuse(request.url, logging.WARNING)
        if reason:
            raise IgnoreRequest(f"farmwatch: {reason}: {request.url[:200]}")
        return None


class UrlGuardSpiderMiddleware(_GuardBase):
    """Drops refused links from the spider output before they are scheduled."""

    def _keep(self, obj: Any) -> bool:
        return not (isinstance(obj, Request) and self._refuse(obj.url, logging.DEBUG))

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in start:
            if self._keep(obj):
                yield obj

    def process_spider_output(self, response, result, spider=None):
        for obj in result:
            if self._keep(obj):
                yield obj

    async def process_spider_output_async(self, response, result, spider=None):
        async for obj in result:
            if self._keep(obj):
                yield obj


# --------------------------------------------------------------------------- budget
class SiteBudgetMiddleware:
    """Caps requests per registered domain per run, redirect hops and retries included."""

    def __init__(self, crawler, limit: int | None):
        self.crawler = crawler
        self.stats = crawler.stats
        self.limit = limit  # None: 3 x the spider's max_pages_per_site, known once the spider is
        self.counts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler):
        value = crawler.settings.get("FARMWATCH_MAX_REQUESTS_PER_SITE")
        limit = None if value in (None, "") else crawler.settings.getint("FARMWATCH_MAX_REQUESTS_PER_SITE")
        if limit is not None and limit <= 0:
            raise NotConfigured  # 0 is "off": silent, not a warning
        return cls(crawler, limit)

    def process_request(self, request: Request, spider=None):
        if request.meta.get("dont_obey_robotstxt") and request.url.endswith("/robots.txt"):
            return None  # robots.txt is how we stay polite; never budget it away
        if self.limit is None:  # redirect hops and retries count too: room above the page budget
            pages = getattr(getattr(self.crawler.spider, "params", None), "max_pages_per_site", 0)
            self.limit = 3 * int(pages) if pages else 0
        if not self.limit:
            return None
        site = site_of(request.url)
        if self.counts[site] >= self.limit:
            self.stats.inc_value("farmwatch/blocked/site_budget")
            if self.counts[site] == self.limit:
                logger.warning("farmwatch: %s reached FARMWATCH_MAX_REQUESTS_PER_SITE=%d; "
                               "dropping further requests this run", site, self.limit)
                self.counts[site] += 1  # log once
            raise IgnoreRequest(f"farmwatch: site budget exhausted for {site}")
        self.counts[site] += 1
        return None


# --------------------------------------------------------------------------- Crawl-delay
class CrawlDelayMiddleware:
    """Honours robots.txt ``Crawl-delay`` (and ``Request-rate``) per host.

    The robots.txt request passes through this middleware like any other; its response is
    parsed with Protego and the host's download slot gets ``delay = max(delay, crawl_delay)``.
    AutoThrottle rewrites slot delays on every response, so the floor is re-applied after
    each download. The robots request is queued in the same slot before the pages of that
    host (RobotsTxtMiddleware holds them back until it is parsed), so no page is fetched
    before the delay is in force.
    """

    def __init__(self, crawler, max_delay: float):
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_delay = max_delay
        self.user_agent = (crawler.settings.get("ROBOTSTXT_USER_AGENT")
                           or crawler.settings.get("USER_AGENT") or "")
        self.delays: dict[str, float] = {}  # slot key → robots delay
        self.early: dict[str, int] = {}  # slot key → pages queued before its robots.txt was read
        crawler.signals.connect(self._reapply, signal=signals.response_downloaded)
        crawler.signals.connect(self._observe, signal=signals.request_reached_downloader)

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("FARMWATCH_CRAWL_DELAY_ENABLED", True):
            raise NotConfigured("FARMWATCH_CRAWL_DELAY_ENABLED is off")
        if not s.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured("ROBOTSTXT_OBEY is off")
        return cls(crawler, s.getfloat("FARMWATCH_MAX_CRAWL_DELAY", 30.0))

    def robots_delay(self, body: bytes) -> float | None:
        from protego import Protego

        try:
            rp = Protego.parse(body.decode("utf-8", "replace"))
        except Exception:  # a garbage robots.txt is Scrapy's problem, not a crash here
            return None
        delay = rp.crawl_delay(self.user_agent)
        rate = rp.request_rate(self.user_agent)
        candidates = [float(delay)] if delay is not None else []
        if rate is not None and rate.requests:
            candidates.append(float(rate.seconds) / float(rate.requests))
        return max(candidates) if candidates else None

    def process_response(self, request: Request, response: Response, spider=None):
        if (request.meta.get("dont_obey_robotstxt") and urlsplit(request.url).path == "/robots.txt"
                and response.status == 200):
            delay = self.robots_delay(response.body)
            if delay:
                if delay > self.max_delay:
                    logger.warning("farmwatch: %s asks Crawl-delay %.1fs; clamped to "
                                   "FARMWATCH_MAX_CRAWL_DELAY=%.1fs", request.url, delay, self.max_delay)
                    self.stats.inc_value("farmwatch/crawl_delay/clamped")
                    delay = self.max_delay
                downloader = self.crawler.engine.downloader
                key = downloader.get_slot_key(request)
                self.delays[key] = delay
                self._apply(key)
                if self.early.get(key):
                    self.stats.inc_value("farmwatch/crawl_delay/pages_before_delay", self.early[key])
                self.stats.inc_value("farmwatch/crawl_delay/hosts")
                self.stats.max_value("farmwatch/crawl_delay/max_seconds", delay)
                logger.info("farmwatch: honouring Crawl-delay %.2fs for %s", delay, key)
        return response

    def _apply(self, key: str) -> None:
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is None:
            return
        if slot.delay < self.delays[key]:
            slot.delay = self.delays[key]
        # RANDOMIZE_DOWNLOAD_DELAY would send half of the requests early: the site's delay is a
        # floor, not an average.
        slot.jitter = 0.0

    def _observe(self, request=None, spider=None, **kw) -> None:
        """Records the slot delay each page was queued with, before any correction here, so the
        stat shows what the downloader really used; counts pages queued before robots.txt
        told us the delay (RobotsTxtMiddleware should make that impossible)."""
        if request is None or request.meta.get("dont_obey_robotstxt"):
            return
        key = self.crawler.engine.downloader.get_slot_key(request)
        if key not in self.delays:
            self.early[key] = self.early.get(key, 0) + 1
            return
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is not None:
            self.stats.min_value(f"farmwatch/crawl_delay/page_slot_delay/{key}", slot.delay)
        self._apply(key)

    def _reapply(self, response=None, request=None, spider=None, **kw) -> None:
        if request is None or not self.delays:
            return
        key = self.crawler.engine.downloader.get_slot_key(request)
        if key in self.delays:
            self._apply(key)

    def slot_delay(self, key: str) -> float | None:
        """The delay currently in force for a slot (for stats and tests)."""
        slot = self.crawler.engine.downloader.slots.get(key)
        return None if slot is None else slot.delay


# --------------------------------------------------------------------------- redirects
class RedirectLoopMiddleware:
    """Stops a redirect that points back into its own chain, naming the loop in the log."""

    def __init__(self, crawler, max_times: int):
        self.stats = crawler.stats
        self.max_times = max_times

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("FARMWATCH_REDIRECT_LOOP_ENABLED", True) or not s.getbool("REDIRECT_ENABLED", True):
            raise NotConfigured("redirect loop detection is off")
        return cls(crawler, s.getint("REDIRECT_MAX_TIMES", 20))

    def process_response(self, request: Request, response: Response, spider=None):
        if response.status not in (301, 302, 303, 307, 308) or b"Location" not in response.headers:
            return response
        if request.meta.get("dont_redirect"):
            return response
        location = response.headers[b"Location"].decode("latin-1")
        target = canonicalize_url(urljoin(request.url, location))
        chain = [canonicalize_url(u) for u in request.meta.get("redirect_urls", [])] + [canonicalize_url(request.url)]
        if target in chain:
            self.stats.inc_value("farmwatch/redirect/loop")
            logger.warning("farmwatch: redirect loop %s -> %s (chain of %d); dropped",
                           request.url, target, len(chain))
            raise IgnoreRequest(f"farmwatch: redirect loop at {request.url}")
        if len(chain) > self.max_times:
            self.stats.inc_value("farmwatch/redirect/too_long")
            logger.warning("farmwatch: more than REDIRECT_MAX_TIMES=%d redirects from %s; dropped",
                           self.max_times, chain[0])
            raise IgnoreRequest(f"farmwatch: redirect chain too long at {request.url}")
        return response
