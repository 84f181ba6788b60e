"""A month's statement: its lines, its figures as sums of the lines, its hash, why it is empty."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from operator import countOf, itemgetter

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate, round_half_up_to_fen
from daiyun.domain.settlement.inputs import LineKey, UnsettleableOrder
from daiyun.domain.settlement.lines import LineKind, StatementLine, canonical_lines_json
from daiyun.domain.settlement.platform_charges import PlatformCharge
from daiyun.domain.settlement.waiting import WaitingRefund

__all__ = [
    "EmptyReason",
    "RecognitionCounts",
    "Statement",
    "StatementFigures",
]


# Lines encoded per call: one C-level json.dumps per chunk instead of one per line.
_HASH_CHUNK = 10_000


class EmptyReason(StrEnum):
    """Why a month has nothing to settle (issue 4: an empty month says why)."""

    NO_COMPLETED_ORDERS = "no_completed_orders"
    ALREADY_RECOGNISED = "lines_already_recognised"
    ORDERS_WITHOUT_SKU_LINES = "orders_without_sku_lines"
    REFUNDED_BEFORE_COMPLETION = "refunded_before_completion"


@dataclass(frozen=True, slots=True)
class RecognitionCounts:
    """What recognition saw in the month besides the lines it recognised (R-S1)."""

    completed_lines: int = 0  # lines whose order completed in the month
    already_recognised: int = 0  # of those, recognised by an earlier statement
    refunded_before_completion: int = 0  # of those, refunded in full before completion


@dataclass(frozen=True, slots=True)
class StatementFigures:
    """The figures of interfaces.md's Statement JSON, keys and meanings exactly."""

    recognised_lines: int
    recognised_units: int
    returned_units: int
    sales_amount: Money
    returned_amount: Money
    concession_amount: Money
    settlement_value: Money
    commission: Money
    spread: Money
    brand_deductions: Money
    shipping_income: Money
    platform_fees: Money
    remittance: Money
    unsettleable_orders: int
    price_violations: int
    # Issue 17, R-S5: the deposit, annual fee and annual fee refund (negative) falling due in
    # the month (platform_charges.py), shown whoever bears them; and what the brand bears of
    # the platform's fees (`platform_fees` + `platform_charges` when the contract puts them
    # on the brand, else 0.00), deducted from the remittance in the month they are charged.
    platform_charges: Money = field(default=Money(0))
    platform_fees_borne: Money = field(default=Money(0))

    def to_json(self) -> dict[str, int | str]:
        """The figures as the Statement JSON writes them: money as yuan text "1234.50"."""
        return {
            name: value.yuan_text() if isinstance(value, Money) else value
            for name in self.__dataclass_fields__
            for value in (getattr(self, name),)
        }


def _column(lines: Sequence[StatementLine], name: str) -> int:
    return sum(map(itemgetter(StatementLine._fields.index(name)), lines))


def sum_figures(
    lines: Sequence[StatementLine],
    commission_rate: Rate,
    unsettleable_orders: int,
    charges: Sequence[PlatformCharge] = (),
    platform_fees_borne_by: Party = Party.OPERATOR,
) -> StatementFigures:
    """Every total as the sum of its lines' column; commission rounded once (R-S3, R-S8);
    the month's platform charges summed, and borne by the brand when the contract says (R-S5)."""
    settlement_value = _column(lines, "settlement_value_fen")
    # R-S3: the rate applies to the month's settlement value, rounded half-up once.
    commission = round_half_up_to_fen(commission_rate.apply(Money(settlement_value)))
    shipping, deductions = (
        _column(lines, "shipping_income_fen"),
        _column(lines, "brand_deduction_fen"),
    )
    platform_fees = _column(lines, "platform_fee_fen")
    charged = sum(charge.amount.fen for charge in charges)
    # R-S5: fees the brand bears are deducted from the remittance in the month they are charged.
    borne = platform_fees + charged if platform_fees_borne_by is Party.BRAND else 0
    return StatementFigures(
        recognised_lines=countOf(map(itemgetter(0), lines), LineKind.SALE),
        recognised_units=_column(lines, "units"),
        returned_units=_column(lines, "returned_units"),
        sales_amount=Money(_column(lines, "sales_fen")),
        returned_amount=Money(_column(lines, "returned_fen")),
        concession_amount=Money(_column(lines, "concession_fen")),
        settlement_value=Money(settlement_value),
        commission=commission,
        spread=Money(_column(lines, "spread_fen")),
        brand_deductions=Money(deductions),
        shipping_income=Money(shipping),
        platform_fees=Money(platform_fees),
        # R-S6: settlement value + shipping income (brand's) − commission − brand deductions
        # − the platform fees the brand bears (R-S5).
        remittance=Money(settlement_value + shipping - commission.fen - deductions - borne),
        unsettleable_orders=unsettleable_orders,
        price_violations=_column(lines, "price_violations"),
        platform_charges=Money(charged),
        platform_fees_borne=Money(borne),
    )


@dataclass(frozen=True)
class Statement:
    """A month's model A statement: lines in canonical order, figures summed from them."""

    month: Month
    commission_rate: Rate
    shipping_income_to: Party
    platform_fees_borne_by: Party
    lines: tuple[StatementLine, ...]
    unsettleable: tuple[UnsettleableOrder, ...]
    counts: RecognitionCounts
    figures: StatementFigures
    # Issue 17 (waiting.py): the month's refunds of earlier lines no issued statement
    # recognises; in no figure, so not in the content hash. A stored version reads back none:
    # drafting refuses while any of them can still be recognised.
    waiting_refunds: tuple[WaitingRefund, ...] = ()
    # Issue 17, R-S5: the platform charges falling due in the month (their sum is the
    # `platform_charges` figure, so they are in the content hash through it).
    charges: tuple[PlatformCharge, ...] = ()

    @cached_property
    def recognised_keys(self) -> frozenset[LineKey]:
        """The lines this statement recognises, for the next month's `recognised_earlier`."""
        return frozenset(line.source for line in self.lines if line.kind is LineKind.SALE)

    @cached_property
    def content_hash(self) -> str:
        """sha256 of canonical JSON of month, figures, lines and unsettleable orders (R-S8)."""
        digest = hashlib.sha256()
        figures = json.dumps(self.figures.to_json(), sort_keys=True, separators=(",", ":"))
        digest.update(f'{{"figures":{figures},"lines":['.encode())
        # The lines are in canonical order already (drafting), so any input order hashes alike.
        for start in range(0, len(self.lines), _HASH_CHUNK):
            text = canonical_lines_json(self.lines[start : start + _HASH_CHUNK])[1:-1]
            digest.update(("," if start else "").encode() + text.encode())
        unsettleable = sorted([order.order_no, order.reason] for order in self.unsettleable)
        tail = {"month": str(self.month), "unsettleable": unsettleable}
        digest.update(
            ("]," + json.dumps(tail, ensure_ascii=False, separators=(",", ":"))[1:]).encode()
        )
        return digest.hexdigest()

    @property
    def empty_reasons(self) -> tuple[EmptyReason, ...]:
        """Why nothing is settled this month; () when the statement has lines."""
        if self.lines:
            return ()
        counts, reasons = self.counts, []
        if counts.completed_lines == 0 and not self.unsettleable:
            reasons.append(EmptyReason.NO_COMPLETED_ORDERS)
        if counts.already_recognised:
            reasons.append(EmptyReason.ALREADY_RECOGNISED)
        if counts.refunded_before_completion:
            reasons.append(EmptyReason.REFUNDED_BEFORE_COMPLETION)
        if self.unsettleable:
            reasons.append(EmptyReason.ORDERS_WITHOUT_SKU_LINES)
        return tuple(reasons)

    def explain_empty(self) -> tuple[str, ...]:
        """The empty-month reasons in words a clerk understands."""
        counts = self.counts
        words = {
            EmptyReason.NO_COMPLETED_ORDERS: f"no order completed in {self.month} (Beijing time)",
            EmptyReason.ALREADY_RECOGNISED: (
                f"{counts.already_recognised} line(s) completed in {self.month} were already "
                "recognised by an earlier statement"
            ),
            EmptyReason.REFUNDED_BEFORE_COMPLETION: (
                f"{counts.refunded_before_completion} line(s) were refunded in full before "
                "their order completed"
            ),
            EmptyReason.ORDERS_WITHOUT_SKU_LINES: (
                f"{len(self.unsettleable)} order(s) have no SKU lines or guide price and "
                "cannot be settled: "
                + ", ".join(sorted({order.order_no for order in self.unsettleable}))
            ),
        }
        return tuple(words[reason] for reason in self.empty_reasons)
