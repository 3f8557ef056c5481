"""The page's own <style> rules, as far as reading needs them: which elements they hide, and
the font size and weight each class gives (a reader layout's evidence for headings).

Only rules at the top level of a style sheet count: those inside @media or @supports apply to
some screens (or to print) and cannot be told apart here. The cascade is reduced to what
matters for hiding: an element's own style="display:…" beats a class rule, as in a browser.
External style sheets are not read (a saved page's name_files/ folder is not the input).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_HIDING = (("display", "none"), ("visibility", "hidden"), ("visibility", "collapse"))
_OFFSCREEN = re.compile(r"^-\d{3,}(?:\.\d+)?(?:px|em|rem|pt)$")  # left:-9999px, text-indent
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)(px|pt|em|rem)?$")
_CLASS_ONLY = re.compile(r"^\.([\w-]+)$")
_BOLD_FAMILY = re.compile(r"bold|黑体|heiti|粗", re.IGNORECASE)


@dataclass(slots=True)
class Font:
    """What the rules say about an element's type: size in CSS px, weight 100–900."""

    size: float | None = None
    weight: int | None = None
    family: str = ""

    def update(self, other: Font) -> None:
        self.size = other.size if other.size is not None else self.size
        self.weight = other.weight if other.weight is not None else self.weight
        self.family = other.family or self.family

    @property
    def bold(self) -> bool:
        return (self.weight or 400) >= 600 or bool(_BOLD_FAMILY.search(self.family))


@dataclass(slots=True)
class Sheet:
    hiding: list[str] = field(default_factory=list)  # selectors of rules that hide
    classes: dict[str, Font] = field(default_factory=dict)  # ".cls{font-size…}" rules


def parse(texts: Iterable[str]) -> Sheet:
    import tinycss2

    sheet = Sheet()
    for text in texts:
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        for rule in rules:
            if rule.type != "qualified-rule":
                continue  # @media, @font-face, @import, parse errors
            selectors = tinycss2.serialize(rule.prelude).strip()
            decls = declarations(tinycss2.serialize(rule.content))
            if any(decls.get(prop) == value for prop, value in _HIDING) or _offscreen(decls):
                sheet.hiding.extend(s.strip() for s in selectors.split(",") if s.strip())
            font = font_of(decls)
            if font.size is None and font.weight is None and not font.family:
                continue
            for selector in selectors.split(","):
                if m := _CLASS_ONLY.match(selector.strip()):
                    sheet.classes.setdefault(m.group(1), Font()).update(font)
    return sheet


def declarations(text: str) -> dict[str, str]:
    """A declaration block (or a style="…" attribute) as lower-cased property → value."""
    out: dict[str, str] = {}
    for part in text.split(";"):
        name, sep, value = part.partition(":")
        if sep:
            value = re.sub(r"\s*!important\s*$", "", value.strip(), flags=re.IGNORECASE)
            out[name.strip().lower()] = (
                value.strip().lower() if name.strip() != "font-family" else value.strip()
            )
    return out


def _offscreen(decls: dict[str, str]) -> bool:
    """Text moved out of view: position:absolute with left/top:-9999px, or text-indent."""
    if _OFFSCREEN.match(decls.get("text-indent", "")):
        return True
    if decls.get("position") in ("absolute", "fixed"):
        return any(_OFFSCREEN.match(decls.get(side, "")) for side in ("left", "top"))
    return False


def font_of(decls: dict[str, str]) -> Font:
    font = Font()
    if m := _SIZE.match(decls.get("font-size", "")):
        value, unit = float(m.group(1)), m.group(2) or "px"
        font.size = value * {"px": 1.0, "pt": 4 / 3, "em": 16.0, "rem": 16.0}[unit]
    weight = decls.get("font-weight", "")
    if weight in ("bold", "bolder"):
        font.weight = 700
    elif weight in ("normal", "lighter"):
        font.weight = 400
    elif weight.isdigit():
        font.weight = int(weight)
    font.family = decls.get("font-family", "")
    return font


def hidden_elements(root: Any, sheet: Sheet) -> set[Any]:
    """Elements a hiding rule matches, less those whose own style says otherwise."""
    from cssselect import GenericTranslator, SelectorError

    translator = GenericTranslator()
    found: set[Any] = set()
    for selector in dict.fromkeys(sheet.hiding):
        try:
            xpath = translator.css_to_xpath(selector)
        except SelectorError:
            continue  # pseudo-elements (::before) and the like hold no page text
        try:
            matched = root.xpath(xpath)
        except Exception:  # an XPath lxml cannot run: the rule is skipped, not the page
            continue
        for el in matched:
            style = declarations(el.get("style") or "")
            if style.get("display", "none") != "none" or style.get("visibility") == "visible":
                continue
            found.add(el)
    return found
