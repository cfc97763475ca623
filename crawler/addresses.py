"""Which network addresses a crawl may connect to: one decision, for every spelling of an IP.

Why its own module: the same question is asked in three places (a URL's literal host in the
URL guard, a name's resolved address in :mod:`crawler.resolver`, a refused lookup's reason in
:class:`crawler.address_guard.PrivateAddressMiddleware`), and an attacker only needs one of
them to disagree. ``http://2852039166/``, ``http://0xa9fea9fe/``, ``http://0251.0376.0251.0376/``
and ``http://169.254.43518/`` are all 169.254.169.254 to the C library (BSD ``inet_aton``
forms, which browsers' URL parsers accept too), ``10.1`` is 10.0.0.1, and IPv6 carries IPv4
addresses inside it: IPv4-mapped ``::ffff:10.0.0.1``, IPv4-compatible ``::10.0.0.1``, 6to4
``2002:a9fe:a9fe::1``, NAT64 ``64:ff9b::a9fe:a9fe`` and Teredo. An address is public only when
it *and every IPv4 address it embeds* are.

Settings (read through :meth:`AddressPolicy.from_settings`):

``FARMWATCH_ALLOW_PRIVATE`` [False]
    allow non-public addresses at all (tests, the sample web, intranet crawls).
``FARMWATCH_ALLOW_PRIVATE_NETWORKS`` [[]]
    with ``FARMWATCH_ALLOW_PRIVATE``, only these CIDRs (tests: ``["127.0.0.0/8"]``); empty
    means every non-public network. A list, a JSON list or ``a,b``.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
from typing import Any, Iterable

__all__ = ["AddressPolicy", "embedded_ipv4", "is_public_address", "list_setting", "parse_ip"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# What inet_aton accepts: 1-4 dot-separated parts, each decimal, octal (leading 0) or hex (0x).
_INET_ATON = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}\.?$", re.IGNORECASE)
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_V4_COMPATIBLE = ipaddress.ip_network("::/96")


def parse_ip(host: str) -> IPAddress | None:
    """The address a host string denotes when it is an IP in any spelling, else None (a name)."""
    text = (host or "").strip().strip("[]").lower()
    if not text:
        return None
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text.split("%", 1)[0])  # a zone id does not change the address
        except ValueError:
            return None
    if not _INET_ATON.match(text):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(text.rstrip(".")))
    except (OSError, ValueError):
        return None  # e.g. a part out of range: not an address, and no resolver will make one of it


def embedded_ipv4(addr: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, compatible, 6to4, NAT64, Teredo)."""
    if addr.version == 4:
        return []
    found: list[ipaddress.IPv4Address] = []
    if addr.ipv4_mapped is not None:
        found.append(addr.ipv4_mapped)
    if addr.sixtofour is not None:
        found.append(addr.sixtofour)
    if addr.teredo is not None:
        found.extend(addr.teredo)
    low32 = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    if any(addr in net for net in _NAT64) or (addr in _V4_COMPATIBLE and int(addr) > 1):
        found.append(low32)
    return found


def _public_one(addr: IPAddress) -> bool:
    return not (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
                or addr.is_reserved or addr.is_unspecified or getattr(addr, "is_site_local", False))


def _forms(addr: IPAddress) -> list[IPAddress]:
    """The addresses a connection to ``addr`` really reaches: the IPv4 ones it wraps, or itself."""
    return list(embedded_ipv4(addr)) or [addr]


def is_public_address(ip: str | IPAddress) -> bool:
    """True for a globally routable unicast address that wraps no non-public IPv4 address."""
    addr = ip if isinstance(ip, (ipaddress.IPv4Address, ipaddress.IPv6Address)) else parse_ip(str(ip))
    return addr is not None and all(_public_one(form) for form in _forms(addr))


def list_setting(settings: Any, name: str, default: list[str]) -> list[str]:
    """A list from a list, a JSON list (``-s NAME='["a","b"]'``) or ``a,b``."""
    value = settings.get(name, default)
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return [str(v) for v in json.loads(text)]
        return [v.strip() for v in text.split(",") if v.strip()]
    return [str(v) for v in (value or [])]


class AddressPolicy:
    """May a connection go to this address? (see the module docstring)"""

    def __init__(self, allow_private: bool = False, networks: Iterable[str] = ()):
        self.allow_private = allow_private
        self.networks = [ipaddress.ip_network(n, strict=False) for n in networks]

    @classmethod
    def from_settings(cls, settings: Any) -> "AddressPolicy":
        """Raises ValueError naming the setting when a network is not a CIDR."""
        networks = list_setting(settings, "FARMWATCH_ALLOW_PRIVATE_NETWORKS", [])
        try:
            return cls(settings.getbool("FARMWATCH_ALLOW_PRIVATE", False), networks)
        except ValueError as exc:
            raise ValueError(f"FARMWATCH_ALLOW_PRIVATE_NETWORKS={networks!r}: {exc}") from None

    def allows(self, ip: str | IPAddress) -> bool:
        addr = ip if isinstance(ip, (ipaddress.IPv4Address, ipaddress.IPv6Address)) else parse_ip(str(ip))
        if addr is None:
            return False  # not an address at all: nothing to connect to
        private = [form for form in _forms(addr) if not _public_one(form)]
        if not private:
            return True
        if not self.allow_private:
            return False
        # With networks named, every non-public address reached must sit in one of them: the
        # 6to4 form of 10.0.0.1 is not "loopback" because the tests allow 127.0.0.0/8.
        return not self.networks or all(
            any(form.version == net.version and form in net for net in self.networks) for form in private)
