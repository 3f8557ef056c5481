"""Plain text: a page copied from the browser, one line per visual line."""

from __future__ import annotations

import re

from .base import Reader, Source, number_lines
from .encoding import check_not_binary, decode

# Pages collected with their address on a first line ("# source: https://…").
_SOURCE_LINE = re.compile(r"^#\s*source:\s*(\S+)\s*$", re.IGNORECASE)


def read(data: bytes, *, name: str = "") -> Source:
    check_not_binary(data, name)
    text, codec, warnings = decode(data)
    lines = text.splitlines()
    url = ""
    if lines and (m := _SOURCE_LINE.match(lines[0])):
        url = m.group(1)
        lines[0] = ""
    return Source(
        lines=number_lines([(line.rstrip(), "") for line in lines]),
        format="txt",
        encoding=codec,
        name=name,
        url=url,
        warnings=tuple(warnings),
    )


class TextReader(Reader):
    name = "txt"
    extensions = (".txt", ".text")
    description = "text copied from the page (UTF-8, UTF-16, GB18030)"

    def read(self, data: bytes, *, name: str = "") -> Source:
        return read(data, name=name)
