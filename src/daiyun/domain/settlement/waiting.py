"""Refunds that wait for an earlier month's statement (issue 17, R-S1, R-S9).

A refund counts, negative, in the month it completes, but it reverses only a line that an
issued statement recognised (R-S1: recognised once, by the statement of the month its order
completed). A refund completed in month M of a line completed in an earlier month H that no
issued statement recognises yet has nowhere to go in M's figures: drafting M without it would
leave its money out silently (issue 17: November drafted before October was issued showed no
concession for a 15.00 refund of an October line; once October was issued it did).

Such a month is refused, not drafted with a list of pending refunds: statements are issued
month by month (statements.py refuses to issue M while an earlier month is drafted but not
issued), so a draft of M made before H is issued could never be issued as it stands anyway:
it would have to be drafted again once H is, and the clerk would review figures that are bound
to change. The refusal names the months to issue first and the refunds waiting for them, in
both languages, on the CLI, the API and the pages alike (the use case raises it).

A refund whose line's month can never recognise it (a month outside the contract's term, or
one issued without the line, e.g. an order imported after its month was issued) does not hold
the month back: its sale was settled by no statement, so there is nothing for it to reverse;
it stays on the drafted Statement (`waiting_refunds`) for whoever reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.domain.settlement.inputs import RefundRecord

__all__ = ["WaitingRefund", "WaitingRefunds", "refunds_holding_back"]


@dataclass(frozen=True, slots=True)
class WaitingRefund:
    """A refund counted in the drafted month whose line (completed in `line_month`, earlier)
    no issued statement recognises yet: its money is in no statement's figures."""

    refund: RefundRecord
    line_month: Month


@dataclass(frozen=True, slots=True)
class WaitingRefunds:
    """The refunds that hold a month back, with the earlier months to issue first."""

    refunds: tuple[WaitingRefund, ...]

    @property
    def months(self) -> tuple[Month, ...]:
        """The months holding their lines, earliest first."""
        return tuple(sorted({waiting.line_month for waiting in self.refunds}))

    @property
    def amount(self) -> Money:
        """The money of the waiting refunds, units returned or not (R-S9)."""
        return Money(sum(waiting.refund.amount.fen for waiting in self.refunds))

    def lines(self, at_most: int = 5) -> tuple[str, ...]:
        """The refunded lines as "order/line" ("6001/1"), in any language, sorted, at most
        `at_most` of them."""
        keys = sorted({waiting.refund.key for waiting in self.refunds})
        return tuple(f"{order_no}/{line_no}" for order_no, line_no in keys[:at_most])


def refunds_holding_back(
    waiting: Iterable[WaitingRefund], *, can_still_recognise: Callable[[Month], bool]
) -> WaitingRefunds | None:
    """The waiting refunds whose line's month can still recognise the line (its statement is
    not issued yet and the month is inside the contract's term); None when there are none."""
    verdicts: dict[Month, bool] = {}
    holding = []
    for each in waiting:
        month = each.line_month
        if month not in verdicts:
            verdicts[month] = can_still_recognise(month)
        if verdicts[month]:
            holding.append(each)
    if not holding:
        return None
    holding.sort(key=lambda each: (each.line_month, each.refund.key, each.refund.completed_at))
    return WaitingRefunds(tuple(holding))
