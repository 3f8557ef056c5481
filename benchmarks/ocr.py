"""OCR of image-only previews: character error rate (CER) and seconds per page.

Known documents (tests/ocrpages.py: a notice with two heading levels, a two-column page, the
first pages of samples/speech.html) are rendered by pdftoppm at 96 and 150 dpi, stamped with
a diagonal watermark, wrapped in a 原创力-style saved page and read by docconv (RapidOCR,
then the positioned-layout stage). The truth is the PDF's own text (pdftotext; the known text
for two columns, which pdftotext reads across). Tesseract 5 with chi_sim, run on the same
images in the same run, is the baseline: the ratio column is docconv's CER over Tesseract's.

    python benchmarks/ocr.py [--dpi 96,150] [--pages 2] [--no-baseline]

Targets (issue 13): CER ≤ 2% at 150 dpi, ≤ 4% at 96 dpi; heading levels as the original;
two columns in reading order."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import ocrpages  # noqa: E402

from convert import read  # noqa: E402
from convert.model import Document, Heading  # noqa: E402
from convert.readers import ocr  # noqa: E402

_PAGE_NUMBER = re.compile(r"^\s*[-—]\s*\d+\s*[-—]\s*$", re.MULTILINE)


def cases(pages: int) -> list[tuple[str, bytes, int | None, Document | None, str | None]]:
    """(name, pdf, its last page to read, the document it shows when known, its text when
    pdftotext misreads it)."""
    notice = ocrpages.notice()
    speech = read(ROOT / "samples" / "speech.html")
    two = ocrpages.TWO_COLUMN_TITLE + "".join(ocrpages.TWO_COLUMN_TEXT)
    return [
        ("notice", ocrpages.pdf_of(notice), None, notice, None),
        ("two-column", ocrpages.two_column_pdf(), None, None, two),
        (f"speech p1-{pages}", ocrpages.pdf_of(speech), pages, None, None),
    ]


def tesseract(images: list[bytes], folder: Path) -> tuple[str, float]:
    texts = []
    start = time.perf_counter()
    for i, data in enumerate(images):
        path = folder / f"t{i}.png"
        path.write_bytes(data)
        out = subprocess.run(
            ["tesseract", str(path), "-", "-l", "chi_sim"], capture_output=True, check=True
        )
        texts.append(out.stdout.decode("utf-8", "replace"))
    return "".join(texts), time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dpi", default="96,150")
    ap.add_argument("--pages", type=int, default=2, help="pages of the speech sample")
    ap.add_argument("--no-baseline", action="store_true", help="skip Tesseract")
    args = ap.parse_args()
    if not ocr.available():
        sys.exit(f"the OCR extra is not installed ({ocr.INSTALL})")
    baseline = not args.no_baseline and shutil.which("tesseract") is not None
    print(
        f"{'case':16} {'dpi':>4} {'pages':>5} {'CER':>7} {'s/page':>7} {'headings':>9}"
        + ("  tesseract CER  s/page  ratio" if baseline else "")
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for dpi in (int(d) for d in args.dpi.split(",")):
            for name, pdf, last, doc, known in cases(args.pages):
                folder = work / f"{name}-{dpi}".replace(" ", "_")
                images = ocrpages.page_images(pdf, dpi, folder / "render", last=last)
                page = ocrpages.saved_page(images, folder)
                truth = known or _PAGE_NUMBER.sub("", ocrpages.truth(pdf, folder, last))
                start = time.perf_counter()
                got = read(page, repair=False)
                secs = (time.perf_counter() - start) / len(images)
                text = got.meta.title + "".join(b.text for b in got.blocks)
                rate = ocrpages.cer(text, truth)
                heads = "-"
                if doc is not None:
                    want = [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]
                    have = [(b.level, b.text) for b in got.blocks if isinstance(b, Heading)]
                    heads = f"{sum(h in have for h in want)}/{len(want)}"
                line = f"{name:16} {dpi:>4} {len(images):>5} {rate:>7.2%} {secs:>7.2f} {heads:>9}"
                if baseline:
                    t_text, t_secs = tesseract(images, folder)
                    t_rate = ocrpages.cer(t_text, truth)
                    ratio = rate / t_rate if t_rate else float("nan")
                    line += f"  {t_rate:>13.2%} {t_secs / len(images):>7.2f} {ratio:>6.2f}"
                print(line, flush=True)


if __name__ == "__main__":
    main()
