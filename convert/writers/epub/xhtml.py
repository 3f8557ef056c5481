"""XHTML content documents, written as text: every string goes through `esc`, which escapes
markup and drops the few characters XML 1.0 cannot hold at all (C0 controls, lone
surrogates, U+FFFE/U+FFFF)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ...model import Block, Heading, Note, Paragraph
from ...styles import Style
from .outline import anchor

CSS_FILE = "book.css"

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): "&#13;"}
_ATTR = {**_TEXT, ord('"'): "&quot;"}


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


def page(title: str, lang: str, body: str, body_type: str = "bodymatter") -> bytes:
    """A complete XHTML 5 content document."""
    lang = esc_attr(lang)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f' lang="{lang}" xml:lang="{lang}">\n<head>\n<title>{esc(title)}</title>\n'
        f'<link rel="stylesheet" type="text/css" href="{CSS_FILE}"/>\n</head>\n'
        f'<body epub:type="{body_type}">\n{body}</body>\n</html>\n'
    ).encode()


def title_page(title: str, subtitle: str) -> str:
    parts = ['<section class="titlepage" epub:type="titlepage">\n']
    parts.append(f'<h1 class="title">{esc(title)}</h1>\n')
    if subtitle:
        parts.append(f'<p class="subtitle">{esc(subtitle)}</p>\n')
    parts.append("</section>\n")
    return "".join(parts)


def chapter(blocks: Sequence[tuple[int, Block]], style: Style) -> str:
    """A chapter's blocks as a section: one element per block (a run-in heading and its
    paragraph share a line, as two inline elements in one div)."""
    inline_runin = style.headings.runin == "inline"
    parts = ['<section epub:type="chapter">\n']
    i = 0
    while i < len(blocks):
        index, block = blocks[i]
        following = blocks[i + 1][1] if i + 1 < len(blocks) else None
        if (
            isinstance(block, Heading)
            and block.runin
            and inline_runin
            and isinstance(following, Paragraph)
        ):
            parts.append(
                f'<div class="runin">{_heading(index, block, style)}{_paragraph(following)}</div>\n'
            )
            i += 2
            continue
        if isinstance(block, Heading):
            parts.append(_heading(index, block, style))
        elif isinstance(block, Paragraph):
            parts.append(_paragraph(block))
        elif isinstance(block, Note):
            parts.append(f'<p class="note">{esc(block.text)}</p>')
        parts.append("\n")
        i += 1
    parts.append("</section>\n")
    return "".join(parts)


def _heading(index: int, h: Heading, style: Style) -> str:
    tag = f"h{h.level}"
    role = style.heading_role_name(h)
    return f'<{tag} id="{anchor(index)}" class="{role}">{esc(h.text)}</{tag}>'


def _paragraph(p: Paragraph) -> str:
    cls = "" if p.role == "body" else f' class="{p.role}"'
    lead = f'<b class="lead">{esc(p.lead)}</b>' if p.lead else ""
    return f"<p{cls}>{lead}{esc(p.rest)}</p>"


def licence_page(heading: str, intro: Iterable[str], licences: Iterable[tuple[str, str]]) -> str:
    """The licences of the embedded fonts: (the fonts a licence covers, its text)."""
    parts = ['<section class="licences" epub:type="appendix">\n']
    parts.append(f'<h1 class="licences-title">{esc(heading)}</h1>\n')
    parts.extend(f"<p>{esc(line)}</p>\n" for line in intro)
    for names, text in licences:
        parts.append(f"<h2>{esc(names)}</h2>\n<pre>{esc(text)}</pre>\n")
    parts.append("</section>\n")
    return "".join(parts)
