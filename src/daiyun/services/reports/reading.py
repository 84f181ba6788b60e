"""Use cases: the reports made for a contract, and one report's recorded document (R-R1)."""

from __future__ import annotations

from daiyun.domain.agency import User
from daiyun.domain.permissions import Permission
from daiyun.domain.reports.document import ReportDocument
from daiyun.domain.reports.periods import ReportPeriod
from daiyun.domain.reports.record import MadeReport
from daiyun.services.errors import NotFound
from daiyun.services.reports.ports import ReportUnitOfWork
from daiyun.services.scope import require_on_brand

__all__ = ["list_reports", "recorded_report"]


def list_reports(
    uow: ReportUnitOfWork, *, contract_code: str, acting: User | None = None
) -> list[MadeReport]:
    """The contract's reports made, by kind and period; `acting` must see its brand (R-D2)."""
    with uow:
        _check(uow, contract_code, acting)
        return uow.reports.of_contracts([contract_code])


def recorded_report(
    uow: ReportUnitOfWork,
    *,
    contract_code: str,
    kind: str,
    period: str,
    acting: User | None = None,
) -> tuple[MadeReport, ReportDocument]:
    """One report as recorded; NotFound when it was not made (or is another brand's)."""
    chosen = ReportPeriod.parse(kind, period)
    with uow:
        _check(uow, contract_code, acting)
        record = uow.reports.get(contract_code, chosen.kind, chosen.text)
        document = uow.reports.document(contract_code, chosen.kind, chosen.text)
    if record is None or document is None:
        raise NotFound(f"no report of {contract_code} for {chosen} was made")
    return record, ReportDocument.from_json(document)


def _check(uow: ReportUnitOfWork, contract_code: str, acting: User | None) -> None:
    missing = f"no contract with code {contract_code!r}"
    contract = uow.contracts.get(contract_code)
    if contract is None:
        raise NotFound(missing)
    if acting is not None:
        require_on_brand(acting, Permission.VIEW_BRAND, contract.brand_code, missing=missing)
