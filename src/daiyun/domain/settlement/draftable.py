"""Which months a contract's statement may be drafted (and issued) for (R-S1, R-S6, R-C5).

A month is settled once it is over: R-S1 recognises a line in the month its order completes,
so a month still running would be drafted with part of its sales, and R-S6 has the statement
issued in the month after. Refused, not warned: a draft of a running month is never what the
clerk wants to send, and the month can be drafted the day after it ends. A month outside the
contract's term (before it took effect, or after a term that does not renew ended) has nothing
the contract settles. The same rule holds on the CLI, the API and the pages (the use case
enforces it), and `statement_duties` counts the months owing a statement the same way.
"""

from __future__ import annotations

from datetime import date, timedelta

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractSpec

__all__ = ["month_problem"]


def month_problem(contract: ContractSpec, month: Month, *, today: date) -> str | None:
    """Why `month` cannot be settled under `contract` as of `today` (Beijing); None when it can.

    The words follow "cannot draft statement KEY: " (or issue)."""
    if today <= month.last_day:
        return (
            f"{month} is not over until {month.last_day.isoformat()} (Beijing time); a month is "
            "settled once it has ended (R-S1, R-S6)"
        )
    if month.last_day < contract.effective_on:
        return (
            f"contract {contract.code} takes effect on {contract.effective_on.isoformat()}, "
            f"after {month} (R-C5)"
        )
    if not contract.auto_renew:  # R-C5: without renewal the contract ends at its expiry
        last_day = contract.expires_on - timedelta(days=1)
        if month.first_day > last_day:
            return (
                f"contract {contract.code} ended on {last_day.isoformat()}, before {month} (R-C5)"
            )
    return None
