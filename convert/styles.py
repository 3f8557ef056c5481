"""Style sheets: one TOML file drives every writer, so DOCX, PDF and EPUB look alike.

A sheet is found by name in the bundled `styles/` folder or given as a path. A sheet may say
`extends = "gongwen"` and change only what it needs. Roles inherit from `body` unless they
name another role in `based_on`. See styles/gongwen.toml for every key.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from .errors import StyleError, shown_value
from .model import Heading
from .resources import data_dir
from .units import PT_PER_MM, font_size, length

Align = Literal["left", "right", "center", "justify"]
_ALIGNS = ("left", "right", "center", "justify")

#: Punctuation compression (标点挤压, W3C clreq): "compress" lets a full-width mark give up
#: the blank half of its em box beside another mark and where a line needs the room (GB/T
#: 9704 documents, and Word's and WPS's Chinese default); "full" keeps every mark a whole em.
Punctuation = Literal["compress", "full"]

ROLE_NAMES = (
    "body",
    "title",
    "subtitle",
    "h1",
    "h2",
    "h3",
    "h4",
    "lead",
    "salutation",
    "closing",
    "signature",
    "date",
    "attachment",
    "note",
    "item",  # an entry of a list (a bullet or its own label: A. 1.)
    "table",  # a table cell
    "table_header",  # a cell of a header row
    "page_number",
)

PAPER_MM = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B5": (176.0, 250.0),
    "Letter": (215.9, 279.4),
}

_ROLE_KEYS = {
    "fonts",
    "latin",
    "generic",
    "face",
    "size",
    "line_height",
    "indent",
    "indent_right",
    "align",
    "bold",
    "italic",
    "space_before",
    "space_after",
    "keep_with_next",
    "color",
    "based_on",
}


@dataclass(frozen=True, slots=True)
class RoleStyle:
    name: str
    fonts: tuple[str, ...]  # family names, best first
    latin: str  # family for Latin letters and digits
    generic: str  # CSS generic family: serif, sans-serif…
    face: str  # bundled face for writers that embed fonts
    size: float  # pt
    line_height: float  # pt when line_exact, else a multiple of single spacing
    line_exact: bool
    indent: float  # first-line indent, in characters of this role's size
    indent_right: float  # in characters
    align: Align
    bold: bool
    italic: bool
    space_before: float  # pt
    space_after: float  # pt
    keep_with_next: bool
    color: str  # RRGGBB
    face_from: str = "body"  # the role whose sheet entry sets this role's face (for --font)

    @property
    def font(self) -> str:
        return self.fonts[0]

    @property
    def leading(self) -> float:
        """Baseline-to-baseline distance in points."""
        return self.line_height if self.line_exact else self.line_height * self.size * 1.3


@dataclass(frozen=True, slots=True)
class PageStyle:
    width: float  # pt
    height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    lines: int  # 0: no grid
    chars: int

    @property
    def text_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def text_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom

    @property
    def char_pitch(self) -> float | None:
        """Advance of one character on the grid, or None without a character grid."""
        return self.text_width / self.chars if self.chars else None


@dataclass(frozen=True, slots=True)
class PageNumberStyle:
    format: str  # "{n}" is replaced by the page number
    role: str
    gap: float  # pt from the text block's bottom to the number's top
    position: Literal["outside", "center", "right", "left"]
    indent: float  # characters in from the text block's edge


@dataclass(frozen=True, slots=True)
class HeadingStyle:
    font_by: Literal["kind", "level"]
    runin: Literal["inline", "block"]
    kinds: Mapping[str, str]  # label kind -> role name


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    description: str
    page: PageStyle
    page_number: PageNumberStyle
    headings: HeadingStyle
    roles: Mapping[str, RoleStyle]
    faces: Mapping[str, Path] = field(default_factory=dict)  # face -> the sheet's own font file
    source: Path | None = None
    punctuation: Punctuation = "compress"

    @property
    def compress_punctuation(self) -> bool:
        return self.punctuation == "compress"

    def role(self, name: str) -> RoleStyle:
        try:
            return self.roles[name]
        except KeyError:
            raise StyleError(f"style {self.name!r} has no role {name!r}") from None

    def heading_role_name(self, heading: Heading) -> str:
        """The role whose look a heading takes: by its label's kind or by its level."""
        if self.headings.font_by == "kind" and heading.kind in self.headings.kinds:
            return self.headings.kinds[heading.kind]
        return f"h{heading.level}"

    def heading_role(self, heading: Heading) -> RoleStyle:
        return self.role(self.heading_role_name(heading))


def available() -> list[str]:
    """Names of the bundled style sheets."""
    return sorted(p.stem for p in data_dir("styles").glob("*.toml"))


def load(name_or_path: str | Path = "gongwen") -> Style:
    """Load a bundled sheet by name, or a sheet file by path."""
    path = _locate(name_or_path)
    raw = _read_with_extends(path, seen=())
    return _build(raw, path)


def _locate(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    candidate = Path(text)
    if candidate.suffix == ".toml" or "/" in text or "\\" in text:
        if not candidate.is_file():
            raise StyleError(f"style sheet {text} does not exist")
        return candidate
    bundled = data_dir("styles") / f"{text}.toml"
    if bundled.is_file():
        return bundled
    names = ", ".join(available()) or "none found"
    raise StyleError(f"unknown style {text!r} (bundled styles: {names}; or give a .toml path)")


def _read_with_extends(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    if path.resolve() in seen:
        raise StyleError(f"style sheet {path} extends itself")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise StyleError(f"cannot read style sheet {path}: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise StyleError(f"style sheet {path} is not valid TOML: {e}") from None
    base_name = raw.pop("extends", None)
    if base_name is None:
        return raw
    base_name = str(base_name)
    # A path is relative to the sheet that names it; a bare name is a bundled sheet.
    is_path = base_name.endswith(".toml") or "/" in base_name
    base_path = _locate(path.parent / base_name if is_path else base_name)
    base = _read_with_extends(base_path, (*seen, path.resolve()))
    return _merge(base, raw)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _build(raw: dict[str, Any], path: Path) -> Style:
    where = f"style sheet {path.name}"
    unknown = set(raw) - {
        "name",
        "description",
        "page",
        "page_number",
        "headings",
        "roles",
        "faces",
        "punctuation",
    }
    if unknown:
        raise StyleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    _check_types(raw, where)
    roles_raw = raw.get("roles", {})
    if "body" not in roles_raw:
        raise StyleError(f"{where}: [roles.body] is required")
    bad_roles = set(roles_raw) - set(ROLE_NAMES)
    if bad_roles:
        raise StyleError(
            f"{where}: unknown role(s) {', '.join(sorted(bad_roles))}; roles are "
            + ", ".join(ROLE_NAMES)
        )
    roles = {name: _role(name, roles_raw, where) for name in ROLE_NAMES}
    headings = raw.get("headings", {})
    kinds = headings.get("kinds", {})
    for kind, role in kinds.items():
        if role not in roles:
            raise StyleError(f"{where}: [headings.kinds] {kind} names unknown role {role!r}")
    style = Style(
        name=str(raw.get("name", path.stem)),
        description=str(raw.get("description", "")),
        page=_page(raw.get("page", {}), where),
        page_number=_page_number(raw.get("page_number", {}), roles, where),
        headings=HeadingStyle(
            font_by=_choice(headings, "font_by", "level", ("kind", "level"), where, "headings."),
            runin=_choice(headings, "runin", "inline", ("inline", "block"), where, "headings."),
            kinds=MappingProxyType(dict(kinds)),
        ),
        roles=MappingProxyType(roles),
        # Font files a sheet names are relative to the sheet itself.
        faces=MappingProxyType(
            {k: (path.parent / str(v)) for k, v in raw.get("faces", {}).items()}
        ),
        source=path,
        punctuation=_choice(raw, "punctuation", "compress", ("compress", "full"), where),
    )
    _check_values(style, where)
    return style


def _role_raw(
    name: str, roles_raw: dict[str, Any], where: str, chain: tuple[str, ...]
) -> dict[str, Any]:
    if name in chain:
        raise StyleError(f"{where}: roles {' → '.join((*chain, name))} inherit in a circle")
    own = dict(roles_raw.get(name, {}))
    unknown = set(own) - _ROLE_KEYS
    if unknown:
        raise StyleError(f"{where}: [roles.{name}] unknown key(s) {', '.join(sorted(unknown))}")
    if name == "body":
        return own
    base_name = own.pop("based_on", "body")
    if base_name not in ROLE_NAMES:
        raise StyleError(f"{where}: [roles.{name}] based_on unknown role {base_name!r}")
    return {**_role_raw(base_name, roles_raw, where, (*chain, name)), **own}


def _role(name: str, roles_raw: dict[str, Any], where: str) -> RoleStyle:
    r = _role_raw(name, roles_raw, where, ())
    fonts = r.get("fonts", ["SimSun"])
    fonts = (fonts,) if isinstance(fonts, str) else tuple(str(f) for f in fonts)
    if not fonts:
        raise StyleError(f"{where}: [roles.{name}] fonts is empty")
    size = font_size(r.get("size", 12))
    lh = r.get("line_height", 1.0)
    exact = isinstance(lh, str)
    return RoleStyle(
        name=name,
        fonts=fonts,
        latin=str(r.get("latin", "Times New Roman")),
        generic=str(r.get("generic", "serif")),
        face=str(r.get("face", "serif")),
        size=size,
        line_height=length(lh) if exact else float(lh),
        line_exact=exact,
        indent=_chars(r.get("indent", 0), size, where),
        indent_right=_chars(r.get("indent_right", 0), size, where),
        align=_choice(r, "align", "justify", _ALIGNS, where, f"roles.{name}."),
        bold=bool(r.get("bold", False)),
        italic=bool(r.get("italic", False)),
        space_before=length(r.get("space_before", 0)),
        space_after=length(r.get("space_after", 0)),
        keep_with_next=bool(r.get("keep_with_next", False)),
        color=_color(r.get("color", "000000"), name, where),
        face_from=_face_origin(name, roles_raw),
    )


def _color(value: Any, role: str, where: str) -> str:
    """RRGGBB; anything else would reach CSS and DOCX as raw text."""
    text = str(value).lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", text):
        raise StyleError(f"{where}: [roles.{role}] color must be RRGGBB, not {value!r}")
    return text.upper()


def _face_origin(name: str, roles_raw: dict[str, Any]) -> str:
    """The nearest role, along `based_on`, that sets `face` itself (body at the latest)."""
    seen: set[str] = set()
    while name != "body" and name not in seen:
        seen.add(name)
        own = roles_raw.get(name, {})
        if "face" in own:
            return name
        name = str(own.get("based_on", "body"))
    return "body"


def _chars(value: Any, size: float, where: str) -> float:
    """An indent in characters: 2, "2em", "2字", or a length divided by the font size."""
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    for unit in ("em", "字", "ch"):
        if text.endswith(unit):
            try:
                return float(text[: -len(unit)])
            except ValueError:
                break
    return length(text) / size


def _page(p: dict[str, Any], where: str) -> PageStyle:
    size = p.get("size", "A4")
    if size not in PAPER_MM:
        raise StyleError(
            f"{where}: page.size = {shown_value(size)} is no paper size ({', '.join(PAPER_MM)})"
        )
    w, h = PAPER_MM[size]
    return PageStyle(
        width=length(p.get("width", f"{w}mm")),
        height=length(p.get("height", f"{h}mm")),
        margin_top=length(p.get("margin_top", "25mm")),
        margin_bottom=length(p.get("margin_bottom", "25mm")),
        margin_left=length(p.get("margin_left", "25mm")),
        margin_right=length(p.get("margin_right", "25mm")),
        lines=int(p.get("lines", 0)),
        chars=int(p.get("chars", 0)),
    )


def _page_number(p: dict[str, Any], roles: dict[str, RoleStyle], where: str) -> PageNumberStyle:
    fmt = str(p.get("format", "{n}"))
    if "{n}" not in fmt:
        raise StyleError(f"{where}: [page_number] format must contain {{n}}")
    role = str(p.get("role", "page_number"))
    if role not in roles:
        raise StyleError(f"{where}: [page_number] role {role!r} is not a role")
    return PageNumberStyle(
        format=fmt,
        role=role,
        gap=length(p.get("gap", "7mm")),
        position=_choice(
            p, "position", "center", ("outside", "center", "right", "left"), where, "page_number."
        ),
        indent=_chars(p.get("indent", 0), roles[role].size, where),
    )


def _choice(
    table: dict[str, Any],
    key: str,
    default: str,
    allowed: tuple[str, ...],
    where: str,
    at: str = "",
) -> Any:
    """table[key] (or `default`), one of `allowed`; `at` is the table's place in the sheet."""
    value = table.get(key, default)
    if value not in allowed:
        raise StyleError(
            f"{where}: {at}{key} = {shown_value(value)} is not one of {', '.join(allowed)}"
        )
    return value


# -- validation: types before anything is built, numbers once they are -----------------------

_NUMBER = (int, float)
_LENGTH_T = (int, float, str)  # a number of points, or "16pt", "37mm"…
#: The type each key of a sheet must have (a tuple of types, or a nested table).
_SHEET_TYPES: dict[str, Any] = {
    "name": (str,),
    "description": (str,),
    "page": {
        "size": (str,),
        "width": _LENGTH_T,
        "height": _LENGTH_T,
        "margin_top": _LENGTH_T,
        "margin_bottom": _LENGTH_T,
        "margin_left": _LENGTH_T,
        "margin_right": _LENGTH_T,
        "lines": (int,),
        "chars": (int,),
    },
    "page_number": {
        "format": (str,),
        "role": (str,),
        "gap": _LENGTH_T,
        "position": (str,),
        "indent": _LENGTH_T,
    },
    "headings": {"font_by": (str,), "runin": (str,), "kinds": "table of str"},
    "faces": "table of str",
    "roles": "table of roles",
}
_ROLE_TYPES: dict[str, tuple[type, ...]] = {
    "fonts": (str, list),
    "latin": (str,),
    "generic": (str,),
    "face": (str,),
    "size": _LENGTH_T,
    "line_height": _LENGTH_T,
    "indent": _LENGTH_T,
    "indent_right": _LENGTH_T,
    "align": (str,),
    "bold": (bool,),
    "italic": (bool,),
    "space_before": _LENGTH_T,
    "space_after": _LENGTH_T,
    "keep_with_next": (bool,),
    "color": (str,),
    "based_on": (str,),
}
_TYPE_NAMES = {
    str: "a string",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _check_types(raw: dict[str, Any], where: str) -> None:
    """Each known key has a value of its type (unknown keys are reported by `_build`)."""
    for key, want in _SHEET_TYPES.items():
        if key not in raw:
            continue
        value = raw[key]
        if isinstance(want, tuple):
            _want(value, want, where, key)
        elif not isinstance(value, dict):
            raise StyleError(f"{where}: {key} must be a table, not {shown_value(value)}")
        elif isinstance(want, dict):
            for sub, types in want.items():
                if sub in value:
                    if types == "table of str":
                        _table_of_str(value[sub], where, f"{key}.{sub}")
                    else:
                        _want(value[sub], types, where, f"{key}.{sub}")
        elif want == "table of str":
            _table_of_str(value, where, key)
        else:  # the roles
            for role, table in value.items():
                if not isinstance(table, dict):
                    raise StyleError(
                        f"{where}: roles.{role} must be a table, not {shown_value(table)}"
                    )
                for sub, types in _ROLE_TYPES.items():
                    if sub in table:
                        _want(table[sub], types, where, f"roles.{role}.{sub}")
                fonts = table.get("fonts")
                if isinstance(fonts, list) and not all(isinstance(f, str) for f in fonts):
                    raise StyleError(f"{where}: roles.{role}.fonts must be a list of names")


def _want(value: Any, types: tuple[type, ...], where: str, key: str) -> None:
    # TOML's true is no number, and a whole number is a fine float.
    ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
    if not ok:
        wanted = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types)
        raise StyleError(f"{where}: {key} must be {wanted}, not {shown_value(value)}")
    if types is _LENGTH_T and isinstance(value, str):
        try:
            if key.endswith("indent") or key.endswith("indent_right"):
                _chars(value, 12.0, where)
            elif key.endswith(".size"):
                font_size(value)
            else:
                length(value)
        except StyleError:
            raise StyleError(
                f"{where}: {key} = {value!r} is not a length (e.g. 16pt, 37mm, 三号, 2em)"
            ) from None


def _table_of_str(value: Any, where: str, key: str) -> None:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise StyleError(f'{where}: {key} must be a table of name = "text"')


#: What a sheet may ask for; beyond it no writer gives a usable page.
MAX_FONT_PT = 1000.0
MAX_PAGE_MM = 5000.0
MAX_LINE_MULTIPLE = 10.0
MAX_GRID = 1000


def _check_values(style: Style, where: str) -> None:
    """Numbers a page can be set with (finite, positive sizes, margins that leave room) and
    font names a writer can quote (no control characters): the roles' own sizes first, then
    the page, then what must fit in it."""

    def bad(key: str, value: float, why: str) -> StyleError:
        return StyleError(f"{where}: {key} = {value:g} {why}")

    page = style.page
    limit = MAX_PAGE_MM * PT_PER_MM
    for role in style.roles.values():
        key = f"roles.{role.name}"
        for sub, names in (
            ("fonts", role.fonts),
            ("latin", (role.latin,)),
            ("generic", (role.generic,)),
        ):
            if any(_CONTROL.search(n) or not n.strip() for n in names):
                raise StyleError(f"{where}: {key}.{sub} holds an empty name or a control character")
        if not (math.isfinite(role.size) and 0 < role.size <= MAX_FONT_PT):
            raise bad(
                f"{key}.size", role.size, f"is not a type size (above 0, up to {MAX_FONT_PT:g} pt)"
            )
        top = MAX_FONT_PT * 3 if role.line_exact else MAX_LINE_MULTIPLE
        if not (math.isfinite(role.line_height) and 0 < role.line_height <= top):
            unit = "pt" if role.line_exact else f"lines (above 0, up to {top:g})"
            raise bad(f"{key}.line_height", role.line_height, f"is not a line height in {unit}")
    for key in ("width", "height"):
        value = getattr(page, key)
        if not (math.isfinite(value) and 0 < value <= limit):
            raise bad(f"page.{key}", value, f"pt is not a paper size (0 to {MAX_PAGE_MM:g} mm)")
    for key in ("margin_top", "margin_bottom", "margin_left", "margin_right"):
        value = getattr(page, key)
        if not (math.isfinite(value) and 0 <= value <= limit):
            raise bad(f"page.{key}", value, "pt must be a length of 0 or more")
    body = style.roles["body"].size
    if page.text_width < body or page.text_height < body * 1.3:
        raise StyleError(
            f"{where}: the page margins leave no room for text "
            f"({page.text_width / PT_PER_MM:.0f} × {page.text_height / PT_PER_MM:.0f} mm)"
        )
    for key in ("lines", "chars"):
        value = getattr(page, key)
        if not 0 <= value <= MAX_GRID:
            raise StyleError(f"{where}: page.{key} = {value} must be 0 to {MAX_GRID}")
    if not (math.isfinite(style.page_number.gap) and 0 <= style.page_number.gap <= limit):
        raise bad("page_number.gap", style.page_number.gap, "pt is not a usable gap")
    for role in style.roles.values():
        key = f"roles.{role.name}"
        for sub in ("indent", "indent_right"):
            value = getattr(role, sub)
            if not (math.isfinite(value) and abs(value) * role.size <= page.text_width):
                raise bad(f"{key}.{sub}", value, "characters do not fit in the text width")
        for sub in ("space_before", "space_after"):
            value = getattr(role, sub)
            if not (math.isfinite(value) and 0 <= value <= page.text_height):
                raise bad(f"{key}.{sub}", value, "pt must be 0 up to the text height")


__all__ = ["PT_PER_MM", "HeadingStyle", "PageStyle", "RoleStyle", "Style", "available", "load"]
