"""Markdown, as docconv writes it (`--to md`) or as a person writes it in the same shape.

Parsed with markdown-it-py (CommonMark, GFM tables). What it reads:
- YAML front matter: title, subtitle, author, date, keywords, subject, lang, source;
- the title: the front matter's, else a first `#` heading standing alone at the top;
- headings by level (`##` is level 1 under a `#` title, as the writer makes them; a file
  without front matter starts at its shallowest heading), numbering labels recognised in them;
- paragraphs (soft line breaks joined, hard ones kept), a bold start as the paragraph's lead,
  block quotes as notes, list items as list items (an ordered list's number as their label;
  an entry starting with a label of its own, A. or 1., keeps it), GFM pipe tables as tables;
- the roles a page's structure would give (salutation first; closing words, signature, date
  last), found by the same rules.
There is no chrome to clean here, and no repair unless asked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from ..errors import InputError
from ..model import Block, Document, Heading, Item, Meta, Note, Paragraph, Table
from ..zh.chars import is_wide
from .base import DocumentReader
from .encoding import decode

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_LEAD_STOPS = "。：:"  # a lead sentence ends in one of these (structure.leads)
_MAX_LEVEL = 4


def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def front_matter(text: str, what: str) -> tuple[dict[str, Any], str]:
    """The front matter's fields and the text after it."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    import yaml

    try:
        fields = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(f"{what}: the front matter is not valid YAML{where}") from None
    if not isinstance(fields, dict):
        raise InputError(f"{what}: the front matter is not a set of key: value lines")
    return fields, text[m.end() :]


def _string(fields: dict[str, Any], key: str) -> str:
    value = fields.get(key)
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _unescape(text: str) -> str:
    """A metadata value as text: the writer escapes it as Markdown (pandoc reads it so)."""
    tokens = _parser().parseInline(text)
    return _inline(tokens[0]).text.strip() if tokens else ""


def _meta(fields: dict[str, Any]) -> Meta:
    keywords = fields.get("keywords") or ()
    if isinstance(keywords, str):
        keywords = [k for k in re.split(r"[,，、;；]\s*", keywords) if k]
    source = _string(fields, "source").strip()
    url = source if re.match(r"^https?://", source, re.IGNORECASE) else ""
    return Meta(
        title=_unescape(_string(fields, "title")),
        subtitle=_unescape(_string(fields, "subtitle")),
        author=_unescape(_string(fields, "author")),
        date=_unescape(_string(fields, "date")),
        keywords=tuple(k for k in (_unescape(str(k)) for k in keywords) if k),
        subject=_unescape(_string(fields, "subject")),
        lang=_string(fields, "lang").strip() or "zh-CN",
        url=url,
        source_title="" if url else source,
    )


def _join_soft(before: str, after: str) -> str:
    """A soft line break: nothing between two Chinese characters, a space elsewhere."""
    if not before or not after:
        return ""
    return "" if is_wide(before[-1]) or is_wide(after[0]) else " "


@dataclass
class _Inline:
    text: str = ""
    lead: str = ""


def _inline(token: Any) -> _Inline:
    """The text of an inline token, and its lead: a bold span it starts with."""
    out = _Inline()
    bold: str | None = None
    lead_open = True  # only a bold span at the very start is a lead
    pending_soft = False
    for child in token.children or []:
        t = child.type
        piece = ""
        if t in ("text", "code_inline"):
            piece = child.content
        elif t == "softbreak":
            pending_soft = True
            continue
        elif t == "hardbreak":
            piece = "\n"
        elif t == "strong_open":
            if lead_open and not out.text:
                bold = ""
            continue
        elif t == "strong_close":
            if bold is not None:
                out.lead = bold
                bold = None
            lead_open = False
            continue
        elif t == "image":
            piece = child.content
        else:
            continue  # emphasis and link markers: their text comes as text children
        if pending_soft:
            out.text += _join_soft(out.text, piece)
            pending_soft = False
        out.text += piece
        if bold is not None:
            bold += piece
        elif piece:
            lead_open = False
    if out.lead:
        out.lead = _whole_lead(out.text, out.lead)
    return out


def _whole_lead(text: str, bold: str) -> str:
    """The writer ends the bold before a lead's final 。 where CommonMark would not close it
    after the mark (**一是政府推动**。一方面…): the lead takes that stop back. An article label
    (第一条) has no stop, so the lead rule structure uses decides between the two."""
    if not text.startswith(bold) or not bold.strip():
        return ""
    rest = text[len(bold) :]
    if not rest or bold[-1] in _LEAD_STOPS or rest[0] not in _LEAD_STOPS:
        return bold
    from ..structure.leads import find_lead

    found = find_lead(text)
    if found in (bold, bold + rest[0]):
        return found
    after = rest[1:2]
    # The writer only stops short when the next character could not follow a closing **.
    return bold + rest[0] if after and not after.isspace() and not _punct(after) else bold


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def read_document(data: bytes, *, name: str = "") -> Document:
    text, _, _ = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    what = name or "input"
    fields, body = front_matter(text, what)
    meta = _meta(fields)
    tokens = _parser().parse(body)
    items = _items(tokens)
    # The writer's shape: `#` is the title and `##` level 1. Otherwise a `#` heading standing
    # first and alone is the title, and levels start at the shallowest heading.
    title = meta.title
    base = 0
    if items and items[0][:2] == ("h", 1):
        first = items[0][2]
        if first == title or (not title and sum(i[:2] == ("h", 1) for i in items) == 1):
            title, items, base = first, items[1:], 2
    if meta.subtitle and items and items[0][0] == "p" and items[0][2] == meta.subtitle:
        items = items[1:]
    depths = [item[1] for item in items if item[0] == "h"]
    # docconv's own output (front matter, no `#` left) starts its headings at `##`.
    base = base or (2 if fields and 1 not in depths else min(depths, default=1))
    blocks: list[Block] = []
    for kind, depth, content, lead in items:
        if kind == "h":
            blocks.append(_heading(content, max(1, min(_MAX_LEVEL, depth - base + 1))))
        elif kind == "q":
            blocks.append(Note(content))
        elif kind == "t":
            table = _table(content, depth)
            if table is not None:
                blocks.append(table)
        elif kind == "i":
            from ..zh.labels import item_label

            text = _CELL_BREAK.sub(" ", content)
            blocks.append(Item(text, item_label(text)))
        else:
            blocks.append(Paragraph(content, "body", lead))
    from ..structure import assign_roles

    blocks = assign_roles(blocks)
    return Document(meta=replace(meta, title=title), blocks=tuple(blocks))


def _heading(text: str, level: int) -> Heading:
    from ..zh import labels

    label = labels.match(text)
    if label is None or label.kind == "article":
        return Heading(level, text)
    return Heading(level, text, label.text, label.kind)


def _items(tokens: list[Any]) -> list[tuple[str, int, str, str]]:
    """(kind, depth, text, lead) per block: "h" headings with their `#` count, "p" paragraphs,
    "q" block quotes (their paragraphs joined by line breaks), "t" tables (their header row
    count, and the cells joined by tabs and line breaks as Table.text joins them), "i" list
    items (an ordered list's number before the text)."""
    items: list[tuple[str, int, str, str]] = []
    quote: list[str] | None = None
    depth = 0
    lists = 0  # list items open
    number = ""  # an ordered list item's number, for its first paragraph
    rows: list[list[str]] | None = None  # a GFM table's rows, while in one
    header = 0
    for tok in tokens:
        t = tok.type
        if rows is not None:
            if t == "tr_open":
                rows.append([])
            elif t == "inline" and rows:
                rows[-1].append(_CELL_BREAK.sub(" ", _inline(tok).text).strip())
            elif t == "thead_close":
                header = len(rows)
            elif t == "table_close":
                items.append(("t", _header(rows, header), _table_text(rows), ""))
                rows = None
            continue
        if t == "table_open":
            rows, header = [], 0
        elif t == "heading_open":
            depth = int(tok.tag[1:])
        elif t == "list_item_open":
            lists += 1
            number = f"{tok.info}{tok.markup} " if tok.info else ""
        elif t == "list_item_close":
            lists -= 1
        elif t == "blockquote_open":
            quote = [] if quote is None else quote
        elif t == "blockquote_close":
            if quote:
                items.append(("q", 0, "\n".join(quote), ""))
            quote = None
        elif t == "inline":
            inline = _inline(tok)
            if not inline.text.strip():
                continue
            if quote is not None:
                quote.append(inline.text)
            elif depth:
                items.append(("h", depth, inline.text, ""))
            elif lists:
                items.append(("i", 0, number + inline.text, ""))
                number = ""
            else:
                items.append(("p", 0, inline.text, inline.lead))
        elif t == "heading_close":
            depth = 0
        elif t in ("fence", "code_block") and tok.content.strip():
            items.append(("p", 0, tok.content.rstrip("\n"), ""))
    return items


_CELL_BREAK = re.compile(r"[\t\r\n]+")


def _header(rows: list[list[str]], header: int) -> int:
    """GFM always has a header row; an empty one (how docconv writes a table without a
    header) is none."""
    return 0 if header and not any(rows[0]) else header


def _table_text(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)  # GFM pads short rows; a hand-written one may be short
    return "\n".join("\t".join(r + [""] * (width - len(r))) for r in rows)


def _table(text: str, header: int) -> Table | None:
    rows = tuple(tuple(line.split("\t")) for line in text.split("\n"))
    if header == 0 and not any(rows[0]):
        rows = rows[1:]
    return Table(rows, header) if rows and any(any(r) for r in rows) else None


class MarkdownReader(DocumentReader):
    name = "md"
    extensions = (".md", ".markdown")
    description = "Markdown (as docconv writes it, or hand-written in the same shape)"

    def read_document(self, data: bytes, *, name: str = "") -> Document:
        return read_document(data, name=name)
