"""A table as a platypus flowable: ruled cells whose lines are set by the same line breaker
as the paragraphs, rows that split between pages (a row taller than a page between its
lines), header rows repeated at the top of each page, and a height rounded up to whole
grid lines (the table in their middle) so the body after it stays on the page's grid."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus.flowables import Flowable

from .flowables import draw_line
from .layout import Line, Look

_FUZZ = 1e-6
RULE = 0.5  # points: a hairline, as Word's single border (sz 4)
PAD_X = 3.0  # points between a cell's rule and its text


@dataclass(frozen=True, slots=True)
class Cell:
    setter: Callable[[float], list[Line]]  # the cell's text set at a width
    look: Look


@dataclass(frozen=True, slots=True)
class _SetRow:
    cells: tuple[tuple[Line, ...], ...]
    looks: tuple[Look, ...]

    @property
    def height(self) -> float:
        tallest = max(
            len(lines) * look.leading for lines, look in zip(self.cells, self.looks, strict=True)
        )
        return max(tallest, max(look.leading for look in self.looks))

    def split(self, room: float) -> tuple[_SetRow, _SetRow] | None:
        """The row cut between lines to fit `room`; None when not one line of it fits."""
        fits = [int((room + _FUZZ) // look.leading) for look in self.looks]
        if min(fits) <= 0:
            return None
        head = tuple(lines[:n] for lines, n in zip(self.cells, fits, strict=True))
        tail = tuple(lines[n:] for lines, n in zip(self.cells, fits, strict=True))
        return _SetRow(head, self.looks), _SetRow(tail, self.looks)


class TableBlock(Flowable):  # type: ignore[misc]
    def __init__(
        self,
        rows: Sequence[Sequence[Cell]],
        shares: Sequence[float],
        header: int,
        grid: float | None,
        space: float = 0.0,
        set_rows: list[_SetRow] | None = None,
        repeat: list[_SetRow] | None = None,
    ) -> None:
        super().__init__()
        self.rows = [list(r) for r in rows]
        self.shares = list(shares)
        self.header = header
        self.grid = grid
        self.spaceBefore = self.spaceAfter = space
        self._set = set_rows  # rows set at `_width`; continuation pieces come set
        self._repeat = repeat or []  # header rows repeated above a continuation
        self._width = -1.0

    def _columns(self, width: float) -> list[float]:
        return [width * s for s in self.shares]

    def _rows(self, width: float) -> list[_SetRow]:
        if self._set is None or abs(width - self._width) > 0.01:
            cols = self._columns(width)
            self._set = [
                _SetRow(
                    tuple(tuple(c.setter(w - 2 * PAD_X)) for c, w in zip(row, cols, strict=True)),
                    tuple(c.look for c in row),
                )
                for row in self.rows
            ]
            self._width = width
        return self._set

    def _height(self, rows: Sequence[_SetRow]) -> float:
        return self._on_grid(sum(r.height for r in rows))

    def _on_grid(self, natural: float) -> float:
        """`natural` rounded up to whole grid lines (as it is off the grid)."""
        if self.grid is None:
            return natural
        return math.ceil(natural / self.grid - 1e-6) * self.grid

    def _shown(self) -> list[_SetRow]:
        return [*self._repeat, *self._rows(self._width)]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._rows(availWidth)
        self.width = availWidth
        self.height = self._height(self._shown())
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        rows = self._rows(availWidth)
        heads = self._repeat or rows[: self.header]
        own_heads = 0 if self._repeat else self.header
        used = sum(r.height for r in self._repeat)
        fit = 0
        for row in rows:  # the running height, not the sum again for every row
            if self._on_grid(used + row.height) > availHeight + _FUZZ:
                break
            used += row.height
            fit += 1
        first, rest = rows[:fit], rows[fit:]
        if fit < own_heads + 1 or not rest:
            # Not one body row fits below the header: cut the next row between its lines
            # when the frame is fresh (no page would hold it), else move to the next page.
            frame = getattr(self, "_frame", None)
            if not rest or frame is None or not getattr(frame, "_atTop", False):
                return []
            room = availHeight - used
            if self.grid is not None:
                room = math.floor((availHeight + _FUZZ) / self.grid) * self.grid - used
            cut = rest[0].split(room)
            if cut is None:
                return []
            first, rest = [*first, cut[0]], [cut[1], *rest[1:]]
        head = TableBlock([], self.shares, 0, self.grid, 0.0, first, self._repeat)
        tail = TableBlock([], self.shares, 0, self.grid, 0.0, rest, heads)
        head.spaceBefore, tail.spaceAfter = self.spaceBefore, self.spaceAfter
        head._width = tail._width = availWidth
        return [head, tail]

    def draw(self) -> None:
        canv = self.canv
        rows = self._shown()
        cols = self._columns(self.width)
        edges = [0.0]
        for w in cols:
            edges.append(edges[-1] + w)
        # On a line grid the rows sit in the middle of the whole grid lines they take.
        top = self.height - (self.height - sum(r.height for r in rows)) / 2
        y = top
        canv.saveState()
        canv.setLineWidth(RULE)
        canv.line(0, top, self.width, top)
        for row in rows:
            for lines, look, x0 in zip(row.cells, row.looks, edges[:-1], strict=True):
                drop = (look.leading - look.size) / 2 + look.ascent * look.size
                base = y - drop
                for line in lines:
                    draw_line(canv, line, x0 + PAD_X + line.x, base)
                    base -= look.leading
            y -= row.height
            canv.line(0, y, self.width, y)
        for x in edges:
            canv.line(x, y, x, top)
        canv.restoreState()
