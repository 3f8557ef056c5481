"""The main content of a page of unknown layout: the smallest element that holds most of the
page's prose.

Prose is text outside links in blocks that carry sentence punctuation, the measure jusText and
readability build on (link density and punctuation against length); their English-tuned
weights (commas, stop words) do not fit Chinese pages, so the small part needed is here. Text
outside the chosen element is not dropped by the reader: it is hinted as chrome, so cleaning
can still read the site's metadata from it and say what it removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..zh.marks import COLON, COMMA, LIST_COMMA, SEMICOLON, SENTENCE_END, char_class

_PUNCT = re.compile(char_class(COMMA, SENTENCE_END, SEMICOLON, COLON, LIST_COMMA, "."))
_SPACE = re.compile(r"\s+")

SHARE = 0.7  # of the page's prose: the content element holds at least this much
MIN_PROSE = 200  # characters of prose below which the page has no main content to choose
BLOCK_PROSE = 20  # a block this long with sentence punctuation is prose, not a menu item


@dataclass(frozen=True, slots=True)
class Measure:
    prose: int  # characters of prose on the page (a repeated block counted once)
    longest: int  # the longest block of prose
    links: int  # characters of link text
    text: int  # all visible characters


def measure(
    root: Any, skip: frozenset[str], hidden: set[Any], blocks: frozenset[str]
) -> tuple[dict[Any, int], Measure]:
    """Prose characters under every element, and the page's totals."""
    prose: dict[Any, int] = {}
    link_chars = 0
    text_chars = 0
    # Iterative post-order walk: each block's own text (its text nodes until the next block
    # child) is prose when it is long enough, punctuated, and mostly not link text.
    order: list[Any] = []
    stack = [root]
    while stack:
        el = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in skip or el in hidden:
            continue
        order.append(el)
        stack.extend(el)
    visible = set(order)
    seen: set[str] = set()
    for el in reversed(order):
        own, links = _own_text(el, visible, blocks)
        text_chars += len(own)
        link_chars += links
        # A block repeated (a carousel's slides, a slogan in the header and the footer) counts
        # once, so the copies do not make their container look like the content.
        score = len(own) if _is_prose(own, links) and own not in seen else 0
        if score:
            seen.add(own)
        for child in el:
            if child in visible:
                score += prose.get(child, 0)
        prose[el] = score
    total = prose.get(root, 0)
    return prose, Measure(total, max(map(len, seen), default=0), link_chars, text_chars)


def _own_text(el: Any, visible: set[Any], blocks: frozenset[str]) -> tuple[str, int]:
    """Text of `el` and its inline descendants (not inside a block child), and how much of it
    is link text."""
    parts: list[str] = []
    links = 0
    stack: list[tuple[Any, bool]] = [(el, False)]
    while stack:
        node, in_link = stack.pop()
        is_link = in_link or (isinstance(node.tag, str) and node.tag.lower() == "a")
        if node.text:
            t = _SPACE.sub("", node.text)
            parts.append(t)
            links += len(t) if is_link else 0
        for child in reversed(node):
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if child in visible and tag not in blocks:
                stack.append((child, is_link))
            # a child's tail belongs to `node`'s text
        for child in node:
            if child.tail:
                t = _SPACE.sub("", child.tail)
                parts.append(t)
                links += len(t) if is_link else 0
    return "".join(parts), links


def _is_prose(text: str, links: int) -> bool:
    return len(text) >= BLOCK_PROSE and links < 0.3 * len(text) and bool(_PUNCT.search(text))


def choose(root: Any, prose: dict[Any, int], totals: Measure) -> Any | None:
    """The smallest element holding SHARE of the prose; None when the page has too little
    prose to choose from, or the choice would be the whole body anyway."""
    if totals.prose < MIN_PROSE:
        return None
    need = SHARE * totals.prose
    el = root
    while True:
        best = max((c for c in el if c in prose), key=lambda c: prose[c], default=None)
        if best is None or prose[best] < need:
            break
        el = best
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    return None if tag in ("html", "body") else el
