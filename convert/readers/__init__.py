"""Readers turn input bytes into a `Source` (lines + hints). Which one runs is decided by the
content first (an MHTML header, HTML markup, a plugin's own sniffing) and the file extension
second. Built-in readers are html, mhtml and txt; plugins register under `docconv.readers`.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import PurePath

from ..errors import InputError, UnknownFormatError
from .base import DocumentReader, Line, Reader, Source

BUILTIN: dict[str, str] = {
    "html": "convert.readers.html:HtmlReader",
    "mhtml": "convert.readers.mhtml:MhtmlReader",
    "txt": "convert.readers.text:TextReader",
    "json": "convert.readers.jsonview:JsonViewReader",
    "md": "convert.readers.markdown:MarkdownReader",
}

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|"
    rb"table|span|header|main|\?xml)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANY = re.compile(rb"<(?:html|body|div|p|br)[\s>/]", re.IGNORECASE)


@cache
def _plugins() -> dict[str, str]:
    from ..plugins import entry_points

    return {
        ep.name: ep.value for ep in entry_points(group="docconv.readers") if ep.name not in BUILTIN
    }


def names() -> list[str]:
    return [*BUILTIN, *sorted(_plugins())]


@cache
def get(name: str) -> Reader:
    target = BUILTIN.get(name) or _plugins().get(name)
    if target is None:
        raise UnknownFormatError(f"unknown input format {name!r} (readers: {', '.join(names())})")
    from ..plugins import load_class

    reader: Reader = load_class(target, Reader, "reader")()
    return reader


def extensions() -> dict[str, str]:
    """File extension → reader name, plugins included (built-ins win)."""
    table: dict[str, str] = {}
    for name in reversed(names()):
        try:
            reader = get(name)
        except UnknownFormatError:
            continue  # a broken plugin claims nothing
        table.update(dict.fromkeys(reader.extensions, name))
    return table


def sniff(data: bytes, name: str = "") -> str:
    """The reader for `data`, by content first and extension second."""
    head = data[:4096]
    for plugin in sorted(_plugins()):
        try:
            if get(plugin).sniff(head, name):
                return plugin
        except UnknownFormatError:
            continue
    if get("mhtml").sniff(head, name):
        return "mhtml"
    if get("json").sniff(head, name):
        return "json"
    bare = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(bare) or _html_in_utf16(head):
        return "html"
    by_ext = extensions().get(PurePath(name).suffix.lower(), "")
    if by_ext == "html" and _HTML_ANY.search(head):
        return "html"
    if by_ext in ("html", "mhtml"):
        # Named like a page but without markup: a text copy saved under the wrong name.
        return "txt"
    return by_ext or "txt"


def _html_in_utf16(head: bytes) -> bool:
    """Markup in UTF-16, with a BOM or without one (then in either byte order)."""
    from .encoding import bom, utf16_without_bom

    found = bom(head)
    codec = found[0] if found and found[0].startswith("utf-16") else utf16_without_bom(head)
    if codec is None:
        return False
    text = head[: len(head) - len(head) % 2].decode(codec, errors="replace").lstrip("\ufeff")
    return bool(re.match(r"^\s*<(?:!doctype\s+html|html|head|body)", text, re.IGNORECASE))


def choose(data: bytes, *, name: str = "", format: str | None = None) -> Reader:
    """The reader for `format`, or the one sniffing picks; an empty input is an error."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{name or 'input'} is empty")
    return get(format or sniff(data, name))


def _visible_only(src: Source) -> Source:
    """Lines of nothing but invisible characters (zero-width spaces and the like) emptied,
    with a warning: a page of them is a page without text, not a document of blanks."""
    from ..safetext import visible

    blank = [i for i, line in enumerate(src.lines) if line.text.strip() and not visible(line.text)]
    if not blank:
        return src
    lines = list(src.lines)
    for i in blank:
        lines[i] = dataclasses.replace(lines[i], text="")
    note = f"{len(blank)} line(s) held only invisible characters (zero-width spaces…); left out"
    title = src.page_title if visible(src.page_title) else ""
    return dataclasses.replace(
        src, lines=tuple(lines), page_title=title, warnings=(*src.warnings, note)
    )


def read(
    data: bytes,
    *,
    name: str = "",
    format: str | None = None,
    path: PurePath | None = None,
) -> Source:
    """Read `data` with the reader for `format`, or the one sniffing picks. `path`: where the
    input is on disk, so a saved page's image folder can be read (OCR of image pages)."""
    return read_with(choose(data, name=name, format=format), data, name=name, path=path)


def read_with(
    reader: Reader, data: bytes, *, name: str = "", path: PurePath | None = None
) -> Source:
    """`data` read by `reader`, its text checked for characters no output can hold."""
    if path is not None and reader.takes_resources:
        from pathlib import Path

        from .assets import folder

        src = reader.read(data, name=name, resources=folder(Path(path)))  # type: ignore[call-arg]
    else:
        src = reader.read(data, name=name)
    return _visible_only(_checked(src))


def _checked(src: Source) -> Source:
    """`src` without characters no output can hold. The built-in readers remove them as they
    decode (and warn); a plugin may not, and cleaning should not see them either."""
    from ..safetext import block_text, warning_text

    strings = [src.url, src.page_title, src.description, *src.keywords]
    if block_text("\n".join([src.text, *strings]))[1] == 0:
        return src
    removed = 0

    def fix(text: str) -> str:
        nonlocal removed
        text, n = block_text(text)
        removed += n
        return text

    lines = tuple(dataclasses.replace(line, text=fix(line.text)) for line in src.lines)
    return dataclasses.replace(
        src,
        lines=lines,
        url=fix(src.url),
        page_title=fix(src.page_title),
        description=fix(src.description),
        keywords=tuple(fix(k) for k in src.keywords),
        warnings=(*src.warnings, warning_text(removed)),
    )


__all__ = [
    "DocumentReader",
    "Line",
    "Reader",
    "Source",
    "choose",
    "extensions",
    "get",
    "names",
    "read",
    "read_with",
    "sniff",
]
