"""Run-in leads: the short ordinal sentence that opens a paragraph (一是政府推动。) and
article labels (第一条). Writers set the lead bold; it is never a heading."""

from __future__ import annotations

import re

from ..zh import labels
from ..zh.labels import CN_ONE_TO_TEN
from ..zh.marks import COLON, char_class

LEAD_MAX = 30  # characters of a lead sentence, its opener included

# An ordinal opener followed by a short sentence that ends in 。 or ：.
_ORDINAL = re.compile(
    rf"^(?:[{CN_ONE_TO_TEN}]{{1,3}}(?:是|要|要是|则)"
    rf"|第[{CN_ONE_TO_TEN}]{{1,3}}(?:是|要|，|,|、)"
    r"|(?:首先|其次|再次|最后|另外)(?:是|要|，|,)?)"
)
_LEAD_END = re.compile(char_class("。", COLON))


def find_lead(text: str) -> str:
    """The lead at the start of a paragraph, or "" if it has none."""
    label = labels.match(text)
    if label and label.kind == "article":
        return label.text
    m = _ORDINAL.match(text)
    if not m:
        return ""
    end = _LEAD_END.search(text, m.end())
    if not end or end.end() > LEAD_MAX or not text[end.end() :].strip():
        return ""
    return text[: end.end()]
