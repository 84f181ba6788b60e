"""Repositories: translate between tables and domain objects, by natural keys."""

from daiyun.adapters.db.repositories.audit import SqlAuditLog
from daiyun.adapters.db.repositories.brands import SqlBrandRepository
from daiyun.adapters.db.repositories.catalog import SqlCatalogRepository
from daiyun.adapters.db.repositories.contracts import SqlContractRepository
from daiyun.adapters.db.repositories.orders import SqlOrderRepository
from daiyun.adapters.db.repositories.statements import SqlStatementRepository
from daiyun.adapters.db.repositories.stores import SqlStoreRepository
from daiyun.adapters.db.repositories.users import SqlUserRepository

__all__ = [
    "SqlAuditLog",
    "SqlBrandRepository",
    "SqlCatalogRepository",
    "SqlContractRepository",
    "SqlOrderRepository",
    "SqlStatementRepository",
    "SqlStoreRepository",
    "SqlUserRepository",
]
