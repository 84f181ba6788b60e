"""Users: the list, adding one, disabling, enabling and changing a role."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from daiyun.domain.agency import Role
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.rendering import render
from daiyun.services.accounts import user_admin
from daiyun.services.errors import Refused

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]


def _users_page(
    request: Request, principal: Principal, uow: Uow, message: str | None, status_code: int = 200
) -> HTMLResponse:
    users = user_admin.list_users(uow, principal.user)
    roles = (
        [r for r in Role if r.is_brand_role] if principal.user.role.is_brand_role else list(Role)
    )
    context = {"users": users, "roles": roles, "message": message}
    return render(request, "users.html", principal, context, status_code=status_code)


@router.get("/admin/users", response_class=HTMLResponse)
def users(request: Request, principal: Signed, uow: Uow) -> HTMLResponse:
    return _users_page(request, principal, uow, None)


@router.post("/admin/users")
def user_add(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    login: Annotated[str, Form(max_length=60, pattern=NO_NUL)],
    role: Annotated[Role, Form()],
    password: Annotated[str, Form(max_length=1024, pattern=NO_NUL)],
    brand: Annotated[str, Form(max_length=40, pattern=NO_NUL)] = "",
    display_name: Annotated[str, Form(max_length=100, pattern=NO_NUL)] = "",
) -> Response:
    acting = principal.user
    brand_code = acting.brand_code if acting.role.is_brand_role else (brand or None)
    try:
        user_admin.add_user_as(
            uow,
            acting,
            login=login,
            role=role,
            brand_code=brand_code,
            display_name=display_name or None,
            password=password,
            hash_password=daiyun_of(request).passwords.hash,
            at=now,
        )
    except (Refused, ValueError) as error:
        return _users_page(request, principal, uow, str(error), status_code=422)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{login}/{action}")
def user_change(
    request: Request,
    login: str,
    action: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    role: Annotated[Role | None, Form()] = None,
) -> Response:
    acting = principal.user
    try:
        if action in ("disable", "enable"):
            user_admin.set_user_active(
                uow, acting, login=login, is_active=action == "enable", at=now
            )
        elif action == "role" and role is not None:
            user_admin.change_role(uow, acting, login=login, role=role, at=now)
        else:
            return _users_page(request, principal, uow, f"unknown action {action!r}", 404)
    except (Refused, ValueError) as error:
        return _users_page(request, principal, uow, str(error), status_code=409)
    return RedirectResponse("/admin/users", status_code=303)
