"""A model B contract's dated duties (R-O1; R-B1, R-B2, R-B4, R-B5), worked by hand.

The contract: commission 3%, VAT 6%, the bill issued by the 3rd and paid by the 5th of M+1, the
termination right when more than 10 days overdue; annual service fee 120,000.00 in two halves
(60,000.00 + 3,600.00 VAT each), the first due 3 days after signing, the second 5 months after
the effective date; deposit 20,000.00 refunded within 5 working days after the end.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.contracts import ContractSpec, ContractTerms, Party
from daiyun.domain.contracts.choices import ContractModel, Platform, Service
from daiyun.domain.fee_bills.document import FeeBill, draft_bill
from daiyun.domain.fee_bills.records import (
    BillAnswer,
    BillPayment,
    BillVersion,
    DepositEvent,
    DepositEventKind,
    InstalmentPayment,
)
from daiyun.domain.money import Money, Rate
from daiyun.domain.obligations import (
    CONSEQUENCE_TEXTS,
    Consequence,
    Obligation,
    ObligationKind,
    ObligationStatus,
    ObligationTopic,
)
from daiyun.domain.obligations.fee_bill_duties import (
    StoredBill,
    billed_months,
    fee_bill_obligations,
    fees_settled_on,
)
from daiyun.domain.reconciliation.alipay import AlipayEntry
from daiyun.domain.settlement.records import Answer

K = ObligationKind
S = ObligationStatus
TERMS = ContractTerms(
    model_b_commission_rate=Rate.of("0.03"),
    service_fee_annual=Money.of_yuan("120000.00"),
    service_deposit=Money.of_yuan("20000.00"),
)
AT = datetime(2026, 11, 2, 9, tzinfo=SHANGHAI)
INSTALMENT = Money.of_yuan("63600.00")  # 60,000.00 + 6% VAT 3,600.00


def contract(effective_on: date, *, auto_renew: bool = True) -> ContractSpec:
    return ContractSpec(
        code="INOHERB-2026", brand_code="inoherb", model=ContractModel.B,
        signed_on=effective_on, effective_on=effective_on, term_months=12,
        auto_renew=auto_renew, renewal_notice_months=1, platforms=(Platform.TMALL,),
        services=(Service.STORE_OPERATION,), territory="mainland China", terms=TERMS,
    )  # fmt: skip


def bill_of(month: Month, receipts: str) -> FeeBill:
    """The month's bill on one line of trade income."""
    fen = Money.of_yuan(receipts)
    line = AlipayEntry(
        entry_no="1", business_no="", merchant_order_no="", item_name="",
        occurred_at=datetime(month.year, month.month, 10, tzinfo=SHANGHAI), income=fen,
        expense=Money.zero(), balance=None, channel="", business_type="交易付款", remark="",
    )  # fmt: skip
    return draft_bill("INOHERB-2026", month, [line], TERMS)


def version(
    number: int, bill: FeeBill, issued_on: date | None, answer: Answer | None = None
) -> BillVersion:
    return BillVersion(
        number, bill, bill.content_hash, AT, "clerk",
        issued_at=None if issued_on is None else AT, issued_on=issued_on,
        issued_by=None if issued_on is None else "clerk",
        answer=None if answer is None else BillAnswer(answer, "b", AT, issued_on or AT.date(), "x"),
    )  # fmt: skip


def paid(number: int, day: date, yuan: str) -> BillPayment:
    return BillPayment(number, day, Money.of_yuan(yuan), AT, "clerk")


def instalment(number: int, day: date, amount: Money = INSTALMENT) -> InstalmentPayment:
    return InstalmentPayment(number, day, amount, AT, "clerk")


def table(
    found: list[Obligation], kinds: set[ObligationKind] | None = None
) -> list[tuple[object, ...]]:
    """(kind, subject, party, due, status, done) of each duty, in the list's order."""
    return [
        (o.kind, o.subject, o.party, o.due_on, o.status, o.done_on)
        for o in found
        if kinds is None or o.kind in kinds
    ]


# Effective Tue 1 September 2026: the first instalment due 1 + 3 = 4 September, the second
# 5 months after, 1 February 2027. As of 20 November, September and October are over.
SEPTEMBER, OCTOBER = Month(2026, 9), Month(2026, 10)
ONE = contract(date(2026, 9, 1))
# October's receipts 12,345.60: commission 370.37, VAT 22.22, due 392.59 (bill.py's example).
OCTOBER_BILL = bill_of(OCTOBER, "12345.60")


def test_each_month_owes_its_bill_then_its_payment_and_each_instalment_is_paid() -> None:
    october = StoredBill(
        OCTOBER, 1, (version(1, OCTOBER_BILL, date(2026, 11, 2)),),
        (paid(1, date(2026, 11, 16), "392.59"),),
    )  # fmt: skip
    found = fee_bill_obligations(
        ONE, [october], [instalment(1, date(2026, 9, 3))], [],
        ended_on=None, as_of=date(2026, 11, 20),
    )  # fmt: skip
    bill, fee = "bill INOHERB-2026", "service-fee INOHERB-2026 instalment"
    assert table(found) == [
        # 1: due 4 Sep, paid the 3rd; in full before the right's first day 4 + 11 = 15 Sep.
        (K.PAY_SERVICE_FEE, f"{fee} 1", Party.BRAND, date(2026, 9, 4), S.MET, date(2026, 9, 3)),
        (K.PAY_FEE_BEFORE_TERMINATION, f"{fee} 1", Party.BRAND, date(2026, 9, 14), S.MET,
         date(2026, 9, 3)),
        # September's bill, by 3 October: never issued.
        (K.ISSUE_FEE_BILL, f"{bill} 2026-09", Party.OPERATOR, date(2026, 10, 3), S.MISSED, None),
        # October's, by 3 November: issued on the 2nd.
        (K.ISSUE_FEE_BILL, f"{bill} 2026-10", Party.OPERATOR, date(2026, 11, 3), S.MET,
         date(2026, 11, 2)),
        # Paid by 5 November: paid in full on the 16th, 11 days late …
        (K.PAY_FEE_BILL, f"{bill} 2026-10", Party.BRAND, date(2026, 11, 5), S.MISSED,
         date(2026, 11, 16)),
        # … after the last day without the right, 5 + 10 = 15 November (R-B5).
        (K.PAY_FEE_BEFORE_TERMINATION, f"{bill} 2026-10", Party.BRAND, date(2026, 11, 15),
         S.MISSED, date(2026, 11, 16)),
        # 2: due 1 February 2027, in full by 1 + 10 = 11 February.
        (K.PAY_SERVICE_FEE, f"{fee} 2", Party.BRAND, date(2027, 2, 1), S.OPEN, None),
        (K.PAY_FEE_BEFORE_TERMINATION, f"{fee} 2", Party.BRAND, date(2027, 2, 11), S.OPEN, None),
    ]  # fmt: skip
    # The deposit was never received: nothing to refund. The rules and the consequences:
    assert [o.rule for o in found] == [
        "R-B1",
        "R-B5",
        "R-B2",
        "R-B2",
        "R-B2",
        "R-B5",
        "R-B1",
        "R-B5",
    ]
    assert [o.consequence_key for o in found[4:6]] == [
        Consequence.FEE_OVERDUE, Consequence.OPERATOR_TERMINATION_RIGHT,
    ]  # fmt: skip
    assert found[4].consequence == (
        "the fee is overdue; more than 10 days overdue gives the operator a termination right"
    )
    assert all(
        o.consequence == CONSEQUENCE_TEXTS[o.consequence_key].format(*o.consequence_values)
        for o in found
    )
    # What each names, for a page to word it.
    assert [(o.topic, o.month, o.instalment) for o in found[:4]] == [
        (ObligationTopic.SERVICE_FEE, None, 1), (ObligationTopic.SERVICE_FEE, None, 1),
        (ObligationTopic.FEE_BILL, SEPTEMBER, None), (ObligationTopic.FEE_BILL, OCTOBER, None),
    ]  # fmt: skip
    assert {o.contract for o in found} == {"INOHERB-2026"}


def test_paid_ten_days_late_the_operator_has_no_termination_right() -> None:
    october = StoredBill(
        OCTOBER, 1, (version(1, OCTOBER_BILL, date(2026, 11, 2)),),
        (paid(1, date(2026, 11, 5), "92.59"), paid(1, date(2026, 11, 15), "300.00")),
    )  # fmt: skip
    found = fee_bill_obligations(ONE, [october], [], [], ended_on=None, as_of=date(2026, 11, 20))
    kinds = {K.PAY_FEE_BILL, K.PAY_FEE_BEFORE_TERMINATION}
    # In full on the 15th (92.59 + 300.00 = 392.59): 10 days late, met before the right.
    assert [row for row in table(found, kinds) if "bill" in str(row[1])] == [
        (K.PAY_FEE_BILL, "bill INOHERB-2026 2026-10", Party.BRAND, date(2026, 11, 5), S.MISSED,
         date(2026, 11, 15)),
        (K.PAY_FEE_BEFORE_TERMINATION, "bill INOHERB-2026 2026-10", Party.BRAND,
         date(2026, 11, 15), S.MET, date(2026, 11, 15)),
    ]  # fmt: skip
    # Unpaid and judged on the 15th: open, due today; on the 16th: missed, overdue.
    unpaid = StoredBill(OCTOBER, 1, (version(1, OCTOBER_BILL, date(2026, 11, 2)),), ())
    on_15 = fee_bill_obligations(ONE, [unpaid], [], [], ended_on=None, as_of=date(2026, 11, 15))
    before = next(o for o in on_15 if o.kind is K.PAY_FEE_BEFORE_TERMINATION and o.month)
    assert (before.status, before.is_due_on(date(2026, 11, 15))) == (S.OPEN, True)
    on_16 = fee_bill_obligations(ONE, [unpaid], [], [], ended_on=None, as_of=date(2026, 11, 16))
    after = next(o for o in on_16 if o.kind is K.PAY_FEE_BEFORE_TERMINATION and o.month)
    assert (after.status, after.is_overdue) == (S.MISSED, True)


def test_a_disputed_version_is_owed_until_the_next_and_a_bill_of_nothing_needs_no_payment() -> None:
    v1 = version(1, OCTOBER_BILL, date(2026, 11, 2), Answer.DISPUTE)
    # Version 2 on receipts 12,000.00: 360.00 + 21.60 = 381.60, issued 4 November.
    v2_bill = bill_of(OCTOBER, "12000.00")
    drafted = StoredBill(OCTOBER, 2, (v1, version(2, v2_bill, None)), ())
    found = fee_bill_obligations(ONE, [drafted], [], [], ended_on=None, as_of=date(2026, 11, 4))
    october = [o for o in found if o.month == OCTOBER]
    # The issue duty was met by version 1; the payment waits on the version standing.
    assert [(o.kind, o.status, o.done_on) for o in october] == [
        (K.ISSUE_FEE_BILL, S.MET, date(2026, 11, 2)),
        (K.PAY_FEE_BILL, S.OPEN, None),
        (K.PAY_FEE_BEFORE_TERMINATION, S.OPEN, None),
    ]  # fmt: skip
    reissued = StoredBill(
        OCTOBER, 2, (v1, version(2, v2_bill, date(2026, 11, 4))),
        # 392.59 paid on version 1 would not count; 381.60 on version 2 on the 6th does.
        (paid(2, date(2026, 11, 6), "381.60"),),
    )  # fmt: skip
    found = fee_bill_obligations(ONE, [reissued], [], [], ended_on=None, as_of=date(2026, 11, 20))
    assert [(o.kind, o.status, o.done_on) for o in found if o.month == OCTOBER] == [
        (K.ISSUE_FEE_BILL, S.MET, date(2026, 11, 2)),
        (K.PAY_FEE_BILL, S.MISSED, date(2026, 11, 6)),  # 1 day late
        (K.PAY_FEE_BEFORE_TERMINATION, S.MET, date(2026, 11, 6)),
    ]  # fmt: skip
    # A month whose refunds used up its receipts bills 0.00: issued, nothing to pay.
    nothing = StoredBill(OCTOBER, 1, (version(1, bill_of(OCTOBER, "0.00"), date(2026, 11, 2)),), ())
    found = fee_bill_obligations(ONE, [nothing], [], [], ended_on=None, as_of=date(2026, 11, 20))
    assert [o.kind for o in found if o.month == OCTOBER] == [K.ISSUE_FEE_BILL]


# Effective Wed 30 September 2025 for 12 months without renewal: its last day is Tue
# 29 September 2026. The instalments: 3 October 2025 and 28 February 2026 (no 30 February).
ENDED = contract(date(2025, 9, 30), auto_renew=False)
LAST_DAY = date(2026, 9, 29)
BOTH_PAID = [instalment(1, date(2025, 10, 2)), instalment(2, date(2026, 2, 27))]
RECEIVED = DepositEvent(
    DepositEventKind.RECEIVED, date(2025, 10, 1), Money.of_yuan("20000.00"), None, AT, "clerk"
)


def refund_duties(
    events: list[DepositEvent], as_of: date, bills: tuple[StoredBill, ...] = ()
) -> list[tuple[object, ...]]:
    found = fee_bill_obligations(ENDED, bills, BOTH_PAID, events, ended_on=LAST_DAY, as_of=as_of)
    return table(found, {K.REFUND_DEPOSIT})


def test_the_deposit_refund_falls_due_across_guoqing_once_all_is_paid() -> None:
    # R-B4: 5 working days after 29 Sep; 国庆 1–7 October off, Sat 10 October worked:
    # 30 Sep (1), 8 Oct (2), 9 Oct (3), Sat 10 Oct (4), Mon 12 Oct (5) → due 12 October.
    due = date(2026, 10, 12)
    assert refund_duties([RECEIVED], date(2026, 10, 9)) == [
        (K.REFUND_DEPOSIT, "deposit INOHERB-2026", Party.OPERATOR, due, S.OPEN, None)
    ]
    assert refund_duties([RECEIVED], date(2026, 10, 13))[0][4:] == (S.MISSED, None)
    refunded = DepositEvent(
        DepositEventKind.REFUNDED, due, Money.of_yuan("20000.00"), None, AT, "clerk"
    )
    assert refund_duties([RECEIVED, refunded], date(2026, 10, 13))[0][4:] == (S.MET, due)
    found = fee_bill_obligations(
        ENDED, [], BOTH_PAID, [RECEIVED], ended_on=LAST_DAY, as_of=date(2026, 10, 9)
    )
    (refund,) = [o for o in found if o.kind is K.REFUND_DEPOSIT]
    assert (refund.rule, refund.consequence_key, refund.topic) == (
        "R-B4", Consequence.DEPOSIT_WITHHELD, ObligationTopic.DEPOSIT,
    )  # fmt: skip


def test_no_refund_falls_due_while_it_runs_something_is_owed_or_it_was_forfeited() -> None:
    # Running: no end yet.
    found = fee_bill_obligations(
        ENDED, [], BOTH_PAID, [RECEIVED], ended_on=None, as_of=date(2026, 9, 29)
    )
    assert table(found, {K.REFUND_DEPOSIT}) == []
    # Forfeited on the brand's breach.
    forfeited = DepositEvent(
        DepositEventKind.FORFEITED, date(2026, 10, 1), Money.of_yuan("20000.00"), "违约", AT, "x"
    )
    assert refund_duties([RECEIVED, forfeited], date(2026, 10, 13)) == []
    # Never received.
    assert refund_duties([], date(2026, 10, 13)) == []
    # September 2026's bill drafted, not paid: something is owed, the refund has no day yet.
    september = bill_of(Month(2026, 9), "100.00")
    drafted = StoredBill(Month(2026, 9), 1, (version(1, september, None),), ())
    assert refund_duties([RECEIVED], date(2026, 10, 13), (drafted,)) == []


def test_the_day_all_is_settled_and_the_months_that_owe_a_bill() -> None:
    october = StoredBill(
        OCTOBER, 1, (version(1, OCTOBER_BILL, date(2026, 11, 2)),),
        (paid(1, date(2026, 11, 5), "92.59"), paid(1, date(2026, 11, 9), "300.00")),
    )  # fmt: skip
    nothing = StoredBill(SEPTEMBER, 1, (version(1, bill_of(SEPTEMBER, "0.00"), None),), ())
    # The later of the instalments' (3 Sep; 2 not paid) — None while the second is owed.
    assert fees_settled_on(ONE, [october, nothing], [instalment(1, date(2026, 9, 3))]) is None
    both = [instalment(1, date(2026, 9, 3)), instalment(2, date(2026, 10, 1))]
    # 3 Sep, 1 Oct and October's bill in full on 9 Nov; September's 0.00 owes nothing.
    assert fees_settled_on(ONE, [october, nothing], both) == date(2026, 11, 9)
    # Half of the second instalment is not all of it.
    half = [both[0], instalment(2, date(2026, 10, 1), Money.of_yuan("31800.00"))]
    assert fees_settled_on(ONE, [], half) is None
    # No fee agreed and nothing billed: settled from the effective date.
    assert fees_settled_on(replace(ONE, terms=ContractTerms()), [], []) == date(2026, 9, 1)
    # The months over by 20 Nov; for the ended contract, to its last day's month.
    assert billed_months(ONE, date(2026, 11, 20), None) == [SEPTEMBER, OCTOBER]
    assert billed_months(ENDED, date(2026, 12, 1), LAST_DAY)[-1] == Month(2026, 9)
    assert len(billed_months(ENDED, date(2026, 12, 1), LAST_DAY)) == 13  # Sep 2025 … Sep 2026
