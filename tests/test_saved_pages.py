"""Pages as browsers save them: the six real pages in ../shared/corpus/html (read from there,
skipped when absent), and small pages written here for each behaviour they rely on."""

from __future__ import annotations

import re

import pytest
from conftest import shared_path
from lxml import etree

from convert import read
from convert.api import read_detailed
from convert.errors import NoContentError
from convert.model import Heading, Paragraph
from convert.readers import html as html_reader


def corpus(name: str) -> bytes:
    return shared_path("corpus", "html", name).read_bytes()


def layer_text(data: bytes) -> str:
    """All the text of a page's positioned text layer, spaces out: what the document says."""
    root = etree.HTML(data.decode("utf-8"))
    pieces = root.xpath("//p[contains(@class, 'reader-word-layer')]")
    return re.sub(r"\s+", "", "".join("".join(p.itertext()) for p in pieces))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def chrome_blocks(doc, layer: str) -> list[str]:
    """Blocks whose text is not in the page's text layer: chrome passed off as document."""
    return [b.text for b in doc.blocks if squeeze(b.text) not in layer]


# -- the six real pages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title"),
    [
        # The page sets the name in book-title marks; a title page does not need them.
        ("wenku-1.html", "涉密计算机管理制度"),
        ("wenku-2.html", "现代常用独体字规范"),
        ("wenku-3.html", "转正申请"),
    ],
)
def test_wenku_reader_layout(name: str, title: str) -> None:
    data = corpus(name)
    doc = read(data, name=name, repair=False)
    running = "如果对您有帮助！感谢评论与分享"  # wenku-1's header on every page
    # The title is set without the book-title marks a page may put round it.
    layer = layer_text(data).replace(running, "").replace(f"《{title}》", title)
    assert doc.meta.title == title
    assert chrome_blocks(doc, layer) == []
    # No paragraph of one or two characters: the page sets none of them on a line alone.
    assert [b.text for b in doc.blocks if len(squeeze(b.text)) <= 2] == []
    # Every character of the text layer is in the document (title and blocks), in order.
    body = squeeze("".join(b.text for b in doc.blocks))
    if squeeze(title) in layer:  # wenku-1's title is the page's <h1>, outside the layer
        body = squeeze(title) + body
    assert len(body) >= 0.97 * len(layer)
    assert sorted(body) == sorted(layer)


def test_wenku_1_pages_running_header_and_joins() -> None:
    reading = read_detailed(corpus("wenku-1.html"), name="wenku-1.html", repair=False)
    doc = reading.document
    text = "\n".join(b.text for b in doc.blocks)
    assert "如果对您有帮助" not in text  # the running header on every page
    assert any("如果对您有帮助" in r.text for r in doc.meta.removed)
    assert (doc.meta.pages, doc.meta.pages_shown, doc.meta.truncated) == (6, 3, True)
    assert any("pages 1–3 of 6 hold no text" in w.text for w in reading.warnings)
    # A sentence the page sets in three positioned pieces is one paragraph.
    assert any("u盘不得在涉密计算机机设备上使用" in b.text for b in doc.blocks)
    # A paragraph running over a page break is joined (…必须 / 办理… on the next line).
    assert "确因工作需要携带的，必须办理相关审批手续。" in text
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert "二、涉密计算机使有管理" in headings


def test_wenku_2_hidden_watermarks_are_not_text() -> None:
    doc = read(corpus("wenku-2.html"), name="wenku-2.html", repair=False)
    words = "\n".join([doc.meta.title, *(b.text for b in doc.blocks)])
    for mark in ("来自", "百度", "文库"):
        assert mark not in words
    # Table rows keep their columns apart (音序 字数 独体字), not glued into one word.
    assert "A 1 凹" in [b.text for b in doc.blocks]


def test_wenku_3_pieces_of_a_line_are_one_paragraph() -> None:
    doc = read(corpus("wenku-3.html"), name="wenku-3.html", repair=False)
    texts = [b.text for b in doc.blocks]
    assert any(t.startswith("我于2012年7月23日成为公司的试用员工") for t in texts)
    assert len(doc.blocks) <= 16  # the page has about 15 paragraphs, not 79 pieces
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].role == "salutation"


def test_image_only_preview_is_an_error_naming_images() -> None:
    with pytest.raises(NoContentError, match=r"its 7 pages are images .*OCR"):
        read(corpus("book118-1.html"), name="book118-1.html")


def test_home_page_is_an_error() -> None:
    with pytest.raises(NoContentError, match="home or list page"):
        read(corpus("doc88-home.html"), name="doc88-home.html")


def test_law_page_content_without_navigation_or_footer() -> None:
    doc = read(corpus("control-gov-sxmu-1.html"), name="law.html", repair=False)
    assert doc.meta.title == "中华人民共和国监察法"
    text = "\n".join(b.text for b in doc.blocks)
    for chrome in ("机构职能", "校内制度", "设为首页", "浏览次数", "版权所有", "地址", "电话"):
        assert chrome not in text, chrome
    chapters = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert chapters[0].startswith("第一章") and chapters[-1].startswith("第九章")
    assert doc.blocks[-1].text.startswith("第六十九条")


# -- behaviours, on small pages written here -------------------------------------------------

POSITIONED = """<html><head><title>通知 - 某文库</title>
<style>.wm{display:none} .s-big{font-size:30px;font-weight:600} .s-body{font-size:16px}</style>
</head><body><div class="nav"><a href="/">首页</a><a href="/a">分类</a></div>
<div data-page-no="1" id="pageNo-1">
<p class="reader-word-layer s-body" style="top:20px;left:300px;width:200px;height:16px">页眉文字重复出现</p>
<p class="reader-word-layer s-big" style="top:60px;left:200px;width:120px;height:30px">关于放假的通知</p>
<span class="wm">水印</span>
<p class="reader-word-layer s-body" style="top:120px;left:132px;width:400px;height:16px">各部门：根据国家规定，现将放假安排通知如下，请各</p>
<p class="reader-word-layer s-body" style="top:141px;left:100px;width:200px;height:16px">部门提前做好</p>
<p class="reader-word-layer s-body" style="top:141px;left:300px;width:232px;height:16px">工作安排，确保各项工作</p>
<p class="reader-word-layer s-body" style="top:162px;left:100px;width:432px;height:16px">正常运转。节日期间要加强值班，遇有重大突发事件</p>
</div>
<div data-page-no="2" id="pageNo-2">
<p class="reader-word-layer s-body" style="top:20px;left:300px;width:200px;height:16px">页眉文字重复出现</p>
<p class="reader-word-layer s-body" style="top:60px;left:100px;width:300px;height:16px">要及时报告并妥善处置。</p>
<p class="reader-word-layer s-body" style="top:81px;left:132px;width:200px;height:16px">特此通知。</p>
</div>
<div data-page-no="3" id="pageNo-3"></div>
</body></html>"""


def test_positioned_layout_lines_paragraphs_and_page_breaks() -> None:
    reading = read_detailed(POSITIONED.encode(), name="notice.html", repair=False)
    doc = reading.document
    assert doc.meta.title == "关于放假的通知"  # larger, bold type at the top
    assert [b.text for b in doc.blocks] == [
        "各部门：根据国家规定，现将放假安排通知如下，请各部门提前做好工作安排，确保各项工作"
        "正常运转。节日期间要加强值班，遇有重大突发事件要及时报告并妥善处置。",
        "特此通知。",
    ]
    assert (doc.meta.pages, doc.meta.pages_shown) == (3, 2)
    assert any("page 3 of 3 hold" in w.text for w in reading.warnings)
    removed = [r.text for r in doc.meta.removed]
    assert "页眉文字重复出现" in removed and "首页 分类" in removed
    assert "水印" not in removed  # hidden by the page's style sheet: never text


def test_style_rules_hide_elements() -> None:
    page = """<html><head><style>
    .wm, #gone {display: none} .off {position:absolute; left:-9999px}
    @media print { .screen-only {display:none} }
    </style></head><body><article><p>第一段<span class="wm">百度文库</span>正文。</p>
    <p id="gone">隐藏的段落。</p><p class="off">移出屏幕的文字。</p>
    <p class="screen-only">只在打印时隐藏。</p>
    <p class="wm" style="display:block">自己的样式让它显示。</p></article></body></html>"""
    doc = read(page.encode(), name="p.html", repair=False)
    texts = [b.text for b in doc.blocks]
    assert texts == ["第一段正文。", "只在打印时隐藏。", "自己的样式让它显示。"]


def test_adjacent_links_are_not_glued() -> None:
    page = (
        "<html><body><div><a href='/1'>行业资料</a><a href='/2'>考试资料</a></div>"
        "<p>请参阅<a href='/x'>第三条</a>的规定。</p></body></html>"
    )
    lines = [ln.text for ln in html_reader.read(page.encode()).lines]
    assert lines == ["行业资料 考试资料", "请参阅第三条的规定。"]


def test_main_content_by_prose_density() -> None:
    nav = "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(30))
    body = "".join(
        f"<p>第{i}段：这是正文的一段，讲述工作安排，内容足够长，有标点，也有完整的句子。</p>"
        for i in range(8)
    )
    page = (
        f"<html><head><title>工作安排的说明-网站</title></head><body>"
        f"<div class='top'><ul>{nav}</ul></div><div class='side'><p>友情链接：<a>甲</a></p></div>"
        f"<div class='main'><h1>工作安排的说明</h1><div class='text'>{body}</div></div>"
        f"<div class='foot'><p>主办单位：某某单位 地址：某某路1号</p></div></body></html>"
    )
    doc = read(page.encode(), name="p.html", repair=False)
    assert doc.meta.title == "工作安排的说明"
    texts = [b.text for b in doc.blocks]
    assert len(texts) == 8 and all(t.startswith(f"第{i}段") for i, t in enumerate(texts))


def test_list_page_is_an_error_but_a_short_document_is_not() -> None:
    links = "".join(f"<li><a href='/{i}'>文档分类第{i}项</a></li>" for i in range(40))
    page = f"<html><body><ul>{links}</ul><div id='list'></div><p>欢迎来到本站，海量文档。</p></body></html>"
    with pytest.raises(NoContentError, match="home or list page"):
        read(page.encode(), name="home.html")
    short = "<html><body><p>同志们：</p><p>今天的会议很重要，大家要认真落实。</p></body></html>"
    assert read(short.encode(), name="short.html").blocks


def test_image_pages_of_a_known_reader_are_an_error() -> None:
    page = (
        "<html><body><div class='pageBox'><img src='p1.png'></div>"
        "<div class='pageBox'><img src='p2.png'></div><p>相关推荐</p></body></html>"
    )
    with pytest.raises(NoContentError, match=r"its 2 pages are images \(淘豆网"):
        read(page.encode(), name="taodocs.html")


WENKU_DATA = """<html><head><title>百度文库</title><script>
var WkInfo = {}; WkInfo.DocInfo = {'title': '2024年工作计划', 'docType': 'doc', 'totalPageNum': '5'};
</script></head><body><div class="nav"><a href="/">首页</a></div><div id="app"></div>
<script>wenku_1({"body":[
{"c":"2024年工作计划","p":{"x":300,"y":80,"w":300,"h":40},"s":{"font-size":"28"},"t":"word"},
{"c":"今年，我们要紧紧围绕中心任务，","p":{"x":132,"y":160,"w":420,"h":20},"s":{"font-size":"16"},"t":"word"},
{"c":"扎实推进各项工作，","p":{"x":552,"y":160,"w":200,"h":20},"s":{"font-size":"16"},"t":"word"},
{"c":"确保全年目标任务圆满完成。","p":{"x":100,"y":184,"w":380,"h":20},"s":{"font-size":"16"},"t":"word"},
{"c":"","p":{"x":100,"y":300,"w":50,"h":50},"t":"pic"}]})</script></body></html>"""


def test_text_and_document_info_in_script_data() -> None:
    doc = read(WENKU_DATA.encode(), name="data.html", repair=False)
    assert doc.meta.title == "2024年工作计划"
    assert (doc.meta.pages, doc.meta.pages_shown, doc.meta.format) == (5, 1, "DOC")
    assert doc.meta.truncated
    assert [b.text for b in doc.blocks] == [
        "今年，我们要紧紧围绕中心任务，扎实推进各项工作，确保全年目标任务圆满完成。"
    ]


def test_document_info_alone_gives_title_and_pages() -> None:
    page = WENKU_DATA.split("<script>wenku_1")[0] + (
        "<article><p>正文第一段，内容完整，标点齐全，讲的是工作计划的安排和要求。</p></article></body></html>"
    )
    doc = read(page.encode(), name="info.html", repair=False)
    assert doc.meta.pages == 5 and doc.meta.format == "DOC"
    assert doc.meta.title == "2024年工作计划"


def test_ordered_list_numbers_as_the_browser_shows_them() -> None:
    page = (
        "<html><body><ol><li>提高认识。</li><li>加强领导。</li></ol>"
        "<ol start='3'><li>3、自带编号的条目。</li><li value='7'>第七项。</li></ol>"
        "<ul><li>无序条目。</li></ul></body></html>"
    )
    lines = [ln.text for ln in html_reader.read(page.encode()).lines]
    assert lines == [
        "1. 提高认识。",
        "2. 加强领导。",
        "3、自带编号的条目。",
        "7. 第七项。",
        "无序条目。",
    ]


def test_type_size_and_weight_give_heading_levels() -> None:
    def piece(top: int, left: int, text: str, cls: str, width: int = 400) -> str:
        return (
            f'<p class="reader-word-layer {cls}" style="top:{top}px;left:{left}px;'
            f'width:{width}px;height:20px">{text}</p>'
        )

    body = "为做好年度工作，现将有关安排通知如下，请认真贯彻落实，确保各项工作顺利推进。"
    page = (
        "<html><head><style>.t{font-size:32px}.h{font-size:22px;font-weight:bold}"
        ".s{font-size:16px;font-weight:bold}.b{font-size:16px}</style></head><body>"
        '<div data-page-no="1" id="pageNo-1">'
        + piece(40, 200, "年度工作安排", "t", 200)
        + piece(100, 132, body, "b")
        + piece(140, 100, "总体要求", "h", 100)
        + piece(180, 132, body, "b")
        + piece(220, 100, "工作重点", "s", 100)
        + piece(260, 132, body, "b")
        + "</div></body></html>"
    )
    doc = read(page.encode(), name="levels.html", repair=False)
    assert doc.meta.title == "年度工作安排"
    heads = [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]
    assert heads == [(1, "总体要求"), (2, "工作重点")]
