"""The page: one frame exactly the style's text block, page numbers, document info."""

from __future__ import annotations

import os
from typing import Any, BinaryIO

from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.flowables import Flowable, Spacer
from reportlab.platypus.frames import Frame

from ...errors import OutputError
from ...model import Meta
from ...styles import Style
from .flowables import draw_line
from .fontset import FontChain
from .layout import Line, Look, Missing, Span, color_of, set_lines, shape


class PageNumbers:
    """Draws the page number of each page as the style's [page_number] table says."""

    def __init__(self, style: Style, chain: FontChain, missing: Missing) -> None:
        self.style = style
        self.chain = chain
        self.missing = missing
        self.role = style.role(style.page_number.role)

    def line(self, n: int) -> tuple[Line, float]:
        """The number's line and its width."""
        text = self.style.page_number.format.replace("{n}", str(n))
        role = self.role
        span = Span(text, self.chain, role.size, 0.0, color_of(role.color))
        shaped = shape([span], self.missing)
        look = Look(role.size, role.leading, self.chain.primary.ascent, 0.0, 0.0, "left")
        return set_lines(shaped, look, 1e6)[0], sum(shaped.natural)

    def __call__(self, canv: Any, doc: Any) -> None:
        n = canv.getPageNumber()
        line, width = self.line(n)
        page = self.style.page
        pn = self.style.page_number
        indent = pn.indent * self.role.size
        left = page.margin_left + indent
        right = page.width - page.margin_right - indent - width
        center = page.margin_left + (page.text_width - width) / 2
        if pn.position == "outside":
            x = right if n % 2 else left
        else:
            x = {"left": left, "right": right, "center": center}[pn.position]
        # The top of the number's em box sits `gap` below the text block.
        y = page.margin_bottom - pn.gap - self.chain.primary.ascent * self.role.size
        draw_line(canv, line, x, y)


def _check_source_date_epoch() -> None:
    # reportlab reads SOURCE_DATE_EPOCH itself (for the dates and the file ID) and fails
    # with a bare ValueError on anything but digits.
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value and not value.isdigit():
        raise OutputError(
            f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970"
        )


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    show_outline = False

    def beforeDocument(self) -> None:
        if self.show_outline:
            self.canv.showOutline()  # open the bookmarks pane when the file opens


def build(
    out: BinaryIO,
    story: list[Flowable],
    style: Style,
    meta: Meta,
    numbers: PageNumbers,
    initial_font: str,
    show_outline: bool,
) -> int:
    """Lay out `story` and write the PDF to `out`; return the page count."""
    _check_source_date_epoch()
    page = style.page
    frame = Frame(
        page.margin_left,
        page.margin_bottom,
        page.text_width,
        page.text_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    doc = _Doc(
        out,
        pagesize=(page.width, page.height),
        leftMargin=page.margin_left,
        rightMargin=page.margin_right,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        pageTemplates=[PageTemplate("page", [frame], onPage=numbers)],
        title=meta.title or meta.source_title,
        author=meta.author,
        subject=meta.subject or meta.subtitle,
        keywords=list(meta.keywords),
        creator="docconv",
        lang=meta.lang,
        pageCompression=1,
        initialFontName=initial_font,
        displayDocTitle=True,
    )
    doc.show_outline = show_outline
    # An empty story would give a file with no page at all, which no reader opens.
    doc.build(story or [Spacer(0, 0)])
    return int(doc.page)
