"""Fuzzing what docconv reads besides pages: style sheets, site profiles, configuration files
and batch manifests. Each target takes bytes (the file) and must end in a loaded value or
one of docconv's own errors; a loaded style must also write every format.

    python -m tests.fuzz_config --examples 5000            # every target, hypothesis
    python -m tests.fuzz_config --target style --examples 20000

The inputs are TOML documents generated from each file kind's own keys with values of any
TOML type (nan, inf, huge and negative numbers, dates, nested tables and arrays, control
characters), byte-level mutations of the bundled files, and raw bytes. tests/test_fuzz_config.py
runs a fixed number of them on every test run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import json
import math
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
for path in (str(ROOT), str(TESTS)):
    if path not in sys.path:
        sys.path.insert(0, path)

from convert import api, batch, config, styles  # noqa: E402
from convert.clean import profiles  # noqa: E402
from convert.errors import DocconvError  # noqa: E402

PAGE = (
    "<html><head><meta charset='utf-8'><title>会议讲话</title></head><body>"
    "<p>同志们：</p><p>一、总体要求</p><p>各部门要认真贯彻执行。</p></body></html>"
).encode()

# -- a TOML writer small enough to trust (tomllib only reads) ---------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON's escapes are TOML's, but for \u surrogates
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    raise TypeError(type(value))


def toml(table: dict[str, Any]) -> bytes:
    lines = [f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n"


# -- values of any TOML type, keys of each file kind -------------------------------------------

_texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "16pt",
            "三号",
            "2em",
            "25mm",
            "-5mm",
            "1e308pt",
            "A4",
            "Letter",
            "serif",
            "{n}",
            "",
            "gongwen",
            "docx,pdf",
            "^(a+)+$",
            "(?P<title>.+)",
            "[",
            "Sim\fSun",
            "a\nb",
            "..",
            "/",
        ]
    ),
)
_scalars = st.one_of(
    _texts,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 0.0, 1e308, 300, 10_000, 1e-9]),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_texts, inner, max_size=4)
    ),
    max_leaves=8,
)


def tables(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Tables with this schema's keys (each value of any type, or a table of its own keys
    where the schema nests), and a stray key now and then."""

    def entry(key: str, sub: Any) -> st.SearchStrategy[Any]:
        if isinstance(sub, dict) and sub:
            return st.one_of(tables(sub), values)
        return values

    keys = list(schema)
    return st.builds(
        lambda picked, stray: {**picked, **stray},
        st.fixed_dictionaries({}, optional={k: entry(k, schema[k]) for k in keys}),
        st.dictionaries(_texts, values, max_size=1),
    )


_ROLE = {k: None for k in styles._ROLE_TYPES}
STYLE_SCHEMA: dict[str, Any] = {
    "extends": None,
    "name": None,
    "description": None,
    "page": dict.fromkeys(styles._SHEET_TYPES["page"]),
    "page_number": dict.fromkeys(styles._SHEET_TYPES["page_number"]),
    "headings": {"font_by": None, "runin": None, "kinds": {"num": None, "cn": None}},
    "faces": {"body": None},
    "roles": {role: _ROLE for role in ("body", "title", "h1", "salutation", "page_number")},
}


def _profile_schema(schema: dict[str, Any]) -> dict[str, Any]:
    return {k: _profile_schema(v) if isinstance(v, dict) else None for k, v in schema.items()}


from convert.clean.profile_check import SCHEMA as _PROFILE_SCHEMA  # noqa: E402

PROFILE_SCHEMA = _profile_schema(_PROFILE_SCHEMA)
CONFIG_SCHEMA = dict.fromkeys(config.KEYS)


def _bundled(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(folder.glob("*.toml"))]


def mutations(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        data = bytearray(draw(st.sampled_from(seeds)))
        for _ in range(draw(st.integers(1, 6))):
            if not data:
                break
            i = draw(st.integers(0, len(data) - 1))
            op = draw(st.sampled_from(["flip", "cut", "dup", "digit"]))
            if op == "flip":
                data[i] = draw(st.integers(0, 255))
            elif op == "cut":
                del data[i : i + draw(st.integers(1, 40))]
            elif op == "dup":
                data[i:i] = data[i : i + draw(st.integers(1, 40))]
            else:
                data[i:i] = draw(st.sampled_from([b"0", b"-1", b"nan", b"inf", b"1e308", b"[["]))
        return bytes(data)

    return mutate()


def inputs_for(schema: dict[str, Any], seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(tables(schema).map(toml), mutations(seeds), st.binary(max_size=200))


STYLE_INPUTS = st.one_of(
    inputs_for(STYLE_SCHEMA, _bundled(ROOT / "styles")),
    tables(STYLE_SCHEMA).map(lambda t: toml({**t, "extends": "gongwen"})),
)
PROFILE_INPUTS = inputs_for(PROFILE_SCHEMA, _bundled(profiles.BUILTIN_DIR))
CONFIG_INPUTS = st.one_of(
    inputs_for(CONFIG_SCHEMA, [b'to = ["docx", "pdf"]\nstyle = "gongwen"\njobs = 4\n']),
    tables({"tool": {"docconv": CONFIG_SCHEMA}}).map(lambda t: b"#pyproject\n" + toml(t)),
)
_lines = st.fixed_dictionaries(
    {"output": st.one_of(st.just("p.json"), values)},
    optional={"input": values, "options": values, "state": st.one_of(st.just("writing"), values)},
)
MANIFEST_INPUTS = st.one_of(
    st.lists(_lines, max_size=5).map(
        lambda items: "".join(json.dumps(i, default=str) + "\n" for i in items).encode()
    ),
    st.binary(max_size=300),
    st.integers(1, 200_000).map(lambda n: b"[" * n + b"]" * n),
    values.map(lambda v: json.dumps(v, default=str).encode()),
)


# -- the targets ----------------------------------------------------------------------------


def scratch(target: Callable[[bytes, Path], None]) -> Callable[[bytes], None]:
    """`target` given a fresh folder, removed afterwards."""

    def run_in_folder(data: bytes) -> None:
        with tempfile.TemporaryDirectory(prefix="docconv-fuzz-") as name:
            try:
                target(data, Path(name))
            finally:
                profiles._load_dirs.cache_clear()  # keyed by folder: never reused

    run_in_folder.__name__ = target.__name__
    run_in_folder.__doc__ = target.__doc__
    return run_in_folder


@scratch
def style_target(data: bytes, folder: Path) -> None:
    """A sheet loads or is a StyleError; one that loads writes every format."""
    (folder / "s.toml").write_bytes(data)
    try:
        sheet = styles.load(folder / "s.toml")
    except DocconvError:
        return
    doc = api.read(PAGE, name="p.html")
    for fmt in ("docx", "pdf", "epub", "html"):
        with contextlib.suppress(DocconvError):  # e.g. a face the sheet names is missing
            api.write(doc, io.BytesIO(), to=fmt, style=sheet)


@scratch
def profile_target(data: bytes, folder: Path) -> None:
    """A profile loads or is a ProfileError; one that loads cleans a page."""
    (folder / "p.toml").write_bytes(data)
    try:
        prof = profiles.load_file(folder / "p.toml")
    except DocconvError:
        return
    try:
        api.read(PAGE, name="p.html", site=prof.name, sites_dirs=[folder])
        api.read("会议讲话\n\n同志们：今天开会。\n".encode(), name="p.txt", sites_dirs=[folder])
    except DocconvError:
        pass


@scratch
def config_target(data: bytes, folder: Path) -> None:
    """docconv.toml (or pyproject.toml): options of the types the command takes, or a
    ConfigError."""
    name = "pyproject.toml" if data.startswith(b"#pyproject") else "docconv.toml"
    (folder / name).write_bytes(data)
    try:
        found = config.default_map(folder)
    except DocconvError:
        return
    for value in found.get("convert", {}).values():
        ok = isinstance(value, bool | int | str | Path) or (
            isinstance(value, list) and all(isinstance(v, str | Path) for v in value)
        )
        assert ok, value


@scratch
def manifest_target(data: bytes, folder: Path) -> None:
    """A manifest of any content: read as entries of strings, never trusted, never a crash;
    a batch over it runs."""
    (folder / batch.MANIFEST).write_bytes(data)
    table = batch._read_manifest(folder)
    assert all(
        isinstance(k, str) and all(isinstance(v, str) for v in e.values()) for k, e in table.items()
    )
    src = folder / "in"
    src.mkdir()
    (src / "p.html").write_bytes(PAGE)
    (folder / "p.json").write_bytes(b"{}")
    job = batch.Job(formats=("json",), out_dir=folder)
    outcomes = list(batch.run(batch.plan([src], job), job))
    assert [o.status for o in outcomes] == ["converted"]


TARGETS: dict[str, tuple[Callable[[bytes], None], st.SearchStrategy[bytes]]] = {
    "style": (style_target, STYLE_INPUTS),
    "profile": (profile_target, PROFILE_INPUTS),
    "config": (config_target, CONFIG_INPUTS),
    "manifest": (manifest_target, MANIFEST_INPUTS),
}


def run(name: str, examples: int, seed: int | None) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as seed_of

    target, strategy = TARGETS[name]
    failures: list[bytes] = []

    @settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(strategy)
    def fuzz(data: bytes) -> None:
        try:
            target(data)
        except Exception:
            failures.append(data)
            raise

    if seed is not None:
        fuzz = seed_of(seed)(fuzz)
    try:
        fuzz()
    except Exception:
        traceback.print_exc()
    if failures:
        print(f"{name}: smallest failing input: {failures[-1]!r}", file=sys.stderr)
    return len(failures)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    ap.add_argument("--examples", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args(argv)
    names = list(TARGETS) if args.target == "all" else [args.target]
    return 1 if sum(run(n, args.examples, args.seed) for n in names) else 0


if __name__ == "__main__":
    sys.exit(main())
