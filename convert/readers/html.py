"""HTML pages: the visible text as lines, with the page's own hints about what is chrome.

Scripts, styles, templates, comments and hidden elements never reach the text. Block
elements and <br> end a line; text inside header/footer/aside/nav is kept but hinted as
chrome, so cleaning can still read metadata from it. The walk is iterative, so a page of
10 000 nested tags cannot exhaust Python's recursion limit.

The page's own <style> rules that hide elements (display:none watermarks, off-screen text) are
applied. Then the page's kind decides what is its document (preview.py): an online reader's
positioned text layer is rebuilt into paragraphs (layout.py), image-only pages are said to be
images (and read by OCR when it is installed), and for any other page the smallest element
holding most of its prose is the content (content.py); the rest is hinted as chrome. A page
without any of these (a home page, a list filled in by script) is an error, not a document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..errors import NoContentError
from ..safetext import strip_controls, warning_text
from ..zh.labels import CN_ONE_TO_TEN
from . import content, layout, ocr, payload, preview, stylesheet
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
_OWN_NUMBER = re.compile(
    rf"^(?:[(（]?\d{{1,3}}[.．、)）]|[{CN_ONE_TO_TEN}]{{1,3}}[、．.]|[（(][{CN_ONE_TO_TEN}]{{1,3}}[）)])"
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_DOCUMENT_END = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
# An XHTML doctype with an internal subset (<!DOCTYPE html [ <!ENTITY …> ]>): libxml2's HTML
# parser does not know the brackets and shows "]>" as text (it became the title).
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[[^\]]*\]\s*>", re.IGNORECASE)
# A start tag with thousands of attributes: libxml2 compares each new attribute with every
# earlier one (120 000 attributes took 20 s), so such a tag keeps its first MAX_ATTRIBUTES.
MAX_ATTRIBUTES = 1000
_LONG_TAG = re.compile(
    r"<[A-Za-z][^\s/>]*(?=(?:[^<>\"']|\"[^\"]*\"|'[^']*'){" + str(MAX_ATTRIBUTES * 3) + "})"
)
_TAG_REST = re.compile(r"""(?:[^<>"']|"[^"]*"|'[^']*')*""")
_ATTRIBUTE = re.compile(
    r"""\s*([^\s"'<>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]*))?|\s*[/"'=]"""
)


def read(
    data: bytes,
    *,
    name: str = "",
    declared: str | None = None,
    resources: ocr.Resources | None = None,
) -> Source:
    """`resources` finds the page's images by address (an MHTML file's parts, the _files
    folder beside a saved page), for OCR of image-only previews."""
    check_not_binary(data, name)
    text, codec, warnings = decode(data, declared or declared_html_charset(data))
    return read_text(
        text, name=name, encoding=codec, warnings=warnings, fmt="html", resources=resources
    )


def read_text(
    text: str,
    *,
    name: str = "",
    encoding: str = "",
    warnings: list[str] | None = None,
    fmt: str = "html",
    resources: ocr.Resources | None = None,
) -> Source:
    root, complete = _parse(text)
    head = _head_info(root)
    warnings = list(warnings or ())
    walker = _Walker()
    found = preview.Preview()
    info = payload.Found()
    if complete:
        page = _analyse(root, name, resources)
        found, info = page.preview, page.info
        walker.layout_lines = page.layout_lines
        _walk_lxml(root, walker, page)
        warnings.extend(page.warnings)
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
        titles=tuple(safe(t) for t in dict.fromkeys([info.title, *walker.titles]) if t),
        pages=len(found.shells) or info.pages,
        pages_shown=len(found.text_pages) or len({p.page for p in info.pieces}) or None,
        doc_format=safe(info.format),
    )


def _parse(text: str) -> tuple[Any, bool]:
    """The lxml tree, and whether it is complete (libxml2 gives up past 2048 nested tags)."""
    # lxml refuses str input that carries an XML encoding declaration; the text is decoded already.
    text = _XML_DECL.sub("", text, count=1)
    # libxml2 drops everything after </html>, where browsers (and pages saved twice into one
    # file) keep showing text: without the end tags, it all stays in the body.
    text = _DOCUMENT_END.sub("", text)
    text = _DOCTYPE_SUBSET.sub("", text[:65536], count=1) + text[65536:]
    if _LONG_TAG.search(text):
        text = _fewer_attributes(text)
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
    )
    root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    complete = not any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", parser)
    return root, complete


def _fewer_attributes(text: str) -> str:
    """`text` with every start tag cut to its first MAX_ATTRIBUTES distinct attributes."""
    parts: list[str] = []
    last = 0
    for m in _LONG_TAG.finditer(text):
        if m.start() < last:
            continue  # inside a tag already rewritten
        rest = _TAG_REST.match(text, m.end())
        end = rest.end() if rest else m.end()
        kept: dict[str, str] = {}
        for a in _ATTRIBUTE.finditer(text, m.end(), end):
            name = (a.group(1) or "").lower()
            if name and name not in kept and len(kept) < MAX_ATTRIBUTES:
                kept[name] = a.group(0)
        parts += [text[last : m.end()], "".join(kept.values())]
        last = end
    parts.append(text[last:])
    return "".join(parts)


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


@dataclass(slots=True)
class _Page:
    """What the analysis decided about a parsed page, for the walk."""

    hidden: set[Any] = field(default_factory=set)
    preview: preview.Preview = field(default_factory=preview.Preview)
    content: Any = None  # the main content element; everything outside it is chrome
    layer: set[Any] = field(default_factory=set)  # elements the layout replaces
    layout_lines: list[tuple[str, str]] = field(default_factory=list)
    tables: set[Any] = field(default_factory=set)  # data tables, read row by row
    warnings: list[str] = field(default_factory=list)
    info: payload.Found = field(default_factory=payload.Found)  # what the scripts' data say


def _analyse(root: Any, name: str, resources: ocr.Resources | None = None) -> _Page:
    styles = [
        "".join(el.itertext()) for el in root.iter("style") if (el.get("media") or "all") != "print"
    ]
    sheet = stylesheet.parse(styles)
    page = _Page(hidden=stylesheet.hidden_elements(root, sheet) if sheet.hiding else set())
    found = preview.find(root, sheet, page.hidden)
    page.preview = found
    page.info = info = payload.find(root.iter("script"))
    where = name or "input"
    if not found.pieces and info.pieces:
        built = layout.build(info.pieces)
        page.layer = set(info.scripts)
        page.layout_lines = [(p.text, p.hint) for p in built.paragraphs]
        page.layout_lines += [(text, "chrome") for text in built.running]
    elif found.pieces:
        built = layout.build(found.pieces)
        page.layer = set(found.elements)
        page.layout_lines = [(p.text, p.hint) for p in built.paragraphs]
        page.layout_lines += [(text, "chrome") for text in built.running]
        empty = found.empty_pages
        if empty and built.paragraphs:
            total = len(found.shells)
            page.warnings.append(
                f"{_page_list(empty)} of {total} hold no text in the saved page (the reader "
                "loads them as they scroll into view); only the other pages are converted"
            )
    elif found.images:
        _read_images(page, found, where, resources)
    else:
        blocks = BLOCK | frozenset(("br", "td", "th"))
        prose, totals = content.measure(root, SKIP, page.hidden, blocks)
        page.content = content.choose(root, prose, totals)
        if page.content is None and _list_page(totals):
            raise NoContentError(
                f"{where}: no document text in the page ({totals.links} characters of links, "
                f"{totals.prose} of prose): it looks like a home or list page, not a preview"
            )
    page.tables = {
        el for el in root.iter("table") if el not in page.hidden and _data_table(el, page.hidden)
    }
    return page


def _read_images(page: _Page, found: preview.Preview, where: str, resources: Any) -> None:
    """Image-only pages: read by OCR when it is installed and the saved page holds the
    images; otherwise a clear error naming what the pages are."""
    count = len(found.images)
    label = found.rule.label if found.rule else "page images"
    pages = f"its {count} pages are images" if count != 1 else "its page is an image"
    what = f"{where}: {pages} ({label})"
    if not ocr.available():
        raise NoContentError(f"{what}, with no text layer; reading them needs OCR ({ocr.INSTALL})")
    images: list[bytes] = []
    for el in found.images:
        for attr in ("src", "data-src", "data-original"):
            data = ocr.image_bytes(el.get(attr) or "", resources)
            if data:
                images.append(data)
                break
    if not images:
        raise NoContentError(
            f"{what}, and the saved page holds none of them (only their web addresses): save "
            "the page complete (with its _files folder) or as .mhtml to read them by OCR"
        )
    pieces = ocr.read_pages(images)
    built = layout.build(pieces, stated=False)
    if not built.paragraphs:
        raise NoContentError(f"{what}, and OCR found no text in them")
    page.layer = set(found.images)
    page.layout_lines = [(p.text, p.hint) for p in built.paragraphs]
    page.layout_lines += [(text, "chrome") for text in built.running]
    missing = count - len(images)
    page.warnings.append(
        f"the text was read by OCR from {len(images)} page image(s): check it against the "
        "original" + (f"; {missing} page image(s) are not in the saved page" if missing else "")
    )


def _list_page(totals: content.Measure) -> bool:
    """Mostly links, and a little prose scattered over the page (no element holds most of it):
    a home page, or a list its scripts fill in."""
    few_words = totals.prose < 400 and totals.longest < 150
    return few_words and totals.links >= 200 and totals.links >= 0.3 * totals.text


def _page_list(pages: list[int]) -> str:
    """[1, 2, 3, 5] → "pages 1–3, 5"."""
    runs: list[list[int]] = []
    for n in pages:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    return ("pages " if len(pages) > 1 else "page ") + ", ".join(parts)


def _data_table(table: Any, hidden: set[Any]) -> bool:
    """A table of data (rows of short cells), not one that lays out the page: at least two
    rows and two columns, no table inside it, no cell holding a whole article."""
    if table.find(".//table") is not None:
        return False
    rows = [r for r in table.iter("tr") if r not in hidden]
    if len(rows) < 2:
        return False
    widths = [len([c for c in r if isinstance(c.tag, str) and c.tag.lower() in CELL]) for r in rows]
    if max(widths) < 2:
        return False
    cells = [_SPACE.sub(" ", "".join(c.itertext())).strip() for c in table.iter("td", "th")]
    return bool(cells) and max(len(c) for c in cells) <= 200


def _table_rows(table: Any, hidden: set[Any]) -> list[tuple[str, str]]:
    """Each row as one line: its cells' texts joined by tabs, hinted "th" for a header row
    (all <th>, or in <thead>) and "tr" for the others."""
    out: list[tuple[str, str]] = []
    for row in table.iter("tr"):
        if row in hidden:
            continue
        cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in CELL]
        texts = [_cell_text(c, hidden) for c in cells]
        if not any(texts):
            continue
        head = all(c.tag.lower() == "th" for c in cells) or row.getparent().tag == "thead"
        out.append(("\t".join(texts), "th" if head else "tr"))
    return out


def _cell_text(cell: Any, hidden: set[Any]) -> str:
    out: list[str] = []
    _visible_text(cell, hidden, out)
    return _SPACE.sub(" ", "".join(out)).strip()


def _visible_text(el: Any, hidden: set[Any], out: list[str]) -> None:
    stack: list[tuple[Any, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node is not el and node.tail:
                out.append(node.tail)
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not tag or tag in SKIP or node in hidden:
            if node is not el and node.tail:
                out.append(node.tail)
            continue
        if tag == "br":
            out.append(" ")
        if node.text:
            out.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))


def _walk_lxml(root: Any, walker: _Walker, page: _Page | None = None) -> None:
    """Feed an lxml tree to the walker without recursion (text before children, tail after).
    With the page's analysis: hidden elements are skipped, the layout's paragraphs stand in
    for its text layer, data tables are read row by row, and outside the content element
    everything is chrome."""
    page = page or _Page()
    inside = page.content is None and not page.layer
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        if closing:
            walker.end(el.tag.lower())
            if el is page.content:
                inside = False
            walker.data(el.tail)
            continue
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if el in page.layer:
            walker.layout()
            walker.data(el.tail)
            continue
        if el is page.content:
            inside = True
        opened = el not in page.hidden and walker.start(
            tag, el.attrib, chrome=not inside, content=el is page.content
        )
        if not opened:
            if el is page.content:
                inside = False
            walker.data(el.tail)
            continue
        if el in page.tables:
            walker.table(_table_rows(el, page.hidden))
            walker.end(tag)
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
        self.titles: list[str] = []  # <h1> texts: title candidates wherever they stand
        self.layout_lines: list[tuple[str, str]] = []
        self._laid_out = False
        self._buf: list[str] = []
        self._hints: list[str] = []  # stack of hints of open elements ("" for none)
        self._pre = 0
        self._line_hint = ""
        self._has_text = False  # the line being built holds more than whitespace
        self._h1: list[int] = []  # where each open <h1>'s text starts in the lines
        self._after_item = False  # an <a> just closed, nothing since: the next one is apart
        self._lists: list[int | None] = []  # open lists: the last number of an <ol>, None for <ul>
        self._number = ""  # the number a browser shows before the <li> just opened

    def start(
        self, tag: str, attrs: Mapping[str, str], *, chrome: bool = False, content: bool = False
    ) -> bool:
        """An element opens; False means skip it and everything inside. `chrome`: the page's
        analysis put it outside the content; `content`: it is the content element (which
        does not inherit chrome from around it)."""
        if not tag or tag in SKIP or _hidden(attrs):
            return False
        if tag in BLOCK or tag == "br":
            self._flush()
        elif tag == "a" and self._after_item and self._buf and not self._buf[-1][-1:].isspace():
            self._buf.append(" ")  # two links side by side are two items, not one word
        self._after_item = False
        role = attrs.get("role", "").lower()
        if chrome or tag in CHROME or role in CHROME_ROLES:
            hint = "chrome"
        elif tag in HEADINGS:
            hint = HEADINGS[tag]
        elif tag == "li":
            hint = "li"  # an entry of a list: a list item in the model, not running text
        else:
            hint = self._hints[-1] if self._hints and not content else ""
        if self._hints and self._hints[-1] == "chrome" and not content:
            hint = "chrome"  # everything inside chrome stays chrome
        self._hints.append(hint)
        if tag == "pre":
            self._pre += 1
        if tag == "h1":
            self._h1.append(len(self.lines))
        if tag in ("ol", "ul"):
            start = attrs.get("start", "1").strip()
            self._lists.append(int(start) - 1 if tag == "ol" and start.isdigit() else None)
        elif tag == "li" and self._lists and self._lists[-1] is not None:
            value = attrs.get("value", "").strip()
            self._lists[-1] = int(value) if value.isdigit() else self._lists[-1] + 1
            self._number = f"{self._lists[-1]}. "
        return True

    def end(self, tag: str) -> None:
        if tag in CELL:
            self._buf.append(" ")
        if tag in BLOCK or tag == "br":
            self._flush()
        if tag == "pre":
            self._pre -= 1
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        if tag == "h1" and self._h1:
            start = self._h1.pop()
            text = "".join(line for line, _ in self.lines[start:])
            if text.strip():
                self.titles.append(text.strip())
        self._after_item = tag == "a"
        self._hints.pop()

    def layout(self) -> None:
        """The reader layout's paragraphs, in place of its first text-layer element."""
        if self._laid_out:
            return
        self._flush()
        self._laid_out = True
        self.lines.extend(self.layout_lines)

    def table(self, rows: list[tuple[str, str]]) -> None:
        self._flush()
        chrome = bool(self._hints) and self._hints[-1] == "chrome"
        self.lines.extend((text, "chrome" if chrome else hint) for text, hint in rows)

    def data(self, text: str | None) -> None:
        if not text:
            return
        if text.strip():
            self._after_item = False
            if self._number:
                # An ordered list's number, as the browser shows it, unless the item's text
                # carries its own (1、… inside an <ol> with list-style:none).
                if not _OWN_NUMBER.match(text.lstrip()):
                    text = self._number + text.lstrip()
                self._number = ""
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
    takes_resources = True
    description = "a saved web page, in any encoding"

    def read(self, data: bytes, *, name: str = "", resources: Any = None) -> Source:
        return read(data, name=name, resources=resources)
