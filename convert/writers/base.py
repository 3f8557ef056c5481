"""The writer interface. A writer consumes the model and a style; it never sees the input."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import BinaryIO, ClassVar

from ..diagnostics import Warning
from ..model import Document
from ..styles import Style
from ..zh.files import strip_extension


class Writer(ABC):
    """Subclass this and register it under the `docconv.writers` entry-point group.

    `write` gets an open binary stream; the caller handles files, atomic renames and stdout.
    Options (e.g. embed_fonts) arrive as keyword arguments; unknown ones are ignored.
    """

    name: ClassVar[str]
    extension: ClassVar[str]  # with the dot, e.g. ".docx"
    binary: ClassVar[bool] = True
    media_type: ClassVar[str] = "application/octet-stream"
    description: ClassVar[str] = ""

    def __init__(self, **options: object) -> None:
        self.options = options

    @abstractmethod
    def write(self, doc: Document, out: BinaryIO, style: Style) -> list[Warning]:
        """Write `doc` to `out` in this format; return warnings (never print them)."""


UNTITLED = "未命名文档"


def display_title(doc: Document) -> str:
    """What to call a document in a window title or book metadata: its title, else the
    site's file name without its extension, else the start of its text."""
    meta = doc.meta
    if meta.title.strip():
        return meta.title.strip()
    source = strip_extension(meta.source_title.strip())
    if source:
        return source
    for block in doc.blocks:
        text = block.text.strip()
        if text:
            return text if len(text) <= 30 else text[:30] + "…"
    return UNTITLED
