"""What docconv says when something is wrong (issue 17, items 11 and 12, second audit): every
name and message a batch prints is escaped, stdout closed is an error like any other, and an
error in a style sheet, site profile or configuration file names the file and the key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from convert import styles
from convert.clean.profiles import ProfileError, load_file
from convert.errors import StyleError
from convert.options import OptionError, WriteOptions

TEXT = "同志们：今天我们召开全区质量工作会议，总结去年的工作，部署今年的任务。"
PAGE = f"<html><head><meta charset='utf-8'><title>讲话</title></head><body><p>{TEXT}</p></body>"
ROOT = Path(__file__).resolve().parents[1]


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


# -- style sheets: the key and the file ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('punctuation = "half"\n', "punctuation = 'half'"),
        ('[page_number]\nposition = "top"\n', "page_number.position = 'top'"),
        ('[headings]\nfont_by = "size"\n', "headings.font_by = 'size'"),
        ('[headings]\nrunin = "yes"\n', "headings.runin = 'yes'"),
        ('[roles.h2]\nalign = "middle"\n', "roles.h2.align = 'middle'"),
        ('[page]\nsize = "A3"\n', "page.size = 'A3'"),
    ],
)
def test_bad_choice_in_a_sheet_names_the_key(tmp_path: Path, text: str, key: str) -> None:
    sheet = tmp_path / "house.toml"
    sheet.write_text(f'extends = "gongwen"\n{text}', encoding="utf-8")
    with pytest.raises(StyleError) as error:
        styles.load(sheet)
    assert str(error.value).startswith(f"style sheet house.toml: {key} ")


def test_unknown_face_names_the_key_and_the_sheet(tmp_path: Path) -> None:
    sheet = tmp_path / "house.toml"
    sheet.write_text('extends = "gongwen"\n[roles.h2]\nface = "nosuch"\n', encoding="utf-8")
    page = tmp_path / "p.html"
    page.write_bytes((ROOT / "samples" / "speech.html").read_bytes())  # it has h2 headings
    done = docconv(page, "--style", sheet, "-o", tmp_path / "x.pdf")
    err = one_line_error(done, 1)
    assert "style sheet house.toml: roles.h2.face = 'nosuch' is no font face" in err
    assert not (tmp_path / "x.pdf").exists()


def test_bad_pattern_in_a_site_profile_names_the_key(tmp_path: Path) -> None:
    profile = tmp_path / "site.toml"
    profile.write_text('name = "s"\n[chrome.patterns]\nad = "(["\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"site\.toml: chrome\.patterns\.ad: bad pattern"):
        load_file(profile)
    profile.write_text('name = "s"\n[chrome.end]\nmarkers = ["a", "(?P<"]\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"site\.toml: chrome\.end\.markers: bad pattern"):
        load_file(profile)


# -- docconv.toml: the file --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "says", "code"),
    [
        ('to = "nosuch"\n', "to: unknown output format 'nosuch'", 4),
        ('style = "nosuch"\n', "style: unknown style 'nosuch'", 4),
        ('font = { nosuch = "x.ttf" }\n', "font: unknown font role 'nosuch'", 2),
        ('reference-doc = "no.docx"\n', "reference-doc: --reference-doc", 4),
    ],
)
def test_bad_value_from_the_configuration_names_the_file(
    tmp_path: Path, text: str, says: str, code: int
) -> None:
    (tmp_path / "docconv.toml").write_text(text, encoding="utf-8")
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    err = one_line_error(docconv("p.html", cwd=tmp_path), code)
    assert f"docconv.toml: {says}" in err, err


def test_the_same_value_typed_is_not_blamed_on_the_file(tmp_path: Path) -> None:
    (tmp_path / "docconv.toml").write_text('to = "json"\n', encoding="utf-8")
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    err = one_line_error(docconv("p.html", "--to", "nosuch", cwd=tmp_path), 4)
    assert "docconv.toml" not in err and "unknown output format 'nosuch'" in err


# -- --font with a role no sheet has ------------------------------------------------------------


def test_font_for_an_unknown_role_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    font = ROOT / "fonts" / "LXGWWenKai-Regular.ttf"
    done = docconv(page, "-o", tmp_path / "x.pdf", "--font", f"nosuchrole={font}")
    err = one_line_error(done, 2)
    assert "unknown font role 'nosuchrole'" in err and "body, title" in err
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(OptionError, match="unknown font role 'bdy'"):
        WriteOptions(fonts={"bdy": font})
