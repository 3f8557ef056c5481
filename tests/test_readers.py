"""Readers: encodings, HTML visibility rules, MHTML, sniffing and unreadable input."""

from __future__ import annotations

import codecs

import pytest
from conftest import SAMPLES
from mhtml import make_mhtml

from convert.errors import InputError
from convert.readers import read, sniff
from convert.readers.encoding import codec_for, declared_html_charset, decode

# A character GB18030 has and GBK lacks (CJK Extension A): proves GBK labels decode as GB18030.
EXT_A = "\u3400"


def page(body: str, head: str = "", charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}{head}<title>标题</title></head><body>{body}</body></html>"


def texts(source) -> list[str]:
    return [line.text for line in source.lines]


# -- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["gbk", "GB2312", "x-gbk", "gb18030", "chinese", "csgb2312"])
def test_gb_labels_decode_as_gb18030(label: str) -> None:
    html = page(f"<p>扩展字{EXT_A}与正文</p>", charset=label)
    src = read(html.encode("gb18030"), name="a.html")
    assert src.encoding == "gb18030"
    assert texts(src) == [f"扩展字{EXT_A}与正文"]


def test_http_equiv_charset() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    src = read(page("<p>政府工作报告</p>", head=head, charset=None).encode("gb18030"), name="a.htm")
    assert texts(src) == ["政府工作报告"]


def test_undeclared_gb18030_is_detected() -> None:
    src = read(
        page("<p>质量强区建设必须以不断提高质量总体水平为主要内容</p>", charset=None).encode(
            "gb18030"
        )
    )
    assert src.encoding == "gb18030"
    assert texts(src) == ["质量强区建设必须以不断提高质量总体水平为主要内容"]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_wins(bom: bytes, codec: str) -> None:
    html = page("<p>讲话稿</p>", charset="gbk")  # the BOM outranks a wrong declaration
    src = read(bom + html.encode(codec), name="a.html")
    assert texts(src) == ["讲话稿"]


def test_declared_gbk_but_utf8() -> None:
    src = read(page("<p>同志们：今天开会。</p>", charset="gbk").encode("utf-8"), name="a.html")
    assert texts(src) == ["同志们：今天开会。"]
    assert any("UTF-8" in w for w in src.warnings)


def test_declared_utf8_but_gb18030() -> None:
    src = read(page("<p>同志们：今天开会。</p>", charset="utf-8").encode("gb18030"), name="a.html")
    assert texts(src) == ["同志们：今天开会。"]


def test_text_encodings() -> None:
    words = "同志们：今天我们召开全区质量工作会议。"
    for data in (
        words.encode("utf-8"),
        codecs.BOM_UTF8 + words.encode("utf-8"),
        codecs.BOM_UTF16_LE + words.encode("utf-16-le"),
        words.encode("gb18030"),
        words.encode("utf-16-le"),  # no BOM, no ASCII: recognised by its characters
    ):
        assert texts(read(data, name="a.txt")) == [words]


def test_codec_labels() -> None:
    assert codec_for("GBK") == "gb18030"
    assert codec_for("utf8") == "utf-8"
    assert codec_for("no-such-charset") is None
    assert declared_html_charset(b'<meta charset="gb2312">') == "gb18030"


def test_truncated_utf8_keeps_the_rest() -> None:
    data = "第一段完整的文字。第二段".encode()[:-1]  # a download cut mid-character
    text, codec, warnings = decode(data)
    assert codec == "utf-8" and text.startswith("第一段完整的文字。第二") and warnings


# -- what an HTML page shows ---------------------------------------------------------------


def test_invisible_content_never_reaches_the_text() -> None:
    body = (
        "<script>var a='脚本文字';</script><style>.x{content:'样式文字'}</style>"
        "<!-- 注释文字 --><template><p>模板文字</p></template><noscript>无脚本文字</noscript>"
        "<div hidden>隐藏文字</div><p style='display: none'>不显示文字</p>"
        "<p style='visibility:hidden'>不可见文字</p><span aria-hidden='true'>屏读隐藏</span>"
        "<iframe src='x'>框架文字</iframe><p>正文文字</p>"
    )
    src = read(page(body).encode(), name="a.html")
    assert texts(src) == ["正文文字"]


def test_blocks_and_br_make_lines() -> None:
    body = (
        "<div>第一行<br>第二行<p>第三<b>行</b></p><ul><li>列表一</li><li>列表二</li></ul></div>尾巴"
    )
    assert texts(read(page(body).encode(), name="a.html")) == [
        "第一行",
        "第二行",
        "第三行",
        "列表一",
        "列表二",
        "尾巴",
    ]


def test_chrome_elements_are_hinted() -> None:
    body = "<header>网站导航</header><nav>菜单</nav><article><h2>标题</h2><p>正文</p></article><aside>推荐</aside><footer>版权</footer>"
    src = read(page(body).encode(), name="a.html")
    assert [(line.text, line.hint) for line in src.lines] == [
        ("网站导航", "chrome"),
        ("菜单", "chrome"),
        ("标题", "h2"),
        ("正文", ""),
        ("推荐", "chrome"),
        ("版权", "chrome"),
    ]


def test_head_information() -> None:
    head = '<meta name="keywords" content="质量,绩效, 管理"><link rel="canonical" href="https://x.cn/a.html">'
    src = read(page("<p>正文</p>", head=head).encode(), name="a.html")
    assert src.page_title == "标题"
    assert src.keywords == ("质量", "绩效", "管理")
    assert src.url == "https://x.cn/a.html"


def test_deep_nesting_does_not_recurse() -> None:
    html = "<html><body>" + "<div>" * 10000 + "深处的文字" + "</div>" * 10000 + "</body></html>"
    src = read(html.encode(), name="deep.html")
    assert "深处的文字" in src.text


def test_entities_and_whitespace() -> None:
    src = read(page("<p>  A&amp;B&nbsp;&lt;标准&gt;\n  第二部分  </p>").encode(), name="a.html")
    assert texts(src) == ["A&B\xa0<标准> 第二部分"]


# -- MHTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64"])
def test_mhtml(transfer: str) -> None:
    html = (SAMPLES / "speech.html").read_bytes()
    src = read(make_mhtml(html, transfer=transfer), name="speech.mhtml")
    assert src.format == "mhtml"
    assert src.url == "https://www.example-docs.cn/doc/2065240.html"
    assert any(line.text.startswith("区长在质量绩效管理推进会讲话 同志们:") for line in src.lines)


def test_mhtml_in_gb18030() -> None:
    html = page(f"<p>扩展字{EXT_A}</p>", charset="gbk").encode("gb18030")
    src = read(make_mhtml(html, transfer="base64", charset="gbk"), name="x.mht")
    assert texts(src) == [f"扩展字{EXT_A}"]


# -- sniffing -------------------------------------------------------------------------------


def test_sniffing_prefers_content_to_extension() -> None:
    html = page("<p>正文</p>").encode()
    assert sniff(html, "saved.txt") == "html"
    assert sniff(make_mhtml(html), "saved.html") == "mhtml"
    assert sniff("纯文本，不是网页。".encode(), "page.html") == "txt"
    assert sniff(b"<div>fragment</div>", "page.html") == "html"
    assert sniff("普通文字".encode(), "noext") == "txt"


# -- unreadable input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t \r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG image"),
        (b"PK\x03\x04" + b"\x00" * 100, "ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF file"),
        (bytes(range(256)) * 20, "binary"),
    ],
    ids=["empty", "blank", "png", "zip", "pdf", "binary"],
)
def test_unreadable_input(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read(data, name="bad.html")
