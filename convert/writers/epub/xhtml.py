"""XHTML content documents, written as text: every string goes through `esc` (from
writers/html_blocks.py, shared with the HTML writer), which escapes markup and drops the few
characters XML 1.0 cannot hold at all."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .. import html_blocks
from ..html_blocks import esc, esc_attr
from ..layout import Unit

CSS_FILE = "book.css"


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


def chapter(units: Sequence[Unit]) -> str:
    """A chapter's units as a section: one element per block (a run-in heading and its
    paragraph share a line, as two inline elements in one div)."""
    return f'<section epub:type="chapter">\n{html_blocks.units(units)}</section>\n'


def licence_page(heading: str, intro: Iterable[str], licences: Iterable[tuple[str, str]]) -> str:
    """The licences of the embedded fonts: (the fonts a licence covers, its text)."""
    parts = ['<section class="licences" epub:type="appendix">\n']
    parts.append(f'<h1 class="licences-title">{esc(heading)}</h1>\n')
    parts.extend(f"<p>{esc(line)}</p>\n" for line in intro)
    for names, text in licences:
        parts.append(f"<h2>{esc(names)}</h2>\n<pre>{esc(text)}</pre>\n")
    parts.append("</section>\n")
    return "".join(parts)
