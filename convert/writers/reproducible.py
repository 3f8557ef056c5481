"""Same input, same bytes: build times from SOURCE_DATE_EPOCH, zips with fixed timestamps."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime

from ..errors import OutputError


def build_time() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; always UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(tz=UTC).replace(microsecond=0)
    if not epoch.isdigit():
        raise OutputError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}")
    return datetime.fromtimestamp(int(epoch), tz=UTC)


def fixed_date(iso: str) -> datetime | None:
    """A model date ("2023-04-24") as midnight UTC, or None."""
    try:
        return datetime.strptime(iso, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def repack_zip(data: bytes, when: datetime | None = None) -> bytes:
    """The same archive with every member stamped `when` (default 1980-01-01) and fixed
    permissions; member order and per-member compression (EPUB's stored mimetype) kept."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = [(i.filename, i.compress_type, src.read(i.filename)) for i in src.infolist()]
    return zip_members(members, when)


def zip_members(members: Iterable[tuple[str, int, bytes]], when: datetime | None = None) -> bytes:
    """An archive of (name, compression, data) members, in order, every one stamped `when`
    (default 1980-01-01) with fixed permissions."""
    stamp = (when or datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, compress_type, data in members:
            member = zipfile.ZipInfo(name, date_time=stamp)
            member.compress_type = compress_type
            member.external_attr = 0o644 << 16
            member.create_system = 3
            dst.writestr(member, data)
    return out.getvalue()
