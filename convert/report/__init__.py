"""The inspect page: one self-contained HTML file showing what docconv did to a page.

    from convert import inspection, report
    html = report.render_page(inspection.page_data(reading, name, raw))

`render_page` takes the plain data `inspection.page_data` builds (JSON-serialisable: a web
service can make it, send it, and render it elsewhere) and returns the page as text: the
input line by line, removed lines struck through with the rule that removed them (hover,
click or #L12 shows the detail and score), the blocks each kept line became with their
heading level or role in the margin, repairs as before → after, the title candidates and why
one won, and a filter by kind, rule and text. The styles and the script are files beside
this one, inlined, so the page needs nothing else.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from typing import Any

#: What the filter can show or hide: (kind, label). Rows carry their kind in data-kind.
KINDS = (
    ("removed", "removed"),
    ("heading", "headings"),
    ("paragraph", "paragraphs"),
    ("joined", "joined lines"),
    ("repair", "repairs"),
    ("flag", "flags"),
    ("blank", "blank lines"),
)


def render_page(data: dict[str, Any]) -> str:
    """The whole page for `data` (see inspection.page_data)."""
    css = resources.files(__package__).joinpath("page.css").read_text(encoding="utf-8")
    script = resources.files(__package__).joinpath("page.js").read_text(encoding="utf-8")
    name = data["input"]["name"]
    body = _lines_section(data) + _unplaced_section(data)
    counts, rules = _tally(body)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>docconv inspect: {escape(name)}</title>",
        f"<style>{css}</style></head><body>",
        _header(data, counts),
        _filters(counts, rules),
        "<main>",
        _title_section(data),
        body,
        "</main>",
        f"<script>{script}</script>",
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p)


# --- header and filter --------------------------------------------------------------------


def _tally(body: str) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """Rows per kind and per rule, as the filter offers them (counted from the rows made)."""
    import re

    counts: dict[str, int] = {}
    rules: dict[str, int] = {}
    for kinds, rule in re.findall(r'data-kind="([^"]*)"(?: data-rule="([^"]*)")?', body):
        for kind in kinds.split():
            counts[kind] = counts.get(kind, 0) + 1
        for r in rule.split():
            rules[r] = rules.get(r, 0) + 1
    return counts, sorted(rules.items())


def _header(data: dict[str, Any], counts: dict[str, int]) -> str:
    source, meta = data["input"], data["meta"]
    site = (
        f"{escape(source['site'])} ({escape(source['site_label'] or '')})"
        if source.get("site")
        else "unknown site (generic rules)"
    )
    facts = [
        f"{escape(source['format'])}, {escape(source['encoding'])}",
        site,
        f"{len(data['lines'])} lines",
        f"{counts.get('removed', 0)} removed",
        f"{len(data['blocks'])} blocks",
        f"{sum(c['after'] is not None for c in data['changes'])} repairs",
        f"{sum(c['after'] is None for c in data['changes'])} flags",
    ]
    if meta.get("truncated"):
        facts.append('<b class="warn">truncated</b>')
    warnings = "".join(f'<li class="warn">{escape(w["text"])}</li>' for w in data["warnings"])
    # Flags about the whole document (the damage gate's verdict) have no place in the text.
    notes = "".join(
        f"<li><b>{escape(c['rule'])}</b> {escape(c.get('note') or '')}</li>"
        for c in data["changes"]
        if not c["before"] and c["after"] is None
    )
    return (
        f'<header><h1>{escape(source["name"])}</h1><p class="facts">{" · ".join(facts)}</p>'
        + (f'<ul class="warnings">{warnings}</ul>' if warnings else "")
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
        + "</header>"
    )


def _filters(counts: dict[str, int], rule_counts: list[tuple[str, int]]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="kind" value="{kind}" checked> {label} '
        f'<span class="n">{counts.get(kind, 0)}</span></label>'
        for kind, label in KINDS
    )
    rules = "".join(
        f'<option value="{escape(rule)}">{escape(rule)} ({n})</option>' for rule, n in rule_counts
    )
    return (
        '<nav id="filters" aria-label="filter">'
        f'<div class="kinds">{boxes}</div>'
        '<label>rule <select id="rule"><option value="">any</option>'
        f"{rules}</select></label>"
        '<label>text <input id="search" type="search" placeholder="contains…"></label>'
        '<span id="shown"></span></nav>'
    )


# --- the title ----------------------------------------------------------------------------


def _title_section(data: dict[str, Any]) -> str:
    title = data["title"]
    rows = "".join(_candidate_row(c) for c in title["candidates"])
    return (
        '<section id="title"><h2>Title</h2>'
        f'<p class="chosen-title">{escape(title["chosen"]) or "<i>none</i>"}</p>'
        f'<p class="why">{escape(title["reason"])}</p>'
        "<table><thead><tr><th>candidate</th><th>line</th><th>text</th><th>verdict</th></tr>"
        f"</thead><tbody>{rows}</tbody></table></section>"
    )


def _candidate_row(c: dict[str, Any]) -> str:
    line = f'<a href="#L{c["line"]}">{c["line"]}</a>' if c.get("line") else ""
    return (
        f'<tr class="{"chosen" if c["chosen"] else ""}"><td>{escape(c["source"])}</td>'
        f"<td>{line}</td><td>{escape(c['text']) or '<i>none</i>'}</td>"
        f"<td>{escape(c['verdict'])}</td></tr>"
    )


# --- the input, line by line --------------------------------------------------------------


def _lines_section(data: dict[str, Any]) -> str:
    blocks = data["blocks"]
    changes = _changes_by_block(data["changes"])
    out = ['<section id="lines"><h2>Input, line by line</h2><div class="rows">']
    for line in data["lines"]:
        out.append(_line_rows(line, blocks, changes))
    out.append("</div></section>")
    return "".join(out)


def _line_rows(
    line: dict[str, Any], blocks: list[dict[str, Any]], changes: dict[int, list[Any]]
) -> str:
    n = line["n"]
    number = f'<a class="ln" href="#L{n}">{n}</a>'
    status = line["status"]
    if status == "removed":
        r = line["removed"][0]
        return (
            f'<div class="row removed" id="L{n}" data-kind="removed" '
            f'data-rule="{escape(r["rule"])}" tabindex="0">{number}'
            f'<span class="tag">✕</span><span class="text"><s>{escape(line["text"])}</s>'
            f"{_rule_chip(r)}{_tip(r)}</span></div>"
        )
    if status == "blank":
        return (
            f'<div class="row blank" id="L{n}" data-kind="blank">{number}'
            '<span class="tag"></span><span class="text"></span></div>'
        )
    if status == "title":
        return (
            f'<div class="row title" id="L{n}" data-kind="heading">{number}'
            f'<span class="tag" title="the document title">T</span>'
            f'<span class="text">{escape(line["text"])}</span></div>'
        )
    if status == "joined" or not line["blocks"]:
        return (
            f'<div class="row joined" id="L{n}" data-kind="joined">{number}'
            '<span class="tag" title="joined into the block above">↳</span>'
            f'<span class="text">{escape(line["text"])}</span></div>'
        )
    rows = []
    if line.get("title"):  # the title line runs into the text that follows it
        rows.append(
            f'<div class="row title" id="L{n}" data-kind="heading">{number}'
            '<span class="tag" title="the document title">T</span>'
            f'<span class="text">{escape(line["title"])}</span></div>'
        )
        number = '<span class="ln"></span>'
    for k, index in enumerate(line["blocks"]):
        block = blocks[index]
        anchor = f' id="L{n}"' if k == 0 and not line.get("title") else ""
        kinds = ["heading" if block["type"] == "heading" else "paragraph"]
        mine = changes.get(index, [])
        if any(c["after"] is not None for c in mine):
            kinds.append("repair")
        if any(c["after"] is None for c in mine):
            kinds.append("flag")
        rules = " ".join(sorted({c["rule"] for c in mine}))
        rows.append(
            f'<div class="row block {block["type"]}"{anchor} data-kind="{" ".join(kinds)}" '
            f'data-rule="{escape(rules)}" data-block="{index}">'
            f"{number if k == 0 else '<span class=ln></span>'}"
            f"{_margin(block)}"
            f'<span class="text">{_block_text(block, mine)}</span></div>'
        )
    for r in line["removed"]:  # pieces of a kept line that cleaning took out
        rows.append(
            f'<div class="row removed part" data-kind="removed" data-rule="{escape(r["rule"])}" '
            f'tabindex="0"><span class="ln"></span><span class="tag">✕</span>'
            f'<span class="text"><s>{escape(r["text"])}</s>{_rule_chip(r)}{_tip(r)}</span></div>'
        )
    return "".join(rows)


def _margin(block: dict[str, Any]) -> str:
    if block["type"] == "heading":
        extra = " run-in" if block.get("runin") else ""
        return (
            f'<span class="tag h{block["level"]}" title="heading, level {block["level"]}, '
            f'numbered {escape(block["kind"])}{extra}">H{block["level"]}'
            f"<small>{escape(block['kind'])}</small></span>"
        )
    if block["type"] == "note":
        return '<span class="tag role">note</span>'
    role = block.get("role") or "body"
    lead = ' <small title="run-in lead">+lead</small>' if block.get("lead") else ""
    shown = "¶" if role == "body" else escape(role)
    return f'<span class="tag role {escape(role)}">{shown}{lead}</span>'


def _rule_chip(r: dict[str, Any]) -> str:
    score = r.get("score")
    shown = f" {score:.2f}" if isinstance(score, int | float) else ""
    return f'<span class="rule">{escape(r["rule"])}{shown}</span>'


def _tip(r: dict[str, Any]) -> str:
    lines = [f"<b>{escape(r['rule'])}</b>"]
    if r.get("detail"):
        lines.append(escape(r["detail"]))
    if isinstance(r.get("score"), int | float):
        lines.append(f"score {r['score']:.2f}")
    return f'<span class="tip" role="tooltip">{"<br>".join(lines)}</span>'


def _changes_by_block(changes: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for c in changes:
        out.setdefault(c["block"], []).append(c)
    return out


def _block_text(block: dict[str, Any], changes: list[dict[str, Any]]) -> str:
    """The block as the page had it, each repair shown where it was made: before → after;
    a flag marks its words. Falls back to the repaired text when offsets do not fit."""
    raw = block.get("raw")
    placed = sorted(
        (c for c in changes if c["before"] or c["after"]),
        key=lambda c: (c["start"], c["after"] is None),
    )
    if raw is None or not _fits(raw, placed):
        listed = "".join(f" {_change_html(c)}" for c in placed)
        return escape(block["text"]) + (f'<span class="unplaced">{listed}</span>' if listed else "")
    out, pos = [], 0
    for c in placed:
        start = c["start"]
        if start < pos:  # overlaps the one before: shown beside it
            out.append(_change_html(c))
            continue
        out.append(escape(raw[pos:start]))
        out.append(_change_html(c))
        pos = start + len(c["before"])
    out.append(escape(raw[pos:]))
    return "".join(out)


def _fits(raw: str, changes: list[dict[str, Any]]) -> bool:
    return all(raw[c["start"] : c["start"] + len(c["before"])] == c["before"] for c in changes)


def _change_html(c: dict[str, Any]) -> str:
    note = f": {c['note']}" if c.get("note") else ""
    tip = escape(f"{c['rule']}{note}", quote=True)
    if c["after"] is None:
        return f'<mark class="flag" title="{tip}">{escape(c["before"]) or "⚑"}</mark>'
    return (
        f'<span class="rep" title="{tip}"><del>{escape(c["before"])}</del>'
        f"<ins>{escape(c['after'])}</ins></span>"
    )


def _unplaced_section(data: dict[str, Any]) -> str:
    """Removals and repairs with no line of their own (the title's, a cut-off mark)."""
    removed = list(data["unplaced"])
    title_changes = [c for c in data["changes"] if c["block"] < 0 and (c["before"] or c["after"])]
    lost = [i for i, b in enumerate(data["blocks"]) if b.get("line") is None]
    if not removed and not title_changes and not lost:
        return ""
    changes = _changes_by_block(data["changes"])
    rows = []
    for index in lost:  # blocks the line search could not place (text joined across lines…)
        block = data["blocks"][index]
        kind = "heading" if block["type"] == "heading" else "paragraph"
        rows.append(
            f'<div class="row block {block["type"]}" data-kind="{kind}" data-block="{index}">'
            f'<span class="ln"></span>{_margin(block)}'
            f'<span class="text">{_block_text(block, changes.get(index, []))}</span></div>'
        )
    for r in removed:
        rows.append(
            f'<div class="row removed part" data-kind="removed" data-rule="{escape(r["rule"])}" '
            f'tabindex="0"><span class="ln"></span><span class="tag">✕</span>'
            f'<span class="text"><s>{escape(r["text"])}</s>{_rule_chip(r)}{_tip(r)}</span></div>'
        )
    for c in title_changes:
        kind = "flag" if c["after"] is None else "repair"
        where = "title" if c["block"] == -1 else "subtitle"
        rows.append(
            f'<div class="row block" data-kind="{kind}" data-rule="{escape(c["rule"])}">'
            f'<span class="ln"></span><span class="tag role">{where}</span>'
            f'<span class="text">{_change_html(c)}</span></div>'
        )
    return (
        '<section id="elsewhere"><h2>Not on a line of their own</h2>'
        f'<div class="rows">{"".join(rows)}</div></section>'
    )
