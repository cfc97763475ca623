"""The URL policy behind the trap guards: what may be fetched at all (no crawl needed)."""

from __future__ import annotations

import pytest

from crawler.middlewares import UrlPolicy


@pytest.fixture
def policy() -> UrlPolicy:
    return UrlPolicy(max_length=200, max_segment_repeats=2)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "data:text/html,<h1>x</h1>", "ftp://example.com/x",
    "javascript:alert(1)", "mailto:ed@example.com", "gopher://example.com/",
])
def test_non_http_scheme_refused(policy, url):
    assert policy.refusal(url) == "scheme"


def test_url_length_limit(policy):
    assert policy.refusal("https://example.com/" + "a" * 300) == "url_length"
    assert policy.refusal("https://example.com/" + "a" * 100) is None


@pytest.mark.parametrize("url", [
    "https://example.com/cal/2024/01/cal/2024/02/",  # relative-link nesting
    "https://example.com/a/b/a/b/",
    "https://example.com/x/page/x/page/x/",
    "https://example.com/s/s/s",  # the same segment three times
])
def test_repeated_path_segments_refused(policy, url):
    assert policy.refusal(url) == "repeated_segments"


@pytest.mark.parametrize("url", [
    "https://example.com/news/2024/01/02/story-title",
    "https://example.com/world/europe/article-123",
    "https://example.com/calendar/2024/03/",
    "https://example.com/",
])
def test_ordinary_news_urls_pass(policy, url):
    assert policy.refusal(url) is None


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/admin", "http://127.0.0.1:8080/", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/", "http://[fe80::1]/", "http://192.168.1.1/", "http://0.0.0.0/",
])
def test_private_literal_ip_refused_by_default(policy, url):
    assert policy.refusal(url) == "private_address"


def test_allow_private_can_be_narrowed_to_loopback():
    policy = UrlPolicy(allow_private=True, private_networks=["127.0.0.0/8"])
    assert policy.refusal("http://127.0.0.1:8080/") is None
    assert policy.refusal("http://10.0.0.1/") == "private_address"
    assert UrlPolicy(allow_private=True).refusal("http://10.0.0.1/") is None


def test_public_ip_and_names_pass(policy):
    assert policy.refusal("http://93.184.216.34/") is None
    assert policy.refusal("https://news.example.co.uk/") is None  # names: the resolver checks them
