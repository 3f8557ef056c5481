"""Reading inputs and writing outputs safely: size limits, atomic writes, no clobbering."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, OutputError

MAX_INPUT_BYTES = 100 * 1024 * 1024


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    if path.is_dir():
        raise InputError(f"{path} is a folder (convert folders in batch mode: docconv DIR -d OUT)")
    if size > limit:
        raise InputError(
            f"{path} is {size / 2**20:.0f} MB, over the {limit / 2**20:.0f} MB input limit"
        )
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None


def check_not_input(out: Path, inputs: list[Path]) -> None:
    """Refuse to write over an input file."""
    for src in inputs:
        if out.resolve() == src.resolve() or (out.exists() and src.exists() and out.samefile(src)):
            raise OutputError(f"refusing to overwrite the input {src} with the output")


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file object whose content appears at `path` only if the block finishes; an error or
    an interruption leaves no partial file (the temporary file is removed)."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"output folder {folder} does not exist")
    try:
        # The pid in the name lets a later run tell a dead run's leftovers from live work.
        prefix = f".{path.name}.{os.getpid()}."
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=folder)
    except OSError as e:
        raise OutputError(f"cannot write in {folder}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def sweep_partial_files(folder: Path) -> int:
    """Remove temporary files that runs killed without warning (SIGKILL, power loss) left in
    `folder`; files of a process that is still running are left alone. Returns the count."""
    removed = 0
    try:
        candidates = list(folder.glob(".*.part"))
    except OSError:
        return 0
    for tmp in candidates:
        m = _PART.match(tmp.name)
        if not m or _alive(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


_PART = re.compile(r"^\..+\.(\d+)\.[^.]+\.part$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
