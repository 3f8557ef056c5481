"""Plain text: a page copied from the browser, one line per visual line."""

from __future__ import annotations

import re
from dataclasses import replace

from .base import Reader, Source, number_lines
from .encoding import check_not_binary, decode

# Pages collected with their address on a first line ("# source: https://…").
_SOURCE_LINE = re.compile(r"^#\s*source:\s*(\S+)\s*$", re.IGNORECASE)
# A page's source copied instead of its text: the markup of text, not a mention of a tag.
_TAG = re.compile(
    r"</?(?:div|p|span|br|strong|b|font|img|table|tr|td|li|ul|ol|h[1-6]|a)\b[^<>]{0,300}>", re.I
)
MARKUP_TAGS = 10  # tags at least…
MARKUP_SHARE = 0.2  # …and this share of the characters
# A page whose text is Markdown source (a column copied from its editor): "# 1. 概述",
# "## 2.1 …". Two such lines or more make the marks headings, not text.
# (No lazy group before trailing blanks: that backtracks over a long run of spaces.)
_ATX = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
ATX_MIN = 2
_BULLET = re.compile(r"^[ \t]{0,3}[-*+][ \t]+(\S.*)$")


def read(data: bytes, *, name: str = "") -> Source:
    check_not_binary(data, name)
    text, codec, warnings = decode(data)
    lines = text.splitlines()
    url = ""
    if lines and (m := _SOURCE_LINE.match(lines[0])):
        url = m.group(1)
        lines[0] = ""
    if _markup(text):
        from . import html

        what = name or "the text"
        warnings = [*warnings, f"{what} holds a page's HTML source, not its text: read as HTML"]
        page = html.read_text("\n".join(lines), name=name, encoding=codec, warnings=warnings)
        return replace(page, format="txt", url=url or page.url)
    return Source(
        lines=number_lines(_hinted(lines)),
        format="txt",
        encoding=codec,
        name=name,
        url=url,
        warnings=tuple(warnings),
    )


def _hinted(lines: list[str]) -> list[tuple[str, str]]:
    """Each line with its hint: h1…h6 and li for the Markdown headings and bullets of a page
    written in it."""
    found = [_ATX.match(line) for line in lines]
    if sum(m is not None for m in found) < ATX_MIN:
        return [(line.rstrip(), "") for line in lines]
    out = []
    for line, m in zip(lines, found, strict=True):
        if m:
            out.append((_heading_text(m.group(2)), f"h{len(m.group(1))}"))
        elif item := _BULLET.match(line):
            out.append((item.group(1).rstrip(), "li"))  # "- 文本输入框 …": the list's entries
        else:
            out.append((line.rstrip(), ""))
    return out


def _heading_text(text: str) -> str:
    """An ATX heading's text without its closing #s ("2.1 设计 ##"; "C#" keeps its #)."""
    text = text.rstrip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip()
    return text


def _markup(text: str) -> bool:
    tags = _TAG.findall(text)
    return len(tags) >= MARKUP_TAGS and sum(map(len, tags)) >= MARKUP_SHARE * len(text)


class TextReader(Reader):
    name = "txt"
    extensions = (".txt", ".text")
    description = "text copied from the page (UTF-8, UTF-16, GB18030)"

    def read(self, data: bytes, *, name: str = "") -> Source:
        return read(data, name=name)
