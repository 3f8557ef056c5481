"""Setting a paragraph: characters to faces and widths, lines, alignment, justification.

Widths are in points. On a character grid (GB/T 9704: 28 characters in a 156 mm line) a
body-size character advances by the grid pitch rather than its font size; the difference
is a PDF character spacing (Tc), `Span.spacing`. Justification adds the line's slack as a
further character spacing, because reportlab's own justify only widens spaces and a
Chinese line has none; punctuation compression (标点挤压, linebreak.Squeeze) takes room
back the same way, as a smaller spacing after a mark.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...styles import Align
from .fontset import FontChain, LoadedFont
from .linebreak import Squeeze, balanced_width, break_after, fit_lines, fixed_gaps, is_space

#: Quotation marks Chinese text sets full width (GB 2312 has them in its full-width rows).
#: A face that draws them narrow (LXGW WenKai: 0.35 em) gets them padded to a whole em,
#: the ink on the side a full-width mark has it, so the line stays on the grid.
FULL_WIDTH_QUOTES = {"“": True, "‘": True, "”": False, "’": False}  # True: ink on the right

#: A justified line whose gaps would each widen by more than this (in em) runs short
#: instead: an unbreakable Latin word pushed down should not letter-space a whole line.
MAX_STRETCH = 0.125

#: How far past the middle of its em box a mark's ink may reach and still count as
#: drawn in one half (？ in LXGW WenKai ends at 0.50 em).
_HALF_FUZZ = 0.03


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a paragraph's text in one look."""

    text: str
    chain: FontChain
    size: float  # pt
    spacing: float  # pt of character spacing each character gets (grid pitch − size)
    color: str = "000000"  # RRGGBB


@dataclass(frozen=True, slots=True)
class Look:
    """How a block's lines sit: the paragraph part of a style role, in points."""

    size: float
    leading: float
    ascent: float  # em-box top above the baseline, in em
    indent: float  # first line
    indent_right: float
    align: Align
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False


@dataclass(frozen=True, slots=True)
class Run:
    """Characters drawn in one face, size and spacing."""

    font: str  # registered reportlab name
    size: float
    spacing: float
    text: str
    color: str = "000000"


@dataclass(frozen=True, slots=True)
class Line:
    x: float  # from the frame's left edge to the first glyph
    runs: tuple[Run, ...]


@dataclass(slots=True)
class Missing:
    """Characters no face in their chain has, with how often each occurred."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, ch: str) -> None:
        self.counts[ch] = self.counts.get(ch, 0) + 1


@dataclass(slots=True)
class Shaped:
    """A paragraph's characters with the face, size and room of each."""

    text: str
    natural: list[float]  # room without spacing, pt (a padded quote: a whole em)
    spacing: list[float]  # character spacing, pt
    font: list[LoadedFont]
    size: list[float]
    color: list[str]
    glyph: list[float] = field(default_factory=list)  # the glyph's own advance, pt
    offset: list[float] = field(default_factory=list)  # blank before the glyph in its room
    left: list[float] = field(default_factory=list)  # blank half a compression may remove
    right: list[float] = field(default_factory=list)


def color_of(value: str) -> str:
    """RRGGBB from the sheet; anything else is black."""
    value = value.strip().lstrip("#").upper()
    if len(value) == 6 and all(c in "0123456789ABCDEF" for c in value):
        return value
    return "000000"


def is_ignorable(ch: str) -> bool:
    """Zero-width and format characters (ZWSP, joiners, BOM, soft hyphen, variation
    selectors) that show nothing even when a font has them."""
    code = ord(ch)
    return (
        code in (0x00AD, 0x034F, 0x061C, 0x180E, 0xFEFF)
        or 0x200B <= code <= 0x200F
        or 0x2060 <= code <= 0x206F
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0000 <= code <= 0xE0FFF
    )


def shape(spans: Iterable[Span], missing: Missing, compress: bool = False) -> Shaped:
    """Each character's face, size and room; with `compress`, the blank half of each
    full-width mark, which the line breaker may take back."""
    texts: list[str] = []
    natural: list[float] = []
    spacing: list[float] = []
    fonts: list[LoadedFont] = []
    sizes: list[float] = []
    colors: list[str] = []
    glyphs: list[float] = []
    offsets: list[float] = []
    lefts: list[float] = []
    rights: list[float] = []
    for span in spans:
        chain, size = span.chain, span.size
        faces = chain.fonts
        for ch in span.text:
            if ch in "\n\r\t\v\f":
                ch = " "  # a stray control character sets as a space, never as a box
            if is_ignorable(ch):
                continue  # shows nothing (and some fonts draw a box for it)
            i = chain.pick(ch)
            if i < 0:
                if not is_space(ch):
                    missing.add(ch)
                i = 0
            face = faces[i]
            glyph = face.advance(ch)
            room, offset = glyph, 0.0
            if ch in FULL_WIDTH_QUOTES and glyph < 0.6:
                room = 1.0
                if FULL_WIDTH_QUOTES[ch]:
                    offset = 1.0 - glyph
            left, right = _blank_halves(ch, face, room, offset) if compress else (0.0, 0.0)
            texts.append(ch)
            natural.append(room * size)
            glyphs.append(glyph * size)
            offsets.append(offset * size)
            lefts.append(left * size)
            rights.append(right * size)
            spacing.append(span.spacing)
            fonts.append(face)
            sizes.append(size)
            colors.append(span.color)
    return Shaped(
        "".join(texts), natural, spacing, fonts, sizes, colors, glyphs, offsets, lefts, rights
    )


def _blank_halves(ch: str, face: LoadedFont, room: float, offset: float) -> tuple[float, float]:
    """The blank half before and after a full-width mark's ink, in em (0, 0 for anything
    else). Which half is blank is read from the glyph, so a face that centres a mark (？
    in a Traditional Chinese font, ＂) is never squeezed into its neighbour."""
    if room < 0.9 or not unicodedata.category(ch).startswith("P"):
        return 0.0, 0.0
    ink = face.ink(ch)
    if ink is None:
        return 0.0, 0.0
    lo, hi = ink[0] + offset, ink[1] + offset
    half = room / 2
    if hi <= half + _HALF_FUZZ and lo >= 0:
        return 0.0, half
    if lo >= half - _HALF_FUZZ and hi <= room:
        return half, 0.0
    return 0.0, 0.0


def set_lines(shaped: Shaped, look: Look, width: float) -> list[Line]:
    """Break `shaped` into lines `width` wide and place each line horizontally."""
    text = shaped.text
    if not text:
        return []
    cells = [a + s for a, s in zip(shaped.natural, shaped.spacing, strict=True)]
    allowed = break_after(text)
    squeeze = Squeeze.of(text, shaped.left, shaped.right)
    measure = width - look.indent_right
    first = measure - look.indent
    rest = measure
    if look.align == "center":
        # Balanced lines for centred text (titles): nearly equal lengths.
        first = rest = balanced_width(text, cells, measure, allowed, squeeze)
    limit = MAX_STRETCH * look.size if look.align == "justify" else None
    spans = fit_lines(text, cells, first, rest, allowed, squeeze, limit)
    fixed = fixed_gaps(text)
    lines: list[Line] = []
    last = len(spans) - 1
    for k, (start, end) in enumerate(spans):
        if end <= start:
            continue
        left = look.indent if k == 0 else 0.0
        room = measure - left
        cut = _close_up(squeeze, cells, start, end, first if k == 0 else rest, k == 0)
        used = sum(cells[start:end]) - sum(cut.gaps) - cut.lead - cut.trail
        # What shows: the last glyph's trailing spacing is not ink.
        shown = used - shaped.spacing[end - 1]
        stretch: list[bool] | None = None
        extra = 0.0
        if look.align == "justify" and k < last and end - start > 1:
            # Slack goes into the gaps between characters, not inside Latin words.
            stretch = [not f for f in fixed[start : end - 1]]
            gaps = sum(stretch)
            if gaps == 0:
                stretch = [True] * (end - start - 1)
                gaps = len(stretch)
            extra = (room - shown) / gaps
            # A line that would be letter-spaced (a Latin word too long to share it was
            # pushed down) runs short instead.
            if extra > MAX_STRETCH * max(shaped.size[start:end]):
                extra, stretch = 0.0, None
            x = left
        elif look.align == "right":
            x = measure - shown
        elif look.align == "center":
            x = left + (room - shown) / 2
        else:
            x = left
        x += shaped.offset[start] - cut.lead
        lines.append(Line(x, _runs(shaped, start, end, extra, stretch, cut.gaps)))
    return lines


@dataclass(frozen=True, slots=True)
class _Cut:
    """What a line gives up of its marks' blank halves: before its first character,
    after its last, and at each gap (index i - start: the gap after character i)."""

    lead: float
    trail: float
    gaps: list[float]


def _close_up(
    squeeze: Squeeze, cells: list[float], start: int, end: int, avail: float, first: bool
) -> _Cut:
    """Adjacent marks always close up; a line wider than `avail` then gives up the blank
    half at its end, then the blank halves inside it, shared out evenly, and last the one
    at its start (which moves the line's first column off the grid)."""
    gaps = list(squeeze.tight[start : end - 1])
    need = sum(cells[start:end]) - sum(gaps) - avail
    trail = lead = 0.0
    if need > 1e-9:
        trail = min(need, squeeze.trail[end - 1])
        need -= trail
        give = squeeze.give[start : end - 1]
        total = sum(give)
        if need > 1e-9 and total > 0:
            share = min(1.0, need / total)
            gaps = [g + share * v for g, v in zip(gaps, give, strict=True)]
            need -= share * total
        if need > 1e-9 and not first:
            lead = min(need, squeeze.lead[start])
    return _Cut(lead, trail, gaps)


def _runs(
    shaped: Shaped,
    start: int,
    end: int,
    extra: float,
    stretch: list[bool] | None,
    cut: list[float],
) -> tuple[Run, ...]:
    """Group a line's characters into runs of one face, size and spacing; `stretch[i]`
    says whether the gap after character start+i takes `extra`, `cut[i]` what it gives up."""
    text, fonts, sizes, spacing = shaped.text, shaped.font, shaped.size, shaped.spacing
    colors = shaped.color
    room, glyph, offset = shaped.natural, shaped.glyph, shaped.offset

    def gap(i: int) -> float:
        if i == end - 1:
            return spacing[i]
        wide = stretch is not None and stretch[i - start]
        # A padded quote's room is wider than its glyph, and its ink may sit to the right.
        pad = room[i] - glyph[i] - offset[i] + offset[i + 1]
        return spacing[i] + pad - cut[i - start] + (extra if wide else 0.0)

    runs: list[Run] = []
    i = start
    while i < end:
        font, size, sp, color = fonts[i], sizes[i], gap(i), colors[i]
        j = i + 1
        while (
            j < end
            and fonts[j] is font
            and sizes[j] == size
            and gap(j) == sp
            and colors[j] == color
        ):
            j += 1
        runs.append(Run(font.name, size, sp, text[i:j], color))
        i = j
    return tuple(runs)
