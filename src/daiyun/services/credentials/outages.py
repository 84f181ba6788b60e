"""Use cases of service outages (R-B8): record one — the brand, from when to when, what was
down — and, when it lasted more than the contract's `outage_notice_hours`, notice it to the
brand at once: the notice is stored on the record and shown on the brand's portal (/outages).
The same outage again is the one recorded (its natural key)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from daiyun.domain.agency import AuditEntry, User
from daiyun.domain.calendar import business_date
from daiyun.domain.contracts.specs import ContractSpec
from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.credentials import Outage, OutageReport, needs_notice, outage_problem
from daiyun.domain.permissions import Permission
from daiyun.services.credentials.access import acting_user, allow_on_brand
from daiyun.services.credentials.ports import CredentialUnitOfWork
from daiyun.services.errors import NotFound
from daiyun.services.scope import visible_brands

__all__ = ["BadOutage", "OutageAnswer", "list_outages", "record_outage"]


class BadOutage(ValueError):
    """The record itself is wrong (ends before it starts, says nothing): nothing kept."""


@dataclass(frozen=True)
class OutageAnswer:
    """The kept outage; `new` False when the same was recorded before."""

    outage: Outage
    new: bool


def _notice_hours(contracts: list[ContractSpec], brand_code: str, started: datetime) -> int:
    """The hours of the brand's contract in force when the outage started (the newest one
    effective by then; the first one if it started before any; rules.md's 2 without one)."""
    day = business_date(started)
    own = sorted(
        (each for each in contracts if each.brand_code == brand_code),
        key=lambda each: each.effective_on,
    )
    in_force = [each for each in own if each.effective_on <= day] or own[:1]
    if not in_force:
        return ContractTerms().outage_notice_hours
    return in_force[-1].terms.outage_notice_hours


def record_outage(
    uow: CredentialUnitOfWork, *, user: User | str, report: OutageReport, at: datetime
) -> OutageAnswer:
    """Log the outage (R-B8, and R-D3's audit log); over the contract's notice hours, the
    brand is noticed at `at`."""
    report = replace(report, what=report.what.strip())
    problem = outage_problem(report)
    if problem is not None:
        raise BadOutage(problem)
    with uow:
        actor = acting_user(uow, user)
        if uow.brands.get(report.brand) is None:
            raise NotFound(f"no brand with code {report.brand!r}")
        allow_on_brand(actor, Permission.RECORD_OUTAGES, report.brand)
        stored = uow.outages.find(report)
        if stored is not None:
            return OutageAnswer(stored, new=False)
        hours = _notice_hours(uow.contracts.list_all(), report.brand, report.started_at)
        noticed_at = at if needs_notice(report, hours) else None
        outage_id = uow.outages.add(report, hours, noticed_at, at, actor.login)
        uow.audit.record(
            AuditEntry(
                at, actor.login, "outage.record", "outage", str(outage_id),
                brand_code=report.brand,
                after=f"{report.started_at.isoformat()} – {report.ended_at.isoformat()}: "
                f"{report.what}; brand noticed: {'yes' if noticed_at else 'no'}",
            )
        )  # fmt: skip
        kept = uow.outages.find(report)
        uow.commit()
    assert kept is not None
    return OutageAnswer(kept, new=True)


def list_outages(
    uow: CredentialUnitOfWork, *, user: User | str, brand_codes: Iterable[str] | None = None
) -> list[Outage]:
    """The outages the user may see (a brand user's own brand's), newest first."""
    with uow:
        actor = acting_user(uow, user)
        codes = None if brand_codes is None else list(brand_codes)
        for code in codes or []:
            if uow.brands.get(code) is None:
                raise NotFound(f"no brand with code {code!r}")
            allow_on_brand(actor, Permission.VIEW_BRAND, code)
        if codes is None:
            visible = visible_brands(actor, Permission.VIEW_BRAND)
            codes = None if visible is None else list(visible)
        return uow.outages.of_brands(codes)
