"""Splitting flattened text: sites join a document's paragraphs with single spaces.

A space is a paragraph break when it sits between Chinese text on the left (an ideograph, or
a mark that ends a sentence or clause) and the start of Chinese text on the right (an
ideograph, an opening bracket or quote, a numbering label). Spaces inside Latin text and
numbers, or after a comma, stay where they are.
"""

from __future__ import annotations

import re

from ..zh import labels
from ..zh.chars import OPEN_BRACKETS, is_han

# Marks after which a paragraph can end. Half-width forms count only after Chinese text.
_FULL_ENDERS = "。！？；：…”’」』）》〕】"
_HALF_ENDERS = "!?;:)"
SHORT_LINE = 40
_PUNCT = re.compile(r"[。！？!?；;：:，,、]")
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
    pieces: list[str] = []
    start = 0
    for m in _SPACE.finditer(text):
        size = m.start() - start
        if size == 1 or (size <= _LABEL_MAX and labels.is_bare(text[start : m.start()])):
            continue  # "第一章 总则", and letter-spaced words such as "摘 要", "目 录"
        if m.start() > 0 and m.end() < len(text) and _breaks(text, m.start(), m.end()):
            pieces.append(text[start : m.start()])
            start = m.end()
    pieces.append(text[start:])
    return [p for p in pieces if p]


def _breaks(text: str, end: int, resume: int) -> bool:
    """Whether the space text[end:resume] ends a paragraph. Indices, not slices: a flattened
    document is one line, and copying it at every space would make splitting quadratic."""
    a = text[end - 1]
    before = text[end - 2] if end > 1 else ""
    b = text[resume]
    left_ok = (
        is_han(a)
        or a in _FULL_ENDERS
        or (a in _HALF_ENDERS and before != "" and (is_han(before) or before in _FULL_ENDERS))
    )
    if not left_ok:
        return False
    if is_han(b) or b in OPEN_BRACKETS:
        return True
    label = labels.match_at(text, resume)
    if label and label.kind in _LABEL_STARTS:
        return True
    # After a full stop anything may start the next paragraph ("。 2023年以来…").
    return a in "。！？!?" or (a in "”’」』" and before != "" and before in "。！？!?")
