"""Where docconv keeps what it can reuse between runs: fonts' metrics (PDF) and compiled
regular expressions (the command line). $DOCCONV_CACHE_DIR, else $XDG_CACHE_HOME/docconv,
else ~/.cache/docconv; DOCCONV_CACHE=0 turns caching off. Removing the folder is always safe.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("DOCCONV_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return None
    base = os.environ.get("DOCCONV_CACHE_DIR")
    if not base:
        root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(root, "docconv")
    return Path(base)


def read(name: str) -> object | None:
    """What `write(name, …)` stored, or None (caching off, no entry, a damaged one)."""
    import marshal

    folder = cache_dir()
    if folder is None:
        return None
    try:
        value: object = marshal.loads((folder / name).read_bytes())
        return value
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write(name: str, value: Any) -> None:
    """Store plain data (marshal: nothing in it ever runs) under `name`, atomically; a
    failure only means it is computed again next time."""
    import marshal

    folder = cache_dir()
    if folder is None:
        return
    try:
        data = marshal.dumps(value)
    except ValueError:
        return
    store(folder / name, data)


def store(file: Path, data: bytes) -> None:
    """Write a cache file atomically; any failure only loses the entry."""
    from .errors import OutputError
    from .fileio import atomic_output

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(file) as f:
            f.write(data)
    except (OSError, OutputError):
        return


def source_stamp(*modules: str) -> str:
    """Size and modification time of these modules' files: part of a cache key for data
    that code computes, so an edited module means a fresh entry."""
    import sys

    parts = []
    for name in modules:
        path = getattr(sys.modules.get(name), "__file__", None)
        try:
            st = os.stat(path) if path else None
        except OSError:
            st = None
        parts.append(f"{name}:{st.st_mtime_ns}:{st.st_size}" if st else f"{name}:?")
    return "|".join(parts)
