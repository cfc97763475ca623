"""The private-address guard decides on the address a connection would reach, for every
spelling of an IP and for names, with ``FARMWATCH_ALLOW_PRIVATE_NETWORKS`` applied at DNS.

No test here connects anywhere: the decision is asked of the policy, of the URL guard and of
the real resolver (whose refusal is a failed Deferred before any socket exists).
"""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError

from crawler.addresses import AddressPolicy, parse_ip
from crawler.middlewares import UrlPolicy
from crawler.resolver import FarmwatchResolver, refused_address

METADATA = "169.254.169.254"
SPELLINGS = {  # how the attacker reached 169.254.169.254 and 10.x
    "2852039166": METADATA, "0xa9fea9fe": METADATA, "0251.0376.0251.0376": METADATA, "169.254.43518": METADATA,
    "0xa9.0xfe.0xa9.0xfe": METADATA, "10.1": "10.0.0.1", "167772161": "10.0.0.1",
}
EMBEDDED = ["2002:a9fe:a9fe::1", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "64:ff9b::a00:1", "::10.0.0.1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2"]  # 6to4, mapped (two forms), NAT64, compatible, Teredo
LOOPBACK_ONLY = dict(allow_private=True, networks=["127.0.0.0/8"])


@pytest.mark.parametrize("spelled,address", SPELLINGS.items())
def test_every_ipv4_spelling_denotes_its_address(spelled, address):
    assert str(parse_ip(spelled)) == address


@pytest.mark.parametrize("host", list(SPELLINGS) + EMBEDDED)
def test_non_public_spellings_refused_by_default_and_when_only_loopback_is_allowed(host):
    assert not AddressPolicy().allows(host)
    assert not AddressPolicy(**LOOPBACK_ONLY).allows(host)


@pytest.mark.parametrize("host", list(SPELLINGS) + EMBEDDED)
def test_url_guard_refuses_every_spelling_before_any_lookup(host):
    url = f"http://[{host}]/latest/" if ":" in host else f"http://{host}/latest/"
    assert UrlPolicy(allow_private=True, private_networks=["127.0.0.0/8"]).refusal(url) == "private_address"
    assert UrlPolicy().refusal(url) == "private_address"


@pytest.mark.parametrize("host", ["8.8.8.8", "2606:4700::1", "2002:808:808::1", "::ffff:8.8.8.8"])
def test_public_addresses_and_their_wrappers_pass(host):
    assert AddressPolicy().allows(host)


def test_loopback_allowance_covers_loopback_spellings_only():
    policy = AddressPolicy(**LOOPBACK_ONLY)
    assert policy.allows("127.1") and policy.allows("2130706433") and policy.allows("::ffff:127.0.0.1")
    assert not policy.allows("::1"), "an IPv6 address is not in an IPv4 network"
    assert AddressPolicy(allow_private=True).allows("10.1"), "no networks named: every private one allowed"


def test_a_bad_network_names_the_setting():
    crawler = get_crawler(settings_dict={"FARMWATCH_ALLOW_PRIVATE": True,
                                         "FARMWATCH_ALLOW_PRIVATE_NETWORKS": ["10.0.0.0/33"]})
    with pytest.raises(ValueError, match="FARMWATCH_ALLOW_PRIVATE_NETWORKS"):
        AddressPolicy.from_settings(crawler.settings)


def _resolver(**settings):
    from twisted.internet import reactor

    base = {"FARMWATCH_ALLOW_PRIVATE": True, "FARMWATCH_ALLOW_PRIVATE_NETWORKS": ["127.0.0.0/8"],
            "FARMWATCH_HOSTS": {"intranet.example": "10.0.0.5", "local.example": "127.0.0.1",
                                "sixtofour.example": "2002:a9fe:a9fe::1"}}
    base.update(settings)
    return FarmwatchResolver.from_crawler(get_crawler(settings_dict=base), reactor)


def _outcome(deferred):
    result = []
    deferred.addBoth(result.append)
    assert result, "the resolver must decide without waiting on the network"
    return result[0]


@pytest.mark.parametrize("name", ["intranet.example", "sixtofour.example", *SPELLINGS, "[::ffff:a00:1]"])
def test_resolver_refuses_names_and_spellings_outside_the_allowed_networks(name):
    outcome = _outcome(_resolver().getHostByName(name))
    assert hasattr(outcome, "check") and outcome.check(DNSLookupError), outcome
    assert refused_address(name) is not None, "the refusal is recorded so it is counted as one"


def test_resolver_passes_allowed_addresses_and_returns_the_canonical_form():
    resolver = _resolver()
    assert _outcome(resolver.getHostByName("local.example")) == "127.0.0.1"
    assert _outcome(resolver.getHostByName("2130706433")) == "127.0.0.1"


def test_resolver_default_refuses_6to4_of_link_local():
    outcome = _outcome(_resolver(FARMWATCH_ALLOW_PRIVATE=False).getHostByName("sixtofour.example"))
    assert hasattr(outcome, "check") and outcome.check(DNSLookupError)


def test_refused_lookup_becomes_a_counted_refusal_not_a_dns_error():
    from scrapy import Request
    from scrapy.exceptions import IgnoreRequest

    from crawler.address_guard import STAT, PrivateAddressMiddleware

    _outcome(_resolver().getHostByName("intranet.example"))
    crawler = get_crawler(settings_dict={})
    mw = PrivateAddressMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_exception(Request("http://intranet.example/x"), DNSLookupError("intranet.example"))
    assert crawler.stats.get_value(STAT) == 1
    assert mw.process_exception(Request("http://unknown.example/"), DNSLookupError("nope")) is None
