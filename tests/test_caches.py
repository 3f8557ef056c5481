"""docconv's disk caches give the same bytes as no cache: the PDF writer's font metrics
(convert/writers/pdf/fontcache.py) and the DOCX writer's package skeletons."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES


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
    entries = sorted((cache / "fonts").glob("*.marshal"))
    assert len(entries) >= 2  # body face and fallbacks, at least
    cached = pdf(tmp_path, "cached", DOCCONV_CACHE_DIR=str(cache))
    assert plain == filled == cached
    for entry in entries:  # damaged entries are parsed again, and rewritten
        entry.write_bytes(b"\x00not marshal" * 10)
    assert pdf(tmp_path, "damaged", DOCCONV_CACHE_DIR=str(cache)) == plain
    assert all(e.read_bytes()[:1] != b"\x00" for e in entries)


def test_cache_entries_follow_the_font_file(tmp_path: Path) -> None:
    from convert.writers.pdf import fontcache

    font = tmp_path / "face.ttf"
    font.write_bytes(b"x")
    env = os.environ.get("DOCCONV_CACHE_DIR")
    os.environ["DOCCONV_CACHE_DIR"] = str(tmp_path / "c")
    try:
        a = fontcache.entry(font, 1, 100)
        assert a == fontcache.entry(font, 1, 100)
        assert a != fontcache.entry(font, 2, 100)  # modified
        assert a != fontcache.entry(font, 1, 101)  # other size
        os.environ["DOCCONV_CACHE"] = "off"
        assert fontcache.entry(font, 1, 100) is None
    finally:
        os.environ.pop("DOCCONV_CACHE", None)
        if env is None:
            os.environ.pop("DOCCONV_CACHE_DIR", None)
        else:
            os.environ["DOCCONV_CACHE_DIR"] = env


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
    (entry,) = (cache / "docx").glob("skeleton-*.marshal")
    cached = pdf(tmp_path, "cached", "docx", DOCCONV_CACHE_DIR=str(cache))
    assert plain == filled == cached
    entry.write_bytes(b"damaged")
    assert pdf(tmp_path, "damaged", "docx", DOCCONV_CACHE_DIR=str(cache)) == plain


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
