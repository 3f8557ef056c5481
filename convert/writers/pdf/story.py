"""The document model as a list of flowables, every look taken from the style sheet."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus.flowables import Flowable

from ...model import Document, Heading, Table
from ...styles import RoleStyle, Style
from ..contents import entry_title
from ..layout import Run, arrange, column_shares
from .flowables import Bookmark, KeepGroup, TextBlock
from .fontset import FontBook
from .layout import Line, Look, Missing, Span, color_of, set_lines, shape
from .tableblock import Cell, TableBlock


class StoryBuilder:
    def __init__(self, style: Style, fonts: FontBook, missing: Missing) -> None:
        self.style = style
        self.fonts = fonts
        self.missing = missing
        self.body = style.role("body")
        self._outline_level = -1
        self._marks = 0
        # The line grid blocks of another leading snap to (GB/T 9704's 22 lines a page).
        self.grid = self.body.leading if style.page.lines else None

    def spacing(self, role: RoleStyle) -> float:
        """Character spacing that puts body-size text on the grid's character pitch."""
        pitch = self.style.page.char_pitch
        if pitch is None or role.size != self.body.size:
            return 0.0
        return pitch - role.size

    def span(self, text: str, role_name: str) -> Span:
        role = self.style.role(role_name)
        chain = self.fonts.chain(role_name)
        return Span(text, chain, role.size, self.spacing(role), color_of(role.color))

    def look(self, role_name: str) -> Look:
        role = self.style.role(role_name)
        cell = role.size + self.spacing(role)
        return Look(
            size=role.size,
            leading=role.leading,
            ascent=self.fonts.chain(role_name).primary.ascent,
            indent=role.indent * cell,
            indent_right=role.indent_right * cell,
            align=role.align,
            space_before=role.space_before,
            space_after=role.space_after,
            keep_with_next=role.keep_with_next,
        )

    def block(self, spans: list[Span], look: Look, bookmark: Bookmark | None = None) -> TextBlock:
        shaped = shape(spans, self.missing, self.style.compress_punctuation)

        def setter(width: float) -> list[Line]:
            return set_lines(shaped, look, width)

        return TextBlock(setter, look, bookmark, grid=self.grid)

    def bookmark(self, heading: Heading) -> Bookmark:
        # An outline may go down only one level at a time.
        level = min(heading.level - 1, self._outline_level + 1)
        self._outline_level = level
        self._marks += 1
        # A bookmark names the heading: the full stop ending its sentence goes.
        return Bookmark(f"h{self._marks}", entry_title(heading.text), level)

    def build(self, doc: Document) -> list[Flowable]:
        layout = arrange(doc, self.style)
        blocks: list[Flowable] = [
            self.block(self.spans(p.runs), self.look(p.role)) for p in layout.front
        ]
        for unit in layout.units:
            if unit.first.table is not None:
                blocks.append(self.table(unit.first.table))
                continue
            heading = unit.first.heading
            if heading is None and not unit.first.text:
                continue  # an empty paragraph draws nothing
            # A run-in heading starts its paragraph's first line, in its own face.
            mark = self.bookmark(heading) if heading is not None else None
            blocks.append(self.block(self.spans(unit.runs), self.look(unit.role), mark))
        return _keep_together(blocks)

    def table(self, table: Table) -> TableBlock:
        """Cells set like paragraphs in the table and table_header roles; half a body line
        above and below, so the table does not touch the text around it."""

        def cell(text: str, role: str) -> Cell:
            look = self.look(role)
            shaped = shape([self.span(text, role)], self.missing, self.style.compress_punctuation)
            return Cell(lambda width: set_lines(shaped, look, width), look)

        rows = [
            [cell(text, "table_header" if r < table.header else "table") for text in row]
            for r, row in enumerate(table.rows)
        ]
        space = self.body.leading / 2 if self.grid is None else 0.0
        return TableBlock(rows, column_shares(table), table.header, self.grid, space)

    def spans(self, runs: Sequence[Run]) -> list[Span]:
        return [self.span(run.text, run.role) for run in runs]


def _keep_together(blocks: list[Flowable]) -> list[Flowable]:
    """Blocks that keep with the next one are grouped with it."""
    out: list[Flowable] = []
    group: list[Flowable] = []
    for block in blocks:
        group.append(block)
        if isinstance(block, TextBlock) and block.look.keep_with_next:
            continue
        out.append(group[0] if len(group) == 1 else KeepGroup(group))
        group = []
    if group:
        out.append(group[0] if len(group) == 1 else KeepGroup(group))
    return out
