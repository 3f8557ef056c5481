"""Structure: cleaned lines → the document model.

Paragraphs are split out of flattened lines; then, in reading order, the title, a
salutation, headings (by numbering, in sequence), run-in headings and leads, and the closing
roles (closing words, signature, date) are recognised. Text is never changed here beyond
splitting; repairs are a later, optional stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..clean import Cleaned
from ..model import Block, Document, Heading, LabelKind, Meta, Note, Paragraph, Removed, Role
from . import labels
from .headings import Outline, shape
from .leads import find_lead
from .paragraphs import split_flattened
from .titles import clean_file_title, is_title_like

_SALUTATION = re.compile(r"^[^。！？!?，,；;]{1,40}[:：]$")
_SALUTATION_HEAD = re.compile(
    r"^((?:尊敬的|亲爱的|各位|同志们|女士们|先生们|朋友们|老师们|同学们|大家)[^。！？!?；;:：]{0,40}[:：])\s*(\S.*)$"
)
_CLOSING = re.compile(r"^(?:谢谢(?:大家|各位|您|你们)?|再次(?:感谢|谢谢).{0,20}|完)[!！。.]?$")
_DATE = re.compile(
    r"^[（(]?(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日[）)]?$"
)
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]")
_NOTE = re.compile(r"^(?:注|备注|附注)\s*\d*\s*[:：]")
_FINAL = re.compile(r"[。！？!?…”’」』）)》.]$")
_SUBTITLE = re.compile(r"^(?:——|--|—).{2,60}$|^[（(][^（）()]{2,40}[）)]$")
_HINT_RANK = {f"h{i}": i - 10 for i in range(1, 7)}  # heading elements sit above numbered kinds


@dataclass(slots=True)
class _Para:
    text: str
    hint: str
    line: int


def build(cleaned: Cleaned) -> Document:
    paras = _paragraphs(cleaned)
    removed = list(cleaned.removed)
    fields = cleaned.fields
    profile = cleaned.profile
    noise = profile.title_noise if profile else ()
    source = cleaned.source
    file_title = clean_file_title(fields.get("source_title", ""), noise)

    title, subtitle = "", ""
    if paras and is_title_like(paras[0].text, paras[0].hint):
        title = paras.pop(0).text
        if paras and _SUBTITLE.match(paras[0].text):
            subtitle = paras.pop(0).text
    # Sites repeat the title (file name, file name without extension, title line…).
    known = {t for t in (title, file_title) if t}
    while paras and paras[0].text in known:
        gone = paras.pop(0)
        removed.append(Removed(gone.text, "structure:repeated-title", gone.line))
    if not title:
        title = file_title or (clean_file_title(source.page_title, noise) if source else "")

    blocks = _blocks(paras)
    pages = _int(fields.get("pages", ""))
    pages_shown = _int(fields.get("pages_shown", ""))
    meta = Meta(
        title=title,
        subtitle=subtitle,
        source_title=fields.get("source_title", "") or (source.page_title if source else ""),
        site="" if not profile or profile.name == "generic" else profile.name,
        url=source.url if source else "",
        doc_id=fields.get("doc_id", ""),
        pages=pages,
        pages_shown=pages_shown,
        format=fields.get("format", "").upper(),
        size=fields.get("size", ""),
        date=_iso_date(fields.get("date", "")),
        author=fields.get("author", ""),
        keywords=cleaned.keywords,
        truncated=_truncated(blocks, pages, pages_shown),
        removed=tuple(removed),
    )
    return Document(meta=meta, blocks=tuple(blocks))


def _paragraphs(cleaned: Cleaned) -> list[_Para]:
    out: list[_Para] = []
    for line in cleaned.lines:
        if line.hint in _HINT_RANK or line.hint == "pre":
            out.append(_Para(line.text.strip(), line.hint, line.number))
            continue
        out.extend(_Para(p, line.hint, line.number) for p in split_flattened(line.text))
    return out


def _blocks(paras: list[_Para]) -> list[Block]:
    blocks: list[Block] = []
    outline = Outline()
    for i, para in enumerate(paras):
        text = para.text
        if not blocks and i < 3:
            if _SALUTATION.match(text):
                blocks.append(Paragraph(text, "salutation"))
                continue
            if m := _SALUTATION_HEAD.match(text):
                blocks.append(Paragraph(m.group(1), "salutation"))
                text = m.group(2)
        heading = _heading(text, para.hint, outline)
        if heading:
            blocks.extend(heading)
            continue
        if _NOTE.match(text):
            blocks.append(Note(text))
            continue
        role: Role = "attachment" if _ATTACHMENT.match(text) else "body"
        blocks.append(Paragraph(text, role, find_lead(text) if role == "body" else ""))
    return _closing_roles(blocks)


def _heading(text: str, hint: str, outline: Outline) -> list[Block] | None:
    label = labels.match(text)
    if label is None:
        if hint in _HINT_RANK:
            return [Heading(outline.accept_unnumbered(hint, _HINT_RANK[hint]), text)]
        return None
    if label.kind == "article":
        return None  # 第一条… is an article: a paragraph whose label is its lead
    form = shape(text, label)
    if form.kind == "text" and hint not in _HINT_RANK:
        return None
    level = outline.accept(label)
    if level is None:
        return None
    kind: LabelKind = label.kind  # "article" returned above
    if form.kind == "runin":
        head, rest = text[: form.split], text[form.split :].lstrip()
        return [Heading(level, head, label.text, kind, runin=True), Paragraph(rest, "body")]
    return [Heading(level, text, label.text, kind)]


def _closing_roles(blocks: list[Block]) -> list[Block]:
    """Closing words, signature and date at the end of the document."""
    tail = len(blocks) - 1
    for i in range(len(blocks) - 1, max(-1, len(blocks) - 5), -1):
        b = blocks[i]
        if not isinstance(b, Paragraph) or b.role != "body":
            break
        role: Role | None = None
        if _DATE.match(b.text):
            role = "date"
        elif _CLOSING.match(b.text):
            role = "closing"
        elif (
            i < tail
            and len(b.text) <= 25
            and not re.search(r"[。，,；;！!？?:：]", b.text)
            and isinstance(blocks[i + 1], Paragraph)
            and blocks[i + 1].role in ("date", "signature")  # type: ignore[union-attr]
        ):
            role = "signature"
        if role is None:
            break
        blocks[i] = Paragraph(b.text, role)
    return blocks


def _truncated(blocks: list[Block], pages: int | None, shown: int | None) -> bool:
    if pages and shown and shown < pages:
        return True
    if not blocks:
        return False
    last = blocks[-1]
    if isinstance(last, Paragraph) and last.role in ("date", "signature", "closing"):
        return False
    return not _FINAL.search(last.text)


def _int(text: str) -> int | None:
    m = re.search(r"\d+", text)
    return int(m.group(0)) if m else None


def _iso_date(text: str) -> str:
    m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text)
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"
