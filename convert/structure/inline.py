"""Headings inside flattened text: where a paragraph must be cut so a heading stands alone.

Sites flatten a document, and a heading ends up glued to what surrounds it:
- after the sentence that announces it: …我着重讲两个问题：一、周密部署……
- before the first item of its own section: 二、纸张和字体1. 纸张：… / 一、……工作（一）开展……
- before its paragraph, with only a space between: 一、认清形势，增强……责任感 1-11月，我市……

A cut is made only where the label is the start of a series (number 1) or the next number
of a series the document already uses, so an enumeration inside a sentence stays whole.
"""

from __future__ import annotations

import re

from ..zh import labels
from ..zh.labels import CN_ONE_TO_TEN, Label
from ..zh.marks import COLON, COMMA, LIST_COMMA, SEMICOLON, SENTENCE_END, char_class
from ..zh.words import alternation
from .headings import HEADING_MAX

# Kinds that can open a heading in the middle of a line (arabic numbers there are too often
# a sentence's own enumeration: 包括：1.…；2.…).
INLINE_KINDS = frozenset({"part", "chapter", "section", "cn", "cn-paren"})
# Where such a label can start: right after a sentence or clause that ends.
_INLINE_START = re.compile(
    rf"(?<=[：:。！？!?）)】])\s*(?=[{CN_ONE_TO_TEN}]{{1,3}}\s?[、.．]|[（(〔][{CN_ONE_TO_TEN}]{{1,3}}[）)〕]"
    rf"|第[{CN_ONE_TO_TEN}\d]{{1,3}}[章节部])"
)
_SENTENCE_END = re.compile(char_class(SENTENCE_END, SEMICOLON))
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(char_class(COMMA, LIST_COMMA, COLON, "。", SEMICOLON, "）)”", extra=r"\s"))
# 一、引言行政公文是……: a standard heading word right after the label, then the text.
_STANDARD_AFTER_LABEL = re.compile(rf"{alternation('standard_headings')}|概述|背景|概况")
_NOT_BEFORE_LABEL = "第按照据及和与或、，,（("  # 根据第(1)项: a reference, not a heading


def split(text: str, seen: dict[str, int]) -> list[str]:
    """`text` cut before every heading glued into it. `seen` holds the last number of each
    label series met so far (updated here). One pass over the text: positions, not
    slices, so a flattened document of one line stays linear."""
    pieces: list[str] = []
    starts = _INLINE_START.finditer(text)
    pending = next(starts, None)
    pos = 0
    while pos < len(text):
        label = labels.match_at(text, pos)
        if label is not None:
            seen[label.key] = label.number
        cut = _after_heading(text, pos, label)
        while pending is not None and pending.end() <= pos:
            pending = next(starts, None)
        while pending is not None and (cut is None or pending.end() < cut):
            if _inline_ok(text, pending.end(), seen):
                cut = pending.end()
                break
            pending = next(starts, None)
        if cut is None:
            break
        head = text[pos:cut].strip()
        if head:
            pieces.append(head)
        pos = cut
        while pos < len(text) and text[pos].isspace():
            pos += 1
    rest = text[pos:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _after_heading(text: str, pos: int, label: Label | None) -> int | None:
    """Where a heading at text[pos] ends, when its section's first item or its paragraph
    is glued to it."""
    if label is None or label.kind in ("article", "circled"):
        return None
    after = pos + len(label.text)
    word = _STANDARD_AFTER_LABEL.match(text, after)
    if word and len(text) - word.end() > HEADING_MAX and not _PUNCT.match(text, word.end()):
        return word.end()
    start = after + 2
    end = min(len(text), after + HEADING_MAX + 1)
    stop = _SENTENCE_END.search(text, pos, end)
    if stop:
        end = stop.start()  # a heading holds no sentence end
    for p in range(start, end):
        if text[p - 1] in _NOT_BEFORE_LABEL or text[p - 1].isdigit():
            continue
        inner = labels.match_at(text, p)
        if inner is not None and inner.number == 1 and inner.rank > label.rank:
            return p
    if label.kind in ("cn", "cn-paren", "chapter", "section", "part", "decimal"):
        m = _SPACE.search(text, start, end)
        if m and len(text) - m.end() > HEADING_MAX and "。" in text[m.end() : m.end() + 200]:
            return m.start()
    return None


def _next_label(text: str, start: int, label: Label) -> bool:
    """The text just after a label holds the next label of its series (a list in one
    sentence: （一）加强领导，（二）落实责任)."""
    end = min(len(text), start + len(label.text) + HEADING_MAX)
    for p in range(start + len(label.text), end):
        other = labels.match_at(text, p)
        if other is not None and other.key == label.key and other.number == label.number + 1:
            return True
    return False


def _inline_ok(text: str, p: int, seen: dict[str, int]) -> bool:
    """A heading label starts at text[p], after a sentence that ends: the start of a
    series or the next number of one, and not an enumeration inside the sentence."""
    label = labels.match_at(text, p)
    if label is None or label.kind not in INLINE_KINDS:
        return False
    last = seen.get(label.key)
    if not (label.number == 1 or (last is not None and label.number == last + 1)):
        return False
    window = text[p : p + len(label.text) + HEADING_MAX]
    return not (";" in window or "；" in window or _next_label(text, p, label))
