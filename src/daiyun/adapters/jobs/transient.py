"""Which failures are transient — worth another attempt after a pause — and which are not.

Transient: the database out of reach or busy (a lost connection, a lock not had in time, a
deadlock or serialization failure, no free pooled connection). Everything else — bad input, a
rule's refusal, a bug — fails the same way again, so it ends the job at once.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from daiyun.adapters.db.engine import DatabaseBusy

__all__ = ["is_transient"]

_DEPTH = 5  # causes followed (an error raised while handling another names it)


def is_transient(error: BaseException) -> bool:
    """True when `error`, or what caused it, is the database being out of reach or busy."""
    seen: BaseException | None = error
    for _ in range(_DEPTH):
        if seen is None:
            return False
        if isinstance(seen, DatabaseBusy | PoolTimeout | OperationalError):
            return True
        if isinstance(seen, DBAPIError) and seen.connection_invalidated:
            return True
        seen = seen.__cause__
    return False
