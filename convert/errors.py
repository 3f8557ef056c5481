"""Exceptions docconv raises. Each carries a message meant for the person at the terminal.

The CLI prints `str(error)` on one line and exits with `error.exit_code`; library callers
catch `DocconvError` (or a subclass) and never see a bare traceback from bad input.
"""

from __future__ import annotations


class DocconvError(Exception):
    """Base class; `exit_code` is what the CLI exits with."""

    exit_code = 1


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
