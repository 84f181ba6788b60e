"""Properties of the bill drafted from any Alipay lines (issue 18; R-B2, R-B3).

- `amount_due` = `commission` + `vat`, each half-up once, whatever the lines: income, refunds,
  fees, withdrawals, transfers, top-ups, lines of other months;
- `receipts` = trade income less trade refunds paid out, the other lines counted nowhere;
- over consecutive months, the shortfall carried forward (bill.py) telescopes: the bases billed
  add up to the months' receipts less the shortfall still carried out of the last one, which is
  the worst run of months ending with it; no month's base is ever negative.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.fee_bills.document import draft_bill
from daiyun.domain.money import Money, Rate, round_half_up_to_fen
from daiyun.domain.reconciliation.alipay import AlipayEntry

OCTOBER = Month(2026, 10)
START = datetime(2026, 9, 25, tzinfo=SHANGHAI)  # lines from late September to early November

# (业务类型, 商户订单号, 备注, income?, counts as) — what the statement's lines may be.
KINDS = [
    ("交易付款", "T200P4012000000000001", "", True, "income"),
    ("在线支付", "T200P4012000000000002", "", True, "income"),
    ("在线支付", "", "", True, None),  # a top-up naming no trade
    ("交易退款", "T200P4012000000000001", "", False, "refund"),
    ("收费", "", "天猫佣金{4012000000000001}", False, None),
    ("交易付款", "", "基础软件服务费(4012000000000003)", False, None),  # a fee, whatever its type
    ("提现", "", "", False, None),
    ("转账", "", "", True, None),
    ("转账", "", "", False, None),
]


@st.composite
def lines(draw: st.DrawFn) -> list[tuple[AlipayEntry, str | None]]:
    """Lines of the account, each with what it counts as in October (None: nothing)."""
    found = []
    for number in range(draw(st.integers(min_value=0, max_value=25))):
        business_type, order, remark, is_income, counts = draw(st.sampled_from(KINDS))
        at = START + timedelta(minutes=draw(st.integers(min_value=0, max_value=45 * 24 * 60)))
        amount = Money(draw(st.integers(min_value=1, max_value=10**9)))
        entry = AlipayEntry(
            entry_no=f"2026{number:08d}", business_no=f"B{number}", merchant_order_no=order,
            item_name="", occurred_at=at, income=amount if is_income else Money.zero(),
            expense=Money.zero() if is_income else amount, balance=None, channel="",
            business_type=business_type, remark=remark,
        )  # fmt: skip
        found.append((entry, counts if Month.containing(at) == OCTOBER else None))
    return found


rates = st.integers(min_value=0, max_value=300).map(lambda n: Rate(Decimal(n) / 1000))
vat_rates = st.integers(min_value=0, max_value=200).map(lambda n: Rate(Decimal(n) / 1000))


@given(lines(), rates, vat_rates, st.integers(min_value=-(10**10), max_value=0))
def test_any_lines_bill_commission_plus_vat_on_their_receipts(
    drawn: list[tuple[AlipayEntry, str | None]], rate: Rate, vat_rate: Rate, carried: int
) -> None:
    terms = ContractTerms(model_b_commission_rate=rate, vat_rate=vat_rate)
    bill = draft_bill("C", OCTOBER, [entry for entry, _ in drawn], terms, Money(carried))
    income = sum(entry.income.fen for entry, counts in drawn if counts == "income")
    refunds = sum(entry.expense.fen for entry, counts in drawn if counts == "refund")
    figures = bill.figures
    assert (bill.receipts.trade_income.fen, bill.receipts.refunds_paid_out.fen) == (
        income,
        refunds,
    )
    assert figures.receipts == Money(income - refunds)
    assert bill.income_lines == sum(1 for _, counts in drawn if counts == "income")
    assert bill.refund_lines == sum(1 for _, counts in drawn if counts == "refund")
    net = income - refunds + carried
    assert figures.commission_base == Money(max(net, 0))
    assert figures.carried_out == Money(min(net, 0))
    assert figures.commission == round_half_up_to_fen(Decimal(max(net, 0)) * rate.value)
    assert figures.vat == round_half_up_to_fen(Decimal(figures.commission.fen) * vat_rate.value)
    assert figures.amount_due == figures.commission + figures.vat
    assert figures.commission.fen >= 0 and figures.vat.fen >= 0


@given(st.lists(st.integers(min_value=-(10**9), max_value=10**9), min_size=1, max_size=14))
def test_the_carried_shortfall_telescopes_over_the_months(receipts: list[int]) -> None:
    terms = ContractTerms()
    carried, month, bases = Money.zero(), Month(2026, 1), []
    for fen in receipts:
        entry = AlipayEntry(
            entry_no=f"{month}", business_no="", merchant_order_no="", item_name="",
            occurred_at=datetime(month.year, month.month, 15, tzinfo=SHANGHAI),
            income=Money(max(fen, 0)), expense=Money(max(-fen, 0)), balance=None, channel="",
            business_type="交易付款" if fen >= 0 else "交易退款", remark="",
        )  # fmt: skip
        figures = draft_bill("C", month, [entry], terms, carried).figures
        assert figures.carried_in == carried
        bases.append(figures.commission_base.fen)
        carried, month = figures.carried_out, month.next()
    # Σ base = Σ receipts − what is still carried out of the last month: nothing billed twice.
    assert sum(bases) == sum(receipts) - carried.fen
    assert all(base >= 0 for base in bases)
    # What is carried out of the last month is the worst run of months up to it, if below zero:
    # min(0, the smallest sum of the last k months' receipts, k = 1 … n).
    runs = [sum(receipts[start:]) for start in range(len(receipts))]
    assert carried.fen == min(0, *runs)
