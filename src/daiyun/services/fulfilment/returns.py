"""Use cases of returns and exchanges (R-F5): a buyer's request decided by the contract's
windows and kept with its decision; the goods of an accepted request received back, a return's
into the brand's stock (R-F1); the requests listed with what the platform's files show refunded.

A refused request is kept too (R-F5: refused with the reason): the use case records it and
answers the decision; the command line then exits 1 and the API answers 409, each naming the
window's last day. The same request again (every field the same) is answered from what was
stored, and stores nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from daiyun.domain.agency import User
from daiyun.domain.calendar import business_date
from daiyun.domain.fulfilment.returns import (
    MAX_REASON,
    ReturnedGoods,
    ReturnKind,
    ReturnRecord,
    ReturnRequest,
    decide_return,
)
from daiyun.domain.fulfilment.stock import MAX_WAREHOUSE
from daiyun.domain.orders.search import OrderSummary
from daiyun.domain.permissions import Permission
from daiyun.services.errors import NotFound, Refused
from daiyun.services.fulfilment.ports import FulfilmentUnitOfWork
from daiyun.services.scope import require_on_brand, visible_brands

__all__ = [
    "BadReturnRequest",
    "ReturnAnswer",
    "list_returns",
    "receive_returned_goods",
    "refusal_message",
    "request_return",
]


class BadReturnRequest(ValueError):
    """The request itself is wrong (a reason too long, asked before the goods were received):
    bad input (exit 2, HTTP 422), nothing stored."""


@dataclass(frozen=True)
class ReturnAnswer:
    """The stored request with its decision; `new` is False when it was stored before."""

    record: ReturnRecord
    new: bool


def refusal_message(record: ReturnRecord) -> str:
    """Why a request was refused, naming the window's last day (R-F5)."""
    request, decision = record.request, record.decision
    ends = decision.window_ends.isoformat() if decision.window_ends is not None else "?"
    days, received = decision.window_days, request.received_on.isoformat()
    asked = request.requested_on.isoformat()
    if request.kind is ReturnKind.EXCHANGE:
        return (
            f"refused: an exchange for a reason other than quality may be asked until {ends}, "
            f"{days} days from the day after the goods were received on {received}; it was "
            f"asked on {asked} (R-F5)"
        )
    return (
        f"refused: a return for a reason other than quality may be asked until {ends}, "
        f"{days} days from the day after the goods were received on {received}; it was asked "
        f"on {asked} (R-F5)"
    )


def request_return(
    uow: FulfilmentUnitOfWork,
    acting: User,
    *,
    request: ReturnRequest,
    at: datetime,
) -> ReturnAnswer:
    """Decide the buyer's request by the store's contract and keep it with its decision."""
    reason = request.reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise BadReturnRequest(
            f"a reason is 'quality' or up to {MAX_REASON} characters of words; it is empty or "
            "too long"
        )
    if request.requested_on < request.received_on:
        raise BadReturnRequest(
            f"the request on {request.requested_on.isoformat()} comes before the goods were "
            f"received on {request.received_on.isoformat()}"
        )
    request = replace(request, reason=reason)
    with uow:
        order = _order(uow, acting, request.store, request.order_no, Permission.HANDLE_RETURNS)
        if order.paid_at is None:
            raise Refused(
                f"order {request.order_no} of store {request.store} was never paid: there is "
                "nothing to return or exchange"
            )
        if request.line_no is not None and request.line_no not in _line_numbers(order):
            raise NotFound(
                f"order {request.order_no} of store {request.store} has no line "
                f"{request.line_no}; it has {_line_list(order)}"
            )
        paid_on = business_date(order.paid_at)
        if request.received_on < paid_on:
            raise BadReturnRequest(
                f"the goods cannot have been received on {request.received_on.isoformat()}, "
                f"before the order was paid on {paid_on.isoformat()}"
            )
        stored = uow.returns.find(request)
        if stored is not None:
            return ReturnAnswer(stored, new=False)
        store = uow.stores.get(request.store)
        contract = None if store is None else uow.contracts.get(store.contract_code)
        if contract is None:
            raise NotFound(f"no contract for store {request.store}")
        decision = decide_return(
            request.kind, request.reason, received_on=request.received_on,
            requested_on=request.requested_on, return_days=contract.terms.return_days,
            exchange_days=contract.terms.exchange_days,
        )  # fmt: skip
        request_id = uow.returns.add(request, decision, at, acting.login)
        record = uow.returns.get(request_id)
        uow.commit()
    assert record is not None
    return ReturnAnswer(record, new=True)


def receive_returned_goods(
    uow: FulfilmentUnitOfWork,
    acting: User,
    *,
    store_code: str,
    order_no: str,
    line_no: int,
    received_on: date,
    units: int | None = None,
    warehouse: str = "",
    at: datetime,
) -> ReturnAnswer:
    """The goods of an order line under an accepted request received back on `received_on`: a
    return's go back into the brand's stock (R-F5 → R-F1), an exchange's go out again. Once per
    line: the same receipt again changes nothing; another is refused."""
    if len(warehouse) > MAX_WAREHOUSE:
        raise BadReturnRequest(f"a warehouse name has at most {MAX_WAREHOUSE} characters")
    with uow:
        order = _order(uow, acting, store_code, order_no, Permission.HANDLE_RETURNS)
        line = next((each for each in order.lines if each.line_no == line_no), None)
        if line is None:
            raise NotFound(
                f"order {order_no} of store {store_code} has no line {line_no}; it has "
                f"{_line_list(order)}"
            )
        accepted = uow.returns.accepted_for_line(store_code, order_no, line_no)
        if accepted is None:
            raise Refused(
                f"order {order_no} line {line_no} of store {store_code} has no accepted return "
                "or exchange: record the buyer's request first (daiyun return request)"
            )
        count = line.units if units is None else units
        if not 0 < count <= line.units:
            raise BadReturnRequest(
                f"units received back are 1 to the line's {line.units}, not {count}"
            )
        if received_on < accepted.request.requested_on:
            raise BadReturnRequest(
                f"goods received back on {received_on.isoformat()}, before the request of "
                f"{accepted.request.requested_on.isoformat()}"
            )
        restocked = count if accepted.request.kind is ReturnKind.RETURN else 0
        goods = ReturnedGoods(line_no, line.sku_code, warehouse, count, restocked, received_on)
        known = uow.returns.goods_of_line(store_code, order_no, line_no)
        if known is not None:
            same = (known.units, known.warehouse, known.received_on) == (
                goods.units, goods.warehouse, goods.received_on,
            )  # fmt: skip
            if same:
                return ReturnAnswer(accepted, new=False)
            raise Refused(
                f"the goods of order {order_no} line {line_no} were received back on "
                f"{known.received_on.isoformat()} already ({known.units} units)"
            )
        uow.returns.add_goods(accepted.id, store_code, order_no, goods, at, acting.login)
        record = uow.returns.get(accepted.id)
        uow.commit()
    assert record is not None
    return ReturnAnswer(record, new=True)


def list_returns(
    uow: FulfilmentUnitOfWork,
    acting: User,
    *,
    store_code: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[ReturnRecord], int]:
    """Requests the user may see (R-D2), newest first, and how many there are."""
    brands = visible_brands(acting, Permission.VIEW_ORDERS)
    with uow:
        if store_code is not None:
            missing = f"no store with code {store_code!r}"
            store = uow.stores.get(store_code)
            if store is None:
                raise NotFound(missing)
            require_on_brand(acting, Permission.VIEW_ORDERS, store.brand_code, missing=missing)
        return uow.returns.search(brands, store_code, limit, offset)


def _order(
    uow: FulfilmentUnitOfWork, acting: User, store_code: str, order_no: str, action: Permission
) -> OrderSummary:
    """The store's order, once `acting` may act on its brand; another brand's is not found."""
    missing = f"no store with code {store_code!r}"
    store = uow.stores.get(store_code)
    if store is None:
        raise NotFound(missing)
    require_on_brand(acting, action, store.brand_code, missing=missing)
    order = uow.order_queries.get(store_code, order_no)
    if order is None:
        raise NotFound(f"no order {order_no!r} in store {store_code!r}")
    return order


def _line_numbers(order: OrderSummary) -> set[int]:
    return {line.line_no for line in order.lines}


def _line_list(order: OrderSummary) -> str:
    return ", ".join(str(number) for number in sorted(_line_numbers(order))) or "no lines"
