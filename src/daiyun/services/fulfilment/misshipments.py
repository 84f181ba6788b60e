"""Use cases of mis-shipments (R-F4): a wrong or extra item a buyer reported, recorded in
detail with the files that show it (kept on disk by adapters/attachment_files.py), and listed
for the brand at once — the brand's portal shows its mis-shipments from the moment they are
recorded. The same order line with the same SKUs ordered and sent is recorded once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from daiyun.domain.fulfilment.misshipments import (
    MAX_ATTACHMENT_BYTES,
    Attachment,
    MisShipment,
    MisShipmentReport,
    misshipment_problem,
)
from daiyun.services.errors import NotFound
from daiyun.services.fulfilment.ports import FulfilmentUnitOfWork

__all__ = [
    "AttachmentStore",
    "BadMisShipment",
    "MisShipmentAnswer",
    "MisShipmentRepository",
    "MisShipmentUnitOfWork",
    "list_misshipments",
    "record_misshipment",
]


class AttachmentStore(Protocol):
    """Keeps a file by its content; answers its SHA-256."""

    def keep(self, content: bytes) -> str: ...


class MisShipmentRepository(Protocol):
    """Mis-shipments by natural key (adapters/db/repositories/misshipments.py)."""

    def line_sku(self, store_code: str, order_no: str, line_no: int) -> tuple[bool, str | None]:
        """Whether the order has the line, and its SKU code."""
        ...

    def find(self, report: MisShipmentReport) -> MisShipment | None: ...
    def add(
        self,
        report: MisShipmentReport,
        attachments: Sequence[Attachment],
        at: datetime,
        actor: str,
    ) -> int: ...
    def of_brands(
        self, brand_codes: Iterable[str] | None, limit: int = 200
    ) -> list[MisShipment]: ...


class MisShipmentUnitOfWork(FulfilmentUnitOfWork, Protocol):
    """The fulfilment unit of work with the mis-shipments."""

    @property
    def misshipments(self) -> MisShipmentRepository: ...


class BadMisShipment(ValueError):
    """The record itself is wrong (an empty report, the same SKU sent as ordered, too many or
    too large files): bad input, nothing kept."""


@dataclass(frozen=True)
class MisShipmentAnswer:
    """The kept record; `new` False when the same was recorded before."""

    record: MisShipment
    new: bool


def record_misshipment(
    uow: MisShipmentUnitOfWork,
    files: AttachmentStore,
    *,
    report: MisShipmentReport,
    attachments: Sequence[tuple[str, bytes]],
    at: datetime,
    actor: str,
) -> MisShipmentAnswer:
    """Record the buyer's report of a wrong or extra item on an order line (R-F4). The line
    must be the order's and, when it names a SKU, the SKU ordered must be it."""
    report = replace(
        report,
        ordered_sku=report.ordered_sku.strip(),
        sent_sku=report.sent_sku.strip(),
        report=report.report.strip(),
    )
    problem = misshipment_problem(report, [name for name, _ in attachments])
    if problem is not None:
        raise BadMisShipment(problem)
    for name, content in attachments:
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise BadMisShipment(
                f"attachment {name} is {len(content)} bytes; at most {MAX_ATTACHMENT_BYTES}"
            )
    with uow:
        if uow.stores.get(report.store) is None:
            raise NotFound(f"no store with code {report.store!r}")
        has_line, line_sku = uow.misshipments.line_sku(
            report.store, report.order_no, report.line_no
        )
        if not has_line:
            raise NotFound(
                f"store {report.store} has no order {report.order_no} with a line {report.line_no}"
            )
        if line_sku is not None and line_sku != report.ordered_sku:
            raise BadMisShipment(
                f"line {report.line_no} of order {report.order_no} ordered {line_sku}, not "
                f"{report.ordered_sku}"
            )
        stored = uow.misshipments.find(report)
        if stored is not None:
            return MisShipmentAnswer(stored, new=False)
        # The files first: kept by content, a file kept for a record that then fails is
        # harmless, and a record is never kept without its files.
        kept = [
            Attachment(name, files.keep(content), len(content)) for name, content in attachments
        ]
        uow.misshipments.add(report, kept, at, actor)
        record = uow.misshipments.find(report)
        uow.commit()
    assert record is not None
    return MisShipmentAnswer(record, new=True)


def list_misshipments(
    uow: MisShipmentUnitOfWork, *, brand_codes: Iterable[str] | None
) -> list[MisShipment]:
    """The brands' mis-shipments, newest first (every brand's when None)."""
    with uow:
        codes = None if brand_codes is None else list(brand_codes)
        for code in codes or []:
            if uow.brands.get(code) is None:
                raise NotFound(f"no brand with code {code!r}")
        return uow.misshipments.of_brands(codes)
