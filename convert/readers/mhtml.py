"""MHTML (.mhtml/.mht): a browser's saved page, a MIME message whose HTML part holds the page."""

from __future__ import annotations

import binascii
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import InputError
from . import html, text
from .base import Reader, Source

if TYPE_CHECKING:
    from email.message import Message


def looks_like_mhtml(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"mime-version:" in head and (b"multipart/related" in head or b"text/html" in head)


def read(data: bytes, *, name: str = "") -> Source:
    import email  # only for MHTML input: the email package costs 10 ms to import
    import email.policy

    try:
        # The email package parses and walks nested parts by recursion.
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        part = _first_part(msg, "text/html") or _first_part(msg, "text/plain")
    except RecursionError:
        raise InputError(f"{name or 'input'}: MIME parts nested too deep to read") from None
    if part is None:
        raise InputError(f"{name or 'input'} is a MIME message without an HTML or text part")
    warnings: list[str] = []
    payload = _payload(part, warnings)
    if not payload:
        raise InputError(f"{name or 'input'}: the page part of the MHTML file is empty")
    charset = part.get_content_charset()
    from .encoding import codec_for

    declared = codec_for(charset) if charset else None
    url = str(part.get("Content-Location") or msg.get("Snapshot-Content-Location") or "")
    if part.get_content_type() == "text/html":
        from .assets import parts

        src = html.read(payload, name=name, declared=declared, resources=parts(_images(msg), url))
    else:
        src = text.read(payload, name=name)
    return replace(
        src,
        format="mhtml",
        name=name,
        url=src.url or url,
        page_title=src.page_title or _header_text(msg.get("Subject")),
        warnings=(*warnings, *src.warnings),
    )


def _images(msg: Message) -> dict[str, bytes]:
    """The file's image parts by Content-Location (and cid: Content-ID): the page images an
    image-only preview is made of, for OCR."""
    found: dict[str, bytes] = {}
    for part in msg.walk():
        if part.get_content_maintype() != "image":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if location := str(part.get("Content-Location") or "").strip():
            found.setdefault(location, payload)
        if cid := str(part.get("Content-ID") or "").strip().strip("<>"):
            found.setdefault(f"cid:{cid}", payload)
    return found


_BASE64_JUNK = re.compile(rb"[^A-Za-z0-9+/]")


def _payload(part: Message, warnings: list[str]) -> bytes:
    """The decoded bytes of a part. Base64 is decoded here: the email package hands back
    the base64 text itself when its length is off (a file cut at 4n+1 characters)."""
    cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if cte != "base64":
        payload = part.get_payload(decode=True)
        return payload if isinstance(payload, bytes) else b""
    raw = part.get_payload(decode=False)
    text = raw.encode("ascii", "ignore") if isinstance(raw, str) else b""
    data, padded, _ = text.partition(b"=")
    body = _BASE64_JUNK.sub(b"", data)
    extra = len(body) % 4
    if extra == 1:  # six bits of a byte: the rest was cut off
        body = body[:-1]
    if extra == 1 or (extra and not padded):
        warnings.append("the page part's base64 ends cut off; its last bytes are lost")
    return binascii.a2b_base64(body + b"=" * (-len(body) % 4))


def _header_text(value: object) -> str:
    """A MIME header as text: Chromium writes a non-ASCII subject as encoded words
    (=?utf-8?Q?2023=E5=B9=B4?=), which must not reach the document as they are."""
    import email.errors
    import email.header

    if value is None:
        return ""
    raw = str(value)
    try:
        text = str(email.header.make_header(email.header.decode_header(raw)))
    except (email.errors.HeaderParseError, LookupError, UnicodeDecodeError, ValueError):
        return raw.strip()
    return " ".join(text.split())


def _first_part(msg: Message, content_type: str) -> Message | None:
    for part in msg.walk():
        if part.get_content_type() == content_type:
            return part
    return None


class MhtmlReader(Reader):
    name = "mhtml"
    extensions = (".mhtml", ".mht")
    description = "a browser's single-file save (quoted-printable or base64)"

    def sniff(self, head: bytes, name: str) -> bool:
        return looks_like_mhtml(head)

    def read(self, data: bytes, *, name: str = "") -> Source:
        return read(data, name=name)
