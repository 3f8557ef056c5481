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
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
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
        try:
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
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    pass


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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no warnings.")] = False,
) -> None:
    """Convert saved preview pages (the default command)."""
    from . import api, writers
    from .fonts import parse_font_option

    options: dict[str, object] = {"fonts": parse_font_option(font), "embed_fonts": embed_fonts}

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
    if output is not None and (len(inputs) != 1 or len(formats) != 1):
        raise OutputError("-o names one output: give one input and one format (or use -d DIR)")
    if output_dir is not None and not output_dir.is_dir():
        raise OutputError(f"output folder {output_dir} does not exist")

    for name in inputs:
        if name == "-":
            doc, warnings = api.read_with_warnings(
                sys.stdin.buffer.read(), name="stdin", site=site, repair=not no_repair
            )
            src = None
        else:
            src = Path(name)
            doc, warnings = api.read_with_warnings(
                src, site=site, repair=not no_repair, repair_rules=repair_rules, sites_dirs=sites
            )
        for fmt in formats:
            if output == "-" or (output is None and src is None):
                warnings += _to_stdout(doc, fmt, sheet, options)
                continue
            if output is not None:
                dest = Path(output)
            else:
                assert src is not None
                dest = api.output_path(src, fmt, output_dir)
            from .fileio import check_not_input

            check_not_input(dest, [src] if src else [])
            warnings += api.write(doc, dest, to=fmt, style=sheet, **options)
        if repair_report is not None:
            _write_repair_report(doc, repair_report)
        if not quiet:
            for w in warnings:
                _say(f"warning: {name}: {w}")


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
    site: Annotated[str | None, typer.Option("--site", help="Use this site profile.")] = None,
    sites: Annotated[
        list[Path], typer.Option("--sites", help="A folder of extra site profiles (TOML).")
    ] = [],  # noqa: B006
) -> None:
    """Show what was recognised in a page: site, title, metadata, every block, every line
    removed with the rule that removed it, and every repair."""
    import json

    from . import api, inspection

    source: bytes | Path = sys.stdin.buffer.read() if input == "-" else Path(input)
    name = "stdin" if input == "-" else Path(input).name
    reading = api.read_detailed(
        source, name=name, site=site, repair=not no_repair, sites_dirs=sites
    )
    if as_json:
        print(json.dumps(inspection.as_json(reading, name), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    Console(highlight=False).print(inspection.tree(reading, name))


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
