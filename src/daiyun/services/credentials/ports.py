"""The ports of store credentials and outages (issue 21): the vault that seals secrets, the
credentials with their reveal log, and the outages. bootstrap wires in
adapters/credential_vault.py and adapters/db/repositories/store_credentials.py and outages.py
(through SqlCredentialUnitOfWork)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from daiyun.domain.credentials import (
    CredentialReveal,
    NewCredential,
    Outage,
    OutageReport,
    StoreCredential,
)
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "CredentialUnitOfWork",
    "OutageRepository",
    "SecretVault",
    "StoreCredentialRepository",
]


class SecretVault(Protocol):
    """Seals and opens secrets with the configured keys; raises VaultLocked without one and
    SecretUnreadable when no key opens a sealed secret (domain/credentials)."""

    @property
    def locked(self) -> bool: ...
    def seal(self, secret: str) -> bytes: ...
    def open(self, sealed: bytes) -> str: ...
    def reseal(self, sealed: bytes) -> bytes:
        """The same secret sealed under the newest key."""
        ...


class StoreCredentialRepository(Protocol):
    """Credentials by id and brand, their sealed secrets, and every reveal."""

    def held(self, store_code: str, kind: str, login_name: str) -> StoreCredential | None:
        """The credential of this store, kind and login name the agency holds, if any."""
        ...

    def add(self, new: NewCredential, sealed: bytes, at: datetime, actor: str) -> int: ...
    def get(self, credential_id: int) -> StoreCredential | None: ...
    def of_brands(self, brand_codes: Iterable[str] | None) -> list[StoreCredential]: ...
    def sealed(self, credential_id: int) -> bytes | None: ...
    def log_reveal(self, credential_id: int, by: str, at: datetime, reason: str) -> None: ...
    def reveals(
        self, brand_codes: Iterable[str] | None, limit: int = 500
    ) -> list[CredentialReveal]:
        """The reveals of the brands' credentials, newest first."""
        ...

    def all_sealed(self) -> list[tuple[int, bytes]]:
        """Every secret still held, by credential id."""
        ...

    def reseal(self, credential_id: int, sealed: bytes) -> None: ...
    def hand_back(self, brand_code: str, on: date, by: str) -> list[int]:
        """Mark the brand's held credentials handed back on `on` and wipe their sealed
        secrets; the ids of those handed back."""
        ...


class OutageRepository(Protocol):
    """Service outages by brand."""

    def find(self, report: OutageReport) -> Outage | None: ...
    def add(
        self,
        report: OutageReport,
        notice_hours: int,
        noticed_at: datetime | None,
        at: datetime,
        actor: str,
    ) -> int: ...
    def of_brands(self, brand_codes: Iterable[str] | None, limit: int = 500) -> list[Outage]:
        """The brands' outages, newest start first."""
        ...


class CredentialUnitOfWork(UnitOfWork, Protocol):
    """The unit of work with store credentials and outages."""

    @property
    def store_credentials(self) -> StoreCredentialRepository: ...
    @property
    def outages(self) -> OutageRepository: ...
