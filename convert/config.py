"""Options from a configuration file: `docconv.toml`, or `[tool.docconv]` in a
`pyproject.toml`, the nearest one found walking up from the current folder (or the file
--config names; --no-config uses none). Options given on the command line win; paths in the
file are relative to the file.

    [tool.docconv]
    to = ["docx", "pdf"]
    style = "styles/house.toml"
    output-dir = "out"
    jobs = 4
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DocconvError


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
}
SHARED = ("repair", "repair-rules", "site", "sites", "metadata")  # inspect takes these too


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
            try:
                table = _read(project).get("tool", {}).get("docconv")
            except ConfigError as e:
                if skipped is not None:
                    skipped.append(f"{e}; its [tool.docconv] settings, if any, are not used")
                continue
            if isinstance(table, dict):  # a pyproject without the table is not ours
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
            table = table.get("tool", {}).get("docconv", {})
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


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"cannot read {path}: {e}") from None


def _value(path: Path, key: str, kind: str, value: Any) -> Any:
    base = path.parent
    where = f"{path}: {key}"
    if kind == "bool" or kind == "negated-bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false")
        return (not value) if kind == "negated-bool" else value
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(f"{where} must be a whole number")
        return value
    if kind == "list":
        return [value] if isinstance(value, str) else [str(v) for v in value]
    if kind == "path":
        return base / str(value)
    if kind == "path-list":
        items = [value] if isinstance(value, str) else value
        return [base / str(v) for v in items]
    if kind == "path-or-name":
        text = str(value)
        return str(base / text) if text.endswith(".toml") or "/" in text else text
    if kind == "metadata-table":
        if not isinstance(value, dict):
            raise ConfigError(f'{where} must be a table of field = "value"')
        return [f"{k}={v}" for k, v in value.items()]
    if kind == "font-table":
        if not isinstance(value, dict):
            raise ConfigError(f'{where} must be a table of role = "font file"')
        return [f"{role}={base / str(file)}" for role, file in value.items()]
    return str(value)
