"""Checks on site profiles from users' files: a schema for the TOML table, so that a wrong
type is an error naming the key and the file (not a crash while cleaning), and a time limit
on every pattern, so that one that backtracks without end (`^(a+)+$` on a long line) is an
error instead of a hang.

Python's `re` cannot be interrupted, so users' patterns run on the `regex` module, whose
matching takes a timeout; docconv's own profiles keep `re`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, cast

from ..errors import DocconvError, shown_value

#: How long one match of one user pattern on one line may take.
PATTERN_SECONDS = 2.0


def _error() -> type[DocconvError]:
    from .profiles import ProfileError

    return ProfileError


# -- the schema -------------------------------------------------------------------------------

Check = Callable[[Any], bool]


def _str(v: Any) -> bool:
    return isinstance(v, str)


def _strs(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _bool(v: Any) -> bool:
    return isinstance(v, bool)


def _rules(v: Any) -> bool:
    """name = "pattern" or name = ["pattern", …]"""
    return isinstance(v, dict) and all(_str(x) or _strs(x) for x in v.values())


def _key_lists(v: Any) -> bool:
    """field = ["label", …]"""
    return isinstance(v, dict) and all(_strs(x) for x in v.values())


_SAYS = {
    _str: "a string",
    _strs: "a list of strings",
    _bool: "true or false",
    _rules: 'a table of name = "pattern" (or a list of patterns)',
    _key_lists: 'a table of field = ["label", …]',
}

#: Every key a profile may have, and what its value must be (a nested dict is a table).
SCHEMA: dict[str, Any] = {
    "name": _str,
    "label": _str,
    "match": {"domains": _strs, "phrases": _strs},
    "meta": {"keys": _key_lists, "patterns": _rules},
    "chrome": {
        "lines": _strs,
        "ui_words": _strs,
        "patterns": _rules,
        "inline": _rules,
        "tips": {"headers": _strs, "item": _str},
        "end": {"markers": _strs},
    },
    "title": {"file_name": _str, "lines": _rules, "first_line": _bool, "noise": _strs},
    "pages": {"markers": _rules, "cuts": _rules, "chunked": _bool},
}


def check(raw: dict[str, Any], where: str) -> None:
    """Raise ProfileError for the first key that is unknown or of the wrong type."""
    _table(raw, SCHEMA, where, "")
    if not raw.get("name", "").strip():
        raise _error()(f"{where}: name must not be empty")
    # Patterns whose groups the cleaner reads must have them.
    for key, value in raw.get("title", {}).get("lines", {}).items():
        for pattern in [value] if isinstance(value, str) else value:
            if "(?P<title>" not in pattern:
                raise _error()(f"{where}: title.lines.{key} needs a group (?P<title>…)")
    for key, value in raw.get("meta", {}).get("patterns", {}).items():
        for pattern in [value] if isinstance(value, str) else value:
            try:
                groups = re.compile(pattern).groups
            except re.error:
                continue  # the pattern itself is reported when it is compiled
            if groups < 1:
                raise _error()(f"{where}: meta.patterns.{key} needs a group for the value")


def _table(value: dict[str, Any], schema: dict[str, Any], where: str, prefix: str) -> None:
    for key, item in value.items():
        name = f"{prefix}{key}"
        if key not in schema:
            if prefix:
                known = ", ".join(schema)
                raise _error()(f"{where}: unknown key {name} (known here: {known})")
            continue  # unknown top-level keys are reported by the caller
        want = schema[key]
        if isinstance(want, dict):
            if not isinstance(item, dict):
                raise _error()(f"{where}: {name} must be a table, not {shown_value(item)}")
            _table(item, want, where, f"{name}.")
        elif not want(item):
            raise _error()(f"{where}: {name} must be {_SAYS[want]}, not {shown_value(item)}")


# -- the time limit ---------------------------------------------------------------------------


class TimedPattern:
    """A user's pattern with `re.Pattern`'s methods, each call limited to PATTERN_SECONDS;
    running over is a ProfileError naming the profile and the pattern."""

    __slots__ = ("_at", "_rx", "flags", "groupindex", "groups", "pattern")

    def __init__(self, rx: re.Pattern[str], where: str, key: str = "") -> None:
        import regex

        self._at = f"{where}: {key}: " if key else f"{where}: "
        try:
            self._rx = regex.compile(rx.pattern, rx.flags)
        except regex.error as e:
            raise _error()(f"{self._at}bad pattern {rx.pattern!r}: {e}") from None
        self.pattern = rx.pattern
        self.flags = rx.flags
        self.groups = rx.groups
        self.groupindex = rx.groupindex

    def _slow(self, text: str) -> DocconvError:
        return _error()(
            f"{self._at}pattern {self.pattern!r} took over {PATTERN_SECONDS:g} s on a line "
            f"of {len(text)} characters (nested repeats such as (a+)+ backtrack without end); "
            "simplify it"
        )

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        try:
            return self._rx.match(string, pos, endpos, timeout=PATTERN_SECONDS)
        except TimeoutError:
            raise self._slow(string) from None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        try:
            return self._rx.search(string, pos, endpos, timeout=PATTERN_SECONDS)
        except TimeoutError:
            raise self._slow(string) from None

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        try:
            return self._rx.fullmatch(string, pos, endpos, timeout=PATTERN_SECONDS)
        except TimeoutError:
            raise self._slow(string) from None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        try:
            yield from self._rx.finditer(string, pos, endpos, timeout=PATTERN_SECONDS)
        except TimeoutError:
            raise self._slow(string) from None

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        try:
            return list(self._rx.findall(string, pos, endpos, timeout=PATTERN_SECONDS))
        except TimeoutError:
            raise self._slow(string) from None

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        try:
            return str(self._rx.sub(repl, string, count, timeout=PATTERN_SECONDS))
        except TimeoutError:
            raise self._slow(string) from None

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        try:
            text, n = self._rx.subn(repl, string, count, timeout=PATTERN_SECONDS)
        except TimeoutError:
            raise self._slow(string) from None
        return str(text), int(n)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        try:
            return list(self._rx.split(string, maxsplit, timeout=PATTERN_SECONDS))
        except TimeoutError:
            raise self._slow(string) from None

    def __repr__(self) -> str:
        return f"TimedPattern({self.pattern!r})"


def guard(rx: re.Pattern[str], where: str, key: str = "") -> re.Pattern[str]:
    """`rx` under the time limit; typed as the `re.Pattern` it stands in for. `key`: where
    the profile holds it (for errors)."""
    return cast(re.Pattern[str], TimedPattern(rx, where, key))
