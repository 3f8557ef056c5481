"""Swap repair on text it was not tuned on: real corpus pages, damaged the seed's way.

Every annotated corpus page (../shared/corpus/{pages,annotated}, tests/corpus) is read
without repair; pages that already carry a family's damage are left out (their text is not
clean). Each clean document is damaged as the family's tool does (repair_eval.py here:
every right word of a confirmed pair replaced, ” → 〞, （） → 〔〕, full-width punctuation
folded), repaired, and scored: the share of swaps restored, and every rewrite that was not
one of them (a genuine word changed: a false repair).

    python benchmarks/repair_unseen.py [-v] [--min-chars 200]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pages() -> list[Path]:
    found = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    for folder in ("pages", "annotated"):
        found += sorted((SHARED / "corpus" / folder).glob("*.txt"))
    found.append(ROOT / "samples" / "speech.txt")  # the seed: damaged, so left out below
    return found


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every false repair")
    ap.add_argument("--min-chars", type=int, default=200, help="skip shorter documents")
    args = ap.parse_args(argv)

    from repair_eval import Score, damage, report, score  # beside this script

    from convert import api
    from convert.errors import DocconvError
    from convert.repair import repair
    from convert.repair.gate import assess
    from convert.repair.tables import load

    tables = load()
    used = skipped_damaged = skipped_short = 0
    totals = {t.name: Score() for t in tables}
    for page in pages():
        try:
            doc = api.read(page, repair=False)
        except DocconvError:
            continue
        text = doc.plain_text()
        if len(text) < args.min_chars:
            skipped_short += 1
            continue
        if any(assess(t, text).damaged for t in tables):
            skipped_damaged += 1
            continue
        used += 1
        for table in tables:
            damaged, swaps = damage(doc, table)
            s = score(repair(damaged).meta.changes, swaps, table)
            totals[table.name].add(s)
            if args.verbose:
                for c in s.wrong:
                    ctx = damaged.blocks[c.block].text if c.block >= 0 else damaged.meta.title
                    print(
                        f"  {page.name}: {c.before}→{c.after} ({c.rule}) …"
                        f"{ctx[max(0, c.start - 12) : c.start + 14]}…"
                    )
    print(
        f"{used} clean pages ({skipped_damaged} already damaged and {skipped_short} "
        f"shorter than {args.min_chars} characters left out)"
    )
    for name, total in totals.items():
        print(f"{name}:\n{report(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
