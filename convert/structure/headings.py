"""Which labelled paragraphs are headings, and how deep each one sits.

A heading's level is its nesting depth in this document: the outermost numbering kind
present is level 1, and a kind opens a new level under whatever kinds of higher rank are
open above it (so `1.` directly under `一、` is level 2). A label is accepted only in
sequence: the next number of an open kind, or 1 to start a kind (the very first heading
may start anywhere, since previews often begin mid-document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .labels import RANK, Label

MAX_LEVEL = 4
HEADING_MAX = 50  # characters after the label for a stand-alone heading
RUNIN_MAX = 40  # characters of a run-in heading's sentence
_SENTENCE_END = re.compile(r"[。！？!?](?![”’」』])|[。！？!?][”’」』]")
_RUNIN_END = re.compile(r"[。！？!?:：]")


@dataclass(frozen=True, slots=True)
class Shape:
    """How a labelled paragraph reads: a whole heading, a run-in heading, or running text."""

    kind: str  # "heading", "runin", "text"
    split: int = 0  # for "runin": where the heading sentence ends in the paragraph


def shape(text: str, label: Label) -> Shape:
    rest = text[len(label.text) :].strip()
    ends = [m.end() for m in _SENTENCE_END.finditer(rest)]
    one_sentence = not ends or (len(ends) == 1 and ends[0] >= len(rest.rstrip()) - 1)
    if len(rest) <= HEADING_MAX and one_sentence:
        return Shape("heading")
    m = _RUNIN_END.search(rest)
    if m and m.end() <= RUNIN_MAX and rest[m.end() :].strip():
        offset = text.index(rest) + m.end()
        return Shape("runin", offset)
    return Shape("text")


class Outline:
    """Tracks the open numbering kinds to accept labels in sequence and give their level."""

    def __init__(self) -> None:
        self._open: list[tuple[str, int]] = []  # (kind, last number), outer to inner
        self._seen = False

    def accept(self, label: Label) -> int | None:
        """The level for a heading with this label, or None if it is out of sequence."""
        kind, n = label.kind, label.number
        for i, (open_kind, last) in enumerate(self._open):
            if open_kind == kind:
                if n not in (last + 1, 1):
                    return None
                del self._open[i:]
                break
        else:
            if n != 1 and self._seen:
                return None
            rank = RANK[kind]
            while self._open and self._rank(self._open[-1][0]) >= rank:
                self._open.pop()
        self._open.append((kind, n))
        self._seen = True
        return min(len(self._open), MAX_LEVEL)

    def accept_unnumbered(self, tag: str, rank: int) -> int:
        """The level for a heading element (<h2>) without a numbering label."""
        while self._open and self._rank(self._open[-1][0]) >= rank:
            self._open.pop()
        self._open.append((tag, 0))
        self._seen = True
        return min(len(self._open), MAX_LEVEL)

    @staticmethod
    def _rank(kind: str) -> int:
        return RANK.get(kind, int(kind[1:]) - 10 if kind[:1] == "h" else 99)
