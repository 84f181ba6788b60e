"""Who may import order files into a store, and follow an import running in the background;
and the imports that stored nothing, kept for the history of imports with what went wrong.

An import that fails, or finds problems and so stores nothing, writes no imported file: its
record is an entry of the audit log (R-D3: who tried what, when, and why it was refused), which
nothing can edit and a restart does not forget.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from daiyun.domain.agency import AuditEntry, Store, User
from daiyun.domain.permissions import Permission
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "FAILED_IMPORT",
    "FailedImport",
    "check_may_follow",
    "check_may_import",
    "failed_import",
    "failed_imports",
    "record_failed_import",
]

FAILED_IMPORT = "order_import.fail"  # the audit log's action
_ENTITY = "order_import"


def check_may_import(uow: UnitOfWork, acting: User, store_code: str) -> Store:
    """The store, once `acting` may import its orders (R-D2); refused otherwise."""
    missing = f"no store with code {store_code!r}"
    with uow:
        store = uow.stores.get(store_code)
    if store is None:
        raise NotFound(missing)
    require_on_brand(acting, Permission.IMPORT_ORDERS, store.brand_code, missing=missing)
    return store


def check_may_follow(acting: User, brand_code: str, job_id: str) -> None:
    """Allow reading an import's progress to those who may see the store's orders (R-D2)."""
    missing = f"no import {job_id!r}"
    require_on_brand(acting, Permission.VIEW_ORDERS, brand_code, missing=missing)


@dataclass(frozen=True)
class FailedImport:
    """An import that stored nothing: its job, store, files, who, when, and what went wrong.

    `state` is the job's: "finished" when problems in the files refused it (`summary` lists
    them), "failed" when it broke off (`error` says why)."""

    job_id: str
    store_code: str
    brand_code: str
    files: tuple[str, ...]
    at: datetime
    actor: str
    state: str
    error: str | None
    summary: dict[str, Any] | None

    @property
    def error_count(self) -> int:
        """How many problems the files had (1 for an import that broke off)."""
        if self.summary is None:
            return 1
        return int(self.summary.get("error_count", 0)) or 1


def record_failed_import(uow: UnitOfWork, failed: FailedImport) -> None:
    """Keep an import that stored nothing, with its problems (as few as its job kept)."""
    after = {
        "store": failed.store_code,
        "files": list(failed.files),
        "state": failed.state,
        "error": failed.error,
        "summary": failed.summary,
    }
    entry = AuditEntry(
        at=failed.at,
        actor=failed.actor,
        action=FAILED_IMPORT,
        entity=_ENTITY,
        entity_key=failed.job_id,
        brand_code=failed.brand_code,
        after=json.dumps(after, ensure_ascii=False),
    )
    with uow:
        uow.audit.record(entry)
        uow.commit()


def failed_imports(
    uow: UnitOfWork, acting: User, store_code: str | None = None, limit: int = 200
) -> list[FailedImport]:
    """The latest imports that stored nothing, newest first, in the stores `acting` may see."""
    brands = visible_brands(acting, Permission.VIEW_ORDERS)
    brand = None if brands is None else brands[0]
    with uow:
        entries = uow.audit.search(entity=_ENTITY, brand_code=brand, limit=limit)
    found = [_failed(entry) for entry in entries if entry.action == FAILED_IMPORT]
    return [each for each in found if store_code is None or each.store_code == store_code]


def failed_import(uow: UnitOfWork, acting: User, job_id: str) -> FailedImport:
    """One import that stored nothing, by its job's id, to those who may see its store's orders."""
    with uow:
        entries = uow.audit.search(entity=_ENTITY, entity_key=job_id, limit=1)
    if not entries or entries[0].brand_code is None:
        raise NotFound(f"no import {job_id!r}")
    check_may_follow(acting, entries[0].brand_code, job_id)
    return _failed(entries[0])


def _failed(entry: AuditEntry) -> FailedImport:
    after = json.loads(entry.after or "{}")
    return FailedImport(
        job_id=entry.entity_key,
        store_code=str(after.get("store", "")),
        brand_code=entry.brand_code or "",
        files=tuple(str(name) for name in after.get("files", ())),
        at=entry.at,
        actor=entry.actor,
        state=str(after.get("state", "failed")),
        error=after.get("error"),
        summary=after.get("summary"),
    )
