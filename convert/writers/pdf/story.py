"""The document model as a list of flowables, every look taken from the style sheet."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from ...model import Document, Heading, Note, Paragraph
from ...styles import RoleStyle, Style
from ..contents import entry_title
from .flowables import Bookmark, KeepGroup, TextBlock
from .fontset import FontBook
from .layout import Line, Look, Missing, Span, color_of, set_lines, shape


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
        blocks: list[TextBlock] = []
        meta = doc.meta
        if meta.title:
            blocks.append(self.block([self.span(meta.title, "title")], self.look("title")))
        if meta.subtitle:
            blocks.append(self.block([self.span(meta.subtitle, "subtitle")], self.look("subtitle")))
        items = doc.blocks
        inline = self.style.headings.runin == "inline"
        i = 0
        while i < len(items):
            item = items[i]
            if isinstance(item, Heading):
                role = self.style.heading_role_name(item)
                following = items[i + 1] if i + 1 < len(items) else None
                mark = self.bookmark(item)
                if inline and item.runin and isinstance(following, Paragraph):
                    # The heading starts the paragraph's first line, in its own face.
                    spans = [self.span(item.text, role), *self.paragraph_spans(following)]
                    blocks.append(self.block(spans, self.look(following.role), mark))
                    i += 2
                    continue
                blocks.append(self.block([self.span(item.text, role)], self.look(role), mark))
            elif isinstance(item, Paragraph):
                if item.text:
                    blocks.append(self.block(self.paragraph_spans(item), self.look(item.role)))
            elif isinstance(item, Note):
                blocks.append(self.block([self.span(item.text, "note")], self.look("note")))
            i += 1
        return _keep_together(blocks)

    def paragraph_spans(self, p: Paragraph) -> list[Span]:
        spans = []
        if p.lead:
            spans.append(self.span(p.lead, "lead"))
        if p.rest:
            spans.append(self.span(p.rest, p.role))
        return spans


def _keep_together(blocks: list[TextBlock]) -> list[Flowable]:
    """Blocks that keep with the next one are grouped with it."""
    out: list[Flowable] = []
    group: list[TextBlock] = []
    for block in blocks:
        group.append(block)
        if block.look.keep_with_next:
            continue
        out.append(group[0] if len(group) == 1 else KeepGroup(group))
        group = []
    if group:
        out.append(group[0] if len(group) == 1 else KeepGroup(group))
    return out
