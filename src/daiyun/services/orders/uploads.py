"""Who may import order files into a store, and follow an import running in the background."""

from __future__ import annotations

from daiyun.domain.agency import Store, User
from daiyun.domain.permissions import Permission
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["check_may_follow", "check_may_import"]


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
