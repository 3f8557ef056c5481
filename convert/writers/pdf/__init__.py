"""PDF writer: GB/T 9704 page and grid from the style sheet, bundled CJK fonts with
per-character fallback, Chinese line breaking and justification, outline, page numbers.

Modules: `linebreak` (禁则 and line filling), `fontset` (fonts loaded once per process,
fallback chains), `layout` (characters to lines), `flowables` (platypus blocks),
`story` (model to blocks), `template` (page, numbers, document info).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from ...diagnostics import Diagnostic
from ...model import Document
from ...styles import Style
from ..base import Writer
from .fontset import FontBook
from .layout import Missing
from .story import StoryBuilder
from .template import PageNumbers, build

#: Missing characters named one by one in warnings; the rest are summed up in one more.
_NAMED_MISSING = 20


class PdfWriter(Writer):
    name = "pdf"
    extension = ".pdf"
    media_type = "application/pdf"
    description = "PDF set like a printed government document (fonts embedded)"

    def render(self, doc: Document, out: BinaryIO, style: Style) -> list[Diagnostic]:
        fonts = FontBook(style, _font_option(self.options.get("fonts")))
        missing = Missing()
        builder = StoryBuilder(style, fonts, missing)
        story = builder.build(doc)
        numbers = PageNumbers(style, fonts.chain(style.page_number.role), missing)
        build(
            out,
            story,
            style,
            doc.meta,
            numbers,
            initial_font=fonts.chain("body").primary.name,
            show_outline=bool(doc.headings),
        )
        return missing_warnings(missing)


def _font_option(value: object) -> dict[str, Path]:
    if not isinstance(value, Mapping):
        return {}
    return {str(role): Path(str(path)) for role, path in value.items()}


def missing_warnings(missing: Missing) -> list[Diagnostic]:
    """One warning per character no font has (never more than a screenful)."""
    items = sorted(missing.counts.items(), key=lambda kv: ord(kv[0]))
    out = [
        Diagnostic(
            "missing-glyph",
            f"no bundled font has {ch!r} (U+{ord(ch):04X}, {n}×); it shows as an empty box",
        )
        for ch, n in items[:_NAMED_MISSING]
    ]
    rest = items[_NAMED_MISSING:]
    if rest:
        total = sum(n for _, n in rest)
        out.append(
            Diagnostic(
                "missing-glyph",
                f"{len(rest)} more characters ({total}×) are in no bundled font",
            )
        )
    return out


__all__ = ["PdfWriter", "missing_warnings"]
