"""Measuring written PDFs: lines from pdfplumber (characters, faces, sizes) and poppler
(line boxes; pdfminer drops the character spacing after the last glyph of each text
string, so its x positions drift on justified lines, while poppler's are exact).

The helpers are imported by the other test_pdf* modules; the tests here check them on a
PDF drawn with reportlab directly, so a wrong measurement cannot hide a wrong writer.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
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
    # Four glyphs and three 1 pt gaps (the fourth Tc follows the last glyph).
    assert abs(line.x1 - (50 + 4 * 20 + 3 * 1.0)) < 0.01
    # The em box's top sits 0.88 em above the baseline in these fonts.
    assert abs(line.top - (300 - 200 - 0.88 * 20)) < 0.05
