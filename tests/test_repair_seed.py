"""The repair stage on the seed (a district mayor's speech, damaged on every line)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from convert.model import Change, Document, Heading, Paragraph
from convert.repair import repair
from convert.writers.jsonview import as_dict


def body(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks)


def rewrites(doc: Document, prefix: str = "") -> list[Change]:
    return [c for c in doc.meta.changes if c.after is not None and c.rule.startswith(prefix)]


def flags(doc: Document, rule: str) -> list[Change]:
    return [c for c in doc.meta.changes if c.after is None and c.rule == rule]


REPAIRED = [
    "科学发展观，以加快转变经济发展方式为主线",
    "表示热烈欢迎！希望全区广大企业以他们为标杆",
    "树立一批以质取胜、转型发展的企业标杆",
    "深入开展作出贡献。",
    "重视员工发展，形成了比较和谐的内部气氛",
    "推动广大企业转入追求质量和效益的科学发展轨道",
    "合格率达到90.6%，高出",
    "合格率达到94.2%。",
    "地表水水质基本满足水域功能要求",
    "在2023年的基础上累计削减12.77%和20.29%",
    "四是服务质量进一步提升。服务标准体系和服务质量监管体制不断完善",
    "产品技术含量还不足，缺乏竞争实力。",
    "二是企业质量管理仍比较粗放",
    "建筑业以及服务业企业中",
    "四是环境质量问题仍比较突出。",
    "发展阶段在变",
    "全力实施“以业兴城、以城强区”发展战略的具体实践，是促进发展方式转变的重要抓手",
    "贯穿于经济社会发展的全过程",
    "扩大并涵盖生产生活及社会发展各个领域的发展质量",
    "形成政府总则、部门监管",
    "建成属于全区人民、服务于全区人民的质量强区",
    "以提升经济的发展质量为中心，进一步形成以质量为核心要素的区域发展竞争力",
    "随着经济全球化的深入发展，",
    "我们发展经济，推进社会进步",
    "不断提高广大人民群众的生活质量",
    "为提升发展质量打下扎实的基础",
    "应用发明专利和版权",
    "支撑发展、引领未来",
    "标准的竞争更加激烈",
    "积极发展环保产业、低碳经济",
    "推动公共基础设施向农村延伸覆盖",
    "促进房地产业健康发展",
    "大力发展信息、科技、金融等生产性服务业",
    "要进一步改进公共服务质量",
    "公共服务均等化发展",
    "质量工作是经济社会发展重要的基础性、系统性工作",
    "这不是哪一个部门所能够独立承担的",
    "各乡镇（开发区）政府要用发展的眼光",
    "纳入经济和社会发展规划",
    "以“信用”征信系统为载体",
]

KEPT = [
    "在全区开展质量振兴活动",
    "二、创新理念，扎实开展质量强区建设。",
    "其次是扎实开展质量强区建设必须围绕",
    "深入开展“百镇连锁超市、千村放心店”活动",
    "推动我区质量强区活动全面、深入开展",
    "为根本目的",
    "缺乏竞争实力",
    "必须坚持围绕民生安康",
    "提升知识产权创造运用能力",
    "要从制造向创造转变",
    "创造更多的优质产品",
    "局部区域水环境污染问题",
    "质量奖发动大会",
    "政府鼓励体系",
    "带着我区其他企业",
    "行为标准，态度好",
    "和谐的内部气氛",
    "高出20238.35个百分点",
    "2023-2023年获得多项",
    "让的山更青",
    "努力使成为人们心目中最好的“美丽乡村、魅力水乡。",
    "努力把区企业的核心竞争力",
    "涉及人身健康安全产品",
    "让百姓吃得健康、用得安全",
]


@pytest.mark.parametrize("text", REPAIRED)
def test_repaired(seed_doc: Document, text: str) -> None:
    assert text in body(seed_doc)


@pytest.mark.parametrize("text", KEPT)
def test_kept(seed_doc: Document, text: str) -> None:
    assert text in body(seed_doc)


def test_no_repair_changes_nothing(seed_raw: Document) -> None:
    assert seed_raw.meta.changes == ()
    assert "效劳" in body(seed_raw) and "〞" in body(seed_raw)


def test_word_counts(seed_raw: Document, seed_doc: Document) -> None:
    before, after = body(seed_raw), body(seed_doc)
    assert (before.count("开展"), before.count("发展")) == (48, 0)
    assert (after.count("开展"), after.count("发展")) == (5, 43)
    assert (after.count("服务"), after.count("基础"), after.count("比较")) == (29, 6, 3)
    for gone in ("效劳", "根底", "比拟", "承当", "欢送", "广阔", "〞", "〔"):
        assert gone not in after, gone
    assert after.count("创造") == 3 and after.count("安康") == 1 and after.count("局部") == 1


def test_counts_per_rule(seed_doc: Document) -> None:
    counts = Counter(c.rule for c in rewrites(seed_doc))
    assert counts["spin.fazhan"] == 43
    assert counts["spin.fuwu"] == 29
    assert counts["spin.jichu"] == 6
    assert counts["spin.bijiao"] == 3
    assert counts["spin.guangda"] == 3
    assert counts["spin.dadao"] == 2
    for one in ("huanying", "gongxian", "jiben", "buzu", "faming", "gaijin", "ze", "jilie"):
        assert counts[f"spin.{one}"] == 1, one
    assert counts["spin.chengdan"] == 1
    assert counts["punct.quotes"] == 22
    assert counts["punct.brackets"] == 10  # 〔一〕〔二〕〔三〕 and 〔开发区〕 twice
    assert counts["punct.width"] == 206


def test_gate_note(seed_doc: Document) -> None:
    gate = [c for c in seed_doc.meta.changes if c.rule == "spin.gate"]
    assert len(gate) == 1 and gate[0].block == -1 and gate[0].after is None
    assert gate[0].note.startswith("damaged: 82 markers")
    assert "no 服务、基础、比较、发展" in gate[0].note


def test_flags(seed_doc: Document) -> None:
    assert len(flags(seed_doc, "flags.years")) == 7
    assert [c.before for c in flags(seed_doc, "flags.year-range")] == ["2023-2023"]
    assert [c.before for c in flags(seed_doc, "flags.glued-year")] == ["20238.35"]
    assert [c.before for c in flags(seed_doc, "flags.blank")] == ["把区", "让的", "使成为"]
    assert len(flags(seed_doc, "flags.unpaired")) == 1
    assert [c.before for c in flags(seed_doc, "spin.bufen")] == ["局部"]
    suspects = {c.rule: c.before for c in seed_doc.meta.changes if "suspect" in c.note}
    assert suspects == {
        "spin.dongyuan": "发动",
        "spin.jili": "鼓励",
        "spin.daidong": "带着",
        "spin.fenwei": "气氛",
        "spin.guifan": "标准",
    }


def test_flags_never_rewrite(seed_doc: Document, seed_raw: Document) -> None:
    for c in seed_doc.meta.changes:
        if c.after is None and c.block >= 0:
            assert seed_raw.blocks[c.block].text[c.start : c.start + len(c.before)] == c.before


def test_changes_replay(seed_raw: Document, seed_doc: Document) -> None:
    """Offsets refer to the text before repair: making the rewrites from the end of each
    block gives the repaired text exactly."""
    by_block: dict[int, list[Change]] = {}
    for c in rewrites(seed_doc):
        by_block.setdefault(c.block, []).append(c)
    for i, block in enumerate(seed_raw.blocks):
        text = block.text
        for c in sorted(by_block.get(i, []), key=lambda c: c.start, reverse=True):
            assert text[c.start : c.start + len(c.before)] == c.before
            text = text[: c.start] + (c.after or "") + text[c.start + len(c.before) :]
        assert text == seed_doc.blocks[i].text


def test_labels_and_leads(seed_doc: Document) -> None:
    labels = [b.label for b in seed_doc.blocks if isinstance(b, Heading)]
    assert labels == ["一、", "二、", "三、", "（一）", "（二）", "（三）", "四、"]
    leads = [b.lead for b in seed_doc.blocks if isinstance(b, Paragraph) and b.lead]
    assert "首先要创新质量理念，强化“三大”观念。" in leads
    assert "其次是扎实开展质量强区建设必须围绕“两个中心”。" in leads
    assert seed_doc.blocks[0].text == "同志们："


def test_no_half_width_left_in_chinese(seed_doc: Document) -> None:
    assert not re.search(r"[\u4e00-\u9fff][,;:!?]|[,;:!?][\u4e00-\u9fff]", body(seed_doc))
    assert "90.6%" in body(seed_doc) and "12.77%" in body(seed_doc)


def test_json_view_lists_changes(seed_doc: Document) -> None:
    listed = as_dict(seed_doc)["meta"]["changes"]
    assert len(listed) == len(seed_doc.meta.changes)
    assert {"block": 1, "rule": "spin.huanying", "before": "欢送", "after": "欢迎"}.items() <= next(
        c for c in listed if c["rule"] == "spin.huanying"
    ).items()


def test_switches_on_seed(seed_raw: Document) -> None:
    no_swaps = repair(seed_raw, "-swaps")
    assert not rewrites(no_swaps, "spin.") and "效劳" in body(no_swaps)
    assert rewrites(no_swaps, "punct.width")
    no_fazhan = repair(seed_raw, "-fazhan")
    assert body(no_fazhan).count("开展") == 48 and "服务" in body(no_fazhan)
    no_punct = repair(seed_raw, "-punct")
    assert not rewrites(no_punct, "punct.") and "〞" in body(no_punct)
    assert "发展" in body(no_punct)
    only_width = repair(seed_raw, "-all,+width")
    assert {c.rule for c in only_width.meta.changes} == {"punct.width"}
    assert repair(seed_raw, "-all").meta.changes == ()


def test_repair_twice_changes_nothing_more(seed_doc: Document) -> None:
    again = repair(seed_doc, "-flags")
    assert again.blocks == seed_doc.blocks
    assert len(again.meta.changes) == len(seed_doc.meta.changes)


def test_unresolved_list_can_be_switched_off(seed_raw: Document, seed_doc: Document) -> None:
    quiet = repair(seed_raw, "-unresolved")
    assert not [c for c in quiet.meta.changes if c.note.startswith(("unresolved", "suspect"))]
    assert quiet.blocks == seed_doc.blocks
    assert len(seed_doc.meta.changes) - len(quiet.meta.changes) == 6  # 局部 + five suspects
