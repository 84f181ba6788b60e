"""Use cases of the brand's consigned stock (R-F1): its list of saleable goods as of a moment,
replenishment receipts, the stock on hand with days of cover, and the replenishment list.

What sold is read from the stored order lines when asked, never hooked into the order import:
each line is stored once, so any sequence of imports and re-imports counts it once. The rules
of what counts after a list are in domain/fulfilment/stock.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from daiyun.domain.calendar import business_date
from daiyun.domain.contracts.service_features import Feature
from daiyun.domain.fulfilment.stock import (
    MAX_QUANTITY,
    MAX_WAREHOUSE,
    SALES_WINDOW_DAYS,
    ReplenishmentSheet,
    StockFile,
    StockListHeader,
    StockPosition,
    StockReceipt,
    first_day_after,
    replenishment_quantity,
    stock_positions,
)
from daiyun.domain.orders import ImportProblem
from daiyun.services.contracts.service_gate import require_brand_service
from daiyun.services.errors import NotFound, Refused
from daiyun.services.fulfilment.ports import FulfilmentUnitOfWork, StockFiles

__all__ = [
    "DEFAULT_COVER_DAYS",
    "StockImport",
    "StockReport",
    "import_stock_list",
    "receive_stock",
    "replenishment",
    "stock_report",
]

# The replenishment list aims for this many days of sales at the last 30 days' pace.
DEFAULT_COVER_DAYS = SALES_WINDOW_DAYS


@dataclass(frozen=True)
class StockImport:
    """What importing a list did: stored, or the same list was there already (`unchanged`);
    or, with problems, nothing (each problem names its row and column)."""

    brand: str
    as_of: datetime
    skus: int
    rows: int
    units: int
    stored: bool
    unchanged: bool
    problems: tuple[ImportProblem, ...] = ()


@dataclass(frozen=True)
class StockReport:
    """A brand's stock as of a moment: the list it starts from and each SKU's figures."""

    brand: str
    at: datetime
    list_header: StockListHeader
    positions: tuple[StockPosition, ...]
    names: dict[str, str]


def import_stock_list(
    uow: FulfilmentUnitOfWork,
    *,
    brand_code: str,
    source: StockFile,
    as_of: datetime,
    at: datetime,
    actor: str,
) -> StockImport:
    """Store the brand's list as of `as_of`, all or nothing (R-F1). A row naming a SKU the
    brand's catalogue lacks, or a digital one (R-F6: no stock), is a problem of its row."""
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        require_brand_service(uow, brand_code, Feature.STOCK, at)  # R-C3
        sku_ids = uow.stock.sku_ids(brand_code)
        skus = uow.catalog.get_many(brand_code)
        problems = list(source.problems)
        for row in source.rows:
            if row.sku in sku_ids:
                continue
            message = (
                f"{row.sku} is digital goods, which have no stock (R-F6)"
                if row.sku in skus
                else f"no SKU {row.sku} in brand {brand_code}'s catalogue; import it first"
            )
            problems.append(ImportProblem(source.name, row.row, "sku", row.sku, message))
        rows = source.rows
        outcome = StockImport(
            brand=brand_code, as_of=as_of, skus=len({row.sku for row in rows}), rows=len(rows),
            units=sum(row.quantity for row in rows), stored=False, unchanged=False,
            problems=tuple(sorted(problems, key=lambda problem: problem.row)),
        )  # fmt: skip
        if problems:
            return outcome
        stored = uow.stock.list_at(brand_code, as_of)
        if stored is not None:
            before = Counter(
                (count.sku, count.warehouse, count.units)
                for count in uow.stock.listed(brand_code, as_of)
            )
            if before != Counter((row.sku, row.warehouse, row.quantity) for row in rows):
                raise Refused(
                    f"brand {brand_code} has another stock list as of {as_of.isoformat()} "
                    f"(from {stored.file_name}); a list is history: give this one its own time"
                )
            return replace(outcome, unchanged=True)
        header = StockListHeader(brand_code, as_of, source.name, source.sha256, at, actor)
        uow.stock.add_list(header, rows, sku_ids)
        uow.commit()
    return replace(outcome, stored=True)


def receive_stock(
    uow: FulfilmentUnitOfWork,
    *,
    receipt: StockReceipt,
    at: datetime,
    actor: str,
) -> bool:
    """Record goods the brand received against a replenishment list (R-F1); False when the
    same receipt (SKU, warehouse, day, quantity, reference) is recorded already."""
    if not 0 < receipt.quantity <= MAX_QUANTITY:
        raise ValueError(
            f"a quantity received is a whole number from 1 to {MAX_QUANTITY}, not "
            f"{receipt.quantity}"
        )
    if len(receipt.warehouse) > MAX_WAREHOUSE or len(receipt.reference) > 100:
        raise ValueError("a warehouse name has at most 60 characters, a reference at most 100")
    with uow:
        if uow.brands.get(receipt.brand) is None:
            raise NotFound(f"no brand with code {receipt.brand!r}")
        require_brand_service(uow, receipt.brand, Feature.STOCK, at)  # R-C3
        sku_id = uow.stock.sku_ids(receipt.brand).get(receipt.sku)
        if sku_id is None:
            found = uow.catalog.get(receipt.brand, receipt.sku)
            if found is not None:
                raise Refused(f"{receipt.sku} is digital goods, which have no stock (R-F6)")
            raise NotFound(f"no SKU {receipt.sku!r} in brand {receipt.brand}'s catalogue")
        recorded = uow.stock.add_receipt(receipt, sku_id, at, actor)
        uow.commit()
    return recorded


def stock_report(uow: FulfilmentUnitOfWork, *, brand_code: str, at: datetime) -> StockReport:
    """Each SKU's stock as of `at`: the newest list as of `at`, what was received, sold,
    returned and lost (R-F7) after it, and the last 30 days' sales for days of cover (R-F1)."""
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        require_brand_service(uow, brand_code, Feature.STOCK, at)  # R-C3
        header = uow.stock.latest_list(brand_code, at)
        if header is None:
            raise Refused(
                f"brand {brand_code} has no stock list as of {at.isoformat()}: import the "
                "brand's list of saleable goods first (daiyun stock import)"
            )
        first_day, last_day = first_day_after(header.as_of), business_date(at)
        positions = stock_positions(
            listed=uow.stock.listed(brand_code, header.as_of),
            received=uow.stock.received(brand_code, first_day, last_day),
            returned=uow.stock.returned(brand_code, first_day, last_day),
            sold=uow.stock.sold(brand_code, header.as_of, at),
            sold_recently=uow.stock.sold(brand_code, at - timedelta(days=SALES_WINDOW_DAYS), at),
            # R-F7: lost or damaged in the operator's custody after the list's moment.
            lost=uow.custody.lost(brand_code, header.as_of, at),
        )
        names = {code: found.name for code, found in uow.catalog.get_many(brand_code).items()}
    return StockReport(brand_code, at, header, tuple(positions), names)


def replenishment(
    uow: FulfilmentUnitOfWork,
    files: StockFiles,
    *,
    brand_code: str,
    at: datetime,
    cover_days: int = DEFAULT_COVER_DAYS,
    path: Path | None = None,
) -> ReplenishmentSheet:
    """The replenishment list the agency sends the brand (R-F1): each SKU out of stock or
    with fewer days of cover than `cover_days`, and the units to send for `cover_days` of
    sales at the last 30 days' pace; written as XLSX to `path` when given."""
    if not 0 <= cover_days <= 366:
        raise ValueError(f"days of cover to aim for are 0 to 366, not {cover_days}")
    report = stock_report(uow, brand_code=brand_code, at=at)
    with uow:
        found = uow.brands.get(brand_code)
    rows = []
    for position in report.positions:
        units = replenishment_quantity(position.on_hand, position.sold_recently, cover_days)
        if units > 0 or position.on_hand <= 0:
            rows.append((position, report.names.get(position.sku, ""), units))
    sheet = ReplenishmentSheet(
        brand=brand_code, brand_name=found.name if found is not None else brand_code,
        as_of=at, list_as_of=report.list_header.as_of, cover_days=cover_days, rows=tuple(rows),
    )  # fmt: skip
    if path is not None:
        files.write_replenishment(sheet, path)
    return sheet
