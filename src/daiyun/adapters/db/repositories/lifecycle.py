"""The contract's life as kept (issue 21, R-C5, R-C6): objections, its end, breach notices and
their cures, and the evidence of exit duties — each read for many contracts at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Row,
    String,
    cast,
    insert,
    literal,
    null,
    select,
    union_all,
)

from daiyun.adapters.db.lifecycle_tables import (
    breach_cure,
    breach_notice,
    contract_end,
    contract_objection,
    exit_evidence,
)
from daiyun.adapters.db.tables import contract
from daiyun.domain.contracts import Party
from daiyun.domain.contracts.lifecycle import ContractEnd, ContractLife, EndCause, Objection
from daiyun.domain.contracts.termination import BreachNotice, ExitDutyKind, ExitEvidence

__all__ = ["SqlLifecycleRepository", "contract_lives"]


def contract_lives(connection: Connection, codes: Sequence[str]) -> dict[str, ContractLife]:
    """Each contract's objections and recorded end, in one query (the obligations' lists read
    this for every contract, so their query count stays flat)."""
    if not codes:
        return {}
    o, e, c = contract_objection.c, contract_end.c, contract.c
    objections = (
        select(
            c.code,
            literal("objection").label("kind"),
            o.term,
            o.by_party.label("party"),
            o.objected_on.label("day"),
            cast(null(), String).label("cause"),
            cast(null(), String).label("right_key"),
            o.reason,
            o.recorded_at,
            o.recorded_by,
        )
        .join(contract, c.id == o.contract_id)
        .where(c.code.in_(list(codes)))
    )
    ends = (
        select(
            c.code,
            literal("end").label("kind"),
            cast(null(), Integer).label("term"),
            e.right_holder.label("party"),
            e.last_day.label("day"),
            e.cause,
            e.termination_right.label("right_key"),
            e.reason,
            e.recorded_at,
            e.recorded_by,
        )
        .join(contract, c.id == e.contract_id)
        .where(c.code.in_(list(codes)))
    )
    objected: dict[str, list[Objection]] = {code: [] for code in codes}
    ended: dict[str, ContractEnd] = {}
    rows = connection.execute(union_all(objections, ends)).all()
    for row in rows:
        recorded_at = _aware(row.recorded_at)
        if row.kind == "objection":
            objected[row.code].append(
                Objection(
                    int(row.term), Party(row.party), _day(row.day), row.reason, recorded_at,
                    row.recorded_by,
                )
            )  # fmt: skip
        else:
            ended[row.code] = ContractEnd(
                _day(row.day),
                EndCause(row.cause),
                row.right_key,
                None if row.party is None else Party(row.party),
                row.reason,
                recorded_at,
                row.recorded_by,
            )
    return {
        code: ContractLife(
            tuple(sorted(objected[code], key=lambda each: (each.objected_on, each.recorded_at))),
            ended.get(code),
        )
        for code in codes
    }


def _day(value: Any) -> date:
    # A union's column loses the Date type on SQLite: it may come back as text.
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _aware(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _contract_id(connection: Connection, code: str) -> int:
    found = connection.execute(select(contract.c.id).where(contract.c.code == code)).scalar()
    if found is None:
        raise KeyError(f"no contract {code!r}")
    return int(found)


class SqlLifecycleRepository:
    """Objections, ends, breach notices, cures and exit evidence of contracts."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def lives(self, codes: Sequence[str]) -> dict[str, ContractLife]:
        return contract_lives(self._connection, codes)

    def lock(self, contract_code: str) -> None:
        """Hold the contract's row to the end of the unit of work: its life's records are
        judged and written one use case after the other."""
        query = select(contract.c.id).where(contract.c.code == contract_code)
        if self._connection.dialect.name == "postgresql":
            query = query.with_for_update()
        self._connection.execute(query)

    def add_objection(self, contract_code: str, objection: Objection) -> None:
        self._connection.execute(
            insert(contract_objection).values(
                contract_id=_contract_id(self._connection, contract_code),
                term=objection.term,
                by_party=objection.by.value,
                objected_on=objection.objected_on,
                reason=objection.reason,
                recorded_at=objection.recorded_at,
                recorded_by=objection.recorded_by,
            )
        )

    def add_end(self, contract_code: str, end: ContractEnd) -> None:
        self._connection.execute(
            insert(contract_end).values(
                contract_id=_contract_id(self._connection, contract_code),
                last_day=end.last_day,
                cause=end.cause.value,
                termination_right=end.right,
                right_holder=None if end.right_holder is None else end.right_holder.value,
                reason=end.reason,
                recorded_at=end.recorded_at,
                recorded_by=end.recorded_by,
            )
        )

    def breach_notices(self, codes: Sequence[str]) -> dict[str, list[BreachNotice]]:
        """Each contract's breach notices with their cures, oldest first."""
        found: dict[str, list[BreachNotice]] = {code: [] for code in codes}
        if not codes:
            return found
        n, k = breach_notice.c, breach_cure.c
        query = (
            select(breach_notice, contract.c.code, k.cured_on)
            .join(contract, contract.c.id == n.contract_id)
            .outerjoin(breach_cure, k.notice_id == n.id)
            .where(contract.c.code.in_(list(codes)))
            .order_by(n.notified_on, n.id)
        )
        for row in self._connection.execute(query):
            found[row.code].append(_notice(row))
        return found

    def notice(self, notice_id: int) -> tuple[str, BreachNotice] | None:
        """A breach notice and its contract's code."""
        n, k = breach_notice.c, breach_cure.c
        row = self._connection.execute(
            select(breach_notice, contract.c.code, k.cured_on)
            .join(contract, contract.c.id == n.contract_id)
            .outerjoin(breach_cure, k.notice_id == n.id)
            .where(n.id == notice_id)
        ).first()
        return None if row is None else (row.code, _notice(row))

    def find_notice(
        self, contract_code: str, by: Party, notified_on: date, what: str
    ) -> BreachNotice | None:
        for each in self.breach_notices([contract_code])[contract_code]:
            if (each.by, each.notified_on, each.what) == (by, notified_on, what):
                return each
        return None

    def add_notice(
        self,
        contract_code: str,
        by: Party,
        notified_on: date,
        what: str,
        cure_by: date,
        at: datetime,
        actor: str,
    ) -> int:
        result = self._connection.execute(
            insert(breach_notice).values(
                contract_id=_contract_id(self._connection, contract_code),
                by_party=by.value,
                notified_on=notified_on,
                what=what,
                cure_by=cure_by,
                recorded_at=at,
                recorded_by=actor,
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def add_cure(self, notice_id: int, cured_on: date, at: datetime, actor: str) -> None:
        self._connection.execute(
            insert(breach_cure).values(
                notice_id=notice_id, cured_on=cured_on, recorded_at=at, recorded_by=actor
            )
        )

    def exit_evidence(self, codes: Sequence[str]) -> dict[str, list[ExitEvidence]]:
        found: dict[str, list[ExitEvidence]] = {code: [] for code in codes}
        if not codes:
            return found
        x = exit_evidence.c
        query = (
            select(exit_evidence, contract.c.code)
            .join(contract, contract.c.id == x.contract_id)
            .where(contract.c.code.in_(list(codes)))
            .order_by(x.done_on, x.duty)
        )
        for row in self._connection.execute(query):
            found[row.code].append(
                ExitEvidence(
                    ExitDutyKind(row.duty), row.done_on, row.note, row.file_name, row.sha256,
                    None if row.size is None else int(row.size), row.recorded_at, row.recorded_by,
                )
            )  # fmt: skip
        return found

    def add_exit_evidence(self, contract_code: str, evidence: ExitEvidence) -> None:
        self._connection.execute(
            insert(exit_evidence).values(
                contract_id=_contract_id(self._connection, contract_code),
                duty=evidence.duty.value,
                done_on=evidence.done_on,
                note=evidence.note,
                file_name=evidence.file_name,
                sha256=evidence.sha256,
                size=evidence.size,
                recorded_at=evidence.recorded_at,
                recorded_by=evidence.recorded_by,
            )
        )


def _notice(row: Row[Any]) -> BreachNotice:
    return BreachNotice(
        id=int(row.id),
        by=Party(row.by_party),
        notified_on=row.notified_on,
        what=row.what,
        cure_by=row.cure_by,
        cured_on=row.cured_on,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
    )
