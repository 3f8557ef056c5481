"""The fuzz targets of tests/fuzz_config.py (style sheets, site profiles, configuration
files, manifests) for a fixed number of examples each: a loaded value or one of docconv's
own errors, never a crash. Set DOCCONV_FUZZ_EXAMPLES to run more; the long runs are
`python -m tests.fuzz_config --examples 20000`."""

from __future__ import annotations

import os

import pytest
from fuzz_config import TARGETS
from hypothesis import HealthCheck, given, settings

EXAMPLES = int(os.environ.get("DOCCONV_FUZZ_EXAMPLES", "60"))


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_configuration_files(name: str) -> None:
    target, strategy = TARGETS[name]

    @settings(
        max_examples=EXAMPLES if name != "style" else max(10, EXAMPLES // 3),
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def fuzz(data: bytes) -> None:
        target(data)

    fuzz()


REGRESSIONS = [
    ("style", b'extends = "gongwen"\n[roles.body]\nsize = nan\n'),
    ("style", b'extends = "gongwen"\n[page]\nwidth = 0\n'),
    ("style", b'extends = "gongwen"\n[roles.body]\nbold = "yes"\n'),
    ("profile", b'name = "x"\n[chrome]\npatterns = 5\n'),
    ("profile", b'name = "x"\n[title.lines]\nt = "^x"\n'),
    ("config", b"to = 5\n"),
    ("config", b"#pyproject\ntool = 5\n"),
    ("manifest", b"[" * 200_000 + b"]" * 200_000),
    ("manifest", b'{"output": "p.json", "input": 1, "options": null}\n'),
]


@pytest.mark.parametrize("case", REGRESSIONS, ids=range(len(REGRESSIONS)))
def test_fuzz_regression(case: tuple[str, bytes]) -> None:
    name, data = case
    TARGETS[name][0](data)
