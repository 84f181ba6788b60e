"""Queries a signed-in user keeps an eye on: obligations, a brand's ledger, the audit log and
the dashboard that gathers them — each as far as the user may see (R-D2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from daiyun.domain.agency import AuditEntry, User
from daiyun.domain.fulfilment import LateShipment
from daiyun.domain.obligations import Obligation
from daiyun.domain.orders.search import ImportRecord, Page
from daiyun.domain.permissions import Permission, can
from daiyun.domain.pricing import RepricingTask
from daiyun.domain.settlement.drilldown import StatementRow
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.services.errors import NotFound
from daiyun.services.fulfilment.shipping import late_shipments
from daiyun.services.obligations.statement_duties import list_obligations
from daiyun.services.orders.views import list_imports
from daiyun.services.pricing.listings import open_repricing_tasks
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.settlement.ledger import BrandAccount, brand_account
from daiyun.services.settlement.statement_desk import list_statements
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "WAITING",
    "Dashboard",
    "account_of",
    "audit_log",
    "dashboard",
    "obligations_of",
]

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
    uow: UnitOfWork, acting: User, *, as_of: date, brand_code: str | None = None
) -> list[Obligation]:
    """Every statement duty as of a day (R-O1), of the brands the user may see."""
    brand = _one_brand(uow, acting, Permission.VIEW_OBLIGATIONS, brand_code)
    return list_obligations(uow, as_of=as_of, brand_code=brand)


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
    uow: UnitOfWork, acting: User, *, today: date, now: datetime | None = None
) -> Dashboard:
    """The obligations due today and those overdue (R-O1), statements waiting, import errors,
    repricing, and — given the moment `now` — orders shipped late or not yet shipped in time
    (R-F2)."""
    obligations: list[Obligation] = []
    if can(acting, Permission.VIEW_OBLIGATIONS, acting.brand_code):
        obligations = obligations_of(uow, acting, as_of=today)
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
