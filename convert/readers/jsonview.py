"""docconv's own JSON view (`--to json`) read back into the exact Document it was written from.

The view is the model with empty strings as null and tuples as lists, so the inverse is
generic: each key that names a field of the model's dataclass sets it, a null gives the field
its default. Fields added to the model later read back without a change here. A view from a
newer model version is refused rather than half understood.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any

from ..errors import InputError
from ..model import (
    MODEL_VERSION,
    Change,
    Document,
    Heading,
    Item,
    Meta,
    Note,
    Paragraph,
    Removed,
    Table,
)
from .base import DocumentReader
from .encoding import decode

_BLOCKS: dict[str, type[Any]] = {
    "heading": Heading,
    "paragraph": Paragraph,
    "note": Note,
    "table": Table,
    "item": Item,
}
_NESTED: dict[str, type[Any]] = {"removed": Removed, "changes": Change}
# The view starts with its version (as_dict puts it first): enough to claim stdin.
_HEAD = re.compile(rb'^\s*\{\s*"version"\s*:\s*\d+\s*,')


class _Bad(Exception):
    """Where the view does not have the model's shape (turned into one InputError)."""


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _fits(value: Any, hint: Any) -> bool:
    """Whether a JSON value can stand for a field of this type (a hand-edited view can say
    `"text": 5` or `"role": "boss"`)."""
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return any(_fits(value, h) for h in typing.get_args(hint))
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(hint, type) and isinstance(value, hint)


def _build(cls: type[Any], data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise _Bad(f"{where} is not an object")
    kwargs: dict[str, Any] = {}
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        has_default = (
            f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        )
        if value is None and has_default:
            continue  # the view writes an empty field as null
        if f.name in _NESTED and cls is Meta:
            if not isinstance(value, list):
                raise _Bad(f"{where}.{f.name} is not a list")
            kwargs[f.name] = tuple(
                _build(_NESTED[f.name], v, f"{where}.{f.name}[{i}]") for i, v in enumerate(value)
            )
            continue
        if not _fits(value, hints[f.name]):
            import json

            raise _Bad(f"{where}.{f.name} cannot be {json.dumps(value, ensure_ascii=False)[:40]}")
        kwargs[f.name] = _tuples(value)
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as e:
        raise _Bad(f"{where}: {e}") from None


def document(view: Any) -> Document:
    """The Document a JSON view (already parsed) describes; `_Bad` when it has another shape."""
    if not isinstance(view, dict) or not isinstance(view.get("version"), int):
        raise _Bad("it has no model version")
    version = view["version"]
    if version > MODEL_VERSION:
        raise _Bad(
            f"it was written by a newer docconv (model version {version}; "
            f"this one reads up to {MODEL_VERSION})"
        )
    meta = _build(Meta, view.get("meta", {}), "meta")
    blocks = view.get("blocks") or []
    if not isinstance(blocks, list):
        raise _Bad("blocks is not a list")
    built = []
    for i, b in enumerate(blocks):
        kind = b.get("type") if isinstance(b, dict) else None
        if kind not in _BLOCKS:
            raise _Bad(f"blocks[{i}] has an unknown type {kind!r}")
        built.append(_build(_BLOCKS[kind], b, f"blocks[{i}]"))
    return Document(meta=meta, blocks=tuple(built))


def read_document(data: bytes, *, name: str = "") -> Document:
    import json  # here, not at the top: every run sniffs with this reader, few read JSON

    text, _, _ = decode(data)
    what = name or "input"
    try:
        view = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        msg = getattr(e, "msg", "nested too deeply")
        raise InputError(f"{what} is not valid JSON ({msg})") from None
    try:
        return document(view)
    except _Bad as e:
        raise InputError(f"{what} is not a docconv JSON view: {e}") from None


class JsonViewReader(DocumentReader):
    name = "json"
    extensions = (".json",)
    description = "docconv's own JSON view (`--to json`), read back exactly"

    def sniff(self, head: bytes, name: str) -> bool:
        return bool(_HEAD.match(head.lstrip(b"\xef\xbb\xbf")))

    def read_document(self, data: bytes, *, name: str = "") -> Document:
        return read_document(data, name=name)
