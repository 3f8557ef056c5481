"""Regular expressions compiled the first time they are used.

Compiling a pattern is paid at start-up when it sits at module level, and with `re` a
character class over the ideographs (U+4E00–U+9FFF) alone costs a millisecond or two to
compile. A pattern that most documents never reach (a damaged encoding, an error message)
is declared as a `LazyPattern` instead: the same methods, compiled on the first call.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator


class LazyPattern:
    """`re.compile(pattern, flags)`, done when a method first needs it (once; the compiled
    pattern is kept). `compile()` gives the compiled pattern itself."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compile(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compile().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compile().match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compile().fullmatch(text, pos, endpos)

    def findall(self, text: str) -> list[str]:
        return self.compile().findall(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compile().finditer(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.compile().sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        return self.compile().split(text, maxsplit)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
