"""Is every stage linear in the input's size? Prints times and ratios, asserts nothing.

    python benchmarks/scaling.py [--base 300] [--runs 3] [--shapes pages,flat,wrapped]
                                 [--stages read,clean,...] [--factors 1,2,4]

Each input shape is built at 1×, 2× and 4× its base size (`--base` paragraphs) and every
stage is timed on it (best of `--runs`): read (bytes → lines), clean, structure, repair, and
each writer. A linear stage shows ratios near 2 and 4; the issue's bar is "2× input stays
well under 3× time". Shapes:

- pages:    an HTML page, one <p> per paragraph, numbered headings, site chrome around it;
- flat:     a text copy with the whole document on one line, paragraphs joined by spaces
            (how several sites flatten their previews);
- wrapped:  a text copy hard-wrapped at 30 characters, as a PDF text layer breaks lines;
- markup:   an HTML page whose bytes are mostly markup (nested spans, attributes, inline
            data: images), little text;
- leaders:  a contents list with long dot leaders and lines of nothing but dots, ellipses
            or spaces.
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

from convert import readers, structure, styles, writers
from convert.clean import clean
from convert.model import Document
from convert.repair import repair

SENTENCES = (
    "各地区各部门要把思想和行动统一到工作部署上来，切实增强责任感和紧迫感。",
    "2023年全市地区生产总值达到1234.56亿元，同比增长6.8%，高于预期目标。",
    "要深入推进ISO 9001质量管理体系认证，按照GB/T 19001-2016标准完善内部管理制度。",
    "坚持问题导向，聚焦群众反映强烈的突出问题，逐项制定整改措施，明确责任单位。",
    "强化督促检查，对工作推进不力、措施落实不到位的单位进行通报，确保按期完成。",
)
CN = "一二三四五六七八九十"


def paragraph(i: int) -> str:
    return "".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))


def heading(i: int) -> str:
    return f"{CN[i % 10]}、第{i}部分的工作任务"


def units(n: int) -> list[tuple[str, str]]:
    """n paragraphs with a heading before every tenth: (kind, text)."""
    out: list[tuple[str, str]] = []
    for i in range(n):
        if i % 10 == 0:
            out.append(("h", heading(i // 10)))
        out.append(("p", paragraph(i)))
    return out


CHROME = (
    "<header><nav>首页 | 文档分类 | 登录 | 注册</nav></header>"
    "<div class='info'>ID:2065240 页数:12页 格式:DOC 大小:23.50KB</div>"
)
FOOTER = "<footer>版权所有 © 示例文档网 客服电话 400-000-0000</footer>"


def shape_pages(n: int) -> tuple[bytes, str]:
    body = "".join(f"<h2>{t}</h2>" if k == "h" else f"<p>{t}</p>" for k, t in units(n))
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>关于加强质量工作的意见</title>"
        f"</head><body>{CHROME}<article><h1>关于加强质量工作的意见</h1>{body}</article>"
        f"{FOOTER}</body></html>"
    )
    return page.encode(), "page.html"


def shape_flat(n: int) -> tuple[bytes, str]:
    line = " ".join(t for _, t in units(n))
    return ("关于加强质量工作的意见\n" + line + "\n").encode(), "flat.txt"


def shape_wrapped(n: int) -> tuple[bytes, str]:
    lines = ["关于加强质量工作的意见"]
    for _, t in units(n):
        lines.extend(t[i : i + 30] for i in range(0, len(t), 30))
    return ("\n".join(lines) + "\n").encode(), "wrapped.txt"


def shape_markup(n: int) -> tuple[bytes, str]:
    image = "<img src='data:image/png;base64," + "iVBORw0KGgo" * 200 + "'>"
    parts = []
    for k, t in units(n):
        tag = "h2" if k == "h" else "p"
        spans = "".join(
            f"<span class='c{i}' style='color:#3{i % 10}3'>{c}</span>" for i, c in enumerate(t)
        )
        parts.append(f"<{tag}>{spans}</{tag}>{image}")
    page = (
        "<html><head><meta charset='utf-8'><title>关于加强质量工作的意见</title></head>"
        f"<body>{''.join(parts)}</body></html>"
    )
    return page.encode(), "markup.html"


def shape_leaders(n: int) -> tuple[bytes, str]:
    """A contents list with long dot leaders, and lines that are only dots or spaces (the
    shape that made final-mark regular expressions quadratic)."""
    lines = ["关于加强质量工作的意见", "目录"]
    for i in range(n):
        lines.append(f"{heading(i)}{'.' * 200}{i + 1}")
    lines += ["." * (n * 50), "…" * (n * 50), " " * (n * 50) + "正文", paragraph(0)]
    return ("\n".join(lines) + "\n").encode(), "leaders.txt"


SHAPES: dict[str, Callable[[int], tuple[bytes, str]]] = {
    "pages": shape_pages,
    "flat": shape_flat,
    "wrapped": shape_wrapped,
    "markup": shape_markup,
    "leaders": shape_leaders,
}


def best(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        gc.collect()  # a collection inside one run and not another skews the ratios
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure(data: bytes, name: str, runs: int, stages: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    t, src = best(lambda: readers.read(data, name=name), runs)
    out["read"] = t
    t, cleaned = best(lambda: clean(src), runs)  # type: ignore[arg-type]
    out["clean"] = t
    t, doc = best(lambda: structure.build(cleaned), runs)  # type: ignore[arg-type]
    out["structure"] = t
    assert isinstance(doc, Document)
    if "repair" in stages:
        out["repair"], _ = best(lambda: repair(doc, None), runs)
    sheet = styles.load("gongwen")
    for fmt in writers.names():
        if fmt not in stages and "writers" not in stages:
            continue
        writer = writers.get(fmt)()
        out[fmt], _ = best(lambda w=writer: w.write(doc, io.BytesIO(), sheet), runs)  # type: ignore[misc]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--base", type=int, default=300, help="paragraphs at 1× (default 300)")
    ap.add_argument("--runs", type=int, default=3, help="best of this many runs (default 3)")
    ap.add_argument("--factors", default="1,2,4", help="sizes relative to the base (default 1,2,4)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="input shapes to build")
    ap.add_argument(
        "--stages",
        default="read,clean,structure,repair,writers",
        help="stages to time: read,clean,structure,repair and writer names, or 'writers'",
    )
    args = ap.parse_args()
    factors = [int(f) for f in args.factors.split(",")]
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    data, name = SHAPES["pages"](20)
    measure(data, name, 1, stages)  # warm up: imports, caches, fonts
    worst = 0.0
    for shape in args.shapes.split(","):
        rows: dict[str, list[float]] = {}
        sizes = []
        for f in factors:
            data, name = SHAPES[shape](args.base * f)
            sizes.append(len(data))
            for stage, t in measure(data, name, args.runs, stages).items():
                rows.setdefault(stage, []).append(t)
        head = "  ".join(f"{f}× {s / 1e6:6.2f} MB" for f, s in zip(factors, sizes, strict=True))
        print(f"\n{shape}: {head}")
        print(f"  {'stage':10} " + " ".join(f"{f}× (s)".rjust(9) for f in factors) + "   ratios")
        for stage, times in rows.items():
            ratios = [t / times[0] if times[0] > 0 else float("nan") for t in times[1:]]
            per_doubling = [b / a for a, b in itertools.pairwise(times) if a > 0]
            worst = max([worst, *per_doubling])
            cells = " ".join(f"{t:9.3f}" for t in times)
            print(f"  {stage:10} {cells}   " + " ".join(f"{r:5.2f}" for r in ratios))
    print(f"\nworst time ratio for a doubling of the input: {worst:.2f} (linear ≈ 2, bar < 3)")


if __name__ == "__main__":
    main()
