"""Users: the list, adding one, disabling, enabling and changing a role.

The add form preselects the least privilege (a brand's viewer), names roles in words, and
chooses a brand role's brand from a list of brand names; every error is said at its field and
what was typed stays (but the password). Each change says afterwards what was done.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from daiyun.domain.agency import Role, RoleMismatch
from daiyun.domain.passwords import WeakPassword
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.i18n import labeller, language_of, speaker
from daiyun.entrypoints.web.money_field import FieldError
from daiyun.entrypoints.web.rendering import done, render
from daiyun.entrypoints.web.user_texts import USER_TEXTS
from daiyun.services.accounts import user_admin
from daiyun.services.accounts.users import InvalidLogin
from daiyun.services.contracts import brand_views
from daiyun.services.errors import NotFound, Refused

__all__ = ["ROLES_BY_PRIVILEGE", "router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]

# Least privilege first: a new user gets the first one unless somebody chooses more.
ROLES_BY_PRIVILEGE = (
    Role.BRAND_VIEWER, Role.BRAND_FINANCE, Role.BRAND_ADMIN,
    Role.CUSTOMER_SERVICE, Role.STORE_OPERATIONS, Role.PROJECT_MANAGER, Role.FINANCE, Role.ADMIN,
)  # fmt: skip


def _users_page(
    request: Request,
    principal: Principal,
    uow: Uow,
    message: str | None,
    status_code: int = 200,
    *,
    errors: dict[str, FieldError] | None = None,
    form: dict[str, str] | None = None,
) -> HTMLResponse:
    acting = principal.user
    users = user_admin.list_users(uow, acting)
    roles = [r for r in ROLES_BY_PRIVILEGE if r.is_brand_role or not acting.role.is_brand_role]
    visible = brand_views.list_brands(uow, acting)
    context = {
        "users": users,
        "roles": roles,
        "brands": [] if acting.role.is_brand_role else visible,
        "brand_names": {b.code: b.name for b in visible},
        "message": message,
        "errors": errors or {},
        "form": form or {"role": roles[0].value},
    }
    return render(request, "users.html", principal, context, status_code=status_code)


@router.get("/admin/users", response_class=HTMLResponse)
def users(request: Request, principal: Signed, uow: Uow) -> HTMLResponse:
    return _users_page(request, principal, uow, None)


def _field_of(error: Exception) -> str | None:
    """The add form's field a refusal concerns, if one."""
    text = str(error)
    if isinstance(error, InvalidLogin) or text.startswith("a user with login"):
        return "login"
    if isinstance(error, WeakPassword) or "password" in text:
        return "password"
    if isinstance(error, RoleMismatch | NotFound):
        return "brand"
    return None


@router.post("/admin/users")
def user_add(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    login: Annotated[str, Form(max_length=60, pattern=NO_NUL)] = "",
    role: Annotated[Role, Form()] = Role.BRAND_VIEWER,
    password: Annotated[str, Form(max_length=1024, pattern=NO_NUL)] = "",
    brand: Annotated[str, Form(max_length=40, pattern=NO_NUL)] = "",
    display_name: Annotated[str, Form(max_length=100, pattern=NO_NUL)] = "",
) -> Response:
    acting = principal.user
    brand_code = acting.brand_code if acting.role.is_brand_role else (brand or None)
    if not role.is_brand_role:
        brand_code = None  # the brand list stays on the page for a brand role only
    form = {"login": login, "role": role.value, "brand": brand, "display_name": display_name}
    errors: dict[str, FieldError] = {}
    if not login.strip():
        errors["login"] = FieldError("login", *USER_TEXTS["users_error_login"])
    if not password:
        errors["password"] = FieldError("password", *USER_TEXTS["users_error_password"])
    if role.is_brand_role and brand_code is None:
        errors["brand"] = FieldError("brand", *USER_TEXTS["users_error_brand"])
    if errors:
        return _users_page(request, principal, uow, None, 422, errors=errors, form=form)
    try:
        user_admin.add_user_as(
            uow,
            acting,
            login=login.strip(),
            role=role,
            brand_code=brand_code,
            display_name=display_name or None,
            password=password,
            hash_password=daiyun_of(request).passwords.hash,
            at=now,
        )
    except (Refused, ValueError, NotFound) as error:
        field = _field_of(error)
        if isinstance(error, NotFound) and acting.role.is_brand_role:
            raise
        if field is None:
            return _users_page(request, principal, uow, str(error), 422, form=form)
        said = FieldError(field, speaker("zh")(error), str(error))
        return _users_page(request, principal, uow, None, 422, errors={field: said}, form=form)
    role_name = labeller(language_of(request))("role", role.value)
    return done("/admin/users", "user_added", login.strip(), role_name)


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
    if action == "role" and role is not None:
        return done(
            "/admin/users", "user_role", login, labeller(language_of(request))("role", role)
        )
    return done("/admin/users", f"user_{action}d", login)
