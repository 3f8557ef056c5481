"""DOCX writer: named Word styles driven by the style sheet, GB/T 9704 page and grid,
odd/even PAGE-field footers, outline levels for the navigation pane.

Everything but the text (styles, page, footers, settings) depends only on the style sheet
and the look of each heading level, so it is built with python-docx and kept as a package
skeleton (in the process, and in docconv's cache folder for later runs); each document then
adds its paragraphs to a copy of the skeleton's document part and its metadata to the core
part, with lxml (ooxml.py makes them as python-docx would). A run whose skeleton is cached
never imports python-docx.
"""

from __future__ import annotations

import io
import marshal
import re
import threading
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ...diagnostics import Diagnostic
from ...model import Document, Meta, Table
from ...styles import RoleStyle, Style
from ...zh.chars import EAST_ASIAN, IDEOGRAPHIC_PLANES, SHARED_MARKS
from ..base import Writer
from ..layout import Layout, Piece, Unit, arrange
from ..reproducible import build_time, fixed_date, zip_members
from . import extras, ooxml, tables, wordstyles
from .ooxml import (
    PPR_ORDER,
    RPR_ORDER,
    SECTPR_ORDER,
    add_run,
    child,
    get_or_add_rpr,
    new,
    parse,
    qn,
    serialize,
    set_p_style,
    set_r_style,
    twips,
)

_CJK = re.compile(f"[{EAST_ASIAN}{SHARED_MARKS}]")


class DocxWriter(Writer):
    name = "docx"
    extension = ".docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    description = "Word document with named styles (Word, WPS, LibreOffice)"

    def render(self, doc: Document, out: BinaryIO, style: Style) -> list[Diagnostic]:
        layout = arrange(doc, style)
        level_roles = heading_roles(layout, style)
        skeleton = _skeleton(style, level_roles)
        document = parse(skeleton.parts[_DOCUMENT])
        body = document.find(qn("w:body"))
        _Body(body, skeleton.style_ids, style, level_roles).write(layout)
        toc, reference = bool(self.options.get("toc")), self.options.get("reference_doc")
        if toc:
            front = {skeleton.style_ids.get(n) for n in ("Title", "Subtitle")} - {None}
            extras.insert_toc(body, doc, {str(i) for i in front})
        when = build_time()
        core = parse(skeleton.parts[_CORE])
        _core_properties(core, doc.meta, when)
        parts = {
            _DOCUMENT: serialize(document),
            _CORE: serialize(core),
            _APP: app_properties(doc),
        }
        parts |= extras.package_parts(
            skeleton.members, toc=toc, reference=Path(str(reference)) if reference else None
        )
        members = [(name, kind, parts.get(name, data)) for name, kind, data in skeleton.members]
        out.write(zip_members(members, when))
        return []


_DOCUMENT = "word/document.xml"
_CORE = "docProps/core.xml"
_APP = "docProps/app.xml"


@dataclass(frozen=True, slots=True)
class _Skeleton:
    """A DOCX package with every style, the page and its footers, and no text."""

    members: tuple[tuple[str, int, bytes], ...]  # (name, compression, data), in order
    parts: dict[str, bytes]  # the members each document rewrites
    style_ids: dict[str, str | None]  # Word style name → id (None: the default style)


_SKELETONS: dict[tuple[Any, ...], _Skeleton] = {}
_SKELETONS_LOCK = threading.Lock()
_SKELETONS_KEPT = 16


def _skeleton(style: Style, level_roles: dict[int, RoleStyle]) -> _Skeleton:
    """The skeleton for this sheet and these heading looks, built once per process."""
    key = (
        style.page,
        style.page_number,
        style.punctuation,
        tuple(style.roles.items()),
        tuple(sorted(level_roles.items())),
    )
    with _SKELETONS_LOCK:
        found = _SKELETONS.get(key)
    if found is None:
        found = _stored_or_built(key, style, level_roles)
        with _SKELETONS_LOCK:
            if len(_SKELETONS) >= _SKELETONS_KEPT:
                _SKELETONS.pop(next(iter(_SKELETONS)))
            _SKELETONS[key] = found
    return found


_SKELETON_FORMAT = 3  # 3: the table styles


def _stored_or_built(
    key: tuple[Any, ...], style: Style, level_roles: dict[int, RoleStyle]
) -> _Skeleton:
    """The skeleton an earlier run built for `key`, from docconv's cache folder
    (convert/cache.py, which checks every entry), or a new one, stored there for later runs.
    Building one, importing python-docx included, is about a fifth of a cold DOCX run
    (benchmarks/run.py: docconv against "docconv, no cache").
    The entry is named after the key, python-docx's version, this writer's source files and
    the style names it reads (wordstyles.toml)."""
    from ... import cache

    stamp = cache.source_stamp(__name__, wordstyles.__name__, ooxml.__name__)
    ident = repr((_SKELETON_FORMAT, _python_docx_version(), stamp, wordstyles.ROLE_STYLES, key))
    name = f"docx/skeleton-{cache.digest(ident)}"
    found = _restore(cache.load(name), ident)
    if found is not None:
        return found
    skeleton = _build_skeleton(style, level_roles)
    stored = {"ident": ident, "members": list(skeleton.members), "style_ids": skeleton.style_ids}
    cache.save(name, zlib.compress(marshal.dumps(stored), 1))
    return skeleton


def _python_docx_version() -> str:
    """python-docx's version, for the cache key, read from its installed metadata: a run
    that finds its skeleton in the cache needs nothing else of python-docx."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("python-docx")
    except PackageNotFoundError:  # not installed as a distribution (vendored, frozen)
        import docx

        return str(docx.__version__)


def _restore(data: bytes | None, ident: str) -> _Skeleton | None:
    """A skeleton from a cache entry's content (already checked against its hash); None
    for anything that is not exactly what `_stored_or_built` stores for `ident`."""
    if data is None:
        return None
    try:
        value = marshal.loads(zlib.decompress(data))
        if not isinstance(value, dict) or value.get("ident") != ident:
            return None
        members = tuple((str(n), int(k), bytes(b)) for n, k, b in value["members"])
        parts = {n: b for n, _, b in members if n in (_DOCUMENT, _CORE)}
        ids = {str(k): None if v is None else str(v) for k, v in dict(value["style_ids"]).items()}
    except (KeyError, TypeError, ValueError, EOFError, zlib.error):
        return None
    return _Skeleton(members, parts, ids) if len(parts) == 2 else None


def _build_skeleton(style: Style, level_roles: dict[int, RoleStyle]) -> _Skeleton:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    body = d.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    wordstyles.build(d, style, level_roles)
    _page_setup(d, style)
    _page_numbers(d, style)
    _settings(d, style)
    d.core_properties  # noqa: B018 - the part every document fills in
    _drop_template_baggage(d)
    paragraph_styles = [
        *wordstyles.ROLE_STYLES.values(),
        *(wordstyles.heading_style(level) for level in range(1, 5)),
    ]
    ids = _style_ids(d.styles, paragraph_styles, WD_STYLE_TYPE.PARAGRAPH)
    characters = [wordstyles.LEAD_STYLE, *(wordstyles.runin_style(n) for n in range(1, 5))]
    ids |= _style_ids(d.styles, characters, WD_STYLE_TYPE.CHARACTER)
    ids |= _style_ids(d.styles, [wordstyles.TABLE_STYLE], WD_STYLE_TYPE.TABLE)
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(buf) as z:
        members = tuple((i.filename, i.compress_type, z.read(i.filename)) for i in z.infolist())
    parts = {name: data for name, _, data in members if name in (_DOCUMENT, _CORE)}
    return _Skeleton(members, parts, ids)


def _style_ids(styles: Any, names: list[str], kind: Any) -> dict[str, str | None]:
    """What python-docx's get_style_id gives for each name (None for the default style),
    with the default looked up once rather than once per name."""
    default = styles.default(kind)
    ids: dict[str, str | None] = {}
    for name in names:
        st = styles[name]
        if st.type != kind:
            raise ValueError(f"style {name!r} is type {st.type}, need type {kind}")
        ids[name] = None if st == default else st.style_id
    return ids


def heading_roles(layout: Layout, style: Style) -> dict[int, RoleStyle]:
    """The look of each heading level (its Word style): the role most of that level's
    headings take."""
    counts: dict[int, Counter[str]] = {}
    for piece in layout.pieces():
        if (h := piece.heading) is not None:
            counts.setdefault(h.level, Counter())[piece.role] += 1
    return {level: style.role(c.most_common(1)[0][0]) for level, c in counts.items()}


class _Body:
    """The document's paragraphs, made as python-docx's Document.add_paragraph and
    Paragraph.add_run make them, with the style ids looked up once."""

    def __init__(
        self,
        body: Any,
        style_ids: dict[str, str | None],
        style: Style,
        level_roles: dict[int, RoleStyle],
    ):
        self.body, self.ids = body, style_ids
        self.style, self.level_roles = style, level_roles
        self.body_role = style.role("body")
        self.grid = wordstyles.Grid(bool(style.page.lines), wordstyles.char_spacing(style))
        self._end: Any = None  # the body's sectPr, found once

    def add_paragraph(self, style_name: str) -> Any:
        # python-docx's body.add_p() searches the body's children for the sectPr to insert
        # before, every time: quadratic in the paragraph count (20,000 paragraphs took 3 s).
        # The sectPr is found once; inserting before it is constant time.
        p = new(self.body, "w:p")
        self._insert(p)
        set_p_style(p, self.ids[style_name])
        return p

    def _insert(self, element: Any) -> None:
        if self._end is None:
            self._end = self.body.find(qn("w:sectPr"))
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self.body.append(element)

    def write(self, layout: Layout) -> None:
        for piece in layout.front:
            self._paragraph(piece)
        units = layout.units
        for i, unit in enumerate(units):
            if unit.runin:
                self._runin(unit)
            elif unit.first.table is not None:
                self._table(unit.first.table)
                # Word runs two tables with nothing between them into one, and ends a
                # document with a paragraph: an empty one there, and only there.
                after = units[i + 1].first.table if i + 1 < len(units) else None
                if after is not None or i + 1 == len(units):
                    self.add_paragraph("Normal")
            else:
                self._paragraph(unit.first)

    def _table(self, block: Table) -> None:
        page = self.style.page
        width = ooxml.twips(page.width - page.margin_left - page.margin_right)
        self._insert(
            tables.table(self.body, block, width, self.ids, lambda p, text: self._run(p, text))
        )

    def _runin(self, unit: Unit) -> None:
        """A run-in heading as the start of its paragraph, in the heading's character
        style, the paragraph keeping the heading's outline level for the navigation pane
        and a table of contents. Word's style separator (a hidden paragraph mark) would
        keep them two paragraphs, but LibreOffice (7.4 and before) sets the heading on a
        line of its own, so it is not used."""
        heading, paragraph = unit.pieces
        h = heading.heading
        assert h is not None
        p = self.add_paragraph(wordstyles.ROLE_STYLES[paragraph.role])
        ooxml.outline_level(p, h.level - 1)
        role = self.style.role(heading.role)
        override = role if role != self.level_roles.get(h.level) else None
        for run in heading.runs:
            self._run(p, run.text, char_style=wordstyles.runin_style(h.level), override=override)
        self._runs(p, paragraph)

    def _paragraph(self, piece: Piece) -> Any:
        h = piece.heading
        if h is not None:
            p = self.add_paragraph(wordstyles.heading_style(h.level))
            role = self.style.role(piece.role)
            override = role if role != self.level_roles.get(h.level) else None
            for run in piece.runs:
                self._run(p, run.text, override=override)
            return p
        p = self.add_paragraph(wordstyles.ROLE_STYLES[piece.role])
        self._runs(p, piece)
        return p

    def _runs(self, p: Any, piece: Piece) -> None:
        for run in piece.runs:
            lead = run.role == "lead"
            self._run(p, run.text, char_style=wordstyles.LEAD_STYLE if lead else None)

    def _run(
        self, p: Any, text: str, *, char_style: str | None = None, override: RoleStyle | None = None
    ) -> None:
        if not text:
            return
        r = add_run(p, text)
        if char_style:
            set_r_style(r, self.ids[char_style])
        if override is not None:
            wordstyles.run_override(r, override, self.body_role, self.grid)
            ooxml.set_fonts(
                get_or_add_rpr(r), override.font, override.latin, hint=bool(_CJK.search(text))
            )
        elif _CJK.search(text):
            child(get_or_add_rpr(r), "rFonts", RPR_ORDER, hint="eastAsia")


def _page_setup(d: Any, style: Style) -> None:
    from docx.shared import Pt

    page = style.page
    section = d.sections[0]
    section.page_width = Pt(page.width)
    section.page_height = Pt(page.height)
    section.top_margin = Pt(page.margin_top)
    section.bottom_margin = Pt(page.margin_bottom)
    section.left_margin = Pt(page.margin_left)
    section.right_margin = Pt(page.margin_right)
    section.header_distance = Pt(min(page.margin_top / 2, 42.5))
    number = style.role(style.page_number.role)
    # Word measures the footer from the paper's edge to the bottom of the footer's line; the
    # number's top must sit `gap` below the text block. In an exact line as tall as the type,
    # Word and LibreOffice set the em box about 0.2 em above the line's bottom.
    top_from_edge = page.margin_bottom - style.page_number.gap
    section.footer_distance = Pt(max(top_from_edge - number.size * 1.2, 0))
    sect = section._sectPr
    body = style.role("body")
    # A line grid only: characters per line come from the styles' character spacing.
    if page.lines:
        child(sect, "docGrid", SECTPR_ORDER, type="lines", linePitch=str(twips(body.leading)))
    else:
        child(sect, "docGrid", SECTPR_ORDER, linePitch="360")


def _page_numbers(d: Any, style: Style) -> None:
    pn = style.page_number
    role = style.role(pn.role)
    before, _, after = pn.format.partition("{n}")
    hint = bool(_CJK.search(pn.format))
    section = d.sections[0]
    indent = str(twips(pn.indent * role.size))
    chars = str(round(pn.indent * 100))

    def fill(footer: Any, align: str) -> None:
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = d.styles["Footer"]
        ppr = p._p.get_or_add_pPr()
        child(
            ppr,
            "spacing",
            PPR_ORDER,
            before="0",
            after="0",
            line=str(twips(role.size)),
            lineRule="exact",
        )
        if align == "right":
            child(
                ppr,
                "ind",
                PPR_ORDER,
                right=indent,
                rightChars=chars,
                firstLine="0",
                firstLineChars="0",
            )
        elif align == "left":
            child(
                ppr,
                "ind",
                PPR_ORDER,
                left=indent,
                leftChars=chars,
                firstLine="0",
                firstLineChars="0",
            )
        else:
            child(ppr, "ind", PPR_ORDER, firstLine="0", firstLineChars="0")
        child(ppr, "jc", PPR_ORDER, val=align)
        ooxml.add_page_field(p, before, after, hint=hint)

    if pn.position == "outside":
        d.settings.odd_and_even_pages_header_footer = True
        fill(section.footer, "right")  # odd pages
        fill(section.even_page_footer, "left")
    else:
        fill(section.footer, pn.position)


def _settings(d: Any, style: Style) -> None:
    settings = d.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    # The template asks Word to save a preview picture (a thumbnail of the first page);
    # docconv writes none, and a stale blank one is what file browsers would show.
    ooxml.remove(settings, "rsids", "savePreviewPicture")
    ooxml.set_compression(settings, style.compress_punctuation)


#: Parts python-docx's template brings that no docconv document uses: a blank thumbnail
#: (with thumbnail saving on), a bibliography customXml part, Word 2010's 438 KB copy of
#: every built-in style (stylesWithEffects, which Word rewrites from styles.xml anyway).
_BAGGAGE = frozenset(
    {
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    }
)


def _drop_template_baggage(d: Any) -> None:
    """Unlink the template's unused parts; python-docx saves only the parts reachable
    through relationships, and writes [Content_Types].xml from those."""
    for rels in (d.part.package.rels, d.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _BAGGAGE]:
            rels.pop(rid)


_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_WORD = re.compile(rf"[{EAST_ASIAN}{IDEOGRAPHIC_PLANES}]|[^\s{EAST_ASIAN}{IDEOGRAPHIC_PLANES}]+")


def app_properties(doc: Document) -> bytes:
    """docProps/app.xml: docconv as the application, and the document's own counts as
    Word makes them (each Chinese character is a word, as is each run of other letters).
    Pages and lines are left out: only a layout knows them, and Word counts them anew."""
    texts = [t for t in (doc.meta.title, doc.meta.subtitle) if t]
    texts += [b.text for b in doc.blocks if b.text]
    joined = "\n".join(texts)
    counts = {
        "Words": len(_WORD.findall(joined)),
        "Characters": sum(not c.isspace() for c in joined),
        "Paragraphs": len(texts),
        "CharactersWithSpaces": sum(c != "\n" for c in joined),
    }
    items = "".join(f"<{k}>{v}</{k}>" for k, v in counts.items())
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_EXTENDED}">'
        f"<Application>docconv</Application><DocSecurity>0</DocSecurity>{items}"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    )
    return xml.encode("utf-8")


def _core_properties(core: Any, meta: Meta, when: Any) -> None:
    """The document's metadata in docProps/core.xml, set as python-docx's CoreProperties
    sets it (in this order: a property the skeleton lacks is appended)."""
    origin = meta.url or meta.source_title
    texts = (
        ("dc:title", meta.title),
        ("dc:subject", meta.subject or meta.subtitle),
        ("cp:keywords", "; ".join(meta.keywords)),
        ("dc:creator", meta.author),
        ("cp:lastModifiedBy", "docconv"),
        ("dc:language", meta.lang),
        ("dc:identifier", meta.doc_id),
        (
            "dc:description",
            f"Converted by docconv from {origin}" if origin else "Converted by docconv",
        ),
        ("cp:category", meta.format),
    )
    for tag, value in texts:
        if len(value) > 255:  # python-docx's limit, and its error
            raise ValueError(f"exceeded 255 char limit for property, got:\n\n'{value}'")
        _core_element(core, tag).text = value
    _core_element(core, "cp:revision").text = "1"
    for tag, moment in (
        ("dcterms:created", fixed_date(meta.date) or when),
        ("dcterms:modified", when),
    ):
        el = _core_element(core, tag)
        el.text = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        el.set(qn("xsi:type"), "dcterms:W3CDTF")


def _core_element(core: Any, tag: str) -> Any:
    found = core.find(qn(tag))
    if found is None:
        found = new(core, tag)
        core.append(found)
    return found
