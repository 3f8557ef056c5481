"""Titles chosen among the page's candidates by evidence, headings found inside flattened
text, and hard-wrapped lines joined: each rule on a small page shaped like the real ones
(../shared/corpus/annotated), so a failure names the rule."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from convert import read
from convert.model import Heading, Paragraph
from convert.structure import choose
from convert.structure.paragraphs import split_flattened, wrap_width


def doc_of(text: str):
    return read(text.encode("utf-8"), name="page.txt", repair=False)


def headings(doc) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]


BODY = "今天我们召开会议,主要任务是总结上半年工作,安排部署下半年各项任务,请大家认真抓好落实。"

# -- titles ------------------------------------------------------------------------------


def test_chrome_first_line_is_not_the_title() -> None:
    page = f"电脑桌面\n添加某某文库到电脑桌面\n市委书记在防汛调度会上的讲话\n同志们:\n{BODY}"
    doc = doc_of(page)
    assert doc.meta.title == "市委书记在防汛调度会上的讲话"


@pytest.mark.parametrize(
    ("first", "title", "rest"),
    [
        ("【公务用房自查报告】为贯彻落实上级要求，", "公务用房自查报告", "为贯彻落实上级要求，"),
        (
            "在市政府全体(扩大)会议上的讲话春节刚过，",
            "在市政府全体(扩大)会议上的讲话",
            "春节刚过，",
        ),
        ("关于做好安全生产工作的通知各单位：", "关于做好安全生产工作的通知", "各单位："),
    ],
)
def test_a_title_glued_to_the_first_sentence(first: str, title: str, rest: str) -> None:
    doc = doc_of(f"{first}{BODY}\n{BODY}")
    assert doc.meta.title == title
    assert doc.blocks[0].text.startswith(rest) and title not in doc.blocks[0].text


def test_a_kind_word_in_the_first_sentence_is_no_title() -> None:
    first = "认真学习总书记重要讲话精神，全面贯彻落实党的各项方针政策，推动工作落实见效。"
    doc = doc_of(f"{first}\n{BODY}")
    assert doc.meta.title != "认真学习总书记重要讲话" and doc.blocks[0].text == first


def test_a_repeated_file_name_beats_a_menu_line() -> None:
    page = (
        "首页 > 范文 > 工作总结\n"
        "年度安全生产工作总结.docx_第1页\n年度安全生产工作总结.docx_第2页\n"
        f"下载本文档\n{BODY}"
    )
    assert doc_of(page).meta.title == "年度安全生产工作总结"


@pytest.mark.parametrize("ext", ["docx", "pdf", "rtf", "et", "dps"])
def test_a_file_name_on_the_page_is_a_candidate(ext: str) -> None:
    """Every extension zh/files knows, in the page's file name as in the title it strips."""
    line = f"下载 年度安全生产工作总结.{ext} 12页"
    cands = choose.choose(["同志们："], page_lines=[line])
    assert ("年度安全生产工作总结", "file-name") in [(c.text, c.source) for c in cands]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("绩效考核方案(3篇)", "绩效考核方案"),
        ("绩效考核方案【4篇】", "绩效考核方案"),
        ("公司財務管理制度(精選11篇)", "公司財務管理制度"),
        ("安全工作计划(第7/23页)", "安全工作计划"),
        ("年度工作总结范文.doc", "年度工作总结"),
        ("述职报告精选", "述职报告"),
        ("年度工作总结.docx_第1页", "年度工作总结"),
        ("演讲比赛开场致辞(汇总16篇)篇一", "演讲比赛开场致辞"),
        ("第一篇:市政园林局工作总结", "市政园林局工作总结"),
        ("(完整版)《数据库原理及应用》课后习题答案", "《数据库原理及应用》课后习题答案"),
        ("2022年元旦佳节演讲稿1", "2022年元旦佳节演讲稿"),
        ("安全生产工作方案（二）", "安全生产工作方案"),
        ("2023年工作报告", "2023年工作报告"),  # a year is no piece number
        ("十四五规划", "十四五规划"),
    ],
)
def test_seo_words_are_removed(name: str, title: str) -> None:
    assert choose.clean(name) == title


def test_seo_and_site_words_are_no_keywords() -> None:
    words = ["质量", "范文", "精选", "3篇", "下载", "范文网", "ppt课件", "讲话"]
    assert choose.document_keywords(words, "质量推进会讲话") == ("质量", "讲话")
    # the document's own title word stays, though 范文 is SEO on most pages
    assert choose.document_keywords(["范文", "写作"], "范文写作指导") == ("范文", "写作")
    # a word in 网 is a site's name only from four characters: 互联网 is a subject
    assert choose.document_keywords(["互联网", "电网", "第一范文网"], "讲话") == ("互联网", "电网")


@pytest.mark.parametrize(
    "line",
    ["第1页 / 共43页", "2023-06-19 12:52:47", "12345678", "下载本文档", "一、总则", "是一个句子。"],
)
def test_never_a_counter_a_number_a_button_or_a_label(line: str) -> None:
    cands = choose.choose([line], page_lines=[line])
    assert all(c.score <= 0 for c in cands) or not cands


def test_a_title_written_twice_is_taken_once() -> None:
    doc = doc_of(f"县长在座谈会上讲话县长在座谈会上的讲话同志们:{BODY}")
    assert doc.meta.title == "县长在座谈会上的讲话"
    assert doc.blocks[0].text == "同志们:"


def test_a_title_broken_over_two_lines_is_joined() -> None:
    doc = doc_of(f"市政园林局年度政研工作总结及明年政\n研工作初步思路\n{BODY}")
    assert doc.meta.title == "市政园林局年度政研工作总结及明年政研工作初步思路"
    assert doc.blocks[0].text == BODY


def test_placeholder_box_between_words_is_a_lost_break() -> None:
    assert choose.clean("各类行政公文格式") == "各类行政公文格式"
    doc = doc_of(f"各类行政公文格式□行政公文\n{BODY}")
    assert doc.meta.title == "各类行政公文格式"


def test_a_title_line_keeps_its_space() -> None:
    doc = doc_of(f"交流研讨:推进党建行动计划 打造硬核战斗堡垒\n{BODY}")
    assert doc.meta.title == "交流研讨:推进党建行动计划 打造硬核战斗堡垒"


def test_stock_intro_names_the_document() -> None:
    doc = doc_of(f"下面是小编为大家整理的干部职工考核方案(全文),供大家参考。\n组长:**\n{BODY}")
    assert doc.meta.title == "干部职工考核方案"


def test_inspect_json_explains_the_title(tmp_path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"电脑桌面\n年度安全生产工作总结\n{BODY}", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "convert", "inspect", str(page), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    view = json.loads(done.stdout)
    title = view["title"]
    assert title["chosen"] == "年度安全生产工作总结"
    best = title["candidates"][0]
    assert best["text"] == "年度安全生产工作总结"
    assert best["score"] > title["candidates"][-1]["score"]
    assert any("first line" in e or "line 2" in e for e in best["evidence"])
    menu = [c for c in title["candidates"] if c["text"] == "电脑桌面"]
    assert menu and any("site words" in e for e in menu[0]["evidence"])


# -- headings inside flattened text ----------------------------------------------------


def test_label_after_a_colon_starts_a_heading() -> None:
    text = (
        "题目\n我着重讲两个问题:一、周密部署,扎实开展专项整治工作(一)开展整治工作的必要性。" + BODY
    )
    doc = doc_of(text)
    assert headings(doc)[0] == (1, "一、周密部署,扎实开展专项整治工作")
    assert doc.blocks[0].text == "我着重讲两个问题:"


def test_heading_glued_to_its_first_item() -> None:
    doc = doc_of(
        "题目\n二、纸张和字体1. 纸张:一般使用A4纸张,保持整洁无折痕。\n2. 字体:通常使用宋体。"
    )
    assert headings(doc)[0] == (1, "二、纸张和字体")
    assert any(isinstance(b, Paragraph) and b.text.startswith("1. 纸张") for b in doc.blocks)


def test_standard_word_run_in_heading() -> None:
    doc = doc_of("题目\n一、引言行政公文是国家机关用于办理公务的文件,具有一定的格式要求," + BODY)
    assert headings(doc)[0] == (1, "一、引言")


def test_heading_then_space_then_its_paragraph() -> None:
    doc = doc_of(
        "题目\n一、认清形势,增强做好安全生产工作责任感 1-11月,我市安全生产形势总体较为平稳。" + BODY
    )
    assert headings(doc) == [(1, "一、认清形势,增强做好安全生产工作责任感")]


def test_skipped_numbers_keep_later_headings() -> None:
    doc = doc_of(f"题目\n一、认清形势\n{BODY}\n四、加强领导\n{BODY}\n五、落实责任\n{BODY}")
    assert [t for _, t in headings(doc)] == ["一、认清形势", "四、加强领导", "五、落实责任"]


def test_enumeration_in_a_sentence_stays_whole() -> None:
    doc = doc_of("题目\n主要包括以下内容:（一）加强领导,（二）落实责任。")
    assert headings(doc) == []


def test_standard_unnumbered_headings() -> None:
    doc = doc_of(
        f"某某系统的设计与实现\n摘 要\n{BODY}\nAbstract\nThis paper describes it.\n参考文献\n[1] 某某."
    )
    assert [t for _, t in headings(doc)] == ["摘 要", "Abstract", "参考文献"]
    assert {lv for lv, _ in headings(doc)} == {1}


def test_decimal_headings_keep_their_depth() -> None:
    doc = doc_of(f"题目\n6.1.1 封面\n{BODY}\n6.1.2 目次\n{BODY}")
    assert headings(doc) == [(3, "6.1.1 封面"), (3, "6.1.2 目次")]
    doc = doc_of(f"题目\n第1章 用户服务概述\n{BODY}\n1.1 基本概念\n{BODY}\n1.2 目标与原则\n{BODY}")
    assert [lv for lv, _ in headings(doc)] == [1, 2, 2]


def test_labelled_first_line_is_no_salutation() -> None:
    doc = doc_of("题目\n一.人员编制:\n服务台班人员6名\n二.工作职责:\n负责楼层接待。")
    assert [t for _, t in headings(doc)] == ["一.人员编制:", "二.工作职责:"]


# -- paragraphs ------------------------------------------------------------------------


def wrapped(paragraphs: list[str], width: int = 20) -> str:
    """Paragraphs as a PDF text layer flattens them: cut every `width` characters, each
    line break become a space."""
    lines = [p[i : i + width] for p in paragraphs for i in range(0, len(p), width)]
    return " ".join(lines)


PARAGRAPHS = [
    "根据集团公司大讨论的总体安排和系统各单位的总体进展情况,今天我们召开第二次视频会议,就第二阶段的工作作出安排。",
    "一、要按照方案,持之以恒,在广度和深度上下功夫,把大讨论不断引向深入",
    "前一阶段,各单位按照集团公司的精神,精心设计方案,广泛发动,做了大量艰辛细致的工作,使大讨论呈现出了一个良好的开局和较好的成效。",
    "大讨论每个阶段完毕的时候,我们都要求各单位进行一下总结,看看这个阶段的目标达到了没有,还存在哪些问题。",
]


def test_hard_wrapped_line_is_joined_not_split() -> None:
    text = wrapped(PARAGRAPHS)
    assert wrap_width(text) == 20
    assert split_flattened(text) == PARAGRAPHS


def test_flattened_paragraphs_are_not_taken_for_wrapping() -> None:
    text = "第一段说了一件事。 第二段说的是另一件稍微长一些的事情。 第三段。 第四段的内容也不一样长短。 第五段。 第六段结束。"
    assert wrap_width(text) == 0
    assert len(split_flattened(text)) == 6
