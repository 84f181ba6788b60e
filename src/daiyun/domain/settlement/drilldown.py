"""From a statement figure to the lines it sums (R-S8): which line column makes each figure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate, round_half_up_to_fen
from daiyun.domain.settlement.inputs import UnsettleableOrder
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.lines import LineKind, StatementLine
from daiyun.domain.settlement.platform_charges import PlatformCharge
from daiyun.domain.settlement.statement import Statement, StatementFigures

__all__ = [
    "CHARGE_FIGURES",
    "CUSTODY_FIGURES",
    "FIGURE_COLUMNS",
    "LINE_FIGURES",
    "RECIPES",
    "UNSETTLEABLE",
    "ChargesDrill",
    "Derivation",
    "FigureDrill",
    "How",
    "LineSelection",
    "LinesPage",
    "Recipe",
    "StatementRow",
    "Term",
    "UnknownFigure",
    "derive",
    "drill_charges",
    "drill_down",
    "line_share",
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
    # R-S3: the commission rate the version was drafted at (its derivation); None when unread.
    commission_rate: Rate | None = None


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


# — How each figure is made from its lines (R-S8), so that its drill-down adds up to it —


class How(StrEnum):
    """How a figure comes from its lines."""

    SUM = "sum"  # the sum of one line column
    COUNT = "count"  # how many lines (or orders) there are
    RATE = "rate"  # a rate × the sum of one column, rounded once (R-S3)
    FORMULA = "formula"  # other figures added and taken away (R-S6)


@dataclass(frozen=True, slots=True)
class Term:
    """One figure in a formula, added (+1) or taken away (-1)."""

    sign: int
    figure: str


@dataclass(frozen=True, slots=True)
class Recipe:
    """How a figure is made: from which column, how; and the line columns its lines page shows
    (the one that adds up to the figure last)."""

    figure: str
    how: How
    column: str | None = None  # the summed column (SUM, RATE)
    shown: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()  # FORMULA


_S, _C = How.SUM, How.COUNT
RECIPES: dict[str, Recipe] = {
    "recognised_lines": Recipe("recognised_lines", _C, shown=("units",)),
    "recognised_units": Recipe("recognised_units", _S, "units", ("units",)),
    "returned_units": Recipe("returned_units", _S, "returned_units", ("returned_units",)),
    "sales_amount": Recipe("sales_amount", _S, "sales_fen", ("units", "sales_fen")),
    "returned_amount": Recipe(
        "returned_amount", _S, "returned_fen", ("returned_units", "returned_fen")
    ),
    "concession_amount": Recipe(
        "concession_amount", _S, "concession_fen", ("refund_reason", "concession_fen")
    ),
    # R-S2: the units at their settlement price; returns take theirs back (R-S9).
    "settlement_value": Recipe(
        "settlement_value", _S, "settlement_value_fen",
        ("units", "returned_units", "settlement_unit_price_fen", "settlement_value_fen"),
    ),
    # R-S3: the contract's rate × the month's settlement value (计佣基数), rounded half-up once;
    # each line's share is shown exact, unrounded, so that the column adds up before rounding.
    "commission": Recipe(
        "commission", How.RATE, "settlement_value_fen", ("settlement_value_fen", "commission")
    ),
    # R-S4: actual amount − settlement value; R-S9: refunds take theirs back.
    "spread": Recipe(
        "spread", _S, "spread_fen",
        ("sales_fen", "returned_fen", "concession_fen", "settlement_value_fen", "spread_fen"),
    ),
    "brand_deductions": Recipe(
        "brand_deductions", _S, "brand_deduction_fen", ("refund_reason", "brand_deduction_fen")
    ),
    "shipping_income": Recipe(
        "shipping_income", _S, "shipping_income_fen", ("shipping_income_fen",)
    ),
    # R-S5: each line's amount × its category's rate, rounded half-up per line.
    "platform_fees": Recipe(
        "platform_fees", _S, "platform_fee_fen",
        ("sales_fen", "returned_fen", "fee_rate", "platform_fee_fen"),
    ),
    # R-S6: settlement value + shipping income (the brand's) − commission − brand deductions
    # − the platform fees the brand bears (R-S5, CHARGE_FIGURES below) + the custody losses
    # owed to the brand (R-F7, the month's losses: `daiyun stock loss list`).
    "remittance": Recipe(
        "remittance", How.FORMULA,
        shown=("settlement_value_fen", "shipping_income_fen", "brand_deduction_fen"),
        terms=(
            Term(1, "settlement_value"), Term(1, "shipping_income"),
            Term(-1, "commission"), Term(-1, "brand_deductions"),
            Term(-1, "platform_fees_borne"),
            Term(1, "custody_losses"),  # issue 19, R-F7: owed to the brand
        ),
    ),
    "unsettleable_orders": Recipe("unsettleable_orders", _C),  # R-S1: orders, not lines
    "price_violations": Recipe(
        "price_violations", _S, "price_violations",
        ("settlement_unit_price_fen", "sales_fen", "price_violations"),
    ),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Derivation:
    """How a figure is reached from its drill-down: the total of its column (or its count),
    for a rate the exact product before rounding, for a formula its terms' amounts; `result`
    is what the drill-down arrives at, in fen (money) or as a number (counts, units)."""

    figure: str
    how: How
    result: int
    column_total: int | None = None  # SUM, RATE: the column's total over every line listed
    rate: Rate | None = None  # RATE
    exact_fen: Decimal | None = None  # RATE: column total × rate, before rounding
    terms: tuple[tuple[Term, int], ...] = ()  # FORMULA: each term with its figure's value

    def adds_up_to(self, figures: StatementFigures) -> bool:
        """Whether the drill-down arrives at the figure the statement states."""
        return self.result == _value(figures, self.figure)


def _value(figures: StatementFigures, figure: str) -> int:
    value = getattr(figures, figure)
    return value.fen if isinstance(value, Money) else int(value)


def derive(
    figure: str,
    figures: StatementFigures,
    *,
    count: int,
    column_total: int | None,
    commission_rate: Rate | None,
    recipes: Mapping[str, Recipe] = RECIPES,
) -> Derivation:
    """What the drill-down of `figure` arrives at, from what its lines add up to: `count` lines
    (or orders), `column_total` the sum of its column over them; `figures` for a formula's
    terms, `commission_rate` for the commission (R-S3, R-S6, R-S8)."""
    recipe = recipes[figure]
    if recipe.how is How.COUNT:
        return Derivation(figure, How.COUNT, count)
    if recipe.how is How.FORMULA:
        terms = tuple((each, _value(figures, each.figure)) for each in recipe.terms)
        return Derivation(
            figure, How.FORMULA, sum(each.sign * value for each, value in terms), terms=terms
        )
    total = column_total or 0
    if recipe.how is How.RATE:
        if commission_rate is None:
            raise ValueError(f"the {figure} needs the commission rate it was drafted at")
        exact = commission_rate.apply(Money(total))
        # R-S3: rounded half-up to the fen once, for the statement, not per line.
        rounded = round_half_up_to_fen(exact).fen
        return Derivation(figure, How.RATE, rounded, total, commission_rate, exact)
    return Derivation(figure, How.SUM, total, total)


def _listed(recipe: Recipe, line: StatementLine) -> bool:
    """R-S8: whether the line is on the figure's lines page (the SQL drill-down's rule)."""
    if recipe.how is How.COUNT:
        return line.kind is LineKind.SALE
    if recipe.column is None:
        return True
    return bool(getattr(line, recipe.column))


def line_share(recipe: Recipe, line: StatementLine, rate: Rate | None) -> int | Decimal:
    """What one line adds to its figure: its column's value, for the commission its exact,
    unrounded share (settlement value × rate), for a count 1."""
    if recipe.how is How.COUNT:
        return 1
    if recipe.how is How.RATE:
        if rate is None:
            raise ValueError("the commission's share needs the rate")
        return rate.apply(Money(getattr(line, recipe.column or "")))
    if recipe.how is How.FORMULA:
        part: int = sum(
            each.sign * getattr(line, RECIPES[each.figure].column or "")
            for each in recipe.terms
            if each.figure in RECIPES and RECIPES[each.figure].how is How.SUM
        )
        return part
    value: int = getattr(line, recipe.column or "")
    return value


@dataclass(frozen=True)
class FigureDrill:
    """A figure's drill-down computed from a whole statement: the lines it lists, what each
    adds, and how they reach the figure."""

    figure: str
    lines: tuple[StatementLine, ...]
    shares: tuple[int | Decimal, ...]
    derivation: Derivation


def drill_down(
    statement: Statement, figure: str, *, recipes: Mapping[str, Recipe] = RECIPES
) -> FigureDrill:
    """The drill-down of `figure` over every line of `statement` (R-S8), as the pages show it
    a page at a time: the lines listed, each line's share, the derivation."""
    recipe = recipes[figure]
    if figure == UNSETTLEABLE:
        count = len(statement.unsettleable)
        derivation = derive(
            figure, statement.figures, count=count, column_total=None,
            commission_rate=statement.commission_rate, recipes=recipes,
        )  # fmt: skip
        return FigureDrill(figure, (), (1,) * count, derivation)
    listed = tuple(line for line in statement.lines if _listed(recipe, line))
    total = None
    if recipe.column is not None:
        total = sum(map(attrgetter(recipe.column), listed))
    derivation = derive(
        figure, statement.figures, count=len(listed), column_total=total,
        commission_rate=statement.commission_rate, recipes=recipes,
    )  # fmt: skip
    shares = tuple(line_share(recipe, line, statement.commission_rate) for line in listed)
    return FigureDrill(figure, listed, shares, derivation)


# — The platform's charges (R-S5, issue 17): figures made of charges, not of order lines —

# `platform_charges` sums the month's charges (deposit, annual fee, annual fee refund);
# `platform_fees_borne` is `platform_fees` + `platform_charges` when the brand bears them, else
# 0.00. Neither is a column of the lines, so neither is in LINE_FIGURES: they open to the
# charges and the contract's `platform_fees_borne_by` (docs/platform-fees.md).
CHARGE_FIGURES = ("platform_charges", "platform_fees_borne")

# Issue 19, R-F7: the goods lost or damaged in the operator's custody in the month, owed to the
# brand: made of the month's custody losses (`daiyun stock loss list --month`), not of lines.
CUSTODY_FIGURES = ("custody_losses",)


@dataclass(frozen=True)
class ChargesDrill:
    """How the two charge figures are reached: each charge, their total, who bears them."""

    charges: tuple[PlatformCharge, ...]
    charges_total: int
    brand_bears: bool
    borne: int  # platform_fees + charges_total when the brand bears them, else 0

    def adds_up_to(self, figures: StatementFigures) -> bool:
        """Whether the charges arrive at the two figures the statement states."""
        return (self.charges_total, self.borne) == (
            figures.platform_charges.fen,
            figures.platform_fees_borne.fen,
        )


def drill_charges(statement: Statement) -> ChargesDrill:
    """R-S5, R-S8: the month's platform charges and what of the platform fees the brand bears."""
    total = sum(charge.amount.fen for charge in statement.charges)
    brand_bears = statement.platform_fees_borne_by is Party.BRAND
    borne = statement.figures.platform_fees.fen + total if brand_bears else 0
    return ChargesDrill(statement.charges, total, brand_bears, borne)
