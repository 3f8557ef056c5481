"""Plugins: entry points of installed distributions, and loading the classes they name.

Groups: `docconv.writers` and `docconv.readers` (classes), `docconv.sites` (folders of site
profiles). importlib.metadata finds them, reading the installed distributions once for all
three groups; what it found is kept for the process (`clear` forgets it, after installing a
plugin in a running process).
"""

from __future__ import annotations

import importlib
import threading
from importlib.metadata import EntryPoint
from typing import Any

_LOCK = threading.Lock()
_FOUND: dict[str, tuple[EntryPoint, ...]] = {}
_INSTALLED: list[Any] = []  # importlib.metadata.entry_points(): every group's, read once


def entry_points(group: str) -> list[EntryPoint]:
    """Every entry point of `group`, in importlib.metadata's order."""
    with _LOCK:
        found = _FOUND.get(group)
        if found is None:
            if not _INSTALLED:
                from importlib.metadata import entry_points as metadata_entry_points

                _INSTALLED.append(metadata_entry_points())
            found = _FOUND[group] = tuple(_INSTALLED[0].select(group=group))
    return list(found)


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
    """Forget what was found."""
    with _LOCK:
        _FOUND.clear()
        _INSTALLED.clear()
