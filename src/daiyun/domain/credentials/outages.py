"""R-B8: a service outage — from when to when, what was down — is logged; one longer than the
contract's `outage_notice_hours` is noticed to the brand. Exactly the hours is not "more
than": 2 h 00 min is not noticed, 2 h 01 min is. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["MAX_WHAT", "Outage", "OutageReport", "needs_notice", "outage_problem"]

MAX_WHAT = 500


@dataclass(frozen=True, slots=True)
class OutageReport:
    """What the operator records: the brand, the outage's start and end, what was down."""

    brand: str
    started_at: datetime
    ended_at: datetime
    what: str


@dataclass(frozen=True, slots=True)
class Outage:
    """An outage as kept; `noticed_at` when the brand was told (R-B8), with the hours the
    contract allowed at the time."""

    id: int
    report: OutageReport
    notice_hours: int
    noticed_at: datetime | None
    recorded_at: datetime
    recorded_by: str

    @property
    def duration(self) -> timedelta:
        return self.report.ended_at - self.report.started_at

    @property
    def minutes(self) -> int:
        return int(self.duration.total_seconds() // 60)


def outage_problem(report: OutageReport) -> str | None:
    """What is wrong with the report itself, or None."""
    if report.started_at.tzinfo is None or report.ended_at.tzinfo is None:
        return "an outage's start and end are moments with a time zone"
    if report.ended_at <= report.started_at:
        return (
            f"--to {report.ended_at.isoformat()} is not after --from "
            f"{report.started_at.isoformat()}"
        )
    what = report.what.strip()
    if not what or len(what) > MAX_WHAT:
        return f"--what is 1 to {MAX_WHAT} characters saying what was down"
    return None


def needs_notice(report: OutageReport, notice_hours: int) -> bool:
    """R-B8: True when the outage lasted more than `notice_hours`."""
    return report.ended_at - report.started_at > timedelta(hours=notice_hours)
