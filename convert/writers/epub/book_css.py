"""The book's CSS: the shared rules from the style sheet (../style_css.py) plus the layout only a
book has (title page, table of contents, licence page)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...styles import Style
from ..style_css import BLOCK_ROLES, FontFace, rules

# Layout that does not come from the style sheet.
_BOOK = """\
.titlepage {
  margin-top: 25%;
}
nav h2, .licences-title {
  font-size: 1.25em;
  font-weight: bold;
  text-align: center;
  text-indent: 0;
  margin: 1em 0;
}
nav ol {
  list-style-type: none;
  margin: 0;
  padding: 0;
}
nav ol ol {
  padding-left: 2em;
}
nav li {
  margin: 0.3em 0;
}
nav a {
  color: inherit;
  text-decoration: none;
}
.licences h2 {
  font-size: 1em;
  font-weight: bold;
  margin: 1.5em 0 0.5em 0;
}
.licences p {
  text-indent: 0;
}
.licences pre {
  font-family: inherit;
  font-size: 0.75em;
  line-height: 1.4;
  white-space: pre-wrap;
}"""


def stylesheet(
    style: Style,
    embedded: Mapping[str, Sequence[str]] | None = None,
    faces: Sequence[FontFace] = (),
) -> str:
    """The book's CSS; `embedded` and `faces` as in `convert.writers.style_css.rules`."""
    return "\n".join([*rules(style, embedded, faces), _BOOK, punctuation(style)]) + "\n"


def punctuation(style: Style) -> str:
    """The sheet's punctuation compression (标点挤压) for readers that implement CSS Text 4's
    text-spacing-trim (Chromium-based ones do): `normal` closes up adjacent marks and
    lets a line-end mark take half an em when it would not fit, as the PDF does;
    `space-all` keeps every mark a whole em. Readers without it ignore the rule."""
    value = "normal" if style.compress_punctuation else "space-all"
    return f"html {{\n  text-spacing-trim: {value};\n}}"


__all__ = ["BLOCK_ROLES", "FontFace", "stylesheet"]
