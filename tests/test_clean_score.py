"""Cleaning without a profile: the chrome scorer and the generic rules for what every kind of
site does (stock intros, piece labels, paywalls, page counters), on pages no profile knows."""

from __future__ import annotations

import json

import pytest
from conftest import shared_path

from convert import read
from convert.clean import clean, score
from convert.readers import read as read_source
from convert.writers.jsonview import as_dict

BODY = (
    "为了进一步加强我校教育安全工作，维护学校正常的教育教学秩序，确保广大师生的安全，"
    "提高全体师生的安全意识，特制订本计划。"
)
BODY2 = "各班主任要利用班会课开展安全教育，做到警钟长鸣，防患于未然，确保万无一失。"


def doc_of(text: str):
    return read(text.encode("utf-8"), name="page.txt", repair=False)


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


def test_stock_intro_glued_to_the_text_goes_with_its_small_talk() -> None:
    page = "\n".join(
        [
            "小学安全工作计划",
            "时光在流逝，从不停歇。好的计划是什么样的呢？下面是小编精心整理的小学安全工作计划，"
            "仅供参考，欢迎大家阅读。" + BODY,
            BODY2,
        ]
    )
    doc = doc_of(page)
    assert doc.meta.title == "小学安全工作计划"
    assert texts(doc) == [BODY, BODY2]
    gone = {r.rule: r.text for r in doc.meta.removed}
    assert gone["generic:stock-intro"].startswith("时光在流逝")
    assert gone["generic:stock-intro"].endswith("欢迎大家阅读。")


def test_editor_word_inside_a_term_is_not_a_stock_intro() -> None:
    line = "主存的最小编址单位是字节，整理数据时按字节寻址，这一点在各种机器上都是一样的。"
    assert texts(doc_of(f"{BODY}\n{line}\n{BODY2}")) == [BODY, line, BODY2]


def test_piece_labels_of_a_collection_page() -> None:
    page = "\n".join(
        [
            "安全工作计划汇总十篇",
            f"安全工作计划小学 篇1{BODY}",
            BODY2,
            "创建文明村镇实施方案【第二篇】",
            "为推进社会主义新农村建设，改善村容村貌，促进全镇各项事业全面发展，制定本实施方案。",
        ]
    )
    doc = doc_of(page)
    joined = "\n".join(texts(doc))
    assert "篇1" not in joined and "【第二篇】" not in joined
    assert texts(doc)[0] == BODY
    rules = {r.text: r.rule for r in doc.meta.removed}
    assert rules["安全工作计划小学 篇1"] == "generic:piece-label"
    assert rules["创建文明村镇实施方案【第二篇】"] == "generic:piece-title"


def test_hidden_text_marker_inside_a_line() -> None:
    line = f"确保广大师生的“体……此处隐藏14611个字……想，明确校长是第一责任人。{BODY2}"
    doc = doc_of(f"{BODY}\n{line}")
    assert texts(doc)[1] == f"确保广大师生的“体想，明确校长是第一责任人。{BODY2}"
    assert any(r.rule == "generic:hidden-text" for r in doc.meta.removed)


@pytest.mark.parametrize(
    "line", ["此处隐藏3339个字。VIP会员可见", "试读结束，开通会员文档无限下载使用"]
)
def test_paywall_lines(line: str) -> None:
    assert texts(doc_of(f"{BODY}\n{line}\n{BODY2}")) == [BODY, BODY2]


def test_page_counters() -> None:
    doc = doc_of(f"1/3\n{BODY}\n2 / 3\n{BODY2}\n3/3")
    assert texts(doc) == [BODY, BODY2]
    assert doc.meta.pages == 3


def test_scorer_removes_site_lines_and_says_why() -> None:
    page = "\n".join(
        [
            "用户名: 密码: 企业 个人",
            "安全生产工作会议讲话",
            BODY,
            BODY2,
            "上一篇: 在全县工作会议上的讲话 下一篇:返回列表",
            "微信扫一扫在手机阅读、分享本文",
        ]
    )
    doc = doc_of(page)
    assert doc.meta.title == "安全生产工作会议讲话"
    assert texts(doc) == [BODY, BODY2]
    scored = [r for r in doc.meta.removed if r.score is not None]
    assert {r.text for r in scored} >= {"用户名: 密码: 企业 个人", "微信扫一扫在手机阅读、分享本文"}
    for r in scored:
        assert r.rule == "generic:score-line"
        assert r.detail.startswith(f"weights.toml (score {r.score:.2f}): ")
        assert "words" in r.detail or "row" in r.detail  # the features that decided, in words


def test_position_alone_removes_nothing() -> None:
    """A title line above the text scores high on position, but has no chrome of its own."""
    page = f"关于加强校园安全工作的实施意见\n{BODY}\n{BODY2}"
    doc = doc_of(page)
    assert doc.meta.title == "关于加强校园安全工作的实施意见"
    assert not [r for r in doc.meta.removed if r.score is not None]


def test_short_page_is_left_to_the_rules() -> None:
    """Without a sentence long enough to place the text, the scorer needs near certainty."""
    c = clean(read_source("质量 绩效 管理\n正文。".encode(), name="p.txt"))
    assert [line.text for line in c.lines] == ["质量 绩效 管理", "正文。"]


def test_sentence_units() -> None:
    vocab = score.vocabulary()
    text = "第一句。第二句！“第三句。”尾巴"
    spans = score.sentence_spans(text, vocab)
    assert [text[a:b] for a, b in spans] == ["第一句。", "第二句！", "“第三句。”", "尾巴"]
    assert score.sentence_spans("", vocab) == []


def test_weights_file_names_known_features() -> None:
    """Every fitted weight belongs to a feature score.py computes and scoring.toml explains."""
    m = score.model()
    vocab = score.vocabulary()
    assert m.fitted_on and 0.5 <= m.threshold <= 0.95
    unknown = set(m.weights) - set(vocab.descriptions)
    assert not unknown


def test_json_view_carries_each_removals_score_and_detail() -> None:
    doc = doc_of(f"{BODY}\n{BODY2}\n微信扫一扫在手机阅读、分享本文")
    removed = as_dict(doc)["meta"]["removed"]
    scored = [r for r in removed if r.get("score") is not None]
    assert scored and {"text", "rule", "line", "score", "detail"} <= set(scored[0])
    assert all(r["detail"].startswith("weights.toml") for r in scored)
    json.dumps(removed)


# -- real pages from sites without a profile (../shared; skipped when absent) -----------------


def annotated(name: str):
    path = shared_path("corpus", "annotated", f"{name}.txt")
    return read(path, repair=False), json.loads(
        path.with_suffix(".expect.json").read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("name", ["aixue-1", "q531-1", "laowenmi-1", "pyh678-1", "xiaomilidoc-1"])
def test_real_pages_lose_their_chrome_and_keep_their_text(name: str) -> None:
    doc, expect = annotated(name)
    full = "".join(texts(doc)).replace(",", "，")
    fold = lambda s: "".join(s.split()).replace(",", "，")  # noqa: E731
    for sample in expect["body_samples"]:
        assert fold(sample) in fold(full), sample
    for sample in expect["chrome_samples"]:
        if len(fold(sample)) >= 6:
            assert fold(sample) not in fold(full), sample


def test_related_documents_heading_never_ends_the_text() -> None:
    """On some sites the related-documents list stands above the text: its heading and its
    titles go, the text after them stays."""
    page = "\n".join(["相关文档", "安全工作计划范文", "学校安全工作总结", BODY, BODY2])
    doc = doc_of(page)
    assert texts(doc) == [BODY, BODY2]
    rules = {r.text: (r.rule, r.detail) for r in doc.meta.removed}
    assert rules["相关文档"][0] == "generic:related-list"
    assert rules["相关文档"][1].startswith("generic.toml [chrome.end] markers")
    assert rules["学校安全工作总结"][0] == "generic:related-list"


def test_related_documents_at_the_end_still_end_it() -> None:
    doc = doc_of(f"{BODY}\n{BODY2}\n相关文档\n安全工作计划范文\n学校安全工作总结")
    assert texts(doc) == [BODY, BODY2]
    assert [r.rule for r in doc.meta.removed] == ["generic:end"] * 3


def test_profile_removals_say_where_their_rule_lives(seed_raw) -> None:
    details = {r.text: r.detail for r in seed_raw.meta.removed}
    assert details["分享"] == "generic.toml [chrome] lines"
    assert details["ID:2065240"] == "generic.toml [meta.keys]: doc_id"
    assert details["网站客服:3074922707"].startswith(
        "generic.toml [chrome.patterns] customer-service: "
    )
    assert details["你可能关注的文档"].startswith("generic.toml [chrome.end] markers: ")
    assert all(r.detail for r in seed_raw.meta.removed if r.rule.startswith("huiwen:"))
