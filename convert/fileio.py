"""Reading inputs and writing outputs safely: size limits, atomic writes, no clobbering.

Every file docconv writes goes through `atomic_output` (or `open_log` for the streamed
batch report), and both refuse a path that is one of the inputs of the running command:
`guard_inputs` opens that scope, `read_input` and `protect` fill it. Special files (a
character device, a FIFO) named as outputs are written in place, never renamed over; a
symlink is followed, so the file it points to is replaced and the link stays.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

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
    protect([path])
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)  # a file that grows while it is read is still held to it
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    check_size(len(data), limit, str(path))
    return data


def read_stdin(limit: int | None = None) -> bytes:
    """All of standard input (held to the input limit); an InputError when there is none
    (docconv started with its stdin closed)."""
    import sys

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("stdin is closed: nothing to read (give a file, or pipe the page in)")
    return read_stream(stream, limit=limit)


def stdout_stream() -> BinaryIO:
    """Standard output as bytes; an OutputError when there is none (docconv started with its
    stdout closed, `>&-`: Python then has no sys.stdout at all)."""
    import sys

    stream: BinaryIO | None = getattr(sys.stdout, "buffer", None)
    if stream is None:
        raise OutputError("stdout is closed: nowhere to write (use -o FILE, or redirect it)")
    return stream


def stdout_failed(error: OSError) -> OutputError:
    """The error for a failed write to standard output (a full disk, a closed pipe). What is
    still buffered is dropped, so that Python's own flush at exit does not fail again."""
    import sys

    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    return OutputError(f"cannot write to stdout: {error.strerror or error}")


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


def check_not_input(out: Path, inputs: Iterable[Path]) -> None:
    """Refuse to write over an input file (the path itself, a link to it, a hard link)."""
    key = identity(out)
    for src in inputs:
        if key & identity(src):
            raise OutputError(f"refusing to overwrite the input {src} with the output")


def check_side_files(
    taken: Iterable[tuple[Path, str]], side: Iterable[tuple[str, Path | None]]
) -> None:
    """Refuse a side file (`("--report", path)`) that names a path of `taken` (each with what
    it is: "the input a.html", "the output a.json of a.html") or an earlier side file. Run
    before anything is written, in every mode."""
    seen: dict[object, str] = {}
    for path, what in taken:
        for key in identity(path):
            seen.setdefault(key, what)
    for flag, file in side:
        if file is None:
            continue
        keys = identity(file)
        clash = next((seen[k] for k in keys if k in seen), None)
        if clash is not None:
            verb = "overwrite" if clash.startswith("the input") else "replace"
            raise OutputError(f"{flag} {file}: refusing to {verb} {clash}")
        for key in keys:
            seen.setdefault(key, f"{flag} {file}")


def identity(path: Path) -> set[object]:
    """What makes two names the same file: the real path, and device and inode when the
    file exists."""
    keys: set[object] = {os.path.realpath(path)}
    with contextlib.suppress(OSError, ValueError):
        st = os.stat(path)
        keys.add((st.st_dev, st.st_ino))
    return keys


#: The inputs of each running command (innermost last): no output may replace one.
_GUARDS: list[dict[object, Path]] = []


@contextmanager
def guard_inputs() -> Iterator[None]:
    """While the block runs, every input read (`read_input`) or announced (`protect`) is
    refused as an output, a report, a manifest or a cache file."""
    _GUARDS.append({})
    try:
        yield
    finally:
        _GUARDS.pop()


def protect(paths: Iterable[Path]) -> None:
    """Announce inputs (before any is read, e.g. every file of an input folder)."""
    if not _GUARDS:
        return
    guard = _GUARDS[-1]
    for path in paths:
        for key in identity(path):
            guard.setdefault(key, path)


def refuse_input(path: Path) -> None:
    """An OutputError when `path` names an input of the running command."""
    if not _GUARDS:
        return
    for key in identity(path):
        for guard in _GUARDS:
            if key in guard:
                raise OutputError(f"refusing to overwrite the input {guard[key]} with {path}")


#: File types written in place, as a shell redirection would: renaming over them would
#: replace the device or the pipe with a regular file.
_IN_PLACE = {stat.S_IFCHR: "character device", stat.S_IFIFO: "FIFO"}
_REFUSED = {stat.S_IFBLK: "block device", stat.S_IFSOCK: "socket", stat.S_IFDIR: "folder"}


def _existing_kind(path: Path) -> int | None:
    """The file type `path` leads to (symlinks followed), None when nothing is there."""
    try:
        return stat.S_IFMT(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


def _target(path: Path) -> Path:
    """Where a write to `path` lands: a symlink's (final) target, so the link survives."""
    if os.path.islink(path):
        return Path(os.path.realpath(path))
    return path


def _through_proc(path: Path) -> bool:
    """/dev/stdout, /dev/fd/3, /proc/self/fd/1: names of an open descriptor, whatever it
    is (a pipe, a terminal, a file the shell opened); they are written in place."""
    return os.path.realpath(path).startswith("/proc/")


def check_output_path(path: Path) -> None:
    """The checks `atomic_output` makes before it writes: not an input, not a block device,
    socket or folder, in a folder that exists."""
    refuse_input(path)
    kind = _existing_kind(path)
    if kind in _REFUSED:
        if kind == stat.S_IFDIR:
            raise OutputError(f"cannot write {path}: it is a folder")
        raise OutputError(f"refusing to write {path}: it is a {_REFUSED[kind]}")
    if kind in _IN_PLACE or (kind is not None and _through_proc(path)):
        return
    folder = _target(path).parent
    if not folder.is_dir():
        raise OutputError(f"output folder {folder} does not exist")


def _check_own(path: Path) -> None:
    """docconv's own files (manifests, caches) are regular files: a symlink or a special
    file planted under such a name is neither followed nor written."""
    refuse_input(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = stat.S_IFREG
    except (OSError, ValueError) as e:
        raise OutputError(f"cannot write {path}: {e}") from None
    if not stat.S_ISREG(mode):
        raise OutputError(f"refusing to write {path}: it is not a regular file")
    if not path.parent.is_dir():
        raise OutputError(f"output folder {path.parent} does not exist")


@contextmanager
def atomic_output(path: Path, *, own: bool = False) -> Iterator[BinaryIO]:
    """A file object whose content appears at `path` only if the block finishes; an error or
    an interruption leaves no partial file (the temporary file is removed). Failing to
    write (a missing or read-only folder, a full disk) is an OutputError.

    A character device or a FIFO at `path` gets the whole content written into it once the
    block finishes (nothing when it fails); a symlink's target is replaced, not the link.
    `own`: a file of docconv's own (a manifest, a cache), written only as a regular file."""
    if own:
        _check_own(path)
        kind = None
    else:
        check_output_path(path)
        kind = _existing_kind(path)
    if kind in _IN_PLACE or (kind is not None and _through_proc(path)):
        buffer = io.BytesIO()
        yield buffer
        _write_in_place(path, buffer.getvalue())
        return
    if not own:
        path = _target(path)
    folder = path.parent
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


def _write_in_place(path: Path, data: bytes) -> None:
    try:
        # No O_CREAT: a device or pipe that has gone since it was checked is not made a file.
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 0)  # /dev/stdout of a shell redirection to a file
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        os.close(fd)


def append_lines(path: Path, data: bytes) -> None:
    """Append `data` to a file of docconv's own (a manifest) in one write: never to an
    input, never through a symlink, never into a special file."""
    _check_own(path)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(f"refusing to write {path}: it is not a regular file")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        os.close(fd)


def open_log(path: Path) -> TextIO:
    """A text file streamed while a batch runs (the --report): never an input; a special
    file or a symlink is written through, as `atomic_output` does."""
    check_output_path(path)
    try:
        return open(path, "w", encoding="utf-8")  # the caller closes it
    except OSError as e:
        raise OutputError(f"cannot write the report {path}: {e.strerror or e}") from None


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
