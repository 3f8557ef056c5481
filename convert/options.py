"""Options as values: what shapes reading a page and what shapes writing a document.

One frozen value of each is handed through `read`, `convert_file`, the command line, a batch
`Job` and its worker processes, instead of each passing the same keywords on. Both compare and
hash by value, so a batch can fingerprint them, and pickle, so workers receive them whole.

    from convert import ReadOptions, WriteOptions, read, write
    doc = read("page.html", ReadOptions(repair=False, metadata={"author": "区政府办"}))
    write(doc, "page.pdf", options=WriteOptions(fonts={"body": "FangSong.ttf"}))
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

from .errors import DocconvError

#: Document facts `-M key=value` may set (pandoc's names), and how each is given.
METADATA_KEYS = ("title", "subtitle", "author", "date", "keywords", "subject")


class OptionError(DocconvError):
    """An option docconv does not know, or a value it cannot take."""

    exit_code = 2


def _pairs(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), v) for k, v in items)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How a page is read, cleaned, structured and repaired."""

    site: str | None = None  # a site profile's name instead of recognising the site
    # False: chrome removed and paragraphs split, the text left as it was. None: the input
    # kind's default (a page is repaired; docconv's own JSON and Markdown are not).
    repair: bool | None = None
    repair_rules: str | None = None  # e.g. "-swaps,+width"
    format: str | None = None  # a reader's name instead of sniffing the content
    sites_dirs: tuple[Path, ...] = ()  # folders of extra site profiles
    exclude_sites: tuple[str, ...] = ()  # profiles never recognised (the generic rules stay)
    max_bytes: int | None = None  # input limit (default: DOCCONV_MAX_INPUT_MB, else 100 MB)
    metadata: tuple[tuple[str, str], ...] = ()  # facts that replace what the page says

    def __post_init__(self) -> None:
        # Accept what callers naturally have (a list of str, a dict) and keep it hashable.
        set_ = object.__setattr__
        set_(self, "sites_dirs", tuple(Path(os.fspath(d)) for d in self.sites_dirs))
        set_(self, "exclude_sites", tuple(str(n) for n in self.exclude_sites))
        meta = _pairs(self.metadata)
        for key, _ in meta:
            if key not in METADATA_KEYS:
                raise OptionError(
                    f"unknown metadata field {key!r} (fields: {', '.join(METADATA_KEYS)})"
                )
        set_(self, "metadata", tuple((k, str(v)) for k, v in meta))

    def replace(self, **changes: Any) -> ReadOptions:
        return _replace(self, "read", changes)


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """What the writers take beyond the document and the style sheet. Each writer uses those
    that concern its format (fonts: PDF and EPUB; embed_fonts: EPUB; toc, reference_doc:
    DOCX)."""

    fonts: tuple[tuple[str, Path], ...] = ()  # (style role, TrueType file) overrides
    embed_fonts: bool = False  # EPUB: embed subsets of the fonts used
    toc: bool = False  # DOCX: a table-of-contents field after the title
    reference_doc: Path | None = None  # DOCX: a document whose styles replace the sheet's

    def __post_init__(self) -> None:
        pairs = _pairs(self.fonts)
        check_font_roles(role for role, _ in pairs)
        object.__setattr__(self, "fonts", tuple((r, Path(os.fspath(p))) for r, p in pairs))
        if self.reference_doc is not None:
            object.__setattr__(self, "reference_doc", Path(os.fspath(self.reference_doc)))

    def replace(self, **changes: Any) -> WriteOptions:
        return _replace(self, "writer", changes)

    def writer_kwargs(self) -> dict[str, object]:
        """The keywords a Writer class is constructed with."""
        return {
            "fonts": dict(self.fonts),
            "embed_fonts": self.embed_fonts,
            "toc": self.toc,
            "reference_doc": self.reference_doc,
        }


def check_font_roles(roles: Iterable[str]) -> None:
    """A font override names a role of the style sheets: any other would be ignored."""
    roles = list(roles)
    if not roles:
        return
    from .styles import ROLE_NAMES  # only when there are fonts: styles is not light

    for role in roles:
        if role not in ROLE_NAMES:
            raise OptionError(f"unknown font role {role!r} (roles: {', '.join(ROLE_NAMES)})")


Opts = TypeVar("Opts", "ReadOptions", "WriteOptions")


def names(cls: type[ReadOptions] | type[WriteOptions]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _replace(value: Opts, kind: str, changes: dict[str, Any]) -> Opts:
    known = names(type(value))
    unknown = [k for k in changes if k not in known]
    if unknown:
        raise OptionError(f"unknown {kind} option {unknown[0]!r} (options: {', '.join(known)})")
    return dataclasses.replace(value, **changes) if changes else value


def split(
    changes: dict[str, Any],
    read: ReadOptions | None = None,
    write: WriteOptions | None = None,
) -> tuple[ReadOptions, WriteOptions]:
    """Keywords of `convert_file` sorted into the two values; an unknown one is an error."""
    read_names, write_names = names(ReadOptions), names(WriteOptions)
    for key in changes:
        if key not in read_names and key not in write_names:
            known = ", ".join((*read_names, *write_names))
            raise OptionError(f"unknown option {key!r} (options: {known})")
    r = (read or ReadOptions()).replace(**{k: v for k, v in changes.items() if k in read_names})
    w = (write or WriteOptions()).replace(**{k: v for k, v in changes.items() if k in write_names})
    return r, w
