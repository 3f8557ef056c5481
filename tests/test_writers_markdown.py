"""The Markdown writer, read back with a CommonMark parser (markdown-it-py, tables and
strikethrough on as on GitHub) and, when installed, with pandoc's own Markdown readers."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import unicodedata

import pytest
import yaml
from hostile import HOSTILE, hostile_document
from markdown_it import MarkdownIt

from convert.model import Document, Heading, Meta, Note, Paragraph
from convert.safetext import CODE
from convert.styles import load
from convert.writers import markdown
from convert.writers.markdown import MarkdownWriter, escape

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def md_of(doc: Document) -> str:
    buf = io.BytesIO()
    assert MarkdownWriter().write(doc, buf, load("gongwen")) == []
    return buf.getvalue().decode("utf-8")


def split(md: str) -> tuple[dict[str, object], str]:
    m = FRONT.match(md)
    assert m, "no front matter"
    meta = yaml.safe_load(m.group(1))
    assert isinstance(meta, dict)
    return meta, md[m.end() :]


def expected(doc: Document) -> list[tuple[str, str]]:
    """(element, text) for every block the Markdown should show, in order."""
    out = []
    if doc.meta.title.strip():
        out.append(("h1", doc.meta.title.strip()))
    if doc.meta.subtitle.strip():
        out.append(("p", doc.meta.subtitle.strip()))
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append((f"h{b.level + 1}", b.text))
        elif isinstance(b, Note):
            out.append(("quote", b.text))
        elif b.text.strip():
            out.append(("p", b.text))
    return out


# -- markdown-it ---------------------------------------------------------------------------


def parse(body: str) -> list[tuple[str, str, list[str]]]:
    """(element, text, bold spans) per block; any other markup fails the test."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(body)
    blocks: list[tuple[str, str, list[str]]] = []
    kind = ""
    quoted = False
    for tok in tokens:
        if tok.type == "blockquote_open":
            quoted = True
        elif tok.type == "blockquote_close":
            quoted = False
        elif tok.type == "heading_open":
            kind = tok.tag
        elif tok.type == "paragraph_open":
            kind = "quote" if quoted else "p"
        elif tok.type == "inline":
            text, bold, spans = "", None, []
            for child in tok.children or []:
                if child.type == "text":
                    text += child.content
                    if bold is not None:
                        bold += child.content
                elif child.type in ("softbreak", "hardbreak"):
                    text += "\n"
                elif child.type == "strong_open":
                    bold = ""
                elif child.type == "strong_close":
                    assert bold is not None
                    spans.append(bold)
                    bold = None
                else:
                    pytest.fail(f"markup {child.type} in {tok.content!r}")
            blocks.append((kind, text, spans))
        elif tok.type not in ("heading_close", "paragraph_close"):
            pytest.fail(f"block {tok.type} in the Markdown")
    return blocks


@pytest.mark.parametrize("name", ["seed_doc", "long_doc", "plain_doc"])
def test_text_reads_back(name: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(name)
    _, body = split(md_of(doc))
    assert [(k, t) for k, t, _ in parse(body)] == expected(doc)


def test_hostile_text_stays_text() -> None:
    doc = hostile_document()
    md = md_of(doc)
    _, body = split(md)
    blocks = parse(body)
    assert [(k, t) for k, t, _ in blocks] == expected(doc)
    # Only the two paragraphs with a lead are bold, and only their leads.
    assert [s for _, _, s in blocks if s] == [["**一是*"], ["*二是<b>"]]
    assert "<script" not in md.replace("\\<script", "")


def test_headings_keep_their_levels(long_doc: Document) -> None:
    _, body = split(md_of(long_doc))
    got = [k for k, _, _ in parse(body) if k.startswith("h")]
    assert got == ["h1"] + [f"h{h.level + 1}" for h in long_doc.headings]
    assert body.startswith("\n# 关于进一步加强质量管理工作的实施意见\n")
    assert "\n## 一、第一部分的工作任务和要求\n" in body
    assert "\n#### 1\\.完善配套政策措施\n" in body
    assert "\n##### （1）健全考核评价体系\n" in body


def test_leads_are_bold(seed_doc: Document, long_doc: Document) -> None:
    for doc in (seed_doc, long_doc):
        _, body = split(md_of(doc))
        spans = [s for k, _, s in parse(body) if s]
        leads = [b.lead for b in doc.blocks if isinstance(b, Paragraph) and b.lead]
        assert leads
        # Only closing punctuation may stay outside (CommonMark cannot close ** after 。
        # before a letter); everything else of the lead is bold.
        assert len(spans) == len(leads)
        for [span], lead in zip(spans, leads, strict=True):
            assert lead.startswith(span)
            assert all(unicodedata.category(c)[0] in "PZ" for c in lead[len(span) :])
            assert span == lead.rstrip("。：，　 ")


@pytest.mark.parametrize(
    ("text", "lead", "bold"),
    [
        ("一是政府推动。一方面", "一是政府推动。", "一是政府推动"),
        ("围绕“两个中心”。一是", "围绕“两个中心”。", "围绕“两个中心”"),
        ("第一条　本办法", "第一条　", "第一条"),
        ("一是推动。", "一是推动。", "一是推动。"),
        ("一是推动。 其后", "一是推动。", "一是推动。"),
        ("（一）加强。（二）", "（一）加强。", "（一）加强。"),
        ("。。。其后", "。。。", "。。"),
    ],
)
def test_lead_bold_closes(text: str, lead: str, bold: str) -> None:
    doc = Document(Meta(title="t"), (Paragraph(text, lead=lead),))
    _, body = split(md_of(doc))
    assert parse(body)[-1] == ("p", text, [bold])


def test_notes_are_block_quotes(long_doc: Document) -> None:
    md = md_of(long_doc)
    assert "\n> 注：本文所列数据均为示例，不代表实际统计结果。\n" in md


def test_signature_and_date_are_plain_paragraphs(long_doc: Document) -> None:
    md = md_of(long_doc)
    assert md.endswith("\n\n某某市人民政府办公室\n\n2023年4月24日\n")


@pytest.mark.parametrize(
    ("text", "md"),
    [
        ("1. 列表", "1\\. 列表"),
        ("# 标题", "\\# 标题"),
        ("> 引用", "\\> 引用"),
        ("- 列表", "\\- 列表"),
        ("a*b_c`d", "a\\*b\\_c\\`d"),
        ("<b>", "\\<b\\>"),
        ("[x](y)", "\\[x\\](y)"),
        ("a|b", "a\\|b"),
        ("&amp;", "\\&amp;"),
        ("2023年4月", "2023年4月"),
        ("GB/T 19001-2016", "GB/T 19001-2016"),
        ("1,234.56亿元", "1,234.56亿元"),
        ("    代码", "&#32;&#32;&#32;&#32;代码"),
        ("\u3000\u3000正文\u3000", "&#12288;&#12288;正文&#12288;"),
        ("\t", "&#9;"),
        ("a -- b ...", "a \\-\\- b \\.\\.\\."),
        (":smile:", "\\:smile\\:"),
        ("10:30", "10:30"),
    ],
)
def test_escape(text: str, md: str) -> None:
    assert escape(text) == md


def test_line_breaks_inside_a_block_are_hard_breaks() -> None:
    doc = Document(Meta(title="t"), (Paragraph("第一行\n# 第二行\r\n第三行"),))
    _, body = split(md_of(doc))
    assert parse(body)[-1] == ("p", "第一行\n# 第二行\n第三行", [])


# -- front matter --------------------------------------------------------------------------


def test_front_matter_of_the_seed(seed_doc: Document) -> None:
    meta, _ = split(md_of(seed_doc))
    assert meta == {
        "title": "区长在质量绩效管理推进会讲话",
        "date": "2023-04-24",
        "keywords": list(seed_doc.meta.keywords),
        "lang": "zh-CN",
        "source": "2023年区长在质量绩效管理推进会讲话范文.doc",
    }
    assert isinstance(meta["keywords"], list) and "2023" in meta["keywords"]  # a string


def inline_text(md: str) -> str:
    """What a Markdown reader shows for a metadata value (pandoc reads them as Markdown)."""
    blocks = parse(md)
    assert len(blocks) <= 1
    return blocks[0][1] if blocks else ""


def test_front_matter_quoting() -> None:
    doc = hostile_document()
    meta, _ = split(md_of(doc))
    m = doc.meta
    assert inline_text(str(meta["title"])) == m.title
    assert inline_text(str(meta["subtitle"])) == m.subtitle
    assert meta["author"] == "null"  # a string, not None
    assert [inline_text(str(k)) for k in meta["keywords"]] == list(m.keywords)  # type: ignore[attr-defined]
    assert meta["source"] == m.url  # data: exactly as it is
    assert meta["date"] == "2023-04-24"


@pytest.mark.parametrize(
    "value",
    [
        "yes",
        "no",
        "~",
        "null",
        "1e3",
        "0x1F",
        "2023-04-24",
        ": x",
        "- y",
        "'a'",
        '"b"',
        "a # b",
        "{x}",
        "[y]",
        "&a *b !c |d >e %f @g `h",
        "tab\there",
        "line\nbreak",
        "nel\x85",
        "ls\u2028ps\u2029",
        "bom\ufeff",
        "c1\x9f",
        "反斜杠\\",
        "  padded  ",
    ],
)
def test_yaml_values_read_back_exactly(value: str) -> None:
    loaded = yaml.safe_load(f"key: {markdown._yaml(value)}\n")
    assert loaded == {"key": value}


def test_empty_document() -> None:
    md = md_of(Document())
    assert md == "---\nlang: 'zh-CN'\n---\n"


def test_no_empty_paragraphs() -> None:
    doc = Document(Meta(title="t"), (Paragraph(""), Paragraph("  "), Paragraph("正文")))
    assert md_of(doc).endswith("---\n\n# t\n\n正文\n")


def test_control_characters_are_removed_with_a_warning() -> None:
    doc = Document(Meta(title="t"), (Paragraph("a\x00b\ud800c"),))
    buf = io.BytesIO()
    warnings = MarkdownWriter().write(doc, buf, load())
    assert [w.code for w in warnings] == [CODE]
    assert buf.getvalue().decode("utf-8").endswith("\nabc\n")


def test_output_is_lf_with_a_final_newline(seed_doc: Document) -> None:
    data = md_of(seed_doc).encode("utf-8")
    assert b"\r" not in data and data.endswith(b"\n") and not data.endswith(b"\n\n")


# -- pandoc ------------------------------------------------------------------------------


def pandoc_blocks(md: str, reader: str) -> tuple[list[tuple[str, str]], dict[str, object]]:
    pandoc = shutil.which("pandoc")
    if pandoc is None:  # optional: .ci/run does not install pandoc
        pytest.skip("pandoc is not installed")
    out = subprocess.run(
        [pandoc, "-f", reader, "-t", "json"],
        input=md.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    ast = json.loads(out)

    def inlines(xs: list[dict[str, object]]) -> str:
        text = ""
        for x in xs:
            t = x["t"]
            if t == "Str":
                text += str(x["c"])
            elif t == "Space":
                text += " "
            elif t in ("SoftBreak", "LineBreak"):
                text += "\n"
            elif t == "Strong":
                text += inlines(x["c"])  # type: ignore[arg-type]
            elif t == "Link" and reader == "gfm":
                # GitHub links bare URLs (autolink literals); the text stays the same.
                text += inlines(x["c"][1])  # type: ignore[index]
            else:
                pytest.fail(f"pandoc {reader} read markup {t}: {json.dumps(x)[:120]}")
        return text

    blocks = []
    for b in ast["blocks"]:
        if b["t"] == "Header":
            blocks.append((f"h{b['c'][0]}", inlines(b["c"][2])))
        elif b["t"] == "Para":
            blocks.append(("p", inlines(b["c"])))
        elif b["t"] == "BlockQuote":
            blocks.extend(("quote", inlines(p["c"])) for p in b["c"])
        else:
            pytest.fail(f"pandoc {reader} read a {b['t']} block")
    meta = {k: v for k, v in ast["meta"].items()}
    title = meta.get("title")
    shown = {"title": inlines(title["c"]) if isinstance(title, dict) else None}
    return blocks, shown


def spaces(text: str) -> str:
    # pandoc keeps one space for a run of spaces and tabs, and none at a block's ends.
    return re.sub(r"[ \t]+", " ", text).strip(" ")


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["markdown", "gfm", "commonmark+yaml_metadata_block"])
def test_pandoc_reads_the_text(reader: str, long_doc: Document) -> None:
    for doc in (long_doc, hostile_document()):
        blocks, meta = pandoc_blocks(md_of(doc), reader)
        assert [(k, spaces(t)) for k, t in blocks] == [(k, spaces(t)) for k, t in expected(doc)]
        if reader == "markdown":  # the YAML block is pandoc Markdown's own extension
            assert meta["title"] == spaces(doc.meta.title)


def test_every_hostile_line_is_a_paragraph_of_its_own() -> None:
    _, body = split(md_of(hostile_document()))
    paragraphs = [t for k, t, _ in parse(body) if k == "p"]
    for line in HOSTILE:
        assert line in paragraphs
