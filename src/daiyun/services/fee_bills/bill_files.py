"""Read-only: a fee bill version as its files show it, with the brand's name and tax id for the
VAT invoice request (R-B3)."""

from __future__ import annotations

from daiyun.domain.fee_bills.bill_file import FeeBillDocument
from daiyun.domain.money import Rate
from daiyun.services.errors import NotFound
from daiyun.services.fee_bills.bill_access import BillView
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork

__all__ = ["bill_document"]


def bill_document(uow: FeeBillUnitOfWork, view: BillView) -> FeeBillDocument:
    """The shown version (from show_bill or a page) with its brand's name and 纳税人识别号."""
    with uow:
        brand = uow.brands.get(view.brand)
    if brand is None:
        raise NotFound(f"no brand with code {view.brand!r}")
    record = view.record
    return FeeBillDocument(
        contract_code=view.contract,
        brand_code=brand.code,
        brand_name=brand.name,
        tax_id=brand.tax_id,
        version=view.version,
        status=view.status.value,
        content_hash=record.content_hash,
        bill=record.bill,
        commission_rate=Rate.of(view.commission_rate),
        vat_rate=Rate.of(view.vat_rate),
        as_of=view.as_of,
        issued_on=record.issued_on,
        payments=view.payments,
        days_overdue=view.days_overdue,
        termination_right=view.termination_right,
    )
