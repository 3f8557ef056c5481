"""Text repair: undo the damage re-uploaded documents carry. Runs after structure, before
writers; `--no-repair` skips it entirely."""

from __future__ import annotations

from ..model import Document


def repair(doc: Document) -> Document:
    return doc
