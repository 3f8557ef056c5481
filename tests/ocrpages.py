"""Image-only previews made here, for the OCR tests and benchmarks/ocr.py: a known document
is written as PDF by docconv (or, for two columns, drawn with reportlab), rendered to page
images by pdftoppm at a preview's resolution, stamped with a site's diagonal watermark, and
wrapped in a saved page the way 原创力文档 shows one (page images between the site's own
recommendation blocks), with the images in the page's `_files` folder or as data: URIs.

The truth to measure against is the PDF's own text layer (pdftotext), so the character error
rate counts what the images show, nothing else."""

from __future__ import annotations

import base64
import io
import re
import subprocess
from pathlib import Path

from convert.model import Document, Heading, Meta, Paragraph

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "fonts" / "NotoSerifSC-Regular.ttf"
BOLD = ROOT / "fonts" / "NotoSansSC-Medium.subset.ttf"

WATERMARK = "原创力文档 仅供预览"
SHELL_CHROME = ("PPT定制", "标书撰写", "法律咨询", "他们都在搜索")


def notice() -> Document:
    """A one-page notice with a title, two heading levels and body paragraphs."""
    body = (
        "为进一步做好本年度安全生产工作，切实保障人民群众生命财产安全，根据上级有关文件精神，"
        "结合我市实际，现就有关事项通知如下。"
    )
    blocks = (
        Paragraph("各区县人民政府，市政府各部门：", "salutation"),
        Paragraph(body),
        Heading(1, "一、提高思想认识", "一、", "cn"),
        Paragraph(
            "各单位要充分认识做好安全生产工作的重要性和紧迫性，坚持人民至上、生命至上，"
            "把安全生产摆在更加突出的位置，层层压实责任。"
        ),
        Heading(2, "（一）落实主体责任", "（一）", "cn-paren"),
        Paragraph(
            "企业是安全生产的责任主体，要健全全员安全生产责任制，加大安全投入，"
            "开展隐患排查治理，确保各项措施落到实处。"
        ),
        Heading(1, "二、加强监督检查", "二、", "cn"),
        Paragraph(
            "各级监管部门要加大执法检查力度，对发现的问题隐患要建立台账、限期整改，"
            "对整改不力的要严肃追究责任。"
        ),
    )
    return Document(Meta(title="关于做好安全生产工作的通知"), blocks)


def pdf_of(doc: Document) -> bytes:
    from convert.api import write_bytes

    return write_bytes(doc, "pdf")


TWO_COLUMN_TITLE = "两栏排版的测试文章"
TWO_COLUMN_TEXT = (
    "左栏第一段：城市更新是推动高质量发展的重要抓手，要坚持规划引领，统筹推进老旧小区改造。",
    "左栏第二段：各地要完善配套设施，补齐公共服务短板，让群众住得更加舒心安心。",
    "右栏第一段：要加强历史文化保护传承，留住城市记忆，避免大拆大建，注重功能完善。",
    "右栏第二段：要创新投融资机制，引导社会资本参与，形成可持续的城市更新模式。",
)


def two_column_pdf() -> bytes:
    """An A4 page: a centred title over two columns of two paragraphs each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus import Paragraph as RlParagraph

    pdfmetrics.registerFont(TTFont("OcrSerif", str(FONT)))
    width, height = A4
    margin, gap = 60.0, 30.0
    column = (width - 2 * margin - gap) / 2
    body = ParagraphStyle("b", fontName="OcrSerif", fontSize=14, leading=24, firstLineIndent=28)
    title = ParagraphStyle("t", fontName="OcrSerif", fontSize=22, leading=30, alignment=1)
    buf = io.BytesIO()
    top = height - margin - 60
    frames = [
        Frame(margin, top, width - 2 * margin, 60, id="title"),
        Frame(margin, margin, column, top - margin, id="left"),
        Frame(margin + column + gap, margin, column, top - margin, id="right"),
    ]
    doc = BaseDocTemplate(buf, pagesize=A4, pageTemplates=[PageTemplate("p", frames)])
    from reportlab.platypus import FrameBreak

    story = [RlParagraph(TWO_COLUMN_TITLE, title), FrameBreak()]
    story += [RlParagraph(TWO_COLUMN_TEXT[0], body), RlParagraph(TWO_COLUMN_TEXT[1], body)]
    story += [FrameBreak()]
    story += [RlParagraph(TWO_COLUMN_TEXT[2], body), RlParagraph(TWO_COLUMN_TEXT[3], body)]
    doc.build(story)
    return buf.getvalue()


def page_images(
    pdf: bytes, dpi: int, folder: Path, watermark: bool = True, last: int | None = None
) -> list[bytes]:
    """PNG pages of `pdf` (up to page `last`) at `dpi`, each stamped with a light diagonal
    watermark."""
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "doc.pdf"
    src.write_bytes(pdf)
    pages = ["-l", str(last)] if last else []
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), *pages, "-png", str(src), str(folder / "p")], check=True
    )
    pages = sorted(folder.glob("p-*.png"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))
    out = []
    for path in pages:
        data = path.read_bytes()
        out.append(stamp(data, dpi) if watermark else data)
    return out


def stamp(png: bytes, dpi: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    page = Image.open(io.BytesIO(png)).convert("RGB")
    layer = Image.new("RGBA", (page.width, page.width // 6), (255, 255, 255, 0))
    font = ImageFont.truetype(str(BOLD), size=max(12, dpi // 3))
    ImageDraw.Draw(layer).text((10, 10), WATERMARK, font=font, fill=(160, 160, 160, 60))
    layer = layer.rotate(30, expand=True)
    for y in range(page.height // 5, page.height, page.height // 3):
        page.paste(layer, (page.width // 6, y - layer.height // 2), layer)
    buf = io.BytesIO()
    page.save(buf, "PNG")
    return buf.getvalue()


def saved_page(
    images: list[bytes], folder: Path, name: str = "preview", inline: bool = False
) -> Path:
    """A 原创力-style preview page with `images`, saved as a browser does (`name.html` and
    `name_files/`), or with the images inline as data: URIs."""
    files = folder / f"{name}_files"
    files.mkdir(parents=True, exist_ok=True)
    items = []
    for i, data in enumerate(images, 1):
        if inline:
            src = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
        else:
            (files / f"page{i}.png").write_bytes(data)
            src = f"./{name}_files/page{i}.png"
        items.append(
            f'<div class="webpreview-item" data-id="{i}"><img src="{src}"></div>'
            '<div class="webpreview-recommend re"><ul class="re-shop">'
            + "".join(
                f'<li><a href="/s{j}"><span>{t}</span></a></li>' for j, t in enumerate(SHELL_CHROME)
            )
            + "</ul></div>"
        )
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>预览 - 原创力文档</title></head>"
        "<body><div class='header'><a href='/'>首页</a><a href='/u'>上传文档</a></div>"
        f"<div class='preview-bd'>{''.join(items)}</div>"
        "<div class='footer'>原创力文档 版权所有</div></body></html>"
    )
    path = folder / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    return path


def truth(pdf: bytes, folder: Path, last: int | None = None) -> str:
    """The text of `pdf` (up to page `last`) as its text layer has it."""
    src = folder / "truth.pdf"
    src.write_bytes(pdf)
    pages = ["-l", str(last)] if last else []
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(src), "-"], check=True, capture_output=True
    ).stdout
    return out.decode("utf-8")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def cer(found: str, expected: str) -> float:
    """Character error rate: edit distance over the expected length, spaces ignored."""
    a, b = squeeze(found), squeeze(expected)
    if not b:
        return 0.0 if not a else 1.0
    prev = list(range(len(a) + 1))
    for j, cb in enumerate(b, 1):
        cur = [j]
        for i, ca in enumerate(a, 1):
            cur.append(min(prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + (ca != cb)))
        prev = cur
    return prev[-1] / len(b)
