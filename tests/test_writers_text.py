"""The plain text writer: the model's text, laid out the way Chinese plain text is."""

from __future__ import annotations

import io

import pytest
from hostile import HOSTILE, hostile_document

from convert.model import Document, Meta, Paragraph
from convert.safetext import CODE
from convert.styles import load
from convert.writers.text import SPACE, TextWriter, width

INDENT = SPACE * 2


def txt_of(doc: Document, style: str = "gongwen") -> str:
    buf = io.BytesIO()
    assert TextWriter().write(doc, buf, load(style)) == []
    data = buf.getvalue()
    assert b"\r" not in data and data.endswith(b"\n") and not data.endswith(b"\n\n")
    return data.decode("utf-8")


def chunks(text: str) -> list[str]:
    """The blocks of a text file: separated by blank lines."""
    return text.removesuffix("\n").split("\n\n")


def expected(doc: Document) -> list[str]:
    out = [t.strip() for t in (doc.meta.title, doc.meta.subtitle) if t.strip()]
    return out + [b.text for b in doc.blocks if b.text.strip()]


@pytest.mark.parametrize("name", ["seed_doc", "long_doc", "plain_doc"])
@pytest.mark.parametrize("style", ["gongwen", "plain"])
def test_text_comes_back(name: str, style: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(name)
    got = [c.lstrip(SPACE) for c in chunks(txt_of(doc, style))]
    assert got == expected(doc)


def test_seed_layout(seed_doc: Document) -> None:
    text = txt_of(seed_doc)
    parts = chunks(text)
    title = parts[0]
    # The title centred on the 28-character line of the gongwen grid.
    pad = len(title) - len(title.lstrip(SPACE))
    assert title.lstrip(SPACE) == "区长在质量绩效管理推进会讲话"
    assert pad == (28 - 14) // 2
    assert parts[1] == "同志们："  # a salutation starts at the margin
    assert parts[2].startswith(INDENT + "今天") and not parts[2].startswith(INDENT + SPACE)
    heading = next(p for p in parts if "立足当前" in p)
    assert heading == INDENT + "一、立足当前，充分认识和把握质量工作面临的新形势。"
    lead = next(p for p in parts if p.lstrip(SPACE).startswith("一是政府推动。"))
    assert lead.startswith(INDENT + "一是")


def test_signature_and_date_are_pushed_right(long_doc: Document) -> None:
    lines = txt_of(long_doc).splitlines()
    # gongwen: right-aligned, 4 characters in from the right edge of a 28-character line.
    assert lines[-3].lstrip(SPACE) == "某某市人民政府办公室"
    assert lines[-1].lstrip(SPACE) == "2023年4月24日"
    for line in (lines[-3], lines[-1]):
        assert width(line) + 4 in (28, 27.5)
    # Without a grid (plain) they start at the margin.
    plain = txt_of(long_doc, "plain").splitlines()
    assert plain[-3:] == ["某某市人民政府办公室", "", "2023年4月24日"]


def test_headings_on_their_own_lines(long_doc: Document) -> None:
    parts = chunks(txt_of(long_doc))
    for h in long_doc.headings:
        assert INDENT + h.text in parts
    # A run-in heading too.
    assert INDENT + "（三）加强组织领导。" in parts
    plain = chunks(txt_of(long_doc, "plain"))
    assert "一、第一部分的工作任务和要求" in plain  # plain headings have no indent


def test_paragraphs_indented_by_the_style(plain_doc: Document) -> None:
    parts = chunks(txt_of(plain_doc, "plain"))
    assert parts[0] == "在座谈会上的发言"  # no grid: nothing to centre on
    assert parts[1] == "同志们："
    assert all(p.startswith(INDENT) for p in parts[2:])


def test_hostile_text_is_written_as_it_is() -> None:
    doc = hostile_document()
    text = txt_of(doc)
    parts = [c.lstrip(SPACE) for c in chunks(text)]
    for line in HOSTILE:
        if "\n" not in line:
            assert line.lstrip(SPACE) in parts


def test_line_breaks_inside_a_block() -> None:
    doc = Document(Meta(title="t"), (Paragraph("第一行\r\n第二行\r第三行"),))
    assert txt_of(doc, "plain") == f"t\n\n{INDENT}第一行\n第二行\n第三行\n"


def test_empty_document_and_empty_blocks() -> None:
    assert txt_of(Document()) == "\n"
    doc = Document(Meta(title="t"), (Paragraph(""), Paragraph(" "), Paragraph("正文")))
    assert txt_of(doc, "plain") == f"t\n\n{INDENT}正文\n"


def test_wide_title_is_not_padded() -> None:
    doc = Document(Meta(title="标" * 30))
    assert txt_of(doc) == "标" * 30 + "\n"


def test_control_characters_are_removed_with_a_warning() -> None:
    doc = Document(Meta(title="t"), (Paragraph("a\x00b\ud800c"),))
    buf = io.BytesIO()
    warnings = TextWriter().write(doc, buf, load("plain"))
    assert [w.code for w in warnings] == [CODE]
    assert buf.getvalue().decode("utf-8") == f"t\n\n{INDENT}abc\n"


def test_width() -> None:
    assert width("区长") == 2
    assert width("2023年") == 3
    assert width("ＡＢ") == 2  # fullwidth Latin
