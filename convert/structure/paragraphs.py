"""Splitting flattened text: sites join a document's paragraphs with single spaces.

A space is a paragraph break when it sits between Chinese text on the left (an ideograph, or
a mark that ends a sentence or clause) and the start of Chinese text on the right (an
ideograph, an opening bracket or quote, a numbering label). Spaces inside Latin text and
numbers, or after a comma, stay where they are.
"""

from __future__ import annotations

import re

from ..zh import labels
from ..zh.chars import is_han
from ..zh.marks import (
    CLOSE_QUOTES,
    COLON,
    COMMA,
    LIST_COMMA,
    OPEN_BRACKETS,
    PARAGRAPH_END,
    PARAGRAPH_END_HALF,
    SEMICOLON,
    SENTENCE_END,
    char_class,
)

SHORT_LINE = 40
_PUNCT = re.compile(char_class(SENTENCE_END, SEMICOLON, COLON, COMMA, LIST_COMMA))
_SPACE = re.compile(r"[ \u3000\u00a0\t]+")
_LABEL_MAX = 10  # characters in the longest bare label (第一百二十三部分)
# Labels that start a paragraph after a space although they are no ideograph (一、 第一章 are).
_LABEL_STARTS = frozenset({"num", "num-paren", "num-half-paren", "cn-paren"})


def split_flattened(text: str) -> list[str]:
    """Split one line of flattened text into paragraphs; spaces that stay are kept as they are."""
    text = text.strip(" \u3000\u00a0\t")
    if not text:
        return []
    if len(text) <= SHORT_LINE and not _PUNCT.search(text):
        return [text]  # a short unpunctuated line is one line (a title: "狠抓落实 务求实效")
    width = wrap_width(text)
    if width:
        return _unwrap(text, width)
    pieces: list[str] = []
    start = 0
    for m in _SPACE.finditer(text):
        size = m.start() - start
        if size == 1 or (size <= _LABEL_MAX and labels.is_bare(text[start : m.start()])):
            continue  # "第一章 总则", and letter-spaced words such as "摘 要", "目 录"
        if _after_label(text, m.start()):
            continue  # "一、考核标准:(一) 绩效考核标准": a label and its own text
        if m.start() > 0 and m.end() < len(text) and _breaks(text, m.start(), m.end()):
            pieces.append(text[start : m.start()])
            start = m.end()
    pieces.append(text[start:])
    return [p for p in pieces if p]


WRAP_SEGMENTS = 6  # spaces a line needs before its spacing can say it was hard-wrapped
WRAP_SHARE = 0.4  # share of its segments that have the same width…
WRAP_MIN = 12  # …of at least this many characters


def _width(text: str) -> float:
    """Display width in Chinese characters: a letter or digit is half of one; punctuation
    counts whole (sites fold the page's full-width ，：（） to half-width)."""
    return sum(0.5 if ch.isascii() and ch.isalnum() else 1.0 for ch in text)


def wrap_width(text: str) -> int:
    """The line width of a PDF text layer flattened with one space per line break, or 0.

    Such a line's segments between spaces are mostly one width (the page's full lines),
    where a flattened document's are paragraphs of every length."""
    widths = [round(_width(s)) for s in _SPACE.split(text) if s]
    if len(widths) < WRAP_SEGMENTS:
        return 0
    counts: dict[int, int] = {}
    for w in widths:
        if w >= WRAP_MIN:
            counts[w] = counts.get(w, 0) + 1
    if not counts:
        return 0
    width = max(counts, key=lambda w: (counts[w], w))
    full = sum(counts.get(w, 0) for w in (width - 1, width, width + 1))
    return width if full >= WRAP_SHARE * len(widths) else 0


def _unwrap(text: str, width: int) -> list[str]:
    """Paragraphs of a hard-wrapped line: a segment as wide as the page (or as a first line,
    indented two characters) runs on; a shorter one ends its paragraph. The line break
    between two Chinese characters goes; between Latin words it stays a space."""
    pieces: list[str] = []
    current = ""
    segments = [s for s in _SPACE.split(text) if s]
    for i, seg in enumerate(segments):
        if current and _joins_without_space(current[-1], seg[0]):
            current += seg
        else:
            current = f"{current} {seg}" if current else seg
        last = i == len(segments) - 1
        if last or _width(seg) < width - 2.5 or labels.match(segments[i + 1]):
            pieces.append(current)
            current = ""
    return pieces


def _joins_without_space(a: str, b: str) -> bool:
    return (is_han(a) or not a.isascii()) and (is_han(b) or not b.isascii())


def _after_label(text: str, end: int) -> bool:
    """The text before a space ends in a numbering label: （一） 一、 1."""
    return any(labels.is_bare(text[end - k : end]) for k in range(2, 5) if k <= end)


def _breaks(text: str, end: int, resume: int) -> bool:
    """Whether the space text[end:resume] ends a paragraph. Indices, not slices: a flattened
    document is one line, and copying it at every space would make splitting quadratic."""
    a = text[end - 1]
    before = text[end - 2] if end > 1 else ""
    b = text[resume]
    left_ok = (
        is_han(a)
        or a in PARAGRAPH_END
        or (
            a in PARAGRAPH_END_HALF and before != "" and (is_han(before) or before in PARAGRAPH_END)
        )
    )
    if not left_ok:
        return False
    if is_han(b) or b in OPEN_BRACKETS:
        return True
    label = labels.match_at(text, resume)
    if label and label.kind in _LABEL_STARTS:
        return True
    # After a full stop anything may start the next paragraph ("。 2023年以来…").
    return a in SENTENCE_END or (a in CLOSE_QUOTES and before != "" and before in SENTENCE_END)
