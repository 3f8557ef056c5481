"""HTML pages: the visible text as lines, with the page's own hints about what is chrome.

Scripts, styles, templates, comments and hidden elements never reach the text. Block
elements and <br> end a line; text inside header/footer/aside/nav is kept but hinted as
chrome, so cleaning can still read metadata from it. The walk is iterative, so a page of
10 000 nested tags cannot exhaust Python's recursion limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lxml import etree

from ..safetext import strip_controls, warning_text
from .base import Reader, Source, number_lines
from .encoding import check_not_binary, declared_html_charset, decode

#: Never rendered as text, with everything inside them.
SKIP = frozenset(
    "script style template noscript head iframe frame frameset object embed applet svg math "
    "canvas audio video source track map select option datalist button input textarea meta "
    "link base param title".split()
)
#: Start and end a line.
BLOCK = frozenset(
    "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
    "table thead tbody tfoot tr caption blockquote pre address figure figcaption form fieldset "
    "legend details summary hr center body html dialog menu".split()
)
#: The page says these hold site furniture, not the document.
CHROME = frozenset("header footer aside nav".split())
CHROME_ROLES = frozenset("banner navigation contentinfo complementary search".split())
HEADINGS = {f"h{i}": f"h{i}" for i in range(1, 7)}
CELL = frozenset(("td", "th"))

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_DOCUMENT_END = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


def read(data: bytes, *, name: str = "", declared: str | None = None) -> Source:
    check_not_binary(data, name)
    text, codec, warnings = decode(data, declared or declared_html_charset(data))
    return read_text(text, name=name, encoding=codec, warnings=warnings, fmt="html")


def read_text(
    text: str,
    *,
    name: str = "",
    encoding: str = "",
    warnings: list[str] | None = None,
    fmt: str = "html",
) -> Source:
    root, complete = _parse(text)
    head = _head_info(root)
    walker = _Walker()
    if complete:
        _walk_lxml(root, walker)
    else:
        _walk_soup(text, walker)
    walker.finish()
    # Character references (&#1;) make control characters the decoded bytes did not hold.
    removed = 0

    def safe(value: str) -> str:
        nonlocal removed
        value, count = strip_controls(value)
        removed += count
        return value

    lines = [(safe(text).replace("\n", " "), hint) for text, hint in walker.lines]
    warnings = list(warnings or ())
    page_title, url, description = safe(head["title"]), safe(head["url"]), safe(head["description"])
    keywords = tuple(safe(k) for k in head["keywords"])
    if removed:
        warnings.append(warning_text(removed))
    return Source(
        lines=number_lines([(text, hint) for text, hint in lines if text.strip()]),
        format=fmt,
        encoding=encoding,
        name=name,
        url=url,
        page_title=page_title,
        keywords=keywords,
        description=description,
        warnings=tuple(warnings),
    )


def _parse(text: str) -> tuple[Any, bool]:
    """The lxml tree, and whether it is complete (libxml2 gives up past 2048 nested tags)."""
    # lxml refuses str input that carries an XML encoding declaration; the text is decoded already.
    text = _XML_DECL.sub("", text, count=1)
    # libxml2 drops everything after </html>, where browsers (and pages saved twice into one
    # file) keep showing text: without the end tags, it all stays in the body.
    text = _DOCUMENT_END.sub("", text)
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
    )
    root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    complete = not any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", parser)
    return root, complete


def _head_info(root: Any) -> dict[str, Any]:
    info: dict[str, Any] = {"title": "", "keywords": (), "description": "", "url": ""}
    titles = root.xpath("//head/title | /html/title")
    if titles:
        info["title"] = _SPACE.sub(" ", "".join(titles[0].itertext())).strip()
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        content = (meta.get("content") or "").strip()
        if key == "keywords" and content:
            words = re.split(r"[,，、;；\s]+", content)
            info["keywords"] = tuple(w for w in words if w)
        elif key in ("description", "og:description") and content and not info["description"]:
            info["description"] = content
        elif key == "og:url" and content and not info["url"]:
            info["url"] = content
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            info["url"] = link.get("href", "")
    return info


def _hidden(attrs: Mapping[str, str]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _walk_lxml(root: Any, walker: _Walker) -> None:
    """Feed an lxml tree to the walker without recursion (text before children, tail after)."""
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        if closing:
            walker.end(el.tag.lower())
            walker.data(el.tail)
            continue
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not walker.start(tag, el.attrib):
            walker.data(el.tail)
            continue
        walker.data(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))


def _walk_soup(text: str, walker: _Walker) -> None:
    """The same walk over BeautifulSoup's html.parser tree, for pages nested too deep for
    libxml2; its builder keeps an explicit stack, so any depth works."""
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction, Tag

    soup = BeautifulSoup(text, "html.parser")
    skipped = (Comment, Declaration, Doctype, ProcessingInstruction)
    stack: list[tuple[Any, bool]] = [(soup, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            walker.end(node.name.lower())
        elif isinstance(node, Tag):
            attrs = {
                k: " ".join(v) if isinstance(v, list) else str(v) for k, v in node.attrs.items()
            }
            if node is soup or walker.start(node.name.lower(), attrs):
                if node is not soup:
                    stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
        elif not isinstance(node, skipped):
            walker.data(str(node))


class _Walker:
    """Collects visible text into lines, each tagged with the innermost hint around it."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []
        self._buf: list[str] = []
        self._hints: list[str] = []  # stack of hints of open elements ("" for none)
        self._pre = 0
        self._line_hint = ""
        self._has_text = False  # the line being built holds more than whitespace

    def start(self, tag: str, attrs: Mapping[str, str]) -> bool:
        """An element opens; False means skip it and everything inside."""
        if not tag or tag in SKIP or _hidden(attrs):
            return False
        if tag in BLOCK or tag == "br":
            self._flush()
        role = attrs.get("role", "").lower()
        if tag in CHROME or role in CHROME_ROLES:
            hint = "chrome"
        elif tag in HEADINGS:
            hint = HEADINGS[tag]
        else:
            hint = self._hints[-1] if self._hints else ""
        if self._hints and self._hints[-1] == "chrome":
            hint = "chrome"  # everything inside chrome stays chrome
        self._hints.append(hint)
        if tag == "pre":
            self._pre += 1
        return True

    def end(self, tag: str) -> None:
        if tag in CELL:
            self._buf.append(" ")
        if tag in BLOCK or tag == "br":
            self._flush()
        if tag == "pre":
            self._pre -= 1
        self._hints.pop()

    def data(self, text: str | None) -> None:
        if not text:
            return
        if not self._has_text and text.strip():
            # A line takes the hint of its first visible text.
            self._line_hint = self._hints[-1] if self._hints else ""
            self._has_text = True
        if self._pre:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self._flush()
                self._buf.append(part)
        else:
            self._buf.append(text)

    def finish(self) -> None:
        self._flush()

    def _flush(self) -> None:
        if not self._buf:
            return
        raw = "".join(self._buf)
        self._buf = []
        self._has_text = False
        text = raw.rstrip() if self._pre else _SPACE.sub(" ", raw).strip()
        if text.strip():
            self.lines.append((text, self._line_hint))


class HtmlReader(Reader):
    name = "html"
    extensions = (".html", ".htm", ".xhtml", ".shtml")

    def read(self, data: bytes, *, name: str = "") -> Source:
        return read(data, name=name)
