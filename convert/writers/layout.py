"""What every writer sets, decided once: the pieces of text a document is made of, the style
role each takes, which heading runs into the paragraph after it, and what to call a document
that has no title. Writers decide how a piece looks in their format, never what the pieces are.

(Not to be confused with writers/pdf/layout.py, which sets characters into lines.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Block, Document, Heading, Item, Note, Paragraph, Table
from ..styles import Style
from ..zh.chars import width
from ..zh.files import strip_extension
from .words import UNTITLED

#: What a bulleted item starts with where a format has no list of its own to draw one
#: (DOCX, PDF, plain text): a bullet and an en space, so the text does not touch it.
BULLET = "\u2022\u2002"


@dataclass(frozen=True, slots=True)
class Run:
    """Text set in one style role (a paragraph's lead is a run in the `lead` role)."""

    text: str
    role: str


@dataclass(frozen=True, slots=True)
class Piece:
    """One block of the model, or the title or subtitle, as a writer sets it."""

    role: str  # the role whose paragraph look the piece takes
    runs: tuple[Run, ...]  # its text in order, each run in its role; empty runs left out
    block: Block | None = None  # None for the title and subtitle
    index: int = -1  # the block's position in Document.blocks (-1: title, subtitle)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def heading(self) -> Heading | None:
        return self.block if isinstance(self.block, Heading) else None

    @property
    def table(self) -> Table | None:
        return self.block if isinstance(self.block, Table) else None

    @property
    def item(self) -> Item | None:
        return self.block if isinstance(self.block, Item) else None


@dataclass(frozen=True, slots=True)
class Unit:
    """What a writer sets as one paragraph: a piece, or a run-in heading and the paragraph it
    runs into (the page ran them together and the style sets them inline)."""

    pieces: tuple[Piece, ...]

    @property
    def runin(self) -> bool:
        return len(self.pieces) > 1

    @property
    def first(self) -> Piece:
        return self.pieces[0]

    @property
    def role(self) -> str:
        """The paragraph look: a run-in pair takes its paragraph's."""
        return self.pieces[-1].role

    @property
    def runs(self) -> tuple[Run, ...]:
        return tuple(run for piece in self.pieces for run in piece.runs)


@dataclass(frozen=True, slots=True)
class Layout:
    title: str  # what to call the document (window title, book metadata, title page)
    front: tuple[Piece, ...]  # the title and subtitle the document states, in that order
    units: tuple[Unit, ...]  # every block of the model, in order

    @property
    def subtitle(self) -> str:
        return next((p.text for p in self.front if p.role == "subtitle"), "")

    def pieces(self) -> Iterator[Piece]:
        """Every piece after the front matter, run-in pairs taken apart."""
        for unit in self.units:
            yield from unit.pieces


def arrange(doc: Document, style: Style) -> Layout:
    front = []
    title = doc.meta.title.strip()
    if title:
        front.append(Piece("title", (Run(title, "title"),)))
    subtitle = doc.meta.subtitle.strip()
    if subtitle:
        front.append(Piece("subtitle", (Run(subtitle, "subtitle"),)))
    pieces = [piece(i, block, style) for i, block in enumerate(doc.blocks)]
    inline = style.headings.runin == "inline"
    units: list[Unit] = []
    i = 0
    while i < len(pieces):
        current = pieces[i]
        following = pieces[i + 1] if i + 1 < len(pieces) else None
        h = current.heading
        if (
            inline
            and h is not None
            and h.runin
            and following is not None
            and isinstance(following.block, Paragraph)
        ):
            units.append(Unit((current, following)))
            i += 2
            continue
        units.append(Unit((current,)))
        i += 1
    return Layout(display_title(doc), tuple(front), tuple(units))


def piece(index: int, block: Block, style: Style) -> Piece:
    """The block at `index` as a piece: a heading in its label kind's (or level's) role, a
    paragraph's lead in the lead role and the rest in the paragraph's, a note in `note`."""
    if isinstance(block, Heading):
        role = style.heading_role_name(block)
        return Piece(role, _runs((block.text, role)), block, index)
    if isinstance(block, Paragraph):
        return Piece(
            block.role, _runs((block.lead, "lead"), (block.rest, block.role)), block, index
        )
    if isinstance(block, Note):
        return Piece("note", _runs((block.text, "note")), block, index)
    if isinstance(block, Item):  # a bullet drawn here; a label is the item's own text
        bullet = "" if block.label else BULLET
        return Piece("item", _runs((bullet + block.text, "item")), block, index)
    if isinstance(block, Table):  # the cells' text; each writer sets the grid of cells
        return Piece("table", _runs((block.text, "table")), block, index)
    raise TypeError(f"unknown block {block!r}")


def _runs(*parts: tuple[str, str]) -> tuple[Run, ...]:
    return tuple(Run(text, role) for text, role in parts if text)


def display_title(doc: Document) -> str:
    """What to call a document in a window title or book metadata: its title, else the
    site's file name without its extension, else the start of its text."""
    meta = doc.meta
    if meta.title.strip():
        return meta.title.strip()
    source = strip_extension(meta.source_title.strip())
    if source:
        return source
    for block in doc.blocks:
        text = block.text.strip()
        if text:
            return text if len(text) <= 30 else text[:30] + "…"
    return UNTITLED


def column_shares(table: Table) -> tuple[float, ...]:
    """Each column's share of a table's width, by its longest cell (in characters, plus one
    for the cell's padding), no column below half an equal share: a column of 序号 stays
    narrow and one of long descriptions takes the room, as a word processor's autofit does."""
    natural = [max(width(row[c]) for row in table.rows) + 1 for c in range(table.columns)]
    floor = 0.5 / table.columns
    shares = [max(w / sum(natural), floor) for w in natural]
    return tuple(s / sum(shares) for s in shares)
