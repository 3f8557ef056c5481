"""Punctuation and width: on by default and not gated, since the marks are wrong anywhere."""

from __future__ import annotations

import pytest

from convert.model import Document, Heading, Meta, Note, Paragraph
from convert.repair import repair
from convert.repair.edits import apply, resolve
from convert.repair.punct import brackets, ellipsis, quotes, width


def fix(text: str, rules: str | None = None) -> str:
    doc = repair(Document(Meta(), (Paragraph(text),)), rules)
    return doc.blocks[0].text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("今天,我们在这里开会。", "今天，我们在这里开会。"),
        ("同志们:", "同志们："),
        ("热烈欢迎!希望大家", "热烈欢迎！希望大家"),
        ("为什么?因为", "为什么？因为"),
        ("一是提高;二是加强", "一是提高；二是加强"),
        ("合格率90.6%,高出", "合格率90.6%，高出"),
        ("时间:2023-04-24", "时间：2023-04-24"),
        ("同志们: 今天", "同志们：今天"),  # the space the fold left goes too
        ("验证码:   换一换", "验证码：换一换"),
        ("企业(含个体户)数量", "企业（含个体户）数量"),
        ("生产总值(GDP)增长", "生产总值（GDP）增长"),
        ("(1)加强领导", "（1）加强领导"),
        ("指标(2023年)如下", "指标（2023年）如下"),
        ("请看说明!!", "请看说明！！"),
    ],
)
def test_width_to_full(before: str, after: str) -> None:
    assert fix(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "金额为1,234.56亿元",
        "上午9:30开会",
        "比例尺1:1000",
        "Hello, world; see: this!",
        "使用Python, Java等语言",
        "见https://example.com/a?b=1,c:d;e!f文件",
        "网址www.example.cn/x?q=1,2",
        "y(n)=x(n)+2",
        "函数f(x)与g(x)",
        "2023-2023年",
        "第1.1节",
    ],
)
def test_width_leaves_numbers_latin_urls(text: str) -> None:
    assert fix(text) == text


def test_url_then_chinese_comma() -> None:
    assert fix("详见https://example.com/a,其他") == "详见https://example.com/a，其他"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("建设“美丽乡村〞城市", "建设“美丽乡村”城市"),
        ("“一〞和“二〞", "“一”和“二”"),
        ("古书〝引文〞不变", "古书〝引文〞不变"),  # a genuine 〝…〞 pair
        ("没有开头〞的引号", "没有开头〞的引号"),
    ],
)
def test_quotes(before: str, after: str) -> None:
    assert fix(before) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("〔一〕着力抓好", "（一）着力抓好"),
        ("各乡镇〔开发区〕党委", "各乡镇（开发区）党委"),
        ("皖政〔2023〕19号", "皖政〔2023〕19号"),
        ("根据怀政发〔2023〕29号文件〔附件〕", "根据怀政发〔2023〕29号文件（附件）"),
        ("只有〔一半", "只有〔一半"),
    ],
)
def test_brackets(before: str, after: str) -> None:
    assert fix(before) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("等等...", "等等……"),
        ("他说......然后", "他说……然后"),
        ("range 1...10", "range 1...10"),
        ("path a/.../b", "path a/.../b"),
    ],
)
def test_ellipsis(before: str, after: str) -> None:
    assert fix(before) == after


def test_each_rule_records_its_edits() -> None:
    text = "〔一〕今天,“开会〞..."
    assert [(e.start, e.after) for e in width(text)] == [(5, "，")]
    assert [(e.start, e.after) for e in quotes(text)] == [(9, "”")]
    assert [(e.start, e.after) for e in brackets(text)] == [(0, "（"), (2, "）")]
    assert [(e.start, e.after) for e in ellipsis(text)] == [(10, "……")]
    rewrites, _ = resolve(width(text) + quotes(text) + brackets(text) + ellipsis(text))
    assert apply(text, rewrites) == "（一）今天，“开会”……"


def test_switching_single_rules_off() -> None:
    text = "〔一〕今天,“开会〞..."
    assert fix(text, "-width") == "（一）今天,“开会”……"
    assert fix(text, "-quotes") == "（一）今天，“开会〞……"
    assert fix(text, "-brackets") == "〔一〕今天，“开会”……"
    assert fix(text, "-ellipsis") == "（一）今天，“开会”..."
    assert fix(text, "-punct") == text


def test_label_and_lead_follow_the_text() -> None:
    doc = Document(
        Meta(title="关于加强管理的通知,试行"),
        (
            Heading(2, "〔一〕加强领导,落实责任", "〔一〕", "cn-paren"),
            Paragraph(
                "一是提高认识,统一思想。各单位要重视:抓好落实。", lead="一是提高认识,统一思想。"
            ),
            Paragraph("(1)提高认识。内容", lead="(1)提高认识。"),
            Note("注:本文件自发布之日起施行"),
        ),
    )
    out = repair(doc)
    head, lead, num, note = out.blocks
    assert isinstance(head, Heading) and head.label == "（一）"
    assert head.text == "（一）加强领导，落实责任"
    assert isinstance(lead, Paragraph) and lead.lead == "一是提高认识，统一思想。"
    assert lead.text == "一是提高认识，统一思想。各单位要重视：抓好落实。"
    assert isinstance(num, Paragraph) and num.lead == "（1）提高认识。"
    assert note.text == "注：本文件自发布之日起施行"
    assert out.meta.title == "关于加强管理的通知，试行"
    title_changes = [c for c in out.meta.changes if c.block == -1]
    assert [(c.start, c.before, c.after) for c in title_changes] == [(9, ",", "，")]


def test_a_rewrite_across_a_lead_end_is_cut_back() -> None:
    doc = Document(Meta(), (Paragraph("一是:  抓好落实", lead="一是:"),))
    out = repair(doc)
    block = out.blocks[0]
    assert isinstance(block, Paragraph)
    assert block.lead == "一是：" and block.text == "一是：  抓好落实"


def test_clean_full_width_text_is_untouched() -> None:
    text = "今天，我们召开会议：一是总结；二是部署！为什么？（一）见“通知”……"
    doc = repair(Document(Meta(title="通知"), (Paragraph(text),)))
    assert doc.blocks[0].text == text and doc.meta.changes == ()
