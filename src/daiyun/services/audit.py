"""R-D3: check the audit log's hash chain from its first record to its last."""

from __future__ import annotations

from daiyun.domain.audit_chain import ChainVerdict, verify_chain
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["verify_audit_log"]


def verify_audit_log(uow: UnitOfWork) -> ChainVerdict:
    """Walk the chain in the order the records were written; the first broken link, if any.

    Reads only; on SQLite the unit of work's write lock keeps the log still while it is read,
    on PostgreSQL the one query reads one snapshot."""
    with uow:
        return verify_chain(uow.audit.chain())
