"""Entry points (plugins) found without importing importlib.metadata.

importlib.metadata costs about 20 ms to import and a few more per lookup, on every run, to
learn that usually no plugin is installed. Installed distributions are folders named
`*.dist-info` or `*.egg-info` in the folders of sys.path; this module reads their
`entry_points.txt` files once per process, in importlib.metadata's order (sys.path order,
a distribution seen twice counts once, the first time). Where sys.path or sys.meta_path hold
anything that plain folders cannot describe (zip files, eggs, finders that know of other
distributions), importlib.metadata itself answers.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
import threading
from dataclasses import dataclass
from typing import Any

_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """The part of importlib.metadata.EntryPoint that docconv uses."""

    name: str
    value: str
    group: str

    def load(self) -> Any:
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"entry point {self.name} = {self.value!r} is malformed")
        module = importlib.import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)


_LOCK = threading.Lock()
_FOUND: list[dict[str, list[EntryPoint]] | None] = []  # None: importlib.metadata answers


def entry_points(group: str) -> list[EntryPoint]:
    """Every entry point of `group`, in importlib.metadata's order."""
    with _LOCK:
        if not _FOUND:
            _FOUND.append(_scan())
        found = _FOUND[0]
    if found is None:
        return _from_importlib(group)
    return list(found.get(group, []))


def load_class(target: str, base: type, kind: str) -> Any:
    """The class a "module:Class" target names, which must subclass `base`; a clear
    UnknownFormatError (naming the `kind`, e.g. "writer") otherwise."""
    from .errors import UnknownFormatError

    module, _, attr = target.partition(":")
    try:
        cls = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as e:
        raise UnknownFormatError(f"{kind} {target} cannot be loaded: {e}") from None
    if not (isinstance(cls, type) and issubclass(cls, base)):
        raise UnknownFormatError(f"{target} is not a docconv {base.__name__} class")
    return cls


def clear() -> None:
    """Forget what was found (after installing a plugin in a running process)."""
    with _LOCK:
        _FOUND.clear()


def _scan() -> dict[str, list[EntryPoint]] | None:
    if not _plain_folders():
        return None
    groups: dict[str, list[EntryPoint]] = {}
    seen: set[str] = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        infos = [n for n in names if n.lower().endswith((".dist-info", ".egg-info"))]
        for info in infos:
            stem, ext = os.path.splitext(info)
            if ext not in (".dist-info", ".egg-info"):
                return None  # named by its metadata: let importlib.metadata read it
            key = _normalize(stem.partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            path = os.path.join(folder or ".", info, "entry_points.txt")
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
            except UnicodeDecodeError:
                return None  # importlib.metadata decides what such a file means
            except OSError:
                continue
            for ep in _parse(text):
                groups.setdefault(ep.group, []).append(ep)
    return groups


def _plain_folders() -> bool:
    """Whether folders on sys.path are the only place distributions can come from."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return False
    for entry in sys.path:
        if entry.lower().endswith(".egg") or (entry and os.path.isfile(entry)):
            return False
    return True


def _normalize(name: str) -> str:
    """importlib.metadata's normalized distribution name (PEP 503, underscores)."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _parse(text: str) -> list[EntryPoint]:
    """entry_points.txt: [group] headers, `name = value` lines, # and ; comments."""
    found: list[EntryPoint] = []
    group = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
            continue
        if group is None:
            continue
        name, _, value = line.partition("=")
        found.append(EntryPoint(name.strip(), value.strip(), group))
    return found


def _from_importlib(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as metadata_entry_points

    return [EntryPoint(ep.name, ep.value, ep.group) for ep in metadata_entry_points(group=group)]
