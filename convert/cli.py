"""The `docconv` command line.

    docconv speech.html --to docx            # → speech.docx beside the input
    docconv speech.html -o out.pdf           # format from the extension
    docconv speech.html --to json -o -       # the model as JSON on stdout

Errors print one line on stderr and exit non-zero (see README for the codes); a traceback is
shown only with DOCCONV_DEBUG=1.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from .errors import DocconvError, OutputError, UnknownFormatError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_WARNINGS, EXIT_UNKNOWN = 0, 1, 2, 3, 4
EXIT_INTERNAL = 70


class _DefaultGroup(TyperGroup):
    """Runs `convert` when the first argument is not a subcommand (`docconv FILE …`)."""

    default = "convert"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's vendored Context
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            args = [self.default, *args]
        from .cliparams import speed_up  # option values converted without importing pydantic

        try:
            params = [*self.get_params(ctx)]
            params += [p for c in self.commands.values() for p in c.get_params(ctx)]
            speed_up(params)
        except Exception:  # only an optimisation: typer converts the values itself
            pass
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's help formatter costs 0.1 s to import
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Turn saved previews of Chinese document-sharing pages into DOCX, PDF, EPUB and more.\n\n"
    "Run `docconv FILE --to docx` (the `convert` command is the default).",
)


def _say(message: str) -> None:
    print(f"docconv: {message}", file=sys.stderr)


def guarded(fn: F) -> F:
    """Turn docconv errors into one line on stderr and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .fileio import guard_inputs

        try:
            with guard_inputs():  # no path this command writes may be one of its inputs
                return fn(*args, **kwargs)
        except DocconvError as e:
            _say(f"error: {e}")
            raise typer.Exit(e.exit_code) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"docconv {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Options can also come from docconv.toml or [tool.docconv] in pyproject.toml."""
    from . import config

    try:
        defaults = config.default_map()
    except DocconvError as e:
        _say(f"error: {e}")
        raise typer.Exit(e.exit_code) from None
    if defaults:
        ctx.default_map = {**(ctx.default_map or {}), **defaults}


def _formats(values: list[str]) -> list[str]:
    """--to docx --to pdf and --to docx,pdf both work."""
    out: list[str] = []
    for value in values:
        out.extend(v.strip().lower() for v in value.split(",") if v.strip())
    return list(dict.fromkeys(out))


@app.command("convert")
@guarded
def convert_cmd(
    inputs: Annotated[
        list[str], typer.Argument(help="Saved pages (.html, .mhtml, .txt); - reads stdin.")
    ],
    to: Annotated[
        list[str],
        typer.Option(
            "--to",
            "-t",
            help="Output format(s): docx, pdf, epub, json… (repeat or comma-separate).",
        ),
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Output file; - for stdout. Its extension can give the format."
        ),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir", "-d", help="Folder for the outputs (default: beside each input)."
        ),
    ] = None,
    style: Annotated[
        str, typer.Option("--style", "-s", help="Style sheet: a bundled name or a .toml file.")
    ] = "gongwen",
    no_repair: Annotated[
        bool,
        typer.Option(
            "--no-repair",
            help="Change nothing in the text beyond removing chrome and splitting paragraphs.",
        ),
    ] = False,
    repair_rules: Annotated[
        str | None,
        typer.Option("--repair-rules", help="Switch repair rules on/off, e.g. -swaps,+width."),
    ] = None,
    sites: Annotated[
        list[Path],
        typer.Option("--sites", help="A folder of extra site profiles (TOML); repeatable."),
    ] = [],  # noqa: B006
    site: Annotated[
        str | None,
        typer.Option("--site", help="Use this site profile instead of recognising the site."),
    ] = None,
    font: Annotated[
        list[str],
        typer.Option(
            "--font", help="Font file for a style role, ROLE=PATH (PDF, EPUB); repeatable."
        ),
    ] = [],  # noqa: B006
    embed_fonts: Annotated[
        bool, typer.Option("--embed-fonts", help="EPUB: embed subsets of the fonts the book uses.")
    ] = False,
    repair_report: Annotated[
        Path | None,
        typer.Option("--repair-report", help="Write the repair stage's changes as JSON here."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", help="Worker processes for several inputs (default: cores)."),
    ] = 0,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write one JSON line per input here.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Convert again even when the outputs are up to date.")
    ] = False,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first input that fails.")
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option("--shard", help="Convert only slice I of N of the inputs, e.g. 2/8."),
    ] = None,
    fail_on_warnings: Annotated[
        bool, typer.Option("--fail-on-warnings", help="Exit with 3 when there were warnings.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print no warnings or progress.")
    ] = False,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks", help="In input folders, follow symlinks to files and folders."
        ),
    ] = False,
) -> None:
    """Convert saved preview pages (the default command). Folders and several inputs are
    converted as a batch: recursively, in parallel, skipping what is up to date."""
    from . import api, writers
    from .fonts import parse_font_option

    fonts = parse_font_option(font)
    if output == "/dev/stdout":
        output = "-"  # the stream itself, not a file to replace
    formats = _formats(to)
    if not formats and output and output != "-":
        guess = writers.for_extension(Path(output).suffix)
        if guess is None:
            raise UnknownFormatError(f"cannot tell the format from {output}; add --to FORMAT")
        formats = [guess]
    formats = formats or ["docx"]
    for fmt in formats:
        writers.get(fmt)  # unknown formats fail before any work
    sheet = api.load_style(style)
    if output_dir is not None and not output_dir.is_dir():
        raise OutputError(f"output folder {output_dir} does not exist")
    from .fileio import check_not_input

    for side_file in (repair_report, report):  # written before or after the inputs are read
        if side_file is not None:
            check_not_input(side_file, [Path(i) for i in inputs if i != "-"])
    single = output is not None or "-" in inputs
    if single:
        if len(inputs) != 1 or len(formats) != 1:
            raise OutputError("-o and - take one input and one format (use -d DIR for more)")
        options: dict[str, object] = {"fonts": fonts, "embed_fonts": embed_fonts}
        warnings = _convert_one(
            inputs[0], formats[0], output, output_dir, sheet, options,
            site=site, repair=not no_repair, repair_rules=repair_rules, sites=sites,
            repair_report=repair_report,
        )  # fmt: skip
        if not quiet:
            for w in warnings:
                _say(f"warning: {inputs[0]}: {w}")
        if fail_on_warnings and warnings:
            raise typer.Exit(EXIT_WARNINGS)
        return
    if repair_report is not None and (len(inputs) > 1 or Path(inputs[0]).is_dir()):
        raise OutputError("--repair-report takes one input file, not several or a folder")
    from .batch import Job

    job = Job(
        formats=tuple(formats),
        out_dir=output_dir,
        style=style,
        repair=not no_repair,
        repair_rules=repair_rules,
        site=site,
        sites_dirs=tuple(sites),
        fonts=tuple(fonts.items()),
        embed_fonts=embed_fonts,
        force=force,
        follow_symlinks=follow_symlinks,
    )
    code = _convert_many(
        [Path(i) for i in inputs], job, jobs, report, fail_fast, shard, quiet, repair_report
    )
    if code == EXIT_OK and repair_report is not None:
        doc = api.read(Path(inputs[0]), site=site, repair=not no_repair, repair_rules=repair_rules)
        _write_repair_report(doc, repair_report)
    if code == EXIT_OK and fail_on_warnings and _LAST_WARNINGS[0]:
        code = EXIT_WARNINGS
    if code != EXIT_OK:
        raise typer.Exit(code)


_LAST_WARNINGS = [0]  # warnings counted by the last batch (for --fail-on-warnings)


def _convert_one(
    name: str,
    fmt: str,
    output: str | None,
    output_dir: Path | None,
    sheet: Any,
    options: dict[str, object],
    **read_options: Any,
) -> list[Any]:
    """One input to one output file or stdout."""
    from . import api
    from .fileio import check_not_input

    repair_report = read_options.pop("repair_report")
    sites = read_options.pop("sites")
    if name == "-":
        from .fileio import read_stream

        reading = api.read_detailed(
            read_stream(sys.stdin.buffer), name="stdin", sites_dirs=sites, **read_options
        )
        src = None
    else:
        src = Path(name)
        reading = api.read_detailed(src, sites_dirs=sites, **read_options)
    doc, warnings = reading.document, list(reading.warnings)
    if output == "-" or output is None:
        warnings += _to_stdout(doc, fmt, sheet, options)
    else:
        dest = Path(output) if output_dir is None else output_dir / output
        check_not_input(dest, [src] if src else [])
        warnings += api.write(doc, dest, to=fmt, style=sheet, **options)
    if repair_report is not None:
        _write_repair_report(doc, repair_report)
    return list(warnings)


def _convert_many(
    paths: list[Path],
    job: Any,
    jobs: int,
    report: Path | None,
    fail_fast: bool,
    shard: str | None,
    quiet: bool,
    repair_report: Path | None = None,
) -> int:
    """A batch: plan (collisions are reported before anything is written), run, summarise."""
    from . import batch
    from .fileio import open_log
    from .progress import Display

    passed_over: list[str] = []
    tasks = batch.plan(paths, job, skipped=passed_over)
    batch.check_side_files(tasks, report=report, repair_report=repair_report)
    if shard:
        index, count = _parse_shard(shard)
        tasks = batch.shard(tasks, index, count)
    workers, too_many = batch.worker_count(jobs, len(tasks))
    for note in [too_many, *passed_over] if not quiet else []:
        if note:
            _say(f"note: {note}")
    display = Display(len(tasks), quiet=quiet)
    log = open_log(report) if report else None  # streamed: it holds every result so far
    outcomes = batch.run(tasks, job, jobs=workers, fail_fast=fail_fast)
    try:
        for outcome in display.track(outcomes):
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
    _LAST_WARNINGS[0] = display.warnings
    return EXIT_FAILED if display.counts["failed"] else EXIT_OK


def _parse_shard(text: str) -> tuple[int, int]:
    index, sep, count = text.partition("/")
    if not sep or not index.strip().isdigit() or not count.strip().isdigit() or int(count) < 1:
        raise DocconvError(f"--shard takes I/N, e.g. 2/8, not {text!r}")
    return int(index), int(count)


def _write_repair_report(doc: Any, path: Path) -> None:
    """The repair stage's changes and flags, as the JSON view lists them under meta."""
    import json

    from .fileio import atomic_output
    from .writers.jsonview import as_dict

    changes = as_dict(doc)["meta"]["changes"]
    with atomic_output(path) as f:
        f.write(json.dumps(changes, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _to_stdout(doc: Any, fmt: str, sheet: Any, options: dict[str, object]) -> list[Any]:
    from . import api, writers

    if writers.get(fmt).binary and _stdout_is_terminal():
        raise OutputError(
            f"not writing binary {fmt.upper()} to a terminal; use -o FILE or redirect stdout"
        )
    out = sys.stdout.buffer
    warnings = api.write(doc, out, to=fmt, style=sheet, **options)
    out.flush()
    return warnings


@app.command("inspect")
@guarded
def inspect_cmd(
    input: Annotated[
        str, typer.Argument(help="A saved page (.html, .mhtml, .txt); - reads stdin.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    no_repair: Annotated[
        bool, typer.Option("--no-repair", help="Show the text unrepaired.")
    ] = False,
    repair_rules: Annotated[
        str | None,
        typer.Option("--repair-rules", help="Switch repair rules on/off, e.g. -swaps,+width."),
    ] = None,
    site: Annotated[str | None, typer.Option("--site", help="Use this site profile.")] = None,
    sites: Annotated[
        list[Path], typer.Option("--sites", help="A folder of extra site profiles (TOML).")
    ] = [],  # noqa: B006
) -> None:
    """Show what was recognised in a page: site, title, metadata, every block, every line
    removed with the rule that removed it, and every repair."""
    import json

    from . import api, inspection
    from .fileio import read_stream

    source: bytes | Path = read_stream(sys.stdin.buffer) if input == "-" else Path(input)
    name = "stdin" if input == "-" else Path(input).name
    reading = api.read_detailed(
        source,
        name=name,
        site=site,
        repair=not no_repair,
        repair_rules=repair_rules,
        sites_dirs=sites,
    )
    if as_json:
        print(json.dumps(inspection.as_json(reading, name), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    Console(highlight=False).print(inspection.tree(reading, name))


@app.command("fonts")
@guarded
def fonts_cmd(
    style: Annotated[
        str, typer.Option("--style", "-s", help="Style sheet to resolve.")
    ] = "gongwen",
    font: Annotated[
        list[str], typer.Option("--font", help="A font file for a role, ROLE=PATH.")
    ] = [],  # noqa: B006
) -> None:
    """Show which font file sets each style role in PDF and EPUB, and what it covers."""
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


@app.command("formats")
def formats_cmd() -> None:
    """List the output formats."""
    from . import writers

    for name in writers.names():
        try:
            cls = writers.get(name)
        except Exception as e:  # a broken plugin must not hide the others
            print(f"{name:8} {'':7} (cannot load: {e})")
            continue
        print(f"{name:8} {cls.extension:7} {cls.description}")


@app.command("styles")
@guarded
def styles_cmd() -> None:
    """List the bundled style sheets."""
    from . import styles

    for name in styles.available():
        print(f"{name:10} {styles.load(name).description}")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `docconv` script; never shows a traceback unless DOCCONV_DEBUG=1."""
    from . import recache

    recache.install()  # compiled regular expressions from earlier runs
    try:
        app(args=argv, prog_name="docconv")
    except KeyboardInterrupt:
        _say("interrupted")
        sys.exit(130)
    except Exception as e:  # a bug, not bad input: say so in one line
        if os.environ.get("DOCCONV_DEBUG"):
            raise
        _say(f"internal error: {type(e).__name__}: {e} (rerun with DOCCONV_DEBUG=1 and report it)")
        sys.exit(EXIT_INTERNAL)
