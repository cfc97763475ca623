"""DNS for the crawl: a static host map first, then the system resolver, with an address guard.

Why a resolver and not a proxy: the bundled sample web (and the test servers) give every
outlet its own registered domain while all of them listen on 127.0.0.1. Mapping names to
addresses at the DNS step keeps URLs, robots.txt, per-domain slots and tldextract sites
exactly as they are on the real web. The same step is the one place where an address is
known before a connection is made, so it also refuses private, loopback and link-local
targets (SSRF and intranet traps) unless ``FARMWATCH_ALLOW_PRIVATE`` (narrowed by
``FARMWATCH_ALLOW_PRIVATE_NETWORKS``) says otherwise. The decision is
:class:`crawler.addresses.AddressPolicy`'s, on the address a connection would really reach:
the resolved address of a name, or the address an IP spelled as ``2852039166``, ``0xa9fea9fe``,
``10.1`` or ``2002:a9fe:a9fe::1`` denotes. A refused host is remembered with its reason
(:func:`refused_address`, :func:`refusal_reason`) so
:class:`crawler.address_guard.PrivateAddressMiddleware` and the spider's errback can count the
refusal as what it is (``farmwatch/blocked/private_address``, ``farmwatch/blocked/hosts_only``)
rather than as a failed DNS lookup.

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
``FARMWATCH_ALLOW_PRIVATE_NETWORKS``
    with ``FARMWATCH_ALLOW_PRIVATE``, only these CIDRs (see :mod:`crawler.addresses`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer

from crawler.addresses import AddressPolicy, is_public_address, parse_ip

__all__ = ["FarmwatchResolver", "is_public_address", "parse_hosts", "refusal_reason", "refused_address"]

# Names this process refused: host → (stats reason, words, the non-public address or None).
# Twisted's wrapper around a simple resolver drops the error and reports "no results for
# hostname lookup", so the downloader (crawler.address_guard, for a non-public address) and
# the spider's errback (any other reason, e.g. hosts_only) look the real reason up here and
# count it as farmwatch/blocked/<reason>, not as a DNS error. Bounded: cleared when full.
_REFUSED: dict[str, tuple[str, str, str | None]] = {}
_MAX_REFUSED = 10_000


def _key(name: str) -> str:
    return (name or "").lower().rstrip(".").strip("[]")


def refusal_reason(name: str) -> tuple[str, str] | None:
    """``(reason, words)`` for a name the resolver refused in this process, if it did."""
    refused = _REFUSED.get(_key(name))
    return refused[:2] if refused else None


def refused_address(host: str) -> str | None:
    """The non-public address the resolver refused for ``host`` in this process, if it did."""
    refused = _REFUSED.get(_key(host))
    return refused[2] if refused else None


def _refuse(name: str, reason: str, message: str, address: str | None = None) -> DNSLookupError:
    """Remember why ``name`` was refused and return the error the resolver fails with."""
    if len(_REFUSED) >= _MAX_REFUSED:
        _REFUSED.clear()
    _REFUSED[_key(name)] = (reason, message, address)
    return DNSLookupError(message)


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
                 hosts_only: bool = False, allow_private: bool = False, stats=None,
                 policy: AddressPolicy | None = None):
        super().__init__(reactor, cache_size, timeout)
        self.hosts = hosts
        self.hosts_only = hosts_only
        self.policy = policy or AddressPolicy(allow_private)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler, reactor):
        s = crawler.settings
        cache_size = s.getint("DNSCACHE_SIZE") if s.getbool("DNSCACHE_ENABLED") else 0
        hosts = parse_hosts(s.get("FARMWATCH_HOSTS"), s.get("FARMWATCH_HOSTS_FILE"))
        return cls(reactor, cache_size, s.getfloat("DNS_TIMEOUT"), hosts,
                   hosts_only=s.getbool("FARMWATCH_HOSTS_ONLY"),
                   policy=AddressPolicy.from_settings(s),
                   # Scrapy builds the resolver once per *process* (it is handed the process,
                   # which has settings but no stats), so counting is best-effort.
                   stats=getattr(crawler, "stats", None))

    def getHostByName(self, name: str, timeout=()):
        key = name.lower().rstrip(".")
        if key in self.hosts:
            return self._guard(self.hosts[key], name)
        literal = parse_ip(key)  # 2852039166, 0xa9fea9fe, 10.1, ::ffff:a00:1 ...: no DNS, same rule
        if literal is not None:
            return self._guard(str(literal), name)
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
        if not self.policy.allows(ip):
            if self.stats is not None:
                self.stats.inc_value("farmwatch/blocked_private_address")
            raise _refuse(name, "private_address",
                          f"{name} resolves to non-public address {ip}; refused before connecting "
                          "(FARMWATCH_ALLOW_PRIVATE / FARMWATCH_ALLOW_PRIVATE_NETWORKS)", address=ip)
        return ip
