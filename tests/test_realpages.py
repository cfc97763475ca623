"""The real-page ground truth: corpus layouts read, hosts grouped across sets, rates with their bounds."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from classifier.corpus import Row
from classifier.realpages import (VALIDATION_SETS, as_saved_text, list_pages, rates, render, set_of, wilson_upper)

PAGE = ("<html><head><title>Council funds the branch - The Herald</title></head><body><h1>Council funds the branch</h1>"
        "<p>" + "The council voted on Tuesday to fund the branch, officials said. " * 5 + "</p></body></html>")


def _indexed_set(root, name, rows):
    (root / name / "pages").mkdir(parents=True)
    lines = ["id\turl\thost\tlang\tkind\tbytes\tnote\tdate\tsrc"]
    for pid, url, host, kind in rows:
        (root / name / "pages" / f"{pid}.html.gz").write_bytes(gzip.compress(PAGE.encode()))
        lines.append(f"{pid}\t{url}\t{host}\ten-US\t{kind}\t1\t\t\t")
    (root / name / "INDEX.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def tiny_corpus(tmp_path):
    _indexed_set(tmp_path, "fundus", [("a", "https://www.nytimes.com/2024/a.html", "nytimes.com", "news")])
    _indexed_set(tmp_path, "wcxb", [("0001", "https://cooking.nytimes.com/r/1", "cooking.nytimes.com", "article"),
                                    ("0002", "https://shop.example.co.uk/p/2", "shop.example.co.uk", "product")])
    aeb = tmp_path / "scrapinghub-aeb"
    (aeb / "html").mkdir(parents=True)
    (aeb / "html" / "x1.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (aeb / "ground-truth.json").write_text(json.dumps({"x1": {"url": "https://www.herald.example/news/1"}}))
    moz = tmp_path / "mozilla-readability" / "test-pages" / "nytimes-3"
    moz.mkdir(parents=True)
    (moz / "source.html").write_text(PAGE)
    return tmp_path


def test_every_layout_is_read_and_a_host_is_one_group_across_sets(tiny_corpus):
    pages = {p.key: p for p in list_pages(tiny_corpus)}
    assert set(pages) == {"fundus:a", "wcxb:0001", "wcxb:0002", "scrapinghub-aeb:x1", "mozilla-readability:nytimes-3"}
    # nytimes.com in fundus, cooking.nytimes.com in wcxb and Mozilla's "nytimes-3" page are one site.
    assert pages["fundus:a"].group == pages["wcxb:0001"].group == pages["mozilla-readability:nytimes-3"].group == "nytimes"
    assert pages["wcxb:0002"].group == "example" and pages["wcxb:0002"].kind == "product"
    assert pages["scrapinghub-aeb:x1"].url == "https://www.herald.example/news/1"
    assert "fundus" in VALIDATION_SETS and "wcxb" not in VALIDATION_SETS


def test_a_page_renders_as_the_crawl_sees_it_and_as_a_reader_saves_it(tiny_corpus):
    page = next(p for p in list_pages(tiny_corpus, ["fundus"]))
    html = render(page, "html")
    text = render(page, "text", html_doc=html)
    assert html.url == page.url and html.source_format == "html"
    assert text.url == "" and text.source_format == "text"
    assert text.title == "Council funds the branch - The Herald"
    assert as_saved_text(html).splitlines()[0] == html.title


def test_wilson_upper_bound_is_what_the_card_promises():
    assert wilson_upper(0, 0) is None
    assert wilson_upper(0, 300) == pytest.approx(0.0126, abs=2e-4)  # "0 of 300" still allows 1.3 %
    assert wilson_upper(5, 1000) == pytest.approx(0.0117, abs=2e-4)
    assert wilson_upper(5, 1000) > 5 / 1000


def test_rates_count_legitimate_rows_per_set_kind_and_rendering():
    rows = [Row(None, 0, "real", "a", "html", "fundus:a", kind="news"), Row(None, 0, "real", "a", "text", "fundus:a", kind="news"),
            Row(None, 0, "real", "b", "html", "wcxb:1", kind="forum"), Row(None, 1, "real-farm", "c", "html", "wcxb:2", kind="article")]
    r = rates(np.array([True, False, False, True]), rows)
    assert r["fmt"]["html"]["flagged"] == 1 and r["fmt"]["html"]["pages"] == 2  # the farm row is not a false flag
    assert r["set"]["fundus/html"]["rate"] == 1.0 and r["set"]["wcxb/html"]["rate"] == 0.0
    assert r["kind"]["forum/html"]["pages"] == 1
    assert r["flagged"] == ["fundus:a:html"]
    assert set_of(Row(None, 0, "real", "x", "html", "aeb:123")) == "scrapinghub-aeb"
