"""Use case: before an upload is stored, find its orders paid before the store went live.

A 2020 report uploaded into a store live since 2026-02 would be stored without a word, and its
orders then counted late for years on the dashboard (issue 15). The web's import reads the
files once for this check first; when it finds such orders, the person uploading says whether
to import them anyway. Reading only: nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

from daiyun.domain.orders.go_live import EarlyOrders, EarlyOrderTally, go_live_of
from daiyun.services.errors import NotFound
from daiyun.services.orders.importing import COLUMN_BATCH_ORDERS, OrderSource
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["go_live_day", "orders_before_go_live"]


def go_live_day(uow: UnitOfWork, store_code: str) -> EarlyOrderTally:
    """An empty tally against the store's go-live day (else its contract's effective day)."""
    with uow:
        store = uow.stores.get(store_code)
        if store is None:
            raise NotFound(f"no store with code {store_code!r}")
        contract = uow.contracts.get(store.contract_code)
    if contract is None:
        raise NotFound(f"store {store_code} names contract {store.contract_code}, which is gone")
    return EarlyOrderTally(go_live_of(store.go_live_on, contract.effective_on))


def orders_before_go_live(
    uow: UnitOfWork,
    store_code: str,
    source: OrderSource,
    progress: Callable[[int], None] | None = None,
) -> EarlyOrders | None:
    """The source's orders paid (or, unpaid, created) before the store's go-live; None if none.

    Orders of rows with problems are not counted: the import reports those rows instead.
    """
    tally = go_live_day(uow, store_code)
    batches = None if source.problem_count else source.column_batches(COLUMN_BATCH_ORDERS)
    if batches is not None:
        from daiyun.domain.orders.columns import NO_TIME, OutsidePattern

        try:
            done = 0
            for batch in batches:
                tally.see_columns(batch.paid_at, batch.created_at, NO_TIME, batch.as_of)
                done += len(batch.order_no)
                if progress is not None:
                    progress(done)
            return tally.found()
        except OutsidePattern:  # an export only the order-by-order reading takes: read that
            tally = EarlyOrderTally(tally.go_live_on)
    for done, record in enumerate(source.records(), start=1):
        tally.see(record.paid_at, record.created_at)
        if progress is not None and done % 2000 == 0:
            progress(done)
    return tally.found()
