"""The statement use cases as a signed-in user calls them: R-D2 checked before each one.

Each function finds the contract's brand, refuses what the user's role or brand does not allow
(a brand user asking for another brand's statement is told it does not exist), then runs the
statement use case itself (services/settlement/statements.py, statement_answers.py, payments.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from daiyun.domain.agency import User
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractModel
from daiyun.domain.money import Money
from daiyun.domain.permissions import Permission, can
from daiyun.domain.settlement.comparison import FigureChange, figure_changes
from daiyun.domain.settlement.draftable import month_problem
from daiyun.domain.settlement.drilldown import LineSelection, LinesPage, StatementRow
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.records import PaymentRecord, VersionRecord
from daiyun.domain.settlement.statement import StatementFigures
from daiyun.domain.settlement.timeline import issue_by
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.settlement.excused_delays import ExcuseOutcome, excuse_delay
from daiyun.services.settlement.payments import PaymentOutcome, record_payment
from daiyun.services.settlement.penalty_payments import (
    PenaltyPaymentOutcome,
    record_penalty_payment,
)
from daiyun.services.settlement.statement_access import StatementView
from daiyun.services.settlement.statement_answers import confirm_statement, dispute_statement
from daiyun.services.settlement.statements import (
    DraftOutcome,
    IssueOutcome,
    StatementForFiles,
    draft_month,
    issue_statement,
    show_statement,
    statement_for_files,
)
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "FigureLines",
    "StatementPage",
    "UndraftedMonth",
    "answer_statement",
    "draft_statement_as",
    "excuse_delay_as",
    "figure_lines",
    "issue_statement_as",
    "list_statements",
    "pay_penalty_as",
    "pay_statement_as",
    "statement_files_as",
    "statement_page",
    "undrafted_month",
]

_P = Permission


def _allow(uow: UnitOfWork, acting: User, permission: Permission, contract_code: str) -> str:
    """The contract's brand, once `acting` may use `permission` on it (R-D2)."""
    missing = f"no contract with code {contract_code!r}"
    with uow:
        contract = uow.contracts.get(contract_code)
    if contract is None:
        raise NotFound(missing)
    require_on_brand(acting, permission, contract.brand_code, missing=missing)
    return contract.brand_code


def list_statements(
    uow: UnitOfWork,
    acting: User,
    *,
    brand_code: str | None = None,
    contract_code: str | None = None,
    month: Month | None = None,
    status: StatementStatus | None = None,
) -> list[StatementRow]:
    """The statements the user may see, newest month first; of one brand or contract, one
    month or one status if asked."""
    brands = visible_brands(acting, _P.VIEW_STATEMENTS)
    if brand_code is not None:
        missing = f"no brand with code {brand_code!r}"
        if brands is not None and brand_code not in brands:
            raise NotFound(missing)
        with uow:
            if uow.brands.get(brand_code) is None:
                raise NotFound(missing)
        brands = (brand_code,)
    if contract_code is not None:
        _allow(uow, acting, _P.VIEW_STATEMENTS, contract_code)
    with uow:
        rows = uow.statement_queries.list_statements(brands, contract_code)
    return [
        row
        for row in rows
        if (month is None or row.month == month) and (status is None or row.status is status)
    ]


@dataclass(frozen=True)
class StatementPage:
    """A version as shown, every version of the month, and the payments recorded."""

    view: StatementView
    versions: list[VersionRecord]
    payments: list[PaymentRecord]
    # R-S6: the version before the one shown (the disputed one) and what changed from it.
    previous: VersionRecord | None = None
    changes: tuple[FigureChange, ...] = ()


def statement_page(
    uow: UnitOfWork,
    acting: User,
    *,
    contract_code: str,
    month: Month,
    at: datetime,
    version: int | None = None,
) -> StatementPage:
    """A version (default: the latest) with the month's versions, answers and payments."""
    missing = f"no contract with code {contract_code!r}"
    with uow:
        contract = uow.contracts.get(contract_code)
        if contract is None:
            raise NotFound(missing)
        require_on_brand(acting, _P.VIEW_STATEMENTS, contract.brand_code, missing=missing)
        stored = uow.statement_queries.month_records([contract_code])
    view = show_statement(uow, contract_code=contract_code, month=month, at=at, version=version)
    versions, payments = stored.get((contract_code, month), ([], []))
    previous = next((v for v in versions if v.version == view.version - 1), None)
    changes = () if previous is None else figure_changes(previous.figures, view.figures)
    return StatementPage(view, versions, payments, previous, changes)


@dataclass(frozen=True)
class UndraftedMonth:
    """A month of a model A contract with no statement yet, as the agency sees it (a duty's
    link leads there): when it is due, whether the reader may draft it, and if the month may
    not be drafted yet (or at all), why (draftable.py: R-S1, R-S6, R-C5)."""

    contract: str
    brand: str
    month: Month
    issue_by: date | None  # R-S6; None for a month outside the contract's term (R-C5)
    may_draft: bool  # Permission.DRAFT_STATEMENTS on the brand
    problem: str | None  # why the month cannot be drafted as of now; None: it can


def undrafted_month(
    uow: UnitOfWork, acting: User, *, contract_code: str, month: Month, at: datetime
) -> UndraftedMonth | None:
    """The month of `contract_code` that has no statement yet, for an agency user who may see
    the contract's statements; None when the month has a statement, the contract is not model
    A, or `acting` is a brand's person: to them a month never drafted is no page (R-D2: it
    would tell a contract's months apart from another brand's). An unknown contract, or one
    of another brand, is NotFound as everywhere."""
    missing = f"no contract with code {contract_code!r}"
    with uow:
        contract = uow.contracts.get(contract_code)
        if contract is None:
            raise NotFound(missing)
        require_on_brand(acting, _P.VIEW_STATEMENTS, contract.brand_code, missing=missing)
        if acting.role.is_brand_role or contract.model is not ContractModel.A:
            return None
        if uow.statements.get(contract_code, month) is not None:
            return None
    # R-C5: a month outside the term owes no statement, whenever it is asked about.
    in_term = month_problem(contract, month, today=month.last_day + timedelta(days=1)) is None
    return UndraftedMonth(
        contract=contract.code,
        brand=contract.brand_code,
        month=month,
        issue_by=issue_by(month, contract.terms) if in_term else None,
        may_draft=can(acting, _P.DRAFT_STATEMENTS, contract.brand_code),
        problem=month_problem(contract, month, today=business_date(at)),
    )


@dataclass(frozen=True)
class FigureLines:
    """A page of a version's lines for a figure, the version's figures to derive it from, and
    the store of each order listed (order number → store code), for the order's page."""

    found: LinesPage
    figures: StatementFigures
    stores: dict[str, str] = field(default_factory=dict)


def figure_lines(
    uow: UnitOfWork,
    acting: User,
    *,
    contract_code: str,
    month: Month,
    version: int,
    selection: LineSelection,
) -> FigureLines:
    """The lines of a stored version making a figure, one page of them, with the version's
    figures, for the drill-down's derivation (R-S8)."""
    _allow(uow, acting, _P.VIEW_STATEMENTS, contract_code)
    with uow:
        record = next(
            (v for v in uow.statements.versions(contract_code, month) if v.version == version),
            None,
        )
        if record is None:
            raise NotFound(f"statement {contract_code}:{month} has no version {version}")
        found = uow.statement_queries.lines(contract_code, month, version, selection)
        stores = _order_stores(uow, contract_code, found)
    return FigureLines(found, record.figures, stores)


def _order_stores(uow: UnitOfWork, contract_code: str, found: LinesPage) -> dict[str, str]:
    """The store of each order on the page (R-S8: a line opens its order): a platform the
    contract has one store on is that store's; on several, each store is asked which of the
    orders it has. An order no store has (gone since) is left out."""
    stores = [store for store in uow.stores.list_all() if store.contract_code == contract_code]
    wanted: dict[str | None, set[str]] = {}
    for line in found.lines:
        wanted.setdefault(line.platform, set()).add(line.order_no)
    if found.unsettleable:  # R-S1: listed without their platform
        wanted.setdefault(None, set()).update(order.order_no for order in found.unsettleable)
    located: dict[str, str] = {}
    for platform, order_nos in wanted.items():
        candidates = [s.code for s in stores if platform is None or s.platform == platform]
        if len(candidates) == 1:
            located.update(dict.fromkeys(order_nos, candidates[0]))
            continue
        for code in candidates:
            have = uow.orders.states(code, sorted(order_nos - located.keys()))
            located.update(dict.fromkeys(have, code))
    return located


def draft_statement_as(
    uow: UnitOfWork, acting: User, *, contract_code: str, month: Month, at: datetime
) -> DraftOutcome:
    """Draft (or re-draft) the month: agency finance and admins only."""
    _allow(uow, acting, _P.DRAFT_STATEMENTS, contract_code)
    return draft_month(uow, contract_code=contract_code, month=month, at=at, actor=acting.login)


def issue_statement_as(
    uow: UnitOfWork, acting: User, *, contract_code: str, month: Month, at: datetime
) -> IssueOutcome:
    """Issue the drafted month to the brand: agency finance and admins only."""
    _allow(uow, acting, _P.DRAFT_STATEMENTS, contract_code)
    return issue_statement(uow, contract_code=contract_code, month=month, at=at, actor=acting.login)


def answer_statement(
    uow: UnitOfWork,
    acting: User,
    *,
    contract_code: str,
    month: Month,
    confirm: bool,
    reason: str | None,
    at: datetime,
) -> StatementView:
    """The brand's written confirmation or dispute: its admin and finance people only (R-S6)."""
    _allow(uow, acting, _P.ANSWER_STATEMENTS, contract_code)
    if confirm:
        return confirm_statement(
            uow, contract_code=contract_code, month=month, by=acting.login, at=at, reason=reason
        )
    return dispute_statement(
        uow, contract_code=contract_code, month=month, by=acting.login, at=at, reason=reason
    )


def pay_statement_as(
    uow: UnitOfWork,
    acting: User,
    *,
    contract_code: str,
    month: Month,
    amount: Money,
    paid_on: date,
    at: datetime,
) -> PaymentOutcome:
    """Record a remittance of a confirmed statement: agency finance and admins only."""
    _allow(uow, acting, _P.RECORD_PAYMENTS, contract_code)
    return record_payment(
        uow,
        contract_code=contract_code,
        month=month,
        amount=amount,
        paid_on=paid_on,
        at=at,
        actor=acting.login,
    )


def pay_penalty_as(
    uow: UnitOfWork,
    acting: User,
    *,
    contract_code: str,
    month: Month,
    amount: Money,
    paid_on: date,
    at: datetime,
) -> PenaltyPaymentOutcome:
    """Pay the brand a settled statement's posted late penalty (R-S7): those who record
    payments."""
    _allow(uow, acting, _P.RECORD_PAYMENTS, contract_code)
    return record_penalty_payment(
        uow,
        contract_code=contract_code,
        month=month,
        amount=amount,
        paid_on=paid_on,
        at=at,
        actor=acting.login,
    )


def excuse_delay_as(
    uow: UnitOfWork,
    acting: User,
    *,
    contract_code: str,
    month: Month,
    first_day: date,
    last_day: date,
    reason: str,
    at: datetime,
) -> ExcuseOutcome:
    """Record days the brand caused the delay of payment (R-S7): those who record payments."""
    _allow(uow, acting, _P.RECORD_PAYMENTS, contract_code)
    return excuse_delay(
        uow,
        contract_code=contract_code,
        month=month,
        first_day=first_day,
        last_day=last_day,
        reason=reason,
        at=at,
        actor=acting.login,
    )


def statement_files_as(
    uow: UnitOfWork, acting: User, *, contract_code: str, month: Month, version: int
) -> StatementForFiles:
    """A stored version with every line, for its XLSX and PDF files (R-S8)."""
    _allow(uow, acting, _P.VIEW_STATEMENTS, contract_code)
    return statement_for_files(uow, contract_code=contract_code, month=month, version=version)
