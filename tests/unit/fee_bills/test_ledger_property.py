"""Property: model B's ledger balances, whatever sequence of bills, disputes, reissues, payments,
instalments and deposit events (issue 18; R-B1–R-B4).

The entries are made as services/fee_bills/ledger.py makes them, from domain/ledger/fee_entries.py:
an issued version posts its commission and VAT as owed; issuing the next version after a dispute
first reverses every version of the month not reversed yet (`reversal_of`); a payment brings cash
in and fees receivable down; an instalment's receivable is posted with its first payment; the
deposit is received, then refunded or forfeited, once. After every step: the balances sum to
zero, and fees receivable is exactly what is outstanding on the standing versions and the posted
instalments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from daiyun.domain.ledger import Account, EntryKind, JournalEntry, balances, reversal_of
from daiyun.domain.ledger.fee_entries import (
    deposit_forfeited_entry,
    deposit_received_entry,
    deposit_refunded_entry,
    fee_bill_entry,
    fee_payment_entry,
    service_fee_entry,
)
from daiyun.domain.money import Money

BRAND = "inoherb"
MONTHS = ("2026-08", "2026-09", "2026-10")
DAY = date(2026, 11, 2)


@dataclass
class Bill:
    """A month's bill as the ledger knows it: its issued versions, the standing one's payments."""

    versions: list[tuple[Money, Money]] = field(default_factory=list)  # (commission, VAT)
    disputed: bool = False
    paid: Money = field(default_factory=Money.zero)  # on the standing (latest) version

    @property
    def due(self) -> Money:
        commission, vat = self.versions[-1]
        return commission + vat


@dataclass
class Books:
    """The entries posted so far, and what they should add up to."""

    entries: list[JournalEntry] = field(default_factory=list)
    bills: dict[str, Bill] = field(default_factory=dict)
    instalments: dict[int, tuple[Money, Money, Money]] = field(
        default_factory=dict
    )  # owed, VAT, paid
    deposit: str = "none"  # none, held, refunded, forfeited
    cash: Money = field(default_factory=Money.zero)
    day: date = DAY

    def post(self, entry: JournalEntry) -> None:
        assert entry.key not in {each.key for each in self.entries}  # exactly once
        self.entries.append(entry)
        self.day += timedelta(days=1)

    def issue(self, month: str, commission: Money, vat: Money) -> None:
        bill = self.bills.setdefault(month, Bill())
        if bill.versions and not bill.disputed:
            return  # issued and standing: the service refuses (immutable)
        prefix = f"fee_bill:C:{month}:"
        reversed_keys = {entry.reverses for entry in self.entries if entry.reverses}
        for entry in list(self.entries):
            if (
                entry.kind is EntryKind.FEE_BILL_ISSUED
                and entry.key.startswith(prefix)
                and entry.key not in reversed_keys
            ):
                self.post(reversal_of(entry, f"{entry.key}:reversed", self.day))
        bill.versions.append((commission, vat))
        bill.disputed, bill.paid = False, Money.zero()
        key = f"{prefix}v{len(bill.versions)}"
        self.post(fee_bill_entry(key, BRAND, self.day, commission, vat))

    def dispute(self, month: str) -> None:
        bill = self.bills.get(month)
        if bill is not None and bill.versions and not bill.disputed and bill.paid.is_zero:
            bill.disputed = True  # no entry: the version stays owed until the next is issued

    def pay(self, month: str, share: int) -> None:
        bill = self.bills.get(month)
        if bill is None or not bill.versions or bill.disputed:
            return
        outstanding = bill.due - bill.paid
        amount = Money(outstanding.fen * share // 100)
        if amount.fen <= 0:
            return
        key = f"fee_payment:C:{month}:v{len(bill.versions)}:{self.day}:{amount.fen}"
        self.post(fee_payment_entry(key, BRAND, self.day, amount))
        bill.paid += amount
        self.cash += amount

    def pay_instalment(self, number: int, amount: Money, vat: Money, share: int) -> None:
        owed, tax, paid = self.instalments.get(number, (amount, vat, Money.zero()))
        outstanding = owed + tax - paid
        payment = Money(outstanding.fen * share // 100)
        if payment.fen <= 0:
            return
        if number not in self.instalments:  # posted with its first payment
            self.post(service_fee_entry(f"service_fee:C:{number}", BRAND, self.day, owed, tax))
        key = f"service_fee_payment:C:{number}:{self.day}:{payment.fen}"
        self.post(fee_payment_entry(key, BRAND, self.day, payment))
        self.instalments[number] = (owed, tax, paid + payment)
        self.cash += payment

    def deposit_event(self, kind: str, amount: Money) -> None:
        if kind == "received" and self.deposit == "none":
            self.post(deposit_received_entry("deposit:C:received", BRAND, self.day, amount))
            self.deposit, self.cash = "held", self.cash + amount
        elif kind == "refunded" and self.deposit == "held":
            self.post(deposit_refunded_entry("deposit:C:refunded", BRAND, self.day, amount))
            self.deposit, self.cash = "refunded", self.cash - amount
        elif kind == "forfeited" and self.deposit == "held":
            self.post(deposit_forfeited_entry("deposit:C:forfeited", BRAND, self.day, amount))
            self.deposit = "forfeited"


fen = st.integers(min_value=0, max_value=10**9).map(Money)
share = st.integers(min_value=1, max_value=100)  # percent of what is outstanding
step = st.one_of(
    st.tuples(st.just("issue"), st.sampled_from(MONTHS), fen, fen),
    st.tuples(st.just("dispute"), st.sampled_from(MONTHS)),
    st.tuples(st.just("reissue"), st.sampled_from(MONTHS), fen, fen),  # disputed, then the next
    st.tuples(st.just("pay"), st.sampled_from(MONTHS), share),
    st.tuples(st.just("instalment"), st.sampled_from((1, 2)), share),
    st.tuples(st.just("deposit"), st.sampled_from(("received", "refunded", "forfeited"))),
)


@settings(max_examples=300)
@given(
    steps=st.lists(step, max_size=40),
    instalment=st.integers(min_value=1, max_value=10**9).map(Money),
    deposit=st.integers(min_value=1, max_value=10**9).map(Money),
)
def test_the_balances_sum_to_zero_and_fees_receivable_is_what_is_outstanding(
    steps: list[tuple[object, ...]], instalment: Money, deposit: Money
) -> None:
    books = Books()
    vat = Money(instalment.fen * 6 // 100)
    for kind, *args in steps:
        if kind == "issue":
            books.issue(*args)  # type: ignore[arg-type]
        elif kind == "dispute":
            books.dispute(*args)  # type: ignore[arg-type]
        elif kind == "reissue":
            books.dispute(args[0])  # type: ignore[arg-type]
            books.issue(*args)  # type: ignore[arg-type]
        elif kind == "pay":
            books.pay(*args)  # type: ignore[arg-type]
        elif kind == "instalment":
            number, part = args
            books.pay_instalment(number, instalment, vat, part)  # type: ignore[arg-type]
        else:
            books.deposit_event(args[0], deposit)  # type: ignore[arg-type]
        totals = balances(books.entries)
        assert Money.total(totals.values()).is_zero
        standing = [bill for bill in books.bills.values() if bill.versions]
        outstanding = Money.total(bill.due - bill.paid for bill in standing)
        outstanding += Money.total(o + t - p for o, t, p in books.instalments.values())
        assert totals[Account.FEES_RECEIVABLE] == outstanding
        # Only the standing versions count as earned, and only their VAT is payable.
        assert totals[Account.COMMISSION] == -Money.total(b.versions[-1][0] for b in standing)
        assert totals[Account.VAT_PAYABLE] == -(
            Money.total(b.versions[-1][1] for b in standing)
            + Money.total(t for _, t, _ in books.instalments.values())
        )
        assert totals[Account.CASH] == books.cash
        held = deposit if books.deposit == "held" else Money.zero()
        assert totals[Account.DEPOSIT_HELD] == -held
        forfeited = deposit if books.deposit == "forfeited" else Money.zero()
        assert totals[Account.DEPOSIT_FORFEITED] == -forfeited
