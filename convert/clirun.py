"""What the command line's commands do once their options are parsed (convert/cli.py
declares the options). Each step is a small function over a `Settings` value; results go
back as return values, never through module state."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .errors import DocconvError, OutputError, StyleError, UnknownFormatError
from .options import OptionError, ReadOptions, WriteOptions

EXIT_OK, EXIT_FAILED, EXIT_WARNINGS = 0, 1, 3


@dataclass(frozen=True, slots=True)
class Settings:
    """A command's option values, the configuration file's applied under the command line's.
    `given` names the options typed on the command line."""

    command: str
    values: dict[str, Any]
    given: frozenset[str] = frozenset()
    config_path: Path | None = None
    notes: tuple[str, ...] = ()  # configuration files passed over
    from_config: frozenset[str] = frozenset()  # options whose value the file gave

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def settings_from(ctx: Any, command: str) -> Settings:
    """ctx.params with the configuration file's values for every option not typed."""
    from . import config

    params = dict(ctx.params)
    given = frozenset(
        name
        for name in params
        if (source := ctx.get_parameter_source(name)) is not None
        and source.name in ("COMMANDLINE", "ENVIRONMENT", "PROMPT")
    )
    found = config.load(params.get("config"), enabled=not params.get("no_config"))
    taken = set()
    for name, value in config.for_command(found, command).items():
        if name not in given and name in params:
            params[name] = value
            taken.add(name)
    if params.get("output") == "/dev/stdout":
        params["output"] = "-"  # the stream itself, not a file to replace
    return Settings(command, params, given, found.path, found.warnings, frozenset(taken))


@contextmanager
def blamed(s: Settings, option: str) -> Iterator[None]:
    """An error in a value the configuration file gave names the file and its key: the
    person did not type it, and would look for it on the command line."""
    try:
        yield
    except DocconvError as e:
        if option not in s.from_config:
            raise
        from .config import file_key

        raise type(e)(f"{s.config_path}: {file_key(option)}: {e}") from None


# --- options as values --------------------------------------------------------------------


def read_options(s: Settings) -> ReadOptions:
    return ReadOptions(
        site=s.site,
        repair=s.repair,
        repair_rules=s.repair_rules,
        format=s.from_format,
        sites_dirs=tuple(Path(d) for d in s.sites),
        exclude_sites=tuple(s.no_site),
        metadata=parse_metadata(s.metadata),
    )


def write_options(s: Settings) -> WriteOptions:
    with blamed(s, "reference_doc"):
        if s.reference_doc is not None and not s.reference_doc.is_file():
            raise StyleError(f"--reference-doc {s.reference_doc}: no such file")
    fonts: tuple[tuple[str, Path], ...] = ()
    if s.font:  # the font module (font files, their coverage) only for --font
        from .fonts import parse_font_option

        with blamed(s, "font"):
            fonts = tuple(parse_font_option(list(s.font)).items())
    return WriteOptions(
        fonts=fonts,
        embed_fonts=s.embed_fonts,
        toc=s.toc,
        reference_doc=s.reference_doc,
    )


def parse_metadata(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise OptionError(f"-M takes KEY=VALUE (e.g. author=区政府办), not {value!r}")
        pairs.append((key.strip().lower(), text.strip()))
    return tuple(pairs)


def parse_shard(text: str) -> tuple[int, int]:
    index, sep, count = text.partition("/")
    if not (sep and index.strip().isdigit() and count.strip().isdigit()):
        raise OptionError(f"--shard takes I/N, e.g. 2/8, not {text!r}")
    i, n = int(index), int(count)
    if not 1 <= i <= n:
        raise OptionError(f"--shard {text}: I must be 1 to N")
    return i, n


def formats_of(s: Settings) -> list[str]:
    """--to docx --to pdf and --to docx,pdf both work; with -o and no --to on the command
    line, -o's extension decides (over a configuration file's `to`)."""
    from . import writers

    out: list[str] = []
    if "to" in s.given or not (s.output and s.output != "-"):
        for value in s.to:
            out.extend(v.strip().lower() for v in value.split(",") if v.strip())
    if not out and s.output and s.output != "-":
        guess = writers.for_extension(Path(s.output).suffix)
        if guess is None:
            raise UnknownFormatError(f"cannot tell the format from {s.output}; add --to FORMAT")
        out = [guess]
    names = [writers.canonical(f) for f in dict.fromkeys(out or ["docx"])]
    for name in names:
        writers.get(name)  # unknown formats fail before any work
    return list(dict.fromkeys(names))


def output_dir_of(s: Settings) -> Path | None:
    """-d, made if missing. With -o, only a -d typed on the command line applies (a
    configuration file's output-dir is for runs that name no output file)."""
    folder: Path | None = s.output_dir
    if folder is None or (s.output is not None and "output_dir" not in s.given):
        return None
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output folder {folder} is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot make the output folder {folder}: {e.strerror or e}") from None
    return folder


# --- convert ------------------------------------------------------------------------------


@dataclass(slots=True)
class Done:
    """What became of one input of a single run (a batch has batch.Outcome; a single run
    does not import the batch machinery)."""

    input: str
    status: str  # "converted", "failed"
    outputs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Tally:
    """Warnings seen by a run, as the exit code and the last line need them."""

    warnings: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)


def run_convert(s: Settings) -> int:
    from . import api
    from .fileio import check_side_files

    for note in s.notes:
        say(f"warning: {note}")
    shard = parse_shard(s.shard) if s.shard else None  # a usage error before any work
    with blamed(s, "to"):
        formats = formats_of(s)
    with blamed(s, "style"):
        sheet = api.load_style(s.style)
    reading, writing = read_options(s), write_options(s)
    # Side files are written before or after the inputs are read: none may be an input.
    check_side_files([(Path(i), f"the input {i}") for i in s.inputs if i != "-"], side_files(s))
    if is_batch(s.inputs):
        if s.output is not None:
            raise OutputError("-o takes one input file (use -d DIR for several or a folder)")
        if s.repair_report is not None:
            raise OutputError("--repair-report takes one input file, not several or a folder")
        tally = run_batch(s, formats, reading, writing, shard)
    else:
        tally = run_single(s, formats, sheet, reading, writing)
    return exit_code(s, tally)


def is_batch(inputs: list[str]) -> bool:
    return len(inputs) > 1 or any(i != "-" and Path(i).is_dir() for i in inputs)


def exit_code(s: Settings, tally: Tally) -> int:
    if tally.failed:
        return EXIT_FAILED
    if s.fail_on_warnings and tally.warnings:
        say(f"error: {tally.warnings} warning(s), and --fail-on-warnings was given")
        return EXIT_WARNINGS
    return EXIT_OK


def say(message: str) -> None:
    from .errors import printable  # a file name may hold a line break: one line, always

    print(f"docconv: {printable(message)}", file=sys.stderr)


def run_single(
    s: Settings, formats: list[str], sheet: Any, reading: ReadOptions, writing: WriteOptions
) -> Tally:
    """One input (a file or stdin): every format, no manifest, no progress bar."""
    import time

    from . import api

    name = s.inputs[0]
    # Where everything goes is settled, and checked, before a byte is written: a failed
    # run writes its report, which must not land on an output or the input either.
    destinations = single_destinations(s, name, formats)
    check_single_side_files(s, name, destinations)
    start = time.perf_counter()
    outcome = Done(name, "converted")
    try:
        result = read_single(name, reading)
        warnings = list(result.warnings)
        for fmt, dest in destinations:
            if dest is None:
                warnings += to_stdout(result.document, fmt, sheet, writing)
            else:
                warnings += api.write(result.document, dest, to=fmt, style=sheet, options=writing)
                outcome.outputs.append(str(dest))
        if s.repair_report is not None:
            write_repair_report(result.document, s.repair_report)
    except DocconvError as e:
        outcome.status, outcome.error = "failed", str(e)
        write_report(s, outcome)
        raise
    outcome.warnings = [str(w) for w in warnings if not w.informational]
    outcome.notes = [str(w) for w in warnings if w.informational]
    outcome.seconds = round(time.perf_counter() - start, 3)
    write_report(s, outcome)
    show_outcome(s, outcome, detail=describe(result) if s.verbose else "")
    return Tally(warnings=len(outcome.warnings))


def read_single(name: str, reading: ReadOptions) -> Any:
    from . import api

    if name == "-":
        from .fileio import read_stdin

        return api.read_detailed(read_stdin(), reading, name="stdin")
    return api.read_detailed(Path(name), reading)


def single_destinations(
    s: Settings, name: str, formats: list[str]
) -> list[tuple[str, Path | None]]:
    """(format, file) per output; None is stdout."""
    from . import api
    from .fileio import check_not_input

    folder = output_dir_of(s)
    src = None if name == "-" else Path(name)
    if s.output is not None:
        if len(formats) != 1:
            raise OutputError("-o takes one format (use -d DIR for several)")
        if s.output == "-":
            return [(formats[0], None)]
        dest = Path(s.output) if folder is None else folder / s.output
        check_not_input(dest, [src] if src else [])
        return [(formats[0], dest)]
    if src is None and folder is None:
        if len(formats) != 1:
            raise OutputError("stdin goes to stdout in one format (use -d DIR for several)")
        return [(formats[0], None)]
    base = src if src is not None else Path("stdin")
    out: list[tuple[str, Path | None]] = []
    for fmt in formats:
        dest = api.output_path(base, fmt, folder)
        check_not_input(dest, [src] if src else [])
        out.append((fmt, dest))
    return out


def check_single_side_files(
    s: Settings, name: str, destinations: list[tuple[str, Path | None]]
) -> None:
    """--report and --repair-report of a single run against its input, its outputs and
    each other (a batch checks its own in `batch.check_side_files`)."""
    from .fileio import check_side_files

    taken = [] if name == "-" else [(Path(name), f"the input {name}")]
    taken += [(dest, f"the output {dest}") for _, dest in destinations if dest is not None]
    check_side_files(taken, side_files(s))


def side_files(s: Settings) -> list[tuple[str, Path | None]]:
    return [("--repair-report", s.repair_report), ("--report", s.report)]


def describe(reading: Any) -> str:
    meta = reading.document.meta
    site = f"{meta.site} ({reading.site_label})" if meta.site else "generic rules"
    return (
        f"{reading.source_format}, {reading.encoding}, {site}; {len(reading.document.blocks)} "
        f"blocks, {len(meta.removed)} lines removed, {len(meta.changes)} repairs"
    )


def show_outcome(s: Settings, outcome: Any, *, detail: str = "", printer: Any = None) -> None:
    """The warnings of one input, one line each (and with -v what was done)."""
    if s.quiet:
        return
    from .errors import printable

    def emit(line: str) -> None:  # each line escaped here, whatever the printer does
        (printer or say)(printable(line))

    for w in outcome.warnings:
        emit(f"warning: {outcome.input}: {w}")
    if s.verbose:
        for n in outcome.notes:
            emit(f"note: {outcome.input}: {n}")
        if detail:
            emit(f"{outcome.input}: {detail}")
        for out in outcome.outputs:
            emit(f"wrote {out} ({outcome.seconds:.2f} s)")


def write_report(s: Settings, done: Done) -> None:
    """--report for a single run: the one line a batch would write for it."""
    if s.report is None:
        return
    from .batch import Outcome
    from .fileio import atomic_output

    fields = ("input", "status", "outputs", "warnings", "error", "seconds", "notes")
    line = Outcome(**{k: getattr(done, k) for k in fields}).json_line()
    with atomic_output(s.report) as f:
        f.write(line.encode("utf-8") + b"\n")


def to_stdout(doc: Any, fmt: str, sheet: Any, writing: WriteOptions) -> list[Diagnostic]:
    from . import api, cli, writers
    from .fileio import stdout_stream

    out = stdout_stream()
    if writers.get(fmt).binary and cli._stdout_is_terminal():
        raise OutputError(
            f"not writing binary {fmt.upper()} to a terminal; use -o FILE or redirect stdout"
        )
    try:
        warnings = api.write(doc, out, to=fmt, style=sheet, options=writing)
        out.flush()
    except OSError as e:  # a full disk, a closed pipe: an output error, not a bug
        from .fileio import stdout_failed

        raise stdout_failed(e) from None
    return warnings


def write_repair_report(doc: Any, path: Path) -> None:
    """The repair stage's changes and flags, as the JSON view lists them under meta."""
    import json

    from .fileio import atomic_output
    from .writers.jsonview import as_dict

    changes = as_dict(doc)["meta"]["changes"]
    with atomic_output(path) as f:
        f.write(json.dumps(changes, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")


def run_batch(
    s: Settings,
    formats: list[str],
    reading: ReadOptions,
    writing: WriteOptions,
    shard: tuple[int, int] | None,
) -> Tally:
    """A batch: plan (collisions are reported before anything is written), run, summarise."""
    from . import batch
    from .fileio import open_log
    from .progress import Display

    job = batch.Job(
        formats=tuple(formats),
        out_dir=output_dir_of(s),
        style=s.style,
        read_options=reading,
        write_options=writing,
        force=s.force,
        follow_symlinks=s.follow_symlinks,
    )
    passed_over: list[str] = []
    tasks = batch.plan(s.inputs, job, skipped=passed_over)
    batch.check_side_files(tasks, report=s.report, repair_report=s.repair_report)
    if shard:
        tasks = batch.shard(tasks, *shard)
    workers, too_many = batch.worker_count(s.jobs or 0, len(tasks))
    for note in [too_many, *passed_over] if not s.quiet else []:
        if note:
            say(f"note: {note}")
    display = Display(len(tasks), quiet=s.quiet)
    log = open_log(s.report) if s.report else None  # streamed: it holds every result so far
    outcomes = batch.run(tasks, job, jobs=workers, fail_fast=s.fail_fast)
    try:
        for outcome in display.track(outcomes):
            show_outcome(s, outcome, printer=display.say)
            if log:
                log.write(outcome.json_line() + "\n")
                log.flush()
    finally:
        # Closed here, not whenever it is collected: an interrupted batch waits for its
        # workers to remove their temporary files before this process exits.
        outcomes.close()
        if log:
            log.close()
    display.summary()
    return Tally(warnings=display.warnings, failed=display.counts["failed"])


# --- inspect ------------------------------------------------------------------------------


def run_inspect(s: Settings) -> None:
    import io
    import json

    from . import inspection
    from .fileio import read_stdin

    for note in s.notes:
        say(f"warning: {note}")
    name_given = s.input
    if name_given != "-" and Path(name_given).is_dir():
        raise DocconvError(
            f"{name_given} is a folder; inspect looks at one page (docconv inspect FILE)"
        )
    source: bytes | Path = read_stdin() if name_given == "-" else Path(name_given)
    name = "stdin" if name_given == "-" else Path(name_given).name
    from . import api

    reading = api.read_detailed(source, read_options(s), name=name)
    kinds = inspection.kinds(s.only)
    if s.as_html:
        from . import report

        # The page shows repairs where they were made: in the text as the page had it.
        raw = api.read_detailed(source, read_options(s).replace(repair=False), name=name)
        page = report.render_page(inspection.page_data(reading, name, raw))
        emit(s.output, page.encode("utf-8"))
        return
    if s.as_json:
        text = json.dumps(inspection.as_json(reading, name, kinds), ensure_ascii=False, indent=2)
        emit(s.output, (text + "\n").encode("utf-8"))
        return
    from rich.console import Console

    if s.output and s.output != "-":
        buffer = io.StringIO()
        console = Console(file=buffer, highlight=False, width=120, color_system=None)
        console.print(inspection.tree(reading, name, kinds))
        emit(s.output, buffer.getvalue().encode("utf-8"))
        return
    Console(highlight=False).print(inspection.tree(reading, name, kinds))


def emit(output: str | None, data: bytes) -> None:
    if output is None or output == "-":
        from .fileio import stdout_stream

        out = stdout_stream()
        try:
            out.write(data)
            out.flush()
        except OSError as e:
            from .fileio import stdout_failed

            raise stdout_failed(e) from None
        return
    from .fileio import atomic_output

    with atomic_output(Path(output)) as f:
        f.write(data)


# --- fonts --------------------------------------------------------------------------------


def show_fonts(style: str, font: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    from . import api, fonts

    sheet = api.load_style(style)
    overrides = fonts.parse_font_option(font)
    chain = fonts.fallbacks(sheet)
    table = Table(title=f"style {sheet.name}: fonts for PDF and EPUB (DOCX names them only)")
    for column in ("role", "DOCX font", "face", "file", "GB2312", "GBK", "with fallback"):
        table.add_column(column)
    for role in sheet.roles:
        face = fonts.face_for(sheet, role, overrides)
        own = fonts.coverage(face.path)
        total = fonts.coverage(face.path, *(f.path for f in chain))
        table.add_row(
            role,
            sheet.role(role).font,
            face.name,
            face.path.name,
            f"{own.gb2312:.1%}",
            f"{own.gbk:.1%}",
            f"{total.gbk:.1%}",
        )
    Console(highlight=False).print(table)
    print("fallback order: " + " → ".join(f"{f.name} ({f.path.name})" for f in chain))
    # What each bundled stand-in is (fonts/fonts.toml), and where the standard's own 仿宋
    # would come from: none is bundled.
    faces = {fonts.face_for(sheet, role, overrides) for role in sheet.roles}
    bundled = fonts.bundled().faces
    for face in sorted(faces, key=lambda f: f.name):
        if bundled.get(face.name) == face:
            print(f"{face.name}: {face.family}, {face.serves}")
    fangsong = [
        role
        for role in sheet.roles
        if "仿宋" in sheet.role(role).font
        and bundled.get(fonts.face_for(sheet, role, overrides).name)
        == fonts.face_for(sheet, role, overrides)
    ]
    if fangsong:
        print(
            "仿宋 roles (" + ", ".join(fangsong) + ") are set in a Song (宋体) face: no open "
            "FangSong covers simplified Chinese. Give a real 仿宋_GB2312 with "
            '--font body=FILE, or [faces] serif = "FILE" in a style sheet.'
        )
