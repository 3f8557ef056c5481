"""The document's title: its own title line beats the file name the site shows."""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import labels

TITLE_MAX = 40
_EXTENSION = re.compile(r"\.(docx?|pdf|pptx?|xlsx?|txt|wps|rtf|et|dps)$", re.IGNORECASE)
_NOT_TITLE_END = re.compile(r"[。，,；;！!？?：:、]$")
_INNER_STOP = re.compile(r"[。；;！!？?]")


def is_title_like(text: str, hint: str = "") -> bool:
    """A short line with no sentence punctuation and no numbering label."""
    if hint == "h1":
        return True
    if not text or len(text) > TITLE_MAX or _NOT_TITLE_END.search(text):
        return False
    if _INNER_STOP.search(text):
        return False
    return labels.match(text) is None


def clean_file_title(name: str, noise: Iterable[str] = ()) -> str:
    """A title from a file name: no extension, no SEO words the site added (范文, 精选…)."""
    title = _EXTENSION.sub("", name.strip())
    for word in sorted(noise, key=len, reverse=True):
        if title.endswith(word) and len(title) > len(word) + 2:
            title = title[: -len(word)]
    return title.strip(" _-")
