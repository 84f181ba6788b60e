"""The goods' dated duties (issue 19, R-O1): the brand's shipping SLA (R-F2) and its stockout
duties with the operator's off-sale task (R-F3), as obligations. Pure.

- **Shipping** (R-F2, R-F6): one obligation per late order only — an order shipped after its
  ship-by time (missed, done on the day it shipped) or still unshipped past it (missed once its
  day has passed; on the day itself still open). Orders shipped in time are not listed: a big
  store's month has thousands, and an obligation met in hours says nothing a reader must act
  on; the on-time rate counts them (`daiyun shipping on-time`). Due on ship-by's Beijing day.
- **Stockouts** (R-F3): the brand notifies by `notice_by` and replenishes by `replenish_by`;
  daiyun records no notice of its own, so both are done on the day the stockout was seen over
  (back in stock or off sale); past `replenish_by` with the listing still out, the operator's
  task — off sale or the supply information corrected — is due the day after, done when marked
  done (or when the SKU was seen back in stock).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from daiyun.domain.calendar import business_date
from daiyun.domain.contracts import Party
from daiyun.domain.fulfilment.desk import Breach
from daiyun.domain.fulfilment.stockouts import Stockout
from daiyun.domain.obligations.obligation import (
    CONSEQUENCE_TEXTS,
    Consequence,
    Obligation,
    ObligationKind,
    ObligationStatus,
    ObligationTopic,
    obligation_status,
)

__all__ = ["shipping_obligations", "stockout_obligations"]

_SHIPPING_RULE = "R-F2"
_STOCKOUT_RULE = "R-F3"


def _by(day: date | None, as_of: date) -> date | None:
    """A day something was done, when known by `as_of`."""
    return day if day is not None and day <= as_of else None


def shipping_obligations(breaches: Iterable[Breach], *, as_of: date) -> list[Obligation]:
    """R-F2: each late order an obligation of the brand's, due on its ship-by day. Shipped
    late is missed even on that same day: the duty is by the hour, not the day."""
    found = []
    for breach in breaches:
        late = breach.late
        due = breach.due_on
        done = _by(None if late.shipped_at is None else business_date(late.shipped_at), as_of)
        if done is not None:
            status = ObligationStatus.MISSED
        else:
            status = obligation_status(due, None, as_of)
        why = Consequence.SHIPPING_BREACH
        found.append(
            Obligation(
                ObligationKind.SHIP_ORDER,
                Party.BRAND,
                f"order {late.store} {late.order_no}",
                breach.brand,
                due,
                status,
                done,
                CONSEQUENCE_TEXTS[why],
                _SHIPPING_RULE,
                why,
                topic=ObligationTopic.ORDER,
            )
        )
    return found


def _stockout_duty(
    each: Stockout,
    kind: ObligationKind,
    party: Party,
    due: date,
    done: date | None,
    why: Consequence,
    as_of: date,
) -> Obligation:
    done = _by(done, as_of)
    return Obligation(
        kind,
        party,
        f"stockout {each.store} {each.sku}",
        each.brand,
        due,
        obligation_status(due, done, as_of),
        done,
        CONSEQUENCE_TEXTS[why],
        _STOCKOUT_RULE,
        why,
        topic=ObligationTopic.STOCKOUT,
    )


def stockout_obligations(stockouts: Iterable[Stockout], *, as_of: date) -> list[Obligation]:
    """R-F3: per stockout started by `as_of`, the brand's notice and replenishment, and the
    operator's task once the replenishment day passed with the listing still out."""
    found = []
    for each in stockouts:
        if each.started_on > as_of:
            continue
        over = None if each.ended_at is None else business_date(each.ended_at)
        duties = each.duties
        found.append(
            _stockout_duty(
                each,
                ObligationKind.NOTIFY_STOCKOUT,
                Party.BRAND,
                duties.notice_by,
                over,
                Consequence.STOCKOUT_UNANNOUNCED,
                as_of,
            )
        )
        found.append(
            _stockout_duty(
                each,
                ObligationKind.REPLENISH_STOCK,
                Party.BRAND,
                duties.replenish_by,
                over,
                Consequence.LISTING_OFF_SALE,
                as_of,
            )
        )
        task_from = duties.replenish_by + timedelta(days=1)
        still_out = over is None or over >= task_from
        if still_out and as_of >= task_from:
            done_at = None if each.done_at is None else business_date(each.done_at)
            done = min((day for day in (done_at, over) if day is not None), default=None)
            found.append(
                _stockout_duty(
                    each,
                    ObligationKind.STOCKOUT_TASK,
                    Party.OPERATOR,
                    task_from,
                    done,
                    Consequence.LISTING_WITHOUT_GOODS,
                    as_of,
                )
            )
    return found
