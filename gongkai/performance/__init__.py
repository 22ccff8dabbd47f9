"""Performance (绩效) material: parsing evaluations from the tables, recomputing scores, reporting.

- `parse_performance(doc, raw=None)` reads every performance evaluation of a parsed Document
  (also attached by the recogniser as `Document.performance`);
- `gongkai.performance.scoring` recomputes every score under a configurable, documented scheme;
- `gongkai score FILE` prints printed and recomputed scores side by side (`gongkai.performance.cli`).
"""

from gongkai.performance.parse import parse_performance

__all__ = ["parse_performance"]
