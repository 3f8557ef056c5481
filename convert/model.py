"""The document model: what readers and cleaning produce and what every writer consumes.

It knows nothing of any input or output format. Every node is a frozen, slotted dataclass
and collections are tuples, so a Document can be shared between writers (and processes)
without anyone changing it behind another's back; transforms use `dataclasses.replace`.

Each block keeps its full display text in `text` (a heading's label and a paragraph's lead
included); `label` and `lead` are prefixes of it. Writers that style the prefix differently
slice it off; writers that do not can ignore it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

MODEL_VERSION = 1

#: How a heading is numbered. The kind decides the font in the gongwen style
#: (一、 黑体, （一） 楷体, 1. and （1） 仿宋) and the nesting order between kinds.
LabelKind: TypeAlias = Literal[
    "part",  # 第一部分
    "chapter",  # 第一章
    "section",  # 第一节
    "ordinal",  # 第一，
    "cn",  # 一、
    "cn-paren",  # （一）
    "num",  # 1.  1、
    "num-paren",  # （1）
    "num-half-paren",  # 1)
    "circled",  # ①
    "decimal",  # 1.1  3.2.1
    "none",  # a heading without a numbering label (e.g. an HTML <h2>)
]

#: What a paragraph is for. Writers style each role separately.
Role: TypeAlias = Literal[
    "body",
    "salutation",  # 同志们：
    "closing",  # 谢谢大家！
    "signature",  # the speaker or issuing body at the end
    "date",  # the date line at the end
    "attachment",  # 附件：…
]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1..4: nesting depth of this heading's numbering in this document
    text: str  # full display text, label included
    label: str = ""  # e.g. "一、", "（一）", "1."; a prefix of text
    kind: LabelKind = "none"
    runin: bool = False  # the page ran this heading into the paragraph that follows it

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 4:
            raise ValueError(f"heading level must be 1-4, not {self.level}")
        if not self.text.startswith(self.label):
            raise ValueError(f"heading text {self.text!r} does not start with {self.label!r}")

    @property
    def content(self) -> str:
        """The heading's words without its label."""
        return self.text[len(self.label) :]


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str  # full display text, lead included
    role: Role = "body"
    lead: str = ""  # a run-in lead such as "一是政府推动。"; a prefix of text

    def __post_init__(self) -> None:
        if not self.text.startswith(self.lead):
            raise ValueError(f"paragraph text {self.text[:20]!r}… does not start with its lead")

    @property
    def rest(self) -> str:
        """The paragraph's text after its lead."""
        return self.text[len(self.lead) :]


@dataclass(frozen=True, slots=True)
class Note:
    """A remark that is not part of the running text (注：…, 备注：…)."""

    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells, every row as wide as the others; the first `header` rows head the
    columns. `text` is the cells joined (tabs between cells, newlines between rows), so what
    reads a block's text (repair, plain_text, search) reads a table too."""

    rows: tuple[tuple[str, ...], ...]
    header: int = 0

    def __post_init__(self) -> None:
        if not self.rows or not self.rows[0]:
            raise ValueError("a table has at least one row of one cell")
        if any(len(row) != len(self.rows[0]) for row in self.rows):
            raise ValueError("every row of a table has the same number of cells")
        if not 0 <= self.header <= len(self.rows):
            raise ValueError(f"header rows must be 0-{len(self.rows)}, not {self.header}")
        if any("\t" in cell or "\n" in cell for row in self.rows for cell in row):
            raise ValueError("a table cell holds no tab or line break")

    @property
    def text(self) -> str:
        return "\n".join("\t".join(row) for row in self.rows)

    @property
    def columns(self) -> int:
        return len(self.rows[0])

    def with_text(self, text: str) -> Table:
        """This table with its cells' texts replaced by `text` of the same shape (repair
        edits inside cells); itself when the shape differs."""
        rows = tuple(tuple(line.split("\t")) for line in text.split("\n"))
        if len(rows) != len(self.rows) or any(len(r) != self.columns for r in rows):
            return self
        return Table(rows, self.header)


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a list: an `<li>` of the page or an exam paper's option (A. …).

    `label` is the entry's own marker as the page wrote it ("A.", "1.", "（2）"), a prefix of
    `text`; an empty label is a bullet, which writers draw themselves. Consecutive items
    make one list."""

    text: str
    label: str = ""

    def __post_init__(self) -> None:
        if not self.text.startswith(self.label):
            raise ValueError(f"item text {self.text[:20]!r} does not start with {self.label!r}")
        if "\n" in self.text:
            raise ValueError("a list item holds no line break")

    @property
    def content(self) -> str:
        """The item's words without its label."""
        return self.text[len(self.label) :].lstrip()


Block: TypeAlias = Heading | Paragraph | Note | Table | Item


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the page that cleaning took out, and the rule that took it."""

    text: str
    rule: str  # stable id, "<profile>:<rule>"
    line: int | None = None  # 1-based line in the reader's text, when known
    score: float | None = None  # the chrome scorer's probability, when it decided
    detail: str = ""  # where the rule lives and what matched, for `docconv inspect`


@dataclass(frozen=True, slots=True)
class Change:
    """One edit the repair stage made to the text (or, with `after is None`, only flagged)."""

    block: int  # index into Document.blocks
    start: int  # character offset in that block's text before the edit
    before: str
    after: str | None
    rule: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Meta:
    title: str = ""
    subtitle: str = ""
    source_title: str = ""  # the title the site showed (often the file name)
    site: str = ""  # profile name of the site the page came from, "" if unknown
    url: str = ""
    doc_id: str = ""
    pages: int | None = None  # page count the site states
    pages_shown: int | None = None  # pages the preview actually showed, when countable
    format: str = ""  # the original file's format as the site states it (DOC, PDF…)
    size: str = ""
    date: str = ""  # upload date, ISO 8601 (YYYY-MM-DD) when known
    author: str = ""
    keywords: tuple[str, ...] = ()
    subject: str = ""  # what the document is about, as the user states it (-M subject=…)
    truncated: bool = False
    lang: str = "zh-CN"
    removed: tuple[Removed, ...] = ()
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta = field(default_factory=Meta)
    blocks: tuple[Block, ...] = ()

    @property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Heading))

    def plain_text(self) -> str:
        """Title and block texts, one per line: what every writer must reproduce."""
        lines = [self.meta.title] if self.meta.title else []
        if self.meta.subtitle:
            lines.append(self.meta.subtitle)
        lines.extend(b.text for b in self.blocks)
        return "\n".join(lines)
