"""Use case: add a user, agency staff or a brand's own people."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime

from daiyun.domain.agency import AuditEntry, Role, User, check_role_fits_brand
from daiyun.domain.passwords import check_password
from daiyun.services.errors import NotFound, Refused
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["InvalidLogin", "add_user", "user_added"]

_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,59}$")


class InvalidLogin(ValueError):
    """A login that is not 2–60 lowercase letters, digits, '.', '_', '@' or '-'."""


def add_user(
    uow: UnitOfWork,
    *,
    login: str,
    role: Role,
    brand_code: str | None,
    display_name: str | None,
    password: str | None,
    hash_password: Callable[[str], str],
    at: datetime,
    actor: str,
) -> User:
    """Add a user; R-D2: a brand role belongs to exactly one brand, an agency role to none."""
    if not _LOGIN.match(login):
        raise InvalidLogin(
            f"login {login!r}: use 2–60 lowercase letters, digits, '.', '_', '@' or '-'"
        )
    check_role_fits_brand(role, brand_code)
    if password is not None:
        # Bad input like a malformed login (exit 2, HTTP 422): the caller chooses another.
        check_password(password, login=login, related=(display_name, brand_code))
    user = User(login, display_name or login, role, brand_code)
    with uow:
        if brand_code is not None and uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        if uow.users.get(login) is not None:
            raise Refused(f"a user with login {login!r} exists already")
        password_hash = None if password is None else hash_password(password)
        uow.users.add(user, password_hash, at)
        uow.audit.record(user_added(user, at=at, actor=actor))
        uow.commit()
    return user


def user_added(user: User, *, at: datetime, actor: str) -> AuditEntry:
    """R-D3: a role given is a role change, recorded."""
    return AuditEntry(
        at=at,
        actor=actor,
        action="user.add",
        entity="user",
        entity_key=user.login,
        brand_code=user.brand_code,
        after=json.dumps({"role": user.role.value, "brand": user.brand_code}),
    )
