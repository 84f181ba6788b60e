"""/api/stores/{code}/returns and /api/returns: buyers' return and exchange requests (R-F5);
and the operations desk's lists (issue 19, point 7): /api/shipping/breaches (R-F2, the JSON of
`daiyun shipping breaches --json`), /api/stockouts (R-F3), /api/misshipments (R-F4) and
/api/stock/{brand} (R-F1, as `daiyun stock show --json`) — a brand's token sees its own
brand's only; another brand's brand or store is not found (R-D2).

A request is decided by the store's contract and kept with its decision, as `daiyun return
request` does: accepted, the request as stored (`status` "accepted", `window_ends` the window's
last day, null for quality); refused, 409 whose detail names the window's last day (the refusal
is kept too). The same request again answers what was stored. Recording a request needs the
handle_returns permission (the agency's customer service, store operations, project managers,
administrators); the list is everyone's who may see the brand's orders, their brand's only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from daiyun.domain.calendar import SHANGHAI, Month, business_date
from daiyun.domain.fulfilment.desk import DeskStockout, SeenMisShipment
from daiyun.domain.fulfilment.returns import MAX_REASON, ReturnKind, ReturnRecord, ReturnRequest
from daiyun.domain.fulfilment.stock import StockPosition
from daiyun.entrypoints.api.auth import Acting, App, Now
from daiyun.entrypoints.api.brands import PageNumber, PageSize
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.schemas import NO_NUL, PageOf
from daiyun.services.errors import Refused
from daiyun.services.fulfilment.desk import brand_stock, visible_misshipments, visible_stockouts
from daiyun.services.fulfilment.returns import (
    BadReturnRequest,
    list_returns,
    refusal_message,
    request_return,
)
from daiyun.services.fulfilment.shipping import shipping_month

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


# — the operations desk's lists (issue 19, point 7) —

_MONTH = r"^\d{4}-\d{2}$"
At = Annotated[
    datetime | None,
    Query(description="the moment (ISO 8601; without an offset, Beijing time); default now"),
]
BrandQuery = Annotated[str | None, Query(max_length=60, description="only this brand")]
StoreQuery = Annotated[str | None, Query(max_length=60, description="only this store")]


def _moment(at: datetime | None, now: datetime) -> datetime:
    if at is None:
        return now
    return at if at.tzinfo is not None else at.replace(tzinfo=SHANGHAI)


def _iso(moment: datetime | None) -> str | None:
    """A moment in Beijing time, as interfaces.md writes them."""
    return None if moment is None else moment.astimezone(SHANGHAI).isoformat()


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _bad(where: str, message: str) -> RequestValidationError:
    return RequestValidationError(
        [{"loc": ["query", where], "msg": message, "type": "value_error"}]
    )


@router.get("/shipping/breaches", tags=["operations"])
def shipping_breaches(
    app: App,
    acting: Acting,
    now: Now,
    store: Annotated[str, Query(max_length=60, description="the store's code")],
    month: Annotated[str, Query(pattern=_MONTH, description="the month paid in, YYYY-MM")],
    at: At = None,
) -> dict[str, Any]:
    """R-F2, R-F6: the store's orders paid in the month that shipped later than its contract's
    hours, or are still unshipped past them as of `at` — the JSON of `daiyun shipping
    breaches --json`."""
    try:
        chosen = Month.parse(month)
    except ValueError as error:
        raise _bad("month", str(error)) from error
    judged = shipping_month(
        app.fulfilment_unit_of_work(read_only=True), acting, store_code=store, month=chosen,
        as_of=_moment(at, now),
    )  # fmt: skip
    return {
        "store": judged.store,
        "month": str(judged.month),
        "breaches": [
            {
                "order_no": late.order_no,
                "paid_at": _iso(late.paid_at),
                "ship_by": _iso(late.ship_by),
                "shipped_at": _iso(late.shipped_at),
                "hours_late": late.hours_late,
                "open": late.shipped_at is None,
            }
            for late in judged.breaches
        ],
    }


def _stockout(row: DeskStockout) -> dict[str, Any]:
    """A stockout as `daiyun stock stockouts --json` writes it (R-F3), with its brand."""
    each = row.stockout
    return {
        "brand": each.brand,
        "store": each.store,
        "sku": each.sku,
        "started_at": _iso(each.started_at),
        "started_on": each.started_on.isoformat(),
        "notice_by": each.duties.notice_by.isoformat(),
        "replenish_by": each.duties.replenish_by.isoformat(),
        "state": row.state.value,
        "deadline": row.deadline.isoformat(),
        "ended_at": _iso(each.ended_at),
        "done_at": _iso(each.done_at),
        "done_by": each.done_by,
        "done_note": each.done_note,
    }


@router.get("/stockouts", tags=["operations"])
def stockouts(
    app: App, acting: Acting, now: Now, brand: BrandQuery = None, store: StoreQuery = None,
    at: At = None,
) -> dict[str, Any]:  # fmt: skip
    """R-F3: the open stockouts as of `at`, the earliest deadline first: the brand's notice
    and replenishment days, then the operator's task to take the listing off sale."""
    moment = _moment(at, now)
    found = visible_stockouts(
        app.fulfilment_unit_of_work(read_only=True), acting, at=moment, brand_code=brand,
        store_code=store,
    )  # fmt: skip
    return {
        "at": _iso(moment),
        "on": business_date(moment).isoformat(),
        "stockouts": [_stockout(row) for row in found],
    }


def _misshipment(each: SeenMisShipment) -> dict[str, Any]:
    """A mis-shipment as `daiyun misship list --json` writes it (R-F4), with the brand's
    first sight of it on the portal."""
    record, report = each.record, each.record.report
    return {
        "id": record.id,
        "brand": record.brand,
        "store": report.store,
        "order_no": report.order_no,
        "line": report.line_no,
        "ordered_sku": report.ordered_sku,
        "sent_sku": report.sent_sku,
        "report": report.report,
        "attachments": [
            {"file_name": file.file_name, "sha256": file.sha256, "size": file.size}
            for file in record.attachments
        ],
        "recorded_at": _iso(record.recorded_at),
        "recorded_by": record.recorded_by,
        "seen_at": _iso(each.seen_at),
        "seen_by": each.seen_by,
    }


@router.get("/misshipments", tags=["operations"])
def misshipments(
    app: App, acting: Acting, brand: BrandQuery = None, store: StoreQuery = None
) -> dict[str, Any]:
    """R-F4: the mis-shipments you may see, newest first (200 at most), each with when the
    brand first saw it."""
    found = visible_misshipments(
        app.fulfilment_unit_of_work(read_only=True), acting, brand_code=brand, store_code=store
    )
    return {"misshipments": [_misshipment(each) for each in found]}


def _position(position: StockPosition, names: dict[str, str]) -> dict[str, Any]:
    return {
        "sku": position.sku,
        "name": names.get(position.sku),
        "listed": position.listed,
        "received": position.received,
        "sold": position.sold,
        "returned": position.returned,
        "on_hand": position.on_hand,
        "sold_last_30_days": position.sold_recently,
        "days_of_cover": position.days_of_cover,
        "warehouses": [
            {
                "warehouse": each.warehouse,
                "listed": each.listed,
                "received": each.received,
                "returned": each.returned,
                "stocked": each.stocked,
            }
            for each in position.warehouses
        ],
    }


@router.get("/stock/{brand}", tags=["operations"])
def stock(
    app: App, acting: Acting, now: Now, brand: Annotated[str, Path(max_length=60)], at: At = None
) -> dict[str, Any]:
    """R-F1: each SKU on hand as of `at` with days of cover — the JSON of `daiyun stock show
    --json`; 409 while the brand has no stock list as of `at`."""
    moment = _moment(at, now)
    report = brand_stock(
        app.fulfilment_unit_of_work(read_only=True), acting, brand_code=brand, at=moment
    )
    return {
        "brand": brand,
        "at": _iso(moment),
        "list_as_of": _iso(report.list_header.as_of),
        "list_file": report.list_header.file_name,
        "skus": [_position(position, report.names) for position in report.positions],
    }
