"""Counts a download refused for its address as a refusal, not as a DNS failure.

:class:`crawler.resolver.FarmwatchResolver` refuses a name (or an oddly spelled IP) whose
address is not public before any connection is made. Twisted reports every failed resolution
the same way, as "DNS lookup failed", so without this middleware a link to
``http://2852039166/`` or to a name resolving to 10.0.0.5 would be logged as a dead host,
counted under ``farmwatch/errors/dns``, retried twice by RetryMiddleware and make the run
``partial``. Here the resolver's record of what it refused turns it into ``IgnoreRequest``,
counted under ``farmwatch/blocked/private_address`` (the same key the URL guard uses for a
literal private IP), not retried, and logged in the resolver's words as the site's one
refusal line (:class:`crawler.failures.SiteFailureLog`, INFO).

Downloader middleware, order 560: its ``process_exception`` runs before RetryMiddleware's (550).
Switched off with ``FARMWATCH_URL_GUARD_ENABLED`` like the URL guard.
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from crawler.failures import site_failures
from crawler.resolver import refusal_reason, refused_address

logger = logging.getLogger(__name__)

STAT = "farmwatch/blocked/private_address"


class PrivateAddressMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("FARMWATCH_URL_GUARD_ENABLED", True):
            raise NotConfigured("FARMWATCH_URL_GUARD_ENABLED is off")
        return cls(crawler)

    def process_exception(self, request: Request, exception: BaseException, spider=None):
        host = urlparse_cached(request).hostname or ""
        address = refused_address(host)
        if address is None:
            return None
        reason = refusal_reason(host)
        words = reason[1] if reason else f"its host is the non-public address {address}"
        robots = bool(request.meta.get("dont_obey_robotstxt") and request.url.endswith("/robots.txt"))
        # The host's robots.txt goes first and is refused the same way; the page that asked for
        # it is refused (and counted) next, so count pages, not the robots.txt lookups. Either
        # is the site's one refusal line (crawler/failures.py), the rest go to DEBUG.
        if not robots:
            self.stats.inc_value(STAT)
        log = site_failures(self.crawler)
        if log is not None:
            log.record("refusal", request.url, f"refused {request.url[:200]}: {words}")
        elif not robots:
            logger.warning("farmwatch: refusing %s: %s", request.url[:200], words)
        raise IgnoreRequest(f"farmwatch: private_address: {request.url[:200]} is {address}")
