"""A cap on response headers (how many lines, how many bytes), enforced while they arrive.

Why: ``DOWNLOAD_MAXSIZE`` bounds the body only. Twisted's HTTP client keeps every header line
a server sends, and a continued header (lines starting with a space) grows without end, so one
response with 2,000,000 headers (~120 MB on the wire) took a crawl to 1.35 GB and was then
stored as a page. Checking ``response.headers`` afterwards would come too late: the memory is
spent while parsing. So the check sits in the parser, on every header line as it is read
(Twisted's ``HTTPClientParser``; the patch is installed once per process and only counts), and
the connection is given up at the first line over either limit. This middleware turns the
resulting failure into a refusal: ``IgnoreRequest``, counted under ``farmwatch/dropped/headers``,
never retried, never stored. Responses from other download handlers (HTTP/2) are checked after
the fact in ``process_response``, with the same limits.

Downloader middleware, order 570 (its ``process_exception`` runs before RetryMiddleware's).

Settings:

``FARMWATCH_MAX_RESPONSE_HEADERS`` [500] header lines per response (continuations count);
    real sites send 10-60; 0 switches the cap off
``FARMWATCH_MAX_RESPONSE_HEADER_BYTES`` [262144] bytes of status line and headers per
    response (a large cookie jar is ~16 KB); 0 switches the cap off
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

logger = logging.getLogger(__name__)

STAT = "farmwatch/dropped/headers"
_LIMITS = {"count": 0, "bytes": 0}  # process-wide, like the parser the patch lives in


class HeadersTooLarge(Exception):
    """A response's header section went over FARMWATCH_MAX_RESPONSE_HEADERS(_BYTES)."""


def _parser_classes() -> list[type]:
    """Twisted's HTTP client parser and Scrapy's lenient copy of it (which overrides
    ``lineReceived``), whichever this Scrapy uses."""
    from twisted.web._newclient import HTTPClientParser

    classes = [HTTPClientParser]
    try:
        from scrapy.core.downloader.handlers.http11 import _LenientHTTPClientParser

        classes.append(_LenientHTTPClientParser)
    except ImportError:  # pragma: no cover - a Scrapy without it parses with Twisted's
        pass
    return classes


def _install_parser_guard() -> None:
    from twisted.web._newclient import HEADER

    for cls in _parser_classes():
        if cls.__dict__.get("_farmwatch_guarded") or "lineReceived" not in cls.__dict__:
            continue
        original = cls.__dict__["lineReceived"]

        def lineReceived(self, line, _original=original):  # noqa: N802 - Twisted naming
            if self.state == HEADER:
                count = getattr(self, "_farmwatch_lines", 0) + 1
                size = getattr(self, "_farmwatch_bytes", 0) + len(line) + 2
                self._farmwatch_lines, self._farmwatch_bytes = count, size
                if ((_LIMITS["count"] and count > _LIMITS["count"] + 1)
                        or (_LIMITS["bytes"] and size > _LIMITS["bytes"])):
                    # Raised into HTTP11ClientProtocol.dataReceived, which gives the connection
                    # up and fails the response with ResponseFailed([HeadersTooLarge]).
                    raise HeadersTooLarge(f"more than {_LIMITS['count']} header lines or {_LIMITS['bytes']} bytes")
            return _original(self, line)

        cls.lineReceived = lineReceived
        cls._farmwatch_guarded = True


def _too_large(exception: BaseException | None, depth: int = 0) -> bool:
    """HeadersTooLarge, possibly inside Twisted's ResponseFailed (``reasons``) inside Scrapy's
    DownloadFailedError (``__cause__``)."""
    if exception is None or depth > 5:
        return False
    if isinstance(exception, HeadersTooLarge):
        return True
    reasons = getattr(exception, "reasons", None) or []  # twisted ResponseFailed / _WrapperException
    if any(getattr(r, "check", None) and r.check(HeadersTooLarge) for r in reasons):
        return True
    return _too_large(exception.__cause__ or exception.__context__, depth + 1)


class HeaderLimitMiddleware:
    def __init__(self, crawler, max_count: int, max_bytes: int):
        self.stats = crawler.stats
        self.max_count = max_count
        self.max_bytes = max_bytes
        _LIMITS.update(count=max_count, bytes=max_bytes)
        _install_parser_guard()

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        max_count = s.getint("FARMWATCH_MAX_RESPONSE_HEADERS", 500)
        max_bytes = s.getint("FARMWATCH_MAX_RESPONSE_HEADER_BYTES", 256 * 1024)
        if max_count <= 0 and max_bytes <= 0:
            raise NotConfigured
        return cls(crawler, max(0, max_count), max(0, max_bytes))

    def _drop(self, request: Request, detail: str):
        self.stats.inc_value(STAT)
        logger.warning("dropped %s: response headers over the limit (%s)", request.url[:200], detail)
        raise IgnoreRequest(f"farmwatch: headers over the limit at {request.url[:200]}")

    def process_exception(self, request: Request, exception: BaseException, spider=None):
        if _too_large(exception):
            self._drop(request, f"stopped while they arrived: more than {self.max_count} lines "
                                f"or {self.max_bytes} bytes")
        return None

    def process_response(self, request: Request, response: Response, spider=None):
        count = sum(len(values) for values in response.headers.values())
        if self.max_count and count > self.max_count:
            self._drop(request, f"{count} headers")
        if self.max_bytes:
            size = sum(len(k) + sum(len(v) + 4 for v in values) for k, values in response.headers.items())
            if size > self.max_bytes:
                self._drop(request, f"{size} bytes")
        return response
