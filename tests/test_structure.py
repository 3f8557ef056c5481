"""Structure rules, one tricky case at a time: paragraph splitting, labels, heading sequence
and levels, run-in headings, leads, roles, titles and truncation."""

from __future__ import annotations

import pytest

from convert import read
from convert.model import Heading, Note, Paragraph
from convert.structure.headings import Outline
from convert.structure.leads import find_lead
from convert.structure.paragraphs import split_flattened
from convert.structure.titles import clean_file_title, is_title_like
from convert.zh import labels


def doc_of(text: str):
    """The model of a plain-text page (no repair, so the text stays as written)."""
    return read(text.encode("utf-8"), name="page.txt", repair=False)


def headings(doc):
    return [(b.level, b.label, b.kind) for b in doc.blocks if isinstance(b, Heading)]


# -- paragraph splitting ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "区长讲话 同志们: 今天开会。 一、立足当前。",
            ["区长讲话", "同志们:", "今天开会。", "一、立足当前。"],
        ),
        ("合格率达到 90.6% 以上。", ["合格率达到 90.6% 以上。"]),  # spaces around a number stay
        ("采用 Python 3.11 编写", ["采用 Python 3.11 编写"]),  # Latin words keep their spaces
        ("This is English. And more text", ["This is English. And more text"]),
        ("首先, 我代表区委", ["首先, 我代表区委"]),  # a comma never ends a paragraph
        ("新台阶。 2023年以来", ["新台阶。", "2023年以来"]),  # after a full stop, anything
        ("如下: (一)加强领导", ["如下:", "(一)加强领导"]),  # a label starts a paragraph
        ("他说:“好。” 下一段", ["他说:“好。”", "下一段"]),
        ("　　全角缩进的段落", ["全角缩进的段落"]),
    ],
)
def test_split_flattened(text: str, parts: list[str]) -> None:
    assert split_flattened(text) == parts


# -- labels -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "kind", "number"),
    [
        ("一、立足当前", "一、", "cn", 1),
        ("十二、加强领导", "十二、", "cn", 12),
        ("（三）着力抓好", "（三）", "cn-paren", 3),
        ("(三)着力抓好", "(三)", "cn-paren", 3),
        ("〔二〕着力抓好", "〔二〕", "cn-paren", 2),  # the swap tool's bracket counts as （二）
        ("1.完善政策", "1.", "num", 1),
        ("2、完善政策", "2、", "num", 2),
        ("（4）健全机制", "（4）", "num-paren", 4),
        ("5)健全机制", "5)", "num-half-paren", 5),
        ("第一章 总则", "第一章", "chapter", 1),
        ("第二十三条 本办法", "第二十三条", "article", 23),
        ("第三节 要求", "第三节", "section", 3),
        ("②第二项", "②", "circled", 2),
    ],
)
def test_label_match(text: str, label: str, kind: str, number: int) -> None:
    found = labels.match(text)
    assert found is not None
    assert (found.text, found.kind, found.number) == (label, kind, number)


@pytest.mark.parametrize(
    "text",
    [
        "1.5亿元用于基础设施建设",  # a decimal, not a label
        "2023.4.24召开会议",
        "一是政府推动。",  # a lead, not a label
        "一、",  # a bare label with nothing after it
        "2023年以来我们开展了工作",
        "十分重要的工作",
    ],
)
def test_not_a_label(text: str) -> None:
    assert labels.match(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("二〇二三", 2023),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert labels.cn_to_int(text) == value


# -- heading sequence and levels ----------------------------------------------------------


def label(text: str) -> labels.Label:
    found = labels.match(text + "标题")
    assert found is not None
    return found


def test_outline_levels_follow_nesting_depth() -> None:
    o = Outline()
    assert o.accept(label("一、")) == 1
    assert o.accept(label("（一）")) == 2
    assert o.accept(label("1.")) == 3
    assert o.accept(label("（1）")) == 4
    assert o.accept(label("（二）")) == 2  # closes 1. and （1）
    assert o.accept(label("二、")) == 1
    assert o.accept(label("1.")) == 2  # directly under 二、: level 2


def test_outline_skips_forward_never_back() -> None:
    o = Outline()
    assert o.accept(label("一、")) == 1
    assert o.accept(label("三、")) == 1  # 二、 fell on a page the preview left out
    assert o.accept(label("二、")) is None  # going back: a list item, not a heading
    assert o.accept(label("（三）")) is None  # a kind must start at 1 once headings exist


def test_outline_first_heading_may_start_anywhere() -> None:
    o = Outline()  # a preview that starts on page 2
    assert o.accept(label("三、")) == 1
    assert o.accept(label("四、")) == 1


def test_top_level_cn_paren_is_level_one() -> None:
    doc = doc_of("题目\n（一）加强领导\n正文一。\n（二）落实责任\n正文二。\n1.细化分工\n正文三。")
    assert headings(doc) == [(1, "（一）", "cn-paren"), (1, "（二）", "cn-paren"), (2, "1.", "num")]


def test_chapter_sits_above_numbered_headings() -> None:
    doc = doc_of("题目\n第一章 总则\n一、目的\n正文。\n第二章 管理\n一、职责\n正文。")
    assert headings(doc) == [
        (1, "第一章", "chapter"),
        (2, "一、", "cn"),
        (1, "第二章", "chapter"),
        (2, "一、", "cn"),
    ]


def test_mid_paragraph_label_is_not_a_heading() -> None:
    doc = doc_of("题目\n主要包括以下内容:（一）加强领导,（二）落实责任。")
    assert headings(doc) == []


def test_decimal_at_paragraph_start_is_not_a_heading() -> None:
    doc = doc_of("题目\n1.5亿元用于基础设施建设,占总投资的三成。")
    assert headings(doc) == []


def test_long_labelled_paragraph_is_text() -> None:
    long = "一、本办法适用于本市行政区域内各级行政机关及其工作人员，以及法律法规授权的具有管理公共事务职能的组织，和受国家行政机关依法委托的组织。"
    doc = doc_of("题目\n" + long)
    assert headings(doc) == []
    assert doc.blocks[-1].text == long


# -- run-in headings and leads -----------------------------------------------------------


def test_runin_heading_is_split_from_its_paragraph() -> None:
    doc = doc_of(
        "题目\n一、总体要求\n（一）加强领导。各级党委要高度重视,把这项工作列入重要议事日程,定期研究解决问题。"
    )
    h, p = doc.blocks[-2], doc.blocks[-1]
    assert isinstance(h, Heading) and h.runin and h.text == "（一）加强领导。" and h.level == 2
    assert isinstance(p, Paragraph) and p.text.startswith("各级党委要高度重视")


def test_lead_is_not_a_heading() -> None:
    doc = doc_of("题目\n一是政府推动。一方面,质量工作的内容决定政府必须抓好质量。")
    assert headings(doc) == []
    p = doc.blocks[-1]
    assert isinstance(p, Paragraph) and p.lead == "一是政府推动。"


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("一是政府推动。一方面,质量工作的内容决定政府必须抓好质量。", "一是政府推动。"),
        ("二要进一步抓好标准创新。中央明确指出……", "二要进一步抓好标准创新。"),
        ("第十二条 本办法自发布之日起施行。", "第十二条"),
        (
            "首先要创新质量理念,强化“三大〞观念。一是要强化……",
            "首先要创新质量理念,强化“三大〞观念。",
        ),
        ("一是产品质量稳步提高", ""),  # no sentence follows the lead
        ("一是" + "很长的一句话" * 8 + "。后文。", ""),  # too long to be a lead
        ("今天我们在这里开会。", ""),
    ],
)
def test_find_lead(text: str, lead: str) -> None:
    assert find_lead(text) == lead


def test_article_is_a_paragraph_with_its_label_as_lead() -> None:
    doc = doc_of("管理办法\n第一条 为了规范管理,制定本办法。\n第二条 本办法适用于全市。")
    assert headings(doc) == []
    assert [b.lead for b in doc.blocks] == ["第一条", "第二条"]


# -- title, salutation, closing roles, notes ----------------------------------------------


def test_title_salutation_and_closing_roles() -> None:
    doc = doc_of("在全市大会上的讲话\n同志们:\n今天开会。\n谢谢大家!\n市人民政府\n2023年4月24日")
    assert doc.meta.title == "在全市大会上的讲话"
    assert [(b.role, b.text) for b in doc.blocks] == [
        ("salutation", "同志们:"),
        ("body", "今天开会。"),
        ("closing", "谢谢大家!"),
        ("signature", "市人民政府"),
        ("date", "2023年4月24日"),
    ]
    assert doc.meta.truncated is False


def test_salutation_glued_to_the_first_sentence_is_split() -> None:
    doc = doc_of("表彰大会讲话\n尊敬的各位劳动模范、亲爱的同志们:大家好!今天,我们在这里举行大会。")
    assert [(b.role, b.text) for b in doc.blocks] == [
        ("salutation", "尊敬的各位劳动模范、亲爱的同志们:"),
        ("body", "大家好!今天,我们在这里举行大会。"),
    ]


def test_subtitle_and_note() -> None:
    doc = doc_of("狠抓落实 务求实效\n——在全县工作会议上的讲话\n正文。\n注:数据截至6月底。")
    assert doc.meta.subtitle == "——在全县工作会议上的讲话"
    assert isinstance(doc.blocks[-1], Note)


def test_repeated_title_lines_are_removed() -> None:
    doc = doc_of("年度工作总结\n年度工作总结\n今年以来,各项工作稳步推进。")
    assert [b.text for b in doc.blocks] == ["今年以来,各项工作稳步推进。"]
    assert any(r.rule == "structure:repeated-title" for r in doc.meta.removed)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("区长在质量绩效管理推进会讲话", True),
        ("同志们:", False),
        ("今天,我们在这里隆重举行大会。", False),
        ("一、立足当前", False),
        (
            "这是一个超过四十个字的很长很长的句子它不可能是标题因为标题不会这么长的对吧还要更长",
            False,
        ),
    ],
)
def test_title_like(text: str, ok: bool) -> None:
    assert is_title_like(text) is ok


def test_file_title_cleanup() -> None:
    noise = ("范文", "精选")
    assert (
        clean_file_title("2023年区长在质量绩效管理推进会讲话范文.doc", noise)
        == "2023年区长在质量绩效管理推进会讲话"
    )
    assert clean_file_title("工作总结.docx", noise) == "工作总结"


# -- truncation ---------------------------------------------------------------------------


def test_unfinished_last_paragraph_means_truncated() -> None:
    assert doc_of("题目\n第一段。\n第二段没有写完").meta.truncated is True
    assert doc_of("题目\n第一段。\n第二段写完了。").meta.truncated is False


def test_fewer_pages_shown_than_stated_means_truncated() -> None:
    page = "工作报告.doc\n页数:12页 格式:DOC\n题目\n第一段。\n第二段写完了。"
    doc = doc_of(page)
    assert doc.meta.pages == 12
    assert doc.meta.truncated is False  # no count of shown pages: only the text can tell


# -- headings without a number ------------------------------------------------------------

RUNNING = [
    "工作总结是对一定时期内的工作进行回顾和分析，从中找出经验和教训，引出规律性认识。",
    "做好总结能让我们看清自己的长处和不足，明确今后努力的方向，少走弯路。",
    "写总结之前要先收集资料，把一年来的计划、记录、数据和反馈都整理齐全。",
    "总结要实事求是，成绩不夸大，问题不回避，经验要具体，教训要深刻。",
    "最后还要把总结的结论落实到下一阶段的计划中去，让总结真正发挥作用。",
]


def test_short_lines_between_sections_are_headings() -> None:
    r = RUNNING
    page = (
        f"工作总结怎么写\n{r[0]}\n什么是工作总结\n{r[1]}\n为什么要做工作总结\n"
        f"1.提高自我认识。{r[2]}\n2.发现问题。{r[3]}\n如何进行工作总结\n{r[4]}"
    )
    doc = doc_of(page)
    got = [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]
    assert got == [
        (1, "什么是工作总结"),
        (1, "为什么要做工作总结"),
        (2, "1.提高自我认识。"),
        (2, "2.发现问题。"),
        (1, "如何进行工作总结"),
    ], got
    assert doc.meta.title == "工作总结怎么写" and doc.blocks[-1].text == r[4]


def test_one_short_line_alone_is_no_heading() -> None:
    doc = doc_of(f"标题在此\n{RUNNING[0]}\n市人民政府办公室\n{RUNNING[1]}")
    assert not any(isinstance(b, Heading) for b in doc.blocks)


def test_short_lines_of_a_list_or_with_punctuation_are_no_headings() -> None:
    r = RUNNING
    items = "\n".join(["苹果", "香蕉", "橘子", "葡萄"])
    doc = doc_of(f"水果清单\n{r[0]}\n{items}\n{r[1]}\n答案：B\n{r[2]}\n4简答题\n{r[3]}")
    assert not any(isinstance(b, Heading) for b in doc.blocks), doc.blocks
