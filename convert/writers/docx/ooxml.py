"""Small WordprocessingML helpers for what python-docx has no API for: the East Asian font
slot, outline levels, character-based indents, the document grid, PAGE fields, punctuation
compression. Children are inserted in schema order, since Word rejects out-of-order XML."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

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
    el = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
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

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None) -> None:
        r = OxmlElement("w:r")
        if hint:
            rpr = OxmlElement("w:rPr")
            rpr.append(_el("w:rFonts", hint="eastAsia"))
            r.append(rpr)
        if fld:
            r.append(_el("w:fldChar", fldCharType=fld))
        if instr:
            t = _el("w:instrText")
            t.set(qn("xml:space"), "preserve")
            t.text = instr
            r.append(t)
        if text is not None:
            t = _el("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            r.append(t)
        paragraph._p.append(r)

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
    child(p.get_or_add_pPr(), "outlineLvl", PPR_ORDER, val=str(level))


def _el(tag: str, **attrs: str) -> Any:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el
