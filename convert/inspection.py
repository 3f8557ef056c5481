"""`docconv inspect`: what docconv recognised in a page and why it removed what it removed.

A readable tree for a person (rich) and the same facts as JSON for programs.
"""

from __future__ import annotations

from typing import Any

from .api import Reading
from .model import Heading, Item, Note, Paragraph, Table
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
        ("subject", meta.subject),
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
            score = r.score  # what cleaning's scorer gave the line
            shown = f" [magenta]{score:.2f}[/]" if isinstance(score, int | float) else ""
            item = removed.add(
                f"[dim]{where:>9}[/] [cyan]{escape(r.rule)}[/]{shown}  {escape(_short(r.text))}"
            )
            if r.detail:  # where the rule lives, or the scorer's features that decided
                item.add(f"[dim]{escape(r.detail)}[/]")

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
    if isinstance(block, Item):
        label = escape(f"[{block.label}]") if block.label else "•"
        return f"{'item':10} {label} {escape(_short(block.content))}"
    if isinstance(block, Table):
        size = f"{len(block.rows)}×{block.columns}, {block.header} header row(s)"
        return f"{'table':10} {escape(size)}: {escape(_short(' | '.join(block.rows[0])))}"
    return escape(repr(block))


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


# --- the data of the inspect web page (rendered by convert.report) ----------------------


def page_data(reading: Reading, name: str, raw: Reading | None = None) -> dict[str, Any]:
    """Everything the inspect page shows, as plain JSON-able data: the reader's lines, each
    marked removed (with the rule, detail and score), blank, the title, or kept (with the
    blocks that start on it); the blocks with the text the page had (`raw`: the same page
    read without repairs, where the repairs' offsets point); the repairs; the title
    candidates and why one won."""
    doc = reading.document
    view = as_json(reading, name)
    blocks = view["blocks"]
    before = raw.document.blocks if raw is not None else None
    if before is not None and len(before) == len(doc.blocks):
        for block, original in zip(blocks, before, strict=True):
            block["raw"] = original.text
    by_line: dict[int, list[dict[str, Any]]] = {}
    unplaced: list[dict[str, Any]] = []
    for r in doc.meta.removed:
        entry = _removed(r)
        if r.line:
            by_line.setdefault(r.line, []).append(entry)
        else:
            unplaced.append(entry)
    lines = [
        {
            "n": line.number or i,
            "text": line.text,
            "hint": line.hint,
            "removed": by_line.get(line.number or i, []),
            "blocks": [],
        }
        for i, line in enumerate(reading.lines, 1)
    ]
    for line in lines:
        line["status"] = _status(line)
    title = _title(reading, lines)
    placed = _place_blocks(lines, blocks)
    for index, block in enumerate(blocks):
        block["line"] = placed.get(index)
    for line in lines:
        if line["status"] == "kept" and not line["blocks"]:
            line["status"] = "joined"
    return {
        "version": view["version"],
        "input": view["input"],
        "warnings": view["warnings"],
        "meta": {"title": doc.meta.title, "truncated": doc.meta.truncated},
        "title": title,
        "lines": lines,
        "blocks": blocks,
        "changes": view["meta"]["changes"],
        "unplaced": unplaced,
    }


def _removed(r: Any) -> dict[str, Any]:
    """A removal as the page shows it; `score` and `detail` when cleaning recorded them."""
    score = getattr(r, "score", None)
    return {
        "text": r.text,
        "rule": r.rule,
        "line": r.line,
        "detail": str(getattr(r, "detail", "") or ""),
        "score": float(score) if isinstance(score, int | float) else None,
    }


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _status(line: dict[str, Any]) -> str:
    text = _squeeze(line["text"])
    if not text:
        return "blank"
    gone = "".join(_squeeze(r["text"]) for r in line["removed"])
    if gone and len(gone) >= len(text) * 0.9:
        return "removed"
    return "kept"


def _place_blocks(lines: list[dict[str, Any]], blocks: list[dict[str, Any]]) -> dict[int, int]:
    """Block index → the line it starts on, found in reading order (a block's opening
    characters, spaces ignored). Cleaning keeps no line numbers for blocks, so this is a
    search; a block it cannot find is left without a line."""
    kept = [(i, _squeeze(line["text"])) for i, line in enumerate(lines) if line["status"] == "kept"]
    found: dict[int, int] = {}
    at, offset = 0, 0
    for index, block in enumerate(blocks):
        needle = _squeeze(block.get("raw") or block["text"])[:12]
        if not needle:
            continue
        for k in range(at, len(kept)):
            where = kept[k][1].find(needle, offset if k == at else 0)
            if where >= 0:
                line = lines[kept[k][0]]
                line["blocks"].append(index)
                found[index] = line["n"]
                at, offset = k, where + len(needle)
                break
    return found


def _title(reading: Reading, lines: list[dict[str, Any]]) -> dict[str, Any]:
    """The title candidates and why the chosen one won."""
    meta = reading.document.meta
    chosen = meta.title
    key = _squeeze(chosen)
    text_line = next(
        (
            line
            for line in lines
            if line["status"] == "kept" and key and _squeeze(line["text"]).startswith(key)
        ),
        None,
    )
    if text_line is not None:
        if _squeeze(text_line["text"]) == key:
            text_line["status"] = "title"
        else:
            text_line["title"] = chosen  # the title runs into the text after it
    first_kept = next((line for line in lines if line["status"] in ("kept", "title")), None)
    own = text_line or first_kept
    own_text = chosen if text_line is not None else _clip(own["text"]) if own else ""
    candidates = [
        (
            "the text's own title line" if text_line else "the text's first line",
            own_text,
            own["n"] if own else None,
        ),
        ("the site's name for it", meta.source_title, _line_of(lines, meta.source_title)),
        ("the page's <title>", reading.page_title, None),
    ]
    repeats = {_squeeze(r.text) for r in meta.removed if r.rule.endswith("repeated-title")}
    if text_line is not None:
        reason = (
            f"line {text_line['n']} is a title line at the start of the text: the document's own "
            "title wins over what the site calls it"
        )
    elif key and _close(key, meta.source_title):
        reason = (
            "the text has no title line of its own, so the site's name for the document is "
            "used, without its file extension and site numbering"
        )
    elif key and _close(key, reading.page_title):
        reason = (
            "neither the text nor the site's fields name the document: the page's <title> is used"
        )
    elif key:
        reason = "given by -M title= or found by a later stage"
    else:
        reason = "no title was found"
    out = []
    seen_chosen = False
    for source, text, line in candidates:
        if not text:
            out.append(
                {"source": source, "text": "", "line": line, "chosen": False, "verdict": "none"}
            )
            continue
        is_chosen = not seen_chosen and key != "" and _squeeze(text) == key
        if source.startswith("the text") and text_line is not None:
            is_chosen = not seen_chosen
        seen_chosen = seen_chosen or is_chosen
        if is_chosen:
            verdict = "chosen"
        elif _close(key, text):
            verdict = "the same document, named by the site" + (
                "; removed from the text as a repeat" if _squeeze(text) in repeats else ""
            )
            if text_line is not None:
                verdict += "; the text's own title line wins"
        elif source.startswith("the text"):
            verdict = "not title-like: the body starts here"
        else:
            verdict = "not used: a better candidate comes first"
        out.append(
            {"source": source, "text": text, "line": line, "chosen": is_chosen, "verdict": verdict}
        )
    return {"chosen": chosen, "reason": reason, "candidates": out}


def _clip(text: str, size: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= size else text[: size - 1] + "…"


def _close(key: str, text: str) -> bool:
    other = _squeeze(text)
    return bool(key and other) and (key in other or other in key)


def _line_of(lines: list[dict[str, Any]], text: str) -> int | None:
    key = _squeeze(text)
    return next((line["n"] for line in lines if key and _squeeze(line["text"]) == key), None)
