"""Where docconv keeps what it can reuse between runs: fonts' metrics (PDF) and compiled
regular expressions (the command line). $DOCCONV_CACHE_DIR, else $XDG_CACHE_HOME/docconv,
else ~/.cache/docconv; DOCCONV_CACHE=0 turns caching off. Removing the folder is always safe.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("DOCCONV_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return None
    base = os.environ.get("DOCCONV_CACHE_DIR")
    if not base:
        root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(root, "docconv")
    return Path(base)
