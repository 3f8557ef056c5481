"""The PDF writer on the seed and on a long synthetic report, measured on the written files."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import FONTS, ROOT, SAMPLES, require_tool
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from test_pdf_measure import (
    CLOSE_FULL,
    TextLine,
    always_given,
    extracted_text,
    given_back,
    read_lines,
    squeeze,
)

from convert import styles
from convert.errors import OutputError
from convert.model import Document, Heading, Meta, Paragraph
from convert.writers import get
from convert.writers.pdf import PdfWriter

GONGWEN = styles.load("gongwen")
PAGE = GONGWEN.page
PITCH = PAGE.text_width / PAGE.chars
RIGHT = PAGE.width - PAGE.margin_right
FRAME_BOTTOM = PAGE.height - PAGE.margin_bottom  # from the top edge, as pdfplumber measures
BODY = GONGWEN.role("body")

CLOSERS = set("，。、；：？！”’）》〉」』】〕…,.;:?!)〞")
OPENERS = set("“‘（《〈「『【〔(〝")


def write_pdf(doc: Document, path: Path, style: styles.Style = GONGWEN, **options: object) -> list:
    with path.open("wb") as out:
        return PdfWriter(**options).write(doc, out, style)


@dataclass
class Rendered:
    doc: Document
    path: Path
    pages: list[list[TextLine]]

    def body_lines(self) -> list[TextLine]:
        return [ln for page in self.pages for ln in page if ln.top < FRAME_BOTTOM]


@pytest.fixture(scope="module")
def seed_pdf(seed_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    assert write_pdf(seed_doc, path) == []
    return Rendered(seed_doc, path, read_lines(path))


@pytest.fixture(scope="module")
def long_pdf(long_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    path = tmp_path_factory.mktemp("pdf") / "long.pdf"
    assert write_pdf(long_doc, path) == []
    return Rendered(long_doc, path, read_lines(path))


@pytest.fixture(params=["seed", "long"])
def rendered(request: pytest.FixtureRequest) -> Rendered:
    return request.getfixturevalue(f"{request.param}_pdf")  # type: ignore[no-any-return]


# -- which model block each line belongs to ---------------------------------------------


@dataclass
class Unit:
    """What the writer sets as one block: a title, a block, or a run-in heading with the
    paragraph it runs into."""

    text: str
    kind: str  # title, subtitle, heading, paragraph, note
    size: float
    align: str = "justify"


@dataclass
class Placed:
    line: TextLine
    unit: Unit
    first: bool
    last: bool


def units_of(doc: Document, style: styles.Style = GONGWEN) -> list[Unit]:
    units = []
    if doc.meta.title:
        role = style.role("title")
        units.append(Unit(doc.meta.title, "title", role.size, role.align))
    if doc.meta.subtitle:
        role = style.role("subtitle")
        units.append(Unit(doc.meta.subtitle, "subtitle", role.size, role.align))
    blocks = list(doc.blocks)
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(b, Heading):
            size, align = style.heading_role(b).size, style.heading_role(b).align
            if b.runin and style.headings.runin == "inline" and isinstance(nxt, Paragraph):
                role = style.role(nxt.role)
                units.append(Unit(b.text + nxt.text, "paragraph", role.size, role.align))
                i += 2
                continue
            units.append(Unit(b.text, "heading", size, align))
        elif isinstance(b, Paragraph):
            role = style.role(b.role)
            units.append(Unit(b.text, "paragraph", role.size, role.align))
        else:
            role = style.role("note")
            units.append(Unit(b.text, "note", role.size, role.align))
        i += 1
    return units


def place(lines: list[TextLine], units: list[Unit]) -> list[Placed]:
    """Walk the lines in order and say which unit each one sets (and whether it is that
    unit's first or last line); fails when the lines do not spell the units in order."""
    placed: list[Placed] = []
    it: Iterator[Unit] = iter(units)
    unit = next(it)
    done = ""
    for line in lines:
        piece = squeeze(line.text)
        target = squeeze(unit.text)
        first = done == ""
        done += piece
        assert target.startswith(done), f"line {line.text!r} does not continue {unit.text[:20]!r}"
        last = done == target
        placed.append(Placed(line, unit, first, last))
        if last:
            done = ""
            unit = next(it, Unit("", "end", 0))
    assert unit.kind == "end", f"unit {unit.text[:20]!r} was never set"
    return placed


def leading_piece(text: str) -> str:
    """The start of a line that could not have been split: openers, then a Latin word or
    one character, then any closing marks (and a per cent sign after a number)."""
    openers = re.escape("".join(OPENERS))
    closers = re.escape("".join(CLOSERS | set("%％")))
    m = re.match(rf"[{openers}]*(?:[A-Za-z0-9]+(?:[.,:/\-_'][A-Za-z0-9]+)*|.)[{closers}]*", text)
    assert m is not None
    return m.group(0)


# -- tests --------------------------------------------------------------------------------


def test_every_font_is_an_embedded_subset(rendered: Rendered) -> None:
    require_tool("pdffonts")
    out = subprocess.run(
        ["pdffonts", str(rendered.path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows, out
    for row in rows:
        name, emb, sub, uni = row[0], row[-5], row[-4], row[-3]
        assert re.fullmatch(r"[A-Z]{6}\+\S+", name), row
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    names = {row[0].split("+")[1] for row in rows}
    assert "NotoSerifSC-Regular" in names


def test_extracted_text_is_the_model_text(rendered: Rendered) -> None:
    text = extracted_text(rendered.path)
    kept = [ln for ln in text.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", ln)]
    assert squeeze("".join(kept)) == squeeze(rendered.doc.plain_text())


def test_rare_characters_come_back(long_pdf: Rendered) -> None:
    text = extracted_text(long_pdf.path)
    for ch in "𠮷〇堃喆":
        assert text.count(ch) == long_pdf.doc.plain_text().count(ch) > 0


def _outline(path: Path) -> tuple[list[tuple[int, str]], object]:
    with path.open("rb") as f:
        pdf = PDFDocument(PDFParser(f))
        entries = [(level, title) for level, title, *_ in pdf.get_outlines()]
        return entries, resolve1(pdf.catalog.get("PageMode"))


def test_outline_nests_the_headings(rendered: Rendered) -> None:
    entries, mode = _outline(rendered.path)
    expected = []
    level = 0
    for h in rendered.doc.headings:
        level = min(h.level, level + 1)
        # Entries are names: no full stop (or comma, colon…) closing a sentence.
        expected.append((level, re.sub(r"[。．.，,；;：:、]+$", "", h.text)))
    assert entries == expected
    assert not [title for _, title in entries if title.endswith("。")]
    assert str(mode).strip("/'") == "UseOutlines"


def test_long_outline_has_four_levels(long_pdf: Rendered) -> None:
    entries, _ = _outline(long_pdf.path)
    assert {level for level, _ in entries} == {1, 2, 3, 4}


def test_no_headings_no_outline(plain_doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    write_pdf(plain_doc, path)
    with path.open("rb") as f:
        pdf = PDFDocument(PDFParser(f))
        assert "Outlines" not in pdf.catalog
        assert str(resolve1(pdf.catalog.get("PageMode"))).strip("/'") == "UseNone"
    assert squeeze(extracted_text(path)).startswith(squeeze(plain_doc.meta.title))


def test_outline_never_skips_a_level(tmp_path: Path) -> None:
    doc = Document(
        Meta(title="跳级"),
        (
            Heading(3, "1.直接从第三级开始", "1.", "num"),
            Paragraph("正文。"),
            Heading(1, "一、回到第一级", "一、", "cn"),
            Heading(4, "（1）再跳到第四级", "（1）", "num-paren"),
        ),
    )
    path = tmp_path / "skip.pdf"
    write_pdf(doc, path)
    entries, _ = _outline(path)
    assert [lvl for lvl, _ in entries] == [1, 1, 2]


def test_document_info(long_pdf: Rendered) -> None:
    with long_pdf.path.open("rb") as f:
        info = PDFDocument(PDFParser(f)).info[0]

    def text(key: str) -> str:
        value = resolve1(info[key])
        if value.startswith(b"\xfe\xff"):
            return str(value[2:].decode("utf-16-be"))
        return str(value.decode("latin-1"))

    meta = long_pdf.doc.meta
    assert text("Title") == meta.title
    assert text("Subject") == meta.subtitle
    assert text("Author") == meta.author
    assert all(k in text("Keywords") for k in meta.keywords)
    assert text("Creator") == "docconv"


def rooms(line: TextLine) -> list[float]:
    """Each character's room: its glyph's width, but a whole em for quotation marks,
    which Chinese text sets full width (LXGW WenKai draws them 0.35 em wide, padded)."""
    return [line.size if c in "“”‘’" else w for c, w in zip(line.text, line.widths, strict=True)]


def test_full_lines_hold_28_characters(rendered: Rendered) -> None:
    """Full lines fill the 28-character measure: never more than compression can take
    back, and short only by a piece that did not fit even with every mark closed up."""
    placed = place(rendered.body_lines(), units_of(rendered.doc))
    exact = pure = checked = squeezed = 0
    for p, nxt in pairwise(placed):
        if p.last or p.unit.size != BODY.size:
            continue
        line = p.line
        cells = sum(rooms(line)) / BODY.size + (line.x0 - PAGE.margin_left) / PITCH
        natural = cells - always_given(line.text)
        assert cells - given_back(line.text, p.first) <= PAGE.chars + 0.01, (line.text, cells)
        checked += 1
        full_width = all(w == BODY.size for w in rooms(line))
        if natural > PAGE.chars + 0.01:
            squeezed += 1  # closed up to take a piece that would have been pushed down
            pure += full_width
            exact += full_width
            continue
        if natural > PAGE.chars - 0.01:
            pure += full_width
            exact += full_width
            continue  # full as it stands: not closed up to take one more character
        # Loose: the next line's first piece did not fit, even with every mark closed up.
        piece = leading_piece(nxt.line.text)
        piece_cells = sum(rooms(nxt.line)[: len(piece)]) / BODY.size
        if f"{line.text[-4:]} {nxt.line.text[:4]}" in p.unit.text:
            piece_cells += 0.5  # the space the lines broke at went too
        joined = cells + piece_cells - given_back(line.text + piece, p.first)
        assert joined > PAGE.chars - 1e-6, (line.text, cells, nxt.line.text)
        if full_width:
            assert round(natural, 2) in (27.5, 27, 26.5, 26), line.text
            pure += 1
    assert checked > 20 and squeezed > 0
    # Lines of full-width characters only: nearly all fill the measure.
    assert pure > 5 and exact / pure > 0.8


def test_justified_lines_are_flush_and_last_lines_flush_left(rendered: Rendered) -> None:
    placed = place(rendered.body_lines(), units_of(rendered.doc))
    for p in placed:
        if p.unit.align != "justify":
            continue
        line = p.line
        if p.last:
            cell = PITCH if p.unit.size == BODY.size else p.unit.size
            indent = (line.x0 - PAGE.margin_left) / cell
            assert round(indent, 3) in (0, 2), line.text  # left-aligned: no stretching
        elif line.text[-1] in CLOSE_FULL and abs(line.x1 - RIGHT) > 0.05:
            # A closing mark that gave up (some of) its blank half, never its ink (a
            # padded narrow quote's glyph box ends inside its em).
            assert abs(line.x1 - RIGHT) < line.size / 2 + 0.05, (line.text, line.x1)
        elif line.x1 < RIGHT - 0.05:
            # Run short rather than letter-spaced: justifying would widen each gap
            # by more than an eighth of an em.
            gaps = len(line.text) - 1
            assert (RIGHT - line.x1) / gaps > 0.125 * line.size, (line.text, line.x1)
        else:
            assert abs(line.x1 - RIGHT) < 0.05, (line.text, line.x1)


def test_no_line_starts_or_ends_with_a_forbidden_mark(rendered: Rendered) -> None:
    lines = rendered.body_lines()
    assert len(lines) > 50
    for line in lines:
        assert line.text[0] not in CLOSERS, line.text
        assert line.text[-1] not in OPENERS, line.text


def test_full_pages_hold_22_lines_on_the_grid(rendered: Rendered) -> None:
    placed = place(rendered.body_lines(), units_of(rendered.doc))
    by_page: dict[int, list[Placed]] = {}
    for p in placed:
        by_page.setdefault(p.line.page, []).append(p)
    pages = sorted(by_page)
    assert len(pages) == len(rendered.pages)
    full = 0
    for n in pages[:-1]:
        here = by_page[n]
        if any(p.unit.size != BODY.size for p in here):
            continue  # the title page and pages with a note are not on the body grid
        tops = [p.line.top for p in here]
        assert all(abs(b - a - BODY.leading) < 0.01 for a, b in pairwise(tops))
        if len(here) == PAGE.lines:
            full += 1
            continue
        # Short only when a heading was kept with the text after it on the next page.
        following = by_page[n + 1][0]
        assert following.first and following.unit.kind == "heading", (n, len(here))
        assert len(here) >= PAGE.lines - 2
    assert full >= len(pages) // 2


def test_long_document_is_long(long_pdf: Rendered) -> None:
    assert len(long_pdf.pages) >= 10


def test_page_numbers_sit_outside_below_the_text_block(rendered: Rendered) -> None:
    pn = GONGWEN.page_number
    role = GONGWEN.role(pn.role)
    for n, lines in enumerate(rendered.pages, 1):
        below = [ln for ln in lines if ln.top > FRAME_BOTTOM]
        assert len(below) == 1, n
        number = below[0]
        assert squeeze(number.text) == squeeze(pn.format.replace("{n}", str(n)))
        assert abs(number.size - role.size) < 1e-6
        # The number's em box starts 7 mm below the text block.
        assert abs(number.top - (FRAME_BOTTOM + pn.gap)) < 0.05
        if n % 2:
            assert abs(number.x1 - (RIGHT - role.size)) < 0.05
        else:
            assert abs(number.x0 - (PAGE.margin_left + role.size)) < 0.05


def test_title_is_centred_in_its_face(rendered: Rendered) -> None:
    title = rendered.pages[0][0]
    assert squeeze(title.text) == squeeze(rendered.doc.meta.title)
    assert title.size == GONGWEN.role("title").size
    centre = PAGE.margin_left + PAGE.text_width / 2
    assert abs((title.x0 + title.x1) / 2 - centre) < 0.05
    assert all("NotoSerifSC-Bold" in f for f in title.fonts)


def _fonts_of(lines: list[TextLine], text: str) -> list[str]:
    for line in lines:
        i = line.text.find(text)
        if i >= 0:
            return line.fonts[i : i + len(text)]
    raise AssertionError(f"{text!r} is on no line")


def test_headings_leads_and_fallbacks_use_their_faces(long_pdf: Rendered) -> None:
    lines = long_pdf.body_lines()
    assert all("NotoSansSC-Medium" in f for f in _fonts_of(lines, "一、第一部分"))
    assert all("LXGWWenKai" in f for f in _fonts_of(lines, "（一）推进重点"))
    assert all("NotoSerifSC-Regular" in f for f in _fonts_of(lines, "1.完善配套"))
    assert all("NotoSerifSC-Bold" in f for f in _fonts_of(lines, "一是加强统筹协调。"))
    # 𠮷 is in no Noto face: it falls back to WenKai, its neighbours do not.
    fonts = _fonts_of(lines, "的𠮷字")
    assert "LXGWWenKai" in fonts[1]
    assert "NotoSerifSC-Regular" in fonts[0] and "NotoSerifSC-Regular" in fonts[2]


def test_runin_heading_shares_its_line(long_pdf: Rendered) -> None:
    runin = next(h for h in long_pdf.doc.headings if h.runin)
    line = next(ln for ln in long_pdf.body_lines() if ln.text.startswith(runin.text))
    assert len(line.text) > len(runin.text) + 5
    assert all("LXGWWenKai" in f for f in line.fonts[: len(runin.text)])
    assert all("NotoSerifSC" in f for f in line.fonts[len(runin.text) :])
    assert abs(line.x0 - (PAGE.margin_left + BODY.indent * PITCH)) < 0.01


def test_seed_pdf_is_small(seed_pdf: Rendered) -> None:
    assert seed_pdf.path.stat().st_size < 400_000


def test_same_input_same_bytes(seed_doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = io.BytesIO(), io.BytesIO()
    PdfWriter().write(seed_doc, first, GONGWEN)
    PdfWriter().write(seed_doc, second, GONGWEN)
    assert first.getvalue() == second.getvalue()
    assert b"D:20231114221320" in first.getvalue()
    # A fresh process (fonts registered anew) writes the very same file.
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    fresh = subprocess.run(
        [sys.executable, "-m", "convert", str(SAMPLES / "speech.txt"), "--to", "pdf", "-o", "-"],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=True,
    ).stdout
    assert fresh == first.getvalue()


def test_malformed_source_date_epoch_is_a_clear_error(
    plain_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(OutputError, match="SOURCE_DATE_EPOCH"):
        PdfWriter().write(plain_doc, io.BytesIO(), GONGWEN)


def test_a_character_no_font_has_is_reported_once(tmp_path: Path) -> None:
    odd = "\U0010fffd"
    doc = Document(Meta(title="缺字"), (Paragraph(f"甲{odd}乙{odd}丙"), Paragraph(f"丁{odd}")))
    warnings = write_pdf(doc, tmp_path / "odd.pdf")
    assert [w.code for w in warnings] == ["missing-glyph"]
    assert "U+10FFFD" in warnings[0].text and "3×" in warnings[0].text
    assert squeeze(extracted_text(tmp_path / "odd.pdf")).startswith("缺字甲")


def test_invisible_format_characters_are_dropped_silently(tmp_path: Path) -> None:
    text = "零\u200b宽\ufeff字\u00ad符\ufe0f号"
    doc = Document(Meta(title="格式符"), (Paragraph(text),))
    assert write_pdf(doc, tmp_path / "zw.pdf") == []
    assert squeeze(extracted_text(tmp_path / "zw.pdf")) == "格式符零宽字符号—1—"


def test_user_font_for_a_role(plain_doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "kai.pdf"
    write_pdf(plain_doc, path, fonts={"body": FONTS / "LXGWWenKai-Regular.ttf"})
    lines = read_lines(path)[0]
    body = next(ln for ln in lines if ln.text.startswith(plain_doc.blocks[1].text[:6]))
    assert all("LXGWWenKai" in f for f in body.fonts)


def test_empty_document_is_one_blank_page(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    assert write_pdf(Document(), path) == []
    assert len(read_lines(path)) == 1


def test_registered_as_the_pdf_writer() -> None:
    cls = get("pdf")
    assert cls is PdfWriter
    assert (cls.extension, cls.media_type) == (".pdf", "application/pdf")
