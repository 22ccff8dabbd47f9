"""Readings OCR gets wrong in a recognisable way, put right and marked as guesses.

The recogniser often reads a thousands comma as a full stop: '4.651.67' for 4,651.67 (no amount has two
decimal points) or '2,750.720' for 2,750,720 (an amount grouped by thousands with three decimals). The
reading is restored, but with low confidence, so that a check failing on it is reported as a possible
recognition error and never as an error of the document.
"""

from __future__ import annotations

import re

GUESSED = 0.5  # confidence of a reading put right here (below the auditor's default 0.9)

# digit groups of three after a 1–3 digit head, separated by ',' or '.', and two decimals at the end,
# with at least two separators (so a plain '4.65' or '4,651.67' is untouched)
_AMOUNT = re.compile(r"(-?\d{1,3})((?:[.,]\d{3})+)[.,](\d{2})")
_GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})+\.\d{3}")  # 2,750.720: the last comma read as a full stop


def repair_amount(text: str, confidence: float) -> tuple[str, float]:
    """A cell's text and confidence, with a comma misread as a full stop in an amount put right."""
    if _GROUPED.fullmatch(text.strip()):
        head, _, tail = text.strip().rpartition(".")
        return f"{head},{tail}", min(confidence, GUESSED)
    m = _AMOUNT.fullmatch(text.strip())
    if m is None or "." not in m.group(2):
        return text, confidence
    groups = m.group(2).replace(".", ",")
    return f"{m.group(1)}{groups}.{m.group(3)}", min(confidence, GUESSED)
