"""Turning bytes into text: byte-order marks, declared charsets, then detection.

Chinese pages label themselves gb2312 or gbk while using characters only GB18030 has, so
every GB label decodes as GB18030 (its superset). A declaration is trusted only as far as the
bytes agree: valid multi-byte UTF-8 is almost never accidental, so it wins over a wrong label.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from functools import cache
from pathlib import Path

from ..errors import InputError
from ..lazyre import LazyPattern
from ..safetext import strip_controls, warning_text
from ..zh.chars import CJK_PUNCT, FULLWIDTH, HAN_BASIC, HAN_EXT_A, HAN_SUPPLEMENTARY

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@cache
def _aliases() -> dict[str, str]:
    """Encoding label → Python codec, from encodings.toml beside this module."""
    data = tomllib.loads(Path(__file__).with_name("encodings.toml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["aliases"].items()}


_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE | re.DOTALL
)


#: Codecs Python has that no web page is written in: they run escapes or code on the
#: bytes (unicode_escape), refuse every byte (undefined), or are not charsets at all (idna).
#: UTF-7 is refused by browsers (it hides markup from filters).
_NOT_CHARSETS = frozenset(
    "undefined unicode-escape raw-unicode-escape unicode-internal idna punycode utf-7 "
    "mbcs oem palmos".split()
)


def codec_for(label: str) -> str | None:
    """The Python codec for an encoding label, or None if Python does not know it or it is
    not a text encoding (hex, zlib, base64, rot13, uu: bytes-to-bytes or str-to-str codecs
    that `bytes.decode` refuses)."""
    name = label.strip().strip("\"'").lower()
    name = _aliases().get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    try:
        b"a".decode(info.name)  # LookupError for a codec that is not a text encoding
    except LookupError:
        return None
    except ValueError:
        pass  # a text encoding that wants more bytes (utf-32)
    return None if info.name.replace("_", "-") in _NOT_CHARSETS else info.name


def bom(data: bytes) -> tuple[str, int] | None:
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return codec, len(mark)
    return None


def declared_html_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta charset> or http-equiv, from its first 4 kB."""
    m = _META_CHARSET.search(data[:4096])
    return codec_for(m.group(1).decode("ascii", "replace")) if m else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode `data`; return (text, codec used, warnings).

    The text never holds a character no document format can carry (see `strip_controls`);
    bytes that decode in no way become U+FFFD, and every such change is a warning."""
    warnings: list[str] = []
    text, codec = _decode(data, declared, warnings)
    text, removed = strip_controls(text)
    if removed:
        warnings.append(warning_text(removed))
    return text, codec, warnings


def _decode(data: bytes, declared: str | None, warnings: list[str]) -> tuple[str, str]:
    found = bom(data)
    if found:
        codec, skip = found
        return _decode_lossy(data[skip:], codec, warnings), codec
    utf16 = utf16_without_bom(data)
    if utf16:
        return _decode_lossy(data, utf16, warnings), utf16
    text = _decode_cut(data, "utf-8", warnings)
    if text is not None:
        if declared and declared not in ("utf-8", "ascii") and _has_non_ascii(data):
            warnings.append(f"the page declares {declared} but is UTF-8; read as UTF-8")
        return text, "utf-8"
    if _ebcdic(data):
        warnings.append("the file is EBCDIC text (IBM mainframe code page 037); read as such")
        return _decode_lossy(data, "cp037", warnings), "cp037"
    if declared and _single_byte(declared):
        # Any byte is "valid" in a single-byte charset, so its label proves nothing: a server
        # default (iso-8859-1, koi8-r) on a Chinese page is common. Bytes that are whole
        # GB18030 Chinese text are that.
        text = _decode_cut(data, "gb18030", [])
        if text is not None and _chinese(text):
            warnings.append(
                f"the page declares {declared} but its bytes are GB18030; read as GB18030"
            )
            return _decode_cut(data, "gb18030", warnings) or text, "gb18030"
    if declared == "gb18030":
        text = _with_utf8_stretches(data, warnings)
        if text is not None:
            return text, declared
    if declared and declared != "utf-8":
        text = _decode_cut(data, declared, warnings)
        if text is not None:
            return text, declared
        warnings.append(f"the page declares {declared} but is not valid {declared}")
    mixed = _mostly_utf8(data, declared, warnings)
    if mixed is not None:
        return mixed, "utf-8"
    codec = _plausible_utf16(data) or _detect(data)
    if declared == "utf-8" and codec != "utf-8":
        warnings.append(f"the page declares utf-8 but is not; read as {codec}")
    if codec == "gb18030" and declared != "gb18030":
        text = _with_utf8_stretches(data, warnings)
        if text is not None:
            return text, codec
    text = _decode_cut(data, codec, warnings)
    return (text if text is not None else _decode_lossy(data, codec, warnings)), codec


def _decode_lossy(data: bytes, codec: str, warnings: list[str]) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        warnings.append(f"{bad} undecodable byte sequence(s) in {codec} replaced with U+FFFD")
        return text


def _decode_cut(data: bytes, codec: str, warnings: list[str]) -> str | None:
    """`data` in `codec`, or None if it is not valid there. A multi-byte character cut off at
    the very end (a truncated download) still counts: it becomes U+FFFD, with a warning."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        if e.start == 0 or e.end != len(data) or len(data) - e.start > 3:
            return None
        if "end of data" not in e.reason and "incomplete" not in e.reason:
            return None
        try:
            text = data[: e.start].decode(codec)
        except UnicodeDecodeError:
            return None
    warnings.append("the input ends inside a character (cut off?); it was replaced with U+FFFD")
    return text + "\ufffd"


# In text decoded with errors="surrogateescape", every byte that is not UTF-8 is one of
# U+DC80..U+DCFF (which UTF-8 text never holds). A damaged stretch is a run of non-ASCII
# characters holding such bytes; an ASCII byte right after an escaped lead byte can be the
# second byte of a two-byte GBK character, so it belongs to the stretch too. (Only a page
# that is not clean UTF-8 gets here: the costly classes are compiled when first used.)
_ESCAPED = re.compile("[\udc80-\udcff]")
_NON_ASCII_GOOD = re.compile("[^\x00-\x7f\udc80-\udcff]")
# Characters of three or four UTF-8 bytes (U+0800 up): Chinese text in UTF-8 is made of them,
# GB18030 bytes form them only by chance (one byte in fifty); two-byte ones are common there.
_WIDE = LazyPattern("[\u0800-\ud7ff\ue000-\U0010ffff]")
# A run of such characters; the damaged stretches are the runs holding an escaped byte. (One
# pattern for "a run around an escaped byte" backtracks over every run without one: a long
# line with a stray byte elsewhere took minutes.) Each character has one way to match, so
# finding the runs is linear.
_STRETCH = re.compile("(?:[^\x00-\x7f]|(?<=[\udc81-\udcfe])[\x30-\x39\x40-\x7e])+")


def _mostly_utf8(data: bytes, declared: str | None, warnings: list[str]) -> str | None:
    """UTF-8 with some bytes that are not: damage (a bad copy, a lone surrogate written out
    as UTF-8) or a stretch in another encoding (a GBK block pasted into a UTF-8 template).

    It counts as UTF-8 when it holds at least four valid characters of three or four bytes
    and twice as many as bad bytes (GBK text read as UTF-8 shows fifty times as many bad
    bytes as those; a few bytes of it can go either way, so few is not enough).
    Each damaged stretch is then read in the other encoding the page is likely to use
    (its declared one, else GB18030) when it is valid there, and as U+FFFD otherwise."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    wide = len(_WIDE.findall(text))
    if bad == 0 or wide < max(4, 2 * bad):
        return None
    other = declared if declared and declared not in ("utf-8", "ascii", "cp1252") else "gb18030"
    foreign = replaced = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal foreign, replaced
        if _ESCAPED.search(m.group(0)) is None:
            return m.group(0)  # an undamaged run
        raw = m.group(0).encode("utf-8", errors="surrogateescape")
        try:
            good = raw.decode(other)
        except UnicodeDecodeError:
            replaced += 1
            return re.sub("[\udc80-\udcff]+", "\ufffd", m.group(0))
        foreign += 1
        return good

    text = _STRETCH.sub(fix, text)
    if foreign:
        warnings.append(
            f"the page is UTF-8 with {foreign} stretch(es) in {other}; read each in its own"
        )
    if replaced:
        warnings.append(f"{replaced} undecodable byte sequence(s) in utf-8 replaced with U+FFFD")
    return text


# Three or more UTF-8 characters from U+0800 up (ideographs, full-width punctuation) in a row.
_UTF8_CJK = re.compile(rb"(?:[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){3}")
_HIGH_RUN = re.compile(rb"[\x80-\xff]{9,}")
# What such a stretch holds: ideographs, CJK and general punctuation, full-width forms.
_CHINESE_TEXT = LazyPattern(
    f"[\u2000-\u206f{CJK_PUNCT}{HAN_EXT_A}{HAN_BASIC}{FULLWIDTH}{HAN_SUPPLEMENTARY}]+$"
)


def _with_utf8_stretches(data: bytes, warnings: list[str]) -> str | None:
    """GB18030 text holding UTF-8 stretches (a UTF-8 block pasted into a GBK page), each read
    in its own encoding; None when there is no such stretch.

    A stretch is a whole run of non-ASCII bytes that is valid UTF-8 made of three or more
    ideographs or punctuation marks: runs of UTF-8 Chinese text always are, GB18030 text
    by chance about once in a hundred million runs (once in 400,000 without the check on
    what the characters are)."""
    if _UTF8_CJK.search(data) is None:
        return None
    parts: list[str] = []
    last = found = 0
    for m in _HIGH_RUN.finditer(data):
        try:
            text = m.group(0).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(text) < 3 or not _CHINESE_TEXT.match(text):
            continue
        parts += [data[last : m.start()].decode("gb18030", errors="replace"), text]
        last = m.end()
        found += 1
    if not found:
        return None
    parts.append(data[last:].decode("gb18030", errors="replace"))
    result = "".join(parts)
    warnings.append(f"the page is GB18030 with {found} stretch(es) in UTF-8; read each in its own")
    bad = result.count("\ufffd") - sum(p.count("\ufffd") for p in parts[1::2])
    if bad:
        warnings.append(f"{bad} undecodable byte sequence(s) in gb18030 replaced with U+FFFD")
    return result


def _has_non_ascii(data: bytes) -> bool:
    return not data.isascii()


def _single_byte(codec: str) -> bool:
    """A charset of one byte per character (cp1252, koi8-r, iso-8859-5…), where every byte
    sequence decodes."""
    if codec.startswith(("utf", "gb", "big5", "hz", "euc", "shift", "iso2022", "cp9")):
        return False
    high = bytes(range(0x80, 0x100))
    try:
        return len(high.decode(codec, errors="replace")) == len(high)
    except (LookupError, ValueError):
        return False


#: Ideographs and CJK punctuation: what the non-ASCII characters of Chinese text are.
_CJK = LazyPattern(f"[{CJK_PUNCT}{HAN_EXT_A}{HAN_BASIC}{FULLWIDTH}]")


def _chinese(text: str) -> bool:
    """Nine in ten non-ASCII characters of `text` are Chinese, and there are a few of them."""
    other = sum(1 for ch in text if ord(ch) > 0x7F)
    return other >= 4 and len(_CJK.findall(text)) >= 0.9 * other


# EBCDIC: space is 0x40, letters are 0x81-0xA9 and 0xC1-0xE9, digits 0xF0-0xF9.
_EBCDIC_TEXT = frozenset(
    (0x40, 0x4B, 0x6B, 0x7D, 0x25, 0x15, 0x0D, 0x05)  # space . , ' line ends
).union(
    *(range(a, b) for a, b in ((0x81, 0x8A), (0x91, 0x9A), (0xA2, 0xAA))),
    *(range(a, b) for a, b in ((0xC1, 0xCA), (0xD1, 0xDA), (0xE2, 0xEA), (0xF0, 0xFA))),
)


def _ebcdic(data: bytes) -> bool:
    """Text in EBCDIC: hardly an ASCII space or letter, 0x40 (its space) often, and nearly
    every byte one of its letters, digits, spaces or line ends."""
    sample = data[:8192]
    if len(sample) < 32:
        return False
    n = len(sample)
    spaces = sample.count(0x40)
    ascii_letters = sum(1 for b in sample if 0x61 <= b <= 0x7A or b == 0x20)
    ours = sum(1 for b in sample if b in _EBCDIC_TEXT)
    return spaces >= n // 20 and ascii_letters <= n // 50 and ours >= 0.9 * n


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte of its ASCII characters."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 16:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


_HAN_OR_MARK = re.compile(f"[{HAN_BASIC}{CJK_PUNCT}]")


def _plausible_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM or ASCII (pure Chinese): nearly every unit is a CJK character.

    GB18030 bytes read as UTF-16 land on ideographs about a quarter of the time, UTF-8 bytes
    almost never, so a high share is a reliable sign, given enough of it: four GBK characters
    (亙0亙併) can all land there, so it takes sixteen units.
    """
    if len(data) < 32 or len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:8192].decode(codec)
        except UnicodeDecodeError:
            continue
        cjk = len(_HAN_OR_MARK.findall(text))
        if cjk >= 0.85 * len(text):
            return codec
    return None


def _detect(data: bytes) -> str:
    """Best guess for undeclared, non-UTF-8 bytes; Chinese pages are GB18030 unless clearly not
    (a few bad bytes in otherwise valid GB18030 are damage, not another encoding)."""
    text = data.decode("gb18030", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    if bad == 0 or bad * 20 <= len(_NON_ASCII_GOOD.findall(text)):
        return "gb18030"
    from charset_normalizer import from_bytes  # costly import, rarely needed

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        codec = codec_for(best.encoding)
        if codec:
            return codec
    return "gb18030"


def check_not_binary(data: bytes, name: str) -> None:
    """Refuse files that are plainly not text: images, archives, PDFs, Office files."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name or 'input'} is {what}, not a saved web page or text")
    if bom(data) or utf16_without_bom(data) or _plausible_utf16(data):
        return
    # Text in any of the encodings read here has almost no C0 control bytes besides
    # tab, newline, form feed, carriage return and escape.
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    if controls > len(sample) // 20:
        raise InputError(f"{name or 'input'} looks like binary data, not a saved web page or text")


_TEXT_CONTROLS = frozenset((0x09, 0x0A, 0x0C, 0x0D, 0x1B))

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file (docconv reads saved previews, not the original document)"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/EPUB, which docconv writes but does not read)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (DOC/XLS/PPT)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program"),
    (b"RIFF", "a RIFF media file"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)
