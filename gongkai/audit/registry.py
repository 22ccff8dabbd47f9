"""The rule registry: one rule = one small class with a stable code, a Chinese title, a doc and a check.

Rules register themselves with @register; `gongkai rules` and the rule docs are generated from here,
never maintained by hand in a second place. Codes are stable: a family letter and three digits
(B balance, T totals, H hierarchy, X cross-table, N narrative, C classification, P completeness,
G hygiene, J 绩效).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from gongkai.audit.finding import Finding, Severity

if TYPE_CHECKING:
    from gongkai.audit.context import Context

FAMILIES = {
    "B": "收支平衡", "T": "表内合计", "H": "科目层级", "X": "表间勾稽", "N": "情况说明",
    "C": "科目编码", "P": "完整性", "G": "文字规范", "J": "绩效",
}
DOC_SECTIONS = ("检查内容", "为什么重要", "示例", "如何修正")
_REGISTRY: dict[str, type["Rule"]] = {}
UNCERTAIN_OPTIONS = {"low_confidence": "OCR 识别置信度低于此值（默认 0.9）的数字或行名视为读取不确定，相关发现最多为警告"}
PRECISION_OPTIONS = {"strict_rounding": "设为 true 时，尾差按规则本身的级别报告（默认 false：尾差为提示）",
                     "rounded": "设为 true 时，以元列示的表也按已舍入处理（表格注明“尾数误差”时自动如此）",
                     **UNCERTAIN_OPTIONS}


class Rule:
    """Base class. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    doc: ClassVar[str]  # markdown with the DOC_SECTIONS headings (### 检查内容 …)
    options: ClassVar[dict[str, str]] = {}  # configuration keys this rule reads, with their meaning
    # the rule reads free text only, so it runs only on a recognised disclosure (a 部门预算/决算, a
    # recognised table or a 绩效 evaluation), not on a notice or form filed under a disclosure's name
    needs_disclosure: ClassVar[bool] = False
    # the rule reports that something is absent (a table, a matching figure): on an OCR'd document a
    # misreading is enough for that, so its errors there become warnings (gongkai.audit.ocr_guard)
    absence: ClassVar[bool] = False
    precision: ClassVar[str | None] = None  # how the precision policy applies, when the family's text does not say
    applies_to_non_disclosures: ClassVar[bool] = False  # run on files judged not to be a disclosure

    def check(self, ctx: "Context") -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def family(cls) -> str:
        return FAMILIES.get(cls.code[0], "其他")


def register(cls: type[Rule]) -> type[Rule]:
    if not re.fullmatch(r"[A-Z]\d{3}", cls.code):
        raise ValueError(f"bad rule code {cls.code!r}")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate rule code {cls.code}")
    missing = [s for s in DOC_SECTIONS if f"### {s}" not in cls.doc]
    if missing:
        raise ValueError(f"rule {cls.code} doc lacks sections {missing}")
    _REGISTRY[cls.code] = cls
    return cls


def _load() -> None:
    import gongkai.audit.rules as pkg

    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(mod.name)


def all_rules() -> list[type[Rule]]:
    _load()
    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def get_rule(code: str) -> type[Rule] | None:
    _load()
    return _REGISTRY.get(code.upper())


def select(rules: list[type[Rule]], select: list[str] | None, ignore: list[str] | None) -> list[type[Rule]]:
    """ruff-style selection: prefixes ('B', 'X1', 'N102'); ignore wins over select."""
    def hit(code: str, prefixes: list[str]) -> bool:
        return any(code.startswith(p.strip().upper()) for p in prefixes if p.strip())

    chosen = [r for r in rules if not select or hit(r.code, select)]
    return [r for r in chosen if not ignore or not hit(r.code, ignore)]


def unknown_codes(prefixes: list[str] | None) -> list[str]:
    """The codes or prefixes that select no rule at all ('ZZZ', 'B9'): a typo, never a silent no-op."""
    codes = [r.code for r in all_rules()]
    return [p for p in (prefixes or []) if p.strip() and not any(c.startswith(p.strip().upper()) for c in codes)]


def rules_markdown() -> str:
    """The rule catalogue as one Markdown page (docs/rules.md is this output)."""
    import textwrap

    from gongkai.audit.precision import FAMILY_PRECISION, POLICY_MARKDOWN

    out = ["# 审核规则目录", "", "本页由 `gongkai rules --markdown` 根据规则代码生成，请勿手工编辑。", ""]
    out += [POLICY_MARKDOWN.strip(), ""]
    rules = all_rules()
    for fam, name in FAMILIES.items():
        members = [r for r in rules if r.code.startswith(fam)]
        if not members:
            continue
        out += [f"## {fam} {name}", ""]
        if fam in FAMILY_PRECISION:
            out += [f"精度规则：{FAMILY_PRECISION[fam]}", ""]
        out += [f"| 编码 | 默认级别 | 规则 |", "|---|---|---|"]
        out += [f"| [{r.code}](#{r.code.lower()}) | {r.severity.label} | {r.title} |" for r in members]
        out.append("")
        for r in members:
            out += [f"### {r.code}", "", f"**{r.title}**（默认级别：{r.severity.label}）", ""]
            out.append(textwrap.dedent(r.doc).strip().replace("### ", "#### "))
            if r.code[0] in FAMILY_PRECISION:
                out += ["", "#### 精度规则", "", r.precision or FAMILY_PRECISION[r.code[0]]]
            opts = {**r.options, **PRECISION_OPTIONS} if r.code[0] in "BTHXNJ" else {**r.options, **UNCERTAIN_OPTIONS}
            out += ["", "#### 配置项", ""] + [f"- `{k}`：{v}" for k, v in opts.items()]
            out.append("")
    return "\n".join(out) + "\n"
