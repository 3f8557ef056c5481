"""Positioned text → paragraphs: for readers that set every piece of a line as its own
absolutely positioned element (Baidu Wenku's text layer, pdf2htmlEX pages) and for OCR lines.

Pieces are grouped into lines by page and vertical position (with a tolerance of half a line),
ordered left to right; lines become paragraphs where the page shows a break: an indented first
line, a short last line, a wider gap than the page's line pitch, a change of type size, or a
wide run of blank space after a full stop. A line repeated at the top or bottom of most pages
is a running header or footer. A paragraph runs on across a page break when the last line of
the page is full and the next page does not start with an indent. Type that is larger than
the body, or bold throughout, is passed on as a heading hint (h1-h4): evidence, not a verdict.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from ..zh.marks import COMMA, LINE_END, SEMICOLON, char_class

_BLANK = re.compile(r"^[\s\u2002\u2003\u3000\u00a0\u200b]*$")
_SPACES = re.compile(r"[\s\u2002\u2003\u00a0\u200b]+")
_SENTENCE_END = re.compile(f"[{LINE_END}]$")
_LATIN = re.compile(r"[A-Za-z0-9]")
_DIGITS = re.compile(r"\d+")
_INNER_STOP = re.compile(char_class("。", COMMA, SEMICOLON))
# A page number alone at the foot or head of a page: "- 1 -", "—2—", "第3页", "3/9", "4".
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*/?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})$"
)

LINE_TOLERANCE = 0.5  # of the smaller piece's height: pieces this close in top share a line
INDENT = 1.0  # ems right of the page's left edge: a first-line indent
SHORT = 2.0  # ems short of the right edge: the paragraph's last line
GAP = 1.6  # times the page's usual line pitch: a paragraph gap
WIDE_BLANK = 3.0  # ems of blank inside a line: the next text starts a new paragraph
SPACED = 1.5  # ems between single characters of a letter-spaced heading line


@dataclass(frozen=True, slots=True)
class Piece:
    """One positioned run of text. Units are the page's own (px, or image pixels for OCR)."""

    page: int
    top: float
    left: float
    width: float
    height: float
    text: str
    size: float | None = None  # font size, when the page states it
    bold: bool = False

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def blank(self) -> bool:
        return bool(_BLANK.match(self.text))


@dataclass(slots=True)
class _Line:
    page: int
    top: float
    pieces: list[Piece] = field(default_factory=list)
    text: str = ""
    breaks: list[int] = field(default_factory=list)  # offsets where a wide blank splits it

    @property
    def words(self) -> list[Piece]:
        return [p for p in self.pieces if not p.blank]

    @property
    def left(self) -> float:
        return self.words[0].left

    @property
    def right(self) -> float:
        return self.words[-1].right

    @property
    def height(self) -> float:
        return median(p.height for p in self.words)

    @property
    def size(self) -> float:
        sizes = [(p.size or p.height, len(p.text.strip())) for p in self.words]
        return _weighted_mode(sizes)

    @property
    def bold(self) -> bool:
        return all(p.bold for p in self.words)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    page: int
    hint: str = ""  # "h1".."h4" from the type, "p" for body text


@dataclass(frozen=True, slots=True)
class Layout:
    paragraphs: tuple[Paragraph, ...]
    running: tuple[str, ...]  # running headers and footers taken out (one of each)
    pages: tuple[int, ...]  # the pages that held text


def build(pieces: Iterable[Piece], *, stated: bool | None = None) -> Layout:
    """`stated`: whether the pieces' sizes are the page's font sizes (a reader's CSS) or
    estimates (OCR); by default, stated when any piece has a size."""
    by_page: dict[int, list[Piece]] = {}
    for piece in pieces:
        text = piece.text.replace("\n", "").replace("\r", "")
        if piece.height <= 0 or not text:
            continue
        by_page.setdefault(piece.page, []).append(_with_text(piece, text))
    if not all(p.size for ps in by_page.values() for p in ps if not p.blank):
        # Sizes from some pieces and heights from others do not compare: heights for all.
        by_page = {n: [_with_size(p, None) for p in ps] for n, ps in by_page.items()}
    # A frame is one column of one page (a page without columns is one frame): lines are
    # grouped, and margins measured, within a frame; frames are read in order.
    frames = [(n, _lines(group)) for n, ps in sorted(by_page.items()) for group in _columns(ps)]
    frames = [(n, lines) for n, lines in frames if lines]
    running = _running(frames)
    numbers = _page_numbers(frames)
    gone: dict[str, str] = {}  # what was taken out, one of each (page numbers by their form)
    kept_frames = []
    for n, lines in frames:
        kept = []
        for ln in lines:
            key = _norm(ln.text)
            if key in running or id(ln) in numbers:
                gone.setdefault(key, ln.text)
            else:
                kept.append(ln)
        kept_frames.append((n, kept))
    frames = kept_frames
    body = _body_size([ln for _, lines in frames for ln in lines])
    if stated is None:
        stated = any(p.size for ps in by_page.values() for p in ps)
    paragraphs = _paragraphs(frames, body, stated)
    pages = tuple(dict.fromkeys(n for n, lines in frames if lines))
    return Layout(tuple(paragraphs), tuple(gone.values()), pages)


def _columns(pieces: list[Piece]) -> list[list[Piece]]:
    """The page's pieces in reading order as column groups: with two columns (a gutter that
    no line crosses, with wide lines on both sides), each band between full-width pieces is
    its left column, then its right one; otherwise the whole page is one group."""
    words = [p for p in pieces if not p.blank]
    if len(words) < 6:
        return [pieces]
    lo, hi = min(p.left for p in words), max(p.right for p in words)
    width = hi - lo
    best: tuple[int, float] | None = None
    for edge in sorted({p.right for p in words}):
        if not lo + 0.3 * width <= edge <= lo + 0.7 * width:
            continue
        left = [p for p in words if p.right <= edge]
        right = [p for p in words if p.left >= edge]
        spanning = len(words) - len(left) - len(right)
        if len(left) < 3 or len(right) < 3 or spanning > 0.2 * len(words):
            continue
        # Columns of text, not a table: the lines on both sides are wide.
        if (
            median(p.width for p in left) < 0.3 * width
            or median(p.width for p in right) < 0.3 * width
        ):
            continue
        score = min(len(left), len(right))
        if best is None or score > best[0]:
            best = (score, edge)
    if best is None:
        return [pieces]
    gutter = best[1]
    groups: list[list[Piece]] = []
    band_left: list[Piece] = []
    band_right: list[Piece] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.left)):
        if piece.right <= gutter or (piece.blank and piece.left < gutter):
            band_left.append(piece)
        elif piece.left >= gutter or piece.blank:
            band_right.append(piece)
        else:  # full width: ends the band above it
            groups += [g for g in (band_left, band_right) if g]
            groups.append([piece])
            band_left, band_right = [], []
    groups += [g for g in (band_left, band_right) if g]
    return groups


def _with_text(piece: Piece, text: str) -> Piece:
    return Piece(
        piece.page, piece.top, piece.left, piece.width, piece.height, text, piece.size, piece.bold
    )


def _with_size(piece: Piece, size: float | None) -> Piece:
    return Piece(
        piece.page, piece.top, piece.left, piece.width, piece.height, piece.text, size, piece.bold
    )


def _lines(pieces: list[Piece]) -> list[_Line]:
    lines: list[_Line] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.left)):
        line = lines[-1] if lines else None
        if line and abs(piece.top - line.top) <= LINE_TOLERANCE * min(piece.height, _h(line)):
            line.pieces.append(piece)
        else:
            lines.append(_Line(piece.page, piece.top, [piece]))
    out = []
    for line in lines:
        line.pieces.sort(key=lambda p: p.left)
        if line.words:
            _join(line)
            out.append(line)
    return out


def _h(line: _Line) -> float:
    return min(p.height for p in line.pieces)


def _join(line: _Line) -> None:
    """The line's text: pieces in order, blank pieces as one space between words (never at
    the ends), a space between Latin words set apart, none inside a letter-spaced line."""
    words = line.words
    em = line.height
    spaced = len(words) >= 3 and all(len(w.text) == 1 for w in words)
    parts: list[str] = []
    prev: Piece | None = None
    blank_run = 0.0
    for piece in line.pieces:
        if piece.blank:
            if prev is not None:
                blank_run += piece.width
            continue
        text = _SPACES.sub(" ", piece.text)
        if prev is not None and text[:1] == " ":
            blank_run += em / 2  # a piece that starts with spaces is set apart
        text = text.strip()
        if prev is not None:
            gap = max(piece.left - prev.right, blank_run)
            so_far = "".join(parts)
            if (gap >= WIDE_BLANK * em and _SENTENCE_END.search(so_far)) or (
                gap >= 2 * WIDE_BLANK * em
            ):
                line.breaks.append(len(so_far))
            elif spaced and gap < SPACED * em * 4:
                pass
            elif blank_run > 0 or (
                gap > 0.25 * em and _LATIN.match(so_far[-1:]) and _LATIN.match(text[:1])
            ):
                parts.append(" ")
        parts.append(text)
        prev = piece
        # Spaces at the end of a piece set the next one apart (table columns padded out).
        blank_run = em / 2 if _SPACES.search(piece.text[-1:]) else 0.0
    line.text = "".join(parts)


def _norm(text: str) -> str:
    """A running header's text with page numbers taken out (第 3 页 / 3 / - 3 -)."""
    return _DIGITS.sub("#", _SPACES.sub("", text))


def _running(frames: list[tuple[int, list[_Line]]]) -> set[str]:
    """Texts at the top or bottom of most pages (two lines each side), on two pages or more."""
    pages: dict[int, list[_Line]] = {}
    for n, lines in frames:
        pages.setdefault(n, []).extend(lines)
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages.values():
        lines = sorted(lines, key=lambda ln: ln.top)
        edge = {_norm(ln.text) for ln in lines[:2] + lines[-2:]}
        seen.update(edge)
    need = max(2, (len(pages) + 1) // 2)
    return {text for text, count in seen.items() if count >= need and text}


def _page_numbers(frames: list[tuple[int, list[_Line]]]) -> dict[int, _Line]:
    """Lines that are only a page number, at the top or the bottom of their page."""
    pages: dict[int, list[_Line]] = {}
    for n, lines in frames:
        pages.setdefault(n, []).extend(lines)
    found: dict[int, _Line] = {}
    for lines in pages.values():
        lines = sorted(lines, key=lambda ln: ln.top)
        for line in {id(x): x for x in lines[:1] + lines[-1:]}.values():
            if _PAGE_NUMBER.match(line.text.strip()) and len(lines) > 1:
                found[id(line)] = line
    return found


def _body_size(lines: Sequence[_Line]) -> float:
    return _weighted_mode([(ln.size, len(ln.text)) for ln in lines]) if lines else 0.0


def _weighted_mode(values: Sequence[tuple[float, int]]) -> float:
    counts: Counter[float] = Counter()
    for value, weight in values:
        counts[round(value, 1)] += max(weight, 1)
    return counts.most_common(1)[0][0] if counts else 0.0


def _paragraphs(
    frames: list[tuple[int, list[_Line]]], body: float, stated: bool
) -> list[Paragraph]:
    out: list[Paragraph] = []
    text = ""
    hint = ""
    page = 0
    prev: _Line | None = None
    prev_right = 0.0

    def close() -> None:
        nonlocal text
        if text.strip():
            out.append(Paragraph(text.strip(), page, hint or "p"))
        text = ""

    for n, lines in frames:
        left = _edge([ln.left for ln in lines], min)
        right = _edge([ln.right for ln in lines], max)
        pitch = _pitch(lines)
        for i, line in enumerate(lines):
            em = line.height
            line_hint = _hint(line, body, stated)
            new = (
                prev is None
                or line.left > left + INDENT * em
                or prev.right < prev_right - SHORT * prev.height
                or line_hint != hint
                or (i > 0 and pitch and line.top - prev.top > GAP * pitch)
            )
            if new:
                close()
                hint, page = line_hint, n
            pieces = _split(line)
            for j, piece in enumerate(pieces):
                if j:
                    close()
                    page = n
                text = _glue(text, piece)
            prev, prev_right = line, right
    close()
    return _spread_titles(out)


def _split(line: _Line) -> list[str]:
    cuts = [0, *line.breaks, len(line.text)]
    return [line.text[a:b].strip() for a, b in pairwise(cuts) if line.text[a:b].strip()]


def _glue(text: str, more: str) -> str:
    if text and _LATIN.match(text[-1]) and _LATIN.match(more[:1]):
        return text + " " + more
    return text + more


def _edge(values: list[float], pick: Callable[[Sequence[float]], float]) -> float:
    """The page's text edge: the most common line start (or end) among lines near it, so one
    outdented line does not move the margin."""
    rounded = Counter(round(v / 4) * 4 for v in values)
    common = [v for v, c in rounded.items() if c >= max(2, len(values) // 5)]
    return float(pick(common)) if common else float(pick(values))


def _pitch(lines: list[_Line]) -> float:
    steps = [b.top - a.top for a, b in pairwise(lines) if b.top > a.top]
    return median(steps) if steps else 0.0


def _hint(line: _Line, body: float, stated: bool) -> str:
    """A heading hint from the type. `stated`: sizes are the page's font sizes; otherwise they
    are box heights (OCR, pages without sizes), which vary by a tenth with the glyphs in a
    line, so only a clearly larger type counts."""
    if not body:
        return ""
    size = line.size / body
    if not stated:
        return "h1" if size >= 1.5 else "h2" if size >= 1.25 else ""
    if size >= 1.45:
        return "h1"
    if size >= 1.2:
        return "h2"
    if size >= 1.05:
        return "h3"
    if line.bold and len(line.text) <= 40:
        return "h4"
    return ""


def _spread_titles(paras: list[Paragraph]) -> list[Paragraph]:
    """A heading hint on a long paragraph, or on a sentence, is emphasis, not a heading."""
    return [
        p
        if p.hint == "p" or (len(p.text) <= 60 and not _INNER_STOP.search(p.text))
        else Paragraph(p.text, p.page, "p")
        for p in paras
    ]
