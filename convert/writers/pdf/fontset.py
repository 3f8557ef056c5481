"""Font files for the PDF: loaded once per process, chained for per-character fallback.

reportlab has no glyph fallback: a character its font lacks is drawn as an empty box. So
each role gets a chain (its own face, then the bundle's fallback faces) and every
character is set in the first face of the chain that has it.
"""

from __future__ import annotations

import hashlib
import struct
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFError, TTFont

from ...errors import FontError
from ...fonts import Face, face_for, fallbacks
from ...styles import Style
from . import fontcache


class _TTFont(TTFont):  # type: ignore[misc]
    """reportlab's TTFont with a ToUnicode map that also covers characters beyond U+FFFF.

    reportlab writes each mapping as four hex digits, so 𠮷 (U+20BB7) would be extracted
    as U+20BB. The subset objects are rewritten here once reportlab has made them.
    """

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if all(code <= 0xFFFF for code in subset):
                continue
            name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            stream = doc.idToObject.get("toUnicodeCMap:" + name.decode("pdfdoc"))
            if stream is not None:
                stream.content = to_unicode_cmap(name.decode("pdfdoc"), subset)


def to_unicode_cmap(name: str, subset: list[int]) -> str:
    """A ToUnicode CMap for one single-byte subset; UTF-16 (with surrogates) targets."""
    pairs = [
        f"<{code:02X}> <{chr(u).encode('utf-16-be').hex().upper()}>"
        for code, u in enumerate(subset)
    ]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block may hold at most 100 entries.
    for i in range(0, len(pairs), 100):
        block = pairs[i : i + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


@dataclass(eq=False, slots=True)
class LoadedFont:
    """One font file registered with reportlab, with its metrics at hand."""

    name: str  # the name registered with reportlab
    path: Path
    ttf: Any
    ascent: float  # in em
    descent: float  # in em, negative
    _ink: dict[str, tuple[float, float] | None] = field(default_factory=dict)

    def has(self, ch: str) -> bool:
        return bool(self.ttf.face.charToGlyph.get(ord(ch), 0))

    def advance(self, ch: str) -> float:
        """Advance width in em."""
        face = self.ttf.face
        return float(face.charWidths.get(ord(ch), face.defaultWidth)) / 1000.0

    def ink(self, ch: str) -> tuple[float, float] | None:
        """Left and right edge of the glyph's ink, in em from its origin (None for a
        character without a glyph or a glyph without outlines). Read from the glyph's
        header in the glyf table, which reportlab does not keep."""
        if ch in self._ink:
            return self._ink[ch]
        found: tuple[float, float] | None = None
        face = self.ttf.face
        gid = face.charToGlyph.get(ord(ch), 0)
        try:
            offsets = face.glyphPos
            if gid and offsets[gid + 1] - offsets[gid] >= 10:
                pos, _ = face.get_table_pos("glyf")
                header = face.get_chunk(pos + offsets[gid], 10)
                _, x_min, _, x_max, _ = struct.unpack(">hhhhh", header)
                units = float(face.unitsPerEm)
                found = (x_min / units, x_max / units)
        except (AttributeError, IndexError, KeyError, struct.error):
            found = None  # a font reportlab read differently: treat the mark as solid
        self._ink[ch] = found
        return found


_LOCK = threading.Lock()
_LOADED: dict[tuple[Path, int, int], LoadedFont] = {}


def load(path: Path) -> LoadedFont:
    """The font at `path`, read and registered once per process (and again if it changes)."""
    resolved = path.resolve()
    try:
        stat = resolved.stat()
    except OSError as e:
        raise FontError(f"cannot read font {path}: {e}") from None
    key = (resolved, stat.st_mtime_ns, stat.st_size)
    with _LOCK:
        font = _LOADED.get(key)
        if font is None:
            font = _register(resolved, key)
            _LOADED[key] = font
        return font


def _register(path: Path, key: tuple[Path, int, int]) -> LoadedFont:
    digest = hashlib.sha1(repr(key).encode(), usedforsecurity=False).hexdigest()[:8]
    name = f"docconv-{path.stem}-{digest}"
    try:
        # What reportlab read from this file in an earlier run, or a fresh parse.
        ttf = fontcache.ttfont(_TTFont, name, *key)
    except (TTFError, OSError, ValueError) as e:
        raise FontError(f"cannot use font {path}: {e} (the PDF needs TrueType outlines)") from None
    pdfmetrics.registerFont(ttf)
    face = ttf.face
    return LoadedFont(name, path, ttf, face.ascent / 1000.0, face.descent / 1000.0)


@dataclass(eq=False, slots=True)
class FontChain:
    """A role's face followed by the fallback faces; remembers which face sets each char."""

    fonts: tuple[LoadedFont, ...]
    _pick: dict[str, int] = field(default_factory=dict)

    @property
    def primary(self) -> LoadedFont:
        return self.fonts[0]

    def pick(self, ch: str) -> int:
        """Index of the first face that has `ch`, or -1 when none has it."""
        found = self._pick.get(ch)
        if found is None:
            found = next((i for i, f in enumerate(self.fonts) if f.has(ch)), -1)
            self._pick[ch] = found
        return found


_CHAINS: dict[tuple[Path, ...], FontChain] = {}


def chain_of(faces: list[Face]) -> FontChain:
    """The chain for these faces (shared per process, so its choices are remembered)."""
    fonts: list[LoadedFont] = []
    for face in faces:
        font = load(face.path)
        if all(f is not font for f in fonts):
            fonts.append(font)
    key = tuple(f.path for f in fonts)
    with _LOCK:
        chain = _CHAINS.get(key)
        if chain is None or any(a is not b for a, b in zip(chain.fonts, fonts, strict=True)):
            chain = _CHAINS[key] = FontChain(tuple(fonts))
        return chain


class FontBook:
    """The chains one conversion uses, by role name."""

    def __init__(self, style: Style, overrides: Mapping[str, Path] | None = None) -> None:
        self.style = style
        self.overrides = dict(overrides or {})
        self._fallbacks = fallbacks(style)
        self._chains: dict[str, FontChain] = {}

    def chain(self, role: str) -> FontChain:
        found = self._chains.get(role)
        if found is None:
            face = face_for(self.style, role, self.overrides)
            found = self._chains[role] = chain_of([face, *self._fallbacks])
        return found
