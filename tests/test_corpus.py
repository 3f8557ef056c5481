"""Real preview pages from ../shared/corpus/pages against expectations written by reading them
(tests/corpus_expectations.toml). Skipped when ../shared is absent.

`python tests/test_corpus.py` prints the corpus-wide numbers: chrome removed, body kept,
titles right, heading F1.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from conftest import SHARED

from convert import read
from convert.model import Document, Heading, Paragraph

PAGES = SHARED / "corpus" / "pages"
EXPECTED: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).with_name("corpus_expectations.toml")).read_text(encoding="utf-8")
)["page"]


def document_text(doc: Document) -> str:
    return "\n".join([doc.meta.title, doc.meta.subtitle, *(b.text for b in doc.blocks)])


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]


def convert(name: str) -> Document:
    path = PAGES / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return read(path, repair=False)


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_page(case: dict[str, Any]) -> None:
    doc = convert(case["file"])
    text = document_text(doc)
    if "title" in case:
        assert doc.meta.title == case["title"]
    if "site" in case:
        assert doc.meta.site == case["site"]
    if "pages" in case:
        assert doc.meta.pages == case["pages"]
    if "truncated" in case:
        assert doc.meta.truncated is case["truncated"]
    for chrome in case["chrome"]:
        assert chrome not in text, f"chrome left in: {chrome!r}"
    for body in case["body"]:
        assert body in text, f"document text lost: {body!r}"
    if "headings" in case:
        assert headings(doc) == [tuple(h) for h in case["headings"]]
    if "salutation" in case:
        first = doc.blocks[0]
        assert isinstance(first, Paragraph) and (first.role, first.text) == (
            "salutation",
            case["salutation"],
        )


def test_every_corpus_page_has_expectations() -> None:
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} is not available")
    assert sorted(p.name for p in PAGES.glob("*.txt")) == sorted(c["file"] for c in EXPECTED)


def report() -> str:
    """Corpus-wide shares, counted string by string and heading by heading."""
    chrome = kept = bodies = lost = titles = titled = 0
    tp = fp = fn = 0
    for case in EXPECTED:
        doc = read(PAGES / case["file"], repair=False)
        text = document_text(doc)
        chrome += len(case["chrome"])
        kept += sum(c in text for c in case["chrome"])
        bodies += len(case["body"])
        lost += sum(b not in text for b in case["body"])
        if "title" in case:
            titled += 1
            titles += doc.meta.title == case["title"]
        if "headings" in case:
            got = set(headings(doc))
            want = {tuple(h) for h in case["headings"]}
            tp += len(got & want)
            fp += len(got - want)
            fn += len(want - got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return "\n".join(
        [
            f"pages: {len(EXPECTED)}",
            f"chrome strings removed: {chrome - kept}/{chrome} ({(chrome - kept) / chrome:.1%})",
            f"body strings kept: {bodies - lost}/{bodies} ({(bodies - lost) / bodies:.1%})",
            f"titles right: {titles}/{titled} ({titles / titled:.1%})",
            f"headings: precision {precision:.1%}, recall {recall:.1%}, F1 {f1:.3f} ({tp + fn} expected)",
        ]
    )


if __name__ == "__main__":
    print(report())
