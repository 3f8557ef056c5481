"""Shared fixtures. External tools (LibreOffice, poppler, epubcheck) are skipped when
missing, unless DOCCONV_REQUIRE_TOOLS=1 (as .ci/run sets), where a missing tool fails."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "benchmarks"))  # repair_eval

from synthetic import long_document, no_heading_document

from convert import read
from convert.model import Document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).parent / "golden"
SHARED = ROOT.parent / "shared"
FONTS = ROOT / "fonts"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", help="rewrite golden files")


@pytest.fixture(scope="session")
def regen(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


def require_tool(name: str) -> str:
    """The tool's path; skip (or fail under DOCCONV_REQUIRE_TOOLS=1) when it is missing."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("DOCCONV_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{name} is required here but not installed")
        pytest.skip(f"{name} is not installed")
    return path


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skip the test when that folder is absent (a plain clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def check_golden(name: str, data: object, regen: bool) -> None:
    """Compare `data` with tests/golden/NAME (JSON); rewrite it with --regen-golden."""
    path = GOLDEN / name
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    if regen or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not regen:
            pytest.fail(f"golden file {path.name} was missing and has been written; review it")
        return
    assert json.loads(path.read_text(encoding="utf-8")) == data, f"differs from golden {name}"


@pytest.fixture(scope="session")
def seed_raw() -> Document:
    """The seed page (samples/speech.txt) with no repair."""
    return read(SAMPLES / "speech.txt", repair=False)


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    """The seed page as docconv converts it by default (repaired)."""
    return read(SAMPLES / "speech.txt")


@pytest.fixture(scope="session")
def long_doc() -> Document:
    return long_document()


@pytest.fixture(scope="session")
def plain_doc() -> Document:
    return no_heading_document()
