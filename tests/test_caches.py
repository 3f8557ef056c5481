"""docconv's disk caches give the same bytes as no cache: the PDF writer's font metrics
(convert/writers/pdf/fontcache.py) and the DOCX writer's package skeletons; nothing read
from the cache is trusted (convert/cache.py): an entry damaged, edited, swapped or replaced
by something that is not a file is ignored and built again; unused entries are pruned."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FONTS, SAMPLES

from convert import cache as cache_mod
from convert.cache import MAGIC


def pdf(tmp_path: Path, name: str, fmt: str = "pdf", **env: str) -> bytes:
    out = tmp_path / f"{name}.{fmt}"
    argv = [sys.executable, "-m", "convert", str(SAMPLES / "speech.html"), "--to", fmt]
    done = subprocess.run(
        [*argv, "-o", str(out)],
        capture_output=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **env},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def test_cached_metrics_make_the_same_pdf(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plain = pdf(tmp_path, "plain", DOCCONV_CACHE="0")
    assert not cache.exists()
    filled = pdf(tmp_path, "filled", DOCCONV_CACHE_DIR=str(cache))
    entries = sorted((cache / "fonts").glob("*.cache"))
    assert len(entries) >= 2  # body face and fallbacks, at least
    cached = pdf(tmp_path, "cached", DOCCONV_CACHE_DIR=str(cache))
    assert plain == filled == cached
    for entry in entries:  # damaged entries are parsed again, and rewritten
        entry.write_bytes(b"\x00not marshal" * 10)
    assert pdf(tmp_path, "damaged", DOCCONV_CACHE_DIR=str(cache)) == plain
    assert all(e.read_bytes().startswith(MAGIC) for e in entries)


def test_cache_entries_follow_the_font_file(tmp_path: Path) -> None:
    from convert.writers.pdf import fontcache

    font = tmp_path / "face.ttf"
    a = fontcache.entry(font, 1, 100)
    assert a == fontcache.entry(font, 1, 100)
    assert a != fontcache.entry(font, 2, 100)  # modified
    assert a != fontcache.entry(font, 1, 101)  # other size
    assert a != fontcache.entry(tmp_path / "other" / "face.ttf", 1, 100)  # another file


def test_pairs_read_like_the_list_they_replace() -> None:
    from array import array

    from convert.writers.pdf.fontcache import Pairs

    pairs = Pairs(array("i", [500, 1000, 250]), array("i", [0, -12, 30]))
    as_list = [(500, 0), (1000, -12), (250, 30)]
    assert len(pairs) == 3
    assert pairs[1] == (1000, -12) and pairs[-1] == (250, 30)
    assert pairs[1:] == as_list[1:]
    assert list(pairs) == as_list and pairs == as_list


def test_stored_docx_skeletons_make_the_same_docx(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plain = pdf(tmp_path, "plain", "docx", DOCCONV_CACHE="0")
    filled = pdf(tmp_path, "filled", "docx", DOCCONV_CACHE_DIR=str(cache))
    (entry,) = (cache / "docx").glob("skeleton-*.cache")
    cached = pdf(tmp_path, "cached", "docx", DOCCONV_CACHE_DIR=str(cache))
    assert plain == filled == cached
    entry.write_bytes(b"damaged")
    assert pdf(tmp_path, "damaged", "docx", DOCCONV_CACHE_DIR=str(cache)) == plain
    assert entry.read_bytes().startswith(MAGIC)  # built again and stored


def test_file_bytes_slice_like_the_bytes_they_stand_for() -> None:
    import random

    from conftest import FONTS

    from convert.writers.pdf.fontcache import FileBytes

    path = FONTS / "NotoSansSC-Medium.subset.ttf"
    data = path.read_bytes()
    lazy = FileBytes(str(path))
    rng = random.Random(8)
    n = len(data)
    assert len(lazy) == n and bytes(lazy) == data
    for _ in range(500):
        a, b = rng.randint(-n - 9, n + 9), rng.randint(-n - 9, n + 9)
        assert lazy[a:b] == data[a:b] and lazy[a:] == data[a:] and lazy[:b] == data[:b]
        i = rng.randint(-n, n - 1)
        assert lazy[i] == data[i]
    assert lazy[1:9:2] == data[1:9:2]
    for start, length in ((0, 0), (100, 5000), (n - 10, 50), (n + 5, 3), (-4, 10)):
        window, expect = lazy.window(start, length), data[max(start, 0) :][: max(length, 0)]
        assert bytes(window) == expect and len(window) == len(expect)
        k = len(expect)
        for _ in range(50):
            a, b = rng.randint(-k - 3, k + 3), rng.randint(-k - 3, k + 3)
            assert window[a:b] == expect[a:b]


# ----------------------------------------------------------------------------- no trust


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DOCCONV_CACHE_DIR", str(folder))
    monkeypatch.delenv("DOCCONV_CACHE", raising=False)
    return folder


def _flip(path: Path) -> None:
    """One byte of the content changed: the file still unmarshals, to something else."""
    data = bytearray(path.read_bytes())
    data[-40] ^= 0x01
    path.write_bytes(bytes(data))


def _edit(path: Path) -> None:
    """The content replaced by other valid data of the same kind, the hash left as it was
    (what an edit, or an older docconv writing the same name, would leave)."""
    import marshal
    import zlib

    head = len(MAGIC) + 32
    raw = path.read_bytes()
    content = raw[head:]
    try:
        value = marshal.loads(zlib.decompress(content))
        value["style_ids"] = {k: "Evil" for k in value["style_ids"]}
        new = zlib.compress(marshal.dumps(value))
    except zlib.error:
        value = marshal.loads(content)
        value["attrs"]["ascent"] = ("raw", 10_000)
        new = marshal.dumps(value)
    path.write_bytes(raw[:head] + new)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(MAGIC) + 40])


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)  # reading it would wait for ever


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


DAMAGE = [_flip, _edit, _truncate, _fifo, _folder, _empty]


def _stored(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.glob(pattern))


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_a_bad_font_entry_is_ignored_and_rebuilt(cache_dir: Path, damage) -> None:
    """The restored font is what reportlab parses, whatever was done to the entry."""
    from reportlab.pdfbase.ttfonts import TTFont

    from convert.writers.pdf import fontcache

    path = FONTS / "NotoSansSC-Medium.subset.ttf"
    st = path.stat()
    fresh = TTFont("fresh", str(path))
    fontcache.ttfont(TTFont, "first", path, st.st_mtime_ns, st.st_size)
    (entry,) = _stored(cache_dir, "fonts/*.cache")
    damage(entry)
    again = fontcache.ttfont(TTFont, "again", path, st.st_mtime_ns, st.st_size)
    assert again.face.ascent == fresh.face.ascent
    assert again.face.charWidths == fresh.face.charWidths
    assert dict(again.face.charToGlyph) == dict(fresh.face.charToGlyph)
    if damage not in (_fifo, _folder):  # those are left alone, and simply not used
        assert entry.read_bytes().startswith(MAGIC)
        assert cache_mod.load(fontcache.entry(path, st.st_mtime_ns, st.st_size)) is not None


def test_an_entry_copied_over_another_is_refused(cache_dir: Path) -> None:
    """The hash covers the entry's name: a valid entry under another name is not used."""
    cache_mod.save("fonts/a", b"content of a")
    cache_mod.save("fonts/b", b"content of b")
    a, b = cache_dir / "fonts" / "a.cache", cache_dir / "fonts" / "b.cache"
    b.write_bytes(a.read_bytes())
    assert cache_mod.load("fonts/a") == b"content of a"
    assert cache_mod.load("fonts/b") is None


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_a_bad_docx_skeleton_is_ignored_and_rebuilt(cache_dir: Path, damage) -> None:
    import io

    from convert import api, styles
    from convert.writers import docx as docx_writer

    doc = api.read(SAMPLES / "speech.txt")
    sheet = styles.load("gongwen")

    def written() -> bytes:
        docx_writer._SKELETONS.clear()  # as in a new process
        out = io.BytesIO()
        api.write(doc, out, to="docx", style=sheet)
        return out.getvalue()

    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        first = written()
        (entry,) = _stored(cache_dir, "docx/*.cache")
        damage(entry)
        assert written() == first
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    if damage not in (_fifo, _folder):
        assert entry.read_bytes().startswith(MAGIC)


def test_unused_and_old_entries_are_pruned(cache_dir: Path, monkeypatch) -> None:
    import time

    cache_mod.save("docx/old", b"x" * 100)
    cache_mod.save("docx/recent", b"y" * 100)
    cache_mod.save("fonts/used", b"z" * 100)
    legacy = [cache_dir / "regex-cpython-311.marshal", cache_dir / "docx" / "skeleton-1.marshal"]
    for path in legacy:
        path.write_bytes(b"from an older docconv")
    mine = cache_dir / "notes.txt"  # not docconv's: never touched
    mine.write_text("keep")
    now = time.time()
    days = 86400
    os.utime(cache_dir / "docx" / "old.cache", (now, now - 40 * days))
    os.utime(cache_dir / "docx" / "recent.cache", (now, now - 2 * days))
    os.utime(cache_dir / "fonts" / "used.cache", (now, now - 40 * days))
    assert cache_mod.load("fonts/used") == b"z" * 100  # read: marked used today
    cache_mod.save("docx/new", b"n" * 100)  # storing prunes
    left = sorted(p.relative_to(cache_dir).as_posix() for p in cache_dir.rglob("*") if p.is_file())
    assert left == ["docx/new.cache", "docx/recent.cache", "fonts/used.cache", "notes.txt"]
    # Beyond the size limit, the least recently used go first.
    monkeypatch.setattr(cache_mod, "MAX_BYTES", 2 * (len(MAGIC) + 32 + 100) + 1)
    os.utime(cache_dir / "docx" / "recent.cache", (now, now - 3 * days))
    cache_mod.save("fonts/newest", b"m" * 100)
    left = sorted(p.name for p in cache_dir.rglob("*.cache"))
    assert left == ["new.cache", "newest.cache", "used.cache"]


def test_the_cache_folder_is_the_platforms(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("DOCCONV_CACHE_DIR", raising=False)
    monkeypatch.delenv("DOCCONV_CACHE", raising=False)
    assert cache_mod.cache_dir() == Path(platformdirs.user_cache_dir("docconv", appauthor=False))
    monkeypatch.setenv("DOCCONV_CACHE", "0")
    assert cache_mod.cache_dir() is None


# ----------------------------------------------------------------------------- reportlab


def test_reportlab_internals_the_font_cache_relies_on() -> None:
    """Fails loudly when reportlab changes what fontcache restores: a TTFont made from a
    cache entry must have exactly the attributes, face tables and metrics that reportlab's
    own TTFont.__init__ gives. If this fails after a reportlab upgrade, update
    convert/writers/pdf/fontcache.py (and the version pin in pyproject.toml)."""
    import reportlab
    from reportlab.pdfbase.ttfonts import TTFont

    from convert.writers.pdf import fontcache

    major = int(reportlab.Version.split(".")[0])
    assert major == 5, f"fontcache was written against reportlab 5, not {reportlab.Version}"
    path = FONTS / "NotoSerifSC-Bold.subset.ttf"
    fresh = TTFont("same", str(path))
    data = fontcache._dump(fresh)
    assert data is not None, "fontcache can no longer store reportlab's face attributes"
    restored = fontcache._restore(data, TTFont, "same")
    assert restored is not None, "fontcache can no longer restore what it stored"
    assert sorted(vars(restored)) == sorted(vars(fresh)), "TTFont.__init__ sets other attributes"
    for name in ("fontName", "_asciiReadable", "shapable"):
        assert getattr(restored, name) == getattr(fresh, name), name
    assert type(restored.encoding) is type(fresh.encoding)
    face, want = restored.face, fresh.face
    missing = sorted(set(vars(want)) - set(vars(face)) - set(fontcache._LAZY))
    assert not missing, f"TTFontFace has attributes fontcache does not keep: {missing}"
    for name, value in vars(want).items():
        got = getattr(face, name)
        if name == "_ttf_data":
            assert bytes(got) == bytes(value)
        elif callable(value):
            assert got(1234) == value(1234), name
        elif name != "_pos":
            assert fontcache._same(got, value) or list(got) == list(value), name
    # What the PDF needs of a face: a subset made from either is the same font program.
    for font in (fresh, restored):
        font.splitString("中文字体测试ABC", _Doc())
    assert fresh.face.makeSubset([0, 32, 65]) == restored.face.makeSubset([0, 32, 65])


class _Doc:
    """The little of a reportlab document splitString needs (a key for its state)."""
