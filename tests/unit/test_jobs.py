"""A background job's states and moves (domain/jobs.py, issue 22): what each state may become,
what a worker does with a delivered message, what a failure leads to, and the scheduled
duties' one run a slot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.jobs import (
    ALLOWED_NEXT,
    FINAL,
    MAX_ATTEMPTS,
    Delivery,
    Job,
    JobKind,
    JobMoveRefused,
    JobState,
    after_failure,
    duties_key,
    on_delivery,
)

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


def _job(state: JobState = JobState.QUEUED, **changes: object) -> Job:
    values: dict[str, object] = {
        "id": "j1",
        "kind": JobKind.ORDER_IMPORT,
        "state": state,
        "params": {"store": "chando-tmall"},
        "submitted_by": "ops",
        "submitted_at": AT,
        **changes,
    }
    return Job(**values)  # type: ignore[arg-type]


def test_a_queued_job_taken_by_a_worker_runs_its_first_attempt() -> None:
    running = _job().moved(JobState.RUNNING, at=AT + timedelta(seconds=1))
    assert running.state is JobState.RUNNING and running.attempts == 1
    assert running.started_at == AT + timedelta(seconds=1) and running.finished_at is None


def test_a_running_job_taken_again_after_its_worker_died_counts_a_second_attempt() -> None:
    running = _job(JobState.RUNNING, attempts=1, done=700)
    again = running.moved(JobState.RUNNING, at=AT)
    assert again.attempts == 2 and again.done == 0  # its progress starts over


@pytest.mark.parametrize("final", sorted(FINAL))
def test_a_finished_job_moves_nowhere(final: JobState) -> None:
    for to in JobState:
        with pytest.raises(JobMoveRefused, match=f"job j1 is {final}: it cannot become {to}"):
            _job(final).moved(to, at=AT)


def test_the_moves_allowed_are_exactly_these() -> None:
    assert {state: sorted(moves) for state, moves in ALLOWED_NEXT.items()} == {
        JobState.QUEUED: [JobState.FAILED, JobState.RUNNING],
        JobState.RUNNING: sorted(
            [JobState.RUNNING, JobState.QUEUED, JobState.HELD, JobState.DONE, JobState.FAILED]
        ),
        JobState.HELD: [JobState.CANCELLED, JobState.QUEUED],
        JobState.DONE: [],
        JobState.FAILED: [],
        JobState.CANCELLED: [],
    }


def test_a_queued_job_cannot_be_done_without_running() -> None:
    with pytest.raises(JobMoveRefused):
        _job().moved(JobState.DONE, at=AT)


def test_a_move_at_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        _job().moved(JobState.RUNNING, at=datetime(2026, 11, 20, 10, 0))  # noqa: DTZ001


def test_a_worker_runs_a_queued_job_runs_a_running_one_again_and_skips_the_rest() -> None:
    decisions = {state: on_delivery(_job(state)) for state in JobState}
    assert decisions == {
        JobState.QUEUED: Delivery.RUN,
        JobState.RUNNING: Delivery.RUN_AGAIN,
        JobState.HELD: Delivery.SKIP,
        JobState.DONE: Delivery.SKIP,
        JobState.FAILED: Delivery.SKIP,
        JobState.CANCELLED: Delivery.SKIP,
    }


def test_a_transient_failure_queues_the_job_again_until_its_last_attempt() -> None:
    assert after_failure(_job(JobState.RUNNING, attempts=1), transient=True) is JobState.QUEUED
    last = _job(JobState.RUNNING, attempts=MAX_ATTEMPTS)
    assert after_failure(last, transient=True) is JobState.FAILED


def test_bad_input_fails_the_job_at_its_first_attempt() -> None:
    assert after_failure(_job(JobState.RUNNING, attempts=1), transient=False) is JobState.FAILED


def test_only_a_running_job_can_fail() -> None:
    with pytest.raises(JobMoveRefused, match="not running"):
        after_failure(_job(JobState.DONE), transient=True)


def test_a_retried_job_is_queued_with_its_error_and_progress_reset() -> None:
    running = _job(JobState.RUNNING, attempts=1, done=40, total=100)
    queued = running.moved(JobState.QUEUED, at=AT, error="OperationalError: lost")
    assert (queued.state, queued.done, queued.error) == (
        JobState.QUEUED,
        0,
        "OperationalError: lost",
    )
    # The next attempt starts without the last one's error.
    assert queued.moved(JobState.RUNNING, at=AT).error is None


@pytest.mark.parametrize(
    ("state", "done", "total", "percent"),
    [
        (JobState.QUEUED, 0, 100, 0),
        (JobState.RUNNING, 0, 0, 0),  # nothing known of the end
        (JobState.RUNNING, 1, 3, 33),  # 1 × 100 // 3
        (JobState.RUNNING, 3, 3, 99),  # 100 only once it stopped
        (JobState.HELD, 10, 100, 100),
        (JobState.DONE, 3, 3, 100),
        (JobState.FAILED, 0, 3, 100),
    ],
)
def test_percent(state: JobState, done: int, total: int, percent: int) -> None:
    assert _job(state, done=done, total=total).percent == percent


def test_the_scheduled_duties_have_one_key_a_beijing_hour() -> None:
    # 01:59:59 and 01:00:00 UTC are 09:59:59 and 09:00:00 in Beijing: one slot; 02:00 the next.
    assert duties_key(datetime(2026, 11, 20, 1, 59, 59, tzinfo=UTC)) == "duties:2026-11-20T09:00"
    assert duties_key(datetime(2026, 11, 20, 1, 0, tzinfo=UTC)) == "duties:2026-11-20T09:00"
    assert duties_key(datetime(2026, 11, 20, 2, 0, tzinfo=UTC)) == "duties:2026-11-20T10:00"
    # 23:30 Beijing on the 20th is 15:30 UTC; the day is Beijing's.
    assert duties_key(datetime(2026, 11, 20, 23, 30, tzinfo=SHANGHAI)) == "duties:2026-11-20T23:00"
