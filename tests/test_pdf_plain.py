"""The plain style sheet drives the same writer to a different page: the sheet decides."""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path

import pytest
from test_pdf_measure import (
    TextLine,
    always_given,
    extracted_text,
    given_back,
    read_lines,
    squeeze,
)

from convert import styles
from convert.model import Document, Paragraph
from convert.writers.pdf import PdfWriter

PLAIN = styles.load("plain")
PAGE = PLAIN.page
BODY = PLAIN.role("body")
FRAME_BOTTOM = PAGE.height - PAGE.margin_bottom


@pytest.fixture(scope="module")
def plain_pages(long_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> list:
    path = tmp_path_factory.mktemp("plain") / "long-plain.pdf"
    with path.open("wb") as out:
        assert PdfWriter().write(long_doc, out, PLAIN) == []
    return [path, read_lines(path)]


def _body(pages: list[list[TextLine]]) -> list[TextLine]:
    return [ln for page in pages for ln in page if ln.top < FRAME_BOTTOM]


def test_plain_text_round_trips(plain_pages: list, long_doc: Document) -> None:
    path, _ = plain_pages
    lines = [ln for ln in extracted_text(path).splitlines() if not ln.strip().isdigit()]
    assert squeeze("".join(lines)) == squeeze(long_doc.plain_text())


def test_plain_body_has_its_own_size_margins_and_measure(
    plain_pages: list, long_doc: Document
) -> None:
    _, pages = plain_pages
    right = PAGE.width - PAGE.margin_right
    aside = {
        b.text
        for b in long_doc.blocks
        if isinstance(b, Paragraph) and PLAIN.role(b.role).align != "justify"
    }
    body = [
        ln
        for ln in _body(pages)
        if ln.size == BODY.size and abs(ln.x1 - right) < 0.05 and ln.text not in aside
    ]
    assert len(body) > 100
    lefts = {round(ln.x0 - PAGE.margin_left, 2) for ln in body}
    assert lefts == {0.0, round(BODY.indent * BODY.size, 2)}
    # No character grid: a full line of Chinese holds as many 12 pt characters as fit.
    per_line = math.floor(PAGE.text_width / BODY.size + 1e-9)
    assert per_line != styles.load("gongwen").page.chars
    counts = []
    for ln in body:
        if not all(w == BODY.size for w in ln.widths):
            continue
        chars = len(ln.text) + round((ln.x0 - PAGE.margin_left) / BODY.size)
        closed = chars - always_given(ln.text)
        if closed > per_line:
            # More only where punctuation compression made room for them.
            measure = PAGE.text_width / BODY.size
            assert chars - given_back(ln.text, first=False) <= measure + 0.01, ln.text
            closed = per_line
        counts.append(closed)
    assert counts and max(counts) == per_line
    assert sum(c == per_line for c in counts) / len(counts) > 0.6


def test_plain_headings_and_page_numbers(plain_pages: list, long_doc: Document) -> None:
    _, pages = plain_pages
    h1 = next(ln for ln in _body(pages) if ln.text.startswith("一、"))
    assert h1.size == PLAIN.role("h1").size
    assert all("NotoSansSC" in f for f in h1.fonts)
    # A run-in heading gets its own line when the sheet says runin = "block".
    runin = next(h for h in long_doc.headings if h.runin)
    assert any(squeeze(ln.text) == squeeze(runin.text) for ln in _body(pages))
    pn = PLAIN.page_number
    centre = PAGE.margin_left + PAGE.text_width / 2
    for n, lines in enumerate(pages, 1):
        [number] = [ln for ln in lines if ln.top > FRAME_BOTTOM]
        assert number.text == str(n)
        assert abs(number.size - PLAIN.role(pn.role).size) < 1e-6
        assert abs((number.x0 + number.x1) / 2 - centre) < 0.05
        assert abs(number.top - (FRAME_BOTTOM + pn.gap)) < 0.05


def test_plain_lines_keep_their_leading(plain_pages: list) -> None:
    _, pages = plain_pages
    for page in pages[1:-1]:
        tops = [ln.top for ln in page if ln.size == BODY.size and ln.top < FRAME_BOTTOM]
        steps = {round(b - a, 2) for a, b in pairwise(tops)}
        assert round(BODY.leading, 2) in steps


def test_same_document_two_styles_differ(long_doc: Document, tmp_path: Path) -> None:
    gongwen = tmp_path / "g.pdf"
    with gongwen.open("wb") as out:
        PdfWriter().write(long_doc, out, styles.load("gongwen"))
    plain = tmp_path / "p.pdf"
    with plain.open("wb") as out:
        PdfWriter().write(long_doc, out, PLAIN)
    assert len(read_lines(gongwen)) > len(read_lines(plain))
