"""The document stage: HTML and reader text land in the same shape; bad input is named."""

from __future__ import annotations

import pytest

from classifier.document import DocumentError, decode_bytes, from_html, from_path, from_text


def test_html_list_items_become_dash_lines_and_blocks_keep_their_heading():
    html = """<html><head><title>T | Site</title></head><body><article><h1>Headline here</h1>
    <p>First paragraph of the story with enough words to count as prose for the main text check.</p></article>
    <h3>Related</h3><ul><li><a href="/a">One unrelated headline about the weather</a></li>
    <li><a href="/b">Second unrelated headline about a film star</a></li>
    <li><a href="/c">Third unrelated headline about a football match</a></li></ul></body></html>"""
    doc = from_html(html, url="http://x.example.com/a")
    assert doc.title == "T | Site" and doc.headline == "Headline here"
    assert "- One unrelated headline about the weather" in doc.lines
    assert [(b.heading, len(b.anchors)) for b in doc.link_blocks] == [("Related", 3)]
    assert "First paragraph" in doc.main_text and "weather" not in doc.main_text


def test_chinese_and_thai_paragraphs_are_in_the_main_text():
    # Paragraphs in scripts without spaces have too few spaces to pass as prose by counting them;
    # the " | "-separated footer links did, and stood in for the article (seen on a qq.com page).
    zh = "在2014年收购的人工智能公司开发出一款能够用自己的记忆学习新知识并利用这些知识来回答问题的计算机。这款产品具有极其重要的意义。"
    th = "นักวิจัยในกรุงเทพมหานครรายงานว่าโครงการใหม่ช่วยลดปริมาณขยะพลาสติกในแม่น้ำเจ้าพระยาได้มากกว่าครึ่งหนึ่งภายในเวลาหนึ่งปี"
    footer = " | ".join(["关于腾讯", "About Tencent", "服务协议", "隐私政策", "开放平台", "广告服务", "腾讯招聘", "腾讯公益",
                         "客服中心", "举报中心", "网站导航", "Site Map"])
    html = f"<html><body><h1>标题</h1><p>{zh}</p><p>{th}</p><p>短句。</p><div>{footer}</div></body></html>"
    doc = from_html(html)
    assert doc.main_text.split("\n")[:2] == [zh, th]


def test_scripts_styles_and_comments_are_not_text():
    doc = from_html("<html><body><script>var secret=1</script><style>p{}</style><!-- note -->"
                    "<p>visible words</p></body></html>")
    assert doc.lines == ["visible words"]


def test_text_page_blocks_are_found_like_in_html(seeds_dir):
    doc = from_path(seeds_dir / "000_28d6e87f0676feb9.txt")
    assert doc.source_format == "text"
    assert [b.heading for b in doc.link_blocks] == ["Related", "Ranking", "Recommendation"]
    assert doc.published.startswith("2025-04-07")


@pytest.mark.parametrize("body", [b"", b"   \n ", b"%PDF-1.7 binary", b"\x00\x00\x00"])
def test_empty_and_binary_bodies_raise_document_error(body):
    with pytest.raises(DocumentError):
        from_html(body)


def test_wrong_declared_charset_falls_back_instead_of_mojibake():
    body = "Zürich café".encode("utf-8")
    assert decode_bytes(body, declared="ascii") == "Zürich café"
    assert decode_bytes("Zürich".encode("cp1252"), declared="utf-8") == "Zürich"


def test_deeply_nested_markup_does_not_blow_the_stack():
    doc = from_html("<div>" * 1500 + "deep text" + "</div>" * 1500)
    assert "deep text" in doc.text
    # The deepest tree libxml2 keeps text for (~2,040 levels) still fits the text stylesheet.
    assert "deepest text" in from_html("<div>" * 2040 + "deepest text" + "</div>" * 2040).text
    with pytest.raises(DocumentError, match="no visible text"):  # beyond libxml2's limit: a clear error
        from_html("<div>" * 50000 + "deeper" + "</div>" * 50000)


def test_empty_text_raises():
    with pytest.raises(DocumentError):
        from_text("  \n\n ")


def test_a_page_saved_without_its_url_is_measured_at_its_canonical_address():
    from classifier.features import analyse

    html = ('<html><head><title>Storm hits coast - Oxford Daily Tribune</title>'
            '<link rel="canonical" href="http://oxforddailytribune.com/world/482913-storm-hits-coast.html"></head>'
            "<body><h1>Storm hits coast</h1><p>" + "The storm reached the coast on Monday night. " * 10 + "</p></body></html>")
    saved = analyse(from_html(html, url="")).values
    assert saved["url_known"] == 1.0 and saved["url_tribune"] == 1.0
    bare = analyse(from_html(html.replace("canonical", "stylesheet"), url="")).values
    assert bare["url_known"] == 0.0 and bare["url_tribune"] == 0.0


def test_evidence_names_the_canonical_address_a_page_saved_without_its_url_was_measured_at():
    from classifier.features import explain

    html = ('<html><head><title>Storm hits coast - Oxford Daily Tribune</title>'
            '<link rel="canonical" href="https://emily-news.pages.dev/world/482913-storm-hits-coast.html"></head>'
            "<body><h1>Storm hits coast</h1><p>" + "The storm reached the coast on Monday night. " * 10 + "</p></body></html>")
    reasons, _, _ = explain(from_html(html, url=""))
    assert "URL path shaped like a farm's: /world/482913-storm-hits-coast.html" in reasons
    assert "host on a free/edge platform: emily-news.pages.dev" in reasons
