"""Round trip: docconv reads its own JSON view and Markdown back, so a cleaned page can be
edited by hand (or by a script) and typeset again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, SHARED, require_tool
from hypothesis import given
from hypothesis import strategies as st
from test_properties import MODEL_CHARS, examples, models

from convert import api, readers
from convert.errors import InputError
from convert.model import Document, Heading, Item, Meta, Note, Paragraph, Table
from convert.structure import assign_roles
from convert.zh import labels

DOCCONV = [sys.executable, "-m", "convert"]


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **env}
    return subprocess.run([*DOCCONV, *args], capture_output=True, cwd=cwd, env=environ, timeout=120)


def from_json(doc: Document) -> Document:
    return api.read(api.write_bytes(doc, "json"), name="x.json")


def from_md(doc: Document) -> Document:
    return api.read(api.write_bytes(doc, "md"), name="x.md")


def markdown_view(doc: Document) -> Document:
    """What Markdown holds of a document (README, "Reading docconv's own formats"): text,
    title, subtitle, heading levels, leads, notes, list items and the front matter's metadata. Roles and
    numbering labels are found again from the words, by the rules structure uses; run-in
    headings, empty blocks and the site's details (pages, size, removals, repairs) are not
    held."""
    blocks: list[Heading | Paragraph | Note | Item] = []
    for b in doc.blocks:
        if not b.text.strip():
            continue
        if isinstance(b, Heading):
            text = " ".join(b.text.splitlines())
            label = labels.match(text)
            if label is None or label.kind == "article":
                blocks.append(Heading(b.level, text))
            else:
                blocks.append(Heading(b.level, text, label.text, label.kind))
        elif isinstance(b, Paragraph):
            blocks.append(Paragraph(b.text, "body", b.lead if b.role == "body" else ""))
        elif isinstance(b, Item):
            blocks.append(Item(b.text, labels.item_label(b.text)))
        else:
            blocks.append(b)
    m = doc.meta
    meta = Meta(
        title=" ".join(m.title.strip().splitlines()),
        subtitle=" ".join(m.subtitle.strip().splitlines()) if m.title.strip() else "",
        author=m.author.strip(),
        date=m.date,
        keywords=m.keywords,
        subject=" ".join(m.subject.strip().splitlines()),
        lang=m.lang or "zh-CN",
        url=m.url,
        source_title="" if m.url else m.source_title,
    )
    return Document(meta, tuple(assign_roles(blocks)))


# -- the JSON view -------------------------------------------------------------------------


def test_json_gives_back_the_exact_document(seed_doc: Document) -> None:
    assert from_json(seed_doc) == seed_doc
    assert seed_doc.meta.removed and seed_doc.meta.changes  # provenance travels too


@examples(100)
@given(models())
def test_json_round_trip_of_generated_documents(doc: Document) -> None:
    assert from_json(doc) == doc


def test_json_gives_back_a_table() -> None:
    table = Table((("项目", "金额"), ("差旅费", "1,200"), ("会议费", "")), header=1)
    doc = Document(Meta(title="经费表"), (Paragraph("如下。"), table, Note("注：单位元。")))
    view = json.loads(api.write_bytes(doc, "json"))
    assert view["blocks"][1] == {
        "type": "table",
        "header": 1,
        "rows": [["项目", "金额"], ["差旅费", "1,200"], ["会议费", ""]],
    }
    back = from_json(doc)
    assert back == doc and isinstance(back.blocks[1], Table)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('{"type": "table", "rows": [["a", "b"], ["c"]]}', "same number of cells"),
        ('{"type": "table", "rows": []}', "at least one row"),
        ('{"type": "table", "rows": [["a"]], "header": 3}', "header rows"),
        ('{"type": "table", "rows": [[1]]}', "rows cannot be"),
    ],
)
def test_a_bad_table_in_json_is_one_line(table: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as e:
        api.read(f'{{"version": 1, "blocks": [{table}]}}'.encode(), name="bad.json")
    assert "\n" not in str(e.value)


@st.composite
def tables(draw: st.DrawFn) -> Document:
    """A document holding a table: any cells (GFM trims a cell, so none starts or ends with
    a space), at most one header row (all GFM has)."""
    cell = st.text(st.sampled_from(MODEL_CHARS), max_size=12).map(lambda t: t.strip(" \u3000"))
    width = draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=5))
    if not any(any(r) for r in rows):
        rows[0][0] = "甲"
    header = draw(st.integers(0, min(1, len(rows))))
    if header == 0 and not any(rows[0]):
        rows[0][0] = "乙"  # an empty first row is how Markdown says "no header"
    table = Table(tuple(tuple(r) for r in rows), header)
    return Document(Meta(title="表"), (Paragraph("如下。"), table))


@examples(100)
@given(tables())
def test_tables_round_trip(doc: Document) -> None:
    assert from_json(doc) == doc
    assert from_md(doc).blocks == doc.blocks


@pytest.mark.parametrize("fmt", ["docx", "epub", "pdf"])
def test_json_typesets_to_the_same_bytes(fmt: str, tmp_path: Path) -> None:
    page = SAMPLES / "speech.html"
    assert run(str(page), "--to", "json", "-o", str(tmp_path / "s.json")).returncode == 0
    direct = run(str(page), "--to", fmt, "-o", str(tmp_path / f"direct.{fmt}"))
    again = run(str(tmp_path / "s.json"), "--to", fmt, "-o", str(tmp_path / f"again.{fmt}"))
    assert direct.returncode == again.returncode == 0, again.stderr
    assert (tmp_path / f"direct.{fmt}").read_bytes() == (tmp_path / f"again.{fmt}").read_bytes()


def test_json_from_a_newer_docconv_is_a_clear_error(seed_doc: Document, tmp_path: Path) -> None:
    view = json.loads(api.write_bytes(seed_doc, "json"))
    view["version"] += 1
    (tmp_path / "new.json").write_text(json.dumps(view, ensure_ascii=False), encoding="utf-8")
    p = run(str(tmp_path / "new.json"), "--to", "docx")
    err = p.stderr.decode()
    assert p.returncode == 1 and err.count("\n") == 1, err
    assert "newer docconv" in err and f"model version {view['version']}" in err
    assert not (tmp_path / "new.docx").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"version": 1, "blocks": [', "is not valid JSON"),
        ('{"version": 1, "blocks": [{"type": "picture"}]}', "unknown type 'picture'"),
        ('{"version": 1, "blocks": [{"type": "heading", "level": 9, "text": "x"}]}', "level"),
        ('{"version": 1, "blocks": [{"type": "paragraph", "text": 5}]}', "text cannot be 5"),
        ('{"version": 1, "blocks": [{"type": "paragraph", "text": "x", "role": "boss"}]}', "role"),
        ('{"version": 1, "meta": {"keywords": "a"}, "blocks": []}', "keywords cannot be"),
        ('{"version": 1, "meta": [], "blocks": []}', "meta is not an object"),
        ('{"blocks": []}', "no model version"),
        ("[" * 100_000, "is not valid JSON"),
    ],
)
def test_a_json_of_another_shape_is_one_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        api.read(text.encode(), name="bad.json")


def test_json_on_stdin_is_recognised_by_its_content(seed_doc: Document) -> None:
    data = api.write_bytes(seed_doc, "json")
    assert readers.sniff(data, "") == "json"
    p = subprocess.run([*DOCCONV, "-", "--to", "txt", "-o", "-"], input=data, capture_output=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode("utf-8") == api.write_bytes(seed_doc, "txt").decode("utf-8")


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_gives_back_the_seed(seed_doc: Document) -> None:
    back = from_md(seed_doc)
    assert back == markdown_view(seed_doc)
    # The parts a reader of the PDF sees, spelled out:
    assert back.meta.title == "区长在质量绩效管理推进会讲话"
    assert [(h.level, h.label, h.kind) for h in back.headings] == [
        (h.level, h.label, h.kind) for h in seed_doc.headings
    ]
    assert [getattr(b, "role", "") for b in back.blocks] == [
        getattr(b, "role", "") for b in seed_doc.blocks
    ]
    leads = [b.lead for b in back.blocks if isinstance(b, Paragraph) and b.lead]
    assert "一是政府推动。" in leads and "二是部门联动。" in leads


@examples(150)
@given(models())
def test_markdown_round_trip_of_generated_documents(doc: Document) -> None:
    assert from_md(doc) == markdown_view(doc)


def corpus_pages() -> list[Path]:
    pages = [*(ROOT / "tests" / "corpus").glob("*.txt")]
    for folder in ("pages", "annotated"):
        pages += sorted((SHARED / "corpus" / folder).glob("*.txt"))
    return sorted(pages)


def test_every_corpus_page_reads_back() -> None:
    pages = corpus_pages()
    if len(pages) < 20:
        pytest.skip("the shared corpus is not available")
    done = 0
    for page in pages:
        try:
            doc = api.read(page)
        except InputError:
            continue  # a page with no document text
        assert from_json(doc) == doc, page.name
        assert from_md(doc) == markdown_view(doc), page.name
        done += 1
    assert done >= 20


# -- hand-written Markdown -----------------------------------------------------------------

HAND = """\
# 关于开展安全生产大检查的通知

各科室：

## 一、检查范围

全体**员工**参与。温馨提示：本文由网友上传。

### （一）重点部位

**一是仓库**。要逐一排查
消防通道，不留死角。

## 二、时间安排

> 注：检查结果报办公室。

1. 第一周自查
2. 第二周抽查

办公室

2024年5月6日
"""


def test_hand_written_markdown() -> None:
    doc = api.read(HAND.encode(), name="notice.md")
    assert doc.meta.title == "关于开展安全生产大检查的通知"
    heads = [(h.level, h.label, h.kind, h.text) for h in doc.headings]
    assert heads == [
        (1, "一、", "cn", "一、检查范围"),
        (2, "（一）", "cn-paren", "（一）重点部位"),
        (1, "二、", "cn", "二、时间安排"),
    ]
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras[0].role == "salutation" and paras[0].text == "各科室："
    # No chrome cleaning and no repair unless asked: the page-like line stays as written.
    assert paras[1].text == "全体员工参与。温馨提示：本文由网友上传。" and paras[1].lead == ""
    # A bold start is the lead (its 。 taken back), a soft break between Chinese is no space.
    assert (
        paras[2].lead == "一是仓库。"
        and paras[2].text == "一是仓库。要逐一排查消防通道，不留死角。"
    )
    assert [b.text for b in doc.blocks if isinstance(b, Note)] == ["注：检查结果报办公室。"]
    items = [(b.label, b.text) for b in doc.blocks if isinstance(b, Item)]
    assert items == [("1.", "1. 第一周自查"), ("2.", "2. 第二周抽查")]
    assert [(p.text, p.role) for p in paras[-2:]] == [
        ("办公室", "signature"),
        ("2024年5月6日", "date"),
    ]
    assert doc.meta.changes == () and doc.meta.removed == ()


def test_hand_written_markdown_without_a_title_starts_at_its_shallowest_heading() -> None:
    doc = api.read("## 第一章 总则\n\n正文。\n\n### 第一节 目的\n\n正文。\n".encode(), name="a.md")
    assert doc.meta.title == ""
    assert [(h.level, h.kind) for h in doc.headings] == [(1, "chapter"), (2, "section")]


def test_markdown_repaired_only_when_asked() -> None:
    text = "# 标题\n\n我们要提供优质效劳,让群众满意.\n".encode()
    assert api.read(text, name="a.md").blocks[0].text == "我们要提供优质效劳,让群众满意."
    repaired = api.read(text, name="a.md", repair=True).blocks[0].text
    assert repaired != "我们要提供优质效劳,让群众满意." and "，" in repaired


def test_bad_front_matter_is_one_line() -> None:
    with pytest.raises(InputError, match="front matter is not valid YAML"):
        api.read(b"---\ntitle: [unclosed\n---\n\ntext\n", name="a.md")


# -- edit and typeset again ----------------------------------------------------------------


def test_edit_the_markdown_and_typeset_again(tmp_path: Path) -> None:
    """The workflow README shows: page → Markdown → an edit → PDF and DOCX in the gongwen
    style, with the edit in both."""
    md = tmp_path / "speech.md"
    assert run(str(SAMPLES / "speech.html"), "--to", "md", "-o", str(md)).returncode == 0
    text = md.read_text(encoding="utf-8")
    old_heading = next(line for line in text.splitlines() if line.startswith("## 三、"))
    new_heading = "## 三、强化督查，狠抓质量工作落实"
    removed = next(p for p in text.split("\n\n") if p.startswith("质量安全事关群众"))
    edited = text.replace(old_heading, new_heading).replace(removed + "\n\n", "")
    assert edited != text and removed not in edited
    md.write_text(edited, encoding="utf-8")
    for fmt in ("docx", "pdf"):
        p = run(str(md), "--to", fmt, "-o", str(tmp_path / f"speech.{fmt}"))
        assert p.returncode == 0, p.stderr

    from docx import Document as Docx
    from docx.shared import Mm

    docx = Docx(str(tmp_path / "speech.docx"))
    paras = [(p.style.name, p.text) for p in docx.paragraphs]
    assert ("Heading 1", new_heading[3:]) in paras
    assert all(removed[:30] not in t for _, t in paras)
    assert ("Title", "区长在质量绩效管理推进会讲话") in paras
    sect = docx.sections[0]
    assert (round(sect.page_width / Mm(1)), round(sect.page_height / Mm(1))) == (210, 297)
    assert round(sect.top_margin / Mm(1)) == 37  # GB/T 9704: the gongwen page
    with zipfile.ZipFile(tmp_path / "speech.docx") as z:
        assert 'w:linePitch="579"' in z.read("word/document.xml").decode()

    pdftotext = require_tool("pdftotext")
    out = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "speech.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    flat = "".join(out.split())
    assert "三、强化督查，狠抓质量工作落实" in flat
    assert "".join(removed.split())[:30] not in flat


def test_formats_lists_the_readers() -> None:
    p = run("formats")
    assert p.returncode == 0
    out = p.stdout.decode()
    for name in ("html", "mhtml", "txt", "json", "md"):
        assert any(line.split()[:1] == [name] for line in out.splitlines()), out


def test_from_names_the_input_format(seed_doc: Document, tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"  # Markdown under another name
    src.write_text("# 标题\n\n## 一、第一部分\n\n正文。\n", encoding="utf-8")
    p = run(str(src), "--from", "md", "--to", "json", "-o", "-")
    assert p.returncode == 0, p.stderr
    view = json.loads(p.stdout)
    assert view["meta"]["title"] == "标题"
    assert view["blocks"][0] == {**view["blocks"][0], "type": "heading", "level": 1}
    bad = run(str(src), "--from", "rtf", "--to", "json", "-o", "-")
    assert bad.returncode == 4 and b"rtf" in bad.stderr
