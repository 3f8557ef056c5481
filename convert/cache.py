"""Where docconv keeps what it can reuse between runs: reportlab's reading of each font file
(PDF) and the DOCX package skeleton of each style sheet.

The folder is $DOCCONV_CACHE_DIR, else the platform's user cache folder (platformdirs:
~/.cache/docconv or $XDG_CACHE_HOME/docconv on Linux, ~/Library/Caches/docconv on macOS,
%LOCALAPPDATA%\\docconv\\Cache on Windows); DOCCONV_CACHE=0 turns caching off. Removing the
folder is always safe.

Nothing read from it is trusted: every entry starts with a SHA-256 over its name and its
content, and an entry that does not match (damaged, truncated, edited, another entry's file
copied over it, not a regular file) is ignored and built again. Reading an entry marks it
used (its modification time); each time a run stores an entry, entries no run has used for
`STALE_DAYS` go, and the least recently used beyond `MAX_BYTES`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from pathlib import Path

#: The first bytes of every entry; a new format is a new magic, and old entries are ignored.
MAGIC = b"docconv-cache 2\n"
SUFFIX = ".cache"
STALE_DAYS = 30
MAX_BYTES = 256 * 1024 * 1024
_DIGEST = hashlib.sha256().digest_size
#: Files earlier versions of docconv left in the folder (compiled patterns, unchecked
#: entries): removed when the folder is pruned.
_LEGACY = ("regex-*.marshal", "*/*.marshal")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("DOCCONV_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return None
    base = os.environ.get("DOCCONV_CACHE_DIR")
    if base:
        return Path(base)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("docconv", appauthor=False))


def _seal(name: str, data: bytes) -> bytes:
    return hashlib.sha256(name.encode("utf-8", "surrogateescape") + b"\0" + data).digest()


def load(name: str) -> bytes | None:
    """The content `save(name, …)` stored, or None: caching off, no entry, or an entry that
    fails its check (it is then ignored; the next `save` replaces it)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / (name + SUFFIX)
    try:
        raw = _read_regular(path)
    except OSError:
        return None
    head = len(MAGIC) + _DIGEST
    if len(raw) < head or not raw.startswith(MAGIC):
        return None
    data = raw[head:]
    if raw[len(MAGIC) : head] != _seal(name, data):
        return None
    with contextlib.suppress(OSError):  # a read-only cache still serves
        os.utime(path)  # used: kept by the pruning
    return data


def _read_regular(path: Path) -> bytes:
    """The bytes of `path` if it is a regular file (a FIFO, device or folder put in the
    cache's place is never opened for reading, let alone waited on)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    finally:
        os.close(fd)


def save(name: str, data: bytes) -> None:
    """Store `data` under `name` (a relative path without suffix, e.g. "fonts/x-1a2b"),
    atomically; any failure only means it is built again next time."""
    folder = cache_dir()
    if folder is None:
        return
    from .errors import OutputError
    from .fileio import atomic_output

    path = folder / (name + SUFFIX)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # own=True: a symlink, FIFO or device planted in the entry's place is left alone
        # (never followed, written into or waited on).
        with atomic_output(path, own=True) as f:
            f.write(MAGIC + _seal(name, data) + data)
    except (OSError, OutputError):
        return
    prune(folder, keep=path)


def prune(folder: Path, *, keep: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove entries no run has used for STALE_DAYS, then the least recently used until
    the folder holds at most MAX_BYTES, and what earlier versions left; never `keep`.
    Returns what was removed. Only docconv's own files are touched."""
    now = time.time() if now is None else now
    entries: list[tuple[float, int, Path]] = []
    doomed: list[Path] = []
    for pattern in ("*" + SUFFIX, "*/*" + SUFFIX):
        for path in folder.glob(pattern):
            try:
                st = path.lstat()
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode) or path == keep:
                continue
            if now - st.st_mtime > STALE_DAYS * 86400:
                doomed.append(path)
            else:
                entries.append((st.st_mtime, st.st_size, path))
    for pattern in _LEGACY:
        doomed.extend(p for p in folder.glob(pattern) if p.is_file() and not p.is_symlink())
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):  # oldest use first
        if total <= MAX_BYTES:
            break
        doomed.append(path)
        total -= size
    removed = []
    for path in doomed:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            continue
    return removed


def digest(*parts: object) -> str:
    """A short name for an entry from what makes it (file identity, library versions…)."""
    text = repr(parts).encode("utf-8", "surrogateescape")
    return hashlib.sha256(text).hexdigest()[:24]


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
