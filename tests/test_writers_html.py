"""The HTML writer, read back with lxml's HTML parser (and, when installed, looked at in a
headless Chromium: a screenshot and a print to PDF)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from conftest import FONTS
from hostile import HOSTILE, hostile_document
from lxml import html

from convert.model import Document, Heading, Meta, Note, Paragraph
from convert.safetext import CODE
from convert.styles import load
from convert.writers import style_css as css
from convert.writers.epub import book_css as epub_css
from convert.writers.html import HtmlWriter
from convert.writers.layout import display_title as page_title


def html_of(doc: Document, style: str = "gongwen") -> bytes:
    buf = io.BytesIO()
    assert HtmlWriter().write(doc, buf, load(style)) == []
    return buf.getvalue()


def tree(data: bytes) -> html.HtmlElement:
    return html.document_fromstring(data)


def sheet(data: bytes) -> str:
    styles = tree(data).findall("head/style")
    assert len(styles) == 1
    return styles[0].text_content()


def css_tree(sheet_: str) -> list[tuple[tuple[str, ...], dict[str, str]]]:
    """(selector path, declarations) for each block of a style sheet, nested at-rules
    included: (("@media print", ".sheet"), {...})."""
    out: list[tuple[tuple[str, ...], dict[str, str]]] = []
    stack: list[tuple[str, dict[str, str]]] = []
    buf = ""
    for ch in sheet_:
        if ch == "{":
            stack.append((" ".join(buf.split()), {}))
            buf = ""
        elif ch in ";}":
            name, sep, value = buf.partition(":")
            if sep and stack:
                stack[-1][1][name.strip()] = value.strip()
            buf = ""
            if ch == "}":
                selector, decls = stack.pop()
                out.append(((*(s for s, _ in stack), selector), decls))
        else:
            buf += ch
    assert not stack and not buf.strip(), "unbalanced style sheet"
    return out


def rule(sheet_: str, *path: str) -> dict[str, str]:
    """The declarations for `path`, several rules for it merged as the cascade does."""
    found = [d for p, d in css_tree(sheet_) if p == path]
    assert found, f"no rule for {path}"
    return {k: v for d in found for k, v in d.items()}


def text(el: html.HtmlElement) -> str:
    return el.text_content()


def blocks(data: bytes) -> list[tuple[str, str, str]]:
    """(tag, class, text) of every block in the page, run-in pairs opened up."""
    out = []
    for el in tree(data).find_class("sheet")[0]:
        inner = list(el) if el.get("class") == "runin" else [el]
        out.extend((e.tag, e.get("class", ""), text(e)) for e in inner)
    return out


def expected(doc: Document, style: str = "gongwen") -> list[tuple[str, str, str]]:
    sheet_ = load(style)
    out = []
    if doc.meta.title.strip():
        out.append(("h1", "title", doc.meta.title.strip()))
    if doc.meta.subtitle.strip():
        out.append(("p", "subtitle", doc.meta.subtitle.strip()))
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append((f"h{b.level + 1}", sheet_.heading_role_name(b), b.text))
        elif isinstance(b, Paragraph):
            out.append(("p", "" if b.role == "body" else b.role, b.text))
        elif isinstance(b, Note):
            out.append(("p", "note", b.text))
    return out


@pytest.mark.parametrize("name", ["seed_doc", "long_doc", "plain_doc"])
@pytest.mark.parametrize("style", ["gongwen", "plain"])
def test_text_and_structure(name: str, style: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(name)
    assert blocks(html_of(doc, style)) == expected(doc, style)


def test_leads_are_bold(long_doc: Document) -> None:
    page = tree(html_of(long_doc))
    leads = [text(b) for b in page.iter("b")]
    assert leads == [b.lead for b in long_doc.blocks if isinstance(b, Paragraph) and b.lead]
    assert all(b.get("class") == "lead" for b in page.iter("b"))


def test_headings_keep_their_levels(long_doc: Document) -> None:
    page = tree(html_of(long_doc))
    found = [(e.tag, text(e)) for e in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert found == [("h1", long_doc.meta.title)] + [
        (f"h{h.level + 1}", h.text) for h in long_doc.headings
    ]
    ids = [e.get("id") for e in page.iter("h2", "h3", "h4", "h5")]
    assert len(set(ids)) == len(ids)


def test_runin_heading_shares_its_line(long_doc: Document) -> None:
    page = tree(html_of(long_doc))
    [runin] = page.find_class("runin")
    assert [e.tag for e in runin] == ["h3", "p"]
    assert text(runin).startswith("（三）加强组织领导。")
    # The plain sheet gives a run-in heading a line of its own.
    assert not tree(html_of(long_doc, "plain")).find_class("runin")


def test_head() -> None:
    doc = hostile_document()
    page = tree(html_of(doc))
    assert page.get("lang") == "zh-CN"
    head = page.find("head")
    assert head[0].tag == "meta" and head[0].get("charset") == "utf-8"
    assert text(head.find("title")) == doc.meta.title
    metas = {m.get("name"): m.get("content") for m in head.iter("meta") if m.get("name")}
    assert metas["author"] == "null"
    assert metas["keywords"] == ", ".join(doc.meta.keywords)
    assert metas["dcterms.date"] == "2023-04-24"
    assert metas["dcterms.source"] == doc.meta.url


def test_head_of_the_seed(seed_doc: Document) -> None:
    data = html_of(seed_doc)
    assert data.startswith(b'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')
    head = tree(data).find("head")
    assert text(head.find("title")) == "区长在质量绩效管理推进会讲话"
    metas = {m.get("name"): m.get("content") for m in head.iter("meta") if m.get("name")}
    assert metas["keywords"].split(", ") == list(seed_doc.meta.keywords)
    assert metas["dcterms.source"] == seed_doc.meta.source_title
    assert "author" not in metas  # nothing known, nothing written


@pytest.mark.parametrize(
    ("meta", "title"),
    [
        (Meta(title="  标题  "), "标题"),
        (Meta(source_title="2023年某某讲话范文.doc"), "2023年某某讲话范文"),
        (Meta(), "未命名文档"),
    ],
)
def test_page_title_always_exists(meta: Meta, title: str) -> None:
    assert page_title(Document(meta)) == title
    assert text(tree(html_of(Document(meta))).find("head/title")) == title


def test_title_from_the_text() -> None:
    doc = Document(Meta(), (Paragraph("正" * 40),))
    assert page_title(doc) == "正" * 30 + "…"


# -- nothing runs, nothing is fetched -----------------------------------------------------


def assert_inert(data: bytes) -> None:
    page = tree(data)
    for el in page.iter():
        if not isinstance(el.tag, str):
            pytest.fail(f"comment or instruction in the page: {el!r}")
        assert el.tag not in ("script", "iframe", "object", "embed", "img", "link", "base")
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert name not in ("src", "href", "srcset", "action", "formaction", "style")
            if el.tag != "meta":
                assert "://" not in value and "javascript:" not in value.lower()
    style = sheet(data)
    assert "url(" not in style and "@import" not in style.lower()
    assert b"<script" not in data.lower()


@pytest.mark.parametrize("name", ["seed_doc", "long_doc"])
def test_no_scripts_and_no_external_resources(name: str, request: pytest.FixtureRequest) -> None:
    assert_inert(html_of(request.getfixturevalue(name)))


def test_hostile_text_stays_text() -> None:
    doc = hostile_document()
    data = html_of(doc)
    assert_inert(data)
    assert blocks(data) == expected(doc)
    paragraphs = [t for tag, _, t in blocks(data) if tag == "p"]
    for line in HOSTILE:
        assert line in paragraphs


def test_a_style_sheet_cannot_break_out_of_the_style_element(tmp_path: Path) -> None:
    sheet_path = tmp_path / "evil.toml"
    sheet_path.write_text(
        'extends = "gongwen"\n[roles.body]\nfonts = ["</style><script>alert(1)</script>"]\n',
        encoding="utf-8",
    )
    buf = io.BytesIO()
    HtmlWriter().write(Document(Meta(title="t")), buf, load(str(sheet_path)))
    data = buf.getvalue()
    assert_inert(data)
    assert "\\3c /style>\\3c script>" in sheet(data)


def test_control_characters_are_removed_with_a_warning() -> None:
    doc = Document(Meta(title="t\x00"), (Paragraph("a\x01b\ud800c"),))
    buf = io.BytesIO()
    warnings = HtmlWriter().write(doc, buf, load())
    assert [w.code for w in warnings] == [CODE]
    assert blocks(buf.getvalue()) == [("h1", "title", "t"), ("p", "", "abc")]


# -- the style ----------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["gongwen", "plain"])
def test_css_is_the_books(style: str) -> None:
    """Every role rule is the EPUB's, from the same code."""
    page_css = sheet(html_of(Document(Meta(title="t")), style))
    book_css = epub_css.stylesheet(load(style))
    for name in ("p", ".lead", ".runin", *(css.selector(r) for r in css.BLOCK_ROLES)):
        assert rule(page_css, name) == rule(book_css, name), name
    # The page adds only a zero margin to the body (a browser's 8px would narrow the print).
    assert rule(page_css, "body") == {**rule(book_css, "body"), "margin": "0"}


def test_page_rules_gongwen() -> None:
    page_css = sheet(html_of(Document(Meta(title="t"))))
    page = rule(page_css, "@page")
    assert page == {"size": "210mm 297mm", "margin": "37mm 26mm 35mm 28mm"}
    assert rule(page_css, "html") == {"font-size": "16pt"}
    assert rule(page_css, "html")["font-size"] == "16pt"  # 三号
    sheet_rule = rule(page_css, ".sheet")
    assert sheet_rule["max-width"] == "156mm"  # the text block: 210 - 28 - 26
    # 28 characters a line: 2 indent + 26 × (16pt + spacing) fit in 156mm.
    spacing = float(sheet_rule["letter-spacing"].removesuffix("pt"))
    assert 32 + 26 * (16 + spacing) <= 156 / 25.4 * 72 < 32 + 26 * (16 + spacing) + 26 * 0.02
    # Page numbers “— N —” on the outside edge.
    left = rule(page_css, "@page:left", "@bottom-left")
    right = rule(page_css, "@page:right", "@bottom-right")
    assert left["content"] == right["content"] == '"— " counter(page) " —"'
    assert left["padding-left"] == right["padding-right"] == "14pt"  # 1em of 四号
    assert left["padding-top"] == "19.843pt"  # 7mm below the text block


def test_page_rules_plain() -> None:
    page_css = sheet(html_of(Document(Meta(title="t")), "plain"))
    assert rule(page_css, "@page")["margin"] == "25.4mm 31.8mm 25.4mm 31.8mm"
    assert rule(page_css, "html")["font-size"] == "12pt"  # 小四
    assert "letter-spacing" not in rule(page_css, ".sheet")  # no grid
    assert rule(page_css, "@page", "@bottom-center")["content"] == "counter(page)"


def test_screen_and_print(seed_doc: Document) -> None:
    page_css = sheet(html_of(seed_doc))
    wide = "@media screen and (min-width: 210mm)"
    assert rule(page_css, wide, ".sheet")["padding"] == "37mm 26mm 35mm 28mm"
    assert rule(page_css, wide, ".sheet")["background"] == "#fff"
    assert rule(page_css, "@media print", ".sheet")["max-width"] == "none"
    assert rule(page_css, ".runin > h5") == {"display": "inline"}


# -- output --------------------------------------------------------------------------------


def test_deterministic(long_doc: Document) -> None:
    assert html_of(long_doc) == html_of(long_doc)


def test_output_is_lf_utf8(seed_doc: Document) -> None:
    data = html_of(seed_doc)
    assert b"\r" not in data and data.endswith(b"</html>\n")
    data.decode("utf-8")


def test_empty_document() -> None:
    data = html_of(Document())
    assert blocks(data) == []
    assert text(tree(data).find("head/title")) == "未命名文档"


# -- in a browser --------------------------------------------------------------------------


def chromium(*args: str, tmp_path: Path) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:  # optional: .ci/run does not install a browser
        pytest.skip("chromium is not installed")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS / "fontconfig.conf")}
    subprocess.run(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        env=env,
        capture_output=True,
        timeout=120,
        check=True,
    )


@pytest.mark.slow
def test_chromium_prints_gongwen_pages(seed_doc: Document, tmp_path: Path) -> None:
    """Printed from a browser, the page is A4 with the sheet's margins, 28 characters a
    line, 22 lines a page and “— N —” page numbers."""
    page = tmp_path / "speech.html"
    page.write_bytes(html_of(seed_doc))
    pdf = tmp_path / "speech.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(), tmp_path=tmp_path)
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) >= 5
        for p in doc.pages:
            assert (round(p.width), round(p.height)) == (595, 842)
        first = doc.pages[0].extract_text()
        second = doc.pages[1]
        lines = second.extract_text().splitlines()
        assert first.startswith("区长在质量绩效管理推进会讲话")
        assert lines[-1].replace(" ", "") == "—2—"
        body = [ln for ln in lines[:-1] if ln.strip()]
        assert len(body) == 22  # the document grid's lines
        widths = [sum(1 if ord(c) > 0x2E80 else 0.5 for c in ln) for ln in body]
        assert max(widths) <= 28 and sum(w >= 27 for w in widths) >= 15
        # The text block sits inside the margins: left 28mm, top 37mm.
        words = second.extract_words()
        assert min(w["x0"] for w in words) >= 28 / 25.4 * 72 - 1
        assert min(w["top"] for w in words) >= 37 / 25.4 * 72 - 8


@pytest.mark.slow
def test_chromium_screenshot(long_doc: Document, tmp_path: Path) -> None:
    """On screen: a white sheet centred on a grey desk, the text in the sheet's column."""
    from PIL import Image

    page = tmp_path / "long.html"
    page.write_bytes(html_of(long_doc))
    png = tmp_path / "long.png"
    chromium("--window-size=1200,1000", f"--screenshot={png}", page.as_uri(), tmp_path=tmp_path)
    image = Image.open(png).convert("RGB")
    row = [image.getpixel((x, 500)) for x in range(image.width)]
    white = [x for x, c in enumerate(row) if c == (255, 255, 255)]
    assert row[5] != (255, 255, 255)  # the desk
    left, right = white[0], white[-1]
    assert abs((left + right) / 2 - image.width / 2) < 12  # centred
    assert abs((right - left) - 210 / 25.4 * 96) < 12  # as wide as A4
    ink = [
        x
        for y in range(300, 900, 3)
        for x in range(left, right)
        if sum(image.getpixel((x, y))) < 200
    ]
    px = 96 / 25.4
    assert ink and left + 28 * px - 4 <= min(ink) and max(ink) <= right - 26 * px + 4


def test_style_written_once() -> None:
    data = html_of(Document(Meta(title="t")))
    assert len(re.findall(rb"<style>", data)) == 1
