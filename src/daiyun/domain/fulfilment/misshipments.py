"""R-F4: a mis-shipment — a wrong or extra item a buyer reports — recorded in detail (the
order and line, the SKU ordered, the SKU sent, the buyer's report, the files that show it) and
the brand told at once: it is on the brand's portal from the moment it is recorded. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "MAX_FILE_NAME",
    "MAX_REPORT",
    "Attachment",
    "MisShipment",
    "MisShipmentReport",
    "misshipment_problem",
]

MAX_REPORT = 1000
MAX_ATTACHMENTS = 10
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # a photo or a short video of the parcel
MAX_FILE_NAME = 200
MAX_SKU = 64


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file kept with the record: its name as given, its SHA-256 (where it is kept) and size."""

    file_name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class MisShipmentReport:
    """What the operator records: which line of which order, what was ordered and sent, and
    what the buyer said."""

    store: str
    order_no: str
    line_no: int
    ordered_sku: str
    sent_sku: str
    report: str


@dataclass(frozen=True, slots=True)
class MisShipment:
    """A mis-shipment as kept."""

    id: int
    brand: str
    report: MisShipmentReport
    attachments: tuple[Attachment, ...]
    recorded_at: datetime
    recorded_by: str


def misshipment_problem(report: MisShipmentReport, attachment_names: list[str]) -> str | None:
    """What is wrong with the report itself, or None."""
    if not report.report.strip() or len(report.report.strip()) > MAX_REPORT:
        return f"the buyer's report is 1 to {MAX_REPORT} characters; it is empty or too long"
    for option, code in (("--ordered", report.ordered_sku), ("--sent", report.sent_sku)):
        if not code.strip() or len(code.strip()) > MAX_SKU:
            return f"{option} is a SKU code of 1 to {MAX_SKU} characters"
    if report.ordered_sku.strip() == report.sent_sku.strip():
        return (
            f"the SKU sent is the SKU ordered ({report.ordered_sku.strip()}): that is no "
            "mis-shipment"
        )
    if report.line_no < 1:
        return f"the line is 1 or more, not {report.line_no}"
    if len(attachment_names) > MAX_ATTACHMENTS:
        return f"at most {MAX_ATTACHMENTS} attachments, not {len(attachment_names)}"
    if len(set(attachment_names)) != len(attachment_names):
        return "two attachments have the same file name"
    for name in attachment_names:
        if not name or len(name) > MAX_FILE_NAME:
            return f"an attachment's file name is 1 to {MAX_FILE_NAME} characters"
    return None
