"""A document whose text looks like markup in Markdown, HTML or pandoc: every writer of a
text format must give it back as text, never as markup."""

from __future__ import annotations

from convert.model import Document, Heading, Meta, Note, Paragraph

#: Each line is a whole paragraph (line-start markup) and then also sits inside one.
HOSTILE = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)'>点我</a>",
    "[点我](javascript:alert(1))",
    "javascript:alert(1)",
    "![图](http://example.com/x.png)",
    "<http://example.com>",
    "<!-- 注释 -->",
    "# 标题",
    "## 标题 ##",
    "1. 列表",
    "1) 列表",
    "a. 列表",
    "iv) 列表",
    "(1) 列表",
    "#. 列表",
    "(@) 列表",
    "- 列表",
    "+ 列表",
    "* 列表",
    "> 引用",
    "---",
    "***",
    "___",
    "===",
    "**粗体**",
    "*斜体*",
    "_斜体_",
    "__粗体__",
    "`代码`",
    "```",
    "~~~",
    "| 甲 | 乙 |",
    "|---|---|",
    "&amp; &lt; &#x41; &copy;",
    "~~删除~~ H~2~O x^2^",
    "$x$ $$y$$",
    "@doe [@doe] [^1]",
    "[foo]: http://example.com",
    "{#id .class}",
    "\\ \\\\ \\* \\",
    "%标题",
    ": 定义",
    "::: 块",
    "\\begin{equation}x\\end{equation}",
    ":smile: :+1:",
    "'单引号' \"双引号\" -- --- ...",
    "www.example.com and https://example.com",
    "    缩进代码",
    "\t制表缩进",
    "尾随空格  ",
    "A.  大写字母列表",
    "<b>粗</b>&nbsp;",
    "</style><script>alert(1)</script>",
    "]]><![CDATA[",
    "${x}",
)


def hostile_document() -> Document:
    blocks: list[Heading | Paragraph | Note] = [Paragraph(t) for t in HOSTILE]
    blocks.append(Paragraph("中间：" + "，".join(HOSTILE) + "。"))
    blocks.append(Heading(1, "# 一级 <script>", "", "none"))
    blocks.append(Heading(2, "1. 二级 **x**", "1.", "num"))
    blocks.append(Heading(3, "> 三级 | 表", "", "none"))
    blocks.append(Heading(4, "- 四级 ##", "", "none"))
    blocks.append(Paragraph("**一是**不被误读。其余文字<br>", "body", "**一是**"))
    blocks.append(Paragraph("*二是<b>*另一件事。", "body", "*二是<b>*"))
    blocks.append(Note("注：<em>不是强调</em> & [链接](http://x)"))
    blocks.append(Paragraph("签名 <script>", "signature"))
    meta = Meta(
        title="<script>alert('标题')</script> # *title*",
        subtitle="-- 副标题: yes",
        author="null",
        date="2023-04-24",
        keywords=("no", "2023", "a: b", "#tag", "[x]", '"q"', "- d"),
        source_title="ab_cd*.doc",
        url="https://example.com/a?b=1&c=<2>",
    )
    return Document(meta, tuple(blocks))
