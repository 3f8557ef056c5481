"""What docconv reads from a saved page is what a browser shows: the page printed by
Chromium (headless), its text taken back with pdftotext, holds the same characters as the
document docconv reads (the hidden watermarks and off-screen text in neither)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_path
from test_writers_html import chromium

from convert import read

HIDING = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
.wm, #gone {display: none} .off {position: absolute; left: -9999px}
</style></head><body><article>
<p>第一段<span class="wm">百度文库</span>正文，讲的是工作的安排。</p>
<p id="gone">隐藏的段落。</p><p class="off">移出屏幕的文字。</p>
<p class="wm" style="display:block">自己的样式让它显示。</p>
<p><a href="/a">第一项</a><a href="/b">第二项</a></p></article></body></html>"""


def visible_text(page: Path, tmp_path: Path) -> str:
    pdf = tmp_path / (page.stem + ".pdf")
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(), tmp_path=tmp_path)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True)
    if out.returncode != 0:
        pytest.skip("pdftotext is not installed")
    return out.stdout.decode("utf-8")


def chars(text: str) -> Counter[str]:
    return Counter(re.sub(r"\s+", "", text))


@pytest.mark.slow
def test_hidden_text_as_the_browser_hides_it(tmp_path: Path) -> None:
    page = tmp_path / "hiding.html"
    page.write_text(HIDING, encoding="utf-8")
    shown = visible_text(page, tmp_path)
    doc = read(page, repair=False)
    read_text = "".join(b.text for b in doc.blocks)
    assert chars(read_text) == chars(shown)
    assert "百度文库" not in shown and "隐藏" not in shown


@pytest.mark.slow
def test_wenku_watermarks_hidden_as_in_the_browser(tmp_path: Path) -> None:
    page = tmp_path / "wenku-2.html"
    page.write_bytes(shared_path("corpus", "html", "wenku-2.html").read_bytes())
    shown = visible_text(page, tmp_path)
    doc = read(page, repair=False)
    read_text = doc.meta.title + "".join(b.text for b in doc.blocks)
    # The page's first line, 《现代常用独体字规范》, is the title without its book-title marks.
    assert doc.meta.title == "现代常用独体字规范"
    assert chars(read_text) == chars(shown) - Counter("《》")
