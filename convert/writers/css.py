"""The book's CSS, generated from the same style sheet as the other writers.

Sizes are in em of the body role, so a reader's own text-size setting still works. Each role's
Latin family comes first in its font stack through an alias whose `unicode-range` covers only
Latin letters: CJK punctuation (“”…—·) then stays in the CJK font, as the DOCX writer's
East Asian hint keeps it there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...styles import RoleStyle, Style

#: Roles that style a whole block; `lead` is inline and page_number unused in a reflowable book.
BLOCK_ROLES = (
    "title",
    "subtitle",
    "h1",
    "h2",
    "h3",
    "h4",
    "salutation",
    "closing",
    "signature",
    "date",
    "attachment",
    "note",
)
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
    embedded = embedded or {}
    body = style.role("body")
    rules: list[str] = []
    for face in faces:
        rules.append(
            _rule(
                "@font-face",
                [
                    f"font-family: {_string(face.family)}",
                    f"font-weight: {face.weight}",
                    "font-style: normal",
                    f'src: url("{face.url}") format("woff2")',
                ],
            )
        )
    for latin in dict.fromkeys(style.role(r).latin for r in ("body", "lead", *BLOCK_ROLES)):
        rules.extend(_latin_alias(latin))

    rules.append(
        _rule(
            "body",
            [
                f"font-family: {_stack(body, embedded.get('body', ()))}",
                f"line-height: {_num(body.leading / body.size)}",
                "line-break: strict",
                "widows: 2",
                "orphans: 2",
                *_color(body),
            ],
        )
    )
    rules.append(_rule("p", _block(body, body, embedded.get("body", ()))))
    for name in BLOCK_ROLES:
        role = style.role(name)
        rules.append(_rule(f".{name}", _block(role, body, embedded.get(name, ()))))
    lead = style.role("lead")
    rules.append(
        _rule(
            ".lead",
            [
                f"font-family: {_stack(lead, embedded.get('lead', ()))}",
                f"font-size: {_num(lead.size / body.size)}em",
                f"font-weight: {'bold' if lead.bold else 'normal'}",
                f"font-style: {'italic' if lead.italic else 'normal'}",
                *_color(lead),
            ],
        )
    )
    rules.append(_FIXED.format(**_runin(body)))
    return "\n".join(rules) + "\n"


def _block(role: RoleStyle, body: RoleStyle, embedded: Sequence[str]) -> list[str]:
    size = role.size
    decls = [
        f"font-family: {_stack(role, embedded)}",
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


# Layout that does not come from the style sheet: the title page, run-in headings (a div
# holding the heading and its paragraph, both inline), the table of contents, licences.
_FIXED = """\
.titlepage {{
  margin-top: 25%;
}}
.runin {{
  text-indent: {indent};
  text-align: {align};
  margin: {before} 0 {after} 0;
}}
.runin > h1, .runin > h2, .runin > h3, .runin > h4, .runin > p {{
  display: inline;
}}
nav h2, .licences-title {{
  font-size: 1.25em;
  font-weight: bold;
  text-align: center;
  text-indent: 0;
  margin: 1em 0;
}}
nav ol {{
  list-style-type: none;
  margin: 0;
  padding: 0;
}}
nav ol ol {{
  padding-left: 2em;
}}
nav li {{
  margin: 0.3em 0;
}}
nav a {{
  color: inherit;
  text-decoration: none;
}}
.licences h2 {{
  font-size: 1em;
  font-weight: bold;
  margin: 1.5em 0 0.5em 0;
}}
.licences p {{
  text-indent: 0;
}}
.licences pre {{
  font-family: inherit;
  font-size: 0.75em;
  line-height: 1.4;
  white-space: pre-wrap;
}}"""


def _latin_alias(latin: str) -> list[str]:
    family = _string(_alias_name(latin))
    return [
        _rule(
            "@font-face",
            [
                f"font-family: {family}",
                f"font-weight: {weight}",
                f"src: local({_string(name)})",
                f"unicode-range: {_LATIN_RANGE}",
            ],
        )
        for weight, name in (("normal", latin), ("bold", f"{latin} Bold"))
    ]


def _alias_name(latin: str) -> str:
    return f"{latin} (Latin)"


def _stack(role: RoleStyle, embedded: Sequence[str]) -> str:
    names = [_alias_name(role.latin), *role.fonts, *embedded]
    families = [_string(n) for n in dict.fromkeys(names)]
    generic = role.generic.strip()
    families.append(generic if generic in _GENERIC else _string(generic))
    return ", ".join(families)


def _color(role: RoleStyle) -> list[str]:
    # Black is left to the reader, so its night and sepia modes keep working.
    return [] if role.color.lower() in ("000000", "000") else [f"color: #{role.color}"]


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _num(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _em(x: float) -> str:
    text = _num(x)
    return text if text == "0" else text + "em"


def _rule(selector: str, decls: list[str]) -> str:
    body = "".join(f"  {d};\n" for d in decls)
    return f"{selector} {{\n{body}}}"
