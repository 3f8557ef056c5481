"""HTML writer (`--to html`): one standalone HTML5 page styled by the same sheet as the EPUB.

The CSS is the EPUB's (convert/writers/style_css.py) plus a page look: on screen a sheet of the
style's paper with its margins, centred on a grey desk (a plain column on narrow screens); in
print an `@page` rule with the paper size, margins and page numbers. No scripts, no links,
nothing to fetch: fonts come from the reader's machine, named in each role's stack.
"""

from __future__ import annotations

import math
from typing import BinaryIO

from ..diagnostics import Diagnostic
from ..model import Document
from ..styles import Style
from ..units import PT_PER_MM
from . import html_blocks, style_css
from .base import Writer
from .html_blocks import esc, esc_attr
from .layout import Layout, arrange


def head(doc: Document, title: str, sheet: str) -> str:
    meta = doc.meta
    tags = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        '<meta name="generator" content="docconv">',
    ]
    named = [
        ("author", meta.author),
        ("keywords", ", ".join(meta.keywords)),
        ("dcterms.subject", meta.subject),
        ("dcterms.date", meta.date),
        ("dcterms.source", meta.url or meta.source_title),
    ]
    tags += [f'<meta name="{n}" content="{esc_attr(v)}">' for n, v in named if v.strip()]
    tags.append(f"<style>\n{sheet}</style>")
    return "<head>\n" + "\n".join(tags) + "\n</head>\n"


def body(layout: Layout) -> str:
    parts = ['<article class="sheet">\n']
    for piece in layout.front:
        tag = "h1" if piece.role == "title" else "p"
        parts.append(f'<{tag} class="{piece.role}">{esc(piece.text)}</{tag}>\n')
    # The title is the page's h1, so heading levels 1-4 are h2-h5.
    parts.append(html_blocks.units(layout.units, level_shift=1))
    parts.append("</article>\n")
    return "".join(parts)


def stylesheet(style: Style) -> str:
    """The shared rules plus the page look. `<` never reaches the style element raw (a font
    name holding `</style>` would end it); in CSS `\\3c ` is the same character."""
    rules = [*style_css.rules(style), _page_rules(style), _SCREEN.format(**_sizes(style))]
    return "\n".join(rules).replace("<", "\\3c ") + "\n"


def _pt(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") + "pt"


def _mm(pt: float) -> str:
    return f"{pt / PT_PER_MM:.2f}".rstrip("0").rstrip(".") + "mm"


def _sizes(style: Style) -> dict[str, str]:
    page = style.page
    return {
        "size": _pt(style.role("body").size),
        "grid": _grid(style),
        "width": _mm(page.text_width),
        "paper": _mm(page.width),
        "top": _mm(page.margin_top),
        "right": _mm(page.margin_right),
        "bottom": _mm(page.margin_bottom),
        "left": _mm(page.margin_left),
    }


def _grid(style: Style) -> str:
    """With a character grid (gongwen: 28 a line), letter spacing that fits that many body
    characters on a line, as Word and the PDF writer do; a first-line indent included."""
    chars = style.page.chars
    body = style.role("body")
    indent = max(0.0, body.indent)
    if not chars or indent >= chars:
        return ""
    pitch = (style.page.text_width - indent * body.size) / (chars - indent)
    spacing = math.floor((pitch - body.size) * 100) / 100  # rounded down: the line must fit
    return f"\n  letter-spacing: {_pt(spacing)};" if spacing else ""


def _page_rules(style: Style) -> str:
    """@page: paper, margins, and the page number in the bottom margin as the sheet places it
    (browsers without margin boxes ignore that part)."""
    s = _sizes(style)
    number = style.page_number
    before, _, after = number.format.partition("{n}")
    parts = [style_css.quote(before)] if before else []
    parts.append("counter(page)")
    if after:
        parts.append(style_css.quote(after))
    content = " ".join(parts)
    role = style.role(number.role)
    box = (
        f"    content: {content};\n"
        f"    font-family: {style_css.font_stack(role)};\n"
        f"    font-size: {_pt(role.size)};\n"
        f"    vertical-align: top;\n"
        f"    padding-top: {_pt(number.gap)};\n"
    )
    indent = _pt(number.indent * role.size)
    place = {
        "outside": [(":left", "bottom-left", "left"), (":right", "bottom-right", "right")],
        "center": [("", "bottom-center", "center")],
        "left": [("", "bottom-left", "left")],
        "right": [("", "bottom-right", "right")],
    }[number.position]
    out = [
        f"@page {{\n  size: {_mm(style.page.width)} {_mm(style.page.height)};\n"
        f"  margin: {s['top']} {s['right']} {s['bottom']} {s['left']};\n}}"
    ]
    for pseudo, margin_box, align in place:
        pad = f"    padding-{align}: {indent};\n" if align != "center" else ""
        out.append(
            f"@page{pseudo} {{\n  @{margin_box} {{\n{box}    text-align: {align};\n{pad}  }}\n}}"
        )
    return "\n".join(out)


# The page look: sizes in the sheet's own units, so the text block is as wide as on paper.
_SCREEN = """\
html {{
  font-size: {size};
}}
body {{
  margin: 0;
}}
.sheet {{
  max-width: {width};
  margin: 0 auto;
  padding: 1.5em 1em;{grid}
}}
@media screen and (min-width: {paper}) {{
  html {{
    background: #e9e9e6;
  }}
  .sheet {{
    box-sizing: content-box;
    margin: 2em auto;
    padding: {top} {right} {bottom} {left};
    background: #fff;
    color: #000;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
  }}
}}
@media print {{
  .sheet {{
    max-width: none;
    margin: 0;
    padding: 0;
  }}
}}
.runin > h5 {{
  display: inline;
}}"""


def render(doc: Document, style: Style) -> str:
    """The page for a document safe for every writer (`convert.safetext.safe_document`)."""
    layout = arrange(doc, style)
    lang = esc_attr(doc.meta.lang or "zh-CN")
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n'
        f"{head(doc, layout.title, stylesheet(style))}<body>\n{body(layout)}</body>\n</html>\n"
    )
    return page


class HtmlWriter(Writer):
    name = "html"
    extension = ".html"
    binary = False
    media_type = "text/html; charset=utf-8"
    description = "standalone HTML page with the style sheet's look (no scripts, no links)"

    def render(self, doc: Document, out: BinaryIO, style: Style) -> list[Diagnostic]:
        out.write(render(doc, style).encode("utf-8"))
        return []
