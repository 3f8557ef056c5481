"""Lists from a page to every format: `<ul>`/`<ol>` entries and an exam paper's option rows
become the model's Item blocks, the question before its options a paragraph (not a numbered
heading); DOCX sets them in the List Item style (python-docx), PDF with a drawn bullet in
reading order (pdftotext), EPUB and HTML as `<ul>`/`<ol>` lists epubcheck accepts, Markdown
as `- ` entries that read back to the same items, plain text one entry a line."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from test_epub import _epubcheck_command
from test_pdf_measure import extracted_text, squeeze

from convert import api
from convert.model import Document, Heading, Item, Meta, Paragraph
from convert.zh import labels

PAGE = """\
<html><head><meta charset="utf-8"><title>七年级地理期中试题_试题网</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/st/">试题</a></div>
<div class="content"><h1>七年级地理期中试题</h1>
<p>一、选择题（每题2分，共20分）</p>
<p>1.我国的首都是（ ）A.北京 B.上海 C.广州 D.深圳</p>
<p>2.世界上面积最大的大洋是</p>
<p>A．太平洋</p><p>B．大西洋</p><p>C．印度洋</p><p>D．北冰洋</p>
<p>二、简答题</p>
<p>3.简述我国地势的特点。</p>
<p>答题要点如下：</p>
<ul><li>地势西高东低</li><li>呈三级阶梯分布</li></ul>
<ol><li>第一级阶梯平均海拔在4000米以上</li><li>第二级阶梯平均海拔在1000米至2000米之间</li></ol>
<p>以上是本次考试的全部内容，请同学们认真作答，仔细检查，按时交卷。</p></div>
<div class="footer">版权所有 © 试题网 客服QQ：123456</div></body></html>
"""

ITEMS = [
    ("A.", "A.北京 B.上海 C.广州 D.深圳"),
    ("A．", "A．太平洋"),
    ("B．", "B．大西洋"),
    ("C．", "C．印度洋"),
    ("D．", "D．北冰洋"),
    ("", "地势西高东低"),
    ("", "呈三级阶梯分布"),
    ("1.", "1. 第一级阶梯平均海拔在4000米以上"),
    ("2.", "2. 第二级阶梯平均海拔在1000米至2000米之间"),
]


@pytest.fixture(scope="module")
def doc() -> Document:
    return api.read(PAGE.encode(), name="exam.html")


def test_option_labels() -> None:
    assert labels.option("A.北京") == ("A.", 0)
    assert labels.option("（C）错误") == ("（C）", 2)
    assert labels.option("Ｄ．深圳") == ("Ｄ．", 3)
    assert labels.option("Apple") is None and labels.option("A.") is None
    assert labels.option_letters("A.北京 B.上海 C.广州 D.深圳") == [0, 1, 2, 3]
    assert labels.option_letters("A、甲B、乙") == [0, 1]
    assert labels.option_letters("A) 好  B) 坏") == [0, 1]
    assert labels.option_letters("北京") == []
    assert labels.item_label("（2）第二条") == "（2）"
    assert labels.item_label("地势西高东低") == ""


def test_the_page_gives_items_and_questions(doc: Document) -> None:
    assert doc.meta.title == "七年级地理期中试题"
    assert [(b.label, b.text) for b in doc.blocks if isinstance(b, Item)] == ITEMS
    kinds = [(type(b).__name__, b.text[:6]) for b in doc.blocks]
    # The questions are paragraphs: "1." before its options is no numbered heading.
    assert ("Paragraph", "1.我国的首") in kinds and ("Paragraph", "2.世界上面") in kinds
    assert [h.text for h in doc.headings] == ["一、选择题（每题2分，共20分）", "二、简答题"]
    i = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("1.我国"))
    assert doc.blocks[i].text == "1.我国的首都是（ ）" and isinstance(doc.blocks[i + 1], Item)


def test_options_need_their_letters_in_order() -> None:
    page = (
        "<html><body><p>关于年度工作的几点说明，供各部门参考执行。</p>"
        "<p>B.部门负责人签字后报送</p><p>D.逾期不报视为放弃</p></body></html>"
    )
    doc = api.read(page.encode(), name="x.html")
    assert not any(isinstance(b, Item) for b in doc.blocks)


def test_a_numbered_heading_in_a_list_stays_a_heading() -> None:
    page = (
        "<html><body><h1>工作方案</h1><ul><li>一、总体要求</li></ul>"
        "<p>坚持稳中求进工作总基调，全面推进各项工作落实落细，确保取得实效。</p>"
        "<ul><li>二、主要任务</li></ul>"
        "<p>围绕中心工作，加强统筹协调，形成工作合力，推动高质量发展。</p></body></html>"
    )
    doc = api.read(page.encode(), name="x.html")
    assert [h.text for h in doc.headings] == ["一、总体要求", "二、主要任务"]
    assert not any(isinstance(b, Item) for b in doc.blocks)


def test_item_model_rules() -> None:
    with pytest.raises(ValueError):
        Item("北京", "A.")
    with pytest.raises(ValueError):
        Item("A.北京\nB.上海", "A.")
    assert Item("A. 北京", "A.").content == "北京"


def test_docx_list_items(doc: Document) -> None:
    d = docx.Document(io.BytesIO(api.write_bytes(doc, "docx")))
    listed = [(p.style.name, p.text) for p in d.paragraphs if p.style.name == "List Item"]
    want = [(label and text) or "•\u2002" + text for label, text in ITEMS]
    assert [text for _, text in listed] == want
    question = next(p for p in d.paragraphs if p.text.startswith("1.我国"))
    assert question.style.name == "Normal"


def test_pdf_items_in_order(doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "exam.pdf"
    path.write_bytes(api.write_bytes(doc, "pdf"))
    text = squeeze(extracted_text(path))
    order = ["1.我国的首都是（）", *(squeeze(("• " if not lb else "") + t) for lb, t in ITEMS)]
    found = [text.find(squeeze(s)) for s in order]
    assert -1 not in found and found == sorted(found), text


def test_epub_lists_pass_epubcheck(doc: Document, tmp_path: Path) -> None:
    book = tmp_path / "exam.epub"
    book.write_bytes(api.write_bytes(doc, "epub"))
    done = subprocess.run(
        [*_epubcheck_command(), str(book)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and "0 fatals / 0 errors / 0 warnings" in done.stdout, (
        done.stdout + done.stderr
    )
    with zipfile.ZipFile(book) as z:
        pages = [n for n in z.namelist() if n.endswith(".xhtml") and "nav" not in n]
        roots = [etree.fromstring(z.read(n)) for n in pages]
    ns = "{http://www.w3.org/1999/xhtml}"
    lists = [el for r in roots for el in r.iter(f"{ns}ul", f"{ns}ol")]
    assert [(el.tag[len(ns) :], len(el)) for el in lists] == [
        ("ol", 1),
        ("ol", 4),
        ("ul", 2),
        ("ol", 2),
    ]
    entries = ["".join(li.itertext()) for el in lists for li in el]
    assert entries == [text for _, text in ITEMS]


def test_html_bullets_drawn_by_css(doc: Document) -> None:
    page = api.write_bytes(doc, "html").decode()
    assert '<ul class="items">\n<li class="item">地势西高东低</li>' in page
    assert 'ul.items > li.item::before {\n  content: "\\2022\\2002";' in page


def test_markdown_round_trip(doc: Document) -> None:
    md = api.write_bytes(doc, "md").decode()
    assert "- A\\.北京 B.上海 C.广州 D.深圳\n\n2\\.世界上面积最大的大洋是" in md
    assert "- 地势西高东低\n- 呈三级阶梯分布\n- 1\\. 第一级阶梯" in md
    back = api.read(md.encode(), name="exam.md")
    assert [(b.label, b.text) for b in back.blocks if isinstance(b, Item)] == ITEMS


def test_plain_text_one_entry_a_line(doc: Document) -> None:
    text = api.write_bytes(doc, "txt").decode()
    assert "　　A．太平洋\n　　B．大西洋\n　　C．印度洋\n　　D．北冰洋\n\n" in text
    assert "　　•\u2002地势西高东低\n　　•\u2002呈三级阶梯分布\n" in text


def test_json_keeps_items() -> None:
    doc = Document(
        Meta(title="题"), (Paragraph("1.选择"), Item("A.甲", "A."), Item("乙"), Heading(1, "二"))
    )
    assert api.read(api.write_bytes(doc, "json"), name="x.json") == doc


def test_repair_keeps_an_items_label() -> None:
    page = (
        "<html><body><h1>学习资料</h1><ul><li>1.提高效劳水平,增强群众满意度</li></ul></body></html>"
    )
    doc = api.read(page.encode(), name="x.html", repair=True)
    (item,) = [b for b in doc.blocks if isinstance(b, Item)]
    assert item.label == "1." and item.text.startswith("1.") and "，" in item.text
