"""Readers turn input bytes into a `Source` (lines + hints). Which one runs is decided by the
content first (an MHTML header, HTML markup) and the file extension second."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath

from ..errors import InputError, UnknownFormatError
from .base import Line, Source

ReadFn = Callable[..., Source]

EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".txt": "txt",
    ".text": "txt",
}

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|"
    rb"table|span|header|main|\?xml)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANY = re.compile(rb"<(?:html|body|div|p|br)[\s>/]", re.IGNORECASE)


def names() -> list[str]:
    return ["html", "mhtml", "txt"]


def sniff(data: bytes, name: str = "") -> str:
    """The reader for `data`: "mhtml", "html" or "txt"."""
    from .mhtml import looks_like_mhtml

    head = data[:4096]
    if looks_like_mhtml(head):
        return "mhtml"
    bare = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(bare) or _html_in_utf16(head):
        return "html"
    by_ext = EXTENSIONS.get(PurePath(name).suffix.lower(), "")
    if by_ext == "html" and _HTML_ANY.search(head):
        return "html"
    if by_ext in ("html", "mhtml"):
        # Named like a page but without markup: a text copy saved under the wrong name.
        return "txt"
    return by_ext or "txt"


def _html_in_utf16(head: bytes) -> bool:
    try:
        text = head[: len(head) - len(head) % 2].decode("utf-16")
    except UnicodeDecodeError:
        return False
    return bool(re.match(r"^\s*<(?:!doctype\s+html|html|head|body)", text, re.IGNORECASE))


def read(data: bytes, *, name: str = "", format: str | None = None) -> Source:
    """Read `data` with the reader for `format`, or the one sniffing picks."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{name or 'input'} is empty")
    fmt = format or sniff(data, name)
    if fmt == "html":
        from . import html

        return html.read(data, name=name)
    if fmt == "mhtml":
        from . import mhtml

        return mhtml.read(data, name=name)
    if fmt == "txt":
        from . import text

        return text.read(data, name=name)
    raise UnknownFormatError(f"unknown input format {fmt!r} (readers: {', '.join(names())})")


__all__ = ["Line", "Source", "names", "read", "sniff"]
