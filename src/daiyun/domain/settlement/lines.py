"""The lines of a statement: each carries its rule id, its inputs, its source and its figures."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from daiyun.domain.calendar import SHANGHAI

__all__ = ["LineKind", "StatementLine", "canonical_lines_json"]


class LineKind(StrEnum):
    """What a statement line records."""

    SALE = "sale"  # R-S1: a line recognised in the month its order completed
    RETURN = "return"  # R-S9: units given back, reversing settlement value and actual amount
    CONCESSION = "concession"  # R-S9: money refunded without units


class StatementLine(NamedTuple):
    """One figure-bearing line; amounts in signed integer fen; totals are column sums (R-S8).

    A tuple, not a dataclass: ten million of them are built in a month's hot loop.
    """

    kind: LineKind
    rule: str
    order_no: str
    line_no: int
    sku: str | None
    category: str | None
    platform: str
    # R-S1: the completion time of the order (sale) or of the refund (return, concession).
    at: datetime
    # R-S2: settlement unit price (guide price snapshot or brand-funded promotion price).
    settlement_unit_price_fen: int
    # R-S5: the category's technical service fee rate on the line's platform.
    fee_rate: str  # exact decimal text, "0.05"
    refund_reason: str | None
    units: int
    returned_units: int
    sales_fen: int
    returned_fen: int
    concession_fen: int
    brand_deduction_fen: int
    settlement_value_fen: int
    spread_fen: int
    platform_fee_fen: int
    shipping_income_fen: int
    price_violations: int

    @property
    def source(self) -> tuple[str, int]:
        """The order line this figure comes from: (order number, line number) (R-S8)."""
        return (self.order_no, self.line_no)


def _canonical_value(value: object) -> str:
    if isinstance(value, datetime):
        # Same instant, same text, whatever zone the input used.
        return value.astimezone(SHANGHAI).isoformat()
    raise TypeError(f"{value!r} has no canonical form")


def canonical_lines_json(lines: Sequence[StatementLine]) -> str:
    """Lines as a compact JSON array of arrays in field order, times in Beijing time."""
    return json.dumps(
        list(lines), default=_canonical_value, ensure_ascii=False, separators=(",", ":")
    )
