"""Cleaning: chrome out (with the rule that took it), metadata kept, document text intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert import read
from convert.clean import clean
from convert.clean.profiles import ProfileError, select
from convert.readers import read as read_source


def cleaned(text: str, **kw):
    return clean(read_source(text.encode("utf-8"), name="page.txt"), **kw)


SEED_CHROME = [
    "分享",
    "下载文档",
    "ID:2065240",
    "大小:23.50KB",
    "页数:12页",
    "格式:DOC",
    "时间:2023-04-24",
    "收藏 分享赚钱",
    "温馨提示:",
    "网站客服:3074922707",
    "2023 区长 质量 绩效 管理 推进 讲话 范文",
    "此文档下载收益归作者所有",
    "你可能关注的文档",
    "收起",
    "展开",
]


def test_seed_chrome_goes_with_its_rule(seed_raw) -> None:
    removed = {r.text: r.rule for r in seed_raw.meta.removed}
    for line in SEED_CHROME:
        assert line in removed, line
    assert removed["ID:2065240"] == "huiwen:meta"
    assert removed["温馨提示:"] == "huiwen:tips"
    assert removed["2023 区长 质量 绩效 管理 推进 讲话 范文"] == "huiwen:keywords"
    assert removed["你可能关注的文档"] == "huiwen:end"
    assert sum(r.rule == "huiwen:tips" for r in seed_raw.meta.removed) == 5
    text = "\n".join(b.text for b in seed_raw.blocks)
    for line in SEED_CHROME:
        assert line not in text.split("\n")
    assert "汇文网" not in text and "客服" not in text


def test_seed_metadata(seed_raw) -> None:
    m = seed_raw.meta
    assert (m.site, m.doc_id, m.size, m.pages, m.format, m.date) == (
        "huiwen",
        "2065240",
        "23.50KB",
        12,
        "DOC",
        "2023-04-24",
    )
    assert m.source_title == "2023年区长在质量绩效管理推进会讲话范文.doc"
    # 范文 is the site's SEO word (stripped from the title too), not the document's keyword
    assert m.keywords == ("2023", "区长", "质量", "绩效", "管理", "推进", "讲话")


def test_document_text_with_ui_words_is_kept() -> None:
    page = "\n".join(
        [
            "分享",
            "关于做好文件下载与分享工作的通知",
            "各单位要及时下载最新版本的文件，不得私自分享给无关人员。",
            "下载",
            "请各单位认真执行。",
        ]
    )
    c = cleaned(page)
    assert [line.text for line in c.lines] == [
        "关于做好文件下载与分享工作的通知",
        "各单位要及时下载最新版本的文件，不得私自分享给无关人员。",
        "请各单位认真执行。",
    ]


def test_meeting_notice_keeps_its_own_time_line() -> None:
    """Metadata rules only read the header zone: a notice's 时间：line is document text."""
    page = "会议通知\n定于下周召开全体会议。\n时间:2023年5月8日上午9时\n地点:三楼会议室"
    c = cleaned(page)
    assert "时间:2023年5月8日上午9时" in [line.text for line in c.lines]
    assert "date" not in c.fields


def test_tip_list_ends_at_the_first_non_item() -> None:
    page = "温馨提示:\n1. 下载前请确认。\n2. 如有问题请联系客服。\n正文第一段。\n1. 正文里的编号不受影响"
    c = cleaned(page)
    assert [line.text for line in c.lines] == ["正文第一段。", "1. 正文里的编号不受影响"]


def test_metadata_line_with_several_pairs() -> None:
    page = (
        "上传人:b****3 文档编号:123456 上传时间:2024-01-05 格式:DOCX 页数:29 大小:53.60KB\n正文。"
    )
    c = cleaned(page)
    assert c.fields["doc_id"] == "123456"
    assert c.fields["pages"] == "29"
    assert c.fields["format"] == "DOCX"
    assert [line.text for line in c.lines] == ["正文。"]


def test_keyword_line_needs_the_title() -> None:
    # Without a title to compare with, a row of short words is document text.
    assert [line.text for line in cleaned("质量 绩效 管理\n正文。").lines] == [
        "质量 绩效 管理",
        "正文。",
    ]
    c = cleaned("质量绩效管理办法.docx\n质量 绩效 管理\n正文。")
    assert c.keywords == ("质量", "绩效", "管理")


def test_html_chrome_hints_remove_unknown_chrome() -> None:
    html = (
        "<html><body><header><p>某某文库 专业文档分享平台</p><p>页数:3页</p></header>"
        "<article><p>工作总结</p><p>今年以来，各项工作稳步推进。</p></article>"
        "<aside><p>热门推荐：年终总结大全</p></aside></body></html>"
    )
    doc = read(html.encode(), name="x.html", repair=False)
    assert doc.meta.title == "工作总结"
    assert [b.text for b in doc.blocks] == ["今年以来，各项工作稳步推进。"]
    assert doc.meta.pages == 3
    rules = {r.text: r.rule for r in doc.meta.removed}
    assert rules["某某文库 专业文档分享平台"] == "generic:page-chrome"
    assert rules["热门推荐：年终总结大全"] == "generic:page-chrome"


def test_unknown_site_uses_the_generic_profile() -> None:
    assert select("https://unknown.example/doc/1", "随便什么文字").name == "generic"


def test_site_recognised_by_phrase() -> None:
    assert select("", "2. 本文档由用户上传,汇文网负责整理代发布。").name == "huiwen"


def test_site_named_explicitly_and_unknown_site(tmp_path: Path) -> None:
    assert select("", "", site="huiwen").name == "huiwen"
    with pytest.raises(ProfileError, match="unknown site profile"):
        select("", "", site="nosuchsite")


def test_user_profile_folder(tmp_path: Path) -> None:
    (tmp_path / "mysite.toml").write_text(
        'name = "mysite"\n[match]\ndomains = ["my.example"]\n[chrome]\nlines = ["点我领取会员"]\n',
        encoding="utf-8",
    )
    src = read_source("点我领取会员\n正文。".encode(), name="p.txt")
    src = type(src)(src.lines, src.format, url="https://www.my.example/doc/9")
    c = clean(src, sites_dirs=[tmp_path])
    assert c.profile is not None and c.profile.name == "mysite"
    assert [line.text for line in c.lines] == ["正文。"]
    assert c.removed[0].rule == "mysite:chrome-line"


def test_bad_user_profile_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        'name = "bad"\n[chrome.patterns]\nx = "([unclosed"\n', encoding="utf-8"
    )
    with pytest.raises(ProfileError, match="bad pattern"):
        clean(read_source("正文。".encode(), name="p.txt"), sites_dirs=[tmp_path])
