"""The JSON view of the model (`--to json`): stable, versioned, documented in README.

Tests and other programs read it, so keys are only ever added, never renamed.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from ..diagnostics import Diagnostic
from ..model import (
    MODEL_VERSION,
    Block,
    Document,
    Heading,
    Item,
    Note,
    Paragraph,
    Removed,
    Table,
)
from ..styles import Style
from .base import Writer


def as_dict(doc: Document) -> dict[str, Any]:
    """The JSON view: the whole model, so the JSON reader rebuilds the same Document (a
    removal's score and detail appear when cleaning recorded them)."""
    m = doc.meta
    return {
        "version": MODEL_VERSION,
        "meta": {
            "title": m.title,
            "subtitle": m.subtitle or None,
            "source_title": m.source_title or None,
            "site": m.site or None,
            "url": m.url or None,
            "doc_id": m.doc_id or None,
            "pages": m.pages,
            "pages_shown": m.pages_shown,
            "format": m.format or None,
            "size": m.size or None,
            "date": m.date or None,
            "author": m.author or None,
            "keywords": list(m.keywords),
            "subject": m.subject or None,
            "lang": m.lang,
            "truncated": m.truncated,
            "removed": [_removed(r) for r in m.removed],
            "changes": [
                {
                    "block": c.block,
                    "start": c.start,
                    "before": c.before,
                    "after": c.after,
                    "rule": c.rule,
                    "note": c.note or None,
                }
                for c in m.changes
            ],
        },
        "blocks": [block_dict(b) for b in doc.blocks],
    }


def _removed(r: Removed) -> dict[str, Any]:
    out: dict[str, Any] = {"text": r.text, "rule": r.rule, "line": r.line}
    if r.score is not None:
        out["score"] = r.score
    if r.detail:
        out["detail"] = r.detail
    return out


def block_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {
            "type": "heading",
            "level": block.level,
            "label": block.label or None,
            "kind": block.kind,
            "runin": block.runin,
            "text": block.text,
        }
    if isinstance(block, Paragraph):
        return {
            "type": "paragraph",
            "role": block.role,
            "lead": block.lead or None,
            "text": block.text,
        }
    if isinstance(block, Note):
        return {"type": "note", "text": block.text}
    if isinstance(block, Table):
        return {"type": "table", "header": block.header, "rows": [list(r) for r in block.rows]}
    if isinstance(block, Item):
        return {"type": "item", "label": block.label or None, "text": block.text}
    raise TypeError(f"unknown block {block!r}")


def dumps(doc: Document) -> str:
    return json.dumps(as_dict(doc), ensure_ascii=False, indent=2) + "\n"


class JsonWriter(Writer):
    name = "json"
    extension = ".json"
    binary = False
    media_type = "application/json"
    description = "the document model as JSON (for tests and other programs)"

    def render(self, doc: Document, out: BinaryIO, style: Style) -> list[Diagnostic]:
        out.write(dumps(doc).encode("utf-8"))
        return []
