"""The rule switch list (`--repair-rules`): which rules run.

Items are comma-separated and read left to right: `name` or `+name` turns rules on, `-name`
turns them off. A name is a rule ("punct.width", "spin.fazhan"), its short form when only one
rule has it ("width", "fazhan"), a family ("punct", "flags", a swap table such as "spin",
"swaps" for every swap table, "all"), or "force". Turning a family on leaves its opt-in
rules (those off by default, e.g. spin.jiankang) off; name them to run them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import DocconvError
from .tables import Table

PUNCT = ("width", "quotes", "brackets", "ellipsis")
FLAGS = ("years", "year-range", "glued-year", "unpaired", "blank", "unresolved")
FORCE = "force"  # run swap tables even where the gate finds no damage


class RuleSwitchError(DocconvError):
    exit_code = 2  # a usage error, like a bad option


@dataclass(frozen=True, slots=True)
class Switches:
    on: frozenset[str]
    force: bool = False

    def __call__(self, name: str) -> bool:
        return name in self.on


def catalogue(tables: Iterable[Table]) -> dict[str, bool]:
    """Every rule name, with whether it runs by default."""
    names = {f"punct.{n}": True for n in PUNCT}
    names |= {f"flags.{n}": True for n in FLAGS}
    for t in tables:
        names |= {f"{t.name}.{p.id}": p.on for p in t.pairs}
    return names


def _groups(tables: Iterable[Table], names: dict[str, bool]) -> dict[str, list[str]]:
    tables = list(tables)
    groups: dict[str, list[str]] = {"all": list(names), "punct": [], "flags": [], "swaps": []}
    for t in tables:
        groups[t.name] = [f"{t.name}.{p.id}" for p in t.pairs]
        groups["swaps"] += groups[t.name]
    for name in names:
        family = name.split(".")[0]
        if family in ("punct", "flags"):
            groups[family].append(name)
    return groups


def parse(spec: str | None, tables: Iterable[Table]) -> Switches:
    tables = list(tables)
    names = catalogue(tables)
    groups = _groups(tables, names)
    on = {n for n, default in names.items() if default}
    force = False
    for item in (spec or "").split(","):
        item = item.strip()
        if not item:
            continue
        sign, name = ("-", item[1:]) if item[0] == "-" else ("+", item.lstrip("+"))
        if name == FORCE:
            force = sign == "+"
            continue
        if name in groups:
            members = [n for n in groups[name] if sign == "-" or names[n]]
        elif name in names:
            members = [name]
        else:
            members = _short(name, names)
        if sign == "+":
            on.update(members)
        else:
            on.difference_update(members)
    return Switches(frozenset(on), force)


def _short(name: str, names: dict[str, bool]) -> list[str]:
    found = [n for n in names if n.split(".", 1)[1] == name]
    if len(found) == 1:
        return found
    if found:
        raise RuleSwitchError(f"repair rule {name!r} is ambiguous: say {' or '.join(found)}")
    known = ", ".join(sorted(names))
    raise RuleSwitchError(f"no repair rule {name!r}; the rules are {known}, and force")
