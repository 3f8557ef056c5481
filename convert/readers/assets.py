"""Where a saved page's images are: the folder a browser saves beside the page ("Save page,
complete" writes name.html and name_files/) or the parts of an MHTML file. Each is a
`Resources` function: an image's address in the page → its bytes, or None."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from .ocr import Resources

MAX_IMAGE = 50 * 1024 * 1024  # bytes: a page image larger than this is not a page image


def folder(page: Path) -> Resources:
    """Images next to the saved page `page`: relative addresses inside its folder, and web
    addresses found by file name in its `<stem>_files` folder. Nothing outside the page's
    folder is read."""
    base = page.parent.resolve()
    files = base / f"{page.stem}_files"

    def find(address: str) -> bytes | None:
        parts = urlsplit(address)
        if parts.scheme in ("http", "https") or address.startswith("//"):
            name = PurePosixPath(unquote(parts.path)).name
            return _read(files / name, base) if name else None
        if parts.scheme:
            return None  # data: is decoded elsewhere; javascript:, blob: hold nothing
        return _read(base / unquote(parts.path), base)

    return find


def _read(path: Path, base: Path) -> bytes | None:
    try:
        real = path.resolve()
        if not real.is_relative_to(base) or not real.is_file():
            return None
        if real.stat().st_size > MAX_IMAGE:
            return None
        return real.read_bytes()
    except (OSError, ValueError):
        return None


def parts(by_location: Mapping[str, bytes], page_url: str) -> Resources:
    """Images among an MHTML file's parts, by Content-Location (or Content-ID as cid:)."""

    def find(address: str) -> bytes | None:
        if address in by_location:
            return by_location[address]
        if page_url:
            return by_location.get(urljoin(page_url, address))
        return None

    return find
