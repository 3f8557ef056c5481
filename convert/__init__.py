"""docconv: saved previews of Chinese document-sharing pages → clean DOCX, PDF and EPUB.

from convert import read, write, convert_file
doc = read("speech.html")          # a Document (see convert.model)
write(doc, "speech.docx")          # format from the extension, style "gongwen"
"""

from __future__ import annotations

from .api import Result, convert_file, read, write
from .diagnostics import Warning
from .errors import (
    DocconvError,
    FontError,
    InputError,
    NoContentError,
    OutputError,
    StyleError,
    UnknownFormatError,
)
from .model import Block, Document, Heading, Meta, Note, Paragraph

__version__ = "0.1.0"

__all__ = [
    "Block",
    "DocconvError",
    "Document",
    "FontError",
    "Heading",
    "InputError",
    "Meta",
    "NoContentError",
    "Note",
    "OutputError",
    "Paragraph",
    "Result",
    "StyleError",
    "UnknownFormatError",
    "Warning",
    "__version__",
    "convert_file",
    "read",
    "write",
]
