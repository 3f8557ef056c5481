"""Numbering labels at the start of a paragraph: 一、 （一） 1. （1） 第一章 第一条 ①…

Both widths are matched everywhere (sites fold （） to ()), and 〔一〕 (a swap tool's
bracket) counts as （一）. A label must be followed by text, and `1.` never matches a
decimal such as `1.5亿元`. Patterns carry no "^": `match_at` reads a label at any position
of a long flattened line without copying it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeAlias

CN_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3,
    "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# Numerals as character classes (fragments for inside [...]), by what a pattern reads:
CN_ZERO_TO_NINE = "〇零一二三四五六七八九"  # written digit by digit: 二〇二三年
CN_ONE_TO_TEN = "一二三四五六七八九十"  # a short count or ordinal: 一、 （十二） 第三章 一是
CN_HUNDREDS = CN_ZERO_TO_NINE + "十百"  # up to 九百九十九: 第一百零五条
CN_NUM = CN_HUNDREDS + "千两"  # any numeral a label holds
CN_AMOUNT = "〇" + CN_ONE_TO_TEN + "百千万两"  # an amount (三万, 两千), as repair tables read it

Kind: TypeAlias = Literal[
    "part",
    "chapter",
    "section",
    "article",
    "ordinal",
    "cn",
    "cn-paren",
    "num",
    "num-paren",
    "num-half-paren",
    "circled",
    "decimal",
]

#: Outer to inner. Nesting depth comes from this order, not from fixed levels.
RANK: dict[str, float] = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "cn": 3,
    "ordinal": 3.5,  # 第一，要高度重视安全生产: under 一、, above （一）
    "cn-paren": 4,
    "num": 5,
    "num-paren": 6,
    "num-half-paren": 7,
    "circled": 8,
}
DECIMAL_RANK = 4.5  # 1.1 / 1.1.1 numbering sits between （一） and 1.; each depth a step deeper

_N = rf"(?P<n>[{CN_NUM}]{{1,4}}|\d{{1,3}})"
_CN = rf"(?P<n>[{CN_NUM}]{{1,3}})"
_AR = r"(?P<n>\d{1,2})"
# (kind, pattern); the pattern matches the label only. Order matters: longer forms first.
_SOURCES: tuple[tuple[Kind, str], ...] = (
    ("part", rf"第{_N}部分[\s、.．:：]?"),
    ("chapter", rf"第{_N}章[\s、.．:：]?"),
    ("section", rf"第{_N}节[\s、.．:：]?"),
    ("article", rf"第{_N}条\s?"),
    ("ordinal", rf"第{_CN}\s?[，,、](?=\S)"),
    ("cn-paren", rf"[（(〔]\s?{_CN}\s?[）)〕]"),
    ("num-paren", rf"[（(〔]\s?{_AR}\s?[）)〕]"),
    # a comma after the number too (一,dsp芯片的概念), where no number follows (1,000 一，二)
    ("cn", rf"{_CN}\s?(?:[、．.](?![\d．.])|[,，](?=[^\d\s,，{CN_NUM}]))"),
    ("num", rf"{_AR}(?:[．.](?![\d．.])|、|[,，](?=[^\d\s,，{CN_NUM}]))"),
    ("num-half-paren", rf"{_AR}[)）](?!\d)"),
    ("circled", r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"),
    ("num-paren", r"(?P<n>[⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇])"),
)
# 1.1, 3.10, 6.1.1 (and 1.0 for a top-level section), with or without a space after.
# A unit or measure word after it makes it a number (1.5亿元, 12.77%, 3.5倍), and a year
# after a dash a standard's number (GB/T 1.1-2009).
_DECIMAL = re.compile(
    r"(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})(?![\d.．%％‰亿万千百十元角分倍个次年月日号时秒米吨克件份人户家项条岁度])"
    r"(?![-–—]\d)"
)
_PATTERNS = tuple((kind, re.compile(p)) for kind, p in _SOURCES)


@dataclass(frozen=True, slots=True)
class Label:
    text: str  # the label as written, e.g. "〔一〕", "1."
    kind: Kind
    number: int
    depth: int = 1  # decimal labels: 1 for "3.0", 2 for "3.1", 3 for "3.1.2"

    @property
    def key(self) -> str:
        """What nests: the kind, and for decimal numbering its depth."""
        return f"decimal{self.depth}" if self.kind == "decimal" else self.kind

    @property
    def rank(self) -> float:
        return DECIMAL_RANK + self.depth / 10 if self.kind == "decimal" else RANK[self.kind]


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 二〇 → 20; None if not a numeral."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(ch in CN_DIGITS for ch in text):  # digit by digit: 二〇二三
        value = 0
        for ch in text:
            value = value * 10 + CN_DIGITS[ch]
        return value
    total, digit = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (digit or 1) * CN_UNITS[ch]
            digit = 0
        else:
            return None
    return total + digit


def _number(raw: str) -> int | None:
    if raw in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" and len(raw) == 1:
        return ord(raw) - ord("①") + 1
    if raw in "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇" and len(raw) == 1:
        return ord(raw) - ord("⑴") + 1
    return int(raw) if raw.isdigit() else cn_to_int(raw)


_NONSPACE = re.compile(r"\S")


def match(text: str) -> Label | None:
    """The numbering label at the start of `text`, if one is there and text follows it."""
    return match_at(text, 0)


def match_at(text: str, pos: int) -> Label | None:
    """The numbering label starting at text[pos], if one is there and text follows it."""
    if m := _DECIMAL.match(text, pos):
        parts = [int(x) for x in m.group("n").split(".")]
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()  # "3.0" is section 3 itself
        if _NONSPACE.search(text, m.end()) and parts[-1] > 0:
            return Label(m.group(0), "decimal", parts[-1], len(parts))
        return None
    for kind, pattern in _PATTERNS:
        m = pattern.match(text, pos)
        if not m:
            continue
        number = _number(m.group("n"))
        if number is None or number == 0:
            return None
        label = m.group(0).rstrip()
        if not _NONSPACE.search(text, pos + len(label)):
            return None  # a bare label is not a heading
        return Label(label, kind, number)
    return None


def is_bare(text: str) -> bool:
    """`text` is a numbering label and nothing else ("第一章", "（二）", "3."): the space after
    such a label separates it from its own heading text, not two paragraphs."""
    for _kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if m and m.end() == len(text) and _number(m.group("n")):
            return True
    return False


# The options of a multiple-choice question, and entries lettered as they are: A. A、 A．
# A) （A） in either width, A to H (no paper offers more), followed by text.
_OPTION = re.compile(
    r"(?:[（(]\s?(?P<p>[A-HＡ-Ｈ])\s?[）)]|(?P<l>[A-HＡ-Ｈ])\s?(?:[.．、:：]|[)）](?!\d)))\s*(?=\S)"
)
# Where a further option starts inside a row of them ("A.北京 B.上海"): after a space or at
# the end of the option before (an ideograph or a closing mark, then the next letter).
_OPTION_INSIDE = re.compile(
    r"(?:(?<=\s)|(?<=[^\x00-\x7f]))"
    r"(?:[（(]\s?(?P<p>[A-HＡ-Ｈ])\s?[）)]|(?P<l>[A-HＡ-Ｈ])\s?[.．、:：)）])\s*(?=\S)"
)


def _letter(ch: str) -> int:
    """A → 0, B → 1 …, full width as half."""
    return ord(ch) - (ord("Ａ") if ch >= "Ａ" else ord("A"))


def option(text: str, pos: int = 0) -> tuple[str, int] | None:
    """The option label at text[pos] ("A.", "（B）") and its letter's place (A = 0)."""
    m = _OPTION.match(text, pos)
    if m is None:
        return None
    return text[pos : m.end()].rstrip(), _letter(m.group("p") or m.group("l"))


def option_letters(text: str) -> list[int]:
    """The letters of the options a line holds, in order: [0, 1, 2, 3] for
    "A.北京 B.上海 C.广州 D.深圳", [] when it does not start with one."""
    first = option(text)
    if first is None:
        return []
    found = [first[1]]
    found += [
        _letter(m.group("p") or m.group("l")) for m in _OPTION_INSIDE.finditer(text, len(first[0]))
    ]
    return found


def item_label(text: str) -> str:
    """The marker a list entry starts with, as written: an option letter or a numbering
    label (1. （2） ③), "" for none (the entry is a bullet)."""
    if found := option(text):
        return found[0]
    label = match(text)
    return label.text if label is not None else ""
