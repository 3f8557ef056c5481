"""Reading inputs and writing outputs safely: size limits, atomic writes, no clobbering."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import DocconvError, InputError, OutputError

MAX_INPUT_BYTES = 100 * 1024 * 1024  # the default input limit
LIMIT_VARIABLE = "DOCCONV_MAX_INPUT_MB"


def max_input_bytes(limit: int | None = None) -> int:
    """The input size limit: `limit` when given, else DOCCONV_MAX_INPUT_MB (megabytes, may be
    fractional), else 100 MB."""
    if limit is not None:
        if limit <= 0:
            raise DocconvError(f"the input limit must be a positive number of bytes, not {limit}")
        return limit
    raw = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not raw:
        return MAX_INPUT_BYTES
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not 0 < mb < 2**40:
        raise DocconvError(f"{LIMIT_VARIABLE} must be a positive number of megabytes, not {raw!r}")
    return max(1, int(mb * 2**20))


def check_size(size: int, limit: int, name: str) -> None:
    if size > limit:
        raise InputError(f"{name or 'input'} is {_mb(size)}, over the {_mb(limit)} input limit")


def _mb(size: int) -> str:
    """A size for people: 100 MB, 1.5 MB, 12 KB, 300 bytes."""
    if size >= 10 * 2**20:
        return f"{size / 2**20:.0f} MB"
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"


def read_input(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the input file at `path`; an InputError when it is missing, a folder,
    unreadable or larger than the limit (see `max_input_bytes`)."""
    limit = max_input_bytes(limit)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    if path.is_dir():
        raise InputError(f"{path} is a folder (convert folders in batch mode: docconv DIR -d OUT)")
    check_size(size, limit, str(path))
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)  # a file that grows while it is read is still held to it
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    check_size(len(data), limit, str(path))
    return data


def read_stream(stream: BinaryIO, name: str = "stdin", limit: int | None = None) -> bytes:
    """All of `stream` (stdin), but never more than the input limit in memory."""
    limit = max_input_bytes(limit)
    try:
        data = stream.read(limit + 1)
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror})") from None
    if len(data) > limit:
        raise InputError(f"{name} is over the {_mb(limit)} input limit")
    return data


def check_not_input(out: Path, inputs: list[Path]) -> None:
    """Refuse to write over an input file."""
    for src in inputs:
        if out.resolve() == src.resolve() or (out.exists() and src.exists() and out.samefile(src)):
            raise OutputError(f"refusing to overwrite the input {src} with the output")


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file object whose content appears at `path` only if the block finishes; an error or
    an interruption leaves no partial file (the temporary file is removed). Failing to
    write (a missing or read-only folder, a full disk) is an OutputError."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"output folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    # An interruption (Ctrl-C, or SIGTERM in a batch worker) that lands after mkstemp has
    # made the file but before its name is known here would leave it behind: the two are
    # held back while it runs and arrive once the file is ours to remove.
    mask = _hold_interruptions()
    try:
        # The pid in the name lets a later run tell a dead run's leftovers from live work.
        prefix = f".{path.name}.{os.getpid()}."
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=folder)
    except OSError as e:
        _release(mask)
        raise OutputError(f"cannot write in {folder}: {e.strerror or e}") from None
    except BaseException:
        _release(mask)
        raise
    try:
        _release(mask)
        with os.fdopen(fd, "wb") as f:
            yield f
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_INTERRUPTIONS = {signal.SIGINT, signal.SIGTERM}


def _hold_interruptions() -> set[int | signal.Signals] | None:
    """Block SIGINT and SIGTERM for this thread; the previous mask (None where the
    platform cannot)."""
    try:
        return signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTIONS)
    except (AttributeError, OSError, ValueError):
        return None


def _release(mask: set[int | signal.Signals] | None) -> None:
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


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
