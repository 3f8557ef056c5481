"""The writer interface. A writer consumes the model and a style; it never sees the input."""

from __future__ import annotations

from abc import ABC
from typing import BinaryIO, ClassVar

from ..diagnostics import Diagnostic
from ..model import Document
from ..safetext import CODE, safe_document, warning_text
from ..styles import Style


class Writer(ABC):
    """Subclass this, define `render`, and register it under the `docconv.writers` entry-point
    group.

    `write` makes the document safe for any format (no NUL, lone surrogates and the like)
    and hands it to `render`, so no format has to check that itself. Both get an open binary
    stream; the caller handles files, atomic renames and stdout. Options (e.g. embed_fonts)
    arrive as keyword arguments; unknown ones are ignored.
    """

    name: ClassVar[str]
    extension: ClassVar[str]  # with the dot, e.g. ".docx"
    binary: ClassVar[bool] = True
    media_type: ClassVar[str] = "application/octet-stream"
    description: ClassVar[str] = ""

    def __init__(self, **options: object) -> None:
        self.options = options

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.render is Writer.render and cls.write is Writer.write:
            raise TypeError(f"writer {cls.__name__} must define render(doc, out, style)")

    def write(self, doc: Document, out: BinaryIO, style: Style) -> list[Diagnostic]:
        """Write `doc` to `out` in this format; return warnings (never print them)."""
        safe, removed = safe_document(doc)
        warnings = [Diagnostic(CODE, warning_text(removed))] if removed else []
        return warnings + self.render(safe, out, style)

    def render(self, doc: Document, out: BinaryIO, style: Style) -> list[Diagnostic]:
        """Write `doc`, already safe for any format, to `out`; return warnings.

        (A writer written before `render` existed overrides `write` instead and checks the
        text itself.)"""
        raise NotImplementedError
