"""Typesetting details of the PDF writer, measured on written files with PDFium's glyph
origins: punctuation compression (标点挤压), the line grid on the title page, full-width
quotes in the 楷体 stand-in, Latin words that do not fit the end of a line."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from test_pdf_measure import CLOSE_FULL, OPEN_FULL, TextLine, read_lines
from test_pdf_output import (
    BODY,
    GONGWEN,
    PAGE,
    PITCH,
    RIGHT,
    Rendered,
    place,
    units_of,
    write_pdf,
)

from convert import styles
from convert.model import Document, Heading, Meta, Paragraph

MARKS = CLOSE_FULL | OPEN_FULL


def facing_blanks(a: str, b: str) -> bool:
    """Two marks side by side with a blank half between their inks (not “” or （，)."""
    return a in MARKS and b in MARKS and (a in CLOSE_FULL or b in OPEN_FULL)


def adjacent_gaps(pages: list[list[TextLine]]) -> list[tuple[str, float]]:
    """Origin-to-origin distance, in em, of every pair of adjacent marks with a blank
    half between them."""
    out = []
    for lines in pages:
        for line in lines:
            assert line.xs, line.text  # PDFium saw the same characters
            for i, (a, b) in enumerate(pairwise(line.text)):
                if facing_blanks(a, b):
                    out.append((line.text, (line.xs[i + 1] - line.xs[i]) / line.size))
    return out


def full_sheet(tmp_path: Path) -> styles.Style:
    sheet = tmp_path / "full.toml"
    sheet.write_text('extends = "gongwen"\npunctuation = "full"\n', encoding="utf-8")
    return styles.load(sheet)


def render(doc: Document, path: Path, style: styles.Style = GONGWEN) -> Rendered:
    assert write_pdf(doc, path, style) == []
    return Rendered(doc, path, read_lines(path))


@pytest.fixture(scope="module")
def seed_pdf(seed_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(seed_doc, tmp_path_factory.mktemp("pdf") / "seed.pdf")


@pytest.fixture(scope="module")
def long_pdf(long_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(long_doc, tmp_path_factory.mktemp("pdf") / "long.pdf")


@pytest.fixture(params=["seed", "long"])
def rendered(request: pytest.FixtureRequest) -> Rendered:
    return request.getfixturevalue(f"{request.param}_pdf")  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def seed_full(seed_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("full")
    return render(seed_doc, folder / "seed-full.pdf", full_sheet(folder))


def test_adjacent_marks_take_half_an_em(rendered: Rendered) -> None:
    gaps = adjacent_gaps(rendered.pages)
    assert len(gaps) >= 5
    for text, gap in gaps:
        assert 0.45 < gap <= 0.55, (text, gap)


def test_full_punctuation_keeps_every_mark_an_em(seed_full: Rendered) -> None:
    gaps = adjacent_gaps(seed_full.pages)
    assert len(gaps) >= 5
    assert all(gap > 0.95 for _, gap in gaps)


def short_last_lines(rendered: Rendered) -> list[str]:
    """Last lines of paragraphs of two lines or more holding one or two characters
    besides marks."""
    out = []
    for p in place(rendered.body_lines(), units_of(rendered.doc)):
        alone = sum(c not in MARKS for c in p.line.text)
        if p.last and not p.first and p.unit.kind == "paragraph" and alone <= 2:
            out.append(p.line.text)
    return out


def test_compression_pulls_back_short_last_lines(seed_pdf: Rendered, seed_full: Rendered) -> None:
    # Set with whole-em marks the seed has paragraphs ending in 内涵。 and 建设。
    assert len(short_last_lines(seed_full)) >= 2
    assert short_last_lines(seed_pdf) == []


def test_compression_closes_up_lines_a_mark_would_leave_loose(
    seed_pdf: Rendered, seed_full: Rendered
) -> None:
    """A line whose last character went down with the mark after it is closed up to take
    both instead: fewer lines are spaced out."""

    def loose(rendered: Rendered) -> int:
        count = 0
        for p in place(rendered.body_lines(), units_of(rendered.doc)):
            xs = p.line.xs
            if p.last or p.unit.size != BODY.size or len(xs) < 2:
                continue
            widest = max(b - a for a, b in pairwise(xs))
            count += widest > PITCH + 0.5  # a gap widened by more than half a point
        return count

    assert loose(seed_pdf) < loose(seed_full)


def test_page_one_is_on_the_grid_of_page_two(seed_pdf: Rendered) -> None:
    bottom = PAGE.height - PAGE.margin_bottom
    first, second = (
        [ln.top for ln in page if abs(ln.size - BODY.size) < 0.01 and ln.top < bottom]
        for page in seed_pdf.pages[:2]
    )
    assert len(second) == PAGE.lines
    for top in first:
        steps = (top - second[0]) / BODY.leading
        assert abs(steps - round(steps)) * BODY.leading < 0.5, top
    # A full title page ends on the same line as a full page.
    assert abs(first[-1] - second[-1]) < 0.5


def test_quotes_in_the_kai_face_are_full_width(tmp_path: Path) -> None:
    heading = Heading(2, "（一）强化“全程质量观”的要求", "（一）", "cn-paren")
    doc = Document(Meta(title="楷体引号"), (heading, Paragraph("正文。" * 10)))
    path = tmp_path / "kai.pdf"
    assert write_pdf(doc, path) == []
    line = next(ln for page in read_lines(path) for ln in page if ln.text == heading.text)
    assert all("LXGWWenKai" in f for f in line.fonts)
    opening, closing = line.text.index("“"), line.text.index("”")
    # Every character, the quotes too, takes one grid cell: the character after “ is two
    # cells after the one before it.
    xs = line.xs
    assert xs[opening + 1] - xs[opening - 1] == pytest.approx(2 * PITCH, abs=0.01)
    assert xs[closing + 1] - xs[closing] == pytest.approx(PITCH, abs=0.01)
    others = [b - a for i, (a, b) in enumerate(pairwise(xs)) if i not in (opening - 1, opening)]
    assert all(abs(step - PITCH) < 0.01 for step in others), others
    # Inside its cell the narrow glyph sits where a full-width mark's ink is: “ to the
    # right (more than half an em in), ” at the left edge.
    assert xs[opening] - xs[opening - 1] - PITCH > 0.5 * BODY.size
    assert xs[closing] - xs[closing - 1] == pytest.approx(PITCH, abs=0.01)


def _lines_of(tmp_path: Path, text: str) -> list[TextLine]:
    doc = Document(Meta(title="西文"), (Paragraph(text),))
    path = tmp_path / "latin.pdf"
    assert write_pdf(doc, path) == []
    return [ln for page in read_lines(path) for ln in page[1:-1]]


def test_a_long_latin_word_does_not_letter_space_a_line(tmp_path: Path) -> None:
    # The word cannot share the first line's last five cells: the line runs short.
    word = "Internationalization"
    text = "这" * 21 + word + "的" * 40
    lines = _lines_of(tmp_path, text)
    first = lines[0]
    assert first.text == "这" * 21
    steps = [b - a for a, b in pairwise(first.xs)]
    assert max(steps) < PITCH + 0.125 * BODY.size
    assert first.x1 < RIGHT - 4 * BODY.size
    assert lines[1].text.startswith(word)


def test_a_long_path_breaks_after_a_slash(tmp_path: Path) -> None:
    url = "gb.cn/standards/quality/management/index"
    text = "请" * 21 + url + "查" * 40
    lines = _lines_of(tmp_path, text)
    first = lines[0]
    assert first.text.startswith("请" * 21) and first.text.endswith("/")
    assert abs(first.x1 - RIGHT) < 0.05 or first.x1 > RIGHT - BODY.size / 2
    assert "".join(ln.text for ln in lines).startswith("请" * 21 + url)


def test_punctuation_key_is_checked(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.toml"
    sheet.write_text('extends = "gongwen"\npunctuation = "squeeze"\n', encoding="utf-8")
    with pytest.raises(styles.StyleError, match="compress, full"):
        styles.load(sheet)
    assert GONGWEN.punctuation == "compress"
    assert full_sheet(tmp_path).punctuation == "full"
