"""Loading the compose input from a workbook, JSON or YAML, with every problem located and in Chinese."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import yaml
from pydantic import ValidationError

from gongkai.compose.model import ComposeInput
from gongkai.compose.validate import Problem, path_text, validate
from gongkai.performance.scoring import ScoringConfig

FIELD_NAMES = {
    "unit": "单位信息", "lines": "功能分类收支", "economic": "经济分类基本支出", "gpb_by_economic": "功能×经济分类支出",
    "balances": "结转结余",
    "three_public": "三公经费", "running": "机关运行经费", "procurement": "政府采购", "assets": "国有资产",
    "prior": "上年数", "reasons": "原因说明", "performance": "绩效自评",
}
ERRORS = {
    "missing": "必须填写", "decimal_parsing": "不是有效的数字", "decimal_type": "不是有效的数字",
    "int_parsing": "应填写整数", "int_from_float": "应填写整数", "int_type": "应填写整数",
    "string_too_short": "内容过短", "too_short": "至少要填写一行", "extra_forbidden": "不认识的字段",
    "greater_than_equal": "数值过小", "less_than_equal": "数值过大", "string_type": "应填写文字",
    "dict_type": "格式不正确", "list_type": "应为列表", "model_type": "格式不正确", "finite_number": "不是有效的数字",
}


class InputError(Exception):
    """The input file cannot be read at all; the message is Chinese."""


@dataclass
class Loaded:
    data: ComposeInput | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


def _read(path: Path) -> tuple[dict, dict[tuple, str], str]:
    """(content, locations, kind)."""
    if not path.exists():
        raise InputError(f"文件不存在：{path}")
    if path.is_dir():
        raise InputError(f"这是一个目录，不是文件：{path}")
    head = path.read_bytes()[:4]
    if head.startswith(b"PK"):
        from gongkai.compose.workbook import WorkbookError, read_workbook

        try:
            data, where = read_workbook(path)
        except WorkbookError as exc:
            raise InputError(str(exc)) from None
        return data, where, "xlsx"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"无法识别的填报文件（应为 .xlsx 工作簿，或 UTF-8 编码的 JSON/YAML）：{path}") from None
    try:
        content = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)  # YAML: 0-based; JSON: 1-based lineno/colno
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (getattr(exc, "lineno", None),
                                                                               getattr(exc, "colno", None))
        where = f"第 {line} 行第 {col} 列附近" if line else "无法解析"
        raise InputError(f"JSON/YAML 格式错误：{path}（{where}）") from None
    if not isinstance(content, dict):
        raise InputError(f"填报文件的顶层应是一个对象（unit、lines …）：{path}")
    return content, {}, "json"


def describe_path(path: tuple, where: dict[tuple, str]) -> str:
    """The most precise known place for a path: the cell, else its row, else its sheet, else the field."""
    for k in range(len(path), 0, -1):
        if path[:k] in where:
            return where[path[:k]]
    if where:
        return FIELD_NAMES.get(str(path[0]), path_text(path)) if path else "（全文）"
    return f"字段 {path_text(path)}"


def _pydantic_problems(exc: ValidationError, where: dict[tuple, str]) -> list[Problem]:
    out = []
    for e in exc.errors(include_url=False):
        loc = tuple(e["loc"])
        msg = e.get("msg", "")
        if e["type"] == "value_error":
            msg = msg.removeprefix("Value error, ")
        else:
            msg = ERRORS.get(e["type"], msg)
        raw = e.get("input")
        if e["type"] not in ("missing", "extra_forbidden") and isinstance(raw, (str, int, float)) and str(raw).strip():
            msg += f"（填写为“{raw}”）"
        out.append(Problem(path=loc, message=msg, where=describe_path(loc, where)))
    return out


def _model_for(content: dict, scoring: ScoringConfig | None = None):
    """The input model and its checks, by the kind the content declares (部门决算 unless it says 部门预算)."""
    unit = content.get("unit") if isinstance(content, dict) else None
    if isinstance(unit, dict) and str(unit.get("kind") or "").strip() == "部门预算":
        from gongkai.compose.budget.model import BudgetInput
        from gongkai.compose.budget.validate import validate_budget

        return BudgetInput, validate_budget
    return ComposeInput, partial(validate, scoring=scoring)


def load_input(path: str | Path, scoring: ScoringConfig | None = None) -> Loaded:
    """Read and validate; `data` is None when the content does not even form a ComposeInput (or, for a 部门预算,
    a BudgetInput)."""
    content, where, _ = _read(Path(path))
    model, check = _model_for(content, scoring)
    try:
        data = model.model_validate(content)
    except ValidationError as exc:
        return Loaded(None, _pydantic_problems(exc, where))
    return Loaded(data, check(data, lambda p: describe_path(p, where)))


def load_dict(content: dict, scoring: ScoringConfig | None = None) -> Loaded:
    model, check = _model_for(content, scoring)
    try:
        data = model.model_validate(content)
    except ValidationError as exc:
        return Loaded(None, _pydantic_problems(exc, {}))
    return Loaded(data, check(data))
