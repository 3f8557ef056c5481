"""Fit the chrome scorer's weights on the annotated corpus, and say what a never-seen site gets.

    python benchmarks/fit_clean.py                       # fit on every page, write weights.toml
    python benchmarks/fit_clean.py --leave-site-out      # k-fold by site: fit without a site's
                                                         # pages, score them with no profile
    python benchmarks/fit_clean.py --check               # score with the weights as they are

Pages are the annotated ones (`<page>.txt` with `<page>.expect.json` beside it, conventions in
../shared/corpus/EXPECT.md) under ../shared/corpus/annotated and tests/corpus, or the folders
given. Every unit the scorer judges (a line, or a sentence of a line) is labelled from the
annotation: text before `body_starts_with` or after `body_ends_with` is chrome, so are the
`chrome_samples`; the rest is document. The title line is left out of the fit (finding the
title is the structure stage's work). The model is a logistic regression fitted by Newton's
method with an L2 penalty, in pure Python.

With --leave-site-out every site's pages are scored by weights fitted without them and with
their own site profile switched off, so the figures say what a site docconv has never seen
gets. The scores (chrome removed, body kept, start, end) are computed as
../shared/tools/corpus_eval.py computes them.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from convert import readers, structure  # noqa: E402
from convert.clean import clean, prepared, score  # noqa: E402
from convert.writers.jsonview import as_dict  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT_DIRS = [SHARED / "annotated", ROOT / "tests" / "corpus"]
# Annotations of ../shared/corpus/pages kept in the project (the pages stay in ../shared).
SIDE_ANNOTATIONS = (ROOT / "tests" / "corpus" / "expect" / "pages", SHARED / "pages")
PENALTY = 1.0  # L2 on every weight but the bias
BODY_COST = 5  # a document unit lost costs as much as five chrome units kept

_FOLD = str.maketrans(
    {
        "“": '"', "”": '"', "〞": '"', "〝": '"', "＂": '"', "‘": "'", "’": "'",
        "〔": "(", "〕": ")", "【": "(", "】": ")", "［": "(", "］": ")",
        "、": ",", "，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?",
    }
)  # fmt: skip


def fold(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "").translate(_FOLD))


@dataclass
class Page:
    path: Path
    site: str
    expect: dict
    rows: list[dict[str, float]]
    labels: list[int | None]  # 1 chrome, 0 document, None left out


def site_of(path: Path, expect: dict) -> str:
    if expect.get("site"):
        return str(expect["site"])
    return re.sub(r"-\d+$", "", path.stem)


def find_pages(dirs: Sequence[Path]) -> list[tuple[Path, Path]]:
    """(page, annotation) pairs: `<page>.expect.json` beside a page, and the annotations of
    ../shared/corpus/pages kept under tests/corpus/expect/pages."""
    out: list[tuple[Path, Path]] = []
    for d in dirs:
        if d.is_dir():
            for p in sorted(d.rglob("*.txt")):
                if p.with_suffix(".expect.json").exists():
                    out.append((p, p.with_suffix(".expect.json")))
    notes, pages = SIDE_ANNOTATIONS
    if notes.is_dir() and pages.is_dir():
        for a in sorted(notes.glob("*.expect.json")):
            page = pages / a.name.replace(".expect.json", ".txt")
            if page.exists():
                out.append((page, a))
    return out


def load(path: Path, annotation: Path) -> Page:
    expect = json.loads(annotation.read_text(encoding="utf-8"))
    source = readers.read(path.read_bytes(), name=path.name)
    lines = prepared(source, site="generic")
    found = score.units(lines)
    rows = score.features(found, lines)
    return Page(path, site_of(path, expect), expect, rows, label(found, expect))


def _occurrences(hay: str, needle: str) -> list[int]:
    out, i = [], hay.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def label(found: Sequence[score.Unit], expect: dict) -> list[int | None]:
    """Chrome (1), document (0) or unknown (None) for every unit, from the annotation."""
    spans, parts, pos = [], [], 0
    for u in found:
        f = fold(u.text)
        spans.append((pos, pos + len(f)))
        parts.append(f)
        pos += len(f)
    hay = "".join(parts)
    titles = {fold(expect.get("title"))} | {fold(t) for t in expect.get("title_alternatives") or []}
    titles.discard("")
    chrome_spans = [
        (i, i + len(c))
        for c in map(fold, expect.get("chrome_samples") or [])
        for i in _occurrences(hay, c)
        if c
    ]
    if "body_starts_with" not in expect:
        return _label_by_samples(spans, hay, chrome_spans, expect)
    if expect.get("body_starts_with") is None:
        start = end = len(hay) + 1  # no document text: all of it is chrome
    else:
        st, en = fold(expect["body_starts_with"]), fold(expect.get("body_ends_with"))
        ends = _occurrences(hay, en) if en else []
        end = ends[-1] + len(en) if ends else len(hay)
        starts = [i for i in _occurrences(hay, st) if i < end]
        samples = [fold(b) for b in expect.get("body_samples") or []]
        good = [
            s for s in starts if all(not b or hay.find(b, s, end + len(b)) >= 0 for b in samples)
        ]
        if good:
            start = good[-1]
        elif starts:
            start = starts[0]
        else:
            return [None] * len(found)  # the text cannot be placed: learn nothing from it
    out: list[int | None] = []
    for (a, b), text in zip(spans, parts, strict=True):
        chrome = any(min(b, y) - max(a, x) >= 0.5 * (b - a) for x, y in chrome_spans)
        if b <= a:
            out.append(None)
        elif chrome:
            out.append(1)
        elif text in titles and a < start + len(text):
            out.append(None)  # the title line: the structure stage's to take
        elif b <= start or a >= end:
            out.append(1)
        elif a < start or b > end:
            out.append(None)  # straddles the body's edge
        else:
            out.append(0)
    return out


def _label_by_samples(
    spans: list[tuple[int, int]], hay: str, chrome_spans: list[tuple[int, int]], expect: dict
) -> list[int | None]:
    """Without the body's start and end: a unit holding a chrome sample is chrome, a unit
    between the first and the last body sample (holding no chrome) is document."""
    found = [hay.find(fold(b)) for b in expect.get("body_samples") or []]
    found = [i for i in found if i >= 0]
    first, last = (min(found), max(found)) if found else (len(hay) + 1, -1)
    out: list[int | None] = []
    for a, b in spans:
        if b <= a:
            out.append(None)
        elif any(x < b and y > a for x, y in chrome_spans):
            out.append(1)
        elif first <= a and b <= last + 1:
            out.append(0)
        else:
            out.append(None)
    return out


# -- the fit ------------------------------------------------------------------------------


def fit(pages: Sequence[Page], penalty: float = PENALTY) -> dict[str, float]:
    data = [(r, y) for p in pages for r, y in zip(p.rows, p.labels, strict=True) if y is not None]
    names = sorted({k for r, _ in data for k in r})
    index = {n: i + 1 for i, n in enumerate(names)}
    d = len(names) + 1
    rows = [([(0, 1.0)] + [(index[k], v) for k, v in r.items() if v], y) for r, y in data]
    w = [0.0] * d
    for _ in range(25):
        grad = [penalty * w[j] if j else 0.0 for j in range(d)]
        hess = [[0.0] * d for _ in range(d)]
        for j in range(1, d):
            hess[j][j] = penalty
        for x, y in rows:
            z = sum(w[j] * v for j, v in x)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = p - y, max(p * (1 - p), 1e-6)
            for j, v in x:
                grad[j] += g * v
                row = hess[j]
                for k, u in x:
                    row[k] += h * v * u
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    weights = {"bias": w[0]}
    weights.update({n: w[index[n]] for n in names})
    return weights


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def threshold(pages: Sequence[Page], weights: dict[str, float]) -> float:
    """The threshold that catches the most chrome units less BODY_COST per document unit
    lost (losing the document's text is worse than keeping a line of chrome)."""
    m = score.Model(weights)
    scored = [(m.probability(r), y) for p in pages for r, y in zip(p.rows, p.labels, strict=True)]
    best, best_gain = 0.95, 0.0
    for step in range(60, 96):
        t = step / 100
        gain = sum(1 if y == 1 else -BODY_COST for pr, y in scored if y is not None and pr >= t)
        if gain > best_gain:
            best, best_gain = t, gain
    return best


def make_model(pages: Sequence[Page]) -> score.Model:
    weights = fit(pages)
    t = threshold(pages, weights)
    inner, long = max(t, 0.9), max(t, 0.95)
    return score.Model(weights, threshold=t, inner_threshold=inner, long_threshold=long)


# -- scoring as corpus_eval.py does ------------------------------------------------------


def evaluate(page: Page, model: score.Model | None, site: str | None) -> dict[str, float | None]:
    source = readers.read(page.path.read_bytes(), name=page.path.name)
    doc = as_dict(structure.build(clean(source, site=site, model=model)))
    exp = page.expect
    texts = [fold(b.get("text", "")) for b in doc["blocks"]]
    full = "".join(texts)
    title = fold(doc["meta"].get("title"))
    r: dict[str, float | None] = {}
    ch = [fold(c) for c in exp.get("chrome_samples") or []]
    r["chrome"] = (
        sum(not ((c in texts) if len(c) < 6 else (c in full)) for c in ch) / len(ch) if ch else 1.0
    )
    bs = [fold(b) for b in exp.get("body_samples") or []]
    r["body"] = sum(b in full for b in bs) / len(bs) if bs else 1.0
    if exp.get("body_starts_with") is None:
        r["start"] = r["end"] = float(full in ("", title))
    else:
        st = fold(exp["body_starts_with"])
        heads = {"", title, fold(exp.get("title"))}
        r["start"] = float(any(full.startswith(h + st) or (h + full).startswith(st) for h in heads))
        en = fold(exp.get("body_ends_with"))
        j = full.rfind(en)
        r["end"] = float(j >= 0 and len(full) - (j + len(en)) <= 12)
    return r


def report(name: str, results: dict[Path, dict[str, float | None]], verbose: bool) -> dict:
    keys = ("chrome", "body", "start", "end")
    agg = {}
    for k in keys:
        vals = [v[k] for v in results.values() if v[k] is not None]
        agg[k] = sum(vals) / len(vals) if vals else 1.0  # type: ignore[arg-type]
    worst = min((v["body"] or 0.0 for v in results.values()), default=1.0)
    print(
        f"{name}: {len(results)} pages  chrome-removed {agg['chrome']:.3f}  body-kept "
        f"{agg['body']:.3f}  start {agg['start']:.2f}  end {agg['end']:.2f}  "
        f"lowest body-kept {worst:.2f}"
    )
    if verbose:
        for path, v in sorted(results.items()):
            bad = {k: round(x, 2) for k, x in v.items() if x is not None and x < 1}
            if bad:
                print(f"  {path.stem}: {bad}")
    return agg


def write_weights(model: score.Model, pages: Sequence[Page], path: Path) -> None:
    sites = len({p.site for p in pages})
    lines = [
        "# Weights of the chrome scorer (score.py), fitted by benchmarks/fit_clean.py: do not",
        "# edit by hand, run the script again after changing scoring.toml or the corpus.",
        f'fitted_on = "{len(pages)} annotated pages from {sites} sites"',
        "",
        "[decide]",
        f"threshold = {model.threshold:.4f}",
        f"inner_threshold = {model.inner_threshold:.4f}",
        f"long_threshold = {model.long_threshold:.4f}",
        f"long_line = {model.long_line}",
        f"unplaced_threshold = {model.unplaced_threshold:.4f}",
        "",
        "[weights]",
    ]
    lines += [f"{k} = {v:.4f}" for k, v in sorted(model.weights.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, help="folders of annotated pages")
    ap.add_argument("--leave-site-out", action="store_true", help="k-fold by site")
    ap.add_argument("--check", action="store_true", help="score with the weights as they are")
    ap.add_argument("--out", type=Path, default=score.WEIGHTS_FILE, help="weights file to write")
    ap.add_argument("-v", "--verbose", action="store_true", help="every page that misses")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    pages = [load(p, n) for p, n in find_pages(a.dirs or DEFAULT_DIRS)]
    if not pages:
        print("no annotated pages found", file=sys.stderr)
        return 1
    sites = defaultdict(list)
    for p in pages:
        sites[p.site].append(p)
    labelled = sum(y is not None for p in pages for y in p.labels)
    chrome = sum(y == 1 for p in pages for y in p.labels)
    print(f"{len(pages)} pages, {len(sites)} sites, {labelled} units labelled ({chrome} chrome)")
    if a.check:
        report("as shipped", {p.path: evaluate(p, None, None) for p in pages}, a.verbose)
        report(
            "as shipped, no profiles",
            {p.path: evaluate(p, None, "generic") for p in pages},
            a.verbose,
        )
    elif a.leave_site_out:
        results = {}
        for site, held in sorted(sites.items()):
            m = make_model([p for p in pages if p.site != site])
            for p in held:
                results[p.path] = evaluate(p, m, "generic")
        report("leave-one-site-out (weights and profile without the site)", results, a.verbose)
    else:
        m = make_model(pages)
        write_weights(m, pages, a.out)
        print(f"wrote {a.out} (threshold {m.threshold:.3f})")
        report("fitted, all pages", {p.path: evaluate(p, m, None) for p in pages}, a.verbose)
    print(f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
