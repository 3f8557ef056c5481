"""Anti-copy noise: runs of random rare characters some sites inject instead of (or inside)
the document's text (蒄蚄袀膇莀蚃羂羀芆…, 埇勰閔幝鍞悪竛…).

Found by plausibility, not by a list of noise strings: in real Chinese text nearly every
ideograph is a common one (GB2312 level 1 for simplified, Big5 level 1 for traditional
script); in the noise most are not. A sliding window of ideographs whose share of common
characters falls far below normal marks noise.

Marks and pictographs stuck inside words are the other kind (台湾的'女儿, 来看病的.人,
監督✭✡︎,要, 標題🤾🏻,居中): found by where they stand, between an ideograph and text.
"""

from __future__ import annotations

import re
from functools import cache

from ..zh.chars import BEYOND_BMP, CJK_PUNCT, FULLWIDTH, HAN, HAN_BASIC, HAN_BMP

# Emoji and their modifiers, variation selectors and joiners, dingbats and miscellaneous
# symbols (♢ ✭ ✡): what the sites insert. Not ①, ★ or ■, which documents use as labels.
_PICTOGRAPHS = "☀-☄☇-➿🀀-🫿︎️‍"
# A pictograph run after an ideograph or a list number, before text or punctuation.
_PICTOGRAPH_INSIDE = re.compile(
    rf"(?<=[{HAN}0-9])[{_PICTOGRAPHS}]+(?=[{HAN}{CJK_PUNCT}{FULLWIDTH},.;:!?)])"
)
_MARK_INSIDE = re.compile(
    # An apostrophe or backquote between ideographs: Chinese never writes one there.
    rf"(?<=[{HAN}])['`](?=[{HAN}])"
    # A full stop after 的 and before an ideograph (的 does not end a sentence there;
    # after other ideographs "速度.波速" is a half-width full stop, left to repair).
    rf"|(?<=的)\.(?=[{HAN}])"
)
# A writer may put an emoji in a sentence (今天开会🙂，); a page stuffed with them, one in
# every hundred ideographs or more, had them put in to break copying.
PICTOGRAPHS_MIN = 5
PICTOGRAPHS_PER_HAN = 0.01
_HAN_RE = re.compile(f"[{HAN}]")


def stuffed_with_pictographs(text: str) -> bool:
    """Whether pictographs inside words are anti-copy noise on this page (all its text)."""
    found = len(_PICTOGRAPH_INSIDE.findall(text))
    return found >= PICTOGRAPHS_MIN and found >= PICTOGRAPHS_PER_HAN * len(_HAN_RE.findall(text))


# Forum software's anti-scraping strings (Discuz 防采集): short random ASCII pairs between
# spaces, "# H3 P5 H4 p& S5 A+ h7 h( c", as a line or before a paragraph's text.
# It may touch the text on either side (式+ O2 W- O: E/ I5 L9 Z, … g _述职报告).
_JAMMER = re.compile(
    rf"(?:^|(?<= )|(?<=[{HAN}]))(?:[!-~]{{1,2}} ){{3,}}[!-~]{{1,2}}(?: |$|(?=[{HAN}]))"
)
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_JAMMER_KINDS = 3  # kinds of punctuation in one: option rows (A. B. C. D.) have one
# Or one kind fewer with letter-digit pairs among them (C7 A1 d+ K5 p1 [6): a row of
# cells (A1 B2 C3) or units (1m 2m 3m) has no punctuation between.
_LETTER_DIGIT = re.compile(r"(?<!\S)(?:[A-Za-z]\d|\d[A-Za-z])(?!\S)")
_JAMMER_PAIRS = 3


# The text's own mark where a jammer starts right after it (分别是:# c/ F;), and the
# jammer's last character glued to a numbering label after it (O4 w3.正文).
_MARK_BEFORE = frozenset(":;,.!?")
_OPENING = frozenset("(（[【")
_LABEL_CLOSE = re.compile(r"[^\s)）\]】]{1,4}[)）\]】]")
_GLUED_LAST = re.compile(r"[!-/:-@\[-`{-~A-Za-z](?=\d{1,2}[.、．])")


# Other forum software (PHPWind) inserts one run of random ASCII instead, at a line's end or
# alone: " +wr2TT~", "=8['X", "Bk*AO?3p". A run is noise when it holds two kinds of
# punctuation, one of them a symbol words and numbers never hold, characters of two kinds
# (upper, lower, digit), and nothing of an address or a time (/ . : @): so [12], It's,
# F=ma, x+y and a.com stay.
_RUN = re.compile(r"(?:^|(?<=\s))[!-~]{4,12}(?=\s|$)")
_RUN_SYMBOL = frozenset("~|[]{}^&*?<>'\"`%")
_RUN_NOT = frozenset("/.:@")


def _noise_run(run: str) -> bool:
    if not _RUN_SYMBOL.intersection(run) or _RUN_NOT.intersection(run):
        return False
    if len(_PUNCT.intersection(run)) < 2:
        return False
    kinds = (any(c.isupper() for c in run), any(c.islower() for c in run))
    return sum(kinds) + any(c.isdigit() for c in run) >= 2


def jammer_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of scraping jammers in `text`, in order."""
    spans = [m.span() for m in _RUN.finditer(text) if _noise_run(m.group())]
    for m in _JAMMER.finditer(text):
        kinds = len(_PUNCT.intersection(m.group()))
        pairs = len(_LETTER_DIGIT.findall(m.group()))
        if kinds < _JAMMER_KINDS and (pairs < _JAMMER_PAIRS or kinds < _JAMMER_KINDS - 1):
            continue
        start, end = m.span()
        if start and _HAN_RE.match(text, start - 1) and text[start] in _MARK_BEFORE:
            start += 1
        if glued := _GLUED_LAST.match(text, end):
            end = glued.end()
        elif text[end - 1] in _OPENING and _LABEL_CLOSE.match(text, end):
            end -= 1  # the bracket of the label after it: {(一)工作总结

        spans.append((start, end))
    return sorted(spans)


def inserted_spans(text: str, pictographs: bool = True) -> list[tuple[int, int]]:
    """(start, end) spans of marks (and, with `pictographs`, pictographs) inserted inside
    the text's words, in order."""
    if text.isascii():
        return []
    spans = [m.span() for m in _MARK_INSIDE.finditer(text)]
    if pictographs:
        spans += [m.span() for m in _PICTOGRAPH_INSIDE.finditer(text)]
    return sorted(spans)


WINDOW = 24  # ideographs per window
THRESHOLD = 0.55  # normal text stays above 0.9, the noise seen falls below 0.4
MIN_SPAN = 16  # shorter stretches of rare characters are left alone (names, terms)
_HAN_BASIC = re.compile(f"[{HAN_BASIC}]")
_IDEOGRAPH = re.compile(f"[{HAN_BMP}{BEYOND_BMP}]")  # what the window counts


@cache
def common_ideographs() -> frozenset[str]:
    """GB2312 level 1 (3,755 simplified) and Big5 level 1 (5,401 traditional) characters."""
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        _add(chars, hi, range(0xA1, 0xFF), "gb2312")
    for hi in range(0xA4, 0xC7):
        _add(chars, hi, [*range(0x40, 0x7F), *range(0xA1, 0xFF)], "big5")
    return frozenset(chars)


def _add(chars: set[str], hi: int, los: range | list[int], codec: str) -> None:
    """The ideographs of one row of a double-byte code, decoded a row at a time (a code
    point the row does not assign decodes to U+FFFD, which is no ideograph)."""
    row = bytes(b for lo in los for b in (hi, lo))
    chars.update(_HAN_BASIC.findall(row.decode(codec, errors="replace")))


def noise_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of `text` that are noise, merged and in order."""
    positions = [m.start() for m in _IDEOGRAPH.finditer(text)]
    if len(positions) < MIN_SPAN:
        return []
    common = common_ideographs()
    flags = [text[i] in common for i in positions]
    window = min(WINDOW, len(positions))
    marked = [False] * len(positions)
    count = sum(flags[:window])
    for start in range(len(positions) - window + 1):
        if start:
            count += flags[start + window - 1] - flags[start - 1]
        if count < THRESHOLD * window:
            for k in range(start, start + window):
                marked[k] = True
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(positions):
        if not marked[k]:
            k += 1
            continue
        first = k
        while k < len(positions) and marked[k]:
            k += 1
        last = k - 1
        # A window straddling noise and real text marks both: give back the common
        # characters at either edge.
        while first <= last and flags[first]:
            first += 1
        while last >= first and flags[last]:
            last -= 1
        if last - first + 1 >= MIN_SPAN:
            spans.append((positions[first], positions[last] + 1))
    return spans
