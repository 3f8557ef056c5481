"""DOCX writer: named Word styles driven by the style sheet, GB/T 9704 page and grid,
odd/even PAGE-field footers, outline levels for the navigation pane."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any, BinaryIO

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

from ...diagnostics import Warning
from ...model import Document, Heading, Meta, Note, Paragraph
from ...safetext import CODE, safe_document, warning_text
from ...styles import RoleStyle, Style
from ..base import Writer
from ..reproducible import build_time, fixed_date, repack_zip
from . import ooxml, wordstyles
from .ooxml import PPR_ORDER, RPR_ORDER, SECTPR_ORDER, child, twips

_CJK = re.compile(
    r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u201c-\u201d\u2018-\u2019\u2014\u2026]"
)


class DocxWriter(Writer):
    name = "docx"
    extension = ".docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    description = "Word document with named styles (Word, WPS, LibreOffice)"

    def write(self, doc: Document, out: BinaryIO, style: Style) -> list[Warning]:
        doc, removed = safe_document(doc)  # lxml refuses NUL, other controls, surrogates
        d = docx.Document()
        body = d.element.body
        for p in list(body.iterchildren(qn("w:p"))):
            body.remove(p)
        level_roles = heading_roles(doc, style)
        wordstyles.build(d, style, level_roles)
        _page_setup(d, style)
        _page_numbers(d, style)
        _settings(d)
        _Body(d, doc, style, level_roles).write()
        when = build_time()
        _core_properties(d, doc.meta, when)
        buf = io.BytesIO()
        d.save(buf)
        out.write(repack_zip(buf.getvalue(), when))
        return [Warning(CODE, warning_text(removed))] if removed else []


def heading_roles(doc: Document, style: Style) -> dict[int, RoleStyle]:
    """The look of each heading level: the role most of that level's headings take."""
    counts: dict[int, Counter[str]] = {}
    for h in doc.headings:
        counts.setdefault(h.level, Counter())[style.heading_role_name(h)] += 1
    return {level: style.role(c.most_common(1)[0][0]) for level, c in counts.items()}


class _Body:
    def __init__(self, d: Any, doc: Document, style: Style, level_roles: dict[int, RoleStyle]):
        self.d, self.doc, self.style, self.level_roles = d, doc, style, level_roles
        self.body_role = style.role("body")
        self.grid = wordstyles.Grid(bool(style.page.lines), wordstyles.char_spacing(style))

    def write(self) -> None:
        meta = self.doc.meta
        if meta.title:
            self._para(meta.title, "Title")
        if meta.subtitle:
            self._para(meta.subtitle, "Subtitle")
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph):
                p = self.d.add_paragraph(style=wordstyles.ROLE_STYLES[block.role])
                if block.lead:
                    self._run(p, block.lead, char_style=wordstyles.LEAD_STYLE)
                self._run(p, block.rest)
            elif isinstance(block, Note):
                self._para(block.text, "Note")

    def _para(self, text: str, style_name: str) -> Any:
        p = self.d.add_paragraph(style=style_name)
        self._run(p, text)
        return p

    def _heading(self, h: Heading) -> None:
        p = self.d.add_paragraph(style=wordstyles.heading_style(h.level))
        role = self.style.heading_role(h)
        level_role = self.level_roles.get(h.level)
        self._run(p, h.text, override=role if role != level_role else None)
        if h.runin and self.style.headings.runin == "inline":
            ooxml.style_separator(p)

    def _run(
        self, p: Any, text: str, *, char_style: str | None = None, override: RoleStyle | None = None
    ) -> None:
        if not text:
            return
        run = p.add_run(text, style=char_style)
        if override is not None:
            wordstyles.run_override(run, override, self.body_role, self.grid)
            ooxml.set_fonts(
                run._r.get_or_add_rPr(), override.font, override.latin, hint=bool(_CJK.search(text))
            )
        elif _CJK.search(text):
            child(run._r.get_or_add_rPr(), "rFonts", RPR_ORDER, hint="eastAsia")


def _page_setup(d: Any, style: Style) -> None:
    page = style.page
    section = d.sections[0]
    section.page_width = Pt(page.width)
    section.page_height = Pt(page.height)
    section.top_margin = Pt(page.margin_top)
    section.bottom_margin = Pt(page.margin_bottom)
    section.left_margin = Pt(page.margin_left)
    section.right_margin = Pt(page.margin_right)
    section.header_distance = Pt(min(page.margin_top / 2, 42.5))
    number = style.role(style.page_number.role)
    # Word measures the footer from the paper's edge to the bottom of the footer's line; the
    # number's top must sit `gap` below the text block. In an exact line as tall as the type,
    # Word and LibreOffice set the em box about 0.2 em above the line's bottom.
    top_from_edge = page.margin_bottom - style.page_number.gap
    section.footer_distance = Pt(max(top_from_edge - number.size * 1.2, 0))
    sect = section._sectPr
    body = style.role("body")
    # A line grid only: characters per line come from the styles' character spacing.
    if page.lines:
        child(sect, "docGrid", SECTPR_ORDER, type="lines", linePitch=str(twips(body.leading)))
    else:
        child(sect, "docGrid", SECTPR_ORDER, linePitch="360")


def _page_numbers(d: Any, style: Style) -> None:
    pn = style.page_number
    role = style.role(pn.role)
    before, _, after = pn.format.partition("{n}")
    hint = bool(_CJK.search(pn.format))
    section = d.sections[0]
    indent = str(twips(pn.indent * role.size))
    chars = str(round(pn.indent * 100))

    def fill(footer: Any, align: str) -> None:
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = d.styles["Footer"]
        ppr = p._p.get_or_add_pPr()
        child(
            ppr,
            "spacing",
            PPR_ORDER,
            before="0",
            after="0",
            line=str(twips(role.size)),
            lineRule="exact",
        )
        if align == "right":
            child(
                ppr,
                "ind",
                PPR_ORDER,
                right=indent,
                rightChars=chars,
                firstLine="0",
                firstLineChars="0",
            )
        elif align == "left":
            child(
                ppr,
                "ind",
                PPR_ORDER,
                left=indent,
                leftChars=chars,
                firstLine="0",
                firstLineChars="0",
            )
        else:
            child(ppr, "ind", PPR_ORDER, firstLine="0", firstLineChars="0")
        child(ppr, "jc", PPR_ORDER, val=align)
        ooxml.add_page_field(p, before, after, hint=hint)

    if pn.position == "outside":
        d.settings.odd_and_even_pages_header_footer = True
        fill(section.footer, "right")  # odd pages
        fill(section.even_page_footer, "left")
    else:
        fill(section.footer, pn.position)


def _settings(d: Any) -> None:
    settings = d.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    rsids = settings.find(qn("w:rsids"))
    if rsids is not None:
        settings.remove(rsids)


def _core_properties(d: Any, meta: Meta, when: Any) -> None:
    cp = d.core_properties
    cp.title = meta.title
    cp.subject = meta.subtitle
    cp.keywords = "; ".join(meta.keywords)
    cp.author = meta.author
    cp.last_modified_by = "docconv"
    cp.language = meta.lang
    cp.identifier = meta.doc_id
    origin = meta.url or meta.source_title
    cp.comments = f"Converted by docconv from {origin}" if origin else "Converted by docconv"
    cp.category = meta.format
    cp.revision = 1
    cp.created = fixed_date(meta.date) or when
    cp.modified = when
