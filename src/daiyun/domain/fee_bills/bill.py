"""The figures of a model B contract's monthly commission bill (R-B2, R-B3, R-B5).

For month M, issued in M+1:
- `commission` = the commission base × `model_b_commission_rate`, rounded half-up to the fen
  once (R-B2); `vat` = `commission` × `vat_rate`, half-up once (R-B3); `amount_due` =
  `commission` + `vat`, no further rounding.
- `issue_by` / `payment_due`: the `commission_issue_day` / `commission_payment_day` of M+1, in
  calendar days (R-B2).
- `termination_right_from`: the first day the bill is more than `fee_overdue_termination_days`
  days overdue (R-B5, see overdue.py).

A month whose refunds exceed its income (decided here, R-B2). Its receipts are negative, but
the commission is never negative: the operator does not pay the brand commission back. The
bill for that month is 0.00 (commission 0.00, VAT 0.00), and the shortfall is CARRIED FORWARD:
it is taken off the next month's receipts before the rate is applied, and so on until used up.
Why: the refunds paid out in M are mostly of sales made in earlier months, on which the brand
already paid commission; R-B2 charges commission on "the amount actually received", and money
refunded was not kept. Without carrying forward, the brand would pay commission on income it
gave back whenever the refunds fall in a month of low sales (a month after a big promotion),
while the operator never repays commission; carrying forward keeps the commission over the
months equal to the rate on what the account kept in total, without a negative bill, a credit
note or a VAT reversal. A shortfall still left when the contract ends lapses: nothing is paid
out for it, as no commission is ever negative.
`receipts` on the bill is the month's own figure (it may be negative); `carried_in` is the
shortfall brought from the month before (0.00 or less), `commission_base` =
max(0, receipts + carried_in) and `carried_out` = min(0, receipts + carried_in).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from daiyun.domain.calendar import Month
from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.fee_bills.overdue import termination_right_from
from daiyun.domain.money import Money, Rate, round_half_up_to_fen

__all__ = ["BillFigures", "bill_figures", "commission_of", "vat_of"]


def commission_of(base: Money, rate: Rate) -> Money:
    """The commission on `base`, half-up once (R-B2); nothing on a base of zero or less."""
    if base.fen <= 0:
        return Money.zero()
    return round_half_up_to_fen(rate.apply(base))


def vat_of(commission: Money, vat_rate: Rate) -> Money:
    """The VAT on a commission, half-up once (R-B3)."""
    return round_half_up_to_fen(vat_rate.apply(commission))


@dataclass(frozen=True, slots=True)
class BillFigures:
    """What a month's commission bill says, before any payment."""

    month: Month
    receipts: Money  # the month's own receipts (R-B2); may be negative
    carried_in: Money  # shortfall brought from the previous month: 0.00 or less
    commission_base: Money  # max(0, receipts + carried_in)
    carried_out: Money  # shortfall taken to the next month: 0.00 or less
    commission: Money
    vat: Money
    issue_by: date
    payment_due: date
    termination_right_from: date

    @property
    def amount_due(self) -> Money:
        """Commission plus VAT (R-B3)."""
        return self.commission + self.vat


def bill_figures(
    month: Month,
    receipts: Money,
    terms: ContractTerms,
    carried_in: Money | None = None,
) -> BillFigures:
    """The bill for `month` from its receipts and the shortfall carried from the month before."""
    carried = Money.zero() if carried_in is None else carried_in
    if carried.fen > 0:
        raise ValueError(f"a carried shortfall is 0.00 or less, not {carried.yuan_text()}")
    net = receipts + carried
    base = net if net.fen > 0 else Money.zero()
    commission = commission_of(base, terms.model_b_commission_rate)
    billed_in = month.next()
    payment_due = billed_in.day(terms.commission_payment_day)
    return BillFigures(
        month=month,
        receipts=receipts,
        carried_in=carried,
        commission_base=base,
        carried_out=net if net.fen < 0 else Money.zero(),
        commission=commission,
        vat=vat_of(commission, terms.vat_rate),
        issue_by=billed_in.day(terms.commission_issue_day),
        payment_due=payment_due,
        termination_right_from=termination_right_from(
            payment_due, terms.fee_overdue_termination_days
        ),
    )
