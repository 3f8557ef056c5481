"""reportlab's reading of a TrueType file, kept on disk between runs. One function is the
interface: `ttfont(cls, name, path, mtime_ns, size)` is `cls(name, path)`, from the cache
when it can be.

reportlab parses a font's tables (cmap, hmtx, loca) in Python: 40 ms for each of the bundled
CJK faces, about 150 ms of a cold PDF conversion. What it learns depends only on the file,
so it is stored once (marshal: plain data, nothing that runs) and read back in a few
milliseconds; of the font file itself, only what a subset needs is read (FileBytes).

This relies on how reportlab (5.x) lays out a TTFont and its face (their attributes, which
TTFont.__init__ sets); pyproject.toml pins reportlab below 6, and tests/test_caches.py fails
loudly when a restored font is not what reportlab itself makes. At run time, a font whose
shape differs from the stored one is parsed instead.

An entry is named after the font's path, size and modification time, reportlab's version and
this module's format, so a changed font or library means a fresh parse; convert/cache.py
checks every entry against its hash and prunes unused ones. A missing, damaged or
unwritable cache only costs the parse (DOCCONV_CACHE=0 turns it off).
"""

from __future__ import annotations

import marshal
import os
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any, overload

import reportlab
from reportlab.pdfbase import ttfonts

from ... import cache

FORMAT = 3

# Big face tables are kept as arrays (fast to store and to read back); the rest as they are.
_NAMES = "TTFNameBytes"
_LAZY = ("_ttf_data", "_pdfScale", "glyphToChar")  # rebuilt on first use


def ttfont(cls: Any, name: str, path: Path, mtime_ns: int, size: int) -> Any:
    """`cls(name, str(path))` (reportlab's TTFont or a subclass): restored from what an
    earlier run stored for this file, else parsed by reportlab (raising what it raises)
    and stored for later runs."""
    key = entry(path, mtime_ns, size)
    font = _restore(cache.load(key), cls, name)
    if font is None:
        font = cls(name, str(path))
        data = _dump(font)
        if data is not None:
            cache.save(key, data)
    return font


def entry(path: Path, mtime_ns: int, size: int) -> str:
    """The cache entry's name for this state of the font file."""
    ident = (str(path), mtime_ns, size, reportlab.Version, FORMAT, sys.version_info[:2])
    return f"fonts/{path.stem[:40]}-{cache.digest(*ident)}"


class CachedFace(ttfonts.TTFontFace):  # type: ignore[misc]
    """A TTFontFace restored from the cache; what it did not keep is rebuilt when asked."""

    def __getattr__(self, name: str) -> Any:  # only for attributes not set
        d = self.__dict__
        if name == "_ttf_data" and "filename" in d:
            d["_ttf_data"] = FileBytes(d["filename"])
        elif name == "_pdfScale" and "unitsPerEm" in d:
            units = d["unitsPerEm"]
            mult = 1000 / units
            d["_pdfScale"] = (lambda x: x) if units == 1000 else (lambda x: x * mult)
        elif name == "glyphToChar" and "_glyph_to_char" in d:
            glyphs, chars, lengths = d.pop("_glyph_to_char")
            table: dict[int, list[int]] = {}
            at = 0
            for glyph, n in zip(glyphs, lengths, strict=True):
                table[glyph] = list(chars[at : at + n])
                at += n
            d["glyphToChar"] = table
        else:
            raise AttributeError(name)
        return d[name]

    def get_table(self, tag: str) -> Any:
        """A table's bytes; the glyph table (most of a CJK font) as a window on the file,
        of which a subset slices out only the glyphs it holds. A process that makes a
        second subset (a batch) reads the table once and keeps it."""
        data = self._ttf_data
        if tag == "glyf" and isinstance(data, FileBytes):
            d = self.__dict__
            kept = d.get("_glyf")
            if kept is not None:
                return kept
            pos, length = self.get_table_pos(tag)
            window = data.window(pos, length)
            if not d.get("_glyf_used"):
                d["_glyf_used"] = True
                return window
            d["_glyf"] = bytes(window)
            return d["_glyf"]
        return super().get_table(tag)


class Pairs(Sequence[tuple[int, int]]):
    """hmetrics, (advance, left side bearing) per glyph, read from two arrays when indexed
    (a subset needs a few hundred of the 30,000 a CJK font has)."""

    def __init__(self, a: array[int], b: array[int]) -> None:
        self._a, self._b = a, b

    def __len__(self) -> int:
        return len(self._a)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(i, slice):
            return list(zip(self._a[i], self._b[i], strict=True))
        return (self._a[i], self._b[i])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def _pack(values: list[Any]) -> tuple[str, bytes] | None:
    """Whole numbers (or floats) as the smallest array that holds them all."""
    if all(type(v) is int for v in values):
        for code in ("i", "q"):
            try:
                return code, array(code, values).tobytes()
            except OverflowError:
                continue
        return None
    if all(type(v) is float for v in values):
        return "d", array("d", values).tobytes()
    return None


def _unpack(code: str, data: bytes) -> array[Any]:
    out = array(code)
    out.frombytes(data)
    return out


class FileBytes:
    """A font file's bytes, read as reportlab slices them. A subset needs a few small
    tables and the glyph table, not the whole file, and slicing a 15 MB bytes object
    copies what is sliced: read that way, a CJK face costs a third of the time."""

    def __init__(self, path: str, *, within: tuple[Any, int, int] | None = None) -> None:
        if within is None:
            self._file = open(path, "rb")  # noqa: SIM115 - open as long as the face is used
            self._start, self._size = 0, os.fstat(self._file.fileno()).st_size
        else:  # a window on another FileBytes' file: (its file, start, size)
            self._file, self._start, self._size = within

    def window(self, start: int, length: int) -> FileBytes:
        """The bytes [start:start + length], read as they are sliced (like slicing, a
        window past the end is shorter)."""
        start = min(max(start, 0), self._size)
        length = max(0, min(length, self._size - start))
        return FileBytes("", within=(self._file, self._start + start, length))

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> bytes: ...

    def __getitem__(self, i: int | slice) -> int | bytes:
        if isinstance(i, slice):
            start, stop, step = i.indices(self._size)
            if step != 1:
                return bytes(self)[i]
            return self._read(start, max(0, stop - start))
        at = i + self._size if i < 0 else i
        if not 0 <= at < self._size:
            raise IndexError("index out of range")
        return self._read(at, 1)[0]

    def __bytes__(self) -> bytes:
        return self._read(0, self._size)

    def _read(self, start: int, length: int) -> bytes:
        chunks = []
        fd = self._file.fileno()
        start += self._start
        while length > 0:
            chunk = os.pread(fd, length, start)
            if not chunk:
                break
            chunks.append(chunk)
            start += len(chunk)
            length -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _encode(value: Any) -> Any:
    """A marshal-friendly, compact form of one attribute (tagged)."""
    if isinstance(value, ttfonts.TTFNameBytes):
        return (_NAMES, value.ustr)
    if isinstance(value, dict) and value and all(type(k) is int for k in value):
        keys, values = _pack(list(value)), _pack(list(value.values()))
        if keys is not None and values is not None:
            return ("dict", *keys, *values)
    if isinstance(value, list) and value and all(type(v) is tuple for v in value):
        columns = list(zip(*value, strict=True))
        if len(columns) == 2:
            a, b = _pack(list(columns[0])), _pack(list(columns[1]))
            if a is not None and b is not None and a[0] != "d" and b[0] != "d":
                return ("pairs", *a, *b)
    if isinstance(value, list) and len(value) > 64:
        packed = _pack(value)
        if packed is not None and packed[0] != "d":
            return ("array", *packed)
    return ("raw", value)


def _decode(value: Any) -> Any:
    tag = value[0]
    if tag == _NAMES:
        return ttfonts.TTFNameBytes(value[1].encode("utf-8"))
    if tag == "dict":
        return dict(zip(_unpack(value[1], value[2]), _unpack(value[3], value[4]), strict=True))
    if tag == "pairs":  # read only by index (hmetrics)
        return Pairs(_unpack(value[1], value[2]), _unpack(value[3], value[4]))
    if tag == "array":  # read only by index (glyphPos)
        return _unpack(value[1], value[2])
    return value[1]


def _same(decoded: Any, original: Any) -> bool:
    if isinstance(decoded, array | Pairs):
        return list(decoded) == list(original)
    return bool(type(decoded) is type(original) and decoded == original)


def _dump(font: Any) -> bytes | None:
    """What reportlab read from the font, as an entry's content; None if this module does
    not know how to keep it (then the font is simply parsed each run)."""
    try:
        face = font.face
        attrs = {k: v for k, v in vars(face).items() if k not in _LAZY and k != "_pos"}
        encoded = {k: _encode(v) for k, v in attrs.items()}
        if not all(_same(_decode(e), attrs[k]) for k, e in encoded.items()):
            return None  # something this module does not know how to keep
        g2c = face.glyphToChar
        glyphs = array("l", g2c.keys())
        chars = array("l", (c for cs in g2c.values() for c in cs))
        lengths = array("l", (len(cs) for cs in g2c.values()))
        data = marshal.dumps(
            {
                "format": FORMAT,
                "font_keys": sorted(vars(font)),
                "attrs": encoded,
                "glyph_to_char": (glyphs.tobytes(), chars.tobytes(), lengths.tobytes()),
            }
        )
    except (ValueError, TypeError, OverflowError):
        return None
    return data


def _restore(content: bytes | None, cls: Any, name: str) -> Any:
    """The TTFont (of class `cls`) an entry's content describes, or None (no entry, or one
    this code cannot use)."""
    if content is None:
        return None
    try:
        data = marshal.loads(content)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        face = CachedFace.__new__(CachedFace)
        face.__dict__.update({k: _decode(v) for k, v in data["attrs"].items()})
        glyphs, chars, lengths = (array("l"), array("l"), array("l"))
        for arr, raw in zip((glyphs, chars, lengths), data["glyph_to_char"], strict=True):
            arr.frombytes(raw)
        face.__dict__["_glyph_to_char"] = (glyphs.tolist(), chars.tolist(), lengths.tolist())
        face.__dict__["_pos"] = 0
        font = font_from_face(cls, name, face)
        if sorted(vars(font)) != data["font_keys"]:
            return None  # reportlab's TTFont has changed shape: parse the file instead
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError, AttributeError):
        return None
    return font


def font_from_face(cls: Any, name: str, face: Any) -> Any:
    """A TTFont (of class `cls`) around a ready face: what TTFont.__init__ sets up."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    font = cls.__new__(cls)
    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = ttfonts.rl_config.ttfAsciiReadable
    globs = getattr(ttfonts, "unShapedFontGlob", ())
    font.shapable = not any(fnmatch(name, g) for g in globs)
    return font
