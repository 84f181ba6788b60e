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
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    "MatchLine",
    "MonthMatcher",
    "Reconciliation",
    "RecordedRefund",
    "fee_kinds_of",
    "is_loose",
    "line_of",
    "reconcile",
    "role_of",
    "stored_role",
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
        paid = sum(line.amount.fen for line in self.lines) + self.shipping.fen
        if self.refunds:
            paid -= sum(refund.amount.fen for refund in self._before_completion())
        return Money(paid)

    def expected_fee(self, rate_for: Callable[[str | None], Rate]) -> Money:
        """R-S5: each line's amount, less its refunds completed by the time the order
        completed, × its category's rate, rounded half-up per line; never below zero.

        A refund naming no line (an order without SKU lines) counts against the first line."""
        refunded: dict[int | None, int] = {}
        if self.refunds:
            first = self.lines[0].line_no if self.lines else None
            for refund in self._before_completion():
                line_no = first if refund.line_no is None else refund.line_no
                refunded[line_no] = refunded.get(line_no, 0) + refund.amount.fen
        fee = 0
        for line in self.lines:
            base = Money(max(0, line.amount.fen - refunded.get(line.line_no, 0)))
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
class MatchLine:
    """An Alipay line as matching needs it: its 账务流水号, the order it names, when, its
    amounts in fen (each zero or more), and what it is (`role_of`). The repository builds it
    from the stored columns (`stored_role`), the list form of `reconcile` from an
    AlipayEntry (`line_of`)."""

    entry_no: str
    order_no: str | None
    occurred_at: datetime
    income_fen: int
    expense_fen: int
    role: LineRole


def line_of(entry: AlipayEntry, fee_kinds: frozenset[ChargeKind]) -> MatchLine:
    """An Alipay line as matching needs it."""
    return MatchLine(
        entry.entry_no,
        entry.order_no,
        entry.occurred_at,
        entry.income.fen,
        entry.expense.fen,
        role_of(entry, fee_kinds),
    )


def stored_role(
    charge_kind: ChargeKind | None,
    business_type: str,
    order_no: str | None,
    income_fen: int,
    fee_kinds: frozenset[ChargeKind],
) -> LineRole:
    """`role_of` from what the import stored beside the line: the kind of charge its 备注
    words and the order it names (AlipayEntry.charge and .order_no, worked out on import)."""
    if charge_kind is not None:
        return LineRole.FEE if charge_kind in fee_kinds else LineRole.OTHER_CHARGE
    if business_type == REFUND_PAID_OUT:
        return LineRole.REFUND
    if order_no is not None and income_fen:
        return LineRole.INCOME
    return LineRole.OTHER


def is_loose(line: MatchLine) -> bool:
    """A line matched to no order: an other charge, a fee naming no order, or not the
    trade's money; `MonthMatcher.loose` takes it."""
    role = line.role
    return (
        role is LineRole.OTHER
        or role is LineRole.OTHER_CHARGE
        or (role is LineRole.FEE and line.order_no is None)
    )


@dataclass(slots=True)
class _Tally:
    """The month's sums in fen while it is matched (Reconciliation's, as plain ints)."""

    expected_income: int = 0
    alipay_income: int = 0
    expected_fees: int = 0
    alipay_fees: int = 0
    expected_refunds: int = 0
    alipay_refunds: int = 0
    fees_returned: int = 0
    other_charges: int = 0
    differences: list[Difference] = field(default_factory=list)


class MonthMatcher:
    """The month reconciled one order number at a time, in any order: what `reconcile`
    does, for a reader that streams the month (adapters/db/repositories/reconciliation.py)
    instead of holding it in memory.

    Give it every line matched to no order (`loose`), and for each order number the month may
    involve (see `reconcile`) exactly once: the order daiyun has under it (None when none)
    with all its refunds, and every Alipay line naming it, whenever it occurred (`order`); the
    refunds paid out naming no order under the number None. `result()` then sorts the
    differences as `reconcile` does."""

    def __init__(self, month: Month, rate_for: Callable[[str | None], Rate]) -> None:
        self._month = month
        self._period = month.period()
        rates: dict[str | None, Rate] = {}

        def rate_of(category: str | None) -> Rate:
            # One look-up per category: the contract's rates do not change while matching.
            found = rates.get(category)
            if found is None:
                found = rates[category] = rate_for(category)
            return found

        self._rate_for = rate_of
        self._tally = _Tally()
        self._month_orders = 0
        self._troubled = 0

    def loose(self, line: MatchLine) -> None:
        """A line matched to no order: an other charge or a fee naming none is totalled in
        the month it occurred in; any other is not the trade's money."""
        if line.role is LineRole.OTHER:
            return
        if self._period.start <= line.occurred_at < self._period.end:
            self._tally.other_charges += line.expense_fen - line.income_fen

    def order(
        self, order_no: str | None, order: KnownOrder | None, lines: Sequence[MatchLine]
    ) -> None:
        """One order number: the order daiyun has under it, if any, and its lines."""
        tally, period = self._tally, self._period
        kept: list[MatchLine] = []
        refund_lines = False
        for line in lines:
            role = line.role
            if role is LineRole.INCOME or (role is LineRole.FEE and line.order_no is not None):
                kept.append(line)
            elif role is LineRole.REFUND:
                kept.append(line)
                refund_lines = True
            else:  # is_loose(line)
                self.loose(line)
        in_month = (
            order is not None
            and order.completed_at is not None
            and period.start <= order.completed_at < period.end
        )
        troubled = False
        if in_month:
            assert order is not None
            self._month_orders += 1
            troubled = _order_of_month(tally, order, kept, self._rate_for)
        elif order is None or order.completed_at is None:
            _unknown_order(tally, order_no, kept, period)
        if refund_lines or (order is not None and order.refunds):
            troubled = _refunds(tally, order_no, order, kept, period, in_month) or troubled
        self._troubled += troubled

    def result(self) -> Reconciliation:
        """The month's figures, the differences in the order of their causes, then orders."""
        tally = self._tally
        differences = sorted(
            tally.differences, key=lambda each: (_CAUSE_ORDER[each.cause], each.order_no or "")
        )
        return Reconciliation(
            self._month,
            orders_completed=self._month_orders,
            matched=self._month_orders - self._troubled,
            expected_income=Money(tally.expected_income),
            alipay_income=Money(tally.alipay_income),
            expected_fees=Money(tally.expected_fees),
            alipay_fees=Money(tally.alipay_fees),
            expected_refunds=Money(tally.expected_refunds),
            alipay_refunds=Money(tally.alipay_refunds),
            fees_returned=Money(tally.fees_returned),
            other_charges=Money(tally.other_charges),
            differences=differences,
        )


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
    known = {order.order_no: order for order in orders}
    by_order: dict[str | None, list[MatchLine]] = defaultdict(list)
    matcher = MonthMatcher(month, rate_for)
    seen: set[str] = set()
    for entry in entries:
        if entry.entry_no in seen:
            continue
        seen.add(entry.entry_no)
        line = line_of(entry, fee_kinds)
        if is_loose(line):
            matcher.loose(line)
        else:
            by_order[line.order_no].append(line)
    numbers: set[str | None] = set(by_order)
    numbers.update(known)
    for order_no in sorted(numbers, key=lambda each: each or ""):
        matcher.order(
            order_no,
            None if order_no is None else known.get(order_no),
            by_order.get(order_no, ()),
        )
    return matcher.result()


def _order_of_month(
    tally: _Tally,
    order: KnownOrder,
    lines: Sequence[MatchLine],
    rate_for: Callable[[str | None], Rate],
) -> bool:
    """An order completed in the month against its income and fee lines, whenever they came;
    True when it has a difference."""
    expected_income, expected_fee = order.expected_income, order.expected_fee(rate_for)
    tally.expected_income += expected_income.fen
    tally.expected_fees += expected_fee.fen
    income: list[MatchLine] = []
    fees: list[MatchLine] = []
    received = charged = returned = 0
    for line in lines:
        if line.role is LineRole.INCOME:
            income.append(line)
            received += line.income_fen - line.expense_fen
        elif line.role is LineRole.FEE:
            fees.append(line)
            charged += line.expense_fen
            returned += line.income_fen
    tally.alipay_income += received
    tally.alipay_fees += charged
    tally.fees_returned += returned
    found = False
    if not income:
        if not expected_income.is_zero:
            tally.differences.append(
                Difference(Cause.MISSING_RECEIPT, order.order_no, expected_income, Money(0))
            )
            found = True
    elif received != expected_income.fen:
        tally.differences.append(
            Difference(
                Cause.AMOUNT_DIFFERS, order.order_no, expected_income, Money(received),
                _nos(income),
            )
        )  # fmt: skip
        found = True
    # An order whose money never came has no fee charged either: the receipt missing says
    # it; its fee is compared once any fee line of it is there.
    if (income or fees) and charged != expected_fee.fen:
        tally.differences.append(
            Difference(Cause.FEE_DIFFERS, order.order_no, expected_fee, Money(charged), _nos(fees))
        )
        found = True
    return found


def _unknown_order(
    tally: _Tally, order_no: str | None, lines: Sequence[MatchLine], period: Period
) -> None:
    """Income and fee lines of the month naming an order daiyun does not have as completed:
    the income is a missing order; a fee alone (its income came in another month) differs
    from the nothing expected."""
    in_month = [line for line in lines if period.contains(line.occurred_at)]
    income = [line for line in in_month if line.role is LineRole.INCOME]
    fees = [line for line in in_month if line.role is LineRole.FEE]
    charged = sum(line.expense_fen for line in fees)
    tally.alipay_fees += charged
    tally.fees_returned += sum(line.income_fen for line in fees)
    if income:
        received = sum(line.income_fen - line.expense_fen for line in income)
        tally.alipay_income += received
        tally.differences.append(
            Difference(
                Cause.MISSING_ORDER, order_no, Money(0), Money(received), _nos(income + fees)
            )
        )
    elif charged:
        tally.differences.append(
            Difference(Cause.FEE_DIFFERS, order_no, Money(0), Money(charged), _nos(fees))
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
    tally: _Tally,
    order_no: str | None,
    order: KnownOrder | None,
    lines: Sequence[MatchLine],
    period: Period,
    in_month: bool,
) -> bool:
    """An order's refunds paid out: daiyun's refunds completed after the order did, paired
    with the order's 交易退款 lines — same amount first (nearest in time), then the rest in
    time order (amounts that differ), the rest unmatched. A pair belongs to the month of
    daiyun's refund, an unpaired line to the month it occurred in. True when an order of the
    month (`in_month`) has a difference here."""
    recorded: dict[datetime, int] = defaultdict(int)
    for refund in order.paid_out_refunds() if order is not None else []:
        recorded[refund.completed_at] += refund.amount.fen
    theirs = sorted(
        (
            _Payout(line.occurred_at, Money(line.expense_fen - line.income_fen), line.entry_no)
            for line in lines
            if line.role is LineRole.REFUND
        ),
        key=lambda payout: (payout.at, payout.entry_no or ""),
    )
    if not recorded and not theirs:
        return False
    ours = [_Payout(at, Money(fen)) for at, fen in sorted(recorded.items())]
    _pair(ours, theirs)
    troubled = False
    for payout in ours:
        if not period.contains(payout.at):
            continue
        paid = payout.partner
        tally.expected_refunds += payout.amount.fen
        if paid is not None:
            tally.alipay_refunds += paid.amount.fen
        if paid is None or paid.amount != payout.amount:
            actual = Money(0) if paid is None else paid.amount
            entry_nos = () if paid is None or paid.entry_no is None else (paid.entry_no,)
            tally.differences.append(
                Difference(Cause.REFUND_UNMATCHED, order_no, payout.amount, actual, entry_nos)
            )
            troubled = troubled or in_month
    for payout in theirs:
        if payout.partner is not None or not period.contains(payout.at):
            continue
        tally.alipay_refunds += payout.amount.fen
        tally.differences.append(
            Difference(
                Cause.REFUND_UNMATCHED, order_no, Money(0), payout.amount,
                () if payout.entry_no is None else (payout.entry_no,),
            )
        )  # fmt: skip
        troubled = troubled or (order_no is not None and in_month)
    return troubled


def _pair(ours: list[_Payout], theirs: list[_Payout]) -> None:
    for payout in ours:
        same = [o for o in theirs if o.partner is None and o.amount == payout.amount]
        if same:
            nearest = min(same, key=lambda other: abs((other.at - payout.at).total_seconds()))
            payout.partner, nearest.partner = nearest, payout
    rest = [other for other in theirs if other.partner is None]
    for payout, other in zip((p for p in ours if p.partner is None), rest, strict=False):
        payout.partner, other.partner = other, payout


def _nos(lines: Iterable[MatchLine]) -> tuple[str, ...]:
    return tuple(sorted(line.entry_no for line in lines))
