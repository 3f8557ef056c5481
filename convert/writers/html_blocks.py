"""HTML for a document's layout, shared by the EPUB (XHTML) and HTML writers: escaping, one
element per block, a run-in heading and its paragraph on one line. Nothing here imports
ebooklib, so the HTML writer stays light."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Heading, Item, Note, Paragraph, Table
from .layout import Piece, Unit, column_shares

# XML 1.0 cannot hold these at all (C0 controls, lone surrogates, U+FFFE/U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): "&#13;"}
_ATTR = {**_TEXT, ord('"'): "&quot;", ord("\n"): "&#10;", ord("\t"): "&#9;"}


def clean(text: str) -> str:
    """`text` without the characters XML cannot carry; for strings lxml serialises itself."""
    return _ILLEGAL.sub("", text)


def esc(text: str) -> str:
    return clean(text).translate(_TEXT)


def esc_attr(text: str) -> str:
    return clean(text).translate(_ATTR)


def anchor(index: int) -> str:
    """The id of the block at `index` in Document.blocks."""
    return f"b{index}"


def units(items: Sequence[Unit], *, level_shift: int = 0) -> str:
    """Units of a layout (writers/layout.py) as elements, one per line; a run-in heading and
    its paragraph share a div. `level_shift` moves headings down when the page's own <h1> is
    the title (HTML)."""
    parts: list[str] = []
    open_list = ""  # "ul" or "ol" while consecutive items are being set
    for unit in items:
        item = unit.first.item
        tag = ("ol" if item.label else "ul") if item is not None else ""
        if open_list and tag != open_list:
            parts.append(f"</{open_list}>\n")
            open_list = ""
        if tag and not open_list:
            parts.append(f'<{tag} class="items">\n')
            open_list = tag
        if item is not None:
            parts.append(element(unit.first) + "\n")
            continue
        elements = "".join(element(piece, level_shift) for piece in unit.pieces)
        if unit.runin:
            parts.append(f'<div class="runin">{elements}</div>\n')
        else:
            parts.append(elements + "\n")
    if open_list:
        parts.append(f"</{open_list}>\n")
    return "".join(parts)


def element(piece: Piece, level_shift: int = 0) -> str:
    block = piece.block
    if isinstance(block, Heading):
        tag = f"h{block.level + level_shift}"
        role = esc_attr(piece.role)
        return f'<{tag} id="{anchor(piece.index)}" class="{role}">{esc(piece.text)}</{tag}>'
    if isinstance(block, Paragraph):
        cls = "" if block.role == "body" else f' class="{esc_attr(block.role)}"'
        text = "".join(
            f'<b class="lead">{esc(run.text)}</b>' if run.role == "lead" else esc(run.text)
            for run in piece.runs
        )
        return f"<p{cls}>{text}</p>"
    if isinstance(block, Note):
        return f'<p class="note">{esc(piece.text)}</p>'
    if isinstance(block, Table):
        return table(block, piece.index)
    if isinstance(block, Item):  # its own label is its text; a bullet is the list's CSS
        return f'<li class="item">{esc(block.text)}</li>'  # units opens and closes the list
    raise TypeError(f"unknown block {block!r}")


def table(block: Table, index: int) -> str:
    """Header rows in <thead> with <th> cells (the table_header role), the rest in <tbody>
    (the table role); column widths as the DOCX and PDF writers give them (a browser's own
    layout squeezes a short column of CJK text to one character a line)."""

    def row(cells: tuple[str, ...], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{esc(c)}</{tag}>" for c in cells) + "</tr>"

    head = "".join(row(r, "th") for r in block.rows[: block.header])
    body = "".join(row(r, "td") for r in block.rows[block.header :])
    cols = "".join(f'<col style="width: {share * 100:.1f}%"/>' for share in column_shares(block))
    parts = [f'<table id="{anchor(index)}"><colgroup>{cols}</colgroup>']
    if head:
        parts.append(f"<thead>{head}</thead>")
    if body:
        parts.append(f"<tbody>{body}</tbody>")
    return "".join(parts) + "</table>"
