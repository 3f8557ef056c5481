"""The DOCX writer, read back with python-docx and rendered by LibreOffice."""

from __future__ import annotations

import io
import os
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any
from unicodedata import east_asian_width

import docx
import pytest
from conftest import FONTS, require_tool
from docx.oxml.ns import qn

from convert import write
from convert.model import Document, Heading, Meta, Note, Paragraph
from convert.styles import load

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4


def docx_of(doc: Document, style: str = "gongwen") -> docx.document.Document:
    buf = io.BytesIO()
    write(doc, buf, to="docx", style=style)
    buf.seek(0)
    return docx.Document(buf)


def attr(el, path: str, name: str) -> str | None:
    found = el.find(path.replace("w:", W))
    return None if found is None else found.get(qn(f"w:{name}"))


def style_el(d, name: str):
    return d.styles[name].element


@pytest.fixture(scope="module")
def seed_docx(seed_doc):
    return docx_of(seed_doc)


# -- styles -------------------------------------------------------------------------------


def test_body_style(seed_docx) -> None:
    normal = style_el(seed_docx, "Normal")
    assert attr(normal, "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert attr(normal, "w:rPr/w:rFonts", "ascii") == "Times New Roman"
    assert attr(normal, "w:rPr/w:sz", "val") == "32"  # 三号
    assert attr(normal, "w:pPr/w:spacing", "line") == "579"  # 28.95 pt
    assert attr(normal, "w:pPr/w:spacing", "lineRule") == "exact"
    assert attr(normal, "w:pPr/w:ind", "firstLineChars") == "200"
    assert attr(normal, "w:pPr/w:ind", "firstLine") == "640"
    assert attr(normal, "w:pPr/w:jc", "val") == "both"


def test_title_and_heading_styles(seed_docx) -> None:
    title = style_el(seed_docx, "Title")
    assert attr(title, "w:rPr/w:rFonts", "eastAsia") == "方正小标宋简体"
    assert attr(title, "w:rPr/w:sz", "val") == "44"  # 二号
    assert attr(title, "w:pPr/w:jc", "val") == "center"
    expected = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
    for level, font in expected.items():
        st = style_el(seed_docx, f"Heading {level}")
        assert attr(st, "w:pPr/w:outlineLvl", "val") == str(level - 1)
        assert attr(st, "w:rPr/w:rFonts", "eastAsia") == font
        assert attr(st, "w:rPr/w:color", "val") == "000000"
        assert seed_docx.styles[f"Heading {level}"].base_style.name == "Normal"


def test_no_theme_fonts_or_colours(seed_docx) -> None:
    xml = seed_docx.styles.element.xml
    for theme_attr in ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme", "themeColor"):
        assert theme_attr not in xml


def test_east_asian_language_and_defaults(seed_docx) -> None:
    defaults = seed_docx.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}lang").get(qn("w:eastAsia")) == "zh-CN"
    assert defaults.find(f"{W}rFonts").get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert "zh-CN" in seed_docx.settings.element.xml  # themeFontLang


def test_role_styles(seed_docx) -> None:
    assert attr(style_el(seed_docx, "Greeting"), "w:pPr/w:ind", "firstLineChars") == "0"
    assert attr(style_el(seed_docx, "Issue Date"), "w:pPr/w:jc", "val") == "right"
    assert attr(style_el(seed_docx, "Issue Date"), "w:pPr/w:ind", "rightChars") == "400"
    assert attr(style_el(seed_docx, "Lead"), "w:rPr/w:b", "val") == "1"


# -- page -----------------------------------------------------------------------------------


def test_page_setup(seed_docx) -> None:
    s = seed_docx.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert [
        round(x.mm, 1) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    ] == [
        37.0,
        35.0,
        28.0,
        26.0,
    ]
    grid = s._sectPr.find(f"{W}docGrid")
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"


def test_odd_and_even_footers_with_page_fields(seed_docx) -> None:
    assert seed_docx.settings.odd_and_even_pages_header_footer
    s = seed_docx.sections[0]
    for footer, align, side in ((s.footer, "right", "right"), (s.even_page_footer, "left", "left")):
        p = footer.paragraphs[0]._p
        assert " PAGE " in [t.text for t in p.iter(f"{W}instrText")]
        assert [f.get(qn("w:fldCharType")) for f in p.iter(f"{W}fldChar")] == [
            "begin",
            "separate",
            "end",
        ]
        text = "".join(t.text for t in p.iter(f"{W}t"))
        assert text == "— 1 —"
        assert attr(p, "w:pPr/w:jc", "val") == align
        assert attr(p, "w:pPr/w:ind", side) == "280"  # one 四号 character
    footer_style = style_el(seed_docx, "Footer")
    assert attr(footer_style, "w:rPr/w:sz", "val") == "28"  # 四号
    assert attr(footer_style, "w:rPr/w:rFonts", "eastAsia") == "宋体"


def test_core_properties(seed_docx, seed_doc) -> None:
    cp = seed_docx.core_properties
    assert cp.title == "区长在质量绩效管理推进会讲话"
    assert cp.keywords == "2023; 区长; 质量; 绩效; 管理; 推进; 讲话"  # no SEO 范文
    assert cp.created.date().isoformat() == "2023-04-24"
    assert cp.language == "zh-CN"


# -- content --------------------------------------------------------------------------------

ROLE_STYLE = {
    "body": "Normal",
    "salutation": "Greeting",
    "closing": "Closing Remark",
    "signature": "Signatory",
    "date": "Issue Date",
    "attachment": "Attachment",
}


def expected_paragraphs(doc: Document) -> list[tuple[str, str]]:
    """(style, text) of each paragraph; a run-in heading (gongwen sets them inline) starts
    the paragraph after it."""
    out = [("Title", doc.meta.title)]
    if doc.meta.subtitle:
        out.append(("Subtitle", doc.meta.subtitle))
    runin = ""
    for i, b in enumerate(doc.blocks):
        following = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        if isinstance(b, Heading) and b.runin and isinstance(following, Paragraph):
            runin = b.text
        elif isinstance(b, Heading):
            out.append((f"Heading {b.level}", b.text))
        elif isinstance(b, Paragraph):
            out.append((ROLE_STYLE[b.role], runin + b.text))
            runin = ""
        elif isinstance(b, Note):
            out.append(("Note", b.text))
    return out


@pytest.mark.parametrize("which", ["seed_doc", "long_doc", "plain_doc"])
def test_every_paragraph(which: str, request: pytest.FixtureRequest) -> None:
    doc = request.getfixturevalue(which)
    d = docx_of(doc)
    got = [(p.style.name, p.text) for p in d.paragraphs]
    assert got == expected_paragraphs(doc)


def test_leads_are_runs_in_the_lead_style(seed_doc, seed_docx) -> None:
    leads = [b.lead for b in seed_doc.blocks if isinstance(b, Paragraph) and b.lead]
    found = [
        p.runs[0].text for p in seed_docx.paragraphs if p.runs and p.runs[0].style.name == "Lead"
    ]
    assert found == leads and len(found) >= 2


def test_cjk_runs_carry_the_east_asian_hint(seed_docx) -> None:
    runs = [r for p in seed_docx.paragraphs for r in p.runs]
    assert runs and all(
        r._r.find(f"{W}rPr/{W}rFonts").get(qn("w:hint")) == "eastAsia" for r in runs
    )


def test_runin_heading_starts_its_paragraph_with_its_outline_level(long_doc) -> None:
    d = docx_of(long_doc)
    i, runin = next(
        (i, b) for i, b in enumerate(long_doc.blocks) if isinstance(b, Heading) and b.runin
    )
    following = long_doc.blocks[i + 1]
    assert isinstance(following, Paragraph)
    p = next(p for p in d.paragraphs if p.text.startswith(runin.text))
    # One paragraph, as in the PDF: the heading, then its paragraph's text.
    assert p.text == runin.text + following.text
    assert p.style.name == ROLE_STYLE[following.role]
    assert attr(p._p, "w:pPr/w:outlineLvl", "val") == str(runin.level - 1)
    head = p.runs[0]
    assert head.text == runin.text and head.style.name == f"Run-in Heading {runin.level}"
    # The character style has the heading level's look (（一） headings: 楷体).
    looks = style_el(d, f"Run-in Heading {runin.level}")
    heading_look = style_el(d, f"Heading {runin.level}")
    for tag in ("w:rFonts", "w:sz", "w:b"):
        assert attr(looks, f"w:rPr/{tag}", "eastAsia" if tag == "w:rFonts" else "val") == attr(
            heading_look, f"w:rPr/{tag}", "eastAsia" if tag == "w:rFonts" else "val"
        )
    # No hidden paragraph marks (Word's style separator) anywhere.
    assert "specVanish" not in d.element.xml


def test_heading_font_follows_the_label_kind() -> None:
    """A document whose top headings are （一） has them at level 1, in 楷体 (their kind)."""
    doc = Document(
        blocks=(
            Heading(1, "（一）加强领导", "（一）", "cn-paren"),
            Paragraph("正文。"),
            Heading(1, "（二）落实责任", "（二）", "cn-paren"),
        )
    )
    d = docx_of(doc)
    st = style_el(d, "Heading 1")
    assert attr(st, "w:pPr/w:outlineLvl", "val") == "0"
    assert attr(st, "w:rPr/w:rFonts", "eastAsia") == "楷体_GB2312"


def test_plain_style_really_drives_the_writer(seed_doc) -> None:
    d = docx_of(seed_doc, style="plain")
    normal = style_el(d, "Normal")
    assert attr(normal, "w:rPr/w:rFonts", "eastAsia") == "宋体"
    assert attr(normal, "w:rPr/w:sz", "val") == "24"  # 小四
    assert attr(normal, "w:pPr/w:spacing", "lineRule") == "auto"
    assert attr(style_el(d, "Heading 1"), "w:rPr/w:b", "val") == "1"
    s = d.sections[0]
    assert round(s.left_margin.mm, 1) == 31.8
    assert not d.settings.odd_and_even_pages_header_footer
    assert attr(s.footer.paragraphs[0]._p, "w:pPr/w:jc", "val") == "center"


def test_same_bytes_under_source_date_epoch(seed_doc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a, b = io.BytesIO(), io.BytesIO()
    write(seed_doc, a, to="docx")
    write(seed_doc, b, to="docx")
    assert a.getvalue() == b.getvalue()


# -- the package ----------------------------------------------------------------------------


def docx_bytes(doc: Document, style: str | Path = "gongwen") -> bytes:
    buf = io.BytesIO()
    write(doc, buf, to="docx", style=str(style))
    return buf.getvalue()


def test_package_carries_no_template_baggage(seed_doc) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_bytes(seed_doc))) as z:
        names = z.namelist()
        everything = b"".join(z.read(n) for n in names if n.endswith((".xml", ".rels")))
        settings = z.read("word/settings.xml").decode()
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml/")]
    assert "word/stylesWithEffects.xml" not in names
    for gone in (b"thumbnail", b"customXml", b"stylesWithEffects"):
        assert gone not in everything  # no relationship or content type left behind
    assert "savePreviewPicture" not in settings


def test_app_properties_name_docconv_with_real_counts() -> None:
    doc = Document(Meta(title="标题"), (Paragraph("今天，我们在ISO 9001会上。"),))
    with zipfile.ZipFile(io.BytesIO(docx_bytes(doc))) as z:
        root = ET.fromstring(z.read("docProps/app.xml"))
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    value = {el.tag.removeprefix(ns): el.text for el in root}
    assert value["Application"] == "docconv"
    # Word's counts: each Chinese character or mark a word, ISO and 9001 one each.
    assert value["Words"] == "13"
    assert value["Characters"] == "18"
    assert value["CharactersWithSpaces"] == "19"
    assert value["Paragraphs"] == "2"
    assert "Pages" not in value and "Template" not in value and "AppVersion" not in value


def _compression(data: bytes) -> tuple[str | None, bool, str | None]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        settings = ET.fromstring(z.read("word/settings.xml"))
        styles = ET.fromstring(z.read("word/styles.xml"))
    control = settings.find(f"{W}characterSpacingControl")
    no_grid_compress = settings.find(f"{W}compat/{W}doNotUseEastAsianBreakRules") is not None
    top = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}topLinePunct")
    return (
        None if control is None else control.get(qn("w:val")),
        no_grid_compress,
        None if top is None else top.get(qn("w:val")),
    )


def test_punctuation_compression_is_set_as_word_and_wps_read_it(seed_doc, tmp_path: Path) -> None:
    assert _compression(docx_bytes(seed_doc)) == ("compressPunctuation", False, "1")
    sheet = tmp_path / "full.toml"
    sheet.write_text('extends = "gongwen"\npunctuation = "full"\n', encoding="utf-8")
    assert _compression(docx_bytes(seed_doc, sheet)) == ("doNotCompress", True, "0")


def test_widow_control_is_off_on_the_line_grid(seed_doc) -> None:
    for style, expected in (("gongwen", "0"), ("plain", "1")):
        d = docx_of(seed_doc, style)
        for name in ("Normal", "Heading 1", "Greeting"):
            assert attr(style_el(d, name), "w:pPr/w:widowControl", "val") == expected, style


EVERY_ROLE = Document(
    Meta(title="关于加强质量工作的通知", subtitle="（征求意见稿）"),
    (
        Paragraph("各区县人民政府：", "salutation"),
        Heading(1, "一、总体要求", "一、", "cn"),
        Paragraph("现将有关事项通知如下。", "body", ""),
        Paragraph("特此通知。", "closing"),
        Paragraph("附件：质量工作要点", "attachment"),
        Paragraph("市人民政府办公室", "signature"),
        Paragraph("2023年4月24日", "date"),
        Note("（此件公开发布）"),
    ),
)


def test_style_names_survive_a_libreoffice_round_trip(tmp_path: Path) -> None:
    src = tmp_path / "roles.docx"
    src.write_bytes(docx_bytes(EVERY_ROLE))
    again = libreoffice(src, "docx:MS Word 2007 XML", tmp_path / "again")

    def used(path: Path) -> list[tuple[str, str]]:
        d = docx.Document(str(path))
        styles = [p.style for p in d.paragraphs]
        styles += [
            r.style
            for p in d.paragraphs
            for r in p.runs
            if r.style.name != "Default Paragraph Font"
        ]
        return sorted({(st.style_id, st.name) for st in styles})

    before = used(src)
    assert {name for _, name in before} >= {"Greeting", "Closing Remark", "Signatory", "Issue Date"}
    assert used(again) == before


# -- rendered by LibreOffice ------------------------------------------------------------------


def libreoffice(src: Path, to: str, out: Path) -> Path:
    """`src` converted by LibreOffice (`to`: pdf, or docx:FILTER), with the bundled fonts."""
    office = require_tool("soffice")
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS / "fontconfig.conf"), HOME=str(out))
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{out}/profile",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env=env,
    )
    made = out / f"{src.stem}.{to.partition(':')[0]}"
    assert made.is_file()
    return made


def test_libreoffice_sets_a_runin_heading_on_its_paragraphs_line(tmp_path: Path) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from test_pdf_measure import read_lines

    heading = Heading(2, "（一）加强组织领导。", "（一）", "cn-paren", runin=True)
    body = "坚持问题导向，聚焦群众反映强烈的突出问题，逐项制定整改措施，明确责任单位。"
    doc = Document(
        Meta(title="标题"),
        (Heading(1, "一、总体要求", "一、", "cn"), heading, Paragraph(body)),
    )
    src = tmp_path / "runin.docx"
    src.write_bytes(docx_bytes(doc))
    pdf = libreoffice(src, "pdf", tmp_path)
    line = next(ln for page in read_lines(pdf) for ln in page if ln.text.startswith("（一）"))
    # As in docconv's PDF: the heading, in the 楷体 stand-in, then the paragraph's text.
    assert line.text.startswith(heading.text + body[:10])
    assert all("LXGWWenKai" in f for f in line.fonts[: len(heading.text)])
    assert all("NotoSerifSC" in f for f in line.fonts[len(heading.text) :])
    # The outline level is kept: LibreOffice makes a level-2 bookmark of it.
    with pdf.open("rb") as f:
        outline = [(lvl, t) for lvl, t, *_ in PDFDocument(PDFParser(f)).get_outlines()]
    assert outline[0] == (1, "一、总体要求")
    assert outline[1][0] == 2 and outline[1][1].startswith(heading.text)


@pytest.fixture(scope="module")
def rendered(seed_doc, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's DOCX converted to PDF by LibreOffice, with the bundled fonts."""
    office = require_tool("soffice")
    require_tool("pdftotext")
    out = tmp_path_factory.mktemp("lo")
    src = out / "speech.docx"
    write(seed_doc, src)
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS / "fontconfig.conf"), HOME=str(out))
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{out}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env=env,
    )
    pdf = out / "speech.pdf"
    assert pdf.is_file()
    return pdf


def test_libreoffice_renders_all_text(rendered: Path, seed_doc) -> None:
    text = subprocess.run(
        ["pdftotext", str(rendered), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"(?m)^\s*—\s*\d+\s*—\s*$", "", text)  # page numbers sit between paragraph parts
    flat = re.sub(r"\s+", "", text)
    for block in seed_doc.blocks:
        assert re.sub(r"\s+", "", block.text) in flat
    fonts = subprocess.run(
        ["pdffonts", str(rendered)], capture_output=True, text=True, check=True
    ).stdout
    # The DOCX names 仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体; the bundled stand-ins render them.
    for face in (
        "NotoSerifSC-Regular",
        "NotoSansSC-Medium",
        "LXGWWenKai-Regular",
        "NotoSerifSC-Bold",
    ):
        assert face in fonts
    # Times New Roman (the Latin slot) is mapped too: digits are not set in DejaVu Serif.
    assert "DejaVu" not in fonts


def test_libreoffice_page_grid_and_numbers(rendered: Path) -> None:
    import pdfplumber

    with pdfplumber.open(rendered) as pdf:
        assert 6 <= len(pdf.pages) <= 9
        page = pdf.pages[1]  # a full even page
        chars = [c for c in page.chars if abs(c["size"] - 16) < 0.5]
        lines: dict[float, list] = {}
        for c in chars:
            lines.setdefault(round(c["top"]), []).append(c)
        assert len(lines) == 22
        wide = [v for v in lines.values() if all(east_asian_width(c["text"]) in "WF" for c in v)]
        full = [len(v) for v in wide if len(v) >= 27]
        assert len(full) >= 5 and max(full) == 28  # 28 characters on a full line of Chinese
        block_bottom = (297 - 35) * MM
        for number, page in ((2, pdf.pages[1]), (3, pdf.pages[2])):
            nums = [c for c in page.chars if abs(c["size"] - 14) < 0.5]
            assert "".join(c["text"] for c in nums).replace(" ", "") == f"—{number}—"
            top = min(c["top"] for c in nums)
            assert abs((top - block_bottom) / MM - 7) < 1.0  # 7 mm below the text block
            if number % 2:  # odd: right, one character in
                assert abs((184 * MM - max(c["x1"] for c in nums)) - 14) < 3
            else:  # even: left, one character in
                assert abs((min(c["x0"] for c in nums) - 28 * MM) - 14) < 3


def test_style_sheet_values_match_the_written_numbers() -> None:
    sheet = load("gongwen")
    assert round(sheet.page.char_pitch or 0, 2) == 15.79
    assert sheet.role("body").leading == 28.95


def test_libreoffice_sets_page_one_on_the_grid_of_page_two(rendered: Path) -> None:
    """The title's 35 pt line and the blank line after it take three whole grid lines."""
    from test_pdf_measure import read_lines

    first, second = (
        [ln.top for ln in page if abs(ln.size - 16) < 0.5 and ln.top < (297 - 35) * MM]
        for page in read_lines(rendered)[:2]
    )
    assert len(second) == 22
    pitch = load("gongwen").role("body").leading
    for top in first:
        steps = (top - second[0]) / pitch
        assert abs(steps - round(steps)) * pitch < 0.5, top
    assert abs(first[-1] - second[-1]) < 0.5


@pytest.mark.parametrize(
    "text", ["正文", " 前后空格 ", "a\tb", "一\n二\r三", "\t", "结尾\n", "x  y", ""]
)
@pytest.mark.parametrize("style_id", ["Heading1", None])
def test_body_xml_is_made_as_python_docx_makes_it(text: str, style_id: str | None) -> None:
    """A document is written into a cached skeleton with lxml alone (ooxml.add_run and the
    style setters); what they make is what python-docx's p.add_r(), r.text, p.style and
    r.style make, byte for byte."""
    from docx.oxml import OxmlElement
    from docx.oxml.parser import parse_xml

    from convert.writers.docx import ooxml

    w = ooxml.NAMESPACES["w"]
    theirs: Any = parse_xml(f'<w:body xmlns:w="{w}"/>')
    p = OxmlElement("w:p")
    theirs.append(p)
    p.style = style_id
    r = p.add_r()
    r.text = text
    r.style = style_id
    ours = ooxml.parse(f'<w:body xmlns:w="{w}"/>')
    p2 = ooxml.new(ours, "w:p")
    ours.append(p2)
    ooxml.set_p_style(p2, style_id)
    ooxml.set_r_style(ooxml.add_run(p2, text), style_id)
    assert ooxml.serialize(ours) == ooxml.serialize(theirs)
