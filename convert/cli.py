"""The `docconv` command line.

    docconv speech.html --to docx            # → speech.docx beside the input
    docconv speech.html -o out.pdf           # format from the extension
    docconv speech.html --to json -o -       # the model as JSON on stdout

Errors, usage errors included, print one line on stderr and exit non-zero (see README for
the codes); a traceback is shown only with DOCCONV_DEBUG=1.

The options are declared once each (the `Annotated` aliases below) and shared by the
commands that take them; a command turns its values into a `Settings` (config file applied
under the command line), then into ReadOptions/WriteOptions, and hands those on.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from .errors import DocconvError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_WARNINGS, EXIT_UNKNOWN = 0, 1, 2, 3, 4
EXIT_INTERNAL = 70
ROOT_OPTIONS = (
    "-h",
    "--help",
    "-V",
    "--version",
    "--list-input-formats",
    "--list-output-formats",
    "--print-default-style",
    "--install-completion",
    "--show-completion",
)


class _DefaultGroup(TyperGroup):
    """Runs `convert` when the first argument is not a subcommand (`docconv FILE …`)."""

    default = "convert"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own Context
        if args and args[0] not in self.commands and args[0] not in ROOT_OPTIONS:
            args = [self.default, *args]
        return super().parse_args(ctx, args)


class _Command(TyperCommand):
    """Usage lines as people write them: `INPUT...`, not typer's `{INPUT}...`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        many = {
            p.human_readable_name
            for p in self.params
            if p.param_type_name == "argument" and p.nargs == -1
        }
        pieces = [p.replace("{", "").replace("}", "") for p in super().collect_usage_pieces(ctx)]
        return [p + "..." if p in many else p for p in pieces]


app = typer.Typer(
    cls=_DefaultGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's help formatter costs 0.1 s to import
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Turn saved previews of Chinese document-sharing pages into DOCX, PDF, EPUB and more.\n\n"
    "Run `docconv FILE --to docx` (the `convert` command is the default).",
)


def say(message: str) -> None:
    from .errors import printable  # a file name may hold a line break: one line, always

    print(f"docconv: {printable(message)}", file=sys.stderr)


def guarded(fn: F) -> F:
    """Turn docconv errors into one line on stderr and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .fileio import guard_inputs

        try:
            with guard_inputs():  # no path this command writes may be one of its inputs
                return fn(*args, **kwargs)
        except DocconvError as e:
            say(f"error: {e}")
            raise typer.Exit(e.exit_code) from None

    return wrapper  # type: ignore[return-value]


# --- values the option parser checks (a bad one is a usage error, exit 2) -------------------


def _whole_number(value: str) -> int:
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        raise typer.BadParameter(f"takes a whole number (0: one per core), not {value!r}")
    return int(text)


# --- option declarations, each written once ----------------------------------------------

Inputs = Annotated[
    list[str],
    typer.Argument(metavar="INPUT", hidden=True, show_default=False),  # described in the help
]
To = Annotated[
    list[str],
    typer.Option(
        "--to",
        "-t",
        metavar="FORMAT",
        help="Output format(s): docx, pdf, epub, md, html, txt, json (repeat or "
        "comma-separate; default: docx, or -o's extension).",
        show_default=False,
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Output file (one input, one format); - for stdout. Its extension can give "
        "the format.",
    ),
]
OutputDir = Annotated[
    Path | None,
    typer.Option(
        "--output-dir",
        "-d",
        metavar="DIR",
        help="Folder for the outputs, made if missing (default: beside each input).",
        parser=Path,
    ),
]
StyleOpt = Annotated[
    str,
    typer.Option(
        "--style", "-s", metavar="NAME|FILE", help="Style sheet: a bundled name or a .toml file."
    ),
]
Repair = Annotated[
    bool | None,
    typer.Option(
        "--repair/--no-repair",
        show_default=False,
        help="Repair the text (the default for pages, not for docconv's own JSON and "
        "Markdown), or change nothing beyond removing chrome and splitting paragraphs.",
    ),
]
FromFormat = Annotated[
    str | None,
    typer.Option(
        "--from",
        "-f",
        metavar="FORMAT",
        help="Input format (html, mhtml, txt, json, md) instead of recognising it.",
    ),
]
RepairRules = Annotated[
    str | None,
    typer.Option(
        "--repair-rules", metavar="SPEC", help="Switch repair rules on/off, e.g. -swaps,+width."
    ),
]
Sites = Annotated[
    list[Path],
    typer.Option(
        "--sites",
        metavar="DIR",
        help="A folder of extra site profiles (TOML); repeatable.",
        parser=Path,
    ),
]
Site = Annotated[
    str | None,
    typer.Option(
        "--site", metavar="NAME", help="Use this site profile instead of recognising the site."
    ),
]
NoSite = Annotated[
    list[str],
    typer.Option(
        "--no-site",
        metavar="NAME",
        help="Never recognise this site profile (the generic rules stay); repeatable.",
    ),
]
Metadata = Annotated[
    list[str],
    typer.Option(
        "--metadata",
        "-M",
        metavar="KEY=VALUE",
        help="Set title, subtitle, author, date, keywords (comma-separated) or subject over "
        "what the page says; repeatable.",
        show_default=False,
    ),
]
Font = Annotated[
    list[str],
    typer.Option(
        "--font",
        metavar="ROLE=PATH",
        help="Font file for a style role (PDF, EPUB); repeatable.",
        show_default=False,
    ),
]
EmbedFonts = Annotated[
    bool,
    typer.Option(
        "--embed-fonts/--no-embed-fonts",
        show_default=False,
        help="EPUB: embed subsets of the fonts used.",
    ),
]
Toc = Annotated[
    bool,
    typer.Option(
        "--toc/--no-toc",
        show_default=False,
        help="DOCX: a table of contents after the title (a field Word and LibreOffice update).",
    ),
]
ReferenceDoc = Annotated[
    Path | None,
    typer.Option(
        "--reference-doc",
        metavar="FILE",
        help="DOCX: take the styles of this document instead of the style sheet's.",
        parser=Path,
    ),
]
RepairReport = Annotated[
    Path | None,
    typer.Option(
        "--repair-report",
        metavar="FILE",
        help="Write the repair stage's changes as JSON.",
        parser=Path,
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        parser=_whole_number,
        help="Worker processes for several inputs (default: one per core).",
    ),
]
Report = Annotated[
    Path | None,
    typer.Option("--report", metavar="FILE", help="Write one JSON line per input.", parser=Path),
]
Force = Annotated[
    bool,
    typer.Option(
        "--force/--no-force",
        show_default=False,
        help="Convert again even when the outputs are up to date.",
    ),
]
FailFast = Annotated[
    bool,
    typer.Option(
        "--fail-fast/--no-fail-fast", show_default=False, help="Stop at the first input that fails."
    ),
]
Shard = Annotated[
    str | None,
    typer.Option("--shard", metavar="I/N", help="Convert only slice I of N of the inputs."),
]
FailOnWarnings = Annotated[
    bool,
    typer.Option(
        "--fail-on-warnings/--no-fail-on-warnings",
        show_default=False,
        help="Exit with 3 when a conversion warned.",
    ),
]
Quiet = Annotated[
    bool,
    typer.Option(
        "--quiet/--no-quiet",
        "-q",
        show_default=False,
        help="Print no warnings, progress or summary.",
    ),
]
FollowSymlinks = Annotated[
    bool,
    typer.Option(
        "--follow-symlinks/--no-follow-symlinks",
        show_default=False,
        help="In input folders, follow symlinks to files and folders.",
    ),
]
Verbose = Annotated[
    bool,
    typer.Option("--verbose", "-v", help="Also say what was read and written, and notes."),
]
Config = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Take options from this file (a docconv.toml, or a pyproject.toml with "
        "[tool.docconv]) instead of the nearest one.",
        parser=Path,
    ),
]
NoConfig = Annotated[bool, typer.Option("--no-config", help="Use no configuration file.")]


# --- the root: version and listings (no configuration needed) ----------------------------


def _version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"docconv {__version__}")
        raise typer.Exit()


def _list_input_formats(value: bool) -> None:
    if value:
        _print_input_formats()
        raise typer.Exit()


def _list_output_formats(value: bool) -> None:
    if value:
        _print_output_formats()
        raise typer.Exit()


def _print_default_style(value: bool) -> None:
    if value:
        from . import styles
        from .fileio import stdout_failed, stdout_stream

        source = styles.load("gongwen").source
        if source is not None:
            out = stdout_stream()
            try:
                out.write(source.read_bytes())
                out.flush()
            except OSError as e:
                raise stdout_failed(e) from None
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    list_input_formats: Annotated[
        bool,
        typer.Option(
            "--list-input-formats",
            callback=_list_input_formats,
            is_eager=True,
            help="List the input formats (readers) and their extensions.",
        ),
    ] = False,
    list_output_formats: Annotated[
        bool,
        typer.Option(
            "--list-output-formats",
            callback=_list_output_formats,
            is_eager=True,
            help="List the output formats (as `docconv formats`).",
        ),
    ] = False,
    print_default_style: Annotated[
        bool,
        typer.Option(
            "--print-default-style",
            callback=_print_default_style,
            is_eager=True,
            help="Print the default style sheet (gongwen.toml), to start one of your own.",
        ),
    ] = False,
) -> None:
    """Options can also come from docconv.toml or [tool.docconv] in pyproject.toml."""  # fmt: skip


# --- convert ------------------------------------------------------------------------------


@app.command("convert", cls=_Command)
@guarded
def convert_cmd(
    ctx: typer.Context,
    inputs: Inputs,
    to: To = [],  # noqa: B006 - typer reads the default, never mutates it
    output: Output = None,
    output_dir: OutputDir = None,
    style: StyleOpt = "gongwen",
    from_format: FromFormat = None,
    repair: Repair = None,
    repair_rules: RepairRules = None,
    sites: Sites = [],  # noqa: B006
    site: Site = None,
    no_site: NoSite = [],  # noqa: B006
    metadata: Metadata = [],  # noqa: B006
    font: Font = [],  # noqa: B006
    embed_fonts: EmbedFonts = False,
    toc: Toc = False,
    reference_doc: ReferenceDoc = None,
    repair_report: RepairReport = None,
    jobs: Jobs = None,
    report: Report = None,
    force: Force = False,
    fail_fast: FailFast = False,
    shard: Shard = None,
    fail_on_warnings: FailOnWarnings = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    follow_symlinks: FollowSymlinks = False,
    config: Config = None,
    no_config: NoConfig = False,
) -> None:
    """Convert saved preview pages (the default command).

    INPUT is a saved page (.html, .mhtml, .txt), - for stdin, or a folder. Folders and
    several inputs are converted as a batch: recursively, in parallel, skipping what is up
    to date."""
    from .clirun import run_convert, settings_from

    code = run_convert(settings_from(ctx, "convert"))
    if code != EXIT_OK:
        raise typer.Exit(code)


# --- inspect ------------------------------------------------------------------------------


@app.command("inspect", cls=_Command)
@guarded
def inspect_cmd(
    ctx: typer.Context,
    input: Annotated[
        str, typer.Argument(metavar="INPUT", hidden=True)  # described in the help
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    as_html: Annotated[
        bool,
        typer.Option(
            "--html",
            help="Write the findings as one self-contained web page: the input line by line, "
            "what was removed and why, headings, repairs, the title; with a filter.",
        ),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write there instead of stdout."),
    ] = None,
    only: Annotated[
        list[str],
        typer.Option(
            "--only",
            metavar="KIND",
            help="Show only these parts: blocks, removed, repairs, flags (repeatable or "
            "comma-separated).",
            show_default=False,
        ),
    ] = [],  # noqa: B006
    from_format: FromFormat = None,
    repair: Repair = None,
    repair_rules: RepairRules = None,
    site: Site = None,
    sites: Sites = [],  # noqa: B006
    no_site: NoSite = [],  # noqa: B006
    metadata: Metadata = [],  # noqa: B006
    config: Config = None,
    no_config: NoConfig = False,
) -> None:
    """Show what was recognised in a page: site, title, metadata, every block, every line
    removed with the rule that removed it, and every repair.

    INPUT is one saved page (.html, .mhtml, .txt), or - for stdin."""
    from .clirun import run_inspect, settings_from

    run_inspect(settings_from(ctx, "inspect"))


@app.command("serve")
@guarded
def serve_cmd(
    port: Annotated[int, typer.Option("--port", help="The port to listen on.")] = 8000,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="The address to listen on; the default answers this computer only.",
        ),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in the web browser.")
    ] = False,
) -> None:
    """A local web page: drop saved pages, see what was kept, download DOCX, PDF, EPUB.

    Needs the web extra: pip install 'docconv[web]'."""
    try:
        from . import web
    except ImportError as e:
        raise DocconvError(
            f"docconv serve needs the web extra ({e.name} is missing): pip install 'docconv[web]'"
        ) from None
    if not 0 < port < 65536:
        raise DocconvError(f"--port must be 1-65535, not {port}")
    say(f"docconv serve: http://{'localhost' if host == '127.0.0.1' else host}:{port}/")
    web.serve(web.Settings(host=host, port=port), open_browser=open_browser)


# --- listings -----------------------------------------------------------------------------


@app.command("fonts")
@guarded
def fonts_cmd(
    style: StyleOpt = "gongwen",
    font: Font = [],  # noqa: B006
) -> None:
    """Show which font file sets each style role in PDF and EPUB, and what it covers."""
    from .clirun import show_fonts

    show_fonts(style, font)


@app.command("formats")
def formats_cmd() -> None:
    """List the input and output formats."""
    print("input formats (--from):")
    _print_input_formats("  ")
    print("output formats (--to):")
    _print_output_formats("  ")


def _print_input_formats(indent: str = "") -> None:
    from . import readers

    table = readers.extensions()
    for name in readers.names():
        exts = " ".join(e for e, n in table.items() if n == name)
        try:
            about = readers.get(name).description
        except Exception as e:  # a broken plugin must not hide the others
            about = f"(cannot load: {e})"
        print(f"{indent}{name:8} {exts:17} {about}".rstrip())


def _print_output_formats(indent: str = "") -> None:
    from . import writers

    for name in writers.names():
        try:
            cls = writers.get(name)
        except Exception as e:  # a broken plugin must not hide the others
            print(f"{indent}{name:8} {'':7} (cannot load: {e})")
            continue
        print(f"{indent}{name:8} {cls.extension:7} {cls.description}")


@app.command("styles")
@guarded
def styles_cmd() -> None:
    """List the bundled style sheets."""
    from . import styles

    for name in styles.available():
        print(f"{name:10} {styles.load(name).description}")


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `docconv` script; never shows a traceback unless DOCCONV_DEBUG=1."""
    sys.exit(run(argv))


def run(argv: list[str] | None = None) -> int:
    """The command line as a function: its exit code. Usage errors are one line too."""
    try:
        code = app(args=argv, prog_name="docconv", standalone_mode=False)
    except typer.TyperException as e:  # the option parser's errors (click's UsageError)
        message = str(getattr(e, "format_message", e.__str__)())
        if message.startswith("Usage:"):  # no arguments at all: the help is the answer
            print(message, file=sys.stderr)
        else:
            say(f"error: {usage_text(e)}")
        return int(getattr(e, "exit_code", EXIT_USAGE))
    except DocconvError as e:  # from an eager option's callback, outside `guarded`
        say(f"error: {e}")
        return e.exit_code
    except typer.Abort:
        say("interrupted")
        return 130
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except Exception as e:  # a bug, not bad input: say so in one line
        if os.environ.get("DOCCONV_DEBUG"):
            raise
        say(f"internal error: {type(e).__name__}: {e} (rerun with DOCCONV_DEBUG=1 and report it)")
        return EXIT_INTERNAL
    if code == 130:
        say("interrupted")
    return code if isinstance(code, int) else EXIT_OK


def usage_text(e: Exception) -> str:
    """click's message on one line, with where to read more."""
    message = " ".join(str(getattr(e, "format_message", e.__str__)()).split())
    ctx = getattr(e, "ctx", None)
    command = ctx.command_path if ctx is not None else "docconv"
    return f"{message} (see {command} --help)"
