"""Use cases of stockouts (R-F3): a check of a brand's stock as of a moment starts a stockout
for each listing on sale whose SKU has nothing on hand (R-F1), and ends those back in stock or
no longer on sale; past the brand's replenishment days the stockout is a task for store
operations — take the listing off sale or correct its supply information — tracked to done.

A stockout starts when a check first sees it (`daiyun stock stockouts`, the operations desk):
daiyun keeps the stock as lists and movements, not as a ledger of every moment, so the check's
moment is the one it can stand behind. Run the check daily (or after each import) and the days
it counts from are the day the SKU ran out. Digital goods have no stock and never run out (R-F6).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from daiyun.domain.calendar import business_date
from daiyun.domain.contracts.service_features import Feature
from daiyun.domain.fulfilment.stockouts import (
    MAX_NOTE,
    Stockout,
    StockoutDuties,
    StockoutState,
    stockout_duties,
)
from daiyun.domain.pricing.repricing import ListingStatus
from daiyun.services.contracts.service_gate import require_brand_service
from daiyun.services.errors import NotFound, Refused
from daiyun.services.fulfilment.ports import FulfilmentUnitOfWork
from daiyun.services.fulfilment.stock import stock_report

__all__ = [
    "BadStockoutNote",
    "StockoutCheck",
    "StockoutRepository",
    "StockoutUnitOfWork",
    "check_stockouts",
    "stockout_done",
]


class StockoutRepository(Protocol):
    """A brand's stockouts by listing (adapters/db/repositories/stockouts.py)."""

    def open_of_brand(self, brand_code: str) -> list[Stockout]: ...
    def settled_of_brand(self, brand_code: str) -> list[Stockout]:
        """Done, and the SKU not seen back in stock since (ended_at None)."""
        ...

    def of_brands(
        self, brand_codes: Iterable[str] | None, *, open_only: bool
    ) -> list[Stockout]: ...
    def start(
        self, store_code: str, sku_code: str, started_at: datetime, duties: StockoutDuties
    ) -> None: ...
    def end(self, stockout_id: int, at: datetime) -> None: ...
    def mark_done(self, stockout_id: int, at: datetime, actor: str, note: str) -> bool: ...


class StockoutUnitOfWork(FulfilmentUnitOfWork, Protocol):
    """The fulfilment unit of work with the stockouts."""

    @property
    def stockouts(self) -> StockoutRepository: ...


class BadStockoutNote(ValueError):
    """The note saying what was done is empty or too long: bad input, nothing stored."""


@dataclass(frozen=True)
class StockoutCheck:
    """A brand's open stockouts after a check as of `at` (business day `on`), each with its
    state and deadline, and how many the check started and ended."""

    brand: str
    at: datetime
    on: date
    stockouts: tuple[Stockout, ...]
    started: int
    ended: int

    def state(self, each: Stockout) -> StockoutState:
        return each.state(self.on)


def check_stockouts(uow: StockoutUnitOfWork, *, brand_code: str, at: datetime) -> StockoutCheck:
    """Start a stockout for each listing on sale whose SKU is at zero or below as of `at`, with
    the duties of its store's contract (R-F3); end the open ones back in stock or off sale. A
    listing whose task was done starts none until its SKU has been seen back in stock."""
    report = stock_report(uow, brand_code=brand_code, at=at)  # NotFound/Refused as it says
    on_hand = {position.sku: position.on_hand for position in report.positions}
    started = ended = 0
    with uow:
        physical = uow.stock.sku_ids(brand_code)  # digital goods have no stock (R-F6)
        on_sale = {
            (offer.store, offer.sku)
            for offer in uow.listings.of_brand(brand_code)
            if offer.status is ListingStatus.ON_SALE and offer.sku in physical
        }
        out = {key for key in on_sale if on_hand.get(key[1], 0) <= 0}
        open_now = {
            (each.store, each.sku): each for each in uow.stockouts.open_of_brand(brand_code)
        }
        # A done task stays done while the SKU stays out (taken off sale elsewhere, or its
        # supply information corrected): no new stockout until it is seen back in stock.
        settled = {
            (each.store, each.sku): each for each in uow.stockouts.settled_of_brand(brand_code)
        }
        for key, each in open_now.items():
            if key not in out and each.started_at <= at:
                uow.stockouts.end(each.id, at)
                ended += 1
        for key, each in settled.items():
            if key not in out and each.started_at <= at:
                uow.stockouts.end(each.id, at)
        for store_code, sku_code in sorted(out - open_now.keys() - settled.keys()):
            store = uow.stores.get(store_code)
            contract = None if store is None else uow.contracts.get(store.contract_code)
            if contract is None:
                raise NotFound(f"no contract for store {store_code}")
            duties = stockout_duties(
                business_date(at), contract.terms.stockout_notice_days,
                contract.terms.replenish_days,
            )  # fmt: skip
            uow.stockouts.start(store_code, sku_code, at, duties)
            started += 1
        current = uow.stockouts.open_of_brand(brand_code)
        uow.commit()
    return StockoutCheck(brand_code, at, business_date(at), tuple(current), started, ended)


def stockout_done(
    uow: StockoutUnitOfWork,
    *,
    brand_code: str,
    sku_code: str,
    store_code: str | None,
    note: str,
    at: datetime,
    actor: str,
) -> list[Stockout]:
    """The task of the SKU's open stockouts (in one store, or every store listing it) done,
    with what was done: taken off sale or the supply information corrected (R-F3). Refused
    before the replenishment days have passed: until then the duty is the brand's."""
    note = note.strip()
    if not note or len(note) > MAX_NOTE:
        raise BadStockoutNote(
            f"say what was done (taken off sale, supply information corrected) in 1 to "
            f"{MAX_NOTE} characters; the note is empty or too long"
        )
    on = business_date(at)
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        require_brand_service(uow, brand_code, Feature.STOCKOUTS, at)  # R-C3
        found = [
            each
            for each in uow.stockouts.open_of_brand(brand_code)
            if each.sku == sku_code and store_code in (None, each.store)
        ]
        where = f"SKU {sku_code} of brand {brand_code}" + (
            f" in store {store_code}" if store_code is not None else ""
        )
        if not found:
            raise NotFound(f"no open stockout of {where}")
        due = [each for each in found if each.state(on) is StockoutState.TASK_OPEN]
        if not due:
            first = min(each.duties.replenish_by for each in found)
            raise Refused(
                f"the stockout of {where} is the brand's to replenish until "
                f"{first.isoformat()}: the task to take it off sale or correct its supply "
                f"information starts the day after (R-F3)"
            )
        for each in due:
            if not uow.stockouts.mark_done(each.id, at, actor, note):
                raise Refused(f"the stockout of {where} was closed meanwhile; try again")
        done_ids = {each.id for each in due}
        done = [
            each
            for each in uow.stockouts.of_brands([brand_code], open_only=False)
            if each.id in done_ids
        ]
        uow.commit()
    return done
