"""Plain text writer (`--to txt`): UTF-8, LF, written the way Chinese plain text is.

Paragraphs start with the style's first-line indent in ideographic spaces (　　 for the
body) and are separated by blank lines. On a style with a character grid (gongwen: 28 a line)
the title is centred and right-aligned lines (signature, date) are pushed right with
ideographic spaces, as in a typed 公文; without a grid everything starts at the margin.
A table is its rows, the cells of a column padded to one width (a line of dashes under the
header rows), so it still reads as columns in a monospaced view.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from ..diagnostics import Diagnostic
from ..model import Document, Table
from ..styles import RoleStyle, Style
from ..zh.chars import width
from .base import Writer
from .layout import arrange

SPACE = "\u3000"  # ideographic space: one character wide in CJK text
_BREAK = re.compile("\r\n|\r|\n")


def line(text: str, role: RoleStyle, chars: int, first: bool = True) -> str:
    """One line placed as `role` places it: indented, centred or right-aligned on the grid."""
    if chars and role.align in ("center", "right"):
        room = chars - round(role.indent_right) - width(text)
        if room >= 1:
            pad = int(room // 2 if role.align == "center" else room)
            return SPACE * pad + text
    return SPACE * max(0, round(role.indent)) * first + text


def place(text: str, role: RoleStyle, chars: int) -> str:
    """A block's text; lines after a line break inside it get no first-line indent."""
    lines = _BREAK.split(text)
    return "\n".join(line(part, role, chars, i == 0) for i, part in enumerate(lines))


def table(block: Table) -> str:
    """The rows, each cell padded to its column's width: ideographic spaces for whole
    characters, a space for a half; two ideographic spaces between columns."""
    widths = [max(width(row[c]) for row in block.rows) for c in range(block.columns)]

    def pad(text: str, to: float) -> str:
        room = to - width(text)
        return text + SPACE * int(room) + " " * round((room % 1) * 2)

    lines = [
        (SPACE * 2).join(pad(t, w) for t, w in zip(row, widths, strict=True)).rstrip()
        for row in block.rows
    ]
    if 0 < block.header < len(block.rows):
        rule = "-" * round(2 * (sum(widths) + 2 * (len(widths) - 1)))
        lines.insert(block.header, rule)
    return "\n".join(lines)


def render(doc: Document, style: Style) -> str:
    """The text of a document already safe for every writer. A run-in heading keeps a line
    of its own: plain text has no second face to tell it from its paragraph."""
    chars = style.page.chars
    layout = arrange(doc, style)
    blocks: list[str] = []
    listed = False  # the last block was a list item: the next one follows on the next line
    for piece in (*layout.front, *layout.pieces()):
        if not piece.text.strip():
            continue  # an empty block would only add a stray indent
        text = (
            table(piece.table) if piece.table else place(piece.text, style.role(piece.role), chars)
        )
        if listed and piece.item:
            blocks[-1] += "\n" + text
        else:
            blocks.append(text)
        listed = piece.item is not None
    return "\n\n".join(blocks) + "\n"


class TextWriter(Writer):
    name = "txt"
    extension = ".txt"
    binary = False
    media_type = "text/plain; charset=utf-8"
    description = "plain UTF-8 text, paragraphs indented with ideographic spaces"

    def render(self, doc: Document, out: BinaryIO, style: Style) -> list[Diagnostic]:
        out.write(render(doc, style).encode("utf-8"))
        return []
