"""R-F5: a buyer's return or exchange, accepted or refused by the contract's windows.

A quality problem: return or exchange without condition. Otherwise the goods must be fit to sell
again, and the request made within `return_days` (a return) or `exchange_days` (an exchange)
counted from the day after the buyer received them, as the 7-day no-reason rules count:
received on 10 October, a return may be asked until the 17th (7 days), an exchange until the
25th (15 days). The last day is in the window; the day after is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from daiyun.domain.money import Money

__all__ = [
    "MAX_REASON",
    "QUALITY",
    "Decision",
    "ReturnDecision",
    "ReturnKind",
    "ReturnRecord",
    "ReturnRequest",
    "ReturnedGoods",
    "decide_return",
    "window_ends",
]

QUALITY = "quality"  # the one reason without a window
_NO_REFUND = Money(0)
MAX_REASON = 200


class ReturnKind(StrEnum):
    """What the buyer asks for."""

    RETURN = "return"  # 退货: the goods back, the money refunded
    EXCHANGE = "exchange"  # 换货: the goods back, others sent instead


class Decision(StrEnum):
    """The answer to a request."""

    ACCEPTED = "accepted"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class ReturnDecision:
    """Accepted or refused, with the window's last day (None for quality: no window) and its
    length in days."""

    decision: Decision
    window_ends: date | None
    window_days: int | None

    @property
    def accepted(self) -> bool:
        return self.decision is Decision.ACCEPTED


def window_ends(kind: ReturnKind, received_on: date, *, days: int) -> date:
    """The last day a request may be made: `days` calendar days after the day of receipt
    (day 1 is the day after it)."""
    if days < 0:
        raise ValueError(f"a {kind.value} window of {days} days is not a window")
    return received_on + timedelta(days=days)


def decide_return(
    kind: ReturnKind,
    reason: str,
    *,
    received_on: date,
    requested_on: date,
    return_days: int,
    exchange_days: int,
) -> ReturnDecision:
    """R-F5: quality always accepted; otherwise accepted up to the window's last day."""
    if requested_on < received_on:
        raise ValueError(
            f"the request on {requested_on.isoformat()} comes before the goods were received on "
            f"{received_on.isoformat()}"
        )
    if reason.strip().casefold() == QUALITY:
        return ReturnDecision(Decision.ACCEPTED, None, None)
    days = return_days if kind is ReturnKind.RETURN else exchange_days
    ends = window_ends(kind, received_on, days=days)
    decision = Decision.ACCEPTED if requested_on <= ends else Decision.REFUSED
    return ReturnDecision(decision, ends, days)


@dataclass(frozen=True, slots=True)
class ReturnRequest:
    """What the buyer asked: of one line of an order, or the whole order (`line_no` None)."""

    store: str
    order_no: str
    line_no: int | None
    kind: ReturnKind
    reason: str
    received_on: date
    requested_on: date

    @property
    def is_quality(self) -> bool:
        return self.reason.strip().casefold() == QUALITY


@dataclass(frozen=True, slots=True)
class ReturnedGoods:
    """Goods of an accepted request received back, one order line's (R-F5 → R-F1): a return's
    go back into the brand's stock (`restocked`), an exchange's go out again."""

    line_no: int
    sku: str | None
    warehouse: str
    units: int
    restocked: int
    received_on: date


@dataclass(frozen=True, slots=True)
class ReturnRecord:
    """A request as stored: its decision, the goods received back, and what the platform's
    files show refunded of the line (or of the order, for a request on the whole order)."""

    id: int
    request: ReturnRequest
    decision: ReturnDecision
    decided_at: datetime
    decided_by: str
    goods: tuple[ReturnedGoods, ...] = ()
    refund_units: int = 0
    refund_amount: Money = _NO_REFUND
    refunded_at: datetime | None = None
