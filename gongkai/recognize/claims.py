"""Narrative claims: the figures the 情况说明 states, read precisely and linked to the cells they restate.

The reader is deliberately narrow. A figure gets a *normalised* subject only when a known subject (本年支出合计,
基本支出, 教育支出, “三公”经费, …) stands at the start of its clause and nothing but connecting words (为, 支出决算,
年初预算 …) stands between the subject and the number. Anything else keeps the free wording of the text
(``normalised=False``): such claims take part only in the arithmetic of their own sentence (占比, 增幅, 完成预算),
never in linking to tables or in comparing statements. Fewer claims read correctly beat many read wrongly.

Groups: every sentence is a group; a sentence whose first figure names no subject of its own (“与上年1000.00万元
相比，增加100.00万元，增长10.00%”, “占……总额的25.00%”) continues the group of the sentence before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from gongkai.model.amount import Unit
from gongkai.model.claim import CellRef, Claim, ClaimKind, Scope
from gongkai.model.document import Document, Section
from gongkai.model.location import Span

# ---------------------------------------------------------------------------------------------- text

_PUNCT = str.maketrans({
    "（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "．": ".", "％": "%", "﹪": "%", "“": '"', "”": '"',
    "‘": '"', "’": '"', "「": '"', "」": '"', "〔": "(", "〕": ")", "【": "(", "】": ")", "！": "。", "？": "。",
    "!": "。", "?": "。", "﹑": "、", "－": "-",
})


_FULLWIDTH_DIGITS = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)})
_MATCH_TABLE = {**_PUNCT, **_FULLWIDTH_DIGITS}
_SPACE_RE = re.compile(r"\s")


def normalise(text: str) -> tuple[str, list[int]]:
    """Text for matching: no whitespace, ASCII punctuation and digits. Returns it with, for every character,
    its index in `text` (so fragments can be cut from the original)."""
    mapped = text.translate(_MATCH_TABLE)  # every mapping is one character to one, so indexes hold
    if not _SPACE_RE.search(mapped):
        return mapped, list(range(len(text)))
    origin = [i for i, ch in enumerate(mapped) if not ch.isspace()]
    return "".join(mapped[i] for i in origin), origin


def parse_number(printed: str) -> Decimal | None:
    try:
        return Decimal(printed.replace(",", ""))
    except InvalidOperation:
        return None


# A line that starts a list item begins a new sentence even when the line before it has no full stop.
LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}\s*[.、．](?=\s*[^\d\s])|[（(]\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]"
                         r"|[一二三四五六七八九十]{1,3}\s*、)")
NUM = r"(?<![\d.,])(?P<num>(?<![\d-])-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))"
AMOUNT_RE = re.compile(NUM + r"(?P<unit>万元|元|万(?=[,;。、)]|$))")
PCT_RE = re.compile(NUM + r"%")
CMP_RE = re.compile(r"决算数?(?:均|都)?(?P<word>大于|小于|等于|高于|低于|超过|超出)(?:了)?(?:年初|全年|调整后)?预算数?")
FLAT_RE = re.compile(r"(?:与|较|和|同)(?:上年|上年度|\d{4}年度?)(?:相比|比较)?,?(?:均|都)?(?P<word>持平|保持一致|一致|相同|无变化)")
NOT_AN_AMOUNT_AFTER = re.compile(r"^(?:/|每|以上|以下|以内|左右|及以上|及以下|起)")
NOT_AN_AMOUNT_BEFORE = re.compile(r"(?:超过|不低于|不超过|不少于|不高于|低于|高于|大于|小于|约|近|单价|标准为|限额|最高|起付线为)$")

# a line that is a heading or a title ends the running text before it even without a full stop
HEADING_LINE = re.compile(r"^\s*第[一二三四五六七八九十0-9]+部分|(?:报表|决算表|预算表|情况说明|名词解释)\s*$")

CLAUSE_BOUNDARY = ",;:、。"
STRONG_BOUNDARY = ",;。"

# words that may stand between a subject and its number
GLUE_RE = re.compile(
    r"(?:各|均|共|合计|总额|总计|共计|计|支出|决算|预算|数|年初|全年|全年度|本年|本年度|年度|当年|调整后|安排|执行|实际|"
    r"为|是|达|达到|了|金额|财政拨款|经费|费用|\"|:|\(\))*")
INHERIT_GLUE_RE = re.compile(
    r"(?:其中|各|共|合计|总额|共计|计|支出决算|决算|年初预算|全年预算|预算数?|预算安排数?|安排|执行数|实际支出数?|"
    r"支出数|决算数|数|年初|全年|本年|本年度|当年|为|是|达|达到|了|金额|:)*")
COMPARE_GLUE = r"(?:(?:与|较|比|同比|比较)[^,;。:]{0,24}?(?:相比|比较)?)"
CHANGE_GLUE_RE = re.compile(r"(?:" + GLUE_RE.pattern + r"|" + COMPARE_GLUE + r"|,)*")
LEADIN_RE = re.compile(
    r"(?:\d{4}年度?|\d{4}年\d{1,2}月(?:\d{1,2}日)?|截[至止]|本年度?|全年|当年|其中|主要包括|主要为|主要是|包括|"
    r"主要用于以下方面|主要用于|以下方面|"
    r"按[^,;:。]{1,8}分类|\d{1,2}\.|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|本部门|本单位|"
    r"我局|我部门|我单位|本局|部门|单位|另|\"|[\u4e00-\u9fff]{1,16}?(?:局|部门|单位|中心|机关|本级|\(本级\)))*")

CHANGE_VERB_RE = re.compile(r"(?P<verb>增加|增长|上升|提高|减少|下降|降低|节约|节省|(?<=[各年比较,])增|(?<=[各年比较,])减)"
                            r"(?:了)?(?:为)?$")
RATE_RE = re.compile(r"(?P<verb>增长率|下降率|减少率|增长|下降|增加|减少|降低|上升|提高|增幅|降幅|减幅)(?:了)?"
                     r"(?:为|达|达到|是)?$")
COMPLETION_RE = re.compile(r"(?:完成(?:了)?(?:年初|全年|调整后?)?预算(?:数)?的?|预算(?:执行|完成)率|执行率|执行进度)"
                           r"(?:为|达|达到|是)?$")
PRIOR_RE = re.compile(r"(?:与|较|比|同比)(?P<year>上年度?|\d{4}年度?)(?:决算)?(?:数)?(?:的)?(?:为)?$")
YOY_RE = re.compile(r"(?:与|较|比|同比|比较)(?:上年|上年度|\d{4}年)|上年")
BUDGET_BASE_RE = re.compile(r"(?:较|比|与)(?:年初|全年|调整后)?预算")
UP_WORDS = ("增加", "增长", "上升", "提高", "增幅", "增", "增长率")
NAMED = -1  # placeholder `about` of a share whose numerator is named ('人员经费占基本支出的…')


def _direction(word: str) -> int:
    return 1 if word in UP_WORDS else -1


def _last_boundary(text: str, end: int, chars: str = CLAUSE_BOUNDARY, floor: int = 0) -> int:
    """Index just after the last boundary character before `end` (or `floor`)."""
    for i in range(end - 1, floor - 1, -1):
        if text[i] in chars:
            return i + 1
    return floor


# ------------------------------------------------------------------------------------------ subjects

GPB, FISCAL, GF, SOE, ALL = Scope.GPB, Scope.FISCAL, Scope.GF, Scope.SOE, Scope.ALL
SCOPE_RX = (r"(?P<scope>一般公共预算财政拨款|一般公共预算|政府性基金预算财政拨款|政府性基金预算|政府性基金|"
            r"国有资本经营预算财政拨款|国有资本经营预算|财政拨款)")


def scope_of(prefix: str | None) -> Scope | None:
    if not prefix:
        return None
    if prefix.startswith("一般公共预算"):
        return GPB
    if prefix.startswith("政府性基金"):
        return GF
    if prefix.startswith("国有资本"):
        return SOE
    return FISCAL


EXP_TOTAL = {GPB: "一般公共预算财政拨款支出", FISCAL: "财政拨款支出", GF: "政府性基金预算财政拨款支出",
             SOE: "国有资本经营预算财政拨款支出"}
INC_TOTAL = {GPB: "一般公共预算财政拨款收入", FISCAL: "财政拨款收入", GF: "政府性基金预算财政拨款收入",
             SOE: "国有资本经营预算财政拨款收入"}

NATURE = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
INCOME_TYPES = (*INC_TOTAL.values(), "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
ECONOMIC = ("工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出（基本建设）", "资本性支出", "债务利息及费用支出")
PERSONNEL_PARTS = ("工资福利支出", "对个人和家庭的补助")
PP = ("人员经费", "公用经费")
THREE = ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")
VEHICLE = ("公务用车购置费", "公务用车运行维护费")
RECEPTION = ("国内公务接待费", "外事接待费")
PROCUREMENT = ("政府采购货物支出", "政府采购工程支出", "政府采购服务支出")
EXP_TOTALS = ("本年支出合计", *EXP_TOTAL.values())
# subjects whose 口径 comes from the sentence or section they stand in
SCOPED = {*NATURE, *ECONOMIC, *PP, "年初结转和结余", "年末结转和结余"}
THREE_PUBLIC = "“三公”经费"


@dataclass
class Mention:
    start: int
    end: int
    subject: str
    scope: Scope | None = None  # stated with the subject
    code: str | None = None
    class_name: str | None = None
    kind: str = ""  # class / item / bare
    normalised: bool = True


def _fixed_patterns() -> list[tuple[re.Pattern, object]]:
    def const(subject, scope=None):
        return lambda m: (subject, scope)

    def by_scope(table, default=None):
        def build(m):
            scope = scope_of(m.group("scope"))
            return (table[scope] if scope else default), scope

        return build

    def fiscal_prefixed(base):
        return lambda m: (("财政拨款" + base) if m.group("f") else base, FISCAL if m.group("f") else ALL)

    specs: list[tuple[str, object]] = [
        (r"(?P<f>财政拨款)?收(?:入)?[、,和及]?支(?:出)?总计", fiscal_prefixed("收支总计")),
        (r"(?P<f>财政拨款)?收入总计", fiscal_prefixed("收入总计")),
        (r"(?P<f>财政拨款)?支出总计", fiscal_prefixed("支出总计")),
        (r"(?:本年度?)?收入合计|部门总体收入|部门总收入", const("本年收入合计", ALL)),
        (r"(?:本年度?)?支出合计|部门总体支出|部门总支出", const("本年支出合计", ALL)),
        (SCOPE_RX + r"(?:拨款)?收入(?!合计|总计)", by_scope(INC_TOTAL)),
        (r"(?P<x>上级补助|事业|经营|附属单位上缴|其他)收入", lambda m: (m.group("x") + "收入", None)),
        (r"使用非财政拨款结余", const("使用非财政拨款结余", ALL)),
        (SCOPE_RX + r"(?:拨款)?支出(?!合计|总计|决算表)", by_scope(EXP_TOTAL)),
        (r"一般公共预算财政拨款(?=(?:各|均)?(?:增加|减少|增长|下降|降低|上升))", const("一般公共预算财政拨款", GPB)),
        (SCOPE_RX + r"?(?P<x>基本支出|项目支出|上缴上级支出|经营支出|对附属单位补助支出)",
         lambda m: (m.group("x"), scope_of(m.group("scope")))),
        (SCOPE_RX + r"?年初(?P<f>财政拨款)?结转和结余",
         lambda m: ("年初结转和结余", scope_of(m.group("scope")) or (FISCAL if m.group("f") else None))),
        (SCOPE_RX + r"?年末(?P<f>财政拨款)?结转和结余",
         lambda m: ("年末结转和结余", scope_of(m.group("scope")) or (FISCAL if m.group("f") else None))),
        (r"人员经费", const("人员经费")),
        (r"(?:日常)?公用经费", const("公用经费")),
        (r'(?:财政拨款)?"?三公"?经费"?(?:财政拨款)?', const(THREE_PUBLIC, FISCAL)),
        (r"因公出国\(境\)(?:费用|经费|费)", const("因公出国（境）费", FISCAL)),
        (r"公务用车购置(?:费)?(?:及|和)运行(?:维护)?费|公务用车购置(?:费)?(?:及|和)运维费", const("公务用车购置及运行维护费", FISCAL)),
        (r"公务用车运行(?:维护)?费|公务用车运维费", const("公务用车运行维护费", FISCAL)),
        (r"公务用车购置(?:费|支出)?", const("公务用车购置费", FISCAL)),
        (r"国内公务接待(?:费|支出)?", const("国内公务接待费", FISCAL)),
        (r"外事接待(?:费|支出)?", const("外事接待费", FISCAL)),
        (r"公务接待费", const("公务接待费", FISCAL)),
        (r"机关运行(?:经)?费", const("机关运行经费")),
        (r"政府采购支出总额", const("政府采购支出总额")),
        (r"政府采购(?P<x>货物|工程|服务)支出", lambda m: (f"政府采购{m.group('x')}支出", None)),
        (r"(?:政府采购)?授予(?P<x>中小企业|小微企业)合同金额", lambda m: (f"授予{m.group('x')}合同金额", None)),
        (r"工资福利支出", const("工资福利支出")),
        (r"商品(?:和)?服务支出", const("商品和服务支出")),
        (r"对个人和家庭(?:的)?补助(?:支出)?", const("对个人和家庭的补助")),
        (r"资本性支出\(基本建设(?:支出)?\)", const("资本性支出（基本建设）")),
        (r"资本性支出(?!\()", const("资本性支出")),
        (r"债务利息及费用支出", const("债务利息及费用支出")),
    ]
    return [(re.compile(rx), fn) for rx, fn in specs]


FIXED = _fixed_patterns()
ITEM_CODE_RE = re.compile(r"(?P<name>[\u4e00-\u9fff()]{0,30}?)(?P<c>\d{3})\(类\)(?P<k>\d{2})\(款\)(?P<x>\d{2})\(项\)")
ITEM_NAME_RE = re.compile(r"(?P<c>[\u4e00-\u9fff]{2,16}?)\(类\)(?P<k>[^,;:。、]{1,30}?)\(款\)(?P<x>[^,;:。、]{1,40}?)\(项\)")


class Catalogue:
    """功能分类 names and codes for the document's year (classes matched by name in the text)."""

    def __init__(self, year: int | None):
        self.year = year
        try:
            from gongkai.catalog import codes

            self._codes = codes.all_codes(year)
        except Exception:  # pragma: no cover - catalogue always ships with the package
            self._codes = {}
        self.classes = {c.code: c.name for c in self._codes.values() if len(c.code) == 3}
        self._children: dict[str, list] = {}
        for c in self._codes.values():
            if len(c.code) > 3:
                self._children.setdefault(c.code[:-2], []).append(c)
        patterns = []
        for code, name in self.classes.items():
            stem = name[:-2] if name.endswith("支出") else name
            stem = stem[:-1] if stem.endswith("的") else stem
            if code in ("229", "227") or len(stem) < 2:  # 其他支出 / 预备费: only with （类）
                rx = re.escape(stem) + r"(?:的)?(?:支出)?\(类\)(?:支出)?"
            else:
                rx = re.escape(stem) + r"(?:的)?(?:支出(?:\(类\))?|\(类\)(?:支出)?)"
            patterns.append((re.compile(rx), code, name))
        self.class_patterns = patterns
        # one pass to tell whether any class pattern can match at all (most sentences name none)
        self.any_class = re.compile("|".join(p.pattern for p, _, _ in patterns)) if patterns else None

    def class_by_name(self, text: str) -> str | None:
        t = text.replace("(类)", "")
        for code, name in self.classes.items():
            stem = name[:-2] if name.endswith("支出") else name
            if t in (name, stem, stem.rstrip("的"), stem + "支出", stem.rstrip("的") + "支出"):
                return code
        return None

    def child_by_name(self, parent: str, name: str) -> str | None:
        def norm(s):
            return s.replace("支出", "").replace("的", "")

        kids = self._children.get(parent, [])
        for c in kids:
            if c.name == name:
                return c.code
        hits = [c.code for c in kids if norm(c.name) == norm(name)]
        return hits[0] if len(hits) == 1 else None


def find_mentions(text: str, cat: Catalogue) -> list[Mention]:
    """All subject mentions in `text`; mentions inside a longer one are dropped."""
    found: list[Mention] = []
    for m in ITEM_CODE_RE.finditer(text):
        code = m.group("c") + m.group("k") + m.group("x")
        name = m.group("name")
        found.append(Mention(m.start(), m.end(), subject=_item_subject(name, code, cat), code=code,
                             class_name=cat.classes.get(m.group("c")), kind="item"))
    for m in ITEM_NAME_RE.finditer(text):
        cls, kuan, xiang = m.group("c"), m.group("k"), m.group("x")
        ccode = cat.class_by_name(cls)
        kcode = cat.child_by_name(ccode, kuan) if ccode else None
        xcode = cat.child_by_name(kcode, xiang) if kcode else None
        cname = cat.classes.get(ccode) if ccode else (cls if cls.endswith("支出") else cls + "支出")
        found.append(Mention(m.start(), m.end(), subject=f"{cname}（类）{kuan}（款）{xiang}（项）".replace("(", "（")
                             .replace(")", "）"), code=xcode, class_name=cname, kind="item"))
    for rx, code, name in (cat.class_patterns if cat.any_class and cat.any_class.search(text) else ()):
        for m in rx.finditer(text):
            found.append(Mention(m.start(), m.end(), subject=name, code=code, class_name=name, kind="class"))
    for rx, fn in FIXED:
        for m in rx.finditer(text):
            subject, scope = fn(m)
            if subject:
                found.append(Mention(m.start(), m.end(), subject=subject, scope=scope,
                                     kind="bare" if subject == "一般公共预算财政拨款" else ""))
    # leftmost-longest, like a tokenizer: '“三公”经费财政拨款支出' is 三公 + glue, not 财政拨款支出
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def _item_subject(name: str, code: str, cat: Catalogue) -> str:
    name = name.replace("(", "（").replace(")", "）")
    return f"{name}（{code}）" if name else code


def strip_leadins(text: str) -> str:
    m = LEADIN_RE.match(text)
    return text[m.end():] if m else text


# ---------------------------------------------------------------------------------------- extraction

@dataclass
class Figure:
    kind: str  # amount / pct / cmp / flat
    start: int
    end: int
    printed: str = ""
    value: Decimal | None = None
    unit: Unit | None = None
    word: str = ""


def figures(norm: str) -> list[Figure]:
    out: list[Figure] = []
    for m in AMOUNT_RE.finditer(norm):
        if NOT_AN_AMOUNT_AFTER.match(norm[m.end():]) or NOT_AN_AMOUNT_BEFORE.search(norm[:m.start()]):
            continue
        printed = m.group("num").replace(",", "")
        unit = Unit.YUAN if m.group("unit") == "元" else Unit.WAN
        out.append(Figure("amount", m.start(), m.end(), printed, parse_number(printed), unit))
    for m in PCT_RE.finditer(norm):
        printed = m.group("num").replace(",", "")
        out.append(Figure("pct", m.start(), m.end(), printed, parse_number(printed)))
    for m in CMP_RE.finditer(norm):
        out.append(Figure("cmp", m.start(), m.end(), word=m.group("word")))
    for m in FLAT_RE.finditer(norm):
        if "基本" in norm[max(0, m.start("word") - 2):m.start("word")]:
            continue
        out.append(Figure("flat", m.start(), m.end(), word=m.group("word")))
    out.sort(key=lambda f: f.start)
    kept: list[Figure] = []
    for f in out:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept


@dataclass
class Unit_:
    """A run of section lines read as continuous text (a list item starts a new run)."""

    text: str
    lines: list[int | None]  # source line of every character of `text`


@dataclass
class Subj:
    subject: str
    scope: Scope | None = None
    code: str | None = None
    class_name: str | None = None
    normalised: bool = True
    mention: Mention | None = None

    @classmethod
    def of(cls, m: Mention) -> "Subj":
        return cls(m.subject, m.scope, m.code, m.class_name, m.normalised, m)


@dataclass
class _SectionState:
    group: int | None = None
    group_subject: Subj | None = None  # the subject a continuing sentence inherits
    lead_subject: Subj | None = None  # the total the group's list is about ('…支出决算中，' or its first amount)
    lead_claims: list[int] = field(default_factory=list)  # amounts of the lead subject in the group
    open_list: list[int] = field(default_factory=list)  # lead amounts whose 其中 list runs over later sentences
    prev_subject: str | None = None  # last normalised subject in the section (for 一般公共预算财政拨款增加…)
    prev_leads: list[int] = field(default_factory=list)  # lead amounts of the last group that had any

    def start_group(self, number: int, subject: "Subj | None", lead_only: bool = False) -> None:
        if self.lead_claims:
            self.prev_leads = list(self.lead_claims)
        self.group = number
        self.group_subject = subject if subject is not None and subject.normalised else None
        self.lead_subject = self.group_subject if lead_only else None
        self.lead_claims = []


@lru_cache(maxsize=16)
def catalogue(year: int | None) -> Catalogue:
    """The Catalogue of a year, built once per process."""
    return Catalogue(year)


class Extractor:
    def __init__(self, doc: Document):
        self.doc = doc
        self.cat = catalogue(doc.year)
        self.claims: list[Claim] = []
        self.next_group = 0
        self._source = _source_lines(doc)

    # --------------------------------------------------------------------------------- per section
    def run(self) -> list[Claim]:
        for section in self.doc.sections:
            if section.text.strip():
                self.section(section)
        return self.claims

    def section(self, section: Section) -> None:
        st = _SectionState()
        for unit in self._units(section):
            norm, origin = normalise(unit.text)
            if LIST_MARKER.match(unit.text):  # a list item never continues the sentence before it
                if st.lead_claims:
                    st.prev_leads = st.lead_claims
                st.group = None
                st.group_subject = st.lead_subject = None
                st.lead_claims = []
            start = 0
            for i, ch in enumerate(norm):
                if ch == "。" or i == len(norm) - 1:
                    if norm[start:i + 1].strip("。"):
                        self.sentence(section, st, unit, norm[start:i + 1], origin[start:i + 1])
                    start = i + 1

    def _units(self, section: Section) -> list[Unit_]:
        lines = section.text.split("\n")
        numbers = _line_numbers(section, lines, self._source)
        units: list[Unit_] = []
        text, nos = "", []
        for line, no in zip(lines, numbers):
            if text and (LIST_MARKER.match(line) or HEADING_LINE.search(text.rsplit("\n", 1)[-1])):
                units.append(Unit_(text, nos))
                text, nos = "", []
            if text:
                text += "\n"
                nos.append(no)
            text += line
            nos.extend([no] * len(line))
        if text:
            units.append(Unit_(text, nos))
        return units

    def _new_group(self, st: _SectionState, subject: Subj | None, lead_only: bool = False) -> None:
        st.start_group(self.next_group, subject, lead_only)
        self.next_group += 1

    # -------------------------------------------------------------------------------- per sentence
    def sentence(self, section: Section, st: _SectionState, unit: Unit_, norm: str, origin: list[int]) -> None:
        figs = figures(norm)
        first_src = origin[0]
        original = unit.text[origin[0]:origin[-1] + 1].replace("\n", "")
        continuation = norm.startswith(("占", "完成")) or bool(re.match(r"按[^,;:。]{1,8}分类:", norm))
        head_end = min([i for i, ch in enumerate(norm) if ch in ",;:。"] or [len(norm)])
        head = None
        if not figs or figs[0].start > head_end:
            head = self._subject_only(norm)
        if re.fullmatch(r"(?:其中|包括|具体(?:情况)?如下|主要(?:包括|用于以下方面)):?。?", norm):
            if st.lead_claims:
                st.open_list = list(st.lead_claims)
            return
        if not figs:
            if head is not None:
                self._new_group(st, head, lead_only=True)
            return
        if re.match(r"其中[,:]?", norm) and (st.lead_claims or st.prev_leads):
            st.open_list = list(st.lead_claims or st.prev_leads)  # '…6280.07万元。…。其中，人员经费…'
        here: list[Claim] = []
        current: Subj | None = head  # most recent subject inside this sentence
        prev_end = 0
        group_decided = False
        if head is not None and not continuation:
            self._new_group(st, head, lead_only=True)
            group_decided = True

        def new_claim(fig: Figure, kind: ClaimKind, subj: Subj | None, start: int, **kw) -> Claim:
            s = subj or Subj("", normalised=False)
            text = unit.text[origin[start]:origin[fig.end - 1] + 1].replace("\n", "")
            offset = len(unit.text[first_src:origin[start]].replace("\n", ""))
            lines = [n for n in unit.lines[origin[start]:origin[fig.end - 1] + 1] if n is not None]
            span = Span(line=min(lines), line_end=max(lines) if max(lines) != min(lines) else None) if lines \
                else section.span
            c = Claim(kind=kind, subject=s.subject, value=fig.value, unit=fig.unit, text=text,
                      section=list(section.path), span=span, group=st.group, id=len(self.claims),
                      normalised=s.normalised and bool(s.subject), scope=s.scope, code=s.code,
                      class_name=s.class_name, printed=fig.printed or None, sentence=original, offset=offset, **kw)
            self.claims.append(c)
            here.append(c)
            return c

        for fig in figs:
            lead = norm[prev_end:fig.start]
            clause_start = _last_boundary(norm, fig.start, STRONG_BOUNDARY, prev_end)
            clause_lead = norm[_last_boundary(norm, fig.start, STRONG_BOUNDARY):fig.start]
            subj: Subj | None = None
            own = False
            start = clause_start
            kind: ClaimKind | None = None
            extra: dict = {}
            named_numerator = False

            if fig.kind == "amount":
                verb = CHANGE_VERB_RE.search(lead)
                prior = PRIOR_RE.search(lead)
                if verb:
                    kind = ClaimKind.CHANGE_AMOUNT
                    extra["direction"] = _direction(verb.group("verb"))
                    subj, own, start, _ = self._resolve(norm, prev_end, prev_end + verb.start(), change=True)
                    extra["base_subject"] = ("上年" if YOY_RE.search(norm[:fig.start]) else
                                             "预算" if BUDGET_BASE_RE.search(clause_lead) else None)
                    extra["period"] = "本年"
                elif prior:
                    kind = ClaimKind.AMOUNT
                    year = prior.group("year")
                    extra["period"] = "上年" if (year.startswith("上年") or self.doc.year is None or
                                                 year.startswith(str(self.doc.year - 1))) else year.rstrip("度")
                    start = prev_end + prior.start()
                else:
                    kind = ClaimKind.AMOUNT
                    subj, own, start, glue = self._resolve(norm, prev_end, fig.start)
                    extra["period"] = _period_of(glue)
            elif fig.kind == "pct":
                share_at = clause_lead.rfind("占")
                if COMPLETION_RE.search(clause_lead):
                    kind = ClaimKind.COMPLETION
                elif share_at >= 0 and "占比为零" not in clause_lead:
                    kind = ClaimKind.SHARE
                elif RATE_RE.search(clause_lead):
                    kind = ClaimKind.CHANGE_RATE
                    extra["direction"] = _direction(RATE_RE.search(clause_lead).group("verb"))
                    extra["base_subject"] = ("上年" if YOY_RE.search(norm[:fig.start]) else
                                             "预算" if BUDGET_BASE_RE.search(clause_lead) else None)
                else:
                    prev_end = fig.end
                    continue
                if kind is ClaimKind.SHARE:
                    abs_share = _last_boundary(norm, fig.start, STRONG_BOUNDARY) + share_at
                    clause0 = _last_boundary(norm, abs_share, STRONG_BOUNDARY, 0)
                    before = strip_leadins(norm[max(clause0, prev_end):abs_share])
                    if before:  # 'X占Y的Z%': the numerator is named
                        named_numerator = True
                        subj = self._mention_at_end(before) or Subj(before, normalised=False)
                        own, start = True, clause0
                    extra.update(self._share_base(norm[abs_share + 1:fig.start]))
            elif fig.kind == "cmp":
                kind = ClaimKind.COMPARISON
                extra["direction"] = {"大于": 1, "高于": 1, "超过": 1, "超出": 1, "小于": -1, "低于": -1}.get(fig.word, 0)
                start = fig.start
            else:  # flat
                kind = ClaimKind.FLAT
                extra["direction"] = 0
                extra["base_subject"] = "上年"
                start = _last_boundary(norm, fig.start, STRONG_BOUNDARY, prev_end)
                mention = self._mention_at_end(norm[start:fig.start])
                if mention is not None:
                    subj, own = mention, True

            # the first figure decides whether this sentence starts a group or continues the last one
            if not group_decided:
                group_decided = True
                if (own and not continuation) or st.group is None:
                    self._new_group(st, subj)
            if subj is None:
                subj = current or st.group_subject
            if (subj is not None and subj.subject in ("收入总计", "支出总计") and current is not None
                    and current.subject.startswith("财政拨款") and current.subject.endswith("总计")):
                subj = Subj("财政拨款" + subj.subject, FISCAL, mention=subj.mention)  # '财政拨款收入总计X、支出总计Y'
            if subj is not None and subj.subject == "一般公共预算财政拨款":
                subj = (Subj(EXP_TOTAL[GPB], GPB) if (st.prev_subject or "").startswith(EXP_TOTAL[GPB])
                        else Subj(subj.subject, GPB, normalised=False))
            claim = new_claim(fig, kind, subj, start, **extra)
            if named_numerator:
                claim.about = NAMED  # resolved in _structure, by the numerator's name only
            if kind in (ClaimKind.AMOUNT, ClaimKind.CHANGE_AMOUNT) and subj is not None and subj.subject:
                current = subj
            if kind is ClaimKind.AMOUNT and claim.normalised and claim.period != "上年":
                if st.lead_subject is None and not st.lead_claims:
                    st.lead_subject = subj
                if st.lead_subject is not None and claim.subject == st.lead_subject.subject:
                    st.lead_claims.append(claim.id)
                if st.group_subject is None:
                    st.group_subject = subj
            if claim.normalised:
                st.prev_subject = claim.subject
            prev_end = fig.end

        self._structure(section, st, here, norm)

    def _resolve(self, norm: str, lo: int, hi: int, change: bool = False) -> tuple[Subj | None, bool, int, str]:
        """The subject of the figure whose lead text is norm[lo:hi]: (subject or None to inherit, whether the
        sentence names it itself, where the fragment starts, the connecting words before the number)."""
        lead = norm[lo:hi]
        mentions = find_mentions(lead, self.cat)
        glue_rx = CHANGE_GLUE_RE if change else GLUE_RE
        if mentions:
            m = mentions[-1]
            b = _last_boundary(lead, m.start)
            before, after = lead[b:m.start], lead[m.end:]
            if LEADIN_RE.fullmatch(before) and glue_rx.fullmatch(after):
                return Subj.of(m), True, lo + b, after
        seg_start = _last_boundary(lead, len(lead))
        segment = lead[seg_start:]
        if (INHERIT_GLUE_RE.fullmatch(segment) or (change and CHANGE_GLUE_RE.fullmatch(segment))
                or LEADIN_RE.fullmatch(segment)):
            return None, False, lo + seg_start, segment
        free = strip_leadins(segment)
        free = re.sub(r"(?:为|是|达|共计|合计|:)+$", "", free)
        return Subj(free, normalised=False), True, lo + seg_start, segment

    def _mention_at_end(self, text: str) -> Subj | None:
        """A subject that ends `text` (modulo glue) and starts its clause."""
        mentions = find_mentions(text, self.cat)
        if not mentions:
            return None
        m = mentions[-1]
        b = _last_boundary(text, m.start)
        if LEADIN_RE.fullmatch(text[b:m.start]) and GLUE_RE.fullmatch(text[m.end:]):
            return Subj.of(m)
        return None

    def _subject_only(self, norm: str) -> Subj | None:
        """A sentence that names a subject and no figure: '4.住房保障支出221(类)02(款)01(项)。',
        '“三公”经费财政拨款支出决算中，'."""
        head = re.split(r"[,;:。]", norm, maxsplit=1)[0]
        mentions = find_mentions(head, self.cat)
        if not mentions:
            return None
        m = mentions[-1]
        if LEADIN_RE.fullmatch(head[:m.start]) and re.fullmatch(GLUE_RE.pattern + r"(?:中|情况)?", head[m.end:]):
            return Subj.of(m)
        return None

    def _share_base(self, tail: str) -> dict:
        """What follows 占 up to the number: '' / '比' (the list total), '本年支出合计的', '…320元/人·年的'."""
        tail = re.sub(r"(?:的)?(?:比重|比例)?(?:为|是)?$", "", tail)
        if tail in ("", "比", "比为"):
            return {}
        inline = AMOUNT_RE.search(tail)
        out: dict = {"base_subject": strip_leadins(tail.rstrip("的"))}
        if inline:
            printed = inline.group("num").replace(",", "")
            out.update(base_value=parse_number(printed), base_printed=printed,
                       base_unit=Unit.YUAN if inline.group("unit") == "元" else Unit.WAN)
            return out
        m = self._mention_at_end(strip_leadins(tail.rstrip("的")))
        if m is not None:
            out["base_subject"] = m.subject
        return out

    def _structure(self, section: Section, st: _SectionState, here: list[Claim], norm: str) -> None:
        """Parents (其中 lists), scopes and periods inherited from the list total, and what each
        share/change/completion is about."""
        for c in here:
            if c.kind is not ClaimKind.AMOUNT or not c.normalised:
                continue
            kind = _kind_of(c)
            parent = None
            is_lead = c.id in st.lead_claims
            nearest = [x for x in here if x.id < c.id and x.kind is ClaimKind.AMOUNT and x.normalised
                       and is_child(x.subject, c.subject, kind) and _period_fits(x, c)]
            if nearest:
                parent = nearest[-1]
            elif not is_lead and st.lead_subject is not None and is_child(st.lead_subject.subject, c.subject, kind):
                parent = self._pick_parent(st.lead_claims, c)
                if parent is None:
                    c.parent_subject = st.lead_subject.subject
            elif st.open_list and is_child(self.claims[st.open_list[0]].subject, c.subject, kind):
                parent = self._pick_parent(st.open_list, c)
            if parent is not None:
                c.parent, c.parent_subject = parent.id, parent.subject
                if parent.period in BUDGET_PERIODS and c.period == "本年" and not _explicit_actual(c):
                    c.period = parent.period
        # a total followed by 其中/主要用于以下方面/包括 opens a list over the following sentences
        if st.lead_claims and re.search(r"(?:其中|主要用于以下方面|包括|具体(?:情况)?如下):", norm):
            st.open_list = list(st.lead_claims)
        # scopes: stated > list total > section heading > 全部
        heading = "".join(section.path)
        heading_scope = (GPB if "一般公共预算" in heading else GF if "政府性基金" in heading else
                         SOE if "国有资本" in heading else FISCAL if "财政拨款" in heading else None)
        for c in here:
            if c.kind not in (ClaimKind.AMOUNT, ClaimKind.CHANGE_AMOUNT) or not c.normalised:
                continue
            if c.scope is None and (c.subject in SCOPED or c.code or c.class_name):
                parent = self.claims[c.parent] if c.parent is not None else None
                c.scope = ((parent.scope if parent is not None else None) or _scope_of_total(c.parent_subject)
                           or heading_scope or ALL)
            elif c.scope is None and c.subject in INC_TOTAL.values():
                c.scope = scope_of(c.subject)
            elif c.scope is None and c.subject in EXP_TOTALS:
                c.scope = _scope_of_total(c.subject)
            if c.parent_subject is None and c.subject in PP:
                c.parent_subject = "基本支出" if "基本支出" in heading else None
        # what each share / change / completion is about
        group = [x for x in self.claims if x.group == st.group]
        for c in here:
            before = [x for x in group if x.id < c.id and x.kind is ClaimKind.AMOUNT]
            if c.kind is ClaimKind.SHARE:
                if c.about == NAMED:  # named numerator: only an amount of that very subject, this group or section
                    named = [x for x in before if x.subject == c.subject and x.period != "上年"]
                    if not named and c.normalised:
                        named = [x for x in self.claims[:c.id] if x.kind is ClaimKind.AMOUNT and x.normalised
                                 and x.subject == c.subject and x.period == "本年" and x.section == c.section]
                    c.about = named[-1].id if named else None
                else:
                    c.about = before[-1].id if before else None
                if c.about is not None:
                    num = self.claims[c.about]
                    c.subject, c.scope, c.normalised = num.subject, num.scope, num.normalised
                    c.parent, c.parent_subject = num.parent, num.parent_subject
                    c.code, c.class_name = num.code, num.class_name
            elif c.kind in (ClaimKind.CHANGE_RATE, ClaimKind.COMPLETION, ClaimKind.CHANGE_AMOUNT, ClaimKind.COMPARISON):
                same = [x for x in before if x.subject == c.subject and x.period == "本年"]
                c.about = same[-1].id if same else None
                if c.about is not None and c.scope is None:
                    c.scope = self.claims[c.about].scope

    def _pick_parent(self, leads: list[int], c: Claim) -> Claim | None:
        """The lead amount a part belongs to: the latest one before it of the same period; a lone 预算 total
        also takes parts that do not say 决算."""
        before = [self.claims[i] for i in leads if i < c.id]
        same = [p for p in before if p.period == c.period]
        if same:
            return same[-1]
        if len(before) == 1 and before[0].period in BUDGET_PERIODS and not _explicit_actual(c):
            return before[0]
        return None


BUDGET_PERIODS = ("预算", "年初预算")


def _period_of(glue: str) -> str:
    """本年 (决算), 年初预算, or 预算 (全年/调整后预算) from the words between a subject and its number."""
    if "预算" in glue and not re.search("决算|执行|实际", glue):
        return "年初预算" if "年初" in glue else "预算"
    return "本年"


def _period_fits(parent: Claim, c: Claim) -> bool:
    return parent.period == c.period or (parent.period in BUDGET_PERIODS and c.period == "本年"
                                         and not _explicit_actual(c))


def _explicit_actual(c: Claim) -> bool:
    return bool(re.search("决算|执行|实际", c.text))


def level_of(c: Claim) -> str:
    """'item' for a 款/项 subject, 'class' for a 功能分类 类, '' otherwise."""
    return "item" if c.code and len(c.code) >= 5 or "（项）" in c.subject else "class" if c.class_name else ""


_kind_of = level_of


def _scope_of_total(subject: str | None) -> Scope | None:
    if not subject:
        return None
    for scope, name in (*EXP_TOTAL.items(), *INC_TOTAL.items()):
        if subject == name:
            return scope
    if subject in ("本年支出合计", "本年收入合计", "收支总计", "收入总计", "支出总计"):
        return ALL
    if subject in ("财政拨款收支总计", "财政拨款收入总计", "财政拨款支出总计"):
        return FISCAL
    return None


def dimension(subject: str, kind: str = "") -> str | None:
    """Which breakdown a part belongs to (parts of one total are only summed within a dimension)."""
    if kind == "item":
        return "item"
    if kind == "class":
        return "class"
    for name, members in (("nature", NATURE), ("income", INCOME_TYPES), ("economic", ECONOMIC), ("pp", PP),
                          ("three", THREE), ("vehicle", VEHICLE), ("reception", RECEPTION),
                          ("procurement", PROCUREMENT)):
        if subject in members:
            return name
    return None


def is_child(parent: str, child: str, kind: str = "") -> bool:
    """Whether `child` is a part of `parent` in one of the standard breakdowns."""
    if not parent or not child or parent == child:
        return False
    if parent in EXP_TOTALS:
        return (kind in ("class", "item") or child in NATURE or child in ECONOMIC
                or (child in PP and parent != "本年支出合计"))
    if parent in ("本年收入合计",):
        return child in INCOME_TYPES
    if parent == "基本支出":
        return child in PP or child in ECONOMIC
    if parent == "人员经费":
        return child in PERSONNEL_PARTS
    if parent == THREE_PUBLIC:
        return child in THREE or child in VEHICLE
    if parent == "公务用车购置及运行维护费":
        return child in VEHICLE
    if parent == "公务接待费":
        return child in RECEPTION
    if parent == "政府采购支出总额":
        return child in PROCUREMENT or child == "授予中小企业合同金额"
    if parent == "授予中小企业合同金额":
        return child == "授予小微企业合同金额"
    return False


# ------------------------------------------------------------------------------------ line numbers

def _source_lines(doc: Document) -> list[str] | None:
    """The cleaned lines of a text source, to place each sentence on its own line (None when unavailable)."""
    if doc.source.format != "text" or not doc.source.path:
        return None
    path = Path(doc.source.path)
    try:
        if not path.is_file():
            return None
        data = path.read_bytes()
    except OSError:
        return None
    from gongkai.ingest import decode_text
    from gongkai.ingest.base import ReadError
    from gongkai.ingest.text import clean_text

    try:
        text = decode_text(data)
    except ReadError:
        return None

    return [clean_text(line) for line in text.splitlines()]


def _line_numbers(section: Section, lines: list[str], source: list[str] | None) -> list[int | None]:
    """The source line of every line of a section's text."""
    span = section.span
    if span is None or span.line is None:
        return [None] * len(lines)
    first, last = span.line, span.line_end or span.line
    if source is not None:
        out: list[int | None] = []
        j = first
        for line in lines:
            k = j
            while k <= last and k - 1 < len(source) and source[k - 1] != line:
                k += 1
            if k <= last and k - 1 < len(source):
                out.append(k)
                j = k + 1
            else:
                out.append(None)
        if all(o is not None for o in out):
            return out
    if last - first + 1 == len(lines):
        return list(range(first, last + 1))
    if len(lines) == 1:
        return [first]
    return [None] * len(lines)


# ------------------------------------------------------------------------------------------ linking

def _cell_ref(doc: Document, template: str, row_key: str | None, column: str, code: str | None = None,
              require_unit: bool = True) -> CellRef | None:
    for ti, t in enumerate(doc.tables):
        if t.template_id != template:
            continue
        if require_unit and t.unit is None:
            return None
        row = t.by_code(code) if code else t.row(row_key) if row_key else None
        if row is None or column not in row.cells:
            return None
        return CellRef(table_index=ti, row_index=t.rows.index(row), column=column)
    return None


def _has(doc: Document, template: str) -> bool:
    return any(t.template_id == template for t in doc.tables)


def fiscal_is_gpb(doc: Document, claims: list[Claim] | None = None) -> bool:
    """Whether all 财政拨款 of the year is 一般公共预算 (no 政府性基金 / 国有资本经营 money): then 财政拨款 and
    一般公共预算财政拨款 figures are the same quantity."""
    t = doc.table("final.fiscal_summary")
    if t is not None and t.row("exp_total") is not None:
        r = t.row("exp_total")
        vals = [r.cells.get(c) for c in ("gf", "soe")]
        if all(v is not None and v.zero_or_value is not None for v in vals):
            return all(v.zero_or_value == 0 for v in vals)
    claims = claims if claims is not None else doc.claims
    text = "".join(s.text for s in doc.sections)
    zero = {}
    for key, subject in (("gf", EXP_TOTAL[GF]), ("soe", EXP_TOTAL[SOE])):
        stated = [c.value for c in claims if c.kind is ClaimKind.AMOUNT and c.subject == subject
                  and c.period == "本年" and c.value is not None]
        words = ("政府性基金",) if key == "gf" else ("国有资本经营",)
        said_none = any(re.search(rf"(?:无|没有|未(?:使用|安排|发生)?){w}", text) for w in words)
        zero[key] = (bool(stated) and all(v == 0 for v in stated)) or (not stated and said_none)
    return zero["gf"] and zero["soe"]


def link(doc: Document, claims: list[Claim]) -> None:
    """Point every normalised amount at the cell(s) it restates, when the tables are there."""
    if not any(t.template_id and t.template_id.startswith("final.") for t in doc.tables):
        return
    same = fiscal_is_gpb(doc, claims)
    for c in claims:
        if c.kind is not ClaimKind.AMOUNT or not c.normalised or c.value is None or c.unit is None:
            continue
        c.refs = [r for r in candidates(doc, c, same) if r is not None]


def candidates(doc: Document, c: Claim, fiscal_same: bool) -> list[CellRef | None]:
    s, scope, period = c.subject, c.scope, c.period
    S, F, E, G = "final.summary", "final.fiscal_summary", "final.expenditure", "final.gpb_expenditure"
    if period in BUDGET_PERIODS:
        col = {THREE_PUBLIC: "budget_total", "因公出国（境）费": "budget_abroad", "公务用车购置及运行维护费": "budget_vehicle",
               "公务用车购置费": "budget_vehicle_buy", "公务用车运行维护费": "budget_vehicle_run",
               "公务接待费": "budget_reception"}.get(s)
        return [_cell_ref(doc, "final.three_public", "amounts", col)] if col else []
    if period != "本年":
        return []
    if scope == FISCAL and fiscal_same and (s in SCOPED or c.code or c.class_name):
        scope = GPB
    simple = {
        "收支总计": [(S, "inc_grand", "amount"), (S, "exp_grand", "amount")],
        "收入总计": [(S, "inc_grand", "amount")], "支出总计": [(S, "exp_grand", "amount")],
        "财政拨款收支总计": [(F, "inc_grand", "amount"), (F, "exp_grand", "total")],
        "财政拨款收入总计": [(F, "inc_grand", "amount")], "财政拨款支出总计": [(F, "exp_grand", "total")],
        "本年收入合计": [(S, "inc_total", "amount")], "本年支出合计": [(S, "exp_total", "amount")],
        "一般公共预算财政拨款收入": [(S, "inc_gpb", "amount")],
        "财政拨款收入": [(S, "inc_gpb", "amount"), (F, "inc_total", "amount"), ("final.income", "total", "fiscal")],
        "政府性基金预算财政拨款收入": [(S, "inc_gf", "amount"), ("final.gov_fund", "total", "income")],
        "国有资本经营预算财政拨款收入": [(S, "inc_soe", "amount")],
        "上级补助收入": [(S, "inc_upper", "amount")], "事业收入": [(S, "inc_business", "amount")],
        "经营收入": [(S, "inc_operating", "amount")], "附属单位上缴收入": [(S, "inc_affiliated", "amount")],
        "其他收入": [(S, "inc_other", "amount")], "使用非财政拨款结余": [(S, "inc_use_surplus", "amount")],
        "一般公共预算财政拨款支出": [(G, "total", "total")],
        "财政拨款支出": [(F, "exp_total", "total")],
        "政府性基金预算财政拨款支出": [("final.gov_fund", "total", "total")],
        "国有资本经营预算财政拨款支出": [("final.soe_capital_expenditure", "total", "total")],
        THREE_PUBLIC: [("final.three_public", "amounts", "actual_total")],
        "因公出国（境）费": [("final.three_public", "amounts", "actual_abroad")],
        "公务用车购置及运行维护费": [("final.three_public", "amounts", "actual_vehicle")],
        "公务用车购置费": [("final.three_public", "amounts", "actual_vehicle_buy")],
        "公务用车运行维护费": [("final.three_public", "amounts", "actual_vehicle_run")],
        "公务接待费": [("final.three_public", "amounts", "actual_reception")],
        "政府采购支出总额": [("final.info_stats", "procurement_total", "value")],
        "政府采购货物支出": [("final.info_stats", "procurement_goods", "value")],
        "政府采购工程支出": [("final.info_stats", "procurement_works", "value")],
        "政府采购服务支出": [("final.info_stats", "procurement_services", "value")],
    }
    if s in simple:
        return [_cell_ref(doc, t, r, col) for t, r, col in simple[s]]
    if s == "机关运行经费":
        t = doc.table("final.info_stats")
        civil = t.row("running_civil_service") if t is not None else None
        if civil is None or (civil.cells.get("value") is not None and civil.cells["value"].zero_or_value == 0):
            return [_cell_ref(doc, "final.info_stats", "running_admin", "value")]
        return []
    nature_col = {"基本支出": "basic", "项目支出": "project", "上缴上级支出": "upper_remit", "经营支出": "operating",
                  "对附属单位补助支出": "affiliated_subsidy"}
    if s in nature_col:
        if scope == ALL:
            return [_cell_ref(doc, E, "total", nature_col[s])]
        if scope == GPB and s in ("基本支出", "项目支出"):
            return [_cell_ref(doc, G, "total", nature_col[s])]
        if scope == FISCAL and s == "基本支出":
            return [_cell_ref(doc, G, "total", "basic")]
        if scope == GF and s in ("基本支出", "项目支出"):
            return [_cell_ref(doc, "final.gov_fund", "total", nature_col[s])]
        return []
    if s in ("年初结转和结余", "年末结转和结余"):
        begin = s.startswith("年初")
        if scope == ALL:
            return [_cell_ref(doc, S, "inc_begin" if begin else "exp_end", "amount")]
        if scope == FISCAL:
            return [_cell_ref(doc, F, "inc_begin", "amount") if begin else _cell_ref(doc, F, "exp_end", "total")]
        if scope == GF:
            return [_cell_ref(doc, "final.gov_fund", "total", "begin" if begin else "end")]
        return []
    if s in PP:
        t = doc.table("final.gpb_basic")
        if t is None or scope not in (GPB, FISCAL):
            return []
        key = "personnel_total" if s == "人员经费" else "public_total"
        has_basic = t.column("basic") is not None
        if c.parent_subject == "基本支出":
            return [_cell_ref(doc, "final.gpb_basic", key, "basic" if has_basic else "amount")]
        if c.parent_subject in (EXP_TOTAL[GPB], EXP_TOTAL[FISCAL]) and has_basic:
            return [_cell_ref(doc, "final.gpb_basic", key, "amount")]
        return []
    if c.code and (c.class_name or c.code.isdigit()):
        code = c.code
        if scope == ALL:
            if len(code) == 3 and _has(doc, S) and doc.table(S).by_code(code) is not None:
                return [_cell_ref(doc, S, None, "amount", code=code)]
            return [_cell_ref(doc, E, None, "total", code=code)]
        if scope == GPB:
            return [_cell_ref(doc, G, None, "total", code=code)]
        if scope == FISCAL:
            if len(code) == 3:
                return [_cell_ref(doc, F, None, "total", code=code)]
            return [_cell_ref(doc, G, None, "total", code=code),
                    _cell_ref(doc, "final.gov_fund", None, "total", code=code)]
        if scope == GF:
            return [_cell_ref(doc, "final.gov_fund", None, "total", code=code)]
    return []


def resolve_codes_from_tables(doc: Document, claims: list[Claim], cat: Catalogue | None = None) -> None:
    """Items named without a code (X（类）Y（款）Z（项）) whose code the catalogue could not settle: take it from
    the tables when exactly one row under the class carries that 项 name."""
    for c in claims:
        if c.code or "（项）" not in c.subject:
            continue
        m = re.search(r"（款）(?P<x>.+)（项）$", c.subject)
        cls = c.class_name
        if not m:
            continue
        cat = cat or catalogue(doc.year)
        class_code = cat.class_by_name(cls) if cls else None
        name = m.group("x")
        hits = set()
        for t in doc.tables:
            if t.template_id not in ("final.expenditure", "final.gpb_expenditure", "final.income"):
                continue
            for r in t.rows:
                if r.code and len(r.code) == 7 and r.label.replace(" ", "") == name:
                    if class_code is None or r.code[:3] == class_code:
                        hits.add(r.code)
        if len(hits) == 1:
            c.code = hits.pop()


def extract_claims(doc: Document) -> list[Claim]:
    """Read the figures the narrative states, tie the figures of one sentence together, link them to cells."""
    extractor = Extractor(doc)
    claims = extractor.run()
    resolve_codes_from_tables(doc, claims, extractor.cat)
    link(doc, claims)
    return claims


__all__ = [
    "Catalogue", "candidates", "dimension", "extract_claims", "find_mentions", "fiscal_is_gpb", "is_child", "level_of",
    "normalise",
]
