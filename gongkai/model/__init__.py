"""The canonical disclosure model. Everything else speaks this."""

from gongkai.model.amount import Amount, Unit, convert
from gongkai.model.claim import CellRef, Claim, ClaimKind
from gongkai.model.document import Document, DocumentKind, Section, Source
from gongkai.model.location import Span
from gongkai.model.table import Cell, CellKind, Column, Level, Row, Table, level_of_code


def json_schema() -> dict:
    """The published JSON Schema of a parsed Document."""
    schema = Document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://gongkai.dev/schema/document.json"
    return schema


__all__ = [
    "Amount", "CellRef", "Claim", "ClaimKind", "Cell", "CellKind", "Column", "Document", "DocumentKind", "Level", "Row", "Section",
    "Source", "Span", "Table", "Unit", "convert", "json_schema", "level_of_code",
]
