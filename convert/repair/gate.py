"""The damage gate: does this document carry a family's swaps at all?

Swap rules rewrite common words, so they run only where the family's markers are dense
(forms that clean mainland text almost never has) or where a word the tool replaces
everywhere has vanished while its stand-in is frequent. Clean text scores 0.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..zh.chars import HAN_RE
from .tables import Table


@dataclass(frozen=True, slots=True)
class Verdict:
    damaged: bool
    hits: int  # marker occurrences
    kinds: tuple[str, ...]  # the markers that occurred (as first seen), most frequent first
    han: int  # Han characters in the text
    vanished: tuple[str, ...]  # right words absent while their damaged form is frequent

    @property
    def per_1000(self) -> float:
        return 1000 * self.hits / self.han if self.han else 0.0

    def summary(self) -> str:
        shown = "、".join(self.kinds[:6]) + ("…" if len(self.kinds) > 6 else "")
        text = (
            f"{self.hits} markers of {len(self.kinds)} kinds ({self.per_1000:.1f} per 1000 Han "
            f"characters{': ' + shown if shown else ''})"
        )
        if self.vanished:
            text += "; no " + "、".join(self.vanished) + " at all"
        return text


def assess(table: Table, text: str) -> Verdict:
    gate = table.gate
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}  # each kind by the first text it matched, for people to read
    if gate.marker_re is not None:
        for m in gate.marker_re.finditer(text):
            assert m.lastgroup is not None
            counts[m.lastgroup] += 1
            shown.setdefault(m.lastgroup, _short(m.group()))
    hits = sum(counts.values())
    han = len(HAN_RE.findall(text))
    vanished = tuple(
        p.right
        for p in table.pairs
        if p.vanish and text.count(p.right) == 0 and text.count(p.damaged) >= gate.vanished_damaged
    )
    kinds = tuple(shown[k] for k, _ in counts.most_common())
    dense = len(kinds) >= gate.min_kinds and 1000 * hits >= gate.min_per_1000 * max(han, 1)
    enough_kinds = han >= gate.short or len(kinds) >= gate.min_kinds
    gone = bool(vanished) and hits >= gate.vanished_hits and enough_kinds
    return Verdict(dense or gone, hits, kinds, han, vanished)


def _short(text: str) -> str:
    return text if len(text) <= 8 else text[:3] + "…" + text[-1]
