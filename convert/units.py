"""Lengths and Chinese type sizes as style sheets write them ("三号", "16pt", "37mm", "2em")."""

from __future__ import annotations

import re

from .errors import StyleError

PT_PER_MM = 72 / 25.4

#: Chinese type sizes (号) in points, as Word and WPS define them.
HAO_PT: dict[str, float] = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5,
}

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|px)?\s*$")
_UNIT_PT = {"pt": 1.0, "mm": PT_PER_MM, "cm": 10 * PT_PER_MM, "in": 72.0, "px": 0.75, None: 1.0}


def font_size(value: str | float | int) -> float:
    """A type size in points: a number, "16pt", or a 号 name such as "三号"."""
    if isinstance(value, int | float):
        return float(value)
    text = value.strip()
    if text in HAO_PT:
        return HAO_PT[text]
    return length(text)


def length(value: str | float | int) -> float:
    """A length in points: a number (points), or "37mm", "1.5cm", "28.95pt"."""
    if isinstance(value, int | float):
        return float(value)
    m = _LENGTH.match(value)
    if not m:
        raise StyleError(f"cannot read {value!r} as a length (use e.g. 16pt, 37mm)")
    return float(m.group(1)) * _UNIT_PT[m.group(2)]
