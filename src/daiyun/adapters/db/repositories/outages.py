"""Service outages as kept (R-B8), by their natural key (brand, start, end, what)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, insert, select

from daiyun.adapters.db.credential_tables import outage
from daiyun.adapters.db.tables import brand
from daiyun.domain.credentials import Outage, OutageReport

__all__ = ["SqlOutageRepository"]

_o = outage.c


def _outages() -> Select[Any]:
    return select(
        _o.id,
        brand.c.code.label("brand_code"),
        _o.started_at,
        _o.ended_at,
        _o.what,
        _o.notice_hours,
        _o.noticed_at,
        _o.recorded_at,
        _o.recorded_by,
    ).join(brand, brand.c.id == _o.brand_id)


def _outage(row: Row[Any]) -> Outage:
    report = OutageReport(row.brand_code, row.started_at, row.ended_at, row.what)
    return Outage(
        int(row.id),
        report,
        int(row.notice_hours),
        row.noticed_at,
        row.recorded_at,
        row.recorded_by,
    )


class SqlOutageRepository:
    """A brand's outages."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def find(self, report: OutageReport) -> Outage | None:
        row = self._connection.execute(
            _outages().where(
                brand.c.code == report.brand,
                _o.started_at == report.started_at,
                _o.ended_at == report.ended_at,
                _o.what == report.what,
            )
        ).first()
        return None if row is None else _outage(row)

    def add(
        self,
        report: OutageReport,
        notice_hours: int,
        noticed_at: datetime | None,
        at: datetime,
        actor: str,
    ) -> int:
        brand_id = select(brand.c.id).where(brand.c.code == report.brand).scalar_subquery()
        return int(
            self._connection.execute(
                insert(outage)
                .values(
                    brand_id=brand_id,
                    started_at=report.started_at,
                    ended_at=report.ended_at,
                    what=report.what,
                    notice_hours=notice_hours,
                    noticed_at=noticed_at,
                    recorded_at=at,
                    recorded_by=actor,
                )
                .returning(_o.id)
            ).scalar_one()
        )

    def of_brands(self, brand_codes: Iterable[str] | None, limit: int = 500) -> list[Outage]:
        query = _outages().order_by(_o.started_at.desc(), _o.id.desc()).limit(limit)
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(list(brand_codes)))
        return [_outage(row) for row in self._connection.execute(query)]
