"""`gongkai score FILE…`: recompute every performance score and show it beside the printed one."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console


def run_score(files: list[Path], format: str, output: Path | None) -> int:
    """Exit code: 0 when the files were read (whatever the scores), 2 on unusable input or configuration."""
    from gongkai.cli import fail, load_batch, write_output
    from gongkai.config import ConfigError, find_config
    from gongkai.performance.scoring import ConfigProblem, ScoringConfig, score_all

    try:
        config, _ = find_config()
        cfg = ScoringConfig.from_options(config.get("options", {}))
    except (ConfigError, ConfigProblem) as exc:
        fail(str(exc))
    outcomes, failed = load_batch(files)
    docs = [o.document for o in outcomes]
    files = [p for o in outcomes for p in o.paths]
    results = [(d, score_all(d.performance, cfg)) for d in docs]
    if format == "json":
        payload = [{
            "path": d.source.path, "unit_name": d.unit_name, "year": d.year,
            "evaluations": [{"evaluation": json.loads(e.model_dump_json()), "score": json.loads(s.model_dump_json())}
                            for e, s in zip(d.performance, scores)],
        } for d, scores in results]
        content = json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"
        write_output(content, output, files)
        return 2 if failed else 0
    from gongkai.performance.render import render_document

    console = Console(record=True, width=200, file=open("/dev/null", "w") if output else None)
    for d, scores in results:
        render_document(d, scores, console)
    if output is not None:
        write_output(console.export_text(), output, files)
    return 2 if failed else 0
