"""docconv: saved previews of Chinese document-sharing pages → clean DOCX, PDF and EPUB.

from convert import read, write, convert_file
doc = read("speech.html")          # a Document (see convert.model)
write(doc, "speech.docx")          # format from the extension, style "gongwen"
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .api import Reading, Result, convert_file, read, read_detailed, write, write_bytes
from .config import ConfigError
from .diagnostics import Diagnostic
from .errors import (
    DocconvError,
    FontError,
    InputError,
    NoContentError,
    OutputError,
    StyleError,
    UnknownFormatError,
)
from .model import Block, Document, Heading, Item, Meta, Note, Paragraph, Table
from .options import OptionError, ReadOptions, WriteOptions

if TYPE_CHECKING:
    from .clean.profiles import ProfileError
    from .repair.switches import RuleSwitchError

__version__ = "0.1.0"

#: Errors defined beside the stage that raises them, imported when first asked for (the
#: stages cost time to import, and `import convert` stays light).
_LAZY = {
    "ProfileError": ("clean.profiles", "ProfileError"),
    "RuleSwitchError": ("repair.switches", "RuleSwitchError"),
}


def __getattr__(name: str) -> Any:
    if name == "Warning":  # Diagnostic's name until 0.1 (it shadowed the builtin)
        import warnings

        warnings.warn("convert.Warning is now convert.Diagnostic", DeprecationWarning, stacklevel=2)
        return Diagnostic
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Block",
    "ConfigError",
    "Diagnostic",
    "DocconvError",
    "Document",
    "FontError",
    "Heading",
    "InputError",
    "Item",
    "Meta",
    "NoContentError",
    "Note",
    "OptionError",
    "OutputError",
    "Paragraph",
    "ProfileError",
    "ReadOptions",
    "Reading",
    "Result",
    "RuleSwitchError",
    "StyleError",
    "Table",
    "UnknownFormatError",
    "WriteOptions",
    "__version__",
    "convert_file",
    "read",
    "read_detailed",
    "write",
    "write_bytes",
]
