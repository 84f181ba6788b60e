"""The annual service fee's instalments (R-B1), and what is refundable of them.

The first instalment is `first_instalment_share` of `service_fee_annual`, rounded half-up to the
fen once; the second is the rest, so the two add up to the annual fee exactly. The first is due
within `first_instalment_days` calendar days of signing (its last day: signing + that many
days); the second `second_instalment_months` months after the effective date, counted as the
Civil Code counts months (art. 203): a corresponding day missing in the due month becomes its
last day, so an effective date of 31 January gives 30 June with 5 months, 28 February (29 in a
leap year) with 1. A model B contract is effective when the first payment is received (R-C5,
§4 art.9): pass that day as `effective_on`. An annual fee of 0.00 means none was agreed: no
instalments fall due. Once service starts (the effective date) the fee is not refundable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from daiyun.domain.contracts.months import add_months
from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.fee_bills.overdue import termination_right_from
from daiyun.domain.money import Money, round_half_up_to_fen

__all__ = ["Instalment", "instalments", "refundable_service_fee"]


@dataclass(frozen=True, slots=True)
class Instalment:
    """One instalment of the annual service fee (R-B1)."""

    number: int  # 1 or 2
    amount: Money
    due_on: date
    termination_right_from: date  # R-B5: the first day it is more than N days overdue


def instalments(
    terms: ContractTerms, signed_on: date, effective_on: date
) -> tuple[Instalment, ...]:
    """The annual fee's two instalments; none when no fee is agreed (R-B1)."""
    annual = terms.service_fee_annual
    if annual.is_zero:
        return ()
    first = round_half_up_to_fen(terms.first_instalment_share.apply(annual))
    first_due = signed_on + timedelta(days=terms.first_instalment_days)
    second_due = add_months(effective_on, terms.second_instalment_months)
    overdue = terms.fee_overdue_termination_days
    return (
        Instalment(1, first, first_due, termination_right_from(first_due, overdue)),
        Instalment(2, annual - first, second_due, termination_right_from(second_due, overdue)),
    )


def refundable_service_fee(paid: Money, service_starts_on: date, ended_on: date) -> Money:
    """What of the service fee paid is given back when the contract ends on `ended_on`: all of
    it if service never started (ended before the effective date), else nothing (R-B1)."""
    return paid if ended_on < service_starts_on else Money.zero()
