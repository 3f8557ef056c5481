"""Flags report damage that cannot be undone; they never change the text."""

from __future__ import annotations

from convert.model import Document, Meta, Paragraph
from convert.repair import repair


def run(*texts: str, date: str = "", rules: str | None = None) -> Document:
    return repair(Document(Meta(date=date), tuple(Paragraph(t) for t in texts)), rules)


def flagged(doc: Document, rule: str) -> list[tuple[int, int, str]]:
    return [(c.block, c.start, c.before) for c in doc.meta.changes if c.rule == rule]


def test_flags_leave_text_alone() -> None:
    texts = (
        "2023年以来，我们在2023年的基础上，2023-2023年获得多项奖励。",
        "高出20238.35个百分点，让的山更青。",
    )
    doc = run(*texts, date="2023-04-24")
    assert tuple(b.text for b in doc.blocks) == texts
    assert doc.meta.changes and all(c.after is None for c in doc.meta.changes)


def test_same_year_everywhere() -> None:
    doc = run("2023年以来，截止2023年，在2023年的基础上。", date="2023-04-24")
    assert flagged(doc, "flags.years") == [(0, 0, "2023"), (0, 10, "2023"), (0, 17, "2023")]
    assert "upload date 2023-04-24" in doc.meta.changes[0].note


def test_different_years_are_fine() -> None:
    doc = run("2021年以来，截止2023年，到2025年。")
    assert flagged(doc, "flags.years") == []


def test_two_years_prove_nothing() -> None:
    assert flagged(run("2023年以来，截止2023年。"), "flags.years") == []


def test_year_range_to_itself() -> None:
    doc = run("2023-2023年获得奖励，2019—2023年持续增长。")
    assert flagged(doc, "flags.year-range") == [(0, 0, "2023-2023")]


def test_year_glued_to_a_number() -> None:
    doc = run("2023年合格率90.6%，高出20238.35个百分点，金额20235元。")
    assert flagged(doc, "flags.glued-year") == [(0, 16, "20238.35")]


def test_glued_year_needs_the_year_in_the_document() -> None:
    assert flagged(run("金额共计20198.35元。"), "flags.glued-year") == []


def test_unpaired_quotes() -> None:
    doc = run("建设“美丽乡村、魅力水乡。", "“一”和“二〞都好", "多了一个”号")
    assert flagged(doc, "flags.unpaired") == [(0, 2, "“"), (2, 4, "”")]


def test_blanked_names() -> None:
    doc = run("让的山更青、水更绿。", "努力使成为人们心中最好的城市。", "努力把区企业做强。")
    assert [c[2] for c in flagged(doc, "flags.blank")] == ["让的", "使成为", "把区"]


def test_genuine_uses_are_not_blanks() -> None:
    doc = run("出让的土地、转让的股权依法登记，使之成为样板。")
    assert flagged(doc, "flags.blank") == []


def test_flags_switch_off() -> None:
    doc = run("2023年以来，截止2023年，在2023年的基础上。", rules="-flags")
    assert doc.meta.changes == ()
    doc = run("2023年以来，截止2023年，2023-2023年。", rules="-years")
    assert flagged(doc, "flags.years") == [] and flagged(doc, "flags.year-range")
