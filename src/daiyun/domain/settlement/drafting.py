"""Draft a month's statement: recognise completed lines once, reverse refunds, sum (R-S1…R-S9)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from datetime import datetime
from operator import itemgetter

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms, Party, Platform, PlatformFeeSchedule
from daiyun.domain.money import Money
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.settlement.fee_rates import FeeRates, half_up_ratio
from daiyun.domain.settlement.inputs import (
    LineKey,
    RefundRecord,
    SettlementLine,
    UnsettleableOrder,
)
from daiyun.domain.settlement.lines import LineKind, StatementLine
from daiyun.domain.settlement.platform_charges import PlatformCharge
from daiyun.domain.settlement.statement import RecognitionCounts, Statement, sum_figures
from daiyun.domain.settlement.waiting import WaitingRefund

__all__ = [
    "DraftState",
    "DuplicateLine",
    "RefundedLineMissing",
    "canonical_order",
    "draft_statement",
    "refunds_by_line",
    "refunds_naming_missing_lines",
]

_COMPLETED = OrderStatus.COMPLETED
# The tuple constructor itself: a NamedTuple's own __new__ is a Python call per line.
_new_line = tuple.__new__
_VIOLATIONS = frozenset({PriceCheck.BELOW_GUIDE, PriceCheck.ABOVE_CAP})
_SALE, _RETURN, _CONCESSION = LineKind.SALE, LineKind.RETURN, LineKind.CONCESSION
NO_SKU_LINES = "order without SKU lines"
LINE_WITHOUT_SKU = "line without SKU"
NO_GUIDE_PRICE = "line without guide price"


class DuplicateLine(ValueError):
    """The same order line was passed twice: the store keeps one state per line (R-S1)."""


class RefundedLineMissing(ValueError):
    """A refund completed in the month names an order line the caller did not pass."""


def draft_statement(
    month: Month,
    lines: Iterable[SettlementLine],
    refunds: Iterable[RefundRecord] = (),
    *,
    terms: ContractTerms,
    fee_schedules: Mapping[Platform, PlatformFeeSchedule],
    recognised_earlier: Set[LineKey] = frozenset(),
    orders_without_sku_lines: Iterable[UnsettleableOrder] = (),
    charges: Iterable[PlatformCharge] = (),
    custody_losses: Money | None = None,
) -> Statement:
    """The month's statement from its lines; `recognised_earlier` holds other statements' lines.

    `lines` must hold every line completed in the month and every line a refund names;
    any other line is skipped. Re-running with the same inputs, in any order, gives the
    same statement and the same content hash. `custody_losses`: what the month's losses of
    the brand's goods in the operator's custody owe the brand (R-F7).
    """
    draft = DraftState(month, refunds, recognised_earlier, FeeRates(fee_schedules), terms)
    for line in lines:
        draft.take(line)
    draft.note_orders_without_sku_lines(orders_without_sku_lines)
    draft.check_every_refund_found()
    draft.out.sort(key=canonical_order)
    _refuse_duplicate_sales(draft.out)
    unsettleable = tuple(draft.unsettleable[order_no] for order_no in sorted(draft.unsettleable))
    # R-S5: the platform's charges due in the month (platform_charges.py), in due-day order.
    due = tuple(sorted(charges, key=_charge_order))
    return Statement(
        month=month,
        commission_rate=terms.commission_rate,
        shipping_income_to=terms.shipping_income_to,
        platform_fees_borne_by=terms.platform_fees_borne_by,
        lines=tuple(draft.out),
        unsettleable=unsettleable,
        counts=RecognitionCounts(draft.completed, draft.already, draft.refunded_in_full),
        figures=sum_figures(
            draft.out,
            terms.commission_rate,
            len(unsettleable),
            due,
            terms.platform_fees_borne_by,
            custody_losses,
        ),
        # Stable: a line's refunds stay in their canonical order (_refund_order).
        waiting_refunds=tuple(sorted(draft.waiting, key=_waiting_order)),
        charges=due,
    )


def refunds_by_line(refunds: Iterable[RefundRecord]) -> dict[LineKey, list[RefundRecord]]:
    """The refunds of each line, in canonical order, so that input order never shows (R-S8)."""
    by_line: dict[LineKey, list[RefundRecord]] = {}
    for refund in refunds:
        by_line.setdefault(refund.key, []).append(refund)
    for records in by_line.values():
        records.sort(key=_refund_order)
    return by_line


def _charge_order(charge: PlatformCharge) -> tuple[object, str]:
    return (charge.due_on, charge.key)


# Source line, then kind, time and amounts; a stable sort keeps a line's refunds in their
# canonical order (_refund_order) where all of these tie.
canonical_order = itemgetter(2, 3, 0, 7, 12, 14, 15, 16)


def _waiting_order(waiting: WaitingRefund) -> LineKey:
    return waiting.refund.key


def _refund_order(refund: RefundRecord) -> tuple[datetime, int, int, str]:
    return (refund.completed_at, refund.units, refund.amount.fen, refund.reason or "")


def _refuse_duplicate_sales(lines: list[StatementLine]) -> None:
    """R-S1: one sale line per order line; sorted, any duplicate sits next to its twin."""
    previous: tuple[str, int] | None = None
    for line in lines:
        if line.kind is _SALE:
            key = (line.order_no, line.line_no)
            if key == previous:
                raise DuplicateLine(f"order {key[0]} line {key[1]} was given twice")
            previous = key


class DraftState:
    """The state of one drafting pass; plain ints and lists, for the hot loop."""

    def __init__(
        self,
        month: Month,
        refunds: Iterable[RefundRecord],
        recognised_earlier: Set[LineKey],
        fee_rates: FeeRates,
        terms: ContractTerms,
    ) -> None:
        period = month.period()
        self.start, self.end = period.start, period.end
        self.refunds = refunds_by_line(refunds)
        self.refunded_lines_seen: set[LineKey] = set()
        self.counted: set[LineKey] = set()
        self.earlier = recognised_earlier
        self.fee_rates = fee_rates
        self.ratios = fee_rates.ratios
        # R-S6: shipping income is on the statement only when the contract gives it to the brand.
        self.shipping_to_brand = terms.shipping_income_to is Party.BRAND
        self.out: list[StatementLine] = []
        self.unsettleable: dict[str, UnsettleableOrder] = {}
        self.completed = self.already = self.refunded_in_full = 0
        self.waiting: list[WaitingRefund] = []

    def start_batch(
        self, refunds: dict[LineKey, list[RefundRecord]], recognised_earlier: Set[LineKey]
    ) -> None:
        """Take the next lines with their own refunds and keys recognised earlier (a month
        drafted batch by batch, month_columns.py): what the last batch appended is let go;
        the counts, unsettleable orders and waiting refunds go on adding up."""
        self.refunds = refunds
        self.earlier = recognised_earlier
        self.refunded_lines_seen = set()
        self.counted = set()
        self.out = []

    def take(self, line: SettlementLine) -> None:
        """Recognise the line if it completed in the month, and count its refunds (R-S1)."""
        key = (line.order_no, line.line_no)
        refunds = self.refunds.get(key) if self.refunds else None
        if refunds is not None:
            self.refunded_lines_seen.add(key)
        at = line.completed_at
        # R-S1: only completed orders are recognised; closed ones never.
        if line.status is not _COMPLETED or at is None:
            return
        in_month = self.start <= at < self.end
        if refunds is not None:
            # R-S1: at most once, even when a caller passes a refunded line twice.
            if key in self.counted:
                raise DuplicateLine(f"order {key[0]} line {key[1]} was given twice")
            self.counted.add(key)
        if not in_month:
            if refunds is not None:
                if key in self.earlier:
                    self.reverse(line, refunds)
                elif at < self.start:
                    # Issue 17: an earlier month's line no issued statement recognises yet.
                    self.note_waiting(at, refunds)
            return
        self.completed += 1
        if key in self.earlier:
            # R-S1: at most once, whatever is re-imported or re-run.
            self.already += 1
            if refunds is not None:
                self.reverse(line, refunds)
            return
        if refunds is not None and _refunded_in_full_before(line, at, refunds):
            # R-S1: a line refunded in full before completion is never recognised.
            self.refunded_in_full += 1
            return
        if self.recognise(line, at) and refunds is not None:
            self.reverse(line, refunds)

    def recognise(self, line: SettlementLine, at: datetime) -> bool:
        """Append the sale line (R-S2, R-S4, R-S5); False when the line cannot be settled."""
        price = line.promotion_price if line.promotion_price is not None else line.guide_price
        if line.sku is None or price is None:
            # R-S1: listed as unsettleable, never guessed.
            reason = LINE_WITHOUT_SKU if line.sku is None else NO_GUIDE_PRICE
            self.unsettleable.setdefault(
                line.order_no, UnsettleableOrder(line.order_no, reason, at)
            )
            return False
        units, actual, price_fen = line.units, line.actual_amount.fen, price.fen
        fee = self.ratios.get((line.platform, line.category))
        if fee is None:
            fee = self.fee_rates.ratio(line.platform, line.category)
        rate, numerator, denominator = fee
        settlement = price_fen * units
        self.out.append(
            _new_line(StatementLine, (
                _SALE, "R-S1", line.order_no, line.line_no, line.sku, line.category,
                line.platform, at, price_fen, rate, None, units, 0, actual, 0, 0, 0, settlement,
                actual - settlement,  # R-S4: actual − settlement price, over the line's units
                half_up_ratio(actual, numerator, denominator),  # R-S5: per line, half-up
                line.shipping.fen if self.shipping_to_brand else 0,
                1 if line.price_check in _VIOLATIONS else 0,  # R-P5: flagged, settled at guide
            ))
        )  # fmt: skip
        return True

    def reverse(self, line: SettlementLine, refunds: list[RefundRecord]) -> None:
        """Append the month's refund lines of a recognised line (R-S9)."""
        price = line.settlement_unit_price
        if price is None:
            raise ValueError(f"order {line.order_no} line {line.line_no} has no settlement price")
        fee = self.fee_rates.ratio(line.platform, line.category)
        recognised_at = line.completed_at
        for refund in refunds:
            # A refund completed before its line's order completed counts with the sale (R-S1).
            moment = refund.completed_at
            if recognised_at is not None and recognised_at > moment:
                moment = recognised_at
            if self.start <= moment < self.end:
                self.out.append(_refund_line(line, refund, price.fen, fee))

    def note_waiting(self, recognised_at: datetime, refunds: list[RefundRecord]) -> None:
        """R-S1, R-S9: the month's refunds of a line completed earlier that no issued statement
        recognises: kept apart (waiting.py), never dropped silently."""
        line_month = Month.containing(recognised_at)
        for refund in refunds:
            if self.start <= refund.completed_at < self.end:
                self.waiting.append(WaitingRefund(refund, line_month))

    def note_orders_without_sku_lines(self, orders: Iterable[UnsettleableOrder]) -> None:
        """List the month's completed orders that have no SKU lines (R-S1)."""
        for order in orders:
            at = order.completed_at
            if at is not None and self.start <= at < self.end:
                self.unsettleable.setdefault(order.order_no, order)

    def check_every_refund_found(self) -> None:
        """Refuse to draft when a refund of the month names a line that was not passed."""
        missing = sorted(
            key
            for key, refunds in self.refunds.items()
            if key not in self.refunded_lines_seen
            and any(self.start <= refund.completed_at < self.end for refund in refunds)
        )
        if missing:
            raise refunds_naming_missing_lines(missing)


def refunds_naming_missing_lines(missing: Sequence[LineKey]) -> RefundedLineMissing:
    """The refusal to draft a month whose refunds name lines not given (the first five)."""
    named = ", ".join(f"{order_no} line {line_no}" for order_no, line_no in missing[:5])
    return RefundedLineMissing(f"refunds name lines that were not given: {named}")


def _refunded_in_full_before(
    line: SettlementLine, at: datetime, refunds: list[RefundRecord]
) -> bool:
    before = [refund for refund in refunds if refund.completed_at <= at]
    if not before:
        return False
    units = sum(refund.units for refund in before)
    amount = sum(refund.amount.fen for refund in before)
    return units >= line.units or amount >= line.actual_amount.fen


def _refund_line(
    line: SettlementLine, refund: RefundRecord, price_fen: int, fee: tuple[str, int, int]
) -> StatementLine:
    amount, units = refund.amount.fen, refund.units
    returned = concession = deduction = settlement = spread = platform_fee = 0
    if units:
        # R-S9: units back reverse their settlement value and the actual amount refunded;
        # R-S5: the platform gives back its fee on the refunded amount, rounded per line.
        kind, returned, settlement = _RETURN, amount, -price_fen * units
        spread = -amount - settlement
        platform_fee = -half_up_ratio(amount, fee[1], fee[2])
    elif refund.is_brand_borne:
        # R-S9: a money-only refund for a quality problem is the brand's: a deduction.
        kind, concession, deduction = _CONCESSION, amount, amount
    else:
        # R-S9: any other money-only refund comes out of the operator's spread.
        kind, concession, spread = _CONCESSION, amount, -amount
    return StatementLine(
        kind, "R-S9", line.order_no, line.line_no, line.sku, line.category, line.platform,
        refund.completed_at, price_fen, fee[0], refund.reason, 0, units, 0, returned,
        concession, deduction, settlement, spread, platform_fee, 0, 0,
    )  # fmt: skip
