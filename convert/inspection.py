"""`docconv inspect`: what docconv recognised in a page and why it removed what it removed.

A readable tree for a person (rich) and the same facts as JSON for programs.
"""

from __future__ import annotations

from typing import Any

from .api import Reading
from .model import Heading, Note, Paragraph
from .writers.jsonview import as_dict

SHORT = 32  # characters of a block shown in the tree (Chinese characters are two columns)

#: The parts of a report `--only` can pick.
KINDS = ("blocks", "removed", "repairs", "flags")


def kinds(only: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """`--only removed,repairs` as a set of KINDS (every kind when none is given)."""
    from .options import OptionError

    picked = {k.strip().lower() for value in only for k in value.split(",") if k.strip()}
    unknown = sorted(picked - set(KINDS))
    if unknown:
        raise OptionError(f"--only takes {', '.join(KINDS)}, not {unknown[0]!r}")
    return frozenset(picked or KINDS)


def as_json(reading: Reading, name: str, show: frozenset[str] = frozenset(KINDS)) -> dict[str, Any]:
    view = as_dict(reading.document)
    meta = dict(view["meta"])
    if "removed" not in show:
        meta.pop("removed", None)
    changes = meta.get("changes", [])
    if "repairs" not in show or "flags" not in show:
        meta["changes"] = [
            c for c in changes if ("repairs" if c.get("after") is not None else "flags") in show
        ]
    out = {
        "version": view["version"],
        "input": {
            "name": name,
            "format": reading.source_format,
            "encoding": reading.encoding,
            "site": reading.document.meta.site or None,
            "site_label": reading.site_label or None,
        },
        "warnings": [{"code": w.code, "text": w.text} for w in reading.warnings],
        "meta": meta,
        "title": title_choice(reading),
        "blocks": view["blocks"],
    }
    if "blocks" not in show:
        del out["blocks"]
    return out


TITLE_CANDIDATES = 8  # the best few: the rest are menu lines and buttons


def title_choice(reading: Reading) -> dict[str, Any]:
    """Why the title won: the candidates, best first, with the evidence that scored each."""
    return {
        "chosen": reading.document.meta.title or None,
        "candidates": [
            {
                "text": c.text,
                "source": c.source,
                "score": round(c.score, 2),
                "evidence": list(c.evidence),
            }
            for c in reading.title_candidates[:TITLE_CANDIDATES]
        ],
    }


def tree(reading: Reading, name: str, show: frozenset[str] = frozenset(KINDS)) -> Any:
    """A rich Tree of the reading (rich is imported only here: inspect is for people)."""
    from rich.markup import escape
    from rich.tree import Tree

    doc, meta = reading.document, reading.document.meta
    site = f"{meta.site} ({reading.site_label})" if meta.site else "unknown site (generic rules)"
    root = Tree(f"[bold]{escape(name)}[/] — {reading.source_format}, {reading.encoding}, {site}")
    for w in reading.warnings:
        root.add(f"[yellow]warning[/] {escape(w.text)}")

    facts = root.add("[bold]document[/]")
    for label, value in (
        ("title", meta.title),
        ("subtitle", meta.subtitle),
        ("site title", meta.source_title),
        ("address", meta.url),
        ("id", meta.doc_id),
        ("format", meta.format),
        ("size", meta.size),
        ("date", meta.date),
        ("author", meta.author),
        ("keywords", " ".join(meta.keywords)),
    ):
        if value:
            facts.add(f"{label}: {escape(value)}")
    pages = f"{meta.pages or '?'} page(s), {meta.pages_shown or '?'} shown"
    facts.add(f"{pages}; {'[red]truncated[/]' if meta.truncated else 'complete'}")

    if "blocks" in show:
        blocks = root.add(f"[bold]blocks[/] ({len(doc.blocks)})")
        for i, block in enumerate(doc.blocks):
            blocks.add(f"[dim]{i:>3}[/] {_describe(block)}")

    if "removed" in show:
        removed = root.add(f"[bold]removed[/] ({len(meta.removed)})")
        for r in meta.removed:
            where = f"line {r.line}" if r.line else "      "
            removed.add(f"[dim]{where:>9}[/] [cyan]{escape(r.rule)}[/]  {escape(_short(r.text))}")

    edits = [c for c in meta.changes if c.after is not None]
    flags = [c for c in meta.changes if c.after is None]
    if not {"repairs", "flags"} & show:
        return root
    repairs = root.add(f"[bold]repairs[/] ({len(edits)} changes, {len(flags)} flags)")
    for c in meta.changes:
        if ("repairs" if c.after is not None else "flags") not in show:
            continue
        target = {-1: "title", -2: "subtitle"}.get(c.block, f"block {c.block}")
        if c.after is not None:
            what = f"{escape(c.before)} → {escape(c.after)}"
        else:
            what = f"[yellow]flag[/] {escape(c.before)}"
        note = f"  [dim]{escape(c.note)}[/]" if c.note else ""
        repairs.add(f"{target}@{c.start} [cyan]{escape(c.rule)}[/]  {what}{note}")
    return root


def _describe(block: Any) -> str:
    from rich.markup import escape

    if isinstance(block, Heading):
        extra = " run-in" if block.runin else ""
        kind = escape(f"[{block.kind}{extra}]")
        return f"[magenta]H{block.level}[/] {kind} {escape(_short(block.text))}"
    if isinstance(block, Paragraph):
        lead = f" [green](lead: {len(block.lead)} chars)[/]" if block.lead else ""
        return f"{block.role:10} {escape(_short(block.text))}{lead}"
    if isinstance(block, Note):
        return f"{'note':10} {escape(_short(block.text))}"
    return escape(repr(block))


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"
