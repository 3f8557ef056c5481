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

from .errors import DocconvError, OutputError
from .fileio import atomic_output, check_not_input, sweep_partial_files

if TYPE_CHECKING:
    from .styles import Style

MANIFEST = ".docconv-manifest.json"


@dataclass(frozen=True, slots=True)
class Job:
    """What every input in a batch gets done to it."""

    formats: tuple[str, ...] = ("docx",)
    out_dir: Path | None = None  # None: each output beside its input
    style: str = "gongwen"
    repair: bool = True
    repair_rules: str | None = None
    site: str | None = None
    sites_dirs: tuple[Path, ...] = ()
    fonts: tuple[tuple[str, Path], ...] = ()
    embed_fonts: bool = False
    force: bool = False

    def signature(self) -> str:
        """A fingerprint of everything that shapes the outputs (the style sheet's content
        and font files included), so a changed option means a re-conversion."""
        from . import __version__
        from .styles import load

        sheet = load(self.style).source
        parts = [
            __version__,
            self.style,
            _file_stamp(sheet),
            str(self.repair),
            self.repair_rules or "",
            self.site or "",
            *(_file_stamp(d) for d in self.sites_dirs),
            *(f"{role}={_file_stamp(p)}" for role, p in self.fonts),
            str(self.embed_fonts),
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

    def json_line(self) -> str:
        line = json.dumps(asdict(self), ensure_ascii=False)
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # a file name in another encoding: its bytes as \u escapes
            line = json.dumps(asdict(self))
        return line


def discover(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(input file, its path relative to the folder given) for every supported input,
    recursing into folders; files named directly are taken whatever their extension."""
    from . import readers

    suffixes = set(readers.extensions())
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                wanted = file.suffix.lower() in suffixes and not _hidden(file, path)
                if wanted and file.is_file():
                    found.append((file, file.relative_to(path)))
        elif path.exists():
            found.append((path, Path(path.name)))
        else:
            raise DocconvError(f"{path}: no such file or folder")
    return found


def plan(paths: Iterable[Path], job: Job) -> list[Task]:
    """The tasks for `paths`, outputs named and checked before anything is written."""
    from .api import output_path

    tasks: list[Task] = []
    claimed: dict[Path, Path] = {}
    clashes: list[str] = []
    for source, rel in discover(paths):
        outputs = []
        for fmt in job.formats:
            if job.out_dir is None:
                dest = output_path(source, fmt)
            else:
                dest = output_path(job.out_dir / rel, fmt)
                _inside(dest, job.out_dir)
            check_not_input(dest, [source])
            key = dest.resolve()
            if key in claimed:
                clashes.append(f"{claimed[key]} and {source} both write {dest}")
            claimed[key] = source
            outputs.append((fmt, dest))
        tasks.append(Task(source, tuple(outputs)))
    if clashes:
        raise OutputError("outputs would collide: " + "; ".join(clashes))
    return tasks


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
    """Convert every task; yield outcomes in task order, whatever the number of workers."""
    manifests = _Manifests(job.signature())
    for folder in {dest.parent for t in tasks for _, dest in t.outputs}:
        sweep_partial_files(folder)
    todo: list[tuple[int, Task]] = []
    skipped: dict[int, Outcome] = {}
    for i, task in enumerate(tasks):
        if not job.force and manifests.up_to_date(task):
            skipped[i] = Outcome(str(task.source), "skipped", [str(d) for _, d in task.outputs])
        else:
            todo.append((i, task))
    ready: dict[int, Outcome] = {}  # finished, waiting for the ones before them
    done = 0

    def deliver(i: int, outcome: Outcome) -> Iterator[Outcome]:
        nonlocal done
        ready[i] = outcome
        if outcome.status == "converted":
            manifests.record(tasks[i])
        if on_result:
            on_result(outcome)
        while done in ready:
            yield ready.pop(done)
            done += 1

    for i, outcome in skipped.items():  # reported as soon as their turn comes
        yield from deliver(i, outcome)
    try:
        if jobs <= 1 or len(todo) <= 1:
            _warm(job)
            for i, task in todo:
                outcome = convert_task(task, job)
                yield from deliver(i, outcome)
                if fail_fast and outcome.status == "failed":
                    break
        else:
            _preload(job)
            with _terminate_as_interrupt():
                yield from _parallel(todo, job, jobs, fail_fast, deliver)
    finally:
        manifests.save()


def _parallel(
    todo: list[tuple[int, Task]],
    job: Job,
    jobs: int,
    fail_fast: bool,
    deliver: Callable[[int, Outcome], Iterator[Outcome]],
) -> Generator[Outcome, None, None]:
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(job,)) as pool:
        pending: dict[Future[Outcome], int] = {}
        queue = iter(todo)
        stop = False
        try:
            while True:
                while not stop and len(pending) < jobs * 2:  # keep workers busy, memory small
                    nxt = next(queue, None)
                    if nxt is None:
                        break
                    pending[pool.submit(convert_task, nxt[1], job)] = nxt[0]
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
    try:
        reading = api.read_detailed(
            task.source,
            site=job.site,
            repair=job.repair,
            repair_rules=job.repair_rules,
            sites_dirs=job.sites_dirs,
        )
        doc, warnings = reading.document, list(reading.warnings)
        sheet = _STYLES.get(job.style) or api.load_style(job.style)
        options = {"fonts": dict(job.fonts), "embed_fonts": job.embed_fonts}
        for fmt, dest in task.outputs:
            dest.parent.mkdir(parents=True, exist_ok=True)
            warnings += api.write(doc, dest, to=fmt, style=sheet, **options)
            outcome.outputs.append(str(dest))
        outcome.warnings = [str(w) for w in warnings]
    except DocconvError as e:
        outcome.status, outcome.error = "failed", str(e)
    except Exception as e:  # a bug must not stop the batch; say what it was
        outcome.status, outcome.error = "failed", f"internal error: {type(e).__name__}: {e}"
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
    this process inherit all of it instead of each loading it again (and the command
    line's pattern cache learns the patterns). Never fails the batch."""
    import io

    from . import api

    try:
        _warm(job)
        doc = api.read(
            _WARM_PAGE,
            name="warm.html",
            site=job.site,
            repair=job.repair,
            repair_rules=job.repair_rules,
            sites_dirs=job.sites_dirs,
        )
        options = {"fonts": dict(job.fonts), "embed_fonts": job.embed_fonts}
        for fmt in job.formats:
            api.write(doc, io.BytesIO(), to=fmt, style=_STYLES[job.style], **options)
    except Exception:
        return  # the real conversions report whatever went wrong here


def _worker_start(job: Job) -> None:
    # Interrupting the batch must not leave half-written files: a termination request
    # becomes an exception, so the atomic writer removes its temporary file.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    _warm(job)


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


def _raise_interrupt(signum: int, frame: object) -> None:
    if _STOPPING[0]:
        # Told again (the pool ends its other workers when one has left): the interrupted
        # task's cleanup must not be interrupted in turn.
        return
    _STOPPING[0] = True
    raise KeyboardInterrupt


class _Manifests:
    """Per output folder: which outputs were made from which input with which options."""

    def __init__(self, signature: str) -> None:
        self.signature = signature
        self.data: dict[Path, dict[str, dict[str, str]]] = {}
        self.dirty: set[Path] = set()

    def _load(self, folder: Path) -> dict[str, dict[str, str]]:
        if folder not in self.data:
            try:
                raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
                self.data[folder] = raw if isinstance(raw, dict) else {}
            except (OSError, ValueError):
                self.data[folder] = {}
        return self.data[folder]

    def up_to_date(self, task: Task) -> bool:
        try:
            source_time = task.source.stat().st_mtime
        except OSError:
            return False
        for _, dest in task.outputs:
            entry = self._load(dest.parent).get(dest.name)
            try:
                newer = dest.stat().st_mtime >= source_time
            except OSError:
                return False
            if not newer or not entry or entry.get("options") != self.signature:
                return False
            if entry.get("input") != str(task.source.resolve()):
                return False
        return True

    def record(self, task: Task) -> None:
        for _, dest in task.outputs:
            self._load(dest.parent)[dest.name] = {
                "input": str(task.source.resolve()),
                "options": self.signature,
            }
            self.dirty.add(dest.parent)

    def save(self) -> None:
        for folder in self.dirty:
            with contextlib.suppress(OSError), atomic_output(folder / MANIFEST) as f:
                # ASCII: a file name in another encoding round-trips as \udcxx escapes.
                f.write(json.dumps(self.data[folder], indent=1).encode("ascii"))
        self.dirty.clear()


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
