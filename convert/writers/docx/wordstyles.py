"""Word styles built from the style sheet's roles.

Every look lives in a named style (Normal, Title, Heading 1–4, Greeting, Issue Date, Lead…), so a
user restyles a document once in Word instead of paragraph by paragraph. Each style's
paragraph and run properties are rebuilt from scratch; nothing of the template's theme stays.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...styles import RoleStyle, Style
from .ooxml import (
    PPR_ORDER,
    RPR_ORDER,
    child,
    get_or_add_rpr,
    qn,
    remove,
    set_fonts,
    set_lang,
    strip_theme,
    twips,
)

_JC = {"justify": "both", "center": "center", "right": "right", "left": "left"}

#: Paragraph roles and the Word style each one uses, in the order they are defined: data
#: (wordstyles.toml beside this module, which says why a letter's parts have names of
#: their own), read once.
_DATA = tomllib.loads(Path(__file__).with_name("wordstyles.toml").read_text(encoding="utf-8"))
ROLE_STYLES: dict[str, str] = {str(role): str(name) for role, name in _DATA["roles"].items()}
_NAMES: dict[str, str] = {str(k): str(v) for k, v in _DATA["names"].items()}
LEAD_STYLE = _NAMES["lead"]
TABLE_STYLE = _NAMES["table"]


def heading_style(level: int) -> str:
    return _NAMES["heading"].format(level=level)


def runin_style(level: int) -> str:
    """The character style of a heading run into its paragraph: the level's look."""
    return _NAMES["runin"].format(level=level)


def build(document: Any, style: Style, heading_roles: dict[int, RoleStyle]) -> None:
    """Define every style the writer uses, from `style`; `heading_roles` gives the look of
    each heading level (by the kind of label that level holds in this document). Only a
    skeleton being built (with python-docx) gets here."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    body = style.role("body")
    grid = Grid(bool(style.page.lines), char_spacing(style))
    _defaults(styles, body, style.compress_punctuation)
    for role_name, word_name in ROLE_STYLES.items():
        _paragraph_style(styles, word_name, style.role(role_name), body, grid)
    for level in range(1, 5):
        role = heading_roles.get(level) or style.role(f"h{level}")
        _paragraph_style(styles, heading_style(level), role, body, grid, outline=level - 1)
        runin = _get_or_add(styles, runin_style(level), WD_STYLE_TYPE.CHARACTER)
        runin.hidden = False
        runin.quick_style = False
        _run_props(_fresh(runin.element, "rPr"), role, body, grid)
    lead = _get_or_add(styles, LEAD_STYLE, WD_STYLE_TYPE.CHARACTER)
    lead_rpr = _fresh(lead.element, "rPr")
    _run_props(lead_rpr, style.role("lead"), body, grid)
    strip_theme(styles.element)


@dataclass(frozen=True, slots=True)
class Grid:
    lines: bool  # body lines sit on the document's line grid
    spacing: int  # twips added to each character of body-size text (negative: tighter)


def char_spacing(style: Style) -> int:
    """Character spacing, in twips, that fits `chars` body characters on a line.

    Word's character grid would do this, but LibreOffice gives a 16 pt character two cells
    of a 15.79 pt grid; a small negative spacing gives 28 a line in both.
    """
    pitch = style.page.char_pitch
    size = style.role("body").size
    if not pitch or pitch >= size:
        return 0
    return math.floor((pitch - size) * 20)


def _defaults(styles: Any, body: RoleStyle, compress: bool) -> None:
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, body.font, body.latin)
    child(rpr, "sz", RPR_ORDER, val=str(round(body.size * 2)))
    child(rpr, "szCs", RPR_ORDER, val=str(round(body.size * 2)))
    set_lang(rpr)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _no_hanging(ppr)
    # With compression, an opening mark at a line start gives up its blank half too
    # ("允许行首标点压缩"), as the PDF's lines do when they need the room.
    child(ppr, "topLinePunct", PPR_ORDER, val="1" if compress else "0")
    child(ppr, "spacing", PPR_ORDER, after="0", line="240", lineRule="auto")


def _no_hanging(ppr: Any) -> None:
    """Keep LibreOffice from hanging line-end marks into the margin, where its PDF export
    drops them. LibreOffice reads w:overflowPunct inverted (0 = hang), so "1" turns its
    hanging off while leaving Word at its own default (1 = marks may overflow)."""
    child(ppr, "overflowPunct", PPR_ORDER, val="1")


def _get_or_add(styles: Any, name: str, kind: Any) -> Any:
    try:
        return styles[name]
    except KeyError:
        return styles.add_style(name, kind)


def _fresh(style_el: Any, tag: str) -> Any:
    """An empty pPr or rPr for the style (the template's own settings are dropped)."""
    remove(style_el, tag)
    return style_el.get_or_add_pPr() if tag == "pPr" else style_el.get_or_add_rPr()


def _paragraph_style(
    styles: Any, name: str, role: RoleStyle, body: RoleStyle, grid: Grid, outline: int | None = None
) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    st = _get_or_add(styles, name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        st.base_style = styles["Normal"]
        st.next_paragraph_style = styles["Normal"]
    st.quick_style = True
    st.hidden = False
    st.unhide_when_used = False
    ppr = _fresh(st.element, "pPr")
    rpr = _fresh(st.element, "rPr")
    _para_props(ppr, role, body, grid, outline)
    _run_props(rpr, role, body, grid)


def _para_props(
    ppr: Any, role: RoleStyle, body: RoleStyle, grid: Grid, outline: int | None
) -> None:
    if role.keep_with_next:
        child(ppr, "keepNext", PPR_ORDER)
        child(ppr, "keepLines", PPR_ORDER)
    # On a line grid every page holds its 22 lines, as in the PDF: widow control would
    # move a paragraph's last line over and leave a page a line short.
    child(ppr, "widowControl", PPR_ORDER, val="0" if grid.lines else "1")
    _no_hanging(ppr)
    off_grid = role.size != body.size or role.leading != body.leading
    before, after = role.space_before, role.space_after
    if grid.lines and off_grid:
        # A line of another size would be stretched to a whole number of grid lines.
        child(ppr, "snapToGrid", PPR_ORDER, val="0")
        if role.line_exact and role.leading != body.leading:
            # Its own line (the title's 35 pt) and spacing rounded up to whole grid lines,
            # the line centred in them, so the text after it is on the grid, as in the PDF.
            used = role.leading + before + after
            pad = math.ceil(used / body.leading - 1e-6) * body.leading - used
            before, after = before + pad / 2, after + pad / 2
    spacing = {"before": str(twips(before)), "after": str(twips(after))}
    if role.line_exact:
        spacing |= {"line": str(twips(role.line_height)), "lineRule": "exact"}
    else:
        spacing |= {"line": str(round(role.line_height * 240)), "lineRule": "auto"}
    child(ppr, "spacing", PPR_ORDER, **spacing)
    child(
        ppr,
        "ind",
        PPR_ORDER,
        firstLineChars=str(round(role.indent * 100)),
        firstLine=str(twips(role.indent * role.size)),
        rightChars=str(round(role.indent_right * 100)),
        right=str(twips(role.indent_right * role.size)),
        leftChars="0",
        left="0",
    )
    child(ppr, "jc", PPR_ORDER, val=_JC[role.align])
    if outline is not None:
        child(ppr, "outlineLvl", PPR_ORDER, val=str(outline))


def _run_props(rpr: Any, role: RoleStyle, body: RoleStyle, grid: Grid) -> None:
    set_fonts(rpr, role.font, role.latin)
    for tag, on in (("b", role.bold), ("bCs", role.bold), ("i", role.italic), ("iCs", role.italic)):
        child(rpr, tag, RPR_ORDER, val="1" if on else "0")
    child(rpr, "color", RPR_ORDER, val=role.color)
    spacing = grid.spacing if role.size == body.size else 0
    child(rpr, "spacing", RPR_ORDER, val=str(spacing))
    child(rpr, "sz", RPR_ORDER, val=str(round(role.size * 2)))
    child(rpr, "szCs", RPR_ORDER, val=str(round(role.size * 2)))


def run_override(r: Any, role: RoleStyle, body: RoleStyle, grid: Grid) -> None:
    """Direct formatting for a run (the w:r element) whose look differs from its
    paragraph's style."""
    rpr = get_or_add_rpr(r)
    _run_props(rpr, role, body, grid)
