"""Passes over the kept lines that look at several lines at once: chunk markers some sites
cut a document into, hard line wraps from PDF text layers, and site summaries that repeat
the document's opening."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from statistics import median

from ..readers.base import Line
from ..zh import labels
from ..zh.chars import HAN_BASIC
from ..zh.marks import CLOSING, FINAL, trailing_mark

# "1、" at the start of a chunk; sites cut the text every few hundred characters.
_CHUNK = re.compile(r"^(\d{1,3})、\s?")
_FINAL = re.compile(f"[{FINAL}]$")
_ENDS_CLAUSE = re.compile(rf"[{CLOSING}\]]$")
_STARTS_CLOSING = re.compile(f"^[{CLOSING}]")
_IDEOGRAPH = re.compile(f"[{HAN_BASIC}]")
_LEADING_STOP = re.compile(r"^[\s。.，,、：:]+")
CHUNK_MIN = 100  # characters in every chunk but the last
WRAP_MIN = 20  # characters in a hard-wrapped line
WRAP_LINES = 3  # lines that must look wrapped before any is joined
SUMMARY_LINES = 12  # summaries sit at the top of the page
SUMMARY_MIN = 40  # characters of a summary that does not end in "..."

Drop = Callable[[Line, str, str], None]  # (line, removed text, rule)


def join_chunks(lines: list[Line], drop: Drop, *, expected: bool = False) -> list[Line]:
    """Runs of "1、…", "2、…", "3、…" chunks cut mid-word become one line again.

    A run counts only when its numbers start at 1 and go up by one, every chunk but the last
    is long, and (unless the site is known to chunk its text: `expected`) at least one chunk
    ends mid-sentence: real numbered items end their sentences, so "1、" numbering in a
    document is never taken for a chunk marker."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        run = _chunk_run(lines, i, expected)
        if not run:
            out.append(lines[i])
            i += 1
            continue
        parts = []
        for line in lines[i : i + run]:
            m = _CHUNK.match(line.text)
            assert m is not None
            drop(line, m.group(0).strip(), "chunk-marker")
            parts.append(line.text[m.end() :])
        out.append(Line("".join(parts), lines[i].hint, lines[i].number))
        i += run
    return out


def _chunk_run(lines: list[Line], start: int, expected: bool) -> int:
    m = _CHUNK.match(lines[start].text)
    if not m or m.group(1) != "1":
        return 0
    end = start + 1
    while end < len(lines):
        m = _CHUNK.match(lines[end].text)
        if not m or int(m.group(1)) != end - start + 1:
            break
        end += 1
    run = lines[start:end]
    if len(run) < 2 or any(len(line.text) < CHUNK_MIN for line in run[:-1]):
        return 0
    if not expected and all(_FINAL.search(line.text.rstrip()) for line in run[:-1]):
        return 0
    return len(run)


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Rejoin lines a PDF text layer broke inside sentences.

    A line that starts with closing punctuation always joins the line before it. Otherwise
    a line joins the next only on a page that shows wrapping (several long lines of similar
    length ending mid-sentence), when it ends in an ideograph and the next line directly
    follows it in the source and starts with one (not with a numbering label)."""
    wrapped = _wrapped_lines(lines)
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        # A reader that rebuilt paragraphs from the page's layout ("p") has joined them
        # already; a list's entries ("li") are apart on purpose.
        adjacent = (
            prev is not None
            and line.number == prev.number + 1
            and not {"p", "li"} & {prev.hint, line.hint}
        )
        if (
            prev is not None
            and adjacent
            and (
                _STARTS_CLOSING.match(line.text)
                or (
                    prev.number in wrapped
                    and _IDEOGRAPH.match(line.text)
                    and labels.match(line.text) is None
                )
            )
        ):
            # The joined line takes the last part's number, so a chain of wraps continues.
            out[-1] = Line(prev.text + line.text, prev.hint, line.number)
            continue
        out.append(line)
    return out


def _wrapped_lines(lines: list[Line]) -> set[int]:
    """Source line numbers of lines that look cut at a fixed width."""
    candidates = [
        line
        for line, nxt in pairwise(lines)
        if len(line.text) >= WRAP_MIN
        and not _ENDS_CLAUSE.search(line.text)
        and _IDEOGRAPH.search(line.text[-1])
        and nxt.number == line.number + 1
    ]
    if len(candidates) < WRAP_LINES:
        return set()
    width = median(len(line.text) for line in candidates)
    similar = [line for line in candidates if abs(len(line.text) - width) <= 0.2 * width]
    if len(similar) < WRAP_LINES:
        return set()
    return {line.number for line in similar}


def drop_summaries(lines: list[Line], drop: Drop, titles: list[str]) -> list[Line]:
    """A site summary repeats the document's opening (often ending in "...", often with the
    title glued in front): drop it when the document's text, just below it, starts with the
    same words (the title aside). A document may well repeat one of its own paragraphs."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        core = line.text[: trailing_mark(line.text)]
        if len(core) < SUMMARY_MIN and core == line.text:
            out.append(line)  # a short line without "..." is a title or heading, not a summary
            continue
        for title in titles:
            if core.startswith(title) and len(core) > len(title):
                core = core[len(title) :]
                break
        if i < SUMMARY_LINES and len(core) >= 15 and _repeated_next(lines[i + 1 :], core, titles):
            drop(line, line.text, "summary")
            continue
        out.append(line)
    return out


def _repeated_next(later: list[Line], opening: str, titles: list[str]) -> bool:
    """The next line of text (past short lines: titles, metadata) starts with `opening`: a
    summary stands right above the document it repeats, where a document that repeats one
    of its own paragraphs has other paragraphs in between."""
    for line in later:
        if _opens(line.text, opening, titles):
            return True
        if len(line.text) >= SUMMARY_MIN:
            return False
    return False


def _opens(text: str, opening: str, titles: list[str]) -> bool:
    """`text` starts with `opening`, or with a title and then `opening`."""
    if text.startswith(opening):
        return True
    for title in titles:
        if text.startswith(title) and _LEADING_STOP.sub("", text[len(title) :]).startswith(opening):
            return True
    return False
