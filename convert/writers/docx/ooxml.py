"""Small WordprocessingML helpers, on lxml alone: what python-docx has no API for (the East
Asian font slot, outline levels, character-based indents, the document grid, PAGE fields,
punctuation compression), and the few paragraph and run operations a document's body needs,
made as python-docx makes them (`set_p_style`, `add_run`, `set_r_style`), so that writing a
document into a cached skeleton does not import python-docx at all. Children are inserted in
schema order, since Word rejects out-of-order XML.

New elements come from `makeelement` of an element already in the tree: in a tree python-docx
parsed they are its element classes, in one `parse` read they are plain lxml elements."""

from __future__ import annotations

from typing import Any

from lxml import etree

#: The namespaces of the parts docconv writes into (python-docx's prefixes).
NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
#: python-docx's parser settings (docx.oxml.parser), without its element classes.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def qn(tag: str) -> str:
    """ "w:p" → "{http://…/main}p" (python-docx's docx.oxml.ns.qn)."""
    prefix, _, local = tag.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def parse(xml: str | bytes) -> Any:
    """The root element of `xml`, parsed as python-docx parses a part."""
    return etree.fromstring(xml, _PARSER)


def serialize(root: Any) -> bytes:
    """A part's XML as python-docx stores it (docx.opc.oxml.serialize_part_xml)."""
    data: bytes = etree.tostring(root, encoding="UTF-8", standalone=True)
    return data


def new(like: Any, tag: str, **attrs: str) -> Any:
    """A new element `tag` ("w:p") in `like`'s document, with w: attributes, as python-docx's
    OxmlElement makes one (declaring its own prefix, which lxml drops once it is placed)."""
    prefix = tag.partition(":")[0]
    el = like.makeelement(qn(tag), nsmap={prefix: NAMESPACES[prefix]})
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


# Schema order of the children we touch (ECMA-376 CT_PPrBase, CT_RPr, CT_SectPr).
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
SECTPR_ORDER = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
).split()

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_THEME_COLOR_ATTRS = ("w:themeColor", "w:themeShade", "w:themeTint")
_THEMED_XPATH = ".//*[" + " or ".join(f"@{a}" for a in _THEME_COLOR_ATTRS) + "]"


def twips(points: float) -> int:
    return round(points * 20)


def child(parent: Any, tag: str, order: list[str], **attrs: str) -> Any:
    """Replace `parent`'s `tag` child with a new one carrying `attrs`, in schema order."""
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    el = new(parent, f"w:{tag}", **attrs)
    later = set(order[order.index(tag) + 1 :])
    for i, existing in enumerate(parent):
        local = existing.tag.rpartition("}")[2]
        if local in later:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def remove(parent: Any, *tags: str) -> None:
    for tag in tags:
        for old in parent.findall(qn(f"w:{tag}")):
            parent.remove(old)


def get_or_add(parent: Any, tag: str, order: list[str]) -> Any:
    found = parent.find(qn(f"w:{tag}"))
    return found if found is not None else child(parent, tag, order)


def set_fonts(rpr: Any, east_asia: str, latin: str, *, hint: bool = False) -> None:
    """All four font slots, explicit, with no theme font to override them."""
    attrs = {"ascii": latin, "hAnsi": latin, "eastAsia": east_asia, "cs": latin}
    if hint:
        # Quotes, dashes and ellipses are ambiguous-width: without the hint Word sets them
        # in the Latin font.
        attrs["hint"] = "eastAsia"
    child(rpr, "rFonts", RPR_ORDER, **attrs)


def set_lang(rpr: Any, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    child(rpr, "lang", RPR_ORDER, val=latin, eastAsia=east_asia, bidi="ar-SA")


def strip_theme(root: Any) -> None:
    """Remove theme font and colour references everywhere under `root`: they win over
    explicit names, so a heading would otherwise show in the theme's 等线 and blue."""
    font_attrs = [qn(a) for a in _THEME_FONT_ATTRS]
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in font_attrs:
            rfonts.attrib.pop(attr, None)
    # Colours sit on w:color, borders and shading alike: find the elements that have one.
    colour_attrs = [qn(a) for a in _THEME_COLOR_ATTRS]
    for el in root.xpath(_THEMED_XPATH):
        for attr in colour_attrs:
            el.attrib.pop(attr, None)


def add_page_field(paragraph: Any, before: str, after: str, *, hint: bool) -> None:
    """`before` PAGE `after`, e.g. "— 1 —", as runs with a real PAGE field."""

    p = paragraph._p

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None) -> None:
        r = new(p, "w:r")
        if hint:
            rpr = new(p, "w:rPr")
            rpr.append(new(p, "w:rFonts", hint="eastAsia"))
            r.append(rpr)
        if fld:
            r.append(new(p, "w:fldChar", fldCharType=fld))
        if instr:
            t = new(p, "w:instrText")
            t.set(qn("xml:space"), "preserve")
            t.text = instr
            r.append(t)
        if text is not None:
            t = new(p, "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            r.append(t)
        p.append(r)

    if before:
        run(before)
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    if after:
        run(after)


#: Schema order of the settings children we touch (CT_Settings).
SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries "
    "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
    "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins "
    "alignBordersAndEdges bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop "
    "hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState formsDesign "
    "attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType "
    "mailMerge revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting "
    "bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing "
    "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
    "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
    "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
    "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt "
    "showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr "
    "compat docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags "
    "decimalSymbol listSeparator"
).split()

#: Compatibility options in schema order (CT_Compat), before the compatSetting list.
COMPAT_ORDER = (
    "useSingleBorderforContiguousCells wpJustification noTabHangInd noLeading spaceForUL "
    "noColumnBalance balanceSingleByteDoubleByteWidth noExtraLineSpacing "
    "doNotLeaveBackslashAlone ulTrailSpace doNotExpandShiftReturn spacingInWholePoints "
    "lineWrapLikeWord6 printBodyTextBeforeHeader printColBlack wpSpaceWidth showBreaksInFrames "
    "subFontBySize suppressBottomSpacing suppressTopSpacing suppressSpacingAtTopOfPage "
    "suppressTopSpacingWP suppressSpBfAfterPgBrk swapBordersFacingPages convMailMergeEsc "
    "truncateFontHeightsLikeWP6 mwSmallCaps usePrinterMetrics doNotSuppressParagraphBorders "
    "wrapTrailSpaces footnoteLayoutLikeWW8 shapeLayoutLikeWW8 alignTablesRowByRow "
    "forgetLastTabAlignment adjustLineHeightInTable autoSpaceLikeWord95 noSpaceRaiseLower "
    "doNotUseHTMLParagraphAutoSpacing layoutRawTableWidth layoutTableRowsApart "
    "useWord97LineBreakRules doNotBreakWrappedTables doNotSnapToGridInCell "
    "selectFldWithFirstOrLastChar applyBreakingRules doNotWrapTextWithPunct "
    "doNotUseEastAsianBreakRules useWord2002TableStyleRules growAutofit useFELayout "
    "useNormalStyleForList doNotUseIndentAsNumberingTabStop useAltKinsokuLineBreakRules "
    "allowSpaceOfSameStyleInTable doNotSuppressIndentation doNotAutofitConstrainedTables "
    "autofitToFirstFixedWidthCell underlineTabInNumList displayHangulFixedWidth "
    "splitPgBreakAndParaMark doNotVertAlignCellWithSp doNotBreakConstrainedForcedTable "
    "doNotVertAlignInTxbx useAnsiKerningPairs cachedColBalance compatSetting"
).split()


def set_compression(settings: Any, compress: bool) -> None:
    """Punctuation compression (标点挤压) the way Word and WPS store it: "Character spacing
    control: compress punctuation only" in the document's Asian typography settings, and
    the compatibility option that lets marks on a document grid share a grid cell
    (doNotUseEastAsianBreakRules, "do not compress compressible characters when using the
    document grid", set only where marks keep a whole cell)."""
    child(
        settings,
        "characterSpacingControl",
        SETTINGS_ORDER,
        val="compressPunctuation" if compress else "doNotCompress",
    )
    compat = get_or_add(settings, "compat", SETTINGS_ORDER)
    remove(compat, "doNotUseEastAsianBreakRules")
    if not compress:
        child(compat, "doNotUseEastAsianBreakRules", COMPAT_ORDER)


def outline_level(p: Any, level: int) -> None:
    """Give the paragraph (the w:p element) an outline level (0 = level 1) of its own."""
    child(get_or_add_ppr(p), "outlineLvl", PPR_ORDER, val=str(level))


# --- paragraphs and runs, as python-docx makes them (CT_P, CT_PPr, CT_R, CT_RPr) ----------


def _first_child(el: Any, tag: str) -> Any:
    """`el`'s child `tag`, made as its first child if it has none."""
    found = el.find(qn(tag))
    if found is None:
        found = new(el, tag)
        el.insert(0, found)
    return found


def get_or_add_ppr(p: Any) -> Any:
    """The paragraph's w:pPr, made as its first child if it has none."""
    return _first_child(p, "w:pPr")


def get_or_add_rpr(r: Any) -> Any:
    """The run's w:rPr, made as its first child if it has none."""
    return _first_child(r, "w:rPr")


def set_p_style(p: Any, style_id: str | None) -> None:
    """python-docx's `p.style = style_id`: a w:pPr always, its w:pStyle unless the id is None
    (the default paragraph style)."""
    _set_style(get_or_add_ppr(p), "pStyle", PPR_ORDER, style_id)


def set_r_style(r: Any, style_id: str | None) -> None:
    """python-docx's `r.style = style_id`: a w:rPr always, its w:rStyle unless None."""
    _set_style(get_or_add_rpr(r), "rStyle", RPR_ORDER, style_id)


def _set_style(props: Any, tag: str, order: list[str], style_id: str | None) -> None:
    if style_id is None:
        remove(props, tag)
        return
    get_or_add(props, tag, order).set(qn("w:val"), style_id)


def add_run(p: Any, text: str) -> Any:
    """A w:r appended to `p` holding `text`, as python-docx's `p.add_r()` and `r.text = text`
    make it: each tab a w:tab, each line break (\\n or \\r) a w:br, the characters between
    them in a w:t (xml:space="preserve" when it starts or ends with white space)."""
    r = new(p, "w:r")
    p.append(r)
    pending: list[str] = []

    def flush() -> None:
        chunk = "".join(pending)
        if chunk:
            t = new(r, "w:t")
            t.text = chunk
            r.append(t)
            if len(chunk.strip()) < len(chunk):
                t.set(qn("xml:space"), "preserve")
        pending.clear()

    for ch in text:
        if ch == "\t":
            flush()
            r.append(new(r, "w:tab"))
        elif ch in "\r\n":
            flush()
            r.append(new(r, "w:br"))
        else:
            pending.append(ch)
    flush()
    return r
