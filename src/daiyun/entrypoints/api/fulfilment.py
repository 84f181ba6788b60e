"""/api/stores/{code}/returns and /api/returns: buyers' return and exchange requests (R-F5).

A request is decided by the store's contract and kept with its decision, as `daiyun return
request` does: accepted, the request as stored (`status` "accepted", `window_ends` the window's
last day, null for quality); refused, 409 whose detail names the window's last day (the refusal
is kept too). The same request again answers what was stored. Recording a request needs the
handle_returns permission (the agency's customer service, store operations, project managers,
administrators); the list is everyone's who may see the brand's orders, their brand's only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from daiyun.domain.fulfilment.returns import MAX_REASON, ReturnKind, ReturnRecord, ReturnRequest
from daiyun.entrypoints.api.auth import Acting, App, Now
from daiyun.entrypoints.api.brands import PageNumber, PageSize
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.schemas import NO_NUL, PageOf
from daiyun.services.errors import Refused
from daiyun.services.fulfilment.returns import (
    BadReturnRequest,
    list_returns,
    refusal_message,
    request_return,
)

__all__ = ["ReturnCreate", "ReturnPublic", "router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["returns"])

StoreCode = Annotated[str, Path(max_length=60)]
_YUAN = r"^-?\d+\.\d{2}$"


class ReturnCreate(BaseModel):
    """A buyer's request: of one order line, or the whole order (`line` null)."""

    order_no: str = Field(min_length=1, max_length=40, pattern=NO_NUL)
    line: int | None = Field(default=None, ge=1, le=100_000)
    kind: ReturnKind
    reason: str = Field(
        min_length=1, max_length=MAX_REASON, pattern=NO_NUL,
        description="quality (no window), or the buyer's reason in words",
    )  # fmt: skip
    received_on: date = Field(description="the day the buyer received the goods (Beijing)")
    requested_on: date = Field(description="the day the buyer asked")


class ReturnedGoodsPublic(BaseModel):
    line: int
    sku: str | None
    units: int
    restocked: int = Field(description="units back into the brand's stock (a return's)")
    warehouse: str
    received_on: date


class RefundPublic(BaseModel):
    """What the platform's order files show refunded of the line (or of the whole order)."""

    units: int
    amount: str = Field(pattern=_YUAN)
    refunded_at: datetime | None


class ReturnPublic(BaseModel):
    """A request as stored, with its decision."""

    status: str = Field(description="accepted or refused")
    window_ends: date | None = Field(description="the window's last day; null for quality")
    window_days: int | None
    id: int
    store: str
    order_no: str
    line: int | None
    kind: ReturnKind
    reason: str
    received_on: date
    requested_on: date
    decided_at: datetime
    decided_by: str
    goods_received: list[ReturnedGoodsPublic]
    refund: RefundPublic

    @classmethod
    def of(cls, record: ReturnRecord) -> ReturnPublic:
        request, decision = record.request, record.decision
        return cls(
            status=decision.decision.value, window_ends=decision.window_ends,
            window_days=decision.window_days, id=record.id, store=request.store,
            order_no=request.order_no, line=request.line_no, kind=request.kind,
            reason=request.reason, received_on=request.received_on,
            requested_on=request.requested_on, decided_at=record.decided_at,
            decided_by=record.decided_by,
            goods_received=[
                ReturnedGoodsPublic(
                    line=goods.line_no, sku=goods.sku, units=goods.units,
                    restocked=goods.restocked, warehouse=goods.warehouse,
                    received_on=goods.received_on,
                )
                for goods in record.goods
            ],
            refund=RefundPublic(
                units=record.refund_units, amount=record.refund_amount.yuan_text(),
                refunded_at=record.refunded_at,
            ),
        )  # fmt: skip


@router.post("/stores/{code}/returns", response_model=ReturnPublic)
def request_a_return(
    code: StoreCode, body: ReturnCreate, app: App, acting: Acting, now: Now
) -> ReturnPublic:
    """Record a buyer's return or exchange request; accepted, or 409 naming the window's last
    day (R-F5)."""
    request = ReturnRequest(
        store=code, order_no=body.order_no, line_no=body.line, kind=body.kind,
        reason=body.reason, received_on=body.received_on, requested_on=body.requested_on,
    )  # fmt: skip
    try:
        answer = request_return(app.fulfilment_unit_of_work(), acting, request=request, at=now)
    except BadReturnRequest as error:
        raise RequestValidationError(
            [{"loc": ["body"], "msg": str(error), "type": "value_error"}]
        ) from error
    if not answer.record.decision.accepted:
        raise Refused(refusal_message(answer.record))
    return ReturnPublic.of(answer.record)


@router.get("/returns", response_model=PageOf[ReturnPublic])
def returns(
    app: App,
    acting: Acting,
    store: Annotated[str | None, Query(max_length=60, description="only this store")] = None,
    page: PageNumber = 1,
    size: PageSize = 50,
) -> PageOf[ReturnPublic]:
    """Return and exchange requests you may see, newest request first."""
    found, total = list_returns(
        app.fulfilment_unit_of_work(read_only=True), acting, store_code=store,
        limit=size, offset=(page - 1) * size,
    )  # fmt: skip
    return PageOf[ReturnPublic](
        items=[ReturnPublic.of(record) for record in found], page=page, size=size, total=total
    )
