"""PDF writer benchmark: prints numbers, asserts nothing.

    python benchmarks/pdf_bench.py [--runs 5] [--batch 30] [--big]

1. Fresh process: seed page → PDF in a new interpreter (imports, font loading and all),
   timed from outside, with the child's own split of the time.
2. Batch: one process converts the seed (and the long synthetic report) many times; the
   first conversion loads the fonts, the rest show the per-document cost.
3. --big: a 500,000-character document, time and peak memory.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "speech.txt"

CHILD = """
import io, json, sys, time
t0 = time.perf_counter()
from convert import read, styles
from convert.writers.pdf import PdfWriter
t1 = time.perf_counter()
doc = read(sys.argv[1])
style = styles.load("gongwen")
t2 = time.perf_counter()
out = io.BytesIO()
PdfWriter().write(doc, out, style)
t3 = time.perf_counter()
times = {"import": t1 - t0, "read": t2 - t1, "write": t3 - t2}
print(json.dumps({**times, "bytes": len(out.getvalue())}))
"""


def fresh(runs: int) -> None:
    walls, parts = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(SEED)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        walls.append(time.perf_counter() - start)
        parts.append(json.loads(done.stdout))
    print(f"fresh process, seed → PDF ({runs} runs)")
    print(f"  wall clock      median {_ms(statistics.median(walls))}  min {_ms(min(walls))}")
    for key in ("import", "read", "write"):
        values = [p[key] for p in parts]
        print(f"  {key:<15} median {_ms(statistics.median(values))}")
    print(f"  PDF size        {parts[0]['bytes'] / 1000:.1f} kB")


def batch(count: int) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from synthetic import long_document

    from convert import read, styles
    from convert.writers.pdf import PdfWriter

    style = styles.load("gongwen")
    seed = read(SEED)
    long_doc = long_document()
    for name, doc in (("seed", seed), ("long report", long_doc)):
        times = []
        for _ in range(count):
            start = time.perf_counter()
            PdfWriter().write(doc, io.BytesIO(), style)
            times.append(time.perf_counter() - start)
        chars = len(doc.plain_text())
        warm = times[1:] or times
        print(f"batch, {name} ({chars} characters) × {count} in one process")
        print(f"  first (fonts load) {_ms(times[0])}")
        print(f"  per document       median {_ms(statistics.median(warm))}  min {_ms(min(warm))}")
    start = time.perf_counter()
    for _ in range(count):
        PdfWriter().write(read(SEED), io.BytesIO(), style)
    per = (time.perf_counter() - start) / count
    print(f"batch, seed read + write × {count}: {_ms(per)} per document")


def big() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from synthetic import long_document

    from convert import styles
    from convert.model import Document
    from convert.writers.pdf import PdfWriter

    base = long_document()
    copies = 500_000 // len(base.plain_text()) + 1
    doc = Document(base.meta, base.blocks * copies)
    out = io.BytesIO()
    start = time.perf_counter()
    PdfWriter().write(doc, out, styles.load("gongwen"))
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"big document, {len(doc.plain_text())} characters")
    print(f"  write {took:.2f} s, PDF {len(out.getvalue()) / 1e6:.1f} MB, peak RSS {peak:.0f} MB")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh-process runs")
    parser.add_argument("--batch", type=int, default=30, help="conversions per batch")
    parser.add_argument("--big", action="store_true", help="also a 500k-character document")
    args = parser.parse_args()
    fresh(args.runs)
    batch(args.batch)
    if args.big:
        big()


if __name__ == "__main__":
    main()
