"""Batch conversion: many inputs, several formats, one parse per input, parallel processes.

    from convert.batch import Job, plan, run
    job = Job(formats=("docx", "pdf"), out_dir=Path("out"))
    tasks = plan([Path("previews")], job)          # raises on output-name collisions
    for result in run(tasks, job, jobs=2): ...     # results in input order

Outputs are written atomically and a re-run skips inputs whose outputs are newer than the
input and were made with the same options (a manifest in each output folder records them).
Workers load fonts and heavy imports once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import signal
import time
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import fileio
from .errors import DocconvError, OutputError
from .fileio import append_lines, atomic_output, identity, protect, sweep_partial_files
from .options import ReadOptions, WriteOptions

if TYPE_CHECKING:
    from .styles import Style

MANIFEST = ".docconv-manifest.json"


@dataclass(frozen=True, slots=True)
class Job:
    """What every input in a batch gets done to it."""

    formats: tuple[str, ...] = ("docx",)
    out_dir: Path | None = None  # None: each output beside its input
    style: str = "gongwen"
    read_options: ReadOptions = field(default_factory=ReadOptions)
    write_options: WriteOptions = field(default_factory=WriteOptions)
    force: bool = False
    follow_symlinks: bool = False  # which inputs are found, not how they are converted

    def signature(self) -> str:
        """A fingerprint of everything that shapes the outputs (the style sheet's content
        and font files included), so a changed option means a re-conversion."""
        from . import __version__
        from .styles import load

        sheet = load(self.style).source
        reading, writing = self.read_options, self.write_options
        parts = [
            __version__,
            self.style,
            _file_stamp(sheet),
            repr(dataclasses.replace(reading, sites_dirs=(), max_bytes=None)),
            *(_file_stamp(d) for d in reading.sites_dirs),
            repr(dataclasses.replace(writing, fonts=())),
            *(f"{role}={_file_stamp(p)}" for role, p in writing.fonts),
        ]
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Task:
    source: Path
    outputs: tuple[tuple[str, Path], ...]  # (format, output path)


@dataclass(slots=True)
class Outcome:
    input: str
    status: str  # "converted", "skipped", "failed"
    outputs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # informational (e.g. fonts embedded)

    def json_line(self) -> str:
        data = asdict(self)
        del data["notes"]  # the report's fields are fixed (README); notes are for -v
        line = json.dumps(data, ensure_ascii=False)
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # a file name in another encoding: its bytes as \u escapes
            line = json.dumps(data)
        return line


def discover(
    paths: Iterable[str | os.PathLike[str]],
    *,
    out_dir: Path | None = None,
    follow_symlinks: bool = False,
    skipped: list[str] | None = None,
) -> list[tuple[Path, Path]]:
    """(input file, its path relative to the folder given) for every supported input,
    recursing into folders; files named directly are taken whatever their extension.

    Inside a folder, symlinks (to files and to folders alike) are followed only with
    `follow_symlinks`; the output folder, hidden files and folders, and files a manifest
    records as docconv's own outputs are never inputs. What was passed over is described
    in `skipped`."""
    found: list[tuple[Path, Path]] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += _walk(path, out_dir, follow_symlinks, skipped)
        elif path.exists():
            found.append((path, Path(path.name)))
        elif os.path.islink(path):
            raise DocconvError(f"{path}: a symlink to nothing")
        else:
            raise DocconvError(f"{path}: no such file or folder")
    return found


def _walk(
    root: Path, out_dir: Path | None, follow: bool, skipped: list[str] | None
) -> list[tuple[Path, Path]]:
    from . import readers

    suffixes = set(readers.extensions())
    # An output folder inside the input folder holds outputs, never inputs (without this,
    # -d in/out nests out/out/out a little deeper on every run).
    avoid = os.path.realpath(out_dir) if out_dir is not None else None
    if avoid == os.path.realpath(root):
        avoid = None  # outputs beside the inputs: the manifests tell them apart
    seen: set[str] = set()
    links = outputs = 0
    found: list[tuple[Path, Path]] = []
    for here, dirs, files in os.walk(root, followlinks=follow):
        real = os.path.realpath(here)
        if real in seen:  # a followed link back up the tree
            dirs[:] = []
            continue
        seen.add(real)
        keep = []
        for name in dirs:
            full = os.path.join(here, name)
            if name.startswith(".") or (avoid is not None and os.path.realpath(full) == avoid):
                continue
            if os.path.islink(full) and not follow:
                links += 1
                continue
            keep.append(name)
        dirs[:] = keep
        folder = Path(here)
        ours = set(_read_manifest(folder)) if (folder / MANIFEST).is_file() else set()
        for name in files:
            file = folder / name
            if name.startswith(".") or Path(name).suffix.lower() not in suffixes:
                continue
            if file.is_symlink() and not follow:
                links += 1
                continue
            if name in ours:
                outputs += 1
                continue
            if file.is_file():  # not a FIFO or a device that happens to be named .html
                found.append((file, file.relative_to(root)))
    if skipped is not None:
        if links:
            skipped.append(f"{root}: {links} symlink(s) not followed (--follow-symlinks)")
        if outputs:
            skipped.append(f"{root}: {outputs} earlier output(s) of docconv not read as inputs")
    return sorted(found)


def plan(
    paths: Iterable[str | os.PathLike[str]], job: Job, *, skipped: list[str] | None = None
) -> list[Task]:
    """The tasks for `paths`, outputs named and checked before anything is written: no
    output may be any of the inputs (not only its own), nor another task's output."""
    from .api import output_path

    found = discover(
        paths, out_dir=job.out_dir, follow_symlinks=job.follow_symlinks, skipped=skipped
    )
    sources = [source for source, _ in found]
    protect(sources)  # from here on nothing this process writes may replace one of them
    inputs: dict[object, Path] = {}
    for source in sources:
        for key in identity(source):
            inputs.setdefault(key, source)
    tasks: list[Task] = []
    claimed: dict[Path, Path] = {}
    clashes: list[str] = []
    for source, rel in found:
        outputs = []
        for fmt in job.formats:
            if job.out_dir is None:
                dest = output_path(source, fmt)
            else:
                dest = output_path(job.out_dir / rel, fmt)
                _inside(dest, job.out_dir)
            hit = next((inputs[k] for k in identity(dest) if k in inputs), None)
            if hit is not None:
                raise OutputError(
                    f"refusing to overwrite the input {hit} with an output of {source}"
                )
            key = dest.resolve()
            if key in claimed:
                clashes.append(f"{claimed[key]} and {source} both write {dest}")
            claimed[key] = source
            outputs.append((fmt, dest))
        tasks.append(Task(source, tuple(outputs)))
    if clashes:
        raise OutputError("outputs would collide: " + "; ".join(clashes))
    return tasks


def check_side_files(tasks: list[Task], **side: Path | None) -> None:
    """Refuse a report (--report, --repair-report) that would replace an input, an output,
    a manifest or another report: checked before anything is written."""
    taken: list[tuple[Path, str]] = []
    for task in tasks:
        taken.append((task.source, f"the input {task.source}"))
        for _, dest in task.outputs:
            taken.append((dest, f"the output {dest} of {task.source}"))
            taken.append((dest.parent / MANIFEST, f"the manifest {dest.parent / MANIFEST}"))
    flags = [("--" + option.replace("_", "-"), path) for option, path in side.items()]
    fileio.check_side_files(taken, flags)


def worker_count(requested: int, inputs: int) -> tuple[int, str]:
    """How many worker processes a batch gets, and a warning when fewer than asked: never
    more than the inputs, nor more than a few per core (each one is a whole converter)."""
    cores = _cores()
    limit = MAX_WORKERS_PER_CORE * cores
    count = requested if requested > 0 else cores
    note = ""
    if count > limit:
        note = f"{requested} workers asked for, {limit} used ({MAX_WORKERS_PER_CORE} per core)"
        count = limit
    return max(1, min(count, inputs)), note


MAX_WORKERS_PER_CORE = 4


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def shard(tasks: list[Task], index: int, count: int) -> list[Task]:
    """The `index`-th of `count` deterministic slices (1-based), by a hash of the input path,
    so machines that see the same files split them the same way."""
    if not 1 <= index <= count:
        raise DocconvError(f"--shard {index}/{count}: the first number must be 1 to {count}")
    return [t for t in tasks if zlib.crc32(str(t.source).encode()) % count == index - 1]


def run(
    tasks: list[Task],
    job: Job,
    *,
    jobs: int = 1,
    fail_fast: bool = False,
    on_result: Callable[[Outcome], None] | None = None,
) -> Generator[Outcome, None, None]:
    """Convert every task; yield outcomes in task order, whatever the number of workers.

    Only the outputs that are not up to date are written (a format added to a finished
    batch writes that format alone). The manifest learns of each output before it is
    replaced and after it is written, so a run killed at any point never leaves an output
    taken as up to date for options it was not made with."""
    manifests = _Manifests(job.signature())
    for folder in {dest.parent for t in tasks for _, dest in t.outputs}:
        sweep_partial_files(folder)
    todo: list[tuple[int, Task]] = []
    skipped: dict[int, Outcome] = {}
    for i, task in enumerate(tasks):
        stale = task.outputs if job.force else manifests.stale(task)
        if stale:
            todo.append((i, Task(task.source, stale)))
        else:
            skipped[i] = Outcome(str(task.source), "skipped", [str(d) for _, d in task.outputs])
    jobs = worker_count(jobs, len(todo))[0]
    ready: dict[int, Outcome] = {}  # finished, waiting for the ones before them
    done = 0

    def start(task: Task) -> Task:
        manifests.forget(task)
        return task

    def deliver(i: int, outcome: Outcome) -> Iterator[Outcome]:
        nonlocal done
        ready[i] = outcome
        if outcome.status != "skipped":  # what was written, even when a later format failed
            manifests.record(tasks[i], outcome.outputs)
        if on_result:
            on_result(outcome)
        while done in ready:
            yield ready.pop(done)
            done += 1

    for i, outcome in skipped.items():  # reported as soon as their turn comes
        yield from deliver(i, outcome)
    try:
        if jobs <= 1:
            _warm(job)
            for i, task in todo:
                outcome = convert_task(start(task), job)
                yield from deliver(i, outcome)
                if fail_fast and outcome.status == "failed":
                    break
        else:
            _preload(job)
            with _terminate_as_interrupt():
                yield from _parallel(todo, job, jobs, fail_fast, deliver, start)
    finally:
        manifests.save()


def _parallel(
    todo: list[tuple[int, Task]],
    job: Job,
    jobs: int,
    fail_fast: bool,
    deliver: Callable[[int, Outcome], Iterator[Outcome]],
    start: Callable[[Task], Task],
) -> Generator[Outcome, None, None]:
    parent = os.getpid()
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_worker_start, initargs=(job, parent)
    ) as pool:
        pending: dict[Future[Outcome], int] = {}
        queue = iter(todo)
        stop = False
        try:
            while True:
                while not stop and len(pending) < jobs * 2:  # keep workers busy, memory small
                    nxt = next(queue, None)
                    if nxt is None:
                        break
                    pending[pool.submit(convert_task, start(nxt[1]), job)] = nxt[0]
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    i = pending.pop(future)
                    outcome = future.result()
                    yield from deliver(i, outcome)
                    if fail_fast and outcome.status == "failed":
                        stop = True
                if stop:
                    for future in pending:
                        future.cancel()
                    pending = {f: i for f, i in pending.items() if not f.cancelled()}
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def convert_task(task: Task, job: Job) -> Outcome:
    """Read one input once and write every format; never raises for a bad input."""
    if _STOPPING[0]:
        # The pool catches the interruption of the task before and hands this worker the
        # next one: leave now, before writing anything.
        os._exit(128 + signal.SIGTERM)
    from . import api

    start = time.perf_counter()
    outcome = Outcome(str(task.source), "converted")
    _IN_TASK[0] = True
    try:
        reading = api.read_detailed(task.source, job.read_options)
        doc, warnings = reading.document, list(reading.warnings)
        sheet = _STYLES.get(job.style) or api.load_style(job.style)
        for fmt, dest in task.outputs:
            dest.parent.mkdir(parents=True, exist_ok=True)
            warnings += api.write(doc, dest, to=fmt, style=sheet, options=job.write_options)
            outcome.outputs.append(str(dest))
        outcome.warnings = [str(w) for w in warnings if not w.informational]
        outcome.notes = [str(w) for w in warnings if w.informational]
    except DocconvError as e:
        outcome.status, outcome.error = "failed", str(e)
    except Exception as e:  # a bug must not stop the batch; say what it was
        outcome.status, outcome.error = "failed", f"internal error: {type(e).__name__}: {e}"
    except KeyboardInterrupt:
        if _orphaned():  # the batch is gone: the temporary file is removed, stop here
            os._exit(128 + signal.SIGTERM)
        raise
    finally:
        _IN_TASK[0] = False
    if _orphaned():  # the interruption was lost on the way: nobody is waiting for this
        os._exit(128 + signal.SIGTERM)
    outcome.seconds = round(time.perf_counter() - start, 3)
    return outcome


#: The style sheet of the batch running in this process, loaded once (by `_warm`).
_STYLES: dict[str, Style] = {}


def _warm(job: Job) -> None:
    """Import the writers and load the style once per process (per batch)."""
    from . import api, writers

    for fmt in job.formats:
        writers.get(fmt)
    _STYLES.clear()
    _STYLES[job.style] = api.load_style(job.style)


#: A small page that takes every stage of the pipeline (a heading, a lead, a salutation).
_WARM_PAGE = (
    "<html><head><meta charset='utf-8'><title>讲话</title></head><body><p>讲话</p>"
    "<p>同志们：</p><p>一、总体要求</p><p>一是加强领导。要抓好落实，做好工作。</p>"
    "<p>（一）工作任务</p><p>各部门要认真贯彻执行。</p></body></html>"
).encode()


def _preload(job: Job) -> None:
    """Before the workers start: the pipeline's modules, site profiles, repair tables,
    writers and fonts, loaded by converting a small page in memory. Workers forked from
    this process inherit all of it instead of each loading it again. Never fails the
    batch."""
    import io

    from . import api

    try:
        _warm(job)
        doc = api.read(_WARM_PAGE, job.read_options, name="warm.html")
        for fmt in job.formats:
            api.write(
                doc, io.BytesIO(), to=fmt, style=_STYLES[job.style], options=job.write_options
            )
    except Exception:
        return  # the real conversions report whatever went wrong here


def _worker_start(job: Job, parent: int) -> None:
    # Interrupting the batch must not leave half-written files: a termination request
    # becomes an exception, so the atomic writer removes its temporary file.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    _PARENT[0] = parent
    _stop_with_parent(parent)
    _warm(job)


#: The batch process that started this worker (0: not a worker).
_PARENT = [0]


def _stop_with_parent(parent: int) -> None:
    """A worker whose batch process dies (even by SIGKILL) gets SIGTERM and stops, instead
    of converting on for nobody: prctl(PR_SET_PDEATHSIG) on Linux, else a thread that
    watches the parent."""
    if _parent_death_signal(signal.SIGTERM):
        if os.getppid() != parent:  # it died before the request was made
            os.kill(os.getpid(), signal.SIGTERM)
        return
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="docconv-parent-watch", daemon=True).start()


def _parent_death_signal(signum: int) -> bool:
    """Ask Linux to send `signum` when the parent process ends; False elsewhere."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return bool(libc.prctl(pr_set_pdeathsig, signum, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _orphaned() -> bool:
    return _PARENT[0] != 0 and os.getppid() != _PARENT[0]


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While workers run, a termination request interrupts this process like Ctrl-C, so
    it waits for the workers to clean up instead of dying before them."""
    try:
        previous = signal.signal(signal.SIGTERM, _parent_interrupt)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _parent_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


_STOPPING = [False]  # a worker told to stop (SIGTERM) takes no further task


_IN_TASK = [False]  # a worker converting (with files to clean up if interrupted)


def _raise_interrupt(signum: int, frame: object) -> None:
    if _orphaned():
        # The batch process is gone. Stop: at once when idle; else once the interrupted
        # write has removed its temporary file, and in a few seconds whatever happens (a
        # library may swallow the interruption, and nobody would ever end this process).
        if not _IN_TASK[0]:
            os._exit(128 + signal.SIGTERM)
        _exit_soon()
        if not _STOPPING[0]:
            _STOPPING[0] = True
            raise KeyboardInterrupt
        return
    if _STOPPING[0]:
        # Told again (the pool ends its other workers when one has left): the interrupted
        # task's cleanup must not be interrupted in turn.
        return
    _STOPPING[0] = True
    raise KeyboardInterrupt


def _exit_soon(seconds: float = 5.0) -> None:
    import threading

    timer = threading.Timer(seconds, os._exit, (128 + signal.SIGTERM,))
    timer.daemon = True
    timer.start()


class _Manifests:
    """Per output folder, a manifest (.docconv-manifest.json, one JSON object a line):
    which output was made from which input with which options. A line is appended before
    an output is replaced (it is then not up to date) and after it is written; the last
    line about an output is the one that counts, and `save` keeps only those."""

    def __init__(self, signature: str) -> None:
        self.signature = signature
        self.data: dict[Path, dict[str, dict[str, str]]] = {}
        self.touched: set[Path] = set()

    def _load(self, folder: Path) -> dict[str, dict[str, str]]:
        if folder not in self.data:
            self.data[folder] = _read_manifest(folder)
        return self.data[folder]

    def stale(self, task: Task) -> tuple[tuple[str, Path], ...]:
        """The outputs of `task` to write: missing, older than the input, or made from
        another input or with other options."""
        try:
            source_time = task.source.stat().st_mtime
            source = str(task.source.resolve())
        except OSError:
            return task.outputs
        stale = []
        for fmt, dest in task.outputs:
            entry = self._load(dest.parent).get(dest.name)
            try:
                newer = dest.stat().st_mtime >= source_time
            except OSError:
                newer = False
            entry = entry or {}
            made = entry.get("options") == self.signature and entry.get("input") == source
            if not (newer and made):
                stale.append((fmt, dest))
        return tuple(stale)

    def forget(self, task: Task) -> None:
        """Before the outputs of `task` are replaced: no longer up to date."""
        for folder, names in _by_folder(dest for _, dest in task.outputs).items():
            table = self._load(folder)
            claimed = [name for name in names if name in table]  # nothing to forget otherwise
            if claimed:
                self._append(folder, [{"output": name, "state": "writing"} for name in claimed])

    def record(self, task: Task, written: list[str]) -> None:
        if not written:
            return
        source = str(task.source.resolve())
        for folder, names in _by_folder(Path(w) for w in written).items():
            entry = {"input": source, "options": self.signature}
            self._append(folder, [{"output": name, **entry} for name in names])

    def _append(self, folder: Path, lines: list[dict[str, str]]) -> None:
        table = self._load(folder)
        for line in lines:
            name = line["output"]
            if line.get("state") == "writing":
                table.pop(name, None)
            else:
                table[name] = {"input": line["input"], "options": line["options"]}
        self.touched.add(folder)
        # ASCII: a file name in another encoding round-trips as \udcxx escapes.
        text = "".join(json.dumps(line) + "\n" for line in lines)
        with contextlib.suppress(OSError, DocconvError):
            append_lines(folder / MANIFEST, text.encode("ascii"))

    def save(self) -> None:
        """Rewrite each manifest touched with one line per output (what was appended,
        read back, so a concurrent run's lines are kept too)."""
        for folder in self.touched:
            table = _read_manifest(folder)
            text = "".join(
                json.dumps({"output": name, **entry}) + "\n" for name, entry in table.items()
            )
            with (
                contextlib.suppress(OSError, DocconvError),
                atomic_output(folder / MANIFEST, own=True) as f,
            ):
                f.write(text.encode("ascii"))
        self.touched.clear()


def _by_folder(paths: Iterable[Path]) -> dict[Path, list[str]]:
    out: dict[Path, list[str]] = {}
    for path in paths:
        out.setdefault(path.parent, []).append(path.name)
    return out


#: A manifest larger than this is not read (it is only a record: the outputs are made again).
MAX_MANIFEST_BYTES = 64 * 2**20


def _read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """{output name: {"input": …, "options": …}} from the manifest in `folder`; whatever
    is damaged in it (a bad line, a wrong type, deep nesting) is left out, never trusted."""
    try:
        with (folder / MANIFEST).open("rb") as f:
            raw = f.read(MAX_MANIFEST_BYTES + 1)
    except OSError:
        return {}
    if len(raw) > MAX_MANIFEST_BYTES:
        return {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    table: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if not isinstance(item, dict) or not isinstance(item.get("output"), str):
            continue
        name = item["output"]
        if item.get("state") == "writing":
            table.pop(name, None)
        elif isinstance(item.get("input"), str) and isinstance(item.get("options"), str):
            table[name] = {"input": item["input"], "options": item["options"]}
    return table


def _file_stamp(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        st = path.stat()
    except OSError:
        return str(path)
    return f"{path}:{st.st_mtime_ns}:{st.st_size}"


def _hidden(file: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(root).parts)


def _inside(dest: Path, out_dir: Path) -> None:
    """Output names come from input names: make sure none escapes the output folder."""
    root = os.path.realpath(out_dir)
    if os.path.commonpath([root, os.path.realpath(dest)]) != root:
        raise OutputError(f"{dest} would be written outside {out_dir}")
