"""CSS generated from the style sheet, shared by the EPUB and HTML writers.

Sizes are in em of the body role, so a reader's own text-size setting still works. Each role's
Latin family comes first in its font stack through an alias whose `unicode-range` covers only
Latin letters: CJK punctuation (“”…—·) then stays in the CJK font, as the DOCX writer's
East Asian hint keeps it there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..styles import ROLE_NAMES, RoleStyle, Style

#: Roles that style a whole block; `lead` is inline and page_number unused in a reflowable book.
BLOCK_ROLES = tuple(r for r in ROLE_NAMES if r not in ("body", "lead", "page_number"))
_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
# Basic Latin, Latin-1 and Latin Extended-A/B, without U+00B7 (the middle dot of 马克思·恩格斯).
_LATIN_RANGE = "U+0-B6, U+B8-24F"


@dataclass(frozen=True, slots=True)
class FontFace:
    """An embedded font file as CSS sees it."""

    family: str
    url: str  # relative to the stylesheet
    weight: int


def stylesheet(
    style: Style,
    embedded: Mapping[str, Sequence[str]] | None = None,
    faces: Sequence[FontFace] = (),
) -> str:
    """CSS for `style`; `embedded` gives each role's embedded families (best first), which
    follow the style's own family names in that role's stack."""
    return "\n".join(rules(style, embedded, faces)) + "\n"


def rules(
    style: Style,
    embedded: Mapping[str, Sequence[str]] | None = None,
    faces: Sequence[FontFace] = (),
) -> list[str]:
    """The rules of `stylesheet`, one string each, for writers that add their own."""
    embedded = embedded or {}
    body = style.role("body")
    out: list[str] = []
    for face in faces:
        out.append(
            _rule(
                "@font-face",
                [
                    f"font-family: {quote(face.family)}",
                    f"font-weight: {face.weight}",
                    "font-style: normal",
                    f'src: url("{face.url}") format("woff2")',
                ],
            )
        )
    for latin in dict.fromkeys(style.role(r).latin for r in ("body", "lead", *BLOCK_ROLES)):
        out.extend(_latin_alias(latin))

    out.append(
        _rule(
            "body",
            [
                f"font-family: {font_stack(body, embedded.get('body', ()))}",
                f"line-height: {_num(body.leading / body.size)}",
                "line-break: strict",
                "widows: 2",
                "orphans: 2",
                *_color(body),
            ],
        )
    )
    out.append(_rule("p", _block(body, body, embedded.get("body", ()))))
    for name in BLOCK_ROLES:
        role = style.role(name)
        out.append(_rule(selector(name), _block(role, body, embedded.get(name, ()))))
    out.append(_TABLE)
    out.append(_ITEMS)
    lead = style.role("lead")
    out.append(
        _rule(
            ".lead",
            [
                f"font-family: {font_stack(lead, embedded.get('lead', ()))}",
                f"font-size: {_num(lead.size / body.size)}em",
                f"font-weight: {'bold' if lead.bold else 'normal'}",
                f"font-style: {'italic' if lead.italic else 'normal'}",
                *_color(lead),
            ],
        )
    )
    out.append(_RUNIN.format(**_runin(body)))
    return out


def _block(role: RoleStyle, body: RoleStyle, embedded: Sequence[str]) -> list[str]:
    size = role.size
    decls = [
        f"font-family: {font_stack(role, embedded)}",
        f"font-size: {_num(size / body.size)}em",
        f"line-height: {_num(role.leading / size)}",
        f"font-weight: {'bold' if role.bold else 'normal'}",
        f"font-style: {'italic' if role.italic else 'normal'}",
        f"text-indent: {_em(role.indent)}",
        f"text-align: {role.align}",
        f"margin: {_em(role.space_before / size)} {_em(role.indent_right)} "
        f"{_em(role.space_after / size)} 0",
        *_color(role),
    ]
    if role.keep_with_next:
        decls += ["page-break-after: avoid", "break-after: avoid"]
    return decls


def _runin(body: RoleStyle) -> dict[str, str]:
    return {
        "indent": _em(body.indent),
        "align": body.align,
        "after": _em(body.space_after / body.size),
        "before": _em(body.space_before / body.size),
    }


# Table cells take their roles' looks by element: no class on every cell.
_CELLS = {"table": "td", "table_header": "th"}


def selector(role: str) -> str:
    """The CSS selector of a block role's rule: its class, or the element of a cell."""
    return _CELLS.get(role, f".{role}")


# Ruled cells across the text width, as a table in a Word document has them.
_TABLE = """\
table {
  border-collapse: collapse;
  margin: 0.5em 0;
  width: 100%;
}
td, th {
  border: 1px solid currentColor;
  padding: 0.15em 0.4em;
  vertical-align: top;
}"""


# A list is its items' block: no indent or bullet of the browser's own, the item role
# gives the indent and a bulleted list draws the bullet DOCX and PDF set.
_ITEMS = """\
ul.items, ol.items {
  list-style: none;
  margin: 0;
  padding: 0;
}
li.item {
  display: block;
}
ul.items > li.item::before {
  content: "\\2022\\2002";
}"""


# A run-in heading and its paragraph sit in one div, both inline (the writers decide when).
_RUNIN = """\
.runin {{
  text-indent: {indent};
  text-align: {align};
  margin: {before} 0 {after} 0;
}}
.runin > h1, .runin > h2, .runin > h3, .runin > h4, .runin > p {{
  display: inline;
}}"""


def _latin_alias(latin: str) -> list[str]:
    family = quote(_alias_name(latin))
    return [
        _rule(
            "@font-face",
            [
                f"font-family: {family}",
                f"font-weight: {weight}",
                f"src: local({quote(name)})",
                f"unicode-range: {_LATIN_RANGE}",
            ],
        )
        for weight, name in (("normal", latin), ("bold", f"{latin} Bold"))
    ]


def _alias_name(latin: str) -> str:
    return f"{latin} (Latin)"


def font_stack(role: RoleStyle, embedded: Sequence[str] = ()) -> str:
    """A role's CSS font-family value: its Latin alias, its families, then `embedded`."""
    names = [_alias_name(role.latin), *role.fonts, *embedded]
    families = [quote(n) for n in dict.fromkeys(names)]
    generic = role.generic.strip()
    families.append(generic if generic in _GENERIC else quote(generic))
    return ", ".join(families)


def _color(role: RoleStyle) -> list[str]:
    # Black is left to the reader, so its night and sepia modes keep working.
    return [] if role.color.lower() in ("000000", "000") else [f"color: #{role.color}"]


def quote(text: str) -> str:
    """`text` as a CSS string that nothing in it can end: quotes, backslashes, every control
    character (a raw \\n, \\r or \\f ends a CSS string) and < (no </style> inside a
    page) as hex escapes; NUL and lone surrogates, which CSS cannot hold, as U+FFFD."""
    return '"' + _CSS_UNSAFE.sub(_css_escape, text) + '"'


_CSS_UNSAFE = re.compile("[\\\\\"'<\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _css_escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    if code == 0 or 0xD800 <= code <= 0xDFFF:
        code = 0xFFFD
    return f"\\{code:x} "  # the space ends the escape; CSS drops it


def _num(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _em(x: float) -> str:
    text = _num(x)
    return text if text == "0" else text + "em"


def _rule(selector: str, decls: list[str]) -> str:
    body = "".join(f"  {d};\n" for d in decls)
    return f"{selector} {{\n{body}}}"
