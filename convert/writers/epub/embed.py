"""--embed-fonts: subsets of the bundled faces, exactly the characters each face sets, as WOFF2.

Every role's text goes to the face the style gives that role; characters the face lacks go to
the fallback faces (fonts.toml `fallback`), in order. A subset is a Modified Version under the
OFL, which may not carry a Reserved Font Name ("LXGW", "Source"), so every subset is renamed
"docconv <face>"; the copyright and licence name records stay, and the licence texts go into
the book. Loaded cmaps and finished subsets are cached per process.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from ...fonts import Face, face_for, fallbacks
from ...styles import Style
from ..words import LICENCE_INTRO as LICENCE_INTRO
from ..words import LICENCES

LICENCE_TITLE = LICENCES
FONT_DIR = "fonts"

# Name records that name the font; a renamed subset gets new ones (OFL Reserved Font Names).
_FONT_NAME_IDS = {1, 2, 3, 4, 6, 16, 17, 18, 21, 22, 25}


@dataclass(frozen=True, slots=True)
class FontFile:
    face: Face
    family: str  # the CSS family, also the subset's own family name
    file_name: str  # inside the package folder
    weight: int
    data: bytes


@dataclass(frozen=True, slots=True)
class Embedding:
    files: tuple[FontFile, ...]
    families: Mapping[str, tuple[str, ...]]  # role -> embedded CSS families, best first
    licences: tuple[tuple[str, str], ...]  # (the fonts a licence covers, its text)
    missing: str  # characters no face has

    @property
    def size(self) -> int:
        return sum(len(f.data) for f in self.files)


def embed(usage: Mapping[str, str], style: Style, overrides: Mapping[str, Path]) -> Embedding:
    """Subsets for `usage` (role -> all the text set in that role). The licence page is set in
    the body role, so its own characters are added until the set of faces stops changing."""
    plan = _plan(usage, style, overrides)
    for _ in range(3):
        licences = _licences(plan.faces)
        extra = "".join([LICENCE_TITLE, *LICENCE_INTRO, *(n + t for n, t in licences)])
        grown = dict(usage)
        grown["body"] = grown.get("body", "") + extra
        new = _plan(grown, style, overrides)
        if list(new.faces) == list(plan.faces):
            plan = new
            break
        plan = new
    families = {face: _family(face) for face in plan.faces}
    files = tuple(
        FontFile(
            face,
            families[face],
            f"{FONT_DIR}/{_slug(face)}.woff2",
            _weight(face.path, _stamp(face.path)),
            _subset(face.path, _stamp(face.path), frozenset(chars), families[face]),
        )
        for face, chars in plan.faces.items()
    )
    role_families = {
        role: tuple(families[f] for f in faces if f in families)
        for role, faces in plan.roles.items()
    }
    return Embedding(files, role_families, _licences(plan.faces), plan.missing)


@dataclass(frozen=True, slots=True)
class _Plan:
    faces: dict[Face, set[int]]  # in first-use order
    roles: dict[str, list[Face]]
    missing: str


def _plan(usage: Mapping[str, str], style: Style, overrides: Mapping[str, Path]) -> _Plan:
    faces: dict[Face, set[int]] = {}
    roles: dict[str, list[Face]] = {}
    missing: set[str] = set()
    backups = fallbacks(style)
    for role, text in usage.items():
        todo = {ord(c) for c in text if c >= " "}
        if not todo:
            continue
        chain = [face_for(style, role, overrides)]
        chain += [f for f in backups if f not in chain]
        used: list[Face] = []
        for face in chain:
            have = todo & _cmap(face.path, _stamp(face.path))
            if have or face is chain[0]:
                faces.setdefault(face, set()).update(have)
                used.append(face)
            todo -= have
            if not todo:
                break
        roles[role] = used
        missing.update(chr(c) for c in todo if not chr(c).isspace())
    faces = {f: chars for f, chars in faces.items() if chars}
    return _Plan(faces, roles, "".join(sorted(missing)))


def _licences(faces: Mapping[Face, set[int]]) -> tuple[tuple[str, str], ...]:
    by_file: dict[Path, list[str]] = {}
    for face in faces:
        if face.licence is not None:
            names = by_file.setdefault(face.licence, [])
            if face.family and face.family not in names:
                names.append(face.family)
    return tuple(
        (", ".join(names) or path.stem, path.read_text(encoding="utf-8"))
        for path, names in by_file.items()
    )


def _slug(face: Face) -> str:
    name = face.name.lower()
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        return name
    return "font-" + re.sub(r"[^a-z0-9]+", "-", face.path.stem.lower()).strip("-")


def _family(face: Face) -> str:
    return f"docconv {_slug(face)}"


def _stamp(path: Path) -> tuple[int, int]:
    """What identifies a font file's content for the caches: modification time and size."""
    st = path.stat()
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=32)
def _cmap(path: Path, stamp: tuple[int, int]) -> frozenset[int]:
    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap() or ())
    finally:
        font.close()


@lru_cache(maxsize=32)
def _weight(path: Path, stamp: tuple[int, int]) -> int:
    font = TTFont(path, lazy=True)
    try:
        return int(font["OS/2"].usWeightClass) if "OS/2" in font else 400
    finally:
        font.close()


@lru_cache(maxsize=16)
def _subset(path: Path, stamp: tuple[int, int], chars: frozenset[int], family: str) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # e-readers rasterise at high resolution; hints only cost bytes
    options.name_IDs = ["*"]  # keep copyright (0), trademark (7) and licence (13, 14)
    options.name_languages = [0x0409]  # localised names would repeat the old family name
    options.notdef_outline = True
    font = TTFont(path, lazy=True)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(chars))
        subsetter.subset(font)
        _rename(font, family)
        font.flavor = "woff2"
        buf = io.BytesIO()
        font.save(buf)
        return buf.getvalue()
    finally:
        font.close()


def _rename(font: TTFont, family: str) -> None:
    name = font["name"]
    bold = "OS/2" in font and font["OS/2"].usWeightClass >= 600
    sub = "Bold" if bold else "Regular"
    postscript = re.sub(r"[^A-Za-z0-9]", "", family.title()) + "-" + sub
    name.names = [r for r in name.names if r.nameID not in _FONT_NAME_IDS]
    for name_id, value in (
        (1, family),
        (2, sub),
        (3, f"{postscript};docconv subset"),
        (4, f"{family} {sub}"),
        (6, postscript),
    ):
        name.setName(value, name_id, 3, 1, 0x0409)
