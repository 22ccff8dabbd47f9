"""`make bench`: speed and memory of parse + recognise + audit over the corpus, against the floor.

For every PDF under the corpus (default ../shared/corpus next to the project, or the folder given as
the first argument) it prints pages, the floor (raw pypdfium2 text extraction of every page), the
time of reading, recognising and auditing, the total, its ratio to the floor and the time per page.
Times are process CPU time, best of N runs (default 3), in one process on one core; what recognition
caches across documents (template row matchers, alignment of row shapes, title lookups) is warm, as it
is when a corpus is checked in one run. Then it builds a
100-page document by concatenating corpus pages and measures the peak memory (max RSS) of
`gongkai check` on it in a fresh process.

Targets (issue 4): a ~25-page text PDF in under 0.3 s and within 3× of the floor; peak memory under
300 MB for a 100-page document.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdf_floor import floor  # noqa: E402


def best(fn, runs: int) -> tuple[float, object]:
    result, times = None, []
    for _ in range(runs):
        t0 = time.process_time()
        result = fn()
        times.append(time.process_time() - t0)
    return min(times), result


def measure(path: Path, runs: int) -> dict:
    from gongkai.audit import audit
    from gongkai.ingest import read
    from gongkai.recognize.document import recognize

    t_floor, _ = best(lambda: floor(path), runs)
    t_read, raw = best(lambda: read(str(path)), runs)
    t_rec, doc = best(lambda: recognize(raw), runs)
    t_aud, report = best(lambda: audit(doc), runs)
    return {"pages": len(raw.pages), "floor": t_floor, "read": t_read, "recognise": t_rec, "audit": t_aud,
            "tables": sum(1 for t in doc.tables if t.template_id), "findings": len(report.findings)}


def peak_memory(pdfs: list[Path], pages: int = 100) -> tuple[int, float]:
    """Concatenate corpus pages into a `pages`-page PDF; max RSS (MB) of `gongkai check` on it."""
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for p in pdfs:
            src = pdfium.PdfDocument(str(p))
            take = min(len(src), pages - len(out))
            out.import_pages(src, list(range(take)))
            if len(out) >= pages:
                break
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "hundred_pages.pdf"
        out.save(str(target))
        code = ("import resource, time; from gongkai.pipeline import parse_file; from gongkai.audit import audit; "
                f"t = time.process_time(); d = parse_file({str(target)!r}); audit(d); "
                "print(time.process_time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        seconds, rss_kb = res.stdout.split()
        return int(rss_kb) // 1024, float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    pdfs = sorted(corpus.rglob("*.pdf"))
    if not pdfs:
        print(f"没有找到语料 PDF：{corpus}（基准测试需要 ../shared/corpus）")
        return
    from gongkai.audit.registry import all_rules

    all_rules()  # import the rule modules once, outside the timings
    header = f"{'文件':<34} {'页':>3} {'下限ms':>7} {'读取':>6} {'识别':>6} {'审核':>6} {'合计ms':>7} {'倍数':>5} {'ms/页':>6} {'表':>3}"
    print(header)
    print("-" * len(header))
    totals = {"pages": 0, "floor": 0.0, "all": 0.0}
    near_25: list[tuple[float, float, str]] = []  # (ratio, seconds, name) of the 21–30-page files
    for path in pdfs:
        m = measure(path, args.runs)
        total = m["read"] + m["recognise"] + m["audit"]
        if 21 <= m["pages"] <= 30 and m["tables"]:
            near_25.append((total / m["floor"], total, f"{path.stem[:16]}（{m['pages']}页）"))
        totals["pages"] += m["pages"]
        totals["floor"] += m["floor"]
        totals["all"] += total
        name = path.stem[:16]
        print(f"{name:<34} {m['pages']:>3} {m['floor'] * 1000:>7.1f} {m['read'] * 1000:>6.1f} "
              f"{m['recognise'] * 1000:>6.1f} {m['audit'] * 1000:>6.1f} {total * 1000:>7.1f} "
              f"{total / m['floor']:>5.1f} {total * 1000 / m['pages']:>6.1f} {m['tables']:>3}")
    print("-" * len(header))
    print(f"{'合计':<34} {totals['pages']:>3} {totals['floor'] * 1000:>7.1f} {'':>6} {'':>6} {'':>6} "
          f"{totals['all'] * 1000:>7.1f} {totals['all'] / totals['floor']:>5.1f} "
          f"{totals['all'] * 1000 / totals['pages']:>6.1f}")
    if near_25:
        within = sum(1 for r, t, _ in near_25 if r <= 3 and t < 0.3)
        worst = max(near_25)
        print(f"\n21–30 页的表格 PDF：{len(near_25)} 个，{within} 个达到目标（< 0.3 s 且不超过下限的 3 倍）；"
              f"最大倍数 {worst[0]:.1f}（{worst[2]}，{worst[1] * 1000:.0f} ms）")
    rss, seconds = peak_memory(pdfs)
    print(f"\n100 页文档：解析 + 识别 + 审核 {seconds:.2f} s（CPU），峰值内存 {rss} MB（目标 < 300 MB）")


if __name__ == "__main__":
    main()
