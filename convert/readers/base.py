"""What a reader hands to cleaning: lines of text plus hints, never a document model."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from ..model import Document

#: Line hints. "chrome": the page put the line in a header, footer, aside or navigation
#: element; "h1".."h6": it was a heading element, or (reader layouts) type that large or bold;
#: "p": one paragraph as the page sets it (a reader layout's), not to be split or rejoined;
#: "pre": preformatted text; "th"/"tr": a table's header row or other row, cells tab-separated;
#: "li": an entry of a list (<li>), neither split nor joined to its neighbours.
Hint = str


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    hint: Hint = ""
    number: int = 0  # 1-based position in the reader's output


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded page: its visible text as lines, and what the page said about itself."""

    lines: tuple[Line, ...]
    format: str  # "html", "mhtml", "txt"
    encoding: str = ""
    name: str = ""  # the input's file name, when known
    url: str = ""
    page_title: str = ""  # <title>
    keywords: tuple[str, ...] = ()  # <meta name="keywords">
    description: str = ""  # <meta name="description">
    warnings: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # the page's title candidates (its <h1>s, a reader's doc info)
    pages: int | None = None  # pages the document has, as the page's reader shows them
    pages_shown: int | None = None  # pages whose text the saved page holds
    doc_format: str = ""  # the original file's type as the page's data state it (doc, pdf…)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def number_lines(texts: list[tuple[str, Hint]]) -> tuple[Line, ...]:
    return tuple(Line(text, hint, i) for i, (text, hint) in enumerate(texts, 1))


class Reader(ABC):
    """A reader plugin: subclass it and register it under the `docconv.readers` entry point
    group. `sniff` claims inputs by content (the first 4 kB); `extensions` by name."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]] = ()
    #: read() takes `resources=` (a function from an image's address to its bytes), to read
    #: image-only pages by OCR from the files a browser saved with the page.
    takes_resources: ClassVar[bool] = False
    description: ClassVar[str] = ""  # one line for `docconv formats`

    def sniff(self, head: bytes, name: str) -> bool:
        return False

    @abstractmethod
    def read(self, data: bytes, *, name: str = "") -> Source:
        """The input's text as lines with hints; never a document model."""


class DocumentReader(Reader):
    """A reader of a format that already holds a document (docconv's own JSON view, its
    Markdown): it builds the model itself, so cleaning and structure do not run, and repair
    only when asked. `read` gives the document's lines, for tools that want text."""

    @abstractmethod
    def read_document(self, data: bytes, *, name: str = "") -> Document:
        """The document the input holds."""

    def read(self, data: bytes, *, name: str = "") -> Source:
        doc = self.read_document(data, name=name)
        lines = number_lines([(line, "") for line in doc.plain_text().split("\n")])
        return Source(lines=lines, format=self.name, encoding="utf-8", name=name)
