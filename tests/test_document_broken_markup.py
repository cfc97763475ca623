"""Broken and old markup is not farm evidence: the document stage recovers what a browser shows."""

from __future__ import annotations

from classifier.document import from_html
from classifier.features import analyse

BODY = "<h1>County approves the new library budget</h1><p>" + "The council voted on Tuesday to fund the branch. " * 6 + "</p>"


def test_an_unclosed_title_does_not_swallow_the_page():
    # libxml2 reads <title> as raw text up to the next </title>: without one, the whole page became the
    # title ("Foo</head><body><h1>...") and the body was empty.
    doc = from_html(f"<html><head><title>Library budget - The Herald</head><body>{BODY}</body></html>",
                    url="https://www.herald.example/news/library")
    assert doc.title == "Library budget - The Herald"
    assert doc.headline == "County approves the new library budget"
    assert "The council voted on Tuesday" in doc.main_text


def test_an_unclosed_title_followed_by_a_script_stops_at_the_script():
    html = (f"<html><head><title>Library budget<script>var ss = 'aa'; function ff() {{ return 1; }}</script>"
            f"</head><body>{BODY}</body></html>")
    doc = from_html(html, url="https://www.herald.example/news/library")
    assert doc.title == "Library budget"
    assert analyse(doc).values["title_chars"] == len("Library budget")
    assert "The council voted on Tuesday" in doc.main_text


def test_a_closed_title_keeps_what_a_browser_tab_shows_tags_and_all():
    # Inside a closed <title> everything is text: the tab shows "<script>...", and so must the report.
    doc = from_html(f"<html><head><title><script>alert(1)</script> Library budget</title></head><body>{BODY}</body></html>")
    assert doc.title == "<script>alert(1)</script> Library budget"


def test_angle_brackets_that_are_not_tags_stay_in_the_title():
    doc = from_html(f"<html><head><title>When 3 < 4 and 5 > 2</title></head><body>{BODY}</body></html>")
    assert doc.title == "When 3 < 4 and 5 > 2"


def test_xhtml_with_an_xml_declaration_and_a_2008_table_layout_parse_like_any_page():
    html = ('<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<title>Library budget</title></head><body><table width="760"><tr><td width="160">'
            '<a href="/">Home</a><br/><a href="/news">News</a></td><td>' + BODY + "</td></tr></table></body></html>")
    doc = from_html(html.encode("latin-1"), url="http://www.herald.example/2008/library.html")
    assert doc.title == "Library budget"
    assert "The council voted on Tuesday" in doc.main_text


def test_a_truncated_body_keeps_the_text_it_has():
    html = f"<html><head><title>Library budget</title></head><body>{BODY}<div><p>The meeting ran la"
    doc = from_html(html)
    assert doc.title == "Library budget"
    assert doc.lines[-1].endswith("ran la")
