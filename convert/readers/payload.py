"""Document information and text kept in a page's scripts: the title, page count and file
type a reader sets up (WkInfo.DocInfo, pageData, readerConfig), and page text delivered as
data (a list of positioned runs), for pages whose text never became elements. Where to look
is data (previews/readers.toml, [[payload]]); script objects are parsed with chompjs, which
reads JavaScript literals (single quotes, bare keys) as well as JSON."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import layout
from .preview import DATA

MAX_SCRIPT = 5_000_000  # characters: larger scripts are libraries, not page data


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    marker: re.Pattern[str]
    title: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    format: tuple[str, ...] = ()
    pieces: str = ""
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Found:
    title: str = ""
    pages: int | None = None
    format: str = ""
    pieces: list[layout.Piece] = field(default_factory=list)
    scripts: list[Any] = field(default_factory=list)  # the script elements the text came from


@cache
def rules() -> tuple[Rule, ...]:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    out = []
    for entry in raw.get("payload", ()):
        entry = dict(entry)
        keys = ("text", "x", "y", "w", "h", "size", "kind")
        out.append(
            Rule(
                name=entry["name"],
                marker=re.compile(entry["marker"]),
                title=tuple(entry.get("title", ())),
                pages=tuple(entry.get("pages", ())),
                format=tuple(entry.get("format", ())),
                pieces=entry.get("pieces", ""),
                fields={k: entry[k] for k in keys if k in entry},
            )
        )
    return tuple(out)


def find(scripts: Iterable[Any]) -> Found:
    found = Found()
    page = 0
    for el in scripts:
        text = "".join(el.itertext())
        if not text.strip() or len(text) > MAX_SCRIPT:
            continue
        for rule in rules():
            for m in rule.marker.finditer(text):
                value = _object_at(text, m.end())
                if value is None:
                    continue
                found.title = found.title or _text(_first(value, rule.title))
                found.pages = found.pages or _count(_first(value, rule.pages))
                found.format = found.format or _text(_first(value, rule.format))
                if rule.pieces:
                    runs = _path(value, rule.pieces)
                    if isinstance(runs, list) and runs:
                        page += 1
                        pieces = _pieces(runs, rule.fields, page)
                        if pieces:
                            found.pieces.extend(pieces)
                            found.scripts.append(el)
    return found


def _object_at(text: str, start: int) -> Any:
    import chompjs

    if start >= len(text) or text[start] not in "{[":
        return None
    try:
        return chompjs.parse_js_object(text[start:])
    except (ValueError, TypeError, RecursionError):
        return None


def _path(value: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _first(value: Any, paths: tuple[str, ...]) -> Any:
    for path in paths:
        found = _path(value, path)
        if found not in (None, ""):
            return found
    return None


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int) else ""


def _count(value: Any) -> int | None:
    text = _text(value)
    return int(text) if text.isdigit() and 0 < int(text) < 100_000 else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        m = re.match(r"^\s*(-?\d+(?:\.\d+)?)", value)
        return float(m.group(1)) if m else None
    return None


def _pieces(runs: list[Any], fields: dict[str, str], page: int) -> list[layout.Piece]:
    out = []
    for run in runs:
        if not isinstance(run, dict):
            continue
        kind = _path(run, fields.get("kind", "t"))
        if kind not in (None, "word"):
            continue  # pictures, lines and other furniture
        text = _path(run, fields.get("text", "c"))
        top, left = _number(_path(run, fields["y"])), _number(_path(run, fields["x"]))
        width, height = _number(_path(run, fields["w"])), _number(_path(run, fields["h"]))
        if not isinstance(text, str) or top is None or left is None or not height:
            continue
        size = _number(_path(run, fields["size"])) if "size" in fields else None
        out.append(layout.Piece(page, top, left, width or 0.0, height, text, size))
    return out
