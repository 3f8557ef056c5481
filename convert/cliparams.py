"""Option values of plain types converted without pydantic.

Recent typer releases convert every option value through a pydantic TypeAdapter, and
importing pydantic costs about 90 ms: more than a whole DOCX conversion. docconv's options
are strings, integers, paths, flags and lists of them, so `speed_up` gives each such
parameter a converter of its own. A value it does not take as plainly valid (a negative
number, "3.0", an empty path…) goes through typer's own adapter, so what is accepted and
every error message stay typer's. With an older typer (click's types, no pydantic) nothing
is changed.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, get_args, get_origin


class _NotPlain(Exception):
    """The value needs typer's own conversion."""


def _str(value: object) -> str:
    if isinstance(value, str):
        return value
    raise _NotPlain


def _int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    raise _NotPlain


def _path(value: object) -> Path:
    if isinstance(value, Path):
        path = value
    elif isinstance(value, str) and value:
        path = Path(value)
    else:
        raise _NotPlain
    # typer refuses an existing path it cannot read: let it say so.
    if os.path.lexists(path) and not os.access(path, os.R_OK):
        raise _NotPlain
    return path


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise _NotPlain


_PLAIN: dict[object, Callable[[object], object]] = {str: _str, int: _int, Path: _path, bool: _bool}

#: ParameterInfo settings that ask typer for more than a conversion (checks, parsers…).
_SPECIAL = (
    "parser",
    "click_type",
    "exists",
    "resolve_path",
    "allow_dash",
    "path_type",
    "min",
    "max",
    "clamp",
    "formats",
    "mode",
    "encoding",
    "lazy",
    "atomic",
    "writable",
    "count",
)
#: ParameterInfo settings that must keep their default (True) for a plain conversion.
_DEFAULT_TRUE = ("file_okay", "dir_okay", "readable")


def _converter(annotation: object) -> Callable[[object], object] | None:
    if get_origin(annotation) is list:
        args = get_args(annotation)
        item = _PLAIN.get(args[0]) if len(args) == 1 else None
        if item is None:
            return None

        def many(value: object, item: Callable[[object], object] = item) -> list[object]:
            if not isinstance(value, list | tuple):
                raise _NotPlain
            return [item(v) for v in value]

        return many
    return _PLAIN.get(annotation)


_CLASS: list[Any] = []


def _plain_class() -> Any:
    """A subclass of typer's RuntimeParam (made once, when typer has one)."""
    if not _CLASS:
        try:
            coercion: Any = importlib.import_module("typer._coercion")
            base = coercion.RuntimeParam
            build = coercion.build_runtime_param
        except (ImportError, AttributeError):
            _CLASS.append(None)
            return None

        try:

            @dataclasses.dataclass(frozen=True)
            class PlainParam(base):  # type: ignore[misc,valid-type]
                convert: Callable[[object], object] = _str
                descriptor: Any = None

                def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
                    try:
                        return self.convert(value)
                    except _NotPlain:
                        slow = build(self.descriptor)
                        return slow._coerce_value(value, param=param, ctx=ctx)

        except Exception:  # a typer whose RuntimeParam has another shape: leave it be
            _CLASS.append(None)
            return None
        _CLASS.append(PlainParam)
    return _CLASS[0]


def speed_up(params: Iterable[Any]) -> None:
    """Give each plain typer parameter in `params` the converter above."""
    cls = _plain_class()
    if cls is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue  # not a typer parameter, or its conversion is already set up
        info = descriptor.parameter_info
        if (
            descriptor.file_annotation is not None
            or any(getattr(info, name, None) not in (None, False) for name in _SPECIAL)
            or not all(getattr(info, name, True) is True for name in _DEFAULT_TRUE)
        ):
            continue
        convert = _converter(descriptor.annotation)
        if convert is None:
            continue
        try:
            param._runtime_param = cls(
                parameter_info=info,
                annotation=descriptor.annotation,
                convert=convert,
                descriptor=descriptor,
            )
        except Exception:  # typer's parameters have changed: its own conversion stays
            return
