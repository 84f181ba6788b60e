"""Who acts on a brand's credentials and outages (R-D2, R-B7): the acting user allowed the
permission on the brand, or a refusal — NotFound to another brand's people (as if the brand
did not exist), RoleRefused (exit 1, 403) to a role that may not."""

from __future__ import annotations

from daiyun.domain.agency import User
from daiyun.domain.permissions import AccessRefused, Permission
from daiyun.services.errors import NotFound, RoleRefused
from daiyun.services.scope import require_on_brand
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["acting_user", "allow_on_brand"]


def acting_user(uow: UnitOfWork, user: User | str) -> User:
    """The user acting: given, or named by login (`--by` on the command line)."""
    if isinstance(user, User):
        return user
    found = uow.users.get(user)
    if found is None:
        raise NotFound(f"no user with login {user!r}")
    return found


def allow_on_brand(user: User, permission: Permission, brand_code: str) -> None:
    """Allow `permission` on the brand, or refuse (NotFound, RoleRefused)."""
    try:
        require_on_brand(user, permission, brand_code, missing=f"no brand with code {brand_code!r}")
    except AccessRefused as refused:
        raise RoleRefused(str(refused)) from refused
