"""Exceptions docconv raises. Each carries a message meant for the person at the terminal.

The CLI prints `str(error)` on one line and exits with `error.exit_code`; library callers
catch `DocconvError` (or a subclass) and never see a bare traceback from bad input.

A message often quotes a file name or a value from the input, which may hold a line break
or another control character: `str(error)` shows each as an escape (\\n, \\x1b, \\u202e), so
a message stays one line and cannot forge another in a log.
"""

from __future__ import annotations

import re

from .lazyre import LazyPattern

#: Control characters, line and paragraph separators, bidirectional overrides and isolates,
#: and lone surrogates (a file name in another encoding). Compiled when a message first
#: needs it: most runs print none.
_UNPRINTABLE = LazyPattern(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` on one line: every character of `_UNPRINTABLE` as a Python-style escape."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escape, text)


def shown_value(value: object) -> str:
    """A value read from a TOML file as an error message names it: true/false, "a table",
    "a list", or its repr cut to 40 characters."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class DocconvError(Exception):
    """Base class; `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __str__(self) -> str:
        return printable(super().__str__())


class InputError(DocconvError):
    """The input cannot be read: missing, empty, binary, undecodable or too large."""


class NoContentError(InputError):
    """The input was read but holds no document text once the site's chrome is gone."""


class OutputError(DocconvError):
    """The output cannot be written where asked (or would overwrite the input)."""


class UnknownFormatError(DocconvError):
    """No reader or writer of that name."""

    exit_code = 4


class StyleError(DocconvError):
    """A style sheet is missing or malformed."""

    exit_code = 4


class FontError(DocconvError):
    """A font a style names cannot be found or loaded."""
