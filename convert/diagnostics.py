"""Diagnostics: things a conversion did that a user should hear about (warnings), but that
are not errors. Not called Warning: that is Python's own base class of warning categories."""

from __future__ import annotations

from dataclasses import dataclass

#: Codes that report what was done rather than something that went wrong (the size of the
#: fonts embedded in an EPUB): shown with --verbose, never counted by --fail-on-warnings.
INFORMATIONAL = frozenset({"embedded-fonts"})


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str  # short machine-readable kind, e.g. "missing-glyph", "encoding"
    text: str  # one line for a person

    def __str__(self) -> str:
        return self.text

    @property
    def informational(self) -> bool:
        return self.code in INFORMATIONAL
