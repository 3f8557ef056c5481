"""Chinese line breaking (禁则): where a line may end, and greedy filling of lines.

reportlab's CJK splitter knows only a Japanese no-start set and ignores its no-end set, so
a Chinese line could begin with ，or end with “. This module owns the rules instead:

- a line may end between any two Chinese characters, and at spaces;
- no line starts with a closing mark (NO_START) and none ends with an opening mark (NO_END);
- a run of Latin letters and digits (with the marks inside it, as in 1,234.56 or GB/T) is
  one word and is never split, and ——, …… stay whole;
- when a mark would begin a line, the character before it moves down with it (the line is
  then one character short, and justification closes the gap).

Everything works on plain strings and advance widths, so it is tested without a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Marks that must not begin a line: closing punctuation and brackets, both widths
#: (the corpus uses half-width marks in Chinese text as often as full-width ones).
NO_START = frozenset(
    "!%),.:;?]}>"
    "¢°·’”‰′″›℃∶"
    "、。〃〉》」』】〕〗〙〛〞〟"
    "！＂％＇），．：；？］｝～｠｣"
    "…‥︰︶︺︾﹀﹄﹚﹜﹞"
)

#: Marks that must not end a line: opening punctuation and brackets, currency signs.
NO_END = frozenset("([{<$£¥·‘“〈《「『【〔〖〘〚〝﹙﹛﹝＄（［｛｢￡￥")

#: Marks written doubled (—— and ……) whose halves must stay on one line.
DOUBLED = frozenset("—―…‥")

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


def fit_lines(
    text: str,
    advances: Sequence[float],
    first_width: float,
    width: float,
    allowed: Sequence[bool] | None = None,
) -> list[tuple[int, int]]:
    """Fill lines greedily; return (start, end) spans of `text`, end exclusive.

    `advances[i]` is the room character i takes on a line. The first line has
    `first_width`, the others `width`. Spaces at either end of a line are left out of its
    span. A word wider than a whole line is cut where it overflows (nothing else fits).
    """
    n = len(text)
    if allowed is None:
        allowed = break_after(text)
    space = [is_space(c) for c in text]
    lines: list[tuple[int, int]] = []
    fuzz = 1e-6 * max(width, first_width, 1.0)
    start = _skip_spaces(space, 0)
    avail = first_width
    used = 0.0
    last_ok = -1  # the last index on this line after which the line may end
    i = start
    while i < n:
        if space[i]:
            used += advances[i]
            if allowed[i]:
                last_ok = i
            i += 1
            continue
        if used + advances[i] > avail + fuzz and i > start:
            end = last_ok + 1 if last_ok >= start else i
            lines.append((start, _trim_end(space, start, end)))
            start = _skip_spaces(space, end)
            avail, used, last_ok, i = width, 0.0, -1, start
            continue
        used += advances[i]
        if allowed[i]:
            last_ok = i
        i += 1
    if start < n:
        lines.append((start, _trim_end(space, start, n)))
    return lines


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
) -> float:
    """The narrowest measure that sets `text` in as few lines as `width` does.

    Centred titles set at this measure get lines of nearly equal length instead of a
    full line over a short one (GB/T 9704 asks for balanced title lines).
    """
    if allowed is None:
        allowed = break_after(text)
    count = len(fit_lines(text, advances, width, width, allowed))
    if count <= 1:
        return width
    low, high = 0.0, width
    for _ in range(24):
        mid = (low + high) / 2
        if len(fit_lines(text, advances, mid, mid, allowed)) > count:
            low = mid
        else:
            high = mid
    return high
