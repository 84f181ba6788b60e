"""The contract page (issue 21): the contract's terms, and its life — the term and its
renewals, the next renewal-notice deadline, the objections, the termination rights that have
arisen, the breach notices, its end and exit duties, and the duty of confidentiality (R-C5,
R-C6, R-C8) — with the forms that record them: a written objection (finance and admins for
either party, a brand's admin for the brand), the end, a breach notice and its cure, and an
exit duty's evidence (finance and admins). Each form is a thin call of
services/contracts/lifecycle.py; on success a done() redirect back to the page; refused, the
error page says why in the reader's language (409), a form's wrong field 422.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from daiyun.domain.calendar import business_date
from daiyun.domain.contracts import Party
from daiyun.domain.contracts.lifecycle import EndCause
from daiyun.domain.contracts.termination import ExitDutyKind
from daiyun.domain.permissions import Permission, can
from daiyun.entrypoints.api.auth import Now, Principal, current_principal, daiyun_of
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.i18n import language_of, translator
from daiyun.entrypoints.web.rendering import done, error_page, render
from daiyun.services.contracts import brand_views
from daiyun.services.contracts.lifecycle import (
    MAX_EVIDENCE_BYTES,
    BadLifeRecord,
    close_exit_duty,
    end_contract,
    object_to_renewal,
    record_breach_notice,
    record_cure,
)
from daiyun.services.contracts.lifecycle_ports import LifecycleUnitOfWork
from daiyun.services.contracts.lifecycle_view import contract_life
from daiyun.services.errors import NotFound

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
Text = Annotated[str, Form(max_length=2000, pattern=NO_NUL)]
Short = Annotated[str, Form(max_length=40, pattern=NO_NUL)]


def _uow(request: Request) -> LifecycleUnitOfWork:
    """A fresh lifecycle unit of work: read-only for GET and HEAD (issue 22)."""
    reading = request.method in {"GET", "HEAD"}
    return daiyun_of(request).lifecycle_unit_of_work(read_only=reading)


Life = Annotated[LifecycleUnitOfWork, Depends(_uow)]


def _path(code: str) -> str:
    return f"/contracts/{code}"


class _BadForm(ValueError):
    """A field that is not what the form asks for: the text's key and what was typed."""

    def __init__(self, key: str, field: str, typed: str) -> None:
        super().__init__(key)
        self.key, self.field, self.typed = key, field, typed


def _day(text: str, field: str) -> date:
    typed = text.strip()
    try:
        return date.fromisoformat(typed)
    except ValueError:
        raise _BadForm("lc_bad_day", field, typed) from None


_C = TypeVar("_C", Party, EndCause, ExitDutyKind)


def _choice(kind: type[_C], text: str, field: str) -> _C:
    try:
        return kind(text)
    except ValueError:
        raise _BadForm("lc_bad_choice", field, text) from None


def _bad(request: Request, error: Exception) -> Response:
    """The error page (422): a form's wrong field in the reader's words, or the services'
    message about the record (in its Chinese, refusal_texts.py)."""
    if isinstance(error, _BadForm):
        t = translator(language_of(request))
        return error_page(request, 422, t(error.key, t(f"lc_field_{error.field}"), error.typed))
    return error_page(request, 422, str(error))


@router.get("/contracts/{code}", response_class=HTMLResponse)
def contract_page(
    request: Request, code: str, principal: Signed, uow: Life, now: Now
) -> HTMLResponse:
    user = principal.user
    today = business_date(now)
    view = contract_life(uow, user, contract_code=code, as_of=today)
    contract = view.contract
    brand = brand_views.get_brand(daiyun_of(request).read_unit_of_work(), user, contract.brand_code)
    context = {
        "view": view,
        "contract": contract,
        "brand_name": brand.brand.name,
        "today": today.isoformat(),
        "may_object": can(user, Permission.OBJECT_TO_RENEWAL, contract.brand_code),
        "may_record": can(user, Permission.RECORD_CONTRACT_LIFE, contract.brand_code),
        "brand_user": user.role.is_brand_role,
        "causes": [cause.value for cause in EndCause],
        "duties": [duty.kind.value for duty in view.exit_duties if duty.evidence is None],
    }
    return render(request, "contract.html", principal, context)


_FORMS = ("objection", "end", "breach-notices", "exit")


@router.get("/contracts/{code}/{form}")
def form_address(request: Request, code: str, form: str, principal: Signed) -> Response:
    """A form's address opened (a reload after a refusal): the contract's page, for those who
    may see it (R-D2: another brand's contract is not found)."""
    if form not in _FORMS:
        raise NotFound(f"no contract page {form!r}")
    brand_views.get_contract(daiyun_of(request).read_unit_of_work(), principal.user, code)
    return RedirectResponse(_path(code), status_code=303)


@router.get("/contracts/{code}/breach-notices/{notice}/cured")
def cured_address(request: Request, code: str, notice: int, principal: Signed) -> Response:
    """The cure form's address opened: the contract's page, as form_address."""
    brand_views.get_contract(daiyun_of(request).read_unit_of_work(), principal.user, code)
    return RedirectResponse(_path(code), status_code=303)


@router.post("/contracts/{code}/objection")
def objection_form(
    request: Request,
    code: str,
    principal: Signed,
    uow: Life,
    now: Now,
    on: Annotated[str, Form(max_length=20, pattern=NO_NUL)],
    by: Annotated[str, Form(max_length=20, pattern=NO_NUL)] = "brand",
    reason: Text = "",
) -> Response:
    try:
        party = _choice(Party, by, "by")
        objection = object_to_renewal(
            uow, acting=principal.user, contract_code=code, by=party, on=_day(on, "on"),
            reason=reason, at=now, actor=principal.user.login,
        )  # fmt: skip
    except (_BadForm, BadLifeRecord) as error:
        return _bad(request, error)
    return done(_path(code), "lc_objected", code, objection.objected_on, objection.term)


@router.post("/contracts/{code}/end")
def end_form(
    request: Request,
    code: str,
    principal: Signed,
    uow: Life,
    now: Now,
    on: Annotated[str, Form(max_length=20, pattern=NO_NUL)],
    cause: Short,
    reason: Text = "",
    right: Annotated[str, Form(max_length=200, pattern=NO_NUL)] = "",
) -> Response:
    try:
        chosen = _choice(EndCause, cause, "cause")
        end = end_contract(
            uow, acting=principal.user, contract_code=code, on=_day(on, "on"), cause=chosen,
            reason=reason, right=right.strip() or None, at=now, actor=principal.user.login,
        )  # fmt: skip
    except (_BadForm, BadLifeRecord) as error:
        return _bad(request, error)
    return done(_path(code), "lc_ended", code, end.last_day)


@router.post("/contracts/{code}/breach-notices")
def breach_notice_form(
    request: Request,
    code: str,
    principal: Signed,
    uow: Life,
    now: Now,
    on: Annotated[str, Form(max_length=20, pattern=NO_NUL)],
    by: Short,
    what: Text = "",
) -> Response:
    try:
        party = _choice(Party, by, "by")
        answer = record_breach_notice(
            uow, acting=principal.user, contract_code=code, by=party, on=_day(on, "on"),
            what=what, at=now, actor=principal.user.login,
        )  # fmt: skip
    except (_BadForm, BadLifeRecord) as error:
        return _bad(request, error)
    return done(_path(code), "lc_noticed", answer.notice.id, answer.notice.cure_by)


@router.post("/contracts/{code}/breach-notices/{notice}/cured")
def cured_form(
    request: Request,
    code: str,
    notice: int,
    principal: Signed,
    uow: Life,
    now: Now,
    on: Annotated[str, Form(max_length=20, pattern=NO_NUL)],
) -> Response:
    try:
        cured = record_cure(
            uow, acting=principal.user, notice_id=notice, on=_day(on, "on"), at=now,
            actor=principal.user.login,
        )  # fmt: skip
    except (_BadForm, BadLifeRecord) as error:
        return _bad(request, error)
    return done(_path(code), "lc_cured", cured.id, cured.cured_on)


@router.post("/contracts/{code}/exit")
async def exit_form(
    request: Request,
    code: str,
    principal: Signed,
    now: Now,
    duty: Annotated[str, Form(max_length=40, pattern=NO_NUL)],
    on: Annotated[str, Form(max_length=20, pattern=NO_NUL)],
    note: Text = "",
    evidence: Annotated[UploadFile | None, File()] = None,
) -> Response:
    content: tuple[str, bytes] | None = None
    if evidence is not None and evidence.filename:
        data = await evidence.read(MAX_EVIDENCE_BYTES + 1)
        content = (evidence.filename, data)
    daiyun = daiyun_of(request)

    def record() -> Response:
        try:
            kind = _choice(ExitDutyKind, duty, "duty")
            close_exit_duty(
                daiyun.lifecycle_unit_of_work(), daiyun.attachment_files,
                acting=principal.user, contract_code=code, duty=kind, on=_day(on, "on"),
                note=note, evidence=content, at=now, actor=principal.user.login,
            )  # fmt: skip
        except (_BadForm, BadLifeRecord) as error:
            return _bad(request, error)
        # The duty by its name in the reader's language, not its code.
        name = translator(language_of(request))(f"lc_duty_{kind.value}")
        return done(_path(code), "lc_exit_done", code, name)

    return await run_in_threadpool(record)
