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
        lines=number_lines([(line.rstrip(), "") for line in lines]),
        format="txt",
        encoding=codec,
        name=name,
        url=url,
        warnings=tuple(warnings),
    )


def _markup(text: str) -> bool:
    tags = _TAG.findall(text)
    return len(tags) >= MARKUP_TAGS and sum(map(len, tags)) >= MARKUP_SHARE * len(text)


class TextReader(Reader):
    name = "txt"
    extensions = (".txt", ".text")
    description = "text copied from the page (UTF-8, UTF-16, GB18030)"

    def read(self, data: bytes, *, name: str = "") -> Source:
        return read(data, name=name)
