"""The fuzz target (tests/fuzz.py) for a fixed number of examples, and every crash the long
runs found, replayed: bytes in, a Document or a DocconvError out, nothing else.

The long run is `python -m tests.fuzz --examples 100000` (or `--engine atheris`); set
DOCCONV_FUZZ_EXAMPLES to run more examples here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fuzz import CRASHES, inputs, target
from hypothesis import HealthCheck, given, settings

EXAMPLES = int(os.environ.get("DOCCONV_FUZZ_EXAMPLES", "150"))


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(inputs)
def test_fuzz_readers_and_cleaning(data: bytes) -> None:
    target(data)


SAVED = sorted(CRASHES.glob("*.bin")) if CRASHES.is_dir() else []


@pytest.mark.parametrize("path", SAVED, ids=[p.stem for p in SAVED])
def test_saved_crash(path: Path) -> None:
    target(path.read_bytes(), writers=("json", "docx", "epub", "html", "md", "txt"))


#: Crashes found by fuzzing and the properties before they were fixed, small enough to keep
#: here (the bigger ones are files in tests/fuzz_crashes/).
REGRESSIONS = [
    "丸·0业".encode("gb18030"),  # one valid 3-byte UTF-8 sequence in GB18030 bytes
    "为0·为".encode("gb18030"),  # two-byte UTF-8 sequences in GB18030 bytes
    "\\亙0亙併".encode("gb18030"),  # four GBK characters that are ideographs in UTF-16 too
    b"<p>a&#1;b&#x1b;c&#0;</p>",  # control characters from references reached python-docx
    b"<p>\x00\x01\x07</p>" + "正文".encode(),  # raw control characters
    b"<html><body><p>x</p></body></html><p>" + "尾部".encode() + b"</p>",  # after </html>
    '<link rel="canonical" href="javascript:alert(1)"><p>正文内容</p>'.encode(),
    # urlparse raised ValueError on the page's address (found by tests/fuzz.py)
    "# source: https://同志们：m.163wenku.com/p-1.html\n正文内容。".encode(),
    "# source: https://[::1/p-1.html\n正文内容。".encode(),
    '<link rel="canonical" href="http://[x"><p>正文内容</p>'.encode(),
]


@pytest.mark.parametrize("data", REGRESSIONS, ids=range(len(REGRESSIONS)))
def test_regression(data: bytes) -> None:
    target(data, writers=("json", "docx", "epub", "html", "md", "txt"))
