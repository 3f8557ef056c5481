"""Build MHTML files the way Chromium saves pages ("Save as… Webpage, single file")."""

from __future__ import annotations

import base64
import quopri


def make_mhtml(html: bytes, *, transfer: str = "quoted-printable", charset: str = "utf-8") -> bytes:
    boundary = "----MultipartBoundary--docconvTestBoundary0123456789----"
    if transfer == "quoted-printable":
        body = quopri.encodestring(html)
    elif transfer == "base64":
        raw = base64.b64encode(html)
        body = b"\r\n".join(raw[i : i + 76] for i in range(0, len(raw), 76))
    else:
        raise ValueError(transfer)
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    head = (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://www.example-docs.cn/doc/2065240.html\r\n"
        "Subject: =?utf-8?Q?2023=E5=B9=B4?=\r\n"
        "Date: Mon, 24 Apr 2023 10:00:00 +0800\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n'
        "\r\n\r\n"
    )
    parts = [
        head.encode("ascii"),
        f"--{boundary}\r\n".encode(),
        f"Content-Type: text/html; charset={charset}\r\n".encode(),
        b"Content-ID: <frame-0@mhtml.blink>\r\n",
        f"Content-Transfer-Encoding: {transfer}\r\n".encode(),
        b"Content-Location: https://www.example-docs.cn/doc/2065240.html\r\n\r\n",
        body,
        b"\r\n\r\n",
        f"--{boundary}\r\n".encode(),
        b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n",
        b"Content-Location: https://www.example-docs.cn/static/logo.png\r\n\r\n",
        png,
        b"\r\n\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts)
