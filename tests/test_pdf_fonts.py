"""Fonts in the PDF writer: loading once, fallback chains, ToUnicode beyond U+FFFF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import FONTS
from test_pdf_measure import read_lines

from convert import styles
from convert.errors import FontError
from convert.model import Document, Heading, Meta, Paragraph
from convert.writers.pdf import PdfWriter, missing_warnings
from convert.writers.pdf.fontset import FontBook, load, to_unicode_cmap
from convert.writers.pdf.layout import Missing

GONGWEN = styles.load("gongwen")


def test_fonts_load_once_per_process() -> None:
    first = load(FONTS / "NotoSansSC-Medium.subset.ttf")
    again = load(FONTS / "." / "NotoSansSC-Medium.subset.ttf")
    assert first is again


def test_chain_falls_back_per_character() -> None:
    book = FontBook(GONGWEN)
    body = book.chain("body")
    names = [f.path.name for f in body.fonts]
    assert names == ["NotoSerifSC-Regular.ttf", "LXGWWenKai-Regular.ttf"]
    assert body.pick("字") == 0
    assert names[body.pick("𠮷")] == "LXGWWenKai-Regular.ttf"
    assert body.pick("\U0010fffd") == -1
    h1 = book.chain("h1")
    assert h1.primary.path.name == "NotoSansSC-Medium.subset.ttf"
    # The 黑体 stand-in is a GB2312 subset: 堃 comes from the full serif face.
    assert h1.fonts[h1.pick("堃")].path.name == "NotoSerifSC-Regular.ttf"


def test_style_sheet_names_its_own_font_file(tmp_path: Path) -> None:
    sheet = tmp_path / "kai-body.toml"
    kai = FONTS / "LXGWWenKai-Regular.ttf"
    sheet.write_text(f'extends = "gongwen"\n[faces]\nserif = "{kai.as_posix()}"\n', "utf-8")
    doc = Document(Meta(title="标题"), (Paragraph("正文在这里。"),))
    path = tmp_path / "sheet.pdf"
    with path.open("wb") as out:
        PdfWriter().write(doc, out, styles.load(sheet))
    line = next(ln for page in read_lines(path) for ln in page if ln.text.startswith("正文"))
    assert all("LXGWWenKai" in f for f in line.fonts)


def test_role_colour_from_the_sheet(tmp_path: Path) -> None:
    import pdfplumber

    sheet = tmp_path / "red.toml"
    sheet.write_text('extends = "gongwen"\n[roles.h1]\ncolor = "C00000"\n', "utf-8")
    doc = Document(
        Meta(title="通知"), (Heading(1, "一、红色标题", "一、", "cn"), Paragraph("黑色正文。"))
    )
    path = tmp_path / "red.pdf"
    with path.open("wb") as out:
        PdfWriter().write(doc, out, styles.load(sheet))
    with pdfplumber.open(path) as pdf:
        colours = {c["text"]: tuple(c["non_stroking_color"]) for c in pdf.pages[0].chars}
    assert colours["红"] == pytest.approx((0xC0 / 255, 0, 0), abs=0.01)
    assert colours["黑"] in ((0,), (0, 0, 0))
    assert colours["通"] in ((0,), (0, 0, 0))


def test_to_unicode_cmap_writes_surrogate_pairs() -> None:
    cmap = to_unicode_cmap("AAAAAA+X", [0, 0x5B57, 0x20BB7])
    assert "<01> <5B57>" in cmap
    assert "<02> <D842DFB7>" in cmap
    assert "<00> <02>" in cmap  # the code space covers the subset


def test_rare_character_in_a_heading_falls_back(tmp_path: Path) -> None:
    doc = Document(
        Meta(title="标题"),
        (Heading(1, "一、关于堃的事项", "一、", "cn"), Paragraph("正文。")),
    )
    path = tmp_path / "h.pdf"
    with path.open("wb") as out:
        assert PdfWriter().write(doc, out, GONGWEN) == []
    line = next(ln for page in read_lines(path) for ln in page if ln.text.startswith("一、"))
    fonts = dict(zip(line.text, line.fonts, strict=True))
    assert "NotoSansSC-Medium" in fonts["关"]
    assert "NotoSerifSC-Regular" in fonts["堃"]


def test_a_font_reportlab_cannot_read_is_a_font_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font at all")
    doc = Document(Meta(title="题"), (Paragraph("正文。"),))
    with pytest.raises(FontError):
        PdfWriter(fonts={"body": bad}).write(doc, io.BytesIO(), GONGWEN)


def test_missing_character_warnings_are_capped() -> None:
    missing = Missing()
    for code in range(0x10FF00, 0x10FF00 + 25):
        missing.add(chr(code))
        missing.add(chr(code))
    warnings = missing_warnings(missing)
    assert len(warnings) == 21
    assert all(w.code == "missing-glyph" for w in warnings)
    assert "5 more characters (10×)" in warnings[-1].text


def test_a_real_fangsong_file_sets_the_body(tmp_path: Path) -> None:
    """The bundled body face is a Song stand-in; a user's 仿宋_GB2312 (here any TrueType
    file under that name) takes its place through --font body=… or the sheet's [faces]."""
    import shutil

    fangsong = tmp_path / "仿宋_GB2312.ttf"
    shutil.copy(FONTS / "LXGWWenKai-Regular.ttf", fangsong)
    sheet = tmp_path / "fangsong.toml"
    sheet.write_text('extends = "gongwen"\n[faces]\nserif = "仿宋_GB2312.ttf"\n', encoding="utf-8")
    doc = Document(Meta(title="仿宋"), (Paragraph("同志们：", "salutation"), Paragraph("正文。")))
    for name, style, options in (
        ("option", GONGWEN, {"fonts": {"body": fangsong}}),
        ("faces", styles.load(sheet), {}),
    ):
        path = tmp_path / f"{name}.pdf"
        with path.open("wb") as out:
            assert PdfWriter(**options).write(doc, out, style) == []
        lines = read_lines(path)[0]
        for text in ("同志们：", "正文。"):
            line = next(ln for ln in lines if ln.text == text)
            assert all("LXGWWenKai" in f for f in line.fonts), (name, line.fonts)
        # The title keeps its own bold face: it does not take the body's.
        assert all("NotoSerifSC-Bold" in f for f in lines[0].fonts)


def test_fonts_command_says_the_body_is_a_song_stand_in(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    def fonts(*args: str) -> str:
        run = [sys.executable, "-m", "convert", "fonts", *args]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout

    out = fonts()
    assert "a Song (宋体) face standing in for 仿宋" in out
    note = next(line for line in out.splitlines() if line.startswith("仿宋 roles"))
    assert "(body," in note and "--font body=" in note and "[faces]" in note
    fangsong = tmp_path / "仿宋_GB2312.ttf"
    shutil.copy(FONTS / "LXGWWenKai-Regular.ttf", fangsong)
    # With a 仿宋 of one's own for the body, only the roles with faces of their own remain.
    note = next(
        line for line in fonts("--font", f"body={fangsong}").splitlines() if "仿宋 roles" in line
    )
    assert "(lead)" in note
