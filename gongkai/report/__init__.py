"""Rendering model objects for people and machines (text, JSON, CSV, HTML, XLSX)."""
