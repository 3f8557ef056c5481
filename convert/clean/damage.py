"""Extraction damage: what copying text out of a PDF or PPT preview does to it.

These fixes undo how the page was *read*, not what the document *says*, so they run
during cleaning even with --no-repair: Kangxi radical code points that look like ordinary
characters (⾏政公⽂), pinyin glosses after characters (發(fā)), a space between every
character, every PPT text run doubled, and master-slide placeholder text.
"""

from __future__ import annotations

import re
import unicodedata

from ..lazyre import LazyPattern
from ..zh.chars import CJK_PUNCT, FULLWIDTH, HAN_BASIC, HAN_BMP, HAN_COMPAT, HAN_EXT_A, RADICALS

# Kangxi radicals and CJK radical supplements: the same glyphs as ordinary ideographs.
_RADICALS = re.compile(f"[{RADICALS}]")
# A pinyin syllable with a tone mark, in parentheses after a character: 發(fā), 機(jī).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN = re.compile(rf"(?<=[{HAN_BASIC}])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,6}}\)")
_CJK = HAN_EXT_A + HAN_BASIC + HAN_COMPAT + CJK_PUNCT + FULLWIDTH
_SPACED = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
# A run of 3–30 characters immediately repeated: PPT text boxes copied twice.
_DOUBLED = re.compile(r"(\S{3,30}?)\1")
_HANZI = LazyPattern(f"[{HAN_BASIC}]")  # a doubled run of punctuation (____, ——) is a rule
_IDEOGRAPH = LazyPattern(f"[{HAN_BMP}]")
_PLACEHOLDER = re.compile(
    r"单击此处(?:编辑|添加)(?:母版)?(?:标题|副标题|文本)(?:样式)?[,，]?"
    r"|(?:第[二三四五]级[,，]?){2,}\*?[,，]?"
)


def radicals(text: str) -> str:
    """⾏政公⽂ → 行政公文 (NFKC on radicals only: NFKC elsewhere would fold ，to ,)."""
    if not _RADICALS.search(text):
        return text
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def pinyin(text: str) -> str:
    return _PINYIN.sub("", text)


def spaced(text: str) -> str:
    """版 权 说 明 → 版权说明, when spaces sit between nearly every pair of characters."""
    cjk = len(_IDEOGRAPH.findall(text))
    if cjk < 8:
        return text
    gaps = len(_SPACED.findall(text))
    if gaps < 0.7 * (cjk - 1):
        return text
    return _SPACED.sub("", text)


def doubled(text: str) -> str:
    """第一章第一章 算法及基础知识算法及基础知识 → 第一章 算法及基础知识.

    Only when a line holds several doubled runs: one repetition can be the author's own."""
    hits = [unit for unit in _DOUBLED.findall(text) if _HANZI.search(unit)]
    if len(hits) < 2:
        return text
    return _DOUBLED.sub(lambda m: m.group(1) if _HANZI.search(m.group(1)) else m.group(0), text)


def placeholders(text: str) -> str:
    return _PLACEHOLDER.sub("", text)


def repair_line(text: str) -> str:
    """All extraction fixes for one line, in order."""
    return doubled(placeholders(spaced(pinyin(radicals(text)))))
