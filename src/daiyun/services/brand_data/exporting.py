"""Export one dataset of a brand's own operating data (issue 20 point 4, R-R3), streamed.

The rows are read in batches with a server-side cursor and handed batch by batch to the
writer of the format the caller chose, which writes them to its sink as they come: a million
lines in bounded memory. R-D2: a brand's user asking for another brand's data is told the
brand does not exist (NotFound), as for an unknown code. R-D1: no buyer's personal data is in
any dataset (domain/brand_data.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import BinaryIO

from daiyun.domain.agency import User
from daiyun.domain.brand_data import COLUMNS, Dataset, ExportFormat
from daiyun.domain.permissions import Permission
from daiyun.services.brand_data.ports import BrandDataUnitOfWork, DatasetWriter
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand

__all__ = [
    "BATCH_ROWS",
    "BadExportRange",
    "authorise_export",
    "export_brand_data",
    "export_permission",
]

BATCH_ROWS = 5_000  # rows fetched from the cursor and written at a time


class BadExportRange(ValueError):
    """--from after --to."""


def export_permission(dataset: Dataset) -> Permission:
    """Statements and fee bills are the settlement's; orders, lines and refunds the orders'."""
    if dataset in (Dataset.STATEMENTS, Dataset.BILLS):
        return Permission.VIEW_STATEMENTS
    return Permission.VIEW_ORDERS


def authorise_export(
    uow: BrandDataUnitOfWork,
    acting: User,
    *,
    brand_code: str,
    dataset: Dataset,
    paid_from: date | None,
    paid_to: date | None,
) -> None:
    """Refuse before anything is written: another brand's or an unknown brand is NotFound
    (R-D2), a range ending before it starts is BadExportRange."""
    missing = f"no brand with code {brand_code!r}"
    require_on_brand(acting, export_permission(dataset), brand_code, missing=missing)
    if paid_from is not None and paid_to is not None and paid_from > paid_to:
        raise BadExportRange(f"--from {paid_from} is after --to {paid_to}")
    with uow:
        if not uow.brand_data.brand_exists(brand_code):
            raise NotFound(missing)


def export_brand_data(
    uow: BrandDataUnitOfWork,
    writers: Mapping[ExportFormat, DatasetWriter],
    acting: User,
    sink: BinaryIO,
    *,
    brand_code: str,
    dataset: Dataset,
    export_format: ExportFormat,
    paid_from: date | None = None,
    paid_to: date | None = None,
) -> int:
    """Write the brand's `dataset` in `export_format` to `sink`; the number of rows.

    `paid_from`/`paid_to` (Beijing days, both included) keep the orders paid in the range —
    and their lines and refunds; for statements and fee bills, the months the range touches.
    """
    missing = f"no brand with code {brand_code!r}"
    require_on_brand(acting, export_permission(dataset), brand_code, missing=missing)
    if paid_from is not None and paid_to is not None and paid_from > paid_to:
        raise BadExportRange(f"--from {paid_from} is after --to {paid_to}")
    with uow:
        if not uow.brand_data.brand_exists(brand_code):
            raise NotFound(missing)
        batches = uow.brand_data.batches(
            dataset,
            brand_code=brand_code,
            paid_from=paid_from,
            paid_to=paid_to,
            batch_size=BATCH_ROWS,
        )
        return writers[export_format].write(
            sink, title=f"{brand_code} {dataset.value}", columns=COLUMNS[dataset], batches=batches
        )
