"""Measuring a swap table: damage clean text the way the family's tool does, repair it, and
count what came back. A development tool (tests/test_repair_clean.py uses it too), not part
of the package:

    python benchmarks/repair_eval.py tests/repair_data/clean_*.txt

`damage` replaces every right word of the table's confirmed pairs by its damaged form (one
pass, leftmost-longest, no segmentation: the tool's behaviour), turns ” into 〞 and （） into
〔〕, and then, like the sites, folds full-width ASCII-range punctuation to half-width.
`score` compares a repair of that text with what was known to be damaged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TypeAlias

from convert.model import Block, Change, Document, Heading, Item, Meta, Note, Paragraph
from convert.repair.tables import Table
from convert.zh import labels

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_TOOL_PUNCT = str.maketrans({"”": "〞", "（": "〔", "）": "〕"})


@dataclass(frozen=True, slots=True)
class Swap:
    """One replacement the damage made: text[start:start+len(damaged)] was `right`."""

    start: int
    damaged: str
    right: str
    pair: str


def damage_text(text: str, table: Table, fold: bool = True) -> tuple[str, list[Swap]]:
    pairs = {p.right: p for p in table.pairs if p.on and not p.suspect}
    finder = re.compile("|".join(re.escape(r) for r in sorted(pairs, key=len, reverse=True)))
    out: list[str] = []
    swaps: list[Swap] = []
    pos = length = 0
    for m in finder.finditer(text):
        pair = pairs[m.group()]
        chunk = text[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        swaps.append(Swap(length, pair.damaged, pair.right, f"{table.name}.{pair.id}"))
        out.append(pair.damaged)
        length += len(pair.damaged)
        pos = m.end()
    out.append(text[pos:])
    damaged = "".join(out).translate(_TOOL_PUNCT)
    return (damaged.translate(_FOLD) if fold else damaged), swaps


Swaps: TypeAlias = dict[int, list[Swap]]  # by Change.block key


def damage(doc: Document, table: Table, fold: bool = True) -> tuple[Document, Swaps]:
    """`doc` with every block damaged (the title too, as block -1), and the swaps made."""
    swaps: Swaps = {}
    title, swaps[-1] = damage_text(doc.meta.title, table, fold)
    blocks: list[Block] = []
    for i, block in enumerate(doc.blocks):
        text, swaps[i] = damage_text(block.text, table, fold)
        if isinstance(block, Heading):
            label = damage_text(block.label, table, fold)[0]
            blocks.append(replace(block, text=text, label=label))
        elif isinstance(block, Paragraph):
            lead = damage_text(block.lead, table, fold)[0]
            blocks.append(replace(block, text=text, lead=lead))
        elif isinstance(block, Note):
            blocks.append(replace(block, text=text))
        elif isinstance(block, Item):
            label = damage_text(block.label, table, fold)[0]
            blocks.append(replace(block, text=text, label=label))
        else:
            blocks.append(block.with_text(text))
    return replace(doc, meta=replace(doc.meta, title=title), blocks=tuple(blocks)), swaps


@dataclass
class Score:
    """Per pair: how many swaps the damage made, how many came back; and every rewrite of
    a swap rule that was not one of them (a genuine word changed)."""

    made: Counter[str] = field(default_factory=Counter)
    restored: Counter[str] = field(default_factory=Counter)
    wrong: list[Change] = field(default_factory=list)

    @property
    def recall(self) -> float:
        total = sum(self.made.values())
        return sum(self.restored.values()) / total if total else 1.0

    @property
    def precision(self) -> float:
        fixed = sum(self.restored.values())
        return fixed / (fixed + len(self.wrong)) if fixed + len(self.wrong) else 1.0

    def add(self, other: Score) -> None:
        self.made += other.made
        self.restored += other.restored
        self.wrong += other.wrong


def score(changes: tuple[Change, ...], swaps: Swaps, table: Table) -> Score:
    result = Score()
    known = {(block, s.start, s.damaged, s.right): s for block, ss in swaps.items() for s in ss}
    for ss in swaps.values():
        result.made.update(s.pair for s in ss)
    prefix = table.name + "."
    for c in changes:
        if c.after is None or not c.rule.startswith(prefix):
            continue
        swap = known.get((c.block, c.start, c.before, c.after))
        if swap is not None and swap.pair == c.rule:
            result.restored[swap.pair] += 1
        else:
            result.wrong.append(c)
    return result


def expected(text: str, repaired: Document, block: int, swaps: list[Swap]) -> str:
    """`text` (clean) with the swaps that were not restored put back: what a repair that
    changed nothing else must give."""
    restored = {c.start for c in repaired.meta.changes if c.block == block and c.after}
    out: list[str] = []
    pos = 0
    shift = 0  # damaged offsets run ahead of clean ones by the length the swaps added
    for s in swaps:
        clean_start = s.start - shift
        out.append(text[pos:clean_start])
        out.append(s.right if s.start in restored else s.damaged)
        pos = clean_start + len(s.right)
        shift += len(s.damaged) - len(s.right)
    out.append(text[pos:])
    return "".join(out)


def document(text: str) -> Document:
    """A plain test text as a Document: the first line is the title, then one block per line;
    a short labelled line is a heading, a long one a paragraph whose first sentence is its
    lead, a short line ending in ： a salutation."""
    lines = [line for line in text.splitlines() if line.strip()]
    blocks: list[Block] = []
    for line in lines[1:]:
        label = labels.match(line)
        m = label if label and label.kind in ("cn", "cn-paren") else None
        if m and len(line) <= 30:
            paren = m.kind == "cn-paren"
            blocks.append(Heading(2 if paren else 1, line, m.text, "cn-paren" if paren else "cn"))
        elif m and "。" in line:
            blocks.append(Paragraph(line, "body", line[: line.index("。") + 1]))
        elif line.endswith("：") and len(line) <= 30:
            blocks.append(Paragraph(line, "salutation"))
        else:
            blocks.append(Paragraph(line))
    return Document(Meta(title=lines[0] if lines else ""), tuple(blocks))


def report(score: Score) -> str:
    """A table of the share restored per pair."""
    rows = [f"{'pair':16} {'restored':>8} {'made':>5} {'share':>6}"]
    for pair in sorted(score.made):
        made, back = score.made[pair], score.restored[pair]
        rows.append(f"{pair:16} {back:8} {made:5} {back / made:6.0%}")
    rows.append(
        f"{'all':16} {sum(score.restored.values()):8} {sum(score.made.values()):5} "
        f"{score.recall:6.0%}   precision {score.precision:.0%}, wrong {len(score.wrong)}"
    )
    return "\n".join(rows)


def main(argv: list[str]) -> None:
    """Damage each clean text with every bundled family, repair it, and print the share
    restored per pair."""
    from pathlib import Path

    from convert.repair import repair
    from convert.repair.tables import load

    for table in load():
        total = Score()
        for name in argv:
            clean = document(Path(name).read_text(encoding="utf-8"))
            damaged, swaps = damage(clean, table)
            total.add(score(repair(damaged).meta.changes, swaps, table))
        print(f"{table.name}: {len(argv)} text(s)\n{report(total)}")
        for c in total.wrong:
            print(f"wrong: block {c.block}@{c.start} {c.before}→{c.after} ({c.rule}: {c.note})")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
