"""What kind of preview a saved page is: positioned text (an online reader's text layer), page
images, or neither. The readers' layouts are data (previews/readers.toml)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import layout
from .stylesheet import Font, Sheet, declarations, font_of

DATA = Path(__file__).with_name("previews") / "readers.toml"
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str  # "layout" or "images"
    name: str
    label: str
    pieces: str = ""
    page: str = ""
    number: str = ""
    shells: str = ""
    pages: str = ""


@dataclass(slots=True)
class Preview:
    rule: Rule | None = None
    pieces: list[layout.Piece] = field(default_factory=list)
    elements: list[Any] = field(default_factory=list)  # the piece (or image) elements
    shells: list[int] = field(default_factory=list)  # page numbers of every page container
    images: list[Any] = field(default_factory=list)

    @property
    def text_pages(self) -> list[int]:
        return sorted({p.page for p in self.pieces if not p.blank})

    @property
    def empty_pages(self) -> list[int]:
        have = set(self.text_pages)
        return [n for n in self.shells if n not in have]


@cache
def rules() -> tuple[Rule, ...]:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    out = []
    for kind in ("layout", "images"):
        for entry in raw.get(kind, ()):
            out.append(Rule(kind=kind, **entry))
    return tuple(out)


def find(root: Any, sheet: Sheet, hidden: set[Any]) -> Preview:
    for rule in rules():
        if rule.kind == "layout":
            found = _layout(root, rule, sheet, hidden)
            if found.pieces:
                return found
    for rule in rules():
        if rule.kind == "images":
            images = [el for el in root.xpath(rule.pages) if not _inside(el, hidden)]
            if images:
                return Preview(rule=rule, images=images, elements=images)
    return Preview()


def _inside(el: Any, hidden: set[Any]) -> bool:
    return any(a in hidden for a in el.iterancestors()) or el in hidden


def _layout(root: Any, rule: Rule, sheet: Sheet, hidden: set[Any]) -> Preview:
    found = Preview(rule=rule)
    shells = root.xpath(rule.shells) if rule.shells else []
    found.shells = sorted({n for el in shells if (n := _page_number(el, rule)) is not None})
    for el in root.xpath(rule.pieces):
        if _inside(el, hidden):
            continue
        style = declarations(el.get("style") or "")
        top, left = _px(style.get("top")), _px(style.get("left"))
        width, height = _px(style.get("width")), _px(style.get("height"))
        if top is None or left is None or not height:
            continue
        page_el = el.xpath(rule.page) if rule.page else []
        page = (_page_number(page_el[0], rule) if page_el else None) or 1
        font = _font(el, sheet, style)
        found.elements.append(el)
        found.pieces.append(
            layout.Piece(
                page=page,
                top=top,
                left=left,
                width=width or 0.0,
                height=height,
                text="".join(el.itertext()),
                size=font.size,
                bold=font.bold,
            )
        )
    return found


def _page_number(el: Any, rule: Rule) -> int | None:
    value = el.get(rule.number or "data-page-no") or ""
    return int(value) if value.isdigit() else None


def _px(value: str | None) -> float | None:
    if not value:
        return None
    m = _NUMBER.match(value)
    return float(m.group(0)) if m else None


def _font(el: Any, sheet: Sheet, style: dict[str, str]) -> Font:
    font = Font()
    for cls in (el.get("class") or "").split():
        if cls in sheet.classes:
            font.update(sheet.classes[cls])
    font.update(font_of(style))
    return font
