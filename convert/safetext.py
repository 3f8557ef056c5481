"""Characters no output can hold, and removing them.

XML 1.0 (and so DOCX, EPUB and HTML) refuses C0 control characters other than tab, line feed
and carriage return, lone surrogates, U+FFFE and U+FFFF; UTF-8 cannot encode lone surrogates
at all (JSON, Markdown, text). C1 controls are legal XML but never text a person wrote.
Readers remove them from what they decode (and say so); `Writer.write` removes them with
`safe_document` from whatever Document it gets (one built by hand, or by a reader plugin)
before the format's renderer sees it.
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
    writer, and the number of characters removed. The same object when nothing changes
    (the usual case, found with one search over all the strings)."""
    strings: list[str] = []
    _collect(doc, strings)
    if _IN_BLOCK.search("\n".join(strings)) is None:
        return doc, 0
    counter = [0]
    safe = _clean(doc, counter)
    return safe, counter[0]


def block_text(text: str) -> tuple[str, int]:
    """`text` without any control character but tab, LF and CR (separators included) and
    the rest no output can hold; and how many characters went."""
    if _IN_BLOCK.search(text) is None:
        return text, 0
    return _IN_BLOCK.subn("", text)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names, () for any other type (dataclasses.fields is slow to call
    for every node of a document with hundreds of changes)."""
    names = _FIELDS.get(cls)
    if names is None:
        is_node = dataclasses.is_dataclass(cls)
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)) if is_node else ()
    return names


def _collect(value: object, out: list[str]) -> None:
    """Every string in `value`, depth first, onto `out`."""
    kind = type(value)
    if kind is str:
        out.append(value)  # type: ignore[arg-type]
        return
    if kind is tuple:
        items: tuple[object, ...] = value  # type: ignore[assignment]
    elif isinstance(value, str):  # a subclass: rare, so checked after the exact types
        out.append(str(value))
        return
    else:
        names = _names(kind)
        if not names:
            items = tuple(value) if isinstance(value, tuple) else ()
        else:
            items = tuple(getattr(value, name) for name in names)
    for item in items:
        if type(item) is str:
            out.append(item)  # most are: no call
        elif item is not None and type(item) not in (int, bool, float):
            _collect(item, out)


def _clean(value: T, counter: list[int]) -> T:
    if isinstance(value, str):
        text, removed = block_text(value)
        counter[0] += removed
        return text  # type: ignore[return-value]
    if isinstance(value, tuple):
        items = tuple(_clean(v, counter) for v in value)
        same = all(a is b for a, b in zip(items, value, strict=True))
        return value if same else items  # type: ignore[return-value]
    names = _names(type(value))
    if names:
        changes: dict[str, Any] = {}
        for name in names:
            old = getattr(value, name)
            new = _clean(old, counter)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]
    return value
