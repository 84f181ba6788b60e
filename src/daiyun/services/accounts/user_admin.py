"""Use cases of the users page: list, add, disable, enable, change a role; disable a brand.

Agency admins manage everybody, a brand admin their own brand's people (R-D2). Every role
given or changed and every account disabled or enabled is an audit record (R-D3); disabling
ends the account's sessions at once and revokes its API tokens, each token an audit record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from daiyun.domain.agency import AuditEntry, Role, User, check_role_fits_brand
from daiyun.domain.permissions import Permission, require
from daiyun.services.accounts.users import add_user
from daiyun.services.errors import NotFound, Refused
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "add_user_as",
    "change_role",
    "disable_brand",
    "list_users",
    "set_user_active",
]


def list_users(uow: UnitOfWork, acting: User) -> list[User]:
    """Everybody (agency admin) or the brand's own people (brand admin), by login."""
    brands = visible_brands(acting, Permission.MANAGE_USERS)
    with uow:
        users = uow.users.list_all()
    return [user for user in users if brands is None or user.brand_code in brands]


def add_user_as(
    uow: UnitOfWork,
    acting: User,
    *,
    login: str,
    role: Role,
    brand_code: str | None,
    display_name: str | None,
    password: str,
    hash_password: Callable[[str], str],
    at: datetime,
) -> User:
    """Add a user on the users page: a brand admin only to their own brand, with a brand role."""
    check_role_fits_brand(role, brand_code)
    if brand_code is None:
        require(acting, Permission.MANAGE_USERS, None)
    else:
        require_on_brand(
            acting,
            Permission.MANAGE_USERS,
            brand_code,
            missing=f"no brand with code {brand_code!r}",
        )
    return add_user(
        uow,
        login=login,
        role=role,
        brand_code=brand_code,
        display_name=display_name,
        password=password,
        hash_password=hash_password,
        at=at,
        actor=acting.login,
    )


def _managed(uow: UnitOfWork, acting: User, login: str) -> User:
    user = uow.users.get(login)
    missing = f"no user with login {login!r}"
    if user is None:
        raise NotFound(missing)
    if user.brand_code is None:
        if acting.role.is_brand_role:
            raise NotFound(missing)  # R-D2: agency staff are not a brand user's business
        require(acting, Permission.MANAGE_USERS, None)
    else:
        require_on_brand(acting, Permission.MANAGE_USERS, user.brand_code, missing=missing)
    return user


def set_user_active(
    uow: UnitOfWork, acting: User, *, login: str, is_active: bool, at: datetime
) -> User:
    """Disable (ending every session) or enable an account; refused on oneself."""
    with uow:
        user = _managed(uow, acting, login)
        if user.login == acting.login:
            raise Refused("you cannot disable or enable your own account")
        if user.is_active == is_active:
            raise Refused(f"user {login} is {'enabled' if is_active else 'disabled'} already")
        uow.users.set_active(login, is_active)
        if not is_active:
            uow.credentials.end_sessions_of(login)
            _revoke_tokens(uow, user, actor=acting.login, at=at, why=f"user {login} disabled")
        uow.audit.record(
            AuditEntry(
                at=at,
                actor=acting.login,
                action="user.enable" if is_active else "user.disable",
                entity="user",
                entity_key=login,
                brand_code=user.brand_code,
                before=json.dumps({"is_active": user.is_active}),
                after=json.dumps({"is_active": is_active}),
            )
        )
        uow.commit()
    return User(user.login, user.display_name, user.role, user.brand_code, is_active)


def _revoke_tokens(uow: UnitOfWork, user: User, *, actor: str, at: datetime, why: str) -> None:
    """Delete every API token of `user`, each an audit record: enabling the account again
    must not bring old tokens back (a token leaked while it was disabled stays dead)."""
    for token in uow.credentials.tokens_of(user.login):
        uow.credentials.revoke_token(user.login, token.prefix)
        uow.audit.record(
            AuditEntry(
                at=at,
                actor=actor,
                action="token.revoke",
                entity="user",
                entity_key=user.login,
                brand_code=user.brand_code,
                before=json.dumps({"token": token.prefix, "name": token.name}),
                reason=why,
            )
        )


def change_role(uow: UnitOfWork, acting: User, *, login: str, role: Role, at: datetime) -> User:
    """Give a user another role within where they belong (agency or their brand)."""
    with uow:
        user = _managed(uow, acting, login)
        check_role_fits_brand(role, user.brand_code)
        if user.login == acting.login:
            raise Refused("you cannot change your own role")
        if user.role == role:
            raise Refused(f"user {login} has the role {role.value} already")
        uow.users.set_role(login, role)
        uow.audit.record(
            AuditEntry(
                at=at,
                actor=acting.login,
                action="user.role",
                entity="user",
                entity_key=login,
                brand_code=user.brand_code,
                before=json.dumps({"role": user.role.value}),
                after=json.dumps({"role": role.value}),
            )
        )
        uow.commit()
    return User(user.login, user.display_name, role, user.brand_code, user.is_active)


def disable_brand(uow: UnitOfWork, acting: User, *, code: str, at: datetime) -> int:
    """Lock a brand's people out (contract ended): every session of theirs ends (how many
    is returned) and every API token of theirs is revoked."""
    require(acting, Permission.MANAGE_CONTRACTS, None)
    with uow:
        brand = uow.brands.get(code)
        if brand is None:
            raise NotFound(f"no brand with code {code!r}")
        if not brand.is_active:
            raise Refused(f"brand {code} is disabled already")
        uow.brands.set_active(code, False)
        ended = uow.credentials.end_sessions_of_brand(code)
        for user in uow.users.list_all():
            if user.brand_code == code:
                _revoke_tokens(uow, user, actor=acting.login, at=at, why=f"brand {code} disabled")
        uow.audit.record(
            AuditEntry(
                at=at,
                actor=acting.login,
                action="brand.disable",
                entity="brand",
                entity_key=code,
                brand_code=code,
                before=json.dumps({"is_active": True}),
                after=json.dumps({"is_active": False}),
            )
        )
        uow.commit()
    return ended
