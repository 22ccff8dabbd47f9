"""Plant typical errors into a composed DOCX, for the demo: a total that no longer balances, a class
figure retyped wrong, and a share computed by hand.

    python examples/plant_errors.py IN.docx OUT.docx
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

# (what to find, what to put instead) — in table cells first, then in paragraphs
TABLE_EDITS = [("828.30", "838.30", "总计"), ("697.93", "679.93", "卫生健康支出")]
TEXT_EDITS = [("占98.44%", "占98.04%")]


def plant(src: Path, dst: Path) -> list[str]:
    doc = Document(str(src))
    done: list[str] = []
    for old, new, row_hint in TABLE_EDITS:
        for table in doc.tables:
            hit = next((c for r in table.rows if any(row_hint in x.text for x in r.cells)
                        for c in r.cells if c.text.strip() == old), None)
            if hit is not None:
                for p in hit.paragraphs:
                    for run in p.runs:
                        run.text = run.text.replace(old, new)
                done.append(f"表格“{row_hint}”：{old} → {new}")
                break
    for old, new in TEXT_EDITS:
        for p in doc.paragraphs:
            if old in p.text:
                for run in p.runs:
                    run.text = run.text.replace(old, new)
                done.append(f"情况说明：{old} → {new}")
                break
    dst.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(dst))
    return done


if __name__ == "__main__":
    changes = plant(Path(sys.argv[1]), Path(sys.argv[2]))
    print("已植入错误：" + "；".join(changes))
