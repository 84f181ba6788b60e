"""The ports of the contract's life (issue 21, R-C5, R-C6): its objections, end, breach notices
and exit evidence, and where evidence files are kept. bootstrap wires in
adapters/db/repositories/lifecycle.py (through SqlLifecycleUnitOfWork) and
adapters/attachment_files.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from daiyun.domain.contracts import Party
from daiyun.domain.contracts.lifecycle import ContractEnd, ContractLife, Objection
from daiyun.domain.contracts.termination import BreachNotice, ExitEvidence
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork

__all__ = ["EvidenceFiles", "LifecycleRepository", "LifecycleUnitOfWork"]


class EvidenceFiles(Protocol):
    """Keeps a file by its content; answers its SHA-256 (as mis-shipments' attachments)."""

    def keep(self, content: bytes) -> str: ...


class LifecycleRepository(Protocol):
    """A contract's life as kept, each record written once."""

    def lives(self, codes: Sequence[str]) -> dict[str, ContractLife]: ...
    def lock(self, contract_code: str) -> None:
        """Hold the contract to the end of the unit of work (its life's records are judged and
        written one use case after the other)."""
        ...

    def add_objection(self, contract_code: str, objection: Objection) -> None: ...
    def add_end(self, contract_code: str, end: ContractEnd) -> None: ...
    def breach_notices(self, codes: Sequence[str]) -> dict[str, list[BreachNotice]]: ...
    def notice(self, notice_id: int) -> tuple[str, BreachNotice] | None: ...
    def find_notice(
        self, contract_code: str, by: Party, notified_on: date, what: str
    ) -> BreachNotice | None: ...
    def add_notice(
        self,
        contract_code: str,
        by: Party,
        notified_on: date,
        what: str,
        cure_by: date,
        at: datetime,
        actor: str,
    ) -> int: ...
    def add_cure(self, notice_id: int, cured_on: date, at: datetime, actor: str) -> None: ...
    def exit_evidence(self, codes: Sequence[str]) -> dict[str, list[ExitEvidence]]: ...
    def add_exit_evidence(self, contract_code: str, evidence: ExitEvidence) -> None: ...


class LifecycleUnitOfWork(FeeBillUnitOfWork, Protocol):
    """The fee bills' unit of work (model B's fees and model A's statements give termination
    rights) with the contract's life."""

    @property
    def lifecycle(self) -> LifecycleRepository: ...
