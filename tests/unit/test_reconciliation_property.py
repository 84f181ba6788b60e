"""R-X1: orders and Alipay lines made consistently reconcile with no difference; changing any
one amount yields exactly one difference, with its cause."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.money import Money, Rate, round_half_up_to_fen
from daiyun.domain.reconciliation import (
    AlipayEntry,
    Cause,
    ChargeKind,
    ExpectedLine,
    KnownOrder,
    Reconciliation,
    RecordedRefund,
    reconcile,
)

OCTOBER = Month(2026, 10)
_RATES = {"面霜": Rate.of("0.05"), "面膜": Rate.of("0.02"), None: Rate.of("0.05")}
_START = datetime(2026, 10, 1, tzinfo=SHANGHAI)


def _rate(category: str | None) -> Rate:
    return _RATES.get(category, _RATES[None])


def _entry(
    no: str, at: datetime, *, income: int = 0, expense: int = 0, merchant: str = "",
    business_type: str = "交易付款", remark: str = "",
) -> AlipayEntry:  # fmt: skip
    return AlipayEntry(
        no, "", merchant, "", at, Money(income), Money(expense), None, "支付宝", business_type,
        remark,
    )  # fmt: skip


@st.composite
def _orders(draw: st.DrawFn) -> tuple[list[KnownOrder], list[AlipayEntry]]:
    """Orders completed in October, their Alipay lines as Tmall would pay and charge them: the
    income at completion, one 天猫佣金 per line (some in November), refunds after completion
    paid out; and a September order whose money came in October."""
    count = draw(st.integers(1, 6))
    orders: list[KnownOrder] = []
    entries: list[AlipayEntry] = []
    for n in range(count):
        order_no = f"40120000000{n:05d}"
        done = _START + timedelta(minutes=draw(st.integers(0, 31 * 24 * 60 - 1)))
        lines = tuple(
            ExpectedLine(k + 1, Money(draw(st.integers(100, 100_000))), draw(st.sampled_from(
                ["面霜", "面膜", None])))
            for k in range(draw(st.integers(1, 3)))
        )  # fmt: skip
        shipping = Money(draw(st.sampled_from([0, 800, 1000])))
        refunds: list[RecordedRefund] = []
        if draw(st.booleans()):  # before completion: less income, less fee
            amount = draw(st.integers(1, lines[0].amount.fen // 2))
            refunds.append(RecordedRefund(1, Money(amount), done - timedelta(hours=2)))
        room = int((OCTOBER.period().end - done).total_seconds())
        if room > 120 and draw(st.booleans()):  # after completion, in October: paid out
            amount = draw(st.integers(1, lines[-1].amount.fen))
            later = done + timedelta(seconds=draw(st.integers(60, room - 10)))
            refunds.append(RecordedRefund(len(lines), Money(amount), later))
        order = KnownOrder(order_no, done, shipping, lines, tuple(refunds))
        orders.append(order)
        entries.append(
            _entry(f"{order_no}-in", done + timedelta(seconds=5),
                   income=order.expected_income.fen, merchant=f"T200P{order_no}")
        )  # fmt: skip
        before = {r.line_no: r.amount.fen for r in refunds if r.completed_at <= done}
        for line in lines:
            base = Money(line.amount.fen - before.get(line.line_no, 0))
            fee = round_half_up_to_fen(_rate(line.category).apply(base))
            if fee.is_zero:
                continue
            late = draw(st.booleans())  # a fee often lands in a later month (formats.md)
            at = done + timedelta(days=35 if late else 0, seconds=6)
            entries.append(
                _entry(f"{order_no}-fee{line.line_no}", at, expense=fee.fen,
                       business_type="收费", remark=f"天猫佣金{{{order_no}}}")
            )  # fmt: skip
        for k, refund in enumerate(order.paid_out_refunds()):
            entries.append(
                _entry(f"{order_no}-refund{k}", refund.completed_at + timedelta(seconds=3),
                       expense=refund.amount.fen, merchant=f"T200P{order_no}",
                       business_type="交易退款")
            )  # fmt: skip
    # September's order, its money on October 1st: not October's.
    september = KnownOrder("4012999999999999", _START - timedelta(minutes=5), Money(0),
                           (ExpectedLine(1, Money(13900), "面霜"),))  # fmt: skip
    orders.append(september)
    entries.append(
        _entry("sep-in", _START + timedelta(seconds=20), income=13900,
               merchant="T200P4012999999999999")
    )  # fmt: skip
    return orders, entries


def _run(orders: list[KnownOrder], entries: list[AlipayEntry]) -> Reconciliation:
    return reconcile(
        OCTOBER, orders, entries, fee_kinds=frozenset({ChargeKind.TMALL_COMMISSION}),
        rate_for=_rate,
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(_orders())
def test_consistent_orders_and_lines_reconcile_with_no_difference(
    made: tuple[list[KnownOrder], list[AlipayEntry]],
) -> None:
    orders, entries = made
    result = _run(orders, entries)
    assert result.differences == []
    october = [order for order in orders if order.order_no != "4012999999999999"]
    assert result.orders_completed == result.matched == len(october)
    assert result.expected_income == result.alipay_income
    assert result.expected_fees == result.alipay_fees
    assert result.expected_refunds == result.alipay_refunds


_CAUSE_OF_LINE = {
    "in": Cause.AMOUNT_DIFFERS,  # the order's income lines ≠ its expected income
    "fee": Cause.FEE_DIFFERS,  # its 天猫佣金 ≠ the lines' fee (R-S5)
    "refund": Cause.REFUND_UNMATCHED,  # the 交易退款 ≠ the refund recorded
}


@settings(max_examples=200, deadline=None)
@given(_orders(), st.data())
def test_changing_any_one_amount_yields_one_difference_of_its_cause(
    made: tuple[list[KnownOrder], list[AlipayEntry]], data: st.DataObject
) -> None:
    orders, entries = made
    october = [e for e in entries if not e.entry_no.startswith("sep")]
    # An Alipay line's amount, a shipping charge, or a refund recorded after completion.
    targets = [("entry", e.entry_no) for e in october]
    targets += [("shipping", o.order_no) for o in orders if o.order_no != "4012999999999999"]
    targets += [("refund", o.order_no) for o in orders if o.paid_out_refunds()]
    kind, key = data.draw(st.sampled_from(targets))
    delta = data.draw(st.sampled_from([-1, 1, 37, 10_000]))
    if kind == "entry":
        index = next(i for i, e in enumerate(entries) if e.entry_no == key)
        entry = entries[index]
        if not entry.income.is_zero:
            changed = replace(entry, income=Money(max(0, entry.income.fen + delta)))
        else:
            changed = replace(entry, expense=Money(entry.expense.fen + abs(delta)))
        entries = [*entries[:index], changed, *entries[index + 1 :]]
        order_no = key.split("-")[0]
        cause = _CAUSE_OF_LINE[key.split("-")[1].rstrip("0123456789")]
    else:
        index = next(i for i, o in enumerate(orders) if o.order_no == key)
        order = orders[index]
        if kind == "shipping":
            changed_order = replace(order, shipping=order.shipping + Money(abs(delta)))
            cause = Cause.AMOUNT_DIFFERS
        else:
            last = order.refunds[-1]
            grown = replace(last, amount=last.amount + Money(abs(delta)))
            changed_order = replace(order, refunds=(*order.refunds[:-1], grown))
            cause = Cause.REFUND_UNMATCHED
        orders = [*orders[:index], changed_order, *orders[index + 1 :]]
        order_no = key
    result = _run(orders, entries)
    assert [(d.cause, d.order_no) for d in result.differences] == [(cause, order_no)]
    assert result.matched == result.orders_completed - 1
    (difference,) = result.differences
    assert difference.difference == difference.actual - difference.expected
    assert not difference.difference.is_zero
