"""Text repair: undo the damage re-uploaded documents carry. Runs after structure, before
writers; `--no-repair` skips it entirely."""

from __future__ import annotations

from ..model import Document


def repair(doc: Document, rules: str | None = None) -> Document:
    """`doc` with its text repaired; `rules` is a switch list such as "-swaps,+width"."""
    return doc
