"""/api/me, /api/users, /api/tokens: who you are, the people you manage, tokens for scripts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from daiyun.entrypoints.api.auth import Acting, App, Now, Uow
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.schemas import (
    RoleChange,
    TokenCreate,
    TokenCreated,
    TokenPublic,
    UserCreate,
    UserPublic,
)
from daiyun.services.accounts import user_admin
from daiyun.services.accounts.logins import create_token, list_tokens, revoke_token

__all__ = ["router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["users"])

Login = Annotated[str | None, Query(max_length=60, description="whose (default: your own)")]


@router.get("/me", response_model=UserPublic)
def me(acting: Acting) -> UserPublic:
    """The user you are logged in as."""
    return UserPublic.of(acting)


@router.get("/users", response_model=list[UserPublic])
def users(uow: Uow, acting: Acting) -> list[UserPublic]:
    """The users you manage: everybody (agency admin) or your brand's people (brand admin)."""
    return [UserPublic.of(user) for user in user_admin.list_users(uow, acting)]


@router.post("/users", response_model=UserPublic, status_code=201)
def user_add(body: UserCreate, uow: Uow, acting: Acting, now: Now, application: App) -> UserPublic:
    """Add a user (R-D3: recorded in the audit log)."""
    added = user_admin.add_user_as(
        uow,
        acting,
        login=body.login,
        role=body.role,
        brand_code=body.brand,
        display_name=body.display_name,
        password=body.password,
        hash_password=application.passwords.hash,
        at=now,
    )
    return UserPublic.of(added)


@router.post("/users/{login}/disable", response_model=UserPublic)
def user_disable(login: str, uow: Uow, acting: Acting, now: Now) -> UserPublic:
    """Disable an account; its sessions end at once."""
    return UserPublic.of(
        user_admin.set_user_active(uow, acting, login=login, is_active=False, at=now)
    )


@router.post("/users/{login}/enable", response_model=UserPublic)
def user_enable(login: str, uow: Uow, acting: Acting, now: Now) -> UserPublic:
    """Enable a disabled account again."""
    return UserPublic.of(
        user_admin.set_user_active(uow, acting, login=login, is_active=True, at=now)
    )


@router.put("/users/{login}/role", response_model=UserPublic)
def user_role(login: str, body: RoleChange, uow: Uow, acting: Acting, now: Now) -> UserPublic:
    """Change a user's role (R-D3: recorded with before and after)."""
    return UserPublic.of(user_admin.change_role(uow, acting, login=login, role=body.role, at=now))


@router.get("/tokens", response_model=list[TokenPublic])
def tokens(uow: Uow, acting: Acting, login: Login = None) -> list[TokenPublic]:
    """API tokens (their prefixes and names; never the tokens)."""
    found = list_tokens(uow, acting, login=login or acting.login)
    return [TokenPublic.of(token) for token in found]


@router.post("/tokens", response_model=TokenCreated, status_code=201)
def token_create(body: TokenCreate, uow: Uow, acting: Acting, now: Now) -> TokenCreated:
    """A new API token, shown in this answer only."""
    token, stored = create_token(
        uow, acting, login=body.login or acting.login, name=body.name, now=now
    )
    return TokenCreated(**TokenPublic.of(stored).model_dump(), token=token)


@router.delete("/tokens/{prefix}", status_code=204)
def token_revoke(prefix: str, uow: Uow, acting: Acting, login: Login = None) -> None:
    """Revoke a token by its prefix."""
    revoke_token(uow, acting, login=login or acting.login, prefix=prefix)
