"""Punctuation rules: half-width marks in Chinese text, 〞 closing “, 〔一〕 labels, ASCII dots.

Not gated: these marks are wrong in any Chinese text, damaged or not. Each function reads the
text as it came in and returns its edits in text order.
"""

from __future__ import annotations

import bisect
import re

from ..zh.chars import HAN_RE, is_chinese
from .edits import Edit

FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}

_URL = re.compile(r"(?:https?://|ftp://|www\.)[!-~]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?)'\""
_RUN = re.compile(r"[,;:!?]+")
_PAREN = re.compile(r"[()]")
_DOTS = re.compile(r"\.{3,}")
_QUOTE = re.compile('[“”〝〞"＂]')
_LENTICULAR = re.compile("[〔〕]")
_DOC_NUMBER = re.compile(r"\d{4}")  # 〔2023〕 in 皖政〔2023〕19号 is a document number
_MAX_PAIR = 100  # brackets further apart than this are not taken as a pair


def _url_spans(text: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TAIL:
            end -= 1
        starts.append(m.start())
        ends.append(end)
    return starts, ends


def _in_spans(pos: int, spans: tuple[list[int], list[int]]) -> bool:
    i = bisect.bisect_right(spans[0], pos) - 1
    return i >= 0 and pos < spans[1][i]


def width(text: str) -> list[Edit]:
    """, ; : ! ? ( ) that touch Chinese text become full-width; digits, Latin, URLs stay."""
    urls = _url_spans(text)
    parens = _parens(text, urls)
    edits = [Edit(i, i + 1, FULL[text[i]], "punct.width") for i in parens]
    for m in _RUN.finditer(text):
        start, end = m.span()
        if _in_spans(start, urls):
            continue
        after = end
        while after < len(text) and text[after] == " ":
            after += 1
        left = start > 0 and (is_chinese(text[start - 1]) or start - 1 in parens)
        right = after < len(text) and (is_chinese(text[after]) or after in parens)
        if not (left or right):
            continue
        # spaces the fold left after the mark go too, when Chinese text follows them
        stop = after if right or after == len(text) else end
        full = "".join(FULL[c] for c in m.group())
        edits.append(Edit(start, stop, full, "punct.width"))
    edits.sort(key=lambda e: e.start)
    return edits


def _touches(text: str, i: int) -> bool:
    return (i > 0 and is_chinese(text[i - 1])) or (i + 1 < len(text) and is_chinese(text[i + 1]))


def _parens(text: str, urls: tuple[list[int], list[int]]) -> set[int]:
    """Positions of ( and ) to make full-width: a pair goes together, when either mark
    touches Chinese or the words inside are Chinese; a lone mark when it touches Chinese."""
    out: set[int] = set()
    open_at: list[int] = []
    for m in _PAREN.finditer(text):
        i = m.start()
        if _in_spans(i, urls):
            continue
        if text[i] == "(":
            open_at.append(i)
            continue
        if open_at and i - open_at[-1] <= _MAX_PAIR:
            j = open_at.pop()
            inner = HAN_RE.search(text, j + 1, i) is not None
            if not inner and j > 0 and text[j - 1].isascii() and text[j - 1].isalnum():
                continue  # a formula or call, f(x): Latin text
            if inner or _touches(text, j) or _touches(text, i):
                out.update((j, i))
        elif _touches(text, i):
            out.add(i)
    out.update(j for j in open_at if _touches(text, j))
    return out


def ellipsis(text: str) -> list[Edit]:
    """Three or more ASCII dots next to Chinese text become ……."""
    edits = []
    for m in _DOTS.finditer(text):
        start, end = m.span()
        left = start > 0 and is_chinese(text[start - 1])
        right = end < len(text) and is_chinese(text[end])
        if left or right:
            edits.append(Edit(start, end, "……", "punct.ellipsis"))
    return edits


def quotes(text: str) -> list[Edit]:
    """〞 whose nearest quote mark before it is “ becomes ” (a genuine 〝…〞 pair stays)."""
    edits = []
    last = ""
    for m in _QUOTE.finditer(text):
        mark = m.group()
        if mark == "〞" and last == "“":
            edits.append(Edit(m.start(), m.end(), "”", "punct.quotes"))
            mark = "”"
        last = mark
    return edits


def brackets(text: str) -> list[Edit]:
    """〔…〕 becomes （…）, except around a year (document numbers such as 〔2023〕19号)."""
    edits = []
    open_at: int | None = None
    for m in _LENTICULAR.finditer(text):
        i = m.start()
        if m.group() == "〔":
            open_at = i
            continue
        if open_at is None or i - open_at > _MAX_PAIR:
            open_at = None
            continue
        inner = text[open_at + 1 : i]
        if not _DOC_NUMBER.fullmatch(inner) and "\n" not in inner:
            note = f"〔{inner}〕"
            edits.append(Edit(open_at, open_at + 1, "（", "punct.brackets", note))
            edits.append(Edit(i, i + 1, "）", "punct.brackets", note))
        open_at = None
    return edits
