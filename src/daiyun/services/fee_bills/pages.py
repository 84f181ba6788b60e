"""What the model B pages read, as a signed-in user reads it: R-D2 checked first, then the fee
bill, the service fee and the deposit as the use cases show them (bills.py, service_fee.py).

Read-only: the pages act through the use cases themselves, after `fee_bill_contract` has said
the user may (the pages call it, as the reconciliation page calls check_may_import_alipay).

- A brand's people see their own brand's model B contracts only; another brand's contract is
  NotFound in the words an unknown code gets (R-D2), before anything says which model it is.
- A model A contract is Refused with model_b_contract's words: it has statements, not bills.
- A draft is the operator's (lifecycle.py: "not seen by the brand"): a brand's people see the
  issued versions only — a month with no issued version is no bill to them, and a month whose
  next version is being drafted after their dispute shows them the version they disputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from daiyun.domain.agency import User
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractModel, ContractSpec
from daiyun.domain.fee_bills.lifecycle import BillStatus, bill_key
from daiyun.domain.fee_bills.records import (
    BillHeader,
    BillPayment,
    BillVersion,
    InstalmentPayment,
)
from daiyun.domain.permissions import Permission, can
from daiyun.domain.settlement.draftable import month_problem
from daiyun.services.errors import NotFound
from daiyun.services.fee_bills.bill_access import (
    BillView,
    model_b_contract,
    version_of,
    view_of_bill,
)
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork
from daiyun.services.fee_bills.service_fee import ServiceFeeView, service_fee
from daiyun.services.scope import require_on_brand, visible_brands

__all__ = [
    "FeeBillPage",
    "ServiceFeePage",
    "UndraftedBill",
    "fee_bill_contract",
    "fee_bill_contracts",
    "fee_bill_page",
    "list_fee_bills",
    "service_fee_page",
    "undrafted_fee_bill",
]

_P = Permission


def fee_bill_contract(
    uow: FeeBillUnitOfWork, acting: User, permission: Permission, contract_code: str
) -> ContractSpec:
    """The model B contract, once `acting` may use `permission` on its brand (R-D2): NotFound
    for an unknown contract or another brand's, AccessRefused for a role that may not, Refused
    for a model A contract (R-C2)."""
    missing = f"no contract with code {contract_code!r}"
    with uow:
        contract = uow.contracts.get(contract_code)
        if contract is None:
            raise NotFound(missing)
        require_on_brand(acting, permission, contract.brand_code, missing=missing)
        return model_b_contract(uow, contract_code)


def fee_bill_contracts(uow: FeeBillUnitOfWork, acting: User) -> list[ContractSpec]:
    """The model B contracts whose bills `acting` may see, by code."""
    brands = visible_brands(acting, _P.VIEW_STATEMENTS)
    with uow:
        contracts = uow.contracts.list_all()
    mine = [c for c in contracts if brands is None or c.brand_code in brands]
    return sorted((c for c in mine if c.model is ContractModel.B), key=lambda c: c.code)


def _shown_version(
    uow: FeeBillUnitOfWork, acting: User, header: BillHeader
) -> tuple[BillVersion, BillStatus] | None:
    """The version the reader sees of a month and its status: the current one, or for a
    brand's people the newest issued one (None: nothing issued yet)."""
    versions = uow.fee_bills.versions(header.contract_code, header.month)
    current = next(each for each in versions if each.version == header.current_version)
    if not acting.role.is_brand_role or current.is_issued:
        return current, header.status
    issued = [each for each in versions if each.is_issued]
    if not issued:
        return None
    newest = max(issued, key=lambda each: each.version)
    return newest, newest.status


def list_fee_bills(
    uow: FeeBillUnitOfWork,
    acting: User,
    *,
    at: datetime,
    brand_code: str | None = None,
    month: Month | None = None,
    status: BillStatus | None = None,
) -> list[BillView]:
    """The bills `acting` may see, newest month first, then by contract; of one brand, one
    month or one status if asked (the status the reader sees)."""
    brands = visible_brands(acting, _P.VIEW_STATEMENTS)
    if brand_code is not None:
        missing = f"no brand with code {brand_code!r}"
        if brands is not None and brand_code not in brands:
            raise NotFound(missing)
        with uow:
            if uow.brands.get(brand_code) is None:
                raise NotFound(missing)
    views: list[BillView] = []
    for contract in fee_bill_contracts(uow, acting):
        if brand_code is not None and contract.brand_code != brand_code:
            continue
        with uow:
            for header in uow.fee_bills.months(contract.code):
                if month is not None and header.month != month:
                    continue
                shown = _shown_version(uow, acting, header)
                if shown is None:
                    continue
                record, shown_status = shown
                if status is not None and shown_status is not status:
                    continue
                payments = uow.fee_bills.payments(contract.code, header.month)
                views.append(view_of_bill(contract, record, shown_status, payments, at=at))
    views.sort(key=lambda view: (-view.month.first_day.toordinal(), view.contract))
    return views


@dataclass(frozen=True)
class FeeBillPage:
    """A version as the reader sees it, the versions they may see, every payment recorded,
    and what the reader may do."""

    view: BillView
    versions: tuple[BillVersion, ...]  # oldest first
    payments: tuple[BillPayment, ...]  # of every version, oldest first
    # The brand disputed the version shown and the operator drafts the next (brand's view).
    next_in_preparation: bool
    may_draft: bool  # Permission.DRAFT_STATEMENTS: draft and issue
    may_answer: bool  # R-D2: the brand's admin or finance confirms or disputes
    may_pay: bool  # Permission.RECORD_PAYMENTS


def fee_bill_page(
    uow: FeeBillUnitOfWork,
    acting: User,
    *,
    contract_code: str,
    month: Month,
    at: datetime,
    version: int | None = None,
) -> FeeBillPage:
    """The month's bill (a version, default the one the reader sees) with its versions and
    payments. NotFound for a month with no bill the reader may see."""
    contract = fee_bill_contract(uow, acting, _P.VIEW_STATEMENTS, contract_code)
    key = bill_key(contract.code, month)
    brand_side = acting.role.is_brand_role
    with uow:
        header = uow.fee_bills.get(contract.code, month)
        shown = None if header is None else _shown_version(uow, acting, header)
        if header is None or shown is None:
            raise NotFound(f"no fee bill {key}: draft it first")
        versions = tuple(
            each
            for each in uow.fee_bills.versions(contract.code, month)
            if each.is_issued or not brand_side
        )
        record, status = shown
        if version is not None and version != record.version:
            if brand_side and version not in {each.version for each in versions}:
                raise NotFound(f"no fee bill {key}: draft it first")  # a draft is not theirs
            record = version_of(uow, contract.code, month, version)
            status = header.status if version == header.current_version else record.status
        payments = tuple(
            sorted(uow.fee_bills.payments(contract.code, month), key=lambda each: each.paid_on)
        )
        view = view_of_bill(contract, record, status, list(payments), at=at)
    brand = contract.brand_code
    return FeeBillPage(
        view=view,
        versions=tuple(sorted(versions, key=lambda each: each.version)),
        payments=payments,
        next_in_preparation=brand_side and header.current_version > view.version,
        may_draft=can(acting, _P.DRAFT_STATEMENTS, brand),
        may_answer=can(acting, _P.ANSWER_STATEMENTS, brand),
        may_pay=can(acting, _P.RECORD_PAYMENTS, brand),
    )


@dataclass(frozen=True)
class UndraftedBill:
    """A month of a model B contract with no bill yet, as the agency sees it: when it is due,
    whether the reader may draft it, and if the month cannot be billed yet (or at all), why."""

    contract: str
    brand: str
    month: Month
    issue_by: date | None  # R-B2; None for a month outside the term (R-C5)
    may_draft: bool
    problem: str | None  # why the month cannot be drafted as of now; None: try it


def undrafted_fee_bill(
    uow: FeeBillUnitOfWork, acting: User, *, contract_code: str, month: Month, at: datetime
) -> UndraftedBill | None:
    """The month with no bill, for the agency's people who may see the contract's bills; None
    when the month has a bill or `acting` is a brand's person (to them it is no page, R-D2).
    Whether its Alipay statement is imported is the draft's own check (bills.py, R-B2)."""
    contract = fee_bill_contract(uow, acting, _P.VIEW_STATEMENTS, contract_code)
    if acting.role.is_brand_role:
        return None
    with uow:
        if uow.fee_bills.get(contract.code, month) is not None:
            return None
    in_term = month_problem(contract, month, today=month.last_day + timedelta(days=1)) is None
    return UndraftedBill(
        contract=contract.code,
        brand=contract.brand_code,
        month=month,
        issue_by=month.next().day(contract.terms.commission_issue_day) if in_term else None,
        may_draft=can(acting, _P.DRAFT_STATEMENTS, contract.brand_code),
        problem=month_problem(contract, month, today=business_date(at)),
    )


@dataclass(frozen=True)
class ServiceFeePage:
    """The contract's instalments and deposit, the payments of the instalments, and whether
    the reader records payments and the deposit's events."""

    view: ServiceFeeView
    payments: tuple[InstalmentPayment, ...]  # oldest first
    may_record: bool  # Permission.RECORD_PAYMENTS


def service_fee_page(
    uow: FeeBillUnitOfWork, acting: User, *, contract_code: str, at: datetime
) -> ServiceFeePage:
    """`daiyun service-fee list` for the reader who may see the contract's bills (R-B1, R-B4)."""
    contract = fee_bill_contract(uow, acting, _P.VIEW_STATEMENTS, contract_code)
    view = service_fee(uow, contract_code=contract.code, at=at)
    with uow:
        payments = uow.fee_bills.instalment_payments(contract.code)
    return ServiceFeePage(
        view=view,
        payments=tuple(sorted(payments, key=lambda each: (each.paid_on, each.instalment))),
        may_record=can(acting, _P.RECORD_PAYMENTS, contract.brand_code),
    )
