"""The EPUB package through ebooklib: OPF metadata, manifest, spine, nav and NCX.

ebooklib 0.20 traps avoided here (../shared/notes/anchors.md §4.2): its writer class is driven
directly, so an OSError raises instead of `write_epub` returning False; the identifier is
derived from the content, not a random uuid4; `dcterms:modified` is given as UTC; the TOC always
has an entry; page-list re-parsing (`epub3_pages`) is off. Content documents are written by
xhtml.py and handed over as bytes, which ebooklib stores unchanged.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ebooklib import epub
from lxml import etree

from ...model import Document, Heading, Meta, Paragraph
from ..html_blocks import clean
from ..reproducible import fixed_date
from ..words import CONTENTS, LANDMARKS, TEXT_START
from .outline import NAV_PAGE, Entry
from .xhtml import CSS_FILE

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_OPS = "{http://www.idpf.org/2007/ops}"
# uuid5 namespace for docconv book identifiers (a fixed, arbitrary uuid).
_NAMESPACE = uuid.UUID("6f1d0c4e-5a7b-4d8e-9c2f-3b6a1e0d4c57")

_OPTIONS = {
    "raise_exceptions": True,
    "epub3_pages": False,
    "play_order": {"enabled": True, "start_from": 1},
    # The zip is stored again by repack_zip (fixed timestamps), which compresses it then.
    "compresslevel": 0,
    "landmark_title": LANDMARKS,
}


@dataclass(frozen=True, slots=True)
class Page:
    file_name: str
    title: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Resource:
    file_name: str
    media_type: str
    content: bytes


def identifier(doc: Document) -> str:
    """urn:uuid from the document's content: the same text gives the same identifier."""
    h = hashlib.sha256()
    meta = doc.meta
    for value in (meta.title, meta.subtitle, meta.author, meta.date, meta.url, meta.doc_id):
        h.update(value.encode("utf-8", "surrogatepass") + b"\0")
    for block in doc.blocks:
        if isinstance(block, Heading):
            tag = f"H{block.level}:{block.label}:{int(block.runin)}"
        elif isinstance(block, Paragraph):
            tag = f"P:{block.role}:{len(block.lead)}"
        else:
            tag = "N"
        h.update(f"{tag}\0{block.text}\0".encode("utf-8", "surrogatepass"))
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, h.hexdigest())}"


def build(
    doc: Document,
    *,
    title: str,
    lang: str,
    pages: Sequence[Page],
    toc: Sequence[Entry],
    css: str,
    resources: Sequence[Resource] = (),
    nav_in_spine: bool,
    text_start: str,
    when: datetime,
    own_fonts: bool = False,
) -> bytes:
    """The EPUB's bytes (zip members stamped with the current time: repack them).

    `pages` are in reading order, the title page first; the nav document follows the title
    page in the spine when `nav_in_spine`. `text_start` is the first page of the text proper.
    `own_fonts` (fonts embedded) adds Apple Books' display options, without which it sets
    the book in its own fonts whatever the CSS says.
    """
    book = epub.EpubBook()
    book.FOLDER_NAME = "EPUB"
    book.set_identifier(identifier(doc))
    book.set_title(clean(title))
    book.set_language(lang)
    _metadata(book, doc.meta)

    style = epub.EpubItem(
        uid="css", file_name=CSS_FILE, media_type="text/css", content=css.encode("utf-8")
    )
    book.add_item(style)
    for i, res in enumerate(resources):
        book.add_item(
            epub.EpubItem(
                uid=f"res{i + 1}",
                file_name=res.file_name,
                media_type=res.media_type,
                content=res.content,
            )
        )
    items = []
    for i, page in enumerate(pages):
        item = _Content(f"p{i}", page.file_name, clean(page.title), page.content, lang)
        book.add_item(item)
        items.append(item)
    nav = epub.EpubNav(uid="nav", file_name=NAV_PAGE, title=CONTENTS)
    nav.add_item(style)
    book.add_item(nav)
    book.add_item(epub.EpubNcx())

    book.toc = [_toc_item(e) for e in toc]
    spine: list[Any] = [items[0]]
    if nav_in_spine:
        spine.append(nav)
    book.spine = spine + items[1:]
    # Landmarks may point only at spine items.
    book.guide = [{"type": "toc", "href": NAV_PAGE, "title": CONTENTS}] if nav_in_spine else []
    book.guide.append({"type": "text", "href": text_start, "title": TEXT_START})

    buf = io.BytesIO()
    writer = _Packager(buf, book, {**_OPTIONS, "mtime": when, "depth": _depth(toc)})
    writer.process()
    writer.write()
    if own_fonts:
        with zipfile.ZipFile(buf, "a") as z:
            z.writestr(APPLE_OPTIONS, _APPLE_OPTIONS_XML)
    return buf.getvalue()


#: Apple Books' per-book settings file; "specified-fonts" lets the book's fonts show.
APPLE_OPTIONS = "META-INF/com.apple.ibooks.display-options.xml"
_APPLE_OPTIONS_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<display_options>\n"
    '  <platform name="*">\n'
    '    <option name="specified-fonts">true</option>\n'
    "  </platform>\n"
    "</display_options>\n"
)


def _metadata(book: epub.EpubBook, meta: Meta) -> None:
    book.set_unique_metadata(
        "OPF", "generator", "", {"name": "generator", "content": "docconv (ebooklib)"}
    )
    if meta.author:
        book.add_author(clean(meta.author))
    if fixed_date(meta.date) is not None:
        book.add_metadata("DC", "date", meta.date)
    for keyword in dict.fromkeys(clean(k).strip() for k in (meta.subject, *meta.keywords)):
        if keyword:
            book.add_metadata("DC", "subject", keyword)
    source = clean(meta.url or meta.source_title).strip()
    if source:
        book.add_metadata("DC", "source", source)
    if meta.subtitle:
        book.add_metadata("DC", "description", clean(meta.subtitle))


def _toc_item(entry: Entry) -> Any:
    target = entry.href.rpartition("#")[2].removesuffix(".xhtml")
    link = epub.Link(entry.href, clean(entry.title), f"toc-{target}")
    if entry.children:
        return (link, [_toc_item(c) for c in entry.children])
    return link


def _depth(toc: Sequence[Entry]) -> int:
    return max((1 + _depth(e.children) for e in toc), default=0)


class _Content(epub.EpubHtml):  # type: ignore[misc]
    """A content document whose complete XHTML is already written: stored as given."""

    def __init__(self, uid: str, file_name: str, title: str, content: bytes, lang: str):
        super().__init__(
            uid=uid, file_name=file_name, media_type="application/xhtml+xml", title=title
        )
        self.lang = lang
        self.content = content

    def get_content(self, default: bytes | None = None) -> bytes:
        return bytes(self.content)


class _Packager(epub.EpubWriter):  # type: ignore[misc]
    """ebooklib's writer with fixes it has no option for: xml:lang on the package element,
    the NCX's real depth and language, and the landmarks kept off the visible TOC page."""

    def _write_opf_file(self, root: Any) -> None:
        root.set(_XML_LANG, self.book.language)
        super()._write_opf_file(root)

    def _get_nav(self, item: Any) -> bytes:
        root = etree.fromstring(super()._get_nav(item))
        for nav in root.iter(f"{_XHTML}nav"):
            if nav.get(f"{_OPS}type") == "landmarks":
                nav.set("hidden", "hidden")
        return _serialise(root, doctype="<!DOCTYPE html>")

    def _get_ncx(self) -> bytes:
        data: bytes = super()._get_ncx()
        root = etree.fromstring(data)
        root.set(_XML_LANG, self.book.language)
        for meta in root.iter(f"{_NCX}meta"):
            if meta.get("name") == "dtb:depth":
                meta.set("content", str(self.options["depth"]))
        return _serialise(root)


def _serialise(root: Any, doctype: str | None = None) -> bytes:
    data: bytes = etree.tostring(
        root, pretty_print=True, encoding="utf-8", xml_declaration=True, doctype=doctype
    )
    return data
