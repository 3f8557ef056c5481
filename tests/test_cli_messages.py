"""What docconv says when something is wrong (issue 17, items 11 and 12, second audit): every
name and message a batch prints is escaped, stdout closed is an error like any other, and an
error in a style sheet, site profile or configuration file names the file and the key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TEXT = "同志们：今天我们召开全区质量工作会议，总结去年的工作，部署今年的任务。"
PAGE = f"<html><head><meta charset='utf-8'><title>讲话</title></head><body><p>{TEXT}</p></body>"


def docconv(
    *args: object, cwd: Path | None = None, **kw: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "convert", *map(str, args)],
        stdout=kw.pop("stdout", subprocess.PIPE),
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        cwd=cwd,
        **kw,
    )


def one_line_error(done: subprocess.CompletedProcess[str], code: int) -> str:
    err = done.stderr
    assert done.returncode == code, err
    assert err.count("\n") == 1 and err.startswith("docconv: error: "), err
    assert "internal error" not in err and "Traceback" not in err
    return err


# -- batch warnings and -v lines ----------------------------------------------------------------


def test_batch_warnings_and_wrote_lines_cannot_forge_lines(tmp_path: Path) -> None:
    """A name with a line break and an escape sequence, in a page that warns (a stray byte):
    its warning line and its "wrote" line stay one line each, the escape shown as text."""
    src = tmp_path / "in"
    src.mkdir()
    warns = (PAGE.replace("，部署", "\udcff，部署")).encode("utf-8", "surrogateescape")
    forged = "x\ndocconv: 9 converted, 0 skipped, 0 failed\x1b[2K"
    (src / f"{forged}.html").write_bytes(warns)
    (src / "good.html").write_bytes(warns)
    done = docconv(src, "-d", tmp_path / "out", "--to", "txt", "-v")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert all(line.startswith("docconv: ") for line in lines), lines
    assert "\x1b" not in done.stderr
    shown = "x\\ndocconv: 9 converted, 0 skipped, 0 failed\\x1b[2K"
    assert any(line.startswith(f"docconv: warning: {src}/{shown}.html: ") for line in lines)
    assert any(line.startswith(f"docconv: wrote {tmp_path}/out/{shown}.txt ") for line in lines)
    assert lines[-1].startswith("docconv: 2 converted, 0 skipped, 0 failed, 2 warnings")
    assert sum("9 converted" in line for line in lines) == 2  # both inside escaped names


# -- stdout closed ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("PAGE", "--to", "md", "-o", "-"),
        ("PAGE", "--to", "docx", "-o", "-"),
        ("PAGE", "--to", "md", "-o", "/dev/stdout"),
        ("inspect", "PAGE", "--json"),
        ("--print-default-style",),
    ],
)
def test_stdout_closed_is_a_one_line_error(args: tuple[str, ...], tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    argv = [page if a == "PAGE" else a for a in args]
    done = docconv(*argv, stdout=subprocess.DEVNULL, preexec_fn=_close_stdout)
    assert "stdout is closed" in one_line_error(done, 1)


def _close_stdout() -> None:
    import os

    os.close(1)  # in the child only: docconv starts as with `>&-`
