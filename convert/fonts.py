"""Font files for writers that embed fonts (PDF, EPUB with --embed-fonts).

A style role names a *face* (`face = "kai"`); a face is a font file. Faces come from, in
order of precedence: `--font ROLE=PATH` (per role), the style sheet's `[faces]` table, and
the bundled faces in fonts/fonts.toml. Characters a face lacks are set in the fallback faces
(fonts.toml `fallback`), in order. Nothing is ever downloaded.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import FontError, shown_value
from .options import check_font_roles
from .resources import data_dir
from .styles import Style


@dataclass(frozen=True, slots=True)
class Face:
    name: str  # face key, e.g. "serif", or "file:<path>" for a user's file
    path: Path
    family: str = ""
    licence: Path | None = None
    serves: str = ""


@dataclass(frozen=True, slots=True)
class Bundle:
    faces: Mapping[str, Face]
    fallback: tuple[str, ...]


@cache
def bundled() -> Bundle:
    """The faces shipped in fonts/ (see fonts/README.md)."""
    folder = data_dir("fonts")
    manifest = folder / "fonts.toml"
    try:
        raw = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise FontError(f"cannot read the bundled font list {manifest}: {e}") from None
    faces = {}
    for name, entry in raw.get("faces", {}).items():
        licence = entry.get("licence")
        faces[name] = Face(
            name=name,
            path=folder / entry["file"],
            family=str(entry.get("family", "")),
            licence=folder / licence if licence else None,
            serves=str(entry.get("serves", "")),
        )
    return Bundle(faces, tuple(raw.get("fallback", ())))


def face_for(style: Style, role: str, overrides: Mapping[str, Path] | None = None) -> Face:
    """The font file that sets `role` in `style`.

    `--font body=X` reaches every role whose face comes from body (salutation, h3, date…),
    not the ones that name a face of their own (the title's bold)."""
    spec = style.role(role)
    if overrides:
        for name in (role, spec.face_from):
            if name in overrides:
                return user_face(overrides[name])
    return face_named(style, spec.face, key=f"roles.{spec.face_from}.face")


def face_named(style: Style | None, name: str, *, key: str = "") -> Face:
    """The face called `name`; `key` is where the sheet names it, for the error."""
    where = f"style sheet {style.source.name}: " if style and style.source else ""
    if style is not None and name in style.faces:
        try:
            return user_face(style.faces[name], name)
        except FontError as e:
            raise FontError(f"{where}faces.{name}: {e}") from None
    faces = bundled().faces
    if name not in faces:
        known = ", ".join(sorted(faces))
        named = f"{key} = {shown_value(name)}" if key else repr(name)
        raise FontError(
            f"{where}{named} is no font face (bundled faces: {known}; or add it under [faces])"
        )
    face = faces[name]
    if not face.path.is_file():
        raise FontError(f"bundled font {face.path} is missing; reinstall docconv")
    return face


def user_face(path: Path, name: str = "") -> Face:
    if not path.exists():
        raise FontError(f"font file {path} does not exist")
    if not path.is_file():
        raise FontError(f"font file {path} is not a regular file (a folder or a device?)")
    if path.suffix.lower() not in (".ttf", ".otf", ".ttc"):
        raise FontError(f"{path} is not a TrueType font file (.ttf)")
    _cmap(path)  # a garbage or truncated file fails here, in one line, not in a writer
    return Face(name=name or f"file:{path}", path=path, family=path.stem)


def fallbacks(style: Style | None = None) -> list[Face]:
    """Faces tried, in order, for characters the role's face lacks."""
    return [face_named(style, name) for name in bundled().fallback]


def parse_font_option(values: list[str]) -> dict[str, Path]:
    """`--font ROLE=PATH` values as {role: path}."""
    out: dict[str, Path] = {}
    for value in values:
        role, sep, path = value.partition("=")
        if not sep or not role.strip() or not path.strip():
            raise FontError(
                f"--font takes ROLE=PATH (e.g. body=/fonts/FangSong.ttf), not {value!r}"
            )
        out[role.strip()] = Path(path.strip()).expanduser()
    check_font_roles(out)
    return out


@dataclass(frozen=True, slots=True)
class Coverage:
    gb2312: float  # share of the 7,445 GB2312 characters the font(s) have
    gbk: float  # share of the 21,886 GBK characters (GB 18030's two-byte area)


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception as e:  # fontTools raises many kinds for a broken file
        raise FontError(f"cannot read font {path}: {e}") from None


@cache
def _repertoires() -> tuple[frozenset[int], frozenset[int]]:
    gb2312: set[int] = set()
    gbk: set[int] = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            raw = bytes((hi, lo))
            try:
                ch = raw.decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(ch) != 1 or "\ue000" <= ch <= "\uf8ff":
                continue  # user-defined areas are nobody's characters
            gbk.add(ord(ch))
            if 0xA1 <= hi <= 0xF7 and 0xA1 <= lo <= 0xFE:
                gb2312.add(ord(ch))
    return frozenset(gb2312), frozenset(gbk)


def coverage(*paths: Path) -> Coverage:
    """How much of GB2312 and GBK the fonts at `paths` cover together."""
    have: set[int] = set()
    for path in paths:
        have |= _cmap(path)
    gb2312, gbk = _repertoires()
    return Coverage(len(gb2312 & have) / len(gb2312), len(gbk & have) / len(gbk))
