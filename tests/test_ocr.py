"""Image-only previews read by OCR (the optional `docconv[ocr]` extra), on pages rendered here
from known documents (tests/ocrpages.py): watermarked, in a site's shell, the images in the
page's _files folder, as data: URIs or as MHTML parts. benchmarks/ocr.py measures the error
rates; these tests check that each way in works and keeps the document's shape."""

from __future__ import annotations

import base64
from pathlib import Path

import ocrpages
import pytest
from conftest import require_tool

from convert import read
from convert.api import read_detailed
from convert.errors import NoContentError
from convert.model import Heading
from convert.readers import ocr


@pytest.fixture(scope="module")
def two_column(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[bytes]]:
    if not ocr.available():
        pytest.skip("the OCR extra is not installed (pip install 'docconv[ocr]')")
    require_tool("pdftoppm")
    folder = tmp_path_factory.mktemp("two-column")
    images = ocrpages.page_images(ocrpages.two_column_pdf(), 96, folder / "render")
    return folder, images


def test_two_columns_in_reading_order_from_the_files_folder(two_column) -> None:
    folder, images = two_column
    page = ocrpages.saved_page(images, folder)
    reading = read_detailed(page, repair=False)
    doc = reading.document
    assert doc.meta.title == ocrpages.TWO_COLUMN_TITLE
    texts = [b.text for b in doc.blocks]
    assert [t[:5] for t in texts] == [t[:5] for t in ocrpages.TWO_COLUMN_TEXT]
    found = ocrpages.squeeze(doc.meta.title + "".join(texts))
    expected = ocrpages.squeeze(ocrpages.TWO_COLUMN_TITLE + "".join(ocrpages.TWO_COLUMN_TEXT))
    assert ocrpages.cer(found, expected) <= 0.04
    for chrome in (*ocrpages.SHELL_CHROME, "仅供预览", "版权所有"):
        assert chrome not in found
    assert any("read by OCR from 1 page image" in w.text for w in reading.warnings)


def test_data_uris_and_mhtml_parts(two_column, tmp_path: Path) -> None:
    _, images = two_column
    inline = ocrpages.saved_page(images, tmp_path, name="inline", inline=True)
    assert read(inline.read_bytes(), name="inline.html").meta.title == ocrpages.TWO_COLUMN_TITLE
    # The same page as a browser's MHTML: the image is a part, found by its address.
    html = (
        "<html><body><div class='webpreview-item'>"
        "<img src='//view-cache.example.com/p1.png'></div></body></html>"
    )
    mhtml = (
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/html; charset=utf-8\r\n"
        "Content-Location: https://max.example.com/html/1.shtm\r\n\r\n"
        f"{html}\r\n--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        "Content-Location: https://view-cache.example.com/p1.png\r\n\r\n"
        + base64.encodebytes(images[0]).decode("ascii").replace("\n", "\r\n")
        + "\r\n--B--\r\n"
    )
    doc = read(mhtml.encode("ascii"), name="page.mhtml", repair=False)
    assert doc.meta.title == ocrpages.TWO_COLUMN_TITLE
    assert len(doc.blocks) == 4


def test_headings_recovered_at_150_dpi(tmp_path: Path) -> None:
    if not ocr.available():
        pytest.skip("the OCR extra is not installed")
    require_tool("pdftoppm")
    source = ocrpages.notice()
    images = ocrpages.page_images(ocrpages.pdf_of(source), 150, tmp_path / "render")
    doc = read(ocrpages.saved_page(images, tmp_path), repair=False)
    assert doc.meta.title == source.meta.title
    want = [(b.level, b.text) for b in source.blocks if isinstance(b, Heading)]
    assert [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)] == want
    assert all(b.text != "-1-" for b in doc.blocks)  # the page number in the footer


def test_pages_not_in_the_saved_page_are_an_error(tmp_path: Path) -> None:
    page = (
        "<html><body><div class='webpreview-item'><img src='//view-cache.example.com/1.png'>"
        "</div><div class='webpreview-item'><img src='//view-cache.example.com/2.png'></div>"
        "</body></html>"
    )
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    expect = "holds none of them" if ocr.available() else r"needs OCR \(pip install"
    with pytest.raises(NoContentError, match=rf"its 2 pages are images .*{expect}"):
        read(path)


def test_missing_extra_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    page = "<html><body><div class='webpreview-item'><img src='data:image/png;base64,AA=='></div></body></html>"
    with pytest.raises(
        NoContentError, match=r"its page is an image .*pip install 'docconv\[ocr\]'"
    ):
        read(page.encode(), name="p.html")
