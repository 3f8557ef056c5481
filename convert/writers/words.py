"""The words docconv itself writes into documents (words.toml beside this module), so they
live in one place, as data, instead of as string constants in each writer."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

_DATA: dict[str, Any] = tomllib.loads(
    Path(__file__).with_name("words.toml").read_text(encoding="utf-8")
)

UNTITLED = str(_DATA["untitled"])
CONTENTS = str(_DATA["contents"])
LANDMARKS = str(_DATA["epub"]["landmarks"])
TEXT_START = str(_DATA["epub"]["text"])
LICENCES = str(_DATA["epub"]["licences"])
LICENCE_INTRO = tuple(str(line) for line in _DATA["epub"]["licence_intro"])
