"""Documents made for tests: a long report with every block kind, and one without headings.

The text is written for these tests (plain government-report prose, deterministic), with
Latin words, numbers, years and rare characters (𠮷 U+20BB7, 〇, 堃, 喆) spread through it.
"""

from __future__ import annotations

from convert.model import Document, Heading, Meta, Note, Paragraph

_SENTENCES = (
    "各地区各部门要把思想和行动统一到工作部署上来，切实增强责任感和紧迫感。",
    "2023年全市地区生产总值达到1,234.56亿元，同比增长6.8%，高于预期目标0.3个百分点。",
    "要深入推进ISO 9001质量管理体系认证，按照GB/T 19001-2016标准完善内部管理制度。",
    "坚持问题导向，聚焦群众反映强烈的突出问题，逐项制定整改措施，明确责任单位和完成时限。",
    "二〇二三年以来，我们先后组织开展专项检查12次，发现并整改问题87个，整改完成率达到100%。",
    "吉林省的𠮷字号老店与堃、喆等生僻字姓名的登记工作，应当保证信息系统能够正确显示和打印。",
    "加快数字政府建设，推动Python、Linux等开源软件在政务系统中的安全可靠应用。",
    "强化督促检查，对工作推进不力、措施落实不到位的单位进行通报，确保各项任务按期完成。",
    "要建立健全长效机制，把行之有效的经验做法固化为制度规范，推动工作常态化、制度化。",
    "《中华人民共和国标准化法》明确规定，推荐性国家标准、行业标准和地方标准是推荐性标准。",
)


def _paragraph(seed: int, sentences: int = 6, lead: str = "") -> Paragraph:
    body = "".join(_SENTENCES[(seed + i * 3) % len(_SENTENCES)] for i in range(sentences))
    return Paragraph(lead + body, "body", lead)


def long_document() -> Document:
    """About 14 A4 pages in the gongwen style: 4 heading levels, leads, a run-in heading."""
    blocks: list = [Paragraph("各区县人民政府，市政府各部门：", "salutation")]
    blocks.append(_paragraph(0, 5))
    n = 1
    for i, cn in enumerate("一二三四"):
        blocks.append(Heading(1, f"{cn}、第{cn}部分的工作任务和要求", f"{cn}、", "cn"))
        blocks.append(_paragraph(n, 4))
        n += 1
        for j, sub in enumerate("一二"):
            blocks.append(Heading(2, f"（{sub}）推进重点领域改革创新", f"（{sub}）", "cn-paren"))
            blocks.append(_paragraph(n, 5, lead=f"{'一二三'[j]}是加强统筹协调。"))
            n += 1
            for k in range(1, 3):
                blocks.append(Heading(3, f"{k}.完善配套政策措施", f"{k}.", "num"))
                blocks.append(_paragraph(n, 4))
                n += 1
                blocks.append(Heading(4, f"（{k}）健全考核评价体系", f"（{k}）", "num-paren"))
                blocks.append(_paragraph(n, 3))
                n += 1
        if i == 1:
            blocks.append(Heading(2, "（三）加强组织领导。", "（三）", "cn-paren", runin=True))
            blocks.append(_paragraph(n, 3))
            n += 1
    blocks.append(Note("注：本文所列数据均为示例，不代表实际统计结果。"))
    blocks.append(Paragraph("附件：1.重点任务分工表", "attachment"))
    blocks.append(Paragraph("某某市人民政府办公室", "signature"))
    blocks.append(Paragraph("2023年4月24日", "date"))
    meta = Meta(
        title="关于进一步加强质量管理工作的实施意见",
        subtitle="——在全市质量工作会议上的讲话",
        keywords=("质量", "管理", "实施意见"),
        date="2023-04-24",
        author="某某市人民政府办公室",
    )
    return Document(meta, tuple(blocks))


def no_heading_document() -> Document:
    """A short letter: title and paragraphs only."""
    blocks = (
        Paragraph("同志们：", "salutation"),
        _paragraph(2, 3),
        _paragraph(5, 2),
        Paragraph("谢谢大家！", "closing"),
    )
    return Document(Meta(title="在座谈会上的发言"), blocks)
