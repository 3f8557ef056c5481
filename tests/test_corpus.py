"""Real preview pages against annotations written by reading them (`.expect.json`, the keys of
../shared/corpus/EXPECT.md; tests/corpus/README.md says where each set's annotations are).

- ../shared/corpus/pages: the pages the site profiles were written from, annotated in
  tests/corpus/expect/pages/. Each must come out exactly as annotated (title, site, page
  count, chrome, text, headings, salutation). Skipped when ../shared is absent.
- tests/corpus: pages from sites docconv was not tuned to. How well docconv does on them is
  measured by benchmarks/corpus.py, not asserted; here every annotation is checked against
  its page (the strings it names are in the page, the keys are complete).

`python tests/test_corpus.py` prints the corpus-wide numbers of the first set: chrome
removed, body kept, titles right, heading F1.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from conftest import SHARED

from convert import read
from convert.model import Document, Heading, Paragraph

PAGES = SHARED / "corpus" / "pages"
CORPUS = Path(__file__).with_name("corpus")
EXPECT_PAGES = CORPUS / "expect" / "pages"


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


EXPECTED = [load(p) for p in sorted(EXPECT_PAGES.glob("*.expect.json"))]
OWN = sorted(CORPUS.glob("*.txt"))


def document_text(doc: Document) -> str:
    return "\n".join([doc.meta.title, doc.meta.subtitle, *(b.text for b in doc.blocks)])


def headings(doc: Document) -> list[tuple[str, int]]:
    return [(b.text, b.level) for b in doc.blocks if isinstance(b, Heading)]


def convert(name: str) -> Document:
    path = PAGES / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return read(path, repair=False)


@pytest.mark.parametrize("case", EXPECTED, ids=[c["page"] for c in EXPECTED])
def test_page(case: dict[str, Any]) -> None:
    doc = convert(case["page"])
    text = document_text(doc)
    if case.get("title") is not None:
        assert doc.meta.title == case["title"]
    if case.get("profile") is not None:
        assert doc.meta.site == case["profile"]
    if "pages" in case:
        assert doc.meta.pages == case["pages"]
    if "truncated" in case:
        assert doc.meta.truncated is case["truncated"]
    for chrome in case["chrome_samples"]:
        assert chrome not in text, f"chrome left in: {chrome!r}"
    for body in case["body_samples"]:
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
    assert sorted(p.name for p in PAGES.glob("*.txt")) == sorted(c["page"] for c in EXPECTED)
    for case in EXPECTED:  # one annotation per page, named after it
        assert (EXPECT_PAGES / (Path(case["page"]).stem + ".expect.json")).is_file()


# ----------------------------------------------------------------------------- leave-site-out

# A page of the t1-mobile template, recognised by its "下载 相关 举报" bar.
T1_PAGE = (
    "# source: https://m.example.cn/p-1.html\n\n工作总结.docx\n下载 相关 举报\n"
    "工作总结\n今年以来，我们认真贯彻落实各项工作部署，取得了明显成效。\n"
).encode()


def test_excluded_profile_is_not_recognised() -> None:
    assert read(T1_PAGE, name="p.txt", repair=False).meta.site == "t1-mobile"
    doc = read(T1_PAGE, name="p.txt", repair=False, exclude_sites=["t1-mobile"])
    assert doc.meta.site == ""  # the generic rules alone
    assert "今年以来" in document_text(doc)


@pytest.mark.parametrize(
    ("exclude", "site", "message"),
    [
        (["nosuch"], None, "unknown site profile 'nosuch'"),
        (["generic"], None, "cannot be excluded"),
        (["t1-mobile"], "t1-mobile", "both chosen and excluded"),
    ],
)
def test_bad_exclusions_are_clear_errors(
    exclude: list[str], site: str | None, message: str
) -> None:
    from convert.clean.profiles import ProfileError

    with pytest.raises(ProfileError, match=message):
        read(T1_PAGE, name="p.txt", site=site, exclude_sites=exclude)


def test_no_site_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from convert.cli import app

    page = tmp_path / "p.txt"
    page.write_bytes(T1_PAGE)
    runner = CliRunner()
    for extra, site in (([], "t1-mobile"), (["--no-site", "t1-mobile"], None)):
        result = runner.invoke(app, [str(page), "--to", "json", "-o", "-", *extra])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["meta"]["site"] == site
    result = runner.invoke(app, ["inspect", str(page), "--no-site", "t1-mobile"])
    assert result.exit_code == 0 and "unknown site (generic rules)" in result.stdout
    result = runner.invoke(app, [str(page), "--to", "json", "-o", "-", "--no-site", "nosuch"])
    assert result.exit_code == 4 and "unknown site profile" in result.output


# ----------------------------------------------------------------------------- tests/corpus

SOURCE_LINE = re.compile(r"# source: https?://\S+\n\n")
REQUIRED = ("title", "body_starts_with", "body_ends_with", "chrome_samples", "body_samples")
REQUIRED += ("headings", "truncated", "notes")
FOLD = str.maketrans("“”〞〝‘’〔〕【】［］、，。：；！？", '""""\'\'()()(),,.:;!?')


def fold(s: str) -> str:
    """As benchmarks/corpus.py compares: NFKC, one width of punctuation, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s).translate(FOLD))


def test_own_pages_found() -> None:
    assert len(OWN) >= 1
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*-\d+\.txt", p.name) for p in OWN)


@pytest.mark.parametrize("page", OWN, ids=[p.stem for p in OWN])
def test_own_annotation_fits_its_page(page: Path) -> None:
    raw = page.read_text(encoding="utf-8")
    assert SOURCE_LINE.match(raw), "line 1 is '# source: URL', line 2 is blank"
    exp = load(page.with_name(page.stem + ".expect.json"))
    assert all(k in exp for k in REQUIRED), f"missing: {set(REQUIRED) - set(exp)}"
    text = fold(raw.split("\n", 2)[2])
    cleaned = set(exp.get("cleaned_samples", ()))  # given cleaned; the notes say how
    for key in ("body_starts_with", "body_ends_with"):
        if exp[key] is not None and exp[key] not in cleaned:
            assert fold(exp[key]) in text, f"{key} not in the page: {exp[key]!r}"
    assert len(exp["chrome_samples"]) <= 12  # a sample, not a second copy of the page
    for s in exp["chrome_samples"]:
        assert fold(s) in text, f"chrome sample not in the page: {s!r}"
    assert exp["body_starts_with"] is None or 3 <= len(exp["body_samples"]) <= 10
    for s in exp["body_samples"] + [h for h, _ in exp["headings"]]:
        if s not in cleaned:
            assert fold(s) in text, f"not in the page: {s!r}"
    assert all(isinstance(lv, int) and 1 <= lv <= 6 for _, lv in exp["headings"])
    assert exp["title"] is None or exp["title"].strip() == exp["title"] != ""
    assert isinstance(exp["truncated"], bool) and isinstance(exp["notes"], str)


def report() -> str:
    """Corpus-wide shares, counted string by string and heading by heading."""
    chrome = kept = bodies = lost = titles = titled = 0
    tp = fp = fn = 0
    for case in EXPECTED:
        doc = read(PAGES / case["page"], repair=False)
        text = document_text(doc)
        chrome += len(case["chrome_samples"])
        kept += sum(c in text for c in case["chrome_samples"])
        bodies += len(case["body_samples"])
        lost += sum(b not in text for b in case["body_samples"])
        if case.get("title") is not None:
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


# ----------------------------------------------------------------------------- the benchmark


def _benchmark() -> Any:
    import importlib.util

    path = Path(__file__).parents[1] / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("corpus_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def test_benchmark_scores_what_the_annotation_says(tmp_path: Path) -> None:
    """benchmarks/corpus.py on a page whose right answer is known, then on a wrong answer."""
    bench = _benchmark()
    page = tmp_path / "demo-1.txt"
    page.write_text(
        "# source: https://example.cn/1.html\n\n工作总结\n\n一、主要成绩\n\n"
        "今年以来,我们认真贯彻落实各项部署。\n\n点击下载全文\n",
        encoding="utf-8",
    )
    expect = tmp_path / "demo-1.expect.json"
    good = {
        "title": "工作总结",
        "body_starts_with": "工作总结",
        "body_ends_with": "认真贯彻落实各项部署。",
        "chrome_samples": ["点击下载全文"],
        "body_samples": ["今年以来,我们认真贯彻落实各项部署。"],
        "headings": [["一、主要成绩", 1]],
    }
    expect.write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    right = bench.score(bench.Page("project", page, expect))
    assert right.values["body"] == 1.0 and right.values["title"] == 1.0
    assert right.values["hp"] == right.values["hr"] == 1.0
    wrong = dict(good, body_samples=["这句话不在页面里。"], headings=[["二、存在问题", 1]])
    expect.write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    missed = bench.score(bench.Page("project", page, expect))
    assert missed.values["body"] == 0.0 and missed.values["hr"] == 0.0
    assert any(m.startswith("body lost") for m in missed.misses)
    summary = bench.summarise([right, missed])
    assert summary.pages == 2 and summary.lost == 1 and summary.means["body"] == 0.5
