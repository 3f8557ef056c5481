"""Swap repair: decide each occurrence of a damaged form by its table's context rules.

Context is read from the text as it came in, in a bounded window around the occurrence, so
the work per occurrence is constant and a long document costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from ..zh.marks import CLAUSE_END_RE, PUNCT_RE
from .edits import Edit
from .tables import WINDOW, Action, Pair, Rule, Table

CLAUSE = 80  # the longest clause context a rule sees


class Context:
    """What the rules may look at around text[start:end]."""

    __slots__ = ("around", "before", "end", "rest", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        head = "\x02" if start <= WINDOW else ""
        tail = "\x03" if end + WINDOW >= len(text) else ""
        left = text[max(0, start - WINDOW) : start]
        self.around = head + left + "\x00" + text[end : end + WINDOW] + tail
        self.text = text
        self.end = end
        stop = CLAUSE_END_RE.search(text, end, end + CLAUSE)
        self.rest = text[end : stop.start() if stop else end + CLAUSE]
        begin = max(0, start - CLAUSE)
        for m in CLAUSE_END_RE.finditer(text, begin, start):
            begin = m.end()
        self.before = text[begin:start]

    def near(self, within: int) -> str:
        ahead = self.text[self.end : self.end + within]
        stop = PUNCT_RE.search(ahead)
        return ahead[: stop.start()] if stop else ahead


def holds(rule: Rule, ctx: Context, present: Collection[str]) -> bool:
    if rule.at is not None and not rule.at.search(ctx.around):
        return False
    if rule.not_at is not None and rule.not_at.search(ctx.around):
        return False
    if rule.clause_has is not None and not rule.clause_has.search(ctx.rest):
        return False
    if rule.clause_lacks is not None and rule.clause_lacks.search(ctx.rest):
        return False
    if rule.clause_ends is not None and not rule.clause_ends.search(ctx.rest):
        return False
    if rule.before_has is not None and not rule.before_has.search(ctx.before):
        return False
    if rule.near is not None and not rule.near.search(ctx.near(rule.within)):
        return False
    return not any(w in present for w in rule.doc_lacks)


def decide(pair: Pair, ctx: Context, present: Collection[str]) -> tuple[Action, str]:
    for rule in pair.rules:
        if holds(rule, ctx, present):
            return rule.then, rule.why
    return pair.otherwise, _DEFAULT[pair.otherwise]


_DEFAULT = {"fire": "near-certain pair", "flag": "no rule decides", "keep": ""}


@cache
def pattern(forms: frozenset[str]) -> re.Pattern[str]:
    """Finds any of the damaged forms; at one place the longest wins (ties are in code
    point order, so the pattern does not depend on the hash seed)."""
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    return re.compile("|".join(re.escape(f) for f in ordered))


def find(
    table: Table, pairs: list[Pair], text: str, present: Collection[str], flag: bool
) -> list[Edit]:
    """Rewrites (and, with `flag`, unresolved and suspect flags) for `pairs` in `text`."""
    by_form = {p.damaged: p for p in pairs}
    edits: list[Edit] = []
    for m in pattern(frozenset(by_form)).finditer(text):
        pair = by_form[m.group()]
        action, why = decide(pair, Context(text, m.start(), m.end()), present)
        rule = f"{table.name}.{pair.id}"
        if action == "fire":
            edits.append(Edit(m.start(), m.end(), pair.right, rule, why))
        elif action == "flag" and flag:
            kind = "suspect" if pair.suspect else "unresolved"
            note = f"{kind}: {pair.damaged} or {pair.right}? {why}"
            edits.append(Edit(m.start(), m.end(), None, rule, note))
    return edits


def doc_words(table: Table, text: str) -> frozenset[str]:
    """The words the table's doc_lacks conditions ask about that occur in the document."""
    asked = {w for p in table.pairs for r in p.rules for w in r.doc_lacks}
    return frozenset(w for w in asked if w in text)
