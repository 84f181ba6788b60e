"""Orders as platforms export them, and how a newer snapshot moves a stored order forward."""

from daiyun.domain.orders.records import (
    ImportedFile,
    ImportProblem,
    OrderLineRecord,
    OrderRecord,
    OrderStatus,
    SourceRow,
)

__all__ = [
    "ImportProblem",
    "ImportedFile",
    "OrderLineRecord",
    "OrderRecord",
    "OrderStatus",
    "SourceRow",
]
