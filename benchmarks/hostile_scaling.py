"""Hostile inputs that once took superlinear time (issue 17, item 8): reading time at 1×, 2×
and 4× their size, and the ratios. Prints, asserts nothing.

    python benchmarks/hostile_scaling.py [--base 20000] [--runs 3]

- stray-byte: one byte that is not UTF-8 next to a very long line of Chinese text (the search
  for damaged stretches used to backtrack over every undamaged run: 40 000 characters took
  79 s);
- attributes: one start tag with `--base` × k distinct attributes (libxml2 compares each new
  attribute with every earlier one: 120 000 took 20 s).

A linear reader shows ratios near 2 and 4.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from convert import api


def stray_byte(n: int) -> bytes:
    line = ("同志们今天开会" * (n // 7 + 1))[:n].encode()
    return b"<p>" + line + b"</p><p>\xff</p><p>" + "正文".encode() * 10 + b"</p>"


def attributes(n: int) -> bytes:
    attrs = " ".join(f'a{i}=""' for i in range(n))
    return f"<html><body><p {attrs}>同志们：今天开会。</p></body></html>".encode()


SHAPES: dict[str, Callable[[int], bytes]] = {"stray-byte": stray_byte, "attributes": attributes}


def best(data: bytes, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        api.read(data, name="p.html")
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--base", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    for name, make in SHAPES.items():
        times = [best(make(args.base * k), args.runs) for k in (1, 2, 4)]
        ratios = "  ".join(f"{t / times[0]:.2f}" for t in times[1:])
        print(f"{name:12} " + "  ".join(f"{t:7.3f}s" for t in times) + f"   ratios 2×,4×: {ratios}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
