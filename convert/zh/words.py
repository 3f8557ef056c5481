"""Word lists kept as data (words.toml), read once and turned into alternations."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("words.toml")


@cache
def _lists() -> dict[str, tuple[str, ...]]:
    with _FILE.open("rb") as f:
        data = tomllib.load(f)
    return {name: tuple(str(w) for w in words) for name, words in data.items()}


def words(name: str) -> tuple[str, ...]:
    """One list from words.toml."""
    return _lists()[name]


def alternation(name: str) -> str:
    """A list as a regular-expression group (?:a|b|c), in the file's order."""
    return "(?:" + "|".join(words(name)) + ")"
