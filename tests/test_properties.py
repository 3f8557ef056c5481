"""No data loss, as properties (issue 9).

1. Generated documents (paragraphs, numbered headings, a salutation, mixed Chinese, Latin,
   digits and punctuation) wrapped in generated site chrome keep every body character, in
   order and contiguous, through `read(repair=False)`: squeeze(body) is a substring of
   squeeze(document text). The chrome is the kind the generic profile knows (buttons,
   metadata, copyright, page markers, notices, an end marker before recommendations).
2. Cleaning is idempotent: a cleaned document D, written as text or HTML and read again
   (repair=False), gives the same title, subtitle and block texts as D.
3. The readers keep every visible character of any text (escaped into HTML, or as a text
   file): only whitespace and the control characters `safetext` removes may change.
4. Every writer's output, read back (python-docx, zip + lxml, lxml, markdown-it-py, json;
   pdftotext), gives the model's text, for generated models.

What cleaning removes by design, and the generator therefore avoids (each is a heuristic
with its own tests): a run of 3+ characters immediately repeated twice in a line (PPT text
copied twice), spaces between every pair of ideographs, pinyin glosses, runs of rare
ideographs (anti-copy noise), a short paragraph starting with the page's title (a repeated
title), a paragraph that the text right below it starts with (a site summary), a final
"……"/"..." (the site's cut mark), 6+ digits ending a title-like line (a site's document
number), and lines that are exactly site buttons or notices.

Examples per property are kept small (the suite must stay fast) and derandomised, so a run
is reproducible; `DOCCONV_PROPERTIES=long` runs 20 times as many, randomly.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, replace

import pytest
from conftest import require_tool
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from mhtml import make_mhtml
from readback import READERS, expected_blocks, norm, pdf_text, squeeze

from convert import api, readers
from convert.clean.noise import common_ideographs
from convert.model import Block, Document, Heading, Item, Meta, Note, Paragraph
from convert.safetext import strip_controls
from convert.writers.layout import display_title
from convert.zh.labels import item_label

LONG = os.environ.get("DOCCONV_PROPERTIES") == "long"
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
# "docconv": the suite's (reproducible, a few hundred examples at most, about 20 s in all);
# "docconv-long": DOCCONV_PROPERTIES=long, random and 20 times as many.
settings.register_profile("docconv", derandomize=True, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("docconv-long", deadline=None, suppress_health_check=_QUIET)
PROFILE = settings.get_profile("docconv-long" if LONG else "docconv")


def examples(n: int) -> settings:
    return settings(PROFILE, max_examples=n * 20 if LONG else n)


# -- generated documents ----------------------------------------------------------------------

WORDS = (
    "工作 质量 管理 发展 建设 推进 落实 加强 提高 政府 部门 单位 群众 服务 制度 机制 改革 "
    "创新 经济 社会 安全 生产 教育 科技 文化 环境 保护 组织 领导 责任 考核 任务 目标 措施 "
    "问题 我们 全面 深入 认真 积极 进一步 必须 坚持 标准 体系 项目 资金 农村 城市 企业 市场 "
    "人才 队伍 作风 纪律 监督 检查 整改 完成 实现 增长 水平 能力 基础 重点 难点 方向 思想 "
    "学习 研究 调查 统计 数据 信息 平台 系统 网络 规划 方案 计划 总结 经验 成效 同比 百分点"
).split()
LATIN = ["ISO", "GB/T", "Python", "Linux", "PDF", "Word", "API", "CPU", "5G", "WPS", "e-mail"]
MID = ["，", "、", "；", "：", ",", ";"]
FINAL = ["。", "！", "？"]
CN_NUMBERS = "一二三四五六七八九十"
TITLE = "某某单位年度报告"  # the page's <title>: no body word starts with it
SITE = "文档分享网"

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(LATIN).map(lambda w: f" {w} "),
    st.integers(0, 99999).map(str),
    st.sampled_from(["6.8%", "1,234.56", "2023年", "12月", "30日", "第3季度"]),
    st.tuples(st.sampled_from(["“", "《", "（", "("]), st.sampled_from(WORDS)).map(
        lambda t: t[0] + t[1] + {"“": "”", "《": "》", "（": "）", "(": ")"}[t[0]]
    ),
)


def no_repeats(text: str) -> bool:
    """No run of 3+ characters immediately repeated (what PPT text copied twice looks like)."""
    return re.search(r"(\S{3,30}?)\1", text) is None


@st.composite
def sentence(draw: st.DrawFn) -> str:
    parts = draw(st.lists(token, min_size=2, max_size=10))
    out = ""
    for part in parts:
        out += part
        if draw(st.integers(0, 4)) == 0:
            out += draw(st.sampled_from(MID))
    text = re.sub(r"\s+", " ", out).strip().rstrip("，、；：,;") + draw(st.sampled_from(FINAL))
    assume(no_repeats(text))
    return text


paragraph = st.lists(sentence(), min_size=1, max_size=4).map("".join).filter(no_repeats)


@st.composite
def body(draw: st.DrawFn) -> list[tuple[str, str]]:
    """(kind, text): "title", "salutation", "heading" or "paragraph", in reading order."""
    out: list[tuple[str, str]] = []
    if draw(st.booleans()):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=5, unique=True))
        out.append(("title", "关于" + "".join(words) + "的通知"))
    if draw(st.booleans()):
        out.append(
            ("salutation", draw(st.sampled_from(["同志们：", "各位领导、同志们：", "各单位："])))
        )
    chapters = draw(st.integers(0, 4))
    if chapters == 0:
        out += [("paragraph", p) for p in draw(st.lists(paragraph, min_size=1, max_size=6))]
    for c in range(chapters):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True))
        out.append(("heading", f"{CN_NUMBERS[c]}、{''.join(words)}"))
        for s in range(draw(st.integers(0, 2))):
            words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True))
            out.append(("heading", f"（{CN_NUMBERS[s]}）{''.join(words)}"))
            out += [("paragraph", p) for p in draw(st.lists(paragraph, min_size=1, max_size=2))]
        out += [("paragraph", p) for p in draw(st.lists(paragraph, min_size=0, max_size=2))]
    texts = [t for _, t in out]
    # Distinct paragraphs, none the start of another: cleaning drops a summary that the
    # text right below it repeats.
    assume(len(set(texts)) == len(texts))
    assume(not any(b.startswith(a) for a in texts for b in texts if a is not b))
    return out


HEADER_CHROME = [
    SITE,
    "首页 分类 排行 上传 登录 注册",
    "ID:2065240 页数:12页 格式:DOC 大小:23.50KB",
    f"{TITLE}.doc",
    "下载文档",
    "文档简介",
    "分享 收藏 举报",
    "第1页/共3页",
]
FOOTER_CHROME = [
    "版权声明：本站文档均由用户上传，仅供学习交流。",
    "客服电话：400-000-0000",
    "温馨提示：",
    "1. 下载前请确认文档是否完整。",
    "2. 本站不保证下载资源的准确性。",
    "相关文档推荐",
    "年度工作计划范文 工作总结怎么写",
]


@dataclass(frozen=True)
class Page:
    data: bytes
    name: str
    body: list[tuple[str, str]]


@st.composite
def pages(draw: st.DrawFn) -> Page:
    content = draw(body())
    header = draw(st.lists(st.sampled_from(HEADER_CHROME), unique=True, max_size=5))
    footer = draw(st.sampled_from([[], FOOTER_CHROME[:2], FOOTER_CHROME[2:5], FOOTER_CHROME]))
    shape = draw(st.sampled_from(["html", "html-flat", "html-br", "html-hinted", "txt", "mhtml"]))
    charset = draw(st.sampled_from(["utf-8", "gbk"]))
    texts = [t for _, t in content]
    if shape == "txt":
        lines = [*header, *texts, *footer]
        return Page("\n".join(lines).encode(charset), "page.txt", content)

    def esc(t: str) -> str:
        return html.escape(t, quote=False)

    if shape == "html-flat":
        main = "<div class='content'>" + " ".join(esc(t) for t in texts) + "</div>"
    elif shape == "html-br":
        main = "<div class='content'>" + "<br>".join(esc(t) for t in texts) + "</div>"
    else:
        main = "".join(
            f"<h2>{esc(t)}</h2>"
            if kind == "heading" and shape == "html-hinted"
            else f"<p>{esc(t)}</p>"
            for kind, t in content
        )
    if shape == "html-hinted":
        top = "<header>" + "".join(f"<div>{esc(h)}</div>" for h in header) + "</header>"
        bottom = "<footer>" + "".join(f"<p>{esc(f)}</p>" for f in footer) + "</footer>"
    else:
        top = "".join(f"<div>{esc(h)}</div>" for h in header)
        bottom = "".join(f"<div>{esc(f)}</div>" for f in footer)
    page = (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{TITLE}_{SITE}</title>'
        f"</head><body>{top}<article>{main}</article>{bottom}</body></html>"
    )
    data = page.encode("gb18030" if charset == "gbk" else "utf-8")
    if shape == "mhtml":
        return Page(make_mhtml(data, charset=charset), "page.mhtml", content)
    return Page(data, "page.html", content)


@examples(300)
@given(pages())
def test_cleaning_keeps_every_body_character(page: Page) -> None:
    doc = api.read(page.data, name=page.name, repair=False)
    text = squeeze(doc.plain_text())
    wanted = squeeze("".join(t for _, t in page.body))
    assert wanted in text, {"removed": doc.meta.removed}


def same_text(doc: Document) -> list[str]:
    return [doc.meta.title, doc.meta.subtitle, *(b.text for b in doc.blocks)]


@examples(150)
@given(pages(), st.sampled_from(["txt", "html"]))
def test_cleaning_is_idempotent(page: Page, fmt: str) -> None:
    """D = read(page); read(write(D)) == D, on the title, subtitle and block texts."""
    doc = api.read(page.data, name=page.name, repair=False)
    again = api.read(api.write_bytes(doc, fmt), name=f"again.{fmt}", repair=False)
    if not doc.meta.title and fmt == "html":
        # An untitled document's HTML still has a <title> (its display title), which reads
        # back as the title, as any page's <title> does.
        # (a title cut at 30 characters loses its "…" as a page's <title> does; a <title>
        # that cannot be a title, such as a heading's 一、工作, gives none)
        shown = display_title(doc)
        assert again.meta.title in (shown, shown.removesuffix("…"), "")
        again = replace(again, meta=replace(again.meta, title=""))
        # That <title> is the first paragraph's text, so the paragraph reads back as the
        # title the page gives it; it is still the document's text, in its place.
        first = doc.blocks[0].text.strip() if doc.blocks else ""
        if display_title(doc) == first and [b.text for b in again.blocks[:1]] != [first]:
            again = replace(again, blocks=(doc.blocks[0], *again.blocks))
    assert same_text(again) == same_text(doc), {"removed": again.meta.removed}


# -- readers keep any text --------------------------------------------------------------------

any_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)


gb_text = st.deferred(
    lambda: st.tuples(st.text(st.sampled_from(MODEL_CHARS + "\n"), min_size=4), st.just("gb18030"))
)


def valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def visible(text: str) -> str:
    return squeeze(strip_controls(text)[0])


def mostly_text(data: bytes) -> bool:
    """Not refused as binary: fewer than one byte in twenty a control character."""
    controls = sum(1 for b in data[:8192] if b < 0x20 and b not in b"\t\n\x0c\r\x1b")
    return controls <= len(data[:8192]) // 20


@examples(300)
@given(any_text)
def test_html_reader_keeps_any_text(text: str) -> None:
    escaped = html.escape(text, quote=False).replace("\r", "&#13;")
    data = f"<html><body><p>{escaped}</p></body></html>".encode()
    assume(mostly_text(data))
    source = readers.read(data, name="a.html")
    got = squeeze("".join(line.text for line in source.lines))
    assert got == visible(text)


@examples(300)
@given(st.one_of(st.tuples(any_text, st.sampled_from(["utf-8", "utf-16"])), gb_text))
@example(("丸·0业", "gb18030"))
@example(("为0·为", "gb18030"))
@example(("\\亙0亙併", "gb18030"))
def test_text_reader_keeps_any_text(text_codec: tuple[str, str]) -> None:
    """Any text in UTF-8 or UTF-16 (with its BOM), Chinese text in GB18030 (which has no
    mark: a few bytes of anything could be in several encodings; GB18030 bytes that are valid
    UTF-8 as well, such as 压 = Cyrillic ѹ, are read as UTF-8)."""
    text, codec = text_codec
    data = text.encode(codec)
    assume(visible(text) and mostly_text(data))
    if codec == "gb18030":
        assume(not valid_utf8(data))
    source = readers.read(data, name="a.txt")
    assert squeeze("".join(line.text for line in source.lines)) == visible(text)


# -- writers give the model's text back --------------------------------------------------------

#: GB2312 level 1 and Big5 level 1: ideographs every bundled font has.
COMMON = "".join(sorted(common_ideographs()))
MODEL_CHARS = (
    COMMON
    + "ABCxyz0123456789，。、；：！？“”（）《》【】—…·!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \u3000"
)
RARE = "𠮷堃喆😀"

model_text = st.text(st.sampled_from(MODEL_CHARS), min_size=1, max_size=80)


@st.composite
def models(draw: st.DrawFn, rare: bool = True) -> Document:
    chars = MODEL_CHARS + (RARE if rare else "")
    text = st.text(st.sampled_from(chars), min_size=1, max_size=80)
    blocks: list[Heading | Paragraph | Note | Item] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["heading", "paragraph", "paragraph", "note", "item"]))
        body = draw(text)
        if kind == "heading":
            label = draw(st.sampled_from(["", "一、", "（二）", "3.", "（4）", "第五章"]))
            blocks.append(
                Heading(
                    draw(st.integers(1, 4)),
                    label + body,
                    label,
                    "cn" if label else "none",
                    runin=draw(st.booleans()),
                )
            )
        elif kind == "paragraph":
            lead = draw(st.sampled_from(["", "一是加强领导。", "第一条"]))
            role = draw(st.sampled_from(["body", "body", "salutation", "closing", "date"]))
            blocks.append(Paragraph(lead + body, role, lead if role == "body" else ""))
        elif kind == "item":  # a bullet, an option, a numbered entry: labelled as structure does
            entry = draw(st.sampled_from(["", "A.", "（B）", "1. "])) + body
            blocks.append(Item(entry, item_label(entry)))
        else:
            blocks.append(Note("注：" + body))
    title = draw(st.one_of(st.just(""), text))
    subtitle = draw(st.one_of(st.just(""), text)) if title.strip() else ""
    return Document(Meta(title=title, subtitle=subtitle), tuple(blocks))


def expected_for(fmt: str, doc: Document) -> list[str]:
    want = expected_blocks(doc)
    if fmt == "docx":  # a run-in heading is the start of its paragraph (gongwen: inline)
        want = expected_blocks(replace(doc, blocks=_runin_joined(doc.blocks)))
    if fmt == "epub" and not norm(doc.meta.title):
        want = [norm(display_title(doc)), *want]  # the title page names the book somehow
    return want


def _runin_joined(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    out: list[Block] = []
    for b in blocks:
        before = out[-1] if out else None
        if isinstance(b, Paragraph) and isinstance(before, Heading) and before.runin:
            out[-1] = Paragraph(before.text + b.text)
        else:
            out.append(b)
    return tuple(out)


@examples(100)
@given(models(), st.sampled_from(sorted(READERS)))
def test_writers_give_the_model_text_back(doc: Document, fmt: str) -> None:
    assert READERS[fmt](api.write_bytes(doc, fmt)) == expected_for(fmt, doc)


@examples(100)
@given(models())
def test_plain_text_writer_keeps_the_model_text(doc: Document) -> None:
    text = api.write_bytes(doc, "txt").decode("utf-8")
    assert squeeze(text) == squeeze("".join(expected_blocks(doc, bullets=True)))


@pytest.fixture(scope="module")
def pdftotext() -> str:
    return require_tool("pdftotext")


@examples(30)
@given(doc=models(rare=False))
def test_pdf_gives_the_model_text_back(doc: Document, pdftotext: str) -> None:
    text = pdf_text(api.write_bytes(doc, "pdf"), pdftotext)
    assert squeeze(text) == squeeze("".join(expected_blocks(doc, bullets=True)))


# -- the final-mark scan matches the regular expressions it replaced ----------------------------

OLD_SUMMARY_MARK = re.compile(r"\s*(?:\.{3,}|…+)$")
OLD_TRUNCATION_MARK = re.compile(r"(?:\s*\.{3,}|…{3,})$")


@examples(300)
@given(st.text(st.sampled_from(".… 　a。"), max_size=12))
def test_trailing_mark_is_the_old_regex(text: str) -> None:
    """`trailing_mark` replaced two regular expressions that took quadratic time on a line
    of dot leaders; it must find the same marks."""
    from convert.zh.marks import trailing_mark

    m = OLD_SUMMARY_MARK.search(text)
    assert trailing_mark(text) == (m.start() if m else len(text))
    m = OLD_TRUNCATION_MARK.search(text)
    assert trailing_mark(text, ellipses=3, ellipsis_space=False) == (m.start() if m else len(text))
