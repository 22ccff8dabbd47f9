"""Rendering the corpus survey: Markdown (docs/corpus-survey.md), text and JSON."""

from __future__ import annotations

import json

from gongkai import __version__
from gongkai.report.survey import DocumentSurvey, Totals


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


def _cell(text: object) -> str:
    return str(text if text not in (None, "") else "—").replace("|", "\\|").replace("\n", " ")


def _who(s: DocumentSurvey) -> str:
    if s.error:
        return "读取失败"
    if s.disclosure is False:
        return "非公开文件"
    return s.kind or "类型未识别"


def _findings(s: DocumentSurvey) -> str:
    f = s.findings
    return f"{f.get('error', 0)}/{f.get('warning', 0)}/{f.get('info', 0)}" if f else "—"


def _rules(s: DocumentSurvey) -> str:
    return "、".join(f"{k}×{v}" for k, v in s.rules.items()) if s.rules else ""


def _summary_lines(t: Totals) -> list[tuple[str, str]]:
    return [
        ("文档（配对合并后）", str(t.documents)),
        ("读取失败", str(t.failed)),
        ("部门/单位预决算公开文件", str(t.disclosures)),
        ("判定为非公开文件", str(t.not_disclosures)),
        ("按模板识别的标准表", str(t.standard)),
        ("疑似标准表但未识别（有合计行或表名像公开表）", str(t.generic_standard)),
        ("识别率（已识别 ÷ 已识别与疑似之和）", _pct(t.coverage)),
        ("收支总表平衡（含尾差）", str(t.balanced)),
        ("收支总表不平或总计未读出", str(t.unbalanced)),
        ("无收支总表", str(t.no_summary)),
        ("问题：错误/警告/提示", f"{t.findings.get('error', 0)}/{t.findings.get('warning', 0)}/{t.findings.get('info', 0)}"),
    ]


def markdown(surveys: list[DocumentSurvey], totals: Totals, command: str) -> str:
    out = [
        "# 语料调查（corpus survey）",
        "",
        f"由 `{command}` 生成（gongkai {__version__}），请勿手工编辑。每次改动识别或审核后重新生成，"
        "比较差异即可看出覆盖率的变化。",
        "",
        "## 总计",
        "",
        "| 项目 | 数量 |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in _summary_lines(totals)],
        "",
        "## 按模板",
        "",
        "| 模板 | 表数 |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in totals.templates.items()],
        "",
        "## 按文档",
        "",
        "错误/警告/提示为审核结果的条数；“疑似”为未能按模板识别、但有合计行或表名像公开表的表格数。",
        "",
        "| 文件 | 类型 | 年度 | 单位 | 层级 | 地区 | 口径 | 页数 | 标准表 | 疑似 | 收支总表 | 错误/警告/提示 | 错误规则 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in surveys:
        out.append("| " + " | ".join(_cell(x) for x in (
            "<br>".join(s.files), _who(s), s.year, s.unit, s.level, s.region, s.profile, s.pages,
            len(s.standard) if not s.error else "", len(s.generic_standard) if not s.error else "",
            s.balance if not s.error else "", _findings(s), _rules(s))) + " |")
    out += ["", "## 未识别的疑似标准表", ""]
    listed = [s for s in surveys if s.generic_standard]
    out += [f"- {s.files[0]}：" + "；".join(e.label for e in s.generic_standard) for s in listed] or ["（无）"]
    out += ["", "## 口径中应有而未找到的表", ""]
    listed = [s for s in surveys if s.missing]
    out += [f"- {s.files[0]}（{s.profile}）：" + "、".join(s.missing) for s in listed] or ["（无）"]
    out += ["", "## 非公开文件与读取失败", ""]
    listed = [s for s in surveys if s.error or s.disclosure is False]
    out += [f"- {s.files[0]}：{s.error or s.disclosure_reason or '非公开文件'}" for s in listed] or ["（无）"]
    return "\n".join(out) + "\n"


def text(surveys: list[DocumentSurvey], totals: Totals) -> str:
    lines = []
    for s in surveys:
        head = " + ".join(s.files)
        if s.error:
            lines.append(f"{head}\n  读取失败：{s.error}")
            continue
        lines.append(f"{head}\n  {_who(s)}  {s.year or '年度未识别'}  {s.unit or '单位未识别'}  "
                     f"{s.level or '—'}  {s.region or '地区未识别'}  口径：{s.profile or '未匹配'}"
                     + (f"  {s.pages}页" if s.pages else "")
                     + (f"\n  {s.disclosure_reason}" if s.disclosure is False and s.disclosure_reason else ""))
        if s.standard:
            lines.append("  标准表：" + "、".join(e.label for e in s.standard))
        if s.generic_standard:
            lines.append("  疑似标准表但未识别：" + "、".join(e.label for e in s.generic_standard))
        if s.missing:
            lines.append("  口径中应有而未找到：" + "、".join(s.missing))
        lines.append(f"  收支总表：{s.balance}  问题（错误/警告/提示）：{_findings(s)}"
                     + (f"  错误规则：{_rules(s)}" if s.rules else ""))
    lines.append("")
    lines += [f"{k}：{v}" for k, v in _summary_lines(totals)]
    return "\n".join(lines) + "\n"


def as_json(surveys: list[DocumentSurvey], totals: Totals) -> str:
    from dataclasses import asdict

    payload = {"totals": {**asdict(totals), "coverage": totals.coverage},
               "documents": [s.to_json() for s in surveys]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
