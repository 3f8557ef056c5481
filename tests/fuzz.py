"""Fuzzing the readers and cleaning: bytes in, a Document or one of docconv's own errors out.

    python -m tests.fuzz --examples 100000          # hypothesis, random, as long as it takes
    python -m tests.fuzz --engine atheris -- -max_total_time=600   # coverage-guided (pip install atheris)
    python -m tests.fuzz --replay tests/fuzz_crashes # run saved inputs once

`target(data)` reads `data` as each kind of input (by sniffing, and as .html, .txt and
.mhtml), with and without repair, then writes the JSON view: anything but a DocconvError is
a crash. The inputs come from several generators: raw bytes, generated HTML (any tags,
attributes, entities, comments, unclosed and deep nesting) in several encodings, MHTML
wrappers, and byte-level mutations of the sample pages (and of ../shared/corpus when it is
there). A crash is saved under tests/fuzz_crashes/ (named by its hash), where
tests/test_fuzz.py replays it on every run: every crash found becomes a regression test.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import traceback
from pathlib import Path

from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CRASHES = TESTS / "fuzz_crashes"
for path in (str(ROOT), str(TESTS)):
    if path not in sys.path:
        sys.path.insert(0, path)

from mhtml import make_mhtml  # noqa: E402

from convert import api  # noqa: E402
from convert.errors import DocconvError  # noqa: E402

NAMES = ("", "page.html", "page.txt", "page.mhtml")


def target(data: bytes, *, writers: tuple[str, ...] = ("json",)) -> None:
    """Read `data` every way docconv can; raise only DocconvError (caught here)."""
    for name in NAMES:
        for repair in (False, True):
            try:
                doc = api.read(data, name=name, repair=repair)
            except DocconvError:
                continue
            for fmt in writers:
                api.write(doc, io.BytesIO(), to=fmt)


# -- inputs ---------------------------------------------------------------------------------

TAGS = (
    "html head body title meta p div span br h1 h2 h3 h4 h5 h6 ul ol li table tr td th pre "
    "script style template noscript iframe header footer nav aside article section main "
    "b i a img svg math textarea select option button input form object embed frameset "
    "blockquote dl dt dd figure figcaption hr center font code sub sup ruby rt rp"
).split()
ATTRS = (
    "class id style hidden aria-hidden role href src onclick onload charset content name "
    "http-equiv property rel lang dir"
).split()
WORDS = (
    "同志们： 今天 我们 召开 会议 。 ， 一、 （一） 1. 第一章 第一条 ID:2065240 页数:12页 "
    "下载 分享 版权所有 首页 > 文档 第1页/共3页 已阅读1页,还剩3页未读 相关文档推荐 ...... …… "
    "𠮷 😀 \u3000 \xa0 \u200b \ufeff \ufffd A B 2023年 GB/T javascript:alert(1) "
    "蒄蚄袀膇莀蚃羂羀芆袅螆肄芀蒇莄蒆肆腿莃肁 ⾏政 發(fā) 版 权 说 明"
).split()
ENTITIES = (
    "&amp;",
    "&lt;",
    "&gt;",
    "&nbsp;",
    "&#0;",
    "&#1;",
    "&#xD800;",
    "&#x10FFFF;",
    "&#12;",
    "&bogus;",
    "&",
    "&#",
)
ENCODINGS = ("utf-8", "gb18030", "utf-16-le", "utf-16-be", "utf-16", "big5", "latin-1")


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 9))
        if kind <= 3:
            parts.append(draw(st.sampled_from(WORDS)))
        elif kind == 4:
            parts.append(draw(st.sampled_from(ENTITIES)))
        elif kind == 5:
            parts.append(draw(st.text(max_size=8)))
        elif kind == 6:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "<!--",
                            "-->",
                            "<!-- x -->",
                            "<![CDATA[",
                            "<?xml ?>",
                            "<!DOCTYPE html>",
                            "<",
                            ">",
                            "</",
                        ]
                    )
                )
            )
        elif depth < 4:
            tag = draw(st.sampled_from(TAGS))
            attrs = "".join(
                f' {draw(st.sampled_from(ATTRS))}="{draw(st.sampled_from(WORDS))}"'
                for _ in range(draw(st.integers(0, 2)))
            )
            inner = draw(markup(depth + 1))
            close = draw(
                st.sampled_from([f"</{tag}>", f"</{tag}>", "", f"</{draw(st.sampled_from(TAGS))}>"])
            )
            parts.append(f"<{tag}{attrs}>{inner}{close}")
    return "".join(parts)


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    body = draw(markup())
    if draw(st.booleans()):
        depth = draw(st.sampled_from([10, 300, 3000]))
        tag = draw(st.sampled_from(["div", "span", "b", "table", "p"]))
        body = f"<{tag}>" * depth + body + (f"</{tag}>" * depth if draw(st.booleans()) else "")
    charset = draw(st.sampled_from(["", "utf-8", "gbk", "gb2312", "big5", "utf-16", "x-nonsense"]))
    meta = f'<meta charset="{charset}">' if charset else ""
    page = f"<html><head>{meta}<title>{draw(st.sampled_from(WORDS))}</title></head><body>{body}</body></html>"
    encoding = draw(st.sampled_from(ENCODINGS))
    data = page.encode(encoding, errors=draw(st.sampled_from(["replace", "ignore"])))
    if draw(st.integers(0, 4)) == 0:
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""])) + data
    return data


@st.composite
def mhtml_pages(draw: st.DrawFn) -> bytes:
    inner = draw(html_pages())
    data = make_mhtml(inner, transfer=draw(st.sampled_from(["quoted-printable", "base64"])))
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]
    return data


def seeds() -> list[bytes]:
    found = [p.read_bytes() for p in sorted((ROOT / "samples").iterdir()) if p.is_file()]
    corpus = ROOT.parent / "shared" / "corpus" / "pages"
    if corpus.is_dir():
        found += [p.read_bytes() for p in sorted(corpus.glob("*.txt"))[:20]]
    return found


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A sample page, cut, spliced and with bytes flipped, inserted or deleted."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.integers(0, 5))
        if op == 0:
            data[at] = draw(st.integers(0, 255))
        elif op == 1:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == 2:
            del data[at : at + draw(st.integers(1, 64))]
        elif op == 3:
            data = data[:at]
        elif op == 4:
            other = draw(st.sampled_from(SEEDS))
            start = draw(st.integers(0, max(0, len(other) - 1)))
            data[at:at] = other[start : start + draw(st.integers(1, 2000))]
        else:
            data[at:at] = draw(st.sampled_from(WORDS + list(ENTITIES))).encode(
                draw(st.sampled_from(["utf-8", "gb18030"]))
            )
    return bytes(data)


SEEDS = seeds()

inputs = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    html_pages(),
    mhtml_pages(),
    mutated(),
)


# -- crashes ----------------------------------------------------------------------------------


def save_crash(data: bytes, folder: Path = CRASHES) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"crash-{hashlib.sha1(data).hexdigest()[:16]}.bin"
    path.write_bytes(data)
    return path


def replay(folder: Path) -> int:
    failed = 0
    for path in sorted(folder.glob("*.bin")):
        try:
            target(path.read_bytes())
        except Exception:
            failed += 1
            print(f"CRASH {path}", file=sys.stderr)
            traceback.print_exc()
    return failed


def run_hypothesis(examples: int, seed: int | None) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as seed_of

    crashes: list[bytes] = []
    done = [0]

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=True,
    )
    @given(inputs)
    def fuzz(data: bytes) -> None:
        done[0] += 1
        if done[0] % 1000 == 0:
            print(f"{done[0]} examples", file=sys.stderr, flush=True)
        try:
            target(data)
        except Exception:
            crashes.append(data)
            raise

    if seed is not None:
        fuzz = seed_of(seed)(fuzz)
    try:
        fuzz()
    except Exception:
        traceback.print_exc()
    # Hypothesis shrinks each failure; the last input recorded for each is the smallest.
    saved = {save_crash(data) for data in crashes[-5:]}
    for path in sorted(saved):
        print(f"saved {path}", file=sys.stderr)
    print(f"{examples} examples, {len(saved)} crash(es) saved", file=sys.stderr)
    return len(saved)


def run_atheris(extra: list[str]) -> None:
    import atheris

    atheris.instrument_all()  # docconv is imported already: instrument what is loaded

    def one(data: bytes) -> None:
        try:
            target(data)
        except Exception:
            save_crash(data)
            raise

    atheris.Setup([sys.argv[0], *extra], one)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--examples", type=int, default=10_000, help="hypothesis examples (default 10000)"
    )
    ap.add_argument("--seed", type=int, default=None, help="hypothesis seed (default random)")
    ap.add_argument("--engine", choices=["hypothesis", "atheris"], default="hypothesis")
    ap.add_argument("--replay", type=Path, help="run the saved inputs in this folder once")
    ap.add_argument("extra", nargs="*", help="arguments for atheris (libFuzzer flags)")
    args = ap.parse_args(argv)
    if args.replay:
        return 1 if replay(args.replay) else 0
    if args.engine == "atheris":
        run_atheris(args.extra)
        return 0
    return 1 if run_hypothesis(args.examples, args.seed) else 0


if __name__ == "__main__":
    sys.exit(main())
