"""How well docconv cleans and structures real preview pages, scored against annotations
written by reading each page. Prints numbers, asserts nothing.

    python benchmarks/corpus.py                       # every annotated page, per set and overall
    python benchmarks/corpus.py --leave-site-out      # and again with each page's profile off
    python benchmarks/corpus.py -v                    # every miss, page by page
    python benchmarks/corpus.py --pages               # one line of scores per page
    python benchmarks/corpus.py --set project -j 2    # one set, two worker processes
    python benchmarks/corpus.py --save before.json    # keep the per-page scores ...
    python benchmarks/corpus.py --compare before.json # ... and list the pages that changed
    python benchmarks/corpus.py tests/corpus/foo-1.txt  # only these pages

Sets (a page is `NAME.txt` with its annotation `NAME.expect.json`, keys in
../shared/corpus/EXPECT.md and tests/corpus/README.md):

- annotated: ../shared/corpus/annotated, annotation beside each page;
- pages:     ../shared/corpus/pages (the pages the site profiles were written from),
             annotations in tests/corpus/expect/pages/;
- project:   tests/corpus, annotation beside each page.

Shared sets are skipped when ../shared is absent. Metrics, as ../shared/tools/corpus_eval.py
computes them (strings compared after NFKC, punctuation-width folding, whitespace removed):

  title    meta.title is the expected title or one of title_alternatives
  chrome   share of chrome_samples absent from the blocks' text (a sample under 6 characters
           only counts when it stands as a whole block)
  body     share of body_samples present
  start    the text begins with body_starts_with (the title line may stand first)
  end      the text ends within 12 characters after body_ends_with
  heading  precision and recall of (text, level) pairs; F1 from the mean P and R
  lost     pages whose body kept is below 0.90

A metric a page's annotation does not give (no title, no start, no headings key) is left out
of that page's mean. `--leave-site-out` reads each page once to learn which site profile
docconv picks, then again with that profile excluded (`exclude_sites`, the generic rules
stay): what a page from a site docconv has never seen gets. Both runs are printed, the
second with its difference from the first.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "corpus"
PROJECT = ROOT / "tests" / "corpus"
SETS = ("annotated", "pages", "project")
METRICS = ("title", "chrome", "body", "start", "end", "hp", "hr")
LOST_BELOW = 0.90  # a page that keeps less of its body than this counts as lost
END_SLACK = 12  # characters the output may run on after body_ends_with (a "……" mark)
SHORT_CHROME = 6  # shorter chrome samples are only counted as whole blocks


@dataclass(frozen=True)
class Page:
    set: str
    path: Path  # the page text
    expect: Path  # its annotation

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def site(self) -> str:
        """The site the page came from: its file name without the trailing -N."""
        return re.sub(r"-\d+$", "", self.path.stem)


@dataclass
class Score:
    page: str
    set: str
    site: str
    profile: str = ""  # the site profile docconv picked ("" for the generic rules)
    excluded: str = ""  # the profile switched off for this run
    values: dict[str, float | None] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- pages


def find_pages(sets: Sequence[str], only: Sequence[Path] = ()) -> list[Page]:
    """Every annotated page of `sets`, or only the pages named in `only`."""
    found: list[Page] = []
    if "annotated" in sets:
        found += _beside("annotated", SHARED / "annotated")
    if "pages" in sets and (SHARED / "pages").is_dir():
        for exp in sorted((PROJECT / "expect" / "pages").glob("*.expect.json")):
            page = SHARED / "pages" / exp.name.replace(".expect.json", ".txt")
            if page.is_file():
                found.append(Page("pages", page, exp))
    if "project" in sets:
        found += _beside("project", PROJECT)
    if only:
        wanted = {p.resolve() for p in only}
        found = [p for p in found if p.path.resolve() in wanted]
    return found


def _beside(name: str, folder: Path) -> list[Page]:
    if not folder.is_dir():
        return []
    pages = []
    for txt in sorted(folder.glob("*.txt")):
        exp = txt.with_name(txt.stem + ".expect.json")
        if exp.is_file():
            pages.append(Page(name, txt, exp))
    return pages


# ----------------------------------------------------------------------------- scoring

FOLD = str.maketrans(
    {
        "“": '"', "”": '"', "〞": '"', "〝": '"', "＂": '"', "‘": "'", "’": "'",
        "〔": "(", "〕": ")", "【": "(", "】": ")", "［": "(", "］": ")",
        "、": ",", "，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?",
    }
)  # fmt: skip


def fold(s: str | None) -> str:
    """The form strings are compared in: NFKC, one width of punctuation, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or "").translate(FOLD))


def view(page: Page, exclude: Sequence[str]) -> dict[str, Any] | str:
    """The page's JSON view (as `docconv PAGE --to json --no-repair` prints it), or the
    error docconv gave."""
    from convert import read
    from convert.errors import NoContentError
    from convert.writers.jsonview import as_dict

    # Without exclusions the switch is not passed: the script also scores older commits.
    switch = {"exclude_sites": tuple(exclude)} if exclude else {}
    try:
        return as_dict(read(page.path, repair=False, **switch))
    except NoContentError:
        return {"meta": {}, "blocks": [], "no_content": True}
    except Exception as e:  # a crash scores zero; say what it was
        return f"{type(e).__name__}: {e}"


def score(page: Page, exclude: Sequence[str] = ()) -> Score:
    exp = json.loads(page.expect.read_text(encoding="utf-8"))
    out = Score(page.name, page.set, page.site, excluded=",".join(exclude))
    doc = view(page, exclude)
    has_body = "body_starts_with" not in exp or exp["body_starts_with"] is not None
    if isinstance(doc, str) or (doc.get("no_content") and has_body):
        out.misses.append(f"no document: {doc if isinstance(doc, str) else 'no text left'}")
        out.values = {k: 0.0 for k in METRICS}
        if not exp.get("title"):
            out.values["title"] = None
        return out
    meta = doc.get("meta") or {}
    out.profile = "" if meta.get("site") in (None, "generic") else str(meta["site"])
    blocks = [(b.get("type"), b.get("text", ""), b.get("level")) for b in doc["blocks"]]
    texts = [fold(t) for _, t, _ in blocks]
    full = "".join(texts)
    got_title = fold(meta.get("title"))
    v: dict[str, float | None] = {}

    if exp.get("title"):
        ok = {fold(exp["title"]), *(fold(t) for t in exp.get("title_alternatives") or [])}
        v["title"] = float(got_title in ok)
        if not v["title"]:
            out.misses.append(f"title: {meta.get('title')!r}, expected {exp['title']!r}")
    else:
        v["title"] = None

    chrome = exp.get("chrome_samples") or []
    kept = [
        c for c in chrome if (fold(c) in texts if len(fold(c)) < SHORT_CHROME else fold(c) in full)
    ]
    v["chrome"] = 1 - len(kept) / len(chrome) if chrome else 1.0
    out.misses += [f"chrome kept: {c[:50]}" for c in kept]

    body = exp.get("body_samples") or []
    lost = [b for b in body if fold(b) not in full]
    v["body"] = 1 - len(lost) / len(body) if body else 1.0
    out.misses += [f"body lost: {b[:50]}" for b in lost]

    if "body_starts_with" not in exp:
        v["start"] = v["end"] = None
    elif exp["body_starts_with"] is None:  # no document text: nothing but the title
        v["start"] = v["end"] = float(full in ("", got_title))
        if not v["start"]:
            out.misses.append(f"text where there is none: {full[:40]}")
    else:
        st = fold(exp["body_starts_with"])
        heads = {"", got_title, fold(exp.get("title"))}
        v["start"] = float(any(full.startswith(h + st) or (h + full).startswith(st) for h in heads))
        if not v["start"]:
            out.misses.append(f"start: {full[:30]!r}, expected {st[:30]!r}")
        en = fold(exp.get("body_ends_with"))
        j = full.rfind(en)
        v["end"] = float(j >= 0 and len(full) - (j + len(en)) <= END_SLACK)
        if not v["end"]:
            out.misses.append(f"end: {full[-30:]!r}, expected {en[-30:]!r}")

    if "headings" in exp:
        got = [(fold(t), lv) for ty, t, lv in blocks if ty == "heading"]
        want = [(fold(t), lv) for t, lv in exp["headings"] or []]
        # Matched as multisets: a heading output twice matches one expected heading once
        # (counting each copy let recall pass 1).
        tp = sum((Counter(got) & Counter(want)).values())
        v["hp"] = tp / len(got) if got else (1.0 if not want else 0.0)
        v["hr"] = tp / len(want) if want else 1.0
        out.misses += [f"heading missed: {lv} {t[:40]}" for t, lv in want if (t, lv) not in got]
        out.misses += [f"heading extra: {lv} {t[:40]}" for t, lv in got if (t, lv) not in want]
    else:
        v["hp"] = v["hr"] = None
    out.values = v
    return out


def score_both(page: Page, leave_site_out: bool) -> tuple[Score, Score | None]:
    """The page scored as docconv reads it, and (leave-site-out) with its profile off."""
    first = score(page)
    if not leave_site_out:
        return first, None
    if not first.profile:  # already read by the generic rules alone
        return first, first
    return first, score(page, [first.profile])


# ----------------------------------------------------------------------------- summaries


@dataclass
class Summary:
    pages: int
    sites: int
    means: dict[str, float]
    f1: float
    lost: int


def summarise(scores: Iterable[Score]) -> Summary:
    rows = list(scores)
    means = {}
    for k in METRICS:
        vals = [s.values[k] for s in rows if s.values.get(k) is not None]
        means[k] = sum(v for v in vals if v is not None) / len(vals) if vals else 1.0
    p, r = means["hp"], means["hr"]
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    lost = sum(1 for s in rows if (s.values.get("body") or 0.0) < LOST_BELOW)
    return Summary(len(rows), len({(s.set, s.site) for s in rows}), means, f1, lost)


HEADER = (
    f"{'':<16}{'pages':>6}{'sites':>6}{'title':>8}{'chrome':>8}{'body':>8}{'start':>8}"
    f"{'end':>8}{'head P':>8}{'head R':>8}{'F1':>8}{'lost':>6}"
)


def line(label: str, s: Summary, base: Summary | None = None) -> str:
    vals = [s.means[k] for k in ("title", "chrome", "body", "start", "end", "hp", "hr")]
    vals.append(s.f1)
    # three decimals: 0.987 is not the 0.99 a bar asks for
    text = f"{label:<16}{s.pages:>6}{s.sites:>6}" + "".join(f"{x:>8.3f}" for x in vals)
    text += f"{s.lost:>6}"
    if base is not None:
        bvals = [base.means[k] for k in ("title", "chrome", "body", "start", "end", "hp", "hr")]
        bvals.append(base.f1)
        diff = "".join(f"{x - b:>+8.3f}" for x, b in zip(vals, bvals, strict=True))
        text += f"\n{'  vs profiles':<28}{diff}{s.lost - base.lost:>+6}"
    return text


def table(title: str, scores: list[Score], base: list[Score] | None = None) -> list[str]:
    out = [title, HEADER]
    for name in [*SETS, "all"]:
        rows = [s for s in scores if name in (s.set, "all")]
        if not rows:
            continue
        brows = [s for s in base or [] if name in (s.set, "all")]
        out.append(line(name, summarise(rows), summarise(brows) if base else None))
    return out


def page_line(s: Score) -> str:
    cells = " ".join(
        f"{k}={'-' if s.values.get(k) is None else format(s.values[k], '.2f')}" for k in METRICS
    )
    prof = s.profile or "generic"
    if s.excluded:
        prof += f" (without {s.excluded})"
    return f"  {s.set:<9} {s.page:<24} {prof:<28} {cells}"


def compare(saved: dict[str, Any], now: list[Score]) -> list[str]:
    """Pages whose scores moved since a saved run."""
    before = {(r["set"], r["page"], r["excluded"] != ""): r for r in saved["scores"]}
    out = []
    for s in now:
        old = before.get((s.set, s.page, s.excluded != ""))
        if old is None:
            out.append(f"  new   {s.set}/{s.page}")
            continue
        moved = []
        for k in METRICS:
            a, b = old["values"].get(k), s.values.get(k)
            if a is not None and b is not None and abs(a - b) > 1e-9:
                moved.append(f"{k} {a:.2f}→{b:.2f}")
        if moved:
            up = sum(
                (s.values[k] or 0) - (old["values"][k] or 0)
                for k in METRICS
                if s.values.get(k) is not None and old["values"].get(k) is not None
            )
            tag = "better" if up > 0 else "worse "
            lso = " (leave-site-out)" if s.excluded else ""
            out.append(f"  {tag} {s.set}/{s.page}{lso}: " + ", ".join(moved))
    return out


# ----------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("only", nargs="*", type=Path, help="score only these page files")
    ap.add_argument("--set", default=",".join(SETS), help="sets to score, comma-separated")
    ap.add_argument("--leave-site-out", action="store_true", help="also with each profile off")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    ap.add_argument("--pages", action="store_true", help="print one line of scores per page")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--save", type=Path, help="write the per-page scores here (JSON)")
    ap.add_argument("--compare", type=Path, help="list pages whose scores differ from this file")
    a = ap.parse_args(argv)
    sets = [s for s in a.set.split(",") if s]
    unknown = set(sets) - set(SETS)
    if unknown:
        ap.error(f"unknown set(s): {', '.join(sorted(unknown))} (known: {', '.join(SETS)})")
    pages = find_pages(sets, a.only)
    if not pages:
        print("no annotated pages found", file=sys.stderr)
        return 1
    start = time.perf_counter()
    if a.jobs > 1:
        with ProcessPoolExecutor(a.jobs) as pool:
            pairs = list(pool.map(score_both, pages, [a.leave_site_out] * len(pages)))
    else:
        pairs = [score_both(p, a.leave_site_out) for p in pages]
    seconds = time.perf_counter() - start
    plain = [first for first, _ in pairs]
    alone = [second for _, second in pairs if second is not None]

    if a.verbose or a.pages:
        for first, second in pairs:
            for s in [first] if second is None or second is first else [first, second]:
                if a.pages:
                    print(page_line(s))
                if a.verbose:
                    head = f"{s.set}/{s.page}" + (f" without {s.excluded}" if s.excluded else "")
                    # Leave-site-out: only what switching the profile off lost.
                    seen = set(first.misses) if s is not first else set()
                    for m in s.misses:
                        if m not in seen:
                            print(f"  {head}: {m}")
        print()
    lines = table("with site profiles", plain)
    if a.leave_site_out:
        lines += ["", *table("leave-site-out (each page's own profile off)", alone, plain)]
        picked = sorted({s.profile for s in plain if s.profile})
        lines.append(f"profiles switched off: {', '.join(picked) or 'none'}")
    print("\n".join(lines))
    print(f"{len(pages)} pages in {seconds:.1f} s")
    if a.compare:
        saved = json.loads(a.compare.read_text(encoding="utf-8"))
        moved = compare(saved, plain + [s for s in alone if s.excluded])
        print(f"\nchanged since {a.compare}:" if moved else f"\nno change since {a.compare}")
        print("\n".join(moved))
    if a.save:
        rows = [asdict(s) for s in plain + [s for s in alone if s.excluded]]
        a.save.write_text(
            json.dumps({"scores": rows}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
