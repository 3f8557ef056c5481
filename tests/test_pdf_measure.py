"""Measuring written PDFs: lines from pdfplumber (characters, faces, sizes), poppler
(line boxes) and PDFium (each character's origin). pdfminer, under pdfplumber, drops the
character spacing after the last glyph of each text string, and the writer starts a new
string at every font subset, so its x positions drift on justified lines; poppler's line
boxes and PDFium's origins are exact.

The helpers are imported by the other test_pdf* modules; the tests here check them on a
PDF drawn with reportlab directly, so a wrong measurement cannot hide a wrong writer.
"""

from __future__ import annotations

import ctypes
import math
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from conftest import FONTS, require_tool


@dataclass
class TextLine:
    page: int  # 1-based
    top: float  # em-box top, from the page's top edge
    x0: float
    size: float
    text: str
    fonts: list[str] = field(default_factory=list)  # font name of each character
    widths: list[float] = field(default_factory=list)  # natural advance of each character
    x1: float = 0.0  # right edge from poppler (exact)
    xs: list[float] = field(default_factory=list)  # each character's origin, from PDFium


def read_lines(path: Path) -> list[list[TextLine]]:
    """Every page's lines, top to bottom; characters grouped by their top edge."""
    pages: list[list[TextLine]] = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            rows: dict[float, list[dict[str, Any]]] = {}
            for c in page.chars:
                rows.setdefault(round(c["top"], 1), []).append(c)
            lines = []
            for top in sorted(rows):
                cs = sorted(rows[top], key=lambda c: c["x0"])
                lines.append(
                    TextLine(
                        page=n,
                        top=cs[0]["top"],
                        x0=cs[0]["x0"],
                        size=max(c["size"] for c in cs),
                        text="".join(c["text"] for c in cs),
                        fonts=[c["fontname"] for c in cs],
                        widths=[c["width"] for c in cs],
                    )
                )
            pages.append(lines)
    for lines, boxes in zip(pages, poppler_boxes(path), strict=True):
        for line in lines:
            near = [b for b in boxes if abs(b[1] - line.top) < 1.0]
            line.x1 = max((b[2] for b in near), default=float("nan"))
    for lines, rows in zip(pages, char_origins(path), strict=True):
        for line in lines:
            # The row whose baseline lies inside this line's em box, with its text.
            row = next(
                (r for base, r in rows if line.top < base < line.top + line.size),
                [],
            )
            if "".join(ch for _, ch in row) == squeeze(line.text):
                # Aligned with the text: spaces have no origin of their own here.
                glyphs = iter(x for x, _ in row)
                line.xs = [math.nan if c.isspace() else next(glyphs) for c in line.text]
    return pages


def char_origins(path: Path) -> list[list[tuple[float, list[tuple[float, str]]]]]:
    """Each page's rows of characters as PDFium places them: (baseline from the page's
    top, [(x of the glyph origin, character), ...] left to right)."""
    pages = []
    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            height = page.get_height()
            textpage = page.get_textpage()
            rows: dict[float, list[tuple[float, str]]] = {}
            x, y = ctypes.c_double(), ctypes.c_double()
            count = textpage.count_chars()
            for k in range(count):
                unit = pdfium_c.FPDFText_GetUnicode(textpage.raw, k)
                if 0xDC00 <= unit < 0xE000:
                    continue  # the second half of a character beyond U+FFFF
                if 0xD800 <= unit < 0xDC00 and k + 1 < count:
                    low = pdfium_c.FPDFText_GetUnicode(textpage.raw, k + 1)
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                ch = chr(unit)
                if not unit or ch.isspace():
                    continue  # line ends PDFium makes up, and real spaces (no glyph)
                pdfium_c.FPDFText_GetCharOrigin(textpage.raw, k, x, y)
                rows.setdefault(round(height - y.value, 1), []).append((x.value, ch))
            pages.append([(base, sorted(rows[base])) for base in sorted(rows)])
    finally:
        pdf.close()
    return pages


def poppler_boxes(path: Path) -> list[list[tuple[float, float, float, float]]]:
    """Each page's line boxes (xMin, yMin, xMax, yMax) as `pdftotext -bbox-layout` sees them."""
    require_tool("pdftotext")
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True
    ).stdout
    root = ET.fromstring(xml)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    out = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        boxes = []
        for line in page.iterfind(".//x:line", ns):
            boxes.append(tuple(float(line.get(k, "nan")) for k in ("xMin", "yMin", "xMax", "yMax")))
        out.append(boxes)  # type: ignore[arg-type]
    return out  # type: ignore[return-value]


def extracted_text(path: Path) -> str:
    require_tool("pdftotext")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# Full-width marks with their ink in one half of the em box (the bundled faces draw
# ：；？！ on the left too), which punctuation compression closes up.
CLOSE_FULL = set("，。、；：？！”’）》〉」』】〕〗〞")
OPEN_FULL = set("“‘（《〈「『【〔〖〝")


def given_back(text: str, first: bool) -> float:
    """The room, in em, a line of `text` can take back by punctuation compression (W3C
    clreq): half an em wherever a closing mark is followed, or an opening mark preceded,
    by something on the line, and at the line's ends (not before a paragraph's first
    character)."""
    room = 0.5 * sum(
        (a in CLOSE_FULL or b in OPEN_FULL) and not (a.isspace() or b.isspace())
        for a, b in pairwise(text)
    )
    room += 0.5 * (text[-1] in CLOSE_FULL) + 0.5 * (not first and text[0] in OPEN_FULL)
    return room


def always_given(text: str) -> float:
    """What compression always takes: half an em between two adjacent marks."""
    marks = CLOSE_FULL | OPEN_FULL
    return 0.5 * sum(
        (a in CLOSE_FULL or b in OPEN_FULL) and a in marks and b in marks for a, b in pairwise(text)
    )


def test_measure_reads_a_known_page(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("measure-serif", str(FONTS / "NotoSerifSC-Regular.ttf")))
    path = tmp_path / "known.pdf"
    canv = Canvas(str(path), pagesize=(400, 300))
    text = canv.beginText(50, 200)
    text.setFont("measure-serif", 20)
    text.setCharSpace(1.0)
    text.textOut("一二三四")
    canv.drawText(text)
    canv.save()
    [[line]] = read_lines(path)
    assert line.text == "一二三四"
    assert line.x0 == 50 and line.size == 20
    assert line.widths == [20, 20, 20, 20]
    assert [round(x, 3) for x in line.xs] == [50, 71, 92, 113]
    # Four glyphs and three 1 pt gaps (the fourth Tc follows the last glyph).
    assert abs(line.x1 - (50 + 4 * 20 + 3 * 1.0)) < 0.01
    # The em box's top sits 0.88 em above the baseline in these fonts.
    assert abs(line.top - (300 - 200 - 0.88 * 20)) < 0.05


def test_origins_keep_the_spacing_between_font_subsets(tmp_path: Path) -> None:
    """A character spacing set once holds across a change of font (the writer changes
    font subset mid-line): PDFium's origins follow it, pdfminer's do not."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("measure-serif", str(FONTS / "NotoSerifSC-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("measure-kai", str(FONTS / "LXGWWenKai-Regular.ttf")))
    path = tmp_path / "subsets.pdf"
    canv = Canvas(str(path), pagesize=(400, 300))
    text = canv.beginText(50, 200)
    text.setCharSpace(-8.0)
    text.setFont("measure-serif", 16)
    text.textOut("”")
    text.setFont("measure-kai", 16)
    text.textOut("。")
    text.setCharSpace(0.0)
    text.textOut("一")
    canv.drawText(text)
    canv.save()
    [[line]] = read_lines(path)
    assert line.text == "”。一"
    assert [round(x, 3) for x in line.xs] == [50, 58, 66]
