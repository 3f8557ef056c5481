"""HTML for the model's blocks, shared by the EPUB (XHTML) and HTML writers: escaping, one
element per block, a run-in heading and its paragraph on one line. Nothing here imports
ebooklib, so the HTML writer stays light."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Block, Heading, Note, Paragraph
from ..styles import Style

# XML 1.0 cannot hold these at all (C0 controls, lone surrogates, U+FFFE/U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): "&#13;"}
_ATTR = {**_TEXT, ord('"'): "&quot;", ord("\n"): "&#10;", ord("\t"): "&#9;"}


def illegal_count(text: str) -> int:
    """How many characters of `text` no XML document can carry (they are dropped)."""
    return len(_ILLEGAL.findall(text))


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


def blocks(items: Sequence[tuple[int, Block]], style: Style, *, level_shift: int = 0) -> str:
    """(index, block) pairs as elements, one per line. `level_shift` moves headings down when
    the page's own <h1> is the title (HTML)."""
    inline_runin = style.headings.runin == "inline"
    parts: list[str] = []
    i = 0
    while i < len(items):
        index, block = items[i]
        following = items[i + 1][1] if i + 1 < len(items) else None
        if (
            isinstance(block, Heading)
            and block.runin
            and inline_runin
            and isinstance(following, Paragraph)
        ):
            # A run-in heading shares its line with the paragraph after it.
            pair = heading(index, block, style, level_shift) + paragraph(following)
            parts.append(f'<div class="runin">{pair}</div>\n')
            i += 2
            continue
        parts.append(element(index, block, style, level_shift) + "\n")
        i += 1
    return "".join(parts)


def element(index: int, block: Block, style: Style, level_shift: int = 0) -> str:
    if isinstance(block, Heading):
        return heading(index, block, style, level_shift)
    if isinstance(block, Paragraph):
        return paragraph(block)
    if isinstance(block, Note):
        return f'<p class="note">{esc(block.text)}</p>'
    raise TypeError(f"unknown block {block!r}")


def heading(index: int, h: Heading, style: Style, level_shift: int = 0) -> str:
    tag = f"h{h.level + level_shift}"
    role = esc_attr(style.heading_role_name(h))
    return f'<{tag} id="{anchor(index)}" class="{role}">{esc(h.text)}</{tag}>'


def paragraph(p: Paragraph) -> str:
    cls = "" if p.role == "body" else f' class="{esc_attr(p.role)}"'
    lead = f'<b class="lead">{esc(p.lead)}</b>' if p.lead else ""
    return f"<p{cls}>{lead}{esc(p.rest)}</p>"
