"""examples/: each runs as the script it is, in its own process (issue 16 item 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

EXAMPLE = ROOT / "examples" / "dask_batch.py"


def test_dask_batch_runs_as_a_script_on_a_local_cluster(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    previews = tmp_path / "previews"
    for folder in ("a", "b", "b/deeper"):
        (previews / folder).mkdir(parents=True)
    # The same file name in two folders: both outputs must survive.
    (previews / "a" / "dup.html").write_bytes((SAMPLES / "speech.html").read_bytes())
    (previews / "b" / "dup.html").write_text(
        "<html><head><meta charset='utf-8'><title>另一篇</title></head><body><p>另一篇</p>"
        "<p>同志们：今天开会，请大家发言。</p></body></html>",
        encoding="utf-8",
    )
    (previews / "b" / "deeper" / "note.txt").write_bytes((SAMPLES / "speech.txt").read_bytes())
    (previews / "bad.html").write_bytes(b"")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "previews", "out", "--to", "json,txt", "--workers", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 1, done.stderr  # one input failed, and says so
    assert "3 converted, 1 failed" in done.stdout
    assert "failed: previews/bad.html: bad.html is empty" in done.stderr
    out = tmp_path / "out"
    made = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert made == [
        "a/dup.json",
        "a/dup.txt",
        "b/deeper/note.json",
        "b/deeper/note.txt",
        "b/dup.json",
        "b/dup.txt",
    ]
    # Two different documents, not one written twice over the other.
    assert "区长在质量绩效管理推进会讲话" in (out / "a" / "dup.txt").read_text(encoding="utf-8")
    assert "另一篇" in (out / "b" / "dup.txt").read_text(encoding="utf-8")
