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
from functools import cache

from ..zh.labels import RANK, Label
from ..zh.marks import CLOSE_QUOTES, COLON, COMMA, LIST_COMMA, SEMICOLON, SENTENCE_END, char_class
from ..zh.words import alternation

MAX_LEVEL = 4
HEADING_MAX = 50  # characters after the label for a stand-alone heading
RUNIN_MAX = 40  # characters of a run-in heading's sentence
CHAPTER_SENTENCE = 20  # chapter titles are short and never full sentences
_SENTENCE_END = re.compile(f"[{SENTENCE_END}](?![{CLOSE_QUOTES}])|[{SENTENCE_END}][{CLOSE_QUOTES}]")
_RUNIN_END = re.compile(char_class(SENTENCE_END, COLON))
_LIST_END = re.compile(char_class(SEMICOLON, COMMA, LIST_COMMA) + "$")
_GLUED_PUNCT = re.compile(
    char_class(COMMA, LIST_COMMA, SEMICOLON, COLON, SENTENCE_END, '“”"()（）', extra=r"\s")
)
# Below 一、, a full sentence of several clauses is a numbered provision, not a heading
# (一、 headings can be slogans of several: 一、继承“五四”精神，坚定信念，志存高远，…。).
_CLAUSE = re.compile(char_class(COMMA, SEMICOLON))
_SEMICOLON = re.compile(char_class(SEMICOLON))
_INNER_COLON = re.compile(char_class(COLON) + r"\s*\S")
_NOTE = re.compile(r"[(（][^()（）]*[)）]")  # "职责：(工作区域：中厅)": a note, not an entry's text
_INTRODUCES = re.compile(char_class(COMMA) + ".*" + char_class(COLON) + "$")
CLAUSES = 2
CLAUSED_MIN = 20


@cache
def _heading_ends() -> re.Pattern[str]:
    return re.compile(alternation("heading_ends"))


@dataclass(frozen=True, slots=True)
class Shape:
    """How a labelled paragraph reads: a whole heading, a run-in heading, or running text."""

    kind: str  # "heading", "runin", "glued", "text"
    split: int = 0  # for "runin" and "glued": where the heading ends in the paragraph


def shape(text: str, label: Label) -> Shape:
    rest = text[len(label.text) :].strip()
    if _LIST_END.search(rest):
        return Shape("text")  # "1、掌握基本概念；" is a list item, not a heading
    ends = [m.end() for m in _SENTENCE_END.finditer(rest)]
    one_sentence = not ends or (len(ends) == 1 and ends[0] >= len(rest.rstrip()) - 1)
    if label.kind == "ordinal":
        # 第一，要高度重视安全生产 alone on its line is a heading; 第一，从…看。党中央… opens
        # its paragraph with a lead (leads.py), as 一是 does
        return Shape("heading" if not ends and len(rest) <= HEADING_MAX else "text")
    # A heading ending "…的必要性" glued to its paragraph's first sentence, before that reads
    # as one heading or a run-in one; only after 的, since a bare word may go on in a
    # compound (坚持问题导向).
    if label.rank <= RANK["cn-paren"] and (end := _glued_end(rest, after_de=True)):
        return Shape("glued", text.index(rest) + end)
    if one_sentence and len(rest) <= HEADING_MAX:
        return Shape("text") if _reads_as_text(rest, label, bool(ends)) else Shape("heading")
    m = _RUNIN_END.search(rest)
    if m and m.end() <= RUNIN_MAX and rest[m.end() :].strip():
        if label.rank > RANK["cn"] and _provision(rest[: m.end()]):
            return Shape("text")  # "2.目前，用户在…时，出于…，可能会…。例如…": a numbered paragraph
        if label.rank > RANK["cn"] and rest[m.end() - 1] in COLON:
            return Shape("text")  # "1.会议时间：精确到分钟": an entry of a list, not a heading
        if label.rank <= RANK["section"] and m.end() > CHAPTER_SENTENCE:
            return Shape("text")  # "第一部分要写明在什么情况下，…。倡议书…": a sentence about parts
        offset = text.index(rest) + m.end()
        return Shape("runin", offset)
    if label.rank <= RANK["cn-paren"] and (end := _glued_end(rest)):
        return Shape("glued", text.index(rest) + end)
    return Shape("text")


def _reads_as_text(rest: str, label: Label, ends: bool) -> bool:
    """A labelled one-sentence line that is a list entry, a provision or a step: no heading.
    `rest` is the text after the label, `ends` whether it ends in a sentence mark."""
    inner = label.rank > RANK["cn"]  # below 一、
    if inner and _INNER_COLON.search(_NOTE.sub("", rest)):
        return True  # "1.黄大年：一心中国梦": a list entry, its name then its text
    if inner and _SEMICOLON.search(rest):
        return True  # "8.根据所述逻辑，生成…文档；及": clauses of a list
    if inner and _INTRODUCES.search(rest) and len(rest) > CLAUSED_MIN:
        return True  # "6.本发明提供了一种方法，所述方法包括：": a sentence before a list
    if _provision(rest) and (label.rank >= RANK["num"] or (inner and ends)):
        # "1、制作海报5张，比赛前两周张贴于凌云，笃行…": a step, ended or not;
        # "（二）公司取得的现金收入必须及时入账，不得…，严禁…。": a provision
        return True
    if not ends:
        return False
    if label.rank >= RANK["num"]:
        return True  # "（1）确定并计算检验统计量。": a numbered step
    # "第六章阅读材料……前五章中……介绍。": a chapter title glued to its text
    return label.rank <= RANK["section"] and len(rest) > CHAPTER_SENTENCE


def _provision(sentence: str) -> bool:
    """A long sentence of several clauses: what a numbered provision or paragraph says."""
    return len(sentence) > CLAUSED_MIN and len(_CLAUSE.findall(sentence)) >= CLAUSES


GLUED_MIN, GLUED_MAX = 4, 30  # characters of a heading glued to its paragraph
GLUED_REST = 15  # and of the text after it, which holds a sentence
_GOES_ON = frozenset(COMMA + LIST_COMMA + "来的和与及等之")  # no paragraph starts so


def _glued_end(rest: str, *, after_de: bool = False) -> int:
    """Where a heading run into its paragraph with nothing between them ends: at a word
    headings end in (…的必要性, …的概念), the words before it unpunctuated, a sentence after
    it. 0 when there is no such place."""
    for m in _heading_ends().finditer(rest, 0, GLUED_MAX + 4):
        end = m.end()
        after = rest[end:]
        if after_de and rest[m.start() - 1 : m.start()] != "的":
            continue
        if after[:1] in _GOES_ON:
            continue  # "形势任务，树牢…": the heading goes on after the comma
        if (
            GLUED_MIN <= end <= GLUED_MAX
            and _unpunctuated(rest[:end])
            and len(after) >= GLUED_REST
            and _SENTENCE_END.search(after)
        ):
            return end
    return 0


def _unpunctuated(head: str) -> bool:
    """No punctuation in a glued heading, or one comma between the two parts of a slogan
    heading (深刻把握形势任务，树牢抢抓机遇的进取意识)."""
    marks = list(_GLUED_PUNCT.finditer(head))
    if not marks:
        return True
    if len(marks) > 1 or marks[0].group() not in COMMA:
        return False
    return marks[0].start() >= GLUED_MIN and len(head) - marks[0].end() >= GLUED_MIN


class Outline:
    """Tracks the open numbering kinds to accept labels in sequence and give their level."""

    def __init__(self) -> None:
        self._open: list[tuple[str, int, float]] = []  # (key, last number, rank), outer first
        self._outermost = float("inf")  # rank of the outermost kind seen so far

    def accept(self, label: Label) -> int | None:
        """The level for a heading with this label, or None if it is out of sequence."""
        key, n, rank = label.key, label.number, label.rank
        for i, (open_key, last, _) in enumerate(self._open):
            if open_key == key:
                # The next number, a restart at 1, or a jump forward (pages the preview
                # left out, a hidden stretch): a number going back is a list, not a heading.
                if n <= last and n != 1:
                    return None
                del self._open[i:]
                break
        else:
            # A kind starts at 1, unless it is a new outermost kind: a preview that begins
            # mid-document shows "（二）…" before "二、…".
            if n != 1 and rank >= self._outermost:
                return None
            while self._open and self._open[-1][2] >= rank:
                self._open.pop()
        self._open.append((key, n, rank))
        self._outermost = min(self._outermost, rank)
        level = len(self._open)
        if label.kind == "decimal":  # 6.1.1 says its own depth, even as the first heading
            level = max(level, label.depth)
        return min(level, MAX_LEVEL)

    def accept_standard(self) -> int:
        """The level for a standard heading (摘要, 前言, 参考文献): the top, closing all."""
        self._open.clear()
        return 1

    def accept_unnumbered(self, tag: str, rank: float) -> int:
        """The level for a heading element (<h2>) without a numbering label."""
        while self._open and self._open[-1][2] >= rank:
            self._open.pop()
        self._open.append((tag, 0, rank))
        self._outermost = min(self._outermost, rank)
        return min(len(self._open), MAX_LEVEL)
