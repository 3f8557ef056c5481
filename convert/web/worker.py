"""One conversion for the web page, run in a child process the server can kill.

The child gets the upload's bytes and the options, writes every output into the folder the
server chose (named by format, never by anything in the request) and sends back a summary a
page can show. A hostile page that makes a conversion run forever costs one process, killed
at the time limit, not the server.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DocconvError, printable
from ..fileio import atomic_output

#: What the page can ask for, and the file each becomes in the conversion's folder.
FORMATS = ("docx", "pdf", "epub")
INSPECT = "inspect.html"


@dataclass(frozen=True, slots=True)
class Job:
    data: bytes
    name: str  # the upload's name: shown, and it tells the reader the kind of input
    formats: tuple[str, ...]
    style: str = "gongwen"
    repair: bool = True


@dataclass(slots=True)
class Result:
    title: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    paragraphs: int = 0
    warnings: list[str] = field(default_factory=list)
    # The document as the page previews it: (kind, heading level or 0, text), in order.
    preview: list[tuple[str, int, str]] = field(default_factory=list)
    error: str = ""
    files: dict[str, str] = field(default_factory=dict)  # format -> file name in the folder


def convert(job: Job, folder: Path) -> Result:
    """Read, write each format and the inspect page into `folder`; errors become `error`."""
    from .. import api, inspection, report
    from ..model import Heading, Paragraph

    try:
        reading = api.read_detailed(job.data, name=job.name, repair=job.repair)
        # The inspect page shows repairs in the text as the page had it: that reading too,
        # unless the text was not repaired at all.
        raw = api.read_detailed(job.data, name=job.name, repair=False) if job.repair else reading
        doc = reading.document
        result = Result(
            title=doc.meta.title,
            headings=[(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)],
            paragraphs=sum(isinstance(b, Paragraph) for b in doc.blocks),
            warnings=[printable(w.text) for w in reading.warnings],
            preview=[_preview(b) for b in doc.blocks[:PREVIEW_BLOCKS]],
        )
        page = report.render_page(inspection.page_data(reading, job.name, raw))
        with atomic_output(folder / INSPECT) as f:
            f.write(page.encode("utf-8"))
        result.files["inspect"] = INSPECT
        for fmt in job.formats:
            out = folder / f"document.{fmt}"
            for w in api.write(doc, out, to=fmt, style=job.style):
                if not w.informational:
                    result.warnings.append(f"{fmt}: {printable(w.text)}")
            result.files[fmt] = out.name
        return result
    except DocconvError as e:
        return Result(error=printable(str(e)))
    except Exception as e:  # a bug: the page still gets one line, not a traceback
        return Result(error=f"internal error: {type(e).__name__}: {printable(str(e))}")


PREVIEW_BLOCKS = 400  # a preview, not the document: the downloads hold all of it


def _preview(block: Any) -> tuple[str, int, str]:
    from ..model import Heading, Item, Table

    if isinstance(block, Heading):
        return "heading", block.level, block.text
    if isinstance(block, Table):
        return "table", 0, block.text
    if isinstance(block, Item):
        return "item", 0, block.text
    return getattr(block, "role", "note"), 0, block.text


Worker = Callable[[Job, Path], Result]


def _child(conn: Any, work: Worker, job: Job, folder: Path) -> None:
    try:
        conn.send(work(job, folder))
    finally:
        conn.close()


def run(job: Job, folder: Path, timeout: float, work: Worker = convert) -> Result:
    """`work(job, folder)` in a forked child, killed after `timeout` seconds. Forked, so the
    child starts with the pipeline already imported (a spawned one would import it again)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, work, job, folder), daemon=True)
    start = time.monotonic()
    proc.start()
    child.close()
    try:
        if parent.poll(timeout):
            try:
                result: Result = parent.recv()
                return result
            except EOFError:
                pass  # the child died without a word: killed, or out of memory
            proc.join(max(0.0, timeout - (time.monotonic() - start)))
            return Result(error=f"the conversion stopped (exit code {proc.exitcode})")
        return Result(error=f"the conversion took longer than {timeout:g} s and was stopped")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
