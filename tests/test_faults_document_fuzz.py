"""Fuzzing the document stage: random bytes, truncated pages, mixed encodings and deep
nesting never raise anything but the documented ``DocumentError``, within a memory budget.

Bounded in time: a fixed number of examples per property, no deadline per example (the
machine is shared), derandomized so a failure reproduces on every run.
"""

from __future__ import annotations

import resource

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the test extras: pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from classifier.document import DocumentError, decode_bytes, from_html, from_text, looks_binary  # noqa: E402

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MEMORY_BUDGET_MB = 300  # growth of the test process's peak RSS over the whole module

ARTICLE = ("<!doctype html><html><head><meta charset=\"{charset}\"><title>Zürich council — «budget» 2026</title>"
           "</head><body><h1>Zürich council</h1><p>Le conseil a voté. Совет проголосовал. 議会は可決した。</p>"
           "<ul><li><a href=\"/a\">Related one</a></li><li><a href=\"/b\">Related two</a></li></ul>"
           "<p>The budget passed after a long debate about roads, schools and the harbour.</p></body></html>")
ENCODINGS = ["utf-8", "cp1252", "utf-16", "utf-16-le", "shift_jis", "koi8-r", "iso-8859-7", "gb18030"]
TAGS = ["div", "p", "span", "table", "ul", "li", "a", "b", "article", "section", "font", "td"]


def _parse(data: bytes) -> None:
    """What the crawl and `classify` do with a body; only DocumentError may come out."""
    for declared in (None, "utf-8", "x-unknown-charset"):
        try:
            from_html(decode_bytes(data, declared), url="http://fuzz.example/p")
        except DocumentError:
            pass
    try:
        from_html(data, url="http://fuzz.example/p")
    except DocumentError:
        pass
    if not looks_binary(data):
        try:
            from_text(decode_bytes(data), url="http://fuzz.example/t")
        except DocumentError:
            pass


@pytest.fixture(scope="module", autouse=True)
def memory_budget():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    yield
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < MEMORY_BUDGET_MB, f"the document stage grew the process by {grown_mb:.0f} MB"


@FUZZ
@given(st.binary(max_size=40_000))
def test_random_bytes(data):
    _parse(data)


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@FUZZ
@given(st.sampled_from(ENCODINGS), st.sampled_from(ENCODINGS), st.integers(0, len(ARTICLE)), st.integers(0, 40))
def test_truncated_pages_in_mixed_encodings(first, second, cut, flips):
    page = ARTICLE.format(charset=first if flips % 2 else second)
    head, tail = page[:cut], page[cut:]
    data = _encode(head, first) + _encode(tail, second)
    _parse(data[: max(0, len(data) - flips * 7)])


@FUZZ
@given(st.lists(st.sampled_from(TAGS), min_size=1, max_size=4), st.integers(1, 30_000), st.booleans())
def test_deep_nesting(tags, depth, closed):
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth))) if closed else ""
    _parse(f"<html><head><title>Deep</title></head><body>{opening}deep text{closing}</body></html>".encode())


@FUZZ
@given(st.text(max_size=5_000))
def test_arbitrary_unicode_text(text):
    for encoding in ("utf-8", "utf-16"):
        _parse(text.encode(encoding, errors="surrogatepass"))
