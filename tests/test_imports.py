"""What a run imports: a guard for start-up time that times nothing.

A cold conversion is dominated by imports (python-docx, reportlab, ebooklib, and pydantic
through typer 0.29, which pyproject stays below), so each format imports only what it needs and the command line starts light.
benchmarks/run.py measures the times; these tests keep the imports from creeping back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

HEAVY = ("docx", "reportlab", "ebooklib", "fontTools", "bs4", "pydantic", "rich", "lxml")


def imported(code: str, env: dict[str, str] | None = None, *, modules: bool = False) -> set[str]:
    """The top-level packages imported once `code` has run in a fresh interpreter (with
    `modules`, every module by its full name); `env` is added to the environment."""
    names = "sys.modules" if modules else "{m.partition('.')[0] for m in sys.modules}"
    probe = f"{code}\nimport sys\nfound = sorted({names})\nimport json\nprint(json.dumps(found))\n"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def run_cli(*args: str) -> str:
    """Python code that runs docconv with `args` and carries on after it exits."""
    return (
        "from convert.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
    )


def test_cli_module_imports_nothing_heavy() -> None:
    found = imported("import convert.cli")
    assert not found & set(HEAVY), sorted(found & set(HEAVY))


def test_library_import_is_light() -> None:
    found = imported("import convert")
    assert not found & set(HEAVY), sorted(found & set(HEAVY))


@pytest.mark.parametrize(
    ("fmt", "absent"),
    [
        # pydantic among them: typer 0.29 converts option values through it, so pyproject
        # keeps typer below 0.29; this fails when a newer typer brings it back.
        ("docx", ("reportlab", "ebooklib", "fontTools", "rich", "pydantic")),
        ("epub", ("reportlab", "docx", "fontTools", "rich", "pydantic")),
        ("pdf", ("docx", "ebooklib", "rich", "pydantic")),
        ("md", ("reportlab", "docx", "ebooklib", "fontTools", "rich", "pydantic")),
        ("txt", ("reportlab", "docx", "ebooklib", "fontTools", "rich", "pydantic")),
    ],
)
def test_a_format_imports_only_what_it_needs(
    fmt: str, absent: tuple[str, ...], tmp_path: Path
) -> None:
    out = tmp_path / f"speech.{fmt}"
    found = imported(run_cli(str(SAMPLES / "speech.html"), "--to", fmt, "-o", str(out), "-q"))
    assert out.stat().st_size > 0
    assert not found & set(absent), sorted(found & set(absent))


def test_a_docx_run_with_its_skeleton_cached_imports_no_python_docx(tmp_path: Path) -> None:
    """python-docx builds the DOCX skeleton, which the cache keeps; a run that finds it there
    writes the document with lxml alone. Nor does a plain run load the font module (only
    --font needs it) or json (the JSON view reader imports it when it reads one)."""
    env = {"DOCCONV_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "speech.docx"
    code = run_cli(str(SAMPLES / "speech.html"), "--to", "docx", "-o", str(out), "-q")
    assert "docx" in imported(code, env)  # the first run builds the skeleton and stores it
    found = imported(code, env, modules=True)
    assert out.stat().st_size > 0
    unwanted = {"docx", "json", "convert.fonts"}
    assert not found & unwanted, sorted(found & unwanted)


def test_a_batch_worker_imports_only_its_formats(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a.html", "b.html"):
        (tmp_path / "in" / name).write_bytes((SAMPLES / "speech.html").read_bytes())
    code = run_cli(str(tmp_path / "in"), "--to", "docx", "-d", str(tmp_path), "-j", "1", "-q")
    found = imported(code)
    assert (tmp_path / "a.docx").is_file()
    assert not found & {"reportlab", "ebooklib"}


# ----------------------------------------------------------------------------- no internals

PRIVATE = ("_sre", "re._compiler", "re._parser", "sre_compile", "sre_parse")


def _private_uses(path: Path) -> list[str]:
    """Imports of other libraries' private modules, and attribute reads of them
    (`re._compiler`, `typer._coercion`), in one source file."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names = [f"{node.value.id}.{node.attr}"]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value]  # importlib.import_module("typer._coercion")
        for name in names:
            top, _, rest = name.partition(".")
            if name in PRIVATE or (top in ("typer", "click") and rest.startswith("_")):
                found.append(f"{path.name}:{node.lineno}: {name}")
    return found


def test_no_module_reaches_into_private_internals() -> None:
    """docconv uses re, typer, click and importlib.metadata as documented: no compiled
    patterns rebuilt through _sre, no typer/click private modules, no entry_points.txt read
    by hand. (The PDF font cache's reliance on reportlab is isolated and tested on its own,
    in tests/test_caches.py.)"""
    root = Path(__file__).resolve().parents[1] / "convert"
    sources = sorted(root.rglob("*.py"))
    found = [use for path in sources for use in _private_uses(path)]
    found += [
        f"{path.name}: reads entry_points.txt"
        for path in sources
        if "entry_points.txt" in path.read_text(encoding="utf-8")
    ]
    assert not found, found


def test_the_check_sees_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text(
        "import _sre\nimport re\nfrom typer import _coercion\nx = re._compiler\n"
        "y = importlib.import_module('click._compat')\n",
        encoding="utf-8",
    )
    found = sorted(u.split(": ")[1] for u in _private_uses(sample))
    assert found == ["_sre", "click._compat", "re._compiler", "typer._coercion"]


def test_a_plain_run_leaves_the_rarely_used_patterns_uncompiled(tmp_path: Path) -> None:
    """The classes of the encoding repair (a page that is not clean UTF-8), the message
    escaper, damage's ideograph check and the genre-title head are LazyPatterns: a clean
    UTF-8 page converted without a message compiles none of them."""
    out = tmp_path / "speech.docx"
    code = run_cli(str(SAMPLES / "speech.html"), "--to", "docx", "-o", str(out), "-q") + (
        "from convert.lazyre import LazyPattern\n"
        "from convert import errors\n"
        "from convert.clean import damage\n"
        "from convert.readers import encoding\n"
        "from convert.structure import titles\n"
        "lazy = {'encoding._WIDE': encoding._WIDE, 'encoding._CJK': encoding._CJK,\n"
        "        'encoding._CHINESE_TEXT': encoding._CHINESE_TEXT,\n"
        "        'errors._UNPRINTABLE': errors._UNPRINTABLE, 'damage._HANZI': damage._HANZI,\n"
        "        'titles._GENRE_HEAD': titles._GENRE_HEAD}\n"
        "wrong = [n for n, p in lazy.items() if not isinstance(p, LazyPattern) or p._compiled]\n"
        "assert not wrong, wrong\n"
    )
    imported(code)
    assert out.stat().st_size > 0
