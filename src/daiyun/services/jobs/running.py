"""Use case: run one background job when its message arrives, on whichever worker gets it.

The job is taken in a transaction of its own (queued → running, or running again when the worker
that had it died), its files written out to a scratch folder, its kind's handler run, and its
outcome stored last. The broker acknowledges the message only after this returns (late
acknowledgement): a worker killed mid-job leaves the message to be delivered again, and the
handlers' work is idempotent by natural keys. A transient failure (the database out of reach)
raises RetryLater for the broker to deliver the job again after a pause; bad input ends it
failed at once (domain/jobs.py: after_failure).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from daiyun.domain.jobs import (
    FINAL,
    Delivery,
    Job,
    JobKind,
    JobState,
    after_failure,
    on_delivery,
)
from daiyun.domain.orders.shown import shown_text
from daiyun.services.jobs.ports import JobProgress, JobUnitOfWorkFactory, ScratchFolders

__all__ = ["Handler", "JobRun", "JobRunner", "Outcome", "RetryLater", "error_text"]

_LONGEST_ERROR = 1_000


class RetryLater(Exception):
    """The job failed for a transient reason and is queued again: deliver it after a pause."""


@dataclass(frozen=True)
class JobRun:
    """What a handler is given: the job, its files written out, and where to say how far."""

    job: Job
    paths: Sequence[Path]
    progress: Callable[[int], None]


@dataclass(frozen=True)
class Outcome:
    """How a handler's work ended: done (or held, waiting for a person), with its result."""

    state: JobState
    result: Mapping[str, Any] | None = None
    done: int | None = None  # units of work done in all, when the handler counted them
    # The order files an import stored: (store, their sha256s), linked to the job.
    order_files: tuple[str, tuple[str, ...]] | None = field(default=None)


class Handler(Protocol):
    """Does one kind of job."""

    def __call__(self, run: JobRun) -> Outcome: ...

    def finished(self, job: Job) -> None:
        """After the job's final state is stored (done or failed): what else to keep."""
        ...


def error_text(error: BaseException) -> str:
    """A failure as a job keeps it: the exception's kind and message, cut short."""
    return shown_text(f"{type(error).__name__}: {error}", _LONGEST_ERROR)


class JobRunner:
    """Runs the jobs whose messages this process receives."""

    def __init__(
        self,
        unit_of_work: JobUnitOfWorkFactory,
        handlers: Mapping[JobKind, Handler],
        *,
        progress: JobProgress,
        scratch: ScratchFolders,
        clock: Callable[[], datetime],
        is_transient: Callable[[BaseException], bool],
    ) -> None:
        self._uow = unit_of_work
        self._handlers = handlers
        self._progress = progress
        self._scratch = scratch
        self._clock = clock
        self._is_transient = is_transient

    def run(self, job_id: str) -> None:
        """Take the job and run it; RetryLater when it is to be delivered again later."""
        job = self._take(job_id)
        if job is None:
            return
        handler = self._handlers[job.kind]
        try:
            with self._scratch.new() as folder:
                paths = self._write_out(job, folder.write)
                outcome = handler(JobRun(job, paths, self._reporter(job.id)))
        except Exception as error:  # the job records its failure; the broker gets RetryLater
            to = after_failure(job, transient=self._is_transient(error))
            stored = self._finish(job, to, error=error_text(error))
            if stored is not None and to is JobState.QUEUED:
                raise RetryLater(f"job {job.id}: {error_text(error)}") from error
            if stored is not None:
                self._after(handler, stored)
            return
        changes: dict[str, Any] = {"result": outcome.result}
        latest = self._progress.latest(job.id)
        if outcome.done is not None:
            changes["done"] = outcome.done
        elif latest is not None:
            changes["done"] = latest
        stored = self._finish(job, outcome.state, order_files=outcome.order_files, **changes)
        if stored is not None and stored.is_final:
            self._after(handler, stored)

    def _take(self, job_id: str) -> Job | None:
        """The job moved to running, or None: unknown, held, or finished already."""
        with self._uow() as uow:
            job = uow.jobs.get(job_id, for_update=True)
            if job is None or on_delivery(job) is Delivery.SKIP:
                return None
            running = job.moved(JobState.RUNNING, at=self._clock())
            uow.jobs.save(running)
            uow.commit()
        return running

    def _write_out(self, job: Job, write: Callable[[str, Any], Path]) -> list[Path]:
        with self._uow() as uow:
            return [
                write(name, uow.jobs.file_parts(job.id, position))
                for position, name in uow.jobs.files(job.id)
            ]

    def _reporter(self, job_id: str) -> Callable[[int], None]:
        def report(done: int) -> None:
            self._progress.report(job_id, done)

        return report

    def _finish(
        self,
        job: Job,
        to: JobState,
        *,
        order_files: tuple[str, tuple[str, ...]] | None = None,
        **changes: Any,
    ) -> Job | None:
        """Store how the run ended, unless another delivery of the job took it meanwhile (its
        outcome then stands): the job as stored, or None."""
        with self._uow() as uow:
            stored = uow.jobs.get(job.id, for_update=True)
            if stored is None or stored.state is not JobState.RUNNING:
                return None
            if stored.attempts != job.attempts:
                return None
            moved = stored.moved(to, at=self._clock(), **changes)
            uow.jobs.save(moved)
            if to in FINAL:
                uow.jobs.drop_files(job.id)
            if order_files is not None and order_files[1]:
                uow.jobs.link_order_files(job.id, order_files[0], order_files[1])
            uow.commit()
        return moved

    @staticmethod
    def _after(handler: Handler, job: Job) -> None:
        with suppress(Exception):  # the job's own record already says how it ended
            handler.finished(job)
