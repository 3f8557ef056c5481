"""Chinese line breaking (禁则): where a line may end, and greedy filling of lines.

reportlab's CJK splitter knows only a Japanese no-start set and ignores its no-end set, so
a Chinese line could begin with ，or end with “. This module owns the rules instead:

- a line may end between any two Chinese characters, and at spaces;
- no line starts with a closing mark (NO_START) and none ends with an opening mark (NO_END);
- a run of Latin letters and digits (with the marks inside it, as in 1,234.56 or GB/T) is
  one word and is never split, and ——, …… stay whole;
- when a mark would begin a line, the character before it moves down with it (the line is
  then one character short, and justification closes the gap);
- with punctuation compression (标点挤压, W3C clreq §3.1.6; JIS X 4051 for the mechanics) the
  blank half of a full-width mark is room a line may give up: always between two adjacent
  marks, and where a line would otherwise be loose, at its ends and then inside it (see
  `Squeeze`). So a line takes the character a mark would have pushed down instead of
  being spaced out, and a paragraph does not end in a line of one or two characters when
  closing up an earlier mark can pull them back.

Everything works on plain strings and advance widths, so it is tested without a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...zh.marks import DOUBLED, NO_END, NO_START

# The line-breaking rules' marks (禁则) are Chinese-text knowledge: zh/marks holds them.

#: Marks that join the letters or digits on both sides into one word (1,234.56 GB/T a-b).
JOINERS = frozenset(".,:/-_'’&+@#\u2010\u2011")

_FULLWIDTH_ALNUM = range(0xFF10, 0xFF5B)


def is_word_char(ch: str) -> bool:
    """A letter or digit of a Latin-like word (not a Chinese character)."""
    code = ord(ch)
    if code < 0x2E80:
        return ch.isalnum()
    return code in _FULLWIDTH_ALNUM and ch.isalnum()


def is_space(ch: str) -> bool:
    """Breakable blank space. The ideographic space U+3000 fills a cell and is kept."""
    return ch != "\u3000" and ch.isspace()


def break_after(text: str) -> list[bool]:
    """For each index i, whether a line may end right after text[i].

    A run of spaces is a single break point placed after its last space; spaces left at
    the end of a line are dropped by `fit_lines`.
    """
    n = len(text)
    allowed = [False] * n
    if n:
        allowed[-1] = True
    word = [is_word_char(c) for c in text]
    space = [is_space(c) for c in text]
    i = 0
    while i < n - 1:
        a, b = text[i], text[i + 1]
        if space[i]:
            # The break sits after the space run: judge it by its neighbours.
            j = i
            while j + 1 < n and space[j + 1]:
                j += 1
            if j + 1 < n:
                before = _prev_non_space(text, space, i)
                allowed[j] = text[j + 1] not in NO_START and (
                    before is None or before not in NO_END
                )
            i = j + 1
            continue
        if space[i + 1]:
            i += 1
            continue
        allowed[i] = _pair_breakable(text, word, i, a, b)
        i += 1
    return allowed


def _prev_non_space(text: str, space: list[bool], i: int) -> str | None:
    while i >= 0 and space[i]:
        i -= 1
    return text[i] if i >= 0 else None


def _pair_breakable(text: str, word: list[bool], i: int, a: str, b: str) -> bool:
    if a in NO_END or b in NO_START:
        return False
    if a == b and a in DOUBLED:
        return False
    return not _joined(text, word, i)


def _joined(text: str, word: list[bool], i: int) -> bool:
    """Whether text[i] and text[i + 1] belong to one Latin word or number."""
    if not (word[i] or word[i + 1]):
        return False
    if word[i] and word[i + 1]:
        return True
    # A joining mark between two word characters belongs to the word.
    if text[i] in JOINERS and word[i + 1]:
        return i > 0 and word[i - 1]
    return text[i + 1] in JOINERS and word[i] and i + 2 < len(text) and word[i + 2]


#: Marks inside a Latin word or number after which it may break when keeping it whole
#: would leave a line letter-spaced (GB/T, a/b/c, snake_case). Not the hyphen: text
#: extraction (pdftotext, many viewers' copy) takes a hyphen at a line end for
#: hyphenation and drops it, so 19001-2016 would come back as 190012016.
SOFT_JOINERS = frozenset("/_")


def soft_breaks(text: str) -> list[bool]:
    """For each index i, whether a word may break after text[i] as a last resort: a
    slash or underscore between two word characters."""
    word = [is_word_char(c) for c in text]
    n = len(text)
    return [
        0 < i < n - 1 and text[i] in SOFT_JOINERS and word[i - 1] and word[i + 1] for i in range(n)
    ]


def fixed_gaps(text: str) -> list[bool]:
    """For each index i, whether the gap after text[i] must not widen: inside a Latin
    word or number, or between the halves of —— and …….

    Justification leaves these gaps alone, so "ISO" is never letter-spaced and a dash
    never breaks in two.
    """
    word = [is_word_char(c) for c in text]
    n = len(text)
    return [
        i + 1 < n and (_joined(text, word, i) or (text[i] == text[i + 1] and text[i] in DOUBLED))
        for i in range(n)
    ]


@dataclass(frozen=True, slots=True)
class Squeeze:
    """Room a line may take back from full-width marks (标点挤压), in the units of the
    advances, for each index i.

    A full-width mark draws its ink in one half of its em box: closing marks, 、，。；：？！
    on the left, opening marks on the right. The blank half is what compression removes:

    - `tight[i]`: taken off the gap after i whenever i + 1 is on the same line: two marks
      side by side (”。 “《 、“) keep half an em between their inks, not a whole one;
    - `give[i]`: the blank half at the gap after i between a mark and a character, taken
      off only when a line would not fit otherwise;
    - `lead[i]`, `trail[i]`: the blank half before i when it begins a line, after i when it
      ends one; a line that must close up takes these first.
    """

    tight: Sequence[float]
    give: Sequence[float]
    lead: Sequence[float]
    trail: Sequence[float]

    @classmethod
    def none(cls, n: int) -> Squeeze:
        zero = [0.0] * n
        return cls(zero, zero, zero, zero)

    @classmethod
    def of(cls, text: str, left: Sequence[float], right: Sequence[float]) -> Squeeze:
        """From each character's blank half before (`left`) and after (`right`) its ink,
        0 for anything that is not a full-width mark."""
        n = len(text)
        tight = [0.0] * n
        give = [0.0] * n
        for i in range(n - 1):
            a, b = right[i], left[i + 1]
            if not (a or b):
                continue
            mark_a = bool(left[i] or right[i])
            mark_b = bool(left[i + 1] or right[i + 1])
            if mark_a and mark_b:
                tight[i] = a or b  # one blank half goes, the other stays between the inks
            elif not (is_space(text[i]) or is_space(text[i + 1])):
                give[i] = a or b
        return cls(tight, give, list(left), list(right))


def fit_lines(
    text: str,
    advances: Sequence[float],
    first_width: float,
    width: float,
    allowed: Sequence[bool] | None = None,
    squeeze: Squeeze | None = None,
    max_stretch: float | None = None,
) -> list[tuple[int, int]]:
    """Fill lines greedily; return (start, end) spans of `text`, end exclusive.

    `advances[i]` is the room character i takes on a line. The first line has
    `first_width`, the others `width`. Spaces at either end of a line are left out of its
    span. A word wider than a whole line is cut where it overflows (nothing else fits).

    With `squeeze` (标点挤压), adjacent marks always close up; a line that would be left
    loose (the next piece did not fit, or a mark pushed a character down) takes as much
    more as giving up the blank halves of its marks makes room for, instead of being
    spaced out; a full line stays as it is (28 characters on the grid). When the
    paragraph would still end in a line of one or two characters, the lines before it
    close up too, from the end backwards, each by one piece and if that is not enough as
    far as it can, until the short line comes back.

    With `max_stretch` (room per gap), a line that would have to widen its gaps by more
    than that, because a Latin word or number too long for the rest of it went down
    whole, breaks the word after a hyphen or slash in it when it has one (`soft_breaks`).
    """
    n = len(text)
    if allowed is None:
        allowed = break_after(text)
    fitter = _Fitter(text, advances, allowed, squeeze or Squeeze.none(n), first_width, width)
    fitter.max_stretch = max_stretch
    lines = fitter.lines(len(text) + 1)
    if squeeze is None or len(lines) < 2 or not _is_short(text, *lines[-1]):
        return lines
    # First each line takes back at most the piece after it, then as much as it can.
    for most in (False, True):
        for tight_from in range(len(lines) - 2, -1, -1):
            trial = fitter.lines(tight_from, most)
            if len(trial) < len(lines):
                return trial
    return lines


def _is_short(text: str, start: int, end: int) -> bool:
    """A last line of one or two characters, not counting marks."""
    shown = [c for c in text[start:end] if not is_space(c) and c not in NO_START | NO_END]
    return len(shown) <= 2


class _Fitter:
    """Greedy line filling over one paragraph (see `fit_lines`)."""

    def __init__(
        self,
        text: str,
        advances: Sequence[float],
        allowed: Sequence[bool],
        squeeze: Squeeze,
        first_width: float,
        width: float,
    ) -> None:
        self.text, self.advances, self.allowed, self.sq = text, advances, allowed, squeeze
        self.first_width, self.width = first_width, width
        self.space = [is_space(c) for c in text]
        self.fuzz = 1e-6 * max(width, first_width, 1.0)
        self.loose = 1e-3 * max(width, first_width, 1.0)
        self.can_squeeze = any(squeeze.trail) or any(squeeze.lead)
        self.max_stretch: float | None = None
        self._soft: list[bool] | None = None

    def lines(self, tight_from: int, most: bool = False) -> list[tuple[int, int]]:
        """The paragraph's lines; from line `tight_from` on, every line closes up to take
        the piece after it (with `most`: as far as it can), before it only a line that
        would be loose does."""
        n = len(self.text)
        space = self.space
        lines: list[tuple[int, int]] = []
        start = _skip_spaces(space, 0)
        while start < n:
            avail = self.width if lines else self.first_width
            first = not lines
            end = self._scan(start, avail, first, shrink=False)
            if self.can_squeeze and end < n:
                if len(lines) >= tight_from:
                    upto = None if most else end
                    end = self._scan(start, avail, first, shrink=True, upto=upto)
                elif self._is_loose(start, end, avail):
                    # Close up only as far as the piece that was pushed down.
                    end = self._scan(start, avail, first, shrink=True, upto=end)
            if self.max_stretch is not None and end < n:
                end = self._soft_end(start, end, avail)
            lines.append((start, _trim_end(space, start, end)))
            start = _skip_spaces(space, end)
        return lines

    def _is_loose(self, start: int, end: int, avail: float) -> bool:
        end = _trim_end(self.space, start, end)
        return natural_room(self.advances, self.sq, start, end) < avail - self.loose

    def _soft_end(self, start: int, end: int, avail: float) -> int:
        """`end`, or a later one inside the word that went down when the line would
        otherwise be letter-spaced."""
        assert self.max_stretch is not None
        trimmed = _trim_end(self.space, start, end)
        slack = avail - natural_room(self.advances, self.sq, start, trimmed)
        if slack <= self.max_stretch * max(trimmed - start - 1, 1):
            return end
        if self._soft is None:
            self._soft = soft_breaks(self.text)
        best = end
        j = _skip_spaces(self.space, end)
        while j < len(self.text) and not self.space[j]:
            if natural_room(self.advances, self.sq, start, j + 1) > avail + self.fuzz:
                break
            if self._soft[j]:
                best = j + 1
            j += 1
        return best

    def _scan(
        self, start: int, avail: float, first: bool, shrink: bool, upto: int | None = None
    ) -> int:
        """Where the line from `start` ends (exclusive): the last allowed break before
        the room runs out; with `shrink`, counting the room its marks may give up; with
        `upto`, the first allowed break at or after it, if the line reaches that far."""
        n = len(self.text)
        advances, allowed, sq, space = self.advances, self.allowed, self.sq, self.space
        lead = sq.lead[start] if shrink and not first else 0.0
        used = give = 0.0
        last_ok = -1
        i = start
        while i < n:
            if space[i]:
                used += advances[i]
                if allowed[i]:
                    last_ok = i
                i += 1
                continue
            inside = i > start
            here = advances[i] - (sq.tight[i - 1] if inside else 0.0)
            if shrink:
                give += sq.give[i - 1] if inside else 0.0
                shortest = used + here - lead - sq.trail[i] - give
            else:
                shortest = used + here
            if shortest > avail + self.fuzz and inside:
                return last_ok + 1 if last_ok >= start else i
            used += here
            if allowed[i]:
                last_ok = i
                if upto is not None and i + 1 > upto:
                    return i + 1
            i += 1
        return n


def natural_room(advances: Sequence[float], squeeze: Squeeze, start: int, end: int) -> float:
    """The room line [start, end) takes with only adjacent marks closed up."""
    return sum(advances[start:end]) - sum(squeeze.tight[start : end - 1])


def _skip_spaces(space: list[bool], i: int) -> int:
    while i < len(space) and space[i]:
        i += 1
    return i


def _trim_end(space: list[bool], start: int, end: int) -> int:
    while end > start and space[end - 1]:
        end -= 1
    return end


def balanced_width(
    text: str,
    advances: Sequence[float],
    width: float,
    allowed: Sequence[bool] | None = None,
    squeeze: Squeeze | None = None,
) -> float:
    """The narrowest measure that sets `text` in as few lines as `width` does.

    Centred titles set at this measure get lines of nearly equal length instead of a
    full line over a short one (GB/T 9704 asks for balanced title lines).
    """
    if allowed is None:
        allowed = break_after(text)
    count = len(fit_lines(text, advances, width, width, allowed, squeeze))
    if count <= 1:
        return width
    low, high = 0.0, width
    for _ in range(24):
        mid = (low + high) / 2
        if len(fit_lines(text, advances, mid, mid, allowed, squeeze)) > count:
            low = mid
        else:
            high = mid
    return high
