"""Store credentials and outages on the web (issue 21, R-B7, R-B8).

/brands/{code}/credentials serves the agency and the brand's portal alike: everyone who may see
the brand sees its credentials (never a secret) and their reveal log; the agency's store
operators and admins also record one and reveal a secret with a reason — the reveal's answer
is the one page that shows it, never cached, and the reveal is logged before it is shown.
/outages lists the outages the reader may see, the brand's noticed ones first as notices, and
lets those who may record one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.credentials import CredentialKind, NewCredential, OutageReport
from daiyun.domain.permissions import Permission, can
from daiyun.entrypoints.api.auth import Now, Principal, current_principal, daiyun_of
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.credential_texts import CREDENTIAL_TEXTS
from daiyun.entrypoints.web.i18n import language_of
from daiyun.entrypoints.web.rendering import done, render
from daiyun.services.credentials.outages import BadOutage, list_outages, record_outage
from daiyun.services.credentials.ports import CredentialUnitOfWork
from daiyun.services.credentials.store_credentials import (
    BadCredential,
    RevealedSecret,
    add_credential,
    credentials_of_brand,
    reveal_credential,
)
from daiyun.services.errors import Refused, RoleRefused

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
Short = Annotated[str, Form(max_length=200, pattern=NO_NUL)]
Text = Annotated[str, Form(max_length=2000, pattern=NO_NUL)]
_KINDS = tuple(kind.value for kind in CredentialKind)


def _uow(request: Request) -> CredentialUnitOfWork:
    reading = request.method in {"GET", "HEAD"}
    return daiyun_of(request).credential_unit_of_work(read_only=reading)


def _path(brand: str) -> str:
    return f"/brands/{quote(brand, safe='')}/credentials"


def _credentials_page(
    request: Request,
    principal: Principal,
    brand: str,
    *,
    message: str | None = None,
    typed: dict[str, str] | None = None,
    revealed: RevealedSecret | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    view = credentials_of_brand(
        daiyun_of(request).credential_unit_of_work(read_only=True), user=principal.user,
        brand_code=brand,
    )  # fmt: skip
    stores = sorted({each.store for each in view.credentials})
    context: dict[str, Any] = {
        "view": view,
        "base": _path(brand),
        "kinds": _KINDS,
        "message": message,
        "typed": typed or {},
        "revealed": revealed,
        "stores": stores,
    }
    response = render(request, "credentials.html", principal, context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/brands/{code}/credentials", response_class=HTMLResponse)
def credentials_page(request: Request, code: str, principal: Signed) -> HTMLResponse:
    return _credentials_page(request, principal, code)


@router.post("/brands/{code}/credentials")
def add_form(
    request: Request,
    code: str,
    principal: Signed,
    now: Now,
    store: Short,
    kind: Short,
    login_name: Short,
    secret: Text,
    note: Text = "",
) -> Response:
    """R-B7: record a credential; the secret goes to the vault, never back to the page."""
    typed = {"store": store, "kind": kind, "login_name": login_name, "note": note}
    if kind not in _KINDS:
        return _credentials_page(
            request, principal, code, message=f"a credential's kind is one of {', '.join(_KINDS)}",
            typed=typed, status_code=422,
        )  # fmt: skip
    new = NewCredential(store, CredentialKind(kind), login_name, secret, note)
    try:
        kept = add_credential(
            _uow(request), daiyun_of(request).credential_vault, user=principal.user, new=new,
            at=now,
        )  # fmt: skip
    except RoleRefused:
        raise
    except BadCredential as error:
        return _credentials_page(request, principal, code, message=str(error), typed=typed,
                                 status_code=422)  # fmt: skip
    except Refused as error:
        return _credentials_page(request, principal, code, message=str(error), typed=typed,
                                 status_code=409)  # fmt: skip
    return done(_path(code), "cred_added", kept.store, kept.login_name)


@router.get("/brands/{code}/credentials/{credential_id}/reveal")
def reveal_address(request: Request, code: str, credential_id: int, principal: Signed) -> Response:
    """The reveal form's address opened (a reload, a bookmark): the list, nothing revealed —
    for those who may see the brand (R-D2: to others it does not exist)."""
    credentials_of_brand(
        daiyun_of(request).credential_unit_of_work(read_only=True), user=principal.user,
        brand_code=code,
    )  # fmt: skip
    return RedirectResponse(_path(code), status_code=303)


@router.post("/brands/{code}/credentials/{credential_id}/reveal", response_class=HTMLResponse)
def reveal_form(
    request: Request,
    code: str,
    credential_id: int,
    principal: Signed,
    now: Now,
    reason: Text = "",
) -> HTMLResponse:
    """R-B7: the secret once, to an allowed member of the agency with a reason; logged first.
    A brand's people and other roles: 403, nothing logged."""
    try:
        shown = reveal_credential(
            _uow(request), daiyun_of(request).credential_vault, user=principal.user,
            credential_id=credential_id, reason=reason, at=now,
        )  # fmt: skip
    except RoleRefused:
        raise
    except BadCredential as error:
        return _credentials_page(request, principal, code, message=str(error), status_code=422)
    except Refused as error:
        return _credentials_page(request, principal, code, message=str(error), status_code=409)
    if shown.credential.brand != code:  # the id is another brand's: its own page's address
        return _credentials_page(request, principal, shown.credential.brand, revealed=shown)
    return _credentials_page(request, principal, code, revealed=shown)


# — Outages (R-B8) —


def _outages_page(
    request: Request,
    principal: Principal,
    *,
    message: str | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    user = principal.user
    outages = list_outages(daiyun_of(request).credential_unit_of_work(read_only=True), user=user)
    may_record = can(user, Permission.RECORD_OUTAGES, None)
    brands: list[str] = []
    if may_record:
        brands = sorted({each.brand_code for each in _stores_of(request)})
    context: dict[str, Any] = {
        "outages": outages,
        "notices": [each for each in outages if each.noticed_at is not None],
        "may_record": may_record,
        "brands": brands,
        "message": message,
        "typed": typed or {},
    }
    return render(request, "outages.html", principal, context, status_code=status_code)


def _stores_of(request: Request) -> list[Any]:
    with daiyun_of(request).read_unit_of_work() as uow:
        return uow.stores.list_all()


@router.get("/outages", response_class=HTMLResponse)
def outages_page(request: Request, principal: Signed) -> HTMLResponse:
    return _outages_page(request, principal)


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


@router.post("/outages")
def record_form(
    request: Request,
    principal: Signed,
    now: Now,
    brand: Short,
    started: Short,
    ended: Short,
    what: Text,
) -> Response:
    typed = {"brand": brand, "started": started, "ended": ended, "what": what}
    start, end = _moment(started), _moment(ended)
    if start is None or end is None:
        english = language_of(request) == "en"
        field, value = ("from", started) if start is None else ("to", ended)
        name = CREDENTIAL_TEXTS[f"outage_{field}"][1 if english else 0]
        words = CREDENTIAL_TEXTS["outage_bad_time"][1 if english else 0]
        return _outages_page(request, principal, message=words.format(name, value),
                             typed=typed, status_code=422)  # fmt: skip
    try:
        answer = record_outage(
            _uow(request), user=principal.user, report=OutageReport(brand, start, end, what),
            at=now,
        )  # fmt: skip
    except BadOutage as error:
        return _outages_page(request, principal, message=str(error), typed=typed,
                             status_code=422)  # fmt: skip
    outage = answer.outage
    key = "outage_noticed" if outage.noticed_at is not None else "outage_recorded"
    return done("/outages", key, outage.minutes)
