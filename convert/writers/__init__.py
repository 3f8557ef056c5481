"""The writer registry: built-in writers plus any installed under `docconv.writers`.

Built-ins are listed here as import paths so they work from a source checkout and cost
nothing until used; entry points let third parties add formats. On a name clash the
built-in wins.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..errors import UnknownFormatError
from .base import Writer

if TYPE_CHECKING:
    from .docx import DocxWriter
    from .epub import EpubWriter
    from .html import HtmlWriter
    from .jsonview import JsonWriter
    from .markdown import MarkdownWriter
    from .pdf import PdfWriter
    from .text import TextWriter

BUILTIN: dict[str, str] = {
    "docx": "convert.writers.docx:DocxWriter",
    "pdf": "convert.writers.pdf:PdfWriter",
    "epub": "convert.writers.epub:EpubWriter",
    "json": "convert.writers.jsonview:JsonWriter",
    "md": "convert.writers.markdown:MarkdownWriter",
    "html": "convert.writers.html:HtmlWriter",
    "txt": "convert.writers.text:TextWriter",
}

_LAZY = {
    "DocxWriter": "docx",
    "PdfWriter": "pdf",
    "EpubWriter": "epub",
    "JsonWriter": "json",
    "MarkdownWriter": "md",
    "HtmlWriter": "html",
    "TextWriter": "txt",
}


#: Other names users give the formats (pandoc's among them) and the writer each means.
ALIASES: dict[str, str] = {
    "markdown": "md",
    "gfm": "md",
    "htm": "html",
    "html5": "html",
    "text": "txt",
    "plain": "txt",
    "epub3": "epub",
}
#: File extensions other than each writer's own that name its format.
EXTRA_EXTENSIONS: dict[str, str] = {".htm": "html", ".markdown": "md", ".text": "txt"}


def canonical(name: str) -> str:
    """The writer name for `name` or one of its aliases (`markdown` → `md`)."""
    name = name.strip().lower()
    return name if name in BUILTIN or name in _plugins() else ALIASES.get(name, name)


def _load(target: str) -> type[Writer]:
    from ..plugins import load_class

    cls: type[Writer] = load_class(target, Writer, "writer")
    return cls


@cache
def _plugins() -> dict[str, str]:
    from ..plugins import entry_points

    found: dict[str, str] = {}
    for ep in entry_points(group="docconv.writers"):
        if ep.name not in BUILTIN:
            found[ep.name] = ep.value
    return found


def names() -> list[str]:
    """Every writer name: built-in first, then plugins."""
    return [*BUILTIN, *sorted(_plugins())]


def get(name: str) -> type[Writer]:
    name = canonical(name)
    target = BUILTIN.get(name) or _plugins().get(name)
    if target is None:
        raise UnknownFormatError(f"unknown output format {name!r} (known: {', '.join(names())})")
    return _load(target)


def for_extension(ext: str) -> str | None:
    """The writer name for an output file extension, e.g. ".docx" → "docx"."""
    ext = ext.lower()
    if ext in EXTRA_EXTENSIONS:
        return EXTRA_EXTENSIONS[ext]
    for name in names():
        if f".{name}" == ext:
            return name
    for name in names():
        try:
            if get(name).extension == ext:
                return name
        except UnknownFormatError:
            continue  # a broken plugin cannot claim an extension
    return None


def __getattr__(attr: str) -> type[Writer]:
    # `from convert.writers import DocxWriter` without importing every writer up front.
    if attr in _LAZY:
        return get(_LAZY[attr])
    raise AttributeError(attr)


__all__ = [
    "BUILTIN",
    "DocxWriter",
    "EpubWriter",
    "HtmlWriter",
    "JsonWriter",
    "MarkdownWriter",
    "PdfWriter",
    "TextWriter",
    "Writer",
    "canonical",
    "for_extension",
    "get",
    "names",
]
