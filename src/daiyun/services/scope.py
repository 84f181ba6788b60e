"""R-D2 in the service layer: which brands a user may read, and one check per object."""

from __future__ import annotations

from daiyun.domain.agency import User
from daiyun.domain.permissions import Permission, require
from daiyun.services.errors import NotFound

__all__ = ["require_on_brand", "visible_brands"]


def visible_brands(user: User, permission: Permission) -> tuple[str, ...] | None:
    """The brands `user` may use `permission` on: None for all (agency staff), else their own."""
    if user.role.is_brand_role and user.brand_code is not None:
        require(user, permission, user.brand_code)
        return (user.brand_code,)
    require(user, permission, None)
    return None


def require_on_brand(user: User, permission: Permission, brand_code: str, *, missing: str) -> None:
    """Allow `permission` on an object of `brand_code`, or refuse.

    R-D2: to a brand user another brand's object does not exist — NotFound with the very
    message an unknown code gets (`missing`), so that not even its existence leaks.
    """
    if user.role.is_brand_role and brand_code != user.brand_code:
        raise NotFound(missing)
    require(user, permission, brand_code)
