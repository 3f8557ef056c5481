"""Markdown writer (`--to md`): CommonMark that GitHub and pandoc render as the document.

The title is `#`, headings `##`…`#####` by level (so `pandoc --shift-heading-level-by=-1`
makes the `#` line the title), leads `**…**`, notes block quotes, list items `- ` entries
(a label such as A. kept as escaped text), tables GFM pipe tables, and metadata a YAML
front matter block. Every character of the text that Markdown (CommonMark,
GFM or pandoc's extensions) could read as markup is backslash-escaped, so text never turns
into markup.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import BinaryIO

from ..diagnostics import Diagnostic
from ..model import Document, Heading, Item, Meta, Note, Paragraph, Table
from ..styles import Style
from .base import Writer

# Markup anywhere in a line: emphasis, code, links, raw HTML and entities, GFM tables and
# strikethrough, pandoc's math, super/subscript, citations and attributes, smart quotes.
_INLINE = re.compile(r"""[\\`*_\[\]<>&|~$^@#{}"']""")
# GitHub's and pandoc's gfm emoji shortcodes (:smile:, :+1:).
_EMOJI = re.compile(r":([\\\w+-]+):", re.ASCII)
# Runs pandoc's smart extension would turn into dashes and an ellipsis.
_RUNS = re.compile(r"-{2,}|\.{2,}")
# A list marker at the start of a line: 1. 1) a. iv) (CommonMark, pandoc's fancy lists).
_LIST = re.compile(r"(\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])")
# Characters a YAML scalar cannot hold raw (controls, YAML 1.1's own line breaks).
_YAML_RAW = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_BREAK = re.compile("\r\n|\r|\n")


def escape(text: str) -> str:
    """One line of text as Markdown inline content that renders as exactly that text."""
    text = _INLINE.sub(r"\\\g<0>", text)
    text = _RUNS.sub(lambda m: "".join("\\" + c for c in m.group()), text)
    text = _EMOJI.sub(r"\\:\1\\:", text)
    # Spaces at a line's ends would be stripped (or start code); some parsers strip any
    # Unicode space there, the ideographic 　 included. As references they stay.
    body = text.strip()
    if not body:
        return _references(text)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return _references(text[:start]) + _line_start(body) + _references(text[end:])


def _references(spaces: str) -> str:
    return "".join(f"&#{ord(c)};" for c in spaces)


def _line_start(text: str) -> str:
    """Escape what only means something at the start of a line: headings, quotes, lists,
    thematic breaks, setext underlines, pandoc's definition lists and line blocks."""
    first = text[0]
    if first.isascii() and not first.isalnum() and first != "\\":
        return "\\" + text
    m = _LIST.match(text)
    if m:
        return m.group(1) + "\\" + text[m.end(1) :]
    return text


def inline(text: str) -> str:
    """Text that may hold line breaks: each line escaped, joined by hard breaks."""
    return "\\\n".join(escape(line) for line in _BREAK.split(text))


def _punct(ch: str) -> bool:
    # CommonMark 0.31 counts Unicode punctuation (P*) and symbols (S*) as punctuation.
    return unicodedata.category(ch)[0] in "PS"


def _bold_end(text: str, end: int) -> int:
    """Where a `**` closing bold on text[:end] can stand, at `end` or as close before it as
    possible; 0 if nowhere.

    CommonMark closes only after a non-space that is not punctuation, or after punctuation
    followed by a space or punctuation: 一是政府推动。**一方面 would show its asterisks, so
    the bold ends before the 。 there, and after the ” in 围绕“两个中心”**。.
    """
    for k in range(end, 0, -1):
        before = text[k - 1]
        after = text[k] if k < len(text) else " "
        if before.isspace():
            continue
        if not _punct(before) or after.isspace() or _punct(after):
            return k
    return 0


def lead(p: Paragraph) -> str:
    """The paragraph with its lead in `**…**` (as much of the lead as CommonMark allows)."""
    end = _bold_end(p.text, len(p.lead))
    if not end or p.text[0].isspace():
        return inline(p.text)
    return f"**{inline(p.text[:end])}**" + inline(p.text[end:])


def front_matter(meta: Meta, title: str) -> str:
    """YAML metadata, every value quoted (no 'no', 'null' or 2023 read as anything else).

    pandoc reads metadata strings as Markdown and its templates print title, subtitle,
    author, date, keywords and subject as markup, so those are escaped like the text (an ordinary
    title has nothing to escape and stays as it is); lang and source are data, kept as is.
    """
    fields: list[tuple[str, str | list[str]]] = []
    if title:
        fields.append(("title", one_line(title)))
    if meta.subtitle.strip():
        fields.append(("subtitle", one_line(meta.subtitle.strip())))
    if meta.author.strip():
        fields.append(("author", one_line(meta.author.strip())))
    if meta.date:
        fields.append(("date", one_line(meta.date)))
    if meta.keywords:
        fields.append(("keywords", [one_line(k) for k in meta.keywords]))
    if meta.subject.strip():
        fields.append(("subject", one_line(meta.subject.strip())))
    fields.append(("lang", meta.lang or "zh-CN"))
    source = meta.url or meta.source_title
    if source:
        fields.append(("source", source))
    lines = ["---"]
    for key, value in fields:
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_yaml(v)}" for v in value)
        else:
            lines.append(f"{key}: {_yaml(value)}")
    lines.append("---")
    return "\n".join(lines)


def _yaml(text: str) -> str:
    """A YAML scalar that reads back as exactly `text`: single-quoted (no backslash escapes,
    so escaped Markdown stays readable), or as a JSON string, which YAML reads as a
    double-quoted scalar, when it holds characters YAML must not see raw."""
    if not _YAML_RAW.search(text):
        return "'" + text.replace("'", "''") + "'"
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def render(doc: Document) -> str:
    meta = doc.meta
    title = meta.title.strip()
    parts = [front_matter(meta, title)]
    if title:
        parts.append(f"# {one_line(title)}")
    if meta.subtitle.strip():
        parts.append(inline(meta.subtitle.strip()))
    previous: object = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * (block.level + 1)} {one_line(block.text)}".rstrip())
        elif not block.text.strip():
            continue  # an empty paragraph has no Markdown form
        elif isinstance(block, Paragraph):
            parts.append(lead(block) if block.lead else inline(block.text))
        elif isinstance(block, Note):
            parts.append("\n".join(f"> {line}" for line in inline(block.text).split("\n")))
        elif isinstance(block, Table):
            parts.append(table(block))
        elif isinstance(block, Item):
            entry = f"- {escape(block.text)}"
            if isinstance(previous, Item):
                parts[-1] += "\n" + entry  # one tight list, not a list per item
            else:
                parts.append(entry)
        previous = block
    return "\n\n".join(parts) + "\n"


def table(block: Table) -> str:
    """A GFM pipe table. GFM has exactly one header row: a table without one gets an empty
    header row (the reader reads that back as none), further header rows become body rows."""
    rows = [[escape(cell) if cell.strip() else "" for cell in row] for row in block.rows]
    head = rows[0] if block.header else [""] * block.columns
    body = rows[1:] if block.header else rows
    lines = [_row(head), "|" + "|".join(" --- " for _ in head) + "|"]
    lines += [_row(r) for r in body]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "|" + "|".join(f" {c} " for c in cells) + "|"


def one_line(text: str) -> str:
    # A heading or a metadata value is one line: line breaks inside one become spaces.
    return escape(" ".join(_BREAK.split(text)))


class MarkdownWriter(Writer):
    name = "md"
    extension = ".md"
    binary = False
    media_type = "text/markdown"
    description = "Markdown (CommonMark/GFM) with YAML front matter"

    def render(self, doc: Document, out: BinaryIO, style: Style) -> list[Diagnostic]:
        out.write(render(doc).encode("utf-8"))
        return []
