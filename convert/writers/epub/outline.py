"""The book's shape: chapters split at level-1 headings, and the nested table of contents."""

from __future__ import annotations

from dataclasses import dataclass

from ..contents import entry_title
from ..html_blocks import anchor  # the nav links to the blocks' ids
from ..layout import Layout, Unit

TITLE_PAGE = "title.xhtml"
NAV_PAGE = "nav.xhtml"
LICENCE_PAGE = "licence.xhtml"
FRONT_PAGE = "front.xhtml"  # the text before the first level-1 heading


@dataclass(frozen=True, slots=True)
class Chapter:
    file_name: str
    title: str  # the chapter's level-1 heading, or the book's title for the front chapter
    units: tuple[Unit, ...]  # the layout's units the chapter holds


@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    href: str  # relative to the package folder, with the heading's anchor
    level: int  # depth in the table of contents, 1 at the top
    children: tuple[Entry, ...] = ()


def chapters(layout: Layout) -> list[Chapter]:
    """Text before the first level-1 heading is a front chapter (named after the book);
    each level-1 heading opens a chapter. Empty chapters are never made (ebooklib and
    readers choke on them). A run-in heading's paragraph stays in its heading's chapter."""
    groups: list[list[Unit]] = []
    for unit in layout.units:
        if not groups or _opens_chapter(unit):
            groups.append([])
        groups[-1].append(unit)
    width = max(2, len(str(len(groups))))
    out = []
    number = 0
    for group in groups:
        first = group[0].first
        if _opens_chapter(group[0]):
            number += 1
            out.append(Chapter(f"ch{number:0{width}d}.xhtml", first.text, tuple(group)))
        else:
            out.append(Chapter(FRONT_PAGE, layout.title, tuple(group)))
    return out


def _opens_chapter(unit: Unit) -> bool:
    heading = unit.first.heading
    return heading is not None and heading.level == 1


def toc(chapters: list[Chapter], book_title: str) -> list[Entry]:
    """Headings nested by level (a heading goes under the nearest earlier heading of a lower
    level); a book without headings gets one entry, its title, so the TOC is never empty.
    The opening (a salutation and the paragraphs before the first heading) is an entry of
    its own, under the name of its chapter. Entries end without a sentence's full stop."""
    flat = [
        (heading.level, heading.text, f"{chapter.file_name}#{anchor(piece.index)}")
        for chapter in chapters
        for unit in chapter.units
        for piece in unit.pieces
        if (heading := piece.heading) is not None
    ]
    if not flat:
        return [Entry(book_title, TITLE_PAGE, 1)]
    # A stack of open headings: (model level, title, href, children so far).
    root: list[Entry] = []
    stack: list[tuple[int, str, str, list[Entry]]] = []

    def close() -> None:
        _, title, href, children = stack.pop()
        entry = Entry(title, href, len(stack) + 1, tuple(children))
        (stack[-1][3] if stack else root).append(entry)

    for level, title, href in flat:
        while stack and stack[-1][0] >= level:
            close()
        stack.append((level, entry_title(title), href, []))
    while stack:
        close()
    front = chapters[0]
    if front.file_name == FRONT_PAGE and front.units[0].first.heading is None:
        root.insert(0, Entry(entry_title(front.title), front.file_name, 1))
    return root
