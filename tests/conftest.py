"""Shared fixtures. Real documents live in ../shared (public disclosures, never copied here)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
EXAMPLE = ROOT / "examples" / "医疗保障局_2023_部门决算.txt"


def seed_path(prefix: str) -> Path:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed {prefix} not available (../shared/seeds absent)")
    return matches[0]


@cache
def _parsed(path: str):
    from gongkai.pipeline import parse_file

    return parse_file(path)


def parsed_seed(prefix: str):
    """The parsed Document of a seed (cached per session; treat as read-only)."""
    return _parsed(str(seed_path(prefix)))


def parsed_example():
    return _parsed(str(EXAMPLE))
