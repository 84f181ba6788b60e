"""A model B demo store's Alipay account, month by month, from the store's own orders as
daiyun holds them (issue 18, point 4; R-B2, R-S5, R-X1).

What Tmall does, and so what the account shows:
- 交易付款: the buyer's money is held by Alipay until the buyer confirms receipt; then the
  order's price (its lines and shipping, less what was refunded before that, out of escrow)
  reaches the seller's account, at the order's completion time;
- 收费 `天猫佣金{order}`: Tmall's technical service fee on the same order, taken at the same
  moment (R-S5: each line's amount less its refunds by then × its category's rate, half-up per
  line — what `daiyun reconcile` expects);
- 交易退款: a refund granted after the buyer confirmed receipt is paid back out of the account
  when it completes (refunds of an order completing together are one payout);
- 提现: on the last day of each month the brand withdraws the balance above a float of
  2,000.00 to its company's bank account, in whole hundreds of yuan;
- 转账 and 收费 before go-live: the brand tops the account up to pay Tmall's annual software
  fee (技术服务年费), which Tmall then takes.
So `daiyun reconcile` finds no difference in any month, and the receipts of R-B2 are the
orders' money that reached the account: 交易付款 less 交易退款.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.money import Money, Rate
from daiyun.domain.reconciliation import KnownOrder, fee_kinds_of
from daiyun.services.demo.alipay_statement import StatementLine
from daiyun.services.reconciliation.reconcile import ReconciliationUnitOfWork

__all__ = ["ACCOUNT_FLOAT", "MonthOfAccount", "account_months", "demo_account"]

# What the brand leaves in the account when it withdraws at the end of a month.
ACCOUNT_FLOAT = Money.of_yuan("2000.00")
_WITHDRAWN_AT = time(16, 30)
_TOP_UP_AT, _ANNUAL_FEE_AT = time(10, 0), time(10, 30)
_TOP_UP_DAYS_BEFORE_GO_LIVE = 12


@dataclass(frozen=True, slots=True)
class MonthOfAccount:
    """A month of the store's Alipay account: its lines, oldest first."""

    month: Month
    lines: tuple[StatementLine, ...]


@dataclass(frozen=True, slots=True)
class _Movement:
    """Money in or out before the 账务流水号 and the balance are given."""

    occurred_at: datetime
    amount: Money
    business_type: str
    remark: str = ""
    order_no: str | None = None
    counterparty: str = ""
    item_name: str = ""


def demo_account(index: int) -> str:
    """The index-th demo brand's store's Alipay account: 2088 and 12 digits, one per store."""
    return f"2088{10 + index:02d}{(index + 3) * 7919 % 10**8:08d}"


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=SHANGHAI)


def _order_movements(
    month: Month, order: KnownOrder, rate_for: Callable[[str | None], Rate]
) -> Iterator[_Movement]:
    """The order's income and fee when it completed in `month`, and the refunds paid out of
    the account in `month` (one payout per completion moment)."""
    number = order.order_no
    completed = order.completed_at
    if completed is not None and Month.containing(completed) == month:
        income = order.expected_income
        if income.fen > 0:
            yield _Movement(
                completed, income, "交易付款", order_no=number, counterparty="买家（已隐去）",
                item_name=f"天猫订单{number}",
            )  # fmt: skip
        fee = order.expected_fee(rate_for)
        if fee.fen > 0:
            yield _Movement(
                completed + timedelta(seconds=1), -fee, "收费", remark=f"天猫佣金{{{number}}}",
                counterparty="天猫",
            )  # fmt: skip
    payouts: dict[datetime, int] = {}
    for refund in order.paid_out_refunds():
        if Month.containing(refund.completed_at) == month:
            payouts[refund.completed_at] = payouts.get(refund.completed_at, 0) + refund.amount.fen
    for moment, fen in sorted(payouts.items()):
        yield _Movement(
            moment, Money(-fen), "交易退款", remark=f"售后退款{number}", order_no=number,
            counterparty="买家（已隐去）", item_name=f"天猫订单{number}",
        )  # fmt: skip


def _month_movements(
    uow: ReconciliationUnitOfWork,
    store_code: str,
    month: Month,
    rate_for: Callable[[str | None], Rate],
) -> list[_Movement]:
    """What the store's orders moved through the account in `month`, read as the month's
    reconciliation reads them (the orders completed in it, and those refunded in it)."""
    moved: list[_Movement] = []
    _loose, groups = uow.reconciliation.month_material(store_code, month, fee_kinds_of("tmall"))
    for _order_no, order, _lines in groups:
        if order is not None:
            moved.extend(_order_movements(month, order, rate_for))
    return moved


def _top_up(go_live_on: date, annual_fee: Money) -> list[_Movement]:
    """Before go-live the brand transfers Tmall's annual software fee in, and Tmall takes it."""
    day = go_live_on - timedelta(days=_TOP_UP_DAYS_BEFORE_GO_LIVE)
    year = go_live_on.year
    return [
        _Movement(
            _at(day, _TOP_UP_AT), annual_fee, "转账", counterparty="品牌方对公账户",
            remark=f"品牌方转入：{year}年天猫技术服务年费",
        ),
        _Movement(
            _at(day, _ANNUAL_FEE_AT), -annual_fee, "收费", remark=f"天猫技术服务年费（{year}年度）",
            counterparty="天猫",
        ),
    ]  # fmt: skip


def account_months(
    uow: ReconciliationUnitOfWork,
    *,
    store_code: str,
    index: int,
    months: Sequence[Month],
    go_live_on: date | None,
    annual_fee: Money,
    rate_for: Callable[[str | None], Rate],
) -> list[MonthOfAccount]:
    """The account's lines of each of `months` (consecutive, from the contract's first), each
    line numbered and with the balance after it; read inside the unit of work."""
    result: list[MonthOfAccount] = []
    balance = 0
    for month in months:
        moved = _month_movements(uow, store_code, month, rate_for)
        if go_live_on is not None and annual_fee.fen > 0:
            moved += [each for each in _top_up(go_live_on, annual_fee) if _in(each, month)]
        moved.sort(key=lambda each: (each.occurred_at, each.order_no or "", each.amount.fen < 0))
        after = balance + sum(each.amount.fen for each in moved)
        withdrawal = (after - ACCOUNT_FLOAT.fen) // 10000 * 10000
        if withdrawal > 0:
            moved.append(
                _Movement(
                    _at(month.last_day, _WITHDRAWN_AT), Money(-withdrawal), "提现",
                    remark="提现到品牌方对公账户", counterparty="品牌方对公账户",
                )
            )  # fmt: skip
        lines = []
        for number, each in enumerate(moved, 1):
            balance += each.amount.fen
            if balance < 0:
                raise ValueError(f"the demo account of {store_code} would go below zero: {each}")
            lines.append(_line(each, index, number, Money(balance)))
        result.append(MonthOfAccount(month, tuple(lines)))
    return result


def _in(movement: _Movement, month: Month) -> bool:
    return Month.containing(movement.occurred_at) == month


def _line(each: _Movement, index: int, number: int, balance: Money) -> StatementLine:
    day = each.occurred_at.astimezone(SHANGHAI)
    trade = each.order_no is not None
    return StatementLine(
        entry_no=f"{day:%Y%m%d}2000{index:02d}{number:08d}",
        occurred_at=each.occurred_at,
        amount=each.amount,
        balance=balance,
        business_type=each.business_type,
        remark=each.remark,
        merchant_order_no=f"T200P{each.order_no}" if trade else "",
        business_no=f"{day:%Y%m%d}22001{each.order_no}" if trade else "",
        item_name=each.item_name,
        counterparty=each.counterparty,
    )
