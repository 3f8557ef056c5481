"""Warnings: things a conversion did that a user should hear about, but that are not errors."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Warning:  # the public name the library API promises (shadows the builtin here only)
    code: str  # short machine-readable kind, e.g. "missing-glyph", "encoding"
    text: str  # one line for a person

    def __str__(self) -> str:
        return self.text
