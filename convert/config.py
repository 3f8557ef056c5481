"""Options from a configuration file: `docconv.toml`, or `[tool.docconv]` in a
`pyproject.toml`, the nearest one found walking up from the current folder. Command-line
options win; paths in the file are relative to the file.

    [tool.docconv]
    to = ["docx", "pdf"]
    style = "styles/house.toml"
    output-dir = "out"
    jobs = 4
"""

from __future__ import annotations

import tomllib
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
    "repair": ("no_repair", "negated-bool"),
    "repair-rules": ("repair_rules", "str"),
    "site": ("site", "str"),
    "sites": ("sites", "path-list"),
    "font": ("font", "font-table"),
    "embed-fonts": ("embed_fonts", "bool"),
    "jobs": ("jobs", "int"),
    "force": ("force", "bool"),
    "fail-fast": ("fail_fast", "bool"),
    "fail-on-warnings": ("fail_on_warnings", "bool"),
    "quiet": ("quiet", "bool"),
}
SHARED = ("repair", "repair-rules", "site", "sites")  # inspect takes these too


def find(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration file and its docconv table, or None."""
    folder = (start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        own = here / "docconv.toml"
        if own.is_file():
            return own, _read(own)
        project = here / "pyproject.toml"
        if project.is_file():
            table = _read(project).get("tool", {}).get("docconv")
            if isinstance(table, dict):  # a pyproject without the table is not ours
                return project, table
    return None


def default_map(start: Path | None = None) -> dict[str, dict[str, Any]]:
    """Defaults for the commands, as click's default_map wants them."""
    found = find(start)
    if found is None:
        return {}
    path, table = found
    convert: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            known = ", ".join(KEYS)
            raise ConfigError(f"{path}: unknown docconv option {key!r} (options: {known})")
        name, kind = KEYS[key]
        convert[name] = _value(path, key, kind, value)
    inspect = {KEYS[k][0]: convert[KEYS[k][0]] for k in SHARED if KEYS[k][0] in convert}
    return {"convert": convert, "inspect": inspect}


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
        return str(base / str(value))
    if kind == "path-list":
        items = [value] if isinstance(value, str) else value
        return [str(base / str(v)) for v in items]
    if kind == "path-or-name":
        text = str(value)
        return str(base / text) if text.endswith(".toml") or "/" in text else text
    if kind == "font-table":
        if not isinstance(value, dict):
            raise ConfigError(f'{where} must be a table of role = "font file"')
        return [f"{role}={base / str(file)}" for role, file in value.items()]
    return str(value)
