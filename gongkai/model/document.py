"""The whole disclosure."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field

from gongkai.model.claim import Claim
from gongkai.model.location import Span
from gongkai.model.performance import PerformanceEvaluation
from gongkai.model.table import Table

SCHEMA_VERSION = "1"


class DocumentKind(str, Enum):
    DEPT_FINAL = "部门决算"
    DEPT_BUDGET = "部门预算"
    UNIT_FINAL = "单位决算"
    UNIT_BUDGET = "单位预算"

    @property
    def is_final(self) -> bool:
        return self in (DocumentKind.DEPT_FINAL, DocumentKind.UNIT_FINAL)


class Source(BaseModel):
    path: str
    sha256: str
    format: str = Field(description="text, pdf, docx, xlsx, html, ...")
    pages: int | None = None
    lines: int | None = None
    parts: list["Source"] = Field(default_factory=list,
                                  description="files merged into this document (--as-one), in page order")


class Section(BaseModel):
    """A headed part of the narrative: heading path like 第二部分 › 一、… › （一）…"""

    path: list[str]
    text: str = ""
    span: Span | None = None
    line_confidence: list[float | None] = Field(
        default_factory=list,
        description="OCR confidence (0–1) of each line of text (None for a line with a text layer); "
                    "empty when no line was OCR'd")

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else ""

    def confidence_of(self, fragment: str | None) -> float | None:
        """The lowest OCR confidence of the lines a fragment of the text was read from: every place the
        fragment occurs (line breaks read as spaces), or the whole section when it is not found. None
        when none of those lines was OCR'd."""
        if not self.line_confidence:
            return None
        lines = self.text.split("\n")
        confs = (self.line_confidence + [None] * len(lines))[:len(lines)]
        flat = self.text.replace("\n", " ")
        starts, k = [], 0
        for line in lines:
            starts.append(k)
            k += len(line) + 1
        needle = (fragment or "").replace("\n", " ").strip()
        hit = set()
        pos = flat.find(needle) if needle else -1
        while pos >= 0:
            end = pos + len(needle)
            hit.update(i for i, s in enumerate(starts) if s < end and s + len(lines[i]) >= pos)
            pos = flat.find(needle, pos + 1)
        chosen = [confs[i] for i in (hit or range(len(lines))) if confs[i] is not None]
        return min(chosen) if chosen else None


class Document(BaseModel):
    schema_version: str = SCHEMA_VERSION
    kind: DocumentKind | None = None
    year: int | None = Field(default=None, description="fiscal year the disclosure covers")
    unit_name: str | None = None
    region: str | None = Field(default=None, description="province (and lower area) when stated")
    level: str | None = Field(default=None, description="省级 / 市级 / 县级 … when stated or inferred")
    profile: str | None = Field(default=None, description="template profile recognised, e.g. national, hunan")
    is_disclosure: bool | None = Field(
        default=None, description="whether the file is a 部门/单位 预算/决算 disclosure at all, judged from its "
                                  "content (cover, standard tables, part headings); None when it cannot be told")
    disclosure_reason: str | None = Field(default=None, description="why, in a short Chinese sentence")
    source: Source
    sections: list[Section] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list, description="figures stated in the narrative")
    performance: list[PerformanceEvaluation] = Field(default_factory=list)

    def table(self, template_id: str) -> Table | None:
        return next((t for t in self.tables if t.template_id == template_id), None)

    def tables_of(self, template_id: str) -> list[Table]:
        return [t for t in self.tables if t.template_id == template_id]
