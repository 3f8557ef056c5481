"""Where bundled data (style sheets, fonts) lives, in a source checkout and when installed.

The repository keeps `styles/` and `fonts/` at its top level; the wheel carries them as
`convert/_data/styles` and `convert/_data/fonts`. Look in the package first, then beside it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The bundled folder `name` ("styles" or "fonts"); the first candidate if none exists."""
    candidates = (_PACKAGE / "_data" / name, _PACKAGE.parent / name)
    for path in candidates:
        if path.is_dir():
            return path
    return candidates[0]
