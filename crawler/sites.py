"""Site identity: the registered domain, computed offline.

Analysts judge *sites*, and farms spread one operation over throwaway subdomains
(``finance.moneyrank-news.com``, ``market.moneyrank-news.com``), so the unit everywhere
(crawl scope, page budget, reports) is the registered domain. tldextract runs on its
bundled Public Suffix List snapshot only: ``suffix_list_urls=()`` means it never fetches.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# Private suffixes count: every ``*.pages.dev`` or ``*.blogspot.com`` project is its own operator.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@lru_cache(maxsize=65536)
def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@lru_cache(maxsize=65536)
def site_of_host(host: str) -> str:
    """``news.example.co.uk`` → ``example.co.uk``; an IP or a bare name is its own site."""
    host = host.lower().rstrip(".")
    if not host:
        return ""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    ext = _EXTRACT(host)
    return ext.top_domain_under_public_suffix or host


def site_of(url: str) -> str:
    return site_of_host(host_of(url))
