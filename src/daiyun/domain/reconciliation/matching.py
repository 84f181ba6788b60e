"""A store's month reconciled: orders ↔ Alipay lines ↔ platform fees, every difference with its
cause (R-X1, R-S5). Pure: the service hands over what the store's data holds; see
docs/reconciliation.md for the choices made here.

What belongs to the month (Beijing time):
- the store's orders completed in it, each with its expected income (the buyer's payment with
  shipping, less the refunds completed by the time the order completed) and its expected fee
  (the lines' technical service fee, R-S5: per line, half-up, on the line's amount less its
  refunds completed by then);
- every Alipay line matched to one of those orders, whenever it occurred: a fee often lands
  in a later month than its order's income (formats.md), and is still that order's fee;
- a refund paid out (交易退款) paired with a refund daiyun recorded after its order completed
  belongs to the month that refund completed in;
- a line matched to nothing belongs to the month it occurred in.

So a line of an order completed in another month is never a difference of this one, and
re-running a month once the next month's statement is imported gives the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from daiyun.domain.calendar import Month, Period
from daiyun.domain.money import Money, Rate, round_half_up_to_fen
from daiyun.domain.reconciliation.alipay import AlipayEntry, ChargeKind

__all__ = [
    "REFUND_PAID_OUT",
    "Cause",
    "Difference",
    "ExpectedLine",
    "KnownOrder",
    "LineRole",
    "Reconciliation",
    "RecordedRefund",
    "fee_kinds_of",
    "reconcile",
    "role_of",
]

# 业务类型 of a refund paid out of the account after the trade completed (formats.md).
REFUND_PAID_OUT = "交易退款"


class Cause(StrEnum):
    """Why an amount does not match (R-X1), in the order interfaces.md lists them."""

    MISSING_RECEIPT = "missing_receipt"  # a completed order with no income line
    MISSING_ORDER = "missing_order"  # an income line naming an order daiyun does not know
    AMOUNT_DIFFERS = "amount_differs"  # the order's income lines ≠ its expected income
    FEE_DIFFERS = "fee_differs"  # the order's fee lines ≠ its expected fee (R-S5)
    REFUND_UNMATCHED = "refund_unmatched"  # a refund paid out with none recorded, or the reverse


_CAUSE_ORDER = {cause: position for position, cause in enumerate(Cause)}


class LineRole(StrEnum):
    """What an Alipay line is to reconciliation."""

    INCOME = "income"  # a trade's money arriving (交易付款, 在线支付 naming an order)
    FEE = "fee"  # the technical service fee (R-S5) charged, or given back
    REFUND = "refund"  # 交易退款: a refund paid out of the account
    OTHER_CHARGE = "other_charge"  # 淘宝客, 花呗, 积分, red packets, donations: not compared
    OTHER = "other"  # withdrawals, transfers: not the trade's money


# R-S5: the charge that is the technical service fee, by platform: Tmall's 天猫佣金, and on
# Taobao the 基础软件服务费. Every other charge is listed as such, never compared.
_FEE_KINDS: Mapping[str, frozenset[ChargeKind]] = {
    "tmall": frozenset({ChargeKind.TMALL_COMMISSION}),
    "taobao": frozenset({ChargeKind.SOFTWARE_SERVICE_FEE}),
}


def fee_kinds_of(platform: str) -> frozenset[ChargeKind]:
    """The charge kinds that are a platform's technical service fee (R-S5)."""
    return _FEE_KINDS.get(platform, frozenset())


def role_of(entry: AlipayEntry, fee_kinds: frozenset[ChargeKind]) -> LineRole:
    """What the line is: a fee or other charge by its 备注, a refund by its 业务类型, a trade's
    income when it names an order and brings money in; anything else is not reconciled."""
    charge = entry.charge
    if charge is not None:
        return LineRole.FEE if charge.kind in fee_kinds else LineRole.OTHER_CHARGE
    if entry.business_type == REFUND_PAID_OUT:
        return LineRole.REFUND
    if entry.order_no is not None and not entry.income.is_zero:
        return LineRole.INCOME
    return LineRole.OTHER


@dataclass(frozen=True, slots=True)
class ExpectedLine:
    """An order line as reconciliation needs it: what the buyer paid for it, shipping
    excluded (R-S4), and its SKU's category, which gives the fee rate (R-S5)."""

    line_no: int
    amount: Money
    category: str | None


@dataclass(frozen=True, slots=True)
class RecordedRefund:
    """A refund daiyun recorded: of a line (None: of an order without SKU lines)."""

    line_no: int | None
    amount: Money
    completed_at: datetime


@dataclass(frozen=True, slots=True)
class KnownOrder:
    """An order of the store as daiyun has it; `completed_at` None while not completed."""

    order_no: str
    completed_at: datetime | None
    shipping: Money = field(default_factory=Money.zero)
    lines: tuple[ExpectedLine, ...] = ()
    refunds: tuple[RecordedRefund, ...] = ()

    def _before_completion(self) -> list[RecordedRefund]:
        done = self.completed_at
        if done is None:
            return []
        return [refund for refund in self.refunds if refund.completed_at <= done]

    def paid_out_refunds(self) -> list[RecordedRefund]:
        """Refunds completed after the order completed: paid out of the account (交易退款)."""
        done = self.completed_at
        if done is None:
            return []
        return [refund for refund in self.refunds if refund.completed_at > done]

    @property
    def expected_income(self) -> Money:
        """What the seller receives when the order completes: the lines' amounts and the
        shipping, less the refunds completed by then (interfaces.md, "Money in")."""
        paid = Money.total(line.amount for line in self.lines) + self.shipping
        return paid - Money.total(refund.amount for refund in self._before_completion())

    def expected_fee(self, rate_for: Callable[[str | None], Rate]) -> Money:
        """R-S5: each line's amount, less its refunds completed by the time the order
        completed, × its category's rate, rounded half-up per line; never below zero.

        A refund naming no line (an order without SKU lines) counts against the first line."""
        refunded: dict[int | None, int] = defaultdict(int)
        first = self.lines[0].line_no if self.lines else None
        for refund in self._before_completion():
            refunded[first if refund.line_no is None else refund.line_no] += refund.amount.fen
        fee = 0
        for line in self.lines:
            base = Money(max(0, line.amount.fen - refunded[line.line_no]))
            fee += round_half_up_to_fen(rate_for(line.category).apply(base)).fen
        return Money(fee)


@dataclass(frozen=True, slots=True)
class Difference:
    """One unmatched or mismatched amount and its cause (R-X1); `entries` are the 账务流水号
    of the Alipay lines it concerns."""

    cause: Cause
    order_no: str | None
    expected: Money
    actual: Money
    entries: tuple[str, ...] = ()

    @property
    def difference(self) -> Money:
        """Actual less expected: negative when less money came than expected."""
        return self.actual - self.expected


@dataclass
class Reconciliation:
    """The month's figures and its differences."""

    month: Month
    orders_completed: int = 0
    matched: int = 0
    expected_income: Money = field(default_factory=Money.zero)
    alipay_income: Money = field(default_factory=Money.zero)
    expected_fees: Money = field(default_factory=Money.zero)
    alipay_fees: Money = field(default_factory=Money.zero)
    expected_refunds: Money = field(default_factory=Money.zero)
    alipay_refunds: Money = field(default_factory=Money.zero)
    # Fee lines with income: a fee given back after a refund; totalled, not compared.
    fees_returned: Money = field(default_factory=Money.zero)
    # 淘宝客, 花呗, 积分, red packets, donations, fees naming no order: totalled, not compared.
    other_charges: Money = field(default_factory=Money.zero)
    differences: list[Difference] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """How many differences of each cause, every cause named."""
        counts = {cause.value: 0 for cause in Cause}
        for difference in self.differences:
            counts[difference.cause.value] += 1
        return counts


@dataclass(frozen=True, slots=True)
class _Line:
    entry: AlipayEntry
    role: LineRole


def reconcile(
    month: Month,
    orders: Iterable[KnownOrder],
    entries: Iterable[AlipayEntry],
    *,
    fee_kinds: frozenset[ChargeKind],
    rate_for: Callable[[str | None], Rate],
) -> Reconciliation:
    """The month reconciled (R-X1).

    `orders`: the store's orders that the month's figures may involve — those completed in the
    month, those its Alipay lines name, those with refunds completed in it (each with all its
    refunds); `entries`: the store's Alipay lines that occurred in the month and every line
    naming one of those orders, whenever it occurred. Anything more is harmless: what belongs
    to another month is left out here.
    """
    period = month.period()
    known = {order.order_no: order for order in orders}
    by_order: dict[str | None, list[_Line]] = defaultdict(list)
    result = Reconciliation(month)
    seen: set[str] = set()
    for entry in entries:
        if entry.entry_no in seen:
            continue
        seen.add(entry.entry_no)
        line = _Line(entry, role_of(entry, fee_kinds))
        if line.role is LineRole.OTHER:
            continue
        if line.role is LineRole.OTHER_CHARGE or (
            line.role is LineRole.FEE and line.entry.order_no is None
        ):
            if period.contains(entry.occurred_at):
                result.other_charges += entry.expense - entry.income
            continue
        by_order[entry.order_no].append(line)

    troubled: set[str] = set()
    month_orders = [
        order
        for order in known.values()
        if order.completed_at is not None and period.contains(order.completed_at)
    ]
    for order in sorted(month_orders, key=lambda each: each.order_no):
        _order_of_month(result, order, by_order.get(order.order_no, []), rate_for, troubled)
    for order_no, lines in sorted(by_order.items(), key=lambda item: item[0] or ""):
        named = known.get(order_no) if order_no is not None else None
        if named is None or named.completed_at is None:
            _unknown_order(result, order_no, lines, period)
    _refunds(result, known, by_order, period, troubled)

    result.orders_completed = len(month_orders)
    result.matched = len(month_orders) - len(troubled)
    result.differences.sort(key=lambda each: (_CAUSE_ORDER[each.cause], each.order_no or ""))
    return result


def _order_of_month(
    result: Reconciliation,
    order: KnownOrder,
    lines: list[_Line],
    rate_for: Callable[[str | None], Rate],
    troubled: set[str],
) -> None:
    """An order completed in the month against its income and fee lines, whenever they came."""
    expected_income, expected_fee = order.expected_income, order.expected_fee(rate_for)
    result.expected_income += expected_income
    result.expected_fees += expected_fee
    income = [line.entry for line in lines if line.role is LineRole.INCOME]
    fees = [line.entry for line in lines if line.role is LineRole.FEE]
    received = Money.total(entry.amount for entry in income)
    charged = Money.total(entry.expense for entry in fees)
    result.alipay_income += received
    result.alipay_fees += charged
    result.fees_returned += Money.total(entry.income for entry in fees)
    found: list[Difference] = []
    if not income:
        if not expected_income.is_zero:
            found.append(
                Difference(Cause.MISSING_RECEIPT, order.order_no, expected_income, Money(0))
            )
    elif received != expected_income:
        found.append(
            Difference(
                Cause.AMOUNT_DIFFERS, order.order_no, expected_income, received, _nos(income)
            )
        )
    # An order whose money never came has no fee charged either: the receipt missing says
    # it; its fee is compared once any fee line of it is there.
    if (income or fees) and charged != expected_fee:
        found.append(
            Difference(Cause.FEE_DIFFERS, order.order_no, expected_fee, charged, _nos(fees))
        )
    if found:
        troubled.add(order.order_no)
        result.differences.extend(found)


def _unknown_order(
    result: Reconciliation, order_no: str | None, lines: list[_Line], period: Period
) -> None:
    """Income and fee lines of the month naming an order daiyun does not have as completed:
    the income is a missing order; a fee alone (its income came in another month) differs
    from the nothing expected."""
    in_month = [line for line in lines if period.contains(line.entry.occurred_at)]
    income = [line.entry for line in in_month if line.role is LineRole.INCOME]
    fees = [line.entry for line in in_month if line.role is LineRole.FEE]
    charged = Money.total(entry.expense for entry in fees)
    result.alipay_fees += charged
    result.fees_returned += Money.total(entry.income for entry in fees)
    if income:
        received = Money.total(entry.amount for entry in income)
        result.alipay_income += received
        result.differences.append(
            Difference(Cause.MISSING_ORDER, order_no, Money(0), received, _nos(income + fees))
        )
    elif not charged.is_zero:
        result.differences.append(
            Difference(Cause.FEE_DIFFERS, order_no, Money(0), charged, _nos(fees))
        )


@dataclass
class _Payout:
    """One refund on either side: daiyun's (refunds of an order completing at the same
    moment are one payout) or an Alipay 交易退款 line."""

    at: datetime
    amount: Money
    entry_no: str | None = None
    partner: _Payout | None = None


def _refunds(
    result: Reconciliation,
    known: Mapping[str, KnownOrder],
    by_order: Mapping[str | None, list[_Line]],
    period: Period,
    troubled: set[str],
) -> None:
    """Refunds paid out, order by order: daiyun's refunds completed after the order did,
    paired with the order's 交易退款 lines — same amount first (nearest in time), then the
    rest in time order (amounts that differ), the rest unmatched. A pair belongs to the month
    of daiyun's refund, an unpaired line to the month it occurred in."""
    order_nos = {
        order_no
        for order_no, lines in by_order.items()
        if any(line.role is LineRole.REFUND for line in lines)
    }
    order_nos |= {order.order_no for order in known.values() if order.paid_out_refunds()}
    month_orders = {
        order.order_no
        for order in known.values()
        if order.completed_at is not None and period.contains(order.completed_at)
    }
    for order_no in sorted(order_nos, key=lambda each: each or ""):
        order = known.get(order_no) if order_no is not None else None
        recorded: dict[datetime, int] = defaultdict(int)
        for refund in order.paid_out_refunds() if order is not None else []:
            recorded[refund.completed_at] += refund.amount.fen
        ours = [_Payout(at, Money(fen)) for at, fen in sorted(recorded.items())]
        theirs = sorted(
            (
                _Payout(line.entry.occurred_at, line.entry.expense - line.entry.income,
                        line.entry.entry_no)
                for line in by_order.get(order_no, [])
                if line.role is LineRole.REFUND
            ),
            key=lambda payout: (payout.at, payout.entry_no or ""),
        )  # fmt: skip
        _pair(ours, theirs)
        for payout in ours:
            if not period.contains(payout.at):
                continue
            paid = payout.partner
            result.expected_refunds += payout.amount
            if paid is not None:
                result.alipay_refunds += paid.amount
            if paid is None or paid.amount != payout.amount:
                actual = Money(0) if paid is None else paid.amount
                entry_nos = () if paid is None or paid.entry_no is None else (paid.entry_no,)
                result.differences.append(
                    Difference(Cause.REFUND_UNMATCHED, order_no, payout.amount, actual, entry_nos)
                )
                if order_no in month_orders:
                    troubled.add(order_no)
        for payout in theirs:
            if payout.partner is not None or not period.contains(payout.at):
                continue
            result.alipay_refunds += payout.amount
            result.differences.append(
                Difference(
                    Cause.REFUND_UNMATCHED, order_no, Money(0), payout.amount,
                    () if payout.entry_no is None else (payout.entry_no,),
                )
            )  # fmt: skip
            if order_no is not None and order_no in month_orders:
                troubled.add(order_no)


def _pair(ours: list[_Payout], theirs: list[_Payout]) -> None:
    for payout in ours:
        same = [o for o in theirs if o.partner is None and o.amount == payout.amount]
        if same:
            nearest = min(same, key=lambda other: abs((other.at - payout.at).total_seconds()))
            payout.partner, nearest.partner = nearest, payout
    rest = [other for other in theirs if other.partner is None]
    for payout, other in zip((p for p in ours if p.partner is None), rest, strict=False):
        payout.partner, other.partner = other, payout


def _nos(entries: Iterable[AlipayEntry]) -> tuple[str, ...]:
    return tuple(sorted(entry.entry_no for entry in entries))
