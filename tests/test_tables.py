"""Tables from a page's <table> to every format: the model's Table block, a DOCX table in
Word's Table Grid style (python-docx and the raw XML), a ruled PDF table on the grid (PDFium
character origins, pdftotext order), an XHTML table epubcheck accepts, GFM and JSON that
read back to the same table, and aligned columns in plain text."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import require_tool
from test_epub import _epubcheck_command
from test_pdf_measure import char_origins, extracted_text, squeeze

from convert import api
from convert.model import Document, Meta, Paragraph, Table
from convert.zh.chars import width

ROWS = (
    ("序号", "考核项目", "评分标准", "分值"),
    ("1", "重点工作完成情况", "按期完成年度重点任务的得满分，每延误一项扣2分", "40"),
    ("2", "制度建设", "制度健全、执行到位的得满分，发现一处漏洞扣1分", "20"),
    ("3", "服务质量", "群众满意度达到90%以上的得满分", "25"),
    ("4", "廉政建设", "全年无违纪违规问题的得满分", "15"),
)
BEFORE = "为客观评价各部门年度工作完成情况，根据《绩效管理办法》，现将考核指标及评分标准列示如下。"
AFTER = "各部门应于12月20日前完成自评，并将自评结果报送考核办公室。"


def page(rows: tuple[tuple[str, ...], ...] = ROWS) -> bytes:
    head = "".join(f"<th>{c}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows[1:])
    return (
        "<html><head><meta charset='utf-8'><title>2024年度部门绩效考核表_范文网</title></head>"
        "<body><div class='nav'><a href='/'>首页</a> &gt; <a href='/fw/'>范文</a></div>"
        f"<div class='content'><h1>2024年度部门绩效考核表</h1><p>{BEFORE}</p>"
        f"<table border='1'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<p>{AFTER}</p></div>"
        "<div class='footer'>版权所有 © 范文网 客服QQ：123456</div></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def doc() -> Document:
    return api.read(page(), name="kh.html")


def test_a_page_table_is_a_table_block(doc: Document) -> None:
    assert doc.meta.title == "2024年度部门绩效考核表"
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert table.rows == ROWS and table.header == 1


def test_docx_table(doc: Document) -> None:
    data = api.write_bytes(doc, "docx")
    d = docx.Document(io.BytesIO(data))
    assert [p.text for p in d.paragraphs] == ["2024年度部门绩效考核表", BEFORE, AFTER]
    (t,) = d.tables
    assert tuple(tuple(c.text for c in r.cells) for r in t.rows) == ROWS
    assert t.style.name == "Table Grid"
    assert t.rows[0].cells[0].paragraphs[0].style.name == "Table Heading"
    assert t.rows[1].cells[2].paragraphs[0].style.name == "Table Text"
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    body = xml[xml.index("<w:body>") :]
    # In the body's order, the header row repeating on each page, the columns filling the
    # text width (A4 less 28 + 26 mm: 8844 twips) and the long column the widest.
    assert body.index(BEFORE) < body.index("<w:tbl>") < body.index(AFTER)
    assert body.count("<w:tblHeader/>") == 1
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', body)]
    assert sum(widths) == round((210 - 28 - 26) / 25.4 * 1440)
    assert max(widths) == widths[2] and min(widths) == widths[0]


def test_pdf_table_on_the_grid(doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    path.write_bytes(api.write_bytes(doc, "pdf"))
    text = squeeze(extracted_text(path))
    order = [BEFORE, "序号", "重点工作", "制度建设", "服务质量", "廉政建设", AFTER]
    found = [text.find(squeeze(s)) for s in order]
    assert -1 not in found and found == sorted(found), text
    (rows,) = char_origins(path)

    def row_of(word: str) -> tuple[float, str, list[float]]:
        for base, chars in rows:
            line = "".join(ch for _, ch in chars)
            if word in line:
                return base, line, [x for x, _ in chars]
        raise AssertionError(f"{word} not on the page")

    base, line, _ = row_of("序号")
    assert line.startswith("序号考核项目评分标准分值"), line  # one row, left to right
    previous = base
    for r in ROWS[1:]:
        base, line, _ = row_of(r[1][:4])
        assert line.startswith(r[0] + r[1][:4]) and base > previous
        previous = base
    # The body line after the table sits on the 28.95 pt grid of the lines before it.
    first = row_of(BEFORE[:6])[0]
    after = row_of(AFTER[:6])[0]
    steps = (after - first) / 28.95
    assert abs(steps - round(steps)) < 0.01, steps


def test_pdf_long_table_repeats_its_header(tmp_path: Path) -> None:
    rows = (ROWS[0], *((str(i), f"项目{i}", "评分标准" * (1 + i % 4), "10") for i in range(60)))
    doc = Document(Meta(title="表"), (Paragraph(BEFORE), Table(rows, 1), Paragraph(AFTER)))
    path = tmp_path / "long.pdf"
    path.write_bytes(api.write_bytes(doc, "pdf"))
    pages = char_origins(path)
    assert len(pages) >= 3
    for chars in pages[:-1]:
        assert any("".join(c for _, c in r).startswith("序号考核项目") for _, r in chars)
    seen = squeeze(extracted_text(path))
    assert all(f"项目{i}" in seen for i in range(60))


def test_a_row_taller_than_a_page_splits_between_its_lines(tmp_path: Path) -> None:
    tall = "很长的单元格内容。" * 400
    doc = Document(Meta(title="表"), (Table((("说明", "备注"), (tall, "无")), 1),))
    path = tmp_path / "tall.pdf"
    path.write_bytes(api.write_bytes(doc, "pdf"))
    pages = char_origins(path)
    assert len(pages) >= 3
    # The other column, the repeated header and the page numbers come between its lines.
    text = re.sub(r"—\d+—|说明|备注|无", "", squeeze(extracted_text(path)))
    assert text.count("很长的单元格内容") == 400, text


def test_epub_table_passes_epubcheck(doc: Document, tmp_path: Path) -> None:
    data = api.write_bytes(doc, "epub")
    book = tmp_path / "t.epub"
    book.write_bytes(data)
    with zipfile.ZipFile(book) as z:
        xhtml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
    assert "<thead><tr><th>序号</th><th>考核项目</th>" in xhtml
    assert "<td>按期完成年度重点任务的得满分，每延误一项扣2分</td>" in xhtml
    report = subprocess.run([*_epubcheck_command(), str(book)], capture_output=True, text=True)
    assert "0 fatals / 0 errors / 0 warnings" in report.stdout, report.stdout


def test_html_table_is_ruled(doc: Document) -> None:
    html = api.write_bytes(doc, "html").decode()
    assert "<tbody><tr><td>1</td><td>重点工作完成情况</td>" in html
    assert re.search(r"td, th \{[^}]*border: 1px solid", html)


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_table_reads_back(doc: Document, fmt: str) -> None:
    again = api.read(api.write_bytes(doc, fmt), name=f"t.{fmt}")
    assert again.blocks == doc.blocks


def test_markdown_table_without_a_header_reads_back() -> None:
    doc = Document(Meta(title="表"), (Table((("甲", "乙|丙"), ("1", "")), 0),))
    md = api.write_bytes(doc, "md").decode()
    assert "| 甲 | 乙\\|丙 |" in md
    assert api.read(md.encode(), name="t.md").blocks == doc.blocks


def test_plain_text_columns_line_up(doc: Document) -> None:
    text = api.write_bytes(doc, "txt").decode()
    lines = [line for line in text.splitlines() if line.startswith(("序号", "1", "2", "3", "4"))]
    assert len(lines) == 5
    # The 分值 column starts at one place on every row, in display width (half-width
    # characters count half).
    starts = {width(line[: line.rindex(r[3])]) for line, r in zip(lines[1:], ROWS[1:], strict=True)}
    assert len(starts) == 1, lines
    assert text.index(BEFORE) < text.index("序号") < text.index(AFTER)


def test_libreoffice_opens_the_docx_table(doc: Document, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    (tmp_path / "t.docx").write_bytes(api.write_bytes(doc, "docx"))
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "t.docx"),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    text = (tmp_path / "t.txt").read_text(encoding="utf-8-sig")
    assert all(cell in text for row in ROWS for cell in row)
