"""DNS for the crawl: a static host map first, then the system resolver, with an address guard.

Why a resolver and not a proxy: the bundled sample web (and the test servers) give every
outlet its own registered domain while all of them listen on 127.0.0.1. Mapping names to
addresses at the DNS step keeps URLs, robots.txt, per-domain slots and tldextract sites
exactly as they are on the real web. The same step is the one place where an address is
known before a connection is made, so it also refuses private, loopback and link-local
targets (SSRF and intranet traps) unless ``FARMWATCH_ALLOW_PRIVATE`` says otherwise.

Settings:

``FARMWATCH_HOSTS``
    dict ``{hostname: ip}`` (or a JSON object, or ``"host=ip,host=ip"``) resolved without DNS.
``FARMWATCH_HOSTS_FILE``
    path of a hosts-style file (``ip name [name ...]`` per line) merged into the map.
``FARMWATCH_HOSTS_ONLY``
    when true, a name not in the map fails instead of reaching the system resolver
    (the offline main job uses this so a stray link can never leave the machine).
``FARMWATCH_ALLOW_PRIVATE``
    when true, private/loopback/link-local addresses may be crawled (tests, sample web).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer

__all__ = ["FarmwatchResolver", "is_public_address", "parse_hosts", "refusal_reason"]

# Names this process refused, with (stats reason, words). Twisted's wrapper around a simple
# resolver drops its error and reports "no results for hostname lookup", so the spider's
# errback looks the real reason up here (farmwatch/blocked/<reason>, not a DNS error).
REFUSED_NAMES: dict[str, tuple[str, str]] = {}


def refusal_reason(name: str) -> tuple[str, str] | None:
    return REFUSED_NAMES.get(name.lower().rstrip("."))


def _refuse(name: str, reason: str, message: str) -> DNSLookupError:
    if len(REFUSED_NAMES) < 100_000:
        REFUSED_NAMES[name.lower().rstrip(".")] = (reason, message)
    return DNSLookupError(message)


def is_public_address(ip: str) -> bool:
    """True for a globally routable unicast address."""
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return not (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
                or addr.is_reserved or addr.is_unspecified)


def parse_hosts(value: Any = None, path: str | None = None) -> dict[str, str]:
    """Merge a ``FARMWATCH_HOSTS`` value and a hosts file into ``{name: ip}``."""
    mapping: dict[str, str] = {}
    if isinstance(value, str) and value.strip().startswith("{"):  # -s FARMWATCH_HOSTS='{"a.com": "127.0.0.1"}'
        import json

        value = json.loads(value)
    if isinstance(value, dict):
        mapping.update({str(k).lower(): str(v) for k, v in value.items()})
    elif isinstance(value, str) and value.strip():
        for pair in value.split(","):
            name, _, ip = pair.partition("=")
            if name.strip() and ip.strip():
                mapping[name.strip().lower()] = ip.strip()
    if path:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            parts = line.split("#", 1)[0].split()
            if len(parts) >= 2:
                for name in parts[1:]:
                    mapping[name.lower()] = parts[0]
    return mapping


@implementer(IResolverSimple)
class FarmwatchResolver(CachingThreadedResolver):
    def __init__(self, reactor, cache_size: int, timeout: float, hosts: dict[str, str],
                 hosts_only: bool = False, allow_private: bool = False, stats=None):
        super().__init__(reactor, cache_size, timeout)
        self.hosts = hosts
        self.hosts_only = hosts_only
        self.allow_private = allow_private
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler, reactor):
        s = crawler.settings
        cache_size = s.getint("DNSCACHE_SIZE") if s.getbool("DNSCACHE_ENABLED") else 0
        hosts = parse_hosts(s.get("FARMWATCH_HOSTS"), s.get("FARMWATCH_HOSTS_FILE"))
        return cls(reactor, cache_size, s.getfloat("DNS_TIMEOUT"), hosts,
                   hosts_only=s.getbool("FARMWATCH_HOSTS_ONLY"),
                   allow_private=s.getbool("FARMWATCH_ALLOW_PRIVATE"),
                   # Scrapy builds the resolver once per *process* (it is handed the process,
                   # which has settings but no stats), so counting is best-effort.
                   stats=getattr(crawler, "stats", None))

    def getHostByName(self, name: str, timeout=()):
        key = name.lower().rstrip(".")
        if key in self.hosts:
            return self._guard(self.hosts[key], name)
        try:
            ipaddress.ip_address(key)
            return self._guard(key, name)
        except ValueError:
            pass
        if self.hosts_only:
            return defer.fail(_refuse(name, "hosts_only", f"{name}: not in FARMWATCH_HOSTS and FARMWATCH_HOSTS_ONLY is set"))
        d = super().getHostByName(name, timeout)
        d.addCallback(lambda ip: self._guard_sync(ip, name))
        return d

    def _guard(self, ip: str, name: str):
        try:
            return defer.succeed(self._guard_sync(ip, name))
        except DNSLookupError as exc:
            return defer.fail(exc)

    def _guard_sync(self, ip: str, name: str) -> str:
        if not self.allow_private and not is_public_address(ip):
            if self.stats is not None:
                self.stats.inc_value("farmwatch/blocked_private_address")
            raise _refuse(name, "private_address", f"{name} resolves to non-public address {ip}; "
                                                   "set FARMWATCH_ALLOW_PRIVATE to crawl it")
        return ip
