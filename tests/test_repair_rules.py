"""The switch list, swap tables as data, the gate, and single context decisions."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from convert.errors import DocconvError
from convert.model import Document, Meta, Paragraph
from convert.repair import repair, run, tables
from convert.repair.gate import assess
from convert.repair.swaps import Context, decide
from convert.repair.switches import Switches, parse

SPIN = tables.load()[0]


def switches(spec: str | None) -> Switches:
    return parse(spec, tables.load())


# ---------------------------------------------------------------- switches


def test_defaults() -> None:
    on = switches(None)
    assert on("punct.width") and on("flags.years") and on("spin.fazhan")
    assert not on("spin.jiankang") and not on.force


def test_short_names_families_and_order() -> None:
    assert not switches("-width")("punct.width")
    assert switches("-punct,+width")("punct.width")
    assert not switches("-punct,+width")("punct.quotes")
    assert not switches("-spin")("spin.fuwu") and switches("-spin")("punct.width")
    assert not switches("-swaps")("spin.fuwu")
    assert switches("+jiankang")("spin.jiankang")
    assert not switches("+spin")("spin.jiankang")  # opt-in rules need their own name
    assert switches("+force").force and not switches("+force,-force").force
    assert switches(" -all , +spin.fuwu ").on == {"spin.fuwu"}


@pytest.mark.parametrize("spec", ["nosuch", "-spin.nosuch", "+fazhan2"])
def test_unknown_names_fail(spec: str) -> None:
    with pytest.raises(DocconvError, match="no repair rule"):
        switches(spec)


def test_ambiguous_short_name(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(TW_TABLE, encoding="utf-8")
    (tmp_path / "b.toml").write_text(TW_TABLE.replace('"tw"', '"tw2"'), encoding="utf-8")
    with pytest.raises(DocconvError, match="ambiguous"):
        parse("-hexin", tables.load(tmp_path))


# ---------------------------------------------------------------- tables as data

TW_TABLE = """
[family]
name = "tw"
description = "Taiwan-phrase conversion round trip"

[gate]
markers = ["内核竞争力", "资讯(?:化|技术|平台)"]

[[pair]]
id = "hexin"
damaged = "内核"
right = "核心"
otherwise = "flag"

[[pair.rule]]
then = "fire"
why = "core competence"
at = ["~(?:竞争力|技术|价值观)"]

[[pair]]
id = "xinxi"
damaged = "资讯"
right = "信息"
otherwise = "fire"
"""


def test_a_new_family_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "tw.toml").write_text(TW_TABLE, encoding="utf-8")
    families = tables.load(tmp_path)
    doc = Document(Meta(), (Paragraph("提升内核竞争力，建设资讯平台，完善资讯化体系，内核部件"),))
    out = run(doc, None, families)
    assert out.blocks[0].text == "提升核心竞争力，建设信息平台，完善信息化体系，内核部件"
    rules = [(c.rule, c.after) for c in out.meta.changes]
    assert ("tw.hexin", "核心") in rules and ("tw.xinxi", "信息") in rules
    assert ("tw.hexin", None) in rules  # 内核部件: unresolved, flagged
    off = run(doc, "-tw.xinxi", families)
    assert "资讯" in off.blocks[0].text


def test_every_bundled_rule_pattern_compiles() -> None:
    """Bundled tables compile their rule patterns only when a rule is first needed
    (tables.Lazy); this is where a bad one is caught instead."""
    fields = ("at", "not_at", "clause_has", "clause_lacks", "clause_ends", "before_has", "near")
    patterns = [
        getattr(rule, name)
        for table in tables.load()
        for pair in table.pairs
        for rule in pair.rules
        for name in fields
        if getattr(rule, name) is not None
    ]
    assert len(patterns) > 20
    for lazy in patterns:
        lazy.compile()


def test_a_bad_pattern_in_another_table_fails_as_it_loads(tmp_path: Path) -> None:
    (tmp_path / "tw.toml").write_text(TW_TABLE.replace("竞争力|", "竞争力|("), encoding="utf-8")
    with pytest.raises(tables.TableError, match="bad pattern"):
        tables.load(tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('otherwise = "flag"', 'otherwise = "maybe"'), "expected one of"),
        (('at = ["~(?:竞争力', 'at = ["(?:竞争力'), "exactly one ~"),
        (('why = "core', 'whyy = "core'), "unknown keys"),
        (('id = "hexin"', 'id = "He Xin"'), "needs an id"),
        (('name = "tw"', 'name = "punct"'), "taken by the rule switches"),
        (('damaged = "资讯"', 'damaged = "内核"'), "one pair only"),
        (('markers = ["内核竞争力"', 'markers = ["内核(竞争力"'), "bad marker"),
    ],
)
def test_table_errors(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    assert change[0] in TW_TABLE
    (tmp_path / "tw.toml").write_text(TW_TABLE.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(DocconvError, match=message):
        tables.load(tmp_path)


def test_suspect_pairs_cannot_rewrite(tmp_path: Path) -> None:
    text = TW_TABLE.replace('otherwise = "flag"', 'otherwise = "flag"\nsuspect = true', 1)
    (tmp_path / "tw.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DocconvError, match="suspect"):
        tables.load(tmp_path)


def test_bundled_table() -> None:
    ids = {p.id for p in SPIN.pairs}
    assert {"fuwu", "fazhan", "jichu", "bijiao", "huanying", "ze", "jiankang"} <= ids
    assert all(not p.suspect or p.otherwise != "fire" for p in SPIN.pairs)


# ---------------------------------------------------------------- the gate


def test_gate_on_damaged_text() -> None:
    text = "坚持科学开展观，完善公共效劳体系，加强根底设施建设，比拟突出。" * 3
    verdict = assess(SPIN, text)
    assert verdict.damaged and len(verdict.kinds) >= 3


def test_gate_on_clean_text() -> None:
    text = (
        "坚持科学发展观，完善公共服务体系，在全区开展质量振兴活动，根本目的是惠及群众，缺乏经验。"
    )
    verdict = assess(SPIN, text * 5)
    assert not verdict.damaged and verdict.hits == 0


def test_gate_vanished_word_needs_markers() -> None:
    activities = "开展安全检查，开展业务培训，开展宣传活动。"
    assert not assess(SPIN, activities * 20).damaged  # 开展 ×60 and no 发展: not enough alone
    assert assess(SPIN, activities * 20 + "公共效劳，根底设施。").damaged


def test_gate_one_kind_is_not_enough() -> None:
    assert not assess(SPIN, "为人民效劳。").damaged


def test_below_the_gate_nothing_is_swapped() -> None:
    doc = Document(Meta(), (Paragraph("我们要为人民效劳，这是根本。"),))
    assert repair(doc).blocks[0].text == "我们要为人民效劳，这是根本。"
    assert repair(doc, "+force").blocks[0].text == "我们要为人民服务，这是根本。"


# ---------------------------------------------------------------- single decisions

CASES = [
    ("fazhan", "坚持科学开展观", "fire"),
    ("fazhan", "转变经济开展方式为主线", "fire"),
    ("fazhan", "在全区开展质量振兴活动", "keep"),
    ("fazhan", "组织学校开展质量主题班会，", "flag"),
    ("fazhan", "提升开展质量打下基础", "fire"),
    ("fazhan", "推进青年开展型城市建设", "fire"),
    ("fazhan", "推动开展质量提升行动", "keep"),
    ("fazhan", "积极开展环保产业、低碳经济，", "fire"),
    ("fazhan", "积极开展环保宣传、低碳生活，", "keep"),
    ("fazhan", "举行公开展示活动", "keep"),
    ("fazhan", "为我国开展营造良好环境", "fire"),
    ("fazhan", "为活动开展营造良好氛围", "keep"),
    ("fazhan", "推动这场变革深入开展。", "flag"),
    ("fazhan", "持续开展扫黑除恶", "keep"),
    ("fazhan", "个人开展业务", "keep"),
    ("fazhan", "经济持续健康开展，", "fire"),
    ("fazhan", "处于快速开展期", "fire"),
    ("fazhan", "由市开展改革委负责解释", "fire"),
    ("fazhan", "加快补齐开展短板", "fire"),
    ("fazhan", "推进开展改革试点", "keep"),
    ("fuwu", "公共效劳体系", "fire"),
    ("fuwu", "提高有效劳动时间", "keep"),
    ("jichu", "打下扎实的根底", "fire"),
    ("jichu", "在树根底部施肥", "keep"),
    ("bijiao", "比拟突出", "fire"),
    ("bijiao", "具有无可比拟的优势", "keep"),
    ("chengdan", "独立承当的", "fire"),
    ("chengdan", "传承当地文化", "keep"),
    ("huanying", "表示热烈欢送！", "fire"),
    ("huanying", "召开欢送会", "keep"),
    ("huanying", "欢送老兵退伍", "keep"),
    ("guangda", "广阔人民群众", "fire"),
    ("guangda", "广阔天地大有作为", "keep"),
    ("guangda", "广阔农村", "flag"),
    ("bufen", "大局部企业", "fire"),
    ("bufen", "局部地区有暴雨", "flag"),
    ("bufen", "局部暴雨", "keep"),
    ("bufen", "每年安排局部骨干教师支教", "fire"),
    ("bufen", "局部调整学校布局", "flag"),
    ("jiben", "根本满足要求", "fire"),
    ("jiben", "根本目的是", "keep"),
    ("jiben", "从根本上解决", "keep"),
    ("jiben", "根本消除", "flag"),
    ("jiben", "根本满足不了需求", "keep"),
    ("jiben", "根本无法完成", "keep"),
    ("dadao", "合格率到达90.6%", "fire"),
    ("dadao", "到达国内先进水平", "fire"),
    ("dadao", "8分钟即到达现场", "keep"),
    ("dadao", "列车到达杭州", "flag"),
    ("dadao", "到达或超过全省平均水平", "fire"),
    ("dadao", "到达杭州参加全国水平测试", "flag"),
    ("buzu", "技术含量还缺乏，", "fire"),
    ("buzu", "找出缺乏之处", "fire"),
    ("buzu", "缺乏竞争实力", "keep"),
    ("buzu", "人才缺乏。", "flag"),
    ("faming", "应用创造专利", "fire"),
    ("faming", "创造条件", "keep"),
    ("faming", "知识产权创造运用", "keep"),
    ("gongxian", "作出奉献", "fire"),
    ("gongxian", "作出新的更大奉献", "fire"),
    ("gongxian", "无私奉献", "keep"),
    ("gongxian", "默默奉献", "keep"),
    ("gaijin", "改良工作作风", "fire"),
    ("gaijin", "土壤改良", "keep"),
    ("ze", "政府总那么、部门监管", "fire"),
    ("ze", "坚持原那么", "fire"),
    ("ze", "否那么后果自负", "fire"),
    ("ze", "那么，我们怎么办", "keep"),
    ("ze", "沟通那么重要", "keep"),
    ("ze", "方法那么多", "keep"),
    ("ze", "对工作推进不力的，那么严肃追责", "fire"),
    ("ze", "考核优秀的，那么优先考虑", "flag"),
    ("jilie", "竞争更加剧烈", "fire"),
    ("jilie", "剧烈的区域竞争", "fire"),
    ("jilie", "避免剧烈运动", "keep"),
    ("jiankang", "民生安康", "keep"),
    ("dongyuan", "质量奖发动大会", "flag"),
    ("dongyuan", "发动机", "keep"),
]


@pytest.mark.parametrize(("pair", "text", "expected"), CASES)
def test_decision(pair: str, text: str, expected: str) -> None:
    p = SPIN.pair(pair)
    start = text.index(p.damaged)
    action, _ = decide(p, Context(text, start, start + len(p.damaged)), frozenset())
    assert action == expected


def test_jiankang_only_without_genuine_jiankang() -> None:
    p = SPIN.pair("jiankang")
    text = "加强心理安康教育"
    ctx = Context(text, 4, 6)
    assert decide(p, ctx, frozenset())[0] == "fire"
    assert decide(p, ctx, frozenset({"健康"}))[0] == "keep"


# ---------------------------------------------------------------- speed


def _cpu(work: Callable[[], object]) -> float:
    """CPU seconds of this process for `work` (wall time would measure the machine's load)."""
    start = time.process_time()
    work()
    return time.process_time() - start


def test_long_document_is_linear() -> None:
    """No quadratic path: ten times the text costs well under 25 times the work (a property
    of the algorithm, not a speed figure: those are in benchmarks/scaling.py)."""
    sentence = "坚持科学开展观，在全区开展质量振兴活动,完善公共效劳体系;“美丽乡村〞〔一〕2023年..."
    small = Document(Meta(), tuple(Paragraph(sentence * 40) for _ in range(40)))
    big = Document(Meta(), tuple(Paragraph(sentence * 40) for _ in range(400)))
    assert sum(len(b.text) for b in big.blocks) > 500_000
    repair(small)  # tables loaded and patterns compiled before anything is measured
    t_small = min(_cpu(lambda: repair(small)) for _ in range(3))
    out = repair(big)
    t_big = _cpu(lambda: repair(big))
    assert len(out.meta.changes) > 100_000
    assert t_big < 25 * t_small + 0.5  # 10× the text


def test_one_huge_block() -> None:
    """One block of 30 000 sentences: linear too (and repaired)."""
    text = "经济社会开展,效劳质量到达90%;" * 30_000
    small = Document(Meta(), (Paragraph(text[: len(text) // 10]),))
    repair(small)
    t_small = min(_cpu(lambda: repair(small)) for _ in range(3))
    out = repair(Document(Meta(), (Paragraph(text),)))
    t_big = _cpu(lambda: repair(Document(Meta(), (Paragraph(text),))))
    assert t_big < 25 * t_small + 0.5
    assert out.blocks[0].text.startswith("经济社会发展，服务质量达到90%；")
