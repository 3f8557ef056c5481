"""Options from a configuration file: `docconv.toml`, or `[tool.docconv]` in a
`pyproject.toml`, the nearest one found walking up from the current folder (or the file
--config names; --no-config uses none). Options given on the command line win; paths in the
file are relative to the file.

    [tool.docconv]
    to = ["docx", "pdf"]
    style = "styles/house.toml"
    output-dir = "out"
    jobs = 4

The file is checked against the schema below when it is read: an unknown key, or a value of
the wrong type (`to = 5`, a date, `jobs = "4"`), is an error naming the key and the file.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DocconvError, shown_value


class ConfigError(DocconvError):
    exit_code = 2


# Key in the file → (option name in the convert command, kind).
KEYS: dict[str, tuple[str, str]] = {
    "to": ("to", "list"),
    "style": ("style", "path-or-name"),
    "output-dir": ("output_dir", "path"),
    "repair": ("repair", "bool"),
    "repair-rules": ("repair_rules", "str"),
    "site": ("site", "str"),
    "sites": ("sites", "path-list"),
    "font": ("font", "font-table"),
    "embed-fonts": ("embed_fonts", "bool"),
    "toc": ("toc", "bool"),
    "reference-doc": ("reference_doc", "path"),
    "metadata": ("metadata", "metadata-table"),
    "verbose": ("verbose", "bool"),
    "jobs": ("jobs", "int"),
    "force": ("force", "bool"),
    "fail-fast": ("fail_fast", "bool"),
    "fail-on-warnings": ("fail_on_warnings", "bool"),
    "quiet": ("quiet", "bool"),
    "follow-symlinks": ("follow_symlinks", "bool"),
}
SHARED = ("repair", "repair-rules", "site", "sites", "metadata")  # inspect takes these too

#: What each kind of value must be, as the error says it.
EXPECTED = {
    "list": "a format name or a list of them",
    "path-or-name": "a style name or a .toml path",
    "path": "a path (a string)",
    "path-list": "a path or a list of paths",
    "font-table": 'a table of role = "font file"',
    "str": "a string",
    "int": "a whole number of 0 or more",
    "bool": "true or false",
    "negated-bool": "true or false",
    "metadata-table": 'a table of field = "value"',
}

#: Longer than any real option value: a sign the file is not meant for docconv.
MAX_TEXT = 4096
MAX_CONFIG_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Found:
    """The configuration a run uses: where it came from and the option values in it."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)  # option name → value
    warnings: tuple[str, ...] = ()  # files passed over (a pyproject.toml that is not TOML)


def find(
    start: Path | None = None, skipped: list[str] | None = None
) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration file and its docconv table, or None. A pyproject.toml
    that cannot be read is passed over (it may not be ours), noted in `skipped`."""
    folder = (start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        own = here / "docconv.toml"
        if own.is_file():
            return own, _read(own)
        project = here / "pyproject.toml"
        if project.is_file():
            try:  # a pyproject.toml that is not TOML, or whose `tool` is no table, is not ours
                raw = _read(project)
                _tool(project, raw)
            except ConfigError as e:
                if skipped is not None:
                    skipped.append(f"{e}; its [tool.docconv] settings, if any, are not used")
                continue
            table = _docconv_table(project, raw)  # [tool.docconv] itself is ours to check
            if table is not None:  # a pyproject without the table is not ours
                return project, table
    return None


def load(explicit: Path | None = None, *, enabled: bool = True, start: Path | None = None) -> Found:
    """The settings for a run: those of `explicit` (--config FILE: a docconv.toml, or a
    pyproject.toml with [tool.docconv]), else of the nearest file, else none."""
    if not enabled:
        return Found()
    skipped: list[str] = []
    if explicit is not None:
        table = _read(explicit)
        if explicit.name == "pyproject.toml" or "tool" in table:
            table = _docconv_table(explicit, table) or {}
        found: tuple[Path, dict[str, Any]] | None = (explicit, table)
    else:
        found = find(start, skipped)
    if found is None:
        return Found(warnings=tuple(skipped))
    path, table = found
    return Found(path, option_values(path, table), tuple(skipped))


def option_values(path: Path, table: dict[str, Any]) -> dict[str, Any]:
    """A docconv table as option values of the convert command (name → value)."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            known = ", ".join(KEYS)
            raise ConfigError(f"{path}: unknown docconv option {key!r} (options: {known})")
        name, kind = KEYS[key]
        values[name] = _value(path, key, kind, value)
    return values


def file_key(option: str) -> str:
    """The key in the file for an option name (`output_dir` → `output-dir`)."""
    return next((key for key, (name, _) in KEYS.items() if name == option), option)


def for_command(found: Found, command: str) -> dict[str, Any]:
    """The values that apply to `command` (inspect takes only the reading options)."""
    if command == "convert":
        return dict(found.values)
    shared = {KEYS[k][0] for k in SHARED}
    return {k: v for k, v in found.values.items() if k in shared}


def default_map(start: Path | None = None) -> dict[str, dict[str, Any]]:
    """Defaults for the commands, as click's default_map wants them."""
    found = load(start=start)
    if found.path is None:
        return {}
    return {"convert": for_command(found, "convert"), "inspect": for_command(found, "inspect")}


def _tool(path: Path, raw: dict[str, Any]) -> dict[str, Any]:
    tool = raw.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool must be a table, not {_shown(tool)}")
    return tool


def _docconv_table(path: Path, raw: dict[str, Any]) -> dict[str, Any] | None:
    """The [tool.docconv] table of a pyproject.toml, None when it has none."""
    tool = _tool(path, raw)
    if "docconv" not in tool:
        return None
    table = tool["docconv"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.docconv must be a table, not {_shown(table)}")
    return table


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            data = f.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(f"cannot read {path}: larger than {MAX_CONFIG_BYTES >> 10} KB")
        return tomllib.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise ConfigError(f"cannot read {path}: {reason}") from None


def _value(path: Path, key: str, kind: str, value: Any) -> Any:
    base = path.parent

    def wrong() -> ConfigError:
        return ConfigError(f"{path}: {key} must be {EXPECTED[kind]}, not {_shown(value)}")

    if kind in ("bool", "negated-bool"):
        if not isinstance(value, bool):
            raise wrong()
        return (not value) if kind == "negated-bool" else value
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise wrong()
        return value
    if kind == "metadata-table":
        # A TOML date (date = 2024-05-01, unquoted) is a field value as good as a string.
        fields = {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in
                  value.items()} if isinstance(value, dict) else None  # fmt: skip
        if fields is None or not all(_text(v) for v in fields.values()):
            raise wrong()
        return [f"{k}={v}" for k, v in fields.items()]
    if kind == "font-table":
        if not isinstance(value, dict) or not all(_text(v) for v in value.values()):
            raise wrong()
        return [f"{role}={base / file}" for role, file in value.items()]
    if kind in ("list", "path-list"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(_text(v) for v in items):
            raise wrong()
        return list(items) if kind == "list" else [base / v for v in items]
    if not _text(value):
        raise wrong()
    if kind == "path":
        return base / value
    if kind == "path-or-name":
        return str(base / value) if value.endswith(".toml") or "/" in value else value
    return value


def _text(value: Any) -> bool:
    """A string an option can take: not empty, not huge, no control characters."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_TEXT
        and not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in value)
    )


def _shown(value: Any) -> str:
    """A value as the error message shows it: its TOML type, and the value when short."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return f"a date or time ({value.isoformat()})"
    if isinstance(value, list) and not value:
        return "an empty list"
    return shown_value(value)
