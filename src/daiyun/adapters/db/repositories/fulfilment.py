"""Fulfilment and after-sales in the database (issue 19): stock lists and receipts, what the
brand's stores sold and took back (R-F1), a store's paid orders for the SLA (R-F2, R-F6), and
return requests with the goods received back (R-F5).

What sold is one set-based query over the stored order lines, made when asked: an order line is
stored once by its natural key (order, line number), so however often an export is imported
again its units count once, and the import itself does no extra work. It reads the brand's
orders paid in a span through the store and the order's payment time; no index serves that
span yet (one on sales_order (store_id, paid_at) would, at a cost to every import).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    exists,
    func,
    insert,
    not_,
    or_,
    select,
)

from daiyun.adapters.db.fulfilment_tables import (
    return_receipt,
    return_request,
    stock_list,
    stock_list_item,
    stock_receipt,
)
from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.tables import brand, order_line, sales_order, sku, store
from daiyun.domain.calendar import Period
from daiyun.domain.catalog import Fulfilment
from daiyun.domain.fulfilment import PaidOrder
from daiyun.domain.fulfilment.returns import (
    Decision,
    ReturnDecision,
    ReturnedGoods,
    ReturnKind,
    ReturnRecord,
    ReturnRequest,
)
from daiyun.domain.fulfilment.stock import (
    StockCount,
    StockListHeader,
    StockReceipt,
    StockRow,
)
from daiyun.domain.money import Money
from daiyun.domain.orders import OrderStatus

__all__ = ["SqlReturnRepository", "SqlShippingQueries", "SqlStockRepository"]

_CLOSED = OrderStatus.CLOSED.value
_PHYSICAL = Fulfilment.PHYSICAL.value
_DIGITAL = Fulfilment.DIGITAL.value
_WHOLE_ORDER = 0  # return_request.line_no of a request on the whole order


class SqlStockRepository:
    """A brand's stock lists, receipts, and what its stores sold and took back (R-F1)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _brand_id(self, brand_code: str) -> int:
        return brand_id(self._connection, brand_code)

    def _header(self, brand_code: str, row: Any) -> StockListHeader:
        return StockListHeader(
            brand=brand_code,
            as_of=row.as_of,
            file_name=row.file_name,
            sha256=row.sha256,
            imported_at=row.imported_at,
            imported_by=row.imported_by,
        )

    def list_at(self, brand_code: str, as_of: datetime) -> StockListHeader | None:
        row = self._connection.execute(
            select(stock_list).where(
                stock_list.c.brand_id == self._brand_id(brand_code), stock_list.c.as_of == as_of
            )
        ).first()
        return None if row is None else self._header(brand_code, row)

    def latest_list(self, brand_code: str, at: datetime) -> StockListHeader | None:
        row = self._connection.execute(
            select(stock_list)
            .where(stock_list.c.brand_id == self._brand_id(brand_code), stock_list.c.as_of <= at)
            .order_by(stock_list.c.as_of.desc())
            .limit(1)
        ).first()
        return None if row is None else self._header(brand_code, row)

    def listed(self, brand_code: str, as_of: datetime) -> list[StockCount]:
        rows = self._connection.execute(
            select(sku.c.code, stock_list_item.c.warehouse, stock_list_item.c.quantity)
            .select_from(stock_list)
            .join(stock_list_item, stock_list_item.c.list_id == stock_list.c.id)
            .join(sku, sku.c.id == stock_list_item.c.sku_id)
            .where(stock_list.c.brand_id == self._brand_id(brand_code), stock_list.c.as_of == as_of)
        )
        return [StockCount(row.code, row.warehouse, int(row.quantity)) for row in rows]

    def add_list(
        self, header: StockListHeader, rows: Sequence[StockRow], sku_ids: Mapping[str, int]
    ) -> None:
        list_id = self._connection.execute(
            insert(stock_list)
            .values(
                brand_id=self._brand_id(header.brand),
                as_of=header.as_of,
                file_name=header.file_name,
                sha256=header.sha256,
                imported_at=header.imported_at,
                imported_by=header.imported_by,
            )
            .returning(stock_list.c.id)
        ).scalar_one()
        items = [
            {"list_id": list_id, "sku_id": sku_ids[row.sku], "warehouse": row.warehouse,
             "quantity": row.quantity}
            for row in rows
        ]  # fmt: skip
        for start in range(0, len(items), 5000):
            self._connection.execute(insert(stock_list_item), items[start : start + 5000])

    def sku_ids(self, brand_code: str) -> dict[str, int]:
        rows = self._connection.execute(
            select(sku.c.code, sku.c.id).where(
                sku.c.brand_id == self._brand_id(brand_code), sku.c.fulfilment == _PHYSICAL
            )
        )
        return {row.code: int(row.id) for row in rows}

    def add_receipt(self, receipt: StockReceipt, sku_id: int, at: datetime, actor: str) -> bool:
        key = {
            "brand_id": self._brand_id(receipt.brand),
            "sku_id": sku_id,
            "warehouse": receipt.warehouse,
            "received_on": receipt.received_on,
            "quantity": receipt.quantity,
            "reference": receipt.reference,
        }
        known = self._connection.execute(
            select(stock_receipt.c.id).where(
                *(stock_receipt.c[name] == value for name, value in key.items())
            )
        ).first()
        if known is not None:
            return False
        self._connection.execute(
            insert(stock_receipt).values(**key, recorded_at=at, recorded_by=actor)
        )
        return True

    def received(self, brand_code: str, first_day: date, last_day: date) -> list[StockCount]:
        units = func.sum(stock_receipt.c.quantity)
        rows = self._connection.execute(
            select(sku.c.code, stock_receipt.c.warehouse, units.label("units"))
            .join(sku, sku.c.id == stock_receipt.c.sku_id)
            .where(
                stock_receipt.c.brand_id == self._brand_id(brand_code),
                stock_receipt.c.received_on >= first_day,
                stock_receipt.c.received_on <= last_day,
            )
            .group_by(sku.c.code, stock_receipt.c.warehouse)
        )
        return [StockCount(row.code, row.warehouse, int(row.units)) for row in rows]

    def returned(self, brand_code: str, first_day: date, last_day: date) -> list[StockCount]:
        units = func.sum(return_receipt.c.restocked)
        rows = self._connection.execute(
            select(sku.c.code, return_receipt.c.warehouse, units.label("units"))
            .join(sku, sku.c.id == return_receipt.c.sku_id)
            .where(
                return_receipt.c.brand_id == self._brand_id(brand_code),
                return_receipt.c.received_on >= first_day,
                return_receipt.c.received_on <= last_day,
                return_receipt.c.restocked > 0,
            )
            .group_by(sku.c.code, return_receipt.c.warehouse)
        )
        return [StockCount(row.code, row.warehouse, int(row.units)) for row in rows]

    def sold(self, brand_code: str, after: datetime, until: datetime) -> dict[str, int]:
        order, line = sales_order.c, order_line.c
        # Closed before its goods left: the order or the line closed and nothing shipped, or the
        # line refunded before the order shipped (a partial cancellation).
        never_left = or_(
            and_(order.shipped_at.is_(None), or_(order.status == _CLOSED, line.status == _CLOSED)),
            and_(
                line.status == _CLOSED,
                line.refunded_at.is_not(None),
                order.shipped_at.is_not(None),
                line.refunded_at <= order.shipped_at,
            ),
        )
        query = (
            select(sku.c.code, func.sum(line.units).label("units"))
            .select_from(sales_order)
            .join(store, store.c.id == order.store_id)
            .join(order_line, line.order_id == order.id)
            .join(sku, and_(sku.c.brand_id == store.c.brand_id, sku.c.code == line.sku_code))
            .where(
                store.c.brand_id == self._brand_id(brand_code),
                order.paid_at > after,
                order.paid_at <= until,
                sku.c.fulfilment == _PHYSICAL,
                not_(never_left),
            )
            .group_by(sku.c.code)
        )
        return {row.code: int(row.units) for row in self._connection.execute(query) if row.units}


class SqlShippingQueries:
    """A store's paid orders as the SLA reads them (R-F2, R-F6)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def paid_orders(self, store_code: str, paid: Period) -> Iterator[PaidOrder]:
        found = self._connection.execute(
            select(store.c.id, store.c.brand_id).where(store.c.code == store_code)
        ).first()
        if found is None:
            return
        any_line = order_line.alias("any_line")
        line = order_line.alias("physical_line")
        digital_sku = (
            select(sku.c.id)
            .where(
                sku.c.brand_id == found.brand_id,
                sku.c.code == line.c.sku_code,
                sku.c.fulfilment == _DIGITAL,
            )
            .exists()
        )
        # R-F6: an order is digital when it has lines and every one is a digital SKU.
        has_line = exists().where(any_line.c.order_id == sales_order.c.id)
        has_physical = exists().where(line.c.order_id == sales_order.c.id, not_(digital_sku))
        query = (
            select(
                sales_order.c.order_no,
                sales_order.c.paid_at,
                sales_order.c.shipped_at,
                sales_order.c.status,
                has_line.label("has_line"),
                has_physical.label("has_physical"),
            )
            .where(
                sales_order.c.store_id == found.id,
                sales_order.c.paid_at >= paid.start,
                sales_order.c.paid_at < paid.end,
            )
            .order_by(sales_order.c.paid_at, sales_order.c.order_no)
        )
        for row in self._connection.execution_options(yield_per=2000).execute(query):
            yield PaidOrder(
                order_no=row.order_no,
                paid_at=row.paid_at,
                shipped_at=row.shipped_at,
                status=OrderStatus(row.status),
                digital=bool(row.has_line) and not bool(row.has_physical),
            )


class SqlReturnRepository:
    """Return and exchange requests by their natural key, and the goods received back (R-F5)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _order(self, store_code: str, order_no: str, *, lock: bool = False) -> Any:
        """The order's ids; `lock` holds its row to the end of the unit of work (PostgreSQL;
        SQLite has one writer at a time), so that two requests about one order are decided
        one after the other and the same request is kept once."""
        query = (
            select(sales_order.c.id, store.c.id.label("store_id"), store.c.brand_id)
            .join(store, store.c.id == sales_order.c.store_id)
            .where(store.c.code == store_code, sales_order.c.order_no == order_no)
        )
        if lock:
            query = query.with_for_update(of=sales_order)
        return self._connection.execute(query).one()

    def _requests(self) -> Select[Any]:
        return (
            select(
                return_request,
                store.c.code.label("store_code"),
                sales_order.c.order_no,
            )
            .join(store, store.c.id == return_request.c.store_id)
            .join(sales_order, sales_order.c.id == return_request.c.order_id)
        )

    def find(self, request: ReturnRequest) -> ReturnRecord | None:
        order = self._order(request.store, request.order_no, lock=True)
        r = return_request.c
        rows = self._records(
            self._requests().where(
                r.order_id == order.id,
                r.line_no == (request.line_no or _WHOLE_ORDER),
                r.kind == request.kind.value,
                r.reason == request.reason,
                r.received_on == request.received_on,
                r.requested_on == request.requested_on,
            )
        )
        return rows[0] if rows else None

    def add(
        self, request: ReturnRequest, decision: ReturnDecision, at: datetime, actor: str
    ) -> int:
        order = self._order(request.store, request.order_no)
        return int(
            self._connection.execute(
                insert(return_request)
                .values(
                    store_id=order.store_id,
                    order_id=order.id,
                    line_no=request.line_no or _WHOLE_ORDER,
                    kind=request.kind.value,
                    reason=request.reason,
                    received_on=request.received_on,
                    requested_on=request.requested_on,
                    decision=decision.decision.value,
                    window_ends=decision.window_ends,
                    decided_at=at,
                    decided_by=actor,
                )
                .returning(return_request.c.id)
            ).scalar_one()
        )

    def get(self, request_id: int) -> ReturnRecord | None:
        rows = self._records(self._requests().where(return_request.c.id == request_id))
        return rows[0] if rows else None

    def accepted_for_line(
        self, store_code: str, order_no: str, line_no: int
    ) -> ReturnRecord | None:
        order = self._order(store_code, order_no, lock=True)
        r = return_request.c
        rows = self._records(
            self._requests()
            .where(
                r.order_id == order.id,
                r.decision == Decision.ACCEPTED.value,
                r.line_no.in_([line_no, _WHOLE_ORDER]),
            )
            .order_by(r.requested_on.desc(), r.id.desc())
            .limit(1)
        )
        return rows[0] if rows else None

    def goods_of_line(self, store_code: str, order_no: str, line_no: int) -> ReturnedGoods | None:
        order = self._order(store_code, order_no)
        row = self._connection.execute(
            _goods_query().where(order_line.c.order_id == order.id, order_line.c.line_no == line_no)
        ).first()
        return None if row is None else _goods(row)

    def add_goods(
        self, request_id: int, store_code: str, order_no: str, goods: ReturnedGoods,
        at: datetime, actor: str,
    ) -> None:  # fmt: skip
        order = self._order(store_code, order_no)
        line_id = self._connection.execute(
            select(order_line.c.id).where(
                order_line.c.order_id == order.id, order_line.c.line_no == goods.line_no
            )
        ).scalar_one()
        # Back into stock only goods of the catalogue's physical SKUs (R-F6: digital goods have
        # no stock).
        sku_id, restocked = None, 0
        if goods.sku is not None:
            found = self._connection.execute(
                select(sku.c.id, sku.c.fulfilment).where(
                    sku.c.brand_id == order.brand_id, sku.c.code == goods.sku
                )
            ).first()
            if found is not None:
                sku_id = int(found.id)
                restocked = goods.restocked if found.fulfilment == _PHYSICAL else 0
        self._connection.execute(
            insert(return_receipt).values(
                request_id=request_id,
                order_line_id=line_id,
                brand_id=order.brand_id,
                sku_id=sku_id,
                warehouse=goods.warehouse,
                units=goods.units,
                restocked=restocked,
                received_on=goods.received_on,
                recorded_at=at,
                recorded_by=actor,
            )
        )

    def search(
        self,
        brand_codes: tuple[str, ...] | None,
        store_code: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[ReturnRecord], int]:
        conditions: list[ColumnElement[bool]] = []
        if brand_codes is not None:
            conditions.append(
                store.c.brand_id.in_(select(brand.c.id).where(brand.c.code.in_(brand_codes)))
            )
        if store_code is not None:
            conditions.append(store.c.code == store_code)
        query = self._requests().where(*conditions)
        total = self._connection.execute(
            select(func.count()).select_from(query.subquery())
        ).scalar_one()
        r = return_request.c
        page = query.order_by(r.requested_on.desc(), r.id.desc()).limit(limit).offset(offset)
        return self._records(page), int(total)

    def _records(self, query: Select[Any]) -> list[ReturnRecord]:
        rows = self._connection.execute(query).all()
        if not rows:
            return []
        ids = [int(row.id) for row in rows]
        goods: dict[int, list[ReturnedGoods]] = {}
        for row in self._connection.execute(
            _goods_query()
            .add_columns(return_receipt.c.request_id)
            .where(return_receipt.c.request_id.in_(ids))
        ):
            goods.setdefault(int(row.request_id), []).append(_goods(row))
        refunds = self._refunds({int(row.order_id) for row in rows})
        records = []
        for row in rows:
            lines = refunds.get(int(row.order_id), {})
            chosen = [lines[row.line_no]] if row.line_no in lines else []
            if row.line_no == _WHOLE_ORDER:
                chosen = list(lines.values())
            request = ReturnRequest(
                store=row.store_code,
                order_no=row.order_no,
                line_no=None if row.line_no == _WHOLE_ORDER else int(row.line_no),
                kind=ReturnKind(row.kind),
                reason=row.reason,
                received_on=row.received_on,
                requested_on=row.requested_on,
            )
            days = None if row.window_ends is None else (row.window_ends - row.received_on).days
            moments = [each[2] for each in chosen if each[2] is not None]
            records.append(
                ReturnRecord(
                    id=int(row.id),
                    request=request,
                    decision=ReturnDecision(Decision(row.decision), row.window_ends, days),
                    decided_at=row.decided_at,
                    decided_by=row.decided_by,
                    goods=tuple(sorted(goods.get(int(row.id), []), key=lambda g: g.line_no)),
                    refund_units=sum(each[0] for each in chosen),
                    refund_amount=Money(sum(each[1] for each in chosen)),
                    refunded_at=max(moments) if moments else None,
                )
            )
        return records

    def _refunds(self, order_ids: set[int]) -> dict[int, dict[int, tuple[int, int, Any]]]:
        """Per order and line: refunded units, fen and when, as the platform's files show."""
        found: dict[int, dict[int, tuple[int, int, Any]]] = {}
        rows = self._connection.execute(
            select(
                order_line.c.order_id,
                order_line.c.line_no,
                order_line.c.refund_units,
                order_line.c.refund_fen,
                order_line.c.refunded_at,
            ).where(order_line.c.order_id.in_(sorted(order_ids)))
        )
        for row in rows:
            found.setdefault(int(row.order_id), {})[int(row.line_no)] = (
                int(row.refund_units),
                int(row.refund_fen),
                row.refunded_at,
            )
        return found


def _goods_query() -> Select[Any]:
    return select(
        order_line.c.line_no,
        order_line.c.sku_code,
        return_receipt.c.warehouse,
        return_receipt.c.units,
        return_receipt.c.restocked,
        return_receipt.c.received_on,
    ).join(order_line, order_line.c.id == return_receipt.c.order_line_id)


def _goods(row: Any) -> ReturnedGoods:
    return ReturnedGoods(
        line_no=int(row.line_no),
        sku=row.sku_code,
        warehouse=row.warehouse,
        units=int(row.units),
        restocked=int(row.restocked),
        received_on=row.received_on,
    )
