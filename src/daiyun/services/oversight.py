"""Queries a signed-in user keeps an eye on: obligations, a brand's ledger, the audit log and
the dashboard that gathers them — each as far as the user may see (R-D2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from daiyun.domain.agency import AuditEntry, User
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractModel, Party
from daiyun.domain.contracts.service_features import Feature
from daiyun.domain.fulfilment import LateShipment
from daiyun.domain.obligations import Obligation, ObligationKind
from daiyun.domain.obligations.views import ObligationFilter
from daiyun.domain.orders.search import ImportRecord, Page
from daiyun.domain.permissions import Permission, can
from daiyun.domain.pricing import RepricingTask
from daiyun.domain.promotions.plan import PromotionStatus
from daiyun.domain.settlement.drilldown import StatementRow
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.services.contracts.service_gate import open_features
from daiyun.services.errors import NotFound
from daiyun.services.fulfilment.shipping import late_shipments
from daiyun.services.kept import Kept, kept_or_worked_out
from daiyun.services.obligations.sources import (
    DutySource,
    gather_obligations,
    obligation_order,
)
from daiyun.services.obligations.statement_duties import list_obligations
from daiyun.services.orders.views import list_imports
from daiyun.services.pricing.listings import open_repricing_tasks
from daiyun.services.promotions.views import list_promotions
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.settlement.ledger import BrandAccount, brand_account
from daiyun.services.settlement.statement_desk import list_statements
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "AUDIT_PAGE",
    "OBLIGATION_PAGE",
    "WAITING",
    "BrandTask",
    "Dashboard",
    "Portal",
    "TaskKind",
    "account_of",
    "audit_log",
    "audit_page",
    "brand_names",
    "dashboard",
    "find_obligations",
    "obligations_of",
    "portal",
]

OBLIGATION_PAGE = 50  # obligations a page shows
AUDIT_PAGE = 50  # audit records a page shows
_AUDIT_PAGES = 200  # the furthest page of the audit log a page reaches (10,000 records)

# The statements someone has to act on: drafted (to issue), issued (to answer), disputed (to
# re-draft).
WAITING = frozenset({StatementStatus.DRAFT, StatementStatus.ISSUED, StatementStatus.DISPUTED})


def _one_brand(
    uow: UnitOfWork, acting: User, permission: Permission, code: str | None
) -> str | None:
    """The brand to read: a brand user's own; for staff the one asked for (checked), or all."""
    brands = visible_brands(acting, permission)
    if brands is not None:
        if code is not None and code not in brands:
            raise NotFound(f"no brand with code {code!r}")
        return brands[0]
    if code is not None:
        with uow:
            if uow.brands.get(code) is None:
                raise NotFound(f"no brand with code {code!r}")
    return code


def obligations_of(
    uow: UnitOfWork,
    acting: User,
    *,
    as_of: date,
    brand_code: str | None = None,
    duties: Sequence[DutySource] = (),
    kept: Kept[tuple[Obligation, ...]] | None = None,
) -> list[Obligation]:
    """Every statement duty as of a day (R-O1), of the brands the user may see, and every other
    area's the `duties` list (`Daiyun.duty_sources()`: model B's bills, service fee and deposit
    refund, the goods', the reports', the contract's life); given `kept`, the list worked out
    once until the database changes (issue 22)."""
    brand = _one_brand(uow, acting, Permission.VIEW_OBLIGATIONS, brand_code)

    def work_out() -> tuple[Obligation, ...]:
        found = list_obligations(uow, as_of=as_of, brand_code=brand)
        found += gather_obligations(duties, as_of=as_of, brand_code=brand)
        return tuple(sorted(found, key=obligation_order))

    listed = kept_or_worked_out(kept, uow, (as_of, brand, _areas(duties)), work_out)
    return list(listed)


def _areas(duties: Sequence[DutySource]) -> tuple[str, ...]:
    """Which areas' duties a list holds: each source's function by name."""
    names = []
    for each in duties:
        function = getattr(each, "func", each)
        names.append(f"{function.__module__}.{getattr(function, '__qualname__', '')}")
    return tuple(names)


def find_obligations(
    uow: UnitOfWork,
    acting: User,
    *,
    as_of: date,
    brand_code: str | None = None,
    chosen: ObligationFilter | None = None,
    page: int = 1,
    per_page: int = OBLIGATION_PAGE,
    duties: Sequence[DutySource] = (),
    kept: Kept[tuple[Obligation, ...]] | None = None,
) -> tuple[list[Obligation], int]:
    """One page of the obligations a filter keeps (R-O1), and how many it keeps in all."""
    found = obligations_of(
        uow, acting, as_of=as_of, brand_code=brand_code, duties=duties, kept=kept
    )
    chosen_ones = (chosen or ObligationFilter()).choose(found, as_of)
    start = (max(1, page) - 1) * per_page
    return chosen_ones[start : start + per_page], len(chosen_ones)


def brand_names(uow: UnitOfWork, acting: User) -> dict[str, str]:
    """The brands the user may see, code → name, in name order (for a filter's dropdown)."""
    brands = visible_brands(acting, Permission.VIEW_BRAND)
    with uow:
        found = uow.brands.list_all()
    shown = [brand for brand in found if brands is None or brand.code in brands]
    return {brand.code: brand.name for brand in sorted(shown, key=lambda b: (b.name, b.code))}


def account_of(uow: UnitOfWork, acting: User, brand_code: str) -> BrandAccount:
    """A brand's ledger: its entries and balances (issue 4)."""
    missing = f"no brand with code {brand_code!r}"
    require_on_brand(acting, Permission.VIEW_STATEMENTS, brand_code, missing=missing)
    return brand_account(uow, brand_code)


def audit_log(
    uow: UnitOfWork,
    acting: User,
    *,
    entity: str | None = None,
    entity_key: str | None = None,
    brand_code: str | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """R-D3: who did what and when, newest first; a brand user sees their brand's entries."""
    brand = _one_brand(uow, acting, Permission.VIEW_AUDIT_LOG, brand_code)
    with uow:
        return uow.audit.search(entity=entity, entity_key=entity_key, brand_code=brand, limit=limit)


def audit_page(
    uow: UnitOfWork,
    acting: User,
    *,
    entity: str | None = None,
    brand_code: str | None = None,
    page: int = 1,
    per_page: int = AUDIT_PAGE,
) -> tuple[list[AuditEntry], bool]:
    """One page of the audit log, newest first (R-D3), and whether an older page follows."""
    number = max(1, min(page, _AUDIT_PAGES))
    found = audit_log(
        uow, acting, entity=entity, brand_code=brand_code, limit=number * per_page + 1
    )
    start = (number - 1) * per_page
    return found[start : start + per_page], len(found) > start + per_page


@dataclass(frozen=True)
class Dashboard:
    """What needs doing today, for the signed-in user's brands."""

    due_today: list[Obligation]  # open, and today is their last day
    overdue: list[Obligation]  # missed: their day has passed and they are still not done
    waiting: list[StatementRow]
    import_errors: list[ImportRecord]
    imports: list[ImportRecord]  # the latest order files imported
    repricing: list[RepricingTask]
    statements: list[StatementRow]
    late_shipments: list[LateShipment] = field(default_factory=list)  # R-F2


def dashboard(
    uow: UnitOfWork,
    acting: User,
    *,
    today: date,
    now: datetime | None = None,
    duties: Sequence[DutySource] = (),
    kept: Kept[tuple[Obligation, ...]] | None = None,
) -> Dashboard:
    """The obligations due today and those overdue (R-O1; every area's given `duties`),
    statements waiting, import errors, repricing, and — given the moment `now` — orders
    shipped late or not yet shipped in time (R-F2)."""
    obligations: list[Obligation] = []
    if can(acting, Permission.VIEW_OBLIGATIONS, acting.brand_code):
        obligations = obligations_of(uow, acting, as_of=today, duties=duties, kept=kept)
    statements: list[StatementRow] = []
    if can(acting, Permission.VIEW_STATEMENTS, acting.brand_code):
        statements = list_statements(uow, acting)
    imports: list[ImportRecord] = []
    if can(acting, Permission.VIEW_ORDERS, acting.brand_code):
        imports, _ = list_imports(uow, acting, None, Page(1, 20))
    repricing = open_repricing_tasks(uow, user=acting)
    late = [] if now is None else late_shipments(uow, acting, as_of=now)
    return Dashboard(
        due_today=[each for each in obligations if each.is_due_on(today)],
        overdue=[each for each in obligations if each.is_overdue],
        waiting=[row for row in statements if row.status in WAITING],
        import_errors=[record for record in imports if record.rejected_rows],
        imports=imports,
        repricing=repricing,
        statements=statements,
        late_shipments=late,
    )


class TaskKind(StrEnum):
    """What a brand's people have to do themselves."""

    ANSWER_STATEMENT = "answer_statement"  # R-S6: confirm or dispute the issued statement
    APPROVE_PROMOTION = "approve_promotion"  # R-C7: answer a promotion submitted to the brand


@dataclass(frozen=True)
class BrandTask:
    """One thing the brand has to do, by when, and whether this user may do it."""

    kind: TaskKind
    due_on: date | None
    overdue: bool  # its day has passed and it is still not done
    may_act: bool  # this user's role may do it (else: whom to ask)
    brand: str
    contract: str | None = None  # a statement's
    month: Month | None = None
    promotion: str | None = None  # a promotion's code and name
    name: str | None = None


@dataclass(frozen=True)
class Portal:
    """A brand user's home: the brand's own tasks first, and why a portal may be empty."""

    tasks: list[BrandTask]
    fee_bills_only: bool  # every contract of the brand is model B: no model A statements


def portal(
    uow: UnitOfWork, acting: User, *, today: date, kept: Kept[tuple[Obligation, ...]] | None = None
) -> Portal:
    """R-S6, R-C7: what the brand itself has to do — answer an issued statement, answer a
    promotion submitted to it — due first; never the agency's own duties."""
    brand = acting.brand_code
    tasks: list[BrandTask] = []
    if brand is None:
        return Portal(tasks, fee_bills_only=False)
    if can(acting, Permission.VIEW_OBLIGATIONS, brand):
        may_answer = can(acting, Permission.ANSWER_STATEMENTS, brand)
        for each in obligations_of(uow, acting, as_of=today, kept=kept):
            if each.party is not Party.BRAND or each.kind is not ObligationKind.ANSWER_STATEMENT:
                continue
            if each.done_on is not None:
                continue
            tasks.append(
                BrandTask(
                    TaskKind.ANSWER_STATEMENT,
                    each.due_on,
                    each.is_overdue,
                    may_answer,
                    each.brand,
                    contract=each.contract,
                    month=each.month,
                )
            )
    # R-C3: promotions to approve only for a brand whose contracts bought marketing.
    if can(acting, Permission.VIEW_BRAND, brand) and Feature.PROMOTIONS in open_features(
        uow, brand
    ):
        may_approve = can(acting, Permission.APPROVE_PROMOTIONS, brand)
        for plan in list_promotions(uow, acting, brand):
            if plan.status is not PromotionStatus.SUBMITTED:
                continue
            starts = business_date(plan.terms.window.start)
            tasks.append(
                BrandTask(
                    TaskKind.APPROVE_PROMOTION,
                    starts,
                    starts < today,
                    may_approve,
                    plan.brand,
                    promotion=plan.code,
                    name=plan.terms.name,
                )
            )
    tasks.sort(key=lambda task: (task.due_on or date.max, task.kind.value))
    with uow:
        models = {c.model for c in uow.contracts.list_all() if c.brand_code == brand}
    return Portal(tasks, fee_bills_only=bool(models) and ContractModel.A not in models)
