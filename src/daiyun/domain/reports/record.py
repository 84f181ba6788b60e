"""A report as recorded (R-R1): made once per (contract, kind, period), when and whether on
time, with the hash of its contents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.reports.periods import ReportKind

__all__ = ["MadeReport"]


@dataclass(frozen=True, slots=True)
class MadeReport:
    """The record of one made report (its document is kept beside it)."""

    contract: str
    brand: str
    kind: ReportKind
    period: str
    first_day: date
    last_day: date
    due_on: date
    made_at: datetime
    made_by: str
    on_time: bool
    content_hash: str

    def to_json(self) -> dict[str, object]:
        return {
            "contract": self.contract,
            "brand": self.brand,
            "kind": self.kind.value,
            "period": self.period,
            "start": self.first_day.isoformat(),
            "end": self.last_day.isoformat(),
            "due": self.due_on.isoformat(),
            "made_at": self.made_at.isoformat(),
            "made_by": self.made_by,
            "on_time": self.on_time,
            "content_hash": self.content_hash,
        }
