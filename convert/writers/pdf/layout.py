"""Setting a paragraph: characters to faces and widths, lines, alignment, justification.

Widths are in points. On a character grid (GB/T 9704: 28 characters in a 156 mm line) a
body-size character advances by the grid pitch rather than its font size; the difference
is a PDF character spacing (Tc), `Span.spacing`. Justification adds the line's slack as a
further character spacing, because reportlab's own justify only widens spaces and a
Chinese line has none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ...styles import Align
from .fontset import FontChain, LoadedFont
from .linebreak import balanced_width, break_after, fit_lines, fixed_gaps, is_space


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
    natural: list[float]  # advance without spacing, pt
    spacing: list[float]  # character spacing, pt
    font: list[LoadedFont]
    size: list[float]
    color: list[str]


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


def shape(spans: Iterable[Span], missing: Missing) -> Shaped:
    texts: list[str] = []
    natural: list[float] = []
    spacing: list[float] = []
    fonts: list[LoadedFont] = []
    sizes: list[float] = []
    colors: list[str] = []
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
            texts.append(ch)
            natural.append(face.advance(ch) * size)
            spacing.append(span.spacing)
            fonts.append(face)
            sizes.append(size)
            colors.append(span.color)
    return Shaped("".join(texts), natural, spacing, fonts, sizes, colors)


def set_lines(shaped: Shaped, look: Look, width: float) -> list[Line]:
    """Break `shaped` into lines `width` wide and place each line horizontally."""
    text = shaped.text
    if not text:
        return []
    cells = [a + s for a, s in zip(shaped.natural, shaped.spacing, strict=True)]
    allowed = break_after(text)
    measure = width - look.indent_right
    first = measure - look.indent
    rest = measure
    if look.align == "center":
        # Balanced lines for centred text (titles): nearly equal lengths.
        first = rest = balanced_width(text, cells, measure, allowed)
    spans = fit_lines(text, cells, first, rest, allowed)
    fixed = fixed_gaps(text)
    lines: list[Line] = []
    last = len(spans) - 1
    for k, (start, end) in enumerate(spans):
        if end <= start:
            continue
        left = look.indent if k == 0 else 0.0
        room = measure - left
        used = sum(cells[start:end])
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
            # A line that would need more than a character's room per gap (a word too
            # long to break elsewhere) is left ragged instead of being torn apart.
            if extra > max(shaped.size[start:end]):
                extra, stretch = 0.0, None
            x = left
        elif look.align == "right":
            x = measure - shown
        elif look.align == "center":
            x = left + (room - shown) / 2
        else:
            x = left
        lines.append(Line(x, _runs(shaped, start, end, extra, stretch)))
    return lines


def _runs(
    shaped: Shaped, start: int, end: int, extra: float, stretch: list[bool] | None
) -> tuple[Run, ...]:
    """Group a line's characters into runs of one face, size and spacing; `stretch[i]`
    says whether the gap after character start+i takes `extra`."""
    text, fonts, sizes, spacing = shaped.text, shaped.font, shaped.size, shaped.spacing
    colors = shaped.color

    def gap(i: int) -> float:
        wide = stretch is not None and i < end - 1 and stretch[i - start]
        return spacing[i] + (extra if wide else 0.0)

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
