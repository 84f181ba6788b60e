"""Background jobs: their states and the moves between them, as data (ALLOWED_NEXT).

A job is submitted `queued`; a worker takes it (`running`) and ends it `done` or `failed`. An
order import started from a page may stop `held` (orders before the store's go-live found) until
its uploader says go ahead (`queued` again) or cancel (`cancelled`).

A broker delivers a job's message at least once: a worker that dies mid-job has its message
delivered again, so a `running` job may be taken again, and its work is idempotent by natural
keys (an order import re-run stores nothing twice). A transient failure (the database out of
reach for a moment) sends the job back to `queued` for another attempt after a pause; any other
failure, or the last attempt's, ends it `failed`. Pure: the clock is passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from daiyun.domain.calendar import SHANGHAI

__all__ = [
    "ALLOWED_NEXT",
    "DUTIES_EVERY",
    "FINAL",
    "MAX_ATTEMPTS",
    "Delivery",
    "Job",
    "JobKind",
    "JobMoveRefused",
    "JobState",
    "after_failure",
    "duties_key",
    "on_delivery",
]

# Attempts a job gets when each fails for a transient reason; the last one's failure is final.
MAX_ATTEMPTS = 5
# The scheduled duties run once in each such slot of Beijing time, however many workers tick.
DUTIES_EVERY = timedelta(hours=1)


class JobState(StrEnum):
    """Where a job stands."""

    QUEUED = "queued"
    RUNNING = "running"
    HELD = "held"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class JobKind(StrEnum):
    """What a job does."""

    ORDER_IMPORT = "orders.import"
    STATEMENT_DRAFT = "statement.draft"
    RECONCILIATION = "reconcile"
    DUTIES = "duties"


ALLOWED_NEXT: Mapping[JobState, frozenset[JobState]] = {
    # QUEUED → FAILED: its message could not be handed to the broker.
    JobState.QUEUED: frozenset({JobState.RUNNING, JobState.FAILED}),
    # RUNNING → RUNNING: taken again after the worker that had it died (at-least-once delivery).
    # RUNNING → QUEUED: a transient failure, retried after a pause.
    JobState.RUNNING: frozenset(
        {JobState.RUNNING, JobState.QUEUED, JobState.HELD, JobState.DONE, JobState.FAILED}
    ),
    JobState.HELD: frozenset({JobState.QUEUED, JobState.CANCELLED}),
    JobState.DONE: frozenset(),
    JobState.FAILED: frozenset(),
    JobState.CANCELLED: frozenset(),
}
FINAL = frozenset(state for state, moves in ALLOWED_NEXT.items() if not moves)


class JobMoveRefused(ValueError):
    """A move the state machine does not allow (e.g. a finished job started again)."""


class Delivery(StrEnum):
    """What a worker does with a job's message when it arrives."""

    RUN = "run"  # queued: take it
    RUN_AGAIN = "run again"  # running: the worker that had it died; its work is idempotent
    SKIP = "skip"  # held, or finished already (a message delivered twice)


@dataclass(frozen=True)
class Job:
    """One background job: what it does, with what, where it stands and what came of it."""

    id: str
    kind: JobKind
    state: JobState
    params: Mapping[str, Any]
    submitted_by: str
    submitted_at: datetime
    brand_code: str | None = None  # R-D2: whose data it touches; None for the agency's own
    attempts: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None
    done: int = 0  # units of work done so far (orders read, …)
    total: int = 0  # units of work in all; 0 when not known beforehand
    result: Mapping[str, Any] | None = field(default=None, compare=False)
    error: str | None = None

    @property
    def is_final(self) -> bool:
        """True once nothing more will happen to it."""
        return self.state in FINAL

    @property
    def percent(self) -> int:
        """How far along, 0 to 100: 100 only once it stopped (held or final)."""
        if self.state is JobState.HELD or self.is_final:
            return 100
        if self.state is JobState.QUEUED or self.total <= 0:
            return 0
        return min(99, self.done * 100 // self.total)

    def moved(self, to: JobState, *, at: datetime, **changes: Any) -> Job:
        """The job after a move to `to` at `at`; JobMoveRefused if it is not allowed."""
        if to not in ALLOWED_NEXT[self.state]:
            raise JobMoveRefused(f"job {self.id} is {self.state}: it cannot become {to}")
        if at.tzinfo is None:
            raise ValueError("a job's moment must be timezone-aware")
        stamps: dict[str, Any] = {}
        if to is JobState.RUNNING:
            stamps = {"started_at": at, "attempts": self.attempts + 1, "error": None, "done": 0}
        elif to in FINAL or to is JobState.HELD:
            stamps = {"finished_at": at}
        elif to is JobState.QUEUED:
            stamps = {"finished_at": None, "done": 0}
        return replace(self, state=to, **{**stamps, **changes})


def on_delivery(job: Job) -> Delivery:
    """What a worker does with the job's message: run it, run it again, or let it be."""
    if job.state is JobState.QUEUED:
        return Delivery.RUN
    if job.state is JobState.RUNNING:
        return Delivery.RUN_AGAIN
    return Delivery.SKIP


def after_failure(job: Job, *, transient: bool) -> JobState:
    """The state a running job's failure leads to: queued for another attempt when the cause
    was transient and attempts remain, failed otherwise (bad input never gets better)."""
    if job.state is not JobState.RUNNING:
        raise JobMoveRefused(f"job {job.id} is {job.state}, not running: nothing failed")
    if transient and job.attempts < MAX_ATTEMPTS:
        return JobState.QUEUED
    return JobState.FAILED


def duties_key(moment: datetime) -> str:
    """The natural key of the scheduled duties' run for the slot `moment` falls in (Beijing
    time): every worker that ticks in the slot names the same run, which is stored once."""
    if moment.tzinfo is None:
        raise ValueError("a tick's moment must be timezone-aware")
    local = moment.astimezone(SHANGHAI)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    slot = (local - midnight) // DUTIES_EVERY
    start = midnight + slot * DUTIES_EVERY
    return f"{JobKind.DUTIES}:{start.strftime('%Y-%m-%dT%H:%M')}"
