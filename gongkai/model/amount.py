"""Money: always Decimal, always with its printed unit."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, ConfigDict


class Unit(str, Enum):
    YUAN = "元"
    WAN = "万元"

    @property
    def factor(self) -> Decimal:
        """How many 元 one unit is."""
        return Decimal(1) if self is Unit.YUAN else Decimal(10000)


def convert(value: Decimal, from_unit: Unit, to_unit: Unit) -> Decimal:
    """Convert exactly between 元 and 万元 (no rounding)."""
    if from_unit is to_unit:
        return value
    return value * from_unit.factor / to_unit.factor


class Amount(BaseModel):
    """A sum of money as printed: the value and the unit it was printed in."""

    model_config = ConfigDict(frozen=True)

    value: Decimal
    unit: Unit

    def to(self, unit: Unit) -> "Amount":
        return Amount(value=convert(self.value, self.unit, unit), unit=unit)

    def __str__(self) -> str:
        return f"{self.value}{self.unit.value}"
