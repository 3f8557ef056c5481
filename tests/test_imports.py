"""What a run imports: a guard for start-up time that times nothing.

A cold conversion is dominated by imports (python-docx, reportlab, ebooklib, pydantic through
typer…), so each format imports only what it needs and the command line starts light.
benchmarks/run.py measures the times; these tests keep the imports from creeping back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

HEAVY = ("docx", "reportlab", "ebooklib", "fontTools", "bs4", "pydantic", "rich", "lxml")


def imported(code: str) -> set[str]:
    """The top-level packages imported once `code` has run in a fresh interpreter."""
    probe = (
        "import json, sys\n"
        f"{code}\n"
        "print(json.dumps(sorted({m.partition('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
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
        # pydantic is not among them: typer converts option values through it (issue 14:
        # no patching of typer's internals to avoid it; README says what it costs).
        ("docx", ("reportlab", "ebooklib", "fontTools", "rich")),
        ("epub", ("reportlab", "docx", "fontTools", "rich")),
        ("pdf", ("docx", "ebooklib", "rich")),
        ("md", ("reportlab", "docx", "ebooklib", "fontTools", "rich")),
        ("txt", ("reportlab", "docx", "ebooklib", "fontTools", "rich")),
    ],
)
def test_a_format_imports_only_what_it_needs(
    fmt: str, absent: tuple[str, ...], tmp_path: Path
) -> None:
    out = tmp_path / f"speech.{fmt}"
    found = imported(run_cli(str(SAMPLES / "speech.html"), "--to", fmt, "-o", str(out), "-q"))
    assert out.stat().st_size > 0
    assert not found & set(absent), sorted(found & set(absent))


def test_a_batch_worker_imports_only_its_formats(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a.html", "b.html"):
        (tmp_path / "in" / name).write_bytes((SAMPLES / "speech.html").read_bytes())
    code = run_cli(str(tmp_path / "in"), "--to", "docx", "-d", str(tmp_path), "-j", "1", "-q")
    found = imported(code)
    assert (tmp_path / "a.docx").is_file()
    assert not found & {"reportlab", "ebooklib"}


# ----------------------------------------------------------------------------- entry points


def test_entry_points_match_importlib_metadata(tmp_path: Path) -> None:
    """convert.plugins reads entry_points.txt itself (importlib.metadata costs ~20 ms to
    import); it must find what importlib.metadata finds, in its order, for every group."""
    site = tmp_path / "site"
    for dist, text in (
        ("zeta_plugin-1.0.dist-info", "[docconv.writers]\nzzz = zeta.w:W\n"),
        ("alpha.plugin-2.0.dist-info", "# comment\n[docconv.writers]\naaa = alpha:W [extra]\n"),
        (
            "legacy-0.1.egg-info",
            "[docconv.sites]\nmine = legacy:SITES\n\n[console_scripts]\nx=y:z\n",
        ),
    ):
        (site / dist).mkdir(parents=True)
        (site / dist / "entry_points.txt").write_text(text, encoding="utf-8")
        (site / dist / "METADATA").write_text(f"Name: {dist.split('-')[0]}\n", encoding="utf-8")
    code = (
        "import json, importlib.metadata as m\n"
        "from convert import plugins\n"
        "groups = sorted(m.entry_points().groups)\n"
        "print(json.dumps({g: [[[e.name, e.value] for e in m.entry_points(group=g)],"
        " [[e.name, e.value] for e in plugins.entry_points(g)]] for g in groups}))\n"
    )
    import os

    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    found = json.loads(done.stdout)
    assert {"docconv.writers", "docconv.sites", "console_scripts"} <= set(found)
    for group, (theirs, ours) in found.items():
        assert ours == theirs, group
