"""Page images read by OCR: an optional extra, `pip install 'docconv[ocr]'`.

The engine is RapidOCR on ONNX Runtime (rapidocr-onnxruntime): PaddleOCR's PP-OCRv4 Chinese
detection and recognition models ship inside its wheel, so nothing is downloaded at run time,
and it reads Chinese screen text far better than Tesseract's chi_sim at preview resolutions
(96-150 dpi; see benchmarks/ocr.py). Each recognised line keeps its box, and the boxes go to
the positioned-layout stage (layout.py) like a reader's text layer, which rebuilds lines,
paragraphs, columns and heading hints from them.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from . import layout

INSTALL = "pip install 'docconv[ocr]'"
MIN_SCORE = 0.5  # recognition confidence below which a line is dropped (the engine's own default)
_DATA_URI = re.compile(r"^data:image/[\w.+-]+;base64,(.*)$", re.IGNORECASE | re.DOTALL)

#: Finds a page image's bytes by its address in the page (src, data-src), None when the saved
#: page does not hold it.
Resources = Callable[[str], bytes | None]


class OcrUnavailable(Exception):
    """The OCR extra is not installed."""


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as e:
        raise OcrUnavailable(f"OCR is not installed ({INSTALL})") from e
    # Page images are upright: the angle classifier only costs time.
    return RapidOCR(use_cls=False, print_verbose=False)


def image_bytes(address: str, resources: Resources | None) -> bytes | None:
    """The bytes of the image at `address`: a data: URI, or what `resources` finds."""
    address = address.strip()
    if m := _DATA_URI.match(address):
        try:
            return base64.b64decode(re.sub(r"\s+", "", m.group(1)), validate=True)
        except (binascii.Error, ValueError):
            return None
    if resources is None or not address:
        return None
    return resources(address)


def read_page(data: bytes, page: int) -> list[layout.Piece]:
    """The text lines of one page image, as positioned pieces in image pixels."""
    result, _ = _engine()(data, use_cls=False)
    pieces = []
    for box, text, score in result or ():
        if float(score) < MIN_SCORE or not str(text).strip():
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        if _slanted(box):
            continue  # a diagonal watermark across the page, not a line of the document
        top, left = min(ys), min(xs)
        width, height = max(xs) - left, max(ys) - top
        pieces.append(
            layout.Piece(
                page=page,
                top=top,
                left=left,
                width=width,
                height=height,
                text=str(text),
                size=_type_size(str(text), width, height),
            )
        )
    return pieces


def _type_size(text: str, width: float, height: float) -> float:
    """The type size of a line from its box: the width per character (a Latin letter or digit
    counts half), capped by the box's height. Heights alone vary with the glyphs of a line
    and grow where a watermark crosses it; the advance of Chinese characters does not."""
    ems = sum(0.5 if ch.isascii() else 1.0 for ch in text if not ch.isspace())
    return min(height, width / ems) if ems else height


def _slanted(box: Any) -> bool:
    """The box's top edge rises or falls more than about 6 degrees."""
    (x0, y0), (x1, y1) = box[0], box[1]
    run = abs(float(x1) - float(x0))
    return run == 0 or abs(float(y1) - float(y0)) > 0.1 * run


def read_pages(images: list[bytes]) -> list[layout.Piece]:
    """The lines of every page image, pages numbered from 1; their sizes are estimates
    (build their layout with `stated=False`)."""
    pieces: list[layout.Piece] = []
    for number, data in enumerate(images, 1):
        pieces.extend(read_page(data, number))
    return pieces
