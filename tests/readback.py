"""Reading docconv's outputs back as lists of block texts, the way another program would:
python-docx for DOCX, zip + lxml for EPUB, lxml for HTML, markdown-it-py for Markdown,
pdftotext for PDF (one string: a PDF has lines, not blocks), json for JSON.

`expected_blocks(doc)` is what each should give: the title, the subtitle, every block.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import PurePosixPath

from lxml import etree, html

from convert.model import Block, Document, Item

_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li")
# The bullet DOCX and PDF set before a bulleted list item (HTML draws it with CSS).
_BULLET = re.compile(r"^•\s+")
XHTML = "{http://www.w3.org/1999/xhtml}"


def norm(text: str) -> str:
    """Whitespace runs as one space, none at either end: what every format keeps of it."""
    return _SPACE.sub(" ", text).strip()


def expected_blocks(doc: Document, *, bullets: bool = False) -> list[str]:
    """`bullets`: with the bullet a format sets before a bulleted item as text (PDF, txt)."""

    def text(b: Block) -> str:
        drawn = bullets and isinstance(b, Item) and not b.label and norm(b.text)
        return "• " + b.text if drawn else b.text

    texts = [doc.meta.title, doc.meta.subtitle, *(text(b) for b in doc.blocks)]
    return [norm(t) for t in texts if norm(t)]


def docx_blocks(data: bytes) -> list[str]:
    import docx

    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    return [_BULLET.sub("", norm(p.text)) for p in paragraphs if norm(p.text)]


def _block_texts(root: etree._Element, ns: str = "") -> list[str]:
    tags = {ns + t for t in _BLOCK_TAGS}
    out = []
    for el in root.iter():
        if el.tag == ns + "li" and el.find(ns + "p") is not None:
            continue  # a loose list's item: its paragraphs are the blocks
        if el.tag in tags:
            text = norm("".join(el.itertext()))
            if text:
                out.append(text)
    return out


def epub_blocks(data: bytes) -> list[str]:
    """Block texts of the spine's documents in reading order, without the navigation page
    and the fonts' licence page."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        container = etree.fromstring(z.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(z.read(opf_path))
        base = PurePosixPath(opf_path).parent
        items = {i.get("id"): i for i in opf.iterfind(".//{*}manifest/{*}item")}
        out: list[str] = []
        for ref in opf.iterfind(".//{*}spine/{*}itemref"):
            item = items[ref.get("idref")]
            if "nav" in (item.get("properties") or "").split():
                continue
            doc = etree.fromstring(z.read(str(base / item.get("href"))))
            body = doc.find(f"{XHTML}body")
            if body is None or "backmatter" in (
                body.get("{http://www.idpf.org/2007/ops}type") or ""
            ):
                continue
            out += _block_texts(body, XHTML)
        return out


def epub_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def html_blocks(data: bytes) -> list[str]:
    root = html.fromstring(data.decode("utf-8"))
    body = root.find("body")
    assert body is not None
    return _block_texts(body)


def md_blocks(data: bytes) -> list[str]:
    from markdown_it import MarkdownIt

    text = data.decode("utf-8")
    front = re.match(r"\A---\n.*?\n---\n", text, re.DOTALL)
    if front:
        text = text[front.end() :]
    rendered = MarkdownIt("commonmark").render(text)
    return html_blocks(f"<html><body>{rendered}</body></html>".encode())


def json_blocks(data: bytes) -> list[str]:
    view = json.loads(data.decode("utf-8"))
    texts = [view["meta"]["title"], view["meta"]["subtitle"] or ""]
    texts += [b["text"] for b in view["blocks"]]
    return [norm(t) for t in texts if norm(t)]


def pdf_text(data: bytes, pdftotext: str = "pdftotext") -> str:
    """The PDF's text without its page numbers (the last line of each page, — N —), in
    layout mode: pdftotext's default mode joins a line ending in "-" to the next one."""
    done = subprocess.run(
        [pdftotext, "-layout", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    pages = done.stdout.decode("utf-8").split("\f")
    out = []
    for n, page in enumerate(pages, 1):
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and re.fullmatch(rf"\s*[—\-]?\s*{n}\s*[—\-]?\s*", lines[-1]):
            lines.pop()
        out.append("\n".join(lines))
    return "\n".join(out)


def squeeze(text: str) -> str:
    """No whitespace at all: a PDF's lines break anywhere, and justification spaces its
    characters, so only the order of the other characters can be compared."""
    return _SPACE.sub("", text)


READERS = {
    "docx": docx_blocks,
    "epub": epub_blocks,
    "html": html_blocks,
    "md": md_blocks,
    "json": json_blocks,
}
