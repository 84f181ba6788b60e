"""Use case: many listing prices from one uploaded file, all or nothing (R-P2, R-P3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.agency import User
from daiyun.domain.money import Money
from daiyun.domain.permissions import Permission
from daiyun.services.errors import NotFound, Refused
from daiyun.services.pricing.listings import ListingPriceSet, ListingRefused, price_listing
from daiyun.services.scope import visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["BulkPricesRefused", "PriceRow", "PriceRowRefusal", "set_listing_prices"]


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One row of a price file: the file's row number (the header is row 1) and its values."""

    row: int
    store: str
    sku: str
    price: Money


@dataclass(frozen=True, slots=True)
class PriceRowRefusal:
    """Why one row cannot be applied: the rule, and the prices the rule compared."""

    row: int
    store: str
    sku: str
    rule: str  # R-P1, R-P2, R-P3; "not_found" for an unknown store or SKU; "format"
    message: str
    guide_price: Money | None = None
    highest_price: Money | None = None
    attempted: Money | None = None


class BulkPricesRefused(Refused):
    """At least one row was refused, so no row was applied; every refusal is listed."""

    def __init__(self, refusals: Sequence[PriceRowRefusal]) -> None:
        rows = ", ".join(str(each.row) for each in refusals)
        noun = "row" if len(refusals) == 1 else "rows"
        super().__init__(f"{len(refusals)} {noun} refused ({rows}): no price was changed")
        self.refusals = tuple(refusals)


def set_listing_prices(
    uow: UnitOfWork,
    rows: Sequence[PriceRow],
    *,
    at: datetime,
    actor: str,
    user: User | None,
    source: str = "upload",
) -> list[ListingPriceSet]:
    """Every row through set_listing_price's one check, in one unit of work.

    All or nothing: one refused row refuses the whole file (BulkPricesRefused, listing every
    refusal) and the unit of work is left without a commit, so nothing is written.
    """
    if user is not None:
        visible_brands(user, Permission.SET_LISTING_PRICES)  # the role may price at all
    with uow:
        done: list[ListingPriceSet] = []
        refusals: list[PriceRowRefusal] = []
        for row in rows:
            try:
                done.append(
                    price_listing(
                        uow,
                        store_code=row.store,
                        sku_code=row.sku,
                        price=row.price,
                        at=at,
                        actor=actor,
                        user=user,
                        source=source,
                    )
                )
            except ListingRefused as refused:
                refusals.append(
                    PriceRowRefusal(
                        row.row,
                        row.store,
                        row.sku,
                        refused.rule,
                        str(refused),
                        refused.guide_price,
                        refused.highest_price,
                        refused.attempted,
                    )
                )
            except NotFound as missing:
                refusals.append(
                    PriceRowRefusal(row.row, row.store, row.sku, "not_found", str(missing))
                )
            except Refused as refused:
                refusals.append(
                    PriceRowRefusal(row.row, row.store, row.sku, "refused", str(refused))
                )
        if refusals:
            raise BulkPricesRefused(refusals)
        if not done:
            empty = "the file has no price rows: write store,sku,price under the header"
            raise BulkPricesRefused([PriceRowRefusal(1, "", "", "format", empty)])
        uow.commit()
    return done
