"""Hostile and broken input (issue 9): every case ends in a clear one-line error (exit 1, no
traceback, no output file) or in a best-effort document, as this matrix decides.

| input                                   | outcome                                                   |
| --------------------------------------- | --------------------------------------------------------- |
| empty file; whitespace, BOMs, NULs only | error: "… is empty"                                       |
| PNG, JPEG, ZIP/DOCX, PDF, gzip named .html | error: "… is a PNG image" (…), "not a saved web page"  |
| random binary bytes                     | error: "… looks like binary data"                         |
| UTF-8 or GB18030 cut inside a character | document; the cut character is U+FFFD; warning "ends inside a character" |
| UTF-8 with a stray bad byte             | document in UTF-8; the byte is U+FFFD; warning            |
| <meta charset=gbk>, bytes UTF-8         | document, read as UTF-8; warning "declares gb18030 but is UTF-8" |
| <meta charset=utf-8>, bytes GB18030     | document, read as GB18030; warning "declares utf-8 but is not" |
| UTF-8 page with a GB18030 block, or the reverse | document, each part in its own encoding; warning (the majority decides which is the page's; inside GB18030, UTF-8 runs of 3+ ideographs) |
| UTF-16 LE/BE without BOM, HTML or text  | document                                                  |
| NUL and other control characters, raw or as &#1; | document without them; warning "removed N control character(s)"; VT/FF/NEL break lines |
| lone surrogates (UTF-8-encoded, &#xD800;, in UTF-16) | document; each is U+FFFD (a warning where the bytes were bad) |
| 10 000 nested tags (closed or not)      | document (no recursion anywhere, even at a low recursion limit) |
| a 50 MB page                            | document (read in seconds; the limit is 100 MB)           |
| only anti-copy noise, or only chrome    | with a <title>: a title-only document and warning "no-text"; without: error "no document text left" |
| <script>, <style>, <iframe>, on…= attributes, javascript: links and addresses | document; none of it in any output (checked in every format) |
| CJK extension B–G, emoji                | kept in every text format; PDF sets what the bundled fonts have and names the rest in a warning |
| over the input limit (max_bytes=, DOCCONV_MAX_INPUT_MB) | error: "… over the N MB input limit" |
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require_tool
from readback import READERS, epub_files, expected_blocks, norm, pdf_text, squeeze

from convert import api, writers
from convert.cli import main
from convert.errors import InputError, NoContentError, OutputError

TEXT = "同志们：今天我们召开全区质量工作会议，总结去年的工作，部署今年的任务。"
MORE = "各地区各部门要把思想和行动统一到工作部署上来，切实增强责任感和紧迫感。"
NOISE = "蒄蚄袀膇莀蚃羂羀芆袅螆肄芀蒇莄蒆肆腿莃肁蚆袈膆膂羀薈袃膀芄蚂膄虿肀衿袁莃袆羁"


def page(body: str, charset: str | None = "utf-8", title: str | None = "会议讲话") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    head = f"<title>{title}</title>" if title else ""
    return f"<!DOCTYPE html><html><head>{meta}{head}</head><body>{body}</body></html>"


def body_page(charset: str | None = "utf-8") -> str:
    return page(f"<p>{TEXT}</p><p>{MORE}</p>", charset)


def chrome_page(title: str | None) -> str:
    return page(
        "<header>文档分享网 首页 登录 注册</header><nav>分类 排行 上传</nav>"
        "<aside>相关文档推荐</aside><footer>版权所有 客服电话 400-000-0000</footer>",
        title=title,
    )


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def nested(depth: int, tag: str, close: bool = True) -> bytes:
    inner = f"<p>{TEXT}</p>"
    end = f"</{tag}>" * depth if close else ""
    return page(f"<{tag}>" * depth + inner + end).encode()


@dataclass(frozen=True)
class Case:
    id: str
    data: Callable[[], bytes]
    name: str = "page.html"
    error: str = ""  # the one-line error says this; "" for a best-effort document
    text: tuple[str, ...] = ()  # the document's text holds each of these, in this order
    absent: tuple[str, ...] = ()  # …and none of these
    warning: str = ""  # a warning says this


CASES = [
    Case("empty", lambda: b"", error="is empty"),
    Case("whitespace", lambda: b" \t\r\n" * 1000, error="is empty"),
    Case("bom-and-nul", lambda: codecs.BOM_UTF8 + b"\x00 \n\x00", error="is empty"),
    Case("png", lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(2000), error="is a PNG image"),
    Case("jpeg", lambda: b"\xff\xd8\xff\xe0" + os.urandom(2000), error="is a JPEG image"),
    Case("zip", lambda: docx_bytes(), error="is a ZIP archive"),
    Case("pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + os.urandom(2000), error="PDF file"),
    Case("gzip", lambda: gzip.compress(body_page().encode()), error="gzip-compressed"),
    Case("binary", lambda: bytes(range(256)) * 40, error="looks like binary data"),
    Case(
        "utf8-cut",
        lambda: (f"<html><body><p>{TEXT}</p><p>{MORE}").encode()[:-1],
        text=(TEXT, MORE[:-1] + "\ufffd"),
        warning="ends inside a character",
    ),
    Case(
        "gb18030-cut",
        lambda: (f"<html><body><p>{TEXT}</p><p>{MORE}").encode("gb18030")[:-1],
        text=(TEXT, MORE[:-1] + "\ufffd"),
        warning="ends inside a character",
    ),
    Case(
        "utf8-bad-byte",
        lambda: body_page().encode().replace("会议".encode(), "会议".encode() + b"\xff"),
        text=("会议\ufffd", MORE),
        warning="replaced with U+FFFD",
    ),
    Case(
        "meta-gbk-is-utf8",
        lambda: body_page("gbk").encode("utf-8"),
        text=(TEXT, MORE),
        warning="declares gb18030 but is UTF-8",
    ),
    Case(
        "meta-utf8-is-gb18030",
        lambda: body_page("utf-8").encode("gb18030"),
        text=(TEXT, MORE),
        warning="declares utf-8 but is not",
    ),
    Case(
        "utf8-page-gb18030-block",
        lambda: (
            page(f"<p>{TEXT}</p><p>{TEXT[::-1]}</p><p>{TEXT}</p>")
            .encode()
            .replace(b"</body>", f"<p>{MORE}</p>".encode("gb18030") + b"</body>")
        ),
        text=(TEXT, TEXT[::-1], TEXT, MORE),
        warning="the page is UTF-8 with 1 stretch(es) in gb18030",
    ),
    Case(
        "utf8-page-mostly-gb18030",  # read as GB18030 with UTF-8 stretches: the same text
        lambda: (
            page(f"<p>{TEXT}</p>")
            .encode()
            .replace(b"</body>", f"<p>{MORE}</p><p>{MORE[::-1]}</p>".encode("gb18030") + b"</body>")
        ),
        text=(TEXT, MORE, MORE[::-1]),
        warning="stretch(es) in UTF-8",
    ),
    Case(
        "gb18030-page-utf8-block",
        lambda: (
            page(f"<p>{TEXT}</p>", "gbk")
            .encode("gb18030")
            .replace(b"</body>", f"<p>{MORE}</p>".encode() + b"</body>")
        ),
        text=(TEXT, MORE),
        warning="stretch(es) in UTF-8",
    ),
    Case("utf16le-html", lambda: body_page().encode("utf-16-le"), text=(TEXT, MORE)),
    Case("utf16be-html", lambda: body_page().encode("utf-16-be"), text=(TEXT, MORE)),
    Case(
        "utf16le-text",
        lambda: (TEXT + "\n" + MORE).encode("utf-16-le"),
        "page.txt",
        text=(TEXT, MORE),
    ),
    Case(
        "utf16be-text",
        lambda: (TEXT + "\n" + MORE).encode("utf-16-be"),
        "page.txt",
        text=(TEXT, MORE),
    ),
    Case(
        "controls-raw",
        lambda: page(
            "<p>同志\x00们：\x01今天\x07我们\x1b召开\x7f全区\u0085质量\u009f工作会议。</p>"
        ).encode(),
        text=("同志们：今天我们召开全区 质量工作会议。",),
        absent=("\x00", "\x01", "\x07", "\x1b", "\x7f", "\u0085", "\u009f"),
        warning="removed 6 control character(s)",
    ),
    Case(
        "controls-references",
        lambda: page("<p>同志们：&#1;今天&#x1b;我们召开&#127;全区会议。</p>").encode(),
        text=("同志们：今天我们召开全区会议。",),
        absent=("\x01", "\x1b", "\x7f"),
        warning="control character(s)",
    ),
    Case(
        "controls-text",
        lambda: f"{TEXT}\x00\x08\n{MORE}\x0c第二页的文字。".encode(),
        "page.txt",
        text=(TEXT, MORE, "第二页的文字。"),
        absent=("\x00", "\x08", "\x0c"),
        warning="removed 2 control character(s)",
    ),
    Case(
        "surrogate-utf8-bytes",
        lambda: body_page().encode().replace("会议".encode(), "会议".encode() + b"\xed\xa0\x80"),
        text=("会议\ufffd",),
        warning="replaced with U+FFFD",
    ),
    Case(
        "surrogate-reference",
        lambda: page(f"<p>{TEXT}&#xD800;</p>").encode(),
        text=(TEXT + "\ufffd",),
    ),
    Case(
        "surrogate-utf16",
        lambda: (
            codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"\x00\xd8" + MORE.encode("utf-16-le")
        ),
        "page.txt",
        text=(TEXT + "\ufffd" + MORE,),
        warning="replaced with U+FFFD",
    ),
    Case("nested-div", lambda: nested(10_000, "div"), text=(TEXT,)),
    Case("nested-span", lambda: nested(10_000, "span"), text=(TEXT,)),
    Case("nested-unclosed", lambda: nested(10_000, "div", close=False), text=(TEXT,)),
    Case("nested-mixed", lambda: nested(5_000, "b><i"), text=(TEXT,)),
    Case(
        "only-noise",
        lambda: page(f"<p>{NOISE}</p><p>{NOISE[::-1]}</p>").encode(),
        text=("会议讲话",),
        warning="no document text",
    ),
    Case(
        "only-noise-untitled",
        lambda: page(f"<p>{NOISE}</p>", title=None).encode(),
        error="no document text left",
    ),
    Case(
        "only-chrome",
        lambda: chrome_page("会议讲话").encode(),
        text=("会议讲话",),
        warning="no document text",
    ),
    Case("only-chrome-untitled", lambda: chrome_page(None).encode(), error="no document text left"),
]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """docconv in this process: (exit code, stderr)."""
    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    code = stop.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


def leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_library(case: Case) -> None:
    data = case.data()
    if case.error:
        with pytest.raises(InputError, match=re.escape(case.error)):
            api.read(data, name=case.name, repair=False)
        return
    reading = api.read_detailed(data, name=case.name, repair=False)
    text = squeeze(reading.document.plain_text())  # paragraphs may split: "同志们：" alone
    position = 0
    for piece in map(squeeze, case.text):
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} missing from {text[:300]!r}"
        position = found + len(piece)
    for piece in case.absent:
        assert piece not in text
    warnings = " | ".join(w.text for w in reading.warnings)
    if case.warning:
        assert case.warning in warnings
    else:
        assert not warnings


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_command_line(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / case.name
    src.write_bytes(case.data())
    out = tmp_path / "out.docx"
    code, err = run_cli(capsys, src, "-o", out)
    assert "Traceback" not in err
    if case.error:
        assert code == 1
        assert err.count("\n") == 1 and err.startswith("docconv: error: ")
        assert case.error in err
        assert leftovers(tmp_path, case.name) == []  # no output, no partial file
        return
    assert code == 0, err
    assert READERS["docx"](out.read_bytes())  # python-docx opens what was written
    if case.warning:
        assert case.warning in err
    assert leftovers(tmp_path, case.name) == ["out.docx"]


@pytest.mark.parametrize("case", [c for c in CASES if c.error][:4], ids=lambda c: c.id)
def test_batch_style_command_writes_nothing(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`docconv FILE --to …` (outputs beside the input): the same error, no files."""
    src = tmp_path / case.name
    src.write_bytes(case.data())
    code, err = run_cli(capsys, src, "--to", "docx,json")
    assert code == 1 and case.error in err and "Traceback" not in err
    assert leftovers(tmp_path, case.name) == []


@pytest.mark.parametrize("case", [c for c in CASES if c.error], ids=lambda c: c.id)
def test_inspect_gives_the_same_error(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / case.name
    src.write_bytes(case.data())
    code, err = run_cli(capsys, "inspect", src)
    assert code == 1 and err.count("\n") == 1 and case.error in err


def test_existing_output_survives_a_failed_conversion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "page.html"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    out = tmp_path / "page.docx"
    out.write_bytes(b"the previous conversion")
    code, _ = run_cli(capsys, src, "-o", out)
    assert code == 1
    assert out.read_bytes() == b"the previous conversion"


# -- recursion ------------------------------------------------------------------------------


@contextmanager
def recursion_limit(limit: int) -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


@pytest.mark.parametrize("tag", ["div", "span", "table><tr><td", "ul><li", "blockquote"])
def test_deep_nesting_needs_no_recursion(tag: str) -> None:
    """Read, clean, structure and repair a 10 000-deep page with only 150 frames to spare:
    any recursion over the tree would fail."""
    data = nested(10_000, tag)
    api.read(data, name="deep.html")  # imports and caches first, outside the tight limit
    import inspect

    with recursion_limit(len(inspect.stack()) + 150):
        doc = api.read(data, name="deep.html")
    assert squeeze(TEXT) in squeeze(doc.plain_text())


def test_deep_nesting_in_every_writer(tmp_path: Path) -> None:
    doc = api.read(nested(10_000, "div"), name="deep.html", repair=False)
    for fmt in writers.names():
        assert api.write_bytes(doc, fmt)


# -- size -----------------------------------------------------------------------------------


def big_page(size: int) -> tuple[bytes, int]:
    """A saved page of about `size` bytes as browsers write them: inline images and scripts
    make up most of it, around 8,000 paragraphs of text in the middle. Returns the page and
    its paragraph count."""
    image = "<img src='data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAA" * 40_000 + "'>"
    script = "<script>var t = '" + "<p>脚本里的假段落</p>" * 30_000 + "';</script>"
    count = 8_000
    paras = "".join(f"<p>第{i}段。{MORE}</p>" for i in range(count)).encode()
    head = page("", title="大文件").split("<body>")[0].encode() + b"<body>"
    chunk = (image + script).encode()
    n = max(2, (size - len(paras)) // len(chunk))
    data = head + chunk * (n // 2) + paras + chunk * (n - n // 2) + b"</body></html>"
    return data, count


def test_a_50_mb_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, count = big_page(50 * 2**20)
    assert len(data) >= 49 * 2**20
    src = tmp_path / "big.html"
    src.write_bytes(data)
    del data
    out = tmp_path / "big.json"
    code, err = run_cli(capsys, src, "-o", out, "--no-repair")
    assert code == 0, err
    blocks = READERS["json"](out.read_bytes())
    assert blocks[0] == "大文件"
    body = blocks[1:]
    assert len(body) == count
    assert body[0] == f"第0段。{MORE}" and body[-1] == f"第{count - 1}段。{MORE}"
    assert not any("脚本" in b for b in body)


def test_over_the_limit_from_the_library(tmp_path: Path) -> None:
    data = body_page().encode()
    with pytest.raises(InputError, match=r"over the .* input limit"):
        api.read(data, name="a.html", max_bytes=len(data) - 1)
    assert api.read(data, name="a.html", max_bytes=len(data)).blocks
    src = tmp_path / "a.html"
    src.write_bytes(data)
    with pytest.raises(InputError, match=r"a\.html is .* over the .* input limit"):
        api.read(src, max_bytes=100)
    with pytest.raises(InputError, match="over the"):
        api.convert_file(src, to="json", max_bytes=100)
    assert not (tmp_path / "a.json").exists()


def test_default_limit_is_100_mb(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as f:  # sparse: no disk space, refused before it is read
        f.truncate(100 * 2**20 + 1)
    with pytest.raises(InputError, match="is 100 MB, over the 100 MB input limit"):
        api.read(big)


def test_limit_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "a.html"
    src.write_bytes(body_page().encode() + b" " * 2000)
    monkeypatch.setenv("DOCCONV_MAX_INPUT_MB", "0.001")  # 1 KB
    code, err = run_cli(capsys, src, "-o", tmp_path / "a.json")
    assert code == 1 and err.count("\n") == 1
    assert "over the 1 KB input limit" in err
    assert leftovers(tmp_path, "a.html") == []
    monkeypatch.setenv("DOCCONV_MAX_INPUT_MB", "0.01")
    code, err = run_cli(capsys, src, "-o", tmp_path / "a.json")
    assert code == 0, err


def test_limit_on_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = io.BytesIO(body_page().encode() + b" " * 5000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    monkeypatch.setenv("DOCCONV_MAX_INPUT_MB", "0.001")
    code, err = run_cli(capsys, "-", "--to", "json", "-o", "-")
    assert code == 1 and "stdin is over the 1 KB input limit" in err
    assert stream.tell() <= int(0.001 * 2**20) + 1  # read no further than the limit


@pytest.mark.parametrize("value", ["lots", "-5", "0", "nan", "inf"])
def test_bad_limit_in_the_environment(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "a.html"
    src.write_bytes(body_page().encode())
    monkeypatch.setenv("DOCCONV_MAX_INPUT_MB", value)
    code, err = run_cli(capsys, src, "-o", tmp_path / "a.json")
    assert code == 1 and err.count("\n") == 1
    assert "DOCCONV_MAX_INPUT_MB must be a positive number of megabytes" in err


# -- page scripts never reach an output -------------------------------------------------------

HOSTILE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>会议讲话</title>
<link rel="canonical" href="javascript:CANONICALMARK()">
<meta property="og:url" content="javascript:OGURLMARK()">
<meta name="description" content="描述">
<meta http-equiv="refresh" content="0; url=javascript:REFRESHMARK()">
<base href="javascript:BASEMARK()">
<script>document.write("SCRIPTMARK")</script>
<script src="https://evil.example/SCRIPTSRCMARK.js"></script>
<style>body { background: url("javascript:STYLEMARK()") } .x:after { content: "STYLEMARK" }</style>
<link rel="stylesheet" href="https://evil.example/LINKMARK.css">
</head>
<body onload="ONLOADMARK()">
<div onclick="ONCLICKMARK()" onmouseover="ONMOUSEOVERMARK()">
<p>同志们：</p>
<p style="color:red" onfocus="ONFOCUSMARK()">今天我们召开全区质量工作会议，<a href="javascript:JSLINKMARK()">请点这里</a>查看全文。</p>
<p><a href=" JaVaScRiPt:MIXEDCASEMARK()" target="_blank">第二个链接</a>也在正文里。</p>
<iframe src="javascript:IFRAMESRCMARK()">IFRAMEMARK</iframe>
<iframe srcdoc="&lt;script&gt;SRCDOCMARK&lt;/script&gt;"></iframe>
<object data="OBJECTMARK.swf"><param name="x" value="PARAMMARK">OBJECTTEXTMARK</object>
<embed src="EMBEDMARK.swf">
<svg onload="SVGMARK()"><script>SVGSCRIPTMARK</script><text>SVGTEXTMARK</text></svg>
<img src="x" onerror="ONERRORMARK()" alt="ALTMARK">
<noscript>NOSCRIPTMARK</noscript>
<template><p>TEMPLATEMARK</p></template>
<form action="javascript:FORMMARK()"><input value="INPUTMARK"><button onclick="BUTTONMARK()">BUTTONTEXTMARK</button></form>
<p>要深入推进质量管理体系认证，完善内部管理制度。</p>
<script>var a = "</p><p>INLINESCRIPTMARK";</script>
</div>
</body></html>"""
MARK = re.compile(r"(?-i:[A-Z]+MARK)|javascript|on(?:load|click|error|focus|mouseover)\s*=", re.I)


def all_text_of(fmt: str, data: bytes) -> str:
    """Everything a format's file holds that a reader might see, as text."""
    if fmt == "pdf":
        return pdf_text(data, require_tool("pdftotext")) + data.decode("latin-1")
    if fmt in ("docx", "epub"):
        return "\n".join(v.decode("utf-8", "replace") for v in epub_files(data).values())
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", writers.names())
def test_page_scripts_reach_no_output(fmt: str) -> None:
    doc = api.read(HOSTILE_PAGE.encode(), name="hostile.html")
    assert doc.meta.url == ""
    assert "请点这里" in doc.plain_text() and "第二个链接" in doc.plain_text()
    data = api.write_bytes(doc, fmt)
    found = sorted(set(MARK.findall(all_text_of(fmt, data))))
    assert found == []


def test_no_active_content_in_epub() -> None:
    doc = api.read(HOSTILE_PAGE.encode(), name="hostile.html")
    for name, content in epub_files(api.write_bytes(doc, "epub")).items():
        if not name.endswith((".xhtml", ".html", ".opf", ".ncx")):
            continue
        root = __import__("lxml.etree").etree.fromstring(content)
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.rsplit("}", 1)[-1]
            assert tag not in ("script", "iframe", "object", "embed", "form", "base"), name
            for attr, value in el.attrib.items():
                assert not attr.rsplit("}", 1)[-1].lower().startswith("on"), (name, attr)
                assert "javascript:" not in value.lower().replace(" ", ""), (name, attr)


def test_no_active_content_in_html() -> None:
    from lxml import html

    doc = api.read(HOSTILE_PAGE.encode(), name="hostile.html")
    root = html.fromstring(api.write_bytes(doc, "html").decode("utf-8"))
    tags = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    assert not tags & {"script", "iframe", "object", "embed", "form", "base", "link", "img"}
    for el in root.iter():
        for attr, value in el.attrib.items():
            assert not attr.lower().startswith("on"), attr
            assert "javascript:" not in value.lower().replace(" ", "")
    (style,) = root.iter("style")  # the writer's own style sheet, nothing of the page's
    assert "MARK" not in (style.text or "") and "url(" not in (style.text or "")


def test_script_looking_text_stays_text() -> None:
    """Text that reads like markup on the page (escaped there) is document text: kept, and
    escaped again in every output that has markup."""
    body = f"<p>{TEXT}</p><p>示例代码：&lt;script&gt;alert(1)&lt;/script&gt; 不会执行。</p>"
    doc = api.read(page(body).encode(), name="a.html", repair=False)
    assert "<script>alert(1)</script>" in doc.plain_text()
    for fmt in ("html", "epub"):
        data = api.write_bytes(doc, fmt)
        blocks = READERS[fmt](data)
        assert any("<script>alert(1)</script>" in b for b in blocks)
        assert b"<script>" not in data


# -- characters outside the bundled fonts -----------------------------------------------------

RARE = {
    "ext-b": "𠮷𡃁𪚥",  # 𠮷 𡃁 are in LXGW WenKai, 𪚥 is in no bundled font
    "ext-c": "𪜀𫜴",
    "ext-d": "𫝀𫠝",
    "ext-e": "𫠠𬺡",
    "ext-f": "𬺰𮯠",
    "ext-g": "𰀀𱍊",
    "emoji": "😀🀄",
}
RARE_TEXT = "生僻字：" + "、".join(RARE.values()) + "。"


@pytest.fixture(scope="module")
def rare_doc() -> api.Document:
    doc = api.read(page(f"<p>{TEXT}</p><p>{RARE_TEXT}</p>").encode(), name="a.html")
    assert RARE_TEXT in doc.plain_text()
    return doc


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_rare_characters_kept_in_text_formats(fmt: str, rare_doc: api.Document) -> None:
    blocks = READERS[fmt](api.write_bytes(rare_doc, fmt))
    assert blocks == expected_blocks(rare_doc)


def test_rare_characters_kept_in_plain_text(rare_doc: api.Document) -> None:
    assert RARE_TEXT in api.write_bytes(rare_doc, "txt").decode("utf-8")


def test_rare_characters_in_pdf_set_or_reported(rare_doc: api.Document) -> None:
    buf = io.BytesIO()
    warnings = api.write(rare_doc, buf, to="pdf")
    text = squeeze(pdf_text(buf.getvalue(), require_tool("pdftotext")))
    missing = "".join(w.text for w in warnings if w.code == "missing-glyph")
    assert "𠮷" in text and "𡃁" in text  # set in the fallback face
    for ch in "".join(RARE.values()):
        assert ch in text or f"U+{ord(ch):04X}" in missing, ch
    assert "U+2A6A5" in missing and "U+1F600" in missing  # 𪚥 and 😀 are in no bundled font


def test_rare_characters_in_epub_with_embedded_fonts(rare_doc: api.Document) -> None:
    buf = io.BytesIO()
    warnings = api.write(rare_doc, buf, to="epub", embed_fonts=True)
    missing = " ".join(w.text for w in warnings if w.code == "missing-glyph")
    for ch in "".join(RARE.values()):
        if ch not in "𠮷𡃁":
            assert ch in missing, ch
    assert READERS["epub"](buf.getvalue()) == expected_blocks(rare_doc)


# -- output files ---------------------------------------------------------------------------


@pytest.fixture
def src(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(body_page().encode())
    return path


def test_output_equal_to_input_is_refused(src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = src.read_bytes()
    for out in (src, src.parent / "." / src.name, src.parent / "sub" / ".." / src.name):
        (src.parent / "sub").mkdir(exist_ok=True)
        code, err = run_cli(capsys, src, "--to", "json", "-o", out)
        assert code == 1 and "refusing to overwrite the input" in err
    assert src.read_bytes() == before


@pytest.mark.parametrize("kind", ["symlink", "hardlink"])
def test_output_linked_to_input_is_refused(
    kind: str, src: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = src.parent / "link.json"
    if kind == "symlink":
        link.symlink_to(src)
    else:
        os.link(src, link)
    before = src.read_bytes()
    code, err = run_cli(capsys, src, "--to", "json", "-o", link)
    assert code == 1 and "refusing to overwrite the input" in err
    assert src.read_bytes() == before


def test_library_refuses_to_overwrite_the_input(src: Path) -> None:
    with pytest.raises(OutputError, match="refusing to overwrite the input"):
        api.convert_file(src, to="json", out=src)
    text = src.with_suffix(".txt")
    text.write_text(TEXT + "\n" + MORE, encoding="utf-8")
    with pytest.raises(OutputError, match="refusing to overwrite the input"):
        api.convert_file(text, to="txt")  # page.txt → page.txt beside it
    assert text.read_text(encoding="utf-8") == TEXT + "\n" + MORE


def test_default_output_equal_to_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "page.txt"
    text.write_text(TEXT + "\n" + MORE, encoding="utf-8")
    code, err = run_cli(capsys, text, "--to", "txt")
    assert code == 1 and "overwrite" in err and "Traceback" not in err
    assert text.read_text(encoding="utf-8") == TEXT + "\n" + MORE


@pytest.mark.parametrize("option", ["--repair-report", "--report"])
def test_side_files_never_overwrite_the_input(
    option: str, src: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = src.read_bytes()
    args = ["-o", src.parent / "out.json"] if option == "--repair-report" else ["-d", src.parent]
    code, err = run_cli(capsys, src, "--to", "json", *args, option, src)
    assert code == 1 and "overwrite the input" in err
    assert src.read_bytes() == before


def test_missing_output_folder(src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_cli(capsys, src, "--to", "json", "-o", src.parent / "nope" / "x.json")
    assert code == 1 and err.count("\n") == 1 and "does not exist" in err
    # -d makes its folder, as batch tools do (issue 16 item 4); -o does not.
    code, err = run_cli(capsys, src, "--to", "json", "-d", src.parent / "new" / "sub")
    assert code == 0 and (src.parent / "new" / "sub" / "page.json").is_file()
    with pytest.raises(OutputError, match="does not exist"):
        api.convert_file(src, to="json", out_dir=src.parent / "nope")


def test_output_that_is_a_folder(src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (src.parent / "x.json").mkdir()
    code, err = run_cli(capsys, src, "--to", "json", "-o", src.parent / "x.json")
    assert code == 1 and err.count("\n") == 1 and "is a folder" in err


def test_unwritable_output_folder(
    src: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without permission to create files (simulated: tests may run as root)."""
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, err = run_cli(capsys, src, "--to", "json", "-o", src.parent / "x.json")
    assert code == 1 and err.count("\n") == 1
    assert "cannot write in" in err and "Permission denied" in err
    code, err = run_cli(capsys, src, "--to", "json", "-d", src.parent, "-j", "1")
    assert code == 1 and "Permission denied" in err and "Traceback" not in err
    assert leftovers(src.parent, "page.html") == []


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes to read-only folders"
)
def test_read_only_output_folder(src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = src.parent / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, err = run_cli(capsys, src, "--to", "json", "-d", folder)
        assert code == 1 and "Permission denied" in err and "Traceback" not in err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_full_disk_leaves_no_partial_file(
    src: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.writers.jsonview import JsonWriter

    def half_then_enospc(self: object, doc: object, out: io.BufferedIOBase, style: object) -> list:
        out.write(b'{"version": 1, "me')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(JsonWriter, "write", half_then_enospc)
    out = src.parent / "x.json"
    out.write_bytes(b"old")
    code, err = run_cli(capsys, src, "--to", "json", "-o", out)
    assert code == 1 and err.count("\n") == 1 and "No space left on device" in err
    assert out.read_bytes() == b"old"
    assert leftovers(src.parent, "page.html", "x.json") == []


def test_interrupted_write_leaves_no_partial_file(
    src: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.writers.jsonview import JsonWriter

    def interrupted(self: object, doc: object, out: io.BufferedIOBase, style: object) -> list:
        out.write(b"{")
        raise KeyboardInterrupt

    monkeypatch.setattr(JsonWriter, "write", interrupted)
    doc = api.read(src)
    with pytest.raises(KeyboardInterrupt):
        api.write(doc, src.parent / "x.json")
    assert leftovers(src.parent, "page.html") == []


#: Files written on purpose without atomicity: (module, text of the line).
NOT_ATOMIC = {
    # --report is a JSON-lines log streamed while a batch runs, so that it holds every
    # result so far when the run is killed; it is no converted document.
    ("cli.py", 'log = open(report, "w", encoding="utf-8") if report else None'),
}


def _calls(tree: object) -> list[tuple[str, bool, object]]:
    """(name, is os.<name>, node) of every call below `tree`."""
    import ast

    out = []
    for node in ast.walk(tree):  # type: ignore[arg-type]
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            on_os = isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "os"
            out.append((name, on_os, node))
    return out


def test_every_file_write_is_atomic() -> None:
    """Every file docconv writes appears whole or not at all: outputs go through
    `atomic_output` (or to a stream they were given); a module writing a file of its own (a
    cache) writes a temporary file and renames it with os.replace in the same function. No
    module opens a file for writing in place, or writes one with write_text/write_bytes."""
    import ast

    root = Path(api.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "fileio.py":
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                names = {(n, on_os) for n, on_os, _ in _calls(fn)}
                temp, rename = ("mkstemp", False) in names, ("replace", True) in names
                if temp != rename:
                    offenders.append(
                        f"{path.name}:{fn.lineno} {fn.name}: a temporary file or a rename alone"
                    )
        for name, on_os, node in _calls(tree):
            where = f"{path.relative_to(root)}:{node.lineno}"  # type: ignore[attr-defined]
            if any(path.name == f and text in lines[node.lineno - 1] for f, text in NOT_ATOMIC):  # type: ignore[attr-defined]
                continue
            if name in ("write_text", "write_bytes", "copyfile", "copy", "copy2") or (
                name == "rename" and on_os
            ):
                offenders.append(f"{where} {name}")
            if name == "open":
                modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]  # type: ignore[attr-defined]
                modes += [
                    k.value.value
                    for k in node.keywords  # type: ignore[attr-defined]
                    if k.arg == "mode" and isinstance(k.value, ast.Constant)
                ]
                if any(isinstance(m, str) and set(m) & set("wax+") for m in modes):
                    offenders.append(f"{where} open({modes[0]!r})")
    assert offenders == []


ODD_NAMES = [
    "..html",
    "...html",
    ".hidden.html",
    "-o.html",
    " leading space.html",
    "trailing dot..html",
    "名字\u202egnp.html",  # right-to-left override
    "\u200b零宽.html",
    "line\nbreak.html",
    "x" * 200 + ".html",
    "ＡＢＣ／全角斜线.html",  # full-width solidus: a character, not a separator
    "a\\b.html",
]


@pytest.mark.parametrize("name", ODD_NAMES, ids=range(len(ODD_NAMES)))
def test_output_names_stay_in_the_output_folder(name: str, tmp_path: Path) -> None:
    inputs, out_dir = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out_dir.mkdir()
    src = inputs / name
    src.write_bytes(body_page().encode())
    for fmt in ("json", "txt"):
        dest = api.output_path(src, fmt, out_dir)
        assert dest.parent == out_dir and dest.name not in ("", ".", "..")
        assert dest.name.endswith(writers.get(fmt).extension)
    result = api.convert_file(src, to=["json", "txt"], out_dir=out_dir)
    assert all(p.parent == out_dir for p in result.outputs)
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(p.name for p in result.outputs)
    assert [p.name for p in inputs.iterdir()] == [name]


def test_norm_of_blocks_is_whitespace_insensitive() -> None:
    assert norm("  a \u3000 b\n") == "a b"


def test_no_content_is_an_input_error() -> None:
    with pytest.raises(NoContentError):
        api.read(chrome_page(None).encode(), name="x.html")


def test_mhtml_subject_in_encoded_words() -> None:
    """Chromium writes a non-ASCII Subject as MIME encoded words; a page without <title>
    takes its title from there, decoded (and as it is when it cannot be decoded)."""
    from mhtml import make_mhtml

    html = f"<html><body><p>{TEXT}</p></body></html>".encode()
    assert api.read(make_mhtml(html), name="a.mhtml").meta.title == "2023年"
    broken = make_mhtml(html).replace(b"=?utf-8?Q?2023=E5=B9=B4?=", b"=?x-bogus?B?!!?=")
    assert api.read(broken, name="a.mhtml").meta.title == "=?x-bogus?B?!!?="


def docconv_process(*args: str | bytes | Path) -> subprocess.CompletedProcess[bytes]:
    """docconv in a process of its own (its real stderr, not pytest's capture)."""
    return subprocess.run(
        [sys.executable, "-m", "convert", *args], capture_output=True, timeout=120
    )


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A name in another encoding (bytes no UTF-8 decoder accepts) reaches Python with lone
    surrogates in it; converting the file with -o, and inspecting it, must work."""
    raw = b"\xed\xa0\x80\xff\xfe\xe6\x96\x87.html"
    src = tmp_path / os.fsdecode(raw)
    src.write_bytes(body_page().encode())
    done = docconv_process(os.fsencode(src), "-o", tmp_path / "out.docx")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.docx").is_file()
    done = docconv_process("inspect", os.fsencode(src))
    assert done.returncode == 0, done.stderr
    missing = tmp_path / os.fsdecode(b"\xff\xfe-missing.html")
    done = docconv_process(os.fsencode(missing), "-o", tmp_path / "x.docx")
    assert done.returncode == 1 and b"no such file" in done.stderr


def test_batch_with_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    # A folder: a single file is converted every time, with no manifest (issue 16 item 4).
    (tmp_path / "in").mkdir()
    src = tmp_path / "in" / os.fsdecode(b"\xed\xa0\x80\xff\xfe\xe6\x96\x87.html")
    src.write_bytes(body_page().encode())
    report = tmp_path / "report.jsonl"
    done = docconv_process(os.fsencode(src.parent), "--to", "json", "--report", report)
    assert done.returncode == 0, done.stderr
    line = json.loads(report.read_text(encoding="utf-8"))
    assert line["input"] == str(src) and line["status"] == "converted"
    again = docconv_process(
        os.fsencode(src.parent), "--to", "json", "--report", report
    )  # manifest read back
    assert (
        again.returncode == 0
        and json.loads(report.read_text(encoding="utf-8"))["status"] == "skipped"
    )
