"""The command line: formats, outputs, stdout, errors as one line with an exit code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES


def docconv(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "convert", *args],
        capture_output=True,
        cwd=cwd,
        input=stdin,
        timeout=120,
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(SAMPLES / "speech.html", tmp_path / "speech.html")
    return tmp_path


def test_default_output_is_beside_the_input(work: Path) -> None:
    r = docconv(str(work / "speech.html"), "--to", "docx")
    assert r.returncode == 0, r.stderr
    out = work / "speech.docx"
    assert out.is_file()
    assert docx.Document(str(out)).paragraphs[0].text == "区长在质量绩效管理推进会讲话"


def test_format_from_the_output_extension(work: Path) -> None:
    r = docconv(str(work / "speech.html"), "-o", str(work / "out.json"))
    assert r.returncode == 0, r.stderr
    assert json.loads((work / "out.json").read_text(encoding="utf-8"))["version"] == 1


def test_json_to_stdout() -> None:
    r = docconv(str(SAMPLES / "speech.txt"), "--to", "json", "-o", "-", "--no-repair")
    assert r.returncode == 0, r.stderr
    view = json.loads(r.stdout.decode("utf-8"))
    assert view["meta"]["title"] == "区长在质量绩效管理推进会讲话"
    assert view["blocks"][0] == {
        "type": "paragraph",
        "role": "salutation",
        "lead": None,
        "text": "同志们:",
    }


def test_stdin_to_stdout() -> None:
    r = docconv("-", "--to", "json", stdin=(SAMPLES / "speech.txt").read_bytes())
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["meta"]["title"] == "区长在质量绩效管理推进会讲话"


def test_several_formats_at_once(work: Path) -> None:
    r = docconv(str(work / "speech.html"), "--to", "docx,json", "-d", str(work))
    assert r.returncode == 0, r.stderr
    assert (work / "speech.docx").is_file() and (work / "speech.json").is_file()


def test_style_option(work: Path) -> None:
    r = docconv(str(work / "speech.html"), "-o", str(work / "plain.docx"), "--style", "plain")
    assert r.returncode == 0, r.stderr
    d = docx.Document(str(work / "plain.docx"))
    assert d.styles["Normal"].font.size.pt == 12


def test_never_overwrites_the_input(work: Path) -> None:
    before = (work / "speech.html").read_bytes()
    r = docconv(str(work / "speech.html"), "--to", "json", "-o", str(work / "speech.html"))
    assert r.returncode == 1
    assert b"refusing to overwrite the input" in r.stderr
    assert (work / "speech.html").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["missing.html", "--to", "docx"], 1, "no such file"),
        (["{sample}", "--to", "odt"], 4, "unknown output format 'odt'"),
        (["{sample}", "--style", "nosuchstyle"], 4, "unknown style 'nosuchstyle'"),
        (["{sample}", "-o", "out.xyz"], 4, "cannot tell the format"),
        (["{sample}", "--to", "docx", "-o", "{missing_dir}/x.docx"], 1, "does not exist"),
        (["{sample}", "--nosuchoption"], 2, "No such option"),
    ],
)
def test_errors_are_one_line(work: Path, args: list[str], code: int, message: str) -> None:
    args = [a.format(sample=work / "speech.html", missing_dir=work / "nope") for a in args]
    r = docconv(*args, cwd=work)
    assert r.returncode == code, r.stderr
    assert message.encode() in r.stderr
    assert b"Traceback" not in r.stderr
    if code != 2:  # usage errors come from the option parser's own box
        assert len(r.stderr.decode().strip().splitlines()) == 1


def test_bad_input_gives_no_output_file(work: Path) -> None:
    bad = work / "image.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    r = docconv(str(bad), "--to", "docx")
    assert r.returncode == 1 and b"PNG image" in r.stderr
    assert not (work / "image.docx").exists()
    assert not list(work.glob("*.part"))


def test_binary_output_refused_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from convert import cli
    from convert.cli import app

    monkeypatch.setattr(cli, "_stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(app, [str(SAMPLES / "speech.txt"), "--to", "docx", "-o", "-"])
    assert result.exit_code == 1
    assert "not writing binary DOCX to a terminal" in result.output


def test_binary_output_to_a_pipe() -> None:
    r = docconv(str(SAMPLES / "speech.txt"), "--to", "docx", "-o", "-")
    assert r.returncode == 0 and r.stdout[:2] == b"PK"


def test_listing_commands() -> None:
    assert b"docx" in docconv("formats").stdout
    assert b"gongwen" in docconv("styles").stdout
    assert docconv("--version").stdout.startswith(b"docconv ")
    help_text = docconv("--help").stdout
    assert b"convert" in help_text and b"formats" in help_text


def test_repair_report(work: Path) -> None:
    report = work / "changes.json"
    r = docconv(
        str(work / "speech.html"),
        "--to",
        "json",
        "-o",
        str(work / "x.json"),
        "--repair-report",
        str(report),
    )
    assert r.returncode == 0, r.stderr
    assert (
        json.loads(report.read_text(encoding="utf-8"))
        == json.loads((work / "x.json").read_text(encoding="utf-8"))["meta"]["changes"]
    )
