"""Flags: damage that can be seen but not undone. They are reported, never rewritten.

Years: the sites rewrite years to the year of the scrape, so a document whose years all read
the same, a range like 2023-2023, or a year glued to the number after it (20238.35) is
suspect. Unpaired quotes and blanked names (让的山更青: a place name was cut out) show text
that is missing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .edits import Edit

_YEAR = re.compile(
    r"(?<![\d.])((?:19|20)\d\d)"
    r"(?=年|〕|）|\)|\s*[-—–~～至到]\s*(?:19|20)\d\d(?!\d)|[-./]\d{1,2}[-./]\d{1,2}(?!\d))"
)
_RANGE = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s*[-—–~～至到]\s*\1(?![\d.])")
_GLUED = re.compile(r"(?<![\d.])((?:19|20)\d\d)(\d+)(\.\d+)?(?![\d.])(个百分点|%|％|倍)?")
_QUOTES = re.compile("[“”〝〞]")
_MIN_SAME = 3  # fewer years than this prove nothing

#: A pronoun-less verb or preposition right before 的, 成为 or a bare 区/市: a name was cut.
_BLANKS = re.compile(
    "|".join(
        (
            "(?<![出转谦礼退忍相互割禅])让的",
            "(?<![促致])使成为",
            "[把将让使][区市县](?=企业|人民|群众|经济)",
        )
    )
)


def years(texts: Iterable[str]) -> Counter[str]:
    """How often each year is mentioned."""
    return Counter(m.group(1) for text in texts for m in _YEAR.finditer(text))


def only_year(counts: Counter[str]) -> str | None:
    """The one year every mention reads, when there are enough mentions to say so."""
    if len(counts) == 1 and counts.total() >= _MIN_SAME:
        return next(iter(counts))
    return None


def same_year(text: str, year: str, upload: str) -> list[Edit]:
    note = f"every year in the document reads {year}"
    if upload.startswith(year):
        note += f", the year of the upload date {upload}: the site may have rewritten them"
    return [Edit(m.start(1), m.end(1), None, "flags.years", note) for m in _YEAR.finditer(text)]


def year_range(text: str) -> list[Edit]:
    note = "a range from a year to itself: one end was probably rewritten"
    return [Edit(m.start(), m.end(), None, "flags.year-range", note) for m in _RANGE.finditer(text)]


def glued_year(text: str, known: set[str]) -> list[Edit]:
    """A document year directly followed by a number with decimals or a percentage unit."""
    out = []
    for m in _GLUED.finditer(text):
        if m.group(1) in known and (m.group(3) or m.group(4)):
            number = m.group(2) + (m.group(3) or "")
            note = f"{m.group(1)} glued to {number}? a year may have been rewritten over a number"
            end = m.end(3) if m.group(3) else m.end(2)
            out.append(Edit(m.start(), end, None, "flags.glued-year", note))
    return out


def unpaired(text: str) -> list[Edit]:
    """Opening quotes with no closing one before the next opening one or the end, and
    closing quotes with nothing open (〞 closes like ”)."""
    out = []
    open_at: int | None = None
    for m in _QUOTES.finditer(text):
        if m.group() in "“〝":
            if open_at is not None:
                out.append(Edit(open_at, open_at + 1, None, "flags.unpaired", "never closed"))
            open_at = m.start()
        elif open_at is None:
            out.append(Edit(m.start(), m.end(), None, "flags.unpaired", "closes nothing"))
        else:
            open_at = None
    if open_at is not None:
        out.append(Edit(open_at, open_at + 1, None, "flags.unpaired", "never closed"))
    return out


def blanks(text: str) -> list[Edit]:
    note = "a name seems to have been cut out here"
    return [Edit(m.start(), m.end(), None, "flags.blank", note) for m in _BLANKS.finditer(text)]
