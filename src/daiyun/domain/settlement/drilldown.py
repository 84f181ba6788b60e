"""From a statement figure to the lines it sums (R-S8): which line column makes each figure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.domain.settlement.inputs import UnsettleableOrder
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.lines import StatementLine

__all__ = [
    "FIGURE_COLUMNS",
    "LINE_FIGURES",
    "UNSETTLEABLE",
    "LineSelection",
    "LinesPage",
    "StatementRow",
    "UnknownFigure",
]


class UnknownFigure(ValueError):
    """A figure name that is not one of the Statement JSON's figures."""


# R-S8: every figure is the sum of one line column (or a count of lines); the drill-down
# lists the lines where that column is not zero. Commission is the rate × settlement value
# (R-S3), so its lines are those of the settlement value; remittance sums several columns
# (R-S6), so its lines are all of them. None: every line.
FIGURE_COLUMNS: dict[str, str | None] = {
    "recognised_lines": "kind",  # the sale lines (a count)
    "recognised_units": "units",
    "returned_units": "returned_units",
    "sales_amount": "sales_fen",
    "returned_amount": "returned_fen",
    "concession_amount": "concession_fen",
    "settlement_value": "settlement_value_fen",
    "commission": "settlement_value_fen",
    "spread": "spread_fen",
    "brand_deductions": "brand_deduction_fen",
    "shipping_income": "shipping_income_fen",
    "platform_fees": "platform_fee_fen",
    "remittance": None,
    "price_violations": "price_violations",
}
# R-S1: the orders that could not be settled are listed by themselves, not as lines.
UNSETTLEABLE = "unsettleable_orders"
# Every figure that drills down: to its lines, or (unsettleable orders) to the orders.
LINE_FIGURES = (*FIGURE_COLUMNS, UNSETTLEABLE)


@dataclass(frozen=True)
class LineSelection:
    """Which lines of a version to list: those making `figure`, of rule `rule`, one page."""

    figure: str | None = None
    rule: str | None = None
    page: int = 1
    size: int = 100

    def __post_init__(self) -> None:
        if self.figure is not None and self.figure not in LINE_FIGURES:
            raise UnknownFigure(f"no figure {self.figure!r}: one of {', '.join(LINE_FIGURES)}")
        if self.page < 1 or not 1 <= self.size <= 500:
            raise ValueError("pages start at 1 and hold 1 to 500 lines")

    @property
    def column(self) -> str | None:
        """The line column the figure sums; None for every line."""
        return None if self.figure is None else FIGURE_COLUMNS.get(self.figure)

    @property
    def wants_unsettleable(self) -> bool:
        """True when the figure is the unsettleable orders: they are listed, not lines."""
        return self.figure == UNSETTLEABLE

    @property
    def offset(self) -> int:
        """How many lines come before this page."""
        return (self.page - 1) * self.size


@dataclass(frozen=True)
class LinesPage:
    """One page of a version's lines, how many match, what the matching column sums to, and
    the unsettleable orders when those were asked for."""

    lines: list[StatementLine]
    total: int
    column_sum: int | None  # in the column's unit (fen or units); None for counts and "all"
    unsettleable: list[UnsettleableOrder]


@dataclass(frozen=True)
class StatementRow:
    """A statement in a list: where it stands and what its current version remits."""

    contract: str
    brand: str
    month: Month
    status: StatementStatus
    version: int
    remittance: Money
    updated_at: datetime
