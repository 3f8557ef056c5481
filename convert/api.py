"""The library API: read a page into a Document, write a Document, or both at once.

from convert import read, write, convert_file
doc = read("speech.html")
write(doc, "speech.docx")                    # format from the extension
convert_file("speech.html", to=["docx", "pdf"])
doc = read("speech.html", ReadOptions(repair=False))   # or read("speech.html", repair=False)
"""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from . import styles as styles_mod
from .diagnostics import Diagnostic
from .errors import NoContentError, OutputError, UnknownFormatError
from .fileio import atomic_output, check_not_input, check_size, max_input_bytes, read_input
from .model import Document
from .options import ReadOptions, WriteOptions, split
from .readers.base import DocumentReader, Line
from .styles import Style

if TYPE_CHECKING:  # structure is imported when a page is read, not with the library
    from .structure.choose import Candidate

PathLike = str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class Result:
    """What `convert_file` did: the files it wrote and the warnings on the way."""

    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def read(
    source: PathLike | bytes,
    options: ReadOptions | None = None,
    *,
    name: str = "",
    **changes: Any,
) -> Document:
    """Read a saved preview page (a path, or its bytes) into a Document.

    `options` (a ReadOptions) says how; keywords change single fields of it, e.g.
    `read(path, repair=False)` keeps the text as the page had it, `repair_rules="-swaps"`
    switches single repair rules. Inputs over `max_bytes` (default: DOCCONV_MAX_INPUT_MB,
    else 100 MB) are refused."""
    return read_detailed(source, options, name=name, **changes).document


@dataclass(frozen=True, slots=True)
class Reading:
    """A document with what was learnt on the way: how the input was read, which site
    profile cleaned it, and the warnings (what `docconv inspect` shows)."""

    document: Document
    source_format: str  # "html", "mhtml", "txt"
    encoding: str
    site_label: str  # the profile's description, e.g. "汇文网"; "" for the generic one
    warnings: list[Diagnostic] = field(default_factory=list)
    lines: tuple[Line, ...] = ()  # the reader's text, line by line (what inspect shows)
    page_title: str = ""  # the page's <title>, one of the title candidates
    #: The title candidates, best first, each with the evidence that scored it.
    title_candidates: tuple[Candidate, ...] = ()


def read_detailed(
    source: PathLike | bytes,
    options: ReadOptions | None = None,
    *,
    name: str = "",
    **changes: Any,
) -> Reading:
    """Like `read`, keeping how the input was read and the warnings."""
    from . import readers, structure
    from .clean import clean

    opts = (options or ReadOptions()).replace(**changes)
    path: Path | None = None
    if isinstance(source, bytes):
        data = source
        check_size(len(data), max_input_bytes(opts.max_bytes), name)
    else:
        path = Path(source)
        data = read_input(path, opts.max_bytes)
        name = name or path.name
    reader = readers.choose(data, name=name, format=opts.format)
    if isinstance(reader, DocumentReader):
        return _read_document(reader, data, name, opts)
    src = readers.read_with(reader, data, name=name, path=path)
    cleaned = clean(
        src,
        site=opts.site,
        sites_dirs=list(opts.sites_dirs),
        exclude_sites=opts.exclude_sites,
    )
    doc, titles = structure.build_detailed(cleaned)
    if not doc.blocks and not doc.meta.title:
        raise NoContentError(
            f"{name or 'input'}: no document text left once the site's chrome is removed"
        )
    warnings = [Diagnostic("input", w) for w in src.warnings]
    if not doc.blocks:
        warnings.append(Diagnostic("no-text", "the page holds a title but no document text"))
    if truncation := truncation_text(doc):
        warnings.append(Diagnostic("truncated", truncation))
    if opts.repair is not False:  # None: the input kind's default (a page is repaired)
        from .repair import repair as run_repair

        doc = run_repair(doc, opts.repair_rules)
    if opts.metadata:
        doc = with_metadata(doc, opts.metadata)
    profile = cleaned.profile
    label = profile.label if profile and profile.name != "generic" else ""
    return Reading(
        doc, src.format, src.encoding, label, warnings, src.lines, src.page_title, titles
    )


def _read_document(reader: DocumentReader, data: bytes, name: str, opts: ReadOptions) -> Reading:
    """An input that already holds a document (docconv's JSON view, Markdown): no cleaning
    and no structure; repaired only when asked (repair=True, or repair rules given)."""
    from .safetext import safe_document, warning_text

    doc = reader.read_document(data, name=name)
    if opts.repair or (opts.repair is None and opts.repair_rules is not None):
        from .repair import repair as run_repair

        doc = run_repair(doc, opts.repair_rules)
    if opts.metadata:
        doc = with_metadata(doc, opts.metadata)
    # What a reader gives is checked as a page's text is: no characters no output can hold.
    doc, removed = safe_document(doc)
    warnings = [Diagnostic("input", warning_text(removed))] if removed else []
    return Reading(doc, reader.name, "utf-8", "", warnings)


def truncation_text(doc: Document) -> str:
    """What a truncated preview lacks, as precisely as the page says; "" when only the
    last paragraph's missing full stop suggests it (too weak a sign to warn about)."""
    meta = doc.meta
    if not meta.truncated:
        return ""
    if meta.pages and meta.pages_shown and meta.pages_shown < meta.pages:
        return (
            f"the preview shows {meta.pages_shown} of {meta.pages} pages; "
            "the output holds only those"
        )
    marked = any(r.rule.endswith("truncation-mark") for r in meta.removed)
    if meta.pages or marked:
        of = f" (the document has {meta.pages} pages)" if meta.pages else ""
        return f"the preview stops before the end{of}; the output holds only what it showed"
    return ""


def with_metadata(doc: Document, metadata: Iterable[tuple[str, str]]) -> Document:
    """`-M key=value`: the user's facts replace what the page said."""
    changes: dict[str, Any] = {}
    for key, value in metadata:
        if key == "keywords":
            changes[key] = tuple(
                k.strip() for k in value.replace("，", ",").split(",") if k.strip()
            )
        else:
            changes[key] = value
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, **changes))


def load_style(style: str | PathLike | Style) -> Style:
    return style if isinstance(style, Style) else styles_mod.load(os.fspath(style))


def write(
    doc: Document,
    out: PathLike | BinaryIO,
    *,
    to: str | None = None,
    style: str | PathLike | Style = "gongwen",
    options: WriteOptions | None = None,
    **changes: Any,
) -> list[Diagnostic]:
    """Write `doc` to a path (atomically) or an open binary stream.

    The format comes from `to`, or from the path's extension. `options` (a WriteOptions)
    holds what the writers take beyond the style; keywords change single fields of it
    (`embed_fonts=True`); an unknown one is an error."""
    from . import writers

    opts = (options or WriteOptions()).replace(**changes)
    if to is None:
        if not isinstance(out, str | os.PathLike):
            raise UnknownFormatError("say which format to write (to='docx', 'pdf', …)")
        to = writers.for_extension(Path(out).suffix)
        if to is None:
            raise UnknownFormatError(f"cannot tell the output format from {out!s}; pass to=")
    writer = writers.get(to)(**opts.writer_kwargs())
    sheet = load_style(style)
    if isinstance(out, str | os.PathLike):
        with atomic_output(Path(out)) as f:
            return writer.write(doc, f, sheet)
    return writer.write(doc, out, sheet)


def output_path(src: Path, to: str, out_dir: Path | None = None) -> Path:
    """Where a conversion of `src` to `to` goes by default: beside it (or in `out_dir`)."""
    from . import writers

    ext = writers.get(to).extension
    return (out_dir or src.parent) / (src.stem + ext)


def convert_file(
    src: PathLike,
    *,
    to: str | Sequence[str] = "docx",
    out: PathLike | None = None,
    out_dir: PathLike | None = None,
    style: str | PathLike | Style = "gongwen",
    read_options: ReadOptions | None = None,
    write_options: WriteOptions | None = None,
    **changes: Any,
) -> Result:
    """Read `src` once and write it in each format of `to`.

    `out` names the output file (one format only); otherwise each output goes beside the
    input, or into `out_dir`, named after the input with the format's extension. Keywords
    are fields of ReadOptions or WriteOptions (`repair=False`, `embed_fonts=True`)."""
    reading_opts, writing_opts = split(changes, read_options, write_options)
    formats = [to] if isinstance(to, str) else list(to)
    if out is not None and len(formats) != 1:
        raise OutputError("an output file name (out=) takes exactly one format")
    src_path = Path(src)
    reading = read_detailed(src_path, reading_opts)
    doc, warnings = reading.document, reading.warnings
    sheet = load_style(style)
    outputs: list[Path] = []
    for fmt in formats:
        dest = (
            Path(out)
            if out is not None
            else output_path(src_path, fmt, Path(out_dir) if out_dir else None)
        )
        check_not_input(dest, [src_path])
        warnings += write(doc, dest, to=fmt, style=sheet, options=writing_opts)
        outputs.append(dest)
    return Result(outputs, warnings)


def write_bytes(
    doc: Document,
    to: str,
    style: str | PathLike | Style = "gongwen",
    options: WriteOptions | None = None,
    **changes: Any,
) -> bytes:
    """The output as bytes (e.g. for a web service)."""
    buf = io.BytesIO()
    write(doc, buf, to=to, style=style, options=options, **changes)
    return buf.getvalue()
