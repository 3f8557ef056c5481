"""Generic cleaning and structure rules that no site profile holds, each on a small page in
the shape the corpus showed it (the corpus page named beside each), with the document's own
text kept."""

from __future__ import annotations

from convert import api
from convert.model import Document, Heading, Item, Paragraph


def read(text: str) -> Document:
    return api.read(text.encode(), name="page.txt", repair=False)


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def removed(doc: Document) -> dict[str, str]:
    return {r.text: r.rule for r in doc.meta.removed}


def assert_only_chrome_goes(
    title: str, lines: dict[str, str], *, above: bool = False, below: bool = False
) -> None:
    """A page of `title`, the lines (text → the rule that must remove it) above or below
    the body: only the body is left, each line gone by its own rule."""
    assert above != below
    parts = [*lines, BODY] if above else [BODY, *lines]
    doc = read(f"{title}\n\n" + "\n\n".join(parts) + "\n")
    assert texts(doc) == [BODY]
    assert {text: removed(doc)[text] for text in lines} == lines


BODY = "各位游客大家好，欢迎来到美丽的杭州西湖，今天由我带领大家游览柳浪闻莺和花港观鱼两个景点。"


def test_an_editors_intro_without_xiaobian_goes() -> None:  # lsklf-1, neimou-1
    doc = read(
        "四川成都导游欢迎词\n\n"
        "导游接团带旅客的第一件事是什么？当然是先表示欢迎。下面是一篇四川成都导游欢迎词，希望大家喜欢！\n\n"
        f"{BODY}\n"
    )
    assert doc.meta.title == "四川成都导游欢迎词"
    assert texts(doc) == [BODY]
    assert "generic:stock-intro-plain" in removed(doc).values()


def test_a_speakers_announcement_stays() -> None:
    speech = "下面，我给大家分享三点体会。一是要加强学习，二是要勇于实践，三是要善于总结。"
    doc = read(f"在学习交流会上的发言\n\n同志们：\n\n{speech}\n\n下面，我讲三点意见。\n")
    assert speech in texts(doc) and "下面，我讲三点意见。" in texts(doc)


def test_a_piece_heading_with_the_sites_number_goes() -> None:  # bxzi-1
    doc = read(f"西湖景点导游词范文\n\n西湖景点导游词范文一\n\n{BODY}\n")
    assert texts(doc) == [BODY]
    assert removed(doc)["西湖景点导游词范文一"] == "generic:piece-title"


def test_the_titles_words_as_the_first_subject_stay() -> None:  # 5540-1
    first = "工作计划是行政活动中使用范围很广的重要公文，也是应用写作的一个重头戏。"
    doc = read(f"工作计划\n\n{first}\n\n{BODY}\n")
    assert doc.meta.title == "工作计划" and texts(doc)[0] == first


def test_a_glued_title_still_goes() -> None:
    doc = read(
        f"县长在全县安全生产会议上的讲话\n\n县长在全县安全生产会议上的讲话同志们：\n\n{BODY}\n"
    )
    assert texts(doc)[0] == "同志们："


def test_contents_entries_are_no_headings() -> None:  # hebau-1, docxbaby-1
    doc = read(
        "学位论文写作规范\n\n目录\n\n"
        "第1章学位论文各部分的写作要求..................1\n\n"
        "1.1学位论文的各部分组成....................2\n\n"
        "1.2.1打印纸要求...........................3\n\n"
        f"{BODY}\n"
    )
    assert [(h.level, h.text) for h in doc.headings] == [(1, "目录")]
    entries = [b for b in doc.blocks if isinstance(b, Paragraph) and "...." in b.text]
    assert len(entries) == 3


def test_a_cut_paragraph_ending_in_an_ellipsis_is_no_contents_entry() -> None:  # mswk-1
    doc = read(
        "考核办法\n\n一、考核内容\n\n以岗位职责为依据，全面考核工作人员的表现。\n\n"
        "1.定性考核。考核分为好、较好、一般、较差四个等次，其中好等次占…………\n"
    )
    assert "1.定性考核。" in [h.text for h in doc.headings]


def test_the_contents_line_is_not_joined_to_the_title() -> None:  # docxbaby-1
    doc = read("四年级上册：精卫填海教学设计\n目录\n一、教学目标..............3\n\n" + BODY + "\n")
    assert doc.meta.title == "四年级上册：精卫填海教学设计"
    assert doc.headings[0].text == "目录"


def test_one_unnumbered_line_opening_numbered_sections_is_a_heading() -> None:  # fanwengao-1
    doc = read(
        "倡议书格式及例文范文\n\n倡议书一般由标题、称呼、正文、结尾、落款五部分组成。\n\n"
        "倡议书格式及例文\n\n（一）标题\n\n标题一般由文种名单独组成。\n\n（二）称呼\n\n"
        "称呼是对倡议对象的称呼。\n"
    )
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "倡议书格式及例文"),
        (2, "（一）标题"),
        (2, "（二）称呼"),
    ]


def test_the_title_repeated_above_the_first_section_is_no_heading() -> None:  # bdocx-5
    doc = read(
        "财务管理制度\n\n财务管理制度\n\n第一章总则\n\n"
        "第一条为加强公司财务管理，根据国家有关规定，制定本制度。\n\n第二章资金管理\n\n"
        "第二条公司的货币资金由财务部统一管理。\n"
    )
    assert [h.text for h in doc.headings if isinstance(h, Heading)][:1] == ["第一章总则"]


def test_a_footers_copyright_line_goes() -> None:
    doc = read(f"导游词\n\n{BODY}\n\n版权所有 © 某某范文 客服QQ：123456\n")
    assert texts(doc) == [BODY]
    assert removed(doc)["版权所有 © 某某范文 客服QQ：123456"] == "generic:copyright-mark"


def test_a_jammer_glued_to_the_text_goes_and_the_text_keeps_its_marks() -> None:  # caiyes-2
    doc = read(
        "述职报告的撰写格式+ O2 W- O: E/ I5 L9 Z\n"
        "其结构包括四个基本组成部分。各组成部分的书写要求分别是:# c/ F; K+ d A$ j\n"
        "1.标题。标题应简单明了。\n"
        '" p6 p% g5 Y) W* X( O4 w2.正文。正文是述职报告的主体。\n'
        "9 C7 A1 d+ K5 p1 [6 m3.签署。签署就是述职报告的落款。\n"
        "+ { I1 E- A: G/ {, i4 F) F2 {(一)工作总结的结构\n"
    )
    body = "\n".join(texts(doc))
    assert "分别是:" in body and "O4" not in body and "C7" not in body
    assert [h.text for h in doc.headings if h.label][:3] == ["1.标题。", "2.正文。", "3.签署。"]
    assert "(一)工作总结的结构" in body
    assert doc.meta.title == "述职报告的撰写格式"


def test_a_row_of_options_or_units_is_no_jammer() -> None:
    line = "A. B. C. D. 都不对"
    doc = read(f"选择题\n\n1.下列说法正确的是\n\n{line}\n\n单位 1m 2m 3m 4m\n")
    assert line in texts(doc) and "单位 1m 2m 3m 4m" in texts(doc)


def test_a_forms_field_is_no_style_sheet() -> None:  # lw881-1
    doc = read(f"学位论文\n\n{BODY}\n\n单位代码:10086;\n\np.cjk {{ font-size: 12pt; }}\n")
    assert "单位代码:10086;" in texts(doc)
    assert removed(doc)["p.cjk { font-size: 12pt; }"] == "generic:style-residue"


def test_site_furniture_around_the_text_goes() -> None:  # qingganwo-1, xyvh-1, dawenge-1
    lines = {
        "正文复制": "generic:chrome-line",
        "« 上一篇 2023-01-27 15:59:42": "generic:prev-next-arrow",
        "标签: 感动人物颁奖": "generic:tags",
        "本文由情感窝情感新闻栏目发布,感谢您对情感窝的认可": "generic:published-by",
        "【编辑:付子豪】": "generic:editor-credit",
        "以上是小編為大家準備的比賽總結范文,希望對大家的寫作有所幫助。": "generic:stock-outro",
        "歡迎閱讀由公務員之家整理的十篇范文,供你借鑒。": "generic:stock-welcome",
    }
    assert_only_chrome_goes("感动人物颁奖词", lines, below=True)


def test_a_traditional_script_editors_intro_goes() -> None:  # qilupro-1
    intro = "范文社小編今天就為您帶來了讀工匠精神的心得體會模板6篇,相信一定會對你有所幫助。"
    doc = read(f"讀工匠精神的心得體會\n\n{intro}\n\n{BODY}\n")
    assert texts(doc) == [BODY]


def test_a_text_file_holding_a_pages_source_is_read_as_html() -> None:  # szxuexiao-1
    cells = "".join(f"<span>{c}</span>" for c in "学习如逆水行舟不进则退")
    page = (
        "# source: https://example.com/4938.html\n\n五年级语文测试题\n\n"
        + "<div><strong>一、</strong><strong>抄写下面句子（5分）。</strong></div>"
        + f"<div>{cells}</div><br><div><span>二、</span><span>按要求写字词句</span></div>" * 3
    )
    reading = api.read_detailed(page.encode(), name="page.txt")
    doc = reading.document
    assert doc.meta.url == "https://example.com/4938.html"
    assert any("HTML source" in str(w) for w in reading.warnings)
    assert "一、抄写下面句子（5分）。" in [h.text for h in doc.headings]
    assert not any("<" in b.text for b in doc.blocks)


def test_a_pieces_heading_and_number_go() -> None:  # shuxinhome-1, xueshu-1, xuewenya-2
    for line in ("房子装修签订合同协议书(篇1)", "实施方案篇(1)", "江苏苏州概况介绍导游词模板1"):
        doc = read(f"合同协议书范文\n\n{line}\n\n{BODY}\n")
        assert texts(doc) == [BODY] and removed(doc)[line] == "generic:piece-title", line
    doc = read(f"导游词\n\n模板1{BODY}\n")
    assert texts(doc) == [BODY] and removed(doc)["模板1"] == "generic:piece-number"


def test_editorial_notes_above_the_text_go() -> None:  # wugjj-1, 77cn-1, reader8-1
    lines = {
        "導語:如何才能寫好一篇環衛工作者事跡材料,這就需要搜集整理更多的素材。": "generic:editor-lead",
        "说明:文章内容仅供预览,部分内容可能不全,需要完整文档或者需要复制内容,请下载": (
            "generic:preview-note"
        ),
        "编辑推荐您关注:": "generic:editors-pick",
    }
    assert_only_chrome_goes("环卫工人事迹材料", lines, above=True)


def test_a_numbered_provision_is_no_heading_but_a_slogan_heading_is() -> None:  # q531-1, gdygsk-1
    provision = "（二）公司取得的货币资金收入必须及时入账，不得账外设账，严禁收款不入账。"
    slogan = "一、继承“五四”精神，坚定信念，志存高远，做志向坚定的先锋。"
    doc = read(f"管理制度\n\n{slogan}\n\n{BODY}\n\n（一）现金的使用范围\n\n{BODY}\n\n{provision}\n")
    assert [h.text for h in doc.headings] == [slogan, "（一）现金的使用范围"]
    assert provision in texts(doc)


def test_bold_that_markdown_left_in_copied_text_cuts_headings_off() -> None:  # 520cd-1
    doc = read(
        "医院团支部工作计划\n"
        "**2024年医院团支部工作计划****一、指导思想**以新时代中国特色社会主义思想为指导，"
        "深入学习贯彻党的二十大精神。\n**二、工作目标**提高团支部的凝聚力和战斗力。\n"
        "由**同志担任办公室主任。\n"
    )
    assert [h.text for h in doc.headings] == ["一、指导思想", "二、工作目标"]
    assert "由**同志担任办公室主任。" in texts(doc)


def test_platform_notices_and_a_word_files_binary_parts_go() -> None:  # 360docs-3, 767rc-1
    lines = {
        "- 1、下载文档前请自行甄别文档内容的完整性,平台不提供额外的编辑、内容补充等附加服务。": (
            "generic:platform-notice"
        ),
        "- 3、如文档侵犯您的权益,请联系客服反馈,我们会尽快为您处理(人工客服工作时间:9:00-18:30)。": (
            "generic:platform-notice"
        ),
        "Root Entry Ft'!SummaryInformation": "generic:ole-residue",
        "隐藏答案": "generic:chrome-line",
    }
    assert_only_chrome_goes("工作总结", lines, above=True)


def test_a_standards_number_is_no_heading_label() -> None:  # 360docs-3
    title = "GB/T 1.1-2009 标准化工作导则第1部分:标准的结构和编写(摘要)"
    doc = read(f"{title}\n\n6.1.1 封面\n\n{BODY}\n")
    assert doc.meta.title == title  # read with repair=False: the marks as the page has them


def test_an_exams_score_box_leaves_its_heading() -> None:  # doczj-2
    doc = read(f"期末考试试卷\n\n一、填空题（每空1分，共30分）得分：分\n\n1、{BODY}\n")
    assert doc.headings[0].text == "一、填空题（每空1分，共30分）"
    assert removed(doc)["得分：分"] == "generic:score-box"


def test_the_sites_wording_of_the_title_above_it_goes() -> None:  # 520cd-1
    doc = read(
        "医院团支部2024年工作计划\n"
        "**2024年医院团支部工作计划****一、指导思想**以新时代中国特色社会主义思想为指导。\n"
        "**二、工作目标**提高团支部的凝聚力和战斗力。\n"
    )
    assert doc.meta.title == "2024年医院团支部工作计划"
    assert texts(doc)[0] == "一、指导思想"
    assert removed(doc)["医院团支部2024年工作计划"] == "structure:title-variant"


def test_a_row_of_authors_names_is_the_byline() -> None:  # baoyingba-1, jizihe-1
    from convert.zh.names import names_row

    assert names_row("(刘延龙  梅友宽  程琳  石书贵)".split())
    assert names_row("季亞婕 盛佳鈺 陳瑋黎 李 瓊 江 科 陸 清 梁宏莉".split())
    assert not names_row("首页 下载 分享 收藏".split())
    assert not names_row("登录 注册 帮助中心".split())
    doc = read(f"关于乡村教育的调查报告\n\n刘延龙  梅友宽  程琳  石书贵\n\n{BODY}\n")
    assert texts(doc)[0] == "刘延龙  梅友宽  程琳  石书贵"


def test_a_forms_row_of_fields_stays() -> None:  # xiexiebang-1
    row = "甲方: 乙方: 法人代表: 法人代表: 住所: 住所:"
    doc = read(f"合作协议书\n\n{row}\n\n{BODY}\n")
    assert doc.meta.removed == () and "".join(texts(doc)).startswith(row.replace(" ", ""))


def test_a_pages_footer_about_itself_goes() -> None:  # xiebiwenku-1, mswk-1, baoyingba-1, usy7-1
    lines = {
        "本文标题:20210330:副市长在绿化现场会上的讲话": "generic:this-page",
        "秘书文库--青年干部的网络秘书,职场精英的智慧文库": "generic:site-slogan",
        "最新回复 (0)": "generic:reply-count",
        "下载凤凰新闻网APP客户端,随时随地看新闻!": "generic:app-promo",
    }
    assert_only_chrome_goes("副市长在绿化现场会上的讲话", lines, below=True)


def test_more_site_furniture_goes() -> None:  # doczj-1, vdocuments-1, wencuiji-1, gdygsk-1…
    lines = {
        "(分类:公务员)": "generic:category",
        "Page 1: 申论真题重难点精讲 - ke.fenbi.com": "generic:page-caption",
        "文萃集 人气:3.09W": "generic:popularity",
        "- 约9.79千字": "generic:size-in-words",
        "首页 理论教育 通用公文写作的基本要求": "generic:bare-breadcrumb",
        "来源:上海华略智库(ID:HUALUETT)": "generic:source-line",
        "(executivefront.com)": "generic:bare-domain",
        "【下载声明】": "generic:tips",  # a notice list's header, alone here
    }
    assert_only_chrome_goes("通用公文写作的基本要求", lines, above=True)


def test_the_home_page_as_the_subject_stays() -> None:
    line = "首页的设计要简洁明了，突出学校的办学特色和育人理念。"
    assert line in texts(read(f"网站建设方案\n\n{line}\n\n{BODY}\n"))


def test_an_editors_lead_in_goes() -> None:  # duzhishi-1, markxinwenwang-1, qilupro-1
    question = "为有力保证工作开展的水平质量，就需要我们事先制定方案。那么优秀的方案是什么样的呢？"
    offer = "易發表網憑借豐富的文秘實踐，為您精心挑選了九篇直觀教學論文范例。"
    long_intro = (
        "心得體會的記錄，不僅可以提高寫作能力，還可以提升獨立思考的能力，通過體會的寫作，"
        "很多人都能鍛煉自身的邏輯思考能力，范文社小編今天就為您帶來了讀工匠精神的心得體會模板6篇，"
        "相信一定會對你有所幫助。"
    )
    for intro in (question, offer, long_intro):
        doc = read(f"工作方案\n\n{intro}\n\n{BODY}\n")
        assert texts(doc) == [BODY], intro
    essay = "人们常说知足常乐。那么，幸福是什么呢？"
    assert essay in texts(read(f"论幸福\n\n{essay}\n\n{BODY}\n"))


def test_the_title_again_with_the_sites_seo_words_goes() -> None:  # jht868-1
    doc = read(f"平凡教师演讲稿\n\n平凡教师演讲稿(范本十篇)。\n\n{BODY}\n")
    assert doc.meta.title == "平凡教师演讲稿" and texts(doc) == [BODY]
    assert removed(doc)["平凡教师演讲稿(范本十篇)。"] == "structure:repeated-title"


def test_a_byline_and_affiliation_are_no_title() -> None:  # jizihe-1
    names = "季亞婕 盛佳鈺 陳瑋黎 李 瓊 江 科 陸 清 梁宏莉"
    place = "(上海中醫藥大學附屬岳陽中西醫結合醫院乳腺病科,上海 200437)"
    doc = read(f"{names}\n{place}\n{BODY}\n")
    assert doc.meta.title == ""
    assert texts(doc)[0] == names and doc.meta.removed == ()


def test_style_rules_and_tags_inside_a_line_go() -> None:  # laojin123-1, 89xue-1
    line = (
        "[标签:标题] @page { size: 8.27in 11.69in; margin-left: 1.25in } "
        "p { color: #000000; line-height: 115% } " + BODY
    )
    doc = read(
        f"工作报告\n\n{line}\n\n怎样撰写工作报告(下),标签:工作汇报范文,http://www.89xue.com\n"
    )
    assert texts(doc) == [BODY]
    rules = set(removed(doc).values())
    assert {"generic:inline-css", "generic:tag-note", "generic:tags-and-address"} <= rules


def test_a_sites_banner_glued_to_the_title_goes() -> None:  # mishuzj-1
    title = "在全国义务教育优质均衡发展市创建工作推进会上的讲话"
    doc = read(f"秘书之家—全网资源每日更新www.mishuzj.com{title}各位校长：\n\n{BODY}\n")
    assert doc.meta.title == title
    assert removed(doc)["秘书之家—全网资源每日更新www.mishuzj.com"] == "generic:site-banner"


def test_keyword_rows_and_tip_requests_go() -> None:  # newton-1, 777doc-1
    lines = {
        "寫法,標題,主送機關,正文,落款,特點,套用,範文,": "generic:keyword-row",
        "整理文档很辛苦,赏杯茶钱您下走!": "generic:paywall",
        "免费阅读已结束,点击下载阅读编辑剩下 ...": "generic:paywall",
    }
    assert_only_chrome_goes("公文写作", lines, below=True)


def test_a_heading_glued_to_its_text_is_cut_at_its_last_word() -> None:  # doczj-1, aixue-1
    doc = read(
        "行政公文\n\n一、行政公文的概念行政机关的公文，是行政机关在行政管理过程中形成的具有法定效力的文书。"
        "是依法行政和进行公务活动的重要工具。\n\n"
        "（一）开展矿山安全生产专项整治工作的必要性我县非煤矿山点多面广，安全基础薄弱。"
        "一些企业安全投入不足，隐患排查治理不到位。\n\n"
        "二、加强领导明确任务分工，各部门要认真履行职责，确保各项工作落到实处。各单位要及时报送进展情况。\n\n"
        # xiezuofangchengshi-1: a slogan of two parts; a heading before a long run-in sentence
        "三、深刻把握形势任务，树牢抢抓机遇的进取意识只有正视不足才能精准发力，唯有抢抓机遇方能破局突围。"
        "当前经济社会发展的主要矛盾已经发生变化。\n\n"
        "（一）分析差距的原因产业结构的深度失衡已经成为制约发展的最大瓶颈。最新统计数据显示增速放缓。\n\n"
        "（二）按适用范围来划分可分为下行文、上行文和平行文。\n"
    )
    heads = [h.text for h in doc.headings]
    assert heads[:2] == ["一、行政公文的概念", "（一）开展矿山安全生产专项整治工作的必要性"]
    assert texts(doc)[1].startswith("行政机关的公文，是")
    # 加强领导明确任务分工，…: a comma after 任务's clause, so nothing is cut at 任务
    assert not any(h.endswith("任务") for h in heads)
    assert "三、深刻把握形势任务，树牢抢抓机遇的进取意识" in heads
    assert "（一）分析差距的原因" in heads
    assert any(t.startswith("只有正视不足才能精准发力，") for t in texts(doc))
    assert not any(h.endswith("范围") for h in heads)  # 范围来划分: the phrase goes on


def test_markers_a_copy_left_at_a_lines_start_go() -> None:  # ppdoc-1, 777doc-1
    doc = read(f"讲话\n\n【正】同志们：\n\n-1-2019年国家公考申论真题\n\n{BODY}\n\n发布时间:\n")
    assert texts(doc) == ["同志们：", "2019年国家公考申论真题", BODY]
    rules = set(removed(doc).values())
    assert {"generic:text-marker", "generic:page-number-start", "generic:chrome-line"} <= rules


def test_a_patents_sections_are_headings_and_its_numbered_paragraphs_are_not() -> None:  # xjishu-1
    runs = "2.目前，用户在进行创作时，出于不同的目的，可能会创作出不同版本的文档。例如，小说有多个版本。"
    introduces = "6.本发明一方面提供了一种文档版本管理方法，所述方法包括："
    clause = "8.根据所述内容同步逻辑，生成源文档对应的阅读文档；及"
    doc = read(
        f"一种文档版本管理方法\n\n1.本发明涉及数据处理技术领域。\n\n背景技术：\n\n{runs}\n\n"
        f"技术实现要素：\n\n{introduces}\n\n7.基于业务场景确定内容同步逻辑；\n\n{clause}\n"
    )
    assert [(h.level, h.text) for h in doc.headings] == [(1, "背景技术："), (1, "技术实现要素：")]
    assert {runs, introduces, clause} <= set(texts(doc))


def test_short_unnumbered_section_words_between_paragraphs_are_headings() -> None:  # 365dushu-1
    doc = read(
        "倡议书标准格式\n\n倡议书是一种正式的文书。它的标准格式通常包括以下几个部分：\n\n标题\n\n"
        "标题一般直接写“倡议书”三个字，也可以由倡议内容和文种名共同组成。\n\n称呼\n\n"
        "称呼是为了明确倡议的对象，一般要依据倡议的对象而选用适当的称呼。\n\n正文\n\n"
        "正文是倡议书的主体，可以分成两部分。第一部分要写明在什么情况下，为了什么目的，"
        "发出什么倡议。倡议书的发出旨在引起广泛响应。\n"
    )
    assert [(h.level, h.text) for h in doc.headings] == [(1, "标题"), (1, "称呼"), (1, "正文")]


def test_a_short_line_after_a_bulleted_list_is_a_heading() -> None:  # newton-1
    doc = read(
        "实施方案\n\n实施方案是对某项工作做出全面、具体而又明确安排的计划类文书。\n\n"
        "• 中文名：实施方案\n\n• 实质：计划类文书\n\n写法\n\n"
        "实施方案通常由标题、主送机关、正文、落款四个部分内容构成。\n\n主送机关\n\n"
        "实施方案一般用于下发给制文机关所属的部门、单位及各科室，要求其遵照执行。\n"
    )
    assert [h.text for h in doc.headings] == ["写法", "主送机关"]


def test_a_numbered_name_and_its_text_after_a_colon_is_a_list_entry() -> None:  # depponfx-1
    noted = "1.会议记录人职责：（工作区域：本楼层中厅）"
    entry = "2.会议时间：精确到分钟"
    runin = "3.会议地点：写明具体的会议室。会议地点要写全称。"
    doc = read(f"会议记录格式\n\n一、会议基本信息\n\n{noted}\n\n{entry}\n\n{runin}\n\n{BODY}\n")
    assert [h.text for h in doc.headings] == ["一、会议基本信息", noted]
    assert {entry, runin} <= set(texts(doc))


def test_spam_a_breadcrumb_and_a_related_row_go() -> None:  # panasonaic-1, vpsboy-1, skfzc-1
    spam = "丁香婷婷网,黄色av网站裸体无码www,亚洲午夜无码精品一级"
    crumbs = "首頁 > 說說感言 > 讀書名言 >"
    related = "相关自查报告: 学校素质教育的自查报告、街道办事处应急管理自查报告"
    doc = read(f"西湖导游词\n\n{spam}\n\n{crumbs}\n\n{BODY}\n\n{related}\n")
    assert texts(doc) == [BODY]
    assert removed(doc)[spam] == "generic:adult-spam"
    assert removed(doc)[crumbs] == "generic:breadcrumb"
    assert removed(doc)[related] == "generic:end"
    # a body line about the same things, ending its sentence, is no related row
    kept = "相关自查报告：各单位要在月底前报送，逾期不报的予以通报。"
    assert kept in texts(read(f"西湖导游词\n\n{BODY}\n\n{kept}\n"))


def test_buttons_tags_and_noise_runs_inside_lines_go() -> None:  # 77cn-1, doczj-1, cpacpa-1
    doc = read(
        "计算机组成原理\n\n【例题】主存的逻辑结构属于计算机组成。 隐藏答案 【答案】对\n\n"
        "(分类:公务员)(3)一般不得越级请示和报告。\n\n"
        "1.单项选择题(每小题1分。) +wr2TT~\n\n=8['X\n\n"
        "参考文献见 [12] 与 F=ma 以及 A1 B2，公式 x+y 不变。\n"
    )
    assert texts(doc) == [
        "【例题】主存的逻辑结构属于计算机组成。",
        "【答案】对",
        "(3)一般不得越级请示和报告。",
        "1.单项选择题(每小题1分。)",
        "参考文献见 [12] 与 F=ma 以及 A1 B2，公式 x+y 不变。",
    ]
    rules = removed(doc)
    assert rules["隐藏答案 "] == "generic:answer-button"
    assert rules["(分类:公务员)"] == "generic:category-tag"
    assert rules["+wr2TT~"] == rules["=8['X"] == "generic:jammer"


def test_the_pages_own_address_written_into_the_text_goes() -> None:  # executivefront-1
    doc = read(
        "# source: http://executivefront.com/DuHouGan/265786.html\n\n读书的心得\n\n"
        "高尔基曾经说过：“书籍是人类进步的阶梯”。(executivefront.com)读书不仅可以拓宽知识面。\n\n"
        "请登录中国政府网（www.gov.cn）查询。\n"
    )
    assert texts(doc) == [
        "高尔基曾经说过：“书籍是人类进步的阶梯”。读书不仅可以拓宽知识面。",
        "请登录中国政府网（www.gov.cn）查询。",
    ]
    assert removed(doc)["(executivefront.com)"] == "generic:site-address"


def test_the_title_twice_in_front_of_the_text_goes_and_stays_the_title() -> None:  # tencentwenku-1
    title = "在解放思想更新观念大讨论第二次会议上的讲话"
    doc = read(f"{title} {title}   {BODY}\n")
    assert doc.meta.title == title
    assert texts(doc) == [BODY]
    assert removed(doc)[f"{title} {title}   "] == "generic:doubled-title"


def test_a_questions_answer_count_leaves_the_title() -> None:  # wenrenren-1
    doc = read(f"《平凡的世界》读后感如何写?(12)\n\n{BODY}\n")
    assert doc.meta.title == "《平凡的世界》读后感如何写?"
    assert texts(doc) == [BODY]


def test_a_reposted_intro_its_piece_number_and_a_qa_template_go() -> None:  # pinggu-1, miniwenda-1
    intro = (
        "〔演讲稿〕是为了说明确定的观点和看法的。它商量的应当是现实生活中存在的问题。"
        "下面是我为大家整理的2022年〔元旦〕佳节演讲稿模板,更多〔节日演讲稿〕点击“节日演讲稿”查看!"
    )
    doc = read(
        f"{intro}\n\n2022年元旦佳节演讲稿1\n\n的有关信息介绍如下:\n\n{BODY}\n\n实施方案--百度百科\n"
    )
    assert texts(doc) == [BODY]
    assert doc.meta.title == "2022年元旦佳节演讲稿"
    rules = removed(doc)
    assert rules[intro] == "generic:stock-intro-plain"
    assert rules["的有关信息介绍如下:"] == "generic:qa-stub"
    assert rules["实施方案--百度百科"] == "generic:encyclopedia-credit"


def test_a_number_alone_and_a_posters_name_go() -> None:  # 365dushu-1, cbdfll-1
    assert_only_chrome_goes("倡议书标准格式", {"59": "generic:bare-number"}, above=True)
    assert_only_chrome_goes("环卫工人先进事迹", {"| 梓炫2": "generic:user-name"}, above=True)


def test_a_question_heading_and_ordinal_headings() -> None:  # qibuwx-1, 360online-1, 6dgww-1
    doc = read(
        "安全生产讲话\n\n同志们：\n\n今天召开全县安全生产工作会议，主要任务是部署今年的工作。\n\n"
        "会议记录的格式是怎么样的？\n\n一、会议记录格式\n\n一般会议记录的格式包括两部分，一部分是组织情况。\n\n"
        "第一，要高度重视安全生产\n\n安全生产是一切工作的前提，各级各部门都要高度重视。\n\n"
        "第二，从我县的特殊县情看。我县地理位置特殊，是一个典型的灾害多发区。\n"
    )
    assert [(h.level, h.text, h.kind) for h in doc.headings] == [
        (1, "会议记录的格式是怎么样的？", "none"),
        (2, "一、会议记录格式", "cn"),
        (3, "第一，要高度重视安全生产", "ordinal"),
    ]
    last = doc.blocks[-1]
    assert isinstance(last, Paragraph) and last.lead == "第二，从我县的特殊县情看。"


def test_a_text_file_of_markdown_source_gives_its_headings_and_bullets() -> None:  # csdnwenku-1
    doc = read(
        "前端与后端协同：动态表单跳转的完整指南\n\n# 1. 动态表单跳转概述\n"
        "动态表单跳转是指在用户进行表单操作过程中，根据用户的行为动态改变表单内容。\n"
        "# 2. 前端动态表单的实现\n## 2.1 表单元素与交互设计\n"
        "- 文本输入框允许用户输入任意文本信息。\n- 单选按钮提供一组选项。\n"
    )
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "1. 动态表单跳转概述"),
        (1, "2. 前端动态表单的实现"),
        (2, "2.1 表单元素与交互设计"),
    ]
    assert [b.text for b in doc.blocks if isinstance(b, Item)] == [
        "文本输入框允许用户输入任意文本信息。",
        "单选按钮提供一组选项。",
    ]
    # one "#" line alone is not read as Markdown
    assert not read(f"指南\n\n# 1. 动态表单跳转概述\n\n{BODY}\n").headings


def test_chapters_listed_one_after_another_are_contents_not_headings() -> None:  # renrendoc-5
    chapters = ["第1章算法及基础知识", "第2章贪心法", "第3章分治法", "第4章动态规划"]
    doc = read(
        "算法设计与分析\n\n" + "\n\n".join(chapters) + "\n\n第一章算法及基础知识\n\n"
        "算法是计算机科学的基石，没有算法，计算机程序将不复存在。\n"
    )
    assert [h.text for h in doc.headings] == ["第一章算法及基础知识"]
    assert texts(doc)[:4] == chapters


def test_a_noise_run_after_the_title_line_leaves_the_title() -> None:  # cpacpa-1
    doc = read(f"考试题型 ,SH))%Cyt\n\n{BODY}\n\n增长 50% 与 AT&T 及 F(x) 不变。\n")
    assert doc.meta.title == "考试题型"
    assert texts(doc) == [BODY, "增长 50% 与 AT&T 及 F(x) 不变。"]


def test_the_sites_name_as_its_address_spells_it_goes() -> None:  # vdocuments-1
    page = f"# source: https://vdocuments.mx/some-lecture.html\n\n申论讲义\n\nDocuments\n\n{BODY}\n\nPython\n"
    doc = read(page)
    assert texts(doc) == [BODY, "Python"]
    assert removed(doc)["Documents"] == "generic:site-name"


def test_a_label_with_a_comma_after_its_number() -> None:  # kingpenvapepens-1
    doc = read(
        "dsp芯片的心得体会\n\n这个学期通过课程的学习，对dsp芯片的概念、基本结构有了一定的了解和认识。\n\n"
        "一,dsp芯片的概念\n\n数字信号处理是利用计算机以数字形式对信号进行采集、变换和估值。\n\n"
        "1,000元以上的开支要报批，按规定执行。\n\n一，二，三号楼不在其内。\n"
    )
    assert [h.text for h in doc.headings] == ["一,dsp芯片的概念"]


def test_a_list_of_the_sites_collection_pages_goes() -> None:  # xuewenda-1
    links = ["- 国庆节倡议书2025(优选31篇)", "- 提高消防安全意识倡议书(精选32篇)"]
    doc = read("倡议书\n\n" + BODY + "\n\n" + "\n\n".join(links) + "\n")
    assert texts(doc) == [BODY]
    assert {removed(doc)[x] for x in links} == {"generic:collection-link"}


def test_an_editors_pick_its_row_of_links_and_a_glued_piece_title_go() -> (
    None
):  # p719-1, 5310wfgg-1
    row = "述職報告范文 | 述職報告模板 | 述職報告格式 | 個人述職報告"
    doc = read(
        f"述職報告的寫法\n\n关于秋天的演讲稿2{BODY}\n\n小編精心推薦\n\n{row}\n\n| 项目 | 金额 | 备注 |\n"
    )
    assert texts(doc)[:1] == [BODY]
    rules = removed(doc)
    assert rules["关于秋天的演讲稿2"] == "generic:piece-title-glued"
    assert rules["小編精心推薦"] == "generic:editors-pick"
    assert rules[row] == "generic:link-row"
    assert "| 项目 | 金额 | 备注 |" not in rules  # a Markdown table's row starts with its pipe


def test_small_talk_before_an_editors_intro_and_post_counters_go() -> None:  # ozbb-1, mentorsc-1
    intro = (
        "每个人都曾试图在平淡的学习、工作和生活中写一篇文章。写作是培养人的观察、联想的重要手段。"
        "范文书写有哪些要求呢？我们怎样才能写好一篇范文呢？下面是小编帮大家整理的优秀范文，欢迎阅读。"
    )
    doc = read(f"大学演讲比赛策划书\n\n{intro}\n\n6 阅读\n\n0 点赞\n\n{BODY}\n")
    assert texts(doc) == [BODY]
    assert removed(doc)[intro] == "generic:stock-intro"
    assert removed(doc)["0 点赞"] == "generic:counter-line"


def test_a_numbered_step_of_several_clauses_is_no_heading_even_unended() -> None:  # wendangku-1
    step = "2、比赛前一周再次张贴海报，对此次大赛进行宣传，并在食堂门口发放报名表"
    doc = read(f"演讲比赛策划书\n\n一、活动准备\n\n1、制作海报\n\n{BODY}\n\n{step}\n")
    assert [h.text for h in doc.headings] == ["一、活动准备", "1、制作海报"]
    assert step in texts(doc)
