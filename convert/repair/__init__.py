"""Text repair: undo the damage re-uploaded documents carry. Runs after structure, before
writers; `--no-repair` skips it entirely.

Three kinds of rule, each individually switchable by name:

punct (on by default, everywhere)
    punct.width     , ; : ! ? ( ) touching Chinese text become full-width; numbers such as
                    90.6% or 10:30, Latin text and URLs stay as they are
    punct.quotes    〞 closing a “ becomes ”
    punct.brackets  〔一〕 becomes （一）; document numbers such as 〔2023〕19号 stay
    punct.ellipsis  ... in Chinese text becomes ……
swap tables (one per damage family, data files in repair/tables/; `spin` is the seed's)
    spin.fuwu (效劳→服务), spin.fazhan (开展→发展), …: one rule per word pair. They run
    only in a document the family's gate finds damaged, or with `force`. Each occurrence is
    rewritten, kept, or flagged as unresolved by the pair's context rules.
flags (on by default; they report, never rewrite)
    flags.years       every year in the document reads the same (sites rewrite years)
    flags.year-range  2023-2023
    flags.glued-year  a year glued to a number, 20238.35
    flags.unpaired    a quote mark with no partner
    flags.blank       a name cut out of the text (让的山更青)
    flags.unresolved  swap occurrences no rule could decide, and suspected pairs

`rules` (from `--repair-rules`) is a comma-separated switch list read left to right:
`name` or `+name` turns on, `-name` turns off. Names are rules, their short forms when
unambiguous (width, fazhan), families (punct, flags, spin, swaps, all) and `force`, which
runs the swap tables whatever the gate says. Examples: "-width", "-swaps", "+force",
"-all,+punct", "+jiankang" (an opt-in pair).

Every edit is recorded in `doc.meta.changes` as a `Change`: `block` indexes doc.blocks (-1 is
meta.title, -2 meta.subtitle), `start` is the offset in that text as it was before repair
(all offsets of one text refer to the same original, so apply them from the end), `after`
is None for a flag. A swap table that runs adds one note first: block -1, start 0, before
"", rule "<table>.gate", with the gate's score in `note`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..model import Change, Document, Heading, Item, Paragraph, Table
from . import flags, gate, punct, swaps, tables
from .edits import Edit, apply, moved, resolve
from .switches import RuleSwitchError, Switches
from .switches import parse as parse_switches

__all__ = ["RuleSwitchError", "repair", "run"]

TITLE, SUBTITLE = -1, -2

_PUNCT: tuple[tuple[str, Callable[[str], list[Edit]]], ...] = (
    ("punct.width", punct.width),
    ("punct.quotes", punct.quotes),
    ("punct.brackets", punct.brackets),
    ("punct.ellipsis", punct.ellipsis),
)


def repair(doc: Document, rules: str | None = None) -> Document:
    """`doc` with its text repaired; `rules` is a switch list such as "-swaps,+width"."""
    return run(doc, rules, tables.load())


def run(doc: Document, rules: str | None, families: tuple[tables.Table, ...]) -> Document:
    """`repair` with the given swap tables instead of the bundled ones."""
    switches = parse_switches(rules, families)
    units = texts(doc)
    found: dict[int, list[Edit]] = {key: [] for key in units}
    for key, text in units.items():
        for name, rule in _PUNCT:
            if switches(name):
                found[key] += rule(text)
    notes = _swaps(units, found, switches, families)
    _flags(units, found, switches, doc.meta.date)
    return rebuild(doc, units, found, notes)


def texts(doc: Document) -> dict[int, str]:
    """The texts repair works on, by Change.block key, in document order."""
    units: dict[int, str] = {}
    if doc.meta.title:
        units[TITLE] = doc.meta.title
    if doc.meta.subtitle:
        units[SUBTITLE] = doc.meta.subtitle
    units.update(enumerate(b.text for b in doc.blocks))
    return units


def _swaps(
    units: dict[int, str],
    found: dict[int, list[Edit]],
    on: Switches,
    families: tuple[tables.Table, ...],
) -> list[Change]:
    whole = "\n".join(units.values())
    notes = []
    for table in families:
        pairs = [p for p in table.pairs if on(f"{table.name}.{p.id}")]
        if not pairs:
            continue
        verdict = gate.assess(table, whole)
        if not (verdict.damaged or on.force):
            continue
        why = ("damaged: " if verdict.damaged else "forced (not damaged): ") + verdict.summary()
        notes.append(Change(TITLE, 0, "", None, f"{table.name}.gate", why))
        present = swaps.doc_words(table, whole)
        for key, text in units.items():
            found[key] += swaps.find(table, pairs, text, present, on("flags.unresolved"))
    return notes


def _flags(units: dict[int, str], found: dict[int, list[Edit]], on: Switches, date: str) -> None:
    mentions = flags.years(units.values())
    year = flags.only_year(mentions) if on("flags.years") else None
    known = set(mentions) if on("flags.glued-year") else set()
    for key, text in units.items():
        if year is not None:
            found[key] += flags.same_year(text, year, date)
        if on("flags.year-range"):
            found[key] += flags.year_range(text)
        if known:
            found[key] += flags.glued_year(text, known)
        if on("flags.unpaired"):
            found[key] += flags.unpaired(text)
        if on("flags.blank"):
            found[key] += flags.blanks(text)


def rebuild(
    doc: Document, units: dict[int, str], found: dict[int, list[Edit]], notes: list[Change]
) -> Document:
    """The document with every unit's rewrites made, and every edit recorded."""
    changes = list(doc.meta.changes) + notes
    new: dict[int, str] = {}
    prefix_end: dict[int, int] = {}  # where each label or lead ends in the new text
    for key, text in units.items():
        prefix = _prefix(doc, key)
        rewrites, flagged = resolve(_keep_prefix(found[key], text, prefix))
        new[key] = apply(text, rewrites)
        prefix_end[key] = moved(len(prefix), rewrites) or 0
        for e in sorted(rewrites + flagged, key=lambda e: (e.start, e.after is None)):
            changes.append(Change(key, e.start, text[e.start : e.end], e.after, e.rule, e.note))
    blocks = list(doc.blocks)
    for i, block in enumerate(blocks):
        if new[i] == block.text:
            continue
        end = prefix_end[i]
        if isinstance(block, Heading):
            blocks[i] = replace(block, text=new[i], label=new[i][:end] if block.label else "")
        elif isinstance(block, Paragraph):
            blocks[i] = replace(block, text=new[i], lead=new[i][:end] if block.lead else "")
        elif isinstance(block, Table):
            blocks[i] = block.with_text(new[i])
        elif isinstance(block, Item):
            blocks[i] = replace(block, text=new[i], label=new[i][:end] if block.label else "")
        else:
            blocks[i] = replace(block, text=new[i])
    meta = replace(
        doc.meta,
        title=new.get(TITLE, doc.meta.title),
        subtitle=new.get(SUBTITLE, doc.meta.subtitle),
        changes=tuple(changes),
    )
    return replace(doc, meta=meta, blocks=tuple(blocks))


def _prefix(doc: Document, key: int) -> str:
    if key < 0:
        return ""
    block = doc.blocks[key]
    if isinstance(block, Heading | Item):
        return block.label
    if isinstance(block, Paragraph):
        return block.lead
    return ""


def _keep_prefix(edits: list[Edit], text: str, prefix: str) -> list[Edit]:
    """Edits with none straddling the end of a label or lead: a rewrite that would is cut
    back to the prefix when only spaces lie beyond it, and dropped otherwise."""
    end = len(prefix)
    if not end:
        return edits
    out = []
    for e in edits:
        if e.after is not None and e.start < end < e.end:
            if text[end : e.end].strip():
                continue
            e = replace(e, end=end)
        out.append(e)
    return out
