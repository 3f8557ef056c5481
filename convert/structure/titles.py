"""The document's title: its own title line beats the file name the site shows."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..lazyre import LazyPattern
from ..zh import labels
from ..zh.chars import HAN_BASIC
from ..zh.files import strip_extension
from ..zh.marks import COLON, COMMA, LIST_COMMA, SEMICOLON, SENTENCE_END, char_class
from ..zh.words import alternation

TITLE_MAX = 40
_NOT_TITLE_END = re.compile(char_class(SENTENCE_END, COMMA, SEMICOLON, COLON, LIST_COMMA) + "$")
_INNER_STOP = re.compile(char_class(SENTENCE_END, SEMICOLON))


def is_title_like(text: str, hint: str = "") -> bool:
    """A short line with no sentence punctuation and no numbering label."""
    if hint == "h1":
        return True
    if not text or len(text) > TITLE_MAX or _NOT_TITLE_END.search(text):
        return False
    if _INNER_STOP.search(text):
        return False
    return labels.match(text) is None


# What can follow a title glued to the text: the first heading, a contents list, a greeting.
_FIRST_LABELS = frozenset({"cn", "num", "cn-paren", "num-paren", "chapter", "part", "section"})
_AFTER_TITLE = re.compile(  # used with match(text, pos): no "^"
    rf"(?:目\s?录|【摘\s?要】|{alternation('greetings')}[^。！？!?]{{0,40}}[:：])"
)
# A title in 【】 at the start of the text, as 范文 sites set it.
_BRACKETED = re.compile(r"【([^】\s]{4,40})】(?=\S)")
# A title of a known kind, in the shapes titles take (在…上的讲话, 关于…的通知, 2024年…总结),
# with the text run on after it.
_GENRE_HEAD = LazyPattern(  # compiled when a long first line needs it
    rf"((?:在[^，,。：:]{{2,30}}[上中]的|关于[^，,。：:]{{2,30}}的|\d{{4}}年)[^，,。：:]{{0,20}}?"
    rf"(?:{alternation('document_kinds')}))(?=[{HAN_BASIC}])"
)
_SPACES = re.compile(r"\s+")
_LEADING_STOP = re.compile(r"^[。.，,、：:\s]+")
_SITE_NUMBER = re.compile(rf"(?<=[{HAN_BASIC}])\d{{6,}}$")


def glued_title(text: str, known: list[str]) -> tuple[str, str] | None:
    """(title, rest) when a paragraph starts with a title glued to its text, else None."""
    for title in known:
        if len(title) >= 4 and text.startswith(title) and text[len(title) :].strip():
            return title, strip_title_stop(text[len(title) :])
    if (m := _BRACKETED.match(text)) and is_title_like(m.group(1)):
        return m.group(1), text[m.end() :]  # 【公务用房自查报告】为贯彻落实…
    if len(text) > TITLE_MAX and (m := _GENRE_HEAD.match(text)) and is_title_like(m.group(1)):
        return m.group(1), text[m.end(1) :]  # 在…会议上的讲话春节刚过，…
    for p in range(4, min(TITLE_MAX, len(text) - 2) + 1):
        label = labels.match_at(text, p)
        first = label is not None and label.number == 1 and label.kind in _FIRST_LABELS
        if first or _AFTER_TITLE.match(text, p):
            head = text[:p].rstrip()
            if is_title_like(head) and text[p:].strip():
                return head, text[p:]
    return None


def strip_title_stop(rest: str) -> str:
    """What follows a glued title, without the title line's own full stop or colon."""
    return _LEADING_STOP.sub("", rest)


def strip_site_number(title: str) -> str:
    """数据结构原理与分析013434189 → 数据结构原理与分析: a site's ID glued to the title."""
    return _SITE_NUMBER.sub("", title)


def same_title(a: str, b: str) -> bool:
    """Equal titles, spaces aside."""
    return bool(a) and _SPACES.sub("", a) == _SPACES.sub("", b)


def clean_file_title(name: str, noise: Iterable[str] = ()) -> str:
    """A title from a file name: no extension, no SEO words the site added (范文, 精选…), no
    site number glued to the end (数据结构原理与分析013434189)."""
    title = strip_site_number(strip_extension(name.strip()))
    for word in sorted(noise, key=len, reverse=True):
        if title.endswith(word) and len(title) > len(word) + 2:
            title = title[: -len(word)]
    return title.strip(" _-")
