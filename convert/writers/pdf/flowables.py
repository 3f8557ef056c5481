"""Platypus flowables for set text: a block of lines that splits between lines, and a group
that keeps headings with the first line of what follows them."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus.flowables import Flowable

from .layout import Line, Look

_FUZZ = 1e-6
BLACK = "000000"


@dataclass(frozen=True, slots=True)
class Bookmark:
    key: str
    title: str
    level: int  # 0-based, never more than one below the entry before it


class TextBlock(Flowable):  # type: ignore[misc]
    """A paragraph (or heading) whose lines are set on first use, at the frame's width.

    On a page with a line grid (`grid`: the body's leading), a block whose own leading is
    another (the title's 35 pt) takes a whole number of grid lines, its lines centred in
    them, so the body after it stays on the grid of every other page.
    """

    def __init__(
        self,
        setter: Callable[[float], list[Line]],
        look: Look,
        bookmark: Bookmark | None = None,
        lines: list[Line] | None = None,
        grid: float | None = None,
    ) -> None:
        super().__init__()
        self.setter = setter
        self.look = look
        self.bookmark = bookmark
        self.lines = lines
        self.grid = grid if grid and abs(grid - look.leading) > _FUZZ else None
        self._set_width = -1.0
        self.spaceBefore = look.space_before
        self.spaceAfter = look.space_after

    def _height(self, count: int) -> float:
        """The height `count` lines take, rounded up to whole grid lines."""
        natural = count * self.look.leading
        if self.grid is None or count == 0:
            return natural
        return math.ceil(natural / self.grid - 1e-6) * self.grid

    def _ensure(self, width: float) -> list[Line]:
        if self.lines is None or (self._set_width >= 0 and abs(width - self._set_width) > 0.01):
            self.lines = self.setter(width)
            self._set_width = width
        return self.lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self._height(len(self._ensure(availWidth)))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._ensure(availWidth)
        fit = int((availHeight + _FUZZ) // self.look.leading)
        while fit > 0 and self._height(fit) > availHeight + _FUZZ:
            fit -= 1
        if fit <= 0 or fit >= len(lines):
            return []
        head = TextBlock(
            self.setter,
            replace(self.look, space_after=0.0),
            self.bookmark,
            lines[:fit],
            self.grid,
        )
        tail = TextBlock(
            self.setter, replace(self.look, space_before=0.0), None, lines[fit:], self.grid
        )
        head._set_width = tail._set_width = availWidth
        return [head, tail]

    def draw(self) -> None:
        canv = self.canv
        look = self.look
        if self.bookmark is not None:
            mark = self.bookmark
            canv.bookmarkHorizontal(mark.key, 0, self.height)
            canv.addOutlineEntry(mark.title, mark.key, mark.level, closed=False)
        # The em box sits in the middle of each line's height.
        drop = (look.leading - look.size) / 2 + look.ascent * look.size
        lines = self.lines or ()
        pad = (self.height - len(lines) * look.leading) / 2  # 0 off the grid
        y = self.height - pad - drop
        for line in lines:
            draw_line(canv, line, line.x, y)
            y -= look.leading


def draw_line(canv: Any, line: Line, x: float, y: float) -> None:
    text = canv.beginText(x, y)
    spacing: float | None = None
    color = BLACK
    for run in line.runs:
        text.setFont(run.font, run.size)
        if run.spacing != spacing:
            text.setCharSpace(run.spacing)
            spacing = run.spacing
        if run.color != color:
            text.setFillColor(HexColor(f"#{run.color}"))
            color = run.color
        text.textOut(run.text)
    if color != BLACK:
        text.setFillColor(HexColor(f"#{BLACK}"))
    canv.drawText(text)


class KeepGroup(Flowable):  # type: ignore[misc]
    """Blocks that must share a page with at least the first line of the last block.

    reportlab's own keepWithNext moves the heading to the next page whenever the whole
    following paragraph does not fit; this splits the paragraph instead.
    """

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts
        self.spaceBefore = parts[0].spaceBefore
        self.spaceAfter = parts[-1].spaceAfter
        self._heights: list[float] = []

    def _gaps(self) -> list[float]:
        """Space between part i-1 and part i (0 for the first)."""
        gaps = [0.0]
        for a, b in pairwise(self.parts):
            gaps.append(a.spaceAfter + b.spaceBefore)
        return gaps

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heights = [p.wrap(availWidth, availHeight)[1] for p in self.parts]
        self.width = availWidth
        self.height = sum(self._heights) + sum(self._gaps())
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        gaps = self._gaps()
        heads = self.parts[:-1]
        used = sum(self._heights[:-1]) + sum(gaps)
        pieces = self.parts[-1].split(availWidth, availHeight - used)
        if len(pieces) == 2:
            return [*heads, *pieces]
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            # Not even a fresh page holds the group: give up keeping it together.
            return list(self.parts)
        return []

    def draw(self) -> None:
        y = self.height
        for part, h, gap in zip(self.parts, self._heights, self._gaps(), strict=True):
            y -= gap + h
            part.drawOn(self.canv, 0, y)
