"""Edits found on one text, and how they are applied.

Every rule reads the text as it came in and returns `Edit`s on it; nothing reads a text
another rule has already changed. `apply` then makes all rewrites of one text in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] by `after`; `after is None` only flags the span."""

    start: int
    end: int
    after: str | None
    rule: str
    note: str = ""


def resolve(edits: list[Edit]) -> tuple[list[Edit], list[Edit]]:
    """(rewrites, flags), each in text order. Rewrites never overlap: of two that do, the
    one starting first is kept (rule families touch different characters, so this is rare)."""
    rewrites = sorted((e for e in edits if e.after is not None), key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    for edit in rewrites:
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    flags = sorted((e for e in edits if e.after is None), key=lambda e: e.start)
    return kept, flags


def apply(text: str, rewrites: list[Edit]) -> str:
    """`text` with non-overlapping, start-sorted rewrites made."""
    out: list[str] = []
    pos = 0
    for edit in rewrites:
        out.append(text[pos : edit.start])
        out.append(edit.after or "")
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def moved(offset: int, rewrites: list[Edit]) -> int | None:
    """Where `offset` of the old text lands in the new one; None if a rewrite spans it."""
    shift = 0
    for edit in rewrites:
        if edit.end <= offset:
            shift += len(edit.after or "") - (edit.end - edit.start)
        elif edit.start < offset:
            return None
        else:
            break
    return offset + shift
