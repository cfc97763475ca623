"""Stage 1 of the classifier: raw HTML or reader text → :class:`Document`.

Every later stage (features, evidence, storage) reads a ``Document`` and never the raw
bytes, so the crawl path (HTML from Scrapy) and the analyst path (a saved ``.txt`` page
like ``../shared/seeds``) are scored by the same code. The HTML path therefore renders
the page into the same *reader lines* a saved text file has — one visible block per
line, list items prefixed ``"- "`` — and keeps the few things only markup can tell
(anchor-text share, the ``<title>`` element, canonical link, declared dates).

Entry points: :func:`from_html`, :func:`from_text`, :func:`from_path`.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

__all__ = [
    "Document",
    "LinkBlock",
    "DocumentError",
    "from_html",
    "from_text",
    "from_path",
    "decode_bytes",
]

# Headings under which content farms (and honest sites) hang lists of headlines.
BLOCK_HEADINGS = re.compile(
    r"^(related|ranking|recommend(?:ation|ed)?|more(?: stories| news)?|popular|most (?:read|popular|viewed)|"
    r"trending|top stories|latest(?: news)?|you may also like|read more|more from .{1,40}|"
    r"editor'?s picks?|hot news|recent posts?|see also|also read|further reading|more:.{0,30})\s*:?$",
    re.I,
)

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head", "form", "button", "select", "textarea"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "blockquote", "pre", "figure",
    "figcaption", "dl", "dt", "dd", "br", "hr", "address", "time", "body",
}
_HIGH_BYTES = bytes(range(0x80, 0x100))
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
MAX_TEXT_CHARS = 400_000  # a page longer than this is truncated: farms are never novels
# huge_tree lifts libxml2's nesting limit (256) for real-world div soup; beyond ~2000 levels the
# text is dropped by libxml2 and the page fails as "no visible text", which is the right verdict.
# A plain etree parser, not lxml.html's: lxml.html asks a Python class lookup for every element
# proxy it creates, a sixth of the time spent building a document; nothing here needs its
# HtmlElement methods.
_PARSER = etree.HTMLParser(huge_tree=True, remove_comments=True)


class DocumentError(ValueError):
    """The input cannot be turned into a document (empty, binary, unparseable)."""


@dataclass
class LinkBlock:
    """A list of headline links under one heading ("Related", "Ranking", ...)."""

    heading: str
    anchors: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)


@dataclass
class Document:
    """What a reader sees of a page, plus the markup facts the features need."""

    url: str = ""
    title: str = ""  # the <title> element, or the first line of a text page
    headline: str = ""  # <h1> / og:title / second line when it repeats the title
    lines: list[str] = field(default_factory=list)  # reader lines, in page order
    main_text: str = ""  # the article body: long prose lines, no lists/furniture
    link_blocks: list[LinkBlock] = field(default_factory=list)
    published: str = ""  # the page's own date claim (ISO-ish string) if found
    canonical_url: str = ""
    site_name: str = ""  # og:site_name / application-name
    source_format: str = "html"  # "html" or "text"
    anchor_chars: int = 0  # characters inside <a> (HTML only; estimated for text)
    text_chars: int = 0  # all visible characters
    html_chars: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def address(self) -> str:
        """Where the page lives: the URL it was fetched from, else the canonical link it names.

        A page saved without its URL still names its address in its head; measuring and explaining
        must both read the same one.
        """
        return self.url or self.canonical_url


# --------------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def decode_bytes(body: bytes, declared: str | None = None) -> str:
    """Decode page bytes: BOM, then the declared charset, then ``<meta charset>``, then a sniff.

    A wrong declaration is common on farms (``ISO-8859-1`` served for UTF-8 copy), so a
    declared charset that fails strictly falls through to the next candidate instead of
    silently producing mojibake.
    """
    if not body:
        return ""
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", errors="replace")
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16", errors="replace")
    # Valid UTF-8 with multi-byte sequences is almost never another charset by accident, so it
    # beats a (frequently wrong) single-byte declaration.
    if not body[:65536].isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        # One stray byte in a UTF-8 page (a truncated copy, a pasted cp1252 quote) must cost
        # that character, not turn every accented letter of the page into mojibake: when valid
        # multi-byte sequences far outnumber the broken ones, the page is UTF-8.
        text = body.decode("utf-8", errors="replace")
        broken = text.count("\ufffd") - body.count("\ufffd".encode())
        multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - broken
        if multibyte >= 8 * broken:
            return text
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return body.decode(_normalise_encoding(enc))
        except (LookupError, UnicodeDecodeError):
            continue
    # A statistical guess needs material: with a few accented letters it is worse than the
    # web's default single-byte charset, so only long non-ASCII bodies are sniffed.
    sample = body[:200_000]
    if len(sample) - len(sample.translate(None, _HIGH_BYTES)) >= 200:  # bytes above 0x7F
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        if best is not None and best.encoding:
            return body.decode(best.encoding, errors="replace")
    return body.decode("cp1252", errors="replace")


def _normalise_encoding(name: str) -> str:
    name = name.strip().lower()
    # WHATWG: latin-1 labels mean windows-1252 on the web.
    return {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}.get(name, name)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")


def looks_binary(body: bytes) -> bool:
    """A NUL byte, a well-known magic number or many control characters in the first bytes
    mean this is not a page. A UTF-16 page with its byte-order mark is text (its NUL bytes are
    the high halves of ASCII letters): it is judged on its decoded characters."""
    head = body[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        chars = head[2:len(head) - len(head) % 2].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be", "replace")
        return sum(1 for ch in chars if ord(ch) < 32 and ch not in "\t\n\r\f") > len(chars) // 50
    if b"\x00" in head:
        return True
    magics = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
    if head.startswith(magics):
        return True
    # Random or compressed bytes carry ~11 % control characters; text, even broken text, ~0.
    return len(head) - len(head.translate(None, _CONTROL_BYTES)) > len(head) // 50


# --------------------------------------------------------------------------- HTML

def from_html(source: str | bytes, url: str = "", encoding: str | None = None) -> Document:
    """Parse HTML into a :class:`Document`; raises :class:`DocumentError` on unusable input."""
    if isinstance(source, bytes):
        if looks_binary(source):
            raise DocumentError("body is binary, not HTML")
        source = decode_bytes(source, encoding)
    if not source or not source.strip():
        raise DocumentError("empty document")
    source = source[: MAX_TEXT_CHARS * 4]
    # lxml refuses str input that carries an XML encoding declaration.
    source = re.sub(r"^\s*<\?xml[^>]*\?>", "", source)
    if "\ufdd0" in source or "\ufdd1" in source or "\ufdd2" in source:
        source = source.translate(_NONCHARS)
    try:
        root = etree.fromstring(source, parser=_PARSER)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"unparseable HTML: {exc}") from exc

    head = _head_fields(root)
    if _MARKUP_IN_TITLE.search(head["title"]) and not _CLOSED_TITLE.search(source):
        # An unclosed <title> swallows the page as text (libxml2 and the HTML spec read it as RCDATA up to
        # the next </title>): the title then reads "Foo<script>var ..." and the body is empty. Close the title
        # at its first tag and parse again. A closed title keeps its text as it is, tags and all: a browser tab
        # shows "<script>" written inside a closed <title> as text, and so does the report.
        fixed = _UNCLOSED_TITLE.sub(r"\1</title>", source, count=1)
        if fixed != source:
            try:
                root = etree.fromstring(fixed, parser=_PARSER)
                head = _head_fields(root)
            except (etree.ParserError, ValueError) as exc:
                raise DocumentError(f"unparseable HTML: {exc}") from exc
        head["title"] = _clean(_MARKUP_IN_TITLE.split(head["title"], 1)[0])

    doc = Document(url=url, source_format="html", html_chars=len(source))
    doc.title = head["title"]
    doc.canonical_url = head["canonical"]
    doc.site_name = head["site_name"]
    doc.headline = head["h1"] or head["og_title"]
    if not doc.title:
        doc.title = doc.headline
    doc.published = head["published"]

    body = root.find("body")
    if body is None:
        body = root
    # Each anchor's text is read once: for the anchor-text share and for the link blocks.
    anchor_texts = {a: _clean(_text_of(a)) for a in body.iter("a")}
    anchor_chars = sum(map(len, anchor_texts.values()))
    html_blocks = _html_link_blocks(body, anchor_texts)
    doc.lines = _reader_lines(root)
    if len(doc.lines) > 20_000:
        doc.lines = doc.lines[:20_000]
    doc.text_chars = sum(len(ln) for ln in doc.lines)
    doc.anchor_chars = min(anchor_chars, doc.text_chars)
    doc.link_blocks = html_blocks or _text_link_blocks(doc.lines)
    doc.main_text = _main_text(doc.lines)
    if not doc.lines and not doc.title:
        raise DocumentError("no visible text")
    return doc


# Markup read as title text: a tag opening or closing (``<script``, ``</head``, ``<meta``, ``<!--``).
_MARKUP_IN_TITLE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*[\s>/]|<!--")
_CLOSED_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.I | re.S)
# The title element's own text up to the first tag that is not its end tag.
_UNCLOSED_TITLE = re.compile(r"(<title\b[^>]*>[^<]*)(?=<(?!/title)(?:[A-Za-z/]|!--))", re.I)

# Boundary marks in the reader text: start of a block, start of a list item, end of a block.
# Unicode noncharacters: valid in XML text, never meant to appear in interchanged text; literal
# ones are removed from the source before parsing (one written as a character reference can at
# worst split a line of its own page).
_M_START, _M_ITEM, _M_END = "\ufdd0", "\ufdd1", "\ufdd2"
_MARKS = re.compile("([\ufdd0-\ufdd2])")
_NONCHARS = str.maketrans("", "", "\ufdd0\ufdd1\ufdd2")

# The page's text with the marks, written by libxslt in one C-level pass over the tree: walking
# ~1,500 nodes a page in Python was the largest cost of building a document.
_MARKED_TEXT = etree.XSLT(etree.XML(f"""\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/"><xsl:choose>
  <xsl:when test="*/body"><xsl:apply-templates select="*/body[1]"/></xsl:when>
  <xsl:otherwise><xsl:apply-templates select="*"/></xsl:otherwise></xsl:choose></xsl:template>
<xsl:template match="{'|'.join(sorted(_SKIP_TAGS))}"/>
<xsl:template match="comment()|processing-instruction()"/>
<xsl:template match="li">{_M_ITEM}<xsl:apply-templates/>{_M_END}</xsl:template>
<xsl:template match="{'|'.join(sorted(_BLOCK_TAGS - {'li'}))}">{_M_START}<xsl:apply-templates/>{_M_END}</xsl:template>
</xsl:stylesheet>"""))


def _reader_lines(root) -> list[str]:
    """Reader lines of the body: text accumulates until a block boundary; list items get ``- ``.

    libxml2 stops nesting at ~2,050 levels (deeper text is dropped), below libxslt's template
    depth of 3,000, so every tree our parser builds fits the stylesheet.
    """
    try:
        marked = str(_MARKED_TEXT(root))
    except etree.XSLTApplyError as exc:
        raise DocumentError(f"cannot render the page's text: {exc}") from exc
    parts = _MARKS.split(_WS.sub(" ", marked))
    lines: list[str] = []
    prefix = ""
    # parts alternate text, mark, text, mark, ... text; a mark flushes the text before it.
    for i in range(1, len(parts), 2):
        line = parts[i - 1].strip()
        if line:
            lines.append(prefix + line)
            prefix = ""
        mark = parts[i]
        if mark == _M_ITEM:
            prefix = "- "
        elif mark == _M_END:
            prefix = ""
    if line := parts[-1].strip():
        lines.append(prefix + line)
    return lines


def _head_fields(root) -> dict[str, str]:
    """Title, canonical link, site name, first ``<h1>``, og:title and declared date in one pass.

    The first match in document order wins, as an XPath ``//...`` would give it; one walk over
    the few candidate tags instead of seven XPaths over the whole tree. Only the document's own
    ``<title>``: inline SVG icons carry ``<title>`` elements of their own ("Search Icon",
    "Follow us on Facebook") that used to be glued onto the page title.
    """
    out = {"title": None, "canonical": None, "site_name": None, "h1": None, "og_title": None, "published": None}
    for el in root.iter("title", "link", "meta", "h1", "time"):
        tag = el.tag
        if tag == "meta":
            content = el.get("content")
            if content is None:
                continue
            prop, name = el.get("property"), el.get("name")
            if out["site_name"] is None and (prop == "og:site_name" or name == "application-name"):
                out["site_name"] = content
            if out["og_title"] is None and prop == "og:title":
                out["og_title"] = content
            if out["published"] is None and (prop == "article:published_time" or name == "date"
                                             or el.get("itemprop") == "datePublished"):
                out["published"] = content
        elif tag == "title":
            if out["title"] is None and not any(True for _ in el.iterancestors("svg")):
                out["title"] = " ".join(el.itertext())
        elif tag == "link":
            if out["canonical"] is None and el.get("rel") == "canonical" and el.get("href") is not None:
                out["canonical"] = el.get("href")
        elif tag == "h1":
            if out["h1"] is None:
                out["h1"] = " ".join(el.itertext())
        elif out["published"] is None and el.get("datetime") is not None:  # <time datetime=...>
            out["published"] = el.get("datetime")
    canonical = out.pop("canonical")
    cleaned = {k: _clean(v) if v is not None else "" for k, v in out.items()}
    cleaned["canonical"] = canonical or ""
    return cleaned


def _html_link_blocks(body, anchor_texts: dict) -> list[LinkBlock]:
    """Lists of ≥3 links whose anchors read like headlines, with the heading just before them."""
    blocks: list[LinkBlock] = []
    # Holding the elements themselves (not id()s) keeps their lxml proxies alive: an id() of a
    # dropped proxy is reused by later ones, which made block detection depend on memory layout.
    seen: set = set()
    for container in body.iter("ul", "ol"):
        if container in seen:
            continue
        anchors, hrefs = [], []
        for a in container.iter("a"):
            t = anchor_texts[a]
            if len(t.split()) >= 4:  # headlines, not "Home", "World", "Sport"
                anchors.append(t)
                hrefs.append(a.get("href", ""))
        if len(anchors) < 3:
            continue
        seen.add(container)
        blocks.append(LinkBlock(heading=_heading_for(container), anchors=anchors, hrefs=hrefs))
    return blocks


def _heading_for(el) -> str:
    label = el.get("aria-label") or ""
    if label:
        return _clean(label)
    node = el
    for _ in range(4):  # walk back a few siblings / up a few parents to find a heading
        prev = node.getprevious()
        while prev is not None:
            if not isinstance(prev.tag, str):
                prev = prev.getprevious()
                continue
            text = _clean(_text_of(prev))
            if text and len(text) <= 60:
                return text
            break
        node = node.getparent()
        if node is None:
            break
    return ""


# --------------------------------------------------------------------------- text

def from_text(text: str, url: str = "") -> Document:
    """A saved reader-view page: first line is the title, blocks are lines."""
    if not text or not text.strip():
        raise DocumentError("empty document")
    text = text[:MAX_TEXT_CHARS]
    lines = [_clean(ln) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    doc = Document(url=url, source_format="text")
    doc.lines = lines
    doc.title = lines[0] if lines else ""
    if len(lines) > 1 and len(lines[1]) > 15 and lines[1] in lines[0]:
        doc.headline = lines[1]
    else:
        doc.headline = doc.title
    doc.text_chars = sum(len(ln) for ln in lines)
    doc.link_blocks = _text_link_blocks(lines)
    # Text has no markup: estimate anchor text as the link-block headlines plus "- " items.
    doc.anchor_chars = sum(len(a) for b in doc.link_blocks for a in b.anchors)
    doc.main_text = _main_text(lines)
    m = re.search(r"\b(20\d\d-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?)", "\n".join(lines[:8]))
    doc.published = m.group(1) if m else ""
    return doc


def _text_link_blocks(lines: list[str]) -> list[LinkBlock]:
    blocks: list[LinkBlock] = []
    i = 0
    while i < len(lines):
        if BLOCK_HEADINGS.match(lines[i]) and len(lines[i]) <= 60:
            heading = lines[i]
            items: list[str] = []
            j = i + 1
            while j < len(lines) and not BLOCK_HEADINGS.match(lines[j]) and len(items) < 60:
                item = lines[j][2:] if lines[j].startswith("- ") else lines[j]
                if len(item.split()) < 3 or len(item) > 220:
                    break
                items.append(item)
                j += 1
            if len(items) >= 3:
                blocks.append(LinkBlock(heading=heading, anchors=items))
                i = j
                continue
        i += 1
    return blocks


# Scripts written without spaces between words (kana, CJK ideographs, Thai), and Hangul: Korean
# spaces its words, but a line of forty Hangul letters is prose too (the shipped model counts it so).
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# A line of this many such characters is a sentence or more (40 ideographs ~ 25 English words).
MIN_UNSPACED_PROSE = 40


def _is_prose(line: str) -> bool:
    if line.startswith("- "):
        return False
    if len(line) >= 80 and line.count(" ") >= 10:
        return True
    # Counting spaces finds no Chinese or Thai paragraph, only the " | "-separated footer links,
    # which then stood in for the article.
    return len(line) >= MIN_UNSPACED_PROSE and len(UNSPACED_SCRIPT.findall(line)) >= max(MIN_UNSPACED_PROSE, len(line) // 2)


def _main_text(lines: list[str]) -> str:
    """Prose lines: long, sentence-like, not list items. Good enough to compare topics."""
    return "\n".join(ln for ln in lines if _is_prose(ln))


# --------------------------------------------------------------------------- files

MAX_FILE_BYTES = 4 * 1024 * 1024  # the crawl's DOWNLOAD_MAXSIZE: a saved page is held to the same limit


def from_path(path: str | Path, url: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """``.html``, ``.htm``, ``.html.gz`` or ``.txt`` on disk → :class:`Document`.

    ``url`` is where the page was fetched from; given, the page is measured at that address
    exactly as the crawl measures it (host, path and site shape are signals), else at its file URI.
    At most ``max_bytes`` are read, after decompression: a 2 MB ``.html.gz`` that inflates to
    2 GB, ``/dev/zero`` or a huge file is refused with a :class:`DocumentError` instead of
    exhausting memory (0 means no limit).
    """
    p = Path(path)
    name = p.name.lower()
    limit = max_bytes if max_bytes and max_bytes > 0 else -1
    try:
        opener = gzip.open if name.endswith(".gz") else open
        with opener(p, "rb") as fh:
            raw = fh.read(limit + 1 if limit > 0 else -1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise DocumentError(f"{p.name}: not a valid gzip file") from exc
    except OSError as exc:
        raise DocumentError(f"cannot read {p}: {exc.strerror or exc}") from exc
    if 0 < limit < len(raw):
        raise DocumentError(f"{p.name}: larger than {limit:,} bytes{' decompressed' if name.endswith('.gz') else ''}; "
                            "not a page (the crawl's DOWNLOAD_MAXSIZE)")
    if name.endswith(".gz"):
        name = name[:-3]
    url = url or p.resolve().as_uri()
    if name.endswith((".html", ".htm", ".xhtml")):
        return from_html(raw, url=url)
    if looks_binary(raw):
        raise DocumentError(f"{p.name}: binary file, not a page")
    text = decode_bytes(raw)
    # A .txt that is really HTML (saved with the wrong extension) is still HTML.
    if re.match(r"\s*(<!doctype html|<html)", text[:200], re.I):
        return from_html(text, url=url)
    return from_text(text, url=url)


# --------------------------------------------------------------------------- helpers

def _clean(s: str) -> str:
    return _WS.sub(" ", s or "").strip()


def _text_of(el) -> str:
    """All text inside an element (its XPath string value), without its tail."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)

