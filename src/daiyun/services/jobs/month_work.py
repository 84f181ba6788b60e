"""The other jobs: a month's statement draft, a store's month reconciliation, and the scheduled
duties (the day's reminders of dated duties). Each calls the use case its command calls, so a
job does exactly what the command does; drafting and reconciling again change nothing that the
same data already gave (R-S8: the same inputs, the same draft)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

from daiyun.domain.agency import Role, User
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.jobs import Job, JobState
from daiyun.domain.obligations import ObligationStatus
from daiyun.services.jobs.running import JobRun, Outcome
from daiyun.services.obligations.statement_duties import list_obligations
from daiyun.services.reconciliation.reconcile import (
    ReconciliationUnitOfWork,
    reconcile_store_month,
)
from daiyun.services.settlement.statements import draft_month
from daiyun.services.unit_of_work import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "ReconciliationFactory",
    "ReconciliationJob",
    "ScheduledDuties",
    "StatementDraftJob",
    "acting_of",
]

_LISTED = 200  # differences or reminders a job's result lists; their counts are whole


class StatementDraftJob:
    """Drafts a contract's month (JobKind.STATEMENT_DRAFT), as `daiyun statement draft`."""

    def __init__(self, unit_of_work: UnitOfWorkFactory) -> None:
        self._uow = unit_of_work

    def __call__(self, run: JobRun) -> Outcome:
        """Draft the month as of the moment it was asked for; the Statement JSON its result."""
        outcome = draft_month(
            self._uow(),
            contract_code=str(run.job.params["contract"]),
            month=Month.parse(str(run.job.params["month"])),
            at=run.job.submitted_at,
            actor=run.job.submitted_by,
        )
        return Outcome(JobState.DONE, {"changed": outcome.changed, **outcome.view.to_json()})

    def finished(self, job: Job) -> None:
        """Nothing beyond the job's own record."""


class ReconciliationFactory(Protocol):
    """Makes a fresh unit of work that reaches what reconciliation reads."""

    def __call__(self) -> ReconciliationUnitOfWork: ...


class ReconciliationJob:
    """Reconciles a store's month (JobKind.RECONCILIATION), as `daiyun reconcile` (R-X1)."""

    def __init__(self, unit_of_work: ReconciliationFactory) -> None:
        self._uow = unit_of_work

    def __call__(self, run: JobRun) -> Outcome:
        """The month matched; the result is interfaces.md's JSON, its differences capped."""
        found = reconcile_store_month(
            self._uow(),
            acting=acting_of(run.job.params["acting"]),
            store_code=str(run.job.params["store"]),
            month=Month.parse(str(run.job.params["month"])),
        )
        document = found.as_document()
        differences = list(document["differences"])  # type: ignore[call-overload]
        document["differences"] = differences[:_LISTED]
        document["difference_count"] = len(differences)
        return Outcome(JobState.DONE, document, done=found.result.orders_completed)

    def finished(self, job: Job) -> None:
        """Nothing beyond the job's own record."""


class ScheduledDuties:
    """The scheduled duties (JobKind.DUTIES): the reminders of the day's dated duties (R-O1) —
    those due that day and those missed and still not done — kept as the run's result; and,
    given `remind` (issue 21 point 7), the reminders sent to the responsible people, in the app
    and by email, as `daiyun obligations remind` sends them (each once however often run).
    Given `make_reports` (issue 20, R-R1), every report due by the slot is made first, each
    exactly once, as `daiyun report run-due` makes them."""

    def __init__(
        self,
        unit_of_work: UnitOfWorkFactory,
        remind: Callable[[datetime], Mapping[str, Any]] | None = None,
        make_reports: Callable[[datetime], Mapping[str, Any]] | None = None,
    ) -> None:
        self._uow = unit_of_work
        self._remind = remind
        self._make_reports = make_reports

    def __call__(self, run: JobRun) -> Outcome:
        """Every statement duty as of the slot's day, counted, the urgent ones listed."""
        moment = datetime.fromisoformat(str(run.job.params["as_of"]))
        day = business_date(moment)
        # issue 20: the reports due by now made first, so that the duties below see them.
        made = None if self._make_reports is None else dict(self._make_reports(moment))
        uow: UnitOfWork = self._uow()
        found = list_obligations(uow, as_of=day)
        due = [each.to_json() for each in found if each.is_due_on(day)]
        overdue = [each.to_json() for each in found if each.is_overdue]
        counts = {status.value: 0 for status in ObligationStatus}
        for each in found:
            counts[each.status.value] += 1
        result: Mapping[str, Any] = {
            "as_of": day.isoformat(),
            "counts": counts,
            "due_today": due[:_LISTED],
            "overdue": overdue[:_LISTED],
            "due_today_count": len(due),
            "overdue_count": len(overdue),
        }
        if self._remind is not None:  # issue 21: the reminders of every area's duties
            result = {**result, "reminders": dict(self._remind(moment))}
        if made is not None:  # issue 20: the reports made (R-R1)
            result = {**result, "reports": made}
        return Outcome(JobState.DONE, result, done=len(found))

    def finished(self, job: Job) -> None:
        """Nothing beyond the job's own record."""


def acting_of(params: Mapping[str, Any]) -> User:
    """The user a job acts as, from what was kept with it."""
    brand = params.get("brand")
    return User(
        str(params["login"]),
        str(params.get("name") or params["login"]),
        Role(str(params["role"])),
        None if brand is None else str(brand),
    )
