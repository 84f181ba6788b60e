"""The operations desk /operations (issue 19, point 7): today's shipping breaches (R-F2),
stockouts (R-F3), returns to handle (R-F5) and mis-shipments (R-F4), each with its deadline,
most urgent first, filterable by brand and store — for the agency's people who may see
orders; a brand's people see the same page of their own goods only (R-D2: another brand's or
store's is not found). Its forms, each a thin call of a use case:

- a buyer's return or exchange request recorded (POST /operations/returns), as `daiyun return
  request` and POST /api/stores/{code}/returns: accepted, the page says so with the window's
  last day; refused by the window (R-F5), the desk again (409) naming its last day — the
  refused request is kept with its decision, as the use case keeps it;
- a stockout's task done (POST /operations/stockouts/done), as `daiyun stock stockout-done`;
- a return's goods received (POST /operations/returns/receive), as `daiyun return receive`;
- a mis-shipment seen by the brand (POST /operations/misshipments/{id}/seen) — the notice on
  the portal's home until then (R-F4: the brand told at once).

Refused (409) or a form that cannot be read (422), the desk again with why beside the form.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, TypedDict
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from daiyun.domain.calendar import SHANGHAI, business_date
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.fulfilment.returns import QUALITY, ReturnKind, ReturnRequest
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.rendering import done, render
from daiyun.services import oversight
from daiyun.services.errors import Refused
from daiyun.services.fulfilment.desk import (
    DeskUnitOfWork,
    mark_misshipment_seen,
    mark_stockout_done,
    operations_desk,
    unseen_misshipments,
)
from daiyun.services.fulfilment.returns import (
    BadReturnRequest,
    receive_returned_goods,
    refusal_message,
    request_return,
)
from daiyun.services.fulfilment.stockouts import BadStockoutNote

__all__ = ["misshipment_notices", "router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
Code = Annotated[str, Form(min_length=1, max_length=64, pattern=NO_NUL)]
Note = Annotated[str, Form(max_length=2000, pattern=NO_NUL)]
Short = Annotated[str, Form(max_length=20, pattern=NO_NUL)]
_DEFAULT_HOURS = ContractTerms().shipping_sla_hours


def _uow(request: Request) -> DeskUnitOfWork:
    """The fulfilment unit of work: read only for GET and HEAD."""
    reading = request.method in {"GET", "HEAD"}
    return daiyun_of(request).fulfilment_unit_of_work(read_only=reading)


def _moment(moment: datetime | None) -> str:
    """A moment in Beijing time to the second."""
    if moment is None:
        return "—"
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def _address(brand: str | None, store: str | None) -> str:
    query = {key: value for key, value in (("brand", brand), ("store", store)) if value}
    return "/operations" + (f"?{urlencode(query)}" if query else "")


class _Again(TypedDict):
    """What a form's page is shown again with: the desk's filters and what was entered."""

    brand: str | None
    store: str | None
    entered: dict[str, str] | None


def _page(
    request: Request,
    principal: Principal,
    uow: Uow,
    now: Any,
    *,
    brand: str | None,
    store: str | None,
    error: tuple[str, str] | None = None,
    status_code: int = 200,
    entered: dict[str, str] | None = None,
) -> HTMLResponse:
    user = principal.user
    desk = operations_desk(_uow(request), user, at=now, brand_code=brand, store_code=store)
    brand_view = user.role.is_brand_role
    context = {
        "desk": desk,
        "brand_view": brand_view,
        "brand": brand or "",
        "store": store or "",
        "brand_names": oversight.brand_names(uow, user),
        "default_hours": _DEFAULT_HOURS,
        "today": desk.on,
        "errors": {error[0]: error[1]} if error else {},
        "back": _address(brand, store),
        # The return request form's fields as entered, kept when it is refused (R-F5).
        "entered": entered or {},
        # Moments to the second: a breach of one second is one hour late (R-F2).
        "moment": _moment,
    }
    return render(request, "operations.html", principal, context, status_code=status_code)


@router.get("/operations", response_class=HTMLResponse)
def operations(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    brand: str | None = None,
    store: str | None = None,
) -> HTMLResponse:
    """Today's breaches, stockouts, returns and mis-shipments with their deadlines."""
    return _page(request, principal, uow, now, brand=brand or None, store=store or None)


_REQUEST_FORM = "return-request"


def _day(text: str, which: str) -> date:
    """A day of the request form, or BadReturnRequest saying which and what was given."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadReturnRequest(f"{which}, not {text.strip()!r}") from None


@router.post("/operations/returns")
def return_requested(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    store: Code,
    order: Code,
    kind: Annotated[ReturnKind, Form()],
    received_on: Short,
    requested_on: Short,
    line: Short = "",
    quality: Short = "",
    reason: Annotated[str, Form(max_length=2000, pattern=NO_NUL)] = "",
    back_brand: Annotated[str, Form(max_length=64, pattern=NO_NUL)] = "",
    back_store: Annotated[str, Form(max_length=64, pattern=NO_NUL)] = "",
) -> Response:
    """R-F5: a buyer's return or exchange request recorded from the desk, decided by the
    store's contract as `daiyun return request`: quality at any time, otherwise within the
    window counted from the day after receipt."""
    entered = {
        "store": store, "order": order, "line": line, "kind": kind.value, "quality": quality,
        "reason": reason, "received_on": received_on, "requested_on": requested_on,
    }  # fmt: skip
    again = _Again(brand=back_brand or None, store=back_store or None, entered=entered)
    try:
        line_no = None
        if line.strip():
            if not line.strip().isdigit() or not 1 <= int(line.strip()) <= 100_000:
                raise BadReturnRequest(
                    f"an order line is a whole number from 1 to 100000, not {line.strip()!r}"
                )
            line_no = int(line.strip())
        asked = ReturnRequest(
            store=store, order_no=order.strip(), line_no=line_no, kind=kind,
            reason=QUALITY if quality else reason,
            received_on=_day(
                received_on, "the day the buyer received the goods is a date like 2026-10-10"
            ),
            requested_on=_day(requested_on, "the day the buyer asked is a date like 2026-10-17"),
        )  # fmt: skip
        answer = request_return(_uow(request), principal.user, request=asked, at=now)
    except (Refused, BadReturnRequest) as error:
        status = 422 if isinstance(error, BadReturnRequest) else 409
        return _page(
            request, principal, uow, now, **again, error=(_REQUEST_FORM, str(error)),
            status_code=status,
        )  # fmt: skip
    record = answer.record
    if not record.decision.accepted:
        # Kept with its decision (R-F5: refused with the reason), said beside the form.
        message = refusal_message(record)
        return _page(
            request, principal, uow, now, **again, error=(_REQUEST_FORM, message),
            status_code=409,
        )  # fmt: skip
    ends = record.decision.window_ends
    target = _address(back_brand, back_store)
    if ends is None:
        return done(target, "ops_request_quality", record.request.order_no)
    return done(target, "ops_request_accepted", record.request.order_no, ends.isoformat())


@router.post("/operations/stockouts/done")
def stockout_task_done(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    brand: Code,
    sku: Code,
    note: Note,
    store: Annotated[str, Form(max_length=64, pattern=NO_NUL)] = "",
    back_brand: Annotated[str, Form(max_length=64, pattern=NO_NUL)] = "",
    back_store: Annotated[str, Form(max_length=64, pattern=NO_NUL)] = "",
) -> Response:
    """R-F3: the stockout's task done with what was done (taken off sale, supply corrected)."""
    try:
        finished = mark_stockout_done(
            _uow(request), principal.user, brand_code=brand, sku_code=sku,
            store_code=store or None, note=note, at=now,
        )  # fmt: skip
    except (Refused, BadStockoutNote) as error:
        status = 422 if isinstance(error, BadStockoutNote) else 409
        return _page(
            request, principal, uow, now, brand=back_brand or None, store=back_store or None,
            error=(f"stockout-{store}-{sku}", str(error)), status_code=status,
        )  # fmt: skip
    return done(_address(back_brand, back_store), "ops_stockout_done", sku, len(finished))


@router.post("/operations/returns/receive")
def return_goods_received(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    store: Code,
    order: Code,
    line: Annotated[int, Form(ge=1, le=100_000)],
    on: Short,
    back_brand: Annotated[str, Form(max_length=64, pattern=NO_NUL)] = "",
    back_store: Annotated[str, Form(max_length=64, pattern=NO_NUL)] = "",
) -> Response:
    """R-F5 → R-F1: the goods of an accepted request's line received back on the day given."""
    key = f"return-{store}-{order}-{line}"
    again = _Again(brand=back_brand or None, store=back_store or None, entered=None)
    try:
        day = date.fromisoformat(on.strip()) if on.strip() else business_date(now)
    except ValueError:
        message = f"the day the goods came back is a date like 2026-10-19, not {on.strip()!r}"
        return _page(request, principal, uow, now, **again, error=(key, message), status_code=422)
    try:
        answer = receive_returned_goods(
            _uow(request), principal.user, store_code=store, order_no=order, line_no=line,
            received_on=day, at=now,
        )  # fmt: skip
    except (Refused, BadReturnRequest) as error:
        status = 422 if isinstance(error, BadReturnRequest) else 409
        return _page(
            request, principal, uow, now, **again, error=(key, str(error)), status_code=status
        )
    said = "ops_received" if answer.new else "ops_received_before"
    return done(_address(back_brand, back_store), said, order, line)


@router.post("/operations/misshipments/{misshipment_id}/seen")
def misshipment_seen(
    request: Request, principal: Signed, now: Now, misshipment_id: int, back: Short = ""
) -> Response:
    """R-F4: someone of the brand has seen the mis-shipment; the portal's notice goes."""
    mark_misshipment_seen(_uow(request), principal.user, misshipment_id=misshipment_id, at=now)
    target = "/operations#misshipments" if back == "operations" else "/"
    return done(target, "ops_seen", misshipment_id)


def misshipment_notices(request: Request, principal: Principal) -> list[Any]:
    """The brand's mis-shipments none of its people has seen: the portal home's notices."""
    return list(unseen_misshipments(_uow(request), principal.user))
