"""Compiled regular expressions kept on disk between runs of the command line.

docconv's readers, cleaning, structure and repair stages compile about 250 regular
expressions, many of them with character classes over the CJK blocks, which CPython's
`re` compiler walks one character at a time in Python: some 50 ms of every cold run, more
than any single conversion step. Python caches a module's bytecode in __pycache__; this
does the same for a pattern's SRE code. The command line calls `install()`: a pattern seen
in an earlier run is rebuilt from its stored code in microseconds; a new one is compiled
as usual, checked equal to what `re` itself makes, and stored when the run ends.

Only the command line and its batch workers install it (a library import never changes
`re`), only on the CPython versions whose `re` internals this was written against, and
entries are keyed by the interpreter's full version and the SRE magic number. The file
lives in docconv's cache folder (convert/cache.py; DOCCONV_CACHE=0 turns it off). Anything
unexpected turns it off for the run; nothing here can fail a conversion.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import marshal
import sys
import threading
from pathlib import Path
from typing import Any

FORMAT = 2
#: Some patterns are built afresh each run (an alternation from a set, whose order follows
#: the hash seed): entries no run has used in this many runs that saved are dropped, and
#: never more than _MAX_ENTRIES are kept, the least recently used going first.
_STALE_AFTER = 20
_MAX_ENTRIES = 2000

_state: dict[str, Any] = {}
_lock = threading.Lock()


def cache_file() -> Path | None:
    from .cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    tag = sys.implementation.cache_tag or "python"
    return folder / f"regex-{tag}.marshal"


def _signature() -> str:
    return f"{FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"


def installed() -> bool:
    return bool(_state.get("on"))


def install() -> None:
    """Serve re's compiler from the on-disk cache for the rest of this process."""
    if _state or sys.implementation.name != "cpython" or not (3, 11) <= sys.version_info < (3, 14):
        return
    import re

    compiler: Any = getattr(re, "_compiler", None)
    parser: Any = getattr(re, "_parser", None)
    if compiler is None or parser is None or not hasattr(compiler, "_code"):
        return
    file = cache_file()
    if file is None:
        return
    stored: dict[tuple[object, int], tuple[Any, ...]] = {}
    used: dict[tuple[object, int], int] = {}  # pattern → the last run (generation) using it
    generation = 0
    try:
        data = marshal.loads(file.read_bytes())
        if isinstance(data, dict) and data.get("signature") == _signature():
            stored, used, generation = data["patterns"], data["used"], int(data["generation"])
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        stored, used, generation = {}, {}, 0
    generation += 1
    original = compiler.compile
    _state.update(original=original, stored=stored, new={}, file=file, on=True)
    _state.update(used=used, generation=generation)

    def compile(p: Any, flags: int = 0) -> Any:
        if not _state["on"] or not isinstance(p, str | bytes) or flags & compiler.SRE_FLAG_DEBUG:
            return original(p, flags)
        key = (p, flags)
        entry = stored.get(key)
        if entry is not None:
            try:
                compiled = _rebuild(p, entry)
                used[key] = generation
                return compiled
            except Exception:  # a damaged entry: compile it the usual way
                stored.pop(key, None)
        pattern = original(p, flags)
        _learn(key, pattern, compiler, parser)
        return pattern

    compiler.compile = compile
    atexit.register(save)


def _learn(key: tuple[Any, int], pattern: Any, compiler: Any, parser: Any) -> None:
    """Store the SRE code of a pattern `re` has just compiled, made the way re._compiler
    makes it, if the result is the very same pattern."""
    p, flags = key
    try:
        parsed = parser.parse(p, flags)
        code = compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        # Opcodes are int subclasses (named constants): stored as plain ints.
        entry: tuple[Any, ...] = (int(flags | parsed.state.flags), [int(c) for c in code])
        entry += (int(parsed.state.groups - 1), groupindex, tuple(indexgroup))
        if _rebuild(p, entry) != pattern:  # Pattern equality compares the SRE code
            _state["on"] = False
            return
        with _lock:
            _state["new"][key] = entry
            _state["used"][key] = _state["generation"]
    except Exception:
        _state["on"] = False


def _rebuild(p: str | bytes, entry: tuple[Any, ...]) -> Any:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(p, flags, code, groups, groupindex, indexgroup)


def save() -> None:
    """Write what this run learnt (atomically; a failure only loses the entries)."""
    if not _state or not _state["new"] or not _state["on"]:
        return
    with _lock:
        patterns = {**_state["stored"], **_state["new"]}
        _state["new"] = {}
        generation: int = _state["generation"]
        used = {k: _state["used"].get(k, 0) for k in patterns}
    keep = sorted(
        (k for k in patterns if used[k] > generation - _STALE_AFTER),
        key=lambda k: used[k],
        reverse=True,
    )[:_MAX_ENTRIES]
    patterns = {k: patterns[k] for k in keep}
    file: Path = _state["file"]
    try:
        data = marshal.dumps(
            {
                "signature": _signature(),
                "generation": generation,
                "patterns": patterns,
                "used": {k: used[k] for k in keep},
            }
        )
    except ValueError:
        return
    from .cache import store

    store(file, data)
