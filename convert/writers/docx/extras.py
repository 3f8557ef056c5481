"""What `--toc` and `--reference-doc` add to a DOCX package (pandoc's options of the same
names): a table-of-contents field Word and LibreOffice update, and the styles of a reference
document in place of the sheet's. Both work on the package's XML parts once the body is
written, so the skeleton and its cache are untouched."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from ...errors import StyleError
from ...model import Document
from ..words import CONTENTS
from .ooxml import parse as parse_xml
from .ooxml import qn

STYLES = "word/styles.xml"
SETTINGS = "word/settings.xml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: settings.xml children that come after w:updateFields in the schema's order.
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)  # fmt: skip


# --- the table of contents -----------------------------------------------------------------


def insert_toc(body: Any, doc: Document, title_ids: set[str], levels: int = 4) -> None:
    """A TOC field after the title: Word fills in the page numbers when the document opens
    (settings ask it to update fields); until then, and in LibreOffice, the field shows the
    headings it was written with."""
    headings = [h for h in doc.headings if h.level <= levels]
    paragraphs = list(body.iterchildren(qn("w:p")))
    anchor = None
    for p in paragraphs:  # after the title and subtitle, if the document starts with them
        style = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        if style is None or style.get(qn("w:val")) not in title_ids:
            break
        anchor = p
    parts = [_paragraph("TOCHeading", CONTENTS)]  # 目录 (writers/words.toml), as in EPUB
    field = [
        _run_xml('<w:fldChar w:fldCharType="begin" w:dirty="true"/>'),
        _run_xml(
            f'<w:instrText xml:space="preserve"> TOC \\o "1-{levels}" \\h \\z \\u </w:instrText>'
        ),
        _run_xml('<w:fldChar w:fldCharType="separate"/>'),
    ]
    end = _run_xml('<w:fldChar w:fldCharType="end"/>')
    entries = [_paragraph(f"TOC{h.level}", h.text) for h in headings] or [_paragraph("TOC1", "")]
    for run in reversed(field):
        entries[0].insert(1, run)
    entries[-1].append(end)
    parts += entries
    position = body.index(anchor) + 1 if anchor is not None else 0
    for offset, p in enumerate(parts):
        body.insert(position + offset, p)


def _paragraph(style_id: str, text: str) -> Any:
    from xml.sax.saxutils import escape

    runs = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return parse_xml(
        f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{runs}</w:p>'
    )


def _run_xml(inner: str) -> Any:
    return parse_xml(f'<w:r xmlns:w="{W}">{inner}</w:r>')


def toc_styles(styles_xml: bytes, *, own_heading: bool = True) -> bytes:
    """The TOC heading and entry styles, added where the package has none. `own_heading`:
    the heading centred like a title, in place of python-docx's template one (an H1)."""
    root: Any = etree.fromstring(styles_xml)
    if own_heading:
        for old in root.iterfind(qn("w:style")):
            if old.get(qn("w:styleId")) == "TOCHeading":
                root.remove(old)
    have = {s.get(qn("w:styleId")) for s in root.iterfind(qn("w:style"))}
    base = _default_paragraph_style(root)
    based = f'<w:basedOn w:val="{base}"/>' if base else ""
    new = []
    if "TOCHeading" not in have:
        new.append(
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="TOCHeading">'
            f'<w:name w:val="TOC Heading"/>{based}<w:next w:val="{base or "Normal"}"/>'
            '<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>'
            '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/>'
            '<w:ind w:left="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>'
            "</w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>"
        )
    for level in range(1, 10):
        if f"TOC{level}" in have:
            continue
        new.append(
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="TOC{level}">'
            f'<w:name w:val="toc {level}"/>{based}<w:next w:val="{base or "Normal"}"/>'
            '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
            f'<w:pPr><w:ind w:left="{(level - 1) * 420}" w:firstLine="0" w:firstLineChars="0"/>'
            "</w:pPr></w:style>"
        )
    for xml in new:
        root.append(etree.fromstring(xml))
    return _serialise(root)


def update_fields_on_open(settings_xml: bytes) -> bytes:
    root = etree.fromstring(settings_xml)
    if root.find(qn("w:updateFields")) is None:
        flag = etree.Element(qn("w:updateFields"))
        flag.set(qn("w:val"), "true")
        later = next((c for c in root if etree.QName(c).localname in _AFTER_UPDATE_FIELDS), None)
        if later is None:
            root.append(flag)
        else:
            later.addprevious(flag)
    return _serialise(root)


# --- a reference document's styles ---------------------------------------------------------


def reference_styles(path: Path) -> bytes:
    """word/styles.xml of the reference DOCX at `path`."""
    try:
        with zipfile.ZipFile(path) as z:
            return z.read(STYLES)
    except FileNotFoundError:
        raise StyleError(f"--reference-doc {path}: no such file") from None
    except (OSError, KeyError, zipfile.BadZipFile) as e:
        raise StyleError(f"--reference-doc {path}: not a DOCX with styles ({e})") from None


def merge_styles(ours: bytes, reference: bytes) -> bytes:
    """Our styles.xml with the reference's in their place: a style the reference defines
    (matched by name, as Word shows it) takes the reference's definition and keeps our id,
    so the document's paragraphs find it; the reference's other styles are added; its
    document defaults replace ours. Styles only the sheet has (Greeting, Lead…) stay."""
    mine: Any = etree.fromstring(ours)
    theirs: Any = etree.fromstring(reference)
    style_id, val = qn("w:styleId"), qn("w:val")
    by_name: dict[str, Any] = {_name(s): s for s in mine.iterfind(qn("w:style"))}
    taken = {str(s.get(style_id)) for s in mine.iterfind(qn("w:style"))}
    renamed: dict[str, str] = {}  # the reference's id → the id it gets in ours
    for style in theirs.iterfind(qn("w:style")):
        own, ref_id = by_name.get(_name(style)), str(style.get(style_id))
        if own is not None:
            renamed[ref_id] = str(own.get(style_id))
        elif ref_id in taken:
            renamed[ref_id] = f"{ref_id}Ref"
    for style in theirs.iterfind(qn("w:style")):
        new: Any = copy.deepcopy(style)
        ref_id = str(new.get(style_id))
        new.set(style_id, renamed.get(ref_id, ref_id))
        for link in ("w:basedOn", "w:next", "w:link"):
            ref = new.find(qn(link))
            if ref is not None and str(ref.get(val)) in renamed:
                ref.set(val, renamed[str(ref.get(val))])
        own = by_name.get(_name(style))
        if own is not None:
            if own.get(qn("w:default")) == "1":
                new.set(qn("w:default"), "1")
            own.addnext(new)
            mine.remove(own)
        else:
            new.attrib.pop(qn("w:default"), None)
            mine.append(new)
    defaults = theirs.find(qn("w:docDefaults"))
    if defaults is not None:
        old = mine.find(qn("w:docDefaults"))
        if old is not None:
            mine.remove(old)
        mine.insert(0, copy.deepcopy(defaults))
    return _serialise(mine)


def _name(style: Any) -> str:
    name = style.find(qn("w:name"))
    value = name.get(qn("w:val")) if name is not None else style.get(qn("w:styleId"))
    return str(value).strip().lower()


def _default_paragraph_style(root: Any) -> str | None:
    for s in root.iterfind(qn("w:style")):
        if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1":
            return str(s.get(qn("w:styleId")))
    return None


def _serialise(root: Any) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def package_parts(
    members: tuple[tuple[str, int, bytes], ...], *, toc: bool, reference: Path | None
) -> dict[str, bytes]:
    """The styles and settings parts as --toc and --reference-doc change them."""
    if not toc and reference is None:
        return {}
    data = {name: blob for name, _, blob in members}
    parts: dict[str, bytes] = {}
    styles = data[STYLES]
    if reference is not None:
        styles = merge_styles(styles, reference_styles(reference))
    if toc:
        styles = toc_styles(styles, own_heading=reference is None)
        parts[SETTINGS] = update_fields_on_open(data[SETTINGS])
    parts[STYLES] = styles
    return parts
