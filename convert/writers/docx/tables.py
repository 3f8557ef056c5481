"""Tables in DOCX, at the XML layer like the paragraphs: Word's own "Table Grid"
style gives the ruling (so a reference document, or a user in Word, restyles every table at
once), the cells take the Table Text and Table Heading paragraph styles, header rows repeat
at the top of each page, and columns are as wide as their content asks (layout.column_shares)."""

from __future__ import annotations

from typing import Any

from ...model import Table
from ..layout import column_shares
from .ooxml import new, qn, set_p_style
from .wordstyles import ROLE_STYLES, TABLE_STYLE

TEXT_STYLE = ROLE_STYLES["table"]  # the cells' paragraph style
HEADING_STYLE = ROLE_STYLES["table_header"]  # a header row's


def table(like: Any, block: Table, width: int, ids: dict[str, str | None], add_text: Any) -> Any:
    """The w:tbl for `block`, `width` twips wide, made in the document of `like` (an element
    of it). `add_text(p, text)` fills a cell's paragraph the way the body's runs are made
    (East Asian font hint and all)."""

    def _el(tag: str, **attrs: str) -> Any:
        return new(like, f"w:{tag}", **attrs)

    tbl = _el("tbl")
    pr = tbl.makeelement(qn("w:tblPr"), {})
    tbl.append(pr)
    style_id = ids.get(TABLE_STYLE)
    if style_id:
        pr.append(_el("tblStyle", val=style_id))
    pr.append(_el("tblW", w=str(width), type="dxa"))
    pr.append(_el("tblLayout", type="fixed"))  # the widths below, not Word's own guess
    pr.append(
        _el(
            "tblLook",
            val="0000",
            firstRow="0",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )
    widths = [round(width * share) for share in column_shares(block)]
    widths[-1] += width - sum(widths)  # rounding: the columns fill the table exactly
    grid = _el("tblGrid")
    for w in widths:
        grid.append(_el("gridCol", w=str(w)))
    tbl.append(grid)
    for r, row in enumerate(block.rows):
        header = r < block.header
        tr = _el("tr")
        trpr = _el("trPr")
        trpr.append(_el("cantSplit"))
        if header:
            trpr.append(_el("tblHeader"))
        tr.append(trpr)
        for text, w in zip(row, widths, strict=True):
            tc = _el("tc")
            tcpr = _el("tcPr")
            tcpr.append(_el("tcW", w=str(w), type="dxa"))
            tc.append(tcpr)
            p = _el("p")
            set_p_style(p, ids[HEADING_STYLE if header else TEXT_STYLE])
            add_text(p, text)
            tc.append(p)
            tr.append(tc)
        tbl.append(tr)
    return tbl
