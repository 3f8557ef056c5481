"""Real-world damage and sites docconv has never seen, on pages written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from convert import read
from convert.clean import damage, noise
from convert.model import Heading, Paragraph


def doc_of(page: str, **kw):
    return read(page.encode("utf-8"), name="page.txt", repair=False, **kw)


def text_of(doc) -> str:
    return "\n".join([doc.meta.title, *(b.text for b in doc.blocks)])


# A site without a profile, in the usual shape: a header with login and payment furniture,
# metadata, a notice list, page-image markers, the text in chunks, related documents.
UNKNOWN_SITE = """\
欢迎来到某某文库! | 帮助中心 海量文档免费下载
首页 > 公文写作 > 讲话稿
关于加强基层治理工作的讲话稿.docx
上传人:z***8 文档编号:88123 上传时间:2024-03-15 格式:DOCX 页数:9 大小:31.20KB
收藏 分享 举报
关于加强基层治理工作的讲话稿.docx_第1页
第1页 / 共9页
关于加强基层治理工作的讲话稿.docx_第2页
第2页 / 共9页
温馨提示:
1、本站文档均由用户上传,仅供学习参考。
2、如需下载请先登录,付费后可下载完整文档。
客服QQ:12345678
资源描述

1、关于加强基层治理工作的讲话 同志们: 今天召开这次会议,主要是总结去年基层治理工作,部署今年重点任务。去年以来,各镇街认真落实市委部署,网格化管理不断完善,矛盾纠纷化解率达到98.6%,群众满意度稳步提升。 一、提高认识,切实增强做好基层治理工作的责任感 基层是社会治理的基础,基层治理水平直接关系群众的获得感和安全感。各级要把基层治理摆上重要议事日程,主要领导亲自抓、负总

2、责,分管领导具体抓,形成一级抓一级、层层抓落实的工作格局。 二、突出重点,全力推进基层治理各项任务 (一)完善网格化管理。要科学划分网格,配齐配强网格员,健全网格员培训和考核机制。 (二)加强矛盾纠纷化解。要坚持和发展新时代“枫桥经验”,把矛盾纠纷化解在基层、解决在萌芽状态。
点击查看更多>>
相关文档推荐
乡镇基层治理工作总结(通用10篇)
社区网格化管理实施方案
"""


def test_unknown_site_is_cleaned_by_the_generic_rules() -> None:
    doc = doc_of(UNKNOWN_SITE)
    assert doc.meta.site == ""  # no profile knows this site
    assert (
        doc.meta.title == "关于加强基层治理工作的讲话"
    )  # the document's own title, not the file name
    assert doc.meta.source_title == "关于加强基层治理工作的讲话稿.docx"
    assert (doc.meta.pages, doc.meta.pages_shown, doc.meta.doc_id, doc.meta.format) == (
        9,
        2,
        "88123",
        "DOCX",
    )
    assert doc.meta.date == "2024-03-15"
    assert doc.meta.truncated is True
    text = text_of(doc)
    for chrome in (
        "欢迎来到",
        "首页 >",
        "上传人",
        "收藏 分享 举报",
        "_第1页",
        "第2页 / 共9页",
        "温馨提示",
        "客服QQ",
        "资源描述",
        "点击查看更多",
        "相关文档推荐",
        "社区网格化管理实施方案",
    ):
        assert chrome not in text, chrome
    assert "主要领导亲自抓、负总责" in text  # the two chunks are one text again
    assert "1、" not in text and "2、责" not in text
    heads = [(b.level, b.label) for b in doc.blocks if isinstance(b, Heading)]
    assert heads == [(1, "一、"), (1, "二、"), (2, "(一)"), (2, "(二)")]
    assert doc.blocks[0] == Paragraph("同志们:", "salutation")


def test_real_numbered_paragraphs_are_not_chunks() -> None:
    page = "工作要求\n1、各单位要高度重视，精心组织，确保各项工作按时完成。\n2、要加强督促检查，及时发现和解决工作中存在的问题。\n3、要认真总结经验，按时报送工作情况。"
    doc = doc_of(page)
    assert [b.text[:2] for b in doc.blocks] == ["1、", "2、", "3、"]


def test_document_text_with_site_words_survives() -> None:
    page = "关于规范文件下载和分享的通知\n各单位：\n请勿通过微信分享涉密文件，下载文件后应及时登记。\n点击查看更多>>"
    doc = doc_of(page)
    assert "请勿通过微信分享涉密文件，下载文件后应及时登记。" in text_of(doc)


def test_noise_only_page_keeps_its_title_and_warns() -> None:
    block = "蒄蚄袀膇莀蚃羂羀芆袅螆肄芀蒇莄蒆肆腿莃肁蚆袈膆膂羀薈袃膀芄蚂膄虿肀衿袁莃袆羁" * 3
    page = f"年度安全生产工作总结_第1页\n已阅读1页,还剩3页未读\n文档简介\n{block}\n{block}"
    from convert.api import read_detailed

    reading = read_detailed(page.encode(), name="p.txt", repair=False)
    assert reading.document.meta.title == "年度安全生产工作总结"
    assert reading.document.blocks == ()
    assert any(w.code == "no-text" for w in reading.warnings)
    assert sum(r.rule.endswith(":noise") for r in reading.document.meta.removed) == 2


def test_noise_inside_a_line_is_cut_out() -> None:
    junk = "埇勰閔幝鍞悪竛鑑籃猉狾嵫朙瞐艄虲絰酠豔懠嬯軈焄鈪嶠鏆觬潪"
    doc = doc_of(f"标题\n各部门要认真落实安全生产责任制。{junk}确保全年不发生重大事故。")
    assert text_of(doc).endswith("各部门要认真落实安全生产责任制。确保全年不发生重大事故。")


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("⾏政公⽂处理办法", "行政公文处理办法"),  # Kangxi radicals from a PDF text layer
        ("計(jì)算機(jī)算法", "計算機算法"),  # pinyin glosses
        ("版 权 说 明 与 使 用 须 知", "版权说明与使用须知"),  # a space between every character
        ("第一章第一章 算法及基础知识算法及基础知识", "第一章 算法及基础知识"),  # doubled PPT runs
        (
            "单击此处编辑母版标题样式,单击此处编辑母版文本样式,第二级,第三级,第四级,第五级,*,课程目标",
            "课程目标",
        ),
        ("同志们，今天的会议很重要。", "同志们，今天的会议很重要。"),  # full-width marks stay
        ("研究研究再说", "研究研究再说"),  # one repetition can be the author's own
        ("________________签名________________日期", "________________签名________________日期"),
    ],
)
def test_extraction_damage(raw: str, fixed: str) -> None:
    assert damage.repair_line(raw) == fixed


def test_noise_detector_spares_real_text() -> None:
    real = "我区工业、建筑业以及服务业企业中，实施质量精细化管理和卓越绩效管理的不到10%。"
    trad = "本課程是計算機類專業的專業基礎課程；通過課程學習和上機實踐，對計算機常用算法有一個較全面的了解。"
    rare_names = "参会人员：王喆、李堃、张昇、赵赟、孙玥、周珺，请准时参加。"
    for text in (real, trad, rare_names):
        assert noise.noise_spans(text) == []


def test_marks_and_pictographs_inserted_in_words_go() -> None:
    page = (
        "思想汇报的写法\n"
        "二🚸、思想匯報的格式\n"
        "標題🤾🏻,居中寫。台湾的.女儿回来了，怒放的'生命，我这辈子的`价值。\n"
        "首先🍱,思想匯報要真實。途徑🫁。對黨組織來說，監督✭✡︎,要積極。\n"
        "物理量：速度.波速和距离.波长都要标明单位。"
    )
    from convert.api import read_detailed

    doc = read_detailed(page.encode(), name="p.txt", repair=False).document
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].text == "二、思想匯報的格式"
    assert doc.blocks[1].text == "標題,居中寫。台湾的女儿回来了，怒放的生命，我这辈子的价值。"
    assert doc.blocks[2].text == "首先,思想匯報要真實。途徑。對黨組織來說，監督,要積極。"
    # A half-width full stop after another ideograph is a sentence end, for repair to widen.
    assert doc.blocks[3].text == "物理量：速度.波速和距离.波长都要标明单位。"
    gone = [(r.text, r.line) for r in doc.meta.removed if r.rule == "generic:inserted"]
    assert gone[:5] == [("🚸", 2), ("🤾🏻", 3), (".", 3), ("'", 3), ("`", 3)]
    assert len(gone) == 8  # ✭✡︎ is one run


def test_an_emoji_a_writer_put_in_stays() -> None:
    doc = doc_of("开会通知\n今天开会🙂，请大家准时参加，会后一起聚餐👍。")
    assert doc.blocks[0].text == "今天开会🙂，请大家准时参加，会后一起聚餐👍。"


def test_inserted_marks_spare_what_documents_write() -> None:
    for text in (
        "👉点击下载全文",
        "①加强领导",
        "五★级服务",
        "It's OK，没问题",
        "3.5米",
        "A. B. C. D.",
    ):
        assert noise.inserted_spans(text) == [] and noise.jammer_spans(text) == [], text


def test_forum_jammer_strings_go() -> None:
    page = (
        "年终总结怎么写\n"
        "# H3 P5 H4 p& S5 A+ h7 h( c\n"
        "* B; x2 P# {, p# } 我在微贴中写道：何谓工作总结，就是对全年工作的自我汇总与评估。\n"
        "1. 单选题 C C D B C\n"
        "? ? ? ?"
    )
    from convert.api import read_detailed

    doc = read_detailed(page.encode(), name="p.txt", repair=False).document
    text = "\n".join(b.text for b in doc.blocks)
    assert "H3 P5" not in text and "x2 P#" not in text
    assert "我在微贴中写道：何谓工作总结" in text and "单选题 C C D B C" in text
    jammers = [r for r in doc.meta.removed if r.rule == "generic:jammer"]
    assert [r.line for r in jammers] == [2, 3] and "anti-scraping" in jammers[0].detail


def test_markdown_bold_copied_as_text_goes() -> None:
    page = (
        "会议纪要的写法\n**一、标题**\n标题写会议名称和“纪要”二字。\n"
        "**二、基本信息**\n写明时间、地点和**主持人**。"
    )
    doc = doc_of(page)
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == ["一、标题", "二、基本信息"]
    assert doc.blocks[-1].text == "写明时间、地点和主持人。"
    assert [r.rule for r in doc.meta.removed].count("generic:markdown") == 3


def test_stars_for_a_name_left_out_stay() -> None:
    page = "在茶话会上的讲话\n刚才听了***书记的致辞，**同志担任办公室主任，**市也确定了目标。"
    assert "***书记的致辞，**同志担任办公室主任，**市也" in text_of(doc_of(page))


def test_hard_wraps_are_rejoined() -> None:
    lines = [
        "数据模型是指描述事物对象的数据组成、数据关系、数据约",
        "束的抽象结构及其说明，是数据库系统的核心和基础。各种",
        "数据库管理系统都是基于某种数据模型的，因此了解数据模",
        "型是学习数据库的基础。",
        "一、数据模型的组成",
        "数据模型通常由数据结构、数据操作和完整性约束三部分组成。",
    ]
    doc = doc_of("数据库原理\n" + "\n".join(lines))
    first = doc.blocks[0]
    assert first.text == "".join(lines[:4])
    assert isinstance(doc.blocks[1], Heading)


def test_lone_punctuation_line_joins_the_line_before() -> None:
    doc = doc_of("讲话\n同志们:\n下面我先讲几点意见\n。\n一、提高认识")
    assert [b.text for b in doc.blocks][:2] == ["同志们:", "下面我先讲几点意见。"]


def test_speech_lines_are_not_joined() -> None:
    page = "在全市大会上的讲话\n同志们:\n一、认清形势,提高认识\n做好防汛工作,事关发展大局。\n二、突出重点,落实责任\n各级要切实担起责任。"
    doc = doc_of(page)
    assert [b.text for b in doc.blocks][1:] == [
        "一、认清形势,提高认识",
        "做好防汛工作,事关发展大局。",
        "二、突出重点,落实责任",
        "各级要切实担起责任。",
    ]


def test_title_glued_to_salutation_and_site_summary() -> None:
    page = "在全县春耕生产工作会议上的讲话尊敬的各位领导、同志们:今天我们召开全县春耕生产工作会议。"
    doc = doc_of(page)
    assert doc.meta.title == "在全县春耕生产工作会议上的讲话"
    assert doc.blocks[0] == Paragraph("尊敬的各位领导、同志们:", "salutation")


def test_summary_repeating_the_opening_is_dropped() -> None:
    opening = "今年以来，全市上下坚持稳中求进工作总基调，经济运行总体平稳，发展质量稳步提升，民生保障持续加强"
    page = f"政府工作报告\n{opening}...\n政府工作报告\n{opening}，社会大局和谐稳定。"
    doc = doc_of(page)
    assert [b.text for b in doc.blocks] == [f"{opening}，社会大局和谐稳定。"]
    assert any(r.rule == "generic:summary" for r in doc.meta.removed)


def test_inspect_command() -> None:
    page = UNKNOWN_SITE.encode()
    tree = subprocess.run(
        [sys.executable, "-m", "convert", "inspect", "-"],
        input=page,
        capture_output=True,
        timeout=60,
    )
    assert tree.returncode == 0, tree.stderr
    out = tree.stdout.decode()
    assert "unknown site (generic rules)" in out
    assert "generic:meta" in out and "generic:page-marker" in out and "[cn]" in out
    as_json = subprocess.run(
        [sys.executable, "-m", "convert", "inspect", "-", "--json"],
        input=page,
        capture_output=True,
        timeout=60,
    )
    view = json.loads(as_json.stdout)
    assert view["input"]["format"] == "txt" and view["input"]["site"] is None
    rules = {r["rule"] for r in view["meta"]["removed"]}
    assert {
        "generic:meta",
        "generic:page-marker",
        "generic:tips",
        "generic:chunk-marker",
        "generic:end",
    } <= rules
