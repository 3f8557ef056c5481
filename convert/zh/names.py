"""People's names in a line: a row of them is a byline, never a title or a row of buttons."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .chars import HAN
from .words import words

_NAME = re.compile(rf"[(（]?([{HAN}]{{1,4}})[*＊†\d]?[)）]?")
NAMES_SHARE = 0.7  # of the tokens of two characters or more, those that begin with a surname


@cache
def _surnames() -> frozenset[str]:
    return frozenset("".join(words("surnames")))


def names_row(tokens: Sequence[str]) -> bool:
    """Tokens that read as people's names: Han words of one to four characters (a name set
    letter-spaced, 李 瓊, gives single ones), most of the longer ones starting with a surname."""
    found = [m.group(1) for t in tokens if (m := _NAME.fullmatch(t))]
    if len(found) != len(tokens):
        return False
    longer = [n for n in found if len(n) >= 2]
    if len(longer) < 2:
        return False
    return sum(n[0] in _surnames() for n in longer) >= NAMES_SHARE * len(longer)
