"""Compose: a complete, self-consistent disclosure from a unit's figures (workbook/JSON/YAML → DOCX, PDF, HTML).

    data = load_input("填报.xlsx").data      # ComposeInput, validated, problems located by cell
    comp = compose(data, "national_final")    # canonical Document + blocks + charts
    render_pdf(comp) / render_docx(comp) / render_html(comp)
"""

from gongkai.compose.compose import Composition, ComposeError, compose
from gongkai.compose.inputs import load_input
from gongkai.compose.model import ComposeInput

__all__ = ["ComposeError", "ComposeInput", "Composition", "compose", "load_input"]
