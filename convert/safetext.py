"""Characters no output can hold, and removing them.

XML 1.0 (and so DOCX, EPUB and HTML) refuses C0 control characters other than tab, line feed
and carriage return, lone surrogates, U+FFFE and U+FFFF; UTF-8 cannot encode lone surrogates
at all (JSON, Markdown, text). C1 controls are legal XML but never text a person wrote.
Readers remove them from what they decode (and say so); `safe_document` does the same for a
Document built some other way, before a writer sees it.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from .model import Document

#: Removed: C0 and C1 controls but tab, LF, CR and the separators below; lone surrogates;
#: U+FFFE and U+FFFF; and the bidirectional embeddings, overrides and isolates (U+202A-202E,
#: U+2066-2069), which Chinese documents never need, a PDF would draw as boxes, and which can
#: make text read otherwise than it is stored.
ILLEGAL = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
#: Control characters that separate lines or pages (vertical tab, form feed, file/group/record
#: separators, next line): readers turn them into line feeds; inside a block they go.
SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1e\x85]")
#: Every control character but tab, LF and CR, and the rest of ILLEGAL: what a block's text
#: must not hold.
_IN_BLOCK = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)

#: A character that shows: not white space, not a format character (zero-width spaces and
#: joiners, the BOM, soft hyphen, bidi marks, variation selectors, tags), not a blank filler.
_VISIBLE = re.compile(
    "[^\\s\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\U000e0000-\U000e0fff]"
)


def visible(text: str) -> bool:
    """Whether `text` holds a character a reader would see."""
    return _VISIBLE.search(text) is not None


T = TypeVar("T")


def strip_controls(text: str) -> tuple[str, int]:
    """`text` without the characters no output can hold, separators turned into line feeds;
    and how many characters were removed (separators are not counted)."""
    removed = 0
    if ILLEGAL.search(text) is not None:
        text, removed = ILLEGAL.subn("", text)
    if SEPARATORS.search(text) is not None:
        text = SEPARATORS.sub("\n", text)
    return text, removed


#: The warning code writers use for characters they had to leave out.
CODE = "xml-characters"


def warning_text(count: int) -> str:
    return f"removed {count} control character(s) (NUL and the like) that no document can hold"


def safe_document(doc: Document) -> tuple[Document, int]:
    """`doc` with every string in it (blocks, metadata, removals, changes) safe for any
    writer, and the number of characters removed. The same object when nothing changes."""
    if _KNOWN_SAFE.get(id(doc)) is doc:  # checked already (reading, then each writer)
        return doc, 0
    counter = [0]
    safe = _clean(doc, counter)
    _remember(safe)
    return safe, counter[0]


#: Documents found safe, by id. A Document is immutable all the way down (frozen
#: dataclasses, tuples, strings), so one checked stays safe; keeping the object keeps its id
#: from being reused by another.
_KNOWN_SAFE: dict[int, Document] = {}
_KNOWN_SAFE_KEPT = 4


def _remember(doc: Document) -> None:
    _KNOWN_SAFE[id(doc)] = doc
    while len(_KNOWN_SAFE) > _KNOWN_SAFE_KEPT:
        try:
            del _KNOWN_SAFE[next(iter(_KNOWN_SAFE))]
        except (KeyError, RuntimeError, StopIteration):  # another thread got there first
            break


def _clean(value: T, counter: list[int]) -> T:
    if isinstance(value, str):
        if _IN_BLOCK.search(value) is None:
            return value
        text, removed = _IN_BLOCK.subn("", value)
        counter[0] += removed
        return text  # type: ignore[return-value]
    if isinstance(value, tuple):
        items = tuple(_clean(v, counter) for v in value)
        same = all(a is b for a, b in zip(items, value, strict=True))
        return value if same else items  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _clean(old, counter)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
