"""Swap tables: one TOML file per damage family in `tables/`, read into `Table`s.

A family is what one spinning tool did: which word it put in place of which, how to tell a
swapped occurrence from a genuine one, and which markers show that a document went through
it. Adding a family is adding a file; the format is described in tables/README.md.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeAlias, cast

from ..errors import DocconvError
from ..lazyre import LazyPattern
from ..zh.labels import CN_AMOUNT
from ..zh.marks import CLAUSE_END, PUNCT

TABLES_DIR = Path(__file__).with_name("tables")

Action: TypeAlias = Literal["fire", "keep", "flag"]
_ACTIONS = ("fire", "keep", "flag")

#: Shorthands usable in patterns. \x02 and \x03 stand for the start and end of the text.
MACROS = {
    "{b}": "[" + re.escape(CLAUSE_END) + "\x02\x03]",
    "{p}": "[" + re.escape(PUNCT) + "\x02\x03]",
    "{d}": "[0-9０-９]",
    "{cn}": f"[{CN_AMOUNT}]",
}
#: Names the rule switches use for themselves; a table may not be called so.
RESERVED = frozenset({"all", "punct", "flags", "swaps", "force"})
WINDOW = 24  # characters of context on either side that `at` patterns can see


class TableError(DocconvError):
    exit_code = 4


#: A rule's regular expression, compiled the first time a rule needs it: rules are read
#: only where their damaged form occurs, which in most documents is nowhere, so compiling
#: them all up front (some 50 ms of a cold run) is mostly wasted. Bundled tables are
#: checked by the test suite; a table from elsewhere is compiled as it is loaded.
Lazy = LazyPattern


@dataclass(frozen=True, slots=True)
class Rule:
    """Decides an occurrence when every condition given holds (the first such rule wins).

    at / not_at: patterns "BEFORE~AFTER" (regular expressions around the damaged form);
    clause_has / clause_lacks / clause_ends: the rest of the clause after the form;
    before_has: the clause before it; near: the next `within` characters, up to punctuation;
    doc_lacks: the whole document."""

    then: Action
    why: str
    at: Lazy | None = None
    not_at: Lazy | None = None
    clause_has: Lazy | None = None
    clause_lacks: Lazy | None = None
    clause_ends: Lazy | None = None
    before_has: Lazy | None = None
    near: Lazy | None = None
    within: int = 10
    doc_lacks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    damaged: str
    right: str
    otherwise: Action  # what an occurrence no rule decides gets
    rules: tuple[Rule, ...] = ()
    vanish: bool = False  # counts toward the gate's vanished-word signal
    on: bool = True  # False: runs only when switched on by name
    suspect: bool = False  # a pair not confirmed: it may flag, never rewrite


@dataclass(frozen=True, slots=True)
class Gate:
    markers: tuple[str, ...]
    marker_re: re.Pattern[str] | None
    min_kinds: int = 2
    min_per_1000: float = 1.0
    vanished_damaged: int = 3
    vanished_hits: int = 2
    short: int = 300


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    description: str
    gate: Gate
    pairs: tuple[Pair, ...]
    source: str = ""

    def pair(self, pair_id: str) -> Pair:
        return next(p for p in self.pairs if p.id == pair_id)


def expand(pattern: str, sets: dict[str, str] | None = None) -> str:
    """`pattern` with its {macros} and the table's {sets} written out."""
    for name, regex in (sets or {}).items():
        pattern = pattern.replace("{" + name + "}", regex)
    for macro, regex in MACROS.items():
        pattern = pattern.replace(macro, regex)
    return pattern


class _Compiler:
    """Compiles a table's patterns with its named word sets."""

    def __init__(self, sets: dict[str, list[str]], where: str, *, eager: bool = True) -> None:
        self.eager = eager  # compile (and so check) every pattern now
        self.sets: dict[str, str] = {}
        for name, words in sets.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or f"{{{name}}}" in MACROS:
                raise TableError(f"{where}: [sets] name {name!r} is not allowed")
            self.sets[name] = "(?:" + "|".join(words) + ")"

    def any(self, patterns: list[str], where: str, suffix: str = "") -> Lazy | None:
        if not patterns:
            return None
        lazy = Lazy("|".join(f"(?:{expand(p, self.sets)}){suffix}" for p in patterns))
        if self.eager:
            try:
                lazy.compile()
            except re.error as e:
                raise TableError(f"{where}: bad pattern: {e}") from None
        return lazy

    def around(self, patterns: list[str], where: str) -> Lazy | None:
        """`at` patterns, matched against BEFORE + "\\x00" + AFTER."""
        parts = []
        for p in patterns:
            if p.count("~") != 1:
                raise TableError(f"{where}: pattern {p!r} needs exactly one ~ for the word")
            before, after = p.split("~")
            parts.append(f"(?:{before})\x00(?:{after})")
        return self.any(parts, where)


_RULE_KEYS = {"then", "why", "at", "not_at", "clause_has", "clause_lacks", "clause_ends"}
_RULE_KEYS |= {"before_has", "near", "within", "doc_lacks"}
_PAIR_KEYS = {"id", "damaged", "right", "otherwise", "vanish", "on", "suspect", "rule"}
_GATE_KEYS = {"markers", "min_kinds", "min_per_1000", "vanished_damaged", "vanished_hits"}
_GATE_KEYS |= {"short"}


def _check_keys(data: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise TableError(f"{where}: unknown keys {', '.join(sorted(unknown))}")


def _action(value: object, where: str) -> Action:
    if value not in _ACTIONS:
        raise TableError(f"{where}: expected one of {', '.join(_ACTIONS)}, not {value!r}")
    return cast(Action, value)


def _rule(data: dict[str, Any], where: str, suspect: bool, c: _Compiler) -> Rule:
    _check_keys(data, _RULE_KEYS, where)
    then = _action(data.get("then"), where)
    if suspect and then == "fire":
        raise TableError(f"{where}: a suspect pair may only keep or flag")
    return Rule(
        then=then,
        why=str(data.get("why", "")),
        at=c.around(data.get("at", []), where),
        not_at=c.around(data.get("not_at", []), where),
        clause_has=c.any(data.get("clause_has", []), where),
        clause_lacks=c.any(data.get("clause_lacks", []), where),
        clause_ends=c.any(data.get("clause_ends", []), where, "$"),
        before_has=c.any(data.get("before_has", []), where),
        near=c.any(data.get("near", []), where),
        within=int(data.get("within", 10)),
        doc_lacks=tuple(data.get("doc_lacks", [])),
    )


def _pair(data: dict[str, Any], where: str, c: _Compiler) -> Pair:
    _check_keys(data, _PAIR_KEYS, where)
    pid = str(data.get("id", ""))
    if not re.fullmatch(r"[a-z][a-z0-9-]*", pid):
        raise TableError(f"{where}: a pair needs an id of lower-case letters, not {pid!r}")
    where = f"{where} {pid}"
    suspect = bool(data.get("suspect", False))
    otherwise = _action(data.get("otherwise", "flag"), where)
    if suspect and otherwise == "fire":
        raise TableError(f"{where}: a suspect pair may only keep or flag")
    rules = tuple(
        _rule(r, f"{where} rule {i + 1}", suspect, c) for i, r in enumerate(data.get("rule", []))
    )
    if not data.get("damaged") or not data.get("right"):
        raise TableError(f"{where}: needs both damaged and right")
    return Pair(
        id=pid,
        damaged=str(data["damaged"]),
        right=str(data["right"]),
        otherwise=otherwise,
        rules=rules,
        vanish=bool(data.get("vanish", False)),
        on=bool(data.get("on", True)),
        suspect=suspect,
    )


def _gate(data: dict[str, Any], where: str, c: _Compiler) -> Gate:
    _check_keys(data, _GATE_KEYS, where)
    markers = tuple(str(m) for m in data.get("markers", []))
    marker_re = None
    if markers:
        try:
            named = (f"(?P<m{i}>{expand(m, c.sets)})" for i, m in enumerate(markers))
            marker_re = re.compile("|".join(named))
        except re.error as e:
            raise TableError(f"{where}: bad marker: {e}") from None
    return Gate(
        markers=markers,
        marker_re=marker_re,
        min_kinds=int(data.get("min_kinds", 2)),
        min_per_1000=float(data.get("min_per_1000", 1.0)),
        vanished_damaged=int(data.get("vanished_damaged", 3)),
        vanished_hits=int(data.get("vanished_hits", 2)),
        short=int(data.get("short", 300)),
    )


def parse(data: dict[str, Any], source: str, *, eager: bool = True) -> Table:
    _check_keys(data, {"family", "gate", "pair", "sets"}, source)
    family = data.get("family", {})
    name = str(family.get("name", ""))
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise TableError(f"{source}: [family] needs a name of lower-case letters, not {name!r}")
    if name in RESERVED:
        raise TableError(f"{source}: the family name {name!r} is taken by the rule switches")
    c = _Compiler(data.get("sets", {}), f"{source}: [sets]", eager=eager)
    pairs = tuple(_pair(p, f"{source}: pair", c) for p in data.get("pair", []))
    ids = [p.id for p in pairs]
    if len(set(ids)) != len(ids):
        raise TableError(f"{source}: pair ids must be unique")
    forms = [p.damaged for p in pairs]
    if len(set(forms)) != len(forms):
        raise TableError(f"{source}: each damaged form may have one pair only")
    return Table(
        name=name,
        description=str(family.get("description", "")),
        gate=_gate(data.get("gate", {}), f"{source}: [gate]", c),
        pairs=pairs,
        source=source,
    )


@cache
def load(folder: Path = TABLES_DIR) -> tuple[Table, ...]:
    """Every table in `folder`, by file name."""
    tables = []
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise TableError(f"{path.name}: {e}") from None
        # Bundled tables compile their rules when first used (see Lazy).
        tables.append(parse(data, path.name, eager=folder != TABLES_DIR))
    names = [t.name for t in tables]
    if len(set(names)) != len(names):
        raise TableError(f"{folder}: two tables share a family name")
    return tuple(tables)
