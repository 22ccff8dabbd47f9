"""How close is `read_pdf` to the floor of raw PDFium text extraction?

For every PDF under the corpus (default `/work/shared/corpus`, or the directory given as the first
argument), time

- the floor: open the document, and for every page load it, build its text page and call
  `get_text_range()` (pypdfium2, nothing else), and
- `gongkai.ingest.pdf.read_pdf` on the same file,

each as the best of N runs (default 5, `--runs N`; floor and reader runs alternate, and the time is the
process's CPU time, so other work on a shared machine disturbs the numbers less), on one core, and
print pages, chars, floor ms, reader ms and the ratio, plus totals.

    .venv/bin/python benchmarks/pdf_floor.py [CORPUS_DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from gongkai.ingest.pdf import read_pdf

DEFAULT_CORPUS = Path("/work/shared/corpus")


def floor(path: Path) -> tuple[int, int]:
    pdf = pdfium.PdfDocument(path.read_bytes())
    chars = 0
    n = len(pdf)
    for i in range(n):
        page = pdf[i]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    return n, chars


def best_of(fns, runs: int) -> list[float]:
    """Best CPU time of each function over `runs` rounds, the functions alternating within a round."""
    best = [float("inf")] * len(fns)
    for _ in range(runs):
        for k, fn in enumerate(fns):
            gc.collect()
            t = time.process_time()
            fn()
            best[k] = min(best[k], time.process_time() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    files = sorted(Path(args.corpus).rglob("*.pdf"))
    if not files:
        print(f"no PDFs under {args.corpus}", file=sys.stderr)
        return 1
    print(f"{'file':<44} {'pages':>5} {'chars':>6} {'floor ms':>9} {'reader ms':>9} {'ratio':>6}")
    tot_floor = tot_reader = 0.0
    tot_pages = tot_chars = 0
    worst = (0.0, "")
    for path in files:
        pages, chars = floor(path)
        f, r = best_of([lambda: floor(path), lambda: read_pdf(str(path))], args.runs)
        tot_floor += f
        tot_reader += r
        tot_pages += pages
        tot_chars += chars
        worst = max(worst, (r / f, path.name))
        name = path.name if len(path.name) <= 22 else path.name[:21] + "…"
        print(f"{name:<44} {pages:>5} {chars:>6} {f * 1000:>9.1f} {r * 1000:>9.1f} {r / f:>6.2f}")
    print(
        f"{'TOTAL':<44} {tot_pages:>5} {tot_chars:>6} {tot_floor * 1000:>9.1f} {tot_reader * 1000:>9.1f}"
        f" {tot_reader / tot_floor:>6.2f}"
    )
    print(f"worst ratio {worst[0]:.2f} ({worst[1]}); reader {tot_reader / tot_pages * 1000:.2f} ms/page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
